"""The impact summary a board pastes into its annual report: per briefing, the sessions held,
the teams reached and when, the people who came and the actions agreed, with a chart of reach
drawn with ReportLab's own graphics and the same numbers in a table beside it. As a tagged PDF
(``impact.pdf``) and an HTML page (``impact.html``)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

from generator.read.messages import messages_for


@dataclass
class Reach:
    """What came back for one briefing."""

    briefing_id: str
    title: str
    sessions: int = 0
    teams: set[str] = field(default_factory=set)
    people: int = 0
    dates: list[str] = field(default_factory=list)
    actions: list[tuple[str, str, str, str]] = field(default_factory=list)  # team, what, owner, when

    @property
    def when(self) -> str:
        dates = sorted(date for date in self.dates if date)
        if not dates:
            return ""
        return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def summarise(sheets) -> list[Reach]:
    by_briefing: dict[str, Reach] = {}
    for sheet in sheets:
        reach = by_briefing.setdefault(sheet.briefing_id, Reach(sheet.briefing_id, sheet.briefing_title))
        reach.sessions += 1
        if sheet.team:
            reach.teams.add(sheet.team)
        reach.people += sheet.attendee_count or 0
        reach.dates.append(sheet.date)
        reach.actions += [(sheet.team, *action) for action in sheet.actions]
    return sorted(by_briefing.values(), key=lambda reach: (-reach.sessions, reach.title.casefold()))


def _headline(summary: list[Reach]) -> str:
    sessions = sum(reach.sessions for reach in summary)
    teams = len({team.casefold() for reach in summary for team in reach.teams})
    people = sum(reach.people for reach in summary)
    actions = sum(len(reach.actions) for reach in summary)
    return (f"{sessions} record sheet{'s' if sessions != 1 else ''} came back for {len(summary)} briefing"
            f"{'s' if len(summary) != 1 else ''}: {teams} team{'s' if teams != 1 else ''} reached, {people} "
            f"people where the number was given, {actions} action{'s' if actions != 1 else ''} agreed.")


def _chart(summary: list[Reach], width: float, height: float, theme, font: str | None = None):
    """A bar chart of sessions per briefing (ReportLab graphics)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor

    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.42, 16
    chart.width, chart.height = width * 0.55, height - 24
    chart.data = [[reach.sessions for reach in reversed(summary)]]
    chart.categoryAxis.categoryNames = [reach.title if len(reach.title) <= 48 else reach.title[:46] + "\u2026"
                                        for reach in reversed(summary)]
    # the theme's face, which the PDF embeds (the base-14 Helvetica would not be); SVG names Helvetica
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font or "Helvetica"
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, max(reach.sessions for reach in summary) // 5)
    chart.bars[0].fillColor = HexColor(theme.colours.primary)
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def impact_pdf(summary: list[Reach], theme) -> bytes:
    from reportlab.graphics import renderPDF

    from generator.layout.furniture import PageLayout as PackLayout
    from generator.render.pdf import PageDrawer, new_canvas

    layout = PackLayout(theme, messages_for(theme.model.language, theme))
    stream = io.BytesIO()
    title = "What the briefings changed"
    author = theme.model.organisation or messages_for(theme.model.language, theme).theme("label")
    canvas = new_canvas(stream, (layout.width, layout.height), theme, title=title, author=author,
                        subject="Record sheets returned, by briefing", keywords=["impact"], epoch=0)
    drawer = PageDrawer(canvas, theme)
    left, width = layout.left, layout.full
    y = layout.height - 56

    def put(text: str, role: str, size: float, *, bold: bool = False, x: float = left, w: float = width,
            colour: str = "text") -> float:
        height, block = layout.setter(size).block(role, layout.words(text, bold), x, y, w, size=size, colour=colour)
        drawer.text(block)
        return height

    def room(needed: float) -> None:
        nonlocal y
        if y - needed < 60:
            canvas.showPage()
            y = layout.height - 56

    with drawer.tags.element("Sect"):
        y -= put(title, "H1", 22, bold=True, colour="primary") + 6
        y -= put(f"{author}: {_headline(summary)}", "P", 11) + 14
        chart_height = 24 + 18 * len(summary)
        room(chart_height)
        alt = "Bar chart of record sheets returned per briefing: " + "; ".join(
            f"{reach.title}, {reach.sessions}" for reach in summary) + ". The table below gives the same numbers."
        with drawer.tags.element("Figure", alt=alt), drawer.tags.content():
            renderPDF.draw(_chart(summary, width, chart_height, theme, theme.fonts.face("regular").name), canvas,
                           left, y - chart_height)
        y -= chart_height + 16
        columns = [("Briefing", 0.38), ("Sessions", 0.1), ("Teams", 0.1), ("People", 0.1), ("When", 0.2),
                   ("Actions", 0.12)]
        with drawer.tags.element("Table"):
            rows = [[name for name, _ in columns]] + [
                [reach.title, str(reach.sessions), str(len(reach.teams)), str(reach.people) if reach.people else "",
                 reach.when, str(len(reach.actions))] for reach in summary]
            for index, row in enumerate(rows):
                heights = [layout.setter(9).block("P", layout.words(cell, index == 0), 0, 0, w * width - 8,
                                                  size=9)[0] for cell, (_, w) in zip(row, columns, strict=True)]
                room(max(heights) + 6)
                with drawer.tags.element("TR"):
                    x = left
                    for cell, (_, share) in zip(row, columns, strict=True):
                        with drawer.tags.element("TH" if index == 0 else "TD",
                                                 scope="Column" if index == 0 else None):
                            # "not given" rather than nothing: an empty cell would drop out of the grid
                            put(cell or "not given", "Span", 9, bold=index == 0, x=x + 4, w=share * width - 8)
                        x += share * width
                y -= max(heights) + 6
        y -= 10
        actions = [(reach.title, *action) for reach in summary for action in reach.actions]
        if actions:
            room(40)
            y -= put("Actions agreed", "H2", 14, bold=True, colour="primary") + 6
            with drawer.tags.element("L"):
                for briefing, team, what, owner, when in actions:
                    text = f"{what or '(no action written)'}" + (f", {owner}" if owner else "") + \
                           (f", by {when}" if when else "") + f" ({team or 'a team'}, {briefing})"
                    height = layout.setter(9.5).block("P", layout.words(text), 0, 0, width - 14, size=9.5)[0]
                    room(height + 4)
                    with drawer.tags.element("LI"):
                        put("\u2022", "Lbl", 9.5, x=left, w=10)
                        with drawer.tags.element("LBody"):
                            y -= put(text, "P", 9.5, x=left + 14, w=width - 14) + 4
    canvas.showPage()
    drawer.tags.finish(title=title, author=author, subject="Record sheets returned, by briefing", keywords=["impact"],
                       epoch=0)
    canvas.save()
    return stream.getvalue()


def impact_html(summary: list[Reach], theme) -> str:
    from reportlab.graphics import renderSVG

    from generator.render.html import render_page

    svg = renderSVG.drawToString(_chart(summary, 640, 24 + 18 * len(summary), theme))
    alt = "Bar chart of record sheets returned per briefing: " + "; ".join(
        f"{reach.title}, {reach.sessions}" for reach in summary) + ". The table gives the same numbers."
    words = messages_for(theme.model.language, theme)
    label = theme.model.organisation or words.theme("label")
    rows = [[reach.title, reach.sessions, len(reach.teams), reach.people or "", reach.when, len(reach.actions)]
            for reach in summary]
    actions = [f"{what or '(no action written)'}" + (f", {owner}" if owner else "")
               + (f", by {when}" if when else "") + f" ({team or 'a team'}, {reach.title})"
               for reach in summary for team, what, owner, when in reach.actions]
    return render_page("impact.html", theme, words, "What the briefings changed", "Skip to the summary",
                       label=label, heading="What the briefings changed", headline=_headline(summary),
                       chart="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                       chart_alt=alt, caption="Record sheets returned, by briefing",
                       columns=["Briefing", "Sessions", "Teams", "People", "When", "Actions"], rows=rows,
                       actions=actions, actions_heading="Actions agreed")
