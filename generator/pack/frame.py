"""What :func:`generator.pack.draw.render_frame` gives :mod:`generator.pack.assembly`: the pack's
own pages as drawn, and where every page goes. Kept apart from the drawing code, so that a pack
put together from cached pages does not load ReportLab to read its cached frame."""

from __future__ import annotations

from dataclasses import dataclass

from generator.pack.order import Slot


@dataclass(frozen=True)
class Stamp:
    """A page number to print on a briefing or record sheet page: text, place and colour."""

    text: str
    x: float
    y: float
    size: float
    rgb: tuple[float, float, float]


@dataclass(frozen=True)
class Frame:
    """The pack's own pages, as drawn by :func:`generator.pack.draw.render_frame`, and where
    every page goes."""

    pdf: bytes
    slots: list[Slot]
    stamps: dict[int, Stamp]  # physical index of a briefing or record sheet page -> its page number
    number_font: str  # BaseFont of the frame's font whose codes for the stamps' text are their ASCII codes
    names: tuple[str, str] = ("Contents", "Cover")  # the bookmark and page label, in the pack's language

    def to_data(self) -> dict:
        """All but the PDF, as JSON data for the cache."""
        return {"slots": [[slot.kind, slot.index] for slot in self.slots],
                "stamps": [[physical, stamp.text, stamp.x, stamp.y, stamp.size, list(stamp.rgb)]
                           for physical, stamp in sorted(self.stamps.items())],
                "number_font": self.number_font, "names": list(self.names)}

    @classmethod
    def from_data(cls, pdf: bytes, data: dict) -> Frame:
        """From :meth:`to_data`'s JSON and the PDF (raises ValueError, KeyError or TypeError if it
        is not that)."""
        stamps = {int(physical): Stamp(str(text), float(x), float(y), float(size), tuple(map(float, rgb)))
                  for physical, text, x, y, size, rgb in data["stamps"]}
        contents, cover = data["names"]
        return cls(pdf, [Slot(str(kind), int(index)) for kind, index in data["slots"]],
                   stamps, str(data["number_font"]), (str(contents), str(cover)))
