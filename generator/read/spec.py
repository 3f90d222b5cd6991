"""What each input file may say, as pydantic classes: a briefing, a theme, a language rule file.

These classes are the single definition of the formats. They generate the JSON Schemas
shipped for editors (:mod:`generator.commands.schema`, ``generator/schema/*.schema.json``), which the
fast path validates against, and they produce the full, located error report when a file is
wrong (:mod:`generator.read.validation`). Importing pydantic and building these classes costs about
0.2 s, so a valid file never imports this module; the rest of the tool works with the plain
records in :mod:`generator.read.model`, :mod:`generator.read.theme` and :mod:`generator.check.language`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

from generator.assets import DEFAULT_FILES
from generator.read import constraints
from generator.read.model import SECTION_COUNT

# Text with no spaces around it. The full validator strips them first, so for it this always
# holds; in the generated JSON Schema it sends text with spaces around it off the fast path, to be
# tidied (generator.read.validation), which is how a text field is declared once, here.
# What Python's str.strip() (and so pydantic's strip_whitespace) removes, spelt out: the JSON
# Schema regex dialect's \s leaves out some of it (U+0085, U+001C-U+001F), and the fast path and
# the full validator must agree on what "no spaces around it" means.
_SPACES = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
TRIMMED = rf"^([^{_SPACES}]([\s\S]*[^{_SPACES}])?)?$"


def _trimmed(min_length: int = 0, max_length: int | None = None) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length, pattern=TRIMMED)


def _text(max_length: int, description: str, examples: list[str] | None = None):
    return Annotated[str, _trimmed(1, max_length), Field(description=description, examples=examples)]


def _check(problem: str | None) -> None:
    if problem:
        raise ValueError(problem)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


# -- briefing ---------------------------------------------------------------------------------

class Link(_Strict):
    """A report, guidance or contact the reader can follow; printed with a QR code."""

    label: _text(120, "What the link is, in words (not 'click here').", ["The full report"])
    url: Annotated[str, _trimmed(max_length=2000), Field(description="The address: https://, http:// or mailto: only.",
                                                         examples=["https://www.gov.uk/"])]

    @field_validator("url")
    @classmethod
    def _allowed_scheme(cls, url: str) -> str:
        _check(constraints.url_problem(url))
        return url


class Section(_Strict):
    """One of the seven numbered sections, in reading order."""

    heading: _text(60, "The section's heading, 1 to 60 characters.", ["Background"])
    body: Annotated[str, Field(
        description=(
            "The section's text. Paragraphs are separated by a blank line; '- ' starts a bullet, "
            "'1. ' a numbered item; **bold**, *italic* and [label](https://...) links."
        ),
        max_length=20_000,
    )]
    links: list[Link] = Field(default_factory=list, max_length=10,
                              description="Optional links, each with a QR code (at most 10).")

    @field_validator("body")
    @classmethod
    def _not_blank(cls, body: str) -> str:
        _check(constraints.body_problem(body))
        return body


Language = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


class Briefing(_Strict):
    """A 7 Minute Briefing: a title, dates and exactly seven sections."""

    model_config = ConfigDict(title="7 Minute Briefing", extra="forbid", coerce_numbers_to_str=True)

    title: _text(120, "The briefing's title, 1 to 120 characters.", ["Reachable and critical moments"])
    subtitle: _text(200, "A line under the title.") | None = Field(None, description="A line under the title.")
    published: dt.date = Field(description="Date of publication, as YYYY-MM-DD.")
    review: dt.date | None = Field(None, description="Date by which it should be reviewed (after published).")
    author: _text(200, "Who publishes it.") | None = Field(
        None, description="Who publishes it; defaults to the theme's organisation.")
    audience: _text(200, "Who it is for.") | None = Field(None, description="Who it is for.",
                                                          examples=["All practitioners"])
    tags: list[Annotated[str, _trimmed(1, 40)]] = Field(
        default_factory=list, max_length=20, description="Keywords, used to make themed packs (at most 20).")
    summary: _text(300, "One sentence.") | None = Field(
        None, description="One sentence for the pack's contents page and the PDF's subject.")
    language: Language | None = Field(
        None, description="The briefing's language, as a BCP 47 tag (cy for Welsh, en-GB for English); "
                          "default: from a NAME.cy.yaml or NAME.en.yaml file name, else the theme's.",
        examples=["cy", "en-GB"])
    sections: list[Section] = Field(
        min_length=SECTION_COUNT, max_length=SECTION_COUNT,
        description="Exactly seven sections, in the order they are read.",
    )

    @field_validator("published", "review", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        _check(constraints.date_time_problem(value))
        return value

    @field_validator("review")
    @classmethod
    def _review_after_published(cls, review: dt.date | None, info: ValidationInfo) -> dt.date | None:
        _check(constraints.review_problem(info.data.get("published"), review))
        return review


# -- theme ------------------------------------------------------------------------------------

Colour = Annotated[str, Field(description="A colour as #RRGGBB.", examples=["#1F3A5F"])]


class Colours(_Strict):
    primary: Colour = Field("#22384F", description="Header band, headings and numbers.")
    accent: Colour = Field("#0F6A6E", description="Number badges and rules.")
    text: Colour = Field("#1B1B1B", description="Body text.")
    background: Colour = Field("#FFFFFF", description="Page background.")

    @field_validator("primary", "accent", "text", "background")
    @classmethod
    def _hex(cls, value: str) -> str:
        _check(constraints.colour_problem(value))
        return value.strip().upper()


class Fonts(_Strict):
    regular: str = Field(DEFAULT_FILES["regular"], description="TrueType file for body text.")
    bold: str = Field(DEFAULT_FILES["bold"], description="TrueType file for bold text and headings.")
    italic: str = Field(DEFAULT_FILES["italic"], description="TrueType file for italic text.")
    bold_italic: str = Field(DEFAULT_FILES["bold_italic"], description="TrueType file for bold italic text.")


class BodySize(_Strict):
    min: float = Field(9, ge=6, le=24, description="Smallest body size in points the fitter may use.")
    max: float = Field(12, ge=6, le=24, description="Largest body size in points.")

    @model_validator(mode="after")
    def _ordered(self) -> BodySize:
        _check(constraints.body_size_problem(self.min, self.max))
        return self


class CheckSettings(_Strict):
    comfortable_size: float = Field(10, ge=6, le=24, description="Body sizes below this get a warning.")
    language_rules: str | None = Field(None, description="An extra language rule file (YAML).")


class Translation(_Strict):
    """The theme's own words in another language."""

    organisation: Annotated[str, _trimmed(max_length=120)] | None = None
    contact: Annotated[str, _trimmed(max_length=200)] | None = None
    label: Annotated[str, _trimmed(1, 40)] | None = None
    feedback_label: Annotated[str, _trimmed(1, 120)] | None = None


class Theme(_Strict):
    """What a ``theme.yaml`` may say."""

    model_config = ConfigDict(title="7 Minute Briefing theme", extra="forbid", coerce_numbers_to_str=True)

    organisation: Annotated[str, _trimmed(max_length=120)] = Field(
        "", description="The board or partnership; shown in the footer and as the default author.")
    label: Annotated[str, _trimmed(1, 40)] | None = Field(
        None, description="The label above the title, in the theme's language (default: '7 Minute Briefing' "
                          "in English, 'Briffio 7 Munud' in Welsh).")
    logo: str | None = Field(None, description="PNG or JPEG, relative to the theme file.")
    logo_alt: str | None = Field(None, description="Text alternative for the logo (required with a logo).")
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    body_size: BodySize = Field(default_factory=BodySize)
    contact: Annotated[str, _trimmed(max_length=200)] = Field(
        "", description="Footer line: website, email.")
    language: Language = Field(
        "en-GB", description="Language of the briefings (unless a briefing says otherwise), as a BCP 47 tag.")
    messages: list[str] = Field(
        default_factory=list, max_length=20,
        description="Message files for languages the tool does not ship (English and Welsh are shipped), "
                    "relative to the theme file; see docs/languages.md.")
    translations: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")], Translation] = Field(
        default_factory=dict, description="The theme's words in other languages, by language: "
                                          "cy: {organisation: ..., contact: ..., label: ..., feedback_label: ...}.")
    page_size: Literal["A4", "Letter"] = "A4"
    qr_codes: bool = Field(True, description="Print a QR code beside each link.")
    feedback_url: Annotated[str, _trimmed(max_length=2000)] | None = Field(
        None, description="Where teams say how they used a briefing (https:// or mailto:): shown as a link "
                          "with a QR code on every briefing page and record sheet.")
    feedback_label: Annotated[str, _trimmed(1, 120)] | None = Field(
        None, description="The words of the feedback link, in the theme's language (default: 'Tell us how you "
                          "used this briefing', or its translation).")
    check: CheckSettings = Field(default_factory=CheckSettings)

    @field_validator("feedback_url")
    @classmethod
    def _feedback_scheme(cls, url: str | None) -> str | None:
        _check(constraints.url_problem(url) if url is not None else None)
        return url

    @model_validator(mode="after")
    def _logo_needs_alt(self) -> Theme:
        _check(constraints.logo_alt_problem(self.logo, self.logo_alt))
        return self


# -- language rule file -----------------------------------------------------------------------

class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    phrases: list[str] = Field(min_length=1)
    message: str
    alternatives: list[str] = Field(default_factory=list)
    source: str
    severity: Literal["warning", "error"] = "warning"
    note: bool = False


class RuleFile(BaseModel):
    model_config = ConfigDict(title="7 Minute Briefing language rules", extra="forbid")

    rules: list[Rule]
