"""The one gate: whether what the review found lets a briefing (or a pack of them) be published.

Every command that writes something a reader sees asks :func:`decide`: ``build`` in every
format and with ``--watch``, ``pack``, ``slides``, ``preview`` and the editor. An error stops
it and nothing is written; with ``--strict`` a warning stops it too; a note never does. A theme
whose colours fail contrast (BR501) stops every command before any briefing is read. And every
command says what the review found in the same words (:func:`tally`, :func:`summary_lines`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.errors import ERROR, NOTE, WARNING, Problem, UserError

SHORT = {
    "BR001": "cannot be read", "BR101": "does not fit on one page", "BR102": "small body size",
    "BR201": "too long to read in seven minutes", "BR202": "very short", "BR301": "long sentence",
    "BR302": "hard to read", "BR401": "language to reconsider", "BR501": "theme contrast too low",
    "BR502": "theme body size", "BR601": "review overdue", "BR602": "review far off",
    "BR603": "published in the future", "BR701": "malformed link", "BR702": "http link",
    "BR703": "vague link text", "BR704": "bare address as link text", "BR705": "link printed at its section's end",
    "BR706": "long address without a QR code",
    "BR707": "address hiding its site", "BR708": "look-alike site name", "BR709": "link words naming another site",
    "BR801": "curly quotes that print",
    "BR802": "typed bullet", "BR803": "unfinished text", "BR804": "imported text still to place",
    "BR805": "repeated heading",
    "BR901": "versions with different links",
    "BR902": "versions linking to different places", "BR903": "version behind its partner",
    "BR904": "versions in the same language",
}


@dataclass
class Decision:
    """The gate's answer for one briefing (or one pack)."""

    stopping: list[Problem] = field(default_factory=list)  # errors, and warnings under --strict (as errors)
    said: list[Problem] = field(default_factory=list)  # what is reported but does not stop it

    @property
    def publish(self) -> bool:
        return not self.stopping


def decide(findings: list[Problem], *, strict: bool = False) -> Decision:
    """Errors stop publishing; with ``strict``, warnings do too (reported as errors)."""
    decision = Decision()
    for finding in findings:
        if finding.severity == ERROR:
            decision.stopping.append(finding)
        elif finding.severity == WARNING and strict:
            decision.stopping.append(Problem(finding.path, finding.line, finding.column, finding.message,
                                             finding.hint, ERROR, finding.code))
        else:
            decision.said.append(finding)
    return decision


def refuse_failing_theme(findings: list[Problem], *, strict: bool = False) -> None:
    """Raise the theme's stopping findings (contrast), before any briefing is read."""
    decision = decide(findings, strict=strict)
    if not decision.publish:
        raise UserError(decision.stopping)


def tally(findings: list[Problem]) -> str:
    """"0 errors, 3 warnings, 1 note": what every command says the review found, in the same
    words (tools read the counts from ``check --format json``)."""
    counts = Counter(finding.severity for finding in findings)
    return ", ".join(f"{counts[severity]} {severity}{'' if counts[severity] == 1 else 's'}"
                     for severity in (ERROR, WARNING, NOTE))


def counts_line(briefings: int, findings: list[Problem]) -> str:
    """The line every command ends its account of the review with, in the same words:
    "8 briefings checked: 0 errors, 19 warnings, 0 notes"."""
    return f"{briefings} briefing{'s' if briefings != 1 else ''} checked: {tally(findings)}"


def summary_lines(findings: list[Problem]) -> list[str]:
    """The warnings in a line, by kind: "3 warnings: review overdue (2), vague link text (1) (run
    'briefing check' for each)"; nothing if there are none."""
    warnings = [finding for finding in findings if finding.severity == WARNING]
    if not warnings:
        return []
    counts = Counter(SHORT.get(finding.code, finding.code) for finding in warnings)
    parts = ", ".join(f"{name} ({count})" for name, count in counts.most_common())
    return [f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}: {parts} (run 'briefing check' for each)"]


# What a line of a publication's summary says of a kind of warning, and which command shows more.
BY_BRIEFING = {
    "BR601": ("past their review date", "is past its review date", "briefing status"),
    "BR602": ("due for review more than three years after publication",
              "is due for review more than three years after publication", "briefing status"),
    "BR603": ("published in the future", "is published in the future", "briefing status"),
}


def kinds_lines(findings: list[Problem]) -> list[str]:
    """The warnings of a whole publication, a line for each kind, counting the briefings:
    "8 briefings are past their review date: run 'briefing status'", "1 briefing has a warning:
    bare address as link text: run 'briefing check'" (the theme's own findings are said apart)."""
    by_code: dict[str, set[str]] = {}
    for finding in findings:
        if finding.severity == WARNING:
            by_code.setdefault(finding.code, set()).add(finding.path)
    lines = []
    for code, paths in sorted(by_code.items(), key=lambda item: (-len(item[1]), item[0])):
        count = len(paths)
        if code in BY_BRIEFING:
            many, one, command = BY_BRIEFING[code]
            lines.append(f"{count} briefings are {many}: run '{command}'" if count != 1
                         else f"1 briefing {one}: run '{command}'")
        else:
            lines.append(f"{count} briefing{'s' if count != 1 else ''} with a warning, "
                         f"{SHORT.get(code, code)}: run 'briefing check'")
    return lines
