"""``briefing build``: each briefing file to ``<id>.pdf``, one failure not stopping the others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ERROR, Problem, UserError, display_path
from generator.files import write_atomic
from generator.layout.page import plan_page
from generator.read.briefing import load_briefing
from generator.read.theme import Theme
from generator.render.pdf import write_page_pdf


@dataclass
class Outcome:
    """What happened to one briefing."""

    source: Path
    output: Path | None = None
    body_size: float | None = None
    problems: list[Problem] = field(default_factory=list)
    findings: list = field(default_factory=list)  # editorial warnings (generator.check): printed, not fatal
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.output is not None


FORMATS = ("pdf", "html")


def build_one(path: Path, theme: Theme, out_dir: Path, today: dt.date | None = None,
              formats: tuple[str, ...] = ("pdf",), strict: bool = False, record_sheet: bool = False,
              versions: tuple[Path, ...] = ()) -> Outcome:
    """Validate, lay out, review and write one briefing. Errors (invalid, does not fit, an error
    finding) stop this briefing; warnings are reported with it, and with ``strict`` stop it too.
    ``versions``: the same briefing in other languages, built beside it: its web page links them."""
    from generator.check import prose
    from generator.check.gate import editorial_findings, strict_problems

    try:
        briefing = load_briefing(path)
        plan = plan_page(briefing, theme)
    except UserError as error:
        return Outcome(path, problems=error.problems)
    findings = sorted(prose.check_briefing(briefing, prose.stats(briefing, readability=False))
                      + editorial_findings(briefing, today))
    errors = [f for f in findings if f.severity == ERROR] + (strict_problems(findings) if strict else [])
    if errors:
        return Outcome(path, problems=errors, findings=[f for f in findings if f.severity != ERROR and not strict])
    written = []
    if "pdf" in formats:
        written.append(out_dir / f"{briefing.id}.pdf")
        write_page_pdf(plan, briefing, theme, written[-1])
    if record_sheet:
        from generator.files import source_epoch
        from generator.pack.pieces import sheet_version
        from generator.read.briefing import BriefingFacts
        from generator.read.source import read_text
        from generator.sheets.draw import render_record_sheet

        version = sheet_version(read_text(path).encode("utf-8"))  # as a pack's sheet of the same file
        written.append(out_dir / f"{briefing.id}-record.pdf")
        write_atomic(written[-1], render_record_sheet(BriefingFacts.of(briefing), theme, version=version,
                                                     epoch=source_epoch(briefing.published)))
    if "html" in formats:
        from generator.read.briefing import BriefingFacts
        from generator.render.html import briefing_html

        others = []
        for other in versions:
            try:
                others.append((BriefingFacts.of(load_briefing(other)), f"{other.stem}.html"))
            except UserError:  # reported when that version is built
                continue
        written.append(out_dir / f"{briefing.id}.html")
        write_atomic(written[-1], briefing_html(briefing, theme, versions=others).encode("utf-8"))
    return Outcome(path, written[0], plan.body_size, findings=sorted(findings), outputs=written)


def _build_item(item, theme=None) -> Outcome:
    path, out_dir, formats, strict, record_sheet, versions = item
    return build_one(path, theme, out_dir, formats=formats, strict=strict, record_sheet=record_sheet,
                     versions=versions)


def build_all(paths: list[Path], theme: Theme, out_dir: Path, theme_path: Path | None = None,
              formats: tuple[str, ...] = ("pdf",), tick=lambda: None, strict: bool = False,
              record_sheet: bool = False) -> list[Outcome]:
    """Build every briefing, on both cores when there are enough; ``tick`` after each one. A
    theme that fails contrast is refused first, as ``check`` refuses it."""
    from generator.check.gate import refuse_failing_theme
    from generator.check.pairs import partners
    from generator.pool import run_many

    refuse_failing_theme(theme)
    versions = partners(paths)
    items = [(path, out_dir, formats, strict, record_sheet, versions.get(path, ())) for path in paths]
    return run_many(_build_item, items, theme_path, theme, tick=tick)


def totals(outcomes: list[Outcome]) -> str:
    """The last line of a build: what was built, what was not (and so not written)."""
    built = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    text = f"{len(built)} built"
    if failed:
        text += f", {len(failed)} failed and not written: " + ", ".join(display_path(o.source) for o in failed)
    return text
