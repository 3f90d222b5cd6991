"""`briefing check` over 200 valid briefings: whole-process and in-process.

    python benchmarks/bench_check.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import BRIEFING, make_briefings, median_ms, median_run, note_machine, report


def main() -> None:
    note_machine()
    from generator.commands.check import check_files
    from generator.read.briefing import load_briefing

    with tempfile.TemporaryDirectory() as folder:
        paths = make_briefings(Path(folder) / "b", 200)
        check_files(paths[:1])  # imports and first-use set-up, as the command has done before its work
        work = median_ms(lambda: check_files(paths), runs=5)
        validation = median_ms(lambda: [load_briefing(path) for path in paths], runs=5)
        whole = median_run([*BRIEFING, "check", str(Path(folder) / "b")])
        startup = median_run([*BRIEFING, "--version"])
    report([
        ("validate 200 briefings (issue 2's check), in-process", f"{validation:.0f} ms", "target: well under 1 s"),
        ("check 200 briefings with every rule, in-process (median of 5)", f"{work:.0f} ms", ""),
        ("check 200 briefings, whole process (median of 5)", str(whole), "target: under 2 s"),
        ("start-up: briefing --version (median of 5)", str(startup), ""),
    ])


if __name__ == "__main__":
    main()
