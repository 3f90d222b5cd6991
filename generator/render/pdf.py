"""Drawing a :class:`~generator.layout.plan.PagePlan` onto a ReportLab canvas.

Every piece of content is drawn by one method that knows its structural role (``heading``,
``paragraph``, ``list``, ``link``, ``figure``) or that it is decoration (``artifact``), so that
tagging the PDF adds structure here rather than in the layout engine.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from generator import __version__
from generator.colour import palette
from generator.layout.plan import LinkPlan, ListPlan, PagePlan, SectionPlan, TextBlock
from generator.model import Briefing
from generator.output import source_epoch, write_atomic
from generator.render.qr import draw_qr
from generator.theme import Theme


def new_canvas(stream: io.BytesIO, plan: PagePlan, theme: Theme, *, title: str, author: str,
               subject: str, keywords: list[str], epoch: int) -> Canvas:
    """A canvas with document metadata set, fixed timestamps and no base-14 font referenced."""
    canvas = Canvas(stream, pagesize=(plan.width, plan.height), invariant=1, pageCompression=1,
                    initialFontName=theme.fonts.face("regular").name, initialFontSize=10,
                    lang=theme.model.language)
    stamp = TimeStamp(invariant=True)
    stamp.t = epoch
    stamp.lt = stamp.YMDhms = tuple(__import__("time").gmtime(epoch))[:6]
    canvas._doc._timeStamp = stamp  # ReportLab reads the clock otherwise; there is no public setter
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setKeywords(", ".join(keywords))
    canvas.setCreator(f"briefing {__version__}")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas


class PageDrawer:
    """Draws page plans in a theme's colours."""

    def __init__(self, canvas: Canvas, theme: Theme):
        self.canvas = canvas
        self.theme = theme
        c = theme.colours
        self.colours = {role: HexColor(value) for role, value in
                        palette(c.primary, c.accent, c.text, c.background).items()}

    # ---------------------------------------------------------------- roles

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Decoration: backgrounds, rules, box shapes."""
        self.canvas.saveState()
        try:
            yield
        finally:
            self.canvas.restoreState()

    def text(self, block: TextBlock | None, underline_links: bool = True) -> None:
        """Draw a block of lines as one text object; pieces with a link get an annotation and an underline."""
        if block is None or not block.lines:
            return
        canvas, fonts = self.canvas, self.theme.fonts
        colour = self.colours[block.colour]
        link_colour = self.colours["primary"] if block.colour == "text" else colour
        text = canvas.beginText(block.x, block.y)
        current_colour, current_font = None, None
        for index, line in enumerate(block.lines):
            if index:
                text.moveCursor(0, block.leading)
            for _, piece, _ in line.parts:
                wanted = link_colour if piece.href else colour
                if wanted is not current_colour:
                    text.setFillColor(wanted)
                    current_colour = wanted
                for name, chunk in fonts.segments(piece.text, piece.style):
                    if name != current_font:
                        text.setFont(name, block.size, block.leading)
                        current_font = name
                    text.textOut(chunk)
        canvas.drawText(text)
        for index, line in enumerate(block.lines):
            self._link_annotations(block, line.parts, block.y - index * block.leading, underline_links)

    def _link_annotations(self, block: TextBlock, parts, y: float, underline: bool) -> None:
        spans: list[tuple[str, float, float]] = []
        for dx, piece, width in parts:
            if not piece.href:
                continue
            if spans and spans[-1][0] == piece.href and abs(spans[-1][2] - dx) < 0.01:
                spans[-1] = (piece.href, spans[-1][1], dx + width)
            else:
                spans.append((piece.href, dx, dx + width))
        for href, start, end in spans:
            x1, x2 = block.x + start, block.x + end
            self.canvas.linkURL(href, (x1, y - block.size * 0.25, x2, y + block.size * 0.85), relative=0,
                                thickness=0)
            if underline:
                with self.artifact():
                    self.canvas.setStrokeColor(self.colours["primary"])
                    self.canvas.setLineWidth(max(0.4, block.size * 0.06))
                    self.canvas.line(x1, y - block.size * 0.14, x2, y - block.size * 0.14)

    def flow(self, items: list[TextBlock | ListPlan]) -> None:
        for item in items:
            if isinstance(item, ListPlan):
                self.list(item)
            else:
                self.text(item)

    def list(self, plan: ListPlan) -> None:
        for item in plan.items:
            self.text(item.label)
            self.flow(item.body)

    def link(self, plan: LinkPlan) -> None:
        """A ``links:`` entry: QR code, label and address, all one clickable area."""
        left = plan.label.x
        bottom = plan.address.y - (len(plan.address.lines) - 1) * plan.address.leading - plan.address.size * 0.3
        top = plan.label.y + plan.label.size * 0.95
        if plan.qr is not None:
            x, y, size = plan.qr
            with self.artifact():
                self.canvas.setFillColor(self.colours["background"])
                self.canvas.rect(x, y, size, size, stroke=0, fill=1)
            draw_qr(self.canvas, plan.qr_modules, x, y, size, self.colours["text"])
            left, bottom, top = x, min(bottom, y), max(top, y + size)
        right = max(block.x + line.width for block in (plan.label, plan.address) for line in block.lines)
        self.canvas.linkURL(plan.url, (left, bottom, right, top), relative=0, thickness=0)
        for block in (plan.label, plan.address):
            self.text(block)

    # ---------------------------------------------------------------- the page

    def page(self, plan: PagePlan) -> None:
        self.header(plan)
        for section in plan.sections:
            self.section(section)
        self.footer(plan)

    def header(self, plan: PagePlan) -> None:
        header, canvas = plan.header, self.canvas
        with self.artifact():
            if self.theme.colours.background != "#FFFFFF":
                canvas.setFillColor(self.colours["background"])
                canvas.rect(0, 0, plan.width, plan.height, stroke=0, fill=1)
            canvas.setFillColor(self.colours["primary"])
            canvas.roundRect(*header.band, radius=9, stroke=0, fill=1)
            canvas.setFillColor(self.colours["accent"])
            x, y, _, h = header.band
            canvas.rect(x + 16, y + h - 10, 46, 4, stroke=0, fill=1)
        self.text(header.label)
        self.text(header.title)
        self.text(header.subtitle)
        self.text(header.meta)
        if header.logo is not None:
            with self.artifact():
                canvas.setFillColor(HexColor("#FFFFFF"))
                canvas.roundRect(*header.logo_plate, radius=7, stroke=0, fill=1)
            self.figure(str(self.theme.logo), header.logo)

    def figure(self, image: str, box: tuple[float, float, float, float]) -> None:
        x, y, w, h = box
        self.canvas.drawImage(image, x, y, w, h, mask="auto")

    def section(self, section: SectionPlan) -> None:
        canvas = self.canvas
        x, y, w, h = section.box
        with self.artifact():
            canvas.setFillColor(self.colours["box"])
            canvas.roundRect(x, y, w, h, radius=7, stroke=0, fill=1)
            canvas.setFillColor(self.colours["accent"])
            cx, cy, r = section.badge
            canvas.circle(cx, cy, r, stroke=0, fill=1)
        self.number(section)
        self.text(section.heading)
        self.flow(section.body)
        for link in section.links:
            self.link(link)

    def number(self, section: SectionPlan) -> None:
        cx, cy, _ = section.badge
        name = self.theme.fonts.face("bold").name
        size = section.number_size * 1.05
        label = str(section.number)
        width = self.canvas.stringWidth(label, name, size)
        text = self.canvas.beginText(cx - width / 2, cy - size * 0.35)
        text.setFont(name, size)
        text.setFillColor(self.colours["on_accent"])
        text.textOut(label)
        self.canvas.drawText(text)

    def footer(self, plan: PagePlan) -> None:
        footer = plan.footer
        with self.artifact():
            x1, x2, y = footer.rule
            self.canvas.setStrokeColor(self.colours["rule"])
            self.canvas.setLineWidth(1.2)
            self.canvas.line(x1, y, x2, y)
        self.text(footer.organisation)
        self.text(footer.contact)


def briefing_metadata(briefing: Briefing, theme: Theme) -> dict:
    return {
        "title": briefing.title,
        "author": briefing.author or theme.model.organisation or theme.model.label,
        "subject": briefing.summary or briefing.subtitle or "",
        "keywords": list(briefing.tags),
    }


def render_page_pdf(plan: PagePlan, briefing: Briefing, theme: Theme) -> bytes:
    """The PDF of one briefing, as bytes."""
    stream = io.BytesIO()
    canvas = new_canvas(stream, plan, theme, epoch=source_epoch(briefing.published),
                        **briefing_metadata(briefing, theme))
    PageDrawer(canvas, theme).page(plan)
    canvas.showPage()
    canvas.save()
    return stream.getvalue()


def write_page_pdf(plan: PagePlan, briefing: Briefing, theme: Theme, path: Path) -> None:
    write_atomic(path, render_page_pdf(plan, briefing, theme))
