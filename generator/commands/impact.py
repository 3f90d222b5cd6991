"""``briefing impact``: the record sheets that came back (:mod:`generator.sheets.returned`), as a
log (``impact.csv``) and a summary for the annual report (:mod:`generator.sheets.impact`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.errors import Problem, UserError
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
    from generator.sheets.impact import impact_html, impact_pdf, summarise

    summary = summarise(found.sheets)
    outputs = [out_dir / "impact.csv", out_dir / "impact.pdf", out_dir / "impact.html"]
    write_atomic(outputs[0], buffer.getvalue().encode("utf-8"))
    write_atomic(outputs[1], impact_pdf(summary, theme))
    write_atomic(outputs[2], impact_html(summary, theme).encode("utf-8"))
    from generator.render.html import write_web_assets

    write_web_assets(theme, out_dir)  # the stylesheet, fonts and logo the page shares with the others
    return found, outputs
