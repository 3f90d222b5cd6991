"""Reading the record sheets that came back: filled PDFs and the ``impact.csv`` log.

Filled sheets are read with pypdf: a whole filled pack, single sheets (``NAME-record.pdf``) or a
folder of them, and the ``impact.csv`` this command writes (so logs kept by several people
merge). Each sheet's fields are named for the briefing version it was made for
(:func:`generator.sheets.layout.field_name`), and a hidden field names the briefing; a sheet
with nothing filled in is skipped and counted, a file with no sheet and a sheet whose briefing
cannot be told are reported by name. The same sheet given twice is counted once.
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

MAX_BYTES = 50_000_000
COLUMNS = ("briefing_id", "briefing_title", "version", "team", "date", "delivered_by", "attendees",
           "attendee_count", "reflections", "actions", "source")
_FIELD = re.compile(r"^rs_([0-9a-f]{12})_(\w+)$")
# The parts of a sheet the tool makes: a field of any other name is not read (and is named).
_PART = re.compile(r"^(?:team|date|delivered_by|attendees|briefing|reflection_[1-9]\d?"
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
    reflections: list[str] = field(default_factory=list)
    actions: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""

    @property
    def attendee_count(self) -> int | None:
        """The number of people, where given: a number written, or the names listed."""
        text = self.attendees.strip()
        if not text:
            return None
        number = re.fullmatch(r"\d{1,5}", text)
        if number:
            return int(text)
        names = [name for name in re.split(r"[,;\n]+|\band\b", text) if name.strip()]
        return len(names)

    def key(self) -> tuple:
        return (self.version, self.team.casefold(), self.date, self.delivered_by.casefold(), tuple(self.reflections),
                tuple(self.actions))

    def row(self) -> dict[str, str]:
        """The sheet as a row of impact.csv, every cell safe to open in a spreadsheet."""
        count = self.attendee_count
        values = {"briefing_id": self.briefing_id, "briefing_title": self.briefing_title, "version": self.version,
                  "team": self.team, "date": self.date, "delivered_by": self.delivered_by,
                  "attendees": self.attendees, "attendee_count": "" if count is None else str(count),
                  "reflections": "\n".join(self.reflections),
                  "actions": "\n".join(" | ".join(action) for action in self.actions), "source": self.source}
        return {key: csv_cell(value) for key, value in values.items()}


@dataclass
class Gathered:
    sheets: list[Sheet] = field(default_factory=list)
    blank: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)


def gather(paths: list[Path], versions: dict[str, str] | None = None) -> Gathered:
    """Every returned sheet in ``paths`` (PDFs, CSVs written by this command, or folders of them).
    With ``versions`` (version -> briefing file, from :func:`briefing_versions`), a sheet made
    from a version that is not among them is named: it may come from an older version."""
    found = Gathered()
    seen: set[tuple] = set()
    for path in _files(paths, found):
        if len(found.sheets) >= MAX_SHEETS:
            found.problems.append(Problem(display_path(path), 0, 0, f"more than {MAX_SHEETS:,} sheets were given: "
                                          "this file and those after it are not read",
                                          "make a summary of part of them, then merge the impact.csv files"))
            break
        before = len(found.sheets) + found.blank
        sheets = _from_csv(path, found) if path.suffix.lower() == ".csv" else _from_pdf(path, found)
        for sheet in sheets:
            if sheet.key() in seen:
                found.duplicates += 1
                continue
            seen.add(sheet.key())
            found.sheets.append(sheet)
            if versions is not None and sheet.version not in versions:
                found.problems.append(Problem(display_path(path), 0, 0, f"a sheet for '{sheet.briefing_title}' "
                                              f"({sheet.briefing_id}) was made from a version of it that is not among "
                                              "the briefings given; it is counted", "it may be from an earlier "
                                              "version of the briefing"))
        if len(found.sheets) + found.blank + found.duplicates == before and not any(
                p.path == display_path(path) for p in found.problems):
            found.problems.append(Problem(display_path(path), 0, 0, "this file holds no record sheet",
                                          "give the filled-in record sheets (or a pack with them) or an impact.csv"))
    return found


def _files(paths: list[Path], found: Gathered) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(child for child in path.iterdir() if child.suffix.lower() in (".pdf", ".csv")
                            and not child.name.startswith("."))
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
    sheets = []
    for version, values in groups.items():
        sheet = _sheet(path, version, values, found)
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _sheet(path: Path, version: str, values: dict[str, str], found: Gathered) -> Sheet | None:
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
                  values.get("attendees", "").strip(), source=where)
    number = lambda key: int(key.split("_")[1])  # noqa: E731 - the parts' names were checked by _PART
    sheet.reflections = [values[key].strip() for key in sorted((k for k in values if k.startswith("reflection_")),
                                                                key=number) if values[key].strip()]
    for row in sorted({number(k) for k in values if k.startswith("action_")}):
        action = tuple(values.get(f"action_{row}_{part}", "").strip() for part in ("what", "owner", "when"))
        if any(action):
            sheet.actions.append(action)
    if not (sheet.team or sheet.date or sheet.delivered_by or sheet.attendees or sheet.reflections or sheet.actions):
        found.blank += 1
        return None
    return sheet


def _from_csv(path: Path, found: Gathered) -> list[Sheet]:
    """The sheets of an impact.csv this command wrote (values as they were typed: the apostrophe
    that kept a formula from running is taken off again). A row that cannot be read is named and
    left out; the others are read."""
    where = display_path(path)
    text = read_file(path, MAX_BYTES, what="CSV file").decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as error:
        header = [str(error)]
    if tuple(header) != COLUMNS:
        found.problems.append(Problem(where, 1, 1, "this CSV file was not written by briefing impact",
                                      f"its columns must be: {', '.join(COLUMNS)}"))
        return []
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
        if len(cells) != len(COLUMNS) or any(len(cell) > MAX_FIELD for cell in cells):
            found.problems.append(Problem(where, reader.line_num, 1, f"this row has {len(cells)} cells, or a cell of "
                                          f"more than {MAX_FIELD:,} characters: it is not counted",
                                          f"a row has {len(COLUMNS)} cells: {', '.join(COLUMNS)}"))
            continue
        row = dict(zip(COLUMNS, (csv_value(cell) for cell in cells), strict=True))
        sheet = Sheet(row["briefing_id"], row["briefing_title"], row["version"], row["team"], row["date"],
                      row["delivered_by"], row["attendees"], source=row["source"])
        sheet.reflections = [line for line in row["reflections"].split("\n") if line]
        sheet.actions = [tuple([*line.split(" | "), "", "", ""][:3]) for line in row["actions"].split("\n") if line]
        sheets.append(sheet)
    return sheets


def briefing_versions(paths: list[Path]) -> dict[str, str]:
    """The record-sheet version of every briefing file in ``paths``."""
    from generator.files import briefing_files
    from generator.read.briefing import sheet_version
    from generator.read.source import read_text

    return {sheet_version(read_text(path).encode("utf-8")): display_path(path) for path in briefing_files(paths)}
