"""Layout of a slide deck (16:9) for delivering a briefing on a shared screen.

A title slide, then one slide per section ("minute n of 7"), every section's body at one size
for the whole deck: the largest of 44, 40, 36 and 32 pt at which every section fits its slide,
never below 32 pt (a section too long for its slide at the deck's size continues on the next),
with the headings a step larger than the body, so the type on neighbouring slides does not jump
and a heading never reads smaller than the text under it. Nothing on a slide is under 20 pt,
the foot of the slide included: it is read from the back of a meeting room. The section holding
the reflective questions is the discussion slide (there is no second copy of the questions). A
section's links are on its own slide, each with a QR code a quarter of the slide high or more
(a phone scans it across the room) and its caption at 24 pt, two to a row. Every slide carries
the logo and the organisation. A section too long for one slide at 24 pt continues on the next
(by paragraph or list item, and within a long paragraph by words); links that do not fit follow
on a slide of their own; nothing is ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.layout.page import (
    LinkItem,
    ListItems,
    Para,
    Preparer,
    TextSetter,
    fitted_logo,
    link_address,
    logo_plate,
)
from generator.layout.plan import LinkPlan, ListPlan, TextBlock
from generator.layout.text import balanced_width, count_lines
from generator.qrcode import qr_modules
from generator.read.briefing import questions_section
from generator.read.messages import for_briefing
from generator.read.spec import Briefing
from generator.read.theme import Theme

WIDTH, HEIGHT = 960.0, 540.0
MARGIN = 48.0
SIZES = (44.0, 40.0, 36.0, 32.0)  # the body's sizes, largest first: one of them for a whole deck
SMALLEST = SIZES[-1]
QR_SIDE = 140.0  # more than a quarter of the slide's 540 pt
LINK_SIZE, ADDRESS_SIZE = 24.0, 20.0
FOOTER_SIZE = 20.0
LOGO_HEIGHT = 54.0
LINK_GAP = 18.0  # between the body and the links, and between rows of links


@dataclass
class SlidePlan:
    kind: str  # title, section, discussion
    heading: TextBlock | None = None
    number: int | None = None
    badge: tuple[float, float, float] | None = None
    body: list[TextBlock | ListPlan] = field(default_factory=list)
    extra: list[TextBlock] = field(default_factory=list)  # title slide lines
    links: list[LinkPlan] = field(default_factory=list)
    footer: TextBlock | None = None
    brand: TextBlock | None = None  # the organisation, at the foot of every slide but the title
    body_size: float = 0.0
    logo: tuple[float, float, float, float] | None = None
    logo_plate: tuple[float, float, float, float] | None = None


class SlideLayout:
    def __init__(self, briefing: Briefing, theme: Theme):
        self.briefing, self.theme = briefing, theme
        self.prep = Preparer(briefing, theme.fonts)
        self.m = for_briefing(briefing, theme)
        self.width = WIDTH - 2 * MARGIN
        self.plate_w, self.plate_h = logo_plate(theme, LOGO_HEIGHT, LOGO_HEIGHT * 3)
        self.size = SIZES[0]  # the deck's body size (see deck)

    @property
    def heading_size(self) -> float:
        """A step above the body, so a heading never reads smaller than its text."""
        return min(48.0, self.size + 8)

    def words(self, text: str, bold: bool = False):
        return self.prep.text(text, "the slides", bold=bold)

    def setter(self, size: float) -> TextSetter:
        return TextSetter(self.theme.fonts, size, place=True)

    def footer(self, text: str, role: str = "Artifact") -> TextBlock:
        """The line at the foot of a slide, on the right: "Minute n of 7" is pagination; an
        instruction is content."""
        words = self.words(text)
        width = sum(w.width + w.space for w in words) * FOOTER_SIZE + 1
        _, block = self.setter(FOOTER_SIZE).block(role, words, WIDTH - MARGIN - min(width, self.width),
                                                  MARGIN - 8 + FOOTER_SIZE, min(width, self.width),
                                                  size=FOOTER_SIZE, colour="primary")
        return block

    def brand(self) -> TextBlock | None:
        """The organisation at the foot of a slide, on the left: repeated on every slide, so an
        artifact (the title slide says it once as content)."""
        organisation = self.m.theme("organisation")
        if not organisation:
            return None
        _, block = self.setter(FOOTER_SIZE).block("Artifact", self.words(organisation, True),
                                                  MARGIN, MARGIN - 8 + FOOTER_SIZE, self.width * 0.55,
                                                  size=FOOTER_SIZE, colour="primary")
        return block

    def branded(self, plan: SlidePlan) -> SlidePlan:
        """The logo in the top right corner and the organisation at the foot."""
        plan.brand = self.brand()
        if self.theme.logo:
            plate = (WIDTH - MARGIN - self.plate_w, HEIGHT - MARGIN - self.plate_h + 6, self.plate_w, self.plate_h)
            plan.logo, plan.logo_plate = fitted_logo(self.theme, plate), plate
        return plan

    # ---------------------------------------------------------------- slides

    def deck(self) -> list[SlidePlan]:
        briefing = self.briefing
        sections = [self.prep.section(n, s) for n, s in enumerate(briefing.sections, 1)]
        if self.prep.problems:
            from generator.errors import UserError

            raise UserError(self.prep.problems)
        slides = [self.title_slide()]
        self.size = min((self._best(prepared) for prepared in sections), default=SIZES[0])
        found = questions_section(briefing)
        discussion = found[0] + 1 if found else None
        for number, (prepared, section) in enumerate(zip(sections, briefing.sections, strict=True), 1):
            kind = "discussion" if number == discussion else "section"
            slides += self.flow_slides(kind, section.heading, prepared.body, self.m("minute", n=number), number,
                                       prepared.links)
        return [slides[0], *(self.branded(slide) for slide in slides[1:])]

    def title_slide(self) -> SlidePlan:
        """The label, the title as large as fits on three lines and the subtitle from the top; the
        organisation, the date and the running time anchored at the foot; the logo large."""
        theme, briefing = self.theme, self.briefing
        x = MARGIN + 12
        plate_w, logo_box = logo_plate(theme, 130.0, 300.0)
        width = self.width - 24 - (plate_w + 24 if plate_w else 0)
        y = HEIGHT - MARGIN - 24
        _, label = self.setter(22).block("P", self.words(self.m.theme("label"), True), x, y, width, size=22,
                                         colour="on_primary")
        y -= 22 * 1.9
        title_words = self.words(briefing.title, True)
        title_size = next((size for size in (54.0, 48.0, 42.0, 36.0, 30.0)
                           if count_lines(title_words, width / size, theme.fonts) <= 3), 30.0)
        title_w = balanced_width(title_words, width, title_size, theme.fonts)
        height, title = self.setter(title_size).block("H1", title_words, x, y, title_w,
                                                      size=title_size, colour="on_primary", leading=title_size * 1.1)
        y -= height + 14
        extra = [label]
        if briefing.subtitle:
            _, block = self.setter(26).block("P", self.words(briefing.subtitle), x, y, width, size=26,
                                             colour="on_primary")
            extra.append(block)
        organisation = self.m.theme("organisation")
        foot = [text for text in (organisation, self.m("published", date=self.m.date(briefing.published))
                                  + "  \u00b7  " + self.m("seven_minutes")) if text]
        y = MARGIN + 10 + 22 * 1.3 * len(foot)
        for text in foot:
            h, block = self.setter(22).block("P", self.words(text, text == organisation), x, y,
                                             self.width - 24, size=22, colour="on_primary")
            extra.append(block)
            y -= h
        plan = SlidePlan("title", heading=title, extra=extra)
        if theme.logo:
            plate = (WIDTH - MARGIN - 12 - plate_w, HEIGHT - MARGIN - 12 - logo_box, plate_w, logo_box)
            plan.logo, plan.logo_plate = fitted_logo(theme, plate), plate
        return plan

    def _best(self, section) -> float:
        """The largest size at which a section's body (and its links) fits its slide under its
        heading; the smallest size if it fits at none (it is continued)."""
        for size in SIZES:
            self.size = size
            _, _, heading_h = self._heading(1, "".join(piece.text for word in section.heading
                                                     for piece in word.pieces) or "x")
            top = HEIGHT - MARGIN - heading_h - 22
            available = top - (MARGIN + FOOTER_SIZE + 16) - self._links_height(section.links) - \
                (LINK_GAP if section.links else 0)
            if available > 0 and self._height(section.body, size) <= available:
                return size
        return SMALLEST

    def _heading(self, number: int | None, text: str) -> tuple[TextBlock, tuple | None, float]:
        size = self.heading_size
        badge = size * 1.5 if number is not None else 0.0
        x = MARGIN + (badge + 16 if number is not None else 0)
        top = HEIGHT - MARGIN
        right = WIDTH - MARGIN - (self.plate_w + 20 if self.plate_w else 0)
        height, block = self.setter(size).block("H2", self.words(text, True), x, top, right - x,
                                                size=size, colour="primary", leading=size * 1.15)
        circle = (MARGIN + badge / 2, top - badge / 2, badge / 2) if number is not None else None
        if number is not None and len(block.lines) == 1:
            block.y = top - badge / 2 - size * 0.34
        return block, circle, max(height, badge)

    def flow_slides(self, kind: str, heading: str, items: list, footer: str, number: int | None,
                    links: list[LinkItem] = ()) -> list[SlidePlan]:
        """As many slides as ``items`` and ``links`` need: one at the largest size that fits,
        else continued; the links follow the body, on its last slide where there is room."""
        slides: list[SlidePlan] = []
        remaining, pending = list(items), list(links)
        part = 1
        while True:
            title = heading if part == 1 else self.m("continued", heading=heading)
            block, badge, heading_h = self._heading(number, title)
            top = HEIGHT - MARGIN - heading_h - 22
            bottom = MARGIN + FOOTER_SIZE + 16
            available = top - bottom
            size = self.size
            if self._height(remaining, size) <= available:
                fitted, remaining = remaining, []
            else:
                fitted, remaining = self._split(remaining, available)
            height, body = self.setter(size).flow(fitted, MARGIN, top, self.width)
            placed: list[LinkPlan] = []
            if not remaining and pending:
                placed, pending = self._place_links(pending, top - height - (LINK_GAP if fitted else 0), bottom,
                                                     alone=not fitted)
            suffix = " " + self.m("part", n=part) if part > 1 or remaining or pending else ""
            slides.append(SlidePlan(kind, block, number, badge, body, links=placed,
                                    footer=self.footer(footer + suffix), body_size=size))
            if not remaining and not pending:
                return slides
            part += 1

    def _link_columns(self, links: list) -> tuple[int, float]:
        columns = 1 if len(links) == 1 else 2
        return columns, (self.width - LINK_GAP * (columns - 1)) / columns

    def _link_row(self, links: list[LinkItem], x: float, y: float, width: float) -> tuple[float, list[LinkPlan]]:
        """One row of links from ``y`` down, each a QR code with its label and address beside it."""
        height, plans = 0.0, []
        for column, link in enumerate(links):
            left = x + column * (width + LINK_GAP)
            text_x, text_w = left + QR_SIDE + 16, width - QR_SIDE - 16
            label_h, label = self.setter(LINK_SIZE).block("Link", link.label, text_x, y - 4, text_w, size=LINK_SIZE,
                                                          colour="primary")
            address_h, address = self.setter(ADDRESS_SIZE).block(
                "Link", self.words(link_address(link.url)), text_x, y - 4 - label_h - 4, text_w, size=ADDRESS_SIZE,
                colour="text")
            height = max(height, QR_SIDE, label_h + address_h + 8)
            plans.append(LinkPlan(link.url, label, address, (left, y - QR_SIDE, QR_SIDE), qr_modules(link.url)))
        return height, plans

    def _links_height(self, links: list[LinkItem]) -> float:
        if not links:
            return 0.0
        columns, width = self._link_columns(links)
        rows = [links[i:i + columns] for i in range(0, len(links), columns)]
        return sum(self._link_row(row, MARGIN, 0, width)[0] for row in rows) + LINK_GAP * (len(rows) - 1)

    def _place_links(self, links: list[LinkItem], top: float, bottom: float,
                     alone: bool) -> tuple[list[LinkPlan], list]:
        """The rows of links that fit between ``top`` and ``bottom``, and the links left over;
        ``alone``: nothing else is on the slide, so at least one row is placed."""
        columns, width = self._link_columns(links)
        placed: list[LinkPlan] = []
        pending = list(links)
        y = top
        while pending:
            height, plans = self._link_row(pending[:columns], MARGIN, y, width)
            if y - height < bottom and (placed or not alone):
                break  # the rest go on the next slide
            placed += plans
            pending = pending[columns:]
            y -= height + LINK_GAP
        return placed, pending

    def _height(self, items: list, size: float) -> float:
        return TextSetter(self.theme.fonts, size, place=False).flow(items, 0, 0, self.width)[0]

    def _split(self, items: list, available: float) -> tuple[list, list]:
        """The longest leading part of ``items`` that fits at the deck's size, and the rest."""
        fitted: list = []
        for index, item in enumerate(items):
            if self._height([*fitted, item], self.size) <= available:
                fitted.append(item)
                continue
            head, tail = self._split_item(item, fitted, available)
            if head is not None:
                fitted.append(head)
            rest = ([tail] if tail is not None else []) + items[index + 1:]
            if not fitted:  # cannot happen with a positive height, but never loop forever
                fitted, rest = [rest[0]], rest[1:]
            return fitted, rest
        return fitted, []

    def _split_item(self, item, before: list, available: float):
        if isinstance(item, Para):
            words = item.words
            low, high = 0, len(words)
            while high - low > 1:
                middle = (low + high) // 2
                if self._height([*before, Para(words[:middle])], self.size) <= available:
                    low = middle
                else:
                    high = middle
            if low == 0:
                return None, item
            return Para(words[:low]), Para(words[low:])
        count = 0
        while count < len(item.items) and self._height(
                [*before, ListItems(item.ordered, item.items[:count + 1], item.label_width)], self.size) <= available:
            count += 1
        if count == 0:
            return None, item
        return (ListItems(item.ordered, item.items[:count], item.label_width),
                ListItems(item.ordered, item.items[count:], item.label_width))

def plan_deck(briefing: Briefing, theme: Theme) -> list[SlidePlan]:
    return SlideLayout(briefing, theme).deck()
