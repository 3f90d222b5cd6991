"""Reading time (BR201, BR202), long sentences (BR301) and readability (BR302)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.check.text import plain, sentences, units
from generator.errors import WARNING, Problem

SPEAKING_PACE = 130  # words a minute when a briefing is read aloud to a team
MINUTES = 7
TOO_SHORT = 120  # words: less than this says little
LONG_SENTENCE = 25
HARD_TO_READ = 30  # Flesch reading ease below this is "very difficult"
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class SectionStats:
    heading: str
    words: int
    reading_ease: float | None


@dataclass(frozen=True)
class Stats:
    words: int
    minutes: float
    sections: tuple[SectionStats, ...]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _import_textstat():
    """textstat 0.7.3 imports setuptools' pkg_resources (about 0.2 s, and a deprecation warning)
    only to read its word lists with ``resource_stream``, which the Flesch score never uses. Give
    it a small stand-in for that one function unless pkg_resources is already loaded."""
    import sys

    if "pkg_resources" not in sys.modules:
        import types
        from importlib.resources import files

        stand_in = types.ModuleType("pkg_resources")
        stand_in.resource_stream = lambda package, name: files(package).joinpath(name).open("rb")
        sys.modules["pkg_resources"] = stand_in
        try:
            import textstat
        finally:
            del sys.modules["pkg_resources"]
        return textstat
    import textstat

    return textstat


def stats(briefing, *, readability: bool = True) -> Stats:
    """Word counts and reading time; with ``readability``, each section's Flesch reading ease
    (``build`` leaves it out: the score is ``check``'s business)."""
    if readability:
        textstat = _import_textstat()
    sections = []
    total = word_count(briefing.title)
    for section in briefing.sections:
        body = plain(section.body).text
        words = word_count(section.heading) + word_count(body) + sum(word_count(link.label)
                                                                     for link in section.links)
        prose = " ".join(unit.strip() for _, unit in units(body))
        ease = None
        if readability and word_count(prose) >= 40:
            ease = round(textstat.flesch_reading_ease(prose), 1)
        sections.append(SectionStats(section.heading, words, ease))
        total += words
    return Stats(total, round(total / SPEAKING_PACE, 1), tuple(sections))


def check_briefing(briefing, summary: Stats) -> list[Problem]:
    findings = []
    where = (briefing.source, *briefing.locate(("sections",)))
    if summary.minutes > MINUTES + 0.5:
        findings.append(Problem.finding(*where, WARNING, "BR201",
                                f"{summary.words} words take about {summary.minutes:g} minutes to read aloud; "
                                f"a 7 Minute Briefing should take about {MINUTES}",
                                "cut what a practitioner does not need to act on"))
    elif summary.words < TOO_SHORT:
        findings.append(Problem.finding(*where, WARNING, "BR202",
                                f"only {summary.words} words: a briefing this short may say too little to act on",
                                "add what happened, why it matters and what to do"))
    for index, section in enumerate(briefing.sections):
        key = ("sections", index, "body")
        text = plain(section.body)
        for start, unit in units(text.text):
            for offset, sentence in sentences(unit):
                begin = start + offset
                counted = [m for m in _WORD.finditer(sentence) if not text.italic[begin + m.start()]]
                if len(counted) > LONG_SENTENCE:
                    opening = " ".join(sentence.split()[:8])
                    line, column = briefing.locate(key, section.body, text.raw_offset(begin))
                    findings.append(Problem.finding(briefing.source, line, column, WARNING, "BR301",
                                            f"a sentence of {len(counted)} words (over {LONG_SENTENCE}): "
                                            f"'{opening} ...'", "split it into two or more sentences"))
        ease = summary.sections[index].reading_ease
        if ease is not None and ease < HARD_TO_READ:
            line, column = briefing.locate(key)
            findings.append(Problem.finding(briefing.source, line, column, WARNING, "BR302",
                                    f"section {index + 1} ('{section.heading}') is hard to read "
                                    f"(Flesch reading ease {ease:g}, below {HARD_TO_READ})",
                                    "use shorter sentences and everyday words"))
    return findings
