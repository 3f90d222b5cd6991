"""Layout of the Record of discussion: the fillable sheet a team fills in after a briefing, in a
pack after its briefing or on its own (``briefing build --record-sheet``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.layout.furniture import PageLayout
from generator.layout.page import MARGIN, SECTION_GAP, fitted_logo, logo_plate
from generator.layout.plan import LinkPlan, TextBlock
from generator.layout.text import balanced_width
from generator.read.briefing import BriefingFacts

SHEET_PREFIX = "rs"


@dataclass
class FormField:
    """A place to type, on screen, over what prints as ruled lines: its name in the form (see
    :func:`field_name`) and its tooltip, which says what goes in it."""

    rect: tuple[float, float, float, float]
    name: str
    tooltip: str
    multiline: bool = False


@dataclass
class RecordField:
    label: TextBlock | None
    box: tuple[float, float, float, float]
    rules: list[float]  # y positions of writing lines inside the box
    field: FormField | None = None
    question: TextBlock | None = None  # a reflection's question, at the body size, above its lines
    heading: TextBlock | None = None  # what a group of fields is ("Reflections"), before the first


@dataclass
class RecordSheetPlan:
    kicker: TextBlock
    title: TextBlock
    intro: TextBlock
    fields: list[RecordField]
    table_header: list[TextBlock]
    table: tuple[float, float, float, float]
    columns: list[float]  # x positions of column rules
    rows: list[float]  # y positions of row rules
    cells: list[FormField]  # the actions table's fields, row by row
    return_line: TextBlock
    briefing_field: FormField  # hidden: which briefing (id, title, version) the sheet is for
    briefing_value: str
    feedback: LinkPlan | None = None  # the theme's feedback link, with its QR code
    language: str = "en-GB"  # the sheet's language: the briefing's
    band: tuple[float, float, float, float] | None = None  # the brand's band behind the kicker and title
    logo: tuple[float, float, float, float] | None = None
    logo_plate: tuple[float, float, float, float] | None = None



def field_name(version: str, part: str) -> str:
    """A record sheet's field name: ``rs_<version>_<part>`` (team, date, delivered_by, people, attendees,
    reflection_1..., action_1_what, action_1_owner, action_1_when, briefing). The version is the
    digest of the briefing file the sheet was made from, so every briefing's sheet has its own
    names in a pack, and what comes back is read by ``briefing impact``."""
    return f"{SHEET_PREFIX}_{version}_{part}"


def record_sheet(layout: PageLayout, briefing: BriefingFacts, version: str) -> RecordSheetPlan:
    """The record of discussion for ``briefing``: team, date, who delivered it, how many came (a
    number, for the impact summary to add up) and who, a
    writing space under each of its questions, the actions agreed; each a form field that
    prints as ruled lines, named for the briefing's ``version`` (:func:`field_name`).

    The writing spaces share the page: each question gets as many ruled lines as fit, from two
    up to eight, then the actions table as many rows as fit, from three up to six, so a team has
    room to write and the page has no empty foot."""
    bottom = layout.footer(None).rule[2] + SECTION_GAP  # the running footer's rule, and a gap above it
    lines, rows = 2, 3
    while lines < 8 and _sheet(layout, briefing, version, lines + 1, rows)[1] >= bottom:
        lines += 1
    while rows < 6 and _sheet(layout, briefing, version, lines, rows + 1)[1] >= bottom:
        rows += 1
    return _sheet(layout, briefing, version, lines, rows)[0]


def _sheet(layout: PageLayout, briefing: BriefingFacts, version: str, lines: int,
           rows_count: int) -> tuple[RecordSheetPlan, float]:
    """The sheet with ``lines`` ruled lines under each question and ``rows_count`` rows of
    actions, and the lowest point it reaches."""
    import json

    theme = layout.theme
    # the brand's band, as on the briefing's page: the kicker and the title in it, the logo beside
    pad = 14.0
    band_top = layout.height - MARGIN
    plate_w, plate_h = logo_plate(theme, 48.0, 150.0)
    text_x, text_w = layout.left + pad, layout.full - 2 * pad - (plate_w + pad if plate_w else 0)
    y = band_top - pad
    # the kicker is the same on every sheet: a running header, drawn as an artifact; the sheet
    # says what it is in its own words, with the briefing's title (the intro below)
    m = layout.m
    _, kicker = layout.setter(10.5).block("Artifact", layout.words(m("record"), True), text_x, y, text_w,
                                        size=10.5, colour="on_primary")
    y -= 10.5 * 1.6
    title_words = layout.words(briefing.title, True)
    title_h, title = layout.setter(17).block("H1", title_words, text_x, y,
                                           balanced_width(title_words, text_w, 17, theme.fonts), size=17,
                                           colour="on_primary", leading=17 * 1.15)
    y -= title_h
    band_bottom = min(y - pad + 4, band_top - plate_h - 2 * pad)
    band = (layout.left, band_bottom, layout.full, band_top - band_bottom)
    logo = plate = None
    if theme.logo:
        plate = (layout.right - pad - plate_w, band_top - pad - plate_h, plate_w, plate_h)
        logo = fitted_logo(theme, plate)
    y = band_bottom - 14
    # short enough that its first line always holds the start of the title: a line of the
    # same words on every sheet would be a running header, not part of each sheet
    intro_text = m("record_intro", title=briefing.title)
    intro_h, intro = layout.setter(10).block("P", layout.words(intro_text), layout.left, y, layout.full, size=10)
    y -= intro_h + 4
    # where the sheet goes, said at the top, with what to do: at the foot, the same words on
    # every sheet of a pack would read as a running footer
    return_text = m("return_to", organisation=m.theme("organisation") or m("the_board"))
    if m.theme("contact"):
        return_text += f" ({m.theme('contact')})"
    return_text += "."
    return_h, return_line = layout.setter(9.5).block("P", layout.words(return_text, True), layout.left, y,
                                                   layout.full, size=9.5, colour="primary")
    y -= return_h + 10
    fields: list[RecordField] = []
    half = (layout.full - 12) / 2
    size = 10.0  # the body size: questions are read, and written under

    def field_box(label: str | None, x: float, top: float, width: float, lines: int, part: str, tooltip: str,
                  question: str | None = None) -> float:
        block = None
        head = 6.0
        if label is not None:
            _, block = layout.setter(9.5).block("Lbl", layout.words(label, True), x + 6, top - 5, width - 12,
                                              size=9.5, colour="primary")
            head = 22.0
        asked = None
        if question is not None:
            asked_h, asked = layout.setter(size).block("Lbl" if label is None else "P", layout.words(question),
                                                     x + 6, top - head + 2, width - 12, size=size, colour="primary")
            head += asked_h
        height = head + lines * 20
        rules = [top - head - (i + 1) * 20 + 4 for i in range(lines)]
        rect = (x + 4, top - height + 2, x + width - 4, top - head + 2)
        fields.append(RecordField(block, (x, top - height, width, height), rules,
                                  FormField(rect, field_name(version, part), tooltip, multiline=lines > 1), asked))
        return height

    row = max(field_box(m("team"), layout.left, y, half, 1, "team", m("team_tip")),
              field_box(m("date"), layout.left + half + 12, y, half, 1, "date", m("date_tip")))
    y -= row + 8
    wide = layout.full * 0.7
    row = max(field_box(m("delivered_by"), layout.left, y, wide, 1, "delivered_by", m("delivered_tip")),
              field_box(m("people"), layout.left + wide + 12, y, layout.full - wide - 12, 1, "people",
                        m("people_tip")))  # asked as a number: the impact summary adds it up
    y -= row + 8
    y -= field_box(m("attendees"), layout.left, y, layout.full, 2, "attendees", m("attendees_tip")) + 8
    questions = list(briefing.questions) or [m("default_question")]
    _, reflections = layout.setter(9.5).block("Lbl", layout.words(m("reflections"), True), layout.left, y,
                                             layout.full, size=9.5, colour="primary")
    y -= 16
    for number, question in enumerate(questions, 1):  # each box labelled by its question, numbered once
        y -= field_box(None, layout.left, y, layout.full, lines, f"reflection_{number}",
                       m("reflections_tip", question=question), question=f"{number}. {question}"
                       if len(questions) > 1 else question) + 8
        if number == 1:
            fields[-1].heading = reflections
    _, header_label = layout.setter(9.5).block("Lbl", layout.words(m("actions"), True), layout.left, y,
                                             layout.full, size=9.5, colour="primary")
    y -= 16
    columns = [layout.left, layout.left + layout.full * 0.6, layout.left + layout.full * 0.82, layout.right]
    header_cells = []
    for text, x0, x1 in zip((m("action"), m("owner"), m("by_when")), columns, columns[1:], strict=False):
        _, cell = layout.setter(9).block("TH", layout.words(text, True), x0 + 5, y - 4, x1 - x0 - 10, size=9)
        header_cells.append(cell)
    row_h = 24.0
    rows = [y - 18 - i * row_h for i in range(rows_count + 1)]
    table = (layout.left, rows[-1], layout.full, y - rows[-1])
    cells = []
    for index in range(rows_count):
        top, bottom = rows[index], rows[index + 1]
        for part, what, x0, x1 in zip(("what", "owner", "when"), (m("the_action"), m("who_owns"), m("by_when")),
                                      columns, columns[1:], strict=False):
            name = field_name(version, f"action_{index + 1}_{part}")
            cells.append(FormField((x0 + 3, bottom + 2, x1 - 3, top - 2), name,
                                   m("action_tip", n=index + 1, what=what)))
    feedback = None
    if theme.model.feedback_url:  # under the actions: the online way to say how it was used
        from generator.layout.page import QR_SIZE
        from generator.qrcode import qr_modules
        from generator.read.markup import link_address

        url = theme.model.feedback_url
        top = rows[-1] - 10
        text_x = layout.left + QR_SIZE + 8
        label_h, label = layout.setter(10).block("Link", layout.words(m.theme("feedback_label"), True), text_x,
                                               top - 10, layout.full - QR_SIZE - 8, size=10, colour="primary")
        _, address = layout.setter(8.5).block("Link", layout.words(link_address(url)), text_x, top - 10 - label_h,
                                            layout.full - QR_SIZE - 8, size=8.5)
        feedback = LinkPlan(url, label, address, (layout.left, top - QR_SIZE, QR_SIZE), qr_modules(url))
    value = json.dumps({"id": briefing.id, "title": briefing.title, "version": version}, ensure_ascii=False)
    hidden = FormField((layout.left, rows[-1] - 30, layout.left + 1, rows[-1] - 29), field_name(version, "briefing"),
                       m("briefing_tip"))
    lowest = feedback.qr[1] if feedback is not None and feedback.qr else rows[-1]
    return RecordSheetPlan(kicker, title, intro, fields, [header_label, *header_cells], table, columns,
                           rows, cells, return_line, hidden, value, feedback, m.language, band, logo, plate), lowest
