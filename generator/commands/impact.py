"""``briefing impact``: the record sheets that came back (:mod:`generator.sheets.returned`), as a
log (``impact.csv``) and a summary for the annual report (:mod:`generator.sheets.impact`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.commands.said import Said
from generator.errors import NOTE, Problem, UserError, display_path
from generator.files import write_atomic
from generator.sheets.returned import COLUMNS, Gathered, briefing_versions, gather


def write_impact(paths: list[Path], out_dir: Path, theme, briefings: list[Path] | None = None
                 ) -> tuple[Gathered, list[Path]]:
    """Read the sheets and write impact.csv, impact.pdf and impact.html into ``out_dir``."""
    found = gather(paths, briefing_versions(briefings) if briefings else None)
    if not found.sheets:
        raise UserError(found.problems or [Problem(", ".join(map(str, paths)), 0, 0, "no filled-in record sheets "
                                                   "were found")])
    found.sheets.sort(key=lambda sheet: (sheet.briefing_title.casefold(), sheet.date, sheet.team.casefold()))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for sheet in found.sheets:
        writer.writerow(sheet.row())
    from generator.sheets.impact import impact_html, impact_pdf
    from generator.sheets.summary import summarise

    summary = summarise(found.sheets)
    outputs = [out_dir / "impact.csv", out_dir / "impact.pdf", out_dir / "impact.html"]
    pdf, named = impact_pdf(summary, theme)
    if named:
        found.problems.append(Problem(display_path(outputs[1]), 0, 0, "characters no font here can draw are "
                                      f"named in brackets in the PDF: {', '.join(named)}",
                                      "impact.csv and impact.html show them as written", severity=NOTE))
    write_atomic(outputs[0], buffer.getvalue().encode("utf-8"))
    write_atomic(outputs[1], pdf)
    write_atomic(outputs[2], impact_html(summary, theme).encode("utf-8"))
    from generator.render.html import write_web_assets

    write_web_assets(theme, out_dir)  # the stylesheet, fonts and logo the page shares with the others
    return found, outputs


def run(files: list[Path], out_dir: Path | None, theme_path: Path | None, briefings: list[Path]) -> Said:
    """``briefing impact``: what came back, read into the log and the summary, with the theme and
    output folder of the publication (and its briefings, to name sheets of another version)."""
    from generator.commands.said import count, theme_line
    from generator.publication.model import Request, make
    from generator.read.theme import load_theme

    publication = make(Request(tuple(briefings), theme_path, out_dir, pages=False, packs="none", keeps=False,
                               briefings=False))
    said = Said()
    said.err(theme_line(publication.theme))
    found, outputs = write_impact(files, publication.output, load_theme(publication.theme),
                                  [entry.path for entry in publication.entries] or None)
    said.problems(found.problems)
    skipped = [f"{count(found.blank, 'blank sheet')} skipped"] if found.blank else []
    skipped += [f"{found.duplicates} given twice, counted once"] if found.duplicates else []
    said.out(f"read {count(len(found.sheets), 'record sheet')}" + (f" ({'; '.join(skipped)})" if skipped else "")
             + "; wrote " + ", ".join(display_path(path) for path in outputs))
    return said
