"""Drawing a pack: one PDF document, so fonts and the logo are embedded once for every page.

Page order: cover, contents (roman page labels), then each briefing (arabic labels from 1),
each followed by its record sheet when asked for, with blank pages where double-sided printing
needs them. Every page but the cover carries "Page n of N"; every briefing has a bookmark with
one nested bookmark per section, and each contents entry links to its briefing.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace

from reportlab.lib.colors import HexColor

from generator.layout.pack import ContentsPagePlan, CoverPlan, PackLayout, RecordSheetPlan
from generator.layout.plan import PagePlan
from generator.render.pdf import PageDrawer, block_lines, new_canvas
from generator.summary import BriefingSummary
from generator.theme import Theme


@dataclass(frozen=True)
class PackEntry:
    summary: BriefingSummary
    plan: PagePlan


@dataclass(frozen=True)
class Slot:
    """One physical page: what goes on it."""

    kind: str  # cover, blank-cover, contents, briefing, record, blank
    index: int = 0  # contents page number, or which briefing


def page_sequence(count: int, contents_pages: int, record_sheets: bool, duplex: bool) -> list[Slot]:
    """Every page of the pack in order, with blanks so briefings start on right-hand pages."""
    slots = [Slot("cover")]
    if duplex:
        slots.append(Slot("blank-cover"))
    slots += [Slot("contents", i) for i in range(contents_pages)]
    for index in range(count):
        if duplex and len(slots) % 2 == 1:  # the next page would be a left-hand (even) page
            slots.append(Slot("blank"))
        slots.append(Slot("briefing", index))
        if record_sheets:
            slots.append(Slot("record", index))
    return slots


class PackDrawer(PageDrawer):
    def cover(self, plan: CoverPlan, note: list) -> None:
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
            for block in note:
                self.text(block)

    def contents(self, plan: ContentsPagePlan, keys: list[str]) -> None:
        """Contents entries as ``TOCI`` elements, each title a link to its briefing."""
        self.text(plan.heading)
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
                        self.tags.link_annotation((x, y, x + w, y + h), destination=keys[entry.index],
                                                  contents=f"Go to briefing: {title}")
                        self.text(entry.title, link="internal")
                    for block in entry.details:
                        self.text(block)
                    self.text(entry.page, "Reference")

    def record_sheet(self, plan: RecordSheetPlan) -> None:
        canvas = self.canvas
        with self.tags.element("Sect"):
            self.text(plan.kicker, "P")
            self.text(plan.title, "H2")
            self.text(plan.intro)
            for field in plan.fields:
                with self.artifact():
                    canvas.setStrokeColor(self.colours["primary"])
                    canvas.setLineWidth(0.8)
                    canvas.roundRect(*field.box, radius=5, stroke=1, fill=0)
                    canvas.setStrokeColor(HexColor("#9A9A9A"))
                    canvas.setLineWidth(0.4)
                    for rule in field.rules:
                        canvas.line(field.box[0] + 8, rule, field.box[0] + field.box[2] - 8, rule)
                self.text(field.label, "P")
            self.text(plan.prompts)
            label, *cells = plan.table_header
            self.text(label, "P")
            with self.artifact():
                x, y, w, h = plan.table
                canvas.setFillColor(self.colours["box"])
                canvas.rect(x, plan.rows[0], w, y + h - plan.rows[0], stroke=0, fill=1)
                canvas.setStrokeColor(self.colours["primary"])
                canvas.setLineWidth(0.8)
                canvas.rect(x, y, w, h, stroke=1, fill=0)
                canvas.setLineWidth(0.4)
                for column in plan.columns[1:-1]:
                    canvas.line(column, y, column, y + h)
                for row in plan.rows[:-1]:
                    canvas.line(x, row, x + w, row)
            with self.tags.element("Table"), self.tags.element("TR"):
                for cell in cells:
                    self.text(cell, "TH")
            self.text(plan.return_line)

    def blank(self, plan_height: float, width: float, layout: PackLayout) -> None:
        note = layout.setter(8).block("Artifact", layout.words("This page is left blank for double-sided printing."),
                                      layout.left, plan_height / 2, layout.full, size=8, colour="text")[1]
        if note.lines:
            note.x = (width - note.lines[0].width) / 2
        self.text(note, "Artifact")

    def running_footer(self, layout: PackLayout, page_text: str | None) -> None:
        self.footer(layout.footer(page_text), running=True)


def render_pack(title: str, entries: list[PackEntry], theme: Theme, *, record_sheets: bool, duplex: bool,
                epoch: int, date: dt.date) -> tuple[bytes, int]:
    """The whole pack as PDF bytes, and its number of pages."""
    layout = PackLayout(theme)
    summaries = [entry.summary for entry in entries]
    contents = layout.contents(summaries)
    contents_pages = len(contents)
    slots = page_sequence(len(entries), contents_pages, record_sheets, duplex)
    first_main = next(i for i, slot in enumerate(slots) if slot.kind not in ("cover", "blank-cover", "contents"))
    main_total = len(slots) - first_main
    labels = {slot.index: str(i - first_main + 1) for i, slot in enumerate(slots) if slot.kind == "briefing"}
    layout.label_contents(contents, [labels[i] for i in range(len(entries))])

    stream = io.BytesIO()
    keywords = sorted({tag for summary in summaries for tag in summary.tags})
    canvas = new_canvas(stream, (layout.width, layout.height), theme, title=title,
                        author=theme.model.organisation or theme.model.label,
                        subject=f"{len(entries)} {theme.model.label}s", keywords=keywords, epoch=epoch)
    drawer = PackDrawer(canvas, theme)
    keys = [f"briefing-{i + 1}" for i in range(len(entries))]
    roman = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
    canvas.addPageLabel(0, prefix="Cover")
    contents_start = next(i for i, slot in enumerate(slots) if slot.kind == "contents")
    if contents_start > 1:
        canvas.addPageLabel(1, prefix="Cover (back)")
    canvas.addPageLabel(contents_start, style="ROMAN_LOWER", start=1)
    canvas.addPageLabel(first_main, style="ARABIC", start=1)
    for physical, slot in enumerate(slots):
        if slot.kind == "cover":
            drawer.cover(layout.cover(title, len(entries), date), layout.cover_note(record_sheets))
        elif slot.kind == "contents":
            if slot.index == 0:
                canvas.bookmarkPage("contents")
                canvas.addOutlineEntry("Contents", "contents", 0)
            drawer.contents(contents[slot.index], keys)
            number = roman[slot.index] if slot.index < len(roman) else str(slot.index + 1)
            drawer.running_footer(layout, f"Contents, page {number}")
        elif slot.kind == "briefing":
            entry = entries[slot.index]
            key = keys[slot.index]
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(f"{slot.index + 1}. {entry.summary.title}", key, 0, closed=True)
            for section in entry.plan.sections:
                section_key = f"{key}-section-{section.number}"
                _, y, _, h = section.box
                canvas.bookmarkHorizontalAbsolute(section_key, y + h)
                canvas.addOutlineEntry(f"{section.number}. {entry.summary.headings[section.number - 1]}",
                                       section_key, 1)
            page_text = f"Page {physical - first_main + 1} of {main_total}"
            drawer.page(replace(entry.plan, footer=layout.footer(page_text)), running_footer=True)
        elif slot.kind == "record":
            drawer.record_sheet(layout.record_sheet(entries[slot.index].summary))
            drawer.running_footer(layout, f"Page {physical - first_main + 1} of {main_total}")
        else:
            drawer.blank(layout.height, layout.width, layout)
            if slot.kind == "blank":
                drawer.running_footer(layout, f"Page {physical - first_main + 1} of {main_total}")
        canvas.showPage()
    canvas.showOutline()
    drawer.tags.finish(title=title, author=theme.model.organisation or theme.model.label,
                       subject=f"{len(entries)} {theme.model.label}s", keywords=keywords, epoch=epoch)
    canvas.save()
    return stream.getvalue(), len(slots)
