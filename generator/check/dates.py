"""Dates (BR601-BR603): overdue reviews, long review periods, publication in the future."""

from __future__ import annotations

import datetime as dt

from generator.errors import WARNING, Problem
from generator.read.messages import long_date

MAX_REVIEW_YEARS = 3


def check_briefing(briefing, today: dt.date) -> list[Problem]:
    findings = []
    source = briefing.source
    if briefing.review is not None and briefing.review < today:
        findings.append(Problem.finding(source, *briefing.locate(("review",)), WARNING, "BR601",
                                f"due for review since {long_date(briefing.review)}",
                                "review the content, then set a new review date"))
    if briefing.review is not None:
        limit = briefing.published.replace(year=briefing.published.year + MAX_REVIEW_YEARS,
                                           day=min(briefing.published.day, 28))
        if briefing.review > limit:
            findings.append(Problem.finding(source, *briefing.locate(("review",)), WARNING, "BR602",
                                    f"the review date is more than {MAX_REVIEW_YEARS} years after publication",
                                    "practice and guidance change: review sooner"))
    if briefing.published > today:
        findings.append(Problem.finding(source, *briefing.locate(("published",)), WARNING, "BR603",
                                f"published in the future ({long_date(briefing.published)})",
                                "check the year"))
    return findings
