"""Line breaking for styled text: words measured once, then broken greedily at any size.

Glyph widths scale linearly with the font size, so each word is measured once at 1 pt and every
candidate size the fitter tries costs one pass of additions. Words wider than a line (a long
URL, a long compound) are split, preferring to break after '/' or before '-', '.', '?', '&', '='
or '_', so that no line ends in a hyphen that a reader, or a text extractor, would take for a
word broken in two; nothing is added at such a break.

A line broken between two words keeps the space that separated them, at its end: it is invisible
on the page, but it is what a screen reader and every text extractor need to read the two words
apart ("crawling, cruising", not "crawling,cruising"). It does not count in the line's width.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from generator.fonts import FontSet, style_of
from generator.read.markup import Run

_SPACE = re.compile(r"[ \t\r\n]+")
_BREAK_AFTER = set("/")
_BREAK_BEFORE = set("-.?&=_")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    style: str
    href: str | None = None
    lang: str | None = None  # words in another language than the page's (a report's English title)


@dataclass(slots=True)
class Word:
    """Text between spaces, possibly in several styles; widths are at 1 pt."""

    pieces: list[Piece]
    width: float
    space: float = 0.0  # width of the space after it (0 at the end of the text)
    space_piece: Piece | None = None
    hard_break: bool = False  # a forced line break follows


@dataclass(slots=True)
class Line:
    """A laid-out line: (x offset from the line start, piece, width) triples at the set size."""

    parts: list[tuple[float, Piece, float]]
    width: float


def words_from_runs(runs: list[Run], fonts: FontSet) -> list[Word]:
    """Split runs into measured words. Spaces collapse; everything else is kept."""
    words: list[Word] = []
    current: list[Piece] = []
    width = fonts.width

    def close() -> Word:
        measured = width(current[0].text, current[0].style) if len(current) == 1 else sum(
            width(p.text, p.style) for p in current)
        word = Word(current.copy(), measured)
        words.append(word)
        current.clear()
        return word

    for run in runs:
        style = style_of(run.bold, run.italic)
        if run.text == "\n":
            if current:
                close().hard_break = True
            elif words:
                words[-1].hard_break = True
            else:
                words.append(Word([], 0.0, 0.0, None, True))
            continue
        href, lang = run.href, run.lang
        for index, part in enumerate(_SPACE.split(run.text)):
            if index:  # a space came before this part
                last = close() if current else (words[-1] if words else None)
                if last is not None and not last.hard_break and last.space_piece is None:
                    last.space_piece = Piece(" ", style, href, lang)
                    last.space = width(" ", style)
            if part:
                current.append(Piece(part, style, href, lang))
    if current:
        close()
    if words:
        words[-1].space, words[-1].space_piece = 0.0, None
    return _glued(words)


_SEPARATORS = {"/", "|", "\u2013", "\u2014", "\u00b7"}  # / | – — ·


def _glued(words: list[Word]) -> list[Word]:
    """A separator standing alone between spaces ("Gwersi / Lessons", "this – that") is kept on
    the line of the word before it, with the space between them: no line starts with one."""
    out: list[Word] = []
    for word in words:
        previous = out[-1] if out else None
        alone = len(word.pieces) == 1 and word.pieces[0].text in _SEPARATORS
        if alone and previous is not None and previous.space_piece is not None and not previous.hard_break:
            previous.pieces = [*previous.pieces, previous.space_piece, *word.pieces]
            previous.width += previous.space + word.width
            previous.space, previous.space_piece, previous.hard_break = word.space, word.space_piece, word.hard_break
            continue
        out.append(word)
    return out


def _host_span(text: str) -> tuple[int, int]:
    """Where the site's name is in an address (after ``//`` up to the next ``/``), or (0, 0)."""
    start = text.find("//")
    if start < 0:
        return 0, 0
    end = text.find("/", start + 2)
    return start + 2, end if end >= 0 else len(text)


def _split_word(word: Word, limit: float, fonts: FontSet) -> list[Word]:
    """Cut a word wider than ``limit`` (1 pt units) into pieces that each fit."""
    chars: list[tuple[str, str, str | None, float, str | None]] = []
    for piece in word.pieces:
        for char in piece.text:
            chars.append((char, piece.style, piece.href, fonts.width(char, piece.style), piece.lang))
    chunks: list[list[tuple[str, str, str | None, float, str | None]]] = []
    start = 0
    text = "".join(char[0] for char in chars)
    host = _host_span(text)
    while start < len(chars):
        # where the best break so far ends this chunk: after a "/" if any, else before a "-" or
        # "." outside the site's name, else anywhere allowed ("northlincscmars / .co.uk/" never)
        width, end, slash, other, inside = 0.0, start, -1, -1, -1
        while end < len(chars) and (width + chars[end][3] <= limit or end == start):
            if chars[end][0] in _BREAK_BEFORE and end > start:
                if host[0] <= end < host[1]:
                    inside = end
                else:
                    other = end
            width += chars[end][3]
            if chars[end][0] in _BREAK_AFTER:
                slash = end + 1
            end += 1
        cut = slash if slash > start else other if other > start else inside
        if end < len(chars) and start < cut < end:
            end = cut
        chunks.append(chars[start:end])
        start = end
    result = []
    for index, chunk in enumerate(chunks):
        pieces: list[Piece] = []
        for char, style, href, _, lang in chunk:
            if pieces and (pieces[-1].style, pieces[-1].href, pieces[-1].lang) == (style, href, lang):
                pieces[-1] = Piece(pieces[-1].text + char, style, href, lang)
            else:
                pieces.append(Piece(char, style, href, lang))
        last = index == len(chunks) - 1
        result.append(Word(pieces, sum(c[3] for c in chunk),
                           word.space if last else 0.0, word.space_piece if last else None,
                           word.hard_break if last else False))
    return result


def _merge_pieces(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring pieces in the same style and link, so each is drawn in one operation."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and (merged[-1].style, merged[-1].href, merged[-1].lang) == (piece.style, piece.href, piece.lang):
            merged[-1] = Piece(merged[-1].text + piece.text, piece.style, piece.href, piece.lang)
        else:
            merged.append(piece)
    return merged


def _line(pieces: list[Piece], size: float, fonts: FontSet, trailing: Piece | None = None) -> Line:
    """A line of ``pieces``, with the space that ended it (``trailing``) drawn after them but not
    counted in its width."""
    parts: list[tuple[float, Piece, float]] = []
    x = 0.0
    for piece in pieces:
        width = fonts.width(piece.text, piece.style) * size
        parts.append((x, piece, width))
        x += width
    if trailing is not None:
        parts.append((x, trailing, fonts.width(trailing.text, trailing.style) * size))
    return Line(parts, x)


HYPHENATION_ZONE = 0.18  # a word is hyphenated only where the line would otherwise end this much short
Hyphenate = Callable[[Word], "tuple[Word, Word] | None"]


def _fill(words: list[Word], limit: float, fonts: FontSet, hyphenate: Hyphenate | None) -> Iterator[list[Word]]:
    """Greedy filling: the words of each line in turn (the one path for counting and placing).
    With ``hyphenate``, a word that would start a new line is first offered a hyphenation
    point that lets its first part end this one, where the line would otherwise end more than
    :data:`HYPHENATION_ZONE` of its width short (so a line that is nearly full is left alone)."""
    current: list[Word] = []
    used = 0.0
    pending = list(reversed(words))
    while pending:
        word = pending.pop()
        parts = _split_word(word, limit, fonts) if word.width > limit else None
        if parts is not None and len(parts) > 1:
            pending.extend(reversed(parts))
            continue
        gap = current[-1].space if current else 0.0
        if current and used + gap + word.width > limit:
            room = limit - used - gap
            split = hyphenate(word, room) if hyphenate is not None and room > limit * HYPHENATION_ZONE else None
            if split is not None:
                current.append(split[0])
                pending.append(split[1])
            yield current
            current, used = [], 0.0
            if split is not None:
                continue
            gap = 0.0
        current.append(word)
        used += gap + word.width
        if word.hard_break:
            yield current
            current, used = [], 0.0
    if current:
        yield current


def count_lines(words: list[Word], limit: float, fonts: FontSet, hyphenate: Hyphenate | None = None) -> int:
    """How many lines ``words`` take when each line holds ``limit`` (in 1 pt units): what
    :func:`_fill` gives, counted in one loop where no word needs breaking or hyphenating (fitting
    asks this thousands of times a page)."""
    if hyphenate is None:
        lines, used, gap, started = 0, 0.0, 0.0, False
        for word in words:
            width = word.width
            if width > limit:  # a word wider than a line: broken as _fill breaks it
                return sum(1 for _ in _fill(words, limit, fonts, hyphenate))
            if started and used + gap + width > limit:
                lines += 1
                used = width
            elif started:
                used += gap + width
            else:
                used, started = width, True
            gap = word.space
            if word.hard_break:
                lines += 1
                used, gap, started = 0.0, 0.0, False
        return lines + (1 if started else 0)
    # the same with hyphenation, as _fill does it: a word that would start a new line is first
    # offered the room left on this one, and its second part starts the next
    lines, used, gap, started = 0, 0.0, 0.0, False
    zone = limit * HYPHENATION_ZONE
    queue = iter(words)
    carry = None
    while True:
        word = carry if carry is not None else next(queue, None)
        carry = None
        if word is None:
            return lines + (1 if started else 0)
        width = word.width
        if width > limit:  # a word wider than a line: counted as _fill breaks it
            return sum(1 for _ in _fill(words, limit, fonts, hyphenate))
        if started and used + gap + width > limit:
            room = limit - used - gap
            split = hyphenate(word, room) if room > zone else None
            lines += 1
            if split is not None:
                carry, used, gap, started = split[1], 0.0, 0.0, False
                continue
            used = width
        elif started:
            used += gap + width
        else:
            used, started = width, True
        gap = word.space
        if word.hard_break:
            lines += 1
            used, gap, started = 0.0, 0.0, False


def break_lines(words: list[Word], size: float, width: float, fonts: FontSet,
                hyphenate: Hyphenate | None = None) -> list[Line]:
    """Lay words out in lines of at most ``width`` points at ``size``."""
    lines: list[Line] = []
    for current in _fill(words, width / size, fonts, hyphenate):
        pieces: list[Piece] = []
        for index, word in enumerate(current):
            pieces.extend(word.pieces)
            if index < len(current) - 1 and word.space_piece is not None:
                pieces.append(word.space_piece)
        lines.append(_line(_merge_pieces(pieces), size, fonts, trailing=current[-1].space_piece))
    return lines


def balanced_width(words: list[Word], width: float, size: float, fonts: FontSet) -> float:
    """The narrowest width, at most ``width``, that keeps ``words`` on as few lines as ``width``
    does: lines of even length, so that a title or a date never leaves one word alone on its
    last line ("January / 2021")."""
    lines = count_lines(words, width / size, fonts)
    if lines < 2:
        return width
    low, high = width / lines * 0.9, width  # low may be too narrow; high is wide enough
    for _ in range(12):
        middle = (low + high) / 2
        low, high = (low, middle) if count_lines(words, middle / size, fonts) <= lines else (middle, high)
    return high


SOFT_HYPHEN = "\u00ad"


_CORE = re.compile(r"^(\W*)([^\W\d_]+)(\W*)$")


class Hyphenator:
    """Hyphenation of body text in narrow columns, from pyphen's (LibreOffice's) dictionaries
    (:mod:`generator.layout.hyphenation`), loaded when a line first needs them.

    Only a word in one style, not a link, of at least six letters, not starting with a capital
    (names and titles stay whole) is hyphenated, with at least three letters each side. The
    hyphen is drawn as U+00AD SOFT HYPHEN, which is how PDF marks a hyphen added by the layout
    (ISO 32000-1, 14.8.2.2.3): text extractors and screen readers read the word whole.
    Languages pyphen has no dictionary for are not hyphenated."""

    def __init__(self, language: str, fonts: FontSet):
        self.fonts, self.language = fonts, language

    @cached_property
    def dictionary(self):
        from generator.layout.hyphenation import patterns

        return patterns(self.language)

    def __call__(self, word: Word, room: float) -> tuple[Word, Word] | None:
        """The word cut at its last hyphenation point whose first part fits in ``room``."""
        if (self.dictionary is None or len(word.pieces) != 1 or word.pieces[0].href is not None
                or word.pieces[0].lang is not None):  # another language's words: its rules, not ours
            return None
        piece = word.pieces[0]
        match = _CORE.match(piece.text)
        if match is None or len(match[2]) < 6 or match[2][0].isupper():
            return None
        width = self.fonts.width
        hyphen = width(SOFT_HYPHEN, piece.style)
        for point in reversed(self.dictionary.points(match[2], 3, 3)):
            cut = len(match[1]) + point
            head = piece.text[:cut]
            head_w = width(head, piece.style) + hyphen
            if head_w <= room:
                tail = piece.text[cut:]
                return (Word([Piece(head + SOFT_HYPHEN, piece.style)], head_w),
                        Word([Piece(tail, piece.style)], width(tail, piece.style), word.space, word.space_piece,
                             word.hard_break))
        return None
