"""A project's settings file, ``briefing.yaml``: a board's publication in one place (its theme,
its briefings, what each becomes, its packs, where it all goes), so that ``briefing build``
alone makes all of it and every other command takes its defaults from it.

It is found as MkDocs finds ``mkdocs.yml``, by looking in the working folder and then in each
folder above it. Its paths are relative to it and confined to its folder: a settings file can
only name files of its own project, and only write under it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError, display_path
from generator.read.source import Positions
from generator.read.spec import PackSettings, Project

SETTINGS = "briefing.yaml"


@dataclass
class Pack:
    """A pack of the publication, its paths found."""

    settings: PackSettings
    output: Path  # the pack's PDF
    briefings: list[Path]  # files and folders


@dataclass
class ProjectFile:
    """A project's settings, read and checked, its paths found inside its folder."""

    path: Path
    settings: Project
    theme: Path | None
    briefings: Path
    output: Path
    packs: list[Pack] = field(default_factory=list)
    positions: Positions | None = None
    digest: str = ""  # of the file as read

    @property
    def folder(self) -> Path:
        return self.path.parent

    def where(self, key: tuple) -> tuple[str, int, int]:
        """The file, line and column of a setting, for a message about it."""
        line, column = self.positions.span(key).position() if self.positions is not None else (1, 1)
        return display_path(self.path), line, column

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.settings.formats)


def find_project(start: Path | None = None) -> Path | None:
    """The settings file of the project the working folder is in: ``briefing.yaml`` there or in
    a folder above it. The variable ``BRIEFING_NO_PROJECT`` (set by the tests) looks for none."""
    if os.environ.get("BRIEFING_NO_PROJECT"):
        return None
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        found = candidate / SETTINGS
        if found.is_file():
            _refuse_untrusted(found)
            return found
    return None


TRUST = "BRIEFING_SAFE_PROJECTS"  # folders (or *) whose settings files are used whoever owns them


def _refuse_untrusted(path: Path) -> None:
    """A settings file decides where the tool writes and whose branding it prints: one that
    another user owns, or that anyone may change (the file, or its folder, writable by all, as in a
    shared temporary folder), is not used unless the user names its folder in
    ``BRIEFING_SAFE_PROJECTS`` (as git's ``safe.directory``). A team's folder that only its group
    may write to is used. (Windows keeps owners in another way: these checks are for shared Unix
    machines and terminal servers.)"""
    if not hasattr(os, "getuid"):
        return
    trusted = [entry for entry in os.environ.get(TRUST, "").split(os.pathsep) if entry]
    if "*" in trusted or any(Path(entry).resolve() == path.parent.resolve() for entry in trusted):
        return
    found, folder = path.stat(), path.parent.stat()
    why = ("it belongs to another user" if found.st_uid != os.getuid() else
           "anyone may change it" if found.st_mode & 0o002 else
           "anyone may write in its folder" if folder.st_mode & 0o002 else None)
    if why is None:
        return
    separator = ";" if os.name == "nt" else ":"
    raise UserError(Problem(display_path(path), 0, 0, f"this project's settings file is not used: {why}, so it "
                            "could send what you build elsewhere or brand it as someone else's",
                            f"if you trust it, say so: {TRUST}={path.parent.resolve()} (several folders are "
                            f"separated by '{separator}'); or work in a folder of your own"))


def read_project(path: Path) -> ProjectFile:
    """Read and check a settings file (see the module's text); every problem at its line."""
    import hashlib

    from generator.files import read_file
    from generator.read.source import MAX_BYTES, decode, parse
    from generator.read.validation import PROJECT, validate

    raw = read_file(path, MAX_BYTES, what="settings file")
    doc = parse(decode(raw, path), path, recover=True)
    settings = validate(doc, PROJECT)
    base = path.resolve().parent
    name = display_path(path)
    problems: list[Problem] = []

    def inside(value: str, key: tuple, *, kind: str, must_exist: bool = True) -> Path:
        candidate = (base / value).resolve()
        line, column = doc.span(key).position()
        if not candidate.is_relative_to(base):
            problems.append(Problem(name, line, column, f"'{value}' is outside the project's folder",
                                    f"give a path inside {display_path(base) or '.'}, from this file's folder"))
        elif must_exist and not candidate.exists():
            problems.append(Problem(name, line, column, f"there is no {kind} '{value}' (looked for {candidate})",
                                    "check the spelling; paths are relative to briefing.yaml"))
        return candidate

    theme = inside(settings.theme, ("theme",), kind="theme file") if settings.theme else None
    briefings = inside(settings.briefings, ("briefings",), kind="folder")
    output = inside(settings.output, ("output",), kind="folder", must_exist=False)
    packs = []
    files_seen: dict[Path, int] = {}
    for index, pack in enumerate(settings.packs):
        target = inside(str(Path(settings.output) / pack.file), ("packs", index, "file"), kind="file",
                        must_exist=False)
        if target in files_seen:
            line, column = doc.span(("packs", index, "file")).position()
            problems.append(Problem(name, line, column, f"pack {files_seen[target] + 1} is written to the same file",
                                    "give each pack a file of its own"))
        files_seen.setdefault(target, index)
        chosen = [inside(item, ("packs", index, "briefings", number), kind="briefing file or folder")
                  for number, item in enumerate(pack.briefings)] or [briefings]
        packs.append(Pack(pack, target, chosen))
    if problems:
        raise UserError(problems)
    return ProjectFile(path, settings, theme, briefings, output, packs, doc.positions(),
                       hashlib.sha256(raw).hexdigest())


def starter_settings(folder: Path) -> tuple[str, str]:
    """A settings file for a new project in ``folder`` (what ``briefing init`` writes, naming the
    briefings folder and the theme it finds there), and the briefings folder it names. Every path
    is written as YAML must have it: in quotes where it holds a character YAML would read
    otherwise ("Theme #2/theme.yaml")."""
    from generator.read.validation import PROJECT, schema_reference

    briefings = next((name for name in ("briefings", "Briefings") if (folder / name).is_dir()), "briefings")
    themes = sorted(folder.glob("theme.yaml")) + sorted(folder.glob("*/theme.yaml")) + \
        sorted(folder.glob("*/*/theme.yaml"))
    theme = themes[0].relative_to(folder).as_posix() if themes else None
    lines = [
        f"# yaml-language-server: $schema={schema_reference(PROJECT, folder)}",
        "# This project's publication: 'briefing build' makes everything named here.",
        "# See docs/project.md for every setting.",
        f"theme: {yaml_text(theme)}" if theme else "# theme: theme.yaml   # the board's branding (default: the "
                                                   "built-in theme)",
        f"briefings: {yaml_text(briefings)}             # the folder of briefing files",
        "output: output                 # where everything is written",
        "formats: [pdf, html]           # each briefing as a PDF page and a web page",
        "record_sheets: false           # a fillable record sheet beside each page",
        "slides: false                  # a slide deck for each briefing",
        "packs:",
        "  - file: pack.pdf",
        "    title: 7 Minute Briefings",
        "    record_sheets: true",
    ]
    return "\n".join(lines) + "\n", briefings


def yaml_text(value: str) -> str:
    """``value`` as a YAML text on one line: as it is where YAML reads it so, else in quotes."""
    import yaml

    written = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1_000_000).strip()
    return written[1:-1]
