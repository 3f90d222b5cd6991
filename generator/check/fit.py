"""Fit (BR101, BR102): the body size the page would be set at, and whether it fits at all."""

from __future__ import annotations

from generator.errors import ERROR, WARNING, Problem, UserError


def check_briefing(briefing, theme) -> tuple[float | None, list[Problem]]:
    from generator.layout.page import fit_size

    try:
        size = fit_size(briefing, theme)
    except UserError as error:
        return None, [Problem.finding(p.path, p.line, p.column, ERROR, "BR101", p.message, p.hint)
                      for p in error.problems]
    comfortable = theme.model.check.comfortable_size
    if size < comfortable:
        return size, [Problem.finding(briefing.source, 1, 1, WARNING, "BR102",
                              f"the body text would be set at {size:g} pt, below the "
                              f"comfortable {comfortable:g} pt", "shorten the longest sections")]
    return size, []
