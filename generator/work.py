"""Doing the same job for many briefings: from the cache when nothing changed, and on both
cores when there are enough to be worth a second process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError

PARALLEL_FROM = 6  # fewer briefings than this are quicker in one process


_worker_theme = None


def _init_worker(theme_path: Path | None) -> None:
    global _worker_theme
    if _worker_theme is None:  # else inherited from the parent when processes are forked
        _worker_theme = _loaded(theme_path)


def worker_theme():
    """The theme loaded in this worker process (see :func:`run_many`)."""
    return _worker_theme


def workers(count: int) -> int:
    return min(os.cpu_count() or 1, 2 if count >= PARALLEL_FROM else 1)


def run_many(function: Callable, items: list, theme_path: Path | None, theme, *, tick: Callable[[], None]) -> list:
    """``function(item)`` for each item, in a process pool if there are enough, in order."""
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
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(theme_path,)) as pool:
        results = []
        for result in pool.map(function, items, chunksize=max(1, len(items) // (jobs * 4))):
            results.append(result)
            tick()
        return results


def run_alongside(function: Callable, items: list, theme_path: Path | None, alongside: Callable[[], object],
                  *, tick: Callable[[], None]) -> list:
    """``function(item, theme)`` for each of a few items in another process, while ``alongside()`` runs
    in this one: two jobs that need different libraries and do not wait for each other (after
    one briefing of a pack changed: drawing its pages, and reading the pack they will go into).
    The other process is forked as it is, without the libraries and the theme the items need,
    and loads them itself; where processes cannot be forked, one job is done after the other."""
    def one_after_the_other() -> list:
        alongside()
        return run_many(function, items, theme_path, _loaded(theme_path), tick=tick)

    if not hasattr(os, "fork"):
        return one_after_the_other()
    import gc
    import pickle

    reading, writing = os.pipe()
    gc.freeze()  # objects both processes start with are left out of garbage collection, which would
    try:  # touch them all and make the system copy every page the two processes share
        child = os.fork()
    except OSError:  # no process to be had (a limit on processes, or on memory): one after the other
        gc.unfreeze()
        os.close(reading)
        os.close(writing)
        return one_after_the_other()
    if child == 0:  # pragma: no cover - the child process; what it does is seen in the results
        gc.disable()  # it draws a few briefings and ends: collecting its garbage would only cost time
        os.close(reading)
        try:
            global _worker_theme
            _worker_theme = _loaded(theme_path)
            outcome = ("done", [function(item, _worker_theme) for item in items])
        except BaseException:  # a bug: the parent reports it
            import traceback

            outcome = ("failed", traceback.format_exc())
        with os.fdopen(writing, "wb") as stream:
            stream.write(pickle.dumps(outcome))
        os._exit(0)
    os.close(writing)
    received = False
    try:
        alongside()
        with os.fdopen(reading, "rb") as stream:
            data = stream.read()
        received = True
    finally:
        if not received:  # alongside() failed or was interrupted: the other process is not needed
            import signal

            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        gc.unfreeze()
    if not data:
        raise RuntimeError("the process drawing the changed briefings ended without a result")
    status, results = pickle.loads(data)
    if status != "done":
        raise RuntimeError(f"drawing the changed briefings failed in another process:\n{results}")
    for _ in results:
        tick()
    return results


def _loaded(theme_path: Path | None):
    from generator.theme import load_theme

    return load_theme(theme_path)


@dataclass
class Piece:
    """One briefing ready for a pack: what the pack needs to know of it, and its drawn pages."""

    source: Path
    summary: object = None  # generator.summary.BriefingSummary
    tops: tuple[tuple[int, float], ...] = ()  # each section's number and the top of its box
    pdf: Path | None = None  # its drawn pages (generator.render.pack.render_piece), in the cache
    shared: tuple = ()  # what its fonts, images and forms are (generator.assembly.resource_keys)
    problems: list[Problem] = field(default_factory=list)
    laid_out: bool = False  # False: its plan came from the cache


def _make_piece(item, theme=None) -> Piece:
    """Lay out a briefing (or take its plan from the cache) and draw its pack pages, caching both."""
    return _describe(*_draw_piece(item, theme), item)


def _draw_piece(item, theme=None) -> tuple[Piece, bytes]:
    """:func:`_make_piece` but for what its pages' fonts, images and forms are (see
    :func:`_describe`): reading them needs pikepdf, which a process that only draws need not load.
    Gives the piece and its PDF (empty if the briefing has problems)."""
    from generator.cache import PlanCache
    from generator.fonts import keep_subsets_in
    from generator.render.pack import PackEntry, render_piece

    path, key, record_sheet, folder = item
    theme = theme or _worker_theme
    cache = PlanCache(folder)
    keep_subsets_in(cache.folder / "fonts")
    cached = cache.get(key)
    if cached is None:
        from generator.layout.page import plan_page
        from generator.loading import load_briefing
        from generator.summary import BriefingSummary

        try:
            briefing = load_briefing(path)
            summary, plan = BriefingSummary.of(briefing), plan_page(briefing, theme)
        except UserError as error:
            return Piece(path, problems=error.problems), b""
        cache.put(key, (summary, plan))
    else:
        summary, plan = cached
    tops = tuple((section.number, section.box[1] + section.box[3]) for section in plan.sections)
    data = render_piece(PackEntry(summary, plan), theme, record_sheet=record_sheet)
    pdf = cache.put_file(piece_key(key, record_sheet), data, kind="pieces")  # a file: qpdf reads it as needed
    return Piece(path, summary, tops, pdf, laid_out=cached is None), data


def _describe(piece: Piece, data: bytes, item) -> Piece:
    """A drawn piece (its PDF: ``data``) with what its resources are
    (:func:`generator.assembly.resource_keys`), and its record in the cache, which makes it a
    cached piece. A piece with problems is left as it is."""
    if piece.problems:
        return piece
    from generator.assembly import resource_keys
    from generator.cache import PlanCache

    _, key, record_sheet, folder = item
    piece.shared = resource_keys(data)
    PlanCache(folder).put(piece_key(key, record_sheet), (piece.summary, piece.tops, piece.shared, len(data)),
                          kind="pieces")
    return piece


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def piece_key(key: str, record_sheet: bool) -> str:
    return f"{key}-with-record-sheet" if record_sheet else key


def pack_pieces(files: Iterable[Path], sources: dict[Path, bytes], theme_path: Path | None,
                theme: Callable[[], object], theme_key: bytes, cache, *, record_sheets: bool,
                tick: Callable[[], None] = lambda: None, alongside: Callable[[], object] | None = None
                ) -> list[Piece]:
    """Every briefing's pack pages: read from ``cache`` where its content hash is known, otherwise
    drawn (and laid out, unless only the drawing is missing) on both cores when there are many.
    ``theme()`` gives the loaded theme, and is called only if something is drawn here. With
    ``alongside``, a few missing pieces are drawn in another process while it runs here (see
    :func:`run_alongside`); it is not run when nothing, or a lot, is missing."""
    files = list(files)
    results: dict[Path, Piece] = {}
    missing: list[Path] = []
    keys = {path: cache.key(sources[path], theme_key) for path in files}
    for path in files:
        name = piece_key(keys[path], record_sheets)
        cached = cache.get(name, kind="pieces")
        pdf = cache.file(name, kind="pieces")
        if cached is not None and _size(pdf) == cached[-1]:  # else missing or damaged: drawn again
            summary, tops, shared, _ = cached
            results[path] = Piece(path, summary, tops, pdf, shared)
            tick()
        else:
            missing.append(path)
    items = [(path, keys[path], record_sheets, cache.folder) for path in missing]
    if not items:
        made = []
    elif alongside is not None and workers(len(items)) == 1:
        # drawn in another process, described here (where pikepdf is loaded)
        drawn = run_alongside(_draw_piece, items, theme_path, alongside, tick=tick)
        made = [_describe(piece, data, item) for (piece, data), item in zip(drawn, items, strict=True)]
    else:
        made = run_many(_make_piece, items, theme_path, theme(), tick=tick)
    for piece in made:
        results[piece.source] = piece
    return [results[path] for path in files]
