"""The figures of an impact summary, from the record sheets that came back: the reach (sessions,
teams or agencies, people) overall, by briefing and over time; what teams said, chosen so that a
page shows each briefing's voice; the actions agreed; and what about the figures a reader should
know (a date that could be read two ways is named, never guessed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.read.dates import read_date

MAX_QUOTES = 6  # reflections quoted on the summary; the rest are in impact.csv
QUOTE_LENGTH = 320  # characters: a reflection this long or shorter is preferred for quoting


@dataclass
class Action:
    what: str
    owner: str
    when: str  # as typed
    due: dt.date | None  # as read, when it could be
    team: str
    briefing: str
    month_only: bool = False  # "March 2021": a month, shown as one


@dataclass
class Quote:
    text: str
    team: str
    briefing: str


@dataclass
class BriefingReach:
    briefing_id: str
    title: str
    sessions: int = 0
    teams: set[str] = field(default_factory=set)
    people: int = 0
    days: list[dt.date] = field(default_factory=list)
    actions: int = 0

    @property
    def first(self) -> dt.date | None:
        return min(self.days, default=None)

    @property
    def last(self) -> dt.date | None:
        return max(self.days, default=None)


@dataclass
class Period:
    start: dt.date  # the first day of the month or quarter
    sessions: int = 0


@dataclass
class Ambiguous:
    team: str
    typed: str
    readings: tuple[dt.date, ...]


@dataclass
class Summary:
    sessions: int = 0
    teams: int = 0
    people: int = 0
    counted_people: int = 0  # sessions that said how many came
    briefings: list[BriefingReach] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    by_quarter: bool = False  # periods are quarters (a long span), else months
    first: dt.date | None = None
    last: dt.date | None = None
    undated: int = 0  # sessions with no date a reader can be sure of
    ambiguous: list[Ambiguous] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reflections: int = 0  # every reflection written, quoted or not
    actions: list[Action] = field(default_factory=list)


def summarise(sheets) -> Summary:
    """The summary of returned sheets (:class:`generator.sheets.returned.Sheet`)."""
    summary = Summary(sessions=len(sheets))
    by_briefing: dict[str, BriefingReach] = {}
    days: list[dt.date] = []
    said: dict[str, list[Quote]] = {}
    for sheet in sheets:
        reach = by_briefing.setdefault(sheet.briefing_id, BriefingReach(sheet.briefing_id, sheet.briefing_title))
        reach.sessions += 1
        if sheet.team:
            reach.teams.add(sheet.team.casefold())
        if sheet.attendee_count is not None:
            reach.people += sheet.attendee_count
            summary.people += sheet.attendee_count
            summary.counted_people += 1
        typed = read_date(sheet.date) if sheet.date else None
        if typed is not None and typed.ambiguous:
            summary.ambiguous.append(Ambiguous(sheet.team, typed.text, typed.readings))
        if typed is None or typed.ambiguous:
            summary.undated += 1
        else:
            reach.days.append(typed.day)
            days.append(typed.day)
        reach.actions += len(sheet.actions)
        for what, owner, when in sheet.actions:
            due = read_date(when) if when else None
            summary.actions.append(Action(what, owner, when, due.day if due and not due.ambiguous else None,
                                          sheet.team, sheet.briefing_title, bool(due and due.month_only)))
        for text in sheet.reflections:
            said.setdefault(sheet.briefing_id, []).append(Quote(text, sheet.team, sheet.briefing_title))
            summary.reflections += 1
    summary.teams = len({team for reach in by_briefing.values() for team in reach.teams})
    summary.briefings = sorted(by_briefing.values(), key=lambda reach: (-reach.sessions, reach.title.casefold()))
    if days:
        summary.first, summary.last = min(days), max(days)
        summary.by_quarter = _months(summary.first, summary.last) > 18
        summary.periods = _periods(days, summary.by_quarter)
    summary.quotes = _chosen(said, [reach.briefing_id for reach in summary.briefings])
    summary.actions.sort(key=lambda action: (action.due is None, action.due or dt.date.max, action.briefing.casefold()))
    return summary


def _months(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _start(day: dt.date, quarters: bool) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1 if quarters else day.month, 1)


def _periods(days: list[dt.date], quarters: bool) -> list[Period]:
    """Every month (or quarter) from the first session's to the last's, those with none too: a
    gap in the chart is a gap in the year."""
    counts: dict[dt.date, int] = {}
    for day in days:
        counts[_start(day, quarters)] = counts.get(_start(day, quarters), 0) + 1
    start, end = min(counts), max(counts)
    periods = []
    while start <= end:
        periods.append(Period(start, counts.get(start, 0)))
        month = start.month + (3 if quarters else 1)
        start = dt.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return periods


def _chosen(said: dict[str, list[Quote]], order: list[str]) -> list[Quote]:
    """Up to :data:`MAX_QUOTES` reflections, in turn from each briefing (the most used first), so
    that every briefing is heard before any is heard twice; of each briefing's, the fullest that
    reads as a quotation (at most :data:`QUOTE_LENGTH` characters), then the rest by length.
    The same words from two teams are quoted once."""
    queues = {}
    for briefing in order:
        quotes = said.get(briefing, [])
        seen: set[str] = set()
        distinct = [quote for quote in quotes if not (quote.text.casefold() in seen or seen.add(quote.text.casefold()))]
        queues[briefing] = sorted(distinct, key=lambda quote: (len(quote.text) > QUOTE_LENGTH,
                                                               -len(quote.text) if len(quote.text) <= QUOTE_LENGTH
                                                               else len(quote.text)))
    chosen: list[Quote] = []
    while len(chosen) < MAX_QUOTES and any(queues.values()):
        for briefing in order:
            if queues.get(briefing) and len(chosen) < MAX_QUOTES:
                chosen.append(queues[briefing].pop(0))
    return chosen
