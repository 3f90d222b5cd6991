"""Drawing a :class:`~generator.layout.plan.PagePlan` onto a ReportLab canvas.

Every piece of content is drawn by one method that knows its structural role (``heading``,
``paragraph``, ``list``, ``link``, ``figure``) or that it is decoration (``artifact``), so that
tagging the PDF adds structure here rather than in the layout engine.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cached_property

from reportlab.lib.colors import Color, HexColor

from generator import __version__
from generator.colour import palette
from generator.files import source_epoch
from generator.layout.plan import FooterPlan, LinkPlan, ListPlan, PagePlan, SectionPlan, TextBlock
from generator.read.messages import Messages, for_briefing, messages_for
from generator.read.spec import Briefing
from generator.read.theme import Theme
from generator.render import reportlab_compat
from generator.render.qr import draw_qr
from generator.render.tagging import TaggedCanvas, Tagger


def new_canvas(stream: io.BytesIO, size: tuple[float, float], theme: Theme, *, title: str, author: str,
               subject: str, keywords: list[str], epoch: int, shared_subsets: bool = False,
               lang: str | None = None) -> TaggedCanvas:
    """A canvas with document metadata set, fixed timestamps and no base-14 font referenced.
    With ``shared_subsets``, fonts are subset so that other such documents embed the same subsets
    (:class:`generator.render.reportlab_compat.SharedSubsetFont`): the pieces of a pack. ``lang``
    is the document's language (default: the theme's)."""
    reportlab_compat.install()
    canvas = TaggedCanvas(stream, pagesize=size, invariant=1, pageCompression=1,
                          initialFontName=theme.fonts.face("regular").name, initialFontSize=10,
                          lang=lang or theme.model.language)
    Tagger(canvas, lang=lang or theme.model.language)  # the document's language, in its XMP too
    reportlab_compat.share_subsets(canvas, shared_subsets)
    reportlab_compat.set_timestamp(canvas, epoch)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setKeywords(", ".join(keywords))
    canvas.setCreator(f"briefing {__version__}")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas


class PageDrawer:
    """Draws page plans in a theme's colours, tagging everything it draws."""

    def __init__(self, canvas: TaggedCanvas, theme: Theme):
        self.canvas = canvas
        self.theme = theme
        self.tags = canvas.tagger or Tagger(canvas, lang=theme.model.language)
        c = theme.colours
        self.colours = {role: HexColor(value) for role, value in
                        palette(c.primary, c.accent, c.text, c.background).items()}

    @cached_property
    def words(self) -> Messages:
        """The fixed words of the document's language: what a link and a QR code are called to
        someone who cannot see them."""
        return messages_for(self.tags.lang, self.theme)

    # ---------------------------------------------------------------- roles

    @contextmanager
    def artifact(self, kind: str | None = None) -> Iterator[None]:
        """Decoration (backgrounds, rules, box shapes) or, with ``kind``, pagination."""
        with self.tags.artifact(kind):
            self.canvas.saveState()
            try:
                yield
            finally:
                self.canvas.restoreState()

    def text(self, block: TextBlock | None, role: str | None = None, *, link: str | None = None) -> None:
        """Draw a block of lines as one structure element (``role``, default the block's own).

        Inline links become ``Link`` elements inside it, each with its annotations; with ``link``
        the whole block is the text of the current ``Link`` element (a ``links:`` entry).
        """
        if block is None or not block.lines:
            return
        role = role or block.role
        if role == "Artifact":
            with self.tags.artifact("Pagination"):
                self._draw(block, None)
            return
        if link is not None:
            self._draw(block, self.tags.current)
            return
        with self.tags.element(role, lang=block.lang) as elem:
            self._draw(block, elem)

    def _draw(self, block: TextBlock, elem) -> None:
        canvas, fonts, tags = self.canvas, self.theme.fonts, self.tags
        colour = self.colours[block.colour]
        link_colour = self.colours["primary"] if block.colour == "text" else colour
        runs = link_runs(block)
        spans = lang_runs(block)
        link_elems: dict[int, object] = {}
        span_elems: dict[int, object] = {}
        text = canvas.beginText(block.x, block.y)
        current_colour = current_font = None
        nothing_open = object()
        open_run: object = nothing_open  # or None: the block's own text; or a link's or a span's key
        for index, line in enumerate(block.lines):
            if index:
                text.moveCursor(0, block.leading)
            for part_index, (_, piece, _) in enumerate(line.parts):
                link, span = runs[index][part_index], spans[index][part_index]
                run = ("link", link) if link is not None else ("span", span) if span is not None else None
                if elem is not None and (open_run is nothing_open or run != open_run):
                    if open_run is not nothing_open:
                        tags.end_in_text(text)
                    target = elem
                    if link is not None:  # a link, in its own language if it has one
                        if link not in link_elems:
                            with tags.element("Link", lang=piece.lang) as link_elem:
                                link_elems[link] = link_elem
                        target = link_elems[link]
                    elif span is not None:  # words in another language: a Span with its /Lang
                        if span not in span_elems:
                            with tags.element("Span", lang=piece.lang) as span_elem:
                                span_elems[span] = span_elem
                        target = span_elems[span]
                    tags.begin_in_text(text, target)
                    open_run = run
                wanted = link_colour if piece.href else colour
                if wanted is not current_colour:
                    text.setFillColor(wanted)
                    current_colour = wanted
                for name, chunk in fonts.segments(piece.text, piece.style):
                    if name != current_font:
                        text.setFont(name, block.size, block.leading)
                        current_font = name
                    text.textOut(chunk)
        if elem is not None and open_run is not nothing_open:
            tags.end_in_text(text)
        canvas.drawText(text)
        if link_elems:
            self._link_annotations(block, runs, link_elems)

    def _link_annotations(self, block: TextBlock, runs: list[list[int | None]], elems: dict[int, object]) -> None:
        """One annotation per line a link's text is on, owned by that link's element, and an underline."""
        for index, line in enumerate(block.lines):
            y = block.y - index * block.leading
            spans: list[list] = []
            for (dx, piece, width), run in zip(line.parts, runs[index], strict=True):
                if run is None:
                    continue
                if spans and spans[-1][0] == run:
                    spans[-1][2] = dx + width
                else:
                    spans.append([run, dx, dx + width, piece.href])
            for run, start, end, href in spans:
                x1, x2 = block.x + start, block.x + end
                words = run_text(block, runs, run) or href
                self.tags.link_annotation((x1, y - block.size * 0.25, x2, y + block.size * 0.85), url=href,
                                          contents=self.words("link_description", label=words), owner=elems[run])
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
        with self.tags.element("L"):
            for item in plan.items:
                with self.tags.element("LI"):
                    self.text(item.label, "Lbl")
                    with self.tags.element("LBody"):
                        self.flow(item.body)

    def link(self, plan: LinkPlan) -> None:
        """A ``links:`` entry: QR code, label and address, all one link with one clickable area."""
        left = plan.label.x
        bottom = plan.address.y - (len(plan.address.lines) - 1) * plan.address.leading - plan.address.size * 0.3
        top = plan.label.y + plan.label.size * 0.95
        label = " ".join("".join(block_lines(plan.label)).split())  # lines broken at spaces keep them
        with self.tags.element("P"), self.tags.element("Link"):
            if plan.qr is not None:
                x, y, size = plan.qr
                with self.artifact():
                    self.canvas.setFillColor(self.colours["background"])
                    self.canvas.rect(x, y, size, size, stroke=0, fill=1)
                with self.tags.element("Figure", alt=self.words("qr_alt", label=label, url=plan.url)), \
                        self.tags.content():
                    draw_qr(self.canvas, plan.qr_modules, x, y, size, self.colours["text"])
                left, bottom, top = x, min(bottom, y), max(top, y + size)
            right = max(block.x + line.width for block in (plan.label, plan.address) for line in block.lines)
            self.tags.link_annotation((left, bottom, right, top), url=plan.url,
                                      contents=self.words("link_description", label=label))
            self.text(plan.label, link=plan.url)
            self.text(plan.address, link=plan.url)

    # ---------------------------------------------------------------- the page

    def page(self, plan: PagePlan, *, running: bool = False) -> None:
        """One briefing: a ``Sect`` holding its title, seven section ``Sect`` elements and its footer,
        in the briefing's language (which a pack's may not be)."""
        with self.tags.element("Sect", lang=plan.language):
            self.header(plan, running=running)
            for section in plan.sections:
                self.section(section)
            if plan.key_message is not None:
                self.key_message(plan.key_message)
            self.footer(plan.footer, running=running)

    def key_message(self, plan) -> None:
        """The key message: a box across the page with an accent bar, its label and its words."""
        x, y, w, h = plan.box
        with self.artifact():
            self.canvas.setFillColor(self.colours["box"])
            self.canvas.roundRect(x, y, w, h, radius=7, stroke=0, fill=1)
            self.canvas.setFillColor(self.colours["accent"])
            self.canvas.rect(x + 10, y + 10, 3, h - 20, stroke=0, fill=1)
        with self.tags.element("Sect"):
            self.text(plan.label)
            self.text(plan.text)

    def header(self, plan: PagePlan, *, running: bool = False) -> None:
        """The header band. In a pack (``running``), the label above the title ("7 Minute
        Briefing") is on every page, a running header: an artifact there; the cover says it once."""
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
            if header.mark is not None:
                self.series_mark(header.mark)
        self.text(header.title)  # the title first: it is what a screen reader should announce first
        self.text(header.label, "Artifact" if running else "P")
        self.text(header.subtitle)
        self.text(header.meta)
        self.text(header.audience)
        if header.logo is not None:
            self.logo(header.logo_plate, header.logo, radius=7)

    def series_mark(self, mark: tuple[float, float, float]) -> None:
        """The series' mark: a clock face, its seven minutes marked out, with a large 7 (a
        decoration: the label beside it says "7 Minute Briefing" in words)."""
        import math

        canvas = self.canvas
        cx, cy, r = mark
        canvas.setFillColor(self.colours["accent"])
        canvas.circle(cx, cy, r, stroke=0, fill=1)
        canvas.setStrokeColor(self.colours["on_accent"])
        canvas.setLineWidth(max(1.2, r * 0.07))
        canvas.setLineCap(1)
        for tick in range(12):
            angle = math.pi / 2 - tick * math.pi / 6
            inner = r * (0.74 if tick % 3 else 0.68)
            canvas.line(cx + inner * math.cos(angle), cy + inner * math.sin(angle),
                        cx + r * 0.86 * math.cos(angle), cy + r * 0.86 * math.sin(angle))
        light, base = self.colours["on_accent"], self.colours["accent"]
        canvas.setFillColor(Color(*(0.35 * a + 0.65 * b for a, b in zip(light.rgb(), base.rgb(), strict=True))))
        path = canvas.beginPath()  # the seven minutes, as a slice of the face (no transparency: PDF/A)
        path.moveTo(cx, cy)
        path.arcTo(cx - r * 0.6, cy - r * 0.6, cx + r * 0.6, cy + r * 0.6, startAng=90 - 42, extent=42)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFillColor(light)
        name = self.theme.fonts.face("bold").name
        size = r * 1.15
        width = canvas.stringWidth("7", name, size)
        canvas.setFont(name, size)
        canvas.drawString(cx - width / 2, cy - size * 0.36, "7")

    def logo(self, plate: tuple[float, float, float, float], box: tuple[float, float, float, float],
             radius: float, decorative: bool = False) -> None:
        """The theme's logo on a white plate (so any logo reads on the band), with its alt text;
        ``decorative``: a repetition (the logo on every slide), an artifact a reader skips."""
        with self.artifact():
            self.canvas.setFillColor(HexColor("#FFFFFF"))
            self.canvas.roundRect(*plate, radius=radius, stroke=0, fill=1)
            if decorative:
                x, y, w, h = box
                reportlab_compat.draw_image(self.canvas, self.theme.logo_data, x, y, w, h)
        if not decorative:
            self.figure(self.theme.logo_data, box, self.theme.model.logo_alt or "")

    def figure(self, image: bytes, box: tuple[float, float, float, float], alt: str) -> None:
        """An image file's bytes drawn in ``box``, tagged as a figure with its alternative text."""
        with self.tags.element("Figure", alt=alt), self.tags.content():
            reportlab_compat.draw_image(self.canvas, image, *box)

    def section(self, section: SectionPlan) -> None:
        canvas = self.canvas
        x, y, w, h = section.box
        with self.artifact():
            canvas.setFillColor(self.colours["box"])
            canvas.roundRect(x, y, w, h, radius=7, stroke=0, fill=1)
            canvas.setFillColor(self.colours["accent"])
            cx, cy, r = section.badge
            canvas.circle(cx, cy, r, stroke=0, fill=1)
        with self.tags.element("Sect"):
            with self.tags.element("H2"), self.tags.content():  # number and words: one heading
                self.badge_number(section.badge, section.number, section.number_size * 1.05)
                self._draw(section.heading, None)
            self.flow(section.body)
            for link in section.links:
                self.link(link)

    def badge_number(self, badge: tuple[float, float, float], number: int, size: float) -> None:
        """A section number centred in its badge; the caller marks it as part of the heading, so it
        is read as "1 Background"."""
        cx, cy, _ = badge
        name = self.theme.fonts.face("bold").name
        width = self.canvas.stringWidth(str(number), name, size)
        text = self.canvas.beginText(cx - width / 2, cy - size * 0.35)
        text.setFont(name, size)
        text.setFillColor(self.colours["on_accent"])
        text.textOut(f"{number} ")
        self.canvas.drawText(text)

    def footer(self, footer: FooterPlan, *, running: bool = False) -> None:
        """The footer: content at the end of a single briefing, a running artifact in a pack."""
        with self.artifact():
            x1, x2, y = footer.rule
            self.canvas.setStrokeColor(self.colours["rule"])
            self.canvas.setLineWidth(1.2)
            self.canvas.line(x1, y, x2, y)
        if running:
            with self.artifact("Pagination"):
                for block in (footer.organisation, footer.contact):
                    if block is not None:
                        self._draw(block, None)
        else:
            self.text(footer.organisation)
            self.text(footer.contact)
        self.text(footer.page, "Artifact")


def block_lines(block: TextBlock) -> list[str]:
    return ["".join(piece.text for _, piece, _ in line.parts) for line in block.lines]


def link_runs(block: TextBlock) -> list[list[int | None]]:
    """For each piece of each line, which link it belongs to (numbered in reading order) or None.
    A link that wraps onto the next line stays one link."""
    runs: list[list[int | None]] = []
    current, previous = -1, None
    for line in block.lines:
        row: list[int | None] = []
        for _, piece, _ in line.parts:
            if piece.href is None:
                previous = None
                row.append(None)
                continue
            if piece.href != previous:
                current += 1
                previous = piece.href
            row.append(current)
        runs.append(row)
    return runs


def lang_runs(block: TextBlock) -> list[list[int | None]]:
    """For each piece of each line, which span of words in another language (not a link) it
    belongs to, numbered in reading order, or None. A span that wraps stays one span."""
    runs: list[list[int | None]] = []
    current, previous = -1, None
    for line in block.lines:
        row: list[int | None] = []
        for _, piece, _ in line.parts:
            lang = piece.lang if piece.href is None else None
            if lang is None:
                if piece.text.strip():
                    previous = None
                row.append(None if previous is None else current)  # a space inside a span stays in it
                continue
            if lang != previous:
                current += 1
                previous = lang
            row.append(current)
        runs.append(row)
    return runs


def run_text(block: TextBlock, runs: list[list[int | None]], run: int) -> str:
    """The words of one link, for its annotation's description."""
    texts = [piece.text for line, row in zip(block.lines, runs, strict=True)
             for (_, piece, _), r in zip(line.parts, row, strict=True) if r == run]
    return " ".join("".join(texts).split())


def briefing_metadata(briefing: Briefing, theme: Theme) -> dict:
    words = for_briefing(briefing, theme)  # the organisation's name in the briefing's language
    return {
        "title": briefing.title,
        "author": briefing.author or words.theme("organisation") or words.theme("label"),
        "subject": briefing.summary or briefing.subtitle or "",
        "keywords": list(briefing.tags),
    }


def page_pdf(plan: PagePlan, briefing: Briefing, theme: Theme, *, running_footer: FooterPlan | None = None,
             after: Callable[[TaggedCanvas], None] | None = None) -> bytes:
    """The PDF of a briefing's page: the one function every command and the editor draw a page
    with. In a pack, ``running_footer`` is the pack's footer (drawn as pagination, with the page
    number added when the pack is put together) and fonts are subset to be shared with the other
    pages (:mod:`generator.pack.pieces`); ``after`` draws further pages of the same document (the
    record sheet that follows the page)."""
    stream = io.BytesIO()
    metadata = briefing_metadata(briefing, theme)
    epoch = source_epoch(briefing.published)
    canvas = new_canvas(stream, (plan.width, plan.height), theme, epoch=epoch, lang=plan.language,
                        shared_subsets=running_footer is not None, **metadata)
    drawer = PageDrawer(canvas, theme)
    if running_footer is None:
        drawer.page(plan)
    else:
        drawer.page(replace(plan, footer=running_footer), running=True)
    canvas.showPage()
    if after is not None:
        after(canvas)
    drawer.tags.finish(epoch=epoch, **metadata)
    canvas.save()
    return stream.getvalue()
