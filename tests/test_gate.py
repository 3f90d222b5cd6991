"""No command publishes what ``check`` refuses: every finding code, through every command that
writes something a reader sees (build as PDF and as a web page, --watch, pack, slides, preview,
the editor's save and its pack), stops it when it is an error, stops it with --strict when it is
a warning, and never when it is a note."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from generator.errors import ERROR, NOTE, WARNING

TODAY = dt.date.today()
PUBLISHED = TODAY - dt.timedelta(days=30)
REVIEW = PUBLISHED + dt.timedelta(days=365)
# Seven sections of plain, short sentences: a briefing the review says nothing about.
SENTENCES = ["Staff met the family at home last spring.", "The school shared what it had seen.",
             "Each agency kept its own notes.", "Nobody held the whole picture.",
             "A health visitor noticed the baby had lost weight.", "She asked a colleague for advice."]
BODY = " ".join(SENTENCES)


def briefing(*, title: str = "Learning from a review", published: dt.date = PUBLISHED,
             review: dt.date | None = REVIEW, body: str = BODY, section: int = 2, links: str = "",
             extra: str = "") -> str:
    lines = [f"title: {title}", f"published: {published}"] + ([f"review: {review}"] if review else [])
    lines += [*extra.splitlines(), "sections:"]
    for number in range(1, 8):
        lines += [f"  - heading: Part {number}", "    body: |"]
        lines += ["      " + line for line in (body if number == section else BODY).splitlines()]
        if links and number == section:
            lines.append(links)
    return "\n".join(lines) + "\n"


def link(label: str, url: str) -> str:
    return f"    links:\n      - label: \"{label}\"\n        url: \"{url}\""


@dataclass(frozen=True)
class Case:
    code: str
    severity: str
    text: str = ""
    theme: str = ""  # the theme file's text ("" : the built-in theme)
    partner: tuple[str, str] | None = None  # another version: (file name, text)
    name: str = "case.yaml"


LONG = " ".join(["the review found that the agencies did not share what they knew"] * 3) + "."
HARD = " ".join(["Notwithstanding interdisciplinary multiagency considerations institutionalised."] * 8)
RULES = ("rules:\n  - id: board-word\n    phrases: [\"lost weight\"]\n    message: the board prefers weight loss.\n"
         "    source: the board's style guide\n    severity: error\n")
CASES = [
    Case("BR001", ERROR, briefing(extra="colour: red")),
    Case("BR101", ERROR, briefing(body="\n\n".join([" ".join(SENTENCES * 3)] * 8))),
    Case("BR401", ERROR, briefing(), theme="check:\n  language_rules: rules.yaml\n"),
    Case("BR501", ERROR, briefing(), theme='colours: {primary: "#FFE000"}\n'),
    Case("BR701", ERROR, briefing(links=link("The local procedures", "https://procedures"))),
    Case("BR102", WARNING, briefing(), theme="check:\n  comfortable_size: 24\n"),
    Case("BR202", WARNING, briefing(body="Short.").replace(BODY, "Short.")),
    Case("BR301", WARNING, briefing(body=LONG)),
    Case("BR302", WARNING, briefing(body=HARD)),
    Case("BR401", WARNING, briefing(body=BODY + " He became a drug runner.")),
    Case("BR601", WARNING, briefing(published=TODAY - dt.timedelta(days=800),
                                    review=TODAY - dt.timedelta(days=30))),
    Case("BR602", WARNING, briefing(review=PUBLISHED + dt.timedelta(days=365 * 4))),
    Case("BR603", WARNING, briefing(published=TODAY + dt.timedelta(days=30), review=TODAY + dt.timedelta(days=400))),
    Case("BR702", WARNING, briefing(links=link("The local procedures", "http://example.org/procedures"))),
    Case("BR703", WARNING, briefing(links=link("click here", "https://example.org/procedures"))),
    Case("BR704", WARNING, briefing(links=link("https://example.org/procedures", "https://example.org/procedures"))),
    Case("BR801", WARNING, briefing(title="\u201cLearning from a review\u201d")),
    Case("BR802", WARNING, briefing(body="\u2022\tShare what you know.\n\u2022\tAsk for advice.\n\n" + BODY)),
    Case("BR803", WARNING, briefing(body="Give the key findings. Keep facts and figures exactly as the source "
                                         "gives them.\n\n" + BODY)),
    Case("BR901", WARNING, briefing(), partner=("case.cy.yaml", briefing(links=link("Y drefn", "https://example.org/y")))),
    Case("BR902", WARNING, briefing(links=link("The procedures", "https://example.org/a")),
         partner=("case.cy.yaml", briefing(links=link("Y drefn", "https://example.org/b")))),
    Case("BR903", WARNING, briefing(), partner=("case.cy.yaml", briefing())),
    Case("BR904", WARNING, briefing(), partner=("case.en.yaml", briefing())),
    Case("BR401", NOTE, briefing(body=BODY + " The parent showed disguised compliance.")),
    Case("BR502", NOTE, briefing()),
]


def _set_up(case: Case, folder: Path) -> tuple[Path, Path | None]:
    folder.mkdir(parents=True)
    path = folder / case.name
    path.write_text(case.text, encoding="utf-8")
    if case.partner is not None:
        (folder / case.partner[0]).write_text(case.partner[1], encoding="utf-8")
        if case.code == "BR903":  # this version was last changed an hour before its partner
            os.utime(path, (time.time() - 3600, time.time() - 3600))
    theme = None
    if case.theme:
        theme = folder / "theme" / "theme.yaml"
        theme.parent.mkdir()
        theme.write_text(case.theme, encoding="utf-8")
        (theme.parent / "rules.yaml").write_text(RULES, encoding="utf-8")
    return path, theme


def _check(case: Case, path: Path, theme: Path | None):
    from generator.commands.check import check_files
    from generator.files import briefing_files

    return check_files(briefing_files([path.parent]), theme)


def _commands(path: Path, theme_path: Path | None, out: Path, strict: bool):
    """Each command that publishes, run on the folder of ``path``: (name, published?)."""
    from generator.commands.pack import pack_settings
    from generator.commands.watch import Watcher
    from generator.errors import UserError
    from generator.publication.model import Request, make
    from generator.publication.run import build

    folder = (path.parent,)

    def published(request: Request, made: Path) -> bool:
        try:
            build(make(request))
        except UserError:
            return False
        return made.exists()

    base = Request(folder, theme_path, strict=strict, settings=False)
    yield "build pdf", published(replace(base, output=out / "pdf"), out / "pdf" / "case.pdf")
    yield "build html", published(replace(base, output=out / "html", formats=("html",)), out / "html" / "case.html")
    Watcher(replace(base, output=out / "watch")).run_once()
    yield "build --watch", (out / "watch" / "case.pdf").exists()
    yield "pack", published(replace(base, pages=False, packs="one", pack=pack_settings(),
                                    pack_file=out / "pack.pdf"), out / "pack.pdf")
    yield "slides", published(replace(base, output=out / "slides", formats=(), slides=True),
                              out / "slides" / "case-slides.pdf")
    yield "preview", published(replace(base, output=out / "preview", formats=("png",), dpi=30),
                               out / "preview" / "case.png")
    if not strict:  # the editor has no --strict: it publishes what has no error
        from generator.editor.document import read_form
        from generator.editor.session import Workspace, digest

        try:
            workspace = Workspace(path.parent, theme_path, out / "editor")
        except UserError:
            yield "editor save", False
            yield "editor pack", False
            return
        text = path.read_text(encoding="utf-8")
        with contextlib.suppress(UserError):  # the page shows why it cannot be saved
            workspace.save("case", read_form(text).values(), digest(text))
        yield "editor save", (out / "editor" / "case.pdf").exists()
        try:
            made = workspace.pack("Pack")
        except UserError:
            made = []
        yield "editor pack", bool(made) and (out / "editor" / "pack.pdf").exists()


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.code}-{case.severity}")
def test_no_command_publishes_what_check_refuses(case, tmp_path):
    path, theme = _set_up(case, tmp_path / "briefings")
    report = _check(case, path, theme)
    codes = {(f.code, f.severity) for f in report.findings}
    assert (case.code, case.severity) in codes, sorted(codes)
    if case.severity != ERROR:  # a warning or a note must be the only thing that could stop it
        others = {(code, severity) for code, severity in codes if severity != NOTE and code != case.code}
        assert not others, f"the case should find only {case.code}: {sorted(others)}"
    refused = report.failed(strict=False)
    refused_strict = report.failed(strict=True)
    assert refused == (case.severity == ERROR)
    assert refused_strict == (case.severity in (ERROR, WARNING))
    for strict in (True, False):  # the editor saves the file (last): its time changes
        expected = not (refused_strict if strict else refused)
        for name, published in _commands(path, theme, tmp_path / f"out-{strict}", strict):
            assert published == expected, f"{name}{' --strict' if strict else ''}: published={published}"
