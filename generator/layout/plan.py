"""The finished layout of one page: every line, box and code placed, in reading order.

Renderers draw a plan and measure nothing. Each text block carries its structural role (H1, H2,
P, Lbl, LBody, ...) so that the drawing layer is the one place where structure is known.
Coordinates are PDF points from the bottom-left corner of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.layout.text import Line


@dataclass
class TextBlock:
    """Lines that belong to one structural element, drawn at one size in one colour."""

    role: str  # H1, H2, P, Lbl, LBody, Caption, Artifact ...
    x: float
    y: float  # baseline of the first line
    size: float
    leading: float
    colour: str  # a theme colour name: text, primary, accent, on_primary, muted
    lines: list[Line]
    lang: str | None = None  # where it is not in the document's language (a bilingual cover)

    @property
    def text(self) -> str:
        return "\n".join("".join(piece.text for _, piece, _ in line.parts) for line in self.lines)


@dataclass
class ListItemPlan:
    label: TextBlock
    body: list[TextBlock | ListPlan]


@dataclass
class ListPlan:
    ordered: bool
    items: list[ListItemPlan]


@dataclass
class LinkPlan:
    """A ``links:`` entry: its label and address, and its QR code if the theme wants one."""

    url: str
    label: TextBlock
    address: TextBlock
    qr: tuple[float, float, float] | None  # x, y (bottom-left), size
    qr_modules: tuple[str, ...] = ()  # rows of '1' (dark) and '0' (light)


@dataclass
class SectionPlan:
    number: int
    box: tuple[float, float, float, float]  # x, y (bottom-left), width, height
    badge: tuple[float, float, float]  # centre x, centre y, radius
    number_size: float
    heading: TextBlock
    body: list[TextBlock | ListPlan]
    links: list[LinkPlan]


@dataclass
class HeaderPlan:
    band: tuple[float, float, float, float]
    label: TextBlock
    title: TextBlock
    subtitle: TextBlock | None
    meta: TextBlock  # the dates, on one line
    logo: tuple[float, float, float, float] | None  # x, y, width, height of the image itself
    logo_plate: tuple[float, float, float, float] | None
    audience: TextBlock | None = None  # who it is for, on a line of its own
    mark: tuple[float, float, float] | None = None  # the series mark's centre and radius (theme series: on)
    organisation: TextBlock | None = None  # the board's name in the band (theme series: on)


@dataclass
class FooterPlan:
    rule: tuple[float, float, float]  # x1, x2, y
    organisation: TextBlock | None
    contact: TextBlock | None
    page: TextBlock | None = None  # "Page n of N" in packs: pagination, not content


@dataclass
class KeyMessagePlan:
    """The briefing's key message: a box across the foot of the page, its label and its words."""

    box: tuple[float, float, float, float]  # x, y (bottom-left), width, height
    label: TextBlock
    text: TextBlock


@dataclass
class PagePlan:
    width: float
    height: float
    body_size: float
    header: HeaderPlan
    sections: list[SectionPlan]
    footer: FooterPlan
    columns: tuple[int, ...] = field(default=())  # how many sections each column holds
    language: str = "en-GB"  # the page's language (BCP 47): the PDF's /Lang
    key_message: KeyMessagePlan | None = None
