"""``briefing new``: a valid briefing to start from, never written over an existing file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.said import Said
from generator.errors import UserError, display_path
from generator.files import write_atomic
from generator.read.spec import TITLE_LENGTH
from generator.read.starter import scaffold_text, slug
from generator.read.validation import BRIEFING, schema_reference


def create_briefing(title: str, folder: Path, today: dt.date | None = None) -> Path:
    """Write a new briefing file for ``title`` in ``folder``; refuse to overwrite."""
    title = title.strip()
    if not title or len(title) > TITLE_LENGTH:
        raise UserError.at("briefing new", 1, 1, f"the title must be 1 to {TITLE_LENGTH} characters",
                           'give the title in quotes: briefing new "Safer sleep"')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug(title)}.yaml"
    if path.exists():
        raise UserError.at(display_path(path), 1, 1, "a briefing with this name already exists; nothing was changed",
                           "choose another title, or edit the existing file")
    text = scaffold_text(title, today or dt.date.today(), schema_reference(BRIEFING, folder))
    write_atomic(path, text.encode("utf-8"))
    return path


def run(title: str, folder: Path | None) -> Said:
    """``briefing new``: the new file, and what to do next."""
    from generator.errors import shell_path
    from generator.publication.model import project_settings

    if folder is None:
        project = project_settings()
        folder = project.briefings if project is not None else Path("briefings")
    path = create_briefing(title, folder)
    said = Said()
    said.out(f"created {display_path(path)}")
    said.out("next: fill in the seven sections, then run")
    said.out(f"  briefing check {shell_path(path)}")
    said.out(f"  briefing build {shell_path(path)}")
    return said


def init(folder: Path) -> Said:
    """``briefing init``: a project's settings file, and its briefings folder, so that ``briefing
    build`` works at once; never over an existing settings file."""
    from generator.read.project import SETTINGS, starter_settings

    target = folder / SETTINGS
    if target.exists():
        raise UserError.at(display_path(target), 0, 0, "this project has a briefing.yaml already; it is left as it "
                           "is", "edit it, or delete it first to start again")
    folder.mkdir(parents=True, exist_ok=True)
    text, briefings = starter_settings(folder)
    made = not (folder / briefings).exists()
    (folder / briefings).mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"))
    said = Said()
    said.out(f"created {display_path(target)}" + (f" and the folder {display_path(folder / briefings)}" if made
                                                     else ""))
    said.out("next: start a briefing with 'briefing new \"Your title\"' (or bring last year's in with "
             "'briefing import FILE.docx'), then run 'briefing build'; every setting is explained in "
             "docs/project.md")
    return said
