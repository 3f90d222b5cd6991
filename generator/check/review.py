"""The one review: everything the tool says about a briefing before anything is published.

Every command that reads a briefing asks :func:`review_file` (or :func:`review_briefing` for
text not yet saved): it reads the file (:mod:`generator.read`), lays the page out
(:mod:`generator.layout`), and runs every rule: fit (BR1xx), prose (BR2xx, BR3xx), language with
the board's own rules (BR4xx), dates (BR6xx), links (BR7xx), drafting (BR8xx). What cannot be
read is a finding too (BR001), so a review always has an answer. :func:`review_files` reviews
many on both cores and adds what only a set of files shows: the language pairs (BR9xx). The
theme's own findings (BR5xx) are :func:`theme_findings`. What may then be published is decided
in one place: :mod:`generator.check.gate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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

    today: dt.date | None = None  # None: the dates are not checked (a pack's cached pages)
    rules: Path | None = None  # an extra language rule file (check --rules)


def as_findings(problems: list[Problem], code: str = "BR001") -> list[Problem]:
    """Problems of reading or laying out a briefing, as the review's error findings."""
    return [Problem.finding(p.path, p.line, p.column, ERROR, code, p.message, p.hint) for p in problems]


@lru_cache(maxsize=8)
def _rules(theme_rules: Path | None, extra: Path | None) -> tuple:
    rules = list(language.shipped_rules())
    for path in (theme_rules, extra):
        if path is not None:
            rules += language.load_rules(path)
    return tuple(rules)


def language_rules(theme, extra: Path | None = None) -> tuple:
    """The shipped rules, plus the theme's ``check.language_rules`` and ``--rules`` files."""
    return _rules(theme.file.rules, extra)


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


def pair_findings(paths: list[Path], theme) -> dict[Path, list[Problem]]:
    """The language pairs among ``paths`` (BR901-BR904), by the resolved file they are about."""
    from generator.check.pairs import check_pairs

    return check_pairs(paths, theme.model.language)


def _review_item(item, theme) -> Review:
    path, options, extra = item
    review = review_file(path, theme, options)
    review.findings = sorted([*review.findings, *extra])
    review.briefing = review.plan = None  # a laid-out page stays in the process that made it
    return review


def review_files(paths: list[Path], theme, options: ReviewOptions, *, tick: Callable[[], None] = lambda: None,
                 parallel: bool = True) -> list[Review]:
    """Review every file, on both cores when there are many, pairs included. The reviews keep
    their findings and figures, not their pages (see :func:`review_file` for one with its page)."""
    from generator.pool import run_many

    paired = pair_findings(paths, theme)
    items = [(path, options, tuple(paired.get(path.resolve(), ()))) for path in paths]
    if not parallel:
        return [_review_item(item, theme) for item in items]
    return run_many(_review_item, items, theme, tick=tick)
