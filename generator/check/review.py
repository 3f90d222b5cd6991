"""Run every editorial check on a briefing (and once on the theme)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import dates, drafting, fit, language, links, prose
from generator.errors import Problem


@dataclass
class Review:
    """What the checks found in one briefing, and the figures ``status`` shows."""

    path: Path
    briefing: object = None
    findings: list[Problem] = field(default_factory=list)
    body_size: float | None = None
    stats: prose.Stats | None = None


def language_rules(theme, extra: Path | None):
    """The shipped rules, plus the theme's ``check.language_rules`` and ``--rules`` files."""
    rules = list(language.shipped_rules())
    for path in (theme.file.rules, extra):
        if path is not None:
            rules += language.load_rules(path)
    return tuple(rules)


def review_briefing(briefing, theme, rules, today: dt.date) -> Review:
    review = Review(Path(briefing.source), briefing)
    review.body_size, found = fit.check_briefing(briefing, theme)
    from generator.read.messages import language_of, primary

    # Flesch reading ease is a formula for English: other languages' scores would mislead
    review.stats = prose.stats(briefing, readability=primary(language_of(briefing, theme)) == "en")
    found += prose.check_briefing(briefing, review.stats)
    found += language.check_briefing(briefing, rules)
    found += dates.check_briefing(briefing, today)
    found += links.check_briefing(briefing)
    found += drafting.check_briefing(briefing)
    review.findings = sorted(found)
    return review
