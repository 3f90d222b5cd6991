"""Tagged PDF (PDF/UA-1 structure) for ReportLab, which has none of its own.

Drawing code says what it draws: ``with tags.element("P"):`` opens a structure element,
``tags.content()`` wraps the operators that draw it in a marked-content sequence with an MCID,
``tags.artifact()`` marks decoration, and ``tags.link_annotation(...)`` adds a link annotation
owned by the current ``Link`` element. :meth:`Tagger.finish` writes the structure tree, the
parent tree, ``/MarkInfo``, XMP metadata with the PDF/UA identifier, and the pages' ``/Tabs``
and ``/StructParents``. The canvas is :class:`TaggedCanvas`; what this needs of ReportLab's
internals is in :mod:`generator.render.reportlab_compat`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from html import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from generator.render.reportlab_compat import (
    HookedCanvas,
    add_annotation,
    bookmark_reference,
    document,
    emit,
    set_page_entries,
)


def text_string(text: str) -> PDFString:
    """A PDF text string: plain where it is ASCII, else UTF-16 with its byte-order mark. ReportLab
    would write PDFDocEncoding where it can (curly quotes, dashes), which is valid but which some
    readers (pdfplumber, so the tool's own import) cannot decode; UTF-16 every reader can."""
    if text.isascii():
        return PDFString(text)
    import codecs

    return PDFString(codecs.BOM_UTF16_BE + text.encode("utf_16_be"), enc="raw")

_name = cache(PDFName)  # ReportLab builds each name afresh, which is slow for thousands of elements


def _xml(text: str) -> str:
    """Text for XMP: &, < and > escaped (``html`` is light to import; ``xml.sax`` pulls in urllib)."""
    return escape(text, quote=False)


class TaggedCanvas(HookedCanvas):
    """A ReportLab canvas whose pages report to a :class:`Tagger` as they are closed."""

    tagger: Tagger | None = None

    def page_finished(self, page) -> None:
        if self.tagger is not None:
            self.tagger.finish_page(page)


@dataclass
class Elem:
    role: str
    parent: Elem | None
    alt: str | None = None
    lang: str | None = None
    page: str | None = None  # the page of its first marked content
    kids: list = field(default_factory=list)  # Elem, ("mcid", page, n), ("objr", page, annotation name)
    name: str = ""
    scope: str | None = None  # a table header's: "Column" or "Row"


class _Element(PDFObject):
    """A structure element's dictionary, written in one go: ReportLab's general dictionaries are
    formatted entry by entry, which for the hundred or so elements of a page was a third of the
    time spent writing the file. ``/Type /StructElem`` is optional and left out."""

    def __init__(self, elem: Elem, parent: PDFObjectReference):
        self.elem, self.parent = elem, parent

    def format(self, document) -> bytes:
        elem = self.elem

        def ref(name: str) -> str:
            return document.Reference(PDFObjectReference(name)).format(document).decode("latin-1")

        kids = []
        for kid in elem.kids:
            if isinstance(kid, Elem):
                if kid.kids:
                    kids.append(ref(kid.name))
            elif kid[0] == "mcid":
                _, page, mcid = kid
                kids.append(str(mcid) if page == elem.page else f"<< /Type /MCR /Pg {ref(page)} /MCID {mcid} >>")
            else:
                _, page, annotation = kid
                kids.append(f"<< /Type /OBJR /Pg {ref(page)} /Obj {ref(annotation)} >>")
        text = f"<< /S /{elem.role} /P {self.parent.format(document).decode('latin-1')} /K "
        text += kids[0] if len(kids) == 1 else "[ " + " ".join(kids) + " ]"
        if elem.page:
            text += f" /Pg {ref(elem.page)}"
        parts = [text.encode("latin-1")]
        if elem.alt:
            parts.append(b"/Alt " + text_string(elem.alt).format(document))
        if elem.lang:
            parts.append(b"/Lang " + PDFString(elem.lang).format(document))
        if elem.scope:
            parts.append(f"/A << /O /Table /Scope /{elem.scope} >>".encode("latin-1"))
        return b" ".join(parts) + b" >>"


class Tagger:
    def __init__(self, canvas: TaggedCanvas, *, lang: str):
        self.canvas = canvas
        self.doc = document(canvas)
        canvas.tagger = self
        self.lang = lang
        self.root = Elem("Document", None)
        self.stack = [self.root]
        self.page_key: int | None = None
        self.page_mcids: list[Elem] = []
        self.parent_tree: list[tuple[int, object]] = []
        self.next_key = 0
        self.count = 0
        self.fields: list[str] = []  # the names of the form fields' annotations, for the AcroForm

    # ------------------------------------------------------------------ structure

    @property
    def current(self) -> Elem:
        return self.stack[-1]

    @contextmanager
    def element(self, role: str, *, alt: str | None = None, scope: str | None = None,
                lang: str | None = None) -> Iterator[Elem]:
        """A structure element; ``lang`` where its language is not the document's (/Lang)."""
        elem = Elem(role, self.current, alt, lang=lang, scope=scope)
        self.current.kids.append(elem)
        self.stack.append(elem)
        try:
            yield elem
        finally:
            self.stack.pop()

    def _page(self) -> str:
        if self.page_key is None:
            self.page_key = self.next_key
            self.next_key += 1
            self.page_mcids = []
        return self.doc.thisPageName()

    def _mcid(self, elem: Elem) -> int:
        page = self._page()
        mcid = len(self.page_mcids)
        self.page_mcids.append(elem)
        elem.kids.append(("mcid", page, mcid))
        elem.page = elem.page or page
        return mcid

    @contextmanager
    def content(self) -> Iterator[None]:
        """Mark what is drawn inside as content of the current element."""
        elem = self.current
        emit(self.canvas, f"/{elem.role} <</MCID {self._mcid(elem)}>> BDC")
        try:
            yield
        finally:
            emit(self.canvas, "EMC")

    def begin_in_text(self, text_object, elem: Elem) -> None:
        """Start marked content for ``elem`` inside a text object (BT ... ET)."""
        emit(text_object, f"/{elem.role} <</MCID {self._mcid(elem)}>> BDC")

    @staticmethod
    def end_in_text(text_object) -> None:
        emit(text_object, "EMC")

    @contextmanager
    def artifact(self, kind: str | None = None) -> Iterator[None]:
        """Mark what is drawn inside as decoration (or, with ``kind``, pagination and the like)."""
        self._page()
        emit(self.canvas, f"/Artifact <</Type /{kind}>> BDC" if kind else "/Artifact BMC")
        try:
            yield
        finally:
            emit(self.canvas, "EMC")

    def link_annotation(self, rect: tuple[float, float, float, float], *, contents: str,
                        url: str | None = None, destination: str | None = None, named: str | None = None,
                        owner: Elem | None = None) -> None:
        """A link annotation owned by ``owner`` (default: the current ``Link`` element), in the tab
        order, to a ``url``, a ReportLab bookmark (``destination``) or a ``named`` destination that
        the document will define later (a pack's contents, see :mod:`generator.pack.assembly`)."""
        elem = owner or self.current
        page = self._page()
        key = self.next_key
        self.next_key += 1
        entries = {
            "Type": _name("Annot"), "Subtype": _name("Link"),
            "Rect": PDFArray([round(v, 3) for v in rect]), "Border": PDFArray([0, 0, 0]),
            "F": 4,  # Print: a link is part of the page on paper as on screen
            "Contents": text_string(contents), "StructParent": key,
        }
        if url is not None:
            entries["A"] = PDFDictionary({"S": _name("URI"), "URI": PDFString(url)})
        elif named is not None:
            entries["Dest"] = PDFString(named)
        else:
            entries["Dest"] = bookmark_reference(self.canvas, destination)
        self.count += 1
        name = f"TaggedLink{self.count}"
        add_annotation(self.canvas, PDFDictionary(entries), name)
        elem.kids.append(("objr", page, self.doc.annotationName(name)))
        elem.page = elem.page or page
        self.parent_tree.append((key, elem))

    def form_field(self, rect: tuple[float, float, float, float], *, name: str, tooltip: str,
                   multiline: bool = False, hidden: bool = False, value: str = "") -> None:
        """A text field (a widget annotation) owned by a ``Form`` element, so that a screen reader
        can fill it in: its tooltip (``/TU``) says what goes in it. A ``hidden`` field cannot be
        changed and shows nothing (a point at the sheet's edge, with an empty appearance: PDF/A
        allows no hidden annotation): it carries data (which briefing a sheet is for)."""
        page = self._page()
        key = self.next_key
        self.next_key += 1
        self.count += 1
        appearance = f"FieldLook{self.count}"
        width, height = round(rect[2] - rect[0], 3), round(rect[3] - rect[1], 3)
        self.doc.Reference(PDFStream(PDFDictionary({  # what the empty field looks like: nothing
            "Type": _name("XObject"), "Subtype": _name("Form"), "BBox": PDFArray([0, 0, width, height]),
            "Resources": PDFDictionary({})}), b"/Tx BMC EMC", filters=[]), appearance)
        entries = {
            "Type": _name("Annot"), "Subtype": _name("Widget"), "FT": _name("Tx"),
            "T": PDFString(name), "TU": text_string(tooltip), "Rect": PDFArray([round(v, 3) for v in rect]),
            "F": 4,  # Print, as PDF/A asks of every annotation
            "Ff": (1 if hidden else 0) | (4096 if multiline else 0),  # ReadOnly; Multiline
            "DA": PDFString("/Helv 10 Tf 0 g"), "StructParent": key,
            "AP": PDFDictionary({"N": PDFObjectReference(appearance)}),
        }
        if value:
            entries["V"] = PDFString(value)
        self.count += 1
        annotation = f"FormField{self.count}"
        add_annotation(self.canvas, PDFDictionary(entries), annotation)
        self.fields.append(annotation)
        with self.element("Form", alt=tooltip) as elem:
            elem.kids.append(("objr", page, self.doc.annotationName(annotation)))
            elem.page = page
            self.parent_tree.append((key, elem))

    def finish_page(self, page) -> None:
        """Called as ReportLab closes a page: give it its parent-tree key, its tab order, and the
        colour space its transparency (a logo's alpha channel) is blended in, as PDF/A asks."""
        entries = {"Tabs": _name("S"), "Group": PAGE_GROUP}
        if self.page_key is not None:
            entries["StructParents"] = self.page_key
            self.parent_tree.append((self.page_key, list(self.page_mcids)))
        set_page_entries(page, **entries)
        self.page_key = None
        self.page_mcids = []

    # ------------------------------------------------------------------ writing

    def _element_name(self, elem: Elem) -> str:
        if not elem.name:
            self.count += 1
            elem.name = f"StructElem{self.count}"
        return elem.name

    def _write(self, elem: Elem, parent_ref: PDFObjectReference) -> PDFObjectReference:
        ref = PDFObjectReference(self._element_name(elem))
        for kid in elem.kids:
            if isinstance(kid, Elem) and kid.kids:  # an element with nothing in it says nothing: left out
                self._write(kid, ref)
        self.doc.Reference(_Element(elem, parent_ref), elem.name)
        return ref

    def finish(self, *, title: str, author: str, subject: str, keywords: list[str], epoch: int) -> None:
        """Write the structure tree and the catalog entries a tagged PDF needs."""
        root_name = "StructTreeRoot"
        root_ref = PDFObjectReference(root_name)
        document = self._write(self.root, root_ref)
        nums = []
        for key, value in sorted(self.parent_tree, key=lambda item: item[0]):
            nums.append(key)
            if isinstance(value, list):
                nums.append(PDFArray([PDFObjectReference(self._element_name(elem)) for elem in value]))
            else:
                nums.append(PDFObjectReference(self._element_name(value)))
        parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
        self.doc.Reference(parent_tree, "ParentTree")
        tree = PDFDictionary({"Type": _name("StructTreeRoot"), "K": PDFArray([document]),
                              "ParentTree": PDFObjectReference("ParentTree"), "ParentTreeNextKey": self.next_key})
        self.doc.Reference(tree, root_name)
        catalog = self.doc.Catalog
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": b"true"})  # bytes are written as they are: a PDF boolean
        metadata = PDFStream(PDFDictionary({"Type": _name("Metadata"), "Subtype": _name("XML")}),
                             xmp(title=title, author=author, subject=subject, keywords=keywords,
                                 lang=self.lang, epoch=epoch).encode("utf-8"), filters=[])
        self.doc.Reference(metadata, "XMPMetadata")
        catalog.Metadata = PDFObjectReference("XMPMetadata")
        catalog.OutputIntents = output_intents(self.doc)
        if "OutputIntents" not in catalog.__NoDefault__:  # ReportLab writes only the entries it lists
            catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
        if self.fields:
            catalog.AcroForm = acro_form([self.doc.annotationName(name) for name in self.fields])


def acro_form(fields: list) -> PDFDictionary:
    """The document's form: its fields, and how viewers draw what is typed in them (Helvetica,
    which every viewer has). Each field has its own appearance (empty until something is
    typed), as PDF/A asks, rather than asking the viewer to make one (``/NeedAppearances``)."""
    helvetica = PDFDictionary({"Type": _name("Font"), "Subtype": _name("Type1"), "BaseFont": _name("Helvetica"),
                               "Encoding": _name("WinAnsiEncoding")})
    return PDFDictionary({"Fields": PDFArray([PDFObjectReference(name) for name in fields]),
                          "DA": PDFString("/Helv 10 Tf 0 g"),
                          "DR": PDFDictionary({"Font": PDFDictionary({"Helv": helvetica})})})


PAGE_GROUP = PDFDictionary({"Type": _name("Group"), "S": _name("Transparency"), "CS": _name("DeviceRGB")})
SRGB = "sRGB IEC61966-2.1"


@cache
def _srgb_profile() -> bytes:
    from pathlib import Path

    return (Path(__file__).parent / "data" / "sRGB.icc").read_bytes()


def output_intents(doc) -> PDFArray:
    """The output intent PDF/A asks for: the colours are sRGB (the profile, compressed, once a
    document)."""
    profile = PDFStream(PDFDictionary({"N": 3}), _srgb_profile())
    doc.Reference(profile, "sRGBProfile")
    return PDFArray([PDFDictionary({"Type": _name("OutputIntent"), "S": _name("GTS_PDFA1"),
                                    "OutputConditionIdentifier": PDFString(SRGB), "Info": PDFString(SRGB),
                                    "RegistryName": PDFString("http://www.color.org"),
                                    "DestOutputProfile": PDFObjectReference("sRGBProfile")})])


PDFUA_EXTENSION = (
    '  <rdf:Description rdf:about=""\n'
    '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"\n'
    '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"\n'
    '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n'
    '   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\n'
    '    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n'
    '    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n'
    '    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n'
    '    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\n'
    '     <pdfaProperty:name>part</pdfaProperty:name>\n'
    '     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n'
    '     <pdfaProperty:category>internal</pdfaProperty:category>\n'
    '     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed'
    '</pdfaProperty:description>\n'
    '    </rdf:li></rdf:Seq></pdfaSchema:property>\n'
    '   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n'
    '  </rdf:Description>\n'
)


def xmp(*, title: str, author: str, subject: str, keywords: list[str], lang: str, epoch: int) -> str:
    """XMP metadata: Dublin Core title, creator and language, the PDF/UA-1 and PDF/A-2a
    identifiers, and the extension schema PDF/A asks for to declare PDF/UA's."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    description = (f"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{_xml(subject)}</rdf:li>"
                   f"</rdf:Alt></dc:description>" if subject else "")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f'   <dc:creator><rdf:Seq><rdf:li>{_xml(author)}</rdf:li></rdf:Seq></dc:creator>\n'
        f'   {description}\n'
        f'   <dc:language><rdf:Bag><rdf:li>{_xml(lang)}</rdf:li></rdf:Bag></dc:language>\n'
        '   <dc:format>application/pdf</dc:format>\n'
        f'   <pdf:Keywords>{_xml(", ".join(keywords))}</pdf:Keywords>\n'
        f'   <xmp:CreateDate>{stamp}</xmp:CreateDate>\n'
        f'   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>\n'
        '   <pdfuaid:part>1</pdfuaid:part>\n'
        '   <pdfaid:part>2</pdfaid:part>\n'
        '   <pdfaid:conformance>A</pdfaid:conformance>\n'
        '  </rdf:Description>\n'
        + PDFUA_EXTENSION +
        ' </rdf:RDF>\n'
        '</x:xmpmeta>\n'
        '<?xpacket end="w"?>'
    )
