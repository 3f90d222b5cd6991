"""`briefing edit`: the server, its guards, the round trip to the file, and the pages in a real
browser (the system Chromium, driven by Playwright)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from generator.editor.document import apply_form, form_from_values, read_form
from generator.errors import UserError
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, copy_examples

EXAMPLE = "03-it-was-hard-to-escape"


@dataclass
class Editor:
    base: str
    token: str
    folder: Path
    output: Path
    port: int

    @property
    def root(self) -> str:
        """Where the editor lives: under a secret path (see generator.editor.app)."""
        return f"{self.base}/e/{self.token}"

    @property
    def address(self) -> str:
        return f"{self.root}/"


@pytest.fixture
def editor(tmp_path):
    from generator.editor.serve import make_server, open_socket

    folder = copy_examples(tmp_path / "briefings")
    text = (folder / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    text = text.replace("  - heading: Four key areas", "  # Section 4 was agreed with the panel in March.\n"
                                                        "  - heading: Four key areas")
    (folder / f"{EXAMPLE}.yaml").write_text(text, encoding="utf-8")
    sock = open_socket(0)
    port = sock.getsockname()[1]
    token = "test-token-" + "x" * 32
    server = make_server(folder, PARTNERSHIP_THEME, tmp_path / "output", sock, token)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the editor did not start"
    yield Editor(f"http://127.0.0.1:{port}", token, folder, tmp_path / "output", port)
    server.should_exit = True
    thread.join(10)
    server.workspace.close()


def _request(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


# -- the guards, over plain HTTP -------------------------------------------------------------

def test_a_request_without_the_secret_is_not_found(editor):
    for path in ("/", f"/edit/{EXAMPLE}", "/static/editor.js", "/output/pack.pdf", "/e/", "/e/wrong/",
                 f"/e/{editor.token}x/", f"/?token={editor.token}"):
        status, body = _request(editor.base + path)
        assert status == 404 and "printed" in body, path
    status, body = _request(editor.address)
    assert status == 200 and "Briefings" in body


def test_the_secret_is_never_in_a_cookie(editor):
    """Browsers send a 127.0.0.1 cookie to every port of 127.0.0.1: another program listening
    there (on a shared terminal server, another person's) would receive it. The secret is in the
    path instead, which goes only to the editor's port."""
    request = urllib.request.Request(editor.address)
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers.get_all("Set-Cookie") is None
        assert response.headers["Referrer-Policy"] == "no-referrer"
        page = response.read().decode()
    assert f'data-base="/e/{editor.token}/"' in page


def test_changes_from_another_origin_or_host_are_refused(editor):
    json_headers = {"Content-Type": "application/json"}
    before = sorted(p.name for p in editor.folder.iterdir())
    status, _ = _request(editor.root + "/api/new", data=b'{"title": "Planted"}',
                         headers={**json_headers, "Origin": "http://evil.example"})
    assert status == 403
    status, _ = _request(editor.root + "/api/new", data=b'{"title": "Planted"}', headers=json_headers)
    assert status == 403  # no Origin at all: not from the editor's pages
    status, _ = _request(editor.root + "/api/new", data=b"title=Planted",
                         headers={"Origin": editor.base, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415  # a plain form from elsewhere cannot send JSON without asking first
    status, _ = _request(editor.address, headers={"Host": f"evil.example:{editor.port}"})
    assert status == 403  # a name of another site pointed at 127.0.0.1
    assert sorted(p.name for p in editor.folder.iterdir()) == before


def test_names_are_looked_up_never_joined_into_paths(editor):
    headers = {"Content-Type": "application/json", "Origin": editor.base}
    for name in ("..%2F..%2Fetc%2Fpasswd", "theme", "..", "%2e%2e"):
        status, _ = _request(f"{editor.root}/edit/{name}", headers=headers)
        assert status == 404
        status, _ = _request(f"{editor.root}/api/save/{name}", data=b'{"values": {}, "loaded": ""}',
                             headers=headers)
        assert status == 404
    status, _ = _request(f"{editor.root}/output/..%2Fbriefings%2F{EXAMPLE}.yaml", headers=headers)
    assert status == 404


def test_a_field_the_form_does_not_have_is_refused(editor):
    headers = {"Content-Type": "application/json", "Origin": editor.base}
    body = json.dumps({"values": {"__class__": "x"}}).encode()
    status, _ = _request(f"{editor.root}/api/review/{EXAMPLE}", data=body, headers=headers)
    assert status == 400


def test_a_file_with_a_character_yaml_breaks_lines_at_is_shown_as_one_that_cannot_be_opened(editor):
    (editor.folder / "odd.yaml").write_text(
        (editor.folder / f"{EXAMPLE}.yaml").read_text(encoding="utf-8").replace("title: ", "title: Safe\u2028", 1),
        encoding="utf-8")
    status, body = _request(f"{editor.root}/edit/odd")
    assert status == 422 and "U+2028" in body and "Traceback" not in body


def test_deeply_nested_json_is_refused_before_it_is_parsed(editor):
    headers = {"Content-Type": "application/json", "Origin": editor.base}
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"values": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001):
        status, answer = _request(f"{editor.root}/api/review/{EXAMPLE}", data=body, headers=headers)
        assert status == 400 and "nests too deeply" in answer
    status, _ = _request(editor.address)
    assert status == 200  # and it still answers


# -- the round trip to the file --------------------------------------------------------------

def test_an_unchanged_form_gives_back_the_file_byte_for_byte():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert apply_form(text, form_from_values(read_form(text).values())) == text, path.name


_line = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_line, heading=_line, body=st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S"),
                                                              include_characters="\n"), max_size=200))
def test_what_the_form_holds_is_what_the_file_then_says(title, heading, body):
    """Any text typed in the form reads back from the saved YAML as typed (trimmed where the
    field is one line), and the file's comments survive."""
    from generator.read.source import parse

    text = (EXAMPLES / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    values = read_form(text).values()
    values.update({"title": title, "sections.2.heading": heading, "sections.2.body": body})
    out = apply_form(text, form_from_values(values))
    assert out.startswith("# yaml-language-server")
    try:
        data = parse(out, Path("b.yaml")).data
    except UserError:  # text the tool refuses (only invisible characters, say): the page says where
        return
    assert data["title"] == title.strip() or (not title.strip() and data["title"] == "")
    assert data["sections"][2]["heading"] == heading.strip()
    typed = "\n".join(line.rstrip(" \t") for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert data["sections"][2]["body"].strip("\n") == typed.strip("\n")
    assert read_form(out).values()["sections.2.body"].strip("\n") == typed.strip("\n")


# -- in a real browser -------------------------------------------------------------------------

@pytest.fixture
def page(browser, editor):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _preview(page) -> str:
    """The preview's picture, once drawn. (The page's Content-Security-Policy forbids evaluating
    strings, so the tests wait with Playwright's assertions, which run outside the page.)"""
    expect(page.locator("#preview")).to_have_attribute("src", re.compile(r"^data:image/png"))
    return page.get_attribute("#preview", "src")


def _saved(page, start: str = "Saved") -> None:
    expect(page.locator("#save-status")).to_have_text(re.compile("^" + start))


def test_edit_a_section_see_the_page_change_save_and_find_it_on_disk(page, editor):
    page.goto(editor.address)
    assert page.url == editor.address
    assert page.get_by_role("link", name="It was hard to escape").count() == 1
    page.get_by_role("link", name="It was hard to escape").click()
    page.wait_for_url(f"**/edit/{EXAMPLE}")
    first = _preview(page)
    assert page.get_attribute("#preview", "alt").startswith("Preview")
    assert page.get_by_text("fits at").count() >= 1
    body = page.get_by_label("Section 2 text")
    body.fill("Since it began its work in June 2018, the panel has seen many cases of criminal exploitation.\n\n"
              "Every one of these children deserved adults who saw the risk sooner.")
    expect(page.locator("#preview")).not_to_have_attribute("src", first)
    page.get_by_role("button", name="Save").click()
    _saved(page)
    saved = (editor.folder / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    assert "Every one of these children deserved adults who saw the risk sooner." in saved
    assert "# Section 4 was agreed with the panel in March." in saved  # the comment survives
    assert saved.startswith("# yaml-language-server")
    from generator.read.briefing import load_briefing

    briefing = load_briefing(editor.folder / f"{EXAMPLE}.yaml")  # what check and build accept
    assert briefing.sections[1].body.startswith("Since it began its work in June 2018")


def test_a_blaming_phrase_is_flagged_beside_its_field(page, editor):
    page.goto(editor.address)
    page.goto(f"{editor.root}/edit/{EXAMPLE}")
    _preview(page)
    page.get_by_label("Section 3 text").fill("The boy was putting himself at risk by going missing.")
    findings = page.locator("#f-sections-2-body-findings")
    findings.get_by_text("putting himself at risk").wait_for()
    assert "Warning" in findings.inner_text() or "Error" in findings.inner_text()
    assert page.locator("#all-findings").get_by_role("link", name="Section 3 text").count() >= 1


def test_a_change_on_disk_is_not_lost(page, editor):
    page.goto(editor.address)
    page.goto(f"{editor.root}/edit/{EXAMPLE}")
    _preview(page)
    path = editor.folder / f"{EXAMPLE}.yaml"
    theirs = path.read_text(encoding="utf-8").replace("heading: Background", "heading: Background to the review")
    path.write_text(theirs, encoding="utf-8")
    page.get_by_label("Title", exact=True).fill("It was hard to escape: our version")
    page.get_by_role("button", name="Save").click()
    page.locator("#conflict").wait_for(state="visible")
    assert path.read_text(encoding="utf-8") == theirs  # not overwritten
    assert "Background to the review" in page.input_value("#disk-version")
    assert page.input_value("#f-title") == "It was hard to escape: our version"  # and ours still here
    href = page.get_attribute("#download-mine", "href")
    assert href.startswith("blob:")
    page.get_by_role("button", name="Replace the file with your version").click()
    _saved(page)
    assert "our version" in path.read_text(encoding="utf-8")


def test_invalid_input_is_shown_and_not_saved(page, editor):
    page.goto(editor.address)
    page.goto(f"{editor.root}/edit/{EXAMPLE}")
    _preview(page)
    path = editor.folder / f"{EXAMPLE}.yaml"
    before = path.read_text(encoding="utf-8")
    page.get_by_label("Section 5 heading").fill("")
    page.get_by_role("button", name="Save").click()
    _saved(page, "Not saved")
    assert path.read_text(encoding="utf-8") == before
    assert page.locator("#f-sections-4-heading").get_attribute("aria-invalid") == "true"


def test_links_are_added_and_removed_with_the_keyboard(page, editor):
    page.goto(editor.address)
    page.goto(f"{editor.root}/edit/{EXAMPLE}")
    _preview(page)
    add = page.get_by_role("button", name="Add a link to section 6")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("The panel's report")  # focus moved to the new link's label
    page.keyboard.press("Tab")
    page.keyboard.type("https://www.gov.uk/government/organisations/child-safeguarding-practice-review-panel")
    page.keyboard.press("Control+s")
    _saved(page)
    saved = (editor.folder / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    assert "label: The panel's report" in saved and "child-safeguarding-practice-review-panel" in saved
    page.get_by_role("button", name="Remove link 1").first.focus()
    remove = page.locator("#f-sections-6 .remove-link").first
    remove.focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save").click()
    _saved(page)
    from generator.read.briefing import load_briefing

    briefing = load_briefing(editor.folder / f"{EXAMPLE}.yaml")
    assert [link.label for link in briefing.sections[6].links] == ["Children's MARS website"]
    assert [link.label for link in briefing.sections[5].links] == ["The panel's report"]


def test_new_briefing_and_build_pack_from_the_list(page, editor):
    page.goto(editor.address)
    page.get_by_label("Title of the new briefing").fill("Safer sleep in winter")
    page.get_by_role("button", name="New briefing").click()
    page.wait_for_url("**/edit/safer-sleep-in-winter")
    assert (editor.folder / "safer-sleep-in-winter.yaml").is_file()
    page.goto(editor.address)
    page.get_by_label("Title of the pack").fill("Lessons learned")
    page.get_by_role("button", name="Build pack").click()
    link = page.get_by_role("link", name="open the pack")
    link.wait_for()
    assert (editor.output / "pack.pdf").is_file()
    status, _ = _request(editor.base + link.get_attribute("href"))
    assert status == 200


@pytest.mark.parametrize("width", [1280, 820])
def test_the_pages_pass_axe(browser, editor, width):
    """At a desktop's width and a tablet's. axe-core is injected as a script, which the pages'
    Content-Security-Policy forbids, so this context alone sets the policy aside. Every link on
    them is measured against what it is drawn on, too."""
    from generator.audit.browser import axe, link_contrasts

    context = browser.new_context(viewport={"width": width, "height": 1000}, bypass_csp=True)
    page = context.new_page()
    page.goto(editor.address)
    found = []
    for address in (editor.address, f"{editor.root}/edit/{EXAMPLE}"):
        page.goto(address)
        if "/edit/" in address:
            _preview(page)
        found += [f"{address}: {v['id']} ({v['impact']}): {v['help']}" for v in axe(page)[0]
                  if v["impact"] in ("serious", "critical")]
        found += [f"{address}: link {link.text!r} is {link.shown}, {link.ratio}:1" for link in link_contrasts(page)
                  if not link.passes]
    context.close()
    assert found == []


def test_the_command_explains_a_missing_folder_and_a_port_in_use(cli, tmp_path):
    from generator.editor.serve import open_socket

    result = cli("edit", tmp_path / "nowhere", "--no-browser")
    assert result.exit_code == 1 and "no such folder" in result.output
    taken = open_socket(0)
    try:
        result = cli("edit", copy_examples(tmp_path / "briefings"), "--no-browser", "--port",
                     str(taken.getsockname()[1]))
        assert result.exit_code == 1 and "cannot be used" in result.output and "--port" in result.output
    finally:
        taken.close()


def test_the_server_listens_on_the_loopback_address_only():
    from generator.editor.serve import open_socket

    sock = open_socket(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


def _descendants(pid: int) -> set[int]:
    """Every process started, directly or not, by ``pid`` (Linux's /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="follows the editor's processes in /proc (Linux)")
def test_the_way_it_broke_ten_times_then_ctrl_c(tmp_path):
    """As a new user broke it: a new briefing, the same title again (refused), the pack, the
    pack again, a save; ten times over, every answer within 20 seconds. Then Ctrl+C ends the
    editor and everything it started within two seconds, with status 0 and no traceback, and
    the port can be listened on again at once."""
    import signal
    import subprocess
    import sys

    from generator.editor.session import digest

    folder = copy_examples(tmp_path / "briefings")
    process = subprocess.Popen([sys.executable, "-m", "generator", "edit", str(folder), "--no-browser",
                                "-o", str(tmp_path / "output")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path)
    children: set[int] = set()
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        [address] = re.findall(r"http://127\.0\.0\.1:\d+/e/[\w-]{40,}/", "".join(lines))
        base = address.rsplit("/e/", 1)[0]
        json_headers = {"Content-Type": "application/json", "Origin": base}

        def answer(path: str, data: dict | None = None) -> tuple[int, dict]:
            started = time.monotonic()
            status, body = _request(address + path, data=json.dumps(data).encode() if data is not None else None,
                                    headers=json_headers)
            assert time.monotonic() - started < 20, path
            return status, json.loads(body) if body.startswith("{") else {}

        for attempt in range(10):
            title = f"Safer sleep {attempt}"
            assert answer("api/new", {"title": title})[0] == 200
            status, refused = answer("api/new", {"title": title})
            assert status == 422 and "already exists" in refused["error"]
            assert _request(address)[0] == 200  # back to the list
            status, state = answer("api/pack", {"title": "Lessons"})
            assert status == 202 and state["state"] == "building"
            again, _ = answer("api/pack", {"title": "Lessons"})
            assert again == 409  # one pack at a time
            children |= _descendants(process.pid)
            deadline = time.monotonic() + 20
            while state["state"] == "building":
                assert time.monotonic() < deadline, "the pack took more than 20 seconds"
                time.sleep(0.2)
                state = answer("api/pack")[1]
            assert state["state"] == "done", state
            assert _request(base + state["href"])[0] == 200
            name = f"safer-sleep-{attempt}"
            text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
            values = read_form(text).values()
            values["sections.0.body"] = f"The team met on day {attempt}."
            status, saved = answer(f"api/save/{name}", {"values": values, "loaded": digest(text)})
            assert status == 200 and saved["saved"], saved
        children |= _descendants(process.pid)
        process.send_signal(signal.SIGINT)
        stopping = time.monotonic()
        assert process.wait(10) == 0
        assert time.monotonic() - stopping < 2.5
        printed = process.stdout.read()
        assert "stopped" in printed and "Traceback" not in printed and "Error" not in printed, printed
        port = int(base.rsplit(":", 1)[1])
        from generator.editor.serve import open_socket

        open_socket(port).close()  # free at once
        deadline = time.monotonic() + 2
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in children if _alive(pid)], "a process the editor started outlived it"
    finally:
        process.kill()
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)


def test_a_draft_that_does_not_fit_is_saved_and_flagged(editor):
    from generator.editor.session import digest

    headers = {"Content-Type": "application/json", "Origin": editor.base}
    path = editor.folder / f"{EXAMPLE}.yaml"
    text = path.read_text(encoding="utf-8")
    values = read_form(text).values()
    values["sections.3.body"] = "Every practitioner should read the full review with their team. " * 90
    status, body = _request(f"{editor.root}/api/save/{EXAMPLE}", headers=headers,
                            data=json.dumps({"values": values, "loaded": digest(text)}).encode())
    answer = json.loads(body)
    assert status == 200 and answer["saved"] and not answer["fits"]
    assert answer["fit"].startswith("does not fit on one page: about ") and "shorten" in answer["fit"]
    assert any(f["code"] == "BR101" and f["field"] == "sections.3.body" for f in answer["findings"])
    assert "Every practitioner should read the full review" in path.read_text(encoding="utf-8")
