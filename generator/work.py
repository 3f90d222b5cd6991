"""Doing the same job for many briefings, on both cores when there are enough to be worth a
second process; and a pack's pieces, from the cache when nothing changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError

PARALLEL_FROM = 6  # fewer briefings than this are quicker in one process


_worker_theme = None


def _init_worker(theme_path: Path | None, parent: int) -> None:
    global _worker_theme
    _end_with_parent(parent)
    if _worker_theme is None:  # else inherited from the parent when processes are forked
        _worker_theme = _loaded(theme_path)


def worker_theme():
    """The theme loaded in this worker process (see :func:`run_many`)."""
    return _worker_theme


def workers(count: int) -> int:
    return min(os.cpu_count() or 1, 2 if count >= PARALLEL_FROM else 1)


def run_many(function: Callable, items: list, theme_path: Path | None, theme, *, tick: Callable[[], None]) -> list:
    """``function(item, theme)`` for each item, in order: in a pool of processes if there are
    enough items. The workers end when this process ends, however it ends (see
    :func:`_end_with_parent`), and are stopped at once if this process is interrupted."""
    jobs = workers(len(items))
    if jobs <= 1:
        results = []
        for item in items:
            results.append(function(item, theme))
            tick()
        return results
    global _worker_theme
    _worker_theme = theme  # forked workers start with it, and with everything already imported
    import multiprocessing  # here, not at the top: one briefing needs no pool (15 ms of start-up)

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(theme_path, os.getpid())) as pool:
        results = []  # leaving the block, normally or not, terminates the workers
        for result in pool.imap(_call, [(function, item) for item in items],
                                chunksize=max(1, len(items) // (jobs * 4))):
            results.append(result)
            tick()
        return results


def _call(job):
    function, item = job
    return function(item, _worker_theme)


def _end_with_parent(parent: int) -> None:
    """End this worker if the process that started it ends (killed, or stopped by a signal),
    instead of waiting for work that will never come."""
    import signal
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True, name="end-with-parent").start()


def _loaded(theme_path: Path | None):
    from generator.theme import load_theme

    return load_theme(theme_path)


@dataclass
class Piece:
    """One briefing ready for a pack: what the pack needs to know of it, and its drawn pages."""

    source: Path
    summary: object = None  # generator.summary.BriefingSummary
    tops: tuple[tuple[int, float], ...] = ()  # each section's number and the top of its box
    pdf: bytes = b""  # its drawn pages (generator.render.pack.render_piece)
    shared: tuple = ()  # what its fonts, images and forms are (generator.assembly.resource_keys)
    problems: list[Problem] = field(default_factory=list)
    drawn: bool = False  # False: it came from the cache

    def record(self) -> dict:
        """What the cache keeps of it beside its PDF, as JSON data."""
        return {"summary": self.summary.to_data(), "tops": [list(top) for top in self.tops],
                "shared": [[page, kind, name, key.hex()] for page, kind, name, key in self.shared]}

    @classmethod
    def cached(cls, source: Path, record, pdf: bytes) -> Piece | None:
        """A piece from its cache record and PDF, named after the file it is for now (the cache
        is keyed by content: the same briefing may have had another name); None if the record
        is not one :meth:`record` wrote."""
        from dataclasses import replace

        from generator.errors import display_path
        from generator.summary import BriefingSummary

        try:
            summary = replace(BriefingSummary.from_data(record["summary"]), id=source.stem,
                              source=display_path(source))
            tops = tuple((int(number), float(top)) for number, top in record["tops"])
            shared = tuple((int(page), str(kind), str(name), bytes.fromhex(key))
                           for page, kind, name, key in record["shared"])
        except (KeyError, TypeError, ValueError):
            return None
        return cls(source, summary, tops, pdf, shared)


def _draw_piece(item, theme) -> Piece:
    """Lay out a briefing and draw its pack pages."""
    from generator.assembly import resource_keys
    from generator.layout.page import plan_page
    from generator.loading import load_briefing
    from generator.render.pack import PackEntry, render_piece
    from generator.summary import BriefingSummary

    path, record_sheet = item
    try:
        briefing = load_briefing(path)
        summary, plan = BriefingSummary.of(briefing), plan_page(briefing, theme)
    except UserError as error:
        return Piece(path, problems=error.problems)
    tops = tuple((section.number, section.box[1] + section.box[3]) for section in plan.sections)
    data = render_piece(PackEntry(summary, plan), theme, record_sheet=record_sheet)
    return Piece(path, summary, tops, data, resource_keys(data), drawn=True)


def pack_pieces(files: Iterable[Path], sources: dict[Path, bytes], theme_path: Path | None,
                theme: Callable[[], object], theme_key: bytes, cache, *, record_sheets: bool,
                tick: Callable[[], None] = lambda: None) -> list[Piece]:
    """Every briefing's pack pages: from ``cache`` where a piece for the same content, theme and
    options is kept (and is what its record says it is), otherwise drawn, on both cores when
    there are many, and kept. ``theme()`` gives the loaded theme, and is called only if
    something is drawn."""
    from generator.cache import content_key

    files = list(files)
    results: dict[Path, Piece] = {}
    keys = {path: content_key(sources[path], theme_key, "record-sheet" if record_sheets else "page") for path in files}
    for path in files:
        record = cache.record("pieces", keys[path])
        pdf = cache.pdf("pieces", keys[path], record.get("digest")) if isinstance(record, dict) else None
        piece = Piece.cached(path, record, pdf) if pdf is not None else None
        if piece is not None:
            results[path] = piece
            tick()
    missing = [path for path in files if path not in results]
    if missing:
        for piece in run_many(_draw_piece, [(path, record_sheets) for path in missing], theme_path, theme(), tick=tick):
            results[piece.source] = piece
            if not piece.problems:
                digest = cache.put_pdf("pieces", keys[piece.source], piece.pdf)
                cache.put_record("pieces", keys[piece.source], {**piece.record(), "digest": digest})
    return [results[path] for path in files]
