"""The fixed words of the output ("Published", "Page 2 of 9", "Contents", the record sheet's
fields ...) in the briefing's language, from message catalogues.

English (``catalogues/en.yaml``) and Welsh (``catalogues/cy.yaml``) are shipped; a board adds
another language as a file named in its theme (``messages: [gd.yaml]``). A catalogue must hold
every message English has, each with no placeholder English lacks (``{date}``, ``{n}`` ...),
and the twelve months; anything else is a located error, so a page is never half in one
language and half in another, and a placeholder cannot reach into the program.

A language is looked up by its first subtag (``cy-GB`` uses ``cy``). The theme's own words
(``label``, ``feedback_label``) are in the theme's language; for another language the
catalogue's are used, unless the theme gives them under ``translations``.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.errors import Problem, UserError

CATALOGUES = Path(__file__).parent / "catalogues"
SHIPPED = ("en", "cy")


def primary(language: str) -> str:
    """A BCP 47 tag's language subtag, lower case: ``cy-GB`` -> ``cy``."""
    return language.split("-")[0].lower()


@dataclass(frozen=True)
class Messages:
    """One language's fixed words, and the theme's words in that language."""

    language: str  # the BCP 47 tag the output declares (/Lang, lang=)
    name: str  # the language's own name for itself: English, Cymraeg
    texts: dict[str, str]
    months: tuple[str, ...]
    theme_words: dict[str, str]

    def __call__(self, key: str, **values) -> str:
        return self.texts[key].format(**values)

    def date(self, day: dt.date) -> str:
        """A date as the language writes it: 29 January 2021, 29 Ionawr 2021."""
        return f"{day.day} {self.months[day.month - 1]} {day.year}"

    def briefings(self, count: int) -> str:
        return self("briefings_one") if count == 1 else self("briefings_other", count=count)

    def theme(self, key: str) -> str:
        """The theme's organisation, contact line, label or feedback label, in this language."""
        return self.theme_words[key]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _read(path: Path) -> tuple[str, str, dict[str, str], tuple[str, ...]]:
    """A catalogue file, checked against English: (language, name, messages, months)."""
    from generator.read.source import load

    doc = load(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    english = None if path == CATALOGUES / "en.yaml" else _shipped("en")  # English is the reference
    language, name = data.get("language"), data.get("name")
    messages, months = data.get("messages"), data.get("months")
    if not isinstance(language, str) or not language.isalpha() or not 2 <= len(language) <= 3:
        problems.append(doc.problem(("language",), "a message file needs 'language:' (two or three letters, "
                                    "such as gd)", "add a line such as: language: gd", at_key="language" in data))
    if not isinstance(name, str) or not name.strip():
        problems.append(doc.problem(("name",), "a message file needs 'name:', the language's name for itself",
                                    "add a line such as: name: Gàidhlig"))
    if not (isinstance(months, list) and len(months) == 12 and all(isinstance(m, str) and m for m in months)):
        problems.append(doc.problem(("months",), "'months:' must list the twelve months, January first",
                                    "write them in brackets: [January, February, ...]"))
    if not isinstance(messages, dict):
        problems.append(doc.problem(("messages",), "a message file needs 'messages:', every message translated",
                                    "copy the messages of generator/read/catalogues/en.yaml and translate each"))
        messages = {}
    english_texts = english[2] if english is not None else messages
    for key in sorted(set(english_texts) - set(messages)):
        problems.append(doc.problem(("messages",), f"the message '{key}' is missing",
                                    f"translate it from English: {english_texts[key]}"))
    for key, text in messages.items():
        if key not in english_texts:
            problems.append(doc.problem(("messages", key), f"there is no message called '{key}'",
                                        "check the spelling against generator/read/catalogues/en.yaml", at_key=True))
        elif not isinstance(text, str) or not text.strip():
            problems.append(doc.problem(("messages", key), f"the message '{key}' is empty"))
        else:
            try:
                extra = _fields(text) - _fields(english_texts[key])
            except ValueError:
                extra = {"(an unmatched { or })"}
            if extra:
                allowed = ", ".join("{" + f + "}" for f in sorted(_fields(english_texts[key]))) or "none"
                problems.append(doc.problem(("messages", key), f"the message '{key}' uses "
                                            f"{', '.join(sorted(extra))}, which it cannot fill",
                                            f"use only the names in braces that English uses here: {allowed}"))
    if problems:
        raise UserError(problems)
    return language.lower(), name.strip(), dict(messages), tuple(months)


@lru_cache(maxsize=8)
def _shipped(code: str):
    return _read(CATALOGUES / f"{code}.yaml")


@lru_cache(maxsize=8)
def _board(path: Path, mtime_ns: int, size: int):
    """A board's catalogue, read once while it is unchanged (``--watch`` sees an edit)."""
    return _read(path)


def load_catalogues(paths: list[Path]) -> dict[str, Path]:
    """Check a theme's message files; by language. Used when the theme is loaded."""
    found: dict[str, Path] = {}
    for path in paths:
        language, _, _, _ = _read(path)
        found[language] = path
    return found


def messages_for(language: str, theme) -> Messages:
    """The fixed words for ``language`` (a BCP 47 tag) with ``theme``'s words in it; a language
    with no catalogue is a :class:`UserError` the caller places (the briefing's ``language``)."""
    code = primary(language)
    files = theme.catalogues
    if code in files:
        found = files[code].stat()
        _, name, texts, months = _board(files[code], found.st_mtime_ns, found.st_size)
    elif code in SHIPPED:
        _, name, texts, months = _shipped(code)
    else:
        raise KeyError(code)
    model = theme.model
    own = primary(model.language) == code
    given = (model.translations or {}).get(code, {})
    words = {
        "label": given.get("label") or (own and model.label) or texts["label"],
        "feedback_label": given.get("feedback_label") or (own and model.feedback_label) or texts["feedback_label"],
        "organisation": given.get("organisation") or model.organisation,
        "contact": given.get("contact") or model.contact,
    }
    return Messages(language, name, texts, months, words)


def known_languages(theme) -> list[str]:
    return sorted(set(SHIPPED) | set(theme.catalogues))


def long_date(day: dt.date) -> str:
    """A date in English, as the tool's own messages write it (29 January 2021)."""
    months = _shipped("en")[3]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def language_of(briefing, theme) -> str:
    """A briefing's (or its facts') language: its own, else the theme's."""
    return briefing.language or theme.model.language


def for_briefing(briefing, theme) -> Messages:
    """The fixed words of ``briefing``'s language; a language no catalogue has is a located error."""
    language = language_of(briefing, theme)
    try:
        return messages_for(language, theme)
    except KeyError:
        document = getattr(briefing, "document", None)
        given = document is not None and isinstance(document.data, dict) and "language" in document.data
        line, column = briefing.locate(("language",)) if given else (1, 1)
        raise UserError(Problem(
            briefing.source or briefing.id, line, column,
            f"there are no labels (Published, Page n of N ...) for the language '{language}'",
            f"use one the tool has ({', '.join(known_languages(theme))}), or add a message file for it to the "
            "theme (messages: [...]; see docs/languages.md)")) from None
