"""The formats (generator.read.spec) and the one validator: every shipped file is valid, odd input
is refused in the writer's words (never the validator's) or tidied, and what is accepted keeps
the format's promises."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.read import spec
from generator.read.source import Document, load
from generator.read.validation import BRIEFING, CATALOGUE, RULES, THEME, schema_of, validate

from .conftest import EXAMPLES, PARTNERSHIP_THEME

_VALID = load(EXAMPLES / "04-reachable-and-critical-moments.yaml").data
CATALOGUES = Path(__file__).resolve().parent.parent / "generator" / "read" / "catalogues"
# What jsonschema-rs says of a value, which must never reach a person.
JARGON = ("does not match", "is not of type", "additional properties", "is not valid under", "is shorter than",
          "is longer than", "has less than", "has more than", "is not a \"date\"", "was unexpected")


def test_every_shipped_file_is_valid():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert isinstance(validate(load(path), BRIEFING), spec.Briefing), path.name
    assert validate(load(PARTNERSHIP_THEME), THEME).organisation
    from generator.check.language import SHIPPED_RULES

    assert validate(load(SHIPPED_RULES), RULES).rules
    for path in sorted(CATALOGUES.glob("*.yaml")):
        assert validate(load(path), CATALOGUE).messages


def test_defaults_of_the_records_are_the_schemas_defaults():
    schema = schema_of(THEME)
    for record in (spec.ThemeSettings, spec.Colours, spec.BodySize, spec.CheckSettings, spec.Fonts):
        properties = schema["properties"] if record is spec.ThemeSettings else schema["$defs"][record.__name__][
            "properties"]
        for field in spec.format_fields(record):
            if field.default is not dataclasses.MISSING and field.default is not None:
                assert properties[field.name]["default"] == field.default, (record.__name__, field.name)
        assert set(properties) == {f.name for f in spec.format_fields(record)}


def test_loading_a_briefing_and_theme_needs_no_other_validator():
    code = ("import sys; from pathlib import Path; from generator.read.briefing import load_briefing; "
            "from generator.read.theme import load_theme; "
            f"load_briefing(Path({str(EXAMPLES / '01-panel-annual-report-2018-19.yaml')!r})); "
            f"load_theme(Path({str(PARTNERSHIP_THEME)!r})); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'jsonschema')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


_ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False, width=32),
    st.sampled_from(["", " ", " padded ", "2021-02-30", "2021-01-29", "2023-05-01", "2021-01-29T10:00",
                     "javascript:alert(1)", "https://example.org", "mailto:", "mailto:a@b.org", "#12ab3F",
                     "#12AB3", "x" * 121, "A4", "Letter", "\n", "text\n", "\x85", "x\x1f", "\u3000x", "yes",
                     "9.5", "cy", "en_GB"]),
    st.text(max_size=8), st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
)
_BRIEFING_PLACES = [("title",), ("subtitle",), ("published",), ("review",), ("author",), ("audience",),
                    ("tags",), ("tags", 0), ("summary",), ("language",), ("sections",), ("sections", 0),
                    ("sections", 2, "heading"), ("sections", 3, "body"), ("sections", 1, "links"),
                    ("sections", 1, "links", 0, "url"), ("sections", 1, "links", 0, "label"), ("extra",),
                    ("sections", 5, "extra")]
_THEME_PLACES = [("organisation",), ("label",), ("logo",), ("logo_alt",), ("colours",), ("colours", "primary"),
                 ("colours", "text"), ("body_size",), ("body_size", "min"), ("body_size", "max"), ("contact",),
                 ("language",), ("page_size",), ("qr_codes",), ("check",), ("check", "comfortable_size"),
                 ("fonts", "regular"), ("translations",), ("translations", "cy"), ("unknown",)]


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


def _outcome(data, form):
    """The record, or the problems; problems are the writer's words, never the validator's."""
    try:
        return validate(Document(Path("f.yaml"), data=data), form)
    except UserError as error:
        for problem in error.problems:
            assert problem.message and not any(phrase in problem.message.lower() for phrase in JARGON), problem
        return None


def _as_data(record) -> dict:
    """A record back as the data of a file (dates as text): validating it again gives it back."""
    data = {}
    for field in spec.format_fields(type(record)):
        value = getattr(record, field.name)
        if dataclasses.is_dataclass(value):
            value = _as_data(value)
        elif isinstance(value, list):
            value = [_as_data(item) if dataclasses.is_dataclass(item) else item for item in value]
        elif isinstance(value, dict):
            value = {key: _as_data(item) if dataclasses.is_dataclass(item) else item for key, item in value.items()}
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, (bool, int, float)):
            value = str(value).lower() if isinstance(value, bool) else str(value)
        data[field.name] = value
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_BRIEFING_PLACES), _ODD_VALUES), min_size=1, max_size=3))
def test_odd_briefings_are_refused_in_words_or_kept_as_the_format_says(changes):
    data = copy.deepcopy(_VALID)
    data["tags"] = ["exploitation"]
    data["sections"][1]["links"] = [{"label": "The report", "url": "https://example.org/report"}]
    for place, value in changes:
        _put(data, place, value)
    briefing = _outcome(data, BRIEFING)
    if briefing is None:
        return
    assert len(briefing.sections) == 7
    for text in (briefing.title, briefing.subtitle, briefing.summary, *(s.heading for s in briefing.sections)):
        assert text is None or (text == text.strip() and text)
    assert briefing.review is None or briefing.review > briefing.published
    assert _outcome(_as_data(briefing), BRIEFING) == briefing


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_THEME_PLACES), _ODD_VALUES), min_size=1, max_size=3))
def test_odd_themes_are_refused_in_words_or_kept_as_the_format_says(changes):
    data = {"organisation": "A board", "logo": "logo.png", "logo_alt": "The board's logo",
            "colours": {"primary": "#112233", "text": "#000000"}, "body_size": {"min": "9", "max": "12"},
            "check": {"comfortable_size": "10"}, "fonts": {"regular": "a.ttf"}}
    for place, value in changes:
        _put(data, place, value)
    theme = _outcome(data, THEME)
    if theme is None:
        return
    assert theme.body_size.min <= theme.body_size.max
    assert all(value == value.upper() and len(value) == 7 for value in vars(theme.colours).values())
    assert not theme.logo or theme.logo_alt
    assert _outcome(_as_data(theme), THEME) == theme


@pytest.mark.parametrize(("text", "fine"), [
    ("Published {date}", True), ("{{braces}} {date}", True), ("{date:{n}}", False), ("{date:>700000000}", False),
    ("{date.year}", False), ("{date!r}", False), ("{0}", False), ("{}", False), ("a } alone", False),
    ("{date", False),
])
def test_a_message_names_its_values_and_nothing_else(text, fine):
    from generator.read.messages import fill, placeholders

    found = placeholders(text)
    assert isinstance(found, list) is fine
    if fine:
        assert fill(text, {"date": "29 January 2021"}).count("29 January 2021") == 1


def test_the_editor_shows_every_key_of_the_format():
    from generator.editor.document import TOP_FIELDS

    keys = {field.name for field in spec.format_fields(spec.Briefing)} - {"sections"}
    assert set(TOP_FIELDS) == keys
