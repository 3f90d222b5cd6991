"""One publication: every command, option, the watcher and the editor make the same model of
the board's publication and build it the same way; each input is read once; nothing stale stays
published; outputs that would collide are refused at the settings' line."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLES, ROOT, briefing_yaml

SETTINGS = (ROOT / "briefing.yaml").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The repository's example publication, copied: its briefing.yaml, briefings and theme."""
    monkeypatch.delenv("BRIEFING_NO_PROJECT", raising=False)
    folder = tmp_path / "board"
    shutil.copytree(EXAMPLES, folder / "briefings")
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "briefing.yaml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_input_is_opened_once_per_build(project, monkeypatch):
    """The settings, the theme, its logo and every briefing (the Welsh pair too) are opened once
    in a cold build of the whole publication, pages and packs (counted in this process, with the
    work kept in it: the workers are handed bytes, never paths)."""
    import generator.pool as pool
    from generator.publication.model import Request, make
    from generator.publication.run import build

    monkeypatch.setattr(pool, "PARALLEL_FROM", 10**6)
    opened: list[str] = []
    watching = [True]

    def hook(event, args):
        if watching[0] and event == "open" and isinstance(args[0], str | Path):
            opened.append(str(Path(args[0]).resolve()))

    sys.addaudithook(hook)
    try:
        result = build(make(Request()))
    finally:
        watching[0] = False
    assert not result.failed
    inputs = [project / "briefing.yaml", project / "assets" / "north-lincs" / "theme.yaml",
              project / "assets" / "north-lincs" / "logo.png", *sorted((project / "briefings").glob("*.yaml"))]
    counts = {path.name: opened.count(str(path.resolve())) for path in inputs}
    assert counts == {path.name: 1 for path in inputs}, counts


def test_options_change_the_model_never_the_way(project, cli):
    (project / "other").mkdir()
    (project / "other" / "theme.yaml").write_text('organisation: Another board\ncolours: {primary: "#5A2D82"}\n',
                                                  encoding="utf-8")
    themed = cli("build", "--theme", "other/theme.yaml")
    assert themed.exit_code == 0, themed.output
    assert "Another board" in _text(project / "output" / "lessons-learned-january-2021.pdf")  # the packs too
    elsewhere = cli("build", "-o", "out2")
    assert elsewhere.exit_code == 0 and (project / "out2" / "lessons-learned-january-2021.pdf").is_file()
    assert (project / "out2" / "bilingual" / "gwersi-lessons.pdf").is_file()
    sheets = cli("build", "--record-sheet")
    assert sheets.exit_code == 0 and "9 record sheets" in sheets.output
    assert "wrote output/lessons-learned-january-2021.pdf" in sheets.output  # the packs did not vanish


def test_nothing_stale_stays_published_and_nothing_else_is_touched(project, cli):
    cli("build")
    out = project / "output"
    (out / "notes-of-mine.pdf").write_bytes(b"%PDF-1.4 the board's own file")
    old = project / "briefings" / "08-child-protection-conferences.yaml"
    old.rename(old.with_name("08-cp-conferences.yaml"))
    result = cli("build")
    assert "removed 2 files the publication no longer makes" in result.output
    assert not (out / "08-child-protection-conferences.pdf").exists()
    assert not (out / "08-child-protection-conferences.html").exists()
    assert (out / "08-cp-conferences.pdf").is_file() and (out / "notes-of-mine.pdf").is_file()
    edited = out / "08-cp-conferences.html"
    edited.write_text("changed by hand", encoding="utf-8")  # not what the tool wrote: never removed
    (project / "briefings" / "08-cp-conferences.yaml").unlink()
    cli("build")
    assert edited.is_file() and not (out / "08-cp-conferences.pdf").exists()


def test_outputs_that_would_collide_are_refused_at_the_settings_line(project, cli):
    over_a_page = SETTINGS.replace("  - file: lessons-learned-january-2021.pdf",
                                   "  - file: 02-covid-19-vulnerable-children.pdf")
    (project / "briefing.yaml").write_text(over_a_page, encoding="utf-8")
    result = cli("build")
    assert result.exit_code == 1 and "briefing.yaml:10:" in result.output
    assert "over the page of briefings/02-covid-19-vulnerable-children.yaml" in result.output
    assert not (project / "output").exists()
    two_indexes = SETTINGS.replace("  - file: bilingual/gwersi-lessons.pdf", "  - file: bilingual/second.pdf") \
        .replace("    record_sheets: true\n  - file", "    record_sheets: true\n    formats: [pdf, html]\n"
                                                   "    file_of_first: x\n  - file", 1)
    two_indexes = two_indexes.replace("    file_of_first: x\n", "").replace(
        "  - file: lessons-learned-january-2021.pdf", "  - file: bilingual/first.pdf")
    (project / "briefing.yaml").write_text(two_indexes, encoding="utf-8")
    result = cli("build")
    assert result.exit_code == 1 and "pack 2 would write bilingual/index.html" in result.output.replace(
        "output/", "")


def test_each_finding_is_said_once_whatever_the_command_builds(project, cli):
    broken = project / "briefings" / "03-it-was-hard-to-escape.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("published: 2021-01-29", "published: 2021-02-30"),
                      encoding="utf-8")
    result = cli("build")
    assert result.exit_code == 1
    assert result.output.count("'2021-02-30' is not a real date") == 1, result.output


def test_init_makes_a_project_that_builds_at_once(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("BRIEFING_NO_PROJECT", raising=False)
    folder = tmp_path / "new board"
    (folder / "Theme #2").mkdir(parents=True)
    (folder / "Theme #2" / "theme.yaml").write_text("organisation: A board\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    made = cli("init")
    assert made.exit_code == 0 and (folder / "briefings").is_dir()
    assert "theme: 'Theme #2/theme.yaml'" in (folder / "briefing.yaml").read_text(encoding="utf-8")
    first = cli("build")
    assert first.exit_code == 0, first.output
    assert "no briefings yet" in first.output and "()" not in first.output and "  (" not in first.output
    assert "theme: Theme #2/theme.yaml" in first.output
    cli("new", "Safer sleep")  # into the project's briefings folder
    assert (folder / "briefings" / "safer-sleep.yaml").is_file()
    second = cli("build")
    assert second.exit_code == 0 and (folder / "output" / "safer-sleep.pdf").is_file()
    assert "1 note" in second.output and "1 notes" not in second.output


def test_the_editor_builds_the_projects_packs_and_reviews_with_the_partner(project):
    from generator.editor.document import read_form
    from generator.editor.session import Workspace

    workspace = Workspace(None, None, None)
    made = workspace.pack("ignored with a settings file")
    names = sorted(path.relative_to(project / "output").as_posix() for path in made)
    assert names == ["bilingual/gwersi-lessons.pdf", "bilingual/index.html", "lessons-learned-january-2021.pdf"]
    assert len(PdfReader(project / "output" / "lessons-learned-january-2021.pdf").pages) == 18  # record sheets
    welsh = project / "briefings" / "06-information-sharing-and-consent.cy.yaml"
    text = welsh.read_text(encoding="utf-8")
    url = next(line.split("url:", 1)[1].strip() for line in text.splitlines() if "url:" in line)
    welsh.write_text(text.replace(url, "https://example.org/somewhere-else", 1), encoding="utf-8")
    english = project / "briefings" / "06-information-sharing-and-consent.yaml"
    review = workspace.review(english.stem, read_form(english.read_text(encoding="utf-8")).values())
    assert any(finding.code == "BR902" for finding in review.findings)  # as check says it


def test_a_schema_reference_across_drives_is_an_address(monkeypatch, tmp_path):
    """On Windows a project on another drive than the tool has no relative path to the schema."""
    import os

    from generator.read.validation import BRIEFING, schema_reference

    def across_drives(path, start=None):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", across_drives)
    assert schema_reference(BRIEFING, tmp_path).startswith("file://")


def test_a_briefing_with_repeated_headings_and_typed_bullets(write, cli):
    text = briefing_yaml(body="Intro line.\n\u2022\tShare what you know with the school and the health visitor "
                              "straight away.\n\u2022\tAsk your manager for advice when you are unsure what to do.")
    text = text.replace("Heading 4", "Heading 2")
    result = cli("check", write(text), "--today", "2021-02-01")
    assert "BR805" in result.output and "section 4 has the same heading as section 2" in result.output
    assert "BR301" not in result.output  # each bullet is a sentence of its own
