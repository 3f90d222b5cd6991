"""``briefing check`` and ``briefing status``: validate briefings, then review them like an editor."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.commands.said import Said, theme_line
from generator.errors import ERROR, NOTE, WARNING, Problem, display_path
from generator.publication.model import Request, make


@dataclass
class CheckReport:
    outcomes: list = field(default_factory=list)  # generator.publication.run.Outcome, one per file
    theme: list[Problem] = field(default_factory=list)

    @property
    def findings(self) -> list[Problem]:
        return self.theme + [f for outcome in self.outcomes for f in outcome.found]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool) -> bool:
        from generator.check.gate import decide

        return not decide(self.findings, strict=strict).publish


def reviewed(request: Request) -> tuple[object, CheckReport]:
    """The one review of every briefing ``request`` names (with nothing written): the
    publication and what was found, as every other command's gate would see it."""
    from generator.publication.run import build

    publication = make(replace(request, pages=False, packs="none", keeps=False))
    result = build(publication)
    return publication, CheckReport(result.outcomes, result.about_theme)


def check_files(paths: list[Path], theme_path: Path | None = None, rules: Path | None = None,
                today: dt.date | None = None) -> CheckReport:
    """The one review of every file, and of the theme: what the gate of every other command
    would say."""
    return reviewed(Request(tuple(paths), theme_path, rules=rules, today=today, settings=False))[1]


def run(request: Request, output_format: str) -> Said:
    """``briefing check``: every finding, and the counts; JSON for tools."""
    publication, report = reviewed(request)
    said = Said()
    if output_format == "json":
        said.out(as_json(report))
    else:
        said.err(theme_line(publication.theme))
        text = human(report)
        (said.err if report.failed(request.strict) else said.out)(text)
    said.failed = report.failed(request.strict)
    return said


def human(report: CheckReport) -> str:
    lines = []
    if report.theme:
        lines += [str(f) for f in report.theme] + [""]
    for outcome in report.outcomes:
        if outcome.found:
            lines += [str(f) for f in outcome.found] + [""]
    from generator.check.gate import counts_line

    lines.append(counts_line(len(report.outcomes), report.findings))
    return "\n".join(lines)


def as_json(report: CheckReport) -> str:
    files = []
    for outcome in report.outcomes:
        entry = {"path": display_path(outcome.source), "body_size": outcome.body_size,
                 "findings": [f.as_dict() for f in outcome.found]}
        if outcome.stats is not None:
            entry["words"] = outcome.stats.words
            entry["minutes"] = outcome.stats.minutes
            entry["sections"] = [{"heading": s.heading, "words": s.words, "reading_ease": s.reading_ease}
                                 for s in outcome.stats.sections]
        files.append(entry)
    summary = {severity: report.count(severity) for severity in (ERROR, WARNING, NOTE)}
    return json.dumps({"theme": [f.as_dict() for f in report.theme], "files": files, "summary": summary},
                      indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class StatusRow:
    id: str
    title: str
    published: dt.date | None
    review: dt.date | None
    state: str
    body_size: float | None
    minutes: float | None


def status_rows(outcomes: list, today: dt.date) -> list[StatusRow]:
    """One row per briefing, sorted by review date (briefings without one last)."""
    rows = []
    for outcome in outcomes:
        facts = outcome.facts
        if facts is None:
            rows.append(StatusRow(outcome.source.stem, "(does not pass 'briefing check')", None, None, "invalid",
                                  None, None))
            continue
        rows.append(StatusRow(facts.id, facts.title, facts.published, facts.review, review_state(facts.review, today),
                              outcome.body_size, outcome.stats.minutes if outcome.stats else None))
    rows.sort(key=lambda r: (r.review is None, r.review or dt.date.max, r.id))
    return rows


def review_state(review: dt.date | None, today: dt.date) -> str:
    """A briefing's review status in words: current, due this quarter, overdue by how long."""
    if review is None:
        return "no review date"
    if review < today:
        from babel.dates import format_timedelta

        return f"overdue by {format_timedelta(today - review, locale='en_GB', threshold=1.1, granularity='day')}"
    if (review - today).days <= 92:
        return "due this quarter"
    return "current"


def status(request: Request) -> Said:
    """``briefing status``: the table of briefings by review date."""
    publication, report = reviewed(request)
    said = Said()
    said.err(theme_line(publication.theme))
    said.out(status_table(status_rows(report.outcomes, publication.today)))
    return said


def status_table(rows: list[StatusRow]) -> str:
    header = ("Briefing", "Published", "Review due", "Status", "Body", "Reading")
    body = [(r.id, str(r.published or "-"), str(r.review or "-"), r.state,
             f"{r.body_size:g} pt" if r.body_size else "does not fit" if r.published else "-",
             f"{r.minutes:g} min" if r.minutes is not None else "-") for r in rows]
    widths = [max(len(str(row[i])) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    overdue = sum(1 for r in rows if r.state.startswith("overdue"))
    due = sum(1 for r in rows if r.state == "due this quarter")
    from generator.commands.said import count

    lines.append(f"\n{count(len(rows), 'briefing')}: {overdue} overdue for review, {due} due this quarter")
    return "\n".join(lines)
