"""A briefing file as the editor's form sees it, and the form's values put back into the file.

The YAML file stays the source of truth. Its text is read with ruamel.yaml's round-trip loader,
which keeps comments, key order, quoting and block style; the form's values are set into that
document and it is written out again, so a comment above section 4, a key the form does not
show (``author`` in a file that has one, a key of a later format) and the ``|`` blocks all survive
a save. Only the values the form changed are touched.

Form fields are named by their path in the YAML: ``title``, ``published``, ``sections.0.heading``,
``sections.0.body``, ``sections.0.links.1.url`` ... Text is kept as typed, apart from the spaces
around a one-line field (a title, a heading, an address), which are trimmed, and Windows line
endings in a body, which become plain ones.

The round-trip loader is safe for hostile files: it builds plain mappings, lists and strings
and never runs code, and the editor reads only files the tool's own reader has accepted as
YAML first (no tags, no aliases, size limits).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from generator.read.spec import SECTION_COUNT as SECTIONS
from generator.read.spec import Briefing, format_fields, required

# The form's fields above the sections: every key of the format but the sections, in the order
# the page shows them, with the words it shows them in; what a field takes is said by the format
# itself (its description), so the form and the schema cannot disagree. A test keeps this in step
# with the format.
_TOP = (  # field, label, kind, what the form adds to the format's description
    ("title", "Title", "text", ""),
    ("subtitle", "Subtitle", "text", ""),
    ("published", "Published", "date", ""),
    ("review", "Review by", "date", ""),
    ("audience", "Who it is for", "text", ""),
    ("author", "Who publishes it", "text", ""),
    ("summary", "Summary", "textarea", ""),
    ("key_message", "Key message", "textarea", ""),
    ("tags", "Tags", "text", "Separated by commas, for example: neglect, safer sleep."),
    ("language", "Language", "text", ""),
)
OPTIONAL = {f.name for f in format_fields(Briefing) if not required(f)}  # empty: the key goes
_DESCRIPTIONS = {f.name: f.metadata["schema"]["description"] for f in format_fields(Briefing)}
TOP_LABELS = tuple((name, label + (" (optional)" if name in OPTIONAL else ""), kind,
                    " ".join(part for part in (_DESCRIPTIONS[name], extra) if part))
                   for name, label, kind, extra in _TOP)
TOP_FIELDS = tuple(field for field, *_ in TOP_LABELS)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIELD = re.compile(r"^(?:(?P<top>[a-z_]+)|sections\.(?P<section>\d)\.(?:(?P<part>heading|body)|"
                    r"links\.(?P<link>\d{1,2})\.(?P<link_part>label|url)))$")


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long line: the file keeps the writer's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class FormLink:
    label: str = ""
    url: str = ""


@dataclass
class FormSection:
    heading: str = ""
    body: str = ""
    links: list[FormLink] | None = None

    def __post_init__(self):
        self.links = self.links or []


@dataclass
class Form:
    """What the edit page shows: the top fields as text, and seven sections (or as many as the
    file has, if more)."""

    top: dict[str, str]
    sections: list[FormSection]

    def values(self) -> dict[str, str]:
        """The form as field paths and values, as the page sends them back."""
        values = dict(self.top)
        for n, section in enumerate(self.sections):
            values[f"sections.{n}.heading"] = section.heading
            values[f"sections.{n}.body"] = section.body
            for m, link in enumerate(section.links):
                values[f"sections.{n}.links.{m}.label"] = link.label
                values[f"sections.{n}.links.{m}.url"] = link.url
        return values


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    return str(value)


def read_form(text: str) -> Form:
    """The form for a briefing file's text (which the tool's reader has accepted as YAML)."""
    data = _yaml().load(text)
    if not isinstance(data, dict):
        data = {}
    top = {name: _text(data.get(name)) for name in TOP_FIELDS}
    sections = []
    raw = data.get("sections") if isinstance(data.get("sections"), list) else []
    for item in raw:
        item = item if isinstance(item, dict) else {}
        links = item.get("links") if isinstance(item.get("links"), list) else []
        sections.append(FormSection(_text(item.get("heading")), _text(item.get("body")),
                                    [FormLink(_text(link.get("label")), _text(link.get("url")))
                                     for link in links if isinstance(link, dict)]))
    while len(sections) < SECTIONS:
        sections.append(FormSection())
    return Form(top, sections)


def form_from_values(values: dict[str, str]) -> Form:
    """The form the page sent: unknown field names are refused (a bug in the page, or a request
    that did not come from it)."""
    top = {name: "" for name in TOP_FIELDS}
    sections: dict[int, FormSection] = {}
    links: dict[tuple[int, int], FormLink] = {}
    for name, value in values.items():
        match = _FIELD.match(name)
        if match is None or (match["top"] and match["top"] not in TOP_FIELDS) or not isinstance(value, str):
            raise ValueError(f"unknown field {name!r}")
        if match["top"]:
            top[match["top"]] = value
            continue
        section = sections.setdefault(int(match["section"]), FormSection())
        if match["part"]:
            setattr(section, match["part"], value)
        else:
            link = links.setdefault((int(match["section"]), int(match["link"])), FormLink())
            setattr(link, match["link_part"], value)
    count = max(SECTIONS, max(sections, default=-1) + 1)
    ordered = [sections.get(n, FormSection()) for n in range(count)]
    for (n, _), link in sorted(links.items()):
        ordered[n].links.append(link)
    return Form(top, ordered)


def _line(value: str) -> str:
    return value.strip()


def _body(value: str):
    """A body as a ``|`` block, ending with one line break, as the tool writes them."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n")).strip("\n")
    return LiteralScalarString(text + "\n") if text else ""


def _scalar(name: str, value: str):
    """A top field's value as the YAML should hold it: dates as dates (when they look like one;
    otherwise as typed, for the checks to explain), tags as a list, the rest as text."""
    value = _line(value)
    if name in ("published", "review") and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if name == "tags":
        from ruamel.yaml.comments import CommentedSeq

        tags = CommentedSeq([tag.strip() for tag in value.split(",") if tag.strip()])
        tags.fa.set_flow_style()
        return tags
    return value


ORDER = ("title", "subtitle", "published", "review", "author", "audience", "tags", "summary", "language", "sections",
         "heading", "body", "links", "label", "url")


def _set(mapping, key: str, value, optional: bool = False) -> None:
    """Set ``key``, unless its value is unchanged (then its quoting and style stay as they are);
    an empty optional value removes the key. A new key goes where the tool's own files have it."""
    if optional and not _text(value):
        mapping.pop(key, None)
        return
    if key in mapping:
        if _text(mapping[key]) != _text(value):
            mapping[key] = value
        return
    later = [n for n, existing in enumerate(mapping) if existing in ORDER and ORDER.index(existing) > ORDER.index(key)]
    mapping.insert(later[0] if later else len(mapping), key, value)


def apply_form(text: str, form: Form) -> str:
    """The briefing file's ``text`` with the form's values in it; comments, key order, other
    keys and styles kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml()
    data = yaml.load(text) if text.strip() else None
    if not isinstance(data, dict):
        data = CommentedMap()
    for name in TOP_FIELDS:
        _set(data, name, _scalar(name, form.top.get(name, "")), name in OPTIONAL)
    sections = data.get("sections")
    if not isinstance(sections, list):
        sections = data["sections"] = CommentedSeq()
    for item, section in zip(_mappings(sections, len(form.sections)), form.sections, strict=True):
        _set(item, "heading", _line(section.heading))
        _set(item, "body", _body(section.body))
        _set_links(item, section.links)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _set_links(item, links: list[FormLink]) -> None:
    from ruamel.yaml.comments import CommentedSeq

    wanted = [FormLink(_line(link.label), _line(link.url)) for link in links]
    wanted = [link for link in wanted if link.label or link.url]  # a row left empty is no link
    if not wanted:
        if "links" in item:
            del item["links"]
        return
    current = item.get("links")
    if not isinstance(current, list):
        current = item["links"] = CommentedSeq()
    for entry, link in zip(_mappings(current, len(wanted)), wanted, strict=True):
        _set(entry, "label", link.label)
        _set(entry, "url", link.url)


def _mappings(sequence, count: int) -> list:
    """The first ``count`` items of a YAML list as mappings, in place: extra items go, missing
    ones (or ones that are not mappings) are made; the others keep their comments."""
    from ruamel.yaml.comments import CommentedMap

    while len(sequence) > count:
        sequence.pop()
    for index in range(count):
        if index >= len(sequence):
            sequence.append(CommentedMap())
        elif not isinstance(sequence[index], dict):
            sequence[index] = CommentedMap()
    return list(sequence)
