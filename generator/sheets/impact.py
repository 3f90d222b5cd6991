"""The impact summary a board puts in its annual report (``impact.pdf`` and ``impact.html``), in the
theme's language and branded like the pack's cover: the reach in three figures, sessions by
briefing and over time (charts with whole labels and whole-number axes, and a table with the same
numbers), what teams said, the actions agreed, and what a reader should know about the figures.
It is one page when it fits and continues on the next, headings repeated, when it does not.

The page is laid out twice, the first time only to count the pages ("Page 2 of 3"). Text that
teams typed is never refused: a character no font here has is named in brackets instead (the web
page and impact.csv keep it as written), and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import io
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from generator.layout.furniture import PageLayout
from generator.layout.page import MARGIN, fitted_logo, logo_plate
from generator.read.messages import messages_for
from generator.sheets.summary import Summary

GAP = 8.0  # between the summary's parts


def nice_step(largest: int, ticks: int = 5) -> int:
    """A whole-number step for an axis reaching ``largest``: 1, 2 or 5 times a power of ten."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power = 10 ** (len(str(int(raw))) - 1)
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw)


@dataclass
class Words:
    """What the summary says in the theme's language, and which typed characters had to be named."""

    m: object  # generator.read.messages.Messages
    fonts: object
    named: list[str] = field(default_factory=list)

    def safe(self, text: str) -> str:
        """The text as it can be drawn (a web page, with no fonts to ask, shows it as written)."""
        if self.fonts is None:
            return text
        shown, named = self.fonts.drawable(text)
        self.named += [char for char in named if char not in self.named]
        return shown

    def day(self, day) -> str:
        return self.m.date(day) if day else self.m("impact_not_given")

    def due(self, action) -> str:
        """When an action is due, in the summary's one style of date (a month as a month), or as
        typed where it is not a date ("after the audit")."""
        if action.due is None:
            return self.safe(action.when)
        return self.m.month(action.due) if action.month_only else self.m.date(action.due)

    def when(self, first, last) -> str:
        if first is None:
            return self.m("impact_not_given")
        return self.m.date(first) if first == last else f"{self.m.date(first)} – {self.m.date(last)}"

    def period(self, start, quarters: bool) -> str:
        from babel.dates import format_date

        from generator.read.messages import _locale

        return format_date(start, "QQQ y" if quarters else "MMM y", locale=_locale(self.m.language))


class _Pen:
    """Where the next part of the summary goes; a new page when it would not fit. Without a drawer
    it only counts the pages (the first of the two layouts)."""

    def __init__(self, layout: PageLayout, drawer=None, total: int = 0):
        self.layout, self.drawer, self.total = layout, drawer, total
        self.page, self.y = 1, layout.height - MARGIN
        self.bottom = layout.footer(None).rule[2] + 10  # clear of the footer's rule

    def room(self, height: float, repeat=None) -> None:
        """Make sure ``height`` fits below the cursor; on a new page, ``repeat`` draws what must
        come again first (a table's header row)."""
        if self.y - height < self.bottom and self.y < self.layout.height - MARGIN - 1:
            self.turn()
            if repeat is not None:
                repeat()

    def turn(self) -> None:
        if self.drawer is not None:
            self.footer()
            self.drawer.canvas.showPage()
        self.page += 1
        self.y = self.layout.height - MARGIN

    def footer(self) -> None:
        text = self.layout.page_number(self.page, self.total) if self.total > 1 else None
        self.drawer.footer(self.layout.footer(text), running=self.total > 1)

    def text(self, block) -> None:
        if self.drawer is not None:
            self.drawer.text(block)

    def element(self, role: str, **entries):
        return self.drawer.tags.element(role, **entries) if self.drawer is not None else nullcontext()

    @contextmanager
    def shapes(self, role: str | None = None, alt: str | None = None):
        """Drawing: decoration, or with ``role`` the content of a figure."""
        if self.drawer is None:
            yield None
            return
        if role is None:
            with self.drawer.artifact():
                yield self.drawer.canvas
        else:
            with self.drawer.tags.element(role, alt=alt), self.drawer.tags.content():
                self.drawer.canvas.saveState()
                try:
                    yield self.drawer.canvas
                finally:
                    self.drawer.canvas.restoreState()


class ImpactPage:
    """The summary laid out on A4 (or the theme's paper), by :meth:`draw`."""

    def __init__(self, summary: Summary, theme):
        self.summary, self.theme = summary, theme
        m = messages_for(theme.model.language, theme)
        self.layout = PageLayout(theme, m)
        self.words = Words(m, theme.fonts)
        self.m = m

    # ---------------------------------------------------------------- helpers

    def block(self, text: str, role: str, size: float, x: float, y: float, width: float, *, bold: bool = False,
              italic: bool = False, colour: str = "text"):
        setter = self.layout.setter(size)
        return setter.block(role, self.layout.words(text, bold, italic), x, y, width, size=size, colour=colour)

    def heading(self, pen: _Pen, text: str, following: float, x: float | None = None,
                width: float | None = None, *, continued: bool = False) -> None:
        """A part's heading, kept with the first ``following`` points of what it heads; a heading
        said again where a part continues on a new page is a running header (an artifact)."""
        height, block = self.block(text, "Artifact" if continued else "H2", 14, self.layout.left if x is None else x,
                                   pen.y, self.layout.full if width is None else width, bold=True, colour="primary")
        pen.room(height + 8 + following)
        block.y += pen.y - (block.y + 14 * 0.93)
        pen.text(block)
        pen.y -= height + 6

    # ---------------------------------------------------------------- the parts

    def band(self, pen: _Pen) -> None:
        """The top of the first page, branded like the pack's cover."""
        layout, theme, m = self.layout, self.theme, self.m
        top, pad = layout.height - MARGIN, 16.0
        plate_w, plate_h = logo_plate(theme, 64.0, 170.0)
        x, width = layout.left + pad, layout.full - 2 * pad - (plate_w + pad if plate_w else 0)
        y = top - pad
        blocks = []
        y -= 6  # below the accent bar, which is at the top as on every other page
        for text, role, size, bold in ((m("impact_label"), "P", 11, True), (m("impact_title"), "H1", 24, True),
                                       (m.theme("organisation"), "P", 13, True), (self._period(), "P", 10, False),
                                       (self._made(), "P", 9, False)):
            if not text:
                continue
            height, block = self.block(text, role, size, x, y, width, bold=bold, colour="on_primary")
            blocks.append(block)
            y -= height + (6 if role == "H1" else 2)
        bottom = min(y - pad + 3, top - pad - plate_h - pad)
        with pen.shapes() as canvas:
            if canvas is not None:
                canvas.setFillColor(pen.drawer.colours["primary"])
                canvas.roundRect(layout.left, bottom, layout.full, top - bottom, radius=10, stroke=0, fill=1)
                canvas.setFillColor(pen.drawer.colours["accent"])
                canvas.rect(layout.left + pad, top - 10, 46, 4, stroke=0, fill=1)
        title, others = blocks[1], blocks[:1] + blocks[2:]
        pen.text(title)  # the title first: it is what a screen reader announces first
        for block in others:
            pen.text(block)
        if theme.logo and pen.drawer is not None:
            plate = (layout.right - pad - plate_w, top - pad - plate_h, plate_w, plate_h)
            pen.drawer.logo(plate, fitted_logo(theme, plate), radius=7)
        pen.y = bottom - GAP

    def _period(self) -> str:
        summary, m = self.summary, self.m
        if summary.first is None:
            return ""
        if summary.first == summary.last:
            return m("impact_one_day", day=m.date(summary.first))
        return m("impact_period", first=m.date(summary.first), last=m.date(summary.last))

    def _made(self) -> str:
        import os

        given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()  # a reproducible build's date, else today's
        made = dt.datetime.fromtimestamp(int(given), dt.UTC).date() if given.isdigit() else dt.date.today()
        return self.m("impact_made", date=self.m.date(made), sheets=self._returns())

    def _returns(self) -> str:
        """"2 record sheets", or "5 returns" where some came from an online form."""
        key = "impact_returns_count" if self.summary.online else "impact_sheets"
        return self.m(key, count=self.summary.sessions)

    def headline(self) -> str:
        """The reach in a sentence, to quote in an annual report."""
        m, summary = self.m, self.summary
        people = m("impact_people_count", count=summary.people)
        if summary.counted_people < summary.sessions:
            people = m("impact_people_given", people=people, count=summary.counted_people)
        return m("impact_headline", sheets=self._returns(), briefings=m.briefings(len(summary.briefings)),
                 teams=m("impact_teams_reached", count=summary.teams), people=people,
                 actions=m("impact_actions_count", count=len(summary.actions)))

    def figures(self, pen: _Pen) -> None:
        """The reach in three figures (sessions, teams or agencies, people) and in a sentence."""
        layout, m, summary = self.layout, self.m, self.summary
        tiles = [(summary.sessions, m("impact_sessions", count=summary.sessions), ""),
                 (summary.teams, m("impact_teams", count=summary.teams), ""),
                 (summary.people, m("impact_people", count=summary.people),
                  m("impact_people_note", count=summary.counted_people)
                  if summary.counted_people < summary.sessions else "")]
        sentence_h, sentence = self.block(self.headline(), "P", 11, layout.left, pen.y, layout.full)
        gap = 10.0
        width = (layout.full - 2 * gap) / 3
        top = pen.y - sentence_h - 8
        laid = []
        for index, (number, label, note) in enumerate(tiles):
            x = layout.left + index * (width + gap) + 10
            y = top - 6
            shown = m.number(number)
            # the number, and its label beside it on the number's baseline where it fits, else under it
            number_h, number_block = self.block(shown, "Span", 24, x, y, width - 20, bold=True, colour="primary")
            number_w = max(line.width for line in number_block.lines)
            label_x = x + number_w + 6
            label_h, label_block = self.block(label, "Span", 11, label_x, y - 24 * 0.93 + 11 * 0.93,
                                              x + width - 20 - label_x)
            if len(label_block.lines) > 1:
                label_h, label_block = self.block(label, "Span", 11, x, y - number_h, width - 20)
                below = number_h + label_h
            else:
                below = number_h
            note_h, note_block = self.block(note, "Span", 8.5, x, y - below, width - 20) if note else (0.0, None)
            laid.append((number_block, label_block, note_block, below + note_h + 10))
        height = max(item[3] for item in laid)
        pen.room(sentence_h + 8 + height)  # (the first part under the band: always room)
        pen.text(sentence)
        pen.y = top
        with pen.shapes() as canvas:
            if canvas is not None:
                canvas.setFillColor(pen.drawer.colours["box"])
                for index in range(3):
                    canvas.roundRect(layout.left + index * (width + gap), pen.y - height, width, height, radius=7,
                                     stroke=0, fill=1)
        with pen.element("L"):
            for number_block, label_block, note_block, _ in laid:
                with pen.element("LI"), pen.element("LBody"), pen.element("P"):
                    for block in (number_block, label_block, note_block):
                        if block is not None and pen.drawer is not None:
                            pen.drawer._draw(block, pen.drawer.tags.current)
        pen.y -= height + GAP

    def by_briefing(self, pen: _Pen, x: float, width: float) -> None:
        """Sessions by briefing: a bar for each, its whole title wrapped beside it."""
        m, summary, words = self.m, self.summary, self.words
        label_w = width * 0.42
        chart_x = x + label_w + 10
        chart_w = x + width - chart_x - 24
        step = nice_step(max(reach.sessions for reach in summary.briefings))
        top_value = -(-max(reach.sessions for reach in summary.briefings) // step) * step
        rows = []
        for reach in summary.briefings:
            height, block = self.block(words.safe(reach.title), "Span", 9.5, x, 0, label_w)
            rows.append((reach, block, max(height, 14.0) + 6))
        axis = 16.0
        alt = m("impact_chart_briefings", values="; ".join(f"{words.safe(reach.title)}: {reach.sessions}"
                                                           for reach in summary.briefings))
        self.heading(pen, m("impact_by_briefing"), rows[0][2] + axis, x, width)
        index = 0
        while index < len(rows):  # as many rows as fit on this page, then the rest on the next
            fits, used = [], 0.0
            for reach, block, height in rows[index:]:
                if fits and pen.y - used - height - axis < pen.bottom:
                    break
                fits.append((reach, block, height))
                used += height
            self._bars(pen, fits, used, chart_x, chart_w, step, top_value, axis, alt if index == 0 else None)
            index += len(fits)
            if index < len(rows):
                pen.turn()
                self.heading(pen, m("impact_continued", heading=m("impact_by_briefing")), rows[index][2] + axis, x,
                             width, continued=True)
        pen.y -= GAP

    def _bars(self, pen: _Pen, rows, used: float, chart_x: float, chart_w: float, step: int, top_value: int,
              axis: float, alt: str | None) -> None:
        top = pen.y
        scale = chart_w / top_value
        with pen.shapes() as canvas:  # the grid: decoration
            if canvas is not None:
                canvas.setStrokeColor(pen.drawer.colours["box"])
                canvas.setLineWidth(0.6)
                for value in range(0, top_value + 1, step):
                    canvas.line(chart_x + value * scale, top - used, chart_x + value * scale, top)
        with pen.shapes("Figure", alt or self.m("impact_by_briefing")) as canvas:
            y = top
            for reach, block, height in rows:
                block.y = y - 9.5 * 0.93 - 3
                if canvas is not None:
                    pen.drawer._draw(block, None)
                    canvas.setFillColor(pen.drawer.colours["primary"])
                    canvas.rect(chart_x, y - 3 - 11, reach.sessions * scale, 11, stroke=0, fill=1)
                    self._say(canvas, pen, str(reach.sessions), chart_x + reach.sessions * scale + 4, y - 12.5, 9,
                              bold=True)
                y -= height
            if canvas is not None:
                for value in range(0, top_value + 1, step):
                    self._say(canvas, pen, str(value), chart_x + value * scale, top - used - 11, 8, centred=True)
        pen.y = top - used - axis

    def _say(self, canvas, pen: _Pen, text: str, x: float, y: float, size: float, *, bold: bool = False,
             centred: bool = False) -> None:
        """A number on a chart (digits: every face has them)."""
        name = self.theme.fonts.face("bold" if bold else "regular").name
        if centred:
            x -= canvas.stringWidth(text, name, size) / 2
        text_object = canvas.beginText(x, y)
        text_object.setFont(name, size)
        text_object.setFillColor(pen.drawer.colours["text"])
        text_object.textOut(text)
        canvas.drawText(text_object)

    def over_time(self, pen: _Pen, x: float, width: float) -> None:
        """Sessions by month (or by quarter over a long span), every period shown, empty ones too."""
        m, summary = self.m, self.summary
        periods = summary.periods
        if not periods:
            return
        labels = [self.words.period(period.start, summary.by_quarter) for period in periods]
        height = 60.0
        step = nice_step(max(period.sessions for period in periods))
        top_value = max(step, -(-max(period.sessions for period in periods) // step) * step)
        axis_w = 24.0
        slot = (width - axis_w) / len(periods)
        label_blocks = [self.block(label, "Span", 8, 0, 0, slot - 2)[1] for label in labels]
        label_h = max(len(block.lines) for block in label_blocks) * 8 * 1.25 + 4
        heading = m("impact_by_quarter" if summary.by_quarter else "impact_by_month")
        self.heading(pen, heading, height + label_h, x, width)
        alt = m("impact_chart_time", values="; ".join(f"{label}: {period.sessions}"
                                                      for label, period in zip(labels, periods, strict=True)))
        top = pen.y
        base = top - height
        scale = (height - 12) / top_value
        left = x + axis_w
        with pen.shapes() as canvas:
            if canvas is not None:
                canvas.setStrokeColor(pen.drawer.colours["box"])
                canvas.setLineWidth(0.6)
                for value in range(0, top_value + 1, step):
                    canvas.line(left, base + value * scale, x + width, base + value * scale)
        with pen.shapes("Figure", alt) as canvas:
            if canvas is not None:
                for value in range(0, top_value + 1, step):
                    self._say(canvas, pen, str(value), x + axis_w - 8, base + value * scale - 3, 8,
                              centred=True)
                bar = min(slot * 0.6, 36.0)
                for index, (period, block) in enumerate(zip(periods, label_blocks, strict=True)):
                    x = left + index * slot + (slot - bar) / 2
                    canvas.setFillColor(pen.drawer.colours["accent"])
                    canvas.rect(x, base, bar, period.sessions * scale, stroke=0, fill=1)
                    if period.sessions:
                        self._say(canvas, pen, str(period.sessions), x + bar / 2, base + period.sessions * scale + 3,
                                  8.5, bold=True, centred=True)
                    block.x, block.y = left + index * slot + 1, base - 4 - 8 * 0.93
                    for line in block.lines:  # each label centred under its bar
                        line_x = (slot - 2 - line.width) / 2
                        line.parts = [(dx + line_x, piece, width) for dx, piece, width in line.parts]
                    pen.drawer._draw(block, None)
        pen.y = base - label_h - GAP

    def charts(self, pen: _Pen) -> None:
        """Sessions by briefing, and over time: side by side when there are few briefings (so that a
        short summary stays on one page), else one under the other."""
        layout, summary = self.layout, self.summary
        if summary.periods and len(summary.briefings) <= 6:
            pen.room(250)
            top, left_w, gap = pen.y, layout.full * 0.57, 20.0
            self.by_briefing(pen, layout.left, left_w)
            lowest, pen.y = pen.y, top
            self.over_time(pen, layout.left + left_w + gap, layout.full - left_w - gap)
            pen.y = min(lowest, pen.y)
            return
        if summary.briefings:
            self.by_briefing(pen, layout.left, layout.full)
        self.over_time(pen, layout.left, layout.full)

    def table(self, pen: _Pen) -> None:
        """The same numbers as the charts, by briefing."""
        m, words = self.m, self.words
        columns = [(m("impact_briefing"), 0.38), (m("impact_sessions_column"), 0.11), (m("impact_teams_column"), 0.1),
                   (m("impact_people_column"), 0.1), (m("impact_when"), 0.19), (m("impact_actions_column"), 0.12)]
        rows = [[words.safe(reach.title), m.number(reach.sessions), m.number(len(reach.teams)),
                 m.number(reach.people) if reach.people else m("impact_not_given"), words.when(reach.first,
                                                                                                reach.last),
                 m.number(reach.actions)] for reach in self.summary.briefings]
        self._table(pen, m("impact_table"), columns, rows)

    def _table(self, pen: _Pen, heading: str, columns: list[tuple[str, float]], rows: list[list[str]],
               intro: str | None = None, size: float = 9.0) -> None:
        layout = self.layout

        def laid(cells: list[str], header: bool):
            x, blocks = layout.left, []
            for text, (_, share) in zip(cells, columns, strict=True):
                width = share * layout.full
                blocks.append(self.block(text, "Span", size, x + 4, 0, width - 8, bold=header)[1])
                x += width
            return blocks, max(len(block.lines) for block in blocks) * size * 1.25 + 2 + size * 0.6

        header_blocks, header_h = laid([name for name, _ in columns], True)
        body = [laid(cells, False) for cells in rows]
        intro_h, intro_block = self.block(intro, "P", 9.5, layout.left, 0, layout.full) if intro else (0.0, None)
        self.heading(pen, heading, intro_h + header_h + (body[0][1] if body else 0))
        if intro_block is not None:
            intro_block.y = pen.y - 9.5 * 0.93
            pen.text(intro_block)
            pen.y -= intro_h + 4

        def row(blocks, height: float, header: bool) -> None:
            with pen.shapes() as canvas:
                if canvas is not None:
                    if header:
                        canvas.setFillColor(pen.drawer.colours["box"])
                        canvas.rect(layout.left, pen.y - height, layout.full, height, stroke=0, fill=1)
                    canvas.setStrokeColor(pen.drawer.colours["rule"])
                    canvas.setLineWidth(0.5)
                    canvas.line(layout.left, pen.y - height, layout.right, pen.y - height)
            with pen.element("TR"):
                for block in blocks:
                    block.y = pen.y - 1 - size * 0.3 - size * 0.93
                    with pen.element("TH" if header else "TD", scope="Column" if header else None):
                        pen.text(block)
            pen.y -= height

        def again() -> None:  # a table that goes on to the next page says so, and repeats its header row
            self.heading(pen, self.m("impact_continued", heading=heading), header_h, continued=True)
            row(laid([name for name, _ in columns], True)[0], header_h, True)

        with pen.element("Table"):
            row(header_blocks, header_h, True)
            for blocks, height in body:
                pen.room(height, repeat=again)
                row(blocks, height, False)
        pen.y -= GAP

    def quotes(self, pen: _Pen) -> None:
        """What teams said, each reflection with its team and briefing."""
        m, words, summary, layout = self.m, self.words, self.summary, self.layout
        if not summary.quotes:
            return
        laid = []
        for quote in summary.quotes:
            text_h, text = self.block(f"\u201c{words.safe(quote.text)}\u201d", "P", 10, layout.left + 14, 0,
                                      layout.full - 14, italic=True)
            by_h, by = self.block(m("impact_quote_by", team=words.safe(quote.team or m("impact_a_team")),
                                    briefing=words.safe(quote.briefing)), "P", 9, layout.left + 14, 0,
                                  layout.full - 14, colour="primary")
            laid.append((text, by, text_h + by_h + 10, text_h))
        self.heading(pen, m("impact_said"), laid[0][2])
        for text, by, height, text_h in laid:
            pen.room(height)
            top = pen.y
            with pen.shapes() as canvas:
                if canvas is not None:
                    canvas.setFillColor(pen.drawer.colours["accent"])
                    canvas.rect(layout.left, top - height + 10, 3, height - 10, stroke=0, fill=1)
            with pen.element("BlockQuote"):
                text.y = top - 10 * 0.93
                by.y = top - text_h - 2 - 9 * 0.93
                pen.text(text)
                pen.text(by)
            pen.y -= height
        more = summary.reflections - len(summary.quotes)
        if more:
            height, block = self.block(m("impact_more_said", count=more), "P", 9, layout.left, pen.y, layout.full)
            pen.room(height)
            block.y = pen.y - 9 * 0.93
            pen.text(block)
            pen.y -= height
        pen.y -= GAP

    def actions(self, pen: _Pen) -> None:
        m, words = self.m, self.words
        if not self.summary.actions:
            return
        columns = [(m("action"), 0.36), (m("owner"), 0.14), (m("by_when"), 0.14), (m("impact_team_briefing"), 0.36)]
        rows = [[words.safe(action.what) or m("impact_no_action"), words.safe(action.owner) or m("impact_not_given"),
                 words.due(action) or m("impact_not_given"),
                 f"{words.safe(action.team) or m('impact_a_team')} ({words.safe(action.briefing)})"]
                for action in self.summary.actions]
        self._table(pen, m("impact_actions"), columns, rows)

    # ------------------------------------------------ what to know, what to check, where from

    def note_lines(self, words: Words) -> list[str]:
        """What a reader should know about the figures: dates read two ways, sessions returned
        twice, sessions with no date, characters named."""
        m, summary = self.m, self.summary
        lines = [m("impact_ambiguous", team=words.safe(item.team) or m("impact_a_team"), typed=words.safe(item.typed),
                   first=m.date(item.readings[0]), second=m.date(item.readings[1])) for item in summary.ambiguous]
        lines += [m("impact_twice", team=words.safe(team) or m("impact_a_team"), briefing=words.safe(briefing),
                    day=m.date(day) if day else m("impact_not_given"), sources=words.safe(f"{source}; {other}"
                                                                                          .replace("; ", ", ")))
                  for team, briefing, source, day, other in summary.twice]
        dates_checked = sum(item.what.startswith("date") for item in summary.to_check)
        undated = summary.undated - len(summary.ambiguous) - dates_checked
        if undated:
            lines.append(m("impact_undated", count=undated))
        return lines

    def check_rows(self, words: Words) -> list[list[str]]:
        """What to check before quoting the figures: each with its team and briefing, and the
        return it came from."""
        m = self.m
        rows = []
        for item in self.summary.to_check:
            extra = {}
            if item.what == "date_impossible":
                extra = {"order": m.date_order(), "language": m.language_name()}
            elif item.what == "date_after_sent":
                extra = {"first": m.date(item.readings[0]), "second": m.date(item.readings[1])}
            rows.append([m(f"impact_check_{item.what}", typed=words.safe(item.typed), **extra),
                         f"{words.safe(item.team) or m('impact_a_team')} ({words.safe(item.briefing)})",
                         words.safe(item.source)])
        return rows

    def return_rows(self, words: Words) -> list[list[str]]:
        """Every return counted, with where it came from: what each figure adds up."""
        m = self.m
        return [[words.safe(item.briefing), words.safe(item.team) or m("impact_not_given"),
                 m.date(item.day) if item.day else (words.safe(item.typed_date) or m("impact_not_given")),
                 m.number(item.people) if item.people is not None else m("impact_not_given"), words.safe(item.source)]
                for item in sorted(self.summary.returns, key=lambda item: (item.briefing.casefold(),
                                                                           item.day or dt.date.max,
                                                                           item.team.casefold()))]

    def return_columns(self) -> list[tuple[str, float]]:
        m = self.m
        return [(m("impact_briefing"), 0.34), (m("team"), 0.19), (m("impact_date_column"), 0.16),
                (m("impact_people_column"), 0.08), (m("impact_from_column"), 0.23)]

    def check_columns(self) -> list[tuple[str, float]]:
        m = self.m
        return [(m("impact_check_what"), 0.5), (m("impact_team_briefing"), 0.25), (m("impact_from_column"), 0.25)]

    def paragraphs(self, pen: _Pen, heading: str | None, lines: list[str]) -> None:
        layout = self.layout
        if not lines:
            return
        blocks = [self.block(line, "P", 9.5, layout.left, 0, layout.full) for line in lines]
        if heading:
            self.heading(pen, heading, blocks[0][0])
        for height, block in blocks:
            pen.room(height + 4)
            block.y = pen.y - 9.5 * 0.93
            pen.text(block)
            pen.y -= height + 4

    def notes(self, pen: _Pen) -> None:
        m, words = self.m, self.words
        rows = self.check_rows(words)
        if rows:
            self._table(pen, m("impact_check"), self.check_columns(), rows, intro=m("impact_check_intro"))
        lines = self.note_lines(words)
        if words.named:
            lines.append(m("impact_named", characters=", ".join(words.named)))
        self.paragraphs(pen, m("impact_notes"), lines)
        if lines:
            pen.y -= GAP
        # (the web page says what the list is for; on paper its heading and columns say it)
        self._table(pen, m("impact_returns"), self.return_columns(), self.return_rows(words), size=8.5)

    # ---------------------------------------------------------------- the whole

    def parts(self, pen: _Pen) -> None:
        with pen.element("Sect"):
            self.band(pen)
            self.figures(pen)
            self.charts(pen)
            self.table(pen)
            self.quotes(pen)
            self.actions(pen)
            self.notes(pen)

    def pages(self) -> int:
        pen = _Pen(self.layout)
        self.parts(pen)
        self.words.named.clear()
        return pen.page

    def draw(self) -> bytes:
        from generator.files import source_epoch
        from generator.render.pdf import PageDrawer, new_canvas

        total = self.pages()
        m = self.m
        title, subject = m("impact_title"), m("impact_subject")
        author = m.theme("organisation") or m.theme("label")
        epoch = source_epoch(self.summary.last) if self.summary.last else 0
        stream = io.BytesIO()
        canvas = new_canvas(stream, (self.layout.width, self.layout.height), self.theme, title=title, author=author,
                            subject=subject, keywords=["impact"], epoch=epoch, lang=m.language)
        drawer = PageDrawer(canvas, self.theme)
        pen = _Pen(self.layout, drawer, total)
        self.parts(pen)
        pen.footer()
        canvas.showPage()
        drawer.tags.finish(title=title, author=author, subject=subject, keywords=["impact"], epoch=epoch)
        canvas.save()
        return stream.getvalue()


def impact_pdf(summary: Summary, theme) -> tuple[bytes, list[str]]:
    """The summary's PDF, and the characters that had to be named in it."""
    page = ImpactPage(summary, theme)
    return page.draw(), list(page.words.named)


def impact_html(summary: Summary, theme) -> str:
    """The same content as a web page, in the publication's style."""
    from generator.render.html import render_page

    page = ImpactPage(summary, theme)
    m, words = page.m, Words(page.m, None)
    largest = max((reach.sessions for reach in summary.briefings), default=1)
    step = nice_step(largest)
    widest = -(-largest // step) * step  # the axis ends on a whole step, as the PDF's does
    busiest = max((period.sessions for period in summary.periods), default=1) or 1
    notes = page.note_lines(words)
    return render_page(
        "impact.html", theme, m, m("impact_title"), m("impact_skip"),
        label=m("impact_label"), heading=m("impact_title"), organisation=m.theme("organisation"),
        period=page._period(), made=page._made(), headline=page.headline(),
        chart_alt=m("impact_chart_briefings", values="; ".join(f"{reach.title}: {reach.sessions}"
                                                               for reach in summary.briefings)),
        time_alt=m("impact_chart_time", values="; ".join(
            f"{words.period(period.start, summary.by_quarter)}: {period.sessions}" for period in summary.periods)),
        figures=[(m.number(summary.sessions), m("impact_sessions", count=summary.sessions), ""),
                 (m.number(summary.teams), m("impact_teams", count=summary.teams), ""),
                 (m.number(summary.people), m("impact_people", count=summary.people),
                  m("impact_people_note", count=summary.counted_people)
                  if summary.counted_people < summary.sessions else "")],
        by_briefing=m("impact_by_briefing"),
        bars=[{"label": reach.title, "value": reach.sessions, "share": round(100 * reach.sessions / widest, 1)}
              for reach in summary.briefings],
        ticks=[{"value": value, "share": round(100 * value / widest, 1)} for value in range(0, widest + 1, step)],
        by_time=m("impact_by_quarter" if summary.by_quarter else "impact_by_month") if summary.periods else "",
        columns_over_time=[{"label": words.period(period.start, summary.by_quarter), "value": period.sessions,
                            "share": round(100 * period.sessions / busiest, 1)} for period in summary.periods],
        caption=m("impact_table"),
        columns=[m("impact_briefing"), m("impact_sessions_column"), m("impact_teams_column"),
                 m("impact_people_column"), m("impact_when"), m("impact_actions_column")],
        rows=[[reach.title, m.number(reach.sessions), m.number(len(reach.teams)),
               m.number(reach.people) if reach.people else m("impact_not_given"),
               words.when(reach.first, reach.last), m.number(reach.actions)] for reach in summary.briefings],
        said=m("impact_said") if summary.quotes else "",
        quotes=[{"text": quote.text, "by": m("impact_quote_by", team=quote.team or m("impact_a_team"),
                                              briefing=quote.briefing)} for quote in summary.quotes],
        more_said=m("impact_more_said", count=summary.reflections - len(summary.quotes))
        if summary.reflections > len(summary.quotes) else "",
        actions_heading=m("impact_actions") if summary.actions else "",
        action_columns=[m("action"), m("owner"), m("by_when"), m("impact_team_briefing")],
        actions=[[action.what or m("impact_no_action"), action.owner or m("impact_not_given"),
                  words.due(action) or m("impact_not_given"),
                  f"{action.team or m('impact_a_team')} ({action.briefing})"] for action in summary.actions],
        notes_heading=m("impact_notes") if notes else "", notes=notes,
        check_heading=m("impact_check") if summary.to_check else "", check_intro=m("impact_check_intro"),
        check_columns=[name for name, _ in page.check_columns()], checks=page.check_rows(words),
        returns_heading=m("impact_returns"), returns_intro=m("impact_returns_intro"),
        return_columns=[name for name, _ in page.return_columns()], returns=page.return_rows(words))
