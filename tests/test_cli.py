"""The command line: exit codes, messages for people, and bugs reported as bugs."""

from __future__ import annotations

import json

from generator import __version__
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_check_examples_folder_is_clean_under_strict(cli):
    result = cli("check", EXAMPLES, "--theme", PARTNERSHIP_THEME, "--strict", "--today", "2021-01-29")
    assert result.exit_code == 0, result.output
    assert "9 briefings checked: 0 errors, 0 warnings, 1 note" in result.output


def test_check_reports_located_errors_without_a_traceback(cli, write):
    path = write(briefing_yaml(sections=6))
    result = cli("check", path)
    assert result.exit_code == 1
    assert ":4:1: error BR001: found 6 sections; a briefing has exactly 7" in result.output
    assert "Traceback" not in result.output


def test_check_folder_reports_each_bad_file_and_continues(cli, write, tmp_path):
    write(briefing_yaml(), "good.yaml")
    write("title: [\n", "broken.yaml")
    write("not: a briefing\n", "notes.txt")
    result = cli("check", tmp_path)
    assert result.exit_code == 1
    assert "broken.yaml:" in result.output
    assert "2 briefings checked: 1 error" in result.output


def test_check_missing_path(cli, tmp_path):
    result = cli("check", tmp_path / "absent.yaml")
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_check_empty_folder(cli, tmp_path):
    result = cli("check", tmp_path)
    assert result.exit_code == 1
    assert "no briefing files" in result.output


def test_new_creates_a_valid_briefing_and_never_overwrites(cli, tmp_path):
    result = cli("new", "Safer sleep: what we learned", "--dir", tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "safer-sleep-what-we-learned.yaml"
    assert path.is_file()
    assert "briefing check" in result.output
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert cli("check", path).exit_code == 0
    path.write_text(text + "# my edits\n")
    again = cli("new", "Safer sleep: what we learned", "--dir", tmp_path)
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert path.read_text().endswith("# my edits\n")


def test_new_schema_reference_resolves(cli, tmp_path):
    cli("new", "Title", "--dir", tmp_path)
    first = (tmp_path / "title.yaml").read_text().splitlines()[0]
    reference = first.split("$schema=", 1)[1]
    assert (tmp_path / reference).resolve().is_file()


def test_schema_prints_json_schema(cli):
    result = cli("schema")
    schema = json.loads(result.output)
    assert schema["title"] == "7 Minute Briefing"
    assert schema["properties"]["sections"]["minItems"] == 7


def test_a_bug_is_reported_as_a_bug(cli, write, monkeypatch):
    import generator.commands.check

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.commands.check, "reviewed", broken)  # the command imports it when it runs
    result = cli("check", write(briefing_yaml()))
    assert result.exit_code == 70
    assert "bug in the tool" in result.output
    assert "RuntimeError: boom" in result.output


def test_the_command_ends_with_its_status_and_everything_said(tmp_path, write):
    """``python -m generator`` ends the process at once when done: its output must all be there."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    good = write(briefing_yaml(), "good.yaml")
    bad = write("title: [unclosed\n", "bad.yaml")
    out = tmp_path / "out"
    built = subprocess.run([sys.executable, "-m", "generator", "build", str(good), "-o", str(out)],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0 and "1 built" in built.stdout
    assert (out / "good.pdf").stat().st_size > 0
    failed = subprocess.run([sys.executable, "-m", "generator", "check", str(bad)], capture_output=True, text=True,
                            cwd=ROOT)
    assert failed.returncode == 1 and "bad.yaml:" in failed.stderr and "1 error," in failed.stderr
    version = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "briefing, version" in version.stdout


def test_every_command_finds_the_theme_beside_the_briefings_and_says_so(tmp_path, cli, monkeypatch):
    import shutil

    from tests.conftest import EXAMPLES, PARTNERSHIP_THEME

    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(EXAMPLES / "04-reachable-and-critical-moments.yaml", folder)
    shutil.copy(PARTNERSHIP_THEME, folder / "theme.yaml")
    shutil.copy(PARTNERSHIP_THEME.parent / "logo.png", folder / "logo.png")
    monkeypatch.chdir(tmp_path)
    for args in (["build", "briefings", "-o", "out"], ["status", "briefings"], ["slides", "briefings", "-o", "out"],
                 ["preview", "briefings", "-o", "out"], ["check", "briefings"]):
        result = cli(*args)
        assert "theme: briefings/theme.yaml" in result.output, args
    (folder / "theme.yaml").unlink()
    assert "theme: built-in" in cli("status", "briefings").output
