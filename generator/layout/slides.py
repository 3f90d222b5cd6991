"""Layout of a slide deck (16:9) for delivering a briefing on a shared screen.

A title slide, one slide per section ("minute n of 7") with the body as large as fits between
20 and 28 pt, a discussion slide with the briefing's reflective questions when a section holds
them, and a slide of links with large QR codes. A section too long for one slide at 20 pt
continues on the next (by paragraph or list item, and within a long paragraph by words);
nothing is ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.layout.page import (
    LinkItem,
    ListItems,
    Para,
    PreparedSection,
    Preparer,
    TextSetter,
    fitted_logo,
    link_address,
    logo_plate,
)
from generator.layout.plan import LinkPlan, ListPlan, TextBlock
from generator.layout.text import count_lines
from generator.model import Briefing, reflective_questions
from generator.qrcode import qr_modules
from generator.theme import Theme

WIDTH, HEIGHT = 960.0, 540.0
MARGIN = 48.0
SMALLEST, LARGEST, STEP = 20.0, 28.0, 0.5
HEADING_SIZE = 32.0
QR_SIDE = 110.0
FOOTER_SIZE = 14.0


@dataclass
class SlidePlan:
    kind: str  # title, section, discussion, links
    heading: TextBlock | None = None
    number: int | None = None
    badge: tuple[float, float, float] | None = None
    body: list[TextBlock | ListPlan] = field(default_factory=list)
    extra: list[TextBlock] = field(default_factory=list)  # title slide lines
    links: list[LinkPlan] = field(default_factory=list)
    footer: TextBlock | None = None
    body_size: float = 0.0
    logo: tuple[float, float, float, float] | None = None
    logo_plate: tuple[float, float, float, float] | None = None


class SlideLayout:
    def __init__(self, briefing: Briefing, theme: Theme):
        self.briefing, self.theme = briefing, theme
        self.prep = Preparer(briefing, theme.fonts)
        self.width = WIDTH - 2 * MARGIN

    def words(self, text: str, bold: bool = False):
        return self.prep.text(text, "the slides", bold=bold)

    def setter(self, size: float) -> TextSetter:
        return TextSetter(self.theme.fonts, size, place=True)

    def footer(self, text: str, role: str = "Artifact") -> TextBlock:
        """The line at the foot of a slide: "Minute n of 7" is pagination; an instruction is content."""
        _, block = self.setter(FOOTER_SIZE).block(role, self.words(text), MARGIN, MARGIN - 8 + FOOTER_SIZE,
                                                  self.width, size=FOOTER_SIZE, colour="primary")
        return block

    # ---------------------------------------------------------------- slides

    def deck(self) -> list[SlidePlan]:
        briefing = self.briefing
        sections = [self.prep.section(n, s) for n, s in enumerate(briefing.sections, 1)]
        if self.prep.problems:
            from generator.errors import UserError

            raise UserError(self.prep.problems)
        slides = [self.title_slide()]
        for number, (prepared, section) in enumerate(zip(sections, briefing.sections, strict=True), 1):
            slides += self.section_slides(number, section.heading, prepared)
        questions = reflective_questions(briefing)
        if questions:
            items = [self.prep.text(f"{n}.", "the slides", bold=True) for n in range(1, len(questions) + 1)]
            block = ListItems(True, [], max(sum(w.width for w in label) for label in items))
            from generator.layout.page import Item

            block.items = [Item(label, [Para(self.words(q))]) for label, q in zip(items, questions, strict=True)]
            slides += self.flow_slides("discussion", "Discussion", [block], "Questions for the team", None)
        links = [link for prepared in sections for link in prepared.links]
        if links:
            slides += self.link_slides(links)
        return slides

    def title_slide(self) -> SlidePlan:
        theme, briefing = self.theme, self.briefing
        x = MARGIN + 12
        plate_w, logo_box = logo_plate(theme, 110.0, 260.0)
        width = self.width - 24 - (plate_w + 24 if plate_w else 0)
        y = HEIGHT - MARGIN - 30
        _, label = self.setter(20).block("P", self.words(theme.model.label, True), x, y, width, size=20,
                                         colour="on_primary")
        y -= 20 * 1.8
        title_size = 44.0
        for title_size in (44.0, 38.0, 32.0, 28.0):
            if count_lines(self.words(briefing.title, True), width / title_size, theme.fonts) <= 3:
                break
        height, title = self.setter(title_size).block("H1", self.words(briefing.title, True), x, y, width,
                                                      size=title_size, colour="on_primary", leading=title_size * 1.1)
        y -= height + 10
        extra = [label]
        for text, size, bold in ((briefing.subtitle, 22.0, False), (theme.model.organisation, 20.0, True),
                                 ("7 minutes", 20.0, True)):
            if text:
                h, block = self.setter(size).block("P", self.words(text, bold), x, y, width, size=size,
                                                   colour="on_primary")
                extra.append(block)
                y -= h + 6
        plan = SlidePlan("title", heading=title, extra=extra)
        if theme.logo:
            plate = (WIDTH - MARGIN - 12 - plate_w, HEIGHT - MARGIN - 12 - logo_box, plate_w, logo_box)
            plan.logo, plan.logo_plate = fitted_logo(theme, plate), plate
        return plan

    def _heading(self, number: int | None, text: str) -> tuple[TextBlock, tuple | None, float]:
        badge = HEADING_SIZE * 1.5 if number is not None else 0.0
        x = MARGIN + (badge + 16 if number is not None else 0)
        top = HEIGHT - MARGIN
        height, block = self.setter(HEADING_SIZE).block("H2", self.words(text, True), x, top, WIDTH - MARGIN - x,
                                                        size=HEADING_SIZE, colour="primary",
                                                        leading=HEADING_SIZE * 1.15)
        circle = (MARGIN + badge / 2, top - badge / 2, badge / 2) if number is not None else None
        if number is not None and len(block.lines) == 1:
            block.y = top - badge / 2 - HEADING_SIZE * 0.34
        return block, circle, max(height, badge)

    def section_slides(self, number: int, heading: str, prepared: PreparedSection) -> list[SlidePlan]:
        return self.flow_slides("section", heading, prepared.body, f"Minute {number} of 7", number)

    def flow_slides(self, kind: str, heading: str, items: list, footer: str, number: int | None) -> list[SlidePlan]:
        """As many slides as ``items`` need: one at the largest size that fits, else continued."""
        slides: list[SlidePlan] = []
        remaining = list(items)
        part = 1
        while True:
            title = heading if part == 1 else f"{heading} (continued)"
            block, badge, heading_h = self._heading(number, title)
            top = HEIGHT - MARGIN - heading_h - 22
            available = top - (MARGIN + FOOTER_SIZE + 16)
            size = self._largest(remaining, available)
            if size is None:
                fitted, remaining = self._split(remaining, available)
                size = SMALLEST
            else:
                fitted, remaining = remaining, []
            _, body = self.setter(size).flow(fitted, MARGIN, top, self.width)
            suffix = f" (part {part})" if part > 1 or remaining else ""
            slides.append(SlidePlan(kind, block, number, badge, body, footer=self.footer(footer + suffix),
                                    body_size=size))
            if not remaining:
                return slides
            part += 1

    def _height(self, items: list, size: float) -> float:
        return TextSetter(self.theme.fonts, size, place=False).flow(items, 0, 0, self.width)[0]

    def _largest(self, items: list, available: float) -> float | None:
        steps = int((LARGEST - SMALLEST) / STEP)
        if self._height(items, SMALLEST) > available:
            return None
        low, high = 0, steps
        if self._height(items, LARGEST) <= available:
            return LARGEST
        while high - low > 1:
            middle = (low + high) // 2
            if self._height(items, SMALLEST + middle * STEP) <= available:
                low = middle
            else:
                high = middle
        return SMALLEST + low * STEP

    def _split(self, items: list, available: float) -> tuple[list, list]:
        """The longest leading part of ``items`` that fits at the smallest size, and the rest."""
        fitted: list = []
        for index, item in enumerate(items):
            if self._height([*fitted, item], SMALLEST) <= available:
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
                if self._height([*before, Para(words[:middle])], SMALLEST) <= available:
                    low = middle
                else:
                    high = middle
            if low == 0:
                return None, item
            return Para(words[:low]), Para(words[low:])
        count = 0
        while count < len(item.items) and self._height(
                [*before, ListItems(item.ordered, item.items[:count + 1], item.label_width)], SMALLEST) <= available:
            count += 1
        if count == 0:
            return None, item
        return (ListItems(item.ordered, item.items[:count], item.label_width),
                ListItems(item.ordered, item.items[count:], item.label_width))

    def link_slides(self, links: list[LinkItem]) -> list[SlidePlan]:
        """Links with QR codes large enough to scan from a phone across a meeting room."""
        slides: list[SlidePlan] = []
        text_x = MARGIN + QR_SIDE + 20
        text_w = WIDTH - MARGIN - text_x
        bottom = MARGIN + FOOTER_SIZE + 16
        pending = list(links)
        while pending:
            block, _, heading_h = self._heading(None, "Find out more" + (" (continued)" if slides else ""))
            y = HEIGHT - MARGIN - heading_h - 20
            plans: list[LinkPlan] = []
            while pending:
                link = pending[0]
                label_h, label = self.setter(20).block("Link", link.label, text_x, y - 6, text_w, size=20,
                                                       colour="primary")
                address_h, address = self.setter(15).block("Link", self.words(link_address(link.url)), text_x,
                                                           y - 6 - label_h - 4, text_w, size=15, colour="text")
                row = max(QR_SIDE, label_h + address_h + 10)
                if plans and y - row < bottom:
                    break
                plans.append(LinkPlan(link.url, label, address, (MARGIN, y - QR_SIDE, QR_SIDE),
                                      qr_modules(link.url)))
                pending.pop(0)
                y -= row + 14
            slides.append(SlidePlan("links", block, links=plans,
                                    footer=self.footer("Scan a code with a phone camera to open the link", "P")))
        return slides


def plan_deck(briefing: Briefing, theme: Theme) -> list[SlidePlan]:
    return SlideLayout(briefing, theme).deck()
