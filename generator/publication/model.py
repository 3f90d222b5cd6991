"""One model of a board's publication, made once per run: which theme, which briefings, which
outputs and packs, and what each output is made from.

Every command, the watcher and the editor make it the same way (:func:`make`): from the
project's settings file (``briefing.yaml``, found upwards) when there is one, with what the
command line gives laid over it (a theme, an output folder, formats, record sheets,
strictness), or from the command line alone. An option changes the model; it never takes
another way through the code. Each input is read here, once: the settings, the theme and every
file it names (:mod:`generator.read.theme`), each briefing (:class:`Entry`, its bytes and their
digest). Everything after works from those bytes, so what is published is what was checked,
whatever happens to the files meanwhile.

Outputs that would land on one another (a pack over a briefing's page, two packs' index pages,
a pack's web pages over the briefings' own, an output over an input) are refused here, at the
line of the setting (or the option) that asks for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import Problem, UserError, display_path
from generator.read.spec import PackSettings

# What a briefing's outputs are called, by kind: its page, web page, record sheet, slides, picture.
PAGE_NAMES = {"pdf": "{id}.pdf", "html": "{id}.html", "record": "{id}-record.pdf", "slides": "{id}-slides.pdf",
              "png": "{id}.png"}
PACK_DEFAULT = "pack.pdf"


@dataclass(frozen=True)
class Request:
    """What a command asks for on its command line. ``None`` is "not given": the project's
    settings decide, else the defaults."""

    paths: tuple[Path, ...] = ()  # briefing files or folders; none: the project's
    theme: Path | None = None
    output: Path | None = None  # the output folder
    formats: tuple[str, ...] | None = None  # pdf, html: what each briefing's page becomes
    record_sheets: bool | None = None  # a record sheet beside each page
    slides: bool | None = None  # a slide deck beside each page
    pages: bool = True  # whether briefings' pages are made at all (not by pack, check, status)
    packs: str = "project"  # "project": the settings' packs, when no briefing is named; "one": ``pack``; "none"
    pack: PackSettings | None = None  # the one pack the command line describes
    pack_file: Path | None = None  # where it goes (default: pack.pdf in the output folder)
    strict: bool = False  # warnings stop a briefing (or a pack) too
    rules: Path | None = None  # an extra language rule file
    today: dt.date | None = None  # the day the dates are checked against
    dpi: int = 110  # pictures of pages (png)
    settings: bool = True  # look for the project's settings file
    keeps: bool = True  # keep what was made and found in the output folder's cache (not for check, status)
    briefings: bool = True  # whether the command needs briefings (not impact, accessibility)


@dataclass
class Entry:
    """One briefing file of the publication, read once: its bytes and their digest. A file that
    could not be read has ``problems`` instead (said as the review's findings)."""

    path: Path
    data: bytes = b""
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class PackPlan:
    """One pack of the publication: its settings, its PDF's path, its briefings, and what names
    it (for a message about it)."""

    settings: PackSettings
    output: Path
    entries: list[Entry]
    where: tuple[str, int, int]

    @property
    def folder(self) -> Path:
        return self.output.parent

    @property
    def index(self) -> Path | None:
        return self.folder / "index.html" if "html" in self.settings.formats else None

    def page(self, entry: Entry) -> Path:
        """A briefing's web page beside the pack's index."""
        return self.folder / f"{entry.id}.html"

    def outputs(self) -> list[Path]:
        found = [self.output] if "pdf" in self.settings.formats else []
        if self.index is not None:
            found += [self.index, *(self.page(entry) for entry in self.entries)]
        return found


@dataclass
class Publication:
    """What a run builds from what (see the module's text)."""

    theme: object  # generator.read.theme.ThemeFile
    entries: list[Entry]
    output: Path
    formats: tuple[str, ...] = ()  # of each briefing: pdf, html, record, slides, png
    packs: list[PackPlan] = field(default_factory=list)
    project: object = None  # generator.read.project.ProjectFile, or None
    strict: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    rules: tuple[Path, bytes] | None = None  # --rules, as read
    dpi: int = 110
    whole: bool = False  # the project's whole publication: what it no longer makes is removed
    keeps: bool = True  # its cache and the record of what it wrote are kept (in the output folder)

    def page_outputs(self, entry: Entry) -> dict[str, Path]:
        """The files a briefing's page becomes, by kind."""
        return {kind: self.output / PAGE_NAMES[kind].format(id=entry.id) for kind in self.formats}

    def outputs(self) -> list[Path]:
        """Every file the publication writes (but the shared web assets, named by their content)."""
        return [*(path for entry in self.entries for path in self.page_outputs(entry).values()),
                *(path for pack in self.packs for path in pack.outputs())]

    def inputs(self) -> dict[Path, str]:
        """Every file the publication is made from, by its resolved path: the digest of what was
        read (the settings, the theme and what it names, each briefing, the extra rules)."""
        found: dict[Path, str] = {}
        if self.project is not None:
            found[self.project.path.resolve()] = self.project.digest
        found.update(self.theme.digests())
        if self.rules is not None:
            found[self.rules[0].resolve()] = hashlib.sha256(self.rules[1]).hexdigest()
        for entry in self.entries:
            found[entry.path.resolve()] = entry.digest
        return found

    def folders(self) -> list[Path]:
        """The folders its inputs are in (and the briefings folders, where new briefings appear):
        what a watcher watches."""
        found = {path.parent for path in self.inputs()}
        found |= {entry.path.parent.resolve() for entry in self.entries}
        return sorted(found)


def make(request: Request, *, project=None) -> Publication:
    """The publication a command asks for (see the module's text). ``project``: its settings,
    already found (else looked for, unless the request says not to)."""
    from generator.read.project import find_project, read_project
    from generator.read.theme import find_theme, read_theme

    if project is None and request.settings:
        found = find_project()
        project = read_project(found) if found is not None else None
    paths = list(request.paths) or (_project_briefings(project) if request.briefings or project else [])
    theme_path = request.theme or (project.theme if project is not None else None)
    theme = read_theme(find_theme(theme_path, paths))
    output = request.output or (project.output if project is not None else Path("output"))
    if request.packs == "one" and request.pack_file is not None and not request.pages and request.output is None:
        output = request.pack_file.parent  # a pack on its own keeps its cache beside it
    entries = _entries(paths, empty_ok=project is not None and not request.paths) if paths else []
    formats: tuple[str, ...] = ()
    if request.pages:
        formats = tuple(request.formats if request.formats is not None else
                        project.formats if project is not None else ("pdf",))
        if request.record_sheets or (request.record_sheets is None and project and project.settings.record_sheets):
            formats += ("record",)
        if request.slides or (request.slides is None and project and project.settings.slides):
            formats += ("slides",)
    packs = _packs(request, project, output, entries)
    rules = None
    if request.rules is not None:
        from generator.files import read_file
        from generator.read.source import MAX_BYTES

        rules = (request.rules, read_file(request.rules, MAX_BYTES, what="rule file"))
    publication = Publication(theme, entries, output, formats, packs, project, request.strict,
                              request.today or dt.date.today(), rules, request.dpi,
                              whole=project is not None and not request.paths and request.pages, keeps=request.keeps)
    _refuse_collisions(publication)
    from generator.pack.make import refuse_unknown_languages

    for plan in packs:  # before anything is drawn in a language with no labels
        refuse_unknown_languages(tuple(plan.settings.languages), theme, plan.where)
    return publication


def _project_briefings(project) -> list[Path]:
    if project is None:
        raise UserError.at(".", 0, 0, "no briefings are named, and there is no briefing.yaml here or in a folder "
                           "above to name them", "name the briefing files or folders, or run 'briefing init' to "
                           "make a briefing.yaml for this project")
    return [project.briefings]


def _entries(paths: list[Path], *, empty_ok: bool) -> list[Entry]:
    """Every briefing file, read once. A project's briefings folder may be empty (a new project):
    the publication then has none, which the build says plainly."""
    from generator.files import briefing_files

    try:
        files = briefing_files(paths)
    except UserError as error:
        if empty_ok and all(problem.message.startswith("no briefing files") for problem in error.problems):
            return []
        raise
    return [_read(path) for path in files]


def _read(path: Path) -> Entry:
    from generator.files import read_file
    from generator.read.source import MAX_BYTES

    try:
        return Entry(path, read_file(path, MAX_BYTES, what="file", hint="a briefing is one page: a file this "
                                     "large is not one"))
    except UserError as error:
        return Entry(path, problems=error.problems)


def _packs(request: Request, project, output: Path, entries: list[Entry]) -> list[PackPlan]:
    """The packs: the project's (when the whole publication is asked for), or the one the command
    line describes. A project's packs go under the output folder, wherever that is."""
    if request.packs == "one":
        settings = request.pack or PackSettings(file=PACK_DEFAULT)
        target = request.pack_file or output / PACK_DEFAULT
        return [PackPlan(settings, target, entries, ("-o", 1, 1) if request.pack_file else ("briefing pack", 1, 1))]
    if request.packs != "project" or project is None or request.paths:
        return []
    from generator.files import briefing_files

    plans = []
    read = {entry.path.resolve(): entry for entry in entries}
    for index, pack in enumerate(project.packs):
        chosen = entries
        if pack.settings.briefings:  # files of its own: each read once, with the others
            chosen = [read.get(path.resolve()) or read.setdefault(path.resolve(), _read(path))
                      for path in briefing_files(pack.briefings)]
        plans.append(PackPlan(pack.settings, output / pack.settings.file, chosen,
                              project.where(("packs", index, "file"))))
    return plans


def _refuse_collisions(publication: Publication) -> None:
    """No two outputs on one file, and no output over an input (see the module's text)."""
    problems: list[Problem] = []
    taken: dict[Path, str] = {}
    inputs = set(publication.inputs())
    pages = {path.resolve(): f"the page of {display_path(entry.path)}" for entry in publication.entries
             for path in publication.page_outputs(entry).values()}
    taken.update(pages)
    for number, pack in enumerate(publication.packs, 1):
        name, line, column = pack.where
        clash = [entry for entry in pack.entries if pack.index is not None and pack.page(entry) == pack.index]
        for entry in clash:
            problems.append(Problem(display_path(entry.path), 0, 0, "this briefing's web page would be index.html, "
                                    "which is the pack's index page", "rename the briefing file"))
        for path in pack.outputs():
            resolved = path.resolve()
            what = taken.get(resolved)
            if what is None:
                continue
            if resolved.name == "index.html" or what.startswith("pack"):
                message = f"pack {number} would write {display_path(path)}, which {what} writes too"
            else:
                message = f"pack {number} would write {display_path(path)} over {what}"
            problems.append(Problem(name, line, column, message, "give the pack a file of its own, in a folder of "
                                    f"its own if it has web pages (such as: pack{number}/{pack.output.name})"))
            break
        for path in pack.outputs():
            taken.setdefault(path.resolve(), f"pack {number}")
    briefings = {entry.path.resolve() for entry in publication.entries} | {
        entry.path.resolve() for pack in publication.packs for entry in pack.entries}
    for path in publication.outputs():
        if path.resolve() in inputs:
            what = "one of the briefings" if path.resolve() in briefings else "one of the inputs"
            problems.append(Problem(display_path(path), 0, 0, f"this is {what}: an output would replace it",
                                    "give another output file or folder, such as output/pack.pdf"))
    if problems:
        raise UserError(problems)


def project_settings():
    """The project's settings (``briefing.yaml`` here or in a folder above), or None: where the
    commands that make no publication (``new``, ``import``, ``init``) take their defaults from."""
    from generator.read.project import find_project, read_project

    found = find_project()
    return read_project(found) if found is not None else None


def narrowed(publication: Publication, paths: list[Path]) -> Publication:
    """The same publication for some of its briefings only (the editor's draft, a watcher's round)."""
    wanted = {path.resolve() for path in paths}
    return replace(publication, entries=[entry for entry in publication.entries if entry.path.resolve() in wanted],
                   whole=False)
