"""``briefing check``: validate briefings and report every problem in every file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError
from generator.loading import load_briefing
from generator.model import Briefing


@dataclass
class CheckResult:
    path: Path
    briefing: Briefing | None = None
    problems: list[Problem] = field(default_factory=list)


def check_files(paths: list[Path]) -> list[CheckResult]:
    results = []
    for path in paths:
        try:
            results.append(CheckResult(path, load_briefing(path)))
        except UserError as error:
            results.append(CheckResult(path, None, error.problems))
    return results
