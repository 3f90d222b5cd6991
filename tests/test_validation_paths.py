"""The fast path (JSON Schema + constraints) never accepts what the full validator refuses, and
what it accepts becomes exactly the records the full validator's result would become."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.read import spec
from generator.read.model import Briefing
from generator.read.source import load
from generator.read.theme import ThemeSettings
from generator.read.validation import BRIEFING, RULES, THEME, fast_path, read_as

from .conftest import EXAMPLES, PARTNERSHIP_THEME

_VALID = load(EXAMPLES / "04-reachable-and-critical-moments.yaml").data


def _full(model, data):
    try:
        return model.model_validate(data).model_dump()
    except Exception:
        return None


def _agree(data, form, model, record):
    full = _full(model, data)
    if fast_path(data, form):
        assert full is not None, "the fast path accepted what the full validator refuses"
        assert record(data) == record(full)
    return full


def test_examples_and_shipped_files_take_the_fast_path():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = load(path).data
        assert fast_path(data, BRIEFING), path.name
        assert Briefing.from_data(data) == Briefing.from_data(_full(spec.Briefing, data))
    theme = read_as(load(PARTNERSHIP_THEME).data, THEME)
    assert fast_path(theme, THEME)
    assert ThemeSettings.from_data(theme) == ThemeSettings.from_data(_full(spec.Theme, theme))
    from generator.check.language import SHIPPED_RULES

    assert fast_path(read_as(load(SHIPPED_RULES).data, RULES), RULES)


def test_defaults_match_the_specification():
    assert ThemeSettings() == ThemeSettings.from_data(spec.Theme().model_dump())


def test_a_valid_briefing_never_imports_pydantic(tmp_path):
    code = ("import sys; from pathlib import Path; from generator.read.briefing import load_briefing; "
            "from generator.read.theme import load_theme; "
            f"load_briefing(Path({str(EXAMPLES / '01-panel-annual-report-2018-19.yaml')!r})); "
            f"load_theme(Path({str(PARTNERSHIP_THEME)!r})); "
            "print('pydantic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


_ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False, width=32),
    st.sampled_from(["", " ", " padded ", "2021-02-30", "2021-01-29", "2023-05-01", "2021-01-29T10:00",
                     "javascript:alert(1)", "https://example.org", "mailto:", "mailto:a@b.org", "#12ab3F",
                     "#12AB3", "x" * 121, "A4", "Letter", "\n", "text\n", "\x85", "x\x1f", "\u3000x"]),
    st.text(max_size=8), st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                                     st.integers(), max_size=1),
)

_BRIEFING_PLACES = [("title",), ("subtitle",), ("published",), ("review",), ("author",), ("audience",),
                    ("tags",), ("tags", 0), ("summary",), ("sections",), ("sections", 0), ("sections", 2, "heading"),
                    ("sections", 3, "body"), ("sections", 1, "links"), ("sections", 1, "links", 0, "url"),
                    ("sections", 1, "links", 0, "label"), ("extra",), ("sections", 5, "extra")]


def _put(data, place, value):
    target = data
    for part in place[:-1]:
        if isinstance(part, int):
            if not isinstance(target, list) or len(target) <= part:
                return
        elif not isinstance(target, dict) or part not in target:
            return
        target = target[part]
    last = place[-1]
    if isinstance(last, int):
        if isinstance(target, list) and len(target) > last:
            target[last] = value
    elif isinstance(target, dict):
        target[last] = value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_BRIEFING_PLACES), _ODD_VALUES), min_size=1, max_size=3))
def test_briefing_fast_path_agrees_with_the_full_validator(changes):
    data = copy.deepcopy(_VALID)
    data["tags"] = ["exploitation"]
    data["sections"][1]["links"] = [{"label": "The report", "url": "https://example.org/report"}]
    for place, value in changes:
        _put(data, place, value)
    _agree(data, BRIEFING, spec.Briefing, Briefing.from_data)


_THEME_PLACES = [("organisation",), ("label",), ("logo",), ("logo_alt",), ("colours",), ("colours", "primary"),
                 ("colours", "text"), ("body_size",), ("body_size", "min"), ("body_size", "max"), ("contact",),
                 ("language",), ("page_size",), ("qr_codes",), ("check",), ("check", "comfortable_size"),
                 ("fonts", "regular"), ("unknown",)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_THEME_PLACES), _ODD_VALUES), min_size=1, max_size=3))
def test_theme_fast_path_agrees_with_the_full_validator(changes):
    data = {"organisation": "A board", "logo": "logo.png", "logo_alt": "The board's logo",
            "colours": {"primary": "#112233", "text": "#000000"}, "body_size": {"min": 9, "max": 12},
            "check": {"comfortable_size": 10}, "fonts": {"regular": "a.ttf"}}
    for place, value in changes:
        _put(data, place, value)
    _agree(data, THEME, spec.Theme, ThemeSettings.from_data)


@pytest.mark.parametrize("data", [
    {"title": "T", "published": "2021-01-29", "sections": []},
    {"title": 2021, "published": "2021-01-29", "sections": [{"heading": "H", "body": "B"}] * 7},
])
def test_unusual_input_goes_to_the_full_validator(data):
    assert not fast_path(data, BRIEFING)


def test_every_field_of_the_formats_is_in_the_plain_records():
    """A field is defined in generator.read.spec; the plain records must carry it, and nothing else
    read from a file (a test, so a new field cannot be forgotten in them)."""
    import dataclasses

    from generator.read import model, theme

    derived = {"id", "source", "document", "blocks"}  # set by the loader, not read from the file
    pairs = [(model.Briefing, spec.Briefing), (model.Section, spec.Section), (model.Link, spec.Link),
             (theme.ThemeSettings, spec.Theme), (theme.Colours, spec.Colours), (theme.Fonts, spec.Fonts),
             (theme.BodySize, spec.BodySize), (theme.CheckSettings, spec.CheckSettings)]
    for record, form in pairs:
        fields = {f.name for f in dataclasses.fields(record)} - derived
        assert fields == set(form.model_fields), record.__name__
