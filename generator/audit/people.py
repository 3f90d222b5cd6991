"""The checks only a person can make, chosen for the files at hand, with what to look at.

Each comes from the human checks of the Matterhorn Protocol (the failure conditions of PDF/UA
that no machine can test) and the WCAG 2.2 criterion it serves. A check is listed only where it
applies (the form check for files with fields to fill in; the image check for files with
images), with the evidence the machine checks gathered: each image's text, the passages marked
in another language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.audit.machine import FileResult


@dataclass
class PersonCheck:
    key: str  # the catalogue's a11y_h_<key>
    checkpoint: str | None  # the Matterhorn Protocol checkpoint, where one names this check
    criterion: str  # the WCAG 2.2 success criterion
    files: list[str]
    evidence: list[tuple[str, list[str]]] = field(default_factory=list)  # per file, what to look at
    values: dict = field(default_factory=dict)  # for the check's words


def person_checks(results: list[FileResult]) -> list[PersonCheck]:
    readable = [result for result in results if not result.unreadable]
    pdfs = [result.path for result in readable if result.kind == "pdf"]
    every = [result.path for result in readable]
    if not every:
        return []
    checks = []
    with_images = [result for result in readable if result.images]
    if with_images:
        checks.append(PersonCheck("images", "13", "1.1.1", [result.path for result in with_images],
                                  [(result.path, list(dict.fromkeys(result.images))) for result in with_images]))
    if pdfs:
        checks.append(PersonCheck("order", "09", "1.3.2", pdfs))
    marked = [(result.path, [f"{language}\0{count}" for language, count in sorted(result.marked.items())])
              for result in readable if result.marked]
    checks.append(PersonCheck("languages", "11", "3.1.2", every, marked))
    checks.append(PersonCheck("headings", "14", "2.4.6", every))
    checks.append(PersonCheck("links", None, "2.4.4", every))
    checks.append(PersonCheck("colour", "04", "1.4.1", every))
    forms = [result.path for result in readable if result.form]
    if forms:
        checks.append(PersonCheck("forms", "28", "4.1.2", forms))
    undecided = sorted({criterion for result in readable for check in result.checks for criterion in check.undecided
                        if criterion not in {check.criterion for check in checks}},
                       key=lambda criterion: tuple(int(part) for part in criterion.split(".")))
    if undecided:
        checks.append(PersonCheck("undecided", None, "", every, values={"criteria": ", ".join(undecided)}))
    return checks
