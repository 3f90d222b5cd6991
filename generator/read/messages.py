"""The fixed words of the output ("Published", "Page 2 of 9", "Contents", the record sheet's
fields ...) in the briefing's language, from message catalogues; dates and plural forms from
Babel (CLDR), in every language it knows.

English (``catalogues/en.yaml``) and Welsh (``catalogues/cy.yaml``) are shipped; a board adds
another language as a file named in its theme (``messages: [gd.yaml]``). A catalogue's shape is
defined with the other formats (:class:`generator.read.spec.Catalogue`); English is the
reference for what it must hold: every message English has, no other, each with only the names
in braces English uses there (``{date}``, ``{n}``), written as they are (no format, no
attribute: ``{date:>9}`` and ``{date.year}`` are refused), and a message that counts something
with a form for each plural category of its language (Welsh has six). So a page is never half
in one language and half in another, and a message file cannot reach into the program.

A language is looked up by its first subtag (``cy-GB`` uses ``cy``). The theme's own words
(``label``, ``feedback_label``) are in the theme's language; for another language the
catalogue's are used, unless the theme gives them under ``translations``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.errors import Problem, UserError

CATALOGUES = Path(__file__).parent / "catalogues"
SHIPPED = ("en", "cy")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z_]+$")


def primary(language: str) -> str:
    """A BCP 47 tag's language subtag, lower case: ``cy-GB`` -> ``cy``."""
    return language.split("-")[0].lower()


def placeholders(text: str) -> list[str] | str:
    """The names in braces in a message, or what is wrong with its braces."""
    names = []
    for found in _PLACEHOLDER.finditer(text):
        token = found.group()
        if token in ("{{", "}}"):
            continue
        if found.group(1) is None or not _NAME.match(found.group(1)):
            return (f"'{token}' is not a name in braces: write names as they are, such as {{date}} (a brace on "
                    "its own is written twice: {{ or }})")
        names.append(found.group(1))
    return names


def fill(text: str, values: dict[str, object]) -> str:
    """A message with each ``{name}`` replaced by its value (and ``{{``, ``}}`` by one brace)."""
    def put(found: re.Match) -> str:
        token = found.group()
        return token[0] if token in ("{{", "}}") else str(values[found.group(1)])

    return _PLACEHOLDER.sub(put, text)


@lru_cache(maxsize=16)
def _locale(language: str):
    """Babel's locale for a BCP 47 tag, or None if CLDR does not know the language. English with no
    region is British English: the tool is made for UK boards (29 January 2021, not January 29)."""
    from babel import Locale, UnknownLocaleError

    if language.lower() == "en":
        language = "en-GB"
    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(primary(language))
        except (UnknownLocaleError, ValueError):
            return None


def _locale_name(language: str) -> str:
    """The CLDR locale a BCP 47 tag is read as (English with no region is British English)."""
    return "en_GB" if language.lower() == "en" else language.replace("-", "_")


@lru_cache(maxsize=16)
def _calendar(language: str) -> dict | None:
    """What dates and counts in a language need from CLDR (through Babel): the long date's and the
    month's formats, the month and weekday names, the plural rules. Kept between runs
    (:mod:`generator.tables`), made anew when Babel's data changes, so a page does not load
    Babel's locale data (20 ms) to write one date. None if CLDR does not know the language."""
    import importlib.util

    from generator.tables import kept

    spec = importlib.util.find_spec("babel")
    folder = Path(next(iter(spec.submodule_search_locations))) / "locale-data" if spec else None
    name = _locale_name(language)
    stamps = []
    for data in (folder / "root.dat", folder / f"{name}.dat") if folder else ():
        try:
            found = data.stat()
            stamps.append(f"{data.name}:{found.st_size}:{found.st_mtime_ns}")
        except OSError:
            stamps.append(f"{data.name}:none")
    return kept(f"calendar-{name}", "\0".join(stamps).encode(), lambda: _calendar_from_babel(language),
                shape=_calendar_shape)


def _calendar_shape(table) -> bool:
    """A calendar as :func:`_calendar_from_babel` makes it (or None: CLDR has no such language)."""
    if table is None:
        return True
    months, days = table["months"], table["days"]
    return (isinstance(table["long"], str) and isinstance(table["month"], str) and isinstance(table["plural"], dict)
            and all(len(months[context][width]) == 12 and all(isinstance(m, str) for m in months[context][width])
                    for context in ("format", "stand-alone") for width in ("wide", "abbreviated"))
            and all(len(days[width]) == 7 for width in ("wide", "abbreviated")))


def _calendar_from_babel(language: str) -> dict | None:
    from babel.dates import get_date_format, parse_pattern

    locale = _locale(language)
    if locale is None:
        return None
    months = {context: {width: [locale.months[context][width][number] for number in range(1, 13)]
                        for width in ("wide", "abbreviated")} for context in ("format", "stand-alone")}
    days = {width: [locale.days["format"][width][number] for number in range(7)] for width in ("wide", "abbreviated")}
    return {"long": get_date_format("long", locale=locale).format,
            "month": parse_pattern(locale.datetime_skeletons.get("yMMMM", "MMMM y")).format,
            "months": months, "days": days, "plural": dict(locale.plural_form.rules)}


def _formatted(day: dt.date, pattern: str, calendar: dict) -> str | None:
    """A date in one of CLDR's patterns (as Babel parses it: "%(d)s %(MMMM)s %(y)s"); None if the
    pattern has a field other than the day, month, year and weekday."""
    months, days = calendar["months"], calendar["days"]
    month, weekday = day.month - 1, day.weekday()
    fields = {"d": str(day.day), "dd": f"{day.day:02d}", "M": str(day.month), "MM": f"{day.month:02d}",
              "MMM": months["format"]["abbreviated"][month], "MMMM": months["format"]["wide"][month],
              "L": str(day.month), "LL": f"{day.month:02d}", "LLL": months["stand-alone"]["abbreviated"][month],
              "LLLL": months["stand-alone"]["wide"][month], "y": str(day.year), "yyyy": f"{day.year:04d}",
              "yy": f"{day.year % 100:02d}", "E": days["abbreviated"][weekday], "EE": days["abbreviated"][weekday],
              "EEE": days["abbreviated"][weekday], "EEEE": days["wide"][weekday]}
    try:
        return pattern % fields
    except (KeyError, TypeError, ValueError):
        return None


def plural_forms(language: str) -> tuple[str, ...]:
    """The plural categories a language's words take (CLDR): English one, other; Welsh zero,
    one, two, few, many, other."""
    calendar = _calendar(language)
    tags = set(calendar["plural"]) | {"other"} if calendar is not None else {"other"}
    return tuple(form for form in ("zero", "one", "two", "few", "many", "other") if form in tags)


@dataclass(frozen=True)
class Messages:
    """One language's fixed words, and the theme's words in that language."""

    language: str  # the BCP 47 tag the output declares (/Lang, lang=)
    name: str  # the language's own name for itself: English, Cymraeg
    texts: dict[str, str | dict[str, str]]
    theme_words: dict[str, str]

    def __call__(self, key: str, **values) -> str:
        """The message ``key`` with its values; a message that counts takes ``count``."""
        text = self.texts[key]
        if isinstance(text, dict):
            text = text.get(self.plural(values["count"]), text["other"])
        return fill(text, values)

    def plural(self, count: int) -> str:
        calendar = _calendar(self.language)
        if calendar is None:
            return "other"
        from babel.plural import PluralRule

        return PluralRule(calendar["plural"])(count)

    def date(self, day: dt.date) -> str:
        """A date as the language writes it (CLDR's long format): 29 January 2021, 29 Ionawr 2021."""
        calendar = _calendar(self.language)
        shown = _formatted(day, calendar["long"], calendar) if calendar is not None else None
        if shown is None:
            from babel.dates import format_date

            return format_date(day, format="long", locale=_locale(self.language))
        return shown

    def month(self, day: dt.date) -> str:
        """A month and its year: January 2021, Ionawr 2021."""
        calendar = _calendar(self.language)
        shown = _formatted(day, calendar["month"], calendar) if calendar is not None else None
        if shown is None:
            from babel.dates import format_skeleton

            return format_skeleton("yMMMM", day, locale=_locale(self.language))
        return shown

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=_locale(self.language))

    def briefings(self, count: int) -> str:
        return self("briefings", count=count)

    def language_name(self) -> str:
        """The language's own name for itself, as CLDR gives it: English (United Kingdom), Cymraeg."""
        locale = _locale(self.language)
        return locale.get_display_name(locale) if locale is not None else self.language

    def date_order(self) -> str:
        """How a date of numbers is read in this language: day/month/year, or month/day/year."""
        from generator.read.dates import day_first

        return self("date_order_dmy" if day_first(self.language) else "date_order_mdy")

    def theme(self, key: str) -> str:
        """The theme's organisation, contact line, label or feedback label, in this language."""
        return self.theme_words[key]


# Messages the tool no longer uses: a board's catalogue may still have them, and is read as valid.
RETIRED = frozenset({"reflections_n",  # record sheets number each question once (issue 29)
                     "in_this_pack", "more_in_contents"})  # the cover no longer repeats the contents (issue 37)


def _read(path: Path, data: bytes | None = None) -> tuple[str, str, dict]:
    """A catalogue file (shipped, or a board's as read with its theme: ``data``), validated and
    checked against English: (language, name, messages)."""
    from generator.read.source import decode, parse, read_text
    from generator.read.validation import CATALOGUE, validate

    text = read_text(path) if data is None else decode(data, path)
    doc = parse(text, path, recover=True)  # validate() says its layout mistakes with the rest
    catalogue = validate(doc, CATALOGUE)
    english = catalogue.messages if path == CATALOGUES / "en.yaml" else _shipped("en")[2]
    problems: list[Problem] = []
    language = catalogue.language.lower()
    forms = plural_forms(language)
    if _calendar(language) is None:
        problems.append(doc.problem(("language",), f"the tool has no dates or plural rules for the language "
                                    f"'{language}'", "use the language's two- or three-letter code from ISO 639, "
                                    "such as gd for Scottish Gaelic"))
    for key in sorted(set(english) - set(catalogue.messages)):
        shown = english[key] if isinstance(english[key], str) else english[key]["other"]
        problems.append(doc.problem(("messages",), f"the message '{key}' is missing",
                                    f"translate it from English: {shown}", at_key=True))
    for key, text in catalogue.messages.items():
        where = ("messages", key)
        if key in RETIRED:  # a board's file that still translates it stays valid
            continue
        if key not in english:
            problems.append(doc.problem(where, f"there is no message called '{key}'",
                                        "check the spelling against generator/read/catalogues/en.yaml", at_key=True))
            continue
        if isinstance(english[key], dict) != isinstance(text, dict):
            kind = "a form for each plural category" if isinstance(english[key], dict) else "one text"
            problems.append(doc.problem(where, f"the message '{key}' should be {kind}, as in English",
                                        f"this language's categories are: {', '.join(forms)}"))
            continue
        if isinstance(text, dict):
            missing = [form for form in forms if form not in text]
            if missing:
                problems.append(doc.problem(where, f"the message '{key}' has no form for "
                                                   f"{', '.join(missing)}", f"'{language}' has the plural categories: "
                                                                            f"{', '.join(forms)}"))
        allowed = {name for variant in _variants(english[key]) for name in placeholders(variant)}
        for variant in _variants(text):
            names = placeholders(variant)
            if isinstance(names, str):
                problems.append(doc.problem(where, f"the message '{key}': {names}"))
                continue
            extra = sorted(set(names) - allowed)
            if extra:
                shown = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
                problems.append(doc.problem(where, f"the message '{key}' uses "
                                                   f"{', '.join('{' + n + '}' for n in extra)}, which it cannot fill",
                                            f"use only the names in braces that English uses here: {shown}"))
    if problems:
        raise UserError(problems)
    return language, catalogue.name, catalogue.messages


def _variants(text) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


@lru_cache(maxsize=8)
def _shipped(code: str):
    return _read(CATALOGUES / f"{code}.yaml")


@lru_cache(maxsize=8)
def _board(path: Path, data: bytes):
    """A board's catalogue from the bytes read with its theme, checked once while they are the
    same (``--watch`` and the editor see an edit: new bytes)."""
    return _read(path, data)


def catalogue_language(path: Path, data: bytes) -> str:
    """Check a board's message file (its bytes, read with the theme); its language."""
    return _board(path, data)[0]


def messages_for(language: str, theme) -> Messages:
    """The fixed words for ``language`` (a BCP 47 tag) with ``theme``'s words in it; a language
    with no catalogue is a :class:`UserError` the caller places (the briefing's ``language``)."""
    code = primary(language)
    files = theme.catalogues
    if code in files:
        _, name, texts = _board(files[code], theme.file.blob(files[code]))
    elif code in SHIPPED:
        _, name, texts = _shipped(code)
    else:
        raise KeyError(code)
    model = theme.model
    own = primary(model.language) == code
    given = model.translations.get(code)
    words = {
        "label": (given and given.label) or (own and model.label) or texts["label"],
        "feedback_label": (given and given.feedback_label) or (own and model.feedback_label) or texts["feedback_label"],
        "organisation": (given and given.organisation) or model.organisation,
        "contact": (given and given.contact) or model.contact,
    }
    return Messages(language, name, texts, words)


def known_languages(theme) -> list[str]:
    return sorted(set(SHIPPED) | set(theme.catalogues))


def unknown_language(language: str, theme, where: tuple[str, int, int]) -> UserError:
    """The error for a language no catalogue has, said at ``where``."""
    return UserError(Problem(*where, f"there are no labels (Published, Page n of N ...) for the language '{language}'",
                             f"use one the tool has ({', '.join(known_languages(theme))}), or add a message file for "
                             "it to the theme (messages: [...]; see docs/languages.md)"))


def in_every_language(key: str) -> dict[str, str]:
    """A one-text message in every shipped language, by language (what an import looks for
    in a page this tool printed: "For: {audience}", "Ar gyfer: {audience}")."""
    found = {}
    for code in SHIPPED:
        text = _shipped(code)[2].get(key)
        if isinstance(text, str):
            found[code] = text
    return found


def english() -> Messages:
    """The tool's own messages are in English (dates in them too: 29 January 2021)."""
    _, name, texts = _shipped("en")
    return Messages("en-GB", name, texts, {"label": texts["label"], "feedback_label": texts["feedback_label"],
                                           "organisation": "", "contact": ""})


def long_date(day: dt.date) -> str:
    """A date in English, as the tool's own messages write it (29 January 2021)."""
    return english().date(day)


def language_of(briefing, theme) -> str:
    """A briefing's (or its facts') language: its own, else the theme's."""
    return briefing.language or theme.model.language


def for_briefing(briefing, theme) -> Messages:
    """The fixed words of ``briefing``'s language; a language no catalogue has is a located error."""
    language = language_of(briefing, theme)
    try:
        return messages_for(language, theme)
    except KeyError:
        positions = getattr(briefing, "positions", None)
        given = positions is not None and positions.has(("language",))
        line, column = briefing.locate(("language",)) if given else (1, 1)
        raise unknown_language(language, theme, (briefing.source or briefing.id, line, column)) from None
