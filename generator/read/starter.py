"""A new briefing's text: a valid briefing whose headings are suggestions and whose text is prompts
to replace (``briefing new``; the check BR803 finds prompts left in place), and the file name a
title gives."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

HEADINGS = ("Background", "Why it matters", "What the review found", "What good practice looks like",
            "Questions to reflect on", "What you should do", "Find out more")

PROMPTS = (
    "Say in two or three sentences what happened or what the report is, and when it was published.",
    "Explain why this matters for the children and families your readers work with.",
    "Give the key findings. Keep facts and figures exactly as the source gives them.",
    "Describe what good practice looks like. Use short sentences and the active voice.",
    "- What does this mean for your team?\n- What would you do differently?",
    "List the actions practitioners should take, one per bullet.",
    "Point readers to the full report and local guidance in the links below.",
)


SUBTITLE = "One line that says what the learning is about"
SUMMARY = "One sentence for the pack's contents page."


# The line ``briefing import`` writes above the text it could not place; ``check`` looks for it.
LEFT_OVER = "# Text from the document that was not placed in the title or a section."


def slug(title: str) -> str:
    """A file name from a title: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    kept: list[str] = []
    for word in words:  # whole words, up to 60 characters: never a word cut short
        if kept and len("-".join([*kept, word])) > 60:
            break
        kept.append(word[:60])
    name = "-".join(kept) or "untitled"
    return f"{name}-1" if name in ("briefing", "theme") else name  # those names are a project's and a theme's


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold_text(title: str, today: dt.date, schema_ref: str) -> str:
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"title: {_quote(title)}",
        f"subtitle: {SUBTITLE}",
        f"published: {today.isoformat()}",
        f"review: {today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat()}",
        "audience: All practitioners",
        "tags: []",
        f"summary: {SUMMARY}",
        "sections:",
    ]
    for heading, prompt in zip(HEADINGS, PROMPTS, strict=True):
        lines.append(f"  - heading: {heading}")
        lines.append("    body: |")
        lines.extend(f"      {line}" for line in prompt.splitlines())
    lines.extend([
        "    links:",
        "      - label: The full report",
        "        url: https://www.gov.uk/",
    ])
    return "\n".join(lines) + "\n"
