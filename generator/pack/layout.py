"""Layout of the pack's own pages: the cover and the contents (over as many pages as it needs).
Briefing pages come from :mod:`generator.layout.page` unchanged; record sheets from
:mod:`generator.sheets.layout`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.layout.furniture import PageLayout, bottom_of
from generator.layout.page import MARGIN, fitted_logo, logo_plate
from generator.layout.plan import ListPlan, TextBlock
from generator.layout.text import balanced_width, count_lines
from generator.read.briefing import BriefingFacts
from generator.read.messages import Messages, language_of, primary
from generator.read.theme import Theme


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


def primary_of(briefing: BriefingFacts, theme: Theme) -> str:
    return primary(language_of(briefing, theme))


class PackLayout(PageLayout):
    """Lays out the pack's own pages (cover and contents) in a theme."""

    # ------------------------------------------------------------------ cover

    def cover(self, title: str, briefings: list[BriefingFacts], date: dt.date, record_sheets: bool,
              also: list[Messages] = ()) -> CoverPlan:
        """The cover: a band with the logo, the title (balanced, so a year never sits alone on a
        line), the partnership, and how many briefings it holds and when; under it how to use the
        pack, at a size that reads at arm's length. It does not list the briefings (the contents,
        the next page, does) nor the contact line (the footer, on every page, does). With ``also``
        (a bilingual pack: the pack's language first, then these), a column for each language,
        tagged with its language."""
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
            for key, size, bold in (("organisation", 17.0, True),):
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
        if not also:  # how to use it, as large as the cover holds, in a measure that reads easily
            width = min(self.full - 2 * pad, 400.0)
            using = next((found for size in (16.0, 15.0, 14.0, 13.0, 12.0)
                          if bottom_of((found := self._using(self.m, record_sheets, x, top, width, size))[-1])
                          >= bottom + 40), self._using(self.m, record_sheets, x, top, width, 12.0))
            columns = [CoverColumn(None, using)]
        else:
            columns = self._language_columns(languages, record_sheets, x, top, bottom)
        return CoverPlan(band, kickers[0], title_block, lines, logo, plate, columns)

    def _language_columns(self, languages: list[Messages], record_sheets: bool, x: float, top: float,
                          bottom: float) -> list[CoverColumn]:
        """A bilingual cover's columns, one per language, each how to use the pack in it, at the
        largest size from 14 pt down to 10 pt at which they stay above the margin."""
        gap = 28.0
        column_w = (self.right - 30 - x - gap * (len(languages) - 1)) / len(languages)
        for size in (14.0, 13.0, 12.0, 11.0, 10.0):
            columns = [CoverColumn(m.language if m is not self.m else None,
                                   self._using(m, record_sheets, x + index * (column_w + gap), top, column_w, size))
                       for index, m in enumerate(languages)]
            if min(bottom_of(column.items[-1]) for column in columns) >= bottom:
                break
        return columns

    def _using(self, m: Messages, record_sheets: bool, x: float, top: float, width: float,
               size: float = 12.0) -> list[TextBlock]:
        """How to use the pack."""
        paragraphs = [m("using_deliver"), m("using_contents")]
        if record_sheets:
            paragraphs.append(m("using_record"))
        heading_size = max(16.0, round(size * 1.3))
        _, heading = self.setter(heading_size).block("H2", self.words(m("using_this_pack"), True), x, top, width,
                                                     size=heading_size, colour="primary")
        blocks, y = [heading], top - heading_size * 1.7
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
