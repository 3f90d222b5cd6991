"""Themes: a board's branding (organisation, colours, logo, fonts, sizes, its own words and rules)
from ``theme.yaml``, read once and passed on as one object.

Reading happens in two steps, both here. :func:`read_theme` reads the file, validates it against
its format, confines every path it names to the theme's folder (a logo, fonts, message files,
a language rule file) and reads each of those files, once: a :class:`ThemeFile` holds their
bytes, so what was checked is what is drawn, and nothing reads them again (a worker process is
handed the bytes, not the paths). :func:`load_theme` then loads what drawing needs: the fonts
(registered with ReportLab from those bytes, so a broken font is reported as the theme's error)
and the message catalogues, and checks the logo is an image of a sensible size.

With no theme file the built-in default serves: neutral colours and the shipped Atkinson
Hyperlegible faces, so a first run needs no set-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.assets import MAX_ASSET_BYTES, STYLES, THEME_FILE, shipped_fonts
from generator.errors import Problem, UserError
from generator.files import read_file
from generator.fonts import FontFileError, FontSet
from generator.read.source import Positions
from generator.read.spec import Colours, ThemeSettings

MAX_LOGO_PIXELS = 25_000_000  # checked before the image is decoded


@dataclass
class ThemeFile:
    """A theme file read and validated, with the files it names found inside its folder."""

    settings: ThemeSettings
    path: Path | None = None  # None: the built-in theme
    positions: Positions | None = None
    text: str = ""
    fonts: dict[str, Path] = field(default_factory=dict)  # every face's file
    named_fonts: tuple[str, ...] = ()  # the faces the theme names itself (the others are shipped)
    logo: Path | None = None
    messages: tuple[Path, ...] = ()
    rules: Path | None = None  # check.language_rules
    blobs: dict[Path, bytes] = field(default_factory=dict, repr=False)  # each named file's bytes, read once

    def named_files(self) -> list[Path]:
        """Every file the theme names: what, with the theme file, decides how pages look."""
        return [*(self.fonts[style] for style in self.named_fonts), *([self.logo] if self.logo else []),
                *self.messages, *([self.rules] if self.rules else [])]

    def blob(self, path: Path) -> bytes:
        """The bytes of a file the theme names, as read with the theme."""
        return self.blobs[path]

    def digests(self) -> dict[Path, str]:
        """The theme file and every file it names, by path: the digest of what was read."""
        import hashlib

        found = {path: hashlib.sha256(data).hexdigest() for path, data in self.blobs.items()}
        if self.path is not None:
            found = {self.path.resolve(): hashlib.sha256(self.text.encode("utf-8")).hexdigest(), **found}
        return found

    def where(self, key: tuple) -> tuple[int, int]:
        """The line and column of a setting, for findings about the theme."""
        return self.positions.span(key).position() if self.positions is not None else (1, 1)


@dataclass
class Theme:
    """A theme ready to draw with: its settings, fonts, logo, catalogues and where it came from."""

    file: ThemeFile
    fonts: FontSet
    catalogues: dict[str, Path] = field(default_factory=dict)  # the theme's message files, by language
    logo_size: tuple[int, int] = (0, 0)  # the logo's pixels across and down
    logo_data: bytes = b""  # the logo file's bytes, read once: what was checked is what is drawn

    @property
    def model(self) -> ThemeSettings:
        return self.file.settings

    @property
    def colours(self) -> Colours:
        return self.file.settings.colours

    @property
    def logo(self) -> Path | None:
        return self.file.logo

    @property
    def source(self) -> Path | None:
        return self.file.path

    @property
    def name(self) -> str:
        """The theme as messages name it."""
        from generator.errors import display_path

        return display_path(self.file.path) if self.file.path else "built-in theme"


def find_theme(explicit: Path | None, paths: list[Path] | tuple[Path, ...] = ()) -> Path | None:
    """The theme file every command uses: the one given with ``--theme``, else ``theme.yaml``
    in the folder of the briefings (the first path given, or the folder holding it), else in
    the current folder, else None (the built-in theme)."""
    if explicit is not None:
        return explicit
    folders = [path if path.is_dir() else path.parent for path in list(paths)[:1]] + [Path.cwd()]
    for folder in folders:
        candidate = folder / THEME_FILE
        if candidate.is_file():
            return candidate
    return None


def read_theme(path: Path | None) -> ThemeFile:
    """Read and validate a theme file, finding the files it names (see the module's text)."""
    if path is None:
        settings = ThemeSettings()
        return ThemeFile(settings, fonts={style: shipped_fonts() / getattr(settings.fonts, style)
                                          for style in STYLES})
    from generator.read.source import parse, read_text
    from generator.read.validation import THEME, validate

    doc = parse(read_text(path, what="theme file"), path, recover=True)  # validate() says its layout mistakes too
    settings = validate(doc, THEME)
    base = path.resolve().parent
    problems: list[Problem] = []

    def confined(value: str, key: tuple, kind: str) -> Path | None:
        candidate = (base / value).resolve()
        if not candidate.is_relative_to(base):
            problems.append(doc.problem(key, f"'{value}' is outside the theme's folder",
                                        "put the file in the theme's folder (or below it) and give its path from "
                                        "there"))
        elif candidate.exists() and not candidate.is_file():
            problems.append(doc.problem(key, f"'{value}' is not a regular file", "give the path of a file"))
        elif not candidate.is_file():
            problems.append(doc.problem(key, f"'{value}' does not exist (looked for {candidate})",
                                        "check the spelling; paths are relative to the theme file"))
        elif candidate.stat().st_size > MAX_ASSET_BYTES[kind]:
            problems.append(doc.problem(key, f"'{value}' is {candidate.stat().st_size:,} bytes; the most allowed "
                                             f"is {MAX_ASSET_BYTES[kind]:,}",
                                        "use a smaller file (a logo needs only a few hundred pixels across)"))
        else:
            return candidate
        return None

    fonts: dict[str, Path] = {}
    named = tuple(style for style in STYLES if doc.has(("fonts", style)))
    for style in STYLES:
        value = getattr(settings.fonts, style)
        found = confined(value, ("fonts", style), "fonts") if style in named else shipped_fonts() / value
        if found is not None:
            fonts[style] = found
    logo = confined(settings.logo, ("logo",), "logo") if settings.logo else None
    messages = tuple(found for index, name in enumerate(settings.messages)
                     if (found := confined(name, ("messages", index), "messages")) is not None)
    rules = settings.check.language_rules
    rules_path = confined(rules, ("check", "language_rules"), "rules") if rules else None
    blobs: dict[Path, bytes] = {}
    for kind, key, found in [*(("fonts", ("fonts", style), fonts.get(style)) for style in named),
                             ("logo", ("logo",), logo),
                             *(("messages", ("messages", index), found) for index, found in enumerate(messages)),
                             ("rules", ("check", "language_rules"), rules_path)]:
        if found is not None and found not in blobs:
            try:
                blobs[found] = read_file(found, MAX_ASSET_BYTES[kind], what=kind.rstrip("s"),
                                         where=(doc.name, *doc.span(key).position()))
            except UserError as error:
                problems.extend(error.problems)
    if problems:
        raise UserError(problems)
    return ThemeFile(settings, path, doc.positions(), "\n".join(doc.lines), fonts, named, logo, messages, rules_path,
                     blobs)


def load_theme(source: Path | ThemeFile | None) -> Theme:
    """A theme ready to draw with, from a theme file's path (None: the built-in theme) or from
    what :func:`read_theme` read."""
    file = source if isinstance(source, ThemeFile) else read_theme(source)
    problems: list[Problem] = []
    logo_data, logo_size = _check_image(file, problems) if file.logo is not None else (b"", (0, 0))
    catalogues: dict[str, Path] = {}
    for path in file.messages:
        from generator.read.messages import catalogue_language

        try:
            catalogues[catalogue_language(path, file.blob(path))] = path
        except UserError as error:
            problems.extend(error.problems)
    fonts = None
    if not problems:
        try:
            fonts = FontSet(file.fonts, data={file.fonts[style]: file.blob(file.fonts[style])
                                              for style in file.named_fonts}).load(file.named_fonts)
        except FontFileError as error:
            if file.path is None:  # the shipped fonts are broken: that is the tool's fault, not the user's
                raise
            problems.append(Problem(_name(file), *file.where(("fonts", error.style)),
                                    f"font '{error.path.name}': {error.reason}", "use a TrueType (.ttf) file"))
    if problems:
        raise UserError(problems)
    return Theme(file, fonts, catalogues, logo_size, logo_data)


def _name(file: ThemeFile) -> str:
    from generator.errors import display_path

    return display_path(file.path) if file.path else "built-in theme"


def _check_image(file: ThemeFile, problems: list[Problem]) -> tuple[bytes, tuple[int, int]]:
    """A logo must be a PNG or JPEG of at most :data:`MAX_LOGO_PIXELS`, counted from its header
    before it is decoded (a small file can hold a huge image), and must decode cleanly. Its size
    in pixels, and the file's bytes; a logo that decoded cleanly before is not decoded again
    (:mod:`generator.tables`)."""
    from generator.tables import kept

    path, where = file.logo, (_name(file), *file.where(("logo",)))
    data = file.blob(path)
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        problems.append(Problem(*where, f"'{path.name}' is not a PNG or JPEG image",
                                "save the logo as PNG (best) or JPEG"))
        return b"", (0, 0)
    try:
        width, height = kept("logo", data, lambda: _decoded(data, path.name),
                             shape=lambda size: all(isinstance(n, int) and 0 < n <= MAX_LOGO_PIXELS for n in size)
                             and len(size) == 2 and size[0] * size[1] <= MAX_LOGO_PIXELS)
    except _Unusable as unusable:
        problems.append(Problem(*where, *unusable.args))
        return b"", (0, 0)
    return data, (width, height)


class _Unusable(Exception):
    """A logo that cannot be used: (message, hint)."""


def _decoded(data: bytes, name: str) -> list[int]:
    """The logo decoded, to be sure it can be: its width and height."""
    import io
    import warnings

    from PIL import Image

    too_many = (f"the logo '{name}' has more than {MAX_LOGO_PIXELS // 1_000_000} million pixels",
                "a logo needs only a few hundred pixels across: save a smaller copy")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Pillow's warnings (a decompression bomb, a damaged file) are errors
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise _Unusable(f"the logo '{name}' is {width:,} x {height:,} pixels; the most allowed is "
                                    f"{MAX_LOGO_PIXELS // 1_000_000} million", too_many[1])
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):  # Pillow's own, larger limit
        raise _Unusable(*too_many) from None
    except _Unusable:
        raise
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise _Unusable(f"the image '{name}' cannot be read ({error})",
                        "open it in an image editor and save it again as PNG") from None
    return [width, height]
