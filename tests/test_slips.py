"""The slips people make typing YAML, each reported at its line with the fix in plain words; a
file with several shows them all; no phrase of the YAML parser's ever reaches the writer."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError, shell_path
from generator.read.briefing import load_briefing
from generator.read.slips import JARGON
from tests.conftest import briefing_yaml

GOOD = briefing_yaml()
SECTION_2 = "    body: |\n      Section 2 says something useful about practice."

SLIPS = {
    "no space after the colon": (GOOD.replace("title: Safer", "title:Safer"), 1, 6,
                                 "there is no space after 'title:'", "put a space after the colon: 'title: Safer"),
    "a list item out of line": (GOOD.replace("  - heading: Heading 3", "   - heading: Heading 3"), 11, 1,
                                "this list item starts with 3 spaces, but the one above it (line 8) with 2",
                                "start it with 2 spaces"),
    "text not indented under body: |": (GOOD.replace(SECTION_2, SECTION_2.replace("      Section", "    Section")),
                                        10, 1, "the text under 'body:' (line 9) starts with 4 spaces",
                                        "start it with 6 spaces"),
    "bullets under body: without |": (GOOD.replace(SECTION_2, "    body:\n      - first point\n      - second"),
                                      9, 5, "the body of section 2 (Heading 2) should be text, not a list",
                                      "write 'body: |'"),
    "paragraphs under body: without |": (GOOD.replace(SECTION_2, "    body:\n      First paragraph.\n\n"
                                                                  "      Second paragraph."),
                                         10, 7, "the paragraphs under 'body:' would be run together",
                                         "write 'body: |'"),
    "a line of items under body: without |": (GOOD.replace(SECTION_2, "    body:\n      Do these things\n"
                                                                       "      1. one thing\n      2. another"),
                                              10, 7, "the list items under 'body:' would be run together",
                                              "write 'body: |'"),
    "a tab for indentation": (GOOD.replace("  - heading: Heading 2", "\t- heading: Heading 2"), 8, 1,
                              "a tab character is used for indentation", "replace the tab with spaces"),
    "no space after the dash": (GOOD.replace("  - heading: Heading 2", "  -heading: Heading 2"), 8, 3,
                                "a list item needs a space after its '-'", "write '- heading: Heading 2'"),
    "text on the line of |": (GOOD.replace(SECTION_2, "    body: | Section 2 says something useful."), 9, 13,
                              "the text after '|' must start on the next line", "put the text on the lines below"),
    "a value in brackets": (GOOD.replace("title: Safer sleep for babies", "title: [Draft] Safer sleep"), 1, 8,
                            "a value starts with '[', which YAML reads as the start of a list",
                            "put the value in quotes"),
    "a bracket never closed": (GOOD.replace("title: Safer sleep for babies", "title: [Draft Safer sleep"), 1, 8,
                               "the '[' here is never closed", "put the whole value in quotes"),
    "text under body: without |, with a colon": (GOOD.replace(SECTION_2, "    body:\n      Do these:\n"
                                                                          "      1. one thing"), 9, 10,
                                                 "the text under 'body:' is not marked as a block",
                                                 "add ' |' after 'body:'"),
    "a second ': '": (GOOD.replace("title: Safer sleep for babies", "title: Safer sleep: babies"), 1, 19,
                      "this line has a second ': ' in it", "put the value in quotes"),
    "a quote never closed": (GOOD.replace("title: Safer sleep for babies", 'title: "Safer sleep'), 1, 8,
                             "a quotation mark opened here is never closed", "close the quotes"),
    "a key out of line": (GOOD.replace("review: 2022-01-29", " review: 2022-01-29"), 3, 1,
                          "'review:' starts with 1 space, but 'published:' on line 2 starts at 0",
                          "start the line with 0 spaces"),
    "a second document": (GOOD + "---\ntitle: Another\n", 26, 1, "a line '---' starts a second document",
                          "delete the '---' line"),
}


def _problems(write, text: str) -> list:
    path = write(text)
    with pytest.raises(UserError) as raised:
        load_briefing(path)
    return raised.value.problems


@pytest.mark.parametrize("name", list(SLIPS))
def test_each_slip_is_reported_at_its_line_with_its_fix(write, name):
    text, line, column, message, hint = SLIPS[name]
    problems = _problems(write, text)
    assert [(p.line, p.column) for p in problems] == [(line, column)], [p.message for p in problems]
    assert message in problems[0].message and hint in problems[0].hint


def test_a_file_with_five_mistakes_shows_all_five(write):
    text = (GOOD.replace("title: Safer", "title:Safer").replace("review: 2022-01-29", "review: 2022-13-45")
            .replace(SECTION_2, SECTION_2.replace("      Section", "    Section"))
            .replace("  - heading: Heading 3", "   - heading: Heading 3")
            .replace("    body: |\n      Section 5 says something useful about practice.",
                     "    body:\n      - a\n      - b"))
    problems = _problems(write, text)
    assert [p.line for p in problems] == [1, 3, 10, 11, 18]
    assert "'2022-13-45' is not a real date" in problems[1].message  # found in what could be read after the slips


def test_what_follows_only_from_a_line_set_aside_is_not_said_again(write):
    """A title the reader could not read is not also "missing", and a section it could not read
    does not make the sections "six"."""
    problems = _problems(write, GOOD.replace("title: Safer sleep for babies", "title: @Safer"))
    assert [p.message for p in problems] == ["a value starts with '@', which YAML keeps for itself"]


# the parser's own words never reach the writer ----------------------------------------------

_BREAKERS = st.sampled_from([":", " ", "-", "|", ">", "[", "]", "{", "}", '"', "'", "\t", "\n", "#", "*", "&",
                             "!", "@", "%", "`", "  ", "\n  ", ": ", "- ", "? ", ",", "---\n"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.sampled_from(["insert", "delete"]), _BREAKERS),
                min_size=1, max_size=4))
def test_no_phrase_of_the_yaml_parser_ever_reaches_the_writer(write, edits):
    text = GOOD
    for position, action, what in edits:
        position = min(position, len(text) - 1)
        text = text[:position] + what + text[position:] if action == "insert" else \
            text[:position] + text[position + len(what):]
    try:
        load_briefing(write(text))
    except UserError as error:  # anything else is a bug, and fails the test
        for problem in error.problems:
            words = f"{problem.message} {problem.hint}"
            assert not [phrase for phrase in JARGON if phrase in words], words
            assert problem.line >= 0 and problem.column >= 0


def test_a_briefing_saved_by_notepad_is_named_with_how_to_rename_it(tmp_path, cli):
    folder = tmp_path / "My Briefings"
    folder.mkdir()
    (folder / "safer.yaml.txt").write_text(GOOD, encoding="utf-8")
    result = cli("check", folder)
    assert result.exit_code == 1
    assert "safer.yaml.txt: this file's name ends in '.txt' (Notepad adds it when saving)" in result.output
    assert "rename it safer.yaml" in result.output
    assert '"' in result.output.split("run: ")[1]  # the path with a space in it, quoted
    assert cli("check", folder / "safer.yaml.txt").exit_code == 1


def test_paths_in_hints_are_quoted_for_the_shell():
    assert shell_path("briefings/safer.yaml") == "briefings/safer.yaml"
    assert shell_path("My Briefings/safer sleep.yaml") == '"My Briefings/safer sleep.yaml"'
    assert shell_path('odd "name".yaml') == "'odd \"name\".yaml'"
    assert shell_path("it's.yaml") == '"it\'s.yaml"'
