"""Editorial checks: each rule with true and false positives, at exact lines and columns."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.check import dates, language, links, prose
from generator.check.review import ReviewOptions, review_briefing
from generator.commands.check import check_files, status_rows
from generator.read.briefing import load_briefing
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml

TODAY = dt.date(2021, 3, 1)


def findings_for(write, body: str = "Plain words.", *, code: str | None = None, **kwargs):
    path = write(briefing_yaml(body=body, **kwargs))
    briefing = load_briefing(path)
    from generator.read.theme import load_theme

    review = review_briefing(briefing, load_theme(None), ReviewOptions(TODAY))
    return [f for f in review.findings if code is None or f.code == code]


@pytest.mark.parametrize("text", [
    "Mentally she put herself at risk.",
    "He is putting himself at risk by going out.",
    "They PUT THEMSELVES\nat risk.",
    "A so-called child prostitute was named.",
    "Police found child pornography.",
    "The girl was described as promiscuous.",
    "He was recruited into a gang at 14.",
    "He became a drug runner.",
    "She was in a relationship with an older man.",
    "The 12 year old was sexually active.",
    "Staff saw it as attention seeking.",
    "These families are hard to reach.",
    "She consented to sex with the man.",
])
def test_language_rules_find_blaming_phrases(write, text):
    found = findings_for(write, text, code="BR401")
    assert found, text
    assert all(f.severity == "warning" for f in found)
    assert "try:" in found[0].hint and "source:" in found[0].hint


@pytest.mark.parametrize("text", [
    "We looked at the risk they face.",
    "Adults put her at risk.",
    "We recruited two new social workers.",
    "Parents consented to information sharing.",
    "Their relationship with their foster carer is strong.",
    "Say a child is being exploited, not that they \"put themselves at risk\".",
    "The service was hard to access.",
])
def test_language_rules_leave_fair_language_alone(write, text):
    assert findings_for(write, text, code="BR401") == []


def test_language_finding_points_at_the_phrase_inside_the_block(write):
    body = "First paragraph.\n\nMentally she put herself at risk."
    [first, *_] = findings_for(write, body, code="BR401")
    # section 1's body starts on line 7 at column 7; the phrase is on its third line
    assert (first.line, first.column) == (9, 20)
    assert "avoid 'put herself at risk'" in first.message


def test_bold_inside_a_phrase_is_still_found_and_located(write):
    [finding, *_] = findings_for(write, "She **put herself** at risk.", code="BR401")
    assert (finding.line, finding.column) == (7, 13)


def test_disguised_compliance_is_a_note(write):
    [finding, *_] = findings_for(write, "The plan noted disguised compliance.", code="BR401")
    assert finding.severity == "note"
    assert "contested" in finding.message


def test_long_sentence_quotes_its_start_and_position(write):
    long = " ".join(["Word"] + ["word"] * 29) + "."
    found = findings_for(write, f"Short one. {long}", code="BR301")
    assert found[0].message.startswith("a sentence of 30 words (over 25): 'Word word")
    assert (found[0].line, found[0].column) == (7, 18)


def test_titles_in_italics_do_not_count_towards_sentence_length(write):
    text = "Read *" + " ".join(["Title"] * 30) + "* today."
    assert findings_for(write, text, code="BR301") == []


def test_list_items_are_separate_sentences(write):
    items = "\n".join(f"- item {n} has a few words in it" for n in range(8))
    assert findings_for(write, items, code="BR301") == []


def test_reading_time_and_too_short(write):
    briefing = load_briefing(write(briefing_yaml()))
    stats = prose.stats(briefing)
    assert stats.words == sum(s.words for s in stats.sections) + 4
    found = prose.check_briefing(briefing, stats)
    assert [f.code for f in found] == ["BR202"]


def test_readability_is_scored_per_section(write):
    hard = " ".join(["Notwithstanding interdisciplinary multiagency considerations institutionalised."] * 10)
    briefing = load_briefing(write(briefing_yaml(body=hard)))
    stats = prose.stats(briefing, "en-GB")
    assert all(s.reading_ease is not None and s.reading_ease < 30 for s in stats.sections)
    assert any(f.code == "BR302" for f in prose.check_briefing(briefing, stats))


def test_dates(write):
    text = briefing_yaml().replace("published: 2021-01-29", "published: 2021-06-01").replace(
        "review: 2022-01-29", "review: 2025-06-02")
    briefing = load_briefing(write(text))
    assert [f.code for f in dates.check_briefing(briefing, TODAY)] == ["BR602", "BR603"]
    overdue = dates.check_briefing(briefing, dt.date(2026, 1, 1))
    assert overdue[0].code == "BR601" and overdue[0].message == "due for review since 2 June 2025"
    assert (overdue[0].line, overdue[0].column) == (3, 9)


@pytest.mark.parametrize(("url", "label", "codes"), [
    ("http://example.org/x", "The report", ["BR702"]),
    ("https://exa mple/x", "The report", ["BR701"]),
    ("https://example.org", "click here", ["BR703"]),
    ("https://example.org/r", "https://example.org/r", ["BR704"]),
    ("https://www.gov.uk/", "GOV.UK", []),
    ("mailto:someone@example.org", "Email the team", []),
])
def test_links(write, url, label, codes):
    links_yaml = f"    links:\n      - label: \"{label}\"\n        url: \"{url}\""
    briefing = load_briefing(write(briefing_yaml(links=links_yaml)))
    assert [f.code for f in links.check_briefing(briefing)] == codes


def test_vague_link_text_in_a_body(write):
    briefing = load_briefing(write(briefing_yaml(body="For more, [click here](https://example.org/a).")))
    found = links.check_briefing(briefing)
    assert found[0].code == "BR703"
    assert (found[0].line, found[0].column) == (7, 17)


def test_theme_contrast_failures_are_errors(write):
    from generator.check.theme import check_theme
    from generator.read.theme import load_theme

    theme = load_theme(write('colours:\n  text: "#AAAAAA"\n  accent: "#FFFF00"\n', "theme.yaml"))
    found = check_theme(theme)
    codes = [(f.code, f.severity) for f in found]
    assert ("BR501", "error") in codes
    assert any("body text on the section boxes" in f.message for f in found)
    assert any("record sheet label" in f.message for f in found)  # yellow accent fails as text
    assert not any("section numbers" in f.message for f in found)  # numbers on yellow are drawn in black
    text_finding = next(f for f in found if "body text" in f.message)
    assert (text_finding.line, text_finding.column) == (2, 9)


def test_builtin_and_partnership_themes_pass_contrast(partnership_theme, default_theme):
    from generator.check.theme import check_theme

    for theme in (partnership_theme, default_theme):
        assert [f.code for f in check_theme(theme)] == ["BR502"]


def test_board_rules_file_adds_rules(write, tmp_path):
    rules = write("rules:\n  - id: service-user\n    phrases: ['{service user,service users}']\n"
                  "    message: say who they are.\n    alternatives: [families]\n    source: Board style guide\n",
                  "rules.yaml")
    path = write(briefing_yaml(body="We asked service users."))
    report = check_files([path], None, rules, TODAY)
    assert any("service users" in f.message for f in report.findings)


def test_a_broken_rules_file_is_a_located_error(write):
    from generator.errors import UserError

    rules = write("rules:\n  - id: x\n    phrase: [a]\n", "rules.yaml")
    with pytest.raises(UserError) as caught:
        check_files([write(briefing_yaml())], None, rules, TODAY)
    assert any(p.line == 3 and p.message == "unknown key 'phrase'" for p in caught.value.problems)


def test_fit_is_reported(write):
    report = check_files([write(briefing_yaml(body="Far too many words here. " * 80))], None, None, TODAY)
    assert [f.code for f in report.findings if f.code.startswith("BR1")] == ["BR101"]


def test_json_output_and_strict(cli, write):
    path = write(briefing_yaml(body="He became a drug runner. " + "Plain words here. " * 30))
    result = cli("check", path, "--format", "json", "--today", "2021-03-01")
    data = json.loads(result.output)
    assert result.exit_code == 0
    assert data["summary"]["warning"] >= 1
    assert data["files"][0]["sections"][0]["reading_ease"] is not None
    assert cli("check", path, "--strict", "--today", "2021-03-01").exit_code == 1


def test_build_prints_warnings_but_builds(cli, write, tmp_path):
    path = write(briefing_yaml(body="He became a drug runner."))
    result = cli("build", path, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "warning BR401" in result.output
    assert (tmp_path / "out" / "briefing.pdf").is_file()


def test_status_lists_by_review_date(cli):
    from generator.commands.check import reviewed
    from generator.publication.model import Request

    publication, report = reviewed(Request((EXAMPLES,), PARTNERSHIP_THEME, today=dt.date(2022, 1, 1),
                                           settings=False))
    rows = status_rows(report.outcomes, publication.today)
    assert len(rows) == 9  # the eight examples and the Welsh version of one
    assert all(r.state == "due this quarter" for r in rows)
    assert all(r.body_size >= 10 and 1 < r.minutes < 7 for r in rows)
    result = cli("status", EXAMPLES, "--theme", PARTNERSHIP_THEME, "--today", "2022-03-01")
    assert "overdue by 4 weeks" in result.output
    assert "9 briefings: 9 overdue for review" in result.output


def test_every_way_of_writing_a_rule_passes_the_quick_word_test():
    """The word test that spares compiling most rules never turns away a text a rule matches."""
    import itertools
    import re

    fillers = {"det": "a", "age": "15-year-old", "number": "three", "older": "much older", "word": "real",
               "words": "very real"}
    for compiled in language.shipped_rules():
        for phrase in compiled.rule.phrases:
            parts = re.split(r"(\{[^}]*\}|<\w+>\??)", phrase)
            choices = [[option.strip() for option in part[1:-1].split(",")] if part.startswith("{") else
                       (["", fillers[part.strip("<>?")]] if part.endswith("?") else [fillers[part.strip("<>")]])
                       if part.startswith("<") else [part] for part in parts]
            for chosen in itertools.islice(itertools.product(*choices), 50):
                text = f"Notes say the {' '.join(''.join(chosen).split()).upper()} again."
                assert compiled.pattern.search(text), (compiled.rule.id, text)
                assert compiled.may_match(text.lower()), (compiled.rule.id, text)
