"""Helpers to read back what was drawn."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from generator.read.markup import plain_text
from generator.read.spec import Briefing


def extract(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


def squash(text: str) -> str:
    """Text without spaces, and without the soft hyphens (U+00AD) the layout adds where it
    hyphenates, which is how PDF tells a reader that the word is whole (ISO 32000-1, 14.8.2.2.3)."""
    return re.sub(r"[\s\u00ad]+", "", text)


def assert_in_order(text: str, pieces: list[str]) -> None:
    """Each piece appears after the previous one (whitespace ignored: lines may wrap anywhere)."""
    haystack = squash(text)
    position = 0
    for piece in pieces:
        needle = squash(piece)
        if not needle:
            continue
        found = haystack.find(needle, position)
        assert found >= 0, f"{piece!r} missing or out of order after ...{haystack[max(0, position - 60):position]!r}"
        position = found + len(needle)


def printed(text: str) -> str:
    """Text as the page, slides and web page set it (typographic quotes and dashes)."""
    from generator.typography import smart

    return smart(text)


def plainly(text: str) -> str:
    """Text with typographic quotes and dashes back as typed: what the tool printed, compared
    with what was written."""
    return text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                                         "\u2013": "-"}))


def reading_order(briefing: Briefing) -> list[str]:
    """Title, then each section's heading and every word of its body and links, in order, as
    printed (with typographic quotes and dashes: generator.typography)."""
    from generator.typography import smart

    pieces = [smart(briefing.title)]
    for section in briefing.sections:
        pieces.append(smart(section.heading))
        pieces.extend(smart(plain_text(section.blocks)).split())
        for link in section.links:
            pieces.extend(smart(link.label).split())
    return pieces
