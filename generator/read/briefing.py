"""From a file on disk to a validated :class:`~generator.read.model.Briefing`, or located problems."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, UserError
from generator.read.markup import parse as parse_markup
from generator.read.model import SECTION_COUNT, Briefing, split_language
from generator.read.source import Document, load, parse
from generator.read.validation import BRIEFING, validate

MAX_BODY = 20_000  # characters: the format's limit (generator.read.spec.Section.body), applied before parsing


def load_briefing(path: Path, text: str | None = None) -> Briefing:
    """Read, validate and parse one briefing; raise :class:`UserError` listing every problem.
    With ``text``, that text is taken as the file's (a draft in ``briefing edit``, not yet saved)."""
    doc = load(path) if text is None else parse(text, path)
    problems: list[Problem] = []
    bodies = _parse_bodies(doc, problems)
    try:
        data = validate(doc, BRIEFING)
    except UserError as error:
        raise UserError(error.problems + problems) from None
    if problems:
        raise UserError(problems)
    briefing = Briefing.from_data(data)
    for section, blocks in zip(briefing.sections, bodies, strict=True):
        section.blocks = blocks
    briefing.id = path.stem
    if briefing.language is None:
        briefing.language = split_language(path.stem)[1]
    briefing.source = doc.name
    briefing.document = doc
    return briefing


def _parse_bodies(doc: Document, problems: list[Problem]) -> list[list]:
    """Parse every section body that is text, so markup problems are reported with the others."""
    sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
    if isinstance(sections, list) and len(sections) != SECTION_COUNT:
        hint = "merge two sections" if len(sections) > SECTION_COUNT else "split a section, or add the missing one"
        problems.append(doc.problem(("sections",), f"found {len(sections)} sections; a briefing has exactly "
                                    f"{SECTION_COUNT}", hint, at_key=True))
    parsed = []
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        body = section.get("body") if isinstance(section, dict) else None
        if not isinstance(body, str) or len(body) > MAX_BODY:  # too long: reported by validation, not parsed
            parsed.append([])
            continue
        blocks, found = parse_markup(body)
        parsed.append(blocks)
        span = doc.span(("sections", index, "body"))
        for item in found:
            line, column = span.position(item.line, item.column)
            problems.append(Problem(doc.name, line, column, item.message, item.hint))
    return parsed
