"""``briefing new``: a valid briefing to start from, never written over an existing file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.errors import UserError, display_path
from generator.files import write_atomic
from generator.read.starter import scaffold_text, slug
from generator.read.validation import SCHEMA_FOLDER


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
