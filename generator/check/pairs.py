"""Pairs (BR901-BR904): two language versions of one briefing (NAME.cy.yaml beside NAME.yaml or
NAME.en.yaml) must correspond, as the Welsh Language Standards ask: the same sections, the same
links to the same places (so the same QR codes), and neither left behind by the other's last
change.

A finding is reported on the version it asks to change: a link missing or different on the
version that differs from the first in the folder's order (NAME.cy.yaml comes before NAME.yaml),
an old version on the older file. The age of a version is its file's modification time: a copy
or a fresh checkout resets it, so a version is "older" only when it was changed more than a
minute before its partner.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.errors import WARNING, Problem

SETTLE = 60.0  # seconds: two versions saved one after the other are not "older"


def pairs(paths: list[Path]) -> list[list[Path]]:
    """Files that are versions of one briefing: same folder, same name but for the language."""
    from generator.read.briefing import split_language

    groups: dict[tuple[Path, str], list[Path]] = {}
    for path in paths:
        groups.setdefault((path.parent.resolve(), split_language(path.stem)[0]), []).append(path)
    return [sorted(group, key=lambda path: path.name) for group in groups.values() if len(group) > 1]


def partners(paths: list[Path]) -> dict[Path, tuple[Path, ...]]:
    """Each file's other versions among ``paths`` (its web page links them)."""
    return {path: tuple(other for other in group if other != path) for group in pairs(paths) for path in group}


def check_pairs(loaded: dict[Path, object], default_language: str) -> dict[Path, list[Problem]]:
    """Findings about each pair of versions among ``loaded`` (each file's briefing, read once, or
    None if it cannot be read), by the (resolved) file they are reported on;
    ``default_language``: the theme's, for versions that do not say theirs."""
    from generator.read.messages import primary

    def language_of(briefing) -> str:
        return briefing.language or default_language

    found: dict[Path, list[Problem]] = {}
    for group in pairs(list(loaded)):
        if any(loaded[path] is None for path in group):
            continue  # a version that does not load has its own errors to fix first
        versions = [(path, loaded[path]) for path in group]
        (first_path, first), others = versions[0], versions[1:]
        for path, other in others:
            out = found.setdefault(path.resolve(), [])
            if primary(language_of(other)) == primary(language_of(first)):
                out.append(Problem.finding(other.source, 1, 1, WARNING, "BR904",
                                           f"this and {first_path.name} are both in "
                                           f"'{language_of(other)}'",
                                           "name the versions NAME.cy.yaml and NAME.en.yaml, or set language:"))
                continue
            out += _compare(first, other, first_path.name)
        for path, briefing in versions:
            newest = max((candidate for candidate in versions if candidate[0] != path),
                         key=lambda candidate: candidate[0].stat().st_mtime)
            mine, theirs = path.stat().st_mtime, newest[0].stat().st_mtime
            if theirs - mine > SETTLE:
                found.setdefault(path.resolve(), []).append(Problem.finding(
                    briefing.source, 1, 1, WARNING, "BR903",
                    f"this version was last changed on {_day(mine)}, before {newest[0].name} ({_day(theirs)})",
                    "check it still says what the other version says, then save it"))
    return found


def _compare(first, other, first_name: str) -> list[Problem]:
    problems = []
    for index, (mine, theirs) in enumerate(zip(first.sections, other.sections, strict=False)):
        where = f"section {index + 1} ('{theirs.heading}')"
        line, column = other.locate(("sections", index, "links") if theirs.links else ("sections", index, "body"))
        if len(mine.links) != len(theirs.links):
            problems.append(Problem.finding(
                other.source, line, column, WARNING, "BR901",
                f"{where} has {len(theirs.links)} link{'s' if len(theirs.links) != 1 else ''}, "
                f"and {len(mine.links)} in {first_name}",
                "give both versions the same links, so that they print the same QR codes"))
            continue
        for number, (a, b) in enumerate(zip(mine.links, theirs.links, strict=True), 1):
            if a.url != b.url:
                at = other.locate(("sections", index, "links", number - 1, "url"))
                problems.append(Problem.finding(
                    other.source, *at, WARNING, "BR902",
                    f"link {number} of {where} goes to {b.url}, and to {a.url} in {first_name}",
                    "if it is the same page in the other language, that is expected; otherwise make them match"))
    if len(first.sections) != len(other.sections):
        problems.append(Problem.finding(other.source, 1, 1, WARNING, "BR901",
                                        f"this version has {len(other.sections)} sections, "
                                        f"and {first_name} {len(first.sections)}", "give both the same sections"))
    return problems


def _day(timestamp: float) -> str:
    from generator.read.messages import long_date

    moment = dt.datetime.fromtimestamp(timestamp)
    return f"{long_date(moment.date())} at {moment:%H:%M}"
