"""What :func:`generator.render.pack.render_frame` gives :mod:`generator.assembly`: the pack's
own pages as drawn, and where every page goes. Kept apart from the drawing code, so that a pack
put together from cached pages does not load ReportLab to read its cached frame."""

from __future__ import annotations

from dataclasses import dataclass

from generator.layout.sequence import Slot


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
    """The pack's own pages, as drawn by :func:`generator.render.pack.render_frame`, and where
    every page goes."""

    pdf: bytes
    slots: list[Slot]
    first_main: int  # the physical index of page "1"
    stamps: dict[int, Stamp]  # physical index of a briefing or record sheet page -> its page number
    number_font: str  # BaseFont of the frame's font whose codes for the stamps' text are their ASCII codes
