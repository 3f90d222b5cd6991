"""``--watch``: rebuild when a briefing, the theme or an asset changes, until interrupted.

watchfiles groups a burst of saves (an editor writing a file several times, or "save all") and
hands them over once they settle. Each round rebuilds only the briefings whose content changed,
or all of them when the theme or something it names changed. A briefing with an error is
reported and skipped; its last good PDF stays in place (every output is written atomically),
and the watcher keeps going.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UserError

WATCHED_SUFFIXES = {".yaml", ".yml", ".png", ".jpg", ".jpeg", ".ttf"}


@dataclass
class Round:
    """What one rebuild did: the sources rebuilt, and the problems met."""

    rebuilt: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _digest(path: Path) -> str:
    """What a briefing file holds now ("" if it is not a regular file of a briefing's size)."""
    from generator.files import read_cached
    from generator.read.source import MAX_BYTES

    data = read_cached(path, MAX_BYTES)
    return hashlib.sha256(data).hexdigest() if data is not None else ""


def watch_roots(paths: list[Path], theme_path: Path | None) -> list[Path]:
    """The folders to watch: those holding the briefings, and the theme's."""
    roots = {(p if p.is_dir() else p.parent).resolve() for p in paths}
    if theme_path is not None:
        roots.add(theme_path.resolve().parent)
    return sorted(roots)


class BuildWatcher:
    """Keeps the PDFs (and HTML) of a set of briefings up to date."""

    def __init__(self, paths: list[Path], out_dir: Path, theme_path: Path | None, options):
        self.paths, self.out_dir, self.theme_path, self.options = paths, out_dir, theme_path, options
        self.built: dict[Path, str] = {}
        self.theme_key: bytes | None = None
        self.theme = None

    def run_once(self) -> Round:
        from generator.cache import theme_fingerprint
        from generator.commands.build import build_one
        from generator.files import briefing_files
        from generator.read.theme import load_theme

        result = Round()
        from generator.read.theme import read_theme

        try:
            theme_file = read_theme(self.theme_path)
            key = theme_fingerprint(theme_file)
            if key != self.theme_key:
                self.theme = load_theme(theme_file)
        except UserError as error:
            result.problems += [str(p) for p in error.problems]
            return result
        if key != self.theme_key:
            self.theme_key = key
            self.built.clear()  # a new theme changes every page
            if "html" in self.options.formats:
                from generator.render.html import write_web_assets

                write_web_assets(self.theme, self.out_dir)
        from generator.check.gate import refuse_failing_theme
        from generator.check.review import pair_findings, theme_findings

        try:
            refuse_failing_theme(theme_findings(self.theme), strict=self.options.strict)
        except UserError as error:
            self.theme_key = None  # checked again next round
            result.problems += [str(p) for p in error.problems]
            return result
        try:
            files = briefing_files(self.paths)
        except UserError as error:
            result.problems += [str(p) for p in error.problems]
            return result
        from generator.check.pairs import partners

        versions = partners(files)
        paired = pair_findings(files, self.theme)
        for path in files:
            digest = _digest(path)
            if self.built.get(path) == digest:
                continue
            outcome = build_one(path, self.theme, self.out_dir, self.options, tuple(paired.get(path.resolve(), ())),
                                versions.get(path, ()))
            result.rebuilt.append(path)
            result.messages += [str(f) for f in outcome.findings]
            if outcome.ok:
                self.built[path] = digest
                result.messages.append(f"built {outcome.output} (body {outcome.body_size:g} pt)")
            else:
                self.built.pop(path, None)
                result.problems += [str(p) for p in outcome.problems]
        return result


def pack_round(paths: list[Path], output: Path, theme_path: Path | None, options) -> Round:
    """Rebuild a pack; the plan cache means only changed briefings are laid out again."""
    from generator.commands.pack import make_pack

    result = Round()
    try:
        report = make_pack(paths, output, theme_path, options)
    except UserError as error:
        result.problems += [str(p) for p in error.problems]
        return result
    if report.up_to_date:
        return result
    result.rebuilt = [Path(name) for name in report.laid_out]
    result.messages.append(f"wrote {output}: {len(report.included)} briefings ({len(report.laid_out)} laid out)")
    return result


def watch(run_once: Callable[[], Round], roots: list[Path], ignore: Path, report: Callable[[Round], None], *,
          stop_event: threading.Event | None = None, step_ms: int = 300, force_polling: bool | None = None) -> None:
    """Run ``run_once`` now and after every settled burst of changes under ``roots``."""
    import watchfiles

    ignored = ignore.resolve()

    def relevant(change, name: str) -> bool:
        path = Path(name)
        return path.suffix.lower() in WATCHED_SUFFIXES and not path.resolve().is_relative_to(ignored)

    report(_round(run_once))
    for _ in watchfiles.watch(*roots, watch_filter=relevant, step=step_ms, debounce=4000, stop_event=stop_event,
                              force_polling=force_polling, poll_delay_ms=100, raise_interrupt=False):
        report(_round(run_once))


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
