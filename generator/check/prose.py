"""Reading time (BR201, BR202), long sentences (BR301) and readability (BR302)."""

from __future__ import annotations

import math
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


def _rounded(number: float, places: int) -> float:
    """Rounded half up, as the published Flesch scores are."""
    scale = 10 ** places
    return math.floor(number * scale + 0.5) / scale


def reading_ease(text: str, syllables) -> float:
    """Flesch reading ease of a text: 206.835 - 1.015 x words per sentence - 84.6 x syllables per
    word (each rounded to one place, as textstat and the published tables do). Words are counted
    without punctuation; a "sentence" of two words or fewer (a heading run into the text) is not
    counted; syllables are a word's hyphenation points plus one, from the same dictionary the page
    is hyphenated with (``syllables(word)``)."""
    bare = re.sub(r"[^\w\s]", "", text)
    words = bare.split()
    if not words:
        return 0.0
    found = re.findall(r"\b[^.!?]+[.!?]*", text, re.UNICODE)
    counted = max(1, len(found) - sum(1 for s in found if len(re.sub(r"[^\w\s]", "", s).split()) <= 2))
    per_sentence = _rounded(len(words) / counted, 1)
    per_word = _rounded(sum(syllables(word) for word in bare.lower().split()) / len(words), 1)
    return _rounded(206.835 - 1.015 * per_sentence - 84.6 * per_word, 2)


def stats(briefing, language: str | None = None) -> Stats:
    """Word counts and reading time; for a briefing in English (``language``), each section's
    Flesch reading ease (a formula made for English: other languages' scores would mislead)."""
    syllables = None
    if language is not None and language.split("-")[0].lower() == "en":
        from generator.layout.hyphenation import patterns

        found = patterns(language)
        syllables = (lambda word: len(found.points(word)) + 1) if found is not None else None
    sections = []
    total = word_count(briefing.title)
    for section in briefing.sections:
        body = plain(section.body).text
        words = word_count(section.heading) + word_count(body) + sum(word_count(link.label)
                                                                     for link in section.links)
        prose = " ".join(unit.strip() for _, unit in units(body))
        ease = None
        if syllables is not None and word_count(prose) >= 40:
            ease = round(reading_ease(prose, syllables), 1)
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
