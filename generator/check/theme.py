"""Accessibility of the theme (BR501, BR502): contrast of every text colour on every background
it is drawn on (WCAG 2.x), and the smallest body size."""

from __future__ import annotations

from generator.colour import contrast, palette
from generator.errors import ERROR, NOTE, Problem

NORMAL, LARGE = 4.5, 3.0
PREFERRED_SIZE = 12

# (text colour, background, what it is, large text?) for everything the page and pack draw.
PAIRS = (
    ("text", "box", "body text on the section boxes", False),
    ("primary", "box", "headings and links on the section boxes", False),
    ("on_primary", "primary", "header text (dates line) on the primary colour", False),
    ("on_accent", "accent", "section numbers on the accent colour", False),
    ("text", "background", "footer and contents text on the page background", False),
    ("primary", "background", "footer organisation and contents titles on the page background", False),
    ("accent", "background", "record sheet label and contents numbers on the page background", True),
)


def check_theme(theme) -> list[Problem]:
    """Findings about a theme (a :class:`~generator.read.theme.Theme`, or the file read for one):
    its settings are enough, so a pack made from cached pages need not load fonts to check them."""
    file = getattr(theme, "file", theme)
    source, where = _name(file), file.where
    settings = file.settings
    c = settings.colours
    colours = palette(c.primary, c.accent, c.text, c.background)
    findings = []
    for fore, back, what, large in PAIRS:
        ratio = contrast(colours[fore], colours[back])
        needed = LARGE if large else NORMAL
        if ratio < needed:
            key = ("colours", fore if fore in ("text", "primary", "accent") else back)
            findings.append(Problem.finding(source, *where(key), ERROR, "BR501",
                                    f"contrast of {what} is {ratio:.2f}:1; at least {needed:g}:1 is needed (WCAG 2.x)",
                                    "use a darker text colour or a lighter background"))
    if settings.body_size.min < PREFERRED_SIZE:
        findings.append(Problem.finding(source, *where(("body_size", "min")), NOTE, "BR502",
                                f"body_size min is {settings.body_size.min:g} pt; public-sector guidance "
                                f"prefers {PREFERRED_SIZE} pt for documents",
                                "this is a note: one-page briefings often need a smaller size; "
                                "publish the HTML version for readers who need larger text"))
    return findings


def _name(file) -> str:
    from generator.errors import display_path

    return display_path(file.path) if file.path else "built-in theme"
