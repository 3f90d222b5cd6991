"""Fitting and building single pages.

    python benchmarks/bench_build.py
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    BRIEFING,
    EXAMPLES,
    THEME,
    alternating_ms,
    make_briefings,
    median_ms,
    median_run,
    note_machine,
    report,
    run,
)


@contextmanager
def untagged():
    """Draw without tagging, to measure what tagging costs: every structure call does nothing."""
    from generator.render import pdf

    class NoTags:
        current = None

        def __init__(self, canvas, lang="en-GB", **_):
            canvas.tagger = None
            self.lang = lang

        @contextmanager
        def element(self, *args, **kwargs):
            yield None

        @contextmanager
        def content(self):
            yield

        @contextmanager
        def artifact(self, kind=None):
            yield

        def begin_in_text(self, *args):
            pass

        def end_in_text(self, *args):
            pass

        def link_annotation(self, *args, **kwargs):
            pass

        def finish(self, **kwargs):
            pass

    tagged_canvas, tagger = pdf.TaggedCanvas, pdf.Tagger
    pdf.Tagger = NoTags
    from reportlab.pdfgen.canvas import Canvas

    pdf.TaggedCanvas = type("PlainCanvas", (Canvas,), {"tagger": None})
    try:
        yield
    finally:
        pdf.TaggedCanvas, pdf.Tagger = tagged_canvas, tagger


def main() -> None:
    note_machine()
    from generator.layout.page import plan_page
    from generator.read.briefing import load_briefing
    from generator.read.theme import load_theme
    from generator.render.pdf import page_pdf

    theme = load_theme(THEME)
    examples = [load_briefing(path) for path in EXAMPLES]
    with tempfile.TemporaryDirectory() as folder:
        generated = [load_briefing(path) for path in make_briefings(Path(folder) / "g", 100)]
        for briefing in examples:
            plan_page(briefing, theme)  # warm the width caches, as in a long-running build
        fit_examples = median_ms(lambda: [plan_page(b, theme) for b in examples]) / len(examples)
        fit_generated = median_ms(lambda: [plan_page(b, theme) for b in generated], runs=3) / len(generated)
        plans = [(plan_page(b, theme), b) for b in examples]
        def tagged_pages() -> None:
            for plan, briefing in plans:
                page_pdf(plan, briefing, theme)

        def plain_pages() -> None:
            with untagged():
                tagged_pages()

        render, plain = (ms / len(plans) for ms in alternating_ms(tagged_pages, plain_pages))
        one = str(EXAMPLES[3])
        out = str(Path(folder) / "out")
        cold = median_run([*BRIEFING, "build", one, "-o", out, "--theme", str(THEME)], runs=9)
        _, memory = run([*BRIEFING, "build", str(Path(folder) / "g"), "-o", out, "--theme", str(THEME)])
    report([
        ("fitted page, example briefings (median, in-process)", f"{fit_examples:.1f} ms", "target: under 20 ms"),
        ("fitted page, 100 generated briefings (median)", f"{fit_generated:.1f} ms", "target: under 20 ms"),
        ("drawing and writing one page's PDF (median)", f"{render:.1f} ms", ""),
        ("page build (fit + draw), untagged -> tagged", f"{fit_examples + plain:.1f} -> "
         f"{fit_examples + render:.1f} ms ({100 * (render - plain) / (fit_examples + plain):+.0f}%)",
         "target: tagging under +25%"),
        ("cold `briefing build` of one briefing (median of 9)", str(cold), "target: 3 times Typst (bench_typst.py)"),
        ("peak memory, `briefing build` of 100 briefings", f"{memory} MB", ""),
    ])


if __name__ == "__main__":
    main()
