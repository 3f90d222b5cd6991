"""Fit (BR101, BR102): whether the briefing fits on its page, and at what body size."""

from __future__ import annotations

from generator.errors import ERROR, WARNING, Problem


def does_not_fit(problems: list[Problem]) -> list[Problem]:
    """The layout's account of a briefing too long for its page, as findings."""
    return [Problem.finding(p.path, p.line, p.column, ERROR, "BR101", p.message, p.hint) for p in problems]


def size_findings(size: float, briefing, theme) -> list[Problem]:
    """A body size below the theme's comfortable size is worth a warning."""
    comfortable = theme.model.check.comfortable_size
    if size < comfortable:
        return [Problem.finding(briefing.source, 1, 1, WARNING, "BR102",
                                f"the body text would be set at {size:g} pt, below the comfortable {comfortable:g} pt",
                                "shorten the longest sections")]
    return []
