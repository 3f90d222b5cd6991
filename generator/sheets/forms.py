"""Returns made online: the questions to put in a Microsoft Forms or Google Forms form, and the
responses those forms export (Microsoft Forms: .xlsx; Google Forms: .csv), read as returns.

A form's export has a column for each question, headed with the question's words, and columns of
its own (an ID, start and completion times, a timestamp, the responder's email and name). The
questions (:func:`questions`) are the theme language's own words, the same in every run, so a
column is known by its heading in any shipped language; the form's own columns are passed over,
and any other column is named, not read. Each row is matched to a briefing by its title, one of
the choices the form offered (:func:`choices`); a row for no briefing of the publication is named
with its row number and the nearest title, and not counted.

Workbooks are read with openpyxl (through defusedxml), after the zip they are made of is checked
against limits: a workbook is a zip, and a zip can unpack to far more than it weighs.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from generator.errors import NOTE, Problem, display_path
from generator.files import read_file
from generator.sheets.returned import MAX_BYTES, MAX_FIELD, MAX_SHEETS, Gathered, Known, Sheet

# The questions, in the order a form asks them: the part of a return each one fills.
PARTS = ("briefing", "date", "team", "delivered_by", "people", "reflections", "actions")
MAX_UNPACKED = 200_000_000  # bytes a workbook's parts may unpack to, in all
MAX_PARTS = 2_000  # files inside a workbook
MAX_COLUMNS = 200
# Columns the form tools add of their own (Microsoft Forms, Google Forms), not questions.
_OWN_COLUMNS = frozenset({"id", "start time", "completion time", "email", "name", "last modified time", "timestamp",
                          "email address", "total points", "quiz feedback", "score", "amser dechrau",
                          "amser cwblhau", "e-bost", "enw", "stamp amser", "cyfeiriad e-bost"})
_SUBMITTED = ("completion time", "timestamp", "amser cwblhau", "stamp amser")


def questions(m) -> list[tuple[str, str]]:
    """The form's questions in a theme's language, as (part, words): the words are the columns'
    headings in the form's export."""
    return [(part, m(f"form_{part}")) for part in PARTS]


def choices(known: list[Known], language: str) -> list[str]:
    """The briefing titles a form offers: those in the form's language (the theme's), else every
    briefing's; each once, in alphabetical order."""
    primary = language.split("-")[0].lower()
    mine = [briefing.title for briefing in known if (briefing.language or language).split("-")[0].lower() == primary]
    return sorted(set(mine or [briefing.title for briefing in known]), key=str.casefold)


def _plain(text: str) -> str:
    """A heading or title as compared: letters and digits, lower case, single spaces (a form tool
    may add a question mark, a space or typographic quotes)."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("\u2019", "'")
    return " ".join(re.sub(r"[^\w' ]+", " ", text).split())


def _headings() -> dict[str, str]:
    """Every question's words in every shipped language, plain, to the part it fills."""
    from generator.read.messages import in_every_language

    return {_plain(words): part for part in PARTS for words in in_every_language(f"form_{part}").values()}


def from_xlsx(path: Path, found: Gathered, known: list[Known] | None) -> list[Sheet]:
    """The returns in a Microsoft Forms export (its first worksheet)."""
    where = display_path(path)
    data = read_file(path, MAX_BYTES, what="workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
    except (zipfile.BadZipFile, ValueError):
        found.problems.append(Problem(where, 0, 0, "this .xlsx file is not a workbook that can be read",
                                      "export the responses from the form again, or save the file from Excel"))
        return []
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
        found.problems.append(Problem(where, 0, 0, f"this workbook unpacks to {unpacked:,} bytes in {len(parts):,} "
                                      f"parts; the most read is {MAX_UNPACKED:,} bytes in {MAX_PARTS:,}: it is "
                                      "not read",
                                      "a form's export is far smaller: export the responses again"))
        return []
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(_limited(book.worksheets[0].iter_rows(values_only=True), where, found))
        book.close()
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        found.problems.append(Problem(where, 0, 0, f"this workbook cannot be read ({type(error).__name__})",
                                      "export the responses from the form again"))
        return []
    return _returns(where, rows, found, known)


def from_csv_export(path: Path, text: str, found: Gathered, known: list[Known] | None) -> list[Sheet]:
    """The returns in a Google Forms export (or a form's responses saved as CSV)."""
    where = display_path(path)
    try:
        rows = list(_limited(csv.reader(io.StringIO(text), strict=True), where, found))
    except csv.Error as error:
        found.problems.append(Problem(where, 0, 0, f"this CSV file cannot be read ({error})",
                                      "download the responses from the form again"))
        return []
    return _returns(where, rows, found, known)


def _limited(rows, where: str, found: Gathered):
    for number, row in enumerate(rows, 1):
        if number > MAX_SHEETS + 1:
            found.problems.append(Problem(where, number, 1, f"more than {MAX_SHEETS:,} rows: the rest are not read",
                                          "export the responses in parts"))
            return
        yield tuple(row)[:MAX_COLUMNS]


def _returns(where: str, rows: list[tuple], found: Gathered, known: list[Known] | None) -> list[Sheet]:
    if not rows:
        return []
    headings = _headings()
    header = [_plain(cell) if cell is not None else "" for cell in rows[0]]
    columns = {index: headings[cell] for index, cell in enumerate(header) if cell in headings}
    if "briefing" not in columns.values():
        found.problems.append(Problem(where, 1, 1, "this file is neither an impact.csv nor a form's responses with "
                                      "the question that names the briefing",
                                      "make the form with the questions `briefing impact --form-questions` prints, "
                                      "word for word; or give an impact.csv this command wrote"))
        return []
    others = [str(rows[0][index]) for index, cell in enumerate(header)
              if index not in columns and cell and cell not in _OWN_COLUMNS]
    if others:
        found.problems.append(Problem(where, 1, 1, f"these columns are not questions this tool asks, and are not read: "
                                      f"{', '.join(others)}", "to be read, a question must be worded as "
                                      "`briefing impact --form-questions` prints it", severity=NOTE))
    submitted_at = next((index for index, cell in enumerate(header) if cell in _SUBMITTED), None)
    if not known:
        found.problems.append(Problem(where, 0, 0, "the briefings these responses are about are not known, so they "
                                      "are not counted", "run briefing impact in the project's folder, or name the "
                                      "briefings with --briefings"))
        return []
    by_title: dict[str, list[Known]] = {}
    for briefing in known:
        by_title.setdefault(_plain(briefing.title), []).append(briefing)
    sheets = []
    for number, row in enumerate(rows[1:], 2):
        values: dict[str, str] = {}
        for index, part in columns.items():
            cell = row[index] if index < len(row) else None
            values[part] = _text(cell)
        if not any(values.values()):
            found.blank += 1
            continue
        place = f"{where}, row {number}"
        longest = max(values, key=lambda key: len(values[key]))
        if len(values[longest]) > MAX_FIELD:
            found.problems.append(Problem(where, number, 1, f"this row has {len(values[longest]):,} characters in its "
                                          f"answer to '{longest}'; the most read is {MAX_FIELD:,}: it is not counted"))
            continue
        matches = by_title.get(_plain(values.get("briefing", "")), [])
        if len(matches) != 1:
            titles = [briefing.title for briefing in known]
            near = difflib.get_close_matches(values.get("briefing", ""), titles, n=1, cutoff=0.5)
            said = f"names the briefing '{values.get('briefing', '')}', " + (
                "which is the title of more than one briefing" if matches else "which is not a briefing here")
            found.problems.append(Problem(where, number, 1, f"this response {said}: it is not counted",
                                          f"did it mean '{near[0]}'? Mend the answer in the export and give it "
                                          "again" if near else "offer the titles `briefing impact --form-questions` "
                                          "prints as the question's choices"))
            continue
        briefing = matches[0]
        sheet = Sheet(briefing.id, briefing.title, briefing.version, values.get("team", ""), values.get("date", ""),
                      values.get("delivered_by", ""), "", values.get("people", ""), source=place, online=True)
        sheet.reflections = [values["reflections"]] if values.get("reflections") else []
        sheet.actions = [_action(line) for line in values.get("actions", "").splitlines() if line.strip()]
        if submitted_at is not None and submitted_at < len(row):
            sheet.sent = _text(row[submitted_at])
        sheets.append(sheet)
    return sheets


def _text(cell) -> str:
    """A cell as text: a date as the ISO date (read the same in every language), a whole number
    without ".0"."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _action(line: str) -> tuple[str, str, str]:
    """An action as a line of the form's answer: "what; who; by when" (or with "|"), else the whole
    line as what is to be done."""
    for separator in ("|", ";"):
        parts = [part.strip() for part in line.split(separator)]
        if len(parts) == 3 and parts[0]:
            return parts[0], parts[1], parts[2]
    return line.strip(), "", ""
