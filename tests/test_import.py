"""`briefing import`: real .docx structures (heading styles, bold numbered paragraphs, a table of
boxes, floating text boxes) and text PDFs become briefings; nothing in them is lost."""

from __future__ import annotations

import shutil

import pytest

from generator.commands.import_documents import import_document
from generator.importing.draft import Para, body_text, draft_from
from generator.read.briefing import load_briefing
from generator.read.markup import Run, plain_text
from tests import wordfiles
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME
from tests.pdftext import plainly

LAYOUTS = {
    "headings": wordfiles.headings_document,
    "bold-numbers": wordfiles.bold_numbers_document,
    "table": wordfiles.table_document,
    "text-boxes": wordfiles.text_box_document,
    "numbered-questions": wordfiles.numbered_questions_document,
    "contact-table": wordfiles.contact_table_document,
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_word_layout_becomes_a_valid_briefing(tmp_path, layout):
    document = LAYOUTS[layout](tmp_path / f"{layout}.docx")
    outcome = import_document(document, tmp_path / "briefings")
    assert outcome.ok, outcome.problems
    briefing = load_briefing(outcome.output)
    assert briefing.title == wordfiles.TITLE and briefing.subtitle == "Learning from local reviews"
    assert str(briefing.published) == "2021-01-29" and str(briefing.review) == "2022-01-29"
    assert [section.heading for section in briefing.sections] == wordfiles.HEADINGS
    for number, section in enumerate(briefing.sections, 1):
        assert wordfiles.body(number) in plain_text(section.blocks)
    assert outcome.output.name == "safer-sleep-for-babies.yaml"


def test_styles_lists_and_links_are_kept(tmp_path):
    outcome = import_document(wordfiles.headings_document(tmp_path / "a.docx"), tmp_path / "out")
    briefing = load_briefing(outcome.output)
    text = outcome.output.read_text()
    assert "**Every** sleep counts, *day and night*." in text
    assert "- no pillows or bumpers" in text and "- a room at 16–20 °C" in text  # the dash and degree as typed
    assert "1. What does this mean for your team?" in text
    assert "[the Lullaby Trust guidance](https://www.lullabytrust.org.uk/)" in text
    runs = briefing.sections[6].blocks[1].runs
    assert any(run.href == "https://www.lullabytrust.org.uk/" for run in runs)


def test_text_not_placed_is_kept_in_the_file_as_comments(tmp_path):
    outcome = import_document(wordfiles.table_document(tmp_path / "t.docx"), tmp_path / "out")
    text = outcome.output.read_text()
    assert "#   (table 1, cell 8) Contact: safeguarding@example.org" in text  # the eighth box
    assert "Published 29 January 2021" not in text.split("sections:")[1]  # read whole: the dates are set above
    assert outcome.left_over == 1


def test_a_pasted_bullet_becomes_a_list_item(tmp_path):
    outcome = import_document(wordfiles.bold_numbers_document(tmp_path / "b.docx"), tmp_path / "out")
    assert "- A point pasted from another document" in outcome.output.read_text()
    assert "\u2022" not in outcome.output.read_text()


def test_text_boxes_are_read_once_each_in_the_order_of_their_numbers(tmp_path):
    outcome = import_document(wordfiles.text_box_document(tmp_path / "x.docx"), tmp_path / "out")
    text = outcome.output.read_text()
    assert text.count(wordfiles.body(3)) == 1  # not again from the fallback Word writes for old readers
    assert load_briefing(outcome.output).sections[0].heading == "Background"


def test_an_incomplete_document_is_written_and_says_what_is_missing(tmp_path):
    document = wordfiles.headings_document(tmp_path / "six.docx", sections=6, title=False)
    outcome = import_document(document, tmp_path / "out")
    assert outcome.output is not None and outcome.output.is_file()
    assert not outcome.ok
    messages = {(p.line, p.message) for p in outcome.problems}
    assert any("found 6 sections; a briefing has exactly 7" in message for _, message in messages)
    assert any("title" in message for _, message in messages)
    assert all(p.path.endswith(".yaml") and p.line >= 1 for p in outcome.problems)


def test_import_never_overwrites(tmp_path):
    document = wordfiles.headings_document(tmp_path / "a.docx")
    first = import_document(document, tmp_path / "out")
    second = import_document(document, tmp_path / "out")
    assert first.output.name == "safer-sleep-for-babies.yaml"
    assert second.output.name == "safer-sleep-for-babies-2.yaml"


def test_a_briefing_pdf_round_trips(tmp_path, cli):
    source = EXAMPLES / "06-information-sharing-and-consent.yaml"
    built = cli("build", source, "-o", tmp_path / "pdf", "--theme", PARTNERSHIP_THEME)
    assert built.exit_code == 0, built.output
    outcome = import_document(tmp_path / "pdf" / "06-information-sharing-and-consent.pdf", tmp_path / "out")
    assert outcome.ok, outcome.problems
    original, imported = load_briefing(source), load_briefing(outcome.output)  # what was printed, typographic
    assert plainly(imported.title) == original.title and plainly(imported.subtitle) == original.subtitle
    assert imported.published == original.published and imported.review == original.review
    assert [plainly(s.heading) for s in imported.sections] == [s.heading for s in original.sections]
    for mine, theirs in zip(imported.sections, original.sections, strict=True):
        assert " ".join(plain_text(theirs.blocks).split()) in plainly(" ".join(plain_text(mine.blocks).split()))
    assert "North Lincolnshire Children's MARS Board" in plainly(outcome.output.read_text())  # the footer, a comment


def test_a_scanned_pdf_says_so(tmp_path):
    from reportlab.lib.utils import ImageReader  # noqa: F401 - a PDF with an image and no text
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.drawImage(str(PARTNERSHIP_THEME.parent / "logo.png"), 50, 50, 400, 400)
    canvas.save()
    outcome = import_document(path, tmp_path / "out")
    assert "no text that can be read" in outcome.problems[0].message and "scanned" in outcome.problems[0].message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("name", "data", "words"), [
    ("notes.docx", b"PK\x03\x04 not really a document", "not a Word document that can be read"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "reads .docx and .pdf files"),
    ("broken.pdf", b"%PDF-1.4 broken", "cannot be read"),
])
def test_documents_that_cannot_be_read_are_named(tmp_path, name, data, words):
    (tmp_path / name).write_bytes(data)
    [problem] = import_document(tmp_path / name, tmp_path / "out").problems
    assert words in problem.message


def test_a_word_document_given_to_check_points_to_import(tmp_path, cli):
    document = wordfiles.headings_document(tmp_path / "draft.docx")
    shutil.copy(document, tmp_path / "draft.yaml")
    result = cli("check", tmp_path / "draft.yaml")
    assert result.exit_code == 1 and "briefing import" in result.output and "Word document" in result.output


def test_the_import_command(tmp_path, cli):
    document = wordfiles.table_document(tmp_path / "t.docx")
    result = cli("import", document, "--dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "7 sections; 1 piece of text not placed" in result.output
    incomplete = wordfiles.headings_document(tmp_path / "six.docx", sections=6)
    result = cli("import", incomplete, "--dir", tmp_path / "out")
    assert result.exit_code == 1 and "found 6 sections" in result.output


def test_body_markup_is_escaped_so_text_prints_as_typed():
    para = Para([Run("Use *only* [approved] forms # 1 and C_YP's `code`")])
    numbered = Para([Run("1. is not a list here")])
    text = body_text([para, numbered])
    assert text == "Use \\*only\\* \\[approved\\] forms # 1 and C\\_YP's \\`code\\`\n\n1\\. is not a list here"
    from generator.read.markup import parse

    blocks, problems = parse(text)
    assert not problems
    typed = "Use *only* [approved] forms # 1 and C_YP's `code` 1. is not a list here"
    assert plain_text(blocks).split() == typed.split()


def test_sections_are_found_by_numbers_when_there_are_no_styles():
    paras = [Para([Run("Title of the briefing")], size=20)]
    for number in range(1, 8):
        paras += [Para([Run(f"{number} Heading {number}")]), Para([Run(f"Text {number} of the section.")])]
    draft = draft_from(paras)
    assert draft.title == "Title of the briefing"
    assert [section.heading for section in draft.sections] == [f"Heading {n}" for n in range(1, 8)]
    assert not draft.left_over


def test_numbered_questions_in_plain_text_are_a_list_not_sections(tmp_path):
    outcome = import_document(wordfiles.numbered_questions_document(tmp_path / "q.docx"), tmp_path / "out")
    briefing = load_briefing(outcome.output)
    assert [section.heading for section in briefing.sections] == wordfiles.HEADINGS
    [numbered] = [block for block in briefing.sections[4].blocks if getattr(block, "ordered", False)]
    assert [plain_text(item.blocks) for item in numbered.items] == wordfiles.QUESTIONS


def test_a_box_that_is_not_a_section_is_kept_as_text_the_author_sees(tmp_path, cli):
    outcome = import_document(wordfiles.contact_table_document(tmp_path / "t.docx"), tmp_path / "out")
    text = outcome.output.read_text(encoding="utf-8")
    assert outcome.left_over == 2 and "Contact us" in text.split("# Text from the document")[1]
    assert "safeguarding@example.org" in text.split("# Text from the document")[1]
    result = cli("check", outcome.output, "--today", "2021-02-01")
    assert "BR804" in result.output  # check says text is still waiting to be placed


def test_the_tools_own_pdf_comes_back_as_it_was_written(tmp_path, cli):
    """Round trip: the audience line read, words broken at a line's end joined, each link once
    (as a links: entry with its label), the file named from the title in whole words."""
    source = EXAMPLES / "05-out-of-routine-safer-sleep.yaml"
    cli("build", source, "-o", tmp_path / "pdf", "--theme", PARTNERSHIP_THEME)
    outcome = import_document(tmp_path / "pdf" / "05-out-of-routine-safer-sleep.pdf", tmp_path / "out")
    original, back = load_briefing(source), load_briefing(outcome.output)
    assert plainly(back.audience) == original.audience and plainly(back.title) == original.title
    assert outcome.output.name == "out-of-routine-safer-sleep-and-sudden-unexpected-death-in.yaml"
    for mine, theirs in zip(back.sections, original.sections, strict=True):
        assert plainly(mine.heading) == theirs.heading
        assert plainly(" ".join(plain_text(mine.blocks).split())) == " ".join(plain_text(theirs.blocks).split())
        assert [(plainly(link.label), link.url) for link in mine.links] == [(link.label, link.url)
                                                                             for link in theirs.links]
    assert "\u00ad" not in outcome.output.read_text(encoding="utf-8")
