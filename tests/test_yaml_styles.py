"""The YAML parser is the one authority on what a file says: a briefing written by any YAML
library or editor (PyYAML with its default and other options, ruamel.yaml, JSON, Notepad's CRLF
with a byte-order mark) is read exactly as PyYAML reads it, and builds the same page."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.read.briefing import load_briefing
from generator.read.slips import JARGON
from generator.read.source import parse
from tests.conftest import EXAMPLES


def _ruamel(data, **options) -> str:
    from ruamel.yaml import YAML

    writer = YAML(typ=options.pop("typ", "rt"), pure=True)
    if options.pop("level_lists", False):
        writer.indent(mapping=2, sequence=2, offset=0)
    elif options.pop("indented_lists", False):
        writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = options.pop("width", 80)
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


def _notepad(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


# PyYAML's parser as the tool runs it, with LibYAML (its pure-Python parser refuses a few files
# LibYAML reads), every value as its text: YAML 1.1 reads `title: Yes` (which ruamel.yaml, writing
# YAML 1.2, leaves plain) as true, where the tool keeps text as typed and the format decides
# where a number, a yes/no or a date is meant.
_PYYAML = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

WRITERS = {
    "PyYAML default": lambda data: yaml.safe_dump(data),
    "PyYAML ASCII, key order": lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=False),
    "PyYAML Unicode, narrow": lambda data: yaml.safe_dump(data, allow_unicode=True, width=40),
    "PyYAML flow style": lambda data: yaml.safe_dump(data, default_flow_style=True, allow_unicode=True),
    "PyYAML double quotes": lambda data: yaml.safe_dump(data, default_style='"', allow_unicode=True),
    "PyYAML single quotes": lambda data: yaml.safe_dump(data, default_style="'"),
    "PyYAML literal blocks": lambda data: yaml.safe_dump(data, default_style="|", allow_unicode=True),
    "PyYAML indent 4": lambda data: yaml.safe_dump(data, indent=4, sort_keys=False),
    "PyYAML explicit document": lambda data: yaml.safe_dump(data, explicit_start=True, explicit_end=True),
    "ruamel.yaml default": lambda data: _ruamel(data),
    "ruamel.yaml safe": lambda data: _ruamel(data, typ="safe"),
    "ruamel.yaml lists level with their key": lambda data: _ruamel(data, level_lists=True),
    "ruamel.yaml lists indented": lambda data: _ruamel(data, indented_lists=True, width=60),
    "JSON": lambda data: json.dumps(data, indent=2, ensure_ascii=False),
    "JSON ASCII, one line": lambda data: json.dumps(data),
    "Notepad (CRLF, byte-order mark)": lambda data: _notepad(yaml.safe_dump(data, allow_unicode=True,
                                                                              sort_keys=False)),
}


def _as_pyyaml_reads(data):
    """Data as PyYAML's parser reads it, every value as its text (dates written back as text)."""
    if isinstance(data, dict):
        return {key: _as_pyyaml_reads(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_pyyaml_reads(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _record(briefing) -> tuple:
    """What a briefing says, whatever file it came from."""
    return (briefing.title, briefing.subtitle, briefing.summary, briefing.audience, briefing.published,
            briefing.review, tuple(briefing.tags),
            tuple((s.heading, s.body, tuple((link.label, link.url) for link in s.links), repr(s.blocks))
                  for s in briefing.sections))


def _nulls_as_empty(data):
    """A value left empty, as PyYAML's parser gives it without resolving types."""
    if isinstance(data, dict):
        return {key: _nulls_as_empty(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_nulls_as_empty(value) for value in data]
    return "" if data is None else data


def _outcome(path: Path):
    """The briefing's record, or the messages that refuse it (without their places)."""
    try:
        return _record(load_briefing(path))
    except UserError as error:
        return sorted(problem.message for problem in error.problems)


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _check_every_style(folder: Path, data: dict, *, page_theme=None) -> None:
    original = load_briefing(_write(folder / "original", "briefing.yaml", json.dumps(data)))
    page = None
    if page_theme is not None:
        from generator.layout.page import plan_page
        from generator.render.pdf import page_pdf

        page = page_pdf(plan_page(original, page_theme), original, page_theme)
    for number, (style, writer) in enumerate(WRITERS.items()):
        text = writer(data)
        path = _write(folder / str(number), "briefing.yaml", text)
        raw = text.decode("utf-8-sig").replace("\r\n", "\n") if isinstance(text, bytes) else text
        try:
            expected = _as_pyyaml_reads(yaml.load(raw, Loader=_PYYAML))
        except yaml.YAMLError:  # a library's output its own parser cannot read (PyYAML's flow style
            # and a plain text ending in "?"): refused as PyYAML refuses it, in plain words
            with pytest.raises(UserError) as refused:
                load_briefing(path)
            assert not [p for p in refused.value.problems if any(j in p.message for j in JARGON)]
            continue
        assert _nulls_as_empty(parse(raw, path).data) == expected, style
        if expected != data:  # the library wrote something else than it was given (ruamel.yaml breaks
            # a quoted line after an escaped backslash, so "C:\\Users" reads back as "C:\\ Users",
            # and writes the tag "? 0" unquoted in a list, which is a key): the tool reads what the
            # file says, as every YAML parser does, and builds what the same data as JSON builds
            assert _outcome(path) == _outcome(_write(folder / f"{number}-as-read", "briefing.yaml",
                                                     json.dumps(expected))), style
            continue
        briefing = load_briefing(path)
        assert _record(briefing) == _record(original), style
        if page is not None:
            from generator.layout.page import plan_page
            from generator.render.pdf import page_pdf

            assert page_pdf(plan_page(briefing, page_theme), briefing, page_theme) == page, style


# -- the example briefings, in every style ---------------------------------------------------------

@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.stem)
def test_every_example_written_in_every_style_builds_the_same_page(tmp_path, example, partnership_theme):
    data = _as_pyyaml_reads(yaml.safe_load(example.read_text(encoding="utf-8")))
    _check_every_style(tmp_path, data, page_theme=partnership_theme)


# -- generated briefings -----------------------------------------------------------------------------

# Text people type, with what YAML gives a meaning to: colons, hashes, quotes, brackets, words that
# YAML 1.1 reads as yes/no or numbers, and letters from Welsh and other languages.
_WORD = st.one_of(
    st.text(st.characters(codec="latin-1", categories=("L", "N")), min_size=1, max_size=9),
    st.sampled_from(["yes", "No", "null", "~", "10:30", "012", "1e3", "0x1F", "2021-01-29", "#7", "a: b",
                     "it's", '"quoted"', "[draft]", "{x}", "@team", "*note*", "**bold**", "&", "!", "%", "|",
                     ">", "?", "-", "–", "’", "ŵ", "Gwybodaeth", "café", "C:\\Users", "50%", "£12", "e.g.",
                     "ac/neu", "#hashtag", " - ", ","]),
)
_LINE = st.lists(_WORD, min_size=1, max_size=14).map(" ".join)
_ONE_LINE = _LINE.filter(lambda text: text.strip() and not text.lstrip().startswith(("-", "#", "|", ">")))


def _paragraph(lines: list[str]) -> str:
    return "\n".join(line.strip() for line in lines)


_SAFE_LINE = _LINE.map(str.strip).filter(lambda t: t and t[0].isalnum())
_BLOCK = st.one_of(
    st.lists(_SAFE_LINE, min_size=1, max_size=3).map(_paragraph),
    st.lists(_SAFE_LINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(_SAFE_LINE, min_size=1, max_size=4).map(
        lambda items: "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))),
)
_BODY = st.lists(_BLOCK, min_size=1, max_size=3).map("\n\n".join).flatmap(
    lambda body: st.sampled_from([body, body + "\n"]))


def _short(limit: int, default: str = "Text"):
    return _ONE_LINE.map(lambda text: text.strip()[:limit].strip() or default)


_LINK = st.fixed_dictionaries({"label": _short(120),
                               "url": st.sampled_from(["https://www.gov.uk/", "https://example.org/a?b=1&c=2",
                                                       "mailto:team@example.org", "https://example.org/#top"])})
_SECTION = st.fixed_dictionaries({"heading": _short(60),
                                  "body": _BODY},
                                 optional={"links": st.lists(_LINK, min_size=1, max_size=2)})
_BRIEFING = st.fixed_dictionaries(
    {"title": _short(120),
     "published": st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 1)).map(dt.date.isoformat),
     "sections": st.lists(_SECTION, min_size=7, max_size=7)},
    optional={"subtitle": _short(200), "summary": _short(300), "audience": _short(200),
              "tags": st.lists(_short(40), max_size=3)},
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=_BRIEFING)
def test_any_briefing_is_read_as_pyyaml_reads_it_whichever_library_wrote_it(tmp_path_factory, data):
    _check_every_style(tmp_path_factory.mktemp("styles"), data)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=_BRIEFING)
def test_any_briefing_builds_the_same_page_whichever_library_wrote_it(tmp_path_factory, data, default_theme):
    from generator.layout.page import DoesNotFit

    with contextlib.suppress(DoesNotFit):  # too long for one page whatever wrote it: the fit tests are elsewhere
        _check_every_style(tmp_path_factory.mktemp("pages"), data, page_theme=default_theme)
