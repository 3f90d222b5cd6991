"""QR code encoding: a link's address to a matrix of modules (drawing is in :mod:`.render.qr`).

The encoder is zxing-cpp's (a compiled library): about 1 ms a code, where ReportLab's
pure-Python ``qrencoder`` took 12 to 15 ms, which in a pack of briefings that each link to their
own reports added up to seconds. Error correction is level M (15% of a code may be damaged,
enough for a creased handout). zxing-cpp is pinned: another release may choose another mask
pattern, which is still a valid code but different bytes.
"""

from __future__ import annotations

from functools import cache


@cache
def qr_modules(data: str) -> tuple[str, ...]:
    """The module matrix of a QR code (error correction level M) for ``data``, without its quiet
    zone: one string of '1' (dark) and '0' (light) per row. Done once per address, at layout
    time, kept in the plan, and kept between runs (:mod:`generator.tables`)."""
    from generator.tables import kept

    return tuple(kept("qr", data.encode("utf-8"), lambda: list(_encoded(data))))


def _encoded(data: str) -> tuple[str, ...]:
    import zxingcpp

    image = memoryview(zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
                       .to_image(scale=1, add_quiet_zones=False))
    rows, columns = image.shape
    pixels = image.tobytes()
    return tuple("".join("1" if pixels[row * columns + column] < 128 else "0" for column in range(columns))
                 for row in range(rows))
