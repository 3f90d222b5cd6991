"""Doing the same job for many briefings, on both cores when there are enough to be worth a
second process, with no worker left behind."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

PARALLEL_FROM = 6  # fewer briefings than this are quicker in one process


_worker_theme = None


def _init_worker(theme_path: Path | None, parent: int) -> None:
    global _worker_theme
    _end_with_parent(parent)
    if _worker_theme is None:  # else inherited from the parent when processes are forked
        _worker_theme = _loaded(theme_path)


def workers(count: int) -> int:
    return min(os.cpu_count() or 1, 2 if count >= PARALLEL_FROM else 1)


def run_many(function: Callable, items: list, theme_path: Path | None, theme, *, tick: Callable[[], None]) -> list:
    """``function(item, theme)`` for each item, in order: in a pool of processes if there are
    enough items. The workers end when this process ends, however it ends (see
    :func:`_end_with_parent`), and are stopped at once if this process is interrupted."""
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

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(theme_path, os.getpid())) as pool:
        results = []  # leaving the block, normally or not, terminates the workers
        for result in pool.imap(_call, [(function, item) for item in items],
                                chunksize=max(1, len(items) // (jobs * 4))):
            results.append(result)
            tick()
        return results


def _call(job):
    function, item = job
    return function(item, _worker_theme)


def _end_with_parent(parent: int) -> None:
    """End this worker if the process that started it ends (killed, or stopped by a signal),
    instead of waiting for work that will never come."""
    import signal
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True, name="end-with-parent").start()


def _loaded(theme_path: Path | None):
    from generator.read.theme import load_theme

    return load_theme(theme_path)
