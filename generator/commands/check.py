"""``briefing check`` and ``briefing status``: validate briefings, then review them like an editor."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ERROR, NOTE, WARNING, Problem, display_path


@dataclass
class CheckReport:
    reviews: list = field(default_factory=list)  # generator.check.review.Review, one per file
    theme: list[Problem] = field(default_factory=list)

    @property
    def findings(self) -> list[Problem]:
        return self.theme + [f for review in self.reviews for f in review.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool) -> bool:
        from generator.check.gate import decide

        return not decide(self.findings, strict=strict).publish


def check_files(paths: list[Path], theme_path: Path | None = None, rules: Path | None = None,
                today: dt.date | None = None) -> CheckReport:
    """The one review of every file, and of the theme: what the gate of every other command
    would say."""
    from generator.check.review import ReviewOptions, language_rules, review_files, theme_findings
    from generator.read.theme import load_theme

    theme = load_theme(theme_path)
    language_rules(theme, rules)  # a broken rule file is reported once, up front
    reviews = review_files(paths, theme, ReviewOptions(today or dt.date.today(), rules))
    return CheckReport(reviews, theme_findings(theme))


def human(report: CheckReport) -> str:
    lines = []
    if report.theme:
        lines += [str(f) for f in report.theme] + [""]
    for review in report.reviews:
        if review.findings:
            lines += [str(f) for f in review.findings] + [""]
    from generator.check.gate import counts_line

    lines.append(counts_line(len(report.reviews), report.findings))
    return "\n".join(lines)


def as_json(report: CheckReport) -> str:
    files = []
    for review in report.reviews:
        entry = {"path": display_path(review.path), "body_size": review.body_size,
                 "findings": [f.as_dict() for f in review.findings]}
        if review.stats is not None:
            entry["words"] = review.stats.words
            entry["minutes"] = review.stats.minutes
            entry["sections"] = [{"heading": s.heading, "words": s.words, "reading_ease": s.reading_ease}
                                 for s in review.stats.sections]
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


def status_rows(paths: list[Path], theme, today: dt.date | None = None, *, parallel: bool = True) -> list[StatusRow]:
    """One row per briefing, sorted by review date (briefings without one last); ``parallel``:
    on both cores when there are many."""
    from generator.check.review import ReviewOptions, review_files

    today = today or dt.date.today()
    rows = []
    reviews = review_files(paths, theme, ReviewOptions(today), parallel=parallel)
    for path, review in zip(paths, reviews, strict=True):
        facts = review.facts
        if facts is None:
            rows.append(StatusRow(path.stem, "(does not pass 'briefing check')", None, None, "invalid", None, None))
            continue
        if facts.review is None:
            state = "no review date"
        elif facts.review < today:
            state = f"overdue by {(today - facts.review).days} days"
        elif (facts.review - today).days <= 92:
            state = "due this quarter"
        else:
            state = "current"
        rows.append(StatusRow(facts.id, facts.title, facts.published, facts.review, state, review.body_size,
                              review.stats.minutes))
    rows.sort(key=lambda r: (r.review is None, r.review or dt.date.max, r.id))
    return rows


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
    lines.append(f"\n{len(rows)} briefings: {overdue} overdue for review, {due} due this quarter")
    return "\n".join(lines)
