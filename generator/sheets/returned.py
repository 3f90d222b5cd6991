"""Reading the returns that came back: filled record sheets (PDF), the ``impact.csv`` log, and
the exports of an online form (:mod:`generator.sheets.forms`).

Filled sheets are read with pypdf: a whole filled pack, single sheets (``NAME-record.pdf``) or a
folder of them, and the ``impact.csv`` this command writes (so logs kept by several people
merge). Each sheet's fields are named for the briefing version it was made for
(:func:`generator.sheets.layout.field_name`), and a hidden field names the briefing; a sheet
with nothing filled in is skipped and counted, a file with no sheet and a sheet whose briefing
cannot be told are reported by name. Every return keeps where it came from (the file and its
page, or the export and its row), so every figure of the summary can be traced to it.

The same sheet given twice is counted once; so is one session returned twice (on paper and
online, or online twice: the same briefing, team and date), and that is said, with both
places. The date is read as the theme's language writes dates (:func:`generator.read.dates.day_first`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, UserError, display_path
from generator.files import read_file
from generator.read.dates import TypedDate, read_date
from generator.sheets.people import Count, count_people

MAX_BYTES = 50_000_000
COLUMNS = ("briefing_id", "briefing_title", "version", "team", "date", "delivered_by", "attendees", "people",
           "attendee_count", "reflections", "actions", "source")
# The log as versions before "people" wrote it: still read, so last year's logs merge.
_EARLIER_COLUMNS = tuple(column for column in COLUMNS if column != "people")
_FIELD = re.compile(r"^rs_([0-9a-f]{12})_(\w+)$")
# The parts of a sheet the tool makes: a field of any other name is not read (and is named).
_PART = re.compile(r"^(?:team|date|delivered_by|attendees|people|briefing|reflection_[1-9]\d?"
                   r"|action_[1-9]\d?_(?:what|owner|when))$")
MAX_FIELD = 20_000  # characters in one field or cell: more is not a team's note, and is not read
MAX_SHEETS = 10_000  # in one run
# A cell a spreadsheet would take for a formula starts with one of these (OWASP, CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


def csv_cell(text: str) -> str:
    """A value as impact.csv holds it: one that a spreadsheet would run as a formula (it starts
    with =, +, -, @, a tab or a carriage return) starts with an apostrophe instead, as OWASP
    advises, so Excel shows it as text; a number stays a number."""
    if text[:1] in _FORMULA and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_value(cell: str) -> str:
    """What :func:`csv_cell` wrote, as it was: logs merge without growing apostrophes."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA and not _NUMBER.match(cell[1:]) else cell


@dataclass
class Sheet:
    """One returned record sheet."""

    briefing_id: str
    briefing_title: str
    version: str
    team: str = ""
    date: str = ""
    delivered_by: str = ""
    attendees: str = ""
    people: str = ""  # the number of people, asked for as a number ("How many took part"), as typed
    reflections: list[str] = field(default_factory=list)
    actions: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""  # where it came from: "returns/pack.pdf, page 7", "responses.xlsx, row 4"
    online: bool = False  # from an online form's export
    sent: str = ""  # when an online form says the response was sent, as the export gives it
    when: TypedDate | None = None  # the date, as read (set by gather)

    @property
    def count(self) -> Count:
        """How many people took part, or that the words leave doubt (:mod:`generator.sheets.people`)."""
        return count_people(self.people, self.attendees)

    def key(self) -> tuple:
        return (self.version, self.team.casefold(), self.date, self.delivered_by.casefold(), tuple(self.reflections),
                tuple(self.actions))

    def session(self) -> tuple | None:
        """The session this return is about (briefing, team, day), when it says all three."""
        team = " ".join(self.team.casefold().split())
        if not team or self.when is None or self.when.day is None:
            return None
        return self.briefing_id, team, self.when.day

    def row(self) -> dict[str, str]:
        """The sheet as a row of impact.csv, every cell safe to open in a spreadsheet."""
        count = self.count.number
        values = {"briefing_id": self.briefing_id, "briefing_title": self.briefing_title, "version": self.version,
                  "team": self.team, "date": self.date, "delivered_by": self.delivered_by,
                  "attendees": self.attendees, "people": self.people,
                  "attendee_count": "" if count is None else str(count),
                  "reflections": "\n".join(self.reflections),
                  "actions": "\n".join(" | ".join(action) for action in self.actions), "source": self.source}
        return {key: csv_cell(value) for key, value in values.items()}


@dataclass(frozen=True)
class Known:
    """A briefing of the publication that a return can be for (an online form names it by its
    title; a sheet by its version)."""

    id: str
    title: str
    version: str
    language: str
    path: str


@dataclass
class Twice:
    """One session returned twice (on paper and online, say): counted once, what both said kept."""

    kept: Sheet
    other: str  # where the second return came from


@dataclass
class Gathered:
    sheets: list[Sheet] = field(default_factory=list)
    blank: int = 0
    duplicates: int = 0
    twice: list[Twice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def gather(paths: list[Path], known: list[Known] | None = None, language: str = "en-GB") -> Gathered:
    """Every return in ``paths`` (record sheets in PDFs, impact.csv logs, online form exports as
    .xlsx or .csv, or folders of them), dates read as ``language`` writes them. With ``known``
    (the publication's briefings), a sheet made from a version that is not among them is named
    (it may come from an older version), and an online return is matched to its briefing."""
    from generator.read.dates import day_first
    from generator.sheets.forms import from_csv_export, from_xlsx

    order = day_first(language)
    found = Gathered()
    seen: dict[tuple, Sheet] = {}
    versions = {briefing.version for briefing in known} if known is not None else None
    for path in _files(paths, found):
        if len(found.sheets) >= MAX_SHEETS:
            found.problems.append(Problem(display_path(path), 0, 0, f"more than {MAX_SHEETS:,} returns were given: "
                                          "this file and those after it are not read",
                                          "make a summary of part of them, then merge the impact.csv files"))
            break
        before = len(found.sheets) + found.blank + found.duplicates + len(found.twice)
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            sheets = from_xlsx(path, found, known)
        elif suffix == ".csv":
            text = read_file(path, MAX_BYTES, what="CSV file").decode("utf-8-sig", errors="replace")
            sheets = _from_csv(path, text, found) if _is_log(text) else from_csv_export(path, text, found, known)
        else:
            sheets = _from_pdf(path, found)
        for sheet in sheets:
            earlier = seen.get(sheet.key())
            if earlier is not None:  # the same sheet again: a number mended in a log is taken
                found.duplicates += 1
                if sheet.count.number is not None and earlier.count.number is None:
                    earlier.people = sheet.count.typed if sheet.people else str(sheet.count.number)
                continue
            seen[sheet.key()] = sheet
            sheet.when = read_date(sheet.date, order) if sheet.date else None
            found.sheets.append(sheet)
            if versions is not None and sheet.version not in versions:
                found.problems.append(Problem(display_path(path), 0, 0, f"a sheet for '{sheet.briefing_title}' "
                                              f"({sheet.briefing_id}) was made from a version of it that is not among "
                                              "the briefings given; it is counted", "it may be from an earlier "
                                              "version of the briefing"))
        if len(found.sheets) + found.blank + found.duplicates + len(found.twice) == before and not any(
                p.path == display_path(path) for p in found.problems):
            found.problems.append(Problem(display_path(path), 0, 0, "this file holds no record sheet and no return",
                                          "give the filled-in record sheets (or a pack with them), an impact.csv, "
                                          "or the responses exported from the online form"))
    found.sheets = _one_each_session(found)
    return found


def _one_each_session(found: Gathered) -> list[Sheet]:
    """The returns with each session once: a second return of the same briefing by the same
    team on the same day is merged into the first (its reflections and actions added, the
    number of people taken where the first has none), and said."""
    kept: dict[tuple, Sheet] = {}
    sheets = []
    for sheet in found.sheets:
        session = sheet.session()
        first = kept.get(session) if session is not None else None
        if first is None:
            if session is not None:
                kept[session] = sheet
            sheets.append(sheet)
            continue
        first.reflections += [text for text in sheet.reflections if text not in first.reflections]
        first.actions += [action for action in sheet.actions if action not in first.actions]
        if first.count.number is None and sheet.count.number is not None:
            first.people = sheet.people or str(sheet.count.number)
        first.attendees = first.attendees or sheet.attendees
        first.delivered_by = first.delivered_by or sheet.delivered_by
        found.twice.append(Twice(first, sheet.source))
        first.source = f"{first.source}; {sheet.source}"
    return sheets


def _is_log(text: str) -> bool:
    """Whether a CSV file is an impact.csv (by its first line), rather than a form's export."""
    first = next(csv.reader(io.StringIO(text[:4096].split("\n", 1)[0])), [])
    return tuple(first) in (COLUMNS, _EARLIER_COLUMNS)


def _files(paths: list[Path], found: Gathered) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(child for child in path.iterdir() if child.suffix.lower() in (".pdf", ".csv", ".xlsx")
                            and not child.name.startswith(".") and not child.name.startswith("~$"))
        elif path.exists():
            files.append(path)
        else:
            found.problems.append(Problem(display_path(path), 0, 0, "no such file or folder"))
    return files


def _from_pdf(path: Path, found: Gathered) -> list[Sheet]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(read_file(path, MAX_BYTES, what="PDF")))
        fields = reader.get_fields() or {}
    except UserError as error:
        found.problems += error.problems
        return []
    except Exception as error:  # a damaged PDF: pypdf raises many kinds
        found.problems.append(Problem(display_path(path), 0, 0, f"this PDF cannot be read ({error})"))
        return []
    groups: dict[str, dict[str, str]] = {}
    for name, value in fields.items():
        matched = _FIELD.match(name.rsplit(".", 1)[-1])
        if not matched:
            continue
        if not _PART.match(matched.group(2)):
            found.problems.append(Problem(display_path(path), 0, 0, f"the field '{name}' is not one a record sheet "
                                          "the tool made has: it is not read", "use the sheets the tool made"))
            continue
        text = value.get("/V") if isinstance(value, dict) else None
        groups.setdefault(matched.group(1), {})[matched.group(2)] = str(text) if text is not None else ""
    pages = _pages(reader) if len(reader.pages) > 1 else {}
    sheets = []
    for version, values in groups.items():
        page = pages.get(version)
        sheet = _sheet(path, version, values, found, f"{display_path(path)}, page {page}" if page else "")
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _pages(reader) -> dict[str, int]:
    """The page each sheet is on (by its version), from where its team field's widget is: a
    return in a pack of forty is traced to its page."""
    pages: dict[str, int] = {}
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            name = annotation.get("/T") or (annotation.get("/Parent") or {}).get("/T")
            matched = _FIELD.match(str(name or ""))
            if matched and matched.group(2) == "team":
                pages.setdefault(matched.group(1), number)
    return pages


def _sheet(path: Path, version: str, values: dict[str, str], found: Gathered, source: str = "") -> Sheet | None:
    """One sheet's fields as a :class:`Sheet`; None (and a problem or a blank counted) if it is
    not one to count."""
    where = display_path(path)
    longest = max(values, key=lambda key: len(values[key]))
    if len(values[longest]) > MAX_FIELD:
        found.problems.append(Problem(where, 0, 0, f"a record sheet ({version}) has {len(values[longest]):,} "
                                      f"characters in its field '{longest}'; the most read is {MAX_FIELD:,}: the "
                                      "sheet is not counted", "shorten what was typed there and give the sheet again"))
        return None
    try:
        meta = json.loads(values.get("briefing", ""))
        assert isinstance(meta, dict) and meta["version"] == version and meta["id"] and meta["title"]
    except (ValueError, KeyError, TypeError, AssertionError):
        found.problems.append(Problem(where, 0, 0, f"a record sheet ({version}) does not say which briefing it is "
                                      "for", "use the sheets the tool made, unchanged"))
        return None
    sheet = Sheet(str(meta["id"]), str(meta["title"]), version, values.get("team", "").strip(),
                  values.get("date", "").strip(), values.get("delivered_by", "").strip(),
                  values.get("attendees", "").strip(), values.get("people", "").strip(), source=source or where)
    number = lambda key: int(key.split("_")[1])  # noqa: E731 - the parts' names were checked by _PART
    sheet.reflections = [values[key].strip() for key in sorted((k for k in values if k.startswith("reflection_")),
                                                                key=number) if values[key].strip()]
    for row in sorted({number(k) for k in values if k.startswith("action_")}):
        action = tuple(values.get(f"action_{row}_{part}", "").strip() for part in ("what", "owner", "when"))
        if any(action):
            sheet.actions.append(action)
    if not (sheet.team or sheet.date or sheet.delivered_by or sheet.attendees or sheet.people or sheet.reflections
            or sheet.actions):
        found.blank += 1
        return None
    return sheet


def _from_csv(path: Path, text: str, found: Gathered) -> list[Sheet]:
    """The sheets of an impact.csv this command wrote (values as they were typed: the apostrophe
    that kept a formula from running is taken off again), this version's or an earlier one's. A
    row that cannot be read is named and left out; the others are read."""
    where = display_path(path)
    reader = csv.reader(io.StringIO(text), strict=True)
    header = tuple(next(reader))
    sheets = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # an unterminated quote, a cell over csv's own limit
            found.problems.append(Problem(where, reader.line_num, 1, f"from this row on the file cannot be read "
                                          f"({error}); the rows before it are counted",
                                          "open it in a spreadsheet, mend the row, and save it as CSV"))
            break
        if len(cells) != len(header) or any(len(cell) > MAX_FIELD for cell in cells):
            found.problems.append(Problem(where, reader.line_num, 1, f"this row has {len(cells)} cells, or a cell of "
                                          f"more than {MAX_FIELD:,} characters: it is not counted",
                                          f"a row has {len(header)} cells: {', '.join(header)}"))
            continue
        row = dict(zip(header, (csv_value(cell) for cell in cells), strict=True))
        sheet = Sheet(row["briefing_id"], row["briefing_title"], row["version"], row["team"], row["date"],
                      row["delivered_by"], row["attendees"], row.get("people", ""),
                      source=row["source"] or f"{where}, row {reader.line_num}")
        sheet.reflections = [line for line in row["reflections"].split("\n") if line]
        sheet.actions = [tuple([*line.split(" | "), "", "", ""][:3]) for line in row["actions"].split("\n") if line]
        sheets.append(sheet)
    return sheets


def known_briefings(entries) -> list[Known]:
    """The publication's briefings (:class:`generator.publication.model.Entry`, each read once) as
    a return can name them. A briefing that cannot be read is left out: the build says why."""
    from generator.read.briefing import load_briefing
    from generator.read.source import decode

    known = []
    for entry in entries:
        if entry.problems:
            continue
        try:
            briefing = load_briefing(entry.path, decode(entry.data, entry.path))
        except UserError:
            continue
        known.append(Known(briefing.id, briefing.title, briefing.version, briefing.language or "",
                           display_path(entry.path)))
    return known
