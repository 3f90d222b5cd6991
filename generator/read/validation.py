"""Checking a file's data against its format (:mod:`generator.read.spec`): one validator, and
every problem said at its line and column in words written for a person editing YAML.

A file goes through three steps:

1. tidying (:func:`_tidy`): the YAML reader keeps every value as the text typed
   (:mod:`generator.read.source`), so here, and only where the format asks for one, a number
   ("9.5") or a yes/no becomes one, spaces around a one-line text are trimmed, and an optional
   key left empty counts as not given. The checks a schema cannot express (a link's scheme, a
   colour, a blank body) run on each value here too;
2. the JSON Schema made from the format, with jsonschema-rs, which lists every problem at once;
3. the checks that compare fields (a review date after the published date), once the rest holds.

The result is the format's record, with defaults filled in.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.errors import Problem, UserError
from generator.read import spec
from generator.read.slips import KEY_LINE
from generator.read.source import Document, capped

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schema"


@dataclass(frozen=True)
class Format:
    """A kind of input file: the record its data becomes, and how messages name it."""

    what: str  # in messages: "a briefing is a set of 'key: value' lines"
    record: type
    schema_file: str  # under generator/schema/, for editors
    example_keys: str


BRIEFING = Format("briefing", spec.Briefing, "briefing.schema.json", "title, published and sections")
THEME = Format("theme", spec.ThemeSettings, "theme.schema.json", "organisation, colours and logo")
RULES = Format("language rule file", spec.RuleFile, "language-rules.schema.json", "rules")
CATALOGUE = Format("message file", spec.Catalogue, "messages.schema.json", "language, name and messages")
PROJECT = Format("project settings file", spec.Project, "project.schema.json", "theme, briefings, output and packs")
FORMATS = (BRIEFING, THEME, RULES, CATALOGUE, PROJECT)


def schema_reference(form: Format, folder: Path) -> str:
    """Where a file written into ``folder`` finds its format's schema, for the comment on its
    first line that editors read: a path relative to the folder where there is one, else the
    schema's address as a ``file:`` URI (on Windows, a project on another drive than the tool)."""
    import os

    schema = SCHEMA_FOLDER / form.schema_file
    try:
        return Path(os.path.relpath(schema, folder.resolve())).as_posix()
    except ValueError:  # another drive: no relative path leads there
        return schema.resolve().as_uri()


def schema_of(form: Format) -> dict:
    schema = spec.json_schema(form.record)
    schema["$id"] = form.schema_file
    return schema


@cache
def _validator(form: Format):
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema_of(form), validate_formats=True)


def validate(doc: Document, form: Format) -> Any:
    """The document's data as ``form``'s record. Raises :class:`UserError` listing every located
    problem: the mistakes in the file's layout found while reading it (a document read with
    ``recover``), and every problem in what could be read, but those that only follow from a
    line the reader had to set aside (a key on it reported missing)."""
    if not doc.slips:
        return _validate(doc, form)
    problems = list(doc.slips)
    if isinstance(doc.data, dict):
        try:
            _validate(doc, form)
        except UserError as error:
            problems += [problem for problem in error.problems if not _follows_from_set_aside(doc, problem)]
    raise UserError(capped(sorted(set(problems))))


def _follows_from_set_aside(doc: Document, problem: Problem) -> bool:
    """Whether a problem found in a mended copy of a file only follows from a line the reader
    set aside: it is on that line, it names a key that was on it ("'title' is required"), or it
    is about a whole list or set of keys that held it ("found 6 sections")."""
    if not doc.set_aside:
        return False
    lost = {found.group("key") for number in doc.set_aside
            if 0 < number <= len(doc.lines) and (found := KEY_LINE.match(doc.lines[number - 1]))}
    if problem.line in doc.set_aside or any(f"'{key}' is required" in problem.message for key in lost):
        return True
    if not 0 < problem.line <= len(doc.lines):
        return False
    own = doc.lines[problem.line - 1]
    indent = len(own) - len(own.lstrip(" "))
    for number in range(problem.line + 1, len(doc.lines) + 1):
        text = doc.lines[number - 1]
        if number in doc.set_aside:
            return True
        if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
            return False
    return False


def _validate(doc: Document, form: Format) -> Any:
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise UserError(doc.problem((), f"the file holds {kind}, but a {form.what} is a set of 'key: value' "
                                        f"lines", f"start with the keys {form.example_keys}"))
    said: dict[tuple, Problem] = {}  # by the key it is about: what tidying found
    data = _tidy(doc, form.record, doc.data, (), said)
    problems = list(said.values())
    for error in _validator(form).iter_errors(data):
        path = tuple(error.instance_path)
        if any(path[:n] in said for n in range(len(path) + 1)):
            continue  # said already, in the writer's words
        problem = _explain(doc, form, error, path)
        if problem is not None and problem not in problems:
            problems.append(problem)
    if problems:
        raise UserError(problems)
    result = spec.build(form.record, data)
    problems = _compare_fields(doc, result, ())
    if problems:
        raise UserError(problems)
    return result


# -- 1. tidying --------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[-+]?(\d{1,6}(\.\d{0,6})?|\.\d{1,6})$")  # 12, 9.5, .5: no 0x, 1e9, 1_000 or 10:30
_BOOLEANS = {spelling: value for value, words in ((True, "true yes on"), (False, "false no off"))
             for word in words.split() for spelling in (word, word.title(), word.upper())}
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]+\d")


@cache
def _fields(cls: type) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in spec.format_fields(cls)}


def _tidy(doc: Document, cls: type, data: Any, path: tuple, found: dict[tuple, Problem]) -> Any:
    if not isinstance(data, dict):
        return data
    tidied = {}
    for key, value in data.items():
        field = _fields(cls).get(key)
        if field is None:
            tidied[key] = value  # an unknown key: the schema says so
            continue
        value = _tidy_value(doc, field, value, (*path, key), found)
        if value is None and not spec.required(field):
            continue  # an optional key left empty is one not given
        tidied[key] = value
    return tidied


def _tidy_value(doc: Document, field: dataclasses.Field, value: Any, path: tuple, found: dict) -> Any:
    kind, cls = field.metadata["kind"], field.metadata["record"]
    if kind in ("text", "date") and isinstance(value, str):
        value = value.strip()
        if kind == "date" and _DATE_TIME.match(value):
            found[path] = doc.problem(path, "give a date without a time, as YYYY-MM-DD")
    elif kind == "number" and isinstance(value, str) and _NUMBER.match(value.strip()):
        text = value.strip()
        value = float(text) if "." in text else int(text)
    elif kind == "boolean" and isinstance(value, str) and value.strip() in _BOOLEANS:
        value = _BOOLEANS[value.strip()]
    elif kind == "texts" and isinstance(value, list):
        value = [item.strip() if isinstance(item, str) else item for item in value]
    elif kind == "record":
        value = _tidy(doc, cls, value, path, found)
    elif kind == "records" and isinstance(value, list):
        value = [_tidy(doc, cls, item, (*path, index), found) for index, item in enumerate(value)]
    elif kind == "keyed" and isinstance(value, dict):
        value = {name: _tidy(doc, cls, item, (*path, name), found) for name, item in value.items()}
    check = field.metadata["check"]
    if check is not None and isinstance(value, str) and path not in found:
        problem = check(value)
        if problem:
            where = f", in {_label(path[:2], doc.data)}" if len(path) > 2 and path[0] == "sections" else ""
            found[path] = doc.problem(path, problem + where)
    return value


# -- 2. the schema's findings, explained -------------------------------------------------------

_TYPE_NAMES = {
    "string": "text",
    "array": "a list (lines starting '- ')",
    "object": "a set of 'key: value' lines",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
_FIELD_NAMES = {"body": "the body", "heading": "the heading", "links": "the links", "label": "the label",
                "url": "the address"}


def _record_at(cls: type, path: tuple) -> type | None:
    """The record class that holds the value at ``path``'s last key."""
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        field = _fields(cls).get(part) if cls is not None else None
        if field is None or field.metadata["record"] is None:
            return None
        cls = field.metadata["record"]
    return cls


def _label(loc: tuple, data: Any = None) -> str:
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
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"{parts.pop() if parts else ''} item {part + 1}")
        else:
            parts.append(str(part))
    return ".".join(parts) if parts else "the file"


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


def _explain(doc: Document, form: Format, error, path: tuple) -> Problem | None:
    kind, details, value = error.kind.name, error.kind.as_dict(), error.instance
    name = _named(_label(path, doc.data))
    if kind == "additionalProperties":
        import difflib

        allowed = list(_fields(_record_at(form.record, (*path, "")) or form.record))
        key = next((k for k in value if k not in allowed), "?") if isinstance(value, dict) else "?"
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"the keys allowed here are: {', '.join(allowed)}"
        return doc.problem((*path, key), f"unknown key '{key}'", hint, at_key=True)
    if kind == "required":
        key = details["property"]
        where = f" in {_label(path, doc.data)}" if path else ""
        hint = f"add a line '{key}: ...'"
        if key == "body" and len(path) == 2:
            hint = "add a line 'body: |' under the heading, with the section's text indented below it"
            heading = value.get("heading") if isinstance(value, dict) else None
            if isinstance(heading, str) and len(heading) > 60:
                hint = ("the section's text has been read as part of its heading: put a line 'body: |' "
                        "between the heading and the text")
        return doc.problem(path, f"'{key}' is required{where} but missing", hint, at_key=bool(path))
    if kind in ("minItems", "maxItems") and path == ("sections",) and form is BRIEFING:
        count = spec.SECTION_COUNT
        hint = "merge two sections" if len(value) > count else "split a section, or add the missing one"
        return doc.problem(path, f"found {len(value)} sections; a briefing has exactly {count}", hint, at_key=True)
    if kind == "maxItems":
        return doc.problem(path, f"{name} has {len(value)} items; the most allowed is {details['limit']}",
                           "keep the ones that matter most", at_key=True)
    if kind == "minItems":
        return doc.problem(path, f"{name} has {len(value)} items; at least {details['limit']} are needed",
                           at_key=True)
    if kind == "minLength":
        return doc.problem(path, f"{name} is empty", "write some text after the colon")
    if kind == "maxLength":
        length, limit = len(value.strip()), details["limit"]
        return doc.problem(path, f"{name} is {length:,} characters; the most allowed is {limit:,}",
                           "shorten it")
    if kind == "format" and details.get("format") == "date":
        message = f"'{value}' is not a real date" if value[:4].isdigit() else f"{name} should be a date, not {value!r}"
        return doc.problem(path, message, "write dates as YYYY-MM-DD, for example 2021-01-29")
    if kind == "type":
        if value is None:
            holder = _record_at(form.record, path) if path else None
            field = _fields(holder).get(path[-1]) if holder is not None else None
            if field is not None and field.metadata["kind"] == "date":
                return doc.problem(path, f"{name} is empty", "write the date after the colon as YYYY-MM-DD, "
                                   "for example 2021-01-29")
            return doc.problem(path, f"{name} is empty", "write a value after the colon, or remove the line")
        wanted = details.get("types") or [details.get("type")]
        wanted = [w for w in wanted if w != "null"]
        shown = _TYPE_NAMES.get(wanted[0], wanted[0]) if wanted else "something else"
        hint = ""
        if shown == "text" and isinstance(value, list) and path:
            key = path[-1]
            hint = (f"write '{key}: |' and put the lines below it, indented: after '|', every line is the "
                    "text as typed, bullets and all")
        elif shown == "text" and isinstance(value, dict):
            hint = "a text with ': ' in it must be in quotes, or written as a block: 'key: |' and the text below"
        elif shown == "text":
            hint = "put the text in quotes, so that YAML does not read it as a number, a date or yes/no"
        return doc.problem(path, f"{name} should be {shown}, not {_describe(value)}", hint,
                           at_key=shown == "text" and isinstance(value, list) and bool(path))
    if kind == "enum":
        options = ", ".join(str(option) for option in details["options"])
        return doc.problem(path, f"{name} is {value!r}; it can be one of: {options}")
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return doc.problem(path, f"{name} is {value}; it must be {bound} {details['limit']:g}")
    if kind == "pattern":
        if path and path[-1] == "language":
            return doc.problem(path, f"'{value}' is not a language code", "write it as a BCP 47 tag, such as cy "
                                                                          "or en-GB")
        return doc.problem(path, f"{name} '{value}' is not written as expected",
                           "use lower-case letters, digits and hyphens")
    if kind == "propertyNames":
        return _bad_key(doc, form, error, path, value)
    if kind == "anyOf":
        return doc.problem(path, f"{name} should be text, or a form for each plural category (one, other ...)")
    return doc.problem(path, f"{name}: {error.message}")


def _bad_key(doc: Document, form: Format, error, path: tuple, value: Any) -> Problem:
    """A key that may not stand where it is (the schema's ``propertyNames``), in words."""
    rule: Any = schema_of(form)
    for part in error.schema_path:
        rule = rule[part]
        if part == "propertyNames":
            break
    if "enum" in rule:
        bad = next((key for key in value if key not in rule["enum"]), "?")
        return doc.problem((*path, bad), f"'{bad}' is not a plural category", "the categories are: "
                           + ", ".join(rule["enum"]), at_key=True)
    bad = next((key for key in value if not re.search(rule.get("pattern", "^$"), str(key))), "?")
    if path and path[-1] == "translations":
        return doc.problem((*path, bad), f"'{bad}' is not a language code", "give the language as two or three "
                           "lower-case letters, such as cy", at_key=True)
    return doc.problem((*path, bad), f"'{bad}' cannot be a name here", "use lower-case letters, digits and _",
                       at_key=True)


# -- 3. fields compared --------------------------------------------------------------------------

def _compare_fields(doc: Document, record: Any, path: tuple) -> list[Problem]:
    """The checks of each record that compare its fields (``CHECKS`` on the record's class)."""
    problems = []
    for check in getattr(type(record), "CHECKS", ()):
        found = check(record)
        if found is not None:
            key, message = found
            problems.append(doc.problem((*path, key), message))
    for field in spec.format_fields(type(record)):
        value = getattr(record, field.name)
        if field.metadata["kind"] == "record":
            problems += _compare_fields(doc, value, (*path, field.name))
        elif field.metadata["kind"] == "records":
            for index, item in enumerate(value):
                problems += _compare_fields(doc, item, (*path, field.name, index))
    return problems


def committed_schema(form: Format) -> str:
    """A format's JSON Schema as the file shipped for editors holds it."""
    return json.dumps(schema_of(form), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
