"""Dates (BR601-BR603): overdue reviews, long review periods, publication in the future.

They depend on today, so they are never kept with a pack's cached pages: :func:`check_dates`
takes the dates and their places, which a cached piece keeps."""

from __future__ import annotations

import datetime as dt

from generator.errors import WARNING, Problem
from generator.read.messages import long_date

MAX_REVIEW_YEARS = 3


def check_briefing(briefing, today: dt.date) -> list[Problem]:
    places = {key: briefing.locate((key,)) for key in ("published", "review")}
    return check_dates(briefing.source, briefing.published, briefing.review, places, today)


def check_dates(source: str, published: dt.date, review: dt.date | None, places: dict[str, tuple[int, int]],
                today: dt.date) -> list[Problem]:
    """The findings about a briefing's dates; ``places`` gives the line and column of each."""
    findings = []
    if review is not None and review < today:
        findings.append(Problem.finding(source, *places["review"], WARNING, "BR601",
                                        f"due for review since {long_date(review)}",
                                        "review the content, then set a new review date"))
    if review is not None:
        limit = published.replace(year=published.year + MAX_REVIEW_YEARS, day=min(published.day, 28))
        if review > limit:
            findings.append(Problem.finding(source, *places["review"], WARNING, "BR602",
                                            f"the review date is more than {MAX_REVIEW_YEARS} years after "
                                            "publication", "practice and guidance change: review sooner"))
    if published > today:
        findings.append(Problem.finding(source, *places["published"], WARNING, "BR603",
                                        f"published in the future ({long_date(published)})", "check the year"))
    return findings
