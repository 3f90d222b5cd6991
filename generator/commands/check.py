"""``briefing check`` and ``briefing status``: validate briefings, then review them like an editor."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ERROR, NOTE, WARNING, Problem, UserError, display_path

_worker_rules = {}


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
        return self.count(ERROR) > 0 or (strict and self.count(WARNING) > 0)


def _review_one(item, theme=None):
    from generator.check.review import Review, language_rules, review_briefing
    from generator.read.briefing import load_briefing

    path, rules_path, today = item
    if rules_path not in _worker_rules:
        _worker_rules[rules_path] = language_rules(theme, rules_path)
    try:
        briefing = load_briefing(path)
    except UserError as error:
        return Review(path, None, [Problem.finding(p.path, p.line, p.column, ERROR, "BR001", p.message, p.hint)
                                   for p in error.problems])
    review = review_briefing(briefing, theme, _worker_rules[rules_path], today)
    review.briefing = None  # the model stays in the process that made it
    return review


def check_files(paths: list[Path], theme_path: Path | None = None, rules: Path | None = None,
                today: dt.date | None = None) -> CheckReport:
    from generator.check.prose import _import_textstat

    _import_textstat()  # once here, rather than in each worker

    from generator.check.review import language_rules
    from generator.check.theme import check_theme
    from generator.pool import run_many
    from generator.read.theme import load_theme

    theme = load_theme(theme_path)
    _worker_rules[rules] = language_rules(theme, rules)  # a broken rule file is reported once, up front
    today = today or dt.date.today()
    items = [(path, rules, today) for path in paths]
    reviews = run_many(_review_one, items, theme_path, theme, tick=lambda: None)
    from generator.check.pairs import check_pairs

    paired = check_pairs(paths, theme)  # two language versions of one briefing must correspond
    for review in reviews:
        if paired.get(review.path.resolve()):
            review.findings = sorted([*review.findings, *paired[review.path.resolve()]])
    return CheckReport(reviews, check_theme(theme))


def human(report: CheckReport) -> str:
    lines = []
    if report.theme:
        lines += [str(f) for f in report.theme] + [""]
    for review in report.reviews:
        if review.findings:
            lines += [str(f) for f in review.findings] + [""]
    files = len(report.reviews)
    lines.append(f"{files} briefing{'s' if files != 1 else ''} checked: {report.count(ERROR)} errors, "
                 f"{report.count(WARNING)} warnings, {report.count(NOTE)} notes")
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


def status_rows(paths: list[Path], theme_path: Path | None, today: dt.date | None = None) -> list[StatusRow]:
    """One row per briefing, sorted by review date (briefings without one last)."""
    from generator.check.review import review_briefing
    from generator.read.briefing import load_briefing
    from generator.read.theme import load_theme

    theme = load_theme(theme_path)
    today = today or dt.date.today()
    rows = []
    for path in paths:
        try:
            briefing = load_briefing(path)
        except UserError:
            rows.append(StatusRow(path.stem, "(does not pass 'briefing check')", None, None, "invalid", None, None))
            continue
        review = review_briefing(briefing, theme, (), today)
        if briefing.review is None:
            state = "no review date"
        elif briefing.review < today:
            state = f"overdue by {(today - briefing.review).days} days"
        elif (briefing.review - today).days <= 92:
            state = "due this quarter"
        else:
            state = "current"
        rows.append(StatusRow(briefing.id, briefing.title, briefing.published, briefing.review, state,
                              review.body_size, review.stats.minutes))
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
