"""Capacity: the most body words a briefing can hold on one page at each body size.

A dense briefing (benchmarks/dense.py) is made from the example briefings' own sentences,
shared among the seven sections as real dense briefings share them, with two links in
section 7 (plus the theme's feedback link, if it has one). For each size from 9 to
12 pt the theme's smallest and largest sizes are both set to it, and the word count is
searched for the largest that still fits.

    python benchmarks/bench_capacity.py [--theme assets/north-lincs/theme.yaml]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import THEME
from benchmarks.dense import dense_briefing
from generator.errors import UserError
from generator.layout.page import fit_size
from generator.read.briefing import load_briefing
from generator.read.spec import BodySize
from generator.read.theme import load_theme

SIZES = (9.0, 10.0, 11.0, 12.0)
def fits(words: int, theme, folder: Path) -> bool:
    try:
        fit_size(load_briefing(dense_briefing(words, folder)), theme)
    except UserError:
        return False
    return True


def capacity(theme, size: float, folder: Path) -> int:
    """The largest word count that fits at ``size`` (bisection over 50 to 2,000 words)."""
    settings = replace(theme.file.settings, body_size=BodySize(size, size))
    fixed = replace(theme, file=replace(theme.file, settings=settings))
    low, high = 50, 2000
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle, fixed, folder) else (low, middle)
    return low


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", type=Path, default=THEME)
    args = parser.parse_args()
    theme = load_theme(args.theme)
    with tempfile.TemporaryDirectory() as folder:
        print(f"capacity with {args.theme.relative_to(Path.cwd()) if args.theme.is_absolute() else args.theme}"
              f" (two links in section 7):")
        print("| body size | most body words that fit |")
        print("|---|---|")
        for size in SIZES:
            print(f"| {size:g} pt | {capacity(theme, size, Path(folder))} |")
        try:
            size = f"fits at {fit_size(load_briefing(dense_briefing(640, Path(folder))), theme):g} pt"
        except UserError as error:
            size = f"does not fit: {error.problems[0].message}"
        print(f"the dense briefing of 640 body words: {size}")


if __name__ == "__main__":
    main()
