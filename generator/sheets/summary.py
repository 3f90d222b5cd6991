"""The figures of an impact summary, from the returns that came back: the reach (sessions,
teams or agencies, people) overall, by briefing and over time; what teams said, chosen so that a
page shows each briefing's voice; the actions agreed; what a reader should check before quoting
the figures (a date or a number of people the tool cannot be sure of is named with the return it
came from, never guessed, and left out of the figure it would change); and every return counted,
with where it came from, so that each figure can be traced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.read.dates import read_date

MAX_QUOTES = 6  # reflections quoted on the summary; the rest are in impact.csv
MIN_PERIODS = 3  # months (or quarters) the sessions must span for a chart of them over time to say anything
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
class ToCheck:
    """Something in a return the summary could not be sure of, and left out of a figure."""

    what: str  # people | date | date_impossible | date_after_sent
    typed: str
    team: str
    briefing: str
    source: str
    readings: tuple[dt.date, ...] = ()


@dataclass
class Counted:
    """One return as counted: the line of the summary's list of returns."""

    briefing: str
    team: str
    day: dt.date | None
    typed_date: str
    people: int | None
    source: str


@dataclass
class Summary:
    sessions: int = 0
    teams: int = 0
    people: int = 0
    counted_people: int = 0  # sessions that said how many came
    online: int = 0  # returns from an online form
    briefings: list[BriefingReach] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    by_quarter: bool = False  # periods are quarters (a long span), else months
    first: dt.date | None = None
    last: dt.date | None = None
    undated: int = 0  # sessions with no date a reader can be sure of
    ambiguous: list[Ambiguous] = field(default_factory=list)
    to_check: list[ToCheck] = field(default_factory=list)
    twice: list[tuple[str, str, str, dt.date | None, str]] = field(default_factory=list)  # returned twice
    returns: list[Counted] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reflections: int = 0  # every reflection written, quoted or not
    actions: list[Action] = field(default_factory=list)


def summarise(sheets, language: str = "en-GB", twice=()) -> Summary:
    """The summary of returns (:class:`generator.sheets.returned.Sheet`, their dates read by
    :func:`generator.sheets.returned.gather`), dates of actions read as ``language`` writes them;
    ``twice`` the sessions returned twice (:class:`generator.sheets.returned.Twice`)."""
    from generator.read.dates import day_first

    first = day_first(language)
    summary = Summary(sessions=len(sheets))
    by_briefing: dict[str, BriefingReach] = {}
    days: list[dt.date] = []
    said: dict[str, list[Quote]] = {}
    for sheet in sheets:
        reach = by_briefing.setdefault(sheet.briefing_id, BriefingReach(sheet.briefing_id, sheet.briefing_title))
        reach.sessions += 1
        summary.online += sheet.online
        if sheet.team:
            reach.teams.add(sheet.team.casefold())
        count = sheet.count
        if count.number is not None:
            reach.people += count.number
            summary.people += count.number
            summary.counted_people += 1
        elif count.to_check:
            summary.to_check.append(ToCheck("people", count.typed, sheet.team, sheet.briefing_title, sheet.source))
        day = _day(sheet, summary, first)
        if day is None:
            summary.undated += 1
        else:
            reach.days.append(day)
            days.append(day)
        summary.returns.append(Counted(sheet.briefing_title, sheet.team, day, sheet.date, count.number,
                                       sheet.source))
        reach.actions += len(sheet.actions)
        for what, owner, when in sheet.actions:
            due = read_date(when, first) if when else None
            summary.actions.append(Action(what, owner, when, due.day if due and not due.ambiguous else None,
                                          sheet.team, sheet.briefing_title, bool(due and due.month_only)))
        for text in sheet.reflections:
            said.setdefault(sheet.briefing_id, []).append(Quote(text, sheet.team, sheet.briefing_title))
            summary.reflections += 1
    summary.twice = [(item.kept.team, item.kept.briefing_title, item.kept.source, item.kept.when.day
                      if item.kept.when else None, item.other) for item in twice]
    summary.teams = len({team for reach in by_briefing.values() for team in reach.teams})
    summary.briefings = sorted(by_briefing.values(), key=lambda reach: (-reach.sessions, reach.title.casefold()))
    if days:
        summary.first, summary.last = min(days), max(days)
        summary.by_quarter = _months(summary.first, summary.last) > 18
        periods = _periods(days, summary.by_quarter)
        summary.periods = periods if len(periods) >= MIN_PERIODS else []
    summary.quotes = _chosen(said, [reach.briefing_id for reach in summary.briefings])
    summary.actions.sort(key=lambda action: (action.due is None, action.due or dt.date.max, action.briefing.casefold()))
    return summary


def _day(sheet, summary: Summary, day_first: bool) -> dt.date | None:
    """The session's day, or None with what to check said: a date that is no date (31/02/2026),
    one that could be read two ways (where the language was not known), words that hold no date,
    or a day after the online form says the return was sent."""
    typed = sheet.when
    if not sheet.date:
        return None
    place = (sheet.team, sheet.briefing_title, sheet.source)
    if typed is None:
        summary.to_check.append(ToCheck("date", sheet.date, *place))
        return None
    if typed.ambiguous:
        summary.ambiguous.append(Ambiguous(sheet.team, typed.text, typed.readings))
        return None
    if typed.impossible:
        summary.to_check.append(ToCheck("date_impossible", sheet.date, *place))
        return None
    sent = read_date(sheet.sent, day_first) if sheet.sent else None
    if sent is not None and sent.day is not None and typed.day > sent.day:
        summary.to_check.append(ToCheck("date_after_sent", sheet.date, *place, readings=(typed.day, sent.day)))
        return None
    return typed.day


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
