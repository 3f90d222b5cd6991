"""Reading a Word document (.docx) into paragraphs in reading order (:class:`.draft.Para`).

python-docx opens the package (its XML parser resolves no entities); the body is then walked in
document order, because python-docx lists paragraphs and tables apart, and does not read text
boxes at all: a floating text box's paragraphs (``w:txbxContent``, inside a drawing or VML shape
in a run) are read where the box is anchored, each box as one box of paragraphs, like each cell
of a table. Styles give headings ("Heading 2", "Title"); numbering definitions tell bullets from
numbered items; runs give bold, italic and hyperlinks.
"""

from __future__ import annotations

import io
from pathlib import Path

from generator.errors import UserError, display_path
from generator.files import read_file
from generator.importing.draft import PAGE_FURNITURE, Para
from generator.importing.limits import check_docx
from generator.read.markup import Run

MAX_BYTES = 20_000_000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{ {'w': W, 'r': R}[prefix]}}}{local}"


def read_docx(path: Path) -> list[Para]:
    data = read_file(path, MAX_BYTES, what="Word document")
    name = display_path(path)
    check_docx(data, name)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except UserError:
        raise
    except Exception as error:  # not a zip, not a Word package, damaged XML: python-docx raises many kinds
        raise UserError.at(name, 0, 0, f"this is not a Word document that can be read ({error})",
                           "open it in Word and save it again as .docx") from None
    return _Walker(document).paragraphs()


class _Walker:
    def __init__(self, document):
        self.document = document
        self.styles = {style.style_id: (style.name or "").lower() for style in document.styles}
        self.links = {rel_id: rel.target_ref for rel_id, rel in document.part.rels.items() if rel.is_external}
        self.formats = self._number_formats()
        self.out: list[Para] = []
        self.boxes = 0
        self.counter = 0

    def _number_formats(self) -> dict[tuple[str, int], str]:
        """(numId, level) -> the number format ("bullet", "decimal", ...) of Word's numbering."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return {}
        abstract = {}
        for definition in numbering.findall(_q("w:abstractNum")):
            levels = {}
            for level in definition.findall(_q("w:lvl")):
                fmt = level.find(_q("w:numFmt"))
                levels[int(level.get(_q("w:ilvl"), "0"))] = fmt.get(_q("w:val")) if fmt is not None else "decimal"
            abstract[definition.get(_q("w:abstractNumId"))] = levels
        formats = {}
        for num in numbering.findall(_q("w:num")):
            ref = num.find(_q("w:abstractNumId"))
            levels = abstract.get(ref.get(_q("w:val")) if ref is not None else None, {})
            for level, fmt in levels.items():
                formats[(num.get(_q("w:numId")), level)] = fmt
        return formats

    def paragraphs(self) -> list[Para]:
        body = self.document.element.body
        for child in body.iterchildren():
            self._block(child, None, "")
        seen = set()
        for section in self.document.sections:  # the page's headers and footers: kept, never a section
            for where, part in (("page header", section.header), ("page footer", section.footer)):
                if part.is_linked_to_previous or id(part._element) in seen:
                    continue
                seen.add(id(part._element))
                for child in part._element.iterchildren():
                    self._block(child, PAGE_FURNITURE, where)
        return self.out

    def _block(self, element, box: int | None, where: str) -> None:
        if element.tag == _q("w:p"):
            self._paragraph(element, box, where)
        elif element.tag == _q("w:tbl"):
            self._table(element)
        elif element.tag == _q("w:sdt"):  # a content control: its content, in place
            content = element.find(_q("w:sdtContent"))
            for child in content.iterchildren() if content is not None else ():
                self._block(child, box, where)

    def _table(self, table) -> None:
        table_number = sum(1 for para in self.out if para.where.startswith("table")) + 1
        cells = 0
        for row in table.findall(_q("w:tr")):
            for cell in row.findall(_q("w:tc")):
                cells += 1
                self.boxes += 1
                box = self.boxes
                for child in cell.iterchildren():
                    self._block(child, box, f"table {table_number}, cell {cells}")

    def _paragraph(self, element, box: int | None, where: str) -> None:
        self.counter += 1
        runs: list[Run] = []
        size = 0.0
        text_boxes = []
        for node in element.iter(_q("w:r"), _q("w:hyperlink"), "{*}txbxContent"):
            if node.tag.endswith("txbxContent"):
                text_boxes.append(node)
                continue
            if node.tag == _q("w:hyperlink") or _inside(node, "txbxContent", element):
                continue  # a hyperlink's runs are read with it below; a text box's with the box
            link = node.getparent()
            href = None
            if link is not None and link.tag == _q("w:hyperlink"):
                href = self.links.get(link.get(_q("r:id")))
            text, bold, italic, points = self._run(node)
            size = max(size, points)
            if text:
                runs.append(Run(text, bold, italic, href if href and href.startswith(("http", "mailto:")) else None))
        properties = element.find(_q("w:pPr"))
        style = ""
        kind, level = "p", 0
        if properties is not None:
            style_ref = properties.find(_q("w:pStyle"))
            if style_ref is not None:
                style = self.styles.get(style_ref.get(_q("w:val")), style_ref.get(_q("w:val"), "")).lower()
            numbering = properties.find(_q("w:numPr"))
            if numbering is not None:
                level_ref, num_ref = numbering.find(_q("w:ilvl")), numbering.find(_q("w:numId"))
                level = int(level_ref.get(_q("w:val"))) if level_ref is not None else 0
                fmt = self.formats.get((num_ref.get(_q("w:val")) if num_ref is not None else None, level), "bullet")
                kind = "bullet" if fmt in ("bullet", "none") else "number"
        if kind == "p" and style.startswith("list bullet"):
            kind = "bullet"
        elif kind == "p" and style.startswith("list number"):
            kind = "number"
        if runs:
            self.out.append(Para(runs, kind, level, style, size, box, where or f"paragraph {self.counter}"))
        for content in text_boxes:  # each text box is a box of its own, read where it is anchored
            if _inside(content, "txbxContent", None) or _inside(content, "Fallback", None):
                continue  # a box inside a box is read with the outer one; Word writes each box twice,
                # as a drawing and as a fallback for older readers: the drawing is read
            self.boxes += 1
            box_number = self.boxes
            for child in content.iterchildren():
                self._block(child, box_number, f"text box {box_number}")

    def _run(self, run) -> tuple[str, bool, bool, float]:
        parts = []
        for node in run.iterchildren():
            if node.tag == _q("w:t"):
                parts.append(node.text or "")
            elif node.tag == _q("w:tab"):
                parts.append("\t")
            elif node.tag in (_q("w:br"), _q("w:cr")):
                parts.append(" ")
            elif node.tag == _q("w:noBreakHyphen"):
                parts.append("\u2011")
        properties = run.find(_q("w:rPr"))
        bold = italic = False
        size = 0.0
        if properties is not None:
            bold = _on(properties.find(_q("w:b")))
            italic = _on(properties.find(_q("w:i")))
            measure = properties.find(_q("w:sz"))
            if measure is not None and (measure.get(_q("w:val")) or "").isdigit():
                size = int(measure.get(_q("w:val"))) / 2
        return "".join(parts), bold, italic, size


def _on(flag) -> bool:
    return flag is not None and flag.get(_q("w:val"), "true") not in ("0", "false", "off")


def _inside(node, local: str, stop) -> bool:
    """Whether ``node`` is inside an element named ``local``, below ``stop`` (None: anywhere)."""
    current = node.getparent()
    while current is not None and current is not stop:
        if current.tag.endswith(local):
            return True
        current = current.getparent()
    return False
