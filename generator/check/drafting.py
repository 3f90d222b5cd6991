"""Word-isms and unfinished work: curly quotes that will print (BR801), bullets typed as "•"
(BR802), the prompts of ``briefing new`` left in place (BR803), text an import could not place,
still waiting in comments (BR804), and two sections with the same heading (BR805)."""

from __future__ import annotations

from generator.errors import WARNING, Problem
from generator.read.markup import typed_bullets

_TEXT_FIELDS = ("title", "subtitle", "summary", "author", "audience")
_CURLY = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


def _template_texts() -> set[str]:
    from generator.read.starter import PROMPTS, SUBTITLE, SUMMARY  # the suggested headings may stay

    return {" ".join(text.split()) for text in (*PROMPTS, SUBTITLE, SUMMARY)}


def check_briefing(briefing) -> list[Problem]:
    findings = []
    source = briefing.source
    values = [((field,), getattr(briefing, field)) for field in _TEXT_FIELDS]
    values += [(("sections", index, "heading"), section.heading) for index, section in enumerate(briefing.sections)]
    for key, value in values:
        if isinstance(value, str) and any(value.startswith(a) and value.endswith(b) for a, b in _CURLY):
            findings.append(Problem.finding(source, *briefing.locate(key), WARNING, "BR801",
                                            f"{key[-1]} is in curly quotes ({value[0]}...{value[-1]}), which will "
                                            "print", "if they were meant as quotes for YAML, use straight ones "
                                            "(\"...\") or none"))
    prompts = _template_texts()
    for key, value in values:
        if isinstance(value, str) and " ".join(value.split()) in prompts:
            findings.append(_unfinished(briefing, key, value))
    for index, section in enumerate(briefing.sections):
        key = ("sections", index, "body")
        for offset in typed_bullets(section.body):
            findings.append(Problem.finding(source, *briefing.locate(key, section.body, offset), WARNING, "BR802",
                                            "a bullet typed as a character is read as a list item",
                                            "write '- ' at the start of the line instead"))
        body = " ".join(section.body.split())
        if any(prompt in body for prompt in prompts if len(prompt) > 30):
            findings.append(_unfinished(briefing, key, section.body))
        for number, link in enumerate(section.links):
            if link.label == "The full report" and link.url.rstrip("/") == "https://www.gov.uk":
                findings.append(_unfinished(briefing, ("sections", index, "links", number, "url"), link.url))
    findings += _left_over(briefing)
    findings += _repeated_headings(briefing)
    return findings


def _repeated_headings(briefing) -> list[Problem]:
    """A heading given to two sections (BR805), said at the second: a copied section not yet
    renamed, or two sections that should be one. Compared as a reader sees them (case and spaces
    aside)."""
    seen: dict[str, int] = {}
    findings = []
    for index, section in enumerate(briefing.sections):
        name = " ".join(section.heading.split()).casefold()
        if name in seen:
            findings.append(Problem.finding(briefing.source, *briefing.locate(("sections", index, "heading")),
                                            WARNING, "BR805", f"section {index + 1} has the same heading as section "
                                            f"{seen[name] + 1}: '{section.heading}'",
                                            "give each section a heading of its own, or merge the two"))
        else:
            seen[name] = index
    return findings


def _left_over(briefing) -> list[Problem]:
    """Text an import could not place, still waiting in comments at the end of the file (BR804)."""
    from generator.read.starter import LEFT_OVER

    lines = briefing.positions.lines if briefing.positions is not None else []
    start = next((number for number, line in enumerate(lines, 1) if line.startswith(LEFT_OVER)), None)
    if start is None:
        return []
    waiting = sum(1 for line in lines[start:] if line.startswith("#   ("))
    if not waiting:
        return []
    return [Problem.finding(briefing.source, start, 1, WARNING, "BR804",
                            f"{waiting} piece{'s' if waiting != 1 else ''} of text from the imported document "
                            f"{'are' if waiting != 1 else 'is'} still waiting here, as comments",
                            "move what belongs in the briefing into its sections, then delete these comments")]


def _unfinished(briefing, key: tuple, value: str) -> Problem:
    shown = " ".join(value.split())[:50]
    return Problem.finding(briefing.source, *briefing.locate(key), WARNING, "BR803",
                           f"this is still the prompt of a new briefing: '{shown}'",
                           "replace it with the briefing's own text before publishing")
