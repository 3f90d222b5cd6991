"""``briefing pack``: many briefings in one printable, navigable PDF.

Every briefing is validated and fitted first; if any fails, all their problems are reported
and no pack is written. Each briefing's laid-out page and its drawn pack pages are cached by
content hash, so after editing one briefing only that one is laid out and drawn again, and the
pack is put together from the pieces (:mod:`generator.assembly`); when nothing at all has
changed, nothing is redone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import __version__
from generator.cache import CACHE_FOLDER, PlanCache, theme_fingerprint
from generator.collect import briefing_files
from generator.errors import Problem, UserError
from generator.files import write_atomic
from generator.output import source_epoch
from generator.source import read_text

SORT_KEYS = ("published", "title", "review")


@dataclass(frozen=True)
class PackOptions:
    title: str = "7 Minute Briefings"
    sort: str | None = None
    tag: str | None = None
    record_sheets: bool = False
    duplex: bool = False
    formats: tuple[str, ...] = ("pdf",)


@dataclass
class PackReport:
    output: Path
    laid_out: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    included: list[str] = field(default_factory=list)
    up_to_date: bool = False
    pages: int = 0
    size: int = 0
    index: Path | None = None  # the HTML index, with --format html
    assembled: str = ""  # "assembled" from every piece, or "updated": the previous pack with changed pieces


def _ordered(laid: list, options: PackOptions) -> list:
    chosen = [item for item in laid if options.tag is None or options.tag in item.summary.tags]
    if options.sort == "title":
        chosen.sort(key=lambda item: item.summary.title.casefold())
    elif options.sort == "published":
        chosen.sort(key=lambda item: item.summary.published)
    elif options.sort == "review":
        chosen.sort(key=lambda item: (item.summary.review is None, item.summary.review or dt.date.max))
    return chosen


def make_pack(paths: list[Path], output: Path, theme_path: Path | None, options: PackOptions,
              *, progress: Callable[[int], Callable[[], None]] | None = None, stays: bool = False) -> PackReport:
    """Make the pack at ``output`` from the briefings at ``paths`` (see the module's text).

    In a new process, a few changed briefings are drawn in another process while this one reads
    the pack they go into. ``stays`` says this process goes on after the pack (``--watch``): it
    draws them itself, keeping what drawing loads for the next time, and forks nothing while
    another thread watches the files."""
    files = briefing_files(paths)
    sources = {path: read_text(path).encode("utf-8") for path in files}
    cache = PlanCache(output.parent / CACHE_FOLDER)
    theme_key = theme_fingerprint(theme_path)
    pack_key = hashlib.sha256(json.dumps({
        "version": __version__, "options": options.__dict__, "epoch": _env_epoch(),
        "files": [[str(path.absolute()), hashlib.sha256(sources[path]).hexdigest()] for path in files],
        "theme": theme_key.hex(),
    }, sort_keys=True).encode()).hexdigest()
    marker = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    report = PackReport(output)
    wanted = [output] if "pdf" in options.formats else []
    if "html" in options.formats:
        wanted.append(output.parent / "index.html")
    if all(path.is_file() for path in wanted) and cache.read_marker(marker) == pack_key:
        report.up_to_date = True
        return report

    from generator.work import pack_pieces

    theme = _theme_loader(theme_path, options.title)
    previous = cache.get(marker, kind="packs")
    opened = []  # the previous pack, read while changed briefings are drawn, if it may be updated

    def open_previous() -> None:
        if "pdf" in options.formats and _may_update(previous, output):
            from generator.assembly import open_pack

            opened.append(open_pack(output))

    tick = progress(len(files)) if progress else (lambda: None)
    pieces = pack_pieces(files, sources, theme_path, theme, theme_key, cache, record_sheets=options.record_sheets,
                         tick=tick, alongside=None if stays else open_previous)
    problems: list[Problem] = [p for item in pieces for p in item.problems]
    if problems:
        raise UserError(problems)
    chosen = _ordered(pieces, options)
    if not chosen:
        raise UserError(Problem(str(paths[0]), 1, 1, f"no briefing has the tag '{options.tag}'",
                                "check the spelling, or leave out --tag"))
    report.laid_out = [item.summary.id for item in pieces if item.laid_out]
    report.reused = [item.summary.id for item in pieces if not item.laid_out]
    report.included = [item.summary.id for item in chosen]

    if "html" in options.formats:
        report.index = _write_html(chosen, output.parent, options.title, theme())
    if "pdf" not in options.formats:
        cache.write_marker(marker, pack_key)
        return report

    data, report.pages, report.assembled = _write_pdf(chosen, output, options, theme, theme_key, cache, marker,
                                                      previous, opened[0] if opened else None)
    cache.write_marker(marker, pack_key)
    report.size = len(data)
    return report


def _theme_loader(theme_path: Path | None, title: str) -> Callable[[], object]:
    """The theme, loaded when first asked for, with the pack's title checked against its fonts.
    A pack updated from cached pieces and a cached frame never asks: its title was checked when
    the frame was drawn (the frame's cache key includes the title)."""
    loaded = []

    def theme():
        if not loaded:
            from generator.theme import load_theme

            found = load_theme(theme_path)
            missing = found.fonts.check(title)
            if missing is not None:
                from generator.fonts import describe_char

                raise UserError(Problem("--title", 1, title.index(missing) + 1,
                                        f"no shipped font can draw {describe_char(missing)} in the pack's title",
                                        "replace it with a common character"))
            loaded.append(found)
        return loaded[0]

    return theme


def _write_pdf(chosen: list, output: Path, options: PackOptions, theme: Callable[[], object], theme_key: bytes,
               cache, marker: str, previous, opened) -> tuple[bytes, int, str]:
    """The pack's PDF from its frame (cached unless titles, summaries or dates changed) and the
    briefings' pieces: the previous pack updated when only a few pieces changed, otherwise put
    together afresh (the same bytes either way). Returns the bytes, the page count and which.
    ``previous`` is the record of the pack made before, and ``opened`` that pack, if it was
    opened already."""
    from generator.assembly import Bookmark, assemble

    latest = max(item.summary.published for item in chosen)
    epoch = source_epoch(latest)
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    summaries = [item.summary for item in chosen]
    frame_key = hashlib.sha256(pickle.dumps((theme_key, options.title, options.record_sheets, options.duplex, epoch,
                                             [replace(s, headings=(), questions=()) for s in summaries]))).hexdigest()
    frame = cache.get(frame_key, kind="frames")
    if frame is None:
        from generator.render.pack import render_frame  # ReportLab: not loaded when the frame is cached

        frame = render_frame(options.title, summaries, theme(), record_sheets=options.record_sheets,
                             duplex=options.duplex, epoch=epoch, date=date)
        cache.put(frame_key, frame, kind="frames")
    bookmarks = [Bookmark(item.summary.title, tuple((f"{number}. {item.summary.headings[number - 1]}", top)
                                                    for number, top in item.tops)) for item in chosen]
    pieces = [(item.pdf, item.shared) for item in chosen]
    names = [item.pdf.name for item in chosen]  # each piece's file is named by its content hash
    changed = _changed_since(previous, output, frame_key, names)
    made = None
    if changed:
        from generator.assembly import update

        made = update(opened or output, previous[3], frame, pieces, bookmarks, changed)
    elif opened is not None:
        opened.close()
    how = "updated" if made is not None else "assembled"
    if made is None:
        made = assemble(frame, pieces, bookmarks)
    write_atomic(output, made.data)
    cache.put(marker, (frame_key, names, hashlib.sha256(made.data).hexdigest(), made.located), kind="packs")
    return made.data, len(frame.slots), how


def _may_update(previous, output: Path) -> bool:
    """Whether there is a pack made before, with its record, that :func:`_changed_since` may find
    worth updating."""
    return isinstance(previous, tuple) and len(previous) == 4 and output.is_file()


def _changed_since(previous, output: Path, frame_key: str, names: list[str]) -> list[int]:
    """Which briefings' pieces differ from those the pack at ``output`` was made from, when only
    a few do and everything else (the frame, the order, the file itself) is as it was then;
    otherwise nothing, and the pack is assembled afresh."""
    if not _may_update(previous, output):
        return []  # no record, one from another version of the tool, or no pack
    old_frame, old_names, digest, _ = previous
    if old_frame != frame_key or len(old_names) != len(names):
        return []
    changed = [index for index, (old, new) in enumerate(zip(old_names, names, strict=True)) if old != new]
    if not changed or len(changed) > max(1, len(names) // 4):  # many changes: quicker afresh
        return []
    return changed if hashlib.sha256(output.read_bytes()).hexdigest() == digest else []


def _write_html(chosen: list, folder: Path, title: str, theme) -> Path:
    """Each briefing's HTML page and an index page linking them."""
    from generator.loading import load_briefing
    from generator.render.html import briefing_html, index_html

    for item in chosen:
        briefing = load_briefing(item.source)
        write_atomic(folder / f"{briefing.id}.html",
                     briefing_html(briefing, theme, index_href="index.html").encode("utf-8"))
    index = folder / "index.html"
    write_atomic(index, index_html(title, [item.summary for item in chosen], theme).encode("utf-8"))
    return index


def _env_epoch() -> str:
    import os

    return os.environ.get("SOURCE_DATE_EPOCH", "")
