"""Doing work in other processes: a few briefings drawn in another process while this one reads the pack."""

from __future__ import annotations

import os

import pytest

from generator.work import run_alongside

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="processes are forked only where they can be")


def test_items_are_done_in_another_process_while_this_one_works():
    here = os.getpid()
    meanwhile = []
    ticks = []
    results = run_alongside(lambda item, theme: (item * 2, os.getpid()), [1, 2, 3], None,
                            lambda: meanwhile.append(os.getpid()), tick=lambda: ticks.append(1))
    assert [value for value, _ in results] == [2, 4, 6]
    assert {pid for _, pid in results} != {here}
    assert meanwhile == [here] and len(ticks) == 3


def test_a_bug_in_the_other_process_is_reported_with_its_traceback():
    def broken(item, theme):
        raise ZeroDivisionError("the other process failed")

    with pytest.raises(RuntimeError, match="ZeroDivisionError: the other process failed"):
        run_alongside(broken, [1], None, lambda: None, tick=lambda: None)


def test_when_this_process_fails_the_other_is_ended():
    def failing():
        raise KeyError("here")

    with pytest.raises(KeyError):
        run_alongside(lambda item, theme: item, [1], None, failing, tick=lambda: None)
    with pytest.raises(ChildProcessError):  # no other process is left behind, not even as a zombie
        os.waitpid(-1, os.WNOHANG)


def test_when_no_process_can_be_forked_the_jobs_are_done_one_after_the_other(monkeypatch):
    def refuse():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    order = []
    results = run_alongside(lambda item, theme: order.append(item) or item + 1, [1, 2], None,
                            lambda: order.append("alongside"), tick=lambda: None)
    assert results == [2, 3] and order == ["alongside", 1, 2]
