"""What a command says: lines for the terminal, in order, each to standard output (what was made)
or standard error (what went wrong, what the review found), and whether the command failed.
Commands return one; :mod:`generator.cli` prints it. Numbers and their nouns agree ("1 note",
"2 notes")."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import Problem, display_path

SAID_IN_FULL = 5  # findings printed whole; more are summed up by kind


@dataclass
class Said:
    lines: list[tuple[bool, str]] = field(default_factory=list)  # (to standard error, text)
    failed: bool = False

    def out(self, text: str) -> None:
        self.lines.append((False, text))

    def err(self, text: str) -> None:
        self.lines.append((True, text))

    def problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.err(str(problem))

    def extend(self, other: Said) -> None:
        self.lines += other.lines
        self.failed = self.failed or other.failed


def count(number: int, word: str, plural: str | None = None) -> str:
    """``1 briefing``, ``2 briefings``, ``0 briefings``."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def theme_line(theme_file) -> str:
    """Which branding the outputs came out in: every command says it, so nobody wonders."""
    return f"theme: {display_path(theme_file.path) if theme_file.path else 'built-in (no theme.yaml found)'}"


KINDS = {"pdf": ("PDF", "PDFs"), "html": ("web page", None), "record": ("record sheet", None),
         "slides": ("slide deck", None), "png": ("picture", None)}


def built(publication, result, said: Said | None = None) -> Said:
    """What every command that builds says: what stopped a briefing, what was made (each briefing
    when there are a few, a line for all when there are many), each pack, what was removed, what
    the review found (each finding when there are a few, a line for each kind when there are
    many), the review's counts in the words ``check`` uses; failed if anything was stopped."""
    from generator.check.gate import counts_line, kinds_lines, summary_lines

    said = said or Said()
    if result.stopped:
        said.problems(result.stopped)
        if publication.formats and publication.entries:
            said.err("no briefing was written because of the theme's problems above")
        for pack in publication.packs:
            said.err(f"{display_path(pack.output)} was not written because of the theme's problems above")
        said.failed = True
        return said
    outcomes = result.outcomes
    mine = [outcome for outcome in outcomes if outcome.source in {entry.path for entry in publication.entries}]
    for outcome in outcomes:
        said.problems(outcome.problems)
    published = [outcome for outcome in mine if outcome.ok]
    fresh = sum(1 for outcome in published if outcome.fresh)
    if publication.formats and len(mine) <= SAID_IN_FULL:
        for outcome in published:
            size = f" (body {outcome.body_size:g} pt)" if outcome.body_size is not None else ""
            names = ", ".join(display_path(path) for path in outcome.outputs)
            said.out(f"built {names}{size}" if outcome.fresh else f"{names}: up to date{size}")
    elif publication.formats:
        made = {kind: len(published) for kind in publication.formats}
        listed = ", ".join(count(made[kind], *KINDS[kind]) for kind in publication.formats if kind in made)
        state = f"{fresh} built, {len(published) - fresh} up to date"
        said.out(f"{count(len(published), 'briefing')} in {display_path(publication.output)}"
                 + (f": {listed} ({state})" if listed else ""))
    if not mine and publication.whole:
        said.out(f"no briefings yet in {display_path(publication.project.briefings)}: start one with "
                 "briefing new \"Your title\"")
    stopped = {str(problem) for outcome in outcomes for problem in outcome.problems}
    for pack in result.packs:
        if pack.plan.entries:
            _pack_lines(pack, said, stopped)
    if result.removed:
        shown = ", ".join(display_path(path) for path in result.removed[:5])
        more = f" and {len(result.removed) - 5} more" if len(result.removed) > 5 else ""
        said.out(f"removed {count(len(result.removed), 'file')} the publication no longer makes: {shown}{more}")
    findings = result.findings
    reviewed = len(outcomes)
    said_in_full = [*result.about_theme, *(finding for outcome in outcomes for finding in outcome.findings)]
    if reviewed <= 1 or len(said_in_full) <= SAID_IN_FULL:
        for finding in said_in_full:
            said.err(str(finding))
        for line in summary_lines(findings):
            said.err(line)
    else:
        for line in kinds_lines([finding for finding in findings if finding not in result.about_theme]):
            said.err(line)
    failed = [outcome for outcome in mine if not outcome.ok]
    said.failed = bool(failed) or any(pack.problems for pack in result.packs)
    if reviewed:
        said.err(counts_line(reviewed, findings))
    if (publication.formats and len(mine) <= SAID_IN_FULL) or failed:
        text = f"{len(published)} built" if fresh == len(published) else \
            f"{fresh} built, {len(published) - fresh} up to date"
        if failed:
            shown = ", ".join(display_path(o.source) for o in failed[:SAID_IN_FULL])
            more = f" and {len(failed) - SAID_IN_FULL} more" if len(failed) > SAID_IN_FULL else ""
            text += f", {len(failed)} failed and not written: {shown}{more}"
        if publication.formats:
            (said.err if failed else said.out)(text)
    return said


def _pack_lines(pack, said: Said, stopped: set[str]) -> None:
    """What a pack did; a briefing's problems that stopped it were said with the briefing."""
    name = display_path(pack.plan.output)
    if pack.problems:
        own = [problem for problem in pack.problems if str(problem) not in stopped]
        said.problems(own)
        kept = "the pack made before is unchanged" if pack.plan.output.is_file() else "nothing was written"
        why = "the problems above" if own else \
            f"{count(len({problem.path for problem in pack.problems}), 'briefing')} in it with the problems above"
        said.err(f"{name} was not written because of {why}; {kept}")
        return
    from_command_line = pack.plan.where[0] in ("briefing pack", "-o")
    if pack.other_versions and from_command_line:  # a pack the settings describe is in one language by design
        said.err(f"left out {count(len(pack.other_versions), 'version')} in another language "
                 f"({', '.join(pack.other_versions)}): for a bilingual pack, give --languages, such as "
                 "--languages cy,en")
    if pack.up_to_date:
        said.out(f"{name} is up to date")
        return
    formats = pack.plan.settings.formats
    if "pdf" in formats:
        cached = len(pack.included) - len(pack.laid_out)
        said.out(f"wrote {name}: {count(len(pack.included), 'briefing')}, {count(pack.pages, 'page')}, "
                 f"{pack.size / 1024:.0f} KB ({len(pack.laid_out)} laid out, {cached} from cache)"
                 + (" and its web pages" if "html" in formats else ""))
    elif pack.plan.index is not None:
        said.out(f"wrote {display_path(pack.plan.index)} and {count(len(pack.included), 'briefing page')}")
