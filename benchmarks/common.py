"""Shared helpers for the benchmarks: realistic inputs, medians, whole-process timing, peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The English examples: the Welsh one's pair would be a pair in every copy, and earlier versions
# (compared with in the paired figures) could not build Welsh.
EXAMPLES = [path for path in sorted((ROOT / "briefings").glob("*.yaml")) if not path.name.endswith(".cy.yaml")]
THEME = ROOT / "assets" / "north-lincs" / "theme.yaml"
BRIEFING = [sys.executable, "-m", "generator"]
# The commands measured name their briefings, theme and output: the repository's own
# briefing.yaml (the example publication) is not read, as in a folder that is not a project.
os.environ["BRIEFING_NO_PROJECT"] = "1"


def compile_package() -> None:
    """Byte-compile the package, as pip does when it installs it. Without this, a machine with
    PYTHONDONTWRITEBYTECODE set (this one has) compiles every module on every run, which is not
    what a user's installed tool does."""
    import compileall

    compileall.compile_dir(str(ROOT / "generator"), quiet=1)


compile_package()


def make_briefings(folder: Path, count: int) -> list[Path]:
    """``count`` real-sized briefings: the examples, each copy with its own title (so its own hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        source = EXAMPLES[number % len(EXAMPLES)]
        text = source.read_text(encoding="utf-8")
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if line.startswith("title: "):
                title = line[len("title: "):].strip().strip('"')
                lines[index] = f'title: "{title[:100]} ({number + 1})"'
                break
        path = folder / f"{number:04d}-{source.name}"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def median_ms(function: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(args: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Run a command; return (seconds, peak resident memory in MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd or ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(map(str, args))}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


@dataclass(frozen=True)
class Timing:
    """Whole-process seconds over several runs. The median is the figure; the fastest run is the
    one least disturbed by whatever else the shared machine was doing."""

    median: float
    fastest: float

    def __str__(self) -> str:
        return f"{self.median:.2f} s (fastest {self.fastest:.2f})"


def median_run(args: list[str], runs: int = 5, before: Callable[[], object] | None = None) -> Timing:
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(run(args)[0])
    return Timing(statistics.median(times), min(times))


def alternating_ms(first: Callable[[], object], second: Callable[[], object], runs: int = 9) -> tuple[float, float]:
    """Median milliseconds of two functions timed in turn, so that both see the same moments."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, found in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            function()
            found.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def machine_speed() -> float:
    """Seconds for a fixed piece of pure-Python work (the median of 3). The shared machines the
    figures come from run the same work up to 1.7 times slower at some times than at others;
    this number, printed with every report, says which kind of moment the figures were taken in."""

    return median_ms(_work, runs=3) / 1000


def _work() -> None:
    total = 0
    for number in range(2_000_000):
        total += number


def cores_free() -> float:
    """The reference loop run in two processes at once, against once alone (the median of 3): 1.0
    when both cores are free for this work, 2.0 when only one is. Parallel work (a cold pack)
    depends on this, which the reference loop alone does not show."""
    import multiprocessing

    def pair() -> None:
        other = multiprocessing.get_context("fork").Process(target=_work)
        other.start()
        _work()
        other.join()

    alone = median_ms(_work, runs=3)
    return median_ms(pair, runs=3) / alone


_AT_START: list[tuple[float, float]] = []


def note_machine() -> None:
    """Take the machine's measure before the figures (see :func:`report`)."""
    _AT_START.append((machine_speed(), cores_free()))


def report(rows: list[tuple[str, str, str]]) -> None:
    """Print the figures, then the machine's measure before and after them: figures taken while
    it was slow or had one core free are not the machine's usual figures."""
    speed, cores = machine_speed(), cores_free()
    before = _AT_START[0] if _AT_START else None
    rows = [*rows,
            ("reference loop (machine speed: lower is faster), before / after",
             f"{before[0]:.2f} / {speed:.2f} s" if before else f"{speed:.2f} s", ""),
            ("two reference loops at once / one (1.0: both cores free), before / after",
             f"{before[1]:.1f} / {cores:.1f}" if before else f"{cores:.1f}", "")]
    width = max(len(name) for name, _, _ in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")
