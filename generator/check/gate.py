"""The ready-to-publish gate that ``build`` and ``pack`` apply: a theme whose colours fail
contrast is refused (the same error ``check`` reports), a briefing's editorial warnings are
summed up in one line, and with ``--strict`` they stop it being written."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from generator.errors import ERROR, WARNING, Problem, UserError

_SHORT = {
    "BR102": "small body size", "BR201": "too long to read in seven minutes", "BR202": "very short",
    "BR301": "long sentence", "BR302": "hard to read", "BR401": "language to reconsider",
    "BR601": "review overdue", "BR602": "review far off", "BR603": "published in the future",
    "BR702": "http link", "BR703": "vague link text", "BR704": "bare address as link text",
    "BR801": "curly quotes that print", "BR802": "typed bullet", "BR803": "unfinished text",
}


def refuse_failing_theme(theme) -> None:
    """Raise the theme's errors (contrast), as ``check`` reports them."""
    from generator.check.theme import check_theme

    errors = [finding for finding in check_theme(theme) if finding.severity == ERROR]
    if errors:
        raise UserError(errors)


def content_findings(briefing) -> list[Problem]:
    """The checks that depend on the briefing's text alone (language, links, drafting): a pack
    keeps them with each briefing's cached pages, since they change only when the text does."""
    from generator.check import drafting, language, links

    return sorted(language.check_briefing(briefing, language.shipped_rules()) + links.check_briefing(briefing)
                  + drafting.check_briefing(briefing))


def editorial_findings(briefing, today: dt.date | None = None) -> list[Problem]:
    """The checks that need no layout: language, links, drafting, and dates (which depend on today)."""
    from generator.check import dates

    return sorted(content_findings(briefing) + dates.check_briefing(briefing, today or dt.date.today()))


def summary_line(findings: list[Problem]) -> str:
    """One line for many warnings: "3 warnings: review overdue (2), vague link text (1)"."""
    warnings = [finding for finding in findings if finding.severity == WARNING]
    if not warnings:
        return ""
    counts = Counter(_SHORT.get(finding.code, finding.code) for finding in warnings)
    parts = ", ".join(f"{name} ({count})" for name, count in counts.most_common())
    return f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}: {parts} (run 'briefing check' for each)"


def strict_problems(findings: list[Problem]) -> list[Problem]:
    """With --strict, every warning is an error."""
    return [Problem(f.path, f.line, f.column, f.message, f.hint, ERROR, f.code) for f in findings
            if f.severity == WARNING]
