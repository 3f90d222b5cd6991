"""Checking a file's data against its format, fast when it is right and thorough when it is not.

A valid file takes the fast path: the JSON Schema generated from :mod:`generator.read.spec`
(validated by jsonschema-rs, a few microseconds) plus the checks a schema cannot express
(:mod:`generator.read.constraints`). The fast path is deliberately strict: anything unusual, such
as a number where text is expected, padding spaces or a wrong value, goes to the full
validator, the pydantic classes in :mod:`generator.read.spec`. That one accepts what the format
allows (and tidies it), or lists every problem with its line and column, in words written for
a person editing YAML (:func:`_explain`). A property test checks that the two paths agree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.errors import Problem, UserError
from generator.read import constraints
from generator.read.source import Document

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schema"


@dataclass(frozen=True)
class Format:
    """A kind of input file: its schema, its pydantic class and what the schema cannot say."""

    what: str  # in messages: "a briefing is a set of 'key: value' lines"
    schema_file: str  # under generator/schema/
    spec: str  # class name in generator.read.spec
    example_keys: str
    accepts: Callable[[dict], bool]  # False sends the data to the full validator


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


# What the schema cannot say: each field's own rules are in the schema generated from
# generator.read.spec (text with spaces around it, for one, fails there and goes to the full validator).
def _briefing_accepts(data: dict) -> bool:
    for section in data["sections"]:
        if constraints.body_problem(section["body"]):
            return False
        if any(constraints.url_problem(link["url"]) for link in section.get("links") or []):
            return False
    try:
        published, review = _date(data["published"]), _date(data.get("review"))
    except ValueError:
        return False
    return constraints.review_problem(published, review) is None


def _theme_accepts(data: dict) -> bool:
    if data.get("feedback_url") is not None and constraints.url_problem(data["feedback_url"]):
        return False
    colours = data.get("colours") or {}
    if any(constraints.colour_problem(value) for value in colours.values()):
        return False
    sizes = data.get("body_size") or {}
    if constraints.body_size_problem(sizes.get("min", 9), sizes.get("max", 12)):
        return False
    return constraints.logo_alt_problem(data.get("logo"), data.get("logo_alt")) is None


BRIEFING = Format("briefing", "briefing.schema.json", "Briefing", "title, published and sections",
                  _briefing_accepts)
THEME = Format("theme", "theme.schema.json", "Theme", "organisation, colours and logo", _theme_accepts)
RULES = Format("language rule file", "language-rules.schema.json", "RuleFile", "rules", lambda data: True)
FORMATS = (BRIEFING, THEME, RULES)


@cache
def _schema(schema_file: str) -> dict:
    return json.loads((SCHEMA_FOLDER / schema_file).read_text(encoding="utf-8"))


@cache
def _schema_validator(schema_file: str):
    import jsonschema_rs

    return jsonschema_rs.validator_for(_schema(schema_file), validate_formats=True)


def fast_path(data: Any, form: Format) -> bool:
    """Whether ``data`` is certainly valid as it stands, without the full validator."""
    return isinstance(data, dict) and _schema_validator(form.schema_file).is_valid(data) and form.accepts(data)


_NUMBER = re.compile(r"^[-+]?(\d{1,6}(\.\d{0,6})?|\.\d{1,6})$")  # 12, 9.5, .5: no 0x, 1e9, 1_000 or 10:30
_BOOLEANS = {spelling: value for value, words in ((True, "true yes on"), (False, "false no off"))
             for word in words.split() for spelling in (word, word.title(), word.upper())}


def read_as(data: Any, form: Format) -> Any:
    """The reader's data with numbers and yes/no read where ``form`` asks for them (:func:`typed`)."""
    return typed(data, _schema(form.schema_file))


def typed(value: Any, schema: dict, root: dict | None = None) -> Any:
    """``value`` with the text of each number and yes/no the format asks for read as one.

    The YAML reader keeps every scalar as the text typed (:mod:`generator.read.source`), so
    ``title: 10:30`` stays "10:30"; here, and only where the schema says a number or a
    true/false is meant, a plain number ("9.5") or word ("yes", "false") becomes one. Anything
    else is left as text, for the validators to report."""
    root = schema if root is None else root
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    for option in schema.get("anyOf", ()):
        if option.get("type") != "null":
            return typed(value, option, root)
    kind = schema.get("type")
    if kind == "object" and isinstance(value, dict):
        properties = schema.get("properties", {})
        return {key: typed(item, properties[key], root) if key in properties else item for key, item in value.items()}
    if kind == "array" and isinstance(value, list) and "items" in schema:
        return [typed(item, schema["items"], root) for item in value]
    if isinstance(value, str):
        text = value.strip()
        if kind in ("number", "integer") and _NUMBER.match(text):
            return float(text) if kind == "number" or "." in text else int(text)
        if kind == "boolean" and text in _BOOLEANS:
            return _BOOLEANS[text]
    return value


def validate(doc: Document, form: Format) -> dict:
    """The document's data, valid for ``form``: as written (fast path) or as the full validator
    tidied it (``model_dump()``). Raises :class:`UserError` listing every located problem."""
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise UserError(doc.problem((), f"the file holds {kind}, but a {form.what} is a set of 'key: value' "
                                        f"lines", f"start with the keys {form.example_keys}"))
    data = read_as(doc.data, form)
    if fast_path(data, form):
        return data
    return full_validation(doc, form, data)


def full_validation(doc: Document, form: Format, data: dict | None = None) -> dict:
    from pydantic import ValidationError

    from generator.read import spec

    model = getattr(spec, form.spec)
    try:
        return model.model_validate(read_as(doc.data, form) if data is None else data).model_dump()
    except ValidationError as error:
        explained = (_explain(doc, model, item) for item in error.errors())
        raise UserError([problem for problem in explained if problem is not None]) from None


_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list (lines starting '- ')",
    "dict_type": "a set of 'key: value' lines",
    "model_type": "a set of 'key: value' lines",
    "model_attributes_type": "a set of 'key: value' lines",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _field_names(model, loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where ``loc`` points, for 'did you mean' suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            break
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in (annotation, *args) if hasattr(a, "model_fields")), None)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


_FIELD_NAMES = {"body": "the body", "heading": "the heading", "links": "the links", "label": "the label",
                "url": "the address"}


def _label(loc: tuple[Any, ...], data: Any = None) -> str:
    """A place in the file in the writer's words: "the heading of section 2 (Why it matters)",
    "the address of link 1 in section 7 (Find out more)", "title", "colours.primary"."""
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        number = loc[1] + 1
        sections = data.get("sections") if isinstance(data, dict) else None
        section = sections[loc[1]] if isinstance(sections, list) and loc[1] < len(sections) else None
        heading = section.get("heading") if isinstance(section, dict) else None
        place = f"section {number}" + (f" ({' '.join(heading.split())[:40]})" if isinstance(heading, str)
                                        and heading.strip() and loc[2:3] != ("heading",) else "")
        rest = loc[2:]
        if len(rest) >= 2 and rest[0] == "links" and isinstance(rest[1], int):
            field = _FIELD_NAMES.get(rest[2], f"'{rest[2]}'") + " of " if len(rest) > 2 else ""
            return f"{field}link {rest[1] + 1} in {place}"
        if rest:
            return f"{_FIELD_NAMES.get(rest[0], repr(rest[0]))} of {place}"
        return place
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"{parts.pop() if parts else ''} item {part + 1}")
        else:
            parts.append(str(part))
    return ".".join(parts) if parts else "the file"


def _explain(doc: Document, model, item: dict[str, Any]) -> Problem | None:
    loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = item["type"]
    ctx = item.get("ctx", {})
    name = _named(_label(loc, doc.data))
    value = item.get("input")
    if kind == "extra_forbidden":
        import difflib

        key = str(loc[-1])
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"the keys allowed here are: {', '.join(allowed)}"
        return doc.problem(loc, f"unknown key '{key}'", hint, at_key=True)
    if kind == "missing":
        parent = loc[:-1]
        where = f" in {_label(parent, doc.data)}" if parent else ""
        hint = f"add a line '{loc[-1]}: ...'"
        if loc[-1] == "body" and len(parent) == 2:
            hint = "add a line 'body: |' under the heading, with the section's text indented below it"
            heading = doc.data["sections"][parent[1]].get("heading") if isinstance(doc.data, dict) else None
            if isinstance(heading, str) and len(heading) > 60:
                hint = ("the section's text has been read as part of its heading: put a line 'body: |' "
                        "between the heading and the text")
        return doc.problem(parent, f"'{loc[-1]}' is required{where} but missing", hint, at_key=bool(parent))
    if kind in ("too_short", "too_long") and loc == ("sections",):
        return None  # counted by generator.read.briefing, which also sees lists whose items are invalid
    if kind == "too_long":
        return doc.problem(loc, f"{name} has {ctx.get('actual_length')} items; the most allowed is "
                                f"{ctx.get('max_length')}", "keep the ones that matter most", at_key=True)
    if kind == "string_too_short":
        return doc.problem(loc, f"{name} is empty", "write some text after the colon")
    if kind == "string_too_long":
        length = len(value.strip()) if isinstance(value, str) else 0
        return doc.problem(loc, f"{name} is {length:,} characters; the most allowed is {ctx.get('max_length'):,}",
                           "shorten it")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        if value is None:
            return doc.problem(loc, f"{name} is empty", "write the date after the colon as YYYY-MM-DD, "
                               "for example 2021-01-29")
        shown = value if isinstance(value, str) else repr(value)
        message = f"'{shown}' is not a real date" if isinstance(value, str) and value[:4].isdigit() else (
            f"{name} should be a date, not {shown!r}")
        return doc.problem(loc, message, "write dates as YYYY-MM-DD, for example 2021-01-29")
    if kind in _TYPE_NAMES:
        if value is None:
            return doc.problem(loc, f"{name} is empty", "write a value after the colon, or remove the line")
        return doc.problem(loc, f"{name} should be {_TYPE_NAMES[kind]}, not {_describe(value)}",
                           "put text in quotes if YAML reads it as something else" if kind == "string_type" else "")
    if kind == "value_error":
        message = str(ctx.get("error", item["msg"]))
        if len(loc) > 2 and loc[0] == "sections":  # say which section, in the writer's words
            message += f", in {_label(loc[:2], doc.data)}"
        return doc.problem(loc, message)
    return doc.problem(loc, f"{name}: {item['msg']}")


def _named(label: str) -> str:
    """A label in a message: a key in quotes ('title'), a place in words as it is."""
    return label if " " in label else f"'{label}'"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no/true/false are read as true or false)"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    return repr(value)
