"""Doing work in other processes: results in order, and no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from generator.pool import run_many


def _double(item, theme):
    return item * 2, os.getpid()


def _wait(item, theme):
    os.write(1, f"{os.getpid()}\n".encode())  # one write: two workers' lines never interleave
    time.sleep(60)


def test_many_items_are_done_in_worker_processes_in_order(default_theme):
    ticks = []
    results = run_many(_double, list(range(12)), default_theme, tick=lambda: ticks.append(1))
    assert [value for value, _ in results] == [item * 2 for item in range(12)]
    if (os.cpu_count() or 1) > 1:
        assert os.getpid() not in {pid for _, pid in results}
    assert len(ticks) == 12


def test_few_items_are_done_here(default_theme):
    assert run_many(_double, [1, 2], default_theme) == [(2, os.getpid()), (4, os.getpid())]


_SLEEPER = """
from generator.pool import run_many
from generator.read.theme import load_theme
from tests.test_pool import _wait
run_many(_wait, list(range(8)), load_theme(None))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as handle:  # a zombie has ended; only its entry is left
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:  # reaped since
        return False


@pytest.mark.skipif(not os.path.isdir("/proc") or (os.cpu_count() or 1) < 2, reason="needs /proc and two cores")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_workers_end_when_their_parent_ends(how):
    parent = subprocess.Popen([sys.executable, "-c", _SLEEPER], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    lines = [parent.stdout.readline(), parent.stdout.readline()]
    if not all(line.strip().isdigit() for line in lines):
        parent.kill()
        pytest.fail(f"the pool did not start: {lines} {parent.stderr.read()[-2000:]}")
    workers = {int(line) for line in lines}
    assert parent.pid not in workers
    parent.send_signal(how)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its parent"


def test_workers_are_never_forked_from_the_running_process():
    """A forked child inherits every lock another thread held at the fork (the editor's server,
    --watch, a library's own threads): workers come from the fork server, threads or not."""
    code = ("from generator import pool; import threading; "
            "first = pool.context().get_start_method(); "
            "stop = threading.Event(); threading.Thread(target=stop.wait).start(); "
            "second = pool.context().get_start_method(); stop.set(); print(first, second)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    expected = "forkserver" if sys.platform != "win32" else "spawn"
    assert found.stdout.split() == [expected, expected]


def _watcher_blocks_signals(item, theme):
    """In a worker: whether the thread that ends it with its parent blocks SIGTERM and SIGINT, so
    that a signal to stop always reaches the main thread (which runs the handler)."""
    import threading

    watcher = next(thread for thread in threading.enumerate() if thread.name == "end-with-parent")
    with open(f"/proc/self/task/{watcher.native_id}/status", encoding="ascii") as status:
        blocked = int(next(line for line in status if line.startswith("SigBlk:")).split()[1], 16)
    with open(f"/proc/self/task/{threading.main_thread().native_id}/status", encoding="ascii") as status:
        main = int(next(line for line in status if line.startswith("SigBlk:")).split()[1], 16)
    bit = lambda number: 1 << (number - 1)  # noqa: E731
    return bool(blocked & bit(signal.SIGTERM)) and bool(blocked & bit(signal.SIGINT)) and not main & bit(signal.SIGTERM)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the signal masks in /proc")
def test_a_stop_signal_always_reaches_the_worker_s_main_thread(default_theme):
    # the watcher inheriting a mask that lets SIGTERM in left a pool waiting for ever on a worker
    # whose main thread never ran the handler (a hang seen at the end of a build)
    assert run_many(_watcher_blocks_signals, list(range(8)), default_theme) == [True] * 8


def _fails_once(item, theme):
    if item == 3:
        raise ValueError("the third briefing went wrong")
    return b"x" * 2_000_000  # results larger than a pipe holds: a worker is writing when the error comes


def test_an_error_in_a_worker_is_raised_at_once_and_no_worker_is_left_waiting(default_theme):
    with pytest.raises(ValueError, match="third briefing"):  # (it hung before: a worker outlived its signal)
        run_many(_fails_once, list(range(12)), default_theme)
    import multiprocessing

    assert multiprocessing.active_children() == []
