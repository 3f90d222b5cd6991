"""Body text as a reader sees it, with a map back to the characters the author typed.

Checks work on plain text (no ``**``, ``*`` or link addresses) so that a phrase is found even
when part of it is bold; every plain character remembers its offset in the raw body so findings
point at the exact file position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.read.markup import TYPED_BULLETS


@dataclass
class PlainText:
    text: str
    offsets: list[int]  # raw offset of each plain character
    italic: list[bool]  # whether each plain character is inside *single* emphasis

    def raw_offset(self, index: int) -> int:
        return self.offsets[min(index, len(self.offsets) - 1)] if self.offsets else 0


_TOKEN = re.compile(
    rf"(?P<item>^[ \t]*(?:[-*+{TYPED_BULLETS}]|\d{{1,3}}[.)])[ \t]+)"
    r"|(?P<link>\[(?P<label>[^\]\n]*)\]\([^)\n]*\))"
    r"|(?P<strong>\*\*|__)"
    r"|(?P<em>\*)"
    r"|(?P<escape>\\.)"
    r"|(?P<newline>\n)",
    re.MULTILINE,
)


@lru_cache(maxsize=2048)
def plain(raw: str) -> PlainText:
    """Strip emphasis markers, link addresses and list markers, keeping offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    italic: list[bool] = []
    in_italic = False

    def keep(start: int, end: int) -> None:
        chars.append(raw[start:end])
        offsets.extend(range(start, end))
        italic.extend([in_italic] * (end - start))

    position = 0
    for match in _TOKEN.finditer(raw):
        keep(position, match.start())
        kind = match.lastgroup
        if kind == "item":
            chars.append("\n")  # a list item is a unit of its own
            offsets.append(match.start())
            italic.append(False)
        elif kind == "link":
            keep(match.start("label"), match.end("label"))
        elif kind == "em":
            in_italic = not in_italic
        elif kind == "escape":
            keep(match.start() + 1, match.end())
        elif kind == "newline":
            in_italic = False
            keep(match.start(), match.end())
        position = match.end()
    keep(position, len(raw))
    return PlainText("".join(chars), offsets, italic)


_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Stretches in quotation marks: mentions of words, not uses."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def units(text: str) -> list[tuple[int, str]]:
    """Paragraphs and list items: (start offset, text), split on blank lines and list items."""
    result = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        result.append((match.start(), match.group()))
    return result


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(unit: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph: (start offset, text)."""
    result, start = [], 0
    for match in _SENTENCE_END.finditer(unit):
        result.append((start, unit[start:match.start()]))
        start = match.end()
    if unit[start:].strip():
        result.append((start, unit[start:]))
    return result
