"""Pictures of pages: each page of a PDF as a PNG (``briefing preview``, the editor's page), drawn
by pypdfium2 in this process, with no system packages."""

from __future__ import annotations

import io


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
