"""Themes: a board's branding (organisation, colours, logo, fonts, sizes) from ``theme.yaml``.

With no theme file the built-in default serves: neutral colours and the shipped Atkinson
Hyperlegible faces, so a first run needs no set-up. Paths in a theme are relative to the theme
file and may not leave its folder tree; a missing or broken logo or font is a located error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.assets import MAX_ASSET_BYTES, THEME_FILE, find_theme  # noqa: F401 - part of this module's interface
from generator.errors import Problem, UserError
from generator.files import read_file
from generator.fonts import DEFAULT_FILES, STYLES, FontFileError, FontSet, shipped_fonts
from generator.read.source import Document, load

MAX_LOGO_PIXELS = 25_000_000  # checked before the image is decoded


@dataclass
class Colours:
    primary: str = "#22384F"
    accent: str = "#0F6A6E"
    text: str = "#1B1B1B"
    background: str = "#FFFFFF"


@dataclass
class Fonts:
    regular: str = DEFAULT_FILES["regular"]
    bold: str = DEFAULT_FILES["bold"]
    italic: str = DEFAULT_FILES["italic"]
    bold_italic: str = DEFAULT_FILES["bold_italic"]


@dataclass
class BodySize:
    min: float = 9.0
    max: float = 12.0


@dataclass
class CheckSettings:
    comfortable_size: float = 10.0
    language_rules: str | None = None


@dataclass
class ThemeSettings:
    """What a ``theme.yaml`` says, validated (the format is defined in :mod:`generator.read.spec`)."""

    organisation: str = ""
    label: str | None = None  # None: the language's own (generator.read.messages)
    logo: str | None = None
    logo_alt: str | None = None
    colours: Colours = field(default_factory=Colours)
    fonts: Fonts = field(default_factory=Fonts)
    body_size: BodySize = field(default_factory=BodySize)
    contact: str = ""
    language: str = "en-GB"
    page_size: str = "A4"
    qr_codes: bool = True
    feedback_url: str | None = None
    feedback_label: str | None = None
    messages: list[str] = field(default_factory=list)
    translations: dict[str, dict[str, str | None]] = field(default_factory=dict)
    check: CheckSettings = field(default_factory=CheckSettings)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ThemeSettings:
        """From validated data: as written (fast path) or a validated spec's ``model_dump()``."""
        nested = {"colours": Colours, "fonts": Fonts, "body_size": BodySize, "check": CheckSettings}
        values = {key: nested[key](**value) if key in nested else value for key, value in data.items()}
        settings = cls(**values)
        for name, colour in vars(settings.colours).items():
            setattr(settings.colours, name, colour.strip().upper())
        settings.body_size = BodySize(float(settings.body_size.min), float(settings.body_size.max))
        settings.check.comfortable_size = float(settings.check.comfortable_size)
        return settings


@dataclass
class Theme:
    """A validated theme with its files resolved: what layout and rendering use."""

    model: ThemeSettings
    fonts: FontSet
    logo: Path | None
    source: Path | None  # the theme file, or None for the built-in theme
    catalogues: dict[str, Path] = field(default_factory=dict)  # the theme's message files, by language

    @property
    def colours(self) -> Colours:
        return self.model.colours



def load_theme(path: Path | None) -> Theme:
    """Load and check a theme file (or the built-in default when ``path`` is None)."""
    if path is None:
        model = ThemeSettings()
        files = {style: shipped_fonts() / getattr(model.fonts, style) for style in STYLES}
        return Theme(model, _load_fonts(files, None, ()), None, None)
    from generator.read.validation import THEME, validate

    doc = load(path)
    model = ThemeSettings.from_data(validate(doc, THEME))
    base = path.resolve().parent
    problems: list[Problem] = []
    files: dict[str, Path] = {}
    named: list[str] = []
    for style in STYLES:
        value = getattr(model.fonts, style)
        given = "fonts" in doc.data and isinstance(doc.data["fonts"], dict) and style in doc.data["fonts"]
        resolved = _confined(doc, base, value, ("fonts", style), problems) if given else shipped_fonts() / value
        if resolved is not None:
            files[style] = resolved
            if given:
                named.append(style)
    logo = _confined(doc, base, model.logo, ("logo",), problems) if model.logo else None
    if logo is not None:
        _check_image(doc, logo, problems)
    catalogues: dict[str, Path] = {}
    for index, name in enumerate(model.messages):
        found = _confined(doc, base, name, ("messages", index), problems)
        if found is not None:
            from generator.read.messages import load_catalogues

            try:
                catalogues.update(load_catalogues([found]))
            except UserError as error:
                problems.extend(error.problems)
    fonts = None
    if not problems:
        try:
            fonts = _load_fonts(files, doc, named)
        except UserError as error:
            problems.extend(error.problems)
    if problems:
        raise UserError(problems)
    return Theme(model, fonts, logo, path, catalogues)


def _confined(doc: Document, base: Path, value: str, key: tuple, problems: list[Problem]) -> Path | None:
    candidate = (base / value).resolve()
    if not candidate.is_relative_to(base):
        problems.append(doc.problem(key, f"'{value}' is outside the theme's folder",
                                    "put the file in the theme's folder (or below it) and give its path from there"))
        return None
    if candidate.exists() and not candidate.is_file():
        problems.append(doc.problem(key, f"'{value}' is not a regular file", "give the path of a file"))
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
    """A logo must be a PNG or JPEG of at most :data:`MAX_LOGO_PIXELS`, counted from its header
    before it is decoded (a small file can hold a huge image), and must decode cleanly."""
    import io
    import warnings

    from PIL import Image

    try:
        data = read_file(path, MAX_ASSET_BYTES["logo"], what="logo", where=(doc.name, *doc.span(("logo",)).position()))
    except UserError as error:
        problems.extend(error.problems)
        return
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        problems.append(doc.problem(("logo",), f"'{path.name}' is not a PNG or JPEG image",
                                    "save the logo as PNG (best) or JPEG"))
        return
    too_many = doc.problem(("logo",), f"the logo '{path.name}' has more than {MAX_LOGO_PIXELS // 1_000_000} "
                           "million pixels", "a logo needs only a few hundred pixels across: save a smaller copy")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Pillow's warnings (a decompression bomb, a damaged file) are errors
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    problems.append(replace(too_many, message=f"the logo '{path.name}' is {width:,} x {height:,} "
                                            f"pixels; the most allowed is {MAX_LOGO_PIXELS // 1_000_000} million"))
                    return
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):  # Pillow's own, larger limit
        problems.append(too_many)
    except Exception as error:  # Pillow raises many kinds for a damaged file
        problems.append(doc.problem(("logo",), f"the image '{path.name}' cannot be read ({error})",
                                    "open it in an image editor and save it again as PNG"))


def _load_fonts(files: dict[str, Path], doc: Document | None, styles) -> FontSet:
    """The theme's fonts, with those it names (``styles``) loaded now so a bad file is reported
    with the theme's other problems."""
    try:
        return FontSet(files).load(styles)
    except FontFileError as error:
        if doc is None:  # the shipped fonts are broken: that is the tool's fault, not the user's
            raise
        raise UserError(doc.problem(("fonts", error.style), f"font '{error.path.name}': {error.reason}",
                                    "use a TrueType (.ttf) file")) from None
