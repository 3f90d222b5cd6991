"""From a file on disk to a validated :class:`~generator.read.spec.Briefing`, or located problems;
and what the rest of the tool asks of a briefing besides its page (its facts, its language from
its file name, its reflective questions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem, UserError
from generator.read.markup import parse as parse_markup
from generator.read.markup import printed_in_full, shows_address, site_name, text_links
from generator.read.source import Document, capped, parse, read_text
from generator.read.spec import Briefing, Link, Section
from generator.read.validation import BRIEFING, validate

MAX_BODY = next(f for f in Section.__dataclass_fields__.values() if f.name == "body").metadata["schema"]["maxLength"]


def load_briefing(path: Path, text: str | None = None) -> Briefing:
    """Read, validate and parse one briefing; raise :class:`UserError` listing every problem.
    With ``text``, that text is taken as the file's (a draft in ``briefing edit``, not yet saved)."""
    text = read_text(path) if text is None else text
    doc = parse(text, path, recover=True)
    problems: list[Problem] = []
    bodies = _parse_bodies(doc, problems)
    try:
        briefing = validate(doc, BRIEFING)
    except UserError as error:
        raise UserError(capped(sorted({*error.problems, *problems}))) from None
    if problems:
        raise UserError(problems)
    for section, blocks in zip(briefing.sections, bodies, strict=True):
        section.blocks = blocks
    briefing.id = path.stem
    if briefing.language is None:
        briefing.language = split_language(path.stem)[1]
    briefing.source = doc.name
    briefing.positions = doc.positions()
    briefing.version = sheet_version(text.encode("utf-8"))
    return briefing


def printed_links(section: Section) -> list[Link]:
    """The links a reader of a printed page (or of a slide on a shared screen) can follow: those
    written in the section's text, whose words alone cannot be followed on paper, gathered in
    the order they are read, then the section's own. A link is printed once: one whose words
    are its address (short enough to print in a line of prose), or whose address the section
    prints already, is not gathered. A long address typed in the text is called by its site in
    the prose and gathered here, labelled so (:func:`generator.read.markup.site_name`)."""
    own = {link.url for link in section.links}
    gathered: list[Link] = []
    for href, label in text_links(section.blocks):
        if href in own or printed_in_full(label, href):
            continue
        own.add(href)
        words = " ".join(label.split())
        gathered.append(Link(site_name(href) if shows_address(words, href) else words, href))
    return [*gathered, *section.links]


def sheet_version(source: bytes) -> str:
    """The version of a briefing a record sheet is for: a digest of its file's text."""
    import hashlib

    return hashlib.sha256(source).hexdigest()[:12]


def _parse_bodies(doc: Document, problems: list[Problem]) -> list[list]:
    """Parse every section body that is text, so markup problems are reported with the others."""
    sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
    parsed = []
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        body = section.get("body") if isinstance(section, dict) else None
        if not isinstance(body, str) or len(body) > MAX_BODY:  # too long: reported by validation, not parsed
            parsed.append([])
            continue
        blocks, found = parse_markup(body)
        parsed.append(blocks)
        span = doc.span(("sections", index, "body"))
        for item in found:
            line, column = span.position(item.line, item.column)
            problems.append(Problem(doc.name, line, column, item.message, item.hint))
    return parsed


@dataclass(frozen=True)
class BriefingFacts:
    """What a pack's pages and an index need to know of a briefing besides its laid-out page:
    kept in the cache, as JSON, with the briefing's drawn pages (:mod:`generator.pack.pieces`)."""

    id: str
    source: str
    title: str
    subtitle: str | None
    summary: str | None
    published: dt.date
    review: dt.date | None
    author: str | None
    tags: tuple[str, ...]
    headings: tuple[str, ...]
    questions: tuple[str, ...] = ()
    language: str | None = None

    def to_data(self) -> dict:
        """As JSON data, for the cache."""
        data = dict(vars(self))
        data["published"] = self.published.isoformat()
        data["review"] = self.review.isoformat() if self.review else None
        return data

    @classmethod
    def from_data(cls, data: dict) -> BriefingFacts:
        """From :meth:`to_data`'s JSON (raises ValueError, KeyError or TypeError if it is not that)."""
        values = dict(data)
        values["published"] = dt.date.fromisoformat(values["published"])
        values["review"] = dt.date.fromisoformat(values["review"]) if values["review"] else None
        for name in ("tags", "headings", "questions"):
            values[name] = tuple(str(item) for item in values[name])
        return cls(**values)

    @classmethod
    def of(cls, briefing) -> BriefingFacts:
        return cls(briefing.id, briefing.source, briefing.title, briefing.subtitle, briefing.summary,
                   briefing.published, briefing.review, briefing.author, tuple(briefing.tags),
                   tuple(section.heading for section in briefing.sections), reflective_questions(briefing),
                   briefing.language)


def split_language(stem: str) -> tuple[str, str | None]:
    """A file name's stem as (the briefing's name, the language its name gives):
    ``safer-sleep.cy`` -> (``safer-sleep``, ``cy``); ``safer-sleep`` -> (``safer-sleep``, None)."""
    base, dot, suffix = stem.rpartition(".")
    if dot and base and suffix.isascii() and suffix.isalpha() and 2 <= len(suffix) <= 3:
        return base, suffix.lower()
    return stem, None


QUESTION_WORDS = ("question", "cwestiwn", "cwestiyn")  # English; Welsh (cwestiwn, cwestiynau)


def reflective_questions(briefing) -> tuple[str, ...]:
    """The list items of the questions section (:func:`questions_section`), as plain text."""
    from generator.read.markup import plain_text

    found = questions_section(briefing)
    return tuple(plain_text(item.blocks) for item in found[1].items) if found else ()


def questions_section(briefing) -> tuple[int, object] | None:
    """The section of reflective questions and its list: the first section whose heading
    mentions questions (in English or Welsh) with a list; failing that, the first list whose
    every item is a question (any language: they end with "?"). (index, list), or None."""
    from generator.read.markup import ListBlock, plain_text

    lists = [(index, block) for index, section in enumerate(briefing.sections) for block in section.blocks
             if isinstance(block, ListBlock)]
    for index, block in lists:
        if any(word in briefing.sections[index].heading.casefold() for word in QUESTION_WORDS):
            return index, block
    for index, block in lists:
        items = [plain_text(item.blocks) for item in block.items]
        if items and all(item.rstrip().endswith("?") for item in items):
            return index, block
    return None
