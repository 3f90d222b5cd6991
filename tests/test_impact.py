"""The impact loop: fillable record sheets go out in a pack, come back filled, and `briefing
impact` turns them into a log and a summary; blank or foreign files are named, never counted."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader, PdfWriter

from generator.commands.pack import PackOptions, make_pack
from generator.sheets.returned import gather
from tests.conftest import PARTNERSHIP_THEME, copy_examples


def _pack(tmp_path):
    output = tmp_path / "out" / "pack.pdf"
    make_pack([copy_examples(tmp_path / "b", 3)], output, PARTNERSHIP_THEME,
              PackOptions(title="Lessons", record_sheets=True))
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
    assert "<table>" in html and "Audit cases" in html and 'alt="Bar chart' in html


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
