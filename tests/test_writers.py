"""For people who write in Word: YAML's traps explained at the line at fault, in their words;
Word-isms understood; unfinished or unpublishable work stopped before it is published."""

from __future__ import annotations

import pytest

from generator.errors import UserError
from generator.read.briefing import load_briefing
from tests.conftest import briefing_yaml

BASE = briefing_yaml(body="First line of the body.\nSecond line of the body.")


def problems(write, text):
    with pytest.raises(UserError) as caught:
        load_briefing(write(text))
    return caught.value.problems


@pytest.mark.parametrize(("change", "line", "words", "hint"), [
    (("      Second line of the body.", "    Second line of the body."), 8,
     "starts with 4 spaces, and the lines above it with 6", "start it with 6 spaces"),
    (("    body: |\n      First", "     body: |\n      First"), 6,
     "'body:' starts with 5 spaces, but 'heading:' on line 5 starts at 4", "start the line with 4 spaces"),
    (("    body: |\n      First line of the body.", "    body:\n      First line: of the body."), 6,
     "the text under 'body:' is not marked as a block", "write 'body: |'"),
    (("title: Safer sleep for babies", "title: “Safer sleep: for babies”"), 1,
     "starts with a curly quote", 'straight quotes "..."'),
])
def test_layout_mistakes_are_explained_at_the_line_at_fault(write, change, line, words, hint):
    [problem] = problems(write, BASE.replace(*change, 1))
    assert problem.line == line and words in problem.message and hint in problem.hint


def test_places_are_named_in_the_writers_words(write):
    second = "  - heading: Heading 2\n    body: |\n      First line of the body.\n      Second line of the body."
    text = BASE.replace(second, "  - heading: Why it matters\n    body: \"\"", 1)
    [problem] = problems(write, text)
    assert "section 2 (Why it matters)" in problem.message and "sections[" not in problem.message


def test_text_read_as_part_of_a_heading_gets_the_fix(write):
    text = BASE.replace("    body: |\n      First line of the body.\n      Second line of the body.",
                        "      First line of the body, which is long enough to make this heading too long.\n"
                        "      Second line of the body.", 1)
    found = problems(write, text)
    assert any("put a line 'body: |' between the heading and the text" in p.hint for p in found)


def test_curly_quotes_bullets_and_prompts_are_flagged(write, cli, tmp_path):
    text = BASE.replace("title: Safer sleep for babies", "title: “Safer sleep for babies”")
    text = text.replace("      First line of the body.", "      •\tFirst point\n      •\tSecond point", 1)
    result = cli("check", write(text), "--today", "2021-02-01")
    assert "BR801" in result.output and "which will print" in result.output
    assert result.output.count("BR802") == 2
    briefing = load_briefing(write(text))
    assert briefing.sections[0].blocks[0].__class__.__name__ == "ListBlock"  # read as list items
    created = cli("new", "Test briefing", "--dir", tmp_path / "new")
    assert created.exit_code == 0
    strict = cli("check", tmp_path / "new" / "test-briefing.yaml", "--strict")
    assert strict.exit_code == 1 and strict.output.count("BR803") >= 7


def test_build_and_pack_refuse_a_theme_that_fails_contrast(write, cli, tmp_path):
    theme = tmp_path / "theme.yaml"
    theme.write_text('colours: {primary: "#FFE000"}\n')
    path = write(BASE)
    for command, extra in (("build", ["-o", tmp_path / "out"]), ("pack", ["-o", tmp_path / "p.pdf"])):
        result = cli(command, path, "--theme", theme, *extra)
        assert result.exit_code == 1 and "BR501" in result.output, (command, result.output)
    assert not (tmp_path / "out").exists() and not (tmp_path / "p.pdf").exists()
    assert "was not written" in result.output


def test_warnings_are_summed_up_and_strict_stops_them(write, cli, tmp_path):
    path = write(BASE.replace("      First line of the body.", "      [Click here](https://example.org/r) now.", 1))
    built = cli("build", path, "-o", tmp_path / "out")
    assert built.exit_code == 0 and "warnings: " in built.output and "review overdue (1)" in built.output
    strict = cli("build", path, "-o", tmp_path / "strict", "--strict")
    assert strict.exit_code == 1 and "failed and not written" in strict.output
    assert not (tmp_path / "strict" / "briefing.pdf").exists()
    packed = cli("pack", path, "-o", tmp_path / "p.pdf", "--strict")
    assert packed.exit_code == 1 and "was not written" in packed.output and "nothing was written" in packed.output


def test_every_character_no_font_has_is_reported_at_once_with_a_hint_for_names(write, default_theme):
    from generator.layout.page import plan_page

    briefing = load_briefing(write(briefing_yaml(title="Learning from 日本", body="Names: 王 and 李, and ☃.")))
    with pytest.raises(UserError) as caught:
        plan_page(briefing, default_theme)
    found = {p.message.split("'")[1]: p for p in caught.value.problems}
    assert set(found) == {"日", "本", "王", "李", "☃"}
    assert "fonts" in found["王"].hint and "keep the name" in found["王"].hint
    assert "replace it" in found["☃"].hint


def test_a_pack_reports_the_same_warnings_from_cached_pieces(tmp_path):
    from generator.commands.pack import make_pack, pack_settings
    from tests.conftest import PARTNERSHIP_THEME, copy_examples

    folder = copy_examples(tmp_path / "b", 3)
    (folder / "01-panel-annual-report-2018-19.yaml").write_text(
        (folder / "01-panel-annual-report-2018-19.yaml").read_text().replace("Background", "Click here", 1))
    first = make_pack([folder], tmp_path / "out" / "p.pdf", PARTNERSHIP_THEME, pack_settings())
    (tmp_path / "out" / "p.pdf").unlink()
    again = make_pack([folder], tmp_path / "out" / "p.pdf", PARTNERSHIP_THEME, pack_settings())
    assert not again.laid_out and again.warnings == first.warnings and "review overdue (3)" in first.warnings


def test_the_feedback_link_is_on_the_page_with_its_qr_code(tmp_path, write):
    from generator.layout.page import plan_page
    from generator.read.theme import load_theme

    theme_file = tmp_path / "theme.yaml"
    theme_file.write_text("feedback_url: https://forms.example.org/7mb\n")
    theme = load_theme(theme_file)
    plan = plan_page(load_briefing(write(BASE)), theme)
    last = plan.sections[-1].links[-1]
    assert last.url == "https://forms.example.org/7mb" and last.qr is not None
    assert " ".join(piece.text for line in last.label.lines for _, piece, _ in line.parts).split() == \
        ["Tell", "us", "how", "you", "used", "this", "briefing"]
    theme_file.write_text("feedback_url: javascript:alert(1)\n")
    with pytest.raises(UserError):
        load_theme(theme_file)
