"""Layout of the pack's own pages: cover, contents (over as many pages as it needs), record
sheets, and footers with page numbers. Briefing pages come from :mod:`.page` unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.fonts import FontSet
from generator.layout.page import MARGIN, PAGE_SIZES, TextSetter, fitted_logo, footer_plan, logo_plate
from generator.layout.plan import FooterPlan, LinkPlan, ListItemPlan, ListPlan, TextBlock
from generator.layout.text import Word, balanced_width, count_lines, words_from_runs
from generator.markup import linked_runs
from generator.messages import Messages, for_briefing, language_of, primary
from generator.model import BriefingFacts
from generator.theme import Theme

# The widest page number a pack footer makes room for (digits are the same width in the shipped faces).


class Words:
    """Measured words for the pack's own text. Everything it sets (titles, summaries, the
    theme's lines) was drawn on the briefing pages first, so every character has a font."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts

    def __call__(self, text: str, bold: bool = False, italic: bool = False) -> list[Word]:
        """The words of ``text``, every web and email address in it a link."""
        return words_from_runs(linked_runs(text, bold=bold, italic=italic), self.fonts)


@dataclass
class CoverPlan:
    band: tuple[float, float, float, float]
    kicker: TextBlock
    title: TextBlock
    lines: list[TextBlock]
    logo: tuple[float, float, float, float] | None
    logo_plate: tuple[float, float, float, float] | None
    note: list[CoverColumn]  # under the band: what is in the pack, how to use it


@dataclass
class CoverColumn:
    """A column under the cover's band, in ``lang`` (None: the pack's language)."""

    lang: str | None
    items: list[TextBlock | ListPlan]


@dataclass
class ContentsEntry:
    index: int  # which briefing
    number: TextBlock
    title: TextBlock
    details: list[TextBlock]
    page: TextBlock | None
    rect: tuple[float, float, float, float]  # the clickable area

    def shift(self, dy: float) -> None:
        """Move the entry down the page (or to the top of the next one)."""
        for block in (self.number, self.title, *self.details):
            block.y += dy
        x, y, w, h = self.rect
        self.rect = (x, y + dy, w, h)


@dataclass
class ContentsPagePlan:
    heading: TextBlock | None
    entries: list[ContentsEntry] = field(default_factory=list)
    also: TextBlock | None = None  # "Contents" in a bilingual pack's other language


@dataclass
class FormField:
    """A place to type, on screen, over what prints as ruled lines: its name in the form (see
    :func:`field_name`) and its tooltip, which says what goes in it."""

    rect: tuple[float, float, float, float]
    name: str
    tooltip: str
    multiline: bool = False


@dataclass
class RecordField:
    label: TextBlock
    box: tuple[float, float, float, float]
    rules: list[float]  # y positions of writing lines inside the box
    field: FormField | None = None
    question: TextBlock | None = None  # a reflection's question, at the body size, above its lines


@dataclass
class RecordSheetPlan:
    kicker: TextBlock
    title: TextBlock
    intro: TextBlock
    fields: list[RecordField]
    table_header: list[TextBlock]
    table: tuple[float, float, float, float]
    columns: list[float]  # x positions of column rules
    rows: list[float]  # y positions of row rules
    cells: list[FormField]  # the actions table's fields, row by row
    return_line: TextBlock
    briefing_field: FormField  # hidden: which briefing (id, title, version) the sheet is for
    briefing_value: str
    feedback: LinkPlan | None = None  # the theme's feedback link, with its QR code
    language: str = "en-GB"  # the sheet's language: the briefing's


SHEET_PREFIX = "rs"


def _bottom_of(block: TextBlock) -> float:
    """The lowest point of a block's last line."""
    return block.y - (len(block.lines) - 1) * block.leading - block.size * 0.3


def primary_of(briefing: BriefingFacts, theme: Theme) -> str:
    return primary(language_of(briefing, theme))


def field_name(version: str, part: str) -> str:
    """A record sheet's field name: ``rs_<version>_<part>`` (team, date, delivered_by, attendees,
    reflection_1..., action_1_what, action_1_owner, action_1_when, briefing). The version is the
    digest of the briefing file the sheet was made from, so every briefing's sheet has its own
    names in a pack, and what comes back is read by ``briefing impact``."""
    return f"{SHEET_PREFIX}_{version}_{part}"


class PackLayout:
    """Lays out the pack's own pages in a theme."""

    def __init__(self, theme: Theme, words: Messages, also: list[Messages] = (), numbering: list[Messages] = ()):
        """``words``: the language of these pages; ``also``: a bilingual pack's other languages;
        ``numbering``: the languages page numbers are in (a bilingual pack's: all of them, so
        every page says "Tudalen 5 o 9 / Page 5 of 9"; default: ``words``)."""
        self.theme, self.m, self.also = theme, words, list(also)
        self.numbering = list(numbering) or [words]
        self.width, self.height = PAGE_SIZES[theme.model.page_size]
        self.words = Words(theme.fonts)
        self.left, self.right = MARGIN, self.width - MARGIN
        self.full = self.right - self.left

    def setter(self, size: float) -> TextSetter:
        return TextSetter(self.theme.fonts, size, place=True)

    def entry_words(self, briefing: BriefingFacts) -> Messages:
        """The fixed words of a briefing's own language (a contents entry's dates are in the
        briefing's language, as its page is)."""
        return for_briefing(briefing, self.theme)

    def footer(self, page_text: str | None) -> FooterPlan:
        """A pack page's footer. Its layout is the same with or without the number, which is
        drawn separately (see :mod:`generator.render.pack_pages`), so a briefing's page is the same
        wherever it falls in the pack."""
        return footer_plan(self.theme, self.width, lambda text, bold: self.words(text, bold), self.m, page_text,
                           reserve=self.page_number(8888, 8888))

    def page_number(self, number: int, total: int) -> str:
        """"Page 5 of 9", in each language of the numbering, the first first."""
        return " / ".join(m("page", n=number, total=total) for m in self.numbering)

    # ------------------------------------------------------------------ cover

    def cover(self, title: str, briefings: list[BriefingFacts], date: dt.date, record_sheets: bool,
              also: list[Messages] = ()) -> CoverPlan:
        """The cover: a band with the logo, the title (balanced, so a year never sits alone on a
        line), the partnership, its contact line and the pack's date; under it what is in the pack
        and how to use it, at a size that reads at arm's length. In one language, those two side
        by side; with ``also`` (a bilingual pack: the pack's language first, then these), a column
        for each language, each listing its own briefings and tagged with its language."""
        theme = self.theme
        languages = [self.m, *also]
        band_top = self.height - MARGIN
        pad = 30.0
        plate_w, logo_box = logo_plate(theme, 90.0 if also else 120.0, 320.0)  # two languages need the room
        x, width = self.left + pad, self.full - 2 * pad
        y = band_top - pad - logo_box - (28 if logo_box else 0)
        kickers = []
        for m in languages:
            _, kicker = self.setter(15).block("Caption", self.words(m("labels"), True), x, y, width,
                                              size=15, colour="on_primary")
            kicker.lang = m.language if m is not self.m else None
            kickers.append(kicker)
            y -= 15 * 1.5
        y -= 15 * 0.4
        title_words = self.words(title, True)
        size = next((size for size in (40.0, 34.0, 28.0) if count_lines(title_words, width / size,
                                                                         theme.fonts) <= 2), 28.0)
        title_h, title_block = self.setter(size).block("H1", title_words, x, y,
                                                       balanced_width(title_words, width, size, theme.fonts),
                                                       size=size, colour="on_primary", leading=size * 1.1)
        y -= title_h + 18
        lines = [*kickers[1:]]
        wanted: list[tuple[str, float, bool, Messages]] = []
        for m in languages:  # the theme's words, once each (a partnership's name is often the same)
            for key, size, bold in (("organisation", 17.0, True), ("contact", 12.5, False)):
                if m.theme(key) and m.theme(key) not in [text for text, *_ in wanted]:
                    wanted.append((m.theme(key), size, bold, m))
        for m in languages:
            count = len([b for b in briefings if primary_of(b, theme) == primary(m.language)]) if also \
                else len(briefings)
            wanted.append((f"{m.briefings(count)}  \u00b7  {m.date(date)}", 14.0, False, m))
        for text, size, bold, m in wanted:
            height, block = self.setter(size).block("P", self.words(text, bold), x, y, width, size=size,
                                                    colour="on_primary")
            block.lang = m.language if m is not self.m else None
            lines.append(block)
            y -= height + 6
        band_bottom = y - pad - 10
        band = (self.left, band_bottom, self.full, band_top - band_bottom)
        logo = plate = None
        if theme.logo:
            plate = (x, band_top - pad - logo_box, plate_w, logo_box)
            logo = fitted_logo(theme, plate)
        top, bottom = band_bottom - 34, MARGIN + 20
        if not also:
            inside_w = (self.full - 2 * pad - 28) * 0.55
            note_x = x + inside_w + 28
            columns = [CoverColumn(None, self._inside(self.m, briefings, x, top, inside_w, bottom)),
                       CoverColumn(None, self._using(self.m, record_sheets, note_x, top, self.right - pad - note_x))]
        else:
            columns = self._language_columns(languages, briefings, record_sheets, x, top, bottom)
        return CoverPlan(band, kickers[0], title_block, lines, logo, plate, columns)

    def _language_columns(self, languages: list[Messages], briefings: list[BriefingFacts], record_sheets: bool,
                          x: float, top: float, bottom: float) -> list[CoverColumn]:
        """A bilingual cover's columns, one per language, each its briefings and how to use the
        pack, at the largest size from 12 pt down to 9.5 pt at which both stay above the margin."""
        gap = 28.0
        column_w = (self.right - 30 - x - gap * (len(languages) - 1)) / len(languages)
        for size in (12.0, 11.0, 10.0, 9.5):
            columns, lowest, complete = [], top, True
            for index, m in enumerate(languages):
                left = x + index * (column_w + gap)
                own = [b for b in briefings if primary_of(b, self.theme) == primary(m.language)]
                trial = self._using(m, record_sheets, left, 0, column_w, size)
                room = -_bottom_of(trial[-1]) + 24
                inside = self._inside(m, own, left, top, column_w, bottom + room, size)
                complete = complete and isinstance(inside[-1], ListPlan)  # no "and N more"
                last = inside[-1] if not isinstance(inside[-1], ListPlan) else inside[-1].items[-1].body[-1] \
                    if inside[-1].items else inside[0]
                using = self._using(m, record_sheets, left, _bottom_of(last) - 30, column_w, size)
                lowest = min(lowest, _bottom_of(using[-1]))
                columns.append(CoverColumn(m.language if m is not self.m else None, inside + using))
            if lowest >= bottom - 20 and complete:
                break
        return columns

    def _inside(self, m: Messages, briefings: list[BriefingFacts], x: float, top: float, width: float,
                bottom: float, size: float = 12.0) -> list[TextBlock | ListPlan]:
        """"In this pack": the briefings' titles, numbered as in the contents, as many as the
        cover holds; a long pack's cover ends with how many more the contents lists."""
        _, heading = self.setter(16).block("H2", self.words(m("in_this_pack"), True), x, top, width, size=16,
                                           colour="primary")
        y = top - 16 * 1.7
        label_w = sum(w.width for w in self.words(f"{len(briefings)}.", True)) * size + size * 0.6
        items: list[ListItemPlan] = []
        for index, briefing in enumerate(briefings):
            words = self.words(briefing.title)
            lines = count_lines(words, (width - label_w) / size, self.theme.fonts)
            more = len(briefings) - index
            if y - lines * size * 1.3 < bottom + (size * 2.6 if more > 1 else 0):
                _, rest = self.setter(size).block("P", self.words(
                    m("more_in_contents", count=more), italic=True), x + label_w, y, width - label_w,
                    size=size)
                return [heading, ListPlan(True, items), rest]
            _, label = self.setter(size).block("Lbl", self.words(f"{index + 1}.", True), x, y, label_w,
                                               size=size, colour="accent")
            height, body = self.setter(size).block("P", words, x + label_w, y, width - label_w, size=size)
            items.append(ListItemPlan(label, [body]))
            y -= height + size * 0.45
        return [heading, ListPlan(True, items)]

    def _using(self, m: Messages, record_sheets: bool, x: float, top: float, width: float,
               size: float = 12.0) -> list[TextBlock]:
        """How to use the pack."""
        paragraphs = [m("using_deliver"), m("using_contents")]
        if record_sheets:
            paragraphs.append(m("using_record"))
        _, heading = self.setter(16).block("H2", self.words(m("using_this_pack"), True), x, top, width, size=16,
                                           colour="primary")
        blocks, y = [heading], top - 16 * 1.7
        for text in paragraphs:
            height, block = self.setter(size).block("P", self.words(text), x, y, width, size=size)
            blocks.append(block)
            y -= height + size * 0.65
        return blocks

    # ------------------------------------------------------------------ contents

    CONTENTS_SIZE = 10.5
    PAGE_COLUMN = 50.0

    def contents(self, briefings: list[BriefingFacts]) -> list[ContentsPagePlan]:
        """Contents entries over as many pages as they need; page numbers come later
        (:meth:`label_contents`), once the number of contents pages is known."""
        widest = sum(w.width for w in self.words(str(len(briefings)), True)) * self.CONTENTS_SIZE * 1.6
        number_w = max(30.0, widest + 8)  # room for "100" in a long pack
        text_x, text_w = self.left + number_w, self.full - number_w - self.PAGE_COLUMN
        top_limit, bottom_limit = self.height - MARGIN, MARGIN + 40
        result: list[ContentsPagePlan] = []

        def new_page() -> tuple[ContentsPagePlan, float]:
            heading, also, y = None, None, top_limit
            if not result:
                _, heading = self.setter(24).block("H1", self.words(self.m("contents"), True), self.left, y, self.full,
                                                   size=24, colour="primary")
                y -= 24 * 1.8
                for m in self.also:  # a bilingual pack: the word in its other language too
                    y += 24 * 0.6
                    _, also = self.setter(18).block("P", self.words(m("contents"), True), self.left, y, self.full,
                                                    size=18, colour="primary")
                    also.lang = m.language
                    y -= 18 * 1.8
            result.append(ContentsPagePlan(heading, also=also))
            return result[-1], y

        page, y = new_page()
        for index, briefing in enumerate(briefings):
            entry, height = self._entry(index, briefing, text_x, y, text_w)
            if y - height < bottom_limit and page.entries:
                page, new_y = new_page()
                entry.shift(new_y - y)
                y = new_y
            page.entries.append(entry)
            y -= height
        return result

    def label_contents(self, pages: list[ContentsPagePlan], labels: list[str]) -> None:
        """Set each entry's page number, right-aligned beside its title."""
        size = self.CONTENTS_SIZE * 1.2
        for page in pages:
            for entry in page.entries:
                _, block = self.setter(size).block("Reference", self.words(labels[entry.index], True),
                                                   self.right - self.PAGE_COLUMN, entry.title.y + size * 0.93,
                                                   self.PAGE_COLUMN, size=size, colour="primary")
                if block.lines:
                    block.x = self.right - block.lines[0].width
                entry.page = block

    def _entry(self, index: int, briefing: BriefingFacts, x: float, top: float,
               width: float) -> tuple[ContentsEntry, float]:
        size = self.CONTENTS_SIZE
        setter = self.setter(size)
        y = top - 6
        _, number = setter.block("Lbl", self.words(str(index + 1), True), self.left, y, x - self.left,
                                 size=size * 1.6, colour="accent")
        title_h, title = setter.block("Link", self.words(briefing.title, True), x, y, width, size=size * 1.2,
                                      colour="primary")
        y -= title_h + 2
        details = []
        if briefing.summary:
            h, block = setter.block("P", self.words(briefing.summary), x, y, width, size=size)
            details.append(block)
            y -= h
        m = self.entry_words(briefing)
        own = None if primary(m.language) == primary(self.m.language) else m.language
        title.lang = own
        for block in details:
            block.lang = own
        dates = m("published", date=m.date(briefing.published))
        if briefing.review:
            dates += "  \u00b7  " + m("review_by", date=m.date(briefing.review))
        h, block = setter.block("P", self.words(dates, italic=True), x, y, width, size=size * 0.9)
        block.lang = own
        details.append(block)
        y -= h
        height = top - y + 10
        return ContentsEntry(index, number, title, details, None, (self.left, top - height + 4, self.full,
                                                                   height - 4)), height

    # ------------------------------------------------------------------ record sheet

    def record_sheet(self, briefing: BriefingFacts, version: str) -> RecordSheetPlan:
        """The record of discussion for ``briefing``: team, date, who delivered it, who came, a
        writing space under each of its questions, the actions agreed; each a form field that
        prints as ruled lines, named for the briefing's ``version`` (:func:`field_name`)."""
        import json

        theme = self.theme
        y = self.height - MARGIN
        # the kicker is the same on every sheet: a running header, drawn as an artifact; the sheet
        # says what it is in its own words, with the briefing's title (the intro below)
        m = self.m
        _, kicker = self.setter(11).block("Artifact", self.words(m("record"), True), self.left, y,
                                          self.full, size=11, colour="accent")
        y -= 11 * 1.6
        title_h, title = self.setter(18).block("H1", self.words(briefing.title, True), self.left, y, self.full,
                                               size=18, colour="primary", leading=18 * 1.15)
        y -= title_h + 4
        # short enough that its first line always holds the start of the title: a line of the
        # same words on every sheet would be a running header, not part of each sheet
        intro_text = m("record_intro", title=briefing.title)
        intro_h, intro = self.setter(10).block("P", self.words(intro_text), self.left, y, self.full, size=10)
        y -= intro_h + 10
        fields: list[RecordField] = []
        half = (self.full - 12) / 2
        size = 10.0  # the body size: questions are read, and written under

        def field_box(label: str, x: float, top: float, width: float, lines: int, part: str, tooltip: str,
                      question: str | None = None) -> float:
            _, block = self.setter(9.5).block("Lbl", self.words(label, True), x + 6, top - 5, width - 12,
                                              size=9.5, colour="primary")
            asked = None
            head = 22.0
            if question is not None:
                asked_h, asked = self.setter(size).block("P", self.words(question), x + 6, top - head + 2, width - 12,
                                                         size=size)
                head += asked_h
            height = head + lines * 20
            rules = [top - head - (i + 1) * 20 + 4 for i in range(lines)]
            rect = (x + 4, top - height + 2, x + width - 4, top - head + 2)
            fields.append(RecordField(block, (x, top - height, width, height), rules,
                                      FormField(rect, field_name(version, part), tooltip, multiline=lines > 1), asked))
            return height

        row = max(field_box(m("team"), self.left, y, half, 1, "team", m("team_tip")),
                  field_box(m("date"), self.left + half + 12, y, half, 1, "date", m("date_tip")))
        y -= row + 8
        y -= field_box(m("delivered_by"), self.left, y, self.full, 1, "delivered_by", m("delivered_tip")) + 8
        y -= field_box(m("attendees"), self.left, y, self.full, 2, "attendees", m("attendees_tip")) + 8
        questions = list(briefing.questions) or [m("default_question")]
        lines = 3 if len(questions) <= 2 else 2
        for number, question in enumerate(questions, 1):
            label = m("reflections") if number == 1 else m("reflections_n", n=number)
            y -= field_box(label, self.left, y, self.full, lines, f"reflection_{number}",
                           m("reflections_tip", question=question), question=f"{number}. {question}"
                           if len(questions) > 1 else question) + 8
        _, header_label = self.setter(9.5).block("Lbl", self.words(m("actions"), True), self.left, y,
                                                 self.full, size=9.5, colour="primary")
        y -= 16
        columns = [self.left, self.left + self.full * 0.6, self.left + self.full * 0.82, self.right]
        header_cells = []
        for text, x0, x1 in zip((m("action"), m("owner"), m("by_when")), columns, columns[1:], strict=False):
            _, cell = self.setter(9).block("TH", self.words(text, True), x0 + 5, y - 4, x1 - x0 - 10, size=9)
            header_cells.append(cell)
        row_h = 24.0
        footer_room = MARGIN + (120 if theme.model.feedback_url else 60)
        rows_count = max(2, min(6, int((y - 18 - footer_room) // row_h)))
        rows = [y - 18 - i * row_h for i in range(rows_count + 1)]
        table = (self.left, rows[-1], self.full, y - rows[-1])
        cells = []
        for index in range(rows_count):
            top, bottom = rows[index], rows[index + 1]
            for part, what, x0, x1 in zip(("what", "owner", "when"), (m("the_action"), m("who_owns"), m("by_when")),
                                          columns, columns[1:], strict=False):
                name = field_name(version, f"action_{index + 1}_{part}")
                cells.append(FormField((x0 + 3, bottom + 2, x1 - 3, top - 2), name,
                                       m("action_tip", n=index + 1, what=what)))
        return_text = m("return_to", organisation=m.theme("organisation") or m("the_board"))
        if m.theme("contact"):
            return_text += f" ({m.theme('contact')})"
        return_text += "."
        _, return_line = self.setter(9.5).block("P", self.words(return_text, True), self.left, rows[-1] - 14,
                                                self.full, size=9.5, colour="primary")
        feedback = None
        if theme.model.feedback_url:  # beside the return line: the online way to say how it was used
            from generator.layout.page import QR_SIZE, link_address
            from generator.qrcode import qr_modules

            url = theme.model.feedback_url
            top = rows[-1] - 14 - 9.5 * 1.3 * len(return_line.lines) - 6
            text_x = self.left + QR_SIZE + 8
            label_h, label = self.setter(10).block("Link", self.words(m.theme("feedback_label"), True), text_x,
                                                   top - 10, self.full - QR_SIZE - 8, size=10, colour="primary")
            _, address = self.setter(8.5).block("Link", self.words(link_address(url)), text_x, top - 10 - label_h,
                                                self.full - QR_SIZE - 8, size=8.5)
            feedback = LinkPlan(url, label, address, (self.left, top - QR_SIZE, QR_SIZE), qr_modules(url))
        value = json.dumps({"id": briefing.id, "title": briefing.title, "version": version}, ensure_ascii=False)
        hidden = FormField((self.left, rows[-1] - 30, self.left + 1, rows[-1] - 29), field_name(version, "briefing"),
                           m("briefing_tip"))
        return RecordSheetPlan(kicker, title, intro, fields, [header_label, *header_cells], table, columns, rows,
                               cells, return_line, hidden, value, feedback, m.language)
