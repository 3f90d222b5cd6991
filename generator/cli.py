"""The ``briefing`` command: parses arguments, calls one function, prints the result.

The work lives in the modules named in each command; they are imported when the command runs,
so ``briefing --help`` stays instant. A :class:`~generator.errors.UserError` is printed as
``FILE:LINE:COLUMN: message`` with exit status 1; anything else is a bug and says so.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from generator import __version__
from generator.errors import UserError

BUG_EXIT = 70  # EX_SOFTWARE: the tool, not the input, is at fault


def _print_problems(error: UserError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)


def reports_errors(command):
    """Turn user errors into located messages and bugs into a bug report, never a bare traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UserError as error:
            _print_problems(error)
            sys.exit(1)
        except KeyboardInterrupt:  # Ctrl+C: the work stops, its workers with it; every file is whole
            click.echo("stopped: what was being made is not finished; every file written before is kept whole",
                       err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as error:
            if isinstance(error, OSError) and error.filename is not None:
                # a file the system would not read or write: the user's situation (a full disk, a
                # folder they may not write to, a file removed meanwhile), not a bug in the tool
                from generator.errors import display_path

                click.echo(f"{display_path(Path(str(error.filename)))}: {(error.strerror or str(error)).lower()}",
                           err=True)
                sys.exit(1)
            import traceback

            click.echo("".join(traceback.format_exc()), err=True)
            click.echo(
                f"briefing {__version__} hit an internal error: this is a bug in the tool, not in your "
                "briefing.\nPlease report it with the text above and the file you were working on.",
                err=True,
            )
            sys.exit(BUG_EXIT)

    return wrapper


def _say(said) -> None:
    """Print what a command says, in order, and end with status 1 if it failed."""
    for to_error, text in said.lines:
        click.echo(text, err=to_error)
    if said.failed:
        sys.exit(1)


def _choices(allowed: tuple[str, ...]):
    """An option of some of ``allowed``, comma-separated (``pdf,html``), each once."""

    def parse(context, parameter, value):
        if value is None:
            return None
        found = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
        unknown = [part for part in found if part not in allowed]
        if unknown or not found:
            raise click.BadParameter(f"'{value}': use {', '.join(allowed)}, or several separated by commas")
        return found

    return parse


def _languages(context, parameter, value: str) -> tuple[str, ...]:
    import re

    from generator.read.facts import LANGUAGE_TAG

    languages = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    wrong = [code for code in languages if not re.fullmatch(LANGUAGE_TAG, code)]
    if wrong or len(languages) == 1:
        raise click.BadParameter(f"'{value}': give two or more languages, such as cy,en")
    return languages


def _spec():
    from generator.read import facts

    return facts


PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))  # default: the project's briefings
THEME = click.option("--theme", "theme_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Theme file (default: the project's, else theme.yaml beside the briefings or here, else "
                          "the built-in theme).")
OUTPUT = click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
                      help="Folder for what is made (default: the project's output folder, else output).")
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors: what has any is not written.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Make 7 Minute Briefings: one-page PDFs from YAML, and packs of them. In a project (a folder
    with a briefing.yaml, made by 'briefing init'), 'briefing build' alone builds everything."""


@main.command()
@PATHS
@THEME
@click.option("--rules", "rules", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="An extra language rule file (YAML), added to the shipped rules.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output for people, or JSON for tools.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check dates as if today were this day (YYYY-MM-DD), to plan reviews ahead.")
@reports_errors
def check(paths: tuple[Path, ...], theme_path: Path | None, rules: Path | None, output_format: str,
          strict: bool, today) -> None:
    """Check briefings (files, or folders of *.yaml): validity, fit, plain English, language, dates, links."""
    from generator.commands.check import run
    from generator.publication.model import Request

    _say(run(Request(paths, theme_path, strict=strict, rules=rules, today=today.date() if today else None),
             output_format))


@main.command()
@PATHS
@THEME
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Show the status as it will be on this day (YYYY-MM-DD).")
@reports_errors
def status(paths: tuple[Path, ...], theme_path: Path | None, today) -> None:
    """Table of briefings by review date: what needs reviewing, body size, reading time."""
    from generator.commands.check import status as run
    from generator.publication.model import Request

    _say(run(Request(paths, theme_path, today=today.date() if today else None)))


@main.command()
@click.argument("title")
@click.option("--dir", "folder", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to create the briefing in (default: the project's briefings folder, else briefings).")
@reports_errors
def new(title: str, folder: Path | None) -> None:
    """Start a new briefing called TITLE, with seven sections to fill in."""
    from generator.commands.new import run

    _say(run(title, folder))


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dir", "folder", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the new briefings in (default: the project's briefings folder, else briefings).")
@reports_errors
def import_(files: tuple[Path, ...], folder: Path | None) -> None:
    """Turn Word documents (.docx) and text PDFs of existing briefings into briefing files."""
    from generator.commands.import_documents import run

    _say(run(list(files), folder))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@OUTPUT
@THEME
@click.option("--briefings", "briefings", multiple=True, type=click.Path(path_type=Path),
              help="The briefings (files or folders; default: the project's): sheets made from another version of "
                   "one are named, and online returns are matched to them by title.")
@click.option("--form-questions", is_flag=True,
              help="Print the questions (and the briefing titles to offer) for a Microsoft Forms or Google Forms form "
                   "whose responses this command reads.")
@reports_errors
def impact(files: tuple[Path, ...], out_dir: Path | None, theme_path: Path | None, briefings: tuple[Path, ...],
           form_questions: bool) -> None:
    """Read the returns that came back (filled record sheets, impact.csv, the responses of an online
    form as .xlsx or .csv, or folders of them) into a log and a summary."""
    from generator.commands.impact import run

    _say(run(list(files), out_dir, theme_path, list(briefings), form_questions))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for accessibility.html and .json (default: accessibility in the output folder).")
@THEME
@reports_errors
def accessibility(paths: tuple[Path, ...], out_dir: Path | None, theme_path: Path | None) -> None:
    """Report how accessible a publication's PDFs and web pages are (default: the output folder,
    the project's or output), for an auditor and an accessibility statement."""
    from generator.commands.accessibility import run

    _say(run(list(paths), out_dir, theme_path))


@main.command()
@click.argument("kind", type=click.Choice(["briefing", "theme", "rules", "project"]), default="briefing")
@reports_errors
def schema(kind: str) -> None:
    """Print the JSON Schema of a briefing (default), a theme, a language rule file or a project's
    briefing.yaml, for editors."""
    from generator.commands.schema import schema_text
    from generator.read.validation import BRIEFING, PROJECT, RULES, THEME

    click.echo(schema_text({"briefing": BRIEFING, "theme": THEME, "rules": RULES, "project": PROJECT}[kind]),
               nl=False)


@main.command()
@click.argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False))
@reports_errors
def init(folder: Path) -> None:
    """Make a briefing.yaml for the project in FOLDER (default: here), naming its briefings folder
    and theme, so that 'briefing build' alone builds the whole publication."""
    from generator.commands.new import init as run

    _say(run(folder))


@main.command()
@PATHS
@OUTPUT
@THEME
@click.option("--format", "formats", default=None, callback=_choices(_spec().PAGE_FORMATS),
              help="What each briefing becomes: pdf, html, or pdf,html (default: the project's formats, else pdf).")
@click.option("--watch", is_flag=True, help="Keep running and build again whenever an input changes.")
@STRICT
@click.option("--record-sheet", is_flag=True, default=None,
              help="Also write a fillable Record of discussion beside each page, NAME-record.pdf.")
@reports_errors
def build(paths: tuple[Path, ...], out_dir: Path | None, theme_path: Path | None, formats: tuple[str, ...] | None,
          watch: bool, strict: bool, record_sheet: bool | None) -> None:
    """Build each briefing into OUTPUT/<name>.pdf (and/or .html). With nothing named, build the
    whole publication the project's briefing.yaml describes: its pages and packs."""
    from generator.publication.model import Request

    request = Request(paths, theme_path, out_dir, formats, record_sheet or None, strict=strict)
    if watch:
        _watch(request)
        return
    from generator.commands.build import run

    _say(run(request, progress=_progress("building")))


@main.command()
@PATHS
@click.option("-o", "--output", default=None, type=click.Path(path_type=Path, dir_okay=False),
              help="The pack file to write (default: pack.pdf in the output folder).")
@click.option("--title", default=None, help="The pack's title, for the cover (default: 7 Minute Briefings).")
@THEME
@click.option("--sort", type=click.Choice(_spec().SORT_KEYS), default=None,
              help="Order of the briefings (default: as given).")
@click.option("--tag", default=None, help="Keep only briefings with this tag.")
@click.option("--record-sheets", is_flag=True, default=None, help="Add a 'Record of discussion' form after each "
                                                                  "briefing.")
@click.option("--duplex", is_flag=True, default=None, help="Start every briefing on a right-hand page for "
                                                           "double-sided printing.")
@click.option("--format", "formats", default=None, callback=_choices(_spec().PACK_FORMATS),
              help="pdf (the pack), html (an index page and one page per briefing), or pdf,html (default: pdf).")
@click.option("--watch", is_flag=True, help="Keep running; make the pack again when an input changes.")
@STRICT
@click.option("--languages", default=None, callback=lambda c, p, v: v and _languages(c, p, v),
              help="A bilingual pack, such as cy,en: each briefing in every language, the first first.")
@reports_errors
def pack(paths: tuple[Path, ...], output: Path | None, title: str | None, theme_path: Path | None, sort: str | None,
         tag: str | None, record_sheets: bool | None, duplex: bool | None, formats: tuple[str, ...] | None,
         watch: bool, strict: bool, languages: tuple[str, ...] | None) -> None:
    """Combine briefings into one printable pack with cover, contents and bookmarks. With nothing
    named, make the packs the project's briefing.yaml describes."""
    from generator.commands.pack import pack_settings
    from generator.publication.model import Request

    given = {name: value for name, value in (("title", title), ("sort", sort), ("tag", tag),
                                             ("record_sheets", record_sheets), ("duplex", duplex),
                                             ("formats", formats), ("languages", languages)) if value is not None}
    one = bool(paths or output or given)  # else the project's packs
    request = Request(paths, theme_path, pages=False, packs="one" if one else "project",
                      pack=pack_settings(**given) if one else None, pack_file=output, strict=strict)
    if watch:
        _watch(request)
        return
    from generator.commands.pack import run

    _say(run(request, progress=_progress("laying out")))


@main.command()
@PATHS
@OUTPUT
@THEME
@STRICT
@reports_errors
def slides(paths: tuple[Path, ...], out_dir: Path | None, theme_path: Path | None, strict: bool) -> None:
    """A 16:9 slide deck per briefing (OUTPUT/<name>-slides.pdf), for a meeting on a shared screen."""
    from generator.commands.build import run
    from generator.publication.model import Request

    _say(run(Request(paths, theme_path, out_dir, formats=(), record_sheets=False, slides=True, packs="none",
                     strict=strict)))


@main.command()
@PATHS
@OUTPUT
@click.option("--dpi", default=110, show_default=True, type=click.IntRange(30, 600), help="Resolution.")
@THEME
@STRICT
@reports_errors
def preview(paths: tuple[Path, ...], out_dir: Path | None, dpi: int, theme_path: Path | None, strict: bool) -> None:
    """PNG pictures of each briefing (OUTPUT/<name>.png), for emails and intranet pages."""
    from generator.commands.build import run
    from generator.publication.model import Request

    _say(run(Request(paths, theme_path, out_dir, formats=("png",), record_sheets=False, slides=False,
                     packs="none", strict=strict, dpi=dpi)))


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))
@THEME
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for what the editor builds (default: the project's output folder, else output).")
@click.option("--port", default=0, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; just print the address.")
@reports_errors
def edit(folder: Path | None, theme_path: Path | None, out_dir: Path | None, port: int, no_browser: bool) -> None:
    """Write and review the briefings in FOLDER in the browser, with the page and the checks beside the text
    (default: the project's briefings, else the folder briefings)."""
    from generator.editor.serve import run_editor
    from generator.read.project import find_project

    if folder is None and find_project() is None:
        folder = Path("briefings")
    run_editor(folder, theme_path, out_dir, port, not no_browser, click.echo)


def _watch(request) -> None:
    """Build, then build again whenever an input changes, until Ctrl+C."""
    from generator.commands.watch import Watcher, watch

    click.echo("watching for changes; press Ctrl+C to stop", err=True)
    watch(Watcher(request), _print_round)


def _print_round(result) -> None:
    if not result.rebuilt and not result.problems:
        return  # nothing changed (a file saved as it was)
    if result.said.lines:
        for to_error, text in result.said.lines:
            click.echo(text, err=to_error)
    else:
        for problem in result.problems:
            click.echo(problem, err=True)
    if result.problems:
        click.echo("not built because of the problems above; the last good output is kept", err=True)


def _progress(label: str):
    """A progress bar on a terminal for work that takes a moment; nothing when output is piped."""

    def start(total: int):
        if total < 10 or not sys.stderr.isatty():
            return lambda: None
        bar = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.__enter__()
        done = [0]

        def tick() -> None:
            bar.update(1)
            done[0] += 1
            if done[0] == total:
                bar.__exit__(None, None, None)

        return tick

    return start


def run() -> None:
    """The ``briefing`` command. When the command is done, every output written and closed and
    every worker stopped, the process leaves at once: tidying up the interpreter's memory, which
    the system takes back anyway, was a tenth of a short command's time."""
    import os

    try:
        main.main(prog_name="briefing")
        code = 0
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # sys.exit("message")
        click.echo(code, err=True)
        code = 1
    if "multiprocessing" in sys.modules:  # the pool's locks are given back, as a normal exit would
        import multiprocessing.util

        multiprocessing.util._exit_function()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
