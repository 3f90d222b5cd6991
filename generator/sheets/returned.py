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
        count = self.attendee_count
        return {"briefing_id": self.briefing_id, "briefing_title": self.briefing_title, "version": self.version,
                "team": self.team, "date": self.date, "delivered_by": self.delivered_by, "attendees": self.attendees,
                "attendee_count": "" if count is None else str(count), "reflections": "\n".join(self.reflections),
                "actions": "\n".join(" | ".join(action) for action in self.actions), "source": self.source}


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
        if matched:
            text = value.get("/V") if isinstance(value, dict) else None
            groups.setdefault(matched.group(1), {})[matched.group(2)] = str(text) if text is not None else ""
    sheets = []
    for version, values in groups.items():
        try:
            meta = json.loads(values.get("briefing", ""))
            assert meta["version"] == version and meta["id"] and meta["title"]
        except (ValueError, KeyError, TypeError, AssertionError):
            found.problems.append(Problem(display_path(path), 0, 0, f"a record sheet ({version}) does not say "
                                          "which briefing it is for", "use the sheets the tool made, unchanged"))
            continue
        sheet = Sheet(str(meta["id"]), str(meta["title"]), version, values.get("team", "").strip(),
                      values.get("date", "").strip(), values.get("delivered_by", "").strip(),
                      values.get("attendees", "").strip(), source=display_path(path))
        sheet.reflections = [values[key].strip() for key in sorted(
            (k for k in values if k.startswith("reflection_")), key=lambda k: int(k.split("_")[1]))
            if values[key].strip()]
        rows = sorted({int(k.split("_")[1]) for k in values if k.startswith("action_")})
        for row in rows:
            action = tuple(values.get(f"action_{row}_{part}", "").strip() for part in ("what", "owner", "when"))
            if any(action):
                sheet.actions.append(action)
        if not (sheet.team or sheet.date or sheet.delivered_by or sheet.attendees or sheet.reflections
                or sheet.actions):
            found.blank += 1
            continue
        sheets.append(sheet)
    return sheets


def _from_csv(path: Path, found: Gathered) -> list[Sheet]:
    text = read_file(path, MAX_BYTES, what="CSV file").decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        found.problems.append(Problem(display_path(path), 1, 1, "this CSV file was not written by briefing impact",
                                      f"its columns must be: {', '.join(COLUMNS)}"))
        return []
    sheets = []
    for row in reader:
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
