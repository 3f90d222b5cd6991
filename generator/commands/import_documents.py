"""``briefing import``: Word documents and text-based PDFs of existing briefings, as YAML.

Each document is read (:mod:`generator.importing`), written as a new briefing named from its
title (never over an existing file: ``-2``, ``-3``... are added) and checked. What could not be
placed is at the end of the new file as comments, and counted in the report; what the new file
still lacks (a title, a date, a seventh section) is reported at its line, and the command exits
with status 1, so nothing in a document is lost and nothing missing goes unsaid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.said import Said
from generator.errors import Problem, UserError, display_path
from generator.files import write_atomic
from generator.read.validation import BRIEFING, schema_reference

READERS = {".docx": "docx", ".pdf": "pdf"}


@dataclass
class Imported:
    source: Path
    output: Path | None = None
    sections: int = 0
    left_over: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was mended or kept apart to read it

    @property
    def ok(self) -> bool:
        return self.output is not None and not self.problems


def read_draft(path: Path, kind: str) -> tuple[object, list[str]]:
    """A document read into a draft briefing, and the notes on what was mended to read it."""
    from generator.importing.draft import draft_from

    if kind == "docx":
        from generator.importing.docx import read_docx as read
    else:
        from generator.importing.pdf import read_pdf as read
    notes: list[str] = []
    return draft_from(read(path, notes)), notes


def import_document(path: Path, folder: Path) -> Imported:
    """Read one document and write it as a briefing in ``folder`` (see the module's text)."""
    from generator.importing.draft import briefing_yaml
    from generator.read.briefing import load_briefing
    from generator.read.starter import slug

    kind = READERS.get(path.suffix.lower())
    if kind is None:
        older = path.suffix.lower() in (".doc", ".odt", ".rtf")
        hint = "open it in Word and save it as a Word document (.docx)" if older else "give a .docx or a PDF"
        return Imported(path, problems=[Problem(display_path(path), 0, 0, "briefing import reads .docx and .pdf files",
                                                hint)])
    try:
        from generator.importing.limits import can_interrupt, in_child, time_limit

        if can_interrupt():
            with time_limit(display_path(path)):
                draft, notes = read_draft(path, kind)
        else:  # Windows, or the editor's threads: the reading goes to a process that can be stopped
            draft, notes = in_child(read_draft, (path, kind), display_path(path))
    except UserError as error:
        return Imported(path, problems=error.problems)
    folder.mkdir(parents=True, exist_ok=True)
    stem = slug(draft.title or path.stem)
    target = folder / f"{stem}.yaml"
    number = 1
    while target.exists():  # never over an existing file
        number += 1
        target = folder / f"{stem}-{number}.yaml"
    schema = schema_reference(BRIEFING, folder)
    write_atomic(target, briefing_yaml(draft, path.name, schema).encode("utf-8"))
    outcome = Imported(path, target, len(draft.sections), len(draft.left_over), notes=notes)
    try:
        load_briefing(target)
    except UserError as error:
        outcome.problems = error.problems
    return outcome


def run(files: list[Path], folder: Path | None) -> Said:
    """``briefing import``: each document written as a briefing, and what needs attention."""
    from generator.commands.said import count
    from generator.publication.model import project_settings

    if folder is None:
        project = project_settings()
        folder = project.briefings if project is not None else Path("briefings")
    outcomes = [import_document(path, folder) for path in files]
    said = Said()
    for outcome in outcomes:
        if outcome.output is not None:
            placed = (f"; {count(outcome.left_over, 'piece')} of text not placed, kept as comments at the end of "
                      "the file" if outcome.left_over else "")
            said.out(f"wrote {display_path(outcome.output)} from {display_path(outcome.source)}: "
                     f"{count(outcome.sections, 'section')}{placed}")
            for note in outcome.notes:
                said.out(f"  {note}")
        said.problems(outcome.problems)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        said.err(f"{len(failed)} of {len(outcomes)} need attention: fix what is listed above, then run "
                 "'briefing check' on the new files")
        said.failed = True
    else:
        said.out("next: read each new file, then run 'briefing check' and 'briefing build' on it")
    return said
