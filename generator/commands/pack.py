"""``briefing pack``: many briefings in one printable, navigable PDF.

Every briefing is validated and fitted first; if any fails, all their problems are reported
and no pack is written. Each briefing's drawn pack pages (a piece) are cached by content hash,
so after editing one briefing only that one is laid out and drawn again, and the pack is put
together from the pieces (:mod:`generator.pack.assembly`); when nothing at all has changed and the
pack on disk is the one made last time, nothing is redone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import __version__
from generator.cache import CACHE_FOLDER, MAX_PDF_BYTES, Cache, theme_fingerprint
from generator.errors import Problem, UserError, display_path
from generator.files import briefing_files, read_cached, source_epoch, write_atomic
from generator.read.source import read_text

SORT_KEYS = ("published", "title", "review")


@dataclass(frozen=True)
class PackOptions:
    title: str = "7 Minute Briefings"
    sort: str | None = None
    tag: str | None = None
    record_sheets: bool = False
    duplex: bool = False
    formats: tuple[str, ...] = ("pdf",)
    strict: bool = False  # warnings are errors: with any, nothing is written
    languages: tuple[str, ...] = ()  # a bilingual pack: each briefing in these languages, the first first


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
    warnings: str = ""  # the warnings, summed up by kind (generator.check.gate)
    findings: list[Problem] = field(default_factory=list)  # everything the review found, errors aside
    other_versions: list[str] = field(default_factory=list)  # versions in another language, left out


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
              *, progress: Callable[[int], Callable[[], None]] | None = None) -> PackReport:
    """Make the pack at ``output`` from the briefings at ``paths`` (see the module's text)."""
    files = briefing_files(paths)
    sources = {path: read_text(path).encode("utf-8") for path in files}
    wanted = _refuse_clobbering(files, output, options)
    cache = Cache(output.parent / CACHE_FOLDER)
    from generator.check.gate import refuse_failing_theme
    from generator.check.review import theme_findings
    from generator.read.theme import read_theme

    theme_file = read_theme(theme_path)
    _refuse_unknown_languages(options.languages, theme_file)
    about_theme = theme_findings(theme_file)
    refuse_failing_theme(about_theme, strict=options.strict)  # before any briefing is drawn
    theme_key = theme_fingerprint(theme_file)
    pack_key = hashlib.sha256(json.dumps({
        "version": __version__, "options": options.__dict__, "epoch": _env_epoch(),
        "today": dt.date.today().isoformat(),  # the review's date checks depend on it
        "files": [[str(path.absolute()), hashlib.sha256(sources[path]).hexdigest()] for path in files],
        "theme": theme_key.hex(),
    }, sort_keys=True).encode()).hexdigest()
    record_key = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:32]
    report = PackReport(output)
    if _up_to_date(cache.record("packs", record_key), pack_key, wanted):
        report.up_to_date = True
        return report

    from generator.pack.pieces import pack_pieces

    theme = _theme_loader(theme_file, options.title)
    tick = progress(len(files)) if progress else (lambda: None)
    pieces = pack_pieces(files, sources, theme, theme_key, cache, record_sheets=options.record_sheets,
                         languages=options.languages, tick=tick)
    problems: list[Problem] = [p for item in pieces for p in item.problems]
    if problems:
        raise UserError(problems)
    chosen = _ordered(pieces, options)
    if any(item.summary.language for item in chosen):  # only then is the theme's language needed
        default = theme_file.settings.language
        if options.languages:
            chosen = _paired(chosen, options.languages, default)
        else:
            chosen, report.other_versions = _one_language(chosen, default)
    elif options.languages and chosen:
        chosen = _paired(chosen, options.languages, theme_file.settings.language)
    if not chosen:
        raise UserError(Problem(str(paths[0]), 1, 1, f"no briefing has the tag '{options.tag}'",
                                "check the spelling, or leave out --tag"))
    report.warnings, report.findings = _reviewed(chosen, files, theme_file, about_theme, options)
    report.laid_out = [item.summary.id for item in pieces if item.drawn]
    report.reused = [item.summary.id for item in pieces if not item.drawn]
    report.included = [item.summary.id for item in chosen]

    written: dict[str, str] = {}
    if "html" in options.formats:
        pdf = output.name if "pdf" in options.formats else None
        report.index = _write_html(chosen, output.parent, options.title, theme(), written, pdf, options.languages)
    if "pdf" in options.formats:
        data, report.pages = _write_pdf(chosen, options, theme, theme_key, cache)
        write_atomic(output, data)
        written[str(output.resolve())] = hashlib.sha256(data).hexdigest()
        report.size = len(data)
    cache.put_record("packs", record_key, {"pack": pack_key, "files": written})
    return report


def _refuse_unknown_languages(languages: tuple[str, ...], theme_file) -> None:
    """Every language of a bilingual pack must have its labels (shipped, or the theme's message files)."""
    from generator.read.messages import SHIPPED, catalogue_language, primary

    known = sorted({*SHIPPED, *(catalogue_language(path) for path in theme_file.messages)})
    given = ",".join(languages)
    problems = [Problem("--languages", 1, given.index(code) + 1,
                        f"there are no labels (Published, Page n of N ...) for the language '{code}'",
                        f"use languages the tool has ({', '.join(known)}), or add a message file for it to the theme "
                        "(messages: [...]; see docs/languages.md)")
                for code in languages if primary(code) not in known]
    if problems:
        raise UserError(problems)


def _language(item, default: str) -> str:
    from generator.read.messages import primary

    return primary(item.summary.language or default)


def _one_language(chosen: list, default: str) -> tuple[list, list[str]]:
    """A pack in one language (the theme's) prints a briefing that has a version in it in that
    version only; the others are named, not printed twice. A briefing with no version in the
    pack's language is printed in the language it has."""
    from generator.read.briefing import split_language
    from generator.read.messages import primary

    own = primary(default)
    present = {split_language(item.summary.id)[0] for item in chosen if _language(item, default) == own}
    kept, left = [], []
    for item in chosen:
        other = _language(item, default) != own
        (left if other and split_language(item.summary.id)[0] in present else kept).append(item)
    return kept, [item.summary.id for item in left]


def _paired(chosen: list, languages: tuple[str, ...], default: str) -> list:
    """The briefings of a bilingual pack, each in every language of ``languages`` in that order,
    the pairs in the order of their first language's versions (NAME.cy.yaml and NAME.yaml, or
    NAME.en.yaml, are one briefing). A briefing missing a language, or in a language the pack
    does not have, stops the pack: every briefing is published in each language."""
    from generator.read.briefing import split_language
    from generator.read.messages import primary

    wanted = [primary(language) for language in languages]
    groups: dict[str, dict[str, object]] = {}
    problems: list[Problem] = []
    for item in chosen:
        code = _language(item, default)
        if code not in wanted:
            problems.append(Problem(item.summary.source, 1, 1, f"this briefing is in '{code}', which the pack's "
                                    f"languages ({', '.join(languages)}) do not include",
                                    "set its language: (cy, en ...) or leave it out of the pack"))
            continue
        group = groups.setdefault(split_language(item.summary.id)[0], {})
        if code in group:
            problems.append(Problem(item.summary.source, 1, 1, f"two versions of this briefing are in '{code}': "
                                    f"{group[code].summary.source} and this one",
                                    "name the versions NAME.cy.yaml and NAME.en.yaml, or set their language:"))
            continue
        group[code] = item
    for name, group in groups.items():
        for code in wanted:
            if code not in group:
                some = next(iter(group.values())).summary
                problems.append(Problem(some.source, 1, 1, f"there is no '{code}' version of this briefing "
                                        f"(a bilingual pack has every briefing in {', '.join(languages)})",
                                        f"add {name}.{code}.yaml beside it, or leave --languages out"))
    if problems:
        raise UserError(problems)
    order = sorted(groups.values(), key=lambda group: chosen.index(group[wanted[0]]))
    return [group[code] for group in order for code in wanted]


def _reviewed(chosen: list, files: list[Path], theme_file, about_theme: list[Problem],
              options: PackOptions) -> tuple[str, list[Problem]]:
    """The gate, for the briefings in the pack: what each piece's review found (kept with it),
    its dates (checked today), the language pairs, and the theme's findings. Any error, or with
    --strict any
    warning, stops the pack. Returns the warnings' summary lines and every finding."""
    from generator.check.gate import decide, summary_lines
    from generator.check.pairs import check_pairs

    today = dt.date.today()
    paired = check_pairs(files, theme_file.settings.language)
    findings = [finding for item in chosen for finding in (*item.findings, *item.date_findings(today),
                                                            *paired.get(item.source.resolve(), ()))]
    findings = [*about_theme, *findings]
    decision = decide(findings, strict=options.strict)
    if not decision.publish:
        raise UserError(decision.stopping)
    return "\n".join(summary_lines(findings)), findings


def _refuse_clobbering(files: list[Path], output: Path, options: PackOptions) -> list[Path]:
    """The files the pack writes, after making sure none of them is one of its inputs or a
    file of another kind, and that no briefing's HTML page would be the index."""
    wanted = [output] if "pdf" in options.formats else []
    if "html" in options.formats:
        wanted.append(output.parent / "index.html")
        clash = [path for path in files if path.stem == "index"]
        if clash:
            raise UserError(Problem(display_path(clash[0]), 0, 0,
                                    "this briefing's HTML page would be index.html, which is the pack's index page",
                                    "rename the briefing file"))
    inputs = {path.resolve() for path in files}
    for path in wanted:
        if path.resolve() in inputs:
            raise UserError(Problem(display_path(path), 0, 0, "this is one of the briefings: the pack would "
                                    "replace it", "give another output file with -o, such as output/pack.pdf"))
    if "pdf" in options.formats and output.exists():
        if not output.is_file():
            raise UserError(Problem(display_path(output), 0, 0, "this is not a file: the pack cannot be written "
                                    "here", "give another output file with -o, such as output/pack.pdf"))
        with open(output, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise UserError(Problem(display_path(output), 0, 0, "this file is not a PDF: the pack will not "
                                        "replace it", "give another output file with -o, such as output/pack.pdf"))
    return wanted


def _up_to_date(record, pack_key: str, wanted: list[Path]) -> bool:
    """Whether the pack's files are those made last time from the same inputs: same key, and
    each file still holding the bytes written then (a pack changed or damaged since is made again)."""
    if not isinstance(record, dict) or record.get("pack") != pack_key or not isinstance(record.get("files"), dict):
        return False
    for path in wanted:
        data = read_cached(path, MAX_PDF_BYTES)
        if data is None or record["files"].get(str(path.resolve())) != hashlib.sha256(data).hexdigest():
            return False
    return True


def _theme_loader(theme_file, title: str) -> Callable[[], object]:
    """The theme, loaded when first asked for, with the pack's title checked against its fonts.
    A pack updated from cached pieces and a cached frame never asks: its title was checked when
    the frame was drawn (the frame's cache key includes the title)."""
    loaded = []

    def theme():
        if not loaded:
            from generator.read.theme import load_theme

            found = load_theme(theme_file)
            missing = found.fonts.check(title)
            if missing is not None:
                from generator.fonts import describe_char

                raise UserError(Problem("--title", 1, title.index(missing) + 1,
                                        f"no shipped font can draw {describe_char(missing)} in the pack's title",
                                        "replace it with a common character"))
            loaded.append(found)
        return loaded[0]

    return theme


def _write_pdf(chosen: list, options: PackOptions, theme: Callable[[], object], theme_key: bytes,
               cache: Cache) -> tuple[bytes, int]:
    """The pack's PDF from its frame (cached unless titles, summaries or dates changed) and the
    briefings' pieces. Returns the bytes and the page count."""
    from generator.pack.assembly import Bookmark, assemble
    from generator.pack.frame import Frame

    latest = max(item.summary.published for item in chosen)
    epoch = source_epoch(latest)
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    summaries = [item.summary for item in chosen]
    frame_key = hashlib.sha256(json.dumps([theme_key.hex(), options.title, options.record_sheets, options.duplex,
                                           list(options.languages), epoch,
                                           [replace(s, headings=(), questions=()).to_data() for s in summaries]],
                                          sort_keys=True).encode()).hexdigest()
    frame = None
    record = cache.record("frames", frame_key)
    if isinstance(record, dict):
        pdf = cache.pdf("frames", frame_key, record.get("digest"))
        try:
            frame = Frame.from_data(pdf, record) if pdf is not None else None
        except (KeyError, TypeError, ValueError):  # not what this tool writes: drawn again
            frame = None
    if frame is None:
        from generator.pack.draw import render_frame  # ReportLab: not loaded when the frame is cached

        frame = render_frame(options.title, summaries, theme(), record_sheets=options.record_sheets,
                             duplex=options.duplex, epoch=epoch, date=date, languages=options.languages)
        cache.put_record("frames", frame_key, {**frame.to_data(), "digest": cache.put_pdf("frames", frame_key,
                                                                                           frame.pdf)})
    bookmarks = [Bookmark(item.summary.title, tuple((f"{number}. {item.summary.headings[number - 1]}", top)
                                                    for number, top in item.tops)) for item in chosen]
    return assemble(frame, [(item.pdf, item.shared) for item in chosen], bookmarks), len(frame.slots)


def _write_html(chosen: list, folder: Path, title: str, theme, written: dict[str, str],
                pack_pdf: str | None = None, languages: tuple[str, ...] = ()) -> Path:
    """Each briefing's HTML page and an index page linking them; ``written`` gets each file's digest."""
    from generator.read.briefing import load_briefing, split_language
    from generator.render.html import briefing_html, index_html, write_web_assets

    def versions(item) -> list:  # the same briefing in the pack's other languages
        name = split_language(item.summary.id)[0]
        return [(other.summary, f"{other.source.stem}.html") for other in chosen
                if other is not item and split_language(other.summary.id)[0] == name]

    pages = [(folder / f"{item.source.stem}.html",
              briefing_html(load_briefing(item.source), theme, index_href="index.html",
                            versions=versions(item) if languages else []))
             for item in chosen]
    index = folder / "index.html"
    summaries = [item.summary for item in chosen]
    written.update(write_web_assets(theme, folder))
    for path, text in [*pages, (index, index_html(title, summaries, theme, pack_pdf=pack_pdf, languages=languages))]:
        data = text.encode("utf-8")
        write_atomic(path, data)
        written[str(path.resolve())] = hashlib.sha256(data).hexdigest()
    return index


def _env_epoch() -> str:
    import os

    return os.environ.get("SOURCE_DATE_EPOCH", "")
