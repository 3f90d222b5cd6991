"""The order of a pack's pages: cover, contents, each briefing (and its record sheet), and
blank pages so that, printed on both sides, every briefing starts on a right-hand page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """One physical page: what goes on it."""

    kind: str  # cover, blank-cover, contents, briefing, record, blank
    index: int = 0  # contents page number, or which briefing


def page_sequence(count: int, contents_pages: int, record_sheets: bool, duplex: bool,
                  follows: frozenset[int] = frozenset()) -> list[Slot]:
    """Every page of the pack in order, with blanks so briefings start on right-hand pages; a
    briefing in ``follows`` (a bilingual pair's second language) is printed straight after the
    one before it, on its back."""
    slots = [Slot("cover")]
    if duplex:
        slots.append(Slot("blank-cover"))
    slots += [Slot("contents", i) for i in range(contents_pages)]
    for index in range(count):
        if duplex and len(slots) % 2 == 1 and index not in follows:  # the next page would be a left-hand one
            slots.append(Slot("blank"))
        slots.append(Slot("briefing", index))
        if record_sheets:
            slots.append(Slot("record", index))
    return slots
