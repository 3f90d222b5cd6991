"""Drawing a pack's pages: each briefing's pages on their own (a piece), and the pack's frame.

Page order: cover, contents, then each briefing, each followed by its record sheet when asked
for, with blank pages where double-sided printing needs them. Pages are numbered as they are
printed, from the cover (page 1), so with ``--duplex`` every briefing is on an odd, right-hand
page; every page but the blank ones carries the running footer, "Page n of N" in it. A
briefing's pages do not depend on where it falls in the pack, so they are drawn once and cached;
:mod:`generator.pack.assembly` puts pieces and frame together into one document with fonts and
logo embedded once.
"""

from __future__ import annotations

import datetime as dt
import io

from generator.layout.plan import PagePlan
from generator.pack.frame import Frame, Stamp
from generator.pack.layout import ContentsPagePlan, CoverPlan, PackLayout
from generator.pack.order import page_sequence
from generator.read.briefing import BriefingFacts, split_language
from generator.read.messages import for_briefing, messages_for
from generator.read.theme import Theme
from generator.render.pdf import block_lines, new_canvas, page_pdf
from generator.sheets.draw import SheetDrawer
from generator.sheets.layout import record_sheet as sheet_plan


class PackDrawer(SheetDrawer):
    def cover(self, plan: CoverPlan) -> None:
        canvas = self.canvas
        with self.artifact():
            canvas.setFillColor(self.colours["primary"])
            canvas.roundRect(*plan.band, radius=12, stroke=0, fill=1)
            x, y, _, _ = plan.band
            canvas.setFillColor(self.colours["accent"])
            canvas.rect(x + 30, y + 26, 80, 6, stroke=0, fill=1)
        with self.tags.element("Sect"):
            self.text(plan.title)
            self.text(plan.kicker, "P")
            for line in plan.lines:
                self.text(line)
            if plan.logo is not None:
                self.logo(plan.logo_plate, plan.logo, radius=10)
            for column in plan.note:
                with self.tags.element("Div", lang=column.lang):
                    self.flow(column.items)

    def blank_page(self, layout: PackLayout, languages: list) -> None:
        """"This page is intentionally left blank", in each language, small and centred: a
        reader on screen knows nothing is missing, and the page is still blank for printing."""
        size = 9.0
        y = layout.height / 2 + (len(languages) - 1) * size * 0.8
        with self.artifact():
            for m in languages:
                text = m("blank_page")
                name = self.theme.fonts.face("regular").name
                width = self.canvas.stringWidth(text, name, size)
                self.canvas.setFont(name, size)
                self.canvas.setFillColor(self.colours["text"])
                self.canvas.drawString((layout.width - width) / 2, y, text)
                y -= size * 1.6

    def contents(self, plan: ContentsPagePlan, keys: list[str], words) -> None:
        """Contents entries as ``TOCI`` elements, each title a link to its briefing."""
        self.text(plan.heading)
        self.text(plan.also)
        with self.tags.element("TOC"):
            for entry in plan.entries:
                x, y, w, h = entry.rect
                with self.artifact():
                    self.canvas.setStrokeColor(self.colours["box"])
                    self.canvas.setLineWidth(1)
                    self.canvas.line(x, y, x + w, y)
                with self.tags.element("TOCI"):
                    self.text(entry.number, "Lbl")
                    with self.tags.element("Link"):
                        title = " ".join(block_lines(entry.title))
                        self.tags.link_annotation((x, y, x + w, y + h), named=keys[entry.index],
                                                  contents=words("go_to_briefing", title=title))
                        self.text(entry.title, link="internal")
                    for block in entry.details:
                        self.text(block)
                    with self.tags.element("Reference"), self.tags.element("Link"):  # the page number leads there too
                        page = entry.page
                        self.tags.link_annotation(
                            (page.x, page.y - page.size * 0.3, page.x + page.lines[0].width, page.y + page.size),
                            named=keys[entry.index], contents=words("go_to_page", page=" ".join(block_lines(page))))
                        self.text(page, link="internal")

def render_piece(summary: BriefingFacts, plan: PagePlan, briefing, theme: Theme, *, record_sheet: bool,
                 version: str = "", numbering: tuple[str, ...] = ()) -> bytes:
    """One briefing's pages for a pack (its page, then its record sheet if asked for), drawn by the
    one page function with the pack's running footer and no page numbers: it is the same wherever
    the briefing falls in a pack, so it is cached and reused (:mod:`generator.pack.assembly` puts
    the pack together)."""
    layout = PackLayout(theme, for_briefing(summary, theme),
                        numbering=[messages_for(language, theme) for language in numbering])

    def sheet(canvas) -> None:
        drawer = SheetDrawer(canvas, theme)
        drawer.record_sheet(sheet_plan(layout, summary, version))
        drawer.running_footer(layout, None)
        canvas.showPage()

    footer = layout.footer(None)
    if footer.rule[2] != plan.footer.rule[2]:  # the pack's footer is taller: the page is laid out above it
        from generator.layout.page import plan_page

        plan = plan_page(briefing, theme, running_footer=footer)
    return page_pdf(plan, briefing, theme, running_footer=footer, after=sheet if record_sheet else None)


def render_frame(title: str, summaries: list[BriefingFacts], theme: Theme, *, record_sheets: bool,
                 duplex: bool, epoch: int, date: dt.date, languages: tuple[str, ...] = ()) -> Frame:
    """Everything in a pack but the briefings' own pages: the cover, contents (each entry a link
    to a named destination ``briefing-n``) and blank pages for double-sided printing, in order,
    and the page number of every other page. The document's metadata, language and structure
    tree root are the pack's. With ``languages`` (a bilingual pack, its briefings already in
    pairs, the first language first), the cover and contents are in every language, and printed
    double-sided without record sheets, each pair is back to back."""
    words = [messages_for(language, theme) for language in languages] or [messages_for(theme.model.language, theme)]
    layout = PackLayout(theme, words[0], words[1:], numbering=words)
    contents = layout.contents(summaries)
    slots = page_sequence(len(summaries), len(contents), record_sheets, duplex,
                          back_to_back(summaries) if duplex and len(words) > 1 and not record_sheets else frozenset())
    labels = {slot.index: str(i + 1) for i, slot in enumerate(slots) if slot.kind == "briefing"}
    layout.label_contents(contents, [labels[i] for i in range(len(summaries))])
    own_layouts: dict[str, PackLayout] = {}  # a briefing's pages are numbered in its own language

    def own(index: int) -> PackLayout:
        m = for_briefing(summaries[index], theme)
        return own_layouts.setdefault(m.language, PackLayout(theme, m, numbering=words))

    stream = io.BytesIO()
    keywords = sorted({tag for summary in summaries for tag in summary.tags})
    author = words[0].theme("organisation") or words[0].theme("label")
    subject = " \u00b7 ".join(f"{m.briefings(len(summaries) // len(words))}" for m in words)
    canvas = new_canvas(stream, (layout.width, layout.height), theme, title=title, author=author, subject=subject,
                        keywords=keywords, epoch=epoch, shared_subsets=True, lang=words[0].language)
    drawer = PackDrawer(canvas, theme)
    keys = [f"briefing-{i + 1}" for i in range(len(summaries))]
    stamps: dict[int, Stamp] = {}
    for physical, slot in enumerate(slots):
        if slot.kind in ("briefing", "record"):
            page_layout = own(slot.index)
            page_text = page_layout.page_number(physical + 1, len(slots))
            stamps[physical] = _stamp(page_layout.footer(page_text).page, drawer)
            continue
        page_text = layout.page_number(physical + 1, len(slots))
        if slot.kind == "cover":
            drawer.cover(layout.cover(title, summaries, date, record_sheets, also=words[1:]))
            drawer.running_footer(layout, page_text)
        elif slot.kind == "contents":
            drawer.contents(contents[slot.index], keys, layout.m)
            drawer.running_footer(layout, page_text)
        else:  # the back of the cover, or before a briefing: said so, as print convention asks
            drawer.blank_page(layout, words)
        canvas.showPage()
    drawer.tags.finish(title=title, author=author, subject=subject, keywords=keywords, epoch=epoch)
    canvas.save()
    face = theme.fonts.face("bold").font.face
    return Frame(stream.getvalue(), slots, stamps, f"AAAAAA+{face.name.decode()}",
                 (words[0]("contents"), words[0]("cover")))


def back_to_back(summaries: list[BriefingFacts]) -> frozenset[int]:
    """The briefings that are the other language of the one before them: printed on its back."""
    return frozenset(index for index in range(1, len(summaries))
                     if split_language(summaries[index].id)[0] == split_language(summaries[index - 1].id)[0])


def _stamp(block, drawer: PackDrawer) -> Stamp:
    """A page number as a stamp. Its text is ASCII in the brand's bold face, which the frame uses
    for its own footers: in the frame's first subset of that face (shared subsets keep ASCII
    codes as they are), so :mod:`generator.pack.assembly` can print it without ReportLab."""
    text = "".join(piece.text for _, piece, _ in block.lines[0].parts)
    fonts = drawer.theme.fonts
    if not text.isascii() or fonts.segments(text, "bold") != [(fonts.face("bold").name, text)]:
        raise AssertionError(f"the theme's bold face cannot print the page number {text!r}")
    colour = drawer.colours[block.colour]
    return Stamp(text, block.x, block.y, block.size, (colour.red, colour.green, colour.blue))
