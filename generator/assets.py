"""Where the shipped fonts are, which files make each face, and the limits on a theme's files (no
ReportLab import here, so start-up paths that only need file names stay light)."""

from __future__ import annotations

from pathlib import Path

THEME_FILE = "theme.yaml"
# a theme's files: checked before they are read
MAX_ASSET_BYTES = {"logo": 5_000_000, "fonts": 20_000_000, "messages": 1_000_000, "rules": 1_000_000}
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
