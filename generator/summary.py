"""What a pack needs to know about a briefing besides its laid-out page.

A plain data class (no validation library), kept in the cache as JSON with a briefing's drawn
pack pages, so that a cached briefing is reused without parsing its YAML again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class BriefingSummary:
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

    def to_data(self) -> dict:
        """As JSON data, for the cache."""
        data = dict(vars(self))
        data["published"] = self.published.isoformat()
        data["review"] = self.review.isoformat() if self.review else None
        return data

    @classmethod
    def from_data(cls, data: dict) -> BriefingSummary:
        """From :meth:`to_data`'s JSON (raises ValueError, KeyError or TypeError if it is not that)."""
        values = dict(data)
        values["published"] = dt.date.fromisoformat(values["published"])
        values["review"] = dt.date.fromisoformat(values["review"]) if values["review"] else None
        for name in ("tags", "headings", "questions"):
            values[name] = tuple(str(item) for item in values[name])
        return cls(**values)

    @classmethod
    def of(cls, briefing) -> BriefingSummary:
        return cls(briefing.id, briefing.source, briefing.title, briefing.subtitle, briefing.summary,
                   briefing.published, briefing.review, briefing.author, tuple(briefing.tags),
                   tuple(section.heading for section in briefing.sections), reflective_questions(briefing))


def reflective_questions(briefing) -> tuple[str, ...]:
    """The list items of the first section whose heading mentions questions, as plain text."""
    from generator.markup import ListBlock, plain_text

    for section in briefing.sections:
        if "question" not in section.heading.casefold():
            continue
        for block in section.blocks:
            if isinstance(block, ListBlock):
                return tuple(plain_text(item.blocks) for item in block.items)
    return ()
