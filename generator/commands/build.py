"""``briefing build`` (and ``slides`` and ``preview``, which are builds of one kind of output):
the publication the command line asks for (:mod:`generator.publication.model`), built by the one
build (:mod:`generator.publication.run`), and what it says (:mod:`generator.commands.said`)."""

from __future__ import annotations

from generator.commands.said import Said, built, theme_line
from generator.publication.model import Request, make
from generator.publication.run import build as build_publication


def run(request: Request, *, progress=None) -> Said:
    """Build what ``request`` asks for; what to say."""
    from generator.pool import prepare

    publication = make(request)
    said = Said()
    said.err(theme_line(publication.theme))
    prepare(len(publication.entries))  # a fork server (where workers are not forked) starts now
    result = build_publication(publication, progress=progress)
    return built(publication, result, said)
