"""QR codes drawn as vector rectangles, so they stay sharp on any printer."""

from __future__ import annotations

import hashlib
import itertools

from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 2  # modules of margin inside the square; the caller puts the code on white


def draw_qr(canvas: Canvas, modules: tuple[str, ...], x: float, y: float, size: float, colour) -> None:
    """Draw a QR code's modules filling the square at (x, y) of side ``size``, quiet zone included.

    Each distinct code is written once per document as a form in module units (whole numbers,
    so the PDF stays small) and placed wherever it is used.
    """
    count = len(modules) + 2 * QUIET_ZONE
    name = "qr" + hashlib.sha1("".join(modules).encode()).hexdigest()[:16]
    if not canvas.hasForm(name):
        canvas.beginForm(name, 0, 0, count, count)
        rectangles = []  # one per run of dark modules in a row, in whole numbers
        for row_index, row in enumerate(modules):
            bottom = count - QUIET_ZONE - 1 - row_index
            column = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark == "1":
                    rectangles.append(f"{column + QUIET_ZONE} {bottom} {length} 1 re")
                column += length
        canvas.setFillColor(colour)
        canvas.addLiteral("\n".join(rectangles) + " f")  # as drawPath(fill=1) writes them, without
        canvas.endForm()  # ReportLab formatting each whole number as a decimal one
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / count, size / count)
    canvas.doForm(name)
    canvas.restoreState()
