"""``briefing accessibility``: a report on the PDFs and web pages of a publication, for a board's
auditor and its accessibility statement (:mod:`generator.audit`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.commands.said import Said
from generator.errors import Problem, UserError, display_path
from generator.files import write_atomic

KINDS = {".pdf": "pdf", ".html": "html", ".htm": "html"}
MAX_FILES = 2_000
REPORT = "accessibility.html"
DATA = "accessibility.json"


@dataclass
class Audit:
    report: object  # generator.audit.report.Report
    outputs: list[Path]


def _walk(folder: Path):
    """Every file under ``folder``, never through a link (a link to a private folder elsewhere
    would put its files, and their titles, in the report)."""
    import os

    for current, folders, files in os.walk(folder, followlinks=False):
        here = Path(current)
        folders[:] = sorted(name for name in folders if not (here / name).is_symlink())
        for name in sorted(files):
            if not (here / name).is_symlink():
                yield here / name


def publication_files(paths: list[Path], out_dir: Path) -> dict[Path, str]:
    """The PDFs and web pages named, and those in the folders named (not in hidden folders, such
    as the pack's .cache, and not the report's own files), each once, in order, with the name
    the report gives each: its path within the folder when one folder is named."""
    found: dict[Path, str] = {}
    own = {(out_dir / REPORT).resolve(), (out_dir / DATA).resolve()}
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            candidates = sorted(child for child in _walk(path) if child.suffix.lower() in KINDS
                                and not any(part.startswith(".") for part in child.relative_to(path).parts)
                                and child.resolve().is_relative_to(root))
        elif path.is_file() or path.is_symlink():
            if path.suffix.lower() not in KINDS:
                raise UserError.at(display_path(path), 0, 0, "this is not a PDF or a web page",
                                   "name PDFs (.pdf), web pages (.html) or the folders that hold them")
            candidates = [path]
        else:
            raise UserError.at(display_path(path), 0, 0, "no such file or folder",
                               "name the folder the briefings were built into, such as output")
        alone = len(paths) == 1 and path.is_dir()
        for candidate in candidates:
            if candidate.is_file() and candidate.resolve() not in own:
                found.setdefault(candidate, candidate.relative_to(path).as_posix() if alone
                                 else display_path(candidate))
        if len(found) > MAX_FILES:
            raise UserError.at(display_path(path), 0, 0, f"more than {MAX_FILES:,} files to check",
                               "check one publication at a time")
    return found


def audit(paths: list[Path], out_dir: Path, theme, today: dt.date | None = None) -> Audit:
    """Check every file, and write the report (HTML, with the publication's stylesheet, and JSON)
    into ``out_dir``."""
    from generator.audit.machine import check_pages, check_pdfs
    from generator.audit.report import make_report, report_html, report_json
    from generator.read.messages import messages_for
    from generator.render.html import write_web_assets

    shown = publication_files(paths, out_dir)
    files = list(shown)
    if not files:
        raise UserError([Problem(display_path(paths[0]) if paths else ".", 0, 0, "no PDF or web page was found",
                                 "build the briefings first (briefing build --format pdf,html), then name the folder")])
    results = {path: result for path, result in zip(
        [path for path in files if KINDS[path.suffix.lower()] == "pdf"],
        check_pdfs([path for path in files if KINDS[path.suffix.lower()] == "pdf"], shown), strict=True)}
    pages = [path for path in files if KINDS[path.suffix.lower()] == "html"]
    within = paths[0] if len(paths) == 1 and paths[0].is_dir() else None
    results.update(zip(pages, check_pages(pages, shown, within), strict=True))
    words = messages_for(theme.model.language, theme)
    report = make_report([results[path] for path in files], words, today or dt.date.today())
    outputs = [out_dir / REPORT, out_dir / DATA]
    write_atomic(outputs[1], report_json(report).encode("utf-8"))
    write_atomic(outputs[0], report_html(report, theme, words, DATA).encode("utf-8"))
    write_web_assets(theme, out_dir)
    return Audit(report, outputs)


def run(paths: list[Path], out_dir: Path | None, theme_path: Path | None) -> Said:
    """``briefing accessibility``: the publication's files checked (default: its output folder),
    the report written (default: accessibility/ in the output folder), and the counts."""
    from generator.commands.said import count, theme_line
    from generator.publication.model import Request, make
    from generator.read.theme import load_theme

    publication = make(Request(theme=theme_path, pages=False, packs="none", keeps=False, briefings=False))
    said = Said()
    said.err(theme_line(publication.theme))
    done = audit(paths or [publication.output], out_dir or publication.output / "accessibility",
                 load_theme(publication.theme))
    report = done.report
    kinds = [sum(1 for result in report.files if result.kind == kind) for kind in ("pdf", "html")]
    said.out(f"checked {count(kinds[0], 'PDF')} and {count(kinds[1], 'web page')}: "
             f"{count(report.problems, 'problem')} found by the machine checks in "
             f"{count(report.failed_files, 'file')}; {count(len(report.people), 'check')} for a person")
    for reason in report.statement.not_run:
        said.out(f"not checked here: {reason}")
    said.out("wrote " + " and ".join(display_path(path) for path in done.outputs))
    return said
