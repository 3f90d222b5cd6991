"""Each briefing's pages for a pack, drawn once and kept in the cache: a *piece*.

A piece is a small tagged PDF of a briefing's page (and its record sheet, with
``--record-sheets``), drawn with shared font subsets so that the pack keeps one copy of each
font, plus what the pack needs to know of it. It does not depend on where the briefing falls in
a pack, so it is kept in the cache (:mod:`generator.cache`) under a key made from the briefing
file's bytes, the theme and the options, and drawn again only when one of those changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.pool import prepare, run_many


@dataclass
class Piece:
    """One briefing ready for a pack: what the pack needs to know of it, and its drawn pages."""

    source: Path
    summary: object = None  # generator.read.briefing.BriefingFacts
    tops: tuple[tuple[int, float], ...] = ()  # each section's number and the top of its box
    pdf: bytes = b""  # its drawn pages (generator.pack.draw.render_piece)
    shared: tuple = ()  # what its fonts, images and forms are (generator.pack.assembly.resource_keys)
    problems: list[Problem] = field(default_factory=list)
    drawn: bool = False  # False: it came from the cache
    findings: tuple[Problem, ...] = ()  # what the review found, but for the dates (which depend on today)
    places: dict = field(default_factory=dict)  # the line and column of its dates, for the date checks

    def record(self) -> dict:
        """What the cache keeps of it beside its PDF, as JSON data."""
        return {"summary": self.summary.to_data(), "tops": [list(top) for top in self.tops],
                "shared": [[page, kind, name, key.hex()] for page, kind, name, key in self.shared],
                "findings": [finding.as_dict() for finding in self.findings], "places": self.places}

    def date_findings(self, today) -> list[Problem]:
        """The date checks, which cannot be kept: they depend on today."""
        from generator.check.dates import check_dates

        return check_dates(self.summary.source, self.summary.published, self.summary.review, self.places, today)

    @classmethod
    def cached(cls, source: Path, record, pdf: bytes) -> Piece | None:
        """A piece from its cache record and PDF, named after the file it is for now (the cache
        is keyed by content: the same briefing may have had another name); None if the record
        is not one :meth:`record` wrote."""
        from dataclasses import replace

        from generator.errors import display_path
        from generator.read.briefing import BriefingFacts

        try:
            summary = replace(BriefingFacts.from_data(record["summary"]), id=source.stem,
                              source=display_path(source))
            tops = tuple((int(number), float(top)) for number, top in record["tops"])
            shared = tuple((int(page), str(kind), str(name), bytes.fromhex(key))
                           for page, kind, name, key in record["shared"])
            findings = tuple(Problem(summary.source, int(f["line"]), int(f["column"]), str(f["message"]),
                                     str(f["hint"]), str(f["severity"]), str(f["code"])) for f in record["findings"])
            places = {str(key): (int(line), int(column)) for key, (line, column) in record["places"].items()}
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return cls(source, summary, tops, pdf, shared, findings=findings, places=places)


def _draw_piece(item, theme) -> Piece:
    """Review a briefing, as every command does, and draw its pack pages."""
    from generator.check.review import ReviewOptions, review_file
    from generator.pack.assembly import resource_keys
    from generator.pack.draw import render_piece
    from generator.read.briefing import BriefingFacts

    path, record_sheet, languages = item
    review = review_file(path, theme, ReviewOptions(today=None))  # dates are checked when the pack is made
    if review.plan is None:  # it cannot be read or laid out: nothing to draw
        return Piece(path, problems=review.findings)
    briefing, plan = review.briefing, review.plan
    summary = BriefingFacts.of(briefing)
    tops = tuple((section.number, section.box[1] + section.box[3]) for section in plan.sections)
    data = render_piece(summary, plan, briefing, theme, record_sheet=record_sheet, version=briefing.version,
                        numbering=languages)
    places = {key: briefing.locate((key,)) for key in ("published", "review")}
    return Piece(path, summary, tops, data, resource_keys(data), drawn=True, findings=tuple(review.findings),
                 places=places)


def pack_pieces(files: Iterable[Path], sources: dict[Path, bytes], theme: Callable[[], object], theme_key: bytes,
                cache, *, record_sheets: bool,
                languages: tuple[str, ...] = (), tick: Callable[[], None] = lambda: None) -> list[Piece]:
    """Every briefing's pack pages: from ``cache`` where a piece for the same content, theme and
    options is kept (and is what its record says it is), otherwise drawn, on both cores when
    there are many, and kept. ``theme()`` gives the loaded theme, and is called only if
    something is drawn. ``languages``: a bilingual pack's, whose page numbers are in each
    (the footer keeps room for them)."""
    from generator.cache import content_key

    files = list(files)
    results: dict[Path, Piece] = {}
    keys = {path: content_key(sources[path], theme_key, "record-sheet" if record_sheets else "page", *languages)
            for path in files}
    for path in files:
        record = cache.record("pieces", keys[path])
        pdf = cache.pdf("pieces", keys[path], record.get("digest")) if isinstance(record, dict) else None
        piece = Piece.cached(path, record, pdf) if pdf is not None else None
        if piece is not None:
            results[path] = piece
            tick()
    missing = [path for path in files if path not in results]
    if missing:
        prepare(len(missing))  # the workers' fork server starts while the theme is loaded
        items = [(path, record_sheets, languages) for path in missing]
        for piece in run_many(_draw_piece, items, theme(), tick=tick):
            results[piece.source] = piece
            if not piece.problems:
                digest = cache.put_pdf("pieces", keys[piece.source], piece.pdf)
                cache.put_record("pieces", keys[piece.source], {**piece.record(), "digest": digest})
    return [results[path] for path in files]
