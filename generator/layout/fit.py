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
                largest: float, gap: float, *, fits_from: float | None = None) -> Fit | Overflow:
    """The largest size at which every section fits, or an :class:`Overflow` at the smallest.
    ``fits_from``: a size known to fit (a briefing fits at least as large with hyphenation as
    without), so no smaller one is tried.

    The search is a bisection, started where the answer is likely to be: set at a size ``s``,
    a section's height grows about as ``s`` squared (each line is ``s`` high and holds words in
    proportion to ``1/s``), so the size that fits is about ``largest * sqrt(available / tallest)``,
    where ``tallest`` is the taller column at the largest size. The steps either side of that
    estimate are tried first; where the estimate is right (the examples: four in five pages),
    three sizes are set instead of seven. The answer is the one bisection gives, as heights
    only grow with the size."""
    steps = max(0, round((largest - smallest) / STEP))
    tried: dict[int, tuple[float, list[float], Split]] = {}

    def attempt(step: int) -> tuple[float, list[float], Split]:
        if step not in tried:
            size = round(smallest + step * STEP, 2)
            heights = measure(size)
            tried[step] = size, heights, best_split(heights, gap)
        return tried[step]

    def fits(step: int) -> bool:
        return attempt(step)[2].tallest <= available

    if fits(steps):
        return Fit(*attempt(steps))
    low = -1  # the largest step known to fit (-1: none yet), and the smallest known not to
    if fits_from is not None:
        low = min(steps - 1, max(0, round((fits_from - smallest) / STEP)))
    high = steps
    tallest = attempt(steps)[2].tallest
    estimate = largest * (available / tallest) ** 0.5 if tallest > 0 else smallest
    guess = min(high - 1, max(low + 1, int((estimate - smallest) / STEP)))
    if guess > low:  # the estimate, then the step above or below it, as it fits or not
        if fits(guess):
            low = guess
            if guess + 1 < high:
                if fits(guess + 1):
                    low = guess + 1
                else:
                    high = guess + 1
        else:
            high = guess
            if guess - 1 > low:
                if fits(guess - 1):
                    low = guess - 1
                else:
                    high = guess - 1
    if low < 0:  # not even near the estimate: is there room at the smallest size at all?
        if not fits(0):
            size, heights, split = attempt(0)
            return Overflow(size, heights, split, split.tallest - available)
        low = 0
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return Fit(*attempt(low))
