"""Where the shipped fonts are, and which files make each face (no ReportLab import here, so
start-up paths that only need file names stay light)."""

from __future__ import annotations

from pathlib import Path

THEME_FILE = "theme.yaml"
MAX_ASSET_BYTES = {"logo": 5_000_000, "fonts": 20_000_000}  # a theme's files: checked before they are read
STYLES = ("regular", "bold", "italic", "bold_italic")

def shipped_fonts() -> Path:
    """The folder of fonts that ship with the tool (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "fonts"
    return installed if installed.is_dir() else here.parent / "fonts"


FALLBACK_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold_italic": "NotoSans-BoldItalic.ttf",
}
DEFAULT_FILES = {
    "regular": "AtkinsonHyperlegible-Regular.ttf",
    "bold": "AtkinsonHyperlegible-Bold.ttf",
    "italic": "AtkinsonHyperlegible-Italic.ttf",
    "bold_italic": "AtkinsonHyperlegible-BoldItalic.ttf",
}


def find_theme(explicit: Path | None) -> Path | None:
    """The theme file to use: the one given, else ``theme.yaml`` in the current folder."""
    if explicit is not None:
        return explicit
    local = Path.cwd() / THEME_FILE
    return local if local.is_file() else None
