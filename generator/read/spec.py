"""What each input file may say, defined once: a briefing, a theme, a language rule file and a
message catalogue.

Each format is a set of records (dataclasses). A record's fields are the keys its file may
have, and each field carries everything about that key: its type, limits, default, description
and any rule a schema cannot express (``check``). From these definitions come

- the JSON Schemas shipped for editors (:func:`json_schema`; ``generator/schema/*.json``, kept
  current by a test), which are also what the tool validates every file against at run time
  (:mod:`generator.read.validation`, with jsonschema-rs);
- the records the rest of the tool works with (:func:`build`), with defaults filled in.

Fields marked ``derived`` are not in the file: they are worked out when it is read (a
briefing's id, the parsed markup of a body, the positions of its values).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass
from typing import Any

from generator.assets import DEFAULT_FILES
from generator.read.facts import (
    ALLOWED_SCHEMES,
    LANGUAGE_TAG,
    PACK_FORMATS,
    PAGE_FORMATS,
    SECTION_COUNT,
    SORT_KEYS,
    TITLE_LENGTH,
)

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR's plural categories


# -- rules a schema cannot express: why a value is wrong, or None ------------------------------

def url_problem(url: str) -> str | None:
    """Why a link address is refused, or None when it is fine."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a bracketed host that is not an IP address, say
        return f"the link address '{url}' is not a well-formed address"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = f"'{parts.scheme}:'" if parts.scheme else "no scheme"
        return f"the link address '{url}' has {shown}; only https://, http://, mailto: and tel: are allowed"
    if parts.scheme.lower() == "tel" and not re.fullmatch(r"\+?[0-9][0-9 ()-]{4,30}", parts.path):
        return f"the phone link '{url}' is not a phone number (tel:+441234567890)"
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return f"the link address '{url}' has no site name after '{parts.scheme}://'"
    if parts.scheme.lower() == "mailto" and "@" not in parts.path:
        return f"the email link '{url}' has no address after 'mailto:'"
    return None


def body_problem(body: str) -> str | None:
    return "the body is empty" if not body.strip() else None


def colour_problem(value: str) -> str | None:
    if not HEX_COLOUR.match(value):
        return f"'{value}' is not a colour; write it as # and six hex digits, like #1F3A5F"
    return None


# -- declaring fields --------------------------------------------------------------------------

def _field(schema: dict, description: str, *, default: Any = MISSING, factory: Any = MISSING, kind: str = "value",
           record: type | None = None, check: Callable[[Any], str | None] | None = None,
           examples: list | None = None, convert: Callable[[Any], Any] | None = None, derived: bool = False):
    """A field of a format: its JSON Schema, its default (none: the key is required), its kind
    (how the file's text becomes the record's value), a check the schema cannot express, and
    how its value is tidied (``convert``)."""
    schema = {**schema, "description": description}
    if examples:
        schema["examples"] = examples
    if default is not MISSING and default is not None and not derived:
        schema["default"] = default
    metadata = {"schema": schema, "kind": kind, "record": record, "check": check, "convert": convert,
                "derived": derived}
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata,
                             compare=not derived, repr=not derived)


def _nullable(schema: dict, optional: bool) -> dict:
    if optional and "type" in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return schema


def text(max_length: int, description: str, *, required: bool = False, default: str | None = None,
         min_length: int = 1, examples: list | None = None, check=None):
    """One line of text, without spaces around it (they are trimmed when read)."""
    schema = _nullable({"type": "string", "minLength": min_length, "maxLength": max_length}, not required)
    return _field(schema, description, default=MISSING if required else default, kind="text", check=check,
                  examples=examples)


def body(max_length: int, description: str):
    """Text kept exactly as typed, line breaks and all (a section's body)."""
    return _field({"type": "string", "maxLength": max_length}, description, kind="raw", check=body_problem)


def address(description: str, *, required: bool = False, examples: list | None = None):
    """A web or email address."""
    schema = _nullable({"type": "string", "maxLength": 2000}, not required)
    return _field(schema, description, default=MISSING if required else None, kind="text", check=url_problem,
                  examples=examples)


def date(description: str, *, required: bool = False):
    """A day, written YYYY-MM-DD."""
    schema = _nullable({"type": "string", "format": "date"}, not required)
    return _field(schema, description, default=MISSING if required else None, kind="date")


def number(description: str, default: float, minimum: float, maximum: float):
    return _field({"type": "number", "minimum": minimum, "maximum": maximum}, description, default=default,
                  kind="number", convert=float)


def boolean(description: str, default: bool):
    return _field({"type": "boolean"}, description, default=default, kind="boolean")


def choice(options: tuple[str, ...], description: str, default: str):
    return _field({"type": "string", "enum": list(options)}, description, default=default, kind="text")


def pattern(regex: str, description: str, *, default: str | None = None, required: bool = False,
            examples: list | None = None):
    schema = _nullable({"type": "string", "pattern": regex}, not required and default is None)
    return _field(schema, description, default=MISSING if required else default, kind="text", examples=examples)


def colour(description: str, default: str):
    return _field({"type": "string"}, description, default=default, kind="text", check=colour_problem,
                  examples=["#1F3A5F"], convert=str.upper)


def file_name(description: str, default: str | None = None):
    """A file, relative to the file that names it."""
    return _field(_nullable({"type": "string", "minLength": 1}, default is None), description, default=default,
                  kind="text")


def texts(max_length: int, description: str, *, max_items: int, min_items: int = 0, item_min: int = 1,
          item_pattern: str | None = None):
    items = {"type": "string", "minLength": item_min, "maxLength": max_length}
    if item_pattern is not None:
        items["pattern"] = item_pattern
    schema = {"type": "array", "items": items, "maxItems": max_items}
    if min_items:
        schema["minItems"] = min_items
    return _field(schema, description, factory=list if not min_items else MISSING, kind="texts")


def choices(options: tuple[str, ...], description: str, default: tuple[str, ...]):
    """Some of ``options``, each once, as a list: ``[pdf, html]``."""
    schema = {"type": "array", "items": {"type": "string", "enum": list(options)}, "uniqueItems": True,
              "minItems": 1}
    return _field(schema, description, factory=lambda: list(default), kind="texts")


def record(cls: type, description: str):
    return _field({"$ref": f"#/$defs/{cls.__name__}"}, description, factory=cls, kind="record", record=cls)


def records(cls: type, description: str, *, min_items: int = 0, max_items: int | None = None,
            required: bool = False):
    schema: dict = {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}
    if min_items:
        schema["minItems"] = min_items
    if max_items is not None:
        schema["maxItems"] = max_items
    return _field(schema, description, factory=MISSING if required else list, kind="records", record=cls)


def keyed(key_pattern: str, cls: type, description: str):
    """A mapping from names (matching ``key_pattern``) to records of ``cls``."""
    schema = {"type": "object", "propertyNames": {"pattern": key_pattern},
              "additionalProperties": {"$ref": f"#/$defs/{cls.__name__}"}}
    return _field(schema, description, factory=dict, kind="keyed", record=cls)


def derived(default: Any = None, factory: Any = MISSING):
    """Worked out when the file is read; not a key of the file."""
    return _field({}, "", default=default if factory is MISSING else MISSING, factory=factory, derived=True)


# -- briefing ----------------------------------------------------------------------------------

@dataclass
class Link:
    """A report, guidance or contact the reader can follow; printed with a QR code."""

    label: str = text(120, "What the link is, in words (not 'click here').", required=True,
                      examples=["The full report"])
    url: str = address("The address: https://, http:// or mailto: only.", required=True,
                       examples=["https://www.gov.uk/"])


@dataclass
class Section:
    """One of the seven numbered sections, in reading order."""

    heading: str = text(60, "The section's heading, 1 to 60 characters.", required=True, examples=["Background"])
    body: str = body(20_000, "The section's text. Paragraphs are separated by a blank line; '- ' starts a "
                             "bullet, '1. ' a numbered item; **bold**, *italic* and [label](https://...) links.")
    links: list[Link] = records(Link, "Optional links, each with a QR code (at most 10).", max_items=10)
    blocks: list = derived(factory=list)
    """The body's paragraphs and lists (:mod:`generator.read.markup`), parsed when it is read."""


def _review_after_published(briefing: Briefing) -> tuple[str, str] | None:
    if briefing.review is not None and briefing.review <= briefing.published:
        return "review", f"the review date {briefing.review} must be after the published date {briefing.published}"
    return None


@dataclass
class Briefing:
    """A 7 Minute Briefing: a title, dates and exactly seven sections."""

    TITLE = "7 Minute Briefing"
    CHECKS = (_review_after_published,)

    title: str = text(TITLE_LENGTH, f"The briefing's title, 1 to {TITLE_LENGTH} characters.", required=True,
                      examples=["Reachable and critical moments"])
    published: dt.date = date("Date of publication, as YYYY-MM-DD.", required=True)
    sections: list[Section] = records(Section, "Exactly seven sections, in the order they are read.",
                                      min_items=SECTION_COUNT, max_items=SECTION_COUNT, required=True)
    subtitle: str | None = text(200, "A line under the title.")
    review: dt.date | None = date("Date by which it should be reviewed (after published).")
    author: str | None = text(200, "Who publishes it; defaults to the theme's organisation.")
    audience: str | None = text(200, "Who it is for.", examples=["All practitioners"])
    tags: list[str] = texts(40, "Keywords, used to make themed packs (at most 20).", max_items=20)
    summary: str | None = text(300, "One sentence for the pack's contents page and the PDF's subject.")
    key_message: str | None = text(200, "The one thing to remember, printed in a box across the foot of the page "
                                        "(and on the web page), where a short briefing leaves room.")
    language: str | None = pattern(
        LANGUAGE_TAG, "The briefing's language, as a BCP 47 tag (cy for Welsh, en-GB for English); default: "
                      "from a NAME.cy.yaml or NAME.en.yaml file name, else the theme's.", examples=["cy", "en-GB"])
    id: str = derived("")
    """The file name without '.yaml': names the output files."""
    source: str = derived("")
    """The file it was read from, as shown in messages."""
    positions: Any = derived(None)
    """Where each value is in the file (:class:`generator.read.source.Positions`)."""
    version: str = derived("")
    """A digest of the file: the version its record sheets are for (their fields are named by it)."""

    def locate(self, key: tuple, text: str | None = None, offset: int = 0) -> tuple[int, int]:
        """1-based (line, column) in the source file of the value at ``key`` or, given the value's
        ``text`` and an ``offset`` into it, of that character (exact inside ``|`` blocks)."""
        if self.positions is None:
            return 1, 1
        return self.positions.locate(key, text, offset)


# -- theme -------------------------------------------------------------------------------------

@dataclass
class Colours:
    """The theme's colours; every pair the pages draw is checked for contrast (BR501)."""

    primary: str = colour("Header band, headings and numbers.", "#22384F")
    accent: str = colour("Number badges and rules.", "#0F6A6E")
    text: str = colour("Body text.", "#1B1B1B")
    background: str = colour("Page background.", "#FFFFFF")


@dataclass
class Fonts:
    """TrueType files for the four faces, relative to the theme file (default: the shipped faces)."""

    regular: str = file_name("TrueType file for body text.", DEFAULT_FILES["regular"])
    bold: str = file_name("TrueType file for bold text and headings.", DEFAULT_FILES["bold"])
    italic: str = file_name("TrueType file for italic text.", DEFAULT_FILES["italic"])
    bold_italic: str = file_name("TrueType file for bold italic text.", DEFAULT_FILES["bold_italic"])


def _ordered_sizes(sizes: BodySize) -> tuple[str, str] | None:
    if sizes.min > sizes.max:
        return "min", f"body_size min ({sizes.min:g}) is larger than max ({sizes.max:g})"
    return None


@dataclass
class BodySize:
    """The sizes the fitter may set the body text at."""

    CHECKS = (_ordered_sizes,)

    min: float = number("Smallest body size in points the fitter may use.", 9.0, 6, 24)
    max: float = number("Largest body size in points.", 12.0, 6, 24)


@dataclass
class CheckSettings:
    """The board's own settings for ``briefing check`` (and every command's review)."""

    comfortable_size: float = number("Body sizes below this get a warning.", 10.0, 6, 24)
    language_rules: str | None = file_name("An extra language rule file (YAML), relative to the theme file.")


@dataclass
class Translation:
    """The theme's own words in another language."""

    organisation: str | None = text(120, "The organisation's name in this language.", min_length=0)
    contact: str | None = text(200, "The contact line in this language.", min_length=0)
    label: str | None = text(40, "The label above the title in this language.")
    feedback_label: str | None = text(120, "The words of the feedback link in this language.")


def _logo_needs_alt(theme: ThemeSettings) -> tuple[str, str] | None:
    if theme.logo and not (theme.logo_alt or "").strip():
        return "logo", "a logo needs 'logo_alt': a few words saying what it shows, for screen readers"
    return None


@dataclass
class ThemeSettings:
    """What a ``theme.yaml`` may say: a board's branding."""

    TITLE = "7 Minute Briefing theme"
    CHECKS = (_logo_needs_alt,)

    organisation: str = text(120, "The board or partnership; shown in the footer and as the default author.",
                             default="", min_length=0)
    label: str | None = text(40, "The label above the title, in the theme's language (default: '7 Minute "
                                 "Briefing' in English, 'Briffio 7 Munud' in Welsh).")
    logo: str | None = file_name("PNG or JPEG, relative to the theme file.")
    logo_alt: str | None = text(300, "Text alternative for the logo (required with a logo).", min_length=0)
    colours: Colours = record(Colours, "The theme's colours, as #RRGGBB.")
    fonts: Fonts = record(Fonts, "The theme's fonts.")
    body_size: BodySize = record(BodySize, "The body sizes the fitter may use.")
    contact: str = text(200, "Footer line: website, email.", default="", min_length=0)
    language: str = pattern(LANGUAGE_TAG, "Language of the briefings (unless a briefing says otherwise), as a "
                                          "BCP 47 tag.", default="en-GB")
    messages: list[str] = texts(300, "Message files for languages the tool does not ship (English and Welsh are "
                                     "shipped), relative to the theme file; see docs/languages.md.", max_items=20)
    translations: dict = keyed(r"^[a-z]{2,3}$", Translation,
                               "The theme's words in other languages, by language: cy: {organisation: ..., "
                               "contact: ..., label: ..., feedback_label: ...}.")
    page_size: str = choice(("A4", "Letter"), "The paper size.", "A4")
    series: bool = boolean("The series' look: a large 7 in a clock face beside the label, the board's name in the "
                           "header band and larger section numbers, so a board's briefings read as one series.",
                           False)
    qr_codes: bool = boolean("Print a QR code beside each link.", True)
    feedback_url: str | None = address("Where teams say how they used a briefing (https:// or mailto:): shown as a "
                                       "link with a QR code on every briefing page and record sheet.")
    feedback_label: str | None = text(120, "The words of the feedback link, in the theme's language (default: "
                                           "'Tell us how you used this briefing', or its translation).")
    check: CheckSettings = record(CheckSettings, "Settings for the review of briefings.")


# -- project settings ---------------------------------------------------------------------------

@dataclass
class PackSettings:
    """One pack of the publication: a printable PDF of briefings, with a cover and contents."""

    file: str = pattern(r"^[^/\\].*\.pdf$", "The pack's file, under the output folder: pack.pdf, or "
                                          "bilingual/pack.pdf to keep its web pages apart.", required=True,
                        examples=["lessons-learned.pdf"])
    title: str = text(TITLE_LENGTH, "The pack's title, on its cover.", default="7 Minute Briefings")
    briefings: list[str] = texts(300, "The briefing files or folders it takes, relative to this file (default: "
                                      "the project's briefings folder).", max_items=200)
    tag: str | None = text(40, "Only the briefings with this tag.")
    sort: str | None = _field({"type": "string", "enum": list(SORT_KEYS)},
                              "The order of the briefings (default: as the files are named).", default=None,
                              kind="text")
    record_sheets: bool = boolean("A fillable record sheet after each briefing.", False)
    duplex: bool = boolean("Every briefing on a right-hand page, for double-sided printing.", False)
    languages: list[str] = texts(20, "A bilingual pack, such as [cy, en]: each briefing in every language, the "
                                     "first first.", max_items=6, item_pattern=LANGUAGE_TAG)
    formats: list[str] = choices(PACK_FORMATS, "The pack as a PDF, and with html an index page and a web page "
                                               "per briefing beside it.", ("pdf",))


@dataclass
class Project:
    """What a ``briefing.yaml`` may say: a board's publication, everything ``briefing build`` makes."""

    TITLE = "7 Minute Briefing project settings"

    theme: str | None = file_name("The theme file, relative to this file (default: theme.yaml beside the "
                                  "briefings, else the built-in theme).")
    briefings: str = file_name("The folder of briefing files, relative to this file.", default="briefings")
    output: str = file_name("The folder everything is written to, relative to this file.", default="output")
    formats: list[str] = choices(PAGE_FORMATS, "What each briefing becomes: its page as a PDF, a web page, or "
                                               "both.", ("pdf",))
    record_sheets: bool = boolean("A fillable record sheet beside each briefing's page.", False)
    slides: bool = boolean("A slide deck for each briefing, for a shared screen.", False)
    packs: list[PackSettings] = records(PackSettings, "The packs to make.", max_items=20)


# -- language rule file ------------------------------------------------------------------------

@dataclass
class Rule:
    """One rule: phrases to look for, why, and what to write instead."""

    id: str = pattern(r"^[a-z0-9-]+$", "A short name for the rule, in lower case with hyphens.", required=True)
    phrases: list[str] = texts(300, "What to look for (see generator/check/language_rules.yaml).", max_items=200,
                               min_items=1)
    message: str = text(500, "Why the phrase is a problem, in a sentence.", required=True)
    source: str = text(500, "The public guidance the rule comes from.", required=True)
    alternatives: list[str] = texts(300, "What to write instead.", max_items=50)
    severity: str = choice(("warning", "error"), "warning, or error to stop a briefing being published.",
                           "warning")
    note: bool = boolean("Advice on a contested term, rather than a rule.", False)


@dataclass
class RuleFile:
    """A file of language rules (BR401)."""

    TITLE = "7 Minute Briefing language rules"

    rules: list[Rule] = records(Rule, "The rules.", required=True, max_items=1000)


# -- message catalogue -------------------------------------------------------------------------

@dataclass
class Catalogue:
    """The fixed words of the output in one language (``generator/read/catalogues/en.yaml`` is the
    reference: a catalogue has every message it has, with the same {names} in braces)."""

    TITLE = "7 Minute Briefing message catalogue"

    language: str = pattern(r"^[A-Za-z]{2,3}$", "The language's code, two or three letters, such as gd.",
                            required=True, examples=["gd"])
    name: str = text(80, "The language's name for itself.", required=True, examples=["Gàidhlig"])
    messages: dict = _field({"type": "object", "propertyNames": {"pattern": r"^[a-z][a-z0-9_]*$"},
                             "additionalProperties": {"anyOf": [
                                 {"type": "string", "minLength": 1, "maxLength": 2000},
                                 {"type": "object", "propertyNames": {"enum": list(PLURAL_FORMS)},
                                  "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 2000},
                                  "required": ["other"]}]}},
                            "Every message, translated; a message that counts something gives a form for each "
                            "plural category of the language (zero, one, two, few, many, other).",
                            factory=MISSING, kind="value")


# -- reading the definitions -------------------------------------------------------------------

def format_fields(cls: type) -> list[dataclasses.Field]:
    """The fields of a record that are keys of its file."""
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("derived")]


def required(f: dataclasses.Field) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def json_schema(cls: type) -> dict:
    """The JSON Schema of a format whose top record is ``cls``."""
    definitions: dict[str, dict] = {}

    def describe(record_cls: type) -> dict:
        properties = {f.name: f.metadata["schema"] for f in format_fields(record_cls)}
        schema = {"type": "object", "additionalProperties": False, "properties": properties,
                  "title": record_cls.__name__}
        if record_cls.__doc__:
            schema["description"] = " ".join(record_cls.__doc__.split())
        needed = [f.name for f in format_fields(record_cls) if required(f)]
        if needed:
            schema["required"] = needed
        for f in format_fields(record_cls):
            if f.metadata["record"] is not None and f.metadata["record"].__name__ not in definitions:
                definitions[f.metadata["record"].__name__] = {}
                definitions[f.metadata["record"].__name__] = describe(f.metadata["record"])
        return schema

    schema = describe(cls)
    schema["title"] = getattr(cls, "TITLE", cls.__name__)
    if definitions:
        schema["$defs"] = definitions
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def build(cls: type, data: dict) -> Any:
    """The record ``cls`` from data that has passed validation, with defaults for what it leaves out."""
    values = {}
    for f in format_fields(cls):
        if f.name not in data or data[f.name] is None:
            continue
        value, kind, convert = data[f.name], f.metadata["kind"], f.metadata["convert"]
        if kind == "record":
            value = build(f.metadata["record"], value)
        elif kind == "records":
            value = [build(f.metadata["record"], item) for item in value]
        elif kind == "keyed":
            value = {key: build(f.metadata["record"], item) for key, item in value.items()}
        elif kind == "date":
            value = dt.date.fromisoformat(value)
        elif kind == "texts":
            value = list(value)
        if convert is not None:
            value = convert(value)
        values[f.name] = value
    return cls(**values)
