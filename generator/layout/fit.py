"""Fitting: the one body size for all seven sections, and how the sections share two columns.

The size is the largest, in steps of 0.1 pt between the theme's ``min`` and ``max``, at which
both columns fit the space under the header. Section heights grow with the size, so the search
is a bisection. Sections keep reading order: the first ``k`` fill the left column and the rest
the right, with ``k`` chosen to balance the columns. Each box is as tall as its content (to a
whole step of the layout's grid); the spare height of a column stays white at its foot, never
inside a box (:func:`generator.layout.page.plan_page`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

STEP = 0.1


@dataclass(frozen=True)
class Split:
    """How many sections go in the left column, and the taller column's height."""

    left: int
    tallest: float


@dataclass(frozen=True)
class Fit:
    size: float
    heights: list[float]
    split: Split


@dataclass(frozen=True)
class Overflow:
    """Content that does not fit even at the smallest size."""

    size: float
    heights: list[float]
    split: Split
    over: float  # points beyond the available height


def best_split(heights: list[float], gap: float) -> Split:
    """The contiguous two-column split with the shortest tallest column."""
    best = Split(0, float("inf"))
    total = sum(heights)
    left = 0.0
    count = len(heights)
    for k in range(1, count):
        left += heights[k - 1]
        right = total - left
        tallest = max(left + gap * (k - 1), right + gap * (count - k - 1))
        if tallest < best.tallest:
            best = Split(k, tallest)
    return best


def choose_size(measure: Callable[[float], list[float]], available: float, smallest: float,
                largest: float, gap: float) -> Fit | Overflow:
    """The largest size at which every section fits, or an :class:`Overflow` at the smallest."""
    steps = max(0, round((largest - smallest) / STEP))

    def attempt(step: int) -> tuple[float, list[float], Split]:
        size = round(smallest + step * STEP, 2)
        heights = measure(size)
        return size, heights, best_split(heights, gap)

    size, heights, split = attempt(steps)
    if split.tallest <= available:
        return Fit(size, heights, split)
    size, heights, split = attempt(0)
    if split.tallest > available:
        return Overflow(size, heights, split, split.tallest - available)
    low, high = 0, steps  # low fits, high does not
    best = Fit(size, heights, split)
    while high - low > 1:
        middle = (low + high) // 2
        size, heights, split = attempt(middle)
        if split.tallest <= available:
            low, best = middle, Fit(size, heights, split)
        else:
            high = middle
    return best
