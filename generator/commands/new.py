"""``briefing new``: a valid briefing to start from, never written over an existing file."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

from generator.errors import UserError, display_path
from generator.files import write_atomic
from generator.read.validation import SCHEMA_FOLDER

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


def slug(title: str) -> str:
    """A file name from a title: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:60].strip("-") or "briefing"


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


def create_briefing(title: str, folder: Path, today: dt.date | None = None) -> Path:
    """Write a new briefing file for ``title`` in ``folder``; refuse to overwrite."""
    title = title.strip()
    if not title or len(title) > 120:
        raise UserError.at("briefing new", 1, 1, "the title must be 1 to 120 characters",
                           'give the title in quotes: briefing new "Safer sleep"')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug(title)}.yaml"
    if path.exists():
        raise UserError.at(display_path(path), 1, 1, "a briefing with this name already exists; nothing was changed",
                           "choose another title, or edit the existing file")
    schema = SCHEMA_FOLDER / "briefing.schema.json"
    reference = Path(os.path.relpath(schema, folder.resolve())).as_posix()
    text = scaffold_text(title, today or dt.date.today(), reference)
    write_atomic(path, text.encode("utf-8"))
    return path
