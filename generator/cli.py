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
SAID_IN_FULL = 5  # warnings and notes printed whole; more are summed up by kind


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
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
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


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in ("pdf", "html")]
    if unknown or not formats:
        raise click.BadParameter(f"'{value}': use pdf, html or pdf,html")
    return formats


def _languages(value: str) -> tuple[str, ...]:
    import re

    languages = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    wrong = [code for code in languages if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", code)]
    if wrong or len(languages) == 1:
        raise click.BadParameter(f"'{value}': give two or more languages, such as cy,en")
    return languages


PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))  # default: the project's briefings
THEME = click.option("--theme", "theme_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Theme file (default: theme.yaml in the current folder, else the built-in theme).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Make 7 Minute Briefings: one-page PDFs from YAML, and packs of them. In a project (a folder
    with a briefing.yaml, made by 'briefing init'), 'briefing build' alone builds everything."""
    _project.cache_clear()  # read afresh for each command (the tests run several in one process)


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
    from generator.commands.check import as_json, check_files, human
    from generator.files import briefing_files

    paths = _paths(paths)
    found = _theme(theme_path, paths, say=output_format != "json")
    report = check_files(briefing_files(list(paths)), found, rules, today.date() if today else None)
    failed = report.failed(strict)
    if output_format == "json":
        click.echo(as_json(report))
    else:
        click.echo(human(report), err=failed)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@THEME
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Show the status as it will be on this day (YYYY-MM-DD).")
@reports_errors
def status(paths: tuple[Path, ...], theme_path: Path | None, today) -> None:
    """Table of briefings by review date: what needs reviewing, body size, reading time."""
    from generator.commands.check import status_rows, status_table
    from generator.files import briefing_files
    from generator.read.theme import load_theme

    files = briefing_files(list(paths) or (_paths(()) if _project() else [Path("briefings")]))
    theme = load_theme(_theme(theme_path, paths or (Path("briefings"),)))
    click.echo(status_table(status_rows(files, theme, today.date() if today else None)))


@main.command()
@click.argument("title")
@click.option("--dir", "folder", default="briefings", show_default=True, type=click.Path(path_type=Path,
              file_okay=False), help="Folder to create the briefing in.")
@reports_errors
def new(title: str, folder: Path) -> None:
    """Start a new briefing called TITLE, with seven sections to fill in."""
    from generator.commands.new import create_briefing
    from generator.errors import display_path, shell_path

    path = create_briefing(title, folder)
    click.echo(f"created {display_path(path)}")
    click.echo("next: fill in the seven sections, then run")
    click.echo(f"  briefing check {shell_path(path)}")
    click.echo(f"  briefing build {shell_path(path)}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dir", "folder", default="briefings", show_default=True, type=click.Path(path_type=Path,
              file_okay=False), help="Folder to write the new briefings in.")
@reports_errors
def import_(files: tuple[Path, ...], folder: Path) -> None:
    """Turn Word documents (.docx) and text PDFs of existing briefings into briefing files."""
    from generator.commands.import_documents import import_document
    from generator.errors import display_path

    outcomes = [import_document(path, folder) for path in files]
    for outcome in outcomes:
        if outcome.output is not None:
            placed = (f"; {outcome.left_over} piece{'s' if outcome.left_over != 1 else ''} of text not placed, "
                      "kept as comments at the end of the file" if outcome.left_over else "")
            click.echo(f"wrote {display_path(outcome.output)} from {display_path(outcome.source)}: "
                       f"{outcome.sections} sections{placed}")
            for note in outcome.notes:
                click.echo(f"  {note}")
        if outcome.problems:
            _print_problems(UserError(outcome.problems))
    failed = [o for o in outcomes if not o.ok]
    if failed:
        click.echo(f"{len(failed)} of {len(outcomes)} need attention: fix what is listed above, then run "
                   "'briefing check' on the new files", err=True)
        sys.exit(1)
    click.echo("next: read each new file, then run 'briefing check' and 'briefing build' on it")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for impact.csv, .pdf and .html (default: the project's output folder, else output).")
@THEME
@click.option("--briefings", "briefings", multiple=True, type=click.Path(path_type=Path),
              help="The briefings (files or folders): sheets made from another version of one are named.")
@reports_errors
def impact(files: tuple[Path, ...], out_dir: Path, theme_path: Path | None, briefings: tuple[Path, ...]) -> None:
    """Read the record sheets that came back (PDFs, folders, impact.csv) into a log and a summary."""
    from generator.commands.impact import write_impact
    from generator.errors import display_path
    from generator.read.theme import load_theme

    theme = load_theme(_theme(theme_path, briefings))
    found, outputs = write_impact(list(files), _out(out_dir), theme, list(briefings) or None)
    if found.problems:
        _print_problems(UserError(found.problems))
    skipped = [f"{found.blank} blank sheet{'s' if found.blank != 1 else ''} skipped"] if found.blank else []
    skipped += [f"{found.duplicates} given twice, counted once"] if found.duplicates else []
    click.echo(f"read {len(found.sheets)} record sheet{'s' if len(found.sheets) != 1 else ''}"
               + (f" ({'; '.join(skipped)})" if skipped else "") + "; wrote "
               + ", ".join(display_path(path) for path in outputs))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for accessibility.html and .json (default: accessibility in the output folder).")
@THEME
@reports_errors
def accessibility(paths: tuple[Path, ...], out_dir: Path, theme_path: Path | None) -> None:
    """Report how accessible a publication's PDFs and web pages are (default: the output folder,
    the project's or output), for an auditor and an accessibility statement."""
    from generator.commands.accessibility import audit
    from generator.errors import display_path
    from generator.read.theme import load_theme

    theme = load_theme(_theme(theme_path, ()))
    done = audit(list(paths) or [_out(None)], out_dir or _out(None) / "accessibility", theme)
    report = done.report
    kinds = [sum(1 for result in report.files if result.kind == kind) for kind in ("pdf", "html")]
    click.echo(f"checked {_count(kinds[0], 'PDF')} and {_count(kinds[1], 'web page')}: "
               f"{_count(report.problems, 'problem')} found by the machine checks in "
               f"{_count(report.failed_files, 'file')}; {_count(len(report.people), 'check')} for a person")
    for reason in report.statement.not_run:
        click.echo(f"not checked here: {reason}")
    click.echo("wrote " + " and ".join(display_path(path) for path in done.outputs))


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


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
    from generator.errors import display_path
    from generator.files import write_atomic
    from generator.read.project import SETTINGS, starter_settings

    target = folder / SETTINGS
    if target.exists():
        raise UserError.at(display_path(target), 0, 0, "this project has a briefing.yaml already; it is left as it "
                           "is", "edit it, or delete it first to start again")
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(target, starter_settings(folder).encode("utf-8"))
    click.echo(f"created {display_path(target)}")
    click.echo("next: read it (every setting is explained in docs/project.md), then run 'briefing build'")


@main.command()
@PATHS
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for what is built (default: the project's output folder, else output).")
@THEME
@click.option("--format", "formats", default=None, callback=lambda c, p, v: v and _formats(v),
              help="What to write: pdf, html, or pdf,html (default: the project's formats, else pdf).")
@click.option("--watch", is_flag=True, help="Keep running and rebuild whenever a briefing or the theme changes.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: a briefing with any is not written.")
@click.option("--record-sheet", is_flag=True, help="Also write a fillable Record of discussion, NAME-record.pdf.")
@reports_errors
def build(paths: tuple[Path, ...], out_dir: Path | None, theme_path: Path | None, formats: tuple[str, ...] | None,
          watch: bool, strict: bool, record_sheet: bool) -> None:
    """Build each briefing into OUTPUT/<name>.pdf (and/or .html). With nothing named, build the
    whole publication the project's briefing.yaml describes: its pages and packs."""
    from generator.files import briefing_files
    from generator.pool import prepare

    project = _project()
    if not paths and project is not None and not watch and formats is None and not record_sheet and out_dir is None:
        _build_publication(project, theme_path, strict)
        return
    paths = tuple(_paths(paths))
    out_dir = _out(out_dir)
    if formats is None:
        formats = project.formats if project is not None else ("pdf",)
    record_sheet = record_sheet or bool(project and project.settings.record_sheets)
    files = [] if watch else briefing_files(list(paths))
    prepare(len(files))  # the workers' fork server starts while this process reads the theme
    from generator.commands.build import BuildOptions, build_all
    from generator.errors import display_path
    from generator.read.theme import load_theme

    options = BuildOptions(formats, strict, record_sheet)
    if watch:
        from generator.commands.watch import BuildWatcher, watch_roots
        from generator.commands.watch import watch as watch_loop

        found = _theme(theme_path, paths)
        watcher = BuildWatcher(list(paths), out_dir, found, options)
        click.echo("watching for changes; press Ctrl+C to stop", err=True)
        watch_loop(watcher.run_once, watch_roots(list(paths), found), out_dir, _print_round)
        return
    theme = load_theme(_theme(theme_path, paths))
    about_theme, outcomes = build_all(files, theme, out_dir, options, tick=_progress("building")(len(files)))
    _published(about_theme, outcomes, lambda o: f"built {', '.join(display_path(p) for p in o.outputs)} "
                                                f"(body {o.body_size:g} pt)", "built")


def _build_publication(project, theme_path: Path | None, strict: bool) -> None:
    """``briefing build`` alone: everything the project names, said in a screenful."""
    from generator.check.gate import counts_line, kinds_lines
    from generator.commands.publication import build_publication
    from generator.errors import display_path
    from generator.read.theme import load_theme

    if strict:
        raise UserError.at(display_path(project.path), 0, 0, "--strict is for briefings named on the command line",
                           "run 'briefing check --strict' to see every warning, or name the briefings to build")
    theme = load_theme(_theme(theme_path, (project.briefings,)))
    done = build_publication(project, theme, progress=_progress("building"))
    for outcome in done.outcomes:
        if not outcome.ok:
            _print_problems(UserError(outcome.problems))
    built = [outcome for outcome in done.outcomes if outcome.ok]
    kinds = {"pdf": "PDF", "html": "web page", "slides": "slide deck", "record": "record sheet"}
    made: dict[str, int] = {}
    for outcome in built:
        for output in outcome.outputs:
            kind = "record" if output.stem.endswith("-record") else "slides" if output.stem.endswith("-slides") \
                else output.suffix.lstrip(".")
            made[kind] = made.get(kind, 0) + 1
    fresh = sum(1 for outcome in built if outcome.fresh)
    listed = ", ".join(_count(made[kind], name) for kind, name in kinds.items() if kind in made)
    click.echo(f"{_count(len(built), 'briefing')} in {display_path(project.output)}: {listed} "
               f"({fresh} built, {len(built) - fresh} up to date)")
    for pack in done.packs:
        if pack.problems:
            _print_problems(UserError(pack.problems))
            click.echo(f"{display_path(pack.pack.output)} was not written because of the problems above", err=True)
        elif pack.report.up_to_date:
            click.echo(f"{display_path(pack.pack.output)} is up to date")
        else:
            click.echo(f"wrote {display_path(pack.pack.output)}: {_count(len(pack.report.included), 'briefing')}, "
                       f"{_count(pack.report.pages, 'page')}" + (" and its web pages" if pack.report.index else ""))
    findings = [*done.about_theme, *(finding for outcome in done.outcomes for finding in outcome.found)]
    for line in kinds_lines([finding for finding in findings if finding not in done.about_theme]):
        click.echo(line, err=True)
    click.echo(counts_line(len(done.outcomes), findings), err=True)
    if done.failed:
        sys.exit(1)


def _published(about_theme: list, outcomes: list, describe, done: str) -> None:
    """What every command that publishes briefings says: each output written, what stopped a
    briefing, one line per kind of warning, the review's counts in the words ``check`` uses, and
    how many were done; exit status 1 if any briefing was stopped."""
    from generator.check.gate import counts_line, summary_lines
    from generator.errors import display_path

    for outcome in outcomes:
        if outcome.ok:
            click.echo(describe(outcome))
        else:
            _print_problems(UserError(outcome.problems))
    found = [*about_theme, *(finding for outcome in outcomes for finding in outcome.found)]
    said = [*about_theme, *(finding for outcome in outcomes for finding in outcome.findings)]
    if len(outcomes) == 1 or len(said) <= SAID_IN_FULL:  # one briefing's, or a few, whole; many summed up
        for finding in said:
            click.echo(str(finding), err=True)
    for line in summary_lines(found):
        click.echo(line, err=True)
    failed = [o for o in outcomes if not o.ok]
    click.echo(counts_line(len(outcomes), found), err=bool(failed))
    text = f"{len(outcomes) - len(failed)} {done}"
    if failed:
        text += f", {len(failed)} failed and not written: " + ", ".join(display_path(o.source) for o in failed)
    click.echo(text, err=bool(failed))
    if failed:
        sys.exit(1)


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


@main.command()
@PATHS
@click.option("-o", "--output", default=None, type=click.Path(path_type=Path, dir_okay=False),
              help="The pack file to write (default: pack.pdf in the output folder).")
@click.option("--title", default="7 Minute Briefings", show_default=True, help="The pack's title, for the cover.")
@THEME
@click.option("--sort", type=click.Choice(["published", "title", "review"]), default=None,
              help="Order of the briefings (default: as given).")
@click.option("--tag", default=None, help="Keep only briefings with this tag.")
@click.option("--record-sheets", is_flag=True, help="Add a 'Record of discussion' form after each briefing.")
@click.option("--duplex", is_flag=True, help="Start every briefing on a right-hand page for double-sided printing.")
@click.option("--format", "formats", default="pdf", show_default=True, callback=lambda c, p, v: _formats(v),
              help="pdf (the pack), html (an index page and one page per briefing), or pdf,html.")
@click.option("--watch", is_flag=True, help="Keep running; rebuild the pack when a briefing or the theme changes.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: with any, the pack is not written.")
@click.option("--languages", default="", callback=lambda c, p, v: _languages(v),
              help="A bilingual pack, such as cy,en: each briefing in every language, the first first.")
@reports_errors
def pack(paths: tuple[Path, ...], output: Path, title: str, theme_path: Path | None, sort: str | None,
         tag: str | None, record_sheets: bool, duplex: bool, formats: tuple[str, ...], watch: bool,
         strict: bool, languages: tuple[str, ...]) -> None:
    """Combine briefings into one printable pack with cover, contents and bookmarks. With nothing
    named, make the packs the project's briefing.yaml describes."""
    from generator.commands.pack import PackOptions

    project = _project()
    if not paths and output is None and project is not None and project.packs and not watch:
        for chosen in project.packs:
            settings = chosen.settings
            _one_pack(chosen.briefings, chosen.output, _theme(theme_path, chosen.briefings),
                      PackOptions(settings.title, settings.sort, settings.tag, settings.record_sheets,
                                  settings.duplex, tuple(settings.formats), strict, tuple(settings.languages)))
        return
    paths = tuple(_paths(paths))
    output = output or _out(None) / "pack.pdf"
    options = PackOptions(title, sort, tag, record_sheets, duplex, formats, strict, languages)
    if watch:
        from generator.commands.watch import pack_round, watch_roots
        from generator.commands.watch import watch as watch_loop

        found = _theme(theme_path, paths)
        click.echo("watching for changes; press Ctrl+C to stop", err=True)
        watch_loop(lambda: pack_round(list(paths), output, found, options), watch_roots(list(paths), found),
                   output.parent, _print_round)
        return
    _one_pack(list(paths), output, _theme(theme_path, paths), options)


def _one_pack(paths: list[Path], output: Path, theme_path: Path | None, options) -> None:
    """Make a pack and say how it went."""
    from generator.commands.pack import make_pack
    from generator.errors import display_path

    formats = options.formats
    try:
        report = make_pack(paths, output, theme_path, options, progress=_progress("laying out"))
    except UserError as error:
        _print_problems(error)
        kept = "the pack made before is unchanged" if output.is_file() else "nothing was written"
        click.echo(f"{display_path(output)} was not written because of the problems above; {kept}", err=True)
        sys.exit(1)
    from generator.check.gate import counts_line

    if report.warnings:
        click.echo(report.warnings, err=True)
    if not report.up_to_date:
        click.echo(counts_line(len(report.included), report.findings), err=True)
    if report.other_versions:
        click.echo(f"left out {len(report.other_versions)} version{'s' if len(report.other_versions) != 1 else ''} "
                   f"in another language ({', '.join(report.other_versions)}): for a bilingual pack, "
                   "give --languages, such as --languages cy,en", err=True)
    if report.up_to_date:
        click.echo(f"{display_path(output)} is up to date")
        return
    if report.index is not None:
        click.echo(f"wrote {display_path(report.index)} and {len(report.included)} briefing pages")
    if "pdf" not in formats:
        return
    click.echo(f"wrote {display_path(output)}: {len(report.included)} briefings, {report.pages} pages, "
               f"{report.size / 1024:.0f} KB ({len(report.laid_out)} laid out, {len(report.reused)} from cache)")


@main.command()
@PATHS
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the decks (default: the project's output folder, else output).")
@THEME
@click.option("--strict", is_flag=True, help="Treat warnings as errors: a briefing with any gets no deck.")
@reports_errors
def slides(paths: tuple[Path, ...], out_dir: Path, theme_path: Path | None, strict: bool) -> None:
    """A 16:9 slide deck per briefing (OUTPUT/<name>-slides.pdf), for a meeting on a shared screen."""
    from generator.commands.build import BuildOptions, build_all
    from generator.errors import display_path
    from generator.files import briefing_files
    from generator.read.theme import load_theme

    paths = _paths(paths)
    theme = load_theme(_theme(theme_path, paths))
    about_theme, outcomes = build_all(briefing_files(paths), theme, _out(out_dir),
                                      BuildOptions(("slides",), strict=strict))
    _published(about_theme, outcomes, lambda o: f"wrote {display_path(o.output)}", "made")


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))
@THEME
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the pack the editor builds (default: the project's output folder, else output).")
@click.option("--port", default=0, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; just print the address.")
@reports_errors
def edit(folder: Path | None, theme_path: Path | None, out_dir: Path, port: int, no_browser: bool) -> None:
    """Write and review the briefings in FOLDER in the browser, with the page and the checks beside the text
    (default: the project's briefings, else the folder briefings)."""
    from generator.editor.serve import run_editor

    project = _project()
    folder = folder or (project.briefings if project is not None else Path("briefings"))
    run_editor(folder, _theme(theme_path, (folder,)), _out(out_dir), port, not no_browser, click.echo)


@main.command()
@PATHS
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the pictures (default: the project's output folder, else output).")
@click.option("--dpi", default=110, show_default=True, type=click.IntRange(30, 600), help="Resolution.")
@THEME
@click.option("--strict", is_flag=True, help="Treat warnings as errors: a briefing with any is not drawn.")
@reports_errors
def preview(paths: tuple[Path, ...], out_dir: Path, dpi: int, theme_path: Path | None, strict: bool) -> None:
    """PNG pictures of each briefing (OUTPUT/<name>.png), for emails and intranet pages."""
    from generator.commands.build import BuildOptions
    from generator.commands.preview import preview_all
    from generator.errors import display_path
    from generator.files import briefing_files
    from generator.read.theme import load_theme

    paths = _paths(paths)
    theme = load_theme(_theme(theme_path, paths))
    about_theme, outcomes = preview_all(briefing_files(paths), theme, _out(out_dir), dpi, BuildOptions(strict=strict))
    _published(about_theme, outcomes, lambda o: "wrote " + ", ".join(display_path(p) for p in o.outputs), "drawn")


@functools.cache
def _project():
    """The project's settings (``briefing.yaml`` here or in a folder above), or None: where a
    command takes its defaults from (:mod:`generator.read.project`)."""
    from generator.read.project import find_project, read_project

    found = find_project()
    return read_project(found) if found is not None else None


def _paths(paths) -> list[Path]:
    """The briefings a command works on: those named, else the project's."""
    if paths:
        return list(paths)
    project = _project()
    if project is None:
        raise UserError.at(".", 0, 0, "no briefings are named, and there is no briefing.yaml here or in a folder "
                           "above to name them", "name the briefing files or folders, or run 'briefing init' to make "
                           "a briefing.yaml for this project")
    return [project.briefings]


def _out(out_dir: Path | None) -> Path:
    """Where a command writes: the folder given, else the project's, else ``output``."""
    if out_dir is not None:
        return out_dir
    project = _project()
    return project.output if project is not None else Path("output")


def _theme(theme_path: Path | None, paths, *, say: bool = True) -> Path | None:
    """The theme for a command (see :func:`generator.read.theme.find_theme`), said on stderr so that
    nobody wonders which branding a PDF came out in (not with JSON output, which is for tools)."""
    from generator.errors import display_path
    from generator.read.theme import find_theme

    project = _project() if theme_path is None else None
    if project is not None and project.theme is not None:
        theme_path = project.theme  # the project's, unless one is given
    found = find_theme(theme_path, list(paths))
    if say:
        click.echo(f"theme: {display_path(found) if found else 'built-in (no theme.yaml found)'}", err=True)
    return found


def _print_round(result) -> None:
    for message in result.messages:
        click.echo(message)
    for problem in result.problems:
        click.echo(problem, err=True)
    if result.problems:
        click.echo("not rebuilt because of the problems above; the last good output is kept", err=True)


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
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
