"""``briefing build`` with nothing named: the whole publication a project's ``briefing.yaml``
describes (:mod:`generator.read.project`), through the same review, gate and renderers as every
command: each briefing in every format the settings ask for (built again only where something
changed), then each pack (made from its cache where nothing changed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.commands.build import BuildOptions, Outcome, build_all
from generator.commands.pack import PackOptions, PackReport, make_pack
from generator.errors import Problem, UserError
from generator.files import briefing_files
from generator.read.project import Pack, ProjectFile


@dataclass
class PackOutcome:
    pack: Pack
    report: PackReport | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Publication:
    about_theme: list[Problem]
    outcomes: list[Outcome]
    packs: list[PackOutcome]

    @property
    def failed(self) -> bool:
        return any(not outcome.ok for outcome in self.outcomes) or any(pack.problems for pack in self.packs)


def build_publication(project: ProjectFile, theme, *, progress=lambda total: lambda: None) -> Publication:
    """Build everything ``project`` names, with ``theme`` (loaded from ``project.theme``);
    ``progress(total)`` gives what to call after each briefing."""
    from generator.cache import theme_fingerprint

    settings = project.settings
    formats = (*settings.formats, *(("slides",) if settings.slides else ()))
    options = BuildOptions(formats, record_sheet=settings.record_sheets, theme_key=theme_fingerprint(theme.file).hex())
    files = briefing_files([project.briefings])
    about_theme, outcomes = build_all(files, theme, project.output, options, progress(len(files)))
    packs = []
    for pack in project.packs:
        chosen = pack.settings
        try:
            report = make_pack(pack.briefings, pack.output, project.theme,
                               PackOptions(chosen.title, chosen.sort, chosen.tag, chosen.record_sheets,
                                           chosen.duplex, tuple(chosen.formats), False, tuple(chosen.languages)))
            packs.append(PackOutcome(pack, report))
        except UserError as error:
            packs.append(PackOutcome(pack, problems=error.problems))
    return Publication(about_theme, outcomes, packs)
