"""``briefing pack``: many briefings in one printable, navigable PDF (and its web pages), built by
the one build of the publication (:mod:`generator.publication.run`): with nothing named, the
packs the project's ``briefing.yaml`` describes; otherwise the one pack the command line
describes. A briefing with an error stops its pack, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.said import Said, built, theme_line
from generator.errors import Problem, UserError
from generator.publication.model import PACK_DEFAULT, Request, make
from generator.publication.run import build
from generator.read.spec import PackSettings


def pack_settings(**values) -> PackSettings:
    """A pack's settings as the command line gives them (the settings file's keys, with defaults)."""
    values = {key: list(value) if isinstance(value, tuple) else value for key, value in values.items()}
    return PackSettings(**{"file": PACK_DEFAULT, **values})


def run(request: Request, *, progress=None) -> Said:
    """Make the packs ``request`` asks for; what to say."""
    publication = make(request)
    said = Said()
    said.err(theme_line(publication.theme))
    return built(publication, build(publication, progress=progress), said)


@dataclass
class PackReport:
    """What making one pack did (for scripts and tests)."""

    output: Path
    laid_out: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    included: list[str] = field(default_factory=list)
    up_to_date: bool = False
    pages: int = 0
    size: int = 0
    index: Path | None = None
    findings: list[Problem] = field(default_factory=list)
    other_versions: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> str:
        """The warnings, summed up by kind, as the command says them."""
        from generator.check.gate import summary_lines

        return "\n".join(summary_lines(self.findings))


def make_pack(paths: list[Path], output: Path, theme_path: Path | None, settings: PackSettings | None = None,
              *, strict: bool = False) -> PackReport:
    """One pack of the briefings at ``paths``, at ``output``, made as ``briefing pack`` makes it;
    raises :class:`UserError` with what stopped it."""
    request = Request(tuple(paths), theme_path, pages=False, packs="one", pack=settings or pack_settings(),
                      pack_file=output, strict=strict, settings=False)
    publication = make(request)
    result = build(publication)
    if result.stopped:
        raise UserError(result.stopped)
    [pack] = result.packs
    if pack.problems:
        raise UserError(pack.problems)
    return PackReport(output, pack.laid_out, [name for name in pack.included if name not in pack.laid_out],
                      pack.included, pack.up_to_date, pack.pages, pack.size, pack.plan.index, result.findings,
                      pack.other_versions)
