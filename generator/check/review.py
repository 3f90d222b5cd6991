"""The one review: everything the tool says about a briefing before anything is published.

Every command that reads a briefing asks :func:`review_file` (through the one build,
:mod:`generator.publication.run`, which hands it the text read once): it parses the text
(:mod:`generator.read`), lays the page out (:mod:`generator.layout`), and runs every rule: fit
(BR1xx), prose (BR2xx, BR3xx), language with the board's own rules (BR4xx), dates (BR6xx), links
(BR7xx), drafting (BR8xx). What cannot be read is a finding too (BR001), so a review always has
an answer. What only a set of files shows, the language pairs (BR9xx), is
:mod:`generator.check.pairs`; the theme's own findings (BR5xx) are :func:`theme_findings`. What
may then be published is decided in one place: :mod:`generator.check.gate`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.check import dates, drafting, fit, language, links, prose
from generator.errors import ERROR, Problem, UserError


@dataclass
class Review:
    """What the review found in one briefing, with the page laid out when it fits."""

    path: Path
    briefing: object = None  # generator.read.spec.Briefing; None if the file cannot be read
    plan: object = None  # generator.layout.plan.PagePlan; None if it cannot be laid out
    findings: list[Problem] = field(default_factory=list)
    stats: prose.Stats | None = None
    body_size: float | None = None  # what the body is set at, when it fits
    facts: object = None  # generator.read.briefing.BriefingFacts: what a list of briefings shows of it


@dataclass(frozen=True)
class ReviewOptions:
    """What a review depends on besides the briefing and the theme."""

    today: dt.date | None = None  # None: the dates are not checked
    rules: tuple[Path, bytes] | None = None  # an extra language rule file (check --rules), as read


def as_findings(problems: list[Problem], code: str = "BR001") -> list[Problem]:
    """Problems of reading or laying out a briefing, as the review's error findings."""
    return [Problem.finding(p.path, p.line, p.column, ERROR, code, p.message, p.hint) for p in problems]


@lru_cache(maxsize=8)
def _rules(theme_rules: tuple[Path, bytes] | None, extra: tuple[Path, bytes] | None) -> tuple:
    rules = list(language.shipped_rules())
    for given in (theme_rules, extra):
        if given is not None:
            rules += language.load_rules(*given)
    return tuple(rules)


def language_rules(theme, extra: tuple[Path, bytes] | None = None) -> tuple:
    """The shipped rules, plus the theme's ``check.language_rules`` and ``--rules`` files, from
    the bytes read once (kept per process by what they hold: an edited file is read anew)."""
    file = getattr(theme, "file", theme)
    return _rules((file.rules, file.blob(file.rules)) if file.rules else None, extra)


def review_briefing(briefing, theme, options: ReviewOptions) -> Review:
    """Lay out and review a briefing that has been read."""
    from generator.layout.page import DoesNotFit, plan_page
    from generator.read.briefing import BriefingFacts
    from generator.read.messages import language_of

    review = Review(Path(briefing.source), briefing, facts=BriefingFacts.of(briefing))
    found: list[Problem] = []
    try:
        review.plan = plan_page(briefing, theme)
        review.body_size = review.plan.body_size
        found += fit.size_findings(review.body_size, briefing, theme)
    except DoesNotFit as error:
        found += fit.does_not_fit(error.problems)
    except UserError as error:  # a character no font has, a language with no labels
        found += as_findings(error.problems)
    review.stats = prose.stats(briefing, language_of(briefing, theme))
    found += prose.check_briefing(briefing, review.stats)
    found += language.check_briefing(briefing, language_rules(theme, options.rules))
    found += links.check_briefing(briefing, theme.model.qr_codes)
    found += drafting.check_briefing(briefing)
    if options.today is not None:
        found += dates.check_briefing(briefing, options.today)
    review.findings = sorted(found)
    return review


def review_file(path: Path, theme, options: ReviewOptions, *, text: str | None = None) -> Review:
    """Read, lay out and review one briefing file (or ``text``, a draft of it)."""
    from generator.read.briefing import load_briefing

    try:
        briefing = load_briefing(path, text)
    except UserError as error:
        return Review(path, findings=as_findings(error.problems))
    return review_briefing(briefing, theme, options)


def theme_findings(theme) -> list[Problem]:
    """What the review says of the theme itself (contrast, BR501; sizes, BR502)."""
    from generator.check.theme import check_theme

    return check_theme(theme)
