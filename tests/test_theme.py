"""Themes: validated like briefings, files confined to the theme's folder, no silent fallbacks."""

from __future__ import annotations

import shutil

import pytest

from generator.errors import UserError
from generator.read.messages import messages_for
from generator.read.theme import find_theme, load_theme
from tests.conftest import PARTNERSHIP_THEME, ROOT


def theme_problems(path):
    with pytest.raises(UserError) as caught:
        load_theme(path)
    return caught.value.problems


def test_builtin_theme_needs_no_files(default_theme):
    assert default_theme.source is None
    assert messages_for(default_theme.model.language, default_theme).theme("label") == "7 Minute Briefing"
    assert default_theme.model.organisation == ""
    assert default_theme.fonts.face("regular").name.startswith("AtkinsonHyperlegible-Regular")


def test_partnership_theme_loads_with_logo(partnership_theme):
    assert partnership_theme.logo is not None and partnership_theme.logo.name == "logo.png"
    assert partnership_theme.model.organisation.startswith("North Lincolnshire")


def test_theme_yaml_in_current_folder_is_found(tmp_path, monkeypatch):
    (tmp_path / "theme.yaml").write_text("organisation: Test Board\n")
    monkeypatch.chdir(tmp_path)
    assert find_theme(None) == tmp_path / "theme.yaml"
    assert load_theme(find_theme(None)).model.organisation == "Test Board"


def test_unknown_key_and_bad_colour_are_located(write):
    path = write("organisaton: X\ncolours:\n  primary: purple\n", "theme.yaml")
    found = theme_problems(path)
    assert any(p.message == "unknown key 'organisaton'" and p.hint == "did you mean 'organisation'?"
               for p in found)
    colour = next(p for p in found if "not a colour" in p.message)
    assert (colour.line, colour.column) == (3, 12)


def test_logo_outside_the_theme_folder_is_refused(write, tmp_path):
    shutil.copy(PARTNERSHIP_THEME.parent / "logo.png", tmp_path / "logo.png")
    path = write("logo: ../logo.png\nlogo_alt: A logo\n", "sub/theme.yaml")
    [problem] = theme_problems(path)
    assert "outside the theme's folder" in problem.message
    assert problem.line == 1


def test_missing_logo(write):
    [problem] = theme_problems(write("logo: nope.png\nlogo_alt: A logo\n", "theme.yaml"))
    assert "does not exist" in problem.message


def test_corrupt_logo(write, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    [problem] = theme_problems(write("logo: logo.png\nlogo_alt: A logo\n", "theme.yaml"))
    assert "cannot be read" in problem.message


def test_logo_that_is_not_an_image(write, tmp_path):
    (tmp_path / "logo.png").write_text("hello")
    [problem] = theme_problems(write("logo: logo.png\nlogo_alt: A logo\n", "theme.yaml"))
    assert "not a PNG or JPEG" in problem.message


def test_logo_needs_alt_text(write, tmp_path):
    shutil.copy(PARTNERSHIP_THEME.parent / "logo.png", tmp_path / "logo.png")
    [problem] = theme_problems(write("logo: logo.png\n", "theme.yaml"))
    assert "logo_alt" in problem.message


def test_corrupt_font_is_an_error_not_a_fallback(write, tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"junk" * 20)
    [problem] = theme_problems(write("fonts:\n  bold: broken.ttf\n", "theme.yaml"))
    assert "not a usable TrueType font" in problem.message
    assert problem.line == 2


def test_theme_fonts_can_be_the_shipped_ones_copied_in(write, tmp_path):
    shutil.copy(ROOT / "fonts" / "NotoSans-Regular.ttf", tmp_path / "body.ttf")
    theme = load_theme(write("fonts:\n  regular: body.ttf\n", "theme.yaml"))
    assert theme.fonts.files["regular"] == (tmp_path / "body.ttf").resolve()


def test_body_size_min_above_max(write):
    [problem] = theme_problems(write("body_size:\n  min: 12\n  max: 10\n", "theme.yaml"))
    assert "larger than max" in problem.message


def test_oversized_logo_is_refused_before_reading(write, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 5_000_001)
    [problem] = theme_problems(write("logo: logo.png\nlogo_alt: A logo\n", "theme.yaml"))
    assert "the most allowed is 5,000,000" in problem.message
