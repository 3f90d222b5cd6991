"""The briefing as the rest of the tool sees it: validated, typed, with its body markup parsed.

Unknown keys are forbidden so that typos are caught. The JSON Schema shipped for editors is
generated from these classes (:mod:`generator.schema`). Nothing after this module reads YAML.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationInfo, field_validator

from generator.markup import Block, scheme_problem

SECTION_COUNT = 7


def _text(max_length: int, description: str, examples: list[str] | None = None):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        Field(description=description, examples=examples),
    ]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=False)


class Link(_Strict):
    """A report, guidance or contact the reader can follow; printed with a QR code."""

    label: _text(120, "What the link is, in words (not 'click here').", ["The full report"])
    url: Annotated[str, Field(description="The address: https://, http:// or mailto: only.",
                              examples=["https://www.gov.uk/"], max_length=2000)]

    @field_validator("url")
    @classmethod
    def _allowed_scheme(cls, url: str) -> str:
        why = scheme_problem(url)
        if why:
            raise ValueError(why)
        return url.strip()


class Section(_Strict):
    """One of the seven numbered sections, in reading order."""

    heading: _text(60, "The section's heading, 1 to 60 characters.", ["Background"])
    body: Annotated[str, Field(
        description=(
            "The section's text. Paragraphs are separated by a blank line; '- ' starts a bullet, "
            "'1. ' a numbered item; **bold**, *italic* and [label](https://...) links."
        ),
        max_length=20_000,
    )]
    links: list[Link] = Field(default_factory=list, max_length=10,
                              description="Optional links, each with a QR code (at most 10).")

    _blocks: list[Block] = PrivateAttr(default_factory=list)

    @field_validator("body")
    @classmethod
    def _not_blank(cls, body: str) -> str:
        if not body.strip():
            raise ValueError("the body is empty")
        return body

    @property
    def blocks(self) -> list[Block]:
        """The body's paragraphs and lists, parsed once when the briefing is loaded."""
        return self._blocks


class Briefing(_Strict):
    """A 7 Minute Briefing: a title, dates and exactly seven sections."""

    model_config = ConfigDict(title="7 Minute Briefing", extra="forbid", coerce_numbers_to_str=True)

    title: _text(120, "The briefing's title, 1 to 120 characters.", ["Reachable and critical moments"])
    subtitle: _text(200, "A line under the title.") | None = Field(None, description="A line under the title.")
    published: dt.date = Field(description="Date of publication, as YYYY-MM-DD.")
    review: dt.date | None = Field(None, description="Date by which it should be reviewed (after published).")
    author: _text(200, "Who publishes it.") | None = Field(
        None, description="Who publishes it; defaults to the theme's organisation.")
    audience: _text(200, "Who it is for.") | None = Field(None, description="Who it is for.",
                                                          examples=["All practitioners"])
    tags: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=20, description="Keywords, used to make themed packs (at most 20).")
    summary: _text(300, "One sentence.") | None = Field(
        None, description="One sentence for the pack's contents page and the PDF's subject.")
    sections: list[Section] = Field(
        min_length=SECTION_COUNT, max_length=SECTION_COUNT,
        description="Exactly seven sections, in the order they are read.",
    )

    _id: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")
    _document: object = PrivateAttr(default=None)  # generator.source.Document: positions of every value

    @field_validator("published", "review", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        if isinstance(value, dt.datetime):
            raise ValueError("give a date without a time, as YYYY-MM-DD")
        if isinstance(value, str) and "T" in value.strip():
            raise ValueError("give a date without a time, as YYYY-MM-DD")
        return value

    @field_validator("review")
    @classmethod
    def _review_after_published(cls, review: dt.date | None, info: ValidationInfo) -> dt.date | None:
        published = info.data.get("published")
        if review is not None and published is not None and review <= published:
            raise ValueError(f"the review date {review} must be after the published date {published}")
        return review

    @property
    def id(self) -> str:
        """The file name without '.yaml': names the output files."""
        return self._id

    @property
    def source(self) -> str:
        """The file it was read from, as shown in messages."""
        return self._source

    def locate(self, key: tuple, text: str | None = None, offset: int = 0) -> tuple[int, int]:
        """1-based (line, column) in the source file of the value at ``key`` or, given the value's
        ``text`` and an ``offset`` into it, of that character (exact inside ``|`` blocks)."""
        document = self._document
        if document is None:
            return 1, 1
        return document.locate(key, text, offset)
