"""Dates as people type them, in English and Welsh: "2021-01-29", "29 January 2021", "29 Ionawr
2021", "29th Jan. 2021", "May 2027" (a month with no day), "29/01/2021".

A date written with numbers only can be read two ways when both its numbers could be the month
(03/12/2026: the 3rd of December in the UK, the 12th of March in the US). Such a date is never
guessed: :func:`read_date` says it is ambiguous, and the caller names it (a record sheet's date)
or reads it as the UK does and says so (a document being imported, :mod:`generator.importing`).
Month names come from Babel (CLDR), so they are the language's own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("en", "cy")  # the languages whose month names are read
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")


@dataclass(frozen=True)
class TypedDate:
    """A date found in text: the day, where it starts, and how it was read when that needed a
    choice (a month without a day; numbers that could be read two ways)."""

    day: dt.date | None  # None: it could be read two ways (see ``readings``)
    start: int
    text: str
    month_only: bool = False
    readings: tuple[dt.date, ...] = ()  # both readings of an ambiguous date

    @property
    def ambiguous(self) -> bool:
        return self.day is None


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Every way the languages write a month (January, Jan, Ionawr, Ion ...), lower case."""
    from babel import Locale

    names: dict[str, int] = {}
    for code in LANGUAGES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(name.lower().rstrip("."), number)
    return names


@lru_cache(maxsize=1)
def _written() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, month_names()), key=len, reverse=True))
    return re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th|af|il|ydd|edd|fed|eg|ed)?\s+)?(?:of\s+)?(" + names
                      + r")\.?,?\s+(\d{4})\b", re.IGNORECASE)


def dates_in(text: str) -> list[TypedDate]:
    """Every date in a text, in the order they appear."""
    found: list[TypedDate] = []
    for match in _written().finditer(text):
        try:
            day = dt.date(int(match.group(3)), month_names()[match.group(2).lower().rstrip(".")],
                          int(match.group(1) or 1))
        except ValueError:
            continue
        found.append(TypedDate(day, match.start(), match.group().strip(), month_only=not match.group(1)))
    for match in _ISO.finditer(text):
        try:
            found.append(TypedDate(dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))),
                                   match.start(), match.group()))
        except ValueError:
            continue
    for match in _NUMERIC.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        year += 2000 if year < 100 else 0
        readings = []
        for day, month in ((first, second), (second, first)):
            try:
                readings.append(dt.date(year, month, day))
            except ValueError:
                continue
        readings = list(dict.fromkeys(readings))
        if readings:
            found.append(TypedDate(readings[0] if len(readings) == 1 else None, match.start(), match.group(),
                                   readings=tuple(readings)))
    return sorted(found, key=lambda typed: typed.start)


def read_date(text: str) -> TypedDate | None:
    """The first date in ``text``, or None."""
    found = dates_in(text)
    return found[0] if found else None
