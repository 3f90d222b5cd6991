"""QR code encoding: a link's address to a matrix of modules (drawing is in :mod:`.render.qr`).

The encoder is ReportLab's own ``qrencoder`` module. It is loaded from its file rather than
through ``reportlab.graphics.barcode``, whose package import pulls in the whole graphics and
platypus stack (about 0.2 s of start-up) for a module that needs only ``re`` and ``itertools``.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import reportlab


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


@cache
def qr_modules(data: str) -> tuple[str, ...]:
    """The module matrix of a QR code (error correction level M) for ``data``: one string of
    '1' (dark) and '0' (light) per row. Encoding is slow in pure Python, so it is done once per
    address, at layout time, and kept in the cached plan."""
    encoder = _encoder()
    code = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    return tuple("".join("1" if cell else "0" for cell in row) for row in code.modules)


