"""Fonts: the brand faces from the theme, a shipped fallback, and per-character routing.

ReportLab has no glyph fallback: a character missing from a TrueType font is drawn as a box or
nothing. So every run of text is split into segments, each drawn in the brand face where it has
the glyph and in the fallback (Noto Sans) where it does not; a character neither has is reported.
Fonts are embedded as subsets by ReportLab, so the PDF never relies on the reader's fonts.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from generator.assets import DEFAULT_FILES, FALLBACK_FILES, STYLES, shipped_fonts  # noqa: F401

# Characters that are layout, not glyphs: never drawn, so never looked up.
_LAYOUT = {"\n"}

# The repertoire every shared-subset document assigns first, in this order (see SharedSubsetFont):
# Latin-1, Latin Extended-A (Welsh, Polish, Irish, Czech...) and the punctuation briefings use.
SHARED_REPERTOIRE = (
    "".join(chr(code) for code in range(0xA1, 0x180))
    + "\u2010\u2011\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2030\u2039\u203a"
    + "\u20ac\u2122\u2212\u2264\u2265\u2192\u2190\u2713\u00b7\u0174\u0175\u0176\u0177"
)


class SharedSubsetFont(TTFont):
    """A TrueType font whose subsets can be shared between documents.

    ReportLab numbers the characters of an embedded subset in the order a document first uses
    them, so two documents never share a subset and the same text is drawn with different codes.
    In a document marked ``shared_subsets`` (the pieces of a pack, see :mod:`generator.pack`),
    this font first assigns a fixed repertoire, in a fixed order, and starts any other character
    in a fresh subset: every such document then embeds byte-identical subsets for the
    repertoire, which the pack keeps once. Other documents are subset as usual.
    """

    def splitString(self, text, doc, encoding="utf-8"):
        if getattr(doc, "shared_subsets", False) and doc not in self.state:
            super().splitString(self._repertoire, doc, encoding)
            state = self.state[doc]
            state.nextCode = -(-state.nextCode // 256) * 256  # other characters start a new subset
        state = self.state.get(doc)
        if state is not None and isinstance(text, str) and text:
            codes, known = self._first_subset(doc, state)
            if known.issuperset(text):  # every character has its code already, all in the first subset
                return [(0, text.translate(codes).encode("latin-1"))]
        return super().splitString(text, doc, encoding)

    @cached_property
    def _repertoire(self) -> str:
        return "".join(char for char in SHARED_REPERTOIRE if ord(char) in self.face.charToGlyph)

    @cached_property
    def _tables(self) -> WeakKeyDictionary:
        return WeakKeyDictionary()

    def _first_subset(self, doc, state) -> tuple[dict[int, int], frozenset[str]]:
        """The codes of the characters assigned to the first subset of ``doc`` so far, as a
        ``str.translate`` table, and those characters: what ReportLab's ``splitString`` gives one
        character at a time, for a text of them all at once (text is split for every word drawn)."""
        found = self._tables.get(doc)
        if found is None or found[0] != len(state.assignments):
            codes = {char: code for char, code in state.assignments.items() if code < 256}
            if 32 in codes:
                codes[0xA0] = codes[32]  # ReportLab draws a no-break space as a space
            found = self._tables[doc] = (len(state.assignments), codes, frozenset(map(chr, codes)))
        return found[1], found[2]

    def addObjects(self, doc):
        """ReportLab's font objects, with each subset's widths written once per process: the
        shared subsets' 256 widths are otherwise formatted number by number in every piece."""
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(self.state[doc].subsets))] \
            if doc in self.state else []
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name in names:
            fonts[name].Widths = _NumberArray(fonts[name].Widths.sequence)


class _NumberArray(pdfdoc.PDFArray):
    """A PDF array of plain numbers, formatted once for all documents."""

    @staticmethod
    @lru_cache(maxsize=256)
    def _formatted(numbers: tuple, document_format) -> bytes:
        return pdfdoc.PDFArray(numbers).format(document_format)

    def format(self, document, IND=b"\n "):
        return self._formatted(tuple(self.sequence), None)


class _RememberingZlib:
    """ReportLab's ``zlib``, remembering what it compressed last. A pack's pieces embed the same
    font subsets and logo over and over, and compressing them again each time took longer than
    drawing the page; the output bytes are those of ``zlib.compress`` all the same."""

    KEPT = 64

    def __init__(self, module):
        self._module = module
        self._made: dict[bytes, bytes] = {}

    def __getattr__(self, name):
        return getattr(self._module, name)

    def compress(self, data, *args):
        if args or len(data) < 4096:  # page content is different every time: not worth keeping
            return self._module.compress(data, *args)
        data = bytes(data)
        if data not in self._made:
            if len(self._made) >= self.KEPT:
                del self._made[next(iter(self._made))]  # the oldest
            self._made[data] = self._module.compress(data)
        return self._made[data]


_ZLIB = _RememberingZlib(zlib)


def _remember_work() -> None:
    """Once per process: keep ReportLab from redoing identical work in every document."""
    if not isinstance(pdfdoc.zlib, _RememberingZlib):
        pdfdoc.zlib = _ZLIB
        make_cmap = ttfonts.makeToUnicodeCMap
        remembered = lru_cache(maxsize=256)(lambda name, subset: make_cmap(name, list(subset)))
        ttfonts.makeToUnicodeCMap = lambda name, subset: remembered(name, tuple(subset))


def _remember_subsets(face) -> None:
    """Make each distinct subset of a face once per process (ReportLab remakes it per document:
    every piece of a pack embeds the same subsets)."""
    make = face.makeSubset
    made: dict[tuple[int, ...], bytes] = {}

    def make_subset(subset):
        key = tuple(subset)
        if key not in made:
            made[key] = make(subset)
        return made[key]

    face.makeSubset = make_subset


class FontFileError(Exception):
    """A font file is missing or is not a usable TrueType font."""

    def __init__(self, style: str, path: Path, reason: str):
        self.style, self.path, self.reason = style, path, reason
        super().__init__(f"{path}: {reason}")


class MissingGlyph(Exception):
    """No shipped font can draw this character."""

    def __init__(self, char: str):
        self.char = char
        super().__init__(f"no font can draw {describe_char(char)}")


def describe_char(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "unnamed character")
    shown = f"'{char}' " if char.isprintable() else ""
    return f"{shown}(U+{ord(char):04X} {name})"


_registered: dict[Path, str] = {}


def register(path: Path, style: str = "regular") -> str:
    """Register a TrueType file with ReportLab once, returning its font name."""
    path = path.resolve()
    if path in _registered:
        return _registered[path]
    if not path.is_file():
        raise FontFileError(style, path, "font file not found")
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:8]
    name = f"{path.stem}-{digest}"
    try:
        font = SharedSubsetFont(name, str(path))
    except Exception as error:  # ReportLab's parser raises many kinds for a damaged or hostile file
        raise FontFileError(style, path, f"not a usable TrueType font ({error})") from None
    _remember_work()
    _remember_subsets(font.face)
    pdfmetrics.registerFont(font)
    _registered[path] = name
    return name


@dataclass
class Face:
    """One registered font with its character map."""

    name: str

    @cached_property
    def font(self) -> TTFont:
        return pdfmetrics.getFont(self.name)

    @cached_property
    def chars(self) -> frozenset[int]:
        return frozenset(self.font.face.charToGlyph)


@dataclass
class FontSet:
    """The four brand faces and their fallbacks, with segmenting and measuring."""

    files: dict[str, Path]
    fallback_files: dict[str, Path] = field(default_factory=lambda: {
        style: shipped_fonts() / name for style, name in FALLBACK_FILES.items()})
    _faces: dict[str, Face] = field(default_factory=dict, repr=False)
    _fallbacks: dict[str, Face] = field(default_factory=dict, repr=False)
    _widths: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    _segments: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict, repr=False)

    def load(self, styles=STYLES) -> FontSet:
        """Register these faces now, so a broken font file is reported before layout (the
        shipped faces are known to be good, and are registered when first used)."""
        for style in styles:
            self.face(style)
        return self

    def face(self, style: str) -> Face:
        if style not in self._faces:
            self._faces[style] = Face(register(self.files[style], style))
        return self._faces[style]

    def fallback(self, style: str) -> Face:
        """The fallback face, loaded only when a brand face lacks a character."""
        if style not in self._fallbacks:
            self._fallbacks[style] = Face(register(self.fallback_files[style], style))
        return self._fallbacks[style]

    def segments(self, text: str, style: str) -> list[tuple[str, str]]:
        """Split ``text`` into (font name, text) pieces that the named fonts can draw."""
        key = (style, text)
        found = self._segments.get(key)
        if found is None:
            found = self._segments[key] = self._split(text, style)
        return found

    def _split(self, text: str, style: str) -> list[tuple[str, str]]:
        face = self.face(style)
        chars = face.chars
        if all(ord(c) in chars for c in text):
            return [(face.name, text)]
        pieces: list[tuple[str, str]] = []
        for char in text:
            if ord(char) in chars or char in _LAYOUT:
                name = face.name
            elif ord(char) in self.fallback(style).chars:
                name = self.fallback(style).name
            elif char.isspace():
                char, name = " ", face.name
            else:
                raise MissingGlyph(char)
            if pieces and pieces[-1][0] == name:
                pieces[-1] = (name, pieces[-1][1] + char)
            else:
                pieces.append((name, char))
        return pieces

    def width(self, text: str, style: str) -> float:
        """Width of ``text`` at 1 pt, measuring each piece in the font that draws it."""
        key = (style, text)
        cached = self._widths.get(key)
        if cached is None:
            cached = sum(pdfmetrics.getFont(name).stringWidth(piece, 1.0)
                         for name, piece in self.segments(text, style))
            self._widths[key] = cached
        return cached

    def check(self, text: str) -> str | None:
        """The first character of ``text`` that no font can draw, or None."""
        try:
            for style in ("regular", "bold"):
                self.segments(text, style)
        except MissingGlyph as missing:
            return missing.char
        return None


def style_of(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold_italic"
    return "bold" if bold else "italic" if italic else "regular"
