"""The tool beside Typst laying out the same page, each as a whole process, in turn (A B A B ...),
medians printed with their ratio, in two layouts:

- heavy (benchmarks/typst/briefing.typ, the partnership theme): the header band, seven numbered
  boxes in two columns, the body fitted between 12 and 9 pt, the footer;
- lean (benchmarks/typst/lean.typ, the built-in theme, PDF only): issue 36's bare page, a band
  with the title and seven boxes whose bodies are set at one size found by halving between 6
  and 12 pt. This is the comparison the targets are set against.

The tool's output folder is emptied before each of its runs, so every run builds everything.

    python -m pip install -e ".[bench]" && python benchmarks/bench_typst.py

Typst comes from PyPI (the ``typst`` package: the compiler in a Python module). Both are handed
the same briefings and fonts: the tool reads the YAML files, Typst reads the same briefings as
JSON written beforehand (so Typst is not charged for reading YAML). Typst draws no QR codes and
tags its PDF as it does by default; the tool tags everything it draws and embeds a QR code per
link, so the comparison favours Typst.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import BRIEFING, ROOT, THEME, make_briefings, note_machine, report

TEMPLATE = Path(__file__).resolve().parent / "typst" / "briefing.typ"
LEAN = Path(__file__).resolve().parent / "typst" / "lean.typ"
DRIVER = """
import sys, typst
template, fonts, out, *inputs = sys.argv[1:]
for data in inputs:
    name = data.rsplit("/", 1)[-1].removesuffix(".json")
    typst.compile(template, output=f"{out}/{name}.pdf", root="/", font_paths=[fonts], ignore_system_fonts=True,
                  sys_inputs={"data": data})
"""


def as_json(path: Path, theme, folder: Path) -> Path:
    """A briefing as the data Typst's template reads."""
    from generator.colour import palette
    from generator.read.briefing import load_briefing
    from generator.read.markup import Paragraph
    from generator.read.messages import for_briefing

    briefing = load_briefing(path)
    m = for_briefing(briefing, theme)
    c = theme.colours

    def runs(items):
        return [{"text": run.text, "bold": run.bold, "italic": run.italic, "href": run.href} for run in items]

    def blocks(items):
        return [{"kind": "p", "runs": runs(block.runs)} if isinstance(block, Paragraph) else
                {"kind": "list", "ordered": block.ordered, "items": [blocks(item.blocks) for item in block.items]}
                for block in items]

    meta = m("published", date=m.date(briefing.published))
    if briefing.review:
        meta += " · " + m("review_by", date=m.date(briefing.review))
    data = {"title": briefing.title, "subtitle": briefing.subtitle, "label": m.theme("label"), "meta": meta,
            "lang": m.language.split("-")[0], "logo": str(theme.logo) if theme.logo else None,
            "organisation": m.theme("organisation"), "contact": m.theme("contact"),
            "colours": palette(c.primary, c.accent, c.text, c.background),
            "sections": [{"heading": section.heading, "blocks": blocks(section.blocks),
                          "links": [{"label": link.label, "url": link.url} for link in section.links]}
                         for section in briefing.sections]}
    target = folder / f"{path.stem}.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def in_turn(first: list[str], second: list[str], runs: int, empty: Path | None = None) -> tuple[float, float]:
    """Median whole-process seconds of two commands, run in turn; ``empty`` is removed before each
    run of the first (its output folder: nothing is up to date)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, found in ((first, times[0]), (second, times[1])):
            if command is first and empty is not None:
                shutil.rmtree(empty, ignore_errors=True)
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            found.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("Typst is not installed: python -m pip install -e \".[bench]\"") from None
    from generator.assets import shipped_fonts
    from generator.read.theme import load_theme

    note_machine()
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for layout, template, theme_path in (("lean", LEAN, None), ("heavy", TEMPLATE, THEME)):
            theme = load_theme(theme_path)
            for count, runs in ((1, 11), (100, 5)):
                sources = make_briefings(folder / f"in-{count}", count)
                json_folder = folder / f"json-{layout}-{count}"
                json_folder.mkdir()
                data = [as_json(path, theme, json_folder) for path in sources]
                ours = [*BRIEFING, "build", *(map(str, sources) if count == 1 else [str(folder / f"in-{count}")]),
                        "-o", str(folder / "ours"), *(["--theme", str(theme_path)] if theme_path else [])]
                theirs = [sys.executable, "-c", DRIVER, str(template), str(shipped_fonts()), str(folder / "typst"),
                          *map(str, data)]
                (folder / "typst").mkdir(exist_ok=True)
                subprocess.run(theirs, check=True)  # once, to see that it works (and warm the disk cache)
                tool, typst_time = in_turn(ours, theirs, runs, empty=folder / "ours")
                what = f"{layout}: " + ("one briefing, cold" if count == 1 else f"{count} briefings")
                target = ("at most 3" if count == 1 else "at most 0.5") if layout == "lean" else ""
                rows += [(f"{what}: the tool", f"{tool:.3f} s", ""), (f"{what}: Typst", f"{typst_time:.3f} s", ""),
                         (f"{what}: the tool / Typst", f"{tool / typst_time:.2f}", target)]
    report(rows)


if __name__ == "__main__":
    main()
