"""`briefing accessibility`: a report a board can hand to its auditor. It says what independent
checkers found in every PDF and web page, what only a person can judge, and drafts the parts of
an accessibility statement that follow; it never claims a check it could not make."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, WELSH_EXAMPLE, copy_examples, require_tool


@pytest.fixture(scope="module")
def others(tmp_path_factory) -> dict[str, Path]:
    """Documents this tool did not make: an untagged PDF (as many programs write them), an empty
    file and a PDF that needs a password to open."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    folder = tmp_path_factory.mktemp("others")
    canvas = Canvas(str(folder / "minutes.pdf"))
    canvas.setTitle("Minutes")
    canvas.drawString(72, 720, "Minutes of the safeguarding board meeting")
    canvas.save()
    (folder / "empty.pdf").write_bytes(b"")
    writer = PdfWriter(clone_from=PdfReader(folder / "minutes.pdf"))
    writer.encrypt("secret")
    writer.write(folder / "locked.pdf")
    return {"foreign": folder / "minutes.pdf", "empty": folder / "empty.pdf", "locked": folder / "locked.pdf"}


@pytest.fixture(scope="module")
def publication(tmp_path_factory) -> Path:
    """Two briefings built as PDFs, web pages and record sheets, and a pack with its index."""
    from click.testing import CliRunner

    from generator.cli import main

    folder = tmp_path_factory.mktemp("publication")
    briefings = copy_examples(folder / "briefings", 2)
    out = folder / "output"
    runner = CliRunner()
    for args in (["build", briefings, "-o", out, "--format", "pdf,html", "--record-sheet"],
                 ["pack", briefings, "-o", out / "pack.pdf", "--format", "pdf,html"]):
        result = runner.invoke(main, [*map(str, args), "--theme", str(PARTNERSHIP_THEME)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return out


def _audit(cli, *args):
    result = cli("accessibility", *args)
    assert result.exit_code == 0, result.output
    return result


def test_the_report_on_a_clean_publication_checks_every_file_and_says_what_is_left(publication, cli, tmp_path):
    from generator.audit.browser import chromium

    require_tool(chromium(), "Chromium")
    report = tmp_path / "report"
    result = _audit(cli, publication, "-o", report, "--theme", PARTNERSHIP_THEME)
    assert "checked 5 PDFs and 3 web pages: 0 problems found by the machine checks in 0 files" in result.output
    data = json.loads((report / "accessibility.json").read_text(encoding="utf-8"))
    names = [item["path"] for item in data["files"]]
    assert "pack.pdf" in names and "index.html" in names and "01-panel-annual-report-2018-19-record.pdf" in names
    assert not any(name.startswith(".cache") for name in names)  # the pack's cached pieces are not the publication
    for item in data["files"]:
        checkers = {check["checker"]: check["status"] for check in item["checks"]}
        expected = {"page-validation", "outloud"} if item["kind"] == "pdf" else {"axe-core", "link-contrast"}
        assert checkers == dict.fromkeys(expected, "passed"), item["path"]
    assert data["statement"]["status"] == "full"
    assert {check["check"] for check in data["people"]} >= {"images", "order", "languages", "headings", "links",
                                                          "colour", "forms"}
    images = next(check for check in data["people"] if check["check"] == "images")
    shown = {text for found in images["evidence"] for text in found["items"]}
    assert "Children's MARS Board logo, a roof sheltering a family of three" in shown  # the logo's own text
    html = (report / "accessibility.html").read_text(encoding="utf-8")
    assert "fully compliant with the Web Content Accessibility Guidelines version 2.2 AA" in html
    assert "[Say this only if the checks for a person found nothing." in html  # never a bare claim
    assert (report / "assets").is_dir()  # the publication's stylesheet and fonts


def test_the_report_is_itself_accessible(publication, others, cli, tmp_path):
    """axe-core finds nothing, and every link reads, on a desktop and a phone (the browser is
    started here, after the report's own has closed: one Playwright per thread)."""
    from generator.audit.browser import axe, chromium, launched, link_contrasts, opened

    require_tool(chromium(), "Chromium")
    report = tmp_path / "report"
    _audit(cli, publication / "index.html", publication / "pack.pdf", others["foreign"], "-o", report, "--theme",
           PARTNERSHIP_THEME)  # a page, a PDF of ours and one with problems: every part of the report
    with launched() as browser:
        for width in (1280, 390):
            with opened(browser, report / "accessibility.html", width) as page:
                assert [violation["id"] for violation in axe(page)[0]] == []
                assert [link.text for link in link_contrasts(page) if not link.passes] == []


def test_a_document_made_elsewhere_is_judged_and_its_failures_drafted(publication, others, cli, tmp_path):
    report = tmp_path / "report"
    _audit(cli, publication / "01-panel-annual-report-2018-19.pdf", others["foreign"], "-o", report,
           "--theme", PARTNERSHIP_THEME)
    data = json.loads((report / "accessibility.json").read_text(encoding="utf-8"))
    foreign = next(item for item in data["files"] if item["path"].endswith("minutes.pdf"))
    validation = next(check for check in foreign["checks"] if check["checker"] == "page-validation")
    assert validation["status"] == "failed"
    assert "PDFUA1-ID-PART-001" in {failure["rule"] for failure in validation["failures"]}
    assert data["statement"]["status"] == "partial"
    drafted = " ".join(item["what"] for item in data["statement"]["failures"])
    assert "the PDF/UA-1 rule PDFUA1-ID-PART-001 is broken" in drafted
    html = (report / "accessibility.html").read_text(encoding="utf-8")
    assert "partially compliant" in html and 'href="#problem-2"' in html


def test_what_cannot_be_checked_here_is_said_never_passed(publication, cli, tmp_path, monkeypatch):
    """Without a browser, the web pages are listed as not checked, and the draft says the
    compliance is not known yet."""
    from generator.audit import browser

    monkeypatch.setattr(browser, "chromium", lambda: None)
    report = tmp_path / "report"
    result = _audit(cli, publication, "-o", report, "--theme", PARTNERSHIP_THEME)
    assert "not checked here: no Chromium browser is installed here" in result.output
    data = json.loads((report / "accessibility.json").read_text(encoding="utf-8"))
    pages = [item for item in data["files"] if item["kind"] == "html"]
    assert pages and all(check["status"] == "not-run" for item in pages for check in item["checks"])
    assert data["statement"]["status"] == "unknown"
    html = (report / "accessibility.html").read_text(encoding="utf-8")
    assert "fully compliant" not in html and "[Not known yet: no Chromium browser is installed here" in html


def test_files_that_cannot_be_read_are_named_and_the_rest_checked(publication, others, cli, tmp_path):
    report = tmp_path / "report"
    _audit(cli, publication / "pack.pdf", others["empty"], others["locked"], "-o", report)
    data = json.loads((report / "accessibility.json").read_text(encoding="utf-8"))
    found = {Path(item["path"]).name: item for item in data["files"]}
    assert found["empty.pdf"]["unreadable"] == "a11y_damaged"
    assert found["locked.pdf"]["unreadable"] == "a11y_encrypted"
    assert found["pack.pdf"]["checks"][0]["status"] == "passed"
    assert data["statement"]["status"] == "partial"


def test_a_file_that_takes_too_long_is_named_and_no_checker_is_left_running(publication, monkeypatch):
    import multiprocessing

    from generator.audit import machine

    monkeypatch.setattr(machine, "SECONDS_PER_FILE", 0)
    paths = [publication / "pack.pdf", publication / "01-panel-annual-report-2018-19.pdf"]
    results = machine.check_pdfs(paths, {path: path.name for path in paths})
    assert [result.unreadable for result in results] == ["a11y_took_too_long"] * 2
    assert not [child for child in multiprocessing.active_children() if child.name == "briefing-accessibility"]


def test_the_report_is_in_the_theme_s_language(publication, cli, tmp_path):
    theme = tmp_path / "cy" / "theme.yaml"
    theme.parent.mkdir()
    theme.write_text("organisation: Bwrdd Diogelu Plant\nlanguage: cy\n", encoding="utf-8")
    report = tmp_path / "report"
    _audit(cli, publication / "pack.pdf", "-o", report, "--theme", theme)
    html = (report / "accessibility.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in html and "Pa mor hygyrch yw&#39;r dogfennau hyn" in html
    assert "Statws cydymffurfio" in html and "Beth sy&#39;n rhaid i berson ei wirio" in html


def test_naming_nothing_to_check_is_a_plain_error(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = cli("accessibility", tmp_path / "notes.txt", "-o", tmp_path / "r")
    assert result.exit_code == 1 and "notes.txt: this is not a PDF or a web page" in result.output
    (tmp_path / "empty").mkdir()
    result = cli("accessibility", tmp_path / "empty", "-o", tmp_path / "r")
    assert result.exit_code == 1 and "no PDF or web page was found" in result.output
    assert "Traceback" not in result.output


def test_a_welsh_publication_marks_its_english_passages(cli, tmp_path):
    """The check for words in another language shows what is marked, for a person to judge."""
    folder = copy_examples(tmp_path / "b", 0, welsh=True)
    shutil.copy(EXAMPLES / "06-information-sharing-and-consent.yaml", folder)
    out = tmp_path / "out"
    assert cli("build", folder / WELSH_EXAMPLE.name, "-o", out).exit_code == 0
    report = tmp_path / "report"
    _audit(cli, out, "-o", report)
    data = json.loads((report / "accessibility.json").read_text(encoding="utf-8"))
    languages = next(check for check in data["people"] if check["check"] == "languages")
    assert languages["evidence"] == [{"file": f"{WELSH_EXAMPLE.stem}.pdf", "items": ["en: 1"]}]
