"""What the editor does, without the web: list the folder, open a briefing as a form, review a
draft (the same checks and the same page as ``check`` and ``build``), save it, start a new one,
build the pack.

Every briefing is named by its file's stem, and only files the folder listing holds can be
opened or saved: a name from a request is looked up, never joined into a path. One lock keeps
one review or save at a time (ReportLab keeps state per process; a person types in one page at
a time); the pack is built in a process of its own (:class:`PackJob`).
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.editor.document import TOP_FIELDS, Form, apply_form, form_from_values, read_form
from generator.errors import ERROR, Problem, UserError
from generator.files import briefing_files, write_atomic
from generator.read.source import MAX_BYTES, read_text

PREVIEW_DPI = 72


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Finding:
    """A check's finding placed on the form: ``field`` is the path of the field it is about
    (``sections.3.body``), a section (``sections.3``) or "" for the briefing as a whole."""

    field: str
    severity: str
    code: str
    message: str
    hint: str

    def as_dict(self) -> dict:
        return {"field": self.field, "severity": self.severity, "code": self.code, "message": self.message,
                "hint": self.hint}


@dataclass
class Review:
    """A draft looked at as ``check`` and ``build`` would: valid or not, its fit, its page."""

    valid: bool
    findings: list[Finding] = field(default_factory=list)
    body_size: float | None = None
    fit: str = ""
    image: str = ""  # the page as a PNG data: URL, when it fits
    text: str = ""  # the YAML the form makes
    published: str = ""  # after a save: the PDF written to the output folder
    held: str = ""  # after a save: why no PDF was written

    def as_dict(self) -> dict:
        return {"valid": self.valid, "fits": self.body_size is not None, "fit": self.fit, "image": self.image,
                "findings": [f.as_dict() for f in self.findings], "published": self.published, "held": self.held}


@dataclass
class Opened:
    name: str
    path: Path
    text: str
    digest: str
    form: Form


class Conflict(Exception):
    """The file changed on disk since the page loaded it."""

    def __init__(self, disk: str, mine: str):
        super().__init__("the file changed on disk")
        self.disk, self.mine = disk, mine


class Workspace:
    """The editor's view of the publication (:mod:`generator.publication.model`): made afresh for
    each request from the same settings, theme and briefings as ``briefing build``, so that an
    edited theme, a new rule file or a partner's new text is seen at once, and a draft is reviewed
    as ``check`` reviews it, language partners included."""

    def __init__(self, folder: Path | None, theme_path: Path | None, output: Path | None):
        from generator.publication.model import Request, make

        self.request = Request((folder,) if folder is not None else (), theme_path, output)
        publication = make(self.request)  # a broken theme, rule file or settings file: said before starting
        self.folder = folder or publication.project.briefings
        self.output = publication.output
        self._themes: dict[tuple, object] = {}
        self.theme = self.theme_of(publication)
        self.packing = PackJob(self.request, publication.project is not None)
        self.lock = threading.Lock()

    def publication(self):
        """The publication as its files are now (each read once)."""
        from generator.publication.model import make

        return make(self.request)

    def theme_of(self, publication):
        """The theme loaded for drawing, loaded again only when one of its files changed."""
        from generator.check.review import language_rules
        from generator.read.theme import load_theme

        key = tuple(sorted((str(path), digest) for path, digest in publication.theme.digests().items()))
        if key not in self._themes:
            self._themes = {key: load_theme(publication.theme)}
            language_rules(self._themes[key], publication.rules)  # a broken rule file is said now
        self.theme = self._themes[key]
        return self.theme

    # ---------------------------------------------------------------- the folder

    def files(self) -> dict[str, Path]:
        if not self.folder.is_dir():
            return {}
        try:
            return {path.stem: path for path in briefing_files([self.folder])}
        except UserError:
            return {}  # an empty folder: the list says so and offers "New briefing"

    def path(self, name: str) -> Path:
        """The file of the briefing called ``name``, if the folder holds it."""
        found = self.files().get(name)
        if found is None:
            raise KeyError(name)
        return found

    def status(self) -> list:
        from generator.commands.check import reviewed, status_rows

        if not self.files():
            return []
        publication, report = reviewed(self.request)
        return status_rows(report.outcomes, publication.today)

    # ---------------------------------------------------------------- one briefing

    def open(self, name: str) -> Opened:
        path = self.path(name)
        text = read_text(path)
        from generator.read.source import parse

        parse(text, path)  # the tool's own reader first: no tags, no aliases, nothing hidden
        return Opened(name, path, text, digest(text), read_form(text))

    def review(self, name: str, values: dict[str, str]) -> Review:
        """The draft the form holds, checked and drawn (nothing is written)."""
        path = self.path(name)
        text = apply_form(read_text(path), form_from_values(values))
        with self.lock:
            return self._review(path, text)[0]

    def save(self, name: str, values: dict[str, str], loaded: str) -> Review:
        """Write the draft, unless the file changed since the page loaded it (``loaded`` is the
        digest the page was given; :class:`Conflict` then holds both versions, and the page may
        send the disk's digest to replace it knowingly) or the draft is not a valid briefing (the
        review says why; nothing is written). A draft that does not fit, or has editorial
        findings, is saved and flagged. A saved briefing is then built as ``briefing build``
        builds it, through the same gate."""
        path = self.path(name)
        with self.lock:
            disk = read_text(path)
            mine = apply_form(disk, form_from_values(values))
            if digest(disk) != loaded:
                raise Conflict(disk, mine)
            result, _ = self._review(path, mine)
            if result.valid:
                write_atomic(path, mine.encode("utf-8"), source=True)
                self._publish(path, result)
            return result

    def _publish(self, path: Path, result: Review) -> None:
        """After a save, the briefing built into the output folder as ``build`` builds it (its
        page in every format the publication asks for), if the gate lets it through; otherwise the
        result says what holds it back."""
        from generator.check.gate import tally
        from generator.publication.model import narrowed
        from generator.publication.run import build

        publication = narrowed(self.publication(), [path])
        done = build(publication)
        mine = [outcome for outcome in done.outcomes if outcome.source.resolve() == path.resolve()]
        if done.stopped or not mine or not mine[0].ok:
            result.held = f"Not published: {tally(done.findings)}; fix the errors and save again"
            return
        result.published = ", ".join(output.name for output in mine[0].outputs)

    def _review(self, path: Path, text: str) -> tuple[Review, object]:
        """The draft reviewed as every command reviews a briefing (and its page drawn, when it
        fits): what the page shows, and the review itself."""
        from generator.check.gate import decide
        from generator.publication.run import review_draft
        from generator.read.briefing import load_briefing

        if len(text.encode("utf-8")) > MAX_BYTES:
            return Review(False, [Finding("", ERROR, "BR001", f"the briefing is over {MAX_BYTES // 1000} KB",
                                          "shorten the sections")], text=text), None
        try:
            briefing = load_briefing(path, text)
        except UserError as error:
            return Review(False, _placed(error.problems, text, path), fit="not checked: fix the errors first",
                          text=text), None
        publication = self.publication()
        theme = self.theme_of(publication)
        review, findings = review_draft(publication, path, text, theme)
        stopping = decide(findings).stopping
        result = Review(True, _placed(findings, text, path, briefing.positions), review.body_size, text=text)
        if review.plan is None:
            over = next((f for f in findings if f.code == "BR101"), None)
            result.fit = ("does not fit on one page: " + over.message.split(": it is ", 1)[-1] + "; " + over.hint
                          if over else "does not fit on one page")
        else:
            from generator.render.pdf import page_pdf
            from generator.render.picture import png_pages

            result.fit = f"fits at {review.body_size:g} pt" + ("" if not stopping else "; not publishable yet")
            picture = png_pages(page_pdf(review.plan, briefing, theme), PREVIEW_DPI)[0]
            result.image = "data:image/png;base64," + base64.b64encode(picture).decode("ascii")
        return result, review

    # ---------------------------------------------------------------- the folder's commands

    def create(self, title: str) -> str:
        from generator.commands.new import create_briefing

        with self.lock:
            return create_briefing(title, self.folder).stem

    def pack(self, title: str) -> list[Path]:
        """Build the packs here and now (tests, and anything that waits for it): their files."""
        return _build_packs(self.packing.request(title))

    def close(self) -> None:
        """Stop what the editor started: a pack being built."""
        self.packing.stop()


def _build_packs(request) -> list[Path]:
    """The packs ``request`` asks for, built as ``briefing build`` builds them; their files, or the
    problems that stopped them."""
    from generator.publication.model import make
    from generator.publication.run import build

    result = build(make(request))
    problems = [*result.stopped, *(problem for pack in result.packs for problem in pack.problems)]
    if problems:
        raise UserError(problems)
    return [path for pack in result.packs for path in pack.plan.outputs() if path.suffix == ".pdf"
            or path.name == "index.html"]


class PackJob:
    """The packs, built in a process of its own, one at a time, while the editor goes on answering:
    the page asks how it goes (building, done with its files, or failed with the reason). With a
    settings file, they are the packs it names (with their record sheets and languages), as
    ``briefing build`` makes them; without one, a pack of the folder's briefings with the title
    given, under a name no briefing's page uses. The process comes from the same fork server as
    the pool's workers (never forked from the server's threads), ends if the editor ends, and is
    stopped when the editor stops."""

    def __init__(self, request, project: bool):
        self.base, self.project = request, project
        self.lock = threading.Lock()
        self.process = None
        self.status = {"state": "idle"}

    def request(self, title: str):
        """What Build pack asks for."""
        from dataclasses import replace

        from generator.commands.pack import pack_settings
        from generator.publication.model import make

        if self.project:
            return replace(self.base, pages=False, packs="project")
        publication = make(replace(self.base, pages=False, packs="none"))
        taken = {entry.id for entry in publication.entries}
        name = next(f"pack{suffix}" for suffix in ("", *(f"-{n}" for n in range(2, 1000)))
                    if f"pack{suffix}" not in taken)
        return replace(self.base, pages=False, packs="one", pack_file=publication.output / f"{name}.pdf",
                       pack=pack_settings(title=title.strip() or "7 Minute Briefings"))

    def start(self, title: str) -> bool:
        """Start building; False if a pack is being built already."""
        from generator.pool import context

        request = self.request(title)
        with self.lock:
            if self.status["state"] == "building":
                return False
            receiving, sending = context().Pipe(duplex=False)
            # not a daemon: a pack of many briefings starts workers of its own (stop() ends it)
            self.process = context().Process(target=_pack_in_child, daemon=False, name="briefing-pack",
                                             args=(sending, request))
            self.process.start()
            sending.close()
            self.status = {"state": "building", "title": title}
            threading.Thread(target=self._wait, args=(self.process, receiving), daemon=True,
                             name="pack-result").start()
            return True

    def _wait(self, process, receiving) -> None:
        try:
            result = receiving.recv()
        except (EOFError, OSError):  # it ended without a word: stopped, or out of memory
            result = {"state": "failed", "error": "the pack was not finished (it was stopped)"}
        finally:
            receiving.close()
        process.join(5)
        with self.lock:
            if self.process is process:
                self.status = result

    def state(self, base: str, output: Path) -> dict:
        with self.lock:
            found = dict(self.status)
        if found.get("state") == "done":
            found["links"] = [{"href": f"{base}output/{name}", "name": name} for name in found["files"]]
            found["href"], found["name"] = found["links"][0]["href"], found["links"][0]["name"]
        return found

    def stop(self) -> None:
        with self.lock:
            process, self.process = self.process, None
        if process is not None and process.is_alive():
            process.terminate()
            process.join(1)
            if process.is_alive():
                process.kill()
                process.join(1)


def _pack_in_child(sending, request) -> None:
    """What the pack's process does: build the packs and send back how it went."""
    from generator.pool import end_with_parent

    end_with_parent()
    from generator.publication.model import make

    try:
        output = make(request).output.resolve()
        files = [path.resolve().relative_to(output).as_posix() for path in _build_packs(request)]
        result = {"state": "done", "files": files}
    except UserError as error:
        result = {"state": "failed", "error": _problem_text(error)}
    except Exception as error:  # a bug: said as one, never left "building"
        import traceback

        traceback.print_exc()  # the details, to report, in the editor's window
        result = {"state": "failed", "error": f"the tool went wrong building the pack (a bug: {error!r}); the "
                                              "details are in the window where the editor runs"}
    sending.send(result)
    sending.close()


def _problem_text(error: UserError) -> str:
    return "; ".join(f"{p.message}" + (f" ({p.hint})" if p.hint else "") for p in error.problems[:10])


def _placed(problems: list[Problem], text: str, path: Path, document=None) -> list[Finding]:
    """Each problem on the field its line falls in: the field whose key or value starts last
    at or before the problem's line. File-wide findings (line 1, column 1, or no line) are the
    briefing's."""
    if document is None:
        from generator.read.source import parse

        try:
            document = parse(text, path)
        except UserError:
            document = None
    starts: list[tuple[int, str]] = []
    if document is not None:
        for key in {**document.values, **document.keys}:
            name = ".".join(str(part) for part in key)
            line = min(span.line for span in (document.keys.get(key), document.values.get(key)) if span)
            starts.append((line + 1, name))
    starts.sort(key=lambda item: (item[0], len(item[1])))
    lines = [line for line, _ in starts]
    placed = []
    for problem in problems:
        name = ""
        if problem.line > 0 and (problem.line, problem.column) != (1, 1):
            at = bisect.bisect_right(lines, problem.line) - 1
            if at >= 0:
                name = starts[at][1]
        placed.append(Finding(_field(name), problem.severity, problem.code or "BR001", problem.message,
                              problem.hint))
    return placed


def _field(name: str) -> str:
    """A YAML path as the form's field (or section) it belongs to."""
    parts = name.split(".")
    if parts[0] != "sections":
        return parts[0] if parts[0] in TOP_FIELDS else ""
    if len(parts) >= 3 and parts[2] in ("heading", "body"):
        return ".".join(parts[:3])
    if len(parts) >= 5 and parts[2] == "links":
        return ".".join(parts[:5])
    return ".".join(parts[:2]) if len(parts) >= 2 else ""

