"""Doing the same job for many briefings, on both cores when there are enough to be worth a
second process, with no worker left behind.

Workers are never forked from a process with threads: a thread (the editor's server,
``--watch``'s file watcher, a library's own, started in C where Python cannot see it) can hold a
lock that a forked child would inherit held, and wait on for ever. So workers are forked from the
command only when the system itself says the command has one thread (on Linux, its
``/proc/self/task`` holds one entry): they then start in a millisecond with everything the
command has loaded, the theme included. Otherwise (a process with threads, macOS, where the
system's own libraries make forking unsafe, and Windows, where there is no fork) they come from
a fork server (a small, single-threaded process started for the purpose, which has imported
what the work needs; where there is none, each worker starts afresh) and are handed the theme as
it was read, so each loads it without reading or checking a file again. A worker ends when the
process that asked for it ends, however it ends, and the pool is stopped at once if that process
is interrupted.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

PARALLEL_FROM = 6  # fewer briefings than this are quicker in one process
# What a worker needs, imported once in the fork server rather than in every worker.
PRELOAD = ["generator.check.review", "generator.layout.page", "generator.render.pdf", "generator.pack.pieces"]

_worker_theme = None


def workers(count: int) -> int:
    return min(os.cpu_count() or 1, 2 if count >= PARALLEL_FROM else 1)


def single_threaded() -> bool:
    """Whether the system says this process has one thread (Linux only: elsewhere, never assumed)."""
    import sys

    if sys.platform != "linux" or os.environ.get("BRIEFING_START_METHOD"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def context():
    """How workers start (see the module's text). ``BRIEFING_START_METHOD=spawn`` starts them as
    Windows does, anywhere (the tests try both ways)."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods() and os.environ.get("BRIEFING_START_METHOD") != "spawn":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def prepare(count: int) -> None:
    """Start the fork server now if ``count`` items will want a pool and the workers cannot be
    forked from this process, so that it imports what they need while this process reads the
    theme and the briefings, rather than after. (Workers forked from this process are started
    when the work is ready: made earlier, they took the second core from the work that decides
    what they are to do, and a build was slower, measured.)"""
    if workers(count) <= 1 or single_threaded():
        return
    context()
    import multiprocessing.forkserver

    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.forkserver.ensure_running()


def run_many(function: Callable, items: list, theme, *, tick: Callable[[], None] = lambda: None) -> list:
    """``function(item, theme)`` for each item, in order: in worker processes if there are
    enough items (see the module's text). An error in a worker is raised here, once every
    worker has ended."""
    jobs = workers(len(items))
    if jobs <= 1:
        results = []
        for item in items:
            results.append(function(item, theme))
            tick()
        return results
    global _worker_theme
    if single_threaded():  # forked: the workers have the loaded theme already (see the module's text)
        import multiprocessing

        _worker_theme = theme
        start, theme_file = multiprocessing.get_context("fork"), None
    else:
        start, theme_file = context(), theme.file
    size = max(1, len(items) // (jobs * 4))
    chunks = [items[at:at + size] for at in range(0, len(items), size)]
    crew = _Crew(start, jobs, function, theme_file)
    try:
        return crew.run(chunks, tick)
    finally:
        crew.stop()


class _Crew:
    """Worker processes, each with its own pipe, handed one chunk of items at a time. Written
    rather than taken from ``multiprocessing.Pool``: when a worker failed, or was stopped while
    it wrote its result, Pool's own threads were seen waiting for ever (on a pipe half written,
    on a lock), and the command with them; here nothing waits without a limit."""

    def __init__(self, start, jobs: int, function: Callable, theme_file):
        self.links, self.workers = [], []
        for _ in range(jobs):
            here, there = start.Pipe()
            worker = start.Process(target=_serve, args=(there, function, theme_file), daemon=True)
            worker.start()
            there.close()
            self.links.append(here)
            self.workers.append(worker)

    def run(self, chunks: list[list], tick: Callable[[], None]) -> list:
        from multiprocessing.connection import wait

        done: dict[int, list] = {}
        waiting = list(range(len(chunks)))[::-1]
        busy: dict = {}
        for link in self.links:
            if waiting:
                number = waiting.pop()
                link.send((number, chunks[number]))
                busy[link] = number
        while busy:
            for link in wait(list(busy)):
                try:
                    number, ok, value = link.recv()
                except EOFError:  # the worker ended without a word: killed, or out of memory
                    raise RuntimeError("a worker process ended before it finished its work") from None
                if not ok:
                    raise value
                done[number] = value
                for _ in value:
                    tick()
                del busy[link]
                if waiting:
                    number = waiting.pop()
                    link.send((number, chunks[number]))
                    busy[link] = number
        return [result for number in range(len(chunks)) for result in done[number]]

    def stop(self) -> None:
        """End every worker: told there is no more work; one still busy (after an error, or
        Ctrl+C) asked to stop (SIGTERM: a file being written is removed), then, after
        :data:`STOP_WAIT`, killed."""
        import time

        for link in self.links:
            with contextlib.suppress(OSError):
                link.send(None)
        deadline = time.monotonic() + STOP_WAIT / 4
        for worker in self.workers:
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.exitcode is None:
                worker.terminate()
        deadline = time.monotonic() + STOP_WAIT
        for worker in self.workers:
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.exitcode is None:
                worker.kill()
                worker.join()
        for link in self.links:
            link.close()


STOP_WAIT = 2.0  # seconds a worker has to end when asked, before it is killed


def _serve(link, function: Callable, theme_file) -> None:
    """A worker: the items of each chunk it is handed, in turn, until it is told to stop."""
    _init_worker(theme_file)
    while True:
        try:
            job = link.recv()
        except EOFError:
            return
        if job is None:
            return
        number, chunk = job
        try:
            link.send((number, True, [function(item, _worker_theme) for item in chunk]))
        except Exception as error:  # said in the command, as the error it is
            try:
                link.send((number, False, error))
            except Exception:  # an error that cannot be sent as it is
                link.send((number, False, RuntimeError(f"{type(error).__name__}: {error}")))


def _init_worker(theme_file) -> None:
    global _worker_theme
    import signal

    signal.signal(signal.SIGTERM, _stopped)  # stopped mid-write: the file being written is removed
    end_with_parent()
    if theme_file is not None:
        from generator.read.theme import load_theme

        _worker_theme = load_theme(theme_file)


def _stopped(signum, frame) -> None:
    raise SystemExit(128 + signum)


def end_with_parent() -> None:
    """End this worker when the process that started it ends (killed, or stopped by a signal),
    instead of waiting for work that will never come."""
    import multiprocessing
    import signal
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os.kill(os.getpid(), signal.SIGTERM)

    # A signal sent to the process goes to any thread that does not block it. Were it the
    # watcher, the main thread, waiting in C for work (on a semaphore), would never run the
    # handler, and the pool that stops it would wait for ever (seen: a build hung at its end).
    # The watcher is started with the signals blocked, so it inherits the mask from its birth.
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        threading.Thread(target=watch, daemon=True, name="end-with-parent").start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
