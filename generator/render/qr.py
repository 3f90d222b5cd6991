"""QR codes drawn as vector rectangles, so they stay sharp on any printer.

The encoder is ReportLab's own ``qrencoder`` module. It is loaded from its file rather than
through ``reportlab.graphics.barcode``, whose package import pulls in the whole graphics and
platypus stack (about 0.2 s of start-up) for a module that needs only ``re`` and ``itertools``.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import reportlab
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 2  # modules of margin inside the square; the caller puts the code on white


@cache
def _encoder() -> ModuleType:
    name = "reportlab.graphics.barcode.qrencoder"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("_briefing_qrencoder", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def qr_modules(data: str) -> list[list[bool]]:
    """The dark/light module matrix of a QR code (error correction level M) for ``data``."""
    encoder = _encoder()
    code = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    return [[bool(cell) for cell in row] for row in code.modules]


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float, colour) -> None:
    """Draw a QR code for ``url`` filling the square at (x, y) of side ``size``, quiet zone included."""
    modules = qr_modules(url)
    count = len(modules)
    cell = size / (count + 2 * QUIET_ZONE)
    path = canvas.beginPath()
    for row_index, row in enumerate(modules):
        top = y + size - (row_index + QUIET_ZONE + 1) * cell
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(x + (column + QUIET_ZONE) * cell, top, length * cell, cell)
            column += length
    canvas.saveState()
    canvas.setFillColor(colour)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
