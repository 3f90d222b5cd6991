"""``briefing slides``: a 16:9 deck per briefing, for delivering it on a shared screen."""

from __future__ import annotations

from pathlib import Path

from generator.commands.build import Outcome
from generator.errors import UserError
from generator.files import write_atomic


def make_deck(path: Path, theme, out_dir: Path) -> Outcome:
    from generator.layout.slides import plan_deck
    from generator.read.briefing import load_briefing
    from generator.render.slides import render_deck

    try:
        briefing = load_briefing(path)
        slides = plan_deck(briefing, theme)
    except UserError as error:
        return Outcome(path, problems=error.problems)
    target = out_dir / f"{briefing.id}-slides.pdf"
    write_atomic(target, render_deck(slides, briefing, theme))
    return Outcome(path, target, min((s.body_size for s in slides if s.body_size), default=None),
                   outputs=[target])


def _deck_item(item, theme=None) -> Outcome:
    path, out_dir = item
    return make_deck(path, theme, out_dir)


def make_decks(paths: list[Path], theme, out_dir: Path, theme_path: Path | None) -> list[Outcome]:
    from generator.pool import run_many

    return run_many(_deck_item, [(path, out_dir) for path in paths], theme_path, theme, tick=lambda: None)
