"""The briefing as the rest of the tool sees it: validated, typed, with its body markup parsed.

These are plain records, built by :mod:`generator.read.briefing` from data that has passed
validation (:mod:`generator.read.validation`); what a file may say is defined once, in
:mod:`generator.read.spec`. Nothing after loading reads YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.read.markup import Block

SECTION_COUNT = 7


def as_date(value: Any) -> dt.date | None:
    """A validated date: ``YYYY-MM-DD`` text (the fast path) or a date (the full validator)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


@dataclass
class Link:
    """A report, guidance or contact the reader can follow; printed with a QR code."""

    label: str
    url: str

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Link:
        return cls(label=data["label"], url=data["url"])


@dataclass
class Section:
    """One of the seven numbered sections, in reading order."""

    heading: str
    body: str
    links: list[Link] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list, compare=False, repr=False)
    """The body's paragraphs and lists, parsed once when the briefing is loaded."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Section:
        return cls(heading=data["heading"], body=data["body"],
                   links=[Link.from_data(link) for link in data.get("links") or []])


@dataclass
class Briefing:
    """A 7 Minute Briefing: a title, dates and exactly seven sections."""

    title: str
    published: dt.date
    sections: list[Section]
    subtitle: str | None = None
    review: dt.date | None = None
    author: str | None = None
    audience: str | None = None
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
    language: str | None = None
    """As the file gives it, or from a NAME.cy.yaml file name; None: the theme's."""
    id: str = ""
    """The file name without '.yaml': names the output files."""
    source: str = ""
    """The file it was read from, as shown in messages."""
    document: Any = field(default=None, compare=False, repr=False)
    """The :class:`generator.read.source.Document` it was read from: positions of every value."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Briefing:
        """From validated data: the raw mapping (fast path) or a validated spec's ``model_dump()``."""
        return cls(
            title=data["title"], published=as_date(data["published"]),
            sections=[Section.from_data(section) for section in data["sections"]],
            subtitle=data.get("subtitle"), review=as_date(data.get("review")), author=data.get("author"),
            audience=data.get("audience"), tags=list(data.get("tags") or []), summary=data.get("summary"),
            language=data.get("language"),
        )

    def locate(self, key: tuple, text: str | None = None, offset: int = 0) -> tuple[int, int]:
        """1-based (line, column) in the source file of the value at ``key`` or, given the value's
        ``text`` and an ``offset`` into it, of that character (exact inside ``|`` blocks)."""
        if self.document is None:
            return 1, 1
        return self.document.locate(key, text, offset)


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
