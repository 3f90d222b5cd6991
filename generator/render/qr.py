"""QR codes drawn as vector rectangles, so they stay sharp on any printer."""

from __future__ import annotations

import functools
import hashlib
import itertools

from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 2  # modules of margin inside the square; the caller puts the code on white


@functools.lru_cache(maxsize=256)
def _drawing(modules: tuple[str, ...]) -> tuple[str, str]:
    """A code's form name and its drawing: one rectangle per run of dark modules in a row, in
    whole numbers (made once per code in a process: a pack links to the same pages again and again)."""
    count = len(modules) + 2 * QUIET_ZONE
    rectangles = []
    for row_index, row in enumerate(modules):
        bottom = count - QUIET_ZONE - 1 - row_index
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark == "1":
                rectangles.append(f"{column + QUIET_ZONE} {bottom} {length} 1 re")
            column += length
    return "qr" + hashlib.sha1("".join(modules).encode()).hexdigest()[:16], "\n".join(rectangles) + " f"


def draw_qr(canvas: Canvas, modules: tuple[str, ...], x: float, y: float, size: float, colour) -> None:
    """Draw a QR code's modules filling the square at (x, y) of side ``size``, quiet zone included.

    Each distinct code is written once per document as a form in module units (whole numbers,
    so the PDF stays small) and placed wherever it is used.
    """
    count = len(modules) + 2 * QUIET_ZONE
    name, drawing = _drawing(modules)
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, count, count)
        canvas.setFillColor(colour)
        canvas.addLiteral(drawing)  # as drawPath(fill=1) writes them, without ReportLab
        canvas.endForm()  # formatting each whole number as a decimal one
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / count, size / count)
    canvas.doForm(name)
    canvas.restoreState()
