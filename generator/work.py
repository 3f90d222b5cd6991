"""Doing the same job for many briefings: from the cache when nothing changed, and on both
cores when there are enough to be worth a second process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError

PARALLEL_FROM = 6  # fewer briefings than this are quicker in one process


@dataclass
class Laid:
    """One briefing's result: its summary and page plan, or its problems."""

    source: Path
    summary: object = None
    plan: object = None
    problems: list[Problem] = field(default_factory=list)
    from_cache: bool = False


_worker_theme = None


def _init_worker(theme_path: Path | None) -> None:
    global _worker_theme
    if _worker_theme is not None:  # inherited from the parent when processes are forked
        return
    from generator.theme import load_theme

    _worker_theme = load_theme(theme_path)


def worker_theme():
    """The theme loaded in this worker process (see :func:`run_many`)."""
    return _worker_theme


def _lay_out(path: Path, theme=None) -> Laid:
    from generator.layout.page import plan_page
    from generator.loading import load_briefing
    from generator.summary import BriefingSummary

    theme = theme or _worker_theme
    try:
        briefing = load_briefing(path)
        return Laid(path, BriefingSummary.of(briefing), plan_page(briefing, theme))
    except UserError as error:
        return Laid(path, problems=error.problems)


def workers(count: int) -> int:
    return min(os.cpu_count() or 1, 2 if count >= PARALLEL_FROM else 1)


def run_many(function: Callable, items: list, theme_path: Path | None, theme, *, tick: Callable[[], None]) -> list:
    """``function(item)`` for each item, in a process pool if there are enough, in order."""
    jobs = workers(len(items))
    if jobs <= 1:
        results = []
        for item in items:
            results.append(function(item, theme))
            tick()
        return results
    global _worker_theme
    _worker_theme = theme  # forked workers start with it, and with everything already imported
    import multiprocessing  # here, not at the top: one briefing needs no pool (15 ms of start-up)
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(theme_path,)) as pool:
        results = []
        for result in pool.map(function, items, chunksize=max(1, len(items) // (jobs * 4))):
            results.append(result)
            tick()
        return results


def lay_out_all(files: Iterable[Path], sources: dict[Path, bytes], theme_path: Path | None, theme,
                theme_key: bytes, cache, *, tick: Callable[[], None] = lambda: None) -> list[Laid]:
    """Every briefing laid out, from ``cache`` where its content hash is known."""
    files = list(files)
    results: dict[Path, Laid] = {}
    missing: list[Path] = []
    keys = {path: cache.key(sources[path], theme_key) for path in files}
    for path in files:
        cached = cache.get(keys[path])
        if cached is not None:
            summary, plan = cached
            results[path] = Laid(path, summary, plan, from_cache=True)
            tick()
        else:
            missing.append(path)
    for laid in run_many(_lay_out, missing, theme_path, theme, tick=tick):
        results[laid.source] = laid
        if not laid.problems:
            cache.put(keys[laid.source], (laid.summary, laid.plan))
    return [results[path] for path in files]
