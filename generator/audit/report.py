"""The accessibility report: the machine checks' results (:mod:`generator.audit.machine`), the
checks for a person (:mod:`generator.audit.people`) and a draft of the "compliance status" and
"non-accessible content" parts of an accessibility statement in the form of the GOV.UK model
statement; as a web page in the theme's language and style, and as JSON for other tools.

The draft says only what the checks support: "fully compliant" only when every machine check ran
on every file and passed (and then with a bracketed warning that it holds only if the checks
for a person find nothing), "partially compliant" with each failure listed when one failed, and
"not known yet" with the reason when a checker could not run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field

from generator.audit.machine import NOT_RUN, FileResult
from generator.audit.people import PersonCheck, person_checks

REGULATIONS_START = dt.date(2018, 9, 23)  # documents published before are outside the regulations' scope


@dataclass
class Statement:
    status: str  # full, partial, unknown
    failures: list[dict] = field(default_factory=list)  # what, where, criterion
    before_regulations: list[str] = field(default_factory=list)  # documents published before 23 September 2018
    not_run: list[str] = field(default_factory=list)  # reasons, in words


@dataclass
class Report:
    made: dt.date
    language: str
    files: list[FileResult]
    people: list[PersonCheck]
    statement: Statement
    checkers: dict[str, str]  # name: version, of those that ran

    @property
    def problems(self) -> int:
        return sum(len(check.failures) for result in self.files for check in result.checks) + sum(
            1 for result in self.files if result.unreadable)

    @property
    def failed_files(self) -> int:
        return sum(1 for result in self.files if result.failed)


def make_report(files: list[FileResult], words, today: dt.date) -> Report:
    """The report on ``files`` (already checked), in the language of ``words``."""
    checkers = {}
    for result in files:
        for check in result.checks:
            if check.status != NOT_RUN and check.version:
                checkers.setdefault(check.checker, check.version)
    return Report(today, words.language, files, person_checks(files), _statement(files, words), checkers)


def _statement(files: list[FileResult], words) -> Statement:
    failures = []
    for result in files:
        for check in result.checks:
            for failure in check.failures:
                what = (words("a11y_st_pdfua", message=_sentence(failure.message), rule=failure.rule)
                        if check.checker == "page-validation" else _sentence(failure.message))
                failures.append({"what": what, "where": result.path, "criterion": failure.criterion,
                                 "checker": check.checker, "rule": failure.rule})
    reasons = sorted({words(result.unreadable) for result in files if result.unreadable} |
                     {words(check.reason, **check.reason_values) for result in files for check in result.checks
                      if check.status == NOT_RUN and check.reason})
    status = "partial" if failures or any(result.unreadable for result in files) else "unknown" if reasons else "full"
    old = [result.path for result in files if result.date and dt.date.fromisoformat(result.date) < REGULATIONS_START]
    return Statement(status, _grouped(failures), old, reasons)


def _grouped(failures: list[dict]) -> list[dict]:
    """One entry per broken rule, naming every file it was found in."""
    grouped: dict[tuple, dict] = {}
    for failure in failures:
        key = (failure["checker"], failure["rule"], failure["what"])
        if key in grouped:
            if failure["where"] not in grouped[key]["where"]:
                grouped[key]["where"].append(failure["where"])
        else:
            grouped[key] = {**failure, "where": [failure["where"]]}
    return list(grouped.values())


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text[:1].upper() + text[1:]


# -- writing it ---------------------------------------------------------------------------------

def report_json(report: Report) -> str:
    """The report as data: every result, the checks for a person, the statement's facts."""
    data = {
        "made": report.made.isoformat(),
        "language": report.language,
        "checkers": report.checkers,
        "files": [dataclasses.asdict(result) for result in report.files],
        "people": [{"check": check.key, "matterhorn_checkpoint": check.checkpoint, "wcag": check.criterion or None,
                    "files": check.files, "evidence": [{"file": name, "items": [item.replace("\0", ": ")
                                                                                  for item in items]}
                                                       for name, items in check.evidence],
                    **check.values} for check in report.people],
        "statement": dataclasses.asdict(report.statement),
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def report_html(report: Report, theme, words, json_name: str) -> str:
    """The report as a web page in the publication's style (base.html), in ``words``' language."""
    from generator.render.html import render_page

    m = words
    figures = [(m.number(count), m(key, count=count)) for count, key in (
        (len(report.files), "a11y_figure_files"), (report.problems, "a11y_figure_problems"),
        (len(report.people), "a11y_figure_person"))]
    headline = [m("a11y_headline_problems", problems=m("a11y_problems", count=report.problems),
                  failed=m.number(report.failed_files), files=m("a11y_files", count=len(report.files)))
                if report.problems else m("a11y_headline_clean", files=m("a11y_files", count=len(report.files)))]
    if report.statement.not_run:
        headline.append(m("a11y_headline_not_run", what="; ".join(report.statement.not_run)))
    if report.people:
        headline.append(m("a11y_headline_person", checks=m("a11y_person_checks", count=len(report.people))))
    every = {result.path for result in report.files}
    browsers = {check.version for result in report.files for check in result.checks
                if check.checker == "link-contrast" and check.version}
    about = [m("a11y_about_checkers", checkers=", ".join(f"{name} {version}" for name, version
                                                          in sorted(report.checkers.items())
                                                          if name != "link-contrast") or "–")]
    if browsers:
        about.append(m("a11y_about_browser", version=", ".join(sorted(browsers))))
    return render_page(
        "accessibility.html", theme, m, m("a11y_title"), m("a11y_skip"),
        label=m("a11y_label"), heading=m("a11y_title"), organisation=m.theme("organisation"), period=None,
        made=m("a11y_made", date=m.date(report.made), files=m("a11y_files", count=len(report.files))),
        headline=headline, figures=figures, summary=[_row(result, m) for result in report.files],
        problems=[_file(result, m, index) for index, result in enumerate(report.files, 1) if result.failed],
        people=[_person(check, m, every) for check in report.people], statement=_statement_words(report.statement, m),
        about=about, json={"href": json_name, "text": m("a11y_about_json", file=json_name)},
        headings={key: m(f"a11y_{key}") for key in (
            "machine", "machine_intro", "people", "people_intro", "statement", "statement_intro", "about", "check",
            "result", "details", "file", "what", "col_pdfua", "col_wcag", "col_links", "where_problems")})


_VERDICTS = {"passed": "a11y_passed", "failed": "a11y_failed", "not-run": "a11y_not_run"}


def _kind(result: FileResult, m) -> str:
    kind = m("a11y_kind_pdf", count=result.pages or 1) if result.kind == "pdf" else m("a11y_kind_html")
    return f"{kind} · {result.language or m('a11y_no_language')}"


def _row(result: FileResult, m) -> dict:
    """One file's line of the summary table: a verdict under each heading that applies to it."""
    by_checker = {check.checker: check for check in result.checks}
    cells = []
    for names in (("page-validation",), ("outloud", "axe-core"), ("link-contrast",)):
        applies = names[0] != ("link-contrast" if result.kind == "pdf" else "page-validation")
        check = next((by_checker[name] for name in names if name in by_checker), None)
        if not applies:
            cells.append({"status": "na", "shown": m("a11y_na")})
        elif check is None:  # the file could not be read at all
            cells.append({"status": "not-run", "shown": m("a11y_not_run")})
        else:
            cells.append({"status": check.status, "shown": m(_VERDICTS[check.status])})
    return {"name": result.path, "what": _kind(result, m), "cells": cells, "failed": result.failed}


def _file(result: FileResult, m, index: int) -> dict:
    """A file with problems, check by check."""
    kind = m("a11y_kind_pdf", count=result.pages or 1) if result.kind == "pdf" else m("a11y_kind_html")
    facts = m("a11y_file_facts", kind=kind, language=result.language or m("a11y_no_language"),
              title=result.title or m("a11y_no_title"))
    rows = []
    for check in result.checks:
        name = m(f"a11y_check_{check.checker.replace('-', '_')}", version=check.version)
        if check.status == NOT_RUN:
            details = [m(check.reason, **check.reason_values)] if check.reason else []
        elif check.failures:
            details = [" ".join(part for part in (
                f"{failure.rule}: {_sentence(failure.message)}",
                f"({m('a11y_times', count=failure.count)})" if failure.count > 1 else "",
                f"[{m('a11y_criterion', criterion=failure.criterion)}]" if failure.criterion else "") if part)
                for failure in check.failures]
        elif check.checker == "link-contrast":
            details = [m("a11y_links_measured", count=check.rules, lowest=check.lowest)] if check.rules else [
                m("a11y_no_links")]
        else:
            details = [m("a11y_rules_checked", count=check.rules)]
        rows.append({"name": name, "status": check.status, "shown": m(_VERDICTS[check.status]), "details": details})
    return {"name": result.path, "index": index, "facts": facts, "rows": rows, "failed": result.failed,
            "unreadable": m("a11y_unreadable", reason=m(result.unreadable)) if result.unreadable else None}


def _person(check: PersonCheck, m, every: set[str]) -> dict:
    how = m(f"a11y_h_{check.key}_how", **check.values)
    if check.key == "undecided":
        standard = None
    elif check.checkpoint:
        standard = m("a11y_standard", checkpoint=check.checkpoint, criterion=check.criterion)
    else:
        standard = m("a11y_web_standard", criterion=check.criterion)
    evidence = []
    if check.key == "languages":
        for name, items in check.evidence:
            counts = [m("a11y_h_marked_count", language=item.split("\0")[0], count=int(item.split("\0")[1]))
                      for item in items]
            evidence.append({"text": ", ".join(counts), "files": name})
        if not evidence:
            evidence = [{"text": m("a11y_h_none_marked"), "files": None}]
    else:  # each distinct text once, with where it is
        found: dict[str, list[str]] = {}
        for name, items in check.evidence:
            for item in items:
                found.setdefault(item, []).append(name)
        evidence = [{"text": text or m("a11y_h_no_text"), "files": _where(names, m)} for text, names in found.items()]
    applies = m("a11y_applies_all") if set(check.files) >= every else m("a11y_applies_to", files=_where(check.files,
                                                                                                        m, 12))
    return {"question": m(f"a11y_h_{check.key}"), "how": how, "standard": standard, "applies": applies,
            "evidence": evidence}


def _where(names: list[str], m, most: int = 3) -> str:
    """The files something is in: named if few, counted if many."""
    names = list(dict.fromkeys(names))
    return ", ".join(names) if len(names) <= most else m("a11y_files", count=len(names))


def _statement_words(statement: Statement, m) -> dict:
    if statement.status == "full":
        status = [m("a11y_st_full"), m("a11y_st_full_caution")]
    elif statement.status == "partial":
        status = [m("a11y_st_partial")]
    else:
        status = [m("a11y_st_unknown", what="; ".join(statement.not_run))]
    items = []
    for failure in statement.failures:
        where = ", ".join(failure["where"])
        key = "a11y_st_item_criterion" if failure["criterion"] else "a11y_st_item"
        items.append(m(key, what=failure["what"], where=where, criterion=failure["criterion"] or ""))
    return {"compliance": m("a11y_st_compliance"), "status": status, "content": m("a11y_st_content"),
            "content_intro": m("a11y_st_content_intro"), "regulations": m("a11y_st_regulations"),
            "items": items or [m("a11y_st_none")], "burden": m("a11y_st_burden"), "no_burden": m("a11y_st_no_burden"),
            "scope": m("a11y_st_scope"),
            "old": m("a11y_st_old", files=", ".join(statement.before_regulations)) if statement.before_regulations
            else m("a11y_st_all_in_scope")}
