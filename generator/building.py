"""``briefing build``: each briefing file to ``<id>.pdf``, one failure not stopping the others."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError, display_path
from generator.layout.page import plan_page
from generator.loading import load_briefing
from generator.render.pdf import write_page_pdf
from generator.theme import Theme


@dataclass
class Outcome:
    """What happened to one briefing."""

    source: Path
    output: Path | None = None
    body_size: float | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.output is not None


def build_one(path: Path, theme: Theme, out_dir: Path) -> Outcome:
    """Validate, lay out and write one briefing; user errors become the outcome's problems."""
    try:
        briefing = load_briefing(path)
        plan = plan_page(briefing, theme)
        target = out_dir / f"{briefing.id}.pdf"
        write_page_pdf(plan, briefing, theme, target)
    except UserError as error:
        return Outcome(path, problems=error.problems)
    return Outcome(path, target, plan.body_size)


def build_all(paths: list[Path], theme: Theme, out_dir: Path) -> list[Outcome]:
    return [build_one(path, theme, out_dir) for path in paths]


def summary(outcomes: list[Outcome]) -> str:
    built = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    text = f"{len(built)} built"
    if failed:
        text += f", {len(failed)} failed: " + ", ".join(display_path(o.source) for o in failed)
    return text
