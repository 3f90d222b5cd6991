"""QR codes drawn as vector rectangles, so they stay sharp on any printer."""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float, colour) -> None:
    """Draw a QR code for ``url`` filling the square at (x, y) of side ``size``, quiet zone included."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=2)
    widget.barFillColor = colour
    left, bottom, right, top = widget.getBounds()
    width, height = right - left, top - bottom
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y, showBoundary=False)
