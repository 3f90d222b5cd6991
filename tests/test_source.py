"""Reading YAML safely: every bad input gets a located error, never a traceback or a surprise."""

from __future__ import annotations

import pytest

from generator.errors import UserError
from generator.read.source import MAX_BYTES, load
from tests.conftest import briefing_yaml


def problems(path):
    with pytest.raises(UserError) as caught:
        load(path)
    return caught.value.problems


def test_a_valid_file_keeps_positions_of_values_and_keys(write):
    doc = load(write(briefing_yaml()))
    assert doc.data["title"] == "Safer sleep for babies"
    assert doc.span(("title",)).position() == (1, 8)
    assert doc.key_span(("sections", 0, "heading")).position() == (5, 5)


def test_empty_file(write):
    [problem] = problems(write(""))
    assert (problem.line, problem.column) == (1, 1)
    assert "empty" in problem.message
    assert "briefing new" in problem.hint


def test_comment_only_file_is_empty(write):
    [problem] = problems(write("# nothing here\n"))
    assert "empty" in problem.message


def test_duplicate_keys_are_an_error_at_the_second(write):
    [problem] = problems(write("title: One\npublished: 2021-01-29\ntitle: Two\n"))
    assert (problem.line, problem.column) == (3, 1)
    assert "'title' is given twice (first at line 1)" in problem.message


def test_tab_indentation(write):
    [problem] = problems(write("title: x\nsections:\n\t- heading: a\n"))
    assert problem.line == 3
    assert "tab" in problem.message
    assert "spaces" in problem.hint


def test_yaml_syntax_error_is_located(write):
    [problem] = problems(write("title: x\npublished: [2021-01-29\nreview: 2022-01-01\n"))
    assert (problem.line, problem.column) == (2, 12)  # at the bracket that is never closed
    assert problem.message.startswith("the '[' here is never closed")


def test_colon_in_plain_value_gets_a_quoting_hint(write):
    [problem] = problems(write("title: x\nsubtitle: a: b: c\n"))
    assert problem.line == 2
    assert "quotes" in problem.hint


def test_bytes_that_are_not_utf8(write):
    [problem] = problems(write(b"title: caf\xe9\n"))
    assert (problem.line, problem.column) == (1, 11)
    assert "not valid UTF-8" in problem.message


def test_utf8_bom_is_accepted(write):
    doc = load(write("\ufefftitle: x\n".encode()))
    assert doc.data == {"title": "x"}


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch pwned']",
                                 "!!python/name:os.system", "!custom thing"])
def test_tags_are_refused_and_never_executed(write, tmp_path, tag):
    [problem] = problems(write(f"title: {tag}\n"))
    assert "tag" in problem.message
    assert (problem.line, problem.column) == (1, 8)
    assert not (tmp_path / "pwned").exists()


def test_alias_expansion_bomb_is_refused_quickly(write):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    found = problems(write("\n".join(bomb) + "\n"))
    assert all("anchors and aliases" in p.message for p in found[:-1])
    assert "stopped looking after 50" in found[-1].message


def test_merge_keys_are_refused(write):
    found = problems(write("base: {a: 1}\nother:\n  <<: {a: 2}\n"))
    assert any("merge keys" in p.message for p in found)


def test_files_over_the_limit_are_refused_before_parsing(write):
    path = write("title: x\n# " + "x" * MAX_BYTES + "\n")
    [problem] = problems(path)
    assert "the most allowed is 1,000,000" in problem.message


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(UserError):
        load(tmp_path)


def test_missing_file(tmp_path):
    [problem] = problems(tmp_path / "nope.yaml")
    assert problem.message == "file not found"


@pytest.mark.parametrize("depth", [500, 3000])
def test_deep_nesting_is_a_located_error(write, depth):
    [problem] = problems(write("title: " + "[" * depth + "]" * depth + "\n"))
    assert problem.line == 1
    assert "nested" in problem.message or "nesting" in problem.message
