"""The checks a JSON Schema cannot express, written once.

Each function says why a value is wrong, or returns None. The full validator
(:mod:`generator.read.spec`) raises them as errors; the fast path (:mod:`generator.read.validation`)
hands any input that fails one to the full validator, so both report the same words.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.read.markup import scheme_problem

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

url_problem = scheme_problem


def body_problem(body: str) -> str | None:
    return "the body is empty" if not body.strip() else None


def date_time_problem(value: object) -> str | None:
    """Dates are days: a time of day (YAML reads ``2021-01-29 10:00`` as one) is refused."""
    if isinstance(value, dt.datetime) or (isinstance(value, str) and "T" in value.strip()):
        return "give a date without a time, as YYYY-MM-DD"
    return None


def review_problem(published: dt.date | None, review: dt.date | None) -> str | None:
    if review is not None and published is not None and review <= published:
        return f"the review date {review} must be after the published date {published}"
    return None


def colour_problem(value: str) -> str | None:
    if not HEX_COLOUR.match(value.strip()):
        return f"'{value}' is not a colour; write it as # and six hex digits, like #1F3A5F"
    return None


def body_size_problem(smallest: float, largest: float) -> str | None:
    if smallest > largest:
        return f"body_size min ({smallest:g}) is larger than max ({largest:g})"
    return None


def logo_alt_problem(logo: str | None, logo_alt: str | None) -> str | None:
    if logo and not (logo_alt or "").strip():
        return "a logo needs 'logo_alt': a few words saying what it shows, for screen readers"
    return None
