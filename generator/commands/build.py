"""``briefing build``: each briefing file to ``<id>.pdf`` (and its web page, and its record sheet),
through the one review and the one gate; one failure does not stop the others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.files import write_atomic
from generator.read.theme import Theme


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = ("pdf",)
    strict: bool = False  # warnings stop a briefing too
    record_sheet: bool = False  # its fillable Record of discussion too, NAME-record.pdf
    rules: Path | None = None  # an extra language rule file


PLAIN = BuildOptions()


@dataclass
class Outcome:
    """What happened to one briefing."""

    source: Path
    output: Path | None = None
    body_size: float | None = None
    problems: list[Problem] = field(default_factory=list)  # what stopped it (the gate's)
    findings: list[Problem] = field(default_factory=list)  # what the review said that did not stop it
    outputs: list[Path] = field(default_factory=list)
    found: list[Problem] = field(default_factory=list)  # everything the review found, as it found it

    @property
    def ok(self) -> bool:
        return self.output is not None


FORMATS = ("pdf", "html")


def reviewed(path: Path, theme: Theme, options: BuildOptions, extra: tuple[Problem, ...] = (),
             today: dt.date | None = None):
    """The one review of ``path`` (with ``extra`` findings about it, its language pairs), and the
    one gate's decision on it: what every command that publishes a briefing starts with."""
    from generator.check.gate import decide
    from generator.check.review import ReviewOptions, review_file

    review = review_file(path, theme, ReviewOptions(today or dt.date.today(), options.rules))
    review.findings = sorted([*review.findings, *extra])
    return review, decide(review.findings, strict=options.strict)


def build_one(path: Path, theme: Theme, out_dir: Path, options: BuildOptions = PLAIN,
              extra: tuple[Problem, ...] = (), versions: tuple[Path, ...] = ()) -> Outcome:
    """Review one briefing and, if the gate lets it through, write it in every format asked for.
    ``versions``: the same briefing in other languages, built beside it: its web page links them."""
    review, decision = reviewed(path, theme, options, extra)
    if not decision.publish:
        return Outcome(path, problems=decision.stopping, findings=decision.said, found=review.findings)
    outputs = render_outputs(review, theme, out_dir, options, versions)
    for target, data in outputs.items():
        write_atomic(target, data)
    return Outcome(path, next(iter(outputs)), review.body_size, findings=decision.said, outputs=list(outputs),
                   found=review.findings)


def render_outputs(review, theme: Theme, out_dir: Path, options: BuildOptions,
                   versions: tuple[Path, ...] = ()) -> dict[Path, bytes]:
    """What a reviewed briefing becomes, by the file each is written to: its page's PDF, its
    record sheet, its web page."""
    briefing, plan = review.briefing, review.plan
    outputs: dict[Path, bytes] = {}
    if "pdf" in options.formats:
        from generator.render.pdf import page_pdf

        outputs[out_dir / f"{briefing.id}.pdf"] = page_pdf(plan, briefing, theme)
    if options.record_sheet:
        from generator.sheets.draw import render_record_sheet

        outputs[out_dir / f"{briefing.id}-record.pdf"] = render_record_sheet(review.facts, theme, briefing.version)
    if "html" in options.formats:
        from generator.errors import UserError
        from generator.read.briefing import BriefingFacts, load_briefing
        from generator.render.html import briefing_html

        others = []
        for other in versions:
            try:
                others.append((BriefingFacts.of(load_briefing(other)), f"{other.stem}.html"))
            except UserError:  # reported when that version is built
                continue
        outputs[out_dir / f"{briefing.id}.html"] = briefing_html(briefing, theme, versions=others).encode("utf-8")
    return outputs


def _build_item(item, theme) -> Outcome:
    path, out_dir, options, extra, versions = item
    return build_one(path, theme, out_dir, options, extra, versions)


def build_all(paths: list[Path], theme: Theme, out_dir: Path, options: BuildOptions = PLAIN,
              tick=lambda: None) -> tuple[list[Problem], list[Outcome]]:
    """Build every briefing, on both cores when there are enough; ``tick`` after each one. The
    theme's findings come first, and a theme that fails contrast stops them all, as ``check``
    refuses it. Returns the theme's findings and each briefing's outcome."""
    from generator.check.gate import refuse_failing_theme
    from generator.check.pairs import partners
    from generator.check.review import pair_findings, theme_findings
    from generator.pool import run_many

    about_theme = theme_findings(theme)
    refuse_failing_theme(about_theme, strict=options.strict)
    if "html" in options.formats:
        from generator.render.html import write_web_assets

        write_web_assets(theme, out_dir)  # the stylesheet, fonts and logo every page shares
    versions = partners(paths)
    paired = pair_findings(paths, theme)
    items = [(path, out_dir, options, tuple(paired.get(path.resolve(), ())), versions.get(path, ()))
             for path in paths]
    return about_theme, run_many(_build_item, items, theme, tick=tick)
