"""``briefing slides``: a 16:9 deck per briefing, for delivering it on a shared screen, through the
one review and the one gate, as every command that publishes."""

from __future__ import annotations

from pathlib import Path

from generator.commands.build import PLAIN, BuildOptions, Outcome, reviewed
from generator.errors import Problem, UserError
from generator.files import write_atomic


def make_deck(path: Path, theme, out_dir: Path, options: BuildOptions = PLAIN,
              extra: tuple[Problem, ...] = ()) -> Outcome:
    from generator.layout.slides import plan_deck
    from generator.render.slides import render_deck

    review, decision = reviewed(path, theme, options, extra)
    if not decision.publish:
        return Outcome(path, problems=decision.stopping, findings=decision.said, found=review.findings)
    try:
        slides = plan_deck(review.briefing, theme)
    except UserError as error:
        return Outcome(path, problems=error.problems, findings=decision.said, found=review.findings)
    target = out_dir / f"{review.briefing.id}-slides.pdf"
    write_atomic(target, render_deck(slides, review.briefing, theme))
    return Outcome(path, target, min((s.body_size for s in slides if s.body_size), default=None),
                   findings=decision.said, outputs=[target], found=review.findings)


def _deck_item(item, theme) -> Outcome:
    path, out_dir, options, extra = item
    return make_deck(path, theme, out_dir, options, extra)


def make_decks(paths: list[Path], theme, out_dir: Path, options: BuildOptions = PLAIN
               ) -> tuple[list[Problem], list[Outcome]]:
    from generator.check.gate import refuse_failing_theme
    from generator.check.review import pair_findings, theme_findings
    from generator.pool import run_many

    about_theme = theme_findings(theme)
    refuse_failing_theme(about_theme, strict=options.strict)
    paired = pair_findings(paths, theme)
    items = [(path, out_dir, options, tuple(paired.get(path.resolve(), ()))) for path in paths]
    return about_theme, run_many(_deck_item, items, theme)
