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

    return tuple(kept("qr", data.encode("utf-8"), lambda: list(_encoded(data)), shape=_a_code))


def _a_code(rows) -> bool:
    """A QR code's modules: a square of 21 to 177 rows of '0' and '1', 4 more a version, with the
    three finder patterns in their corners."""
    size = len(rows)
    if not (isinstance(rows, list) and 21 <= size <= 177 and (size - 21) % 4 == 0):
        return False
    if not all(isinstance(row, str) and len(row) == size and set(row) <= {"0", "1"} for row in rows):
        return False
    finder = ("1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111")
    return all(rows[i][:7] == finder[i] and rows[i][-7:] == finder[i] and rows[size - 7 + i][:7] == finder[i]
               for i in range(7))


def _encoded(data: str) -> tuple[str, ...]:
    import zxingcpp

    image = memoryview(zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
                       .to_image(scale=1, add_quiet_zones=False))
    rows, columns = image.shape
    pixels = image.tobytes()
    return tuple("".join("1" if pixels[row * columns + column] < 128 else "0" for column in range(columns))
                 for row in range(rows))
