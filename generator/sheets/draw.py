"""Drawing a Record of discussion: ruled boxes that print, each with a form field over it that a
screen reader can fill in, and the sheet on its own as a PDF (``briefing build --record-sheet``)."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor

from generator.layout.furniture import PageLayout
from generator.read.briefing import BriefingFacts
from generator.read.messages import for_briefing
from generator.read.theme import Theme
from generator.render.pdf import PageDrawer, new_canvas
from generator.sheets.layout import RecordSheetPlan, record_sheet


class SheetDrawer(PageDrawer):
    def record_sheet(self, plan: RecordSheetPlan, heading: str = "H2") -> None:
        """The record of discussion: ruled boxes that print, with a form field over each. Its title
        is an ``H2`` in a pack (under the cover's ``H1``), the ``H1`` of a sheet on its own."""
        canvas = self.canvas
        with self.tags.element("Sect", lang=plan.language):
            if plan.band is not None:
                with self.artifact():
                    canvas.setFillColor(self.colours["primary"])
                    canvas.roundRect(*plan.band, radius=9, stroke=0, fill=1)
                    x, y, _, h = plan.band
                    canvas.setFillColor(self.colours["accent"])
                    canvas.rect(x + 14, y + h - 9, 40, 4, stroke=0, fill=1)
            self.text(plan.kicker)
            self.text(plan.title, heading)
            if plan.logo is not None:
                self.logo(plan.logo_plate, plan.logo, radius=6, decorative=True)
            self.text(plan.intro)
            self.text(plan.return_line)
            for field in plan.fields:
                self.text(field.heading, "P")
                with self.artifact():
                    canvas.setStrokeColor(self.colours["primary"])
                    canvas.setLineWidth(0.8)
                    canvas.roundRect(*field.box, radius=5, stroke=1, fill=0)
                    canvas.setStrokeColor(HexColor("#9A9A9A"))
                    canvas.setLineWidth(0.4)
                    for rule in field.rules:
                        canvas.line(field.box[0] + 8, rule, field.box[0] + field.box[2] - 8, rule)
                self.text(field.label, "P")
                self.text(field.question, "P")
                self._field(field.field)
            label, *cells = plan.table_header
            self.text(label, "P")
            with self.artifact():
                x, y, w, h = plan.table
                canvas.setFillColor(self.colours["box"])
                canvas.rect(x, plan.rows[0], w, y + h - plan.rows[0], stroke=0, fill=1)
                canvas.setStrokeColor(self.colours["primary"])
                canvas.setLineWidth(0.8)
                canvas.rect(x, y, w, h, stroke=1, fill=0)
                canvas.setLineWidth(0.4)
                for column in plan.columns[1:-1]:
                    canvas.line(column, y, column, y + h)
                for row in plan.rows[:-1]:
                    canvas.line(x, row, x + w, row)
            # the column names, then each row of fields as a group: a table of fields to fill is
            # read as a form, each field named by its tooltip ("Action 2: Who owns it")
            for cell in cells:
                self.text(cell, "P")
            for start in range(0, len(plan.cells), 3):
                with self.tags.element("Div"):
                    for field in plan.cells[start:start + 3]:
                        self._field(field)
            if plan.feedback is not None:
                self.link(plan.feedback)
            hidden = plan.briefing_field
            self.tags.form_field(hidden.rect, name=hidden.name, tooltip=hidden.tooltip, hidden=True,
                                 value=plan.briefing_value)

    def _field(self, field) -> None:
        if field is not None:
            self.tags.form_field(field.rect, name=field.name, tooltip=field.tooltip, multiline=field.multiline)

    def running_footer(self, layout: PageLayout, page_text: str | None) -> None:
        self.footer(layout.footer(page_text), running=True)


def render_record_sheet(facts: BriefingFacts, theme: Theme, version: str) -> bytes:
    """A briefing's record sheet on its own (``briefing build --record-sheet``): the same
    fillable page as in a pack, with the footer of a single briefing."""
    from generator.files import source_epoch

    epoch = source_epoch(facts.published)
    words = for_briefing(facts, theme)
    layout = PageLayout(theme, words)
    stream = io.BytesIO()
    title = words("record_title", title=facts.title)
    author = words.theme("organisation") or words.theme("label")
    subject = words("record_subject", title=facts.title)
    canvas = new_canvas(stream, (layout.width, layout.height), theme, title=title, author=author,
                        subject=subject, keywords=list(facts.tags), epoch=epoch, lang=words.language)
    drawer = SheetDrawer(canvas, theme)
    drawer.record_sheet(record_sheet(layout, facts, version), heading="H1")
    drawer.footer(layout.footer(None))
    canvas.showPage()
    drawer.tags.finish(title=title, author=author, subject=subject, keywords=list(facts.tags), epoch=epoch)
    canvas.save()
    return stream.getvalue()
