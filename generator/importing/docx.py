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
import re
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


def read_docx(path: Path, notes: list[str] | None = None) -> list[Para]:
    """The document's paragraphs in reading order, then its footnotes, endnotes and comments
    (kept as the page's furniture: never a section, always written down). What was mended to
    read it (a picture missing from the file) is said in ``notes``."""
    data = read_file(path, MAX_BYTES, what="Word document")
    name = display_path(path)
    check_docx(data, name)
    notes = notes if notes is not None else []
    try:
        import docx

        document = docx.Document(io.BytesIO(_mended(data, notes)))
    except UserError:
        raise
    except Exception:  # not a zip, not a Word package, damaged XML: python-docx raises many kinds
        raise UserError.at(name, 0, 0, "this is not a Word document that can be read: it is damaged, or another "
                           "kind of file named .docx", "open it in Word and save it again as a Word document "
                           "(.docx)") from None
    walker = _Walker(document)
    paras = walker.paragraphs()
    kept = _notes(document, walker)
    counts = {}
    for para in kept:
        kind = para.where.split()[0]
        counts[kind] = counts.get(kind, 0) + 1
    if counts:
        said = ", ".join(f"{count} {kind}{'s' if count != 1 else ''}" for kind, count in counts.items())
        notes.append(f"{said} kept as comments at the end of the file")
    return paras + kept


_STRICT = re.compile(rb"http://purl\.oclc\.org/ooxml/(wordprocessingml|drawingml|officeDocument|spreadsheetml|"
                     rb"presentationml|schemaLibrary)/")
_STRICT_NAMES = ((b"/relationships/extendedProperties", b"/relationships/extended-properties"),
                 (b"/relationships/customProperties", b"/relationships/custom-properties"))


def _mended(data: bytes, notes: list[str]) -> bytes:
    """The package as python-docx can open it: Word's "Strict Open XML" names written as the
    usual ones (the same document, in the names of ISO 29500's transitional form), and links to
    parts that are not in the file (a picture lost when the file was copied) taken out, with a
    note. A package that needs neither is returned as it is."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        parts = {name: archive.read(name) for name in archive.namelist()}  # sizes checked by check_docx
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return data  # python-docx says what is wrong with it
    changed = False
    missing = 0
    for name, content in parts.items():
        if not name.endswith((".xml", ".rels")):
            continue
        if b"purl.oclc.org/ooxml/" in content:
            content = _STRICT.sub(rb"http://schemas.openxmlformats.org/\1/2006/", content)
            for strict, usual in _STRICT_NAMES:
                content = content.replace(strict, usual)
            changed = True
        if name.endswith(".rels"):
            content, lost = _without_missing(name, content, names)
            missing += lost
            changed = changed or bool(lost)
        parts[name] = content
    if missing == 1:
        notes.append("a picture (or another part) the document refers to is missing from the file; the text is "
                     "read without it")
    elif missing:
        notes.append(f"{missing} pictures (or other parts) the document refers to are missing from the file; the "
                     "text is read without them")
    if not changed:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as mended:
        for name, content in parts.items():
            mended.writestr(name, content)
    return out.getvalue()


def _without_missing(name: str, content: bytes, names: set[str]) -> tuple[bytes, int]:
    """A relationships part without the relationships to parts the package does not hold."""
    import posixpath

    folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/document.xml.rels -> word
    lost = 0

    def keep(found: re.Match) -> bytes:
        nonlocal lost
        element = found.group()
        if b'TargetMode="External"' in element:
            return element
        target = re.search(rb'Target="([^"]*)"', element)
        if target is None:
            return element
        path = target.group(1).decode("utf-8", "replace")
        resolved = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(folder, path))
        if resolved in names:
            return element
        lost += 1
        return b""

    return re.sub(rb"<Relationship\b[^>]*/>", keep, content), lost


def _notes(document, walker: _Walker) -> list[Para]:
    """The document's footnotes, endnotes and comments, each as a paragraph kept apart."""
    kept: list[Para] = []
    for kind, tag in (("footnote", "footnote"), ("endnote", "endnote"), ("comment", "comment")):
        part = next((rel.target_part for rel in document.part.rels.values()
                     if not rel.is_external and rel.reltype.endswith(f"/{kind}s")), None)
        if part is None:
            continue
        try:
            from docx.oxml import parse_xml

            root = parse_xml(part.blob)
        except Exception:  # a damaged notes part: the body is still read
            continue
        for number, note in enumerate(root.findall(_q(f"w:{tag}")), 1):
            if note.get(_q("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join("".join(node.text or "" for node in paragraph.iter(_q("w:t")))
                            for paragraph in note.iter(_q("w:p"))).strip()
            if not text:
                continue
            author = note.get(_q("w:author"))
            label = f"{kind} {note.get(_q('w:id'), number)}" + (f" by {author}" if author else "")
            kept.append(Para([Run(" ".join(text.split()))], "p", 0, "", 0.0, PAGE_FURNITURE, label))
    return kept


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
