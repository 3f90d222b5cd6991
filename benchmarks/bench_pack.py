"""`briefing pack`: 100 briefings cold, warm and with one changed; memory for 500; size per page.

    python benchmarks/bench_pack.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import BRIEFING, THEME, make_briefings, median_ms, median_run, note_machine, report, run


def main() -> None:
    note_machine()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = make_briefings(root / "b100", 100)
        output = root / "out" / "pack.pdf"
        command = [*BRIEFING, "pack", str(root / "b100"), "-o", str(output), "--theme", str(THEME)]

        def clear() -> None:
            shutil.rmtree(root / "out", ignore_errors=True)

        cold = median_run(command, before=clear)
        run(command)
        warm = median_run(command, runs=9)
        target = paths[17]
        original = target.read_text(encoding="utf-8")
        flip = [0]

        def edit() -> None:
            flip[0] += 1
            target.write_text(original.replace("Background", f"Background {flip[0]}", 1), encoding="utf-8")

        changed = median_run(command, before=edit, runs=9)
        size = output.stat().st_size

        from generator.commands.pack import make_pack, pack_settings

        def rebuild() -> None:  # what `briefing pack --watch` does after a save: one process throughout
            edit()
            make_pack([root / "b100"], output, THEME, pack_settings())

        rebuild()  # imports and first use, as a watcher has done before the first save
        watching = median_ms(rebuild, runs=9) / 1000
        make_briefings(root / "b500", 500)
        _, memory = run([*BRIEFING, "pack", str(root / "b500"), "-o", str(root / "out500" / "pack.pdf"),
                         "--theme", str(THEME)])
    report([
        ("100-briefing pack, cold (median of 5, whole process)", str(cold), "target: under 1.5 s"),
        ("100-briefing pack, warm: nothing changed (median of 9)", str(warm), "target: under 0.3 s"),
        ("100-briefing pack, one briefing changed (median of 9)", str(changed), "target: under 1.0 s"),
        ("the same, in a process that stays (as `--watch`), in-process", f"{watching:.2f} s", ""),
        ("500-briefing pack, peak memory", f"{memory} MB", "target: under 300 MB"),
        ("file size per briefing page, 100-briefing pack", f"{size / 100 / 1024:.1f} KB", "target: under 8 KB"),
    ])


if __name__ == "__main__":
    main()
