"""Body text as a reader sees it, with a map back to the characters the author typed.

Checks work on plain text (no ``**``, ``*`` or link addresses) so that a phrase is found even
when part of it is bold; every plain character remembers its offset in the raw body so findings
point at the exact file position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)


@dataclass
class PlainText:
    text: str
    offsets: list[int]  # raw offset of each plain character
    italic: list[bool]  # whether each plain character is inside *single* emphasis

    def raw_offset(self, index: int) -> int:
        return self.offsets[min(index, len(self.offsets) - 1)] if self.offsets else 0


def plain(raw: str) -> PlainText:
    """Strip emphasis markers, link addresses and list markers, keeping offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    italic: list[bool] = []
    in_italic = False
    link_spans = {m.start(): m for m in _LINK.finditer(raw)}
    index = 0
    line_start = True
    while index < len(raw):
        if line_start:
            mark = _LIST_MARK.match(raw, index)
            if mark:
                chars.append("\n")  # a list item is a unit of its own
                offsets.append(index)
                italic.append(False)
                index = mark.end()
            line_start = False
            continue
        char = raw[index]
        if index in link_spans:
            match = link_spans[index]
            for position in range(match.start(1), match.end(1)):
                chars.append(raw[position])
                offsets.append(position)
                italic.append(in_italic)
            index = match.end()
            continue
        if raw.startswith("**", index) or raw.startswith("__", index):
            index += 2
            continue
        if char == "*":
            in_italic = not in_italic
            index += 1
            continue
        if char == "\\" and index + 1 < len(raw):
            index += 1
            char = raw[index]
        chars.append(char)
        offsets.append(index)
        italic.append(in_italic)
        if char == "\n":
            line_start = True
            in_italic = False
        index += 1
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
