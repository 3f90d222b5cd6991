"""A project's briefing.yaml: `briefing build` alone makes the whole publication it describes,
again only what changed, in a screenful; every command takes its defaults from it; `briefing
init` starts one; a mistake in it is said at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

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


def _lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


def test_build_alone_makes_the_whole_publication_in_a_screenful(project, cli):
    result = cli("build")
    assert result.exit_code == 0, result.output
    out = project / "output"
    names = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
    assert all((out / f"{name}.pdf").is_file() and (out / f"{name}.html").is_file() for name in names)
    assert (out / "lessons-learned-january-2021.pdf").is_file()
    assert (out / "bilingual" / "gwersi-lessons.pdf").is_file() and (out / "bilingual" / "index.html").is_file()
    lines = _lines(result)
    assert len(lines) <= 15, lines
    assert "9 briefings are past their review date: run 'briefing status'" in lines
    assert "theme: assets/north-lincs/theme.yaml" in lines  # the board's branding, from the settings
    assert b"/Subtype /Image" in (out / "04-reachable-and-critical-moments.pdf").read_bytes()  # its logo


def test_build_again_makes_only_what_changed(project, cli):
    cli("build")
    again = cli("build")
    assert "(0 built, 9 up to date)" in again.output and "is up to date" in again.output
    changed = project / "briefings" / "04-reachable-and-critical-moments.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Background", "Context", 1), encoding="utf-8")
    third = cli("build")
    assert "(1 built, 8 up to date)" in third.output
    assert "wrote output/lessons-learned-january-2021.pdf" in third.output


def test_every_command_takes_its_defaults_from_the_project(project, cli, monkeypatch):
    monkeypatch.chdir(project / "briefings")  # found from a folder below, as MkDocs finds mkdocs.yml
    checked = cli("check")
    assert "9 briefings checked" in checked.output and "theme: ../assets/north-lincs/theme.yaml" in checked.output
    slides = cli("slides", "04-reachable-and-critical-moments.yaml")
    assert slides.exit_code == 0, slides.output
    assert (project / "output" / "04-reachable-and-critical-moments-slides.pdf").is_file()
    named = cli("build", "05-out-of-routine-safer-sleep.yaml", "-o", project / "elsewhere", "--format", "pdf")
    assert named.exit_code == 0 and (project / "elsewhere" / "05-out-of-routine-safer-sleep.pdf").is_file()
    assert not (project / "elsewhere" / "05-out-of-routine-safer-sleep.html").exists()  # the command line wins


def test_a_mistake_in_the_settings_is_said_at_its_line(project, cli):
    (project / "briefing.yaml").write_text(SETTINGS.replace("output: output", "output: ../../elsewhere")
                                           .replace("record_sheets: false", "record_sheet: false"), encoding="utf-8")
    result = cli("build")
    assert result.exit_code == 1
    assert "briefing.yaml:7:1: unknown key 'record_sheet'" in result.output
    assert "did you mean 'record_sheets'" in result.output or "record_sheets" in result.output
    (project / "briefing.yaml").write_text(SETTINGS.replace("output: output", "output: ../../elsewhere"),
                                           encoding="utf-8")
    result = cli("build")
    assert "briefing.yaml:5:9: '../../elsewhere' is outside the project's folder" in result.output


def test_init_starts_a_project_and_never_writes_over_one(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("BRIEFING_NO_PROJECT", raising=False)
    folder = tmp_path / "new"
    shutil.copytree(EXAMPLES, folder / "briefings")
    (folder / "theme").mkdir()
    (folder / "theme" / "theme.yaml").write_text("organisation: A board\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    assert cli("init").exit_code == 0
    written = (folder / "briefing.yaml").read_text(encoding="utf-8")
    assert "theme: theme/theme.yaml" in written and "briefings: briefings" in written
    again = cli("init")
    assert again.exit_code == 1 and "has a briefing.yaml already" in again.output
    built = cli("build")
    assert built.exit_code == 0, built.output
    assert (folder / "output" / "pack.pdf").is_file()


def test_no_project_and_nothing_named_is_a_plain_error(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("BRIEFING_NO_PROJECT", raising=False)
    monkeypatch.chdir(tmp_path)
    result = cli("build")
    assert result.exit_code == 1 and "no briefings are named" in result.output and "briefing init" in result.output


def test_what_is_published_is_what_was_checked_whatever_happens_to_the_file_meanwhile(tmp_path, monkeypatch):
    """Every input is read once, by the model: a briefing saved again while the build runs is
    built as it was read (and checked), and the next build sees the new text."""
    import generator.publication.run as run
    from generator.publication.model import Request, make
    from tests.conftest import briefing_yaml
    from tests.pdftext import extract

    source = tmp_path / "safer-sleep.yaml"
    first, second = briefing_yaml(), briefing_yaml(title="Safer sleep for every baby")
    source.write_text(first, encoding="utf-8")
    request = Request((source,), output=tmp_path / "out", settings=False)
    reviewed = run.review_bytes

    def saved_during_the_build(*args, **kwargs):
        source.write_text(second, encoding="utf-8")  # the writer saves while the build runs
        return reviewed(*args, **kwargs)

    monkeypatch.setattr(run, "review_bytes", saved_during_the_build)
    [outcome] = run.build(make(request)).outcomes
    assert outcome.ok and outcome.fresh
    assert "every baby" not in extract((tmp_path / "out" / "safer-sleep.pdf").read_bytes())[0]
    monkeypatch.setattr(run, "review_bytes", reviewed)
    [again] = run.build(make(request)).outcomes
    assert again.fresh and "every baby" in extract((tmp_path / "out" / "safer-sleep.pdf").read_bytes())[0]
    [third] = run.build(make(request)).outcomes
    assert not third.fresh  # an undisturbed build is kept
