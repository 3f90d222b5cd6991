"""From a file on disk to a validated :class:`~generator.model.Briefing`, or located problems.

Pydantic's messages are written for programmers; :func:`_explain` rewrites each one for a
person editing YAML, and every problem carries the line and column of the value it is about.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import Problem, UserError
from generator.markup import parse as parse_markup
from generator.model import SECTION_COUNT, Briefing
from generator.source import Document, load

Model = TypeVar("Model", bound=BaseModel)

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


def load_briefing(path: Path) -> Briefing:
    """Read, validate and parse one briefing; raise :class:`UserError` listing every problem."""
    doc = load(path)
    problems: list[Problem] = []
    bodies = _parse_bodies(doc, problems)
    try:
        briefing = validate(doc, Briefing, what="briefing", example_keys="title, published and sections")
    except UserError as error:
        raise UserError(error.problems + problems) from None
    if problems:
        raise UserError(problems)
    for section, blocks in zip(briefing.sections, bodies, strict=True):
        section._blocks = blocks
    briefing._id = path.stem
    briefing._source = doc.name
    briefing._document = doc
    return briefing


def _parse_bodies(doc: Document, problems: list[Problem]) -> list[list]:
    """Parse every section body that is text, so markup problems are reported with the others."""
    sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
    if isinstance(sections, list) and len(sections) != SECTION_COUNT:
        hint = "merge two sections" if len(sections) > SECTION_COUNT else "split a section, or add the missing one"
        problems.append(doc.problem(("sections",), f"found {len(sections)} sections; a briefing has exactly "
                                    f"{SECTION_COUNT}", hint, at_key=True))
    parsed = []
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        body = section.get("body") if isinstance(section, dict) else None
        if not isinstance(body, str):
            parsed.append([])
            continue
        blocks, found = parse_markup(body)
        parsed.append(blocks)
        span = doc.span(("sections", index, "body"))
        for item in found:
            line, column = span.position(item.line, item.column)
            problems.append(Problem(doc.name, line, column, item.message, item.hint))
    return parsed


def validate(doc: Document, model: type[Model], *, what: str, example_keys: str) -> Model:
    """Validate a document's data against ``model``, translating errors into located problems."""
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise UserError(doc.problem((), f"the file holds {kind}, but a {what} is a set of 'key: value' lines",
                                    f"start with the keys {example_keys}"))
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        explained = (_explain(doc, model, item) for item in error.errors())
        raise UserError([problem for problem in explained if problem is not None]) from None


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
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


def _label(loc: tuple[Any, ...]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"{parts.pop() if parts else ''}[{part + 1}]")
        else:
            parts.append(str(part))
    return ".".join(parts) if parts else "the file"


def _explain(doc: Document, model: type[BaseModel], item: dict[str, Any]) -> Problem | None:
    loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = item["type"]
    ctx = item.get("ctx", {})
    name = _label(loc)
    value = item.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"the keys allowed here are: {', '.join(allowed)}"
        return doc.problem(loc, f"unknown key '{key}'", hint, at_key=True)
    if kind == "missing":
        parent = loc[:-1]
        where = f" in {_label(parent)}" if parent else ""
        return doc.problem(parent, f"'{loc[-1]}' is required{where} but missing",
                           f"add a line '{loc[-1]}: ...'", at_key=bool(parent))
    if kind in ("too_short", "too_long") and loc == ("sections",):
        return None  # counted in _parse_bodies, which also sees lists whose items are invalid
    if kind == "too_long":
        return doc.problem(loc, f"'{name}' has {ctx.get('actual_length')} items; the most allowed is "
                                f"{ctx.get('max_length')}", "keep the ones that matter most", at_key=True)
    if kind == "string_too_short":
        return doc.problem(loc, f"'{name}' is empty", "write some text after the colon")
    if kind == "string_too_long":
        length = len(value.strip()) if isinstance(value, str) else 0
        return doc.problem(loc, f"'{name}' is {length} characters; the most allowed is {ctx.get('max_length')}",
                           "shorten it")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        shown = value if isinstance(value, str) else repr(value)
        message = f"'{shown}' is not a real date" if isinstance(value, str) and value[:4].isdigit() else (
            f"'{name}' should be a date, not {shown!r}")
        return doc.problem(loc, message, "write dates as YYYY-MM-DD, for example 2021-01-29")
    if kind in _TYPE_NAMES:
        if value is None:
            return doc.problem(loc, f"'{name}' is empty", "write a value after the colon, or remove the line")
        return doc.problem(loc, f"'{name}' should be {_TYPE_NAMES[kind]}, not {_describe(value)}",
                           "put text in quotes if YAML reads it as something else" if kind == "string_type" else "")
    if kind == "value_error":
        message = str(ctx.get("error", item["msg"]))
        return doc.problem(loc, message)
    return doc.problem(loc, f"'{name}': {item['msg']}")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no/true/false are read as true or false)"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    return repr(value)
