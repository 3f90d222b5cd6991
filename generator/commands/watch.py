"""``--watch``: build again whenever an input of the publication changes, until interrupted.

Each round makes the publication's model afresh (:mod:`generator.publication.model`: the
settings, the theme and every file it names, each briefing, each read once) and builds it with
the one build (:mod:`generator.publication.run`), which makes again only what changed: a
briefing whose bytes changed, all of them when the theme, a file it names (the logo, a font, a
message file, its language rules) or the settings changed. So the watcher sees every input the
model has, and a round publishes what a fresh ``briefing build`` would. watchfiles groups a
burst of saves (an editor writing a file several times, or "save all") and hands them over once
they settle. A briefing with an error is reported and skipped; its last good output stays in
place (every output is written atomically), and the watcher keeps going.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.said import Said
from generator.errors import UserError
from generator.publication.model import Request

BRIEFING_SUFFIXES = (".yaml", ".yml")


@dataclass
class Round:
    """What one round did: what was made again, the problems that stopped something, and what to say."""

    rebuilt: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    said: Said = field(default_factory=Said)

    @property
    def messages(self) -> list[str]:
        return [text for to_error, text in self.said.lines if not to_error]


class Watcher:
    """Keeps the publication ``request`` asks for up to date, round after round."""

    def __init__(self, request: Request):
        self.request = request
        self.inputs: set[Path] = set()  # every file the last model read
        self.folders: set[Path] = set()  # where briefings are (a new one may appear)
        self.roots: list[Path] = []
        self.output: Path | None = None

    def run_once(self) -> Round:
        from generator.commands.said import built
        from generator.publication.model import make
        from generator.publication.run import build

        try:
            publication = make(self.request)
        except UserError as error:
            return Round(problems=[str(problem) for problem in error.problems])
        self.inputs = set(publication.inputs())
        self.folders = {entry.path.parent.resolve() for entry in publication.entries}
        self.folders |= {path.resolve() for path in self.request.paths if path.is_dir()}
        if publication.project is not None:
            self.folders.add(publication.project.briefings.resolve())
        self.roots = sorted({*publication.folders(), *self.folders})
        self.output = publication.output.resolve()
        result = build(publication)
        said = built(publication, result)
        rebuilt = [outcome.source for outcome in result.outcomes if outcome.fresh and outcome.ok]
        rebuilt += [Path(name) for pack in result.packs for name in pack.laid_out]
        problems = [str(problem) for outcome in result.outcomes for problem in outcome.problems]
        problems += [str(problem) for problem in (*result.stopped, *(p for pack in result.packs
                                                                       for p in pack.problems))]
        return Round(rebuilt, problems, said)

    def relevant(self, path: Path) -> bool:
        """Whether a change to ``path`` may change what is built: one of the inputs, or a new
        briefing in a briefings folder; never something in the output folder."""
        path = path.resolve()
        if self.output is not None and path.is_relative_to(self.output):
            return False
        return path in self.inputs or (path.suffix.lower() in BRIEFING_SUFFIXES and path.parent in self.folders) \
            or path.name == "briefing.yaml"


def watch(watcher: Watcher, report: Callable[[Round], None], *, stop_event: threading.Event | None = None,
          step_ms: int = 300, force_polling: bool | None = None) -> None:
    """A round now and after every settled burst of changes to an input; the folders watched
    follow the model (a theme moved to another folder is watched there)."""
    import watchfiles

    report(_round(watcher.run_once))
    while not (stop_event is not None and stop_event.is_set()):
        roots = [root for root in watcher.roots if root.is_dir()] or [Path.cwd()]
        watched = list(roots)
        for _ in watchfiles.watch(*roots, watch_filter=lambda change, name: watcher.relevant(Path(name)),
                                  step=step_ms, debounce=4000, stop_event=stop_event, force_polling=force_polling,
                                  poll_delay_ms=100, raise_interrupt=False):
            report(_round(watcher.run_once))
            if [root for root in watcher.roots if root.is_dir()] != watched:
                break  # the inputs moved: watch where they are now
        else:
            return


def _round(run_once: Callable[[], Round]) -> Round:
    """One round, whatever goes wrong in it: the watcher reports a failure and carries on."""
    try:
        return run_once()
    except UserError as error:
        return Round(problems=[str(p) for p in error.problems])
    except Exception:  # a bug in one round: reported as one, and the next save is tried again
        import traceback

        return Round(problems=[traceback.format_exc().rstrip(),
                               "this round hit an internal error (a bug in the tool, not in your briefing); "
                               "still watching"])
