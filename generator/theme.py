"""Themes: a board's branding (organisation, colours, logo, fonts, sizes) from ``theme.yaml``.

With no theme file the built-in default serves: neutral colours and the shipped Atkinson
Hyperlegible faces, so a first run needs no set-up. Paths in a theme are relative to the theme
file and may not leave its folder tree; a missing or broken logo or font is a located error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from generator.assets import THEME_FILE, find_theme  # noqa: F401 - part of this module's interface
from generator.errors import Problem, UserError
from generator.fonts import DEFAULT_FILES, STYLES, FontFileError, FontSet, shipped_fonts
from generator.source import Document, load

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

MAX_ASSET_BYTES = {"logo": 5_000_000, "fonts": 20_000_000}  # checked before a file is read

Colour = Annotated[str, Field(description="A colour as #RRGGBB.", examples=["#1F3A5F"])]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Colours(_Strict):
    primary: Colour = Field("#22384F", description="Header band, headings and numbers.")
    accent: Colour = Field("#0F6A6E", description="Number badges and rules.")
    text: Colour = Field("#1B1B1B", description="Body text.")
    background: Colour = Field("#FFFFFF", description="Page background.")

    @field_validator("primary", "accent", "text", "background")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value.strip()):
            raise ValueError(f"'{value}' is not a colour; write it as # and six hex digits, like #1F3A5F")
        return value.strip().upper()


class Fonts(_Strict):
    regular: str = Field(DEFAULT_FILES["regular"], description="TrueType file for body text.")
    bold: str = Field(DEFAULT_FILES["bold"], description="TrueType file for bold text and headings.")
    italic: str = Field(DEFAULT_FILES["italic"], description="TrueType file for italic text.")
    bold_italic: str = Field(DEFAULT_FILES["bold_italic"], description="TrueType file for bold italic text.")


class BodySize(_Strict):
    min: float = Field(9, ge=6, le=24, description="Smallest body size in points the fitter may use.")
    max: float = Field(12, ge=6, le=24, description="Largest body size in points.")

    @model_validator(mode="after")
    def _ordered(self) -> BodySize:
        if self.min > self.max:
            raise ValueError(f"body_size min ({self.min:g}) is larger than max ({self.max:g})")
        return self


class CheckSettings(_Strict):
    comfortable_size: float = Field(10, ge=6, le=24, description="Body sizes below this get a warning.")
    language_rules: str | None = Field(None, description="An extra language rule file (YAML).")


class ThemeModel(_Strict):
    """What a ``theme.yaml`` may say."""

    model_config = ConfigDict(title="7 Minute Briefing theme", extra="forbid", coerce_numbers_to_str=True)

    organisation: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = Field(
        "", description="The board or partnership; shown in the footer and as the default author.")
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)] = Field(
        "7 Minute Briefing", description="The label above the title.")
    logo: str | None = Field(None, description="PNG or JPEG, relative to the theme file.")
    logo_alt: str | None = Field(None, description="Text alternative for the logo (required with a logo).")
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    body_size: BodySize = Field(default_factory=BodySize)
    contact: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = Field(
        "", description="Footer line: website, email.")
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = Field(
        "en-GB", description="Language of the briefings, as a BCP 47 tag.")
    page_size: Literal["A4", "Letter"] = "A4"
    qr_codes: bool = Field(True, description="Print a QR code beside each link.")
    check: CheckSettings = Field(default_factory=CheckSettings)

    @model_validator(mode="after")
    def _logo_needs_alt(self) -> ThemeModel:
        if self.logo and not (self.logo_alt or "").strip():
            raise ValueError("a logo needs 'logo_alt': a few words saying what it shows, for screen readers")
        return self


@dataclass
class Theme:
    """A validated theme with its files resolved: what layout and rendering use."""

    model: ThemeModel
    fonts: FontSet
    logo: Path | None
    source: Path | None  # the theme file, or None for the built-in theme

    @property
    def colours(self) -> Colours:
        return self.model.colours



def load_theme(path: Path | None) -> Theme:
    """Load and check a theme file (or the built-in default when ``path`` is None)."""
    if path is None:
        model = ThemeModel()
        files = {style: shipped_fonts() / getattr(model.fonts, style) for style in STYLES}
        return Theme(model, _load_fonts(files, None), None, None)
    from generator.loading import validate

    doc = load(path)
    model = validate(doc, ThemeModel, what="theme", example_keys="organisation, colours and logo")
    base = path.resolve().parent
    problems: list[Problem] = []
    files: dict[str, Path] = {}
    for style in STYLES:
        value = getattr(model.fonts, style)
        given = "fonts" in doc.data and isinstance(doc.data["fonts"], dict) and style in doc.data["fonts"]
        resolved = _confined(doc, base, value, ("fonts", style), problems) if given else shipped_fonts() / value
        if resolved is not None:
            files[style] = resolved
    logo = _confined(doc, base, model.logo, ("logo",), problems) if model.logo else None
    if logo is not None:
        _check_image(doc, logo, problems)
    fonts = None
    if not problems:
        try:
            fonts = _load_fonts(files, doc)
        except UserError as error:
            problems.extend(error.problems)
    if problems:
        raise UserError(problems)
    return Theme(model, fonts, logo, path)


def _confined(doc: Document, base: Path, value: str, key: tuple, problems: list[Problem]) -> Path | None:
    candidate = (base / value).resolve()
    if not candidate.is_relative_to(base):
        problems.append(doc.problem(key, f"'{value}' is outside the theme's folder",
                                    "put the file in the theme's folder (or below it) and give its path from there"))
        return None
    if not candidate.is_file():
        problems.append(doc.problem(key, f"'{value}' does not exist (looked for {candidate})",
                                    "check the spelling; paths are relative to the theme file"))
        return None
    limit = MAX_ASSET_BYTES[key[0]]
    size = candidate.stat().st_size
    if size > limit:
        problems.append(doc.problem(key, f"'{value}' is {size:,} bytes; the most allowed is {limit:,}",
                                    "use a smaller file (a logo needs only a few hundred pixels across)"))
        return None
    return candidate


def _check_image(doc: Document, path: Path, problems: list[Problem]) -> None:
    head = path.read_bytes()[:8]
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        problems.append(doc.problem(("logo",), f"'{path.name}' is not a PNG or JPEG image",
                                    "save the logo as PNG (best) or JPEG"))
        return
    try:
        from reportlab.lib.utils import ImageReader

        ImageReader(str(path)).getSize()
    except Exception as error:
        problems.append(doc.problem(("logo",), f"the image '{path.name}' cannot be read ({error})",
                                    "open it in an image editor and save it again as PNG"))


def _load_fonts(files: dict[str, Path], doc: Document | None) -> FontSet:
    try:
        return FontSet(files).load()
    except FontFileError as error:
        if doc is None:  # the shipped fonts are broken: that is the tool's fault, not the user's
            raise
        raise UserError(doc.problem(("fonts", error.style), f"font '{error.path.name}': {error.reason}",
                                    "use a TrueType (.ttf) file")) from None
