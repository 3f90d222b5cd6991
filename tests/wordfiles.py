"""Real .docx files, made with python-docx the way Word lays briefings out: heading styles, bold
numbered paragraphs, a table of boxes, and floating text boxes (which python-docx cannot make,
so their XML is written as Word writes it: a drawing with a fallback for older readers)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HEADINGS = ["Background", "Why it matters", "What the review found", "What good practice looks like",
            "Questions to reflect on", "What you should do", "Find out more"]
TITLE = "Safer sleep for babies"


def body(number: int) -> str:
    return f"Section {number} says what practitioners need to know, in the words of the review."


def hyperlink(paragraph, text: str, url: str) -> None:
    """A hyperlink run, as Word writes one (python-docx has no call for it)."""
    rel = paragraph.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                   "hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _front(document, *, title: bool = True) -> None:
    if title:
        document.add_paragraph(TITLE, style="Title")
        document.add_paragraph("Learning from local reviews", style="Subtitle")
    document.add_paragraph("Published 29 January 2021 \u00b7 Review by 29 January 2022")


def headings_document(path: Path, *, sections: int = 7, title: bool = True) -> Path:
    document = docx.Document()
    _front(document, title=title)
    for number in range(1, sections + 1):
        document.add_heading(f"{number}. {HEADINGS[number - 1]}", level=2)
        paragraph = document.add_paragraph(body(number) + " ")
        if number == 2:
            paragraph.add_run("Every").bold = True
            paragraph.add_run(" sleep counts, ")
            paragraph.add_run("day and night").italic = True
            paragraph.add_run(".")
        if number == 3:
            for item in ("a clear, flat, separate sleep space", "no pillows or bumpers",
                         "a room at 16\u201320 \u00b0C"):
                document.add_paragraph(item, style="List Bullet")
        if number == 5:
            for item in ("What does this mean for your team?", "What would you do differently?"):
                document.add_paragraph(item, style="List Number")
        if number == 7:
            paragraph = document.add_paragraph("Read ")
            hyperlink(paragraph, "the Lullaby Trust guidance", "https://www.lullabytrust.org.uk/")
            paragraph.add_run(" and talk to your team about it.")
    document.add_paragraph("North Lincolnshire Children's MARS Board \u00b7 www.northlincscmars.co.uk")
    document.save(path)
    return path


def _bold_numbered_sections(path: Path, after) -> Path:
    """Sections headed by bold 13 pt paragraphs, "1. Background"; ``after(document, number)``
    adds what follows each section's text."""
    document = docx.Document()
    _front(document)
    for number, heading in enumerate(HEADINGS, 1):
        run = document.add_paragraph().add_run(f"{number}. {heading}")
        run.bold = True
        run.font.size = Pt(13)
        document.add_paragraph(body(number))
        after(document, number)
    document.save(path)
    return path


def bold_numbers_document(path: Path) -> Path:
    return _bold_numbered_sections(path, lambda document, number: document.add_paragraph(
        "\u2022\tA point pasted from another document"))  # a bullet typed as text


def table_document(path: Path) -> Path:
    document = docx.Document()
    _front(document)
    table = document.add_table(rows=4, cols=2)
    cells = [cell for row in table.rows for cell in row.cells]
    for number, (cell, heading) in enumerate(zip(cells, HEADINGS, strict=False), 1):
        cell.paragraphs[0].add_run(f"{number} {heading}").bold = True
        cell.add_paragraph(body(number))
    cells[7].paragraphs[0].add_run("Contact: safeguarding@example.org")  # an eighth box: not a section
    document.save(path)
    return path


_MORE = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
         'xmlns:v="urn:schemas-microsoft-com:vml"')


def _text_box(number: int, heading: str) -> str:
    content = (f'<w:txbxContent><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{number} {heading}</w:t></w:r></w:p>'
               f'<w:p><w:r><w:t>{body(number)}</w:t></w:r></w:p></w:txbxContent>')
    return (
        f'<w:r {nsdecls("w", "wp", "a")} {_MORE}><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="2000000" cy="900000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="{number}" '
        f'name="Text Box {number}"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="900000"/></a:xfrm><a:prstGeom prst="rect">'
        f'<a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>'
        '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:157pt;'
        f'height:71pt"><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )


def text_box_document(path: Path) -> Path:
    document = docx.Document()
    _front(document)
    order = [3, 1, 2, 5, 4, 7, 6]  # anchored out of order: the numbers say the order
    for number in order:
        paragraph = document.add_paragraph()
        paragraph._p.append(parse_xml(_text_box(number, HEADINGS[number - 1])))
    document.save(path)
    return path


QUESTIONS = ["How does your service record a missed appointment?", "Who checks that a referral was received?",
             "What would you do differently?"]


def numbered_questions_document(path: Path) -> Path:
    """Bold numbered headings ("1. Background") with the questions of section 5 numbered in plain
    text ("1. How does ...?"), as boards type them."""
    def questions(document, number: int) -> None:
        for index, question in enumerate(QUESTIONS, 1) if number == 5 else ():
            document.add_paragraph(f"{index}. {question}")

    return _bold_numbered_sections(path, questions)


def contact_table_document(path: Path) -> Path:
    """A table of eight cells, numbered headings in 13 pt bold, the eighth a bold "Contact us"
    box: seven sections and a box of text that is not one."""
    document = docx.Document()
    _front(document)
    table = document.add_table(rows=4, cols=2)
    cells = [cell for row in table.rows for cell in row.cells]
    for number, cell in enumerate(cells, 1):
        heading = HEADINGS[number - 1] if number <= 7 else "Contact us"
        run = cell.paragraphs[0].add_run(f"{number}. {heading}" if number <= 7 else heading)
        run.bold = True
        run.font.size = Pt(13)
        cell.add_paragraph(body(number) if number <= 7 else "Email safeguarding@example.org or call 01234 567890.")
    document.save(path)
    return path
