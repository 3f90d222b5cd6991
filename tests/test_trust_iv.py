"""Trust IV: the settings file, the build state, the web assets, the importer and the
accessibility report under attack (docs/security.md): nothing run, nothing written outside the
project or its output folder, nothing of the user's overwritten, no traceback, each case in a few
seconds."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import UserError
from tests.conftest import ROOT, briefing_yaml, copy_examples, require_tool

EVIL = 'import pathlib\npathlib.Path(__file__).with_name("RAN").write_text("code from the folder ran")\n'


def _python(*args: str, cwd: Path, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    environment.pop("BRIEFING_NO_PROJECT", None)
    environment["PYTHONPATH"] = str(ROOT)  # the tool itself, as an installed copy would be found
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("start", ["forkserver", "spawn"])
def test_no_code_from_the_working_folder_ever_runs(tmp_path, start):
    """A multiprocessing.py (or yaml.py) dropped in a shared project folder runs in nobody's
    process: not the command, not the fork server, not the resource tracker, not a worker."""
    folder = copy_examples(tmp_path / "briefings")
    for module in ("multiprocessing", "yaml", "click", "reportlab"):
        (tmp_path / f"{module}.py").write_text(EVIL, encoding="utf-8")
    built = _python("build", "briefings", "-o", "out", env={"BRIEFING_START_METHOD": start}, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == len(list(folder.glob("*.yaml")))
    assert not (tmp_path / "RAN").exists()


def test_a_strangers_settings_file_is_not_obeyed(tmp_path, cli, monkeypatch):
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("giving a file to another user needs root (the tests run as root in CI)")
    monkeypatch.delenv("BRIEFING_NO_PROJECT", raising=False)
    shared = tmp_path / "shared"
    (shared / "mine").mkdir(parents=True)
    (shared / "briefing.yaml").write_text("briefings: mine\noutput: drop\n", encoding="utf-8")
    os.chown(shared / "briefing.yaml", 12345, 12345)
    (shared / "mine" / "mine.yaml").write_text(briefing_yaml(), encoding="utf-8")
    monkeypatch.chdir(shared / "mine")
    refused = cli("build", "mine.yaml")
    assert refused.exit_code == 1 and "belongs to another user" in refused.output
    assert "BRIEFING_SAFE_PROJECTS" in refused.output and not (shared / "drop").exists()
    os.chown(shared / "briefing.yaml", 0, 0)
    shared.chmod(0o1777)  # a folder anyone may write to, as /tmp
    refused = cli("build", "mine.yaml")
    assert refused.exit_code == 1 and "anyone may write in its folder" in refused.output
    monkeypatch.setenv("BRIEFING_SAFE_PROJECTS", str(shared))
    trusted = cli("build", "mine.yaml")
    assert trusted.exit_code == 0, trusted.output
    assert (shared / "drop" / "mine.pdf").is_file()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 60, 120)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_web_assets_are_published_only_as_what_they_are_under_names_the_tool_makes(tmp_path, write, cli):
    """A logo named .html with a script after its picture is published as a PNG; a font whose
    file name is CSS never reaches the stylesheet."""
    theme = tmp_path / "theme" / "theme.yaml"
    theme.parent.mkdir()
    (theme.parent / "logo.html").write_bytes(_png() + b"<script>alert(document.domain)</script>")
    evil_font = 'x) format("truetype")}body{display:none}main::before{content:"Call 0800 000 000"}.ttf'
    fonts = sorted((ROOT / "fonts").glob("AtkinsonHyperlegible-Regular.ttf"))
    (theme.parent / evil_font).write_bytes(fonts[0].read_bytes())
    theme.write_text(f"organisation: A board\nlogo: logo.html\nlogo_alt: The board\nfonts:\n  regular: '{evil_font}'\n",
                     encoding="utf-8")
    result = cli("build", write(briefing_yaml()), "--theme", theme, "-o", tmp_path / "out", "--format", "html")
    assert result.exit_code == 0, result.output
    assets = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*")
                    if path.is_file() and ".cache" not in path.parts)
    assert not [name for name in assets if name.endswith(".html") and name.startswith("assets/")]
    assert any(name.startswith("assets/logo-") and name.endswith(".png") for name in assets)
    css = next((tmp_path / "out" / "assets").glob("style-*.css")).read_text(encoding="utf-8")
    assert "Call 0800" not in css and "main::before" not in css and "truetype\")}" not in css


def test_the_report_runs_no_script_of_a_page_and_takes_no_page_on_its_word(tmp_path):
    """A page that loops in a timer, and one that defines window.axe and hides its links from
    the checks, are checked with their scripts off: in seconds, failing as they should."""
    from generator.audit import browser
    from generator.audit.machine import check_pages

    require_tool(browser.chromium(), "Chromium")
    page = ('<!doctype html><html lang="en"><head><title>A page</title><script>'
            'window.axe={run:()=>Promise.resolve({violations:[],passes:[],incomplete:[],inapplicable:[]})};'
            'const q=document.querySelectorAll.bind(document);document.querySelectorAll=(s)=>[];'
            'setTimeout(function loop(){while(true){}},50);</script></head><body><main><h1>A page</h1>'
            '<img src="x.png"><p style="color:#eee">Faint</p><a href="a.html" style="color:#fafafa">A link</a>'
            '</main></body></html>')
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    started = time.monotonic()
    [result] = check_pages([tmp_path / "p.html"], {tmp_path / "p.html": "p.html"}, tmp_path)
    assert time.monotonic() - started < 30
    checks = {check.checker: check for check in result.checks}
    assert {failure.rule for failure in checks["axe-core"].failures} >= {"image-alt", "color-contrast"}
    assert checks["link-contrast"].failures


def test_a_browser_that_cannot_start_is_said_and_pdfs_alone_start_none(tmp_path, monkeypatch):
    import contextlib

    from generator.audit import browser
    from generator.audit.machine import NOT_RUN, check_pages

    started = []

    @contextlib.contextmanager
    def broken():
        started.append(True)
        raise RuntimeError("Failed to launch the browser process")
        yield

    monkeypatch.setattr(browser, "launched", broken)
    monkeypatch.setattr(browser, "available", lambda: None)
    assert check_pages([], {}) == [] and not started  # no pages: no browser
    (tmp_path / "p.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    [result] = check_pages([tmp_path / "p.html"], {tmp_path / "p.html": "p.html"})
    assert all(check.status == NOT_RUN and "could not start" in check.reason_values["reason"]
               for check in result.checks)


def test_the_report_never_follows_a_link_out_of_the_publication(tmp_path):
    from generator.commands.accessibility import publication_files

    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "minutes.html").write_text("<title>Private minutes</title>", encoding="utf-8")
    (tmp_path / "pub").mkdir()
    (tmp_path / "pub" / "index.html").write_text("<title>Index</title>", encoding="utf-8")
    (tmp_path / "pub" / "more").symlink_to(tmp_path / "private")
    (tmp_path / "pub" / "notes.html").symlink_to(tmp_path / "private" / "minutes.html")
    found = publication_files([tmp_path / "pub"], tmp_path / "report")
    assert list(found.values()) == ["index.html"]


def _nested_forms(depth: int = 3, fan: int = 100) -> bytes:
    """A few kilobytes that draw fan ** depth rectangles: each form draws the one below it ``fan`` times."""
    import pikepdf

    pdf = pikepdf.new()
    below = None
    for level in range(depth):
        content = b"0 0 1 1 re f\n" if below is None else b"/F Do\n" * fan
        form = pikepdf.Stream(pdf, content)
        form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
        if below is not None:
            form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=below))
        below = form
        del level
    pdf.add_blank_page()
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=below))
    page.Contents = pikepdf.Stream(pdf, b"/F Do\n" * fan)
    buffer = io.BytesIO()
    pdf.save(buffer, compress_streams=True)
    return buffer.getvalue()


def test_forms_drawn_within_forms_count_as_often_as_they_are_drawn(tmp_path, cli):
    data = _nested_forms()
    assert len(data) < 10_000
    (tmp_path / "bomb.pdf").write_bytes(data)
    started = time.monotonic()
    result = cli("import", tmp_path / "bomb.pdf", "--dir", tmp_path / "b")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "draws more than" in result.output and "damaged" not in result.output


def test_where_a_process_cannot_stop_itself_the_reading_goes_to_one_that_can_be_stopped(tmp_path, monkeypatch):
    import generator.importing.limits as limits

    monkeypatch.setattr(limits, "can_interrupt", lambda: False)
    started = time.monotonic()
    with pytest.raises(UserError) as caught:
        limits.in_child(time.sleep, (30,), "slow.pdf", seconds=1)
    assert time.monotonic() - started < 5 and "took more than 1 seconds" in caught.value.problems[0].message
    from generator.commands.import_documents import import_document
    from tests.wordfiles import headings_document

    document = headings_document(tmp_path / "w.docx")
    outcome = import_document(document, tmp_path / "b")
    assert outcome.output is not None and outcome.output.is_file()


def test_nothing_is_written_through_a_link_in_the_output_folder(tmp_path, write, cli):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "assets").symlink_to(elsewhere)
    result = cli("build", write(briefing_yaml()), "-o", out, "--format", "pdf,html")
    assert result.exit_code == 1 and "this is a link to somewhere else" in result.output
    assert not list(elsewhere.iterdir())


@pytest.mark.parametrize("damage", ["manifest", "reviews", "tables"])
def test_damaged_or_planted_state_is_made_again(tmp_path, write, cli, monkeypatch, damage):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    from generator import tables

    tables.folder.cache_clear()
    links = "    links:\n      - label: The full report\n        url: https://example.org/report\n"
    path = write(briefing_yaml(links=links))
    out = tmp_path / "out"
    first = cli("build", path, "-o", out)
    assert first.exit_code == 0, first.output
    before = (out / "briefing.pdf").read_bytes()
    if damage == "manifest":
        for record in (out / ".cache" / "written").glob("*.json"):
            record.write_text(json.dumps({"format": 2, "key": "manifest", "value": {"briefing.pdf": {}}}))
    elif damage == "reviews":
        for record in (out / ".cache" / "reviews").glob("*.json"):
            data = json.loads(record.read_text())
            data["value"] = {"outputs": {}, "findings": [{"path": 1}], "facts": [], "places": None}
            record.write_text(json.dumps(data))
    else:
        for table in (tmp_path / "user-cache" / "briefing").glob("*.json"):
            data = json.loads(table.read_text())
            data["table"] = [] if table.name.startswith(("qr-", "rules-")) else {"wrong": "shape"}
            table.write_text(json.dumps(data))
        (out / "briefing.pdf").unlink()
    again = cli("build", path, "-o", out)
    assert again.exit_code == 0 and "Traceback" not in again.output, again.output
    assert (out / "briefing.pdf").read_bytes() == before
    tables.folder.cache_clear()


def test_a_rules_table_emptied_in_the_cache_does_not_silence_the_rules(tmp_path, write, cli, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    from generator import tables

    tables.folder.cache_clear()
    path = write(briefing_yaml(body="He became a drug runner."))
    assert "BR401" in cli("check", path).output
    for table in (tmp_path / "user-cache" / "briefing").glob("rules-*.json"):
        data = json.loads(table.read_text())
        data["table"] = []
        table.write_text(json.dumps(data))
    from generator.check import language, review

    language.shipped_rules.cache_clear()
    review._rules.cache_clear()
    assert "BR401" in cli("check", path).output
    tables.folder.cache_clear()


@pytest.mark.parametrize(("url", "code"), [("https://www.gov.uk@evil.example/", "BR707"),
                                           ("https://www.g\u03bfv.uk/report", "BR708"),
                                           ("https://evil.example/gov", "BR709")])
def test_an_address_that_is_not_what_it_seems_is_flagged(write, cli, url, code):
    links = f"    links:\n      - label: \"GOV.UK: the report\"\n        url: \"{url}\"\n"
    result = cli("check", write(briefing_yaml(links=links)), "--today", "2021-02-01")
    assert code in result.output, result.output


def test_a_phone_link_is_printed_as_its_number(write, tmp_path, cli):
    links = "    links:\n      - label: Call the front door\n        url: \"tel:+44 1724 296500\"\n"
    result = cli("build", write(briefing_yaml(links=links)), "-o", tmp_path / "out", "--format", "pdf,html")
    assert result.exit_code == 0, result.output
    assert 'href="tel:+44 1724 296500"' in (tmp_path / "out" / "briefing.html").read_text(encoding="utf-8")


def test_the_editors_secret_is_never_on_a_command_line():
    """The browser is handed a page (readable by this user alone) that sends it on."""
    from generator.editor.serve import redirect_file

    secret = "http://127.0.0.1:8123/e/" + "s" * 43 + "/"
    page = redirect_file(secret)
    try:
        assert secret not in str(page) and secret in page.read_text(encoding="utf-8")
        if hasattr(os, "getuid"):
            assert page.stat().st_mode & 0o077 == 0 and page.parent.stat().st_mode & 0o077 == 0
    finally:
        import shutil

        shutil.rmtree(page.parent)


def test_ctrl_c_stops_a_build_cleanly(tmp_path):
    """Status 130, a plain line, no 'Aborted!', no warning about leaked semaphores, no half file."""
    from benchmarks.common import make_briefings

    make_briefings(tmp_path / "b", 300)
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(tmp_path / "b"), "-o",
                                str(tmp_path / "out")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "BRIEFING_NO_PROJECT": "1"},
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while not list((tmp_path / "out").glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=20)
    if process.returncode == 0:
        pytest.skip("the build finished before it could be interrupted")
    assert process.returncode == 130, output
    assert "stopped" in output and "Aborted" not in output and "resource_tracker" not in output
    assert "Traceback" not in output
    time.sleep(0.5)
    assert not list((tmp_path / "out").glob(".*.tmp"))
