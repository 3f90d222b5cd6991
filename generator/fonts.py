"""Fonts: the brand faces from the theme, a shipped fallback, and per-character routing.

ReportLab has no glyph fallback: a character missing from a TrueType font is drawn as a box or
nothing. So every run of text is split into segments, each drawn in the brand face where it has
the glyph and in the fallback (Noto Sans) where it does not; a character neither has is reported.
Fonts are embedded as subsets by ReportLab, so the PDF never relies on the reader's fonts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.assets import DEFAULT_FILES, FALLBACK_FILES, STYLES, shipped_fonts  # noqa: F401

# Characters that are layout, not glyphs: never drawn, so never looked up.
_LAYOUT = {"\n"}

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


_registered: dict[tuple[Path, str], str] = {}


def register(path: Path, style: str = "regular", data: bytes | None = None) -> str:
    """Register a TrueType font with ReportLab once, returning its font name: the shipped file at
    ``path``, or a theme's font from the bytes read with the theme (``data``), never read again."""
    import io

    path = path.resolve()
    digest = hashlib.sha1(data).hexdigest()[:8] if data is not None else ""
    if (path, digest) in _registered:
        return _registered[(path, digest)]
    if data is None and not path.is_file():
        raise FontFileError(style, path, "font file not found")
    name = f"{path.stem}-{hashlib.sha1(f'{path}{digest}'.encode()).hexdigest()[:8]}"
    try:
        font = TTFont(name, io.BytesIO(data) if data is not None else str(path))
    except Exception as error:  # ReportLab's parser raises many kinds for a damaged or hostile file
        raise FontFileError(style, path, f"not a usable TrueType font ({error})") from None
    pdfmetrics.registerFont(font)
    _registered[(path, digest)] = name
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
    data: dict[Path, bytes] = field(default_factory=dict, repr=False)  # a theme's own fonts, as read with it
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
            path = self.files[style]
            self._faces[style] = Face(register(path, style, self.data.get(path)))
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

    def missing(self, text: str, style: str = "regular") -> list[str]:
        """Every character of ``text`` that no font can draw in ``style``, each once, in order."""
        face, fallback = self.face(style), self.fallback(style)
        return list(dict.fromkeys(char for char in text if ord(char) not in face.chars and char not in _LAYOUT
                                  and ord(char) not in fallback.chars and not char.isspace()))

    def drawable(self, text: str, style: str = "regular") -> tuple[str, list[str]]:
        """``text`` with each character no font can draw named in brackets instead ("[SLIGHTLY
        SMILING FACE]"), for text the tool reports but cannot send back to its author (what teams
        typed on record sheets); and those characters, described."""
        missing = set(self.missing(text, style))
        if not missing:
            return text, []
        import unicodedata

        shown = "".join(f"[{unicodedata.name(char, f'U+{ord(char):04X}')}]" if char in missing else char
                        for char in text)
        return shown, [f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
                       for char in dict.fromkeys(c for c in text if c in missing)]

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
