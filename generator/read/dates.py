"""Dates as people type them, in English and Welsh: "2021-01-29", "29 January 2021", "29 Ionawr
2021", "29th Jan. 2021", "May 2027" (a month with no day), "29/01/2021".

A date written with numbers only is read in the order the language writes it, where the caller
knows the language (:func:`day_first`: 3/12/2026 is the 3rd of December in en-GB and cy, as
CLDR's short date says). Where it does not, such a date can be read two ways when both its
numbers could be the month; it is never guessed: :func:`read_date` says it is ambiguous, and
the caller reads it as the UK does and says so (a document being imported,
:mod:`generator.importing`). A date that cannot be one (31 February, a 13th month) is found
too, as impossible, so that the caller can name it rather than pass over it. Month names come
from Babel (CLDR), so they are the language's own.
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

    day: dt.date | None  # None: it could be read two ways (see ``readings``), or cannot be a date
    start: int
    text: str
    month_only: bool = False
    readings: tuple[dt.date, ...] = ()  # both readings of an ambiguous date

    @property
    def ambiguous(self) -> bool:
        return self.day is None and len(self.readings) > 1

    @property
    def impossible(self) -> bool:
        """Written as a date, but no day is (31 February, a 13th month)."""
        return self.day is None and not self.readings


@lru_cache(maxsize=16)
def day_first(language: str) -> bool:
    """Whether the language writes the day before the month in a date of numbers, from CLDR's
    short date pattern (dd/MM/y for en-GB and cy; M/d/yy for en-US). English with no region is
    British English, as everywhere in the tool."""
    from generator.read.messages import _locale

    locale = _locale(language)
    if locale is None:
        return True
    pattern = locale.date_formats["short"].pattern
    return pattern.find("d") < pattern.find("M")


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


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str, day_first: bool | None = None) -> list[TypedDate]:
    """Every date in a text, in the order they appear. With ``day_first`` (from :func:`day_first`),
    a date of numbers is read in that order only; without it, both ways (see :class:`TypedDate`)."""
    found: list[TypedDate] = []
    for match in _written().finditer(text):
        day = _day(int(match.group(3)), month_names()[match.group(2).lower().rstrip(".")], int(match.group(1) or 1))
        found.append(TypedDate(day, match.start(), match.group().strip(), month_only=not match.group(1)))
    for match in _ISO.finditer(text):
        day = _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        found.append(TypedDate(day, match.start(), match.group()))
    for match in _NUMERIC.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        year += 2000 if year < 100 else 0
        orders = ((first, second), (second, first)) if day_first is None else \
            ((first, second),) if day_first else ((second, first),)
        readings = list(dict.fromkeys(day for day in (_day(year, month, date) for date, month in orders) if day))
        found.append(TypedDate(readings[0] if len(readings) == 1 else None, match.start(), match.group(),
                               readings=tuple(readings) if len(readings) > 1 else ()))
    return sorted(found, key=lambda typed: typed.start)


def read_date(text: str, day_first: bool | None = None) -> TypedDate | None:
    """The first date in ``text``, or None (see :func:`dates_in`)."""
    found = dates_in(text, day_first)
    return found[0] if found else None
