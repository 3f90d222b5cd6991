"""Validation of the briefing format: every problem reported at once, at its line and column."""

from __future__ import annotations

import pytest

from generator.errors import UserError
from generator.read.briefing import load_briefing
from generator.read.markup import ListBlock, Paragraph
from tests.conftest import EXAMPLES, briefing_yaml


def problems(path):
    with pytest.raises(UserError) as caught:
        load_briefing(path)
    return caught.value.problems


def test_valid_briefing_loads_with_id_and_parsed_bodies(write):
    briefing = load_briefing(write(briefing_yaml(), "safer-sleep.yaml"))
    assert briefing.id == "safer-sleep"
    assert len(briefing.sections) == 7
    assert isinstance(briefing.sections[0].blocks[0], Paragraph)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_briefings_are_valid(path):
    assert load_briefing(path).title


def test_top_level_list(write):
    [problem] = problems(write("- title: x\n"))
    assert "holds a list" in problem.message
    assert (problem.line, problem.column) == (1, 1)


def test_top_level_scalar(write):
    [problem] = problems(write("just some text\n"))
    assert "single value" in problem.message


def test_missing_required_fields_are_all_reported(write):
    found = problems(write("subtitle: x\n"))
    messages = " | ".join(p.message for p in found)
    for key in ("title", "published", "sections"):
        assert f"'{key}' is required" in messages


def test_empty_required_field(write):
    [problem] = problems(write(briefing_yaml(title='""')))
    assert problem.message == "'title' is empty"
    assert (problem.line, problem.column) == (1, 8)


def test_null_required_field(write):
    [problem] = problems(write(briefing_yaml().replace("title: Safer sleep for babies", "title:")))
    assert "'title' is empty" in problem.message


def test_wrong_types(write):
    text = briefing_yaml(extra="tags: exploitation\nsummary: [a, b]")
    found = {p.message for p in problems(write(text))}
    assert "'tags' should be a list (lines starting '- '), not 'exploitation'" in found
    assert "'summary' should be text, not a list" in found


def test_numbers_are_accepted_as_text(write):
    briefing = load_briefing(write(briefing_yaml(title="1984")))
    assert briefing.title == "1984"


@pytest.mark.parametrize("typed", ["10:30", "012", "0x1F", "1_000", ".inf", "No", "yes", "1e3", "0o17",
                                   "0x" + "F" * 3600, "2021-01-29 10:00", "-.5", "+12"])
def test_text_stays_as_typed(write, typed):
    """YAML 1.1 would read these as numbers, booleans or times: 10:30 as 630, 012 as 10."""
    title = typed if len(typed) < 100 else typed[:118]
    briefing = load_briefing(write(briefing_yaml(title=title, extra=f"subtitle: {typed}"[:210])))
    assert briefing.title == title
    assert briefing.subtitle == typed[:200]
    assert briefing.sections[0].heading == "Heading 1"


def test_headings_and_tags_stay_as_typed(write):
    text = briefing_yaml(extra="tags: [012, 10:30, true]").replace("heading: Heading 2", "heading: 007")
    briefing = load_briefing(write(text))
    assert briefing.sections[1].heading == "007"
    assert briefing.tags == ["012", "10:30", "true"]


@pytest.mark.parametrize("count", [6, 8])
def test_wrong_number_of_sections_says_how_many(write, count):
    [problem] = problems(write(briefing_yaml(sections=count)))
    assert problem.message == f"found {count} sections; a briefing has exactly 7"
    assert problem.line == 4


def test_unknown_key_suggests_the_right_one(write):
    [problem] = problems(write(briefing_yaml(extra="sumary: x")))
    assert problem.message == "unknown key 'sumary'"
    assert problem.hint == "did you mean 'summary'?"
    assert (problem.line, problem.column) == (4, 1)


def test_unknown_key_in_a_section(write):
    text = briefing_yaml().replace("  - heading: Heading 3", "  - heading: Heading 3\n    boddy: x")
    [problem] = problems(write(text))
    assert problem.message == "unknown key 'boddy'"
    assert problem.hint == "did you mean 'body'?"


def test_impossible_date(write):
    text = briefing_yaml().replace("published: 2021-01-29", "published: 2021-02-30")
    [problem] = problems(write(text))
    assert problem.message == "'2021-02-30' is not a real date"
    assert (problem.line, problem.column) == (2, 12)


def test_review_must_be_after_published(write):
    text = briefing_yaml().replace("review: 2022-01-29", "review: 2021-01-29")
    [problem] = problems(write(text))
    assert "must be after the published date" in problem.message
    assert problem.line == 3


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "file:///etc"])
def test_link_schemes_other_than_web_and_email_are_refused(write, url):
    links = f"    links:\n      - label: Report\n        url: \"{url}\""
    [problem] = problems(write(briefing_yaml(links=links)))
    assert "only https://, http://, mailto: and tel: are allowed" in problem.message
    assert (problem.line, problem.column) == (28, 14)


def test_body_link_scheme_is_located_inside_the_block(write):
    body = "First line.\n\nSee [this](javascript:alert(1)) now."
    found = problems(write(briefing_yaml(body=body)))
    first = found[0]
    assert "javascript:" in first.message
    assert (first.line, first.column) == (9, 18)


@pytest.mark.parametrize(("body", "message", "offset"), [
    ("# A heading", "a heading cannot go inside a section body", 0),
    ("Text\n\n| a | b |\n|---|---|\n| 1 | 2 |", "a table cannot go on the page", 2),
    ("Text\n![logo](logo.png)", "an image cannot go inside a section body", 0),
    ("```\ncode\n```", "a code block cannot go on the page", 0),
    ("Text\n\n    indented code", "indented text would become a code block", 2),
    ("> quoted", "a quotation block cannot go on the page", 0),
    ("- one\n  - two\n    - three", "lists can be nested one level deep, not more", 2),
])
def test_markdown_the_page_cannot_show_is_an_error_at_its_line(write, body, message, offset):
    text = briefing_yaml(body="Fine.") .replace(
        "  - heading: Heading 2\n    body: |\n      Fine.",
        "  - heading: Heading 2\n    body: |\n" + "\n".join("      " + line for line in body.splitlines()))
    found = problems(write(text))
    assert found[0].message == message
    assert found[0].line == 10 + offset  # section 2's body starts on line 10


def test_html_and_entities_are_literal_text(write):
    briefing = load_briefing(write(briefing_yaml(body="Children <5, C&YP, <b>bold</b> &amp; S&P.")))
    assert briefing.sections[0].blocks[0].text == "Children <5, C&YP, <b>bold</b> &amp; S&P."


def test_lists_keep_their_numbers_and_nesting(write):
    briefing = load_briefing(write(briefing_yaml(body="3. three\n4. four\n   - sub")))
    block = briefing.sections[0].blocks[0]
    assert isinstance(block, ListBlock) and block.ordered
    assert [item.label for item in block.items] == ["3.", "4."]
    assert isinstance(block.items[1].blocks[1], ListBlock)


def test_all_problems_in_a_file_are_reported_together(write):
    text = briefing_yaml(sections=6, extra="colour: red").replace("2022-01-29", "2022-13-01")
    found = problems(write(text))
    assert len(found) == 3
    assert [p.line for p in found] == sorted(p.line for p in found)
