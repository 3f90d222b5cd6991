"""``briefing impact``: the returns that came back, on paper and online
(:mod:`generator.sheets.returned`, :mod:`generator.sheets.forms`), as a log (``impact.csv``) and a
summary for the annual report (:mod:`generator.sheets.impact`); with ``--form-questions``, the
questions to put in an online form whose export it reads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.commands.said import Said
from generator.errors import NOTE, Problem, UserError, display_path
from generator.files import write_atomic
from generator.sheets.returned import COLUMNS, Gathered, Known, gather


def write_impact(paths: list[Path], out_dir: Path, theme, known: list[Known] | None = None
                 ) -> tuple[Gathered, list[Path]]:
    """Read the returns and write impact.csv, impact.pdf and impact.html into ``out_dir``."""
    language = theme.model.language
    found = gather(paths, known, language)
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

    summary = summarise(found.sheets, language, found.twice)
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


def run(files: list[Path], out_dir: Path | None, theme_path: Path | None, briefings: list[Path],
        form_questions: bool = False) -> Said:
    """``briefing impact``: what came back, read into the log and the summary, with the theme and
    output folder of the publication (and its briefings, to name sheets of another version and to
    match online returns by title); with ``form_questions``, the questions for an online form."""
    from generator.commands.said import count, theme_line
    from generator.publication.model import Request, make
    from generator.read.theme import load_theme
    from generator.sheets.returned import known_briefings

    publication = make(Request(tuple(briefings), theme_path, out_dir, pages=False, packs="none", keeps=False,
                               briefings=False))
    said = Said()
    said.err(theme_line(publication.theme))
    theme = load_theme(publication.theme)
    known = known_briefings(publication.entries) if publication.entries else None
    if form_questions:
        return _questions(said, theme, known or [])
    if not files:
        raise UserError([Problem("briefing impact", 0, 0, "give the returns to read: filled-in record sheets (PDF), "
                                 "an impact.csv, or the responses exported from the online form (.xlsx or .csv)",
                                 "for the questions to put in an online form: briefing impact --form-questions")])
    found, outputs = write_impact(files, publication.output, theme, known)
    said.problems(found.problems)
    for item in found.twice:
        said.err(f"note: {item.other}: the same session as {item.kept.source.split('; ')[0]} ('{item.kept.team}', "
                 f"'{item.kept.briefing_title}', {item.kept.date}): counted once, what both say kept")
    online = sum(sheet.online for sheet in found.sheets)
    skipped = [f"{count(found.blank, 'blank sheet' if not online else 'blank return')} skipped"] if found.blank else []
    skipped += [f"{found.duplicates} given twice, counted once"] if found.duplicates else []
    skipped += [f"{count(len(found.twice), 'session')} returned twice, counted once"] if found.twice else []
    what = count(len(found.sheets), "record sheet") if not online else (
        f"{count(len(found.sheets), 'return')}: {count(len(found.sheets) - online, 'record sheet')} "
        f"and {online} online")
    said.out(f"read {what}" + (f" ({'; '.join(skipped)})" if skipped else "")
             + "; wrote " + ", ".join(display_path(path) for path in outputs))
    return said


def _questions(said: Said, theme, known: list[Known]) -> Said:
    """The online form's questions, one a line, word for word as its export heads its columns,
    then the briefing titles to offer as the first question's choices."""
    from generator.read.messages import messages_for
    from generator.sheets.forms import choices, questions

    m = messages_for(theme.model.language, theme)
    asked = questions(m)
    for _, words in asked:
        said.out(words)
    titles = choices(known, m.language)
    if titles:
        said.out("")
        said.out(m("form_choices", question=asked[0][1]))
        for title in titles:
            said.out(f"  {title}")
    else:
        said.err("note: no briefings here to offer as choices: run this in the project's folder, or name them "
                 "with --briefings")
    said.err("Ask these questions in Microsoft Forms or Google Forms, worded exactly so (the date as a date, the "
             "number of people as a number, the briefing as a choice); then give the responses you download (.xlsx "
             "or .csv) to briefing impact, with the record sheets that came back on paper.")
    return said
