"""The January 2021 example briefings: each carries the source's facts and figures exactly."""

from __future__ import annotations

import re

import pytest

from generator.read.briefing import load_briefing, reflective_questions
from generator.read.markup import plain_text
from tests.conftest import EXAMPLES, WELSH_EXAMPLE, english_examples

FIGURES = {
    "01-panel-annual-report-2018-19": ["538 rapid reviews", "126 serious case reviews", "17 months",
                                       "July 2018", "end of December 2019", "March 2020", "Chapter 3",
                                       "2011-2014 and 2014-2017"],
    "02-covid-19-vulnerable-children": ["thematic analysis", "between March and September 2020", "page 8",
                                        "Summary of Findings"],
    "03-it-was-hard-to-escape": ["21 children's cases", "four key areas", "March 2020", "June 2018",
                                 "Section 16"],
    "04-reachable-and-critical-moments": ["Child C", "14 year old boy", "May 2020", "January 2019",
                                          "reachable moments", "critical moments", "section 8", "between 9 and 5"],
    "05-out-of-routine-safer-sleep": ["568", "40", "between June 2018 and August 2019", "July 2020",
                                      "co-sleeping", "alcohol or drugs", "Sections 7 and 8"],
    "06-information-sharing-and-consent": ["Seven Golden Rules", "Single Point of Contact (SPOC)",
                                           "IMAP Information Sharing Agreement", "emergency"],
    "07-child-exploitation-line-of-sight": ["June 2020", "two events", "Change the Narrative"],
    "08-child-protection-conferences": ["top 10 expectations", "two days", "five days", "SMART",
                                        "Specific, Measurable, Achievable, Realistic and Time scaled"],
}


def briefing_text(briefing) -> str:
    parts = [briefing.title, briefing.subtitle or "", briefing.summary or ""]
    for section in briefing.sections:
        parts += [section.heading, plain_text(section.blocks), *(link.label for link in section.links)]
    return " ".join(" ".join(parts).split())


def test_there_are_eight_examples_one_per_theme_and_one_in_welsh_too():
    assert [path.stem for path in english_examples()] == sorted(FIGURES)
    assert sorted(path.name for path in EXAMPLES.glob("*.cy.yaml")) == [WELSH_EXAMPLE.name]


def test_the_welsh_example_corresponds_to_its_english_version():
    from generator.check.pairs import _compare

    english = load_briefing(WELSH_EXAMPLE.with_name("06-information-sharing-and-consent.yaml"))
    welsh = load_briefing(WELSH_EXAMPLE)
    assert welsh.language == "cy"
    assert _compare(english, welsh, "06-information-sharing-and-consent.yaml") == []
    assert len(reflective_questions(welsh)) == len(reflective_questions(english)) == 3


@pytest.mark.parametrize(("stem", "figures"), FIGURES.items())
def test_each_briefing_carries_its_figures(stem, figures):
    briefing = load_briefing(EXAMPLES / f"{stem}.yaml")
    text = briefing_text(briefing)
    for figure in figures:
        assert re.search(rf"(?<![\w]){re.escape(figure)}(?![\w])", text), f"{stem}: '{figure}' is missing"


@pytest.mark.parametrize("stem", FIGURES)
def test_consistent_shape(stem):
    briefing = load_briefing(EXAMPLES / f"{stem}.yaml")
    assert briefing.published.isoformat() == "2021-01-29"
    assert briefing.review is not None and briefing.summary
    assert briefing.sections[0].heading == "Background"
    assert any(section.links for section in briefing.sections)
    assert all(link.url.startswith(("https://", "mailto:")) for s in briefing.sections for link in s.links)


def test_the_partnership_contact_line_is_the_newsletters():
    theme_text = (EXAMPLES.parent / "assets" / "north-lincs" / "theme.yaml").read_text()
    assert "www.northlincscmars.co.uk" in theme_text and "mars@northlincs.gov.uk" in theme_text
