"""``briefing preview``: PNG pictures of each briefing's page, for emails, newsletters and intranets.

pypdfium2 renders in-process, with no system packages. A briefing's old pictures are removed when
new ones are written, so a folder never holds a stale page next to a fresh one.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from generator.commands.build import PLAIN, BuildOptions, Outcome, reviewed
from generator.errors import Problem
from generator.files import write_atomic


def png_pages(pdf: bytes, dpi: int) -> list[bytes]:
    """Each page of a PDF as PNG bytes at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pages = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            pages.append(buffer.getvalue())
    finally:
        document.close()
    return pages


def write_pngs(stem: str, pages: list[bytes], out_dir: Path) -> list[Path]:
    """``stem.png`` for one page, ``stem-1.png`` ... for several; older pictures of ``stem`` go."""
    names = [f"{stem}.png"] if len(pages) == 1 else [f"{stem}-{n}.png" for n in range(1, len(pages) + 1)]
    written = []
    for name, data in zip(names, pages, strict=True):
        written.append(out_dir / name)
        write_atomic(written[-1], data)
    pattern = re.compile(rf"^{re.escape(stem)}(-\d+)?\.png$")
    for old in out_dir.glob(f"{stem}*.png"):
        if pattern.match(old.name) and old not in written:
            old.unlink()
    return written


def preview_one(path: Path, theme, out_dir: Path, dpi: int, options: BuildOptions = PLAIN,
                extra: tuple[Problem, ...] = ()) -> Outcome:
    """PNG pictures of a briefing's page, through the one review and the one gate."""
    from generator.render.pdf import page_pdf

    review, decision = reviewed(path, theme, options, extra)
    if not decision.publish:
        return Outcome(path, problems=decision.stopping, findings=decision.said, found=review.findings)
    briefing = review.briefing
    written = write_pngs(briefing.id, png_pages(page_pdf(review.plan, briefing, theme), dpi), out_dir)
    return Outcome(path, written[0], review.body_size, findings=decision.said, outputs=written,
                   found=review.findings)


def preview_all(paths: list[Path], theme, out_dir: Path, dpi: int, options: BuildOptions = PLAIN
                ) -> tuple[list[Problem], list[Outcome]]:
    from generator.check.gate import refuse_failing_theme
    from generator.check.review import pair_findings, theme_findings

    about_theme = theme_findings(theme)
    refuse_failing_theme(about_theme, strict=options.strict)
    paired = pair_findings(paths, theme)
    return about_theme, [preview_one(path, theme, out_dir, dpi, options, tuple(paired.get(path.resolve(), ())))
                         for path in paths]
