"""Body markup: what is kept, what is refused, and that no word is ever lost."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read.markup import ListBlock, Paragraph, Run, parse, plain_text


def test_inline_styles_and_links():
    [block], problems = parse("A **bold** and *italic* [link](https://example.org) here.")
    assert not problems
    assert block.runs == [
        Run("A "), Run("bold", bold=True), Run(" and "), Run("italic", italic=True), Run(" "),
        Run("link", href="https://example.org"), Run(" here."),
    ]


def test_soft_breaks_become_spaces_and_hard_breaks_stay():
    [block], _ = parse("one\ntwo  \nthree")
    assert block.text == "one two\nthree"


def test_reference_definitions_are_not_swallowed():
    blocks, problems = parse("[x]: https://example.org\n\nText")
    assert "[x]: https://example.org" in plain_text(blocks)
    assert not problems


def test_bullets_and_numbers():
    [block], _ = parse("- a\n- b\n\n1. one\n2. two")[0][:1], None
    assert isinstance(block, ListBlock) and not block.ordered
    blocks, _ = parse("1. one\n2. two")
    assert [item.label for item in blocks[0].items] == ["1.", "2."]


words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=200)


@settings(max_examples=150, deadline=None)
@given(words)
def test_plain_text_never_loses_a_word(text):
    """Whatever a person types, every non-markup word reaches the page (or is reported)."""
    blocks, problems = parse(text)
    if problems:
        return
    kept = plain_text(blocks)
    for word in re.findall(r"[^\W_]+", text):
        assert word in kept


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abc &<>*_[]()!#-`\\\n1.", max_size=30), max_size=6))
def test_parser_never_crashes(parts):
    blocks, problems = parse("\n".join(parts))
    assert all(isinstance(b, (Paragraph, ListBlock)) for b in blocks)
    assert all(p.line >= 0 and p.column >= 0 for p in problems)
