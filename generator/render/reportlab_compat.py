"""Everything the tool does with ReportLab beyond its public interface, in one room.

ReportLab has no tagged PDF, no way to share font subsets between documents and no setter for a
document's timestamp, so the tool reaches into it: private attributes, overridden private
methods, and a few process-wide replacements that remember work ReportLab repeats in every
document. All of that is here and nowhere else, each with the reason it exists. It was written
for ReportLab :data:`WRITTEN_FOR` (pinned in ``pyproject.toml``); :func:`install` refuses
another release, whose internals may differ, rather than draw wrong pages.

Nothing happens on import. :func:`install` applies the process-wide settings, once; it is
called where every canvas is made (:func:`generator.render.pdf.new_canvas`), so anything that
draws has it. Fonts are registered for measuring (:mod:`generator.fonts`) with ReportLab's public
interface; :func:`install` makes every TrueType font, registered before or after, one that can
share its subsets (:class:`SharedSubsetFont`).
"""

from __future__ import annotations

import base64
import re
import time
import zlib
from functools import cached_property, lru_cache
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen.canvas import Canvas

WRITTEN_FOR = "5.1"
_installed: list[bool] = []


def install() -> None:
    """Apply the process-wide settings and replacements below, once per process."""
    if _installed:
        return
    if not reportlab.Version.startswith(WRITTEN_FOR + "."):
        raise RuntimeError(f"generator.render.reportlab_compat was written for ReportLab {WRITTEN_FOR}, "
                           f"not {reportlab.Version}: install the version pyproject.toml names")
    # Images as binary streams: ASCII85 makes them a quarter larger, for nothing.
    rl_config.useA85 = 0
    # ReportLab names an image by an MD5 digest of all its pixels (and those of its alpha
    # channel), in every document it draws it in: 2 ms for the logo, in every piece of a pack.
    # The last few digests are remembered; the names are the same.
    rl_canvas._digester = pdfdoc._digester = lru_cache(maxsize=8)(rl_canvas._digester)
    # A stream with one filter names it (/Filter /FlateDecode) rather than listing it
    # (/Filter [/FlateDecode]); both mean the same, but qpdf, which puts packs together, copies
    # the first kind as it is and decompresses and compresses the second again.
    pdfdoc.PDFStream.format = _format_stream
    # Font subsets and the logo are compressed again in every document (every piece of a pack
    # embeds the same ones): the last compressions of large data are remembered.
    pdfdoc.zlib = _RememberingZlib(zlib)
    # Each subset's ToUnicode map: ReportLab's maps the codes it reserves for control characters
    # (0x00-0x1F of the first subset, never drawn) to U+0000-U+001F, which PDF/UA-1 forbids
    # (a veraPDF-class validator fails every font: PDFUA1-FONT-UNICODE-VALUE-001), and it is
    # made again in every document. Ours maps only the codes of characters that are drawn.
    ttfonts.makeToUnicodeCMap = lambda name, subset: _to_unicode_cmap(name, tuple(subset))
    # Every TrueType font, those registered already (for measuring, before anything was drawn) and
    # those registered later, can share its subsets between documents.
    for font in list(pdfmetrics._fonts.values()):
        _adopt(font)
    register = pdfmetrics.registerFont

    def registering(font):
        register(font)
        _adopt(font)

    pdfmetrics.registerFont = registering
    _installed.append(True)


def _paddable(dictionary) -> bool:
    """Whether a stream's data may take white space at its end: drawing instructions (a page's, a
    form's) may; a font (its length is said) and a picture (its size is) may not."""
    entries = dictionary.dict
    return not ({"Length1", "Length2", "Length3", "Width", "N"} & set(entries)) and \
        str(entries.get("Subtype", "")) != "/Image"


def _format_stream(self, document) -> bytes:
    """ReportLab's ``PDFStream.format``, naming a single filter (see :func:`install`), ending the
    data with an end of line as PDF/A asks, and
    writing no ``/Filter`` at all for a stream with none (ReportLab writes an empty array, which
    is legal PDF but stops a veraPDF-class validator reading the XMP metadata: PDF/UA-1 then
    fails for want of its identifier and title)."""
    dictionary = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
    content = self.content
    if content is None:
        raise ValueError("stream content not set")
    filters = self.filters if self.filters is not None else document.defaultStreamFilters
    encoded_here = bool(filters) and "Filter" not in dictionary.dict
    if encoded_here:  # applied last to first, as ReportLab does
        names = []
        for stream_filter in reversed(filters):
            content = stream_filter.encode(content)
            names.insert(0, pdfdoc.PDFName(stream_filter.pdfname))
        dictionary["Filter"] = pdfdoc.PDFArray(names)
    given = dictionary.dict.get("Filter")  # set above, or by the caller (images set their own)
    if isinstance(given, pdfdoc.PDFArray) and len(given.sequence) == 1:
        dictionary["Filter"] = given.sequence[0]
    if content[-1:] == b"\r" and encoded_here and _paddable(dictionary):
        # Compressed data that ends in CR (1 in 256): once a pack is put together, its end of line
        # before "endstream" is LF alone, and CR LF reads as the end of line (PDF/A's rule 6.1.7).
        # Drawing instructions may end in white space: one more changes the data's checksum.
        padded = self.content + (b"\n" if isinstance(self.content, bytes) else "\n")
        while True:
            content = padded
            for stream_filter in reversed(filters):
                content = stream_filter.encode(content)
            if content[-1:] != b"\r":
                break
            padded += padded[-1:]
    content = document.encrypt.encode(content)
    dictionary["Length"] = len(content)
    # An end of line before "endstream", not counted in /Length, as PDF/A asks (ReportLab writes
    # none): CR LF, so that data that itself ends in CR is not read as ending one byte early.
    return (pdfdoc.format(dictionary, document) + b"\nstream\n" + pdfdoc.format(content, document)
            + b"\r\nendstream\n")


@lru_cache(maxsize=256)
def _to_unicode_cmap(name: str, subset: tuple[int, ...]) -> str:
    """A subset's ToUnicode CMap, as ReportLab's ``makeToUnicodeCMap`` writes it, but mapping
    only codes whose character is drawn: not the control characters ReportLab reserves codes
    for (U+0000-U+001F), nor U+FEFF or U+FFFE; at most 100 entries a block, as the CMap
    specification (Adobe technical note 5411) requires."""
    pairs = [f"<{code:02X}> <{value:04X}>" for code, value in enumerate(subset)
             if value >= 0x20 and value not in (0xFEFF, 0xFFFE)]
    blocks = []
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({name})", f"/Ordering ({name})", "/Supplement 0", ">> def", f"/CMapName /{name} def",
        "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        *blocks, "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


class _RememberingZlib:
    """ReportLab's ``zlib``, remembering what it compressed last; the bytes are those of
    ``zlib.compress`` all the same."""

    KEPT = 64

    def __init__(self, module):
        self._module = module
        self._made: dict[bytes, bytes] = {}

    def __getattr__(self, name):
        return getattr(self._module, name)

    def compress(self, data, *args):
        if args or len(data) < 4096:  # page content is different every time: not worth keeping
            return self._module.compress(data, *args)
        data = bytes(data)
        if data not in self._made:
            if len(self._made) >= self.KEPT:
                del self._made[next(iter(self._made))]  # the oldest
            self._made[data] = self._module.compress(data)
        return self._made[data]


# -- canvases and documents -------------------------------------------------------------------

_PREAMBLE_TEXT = re.compile(r"(BT .*? ET)")


class HookedCanvas(Canvas):
    """A canvas that marks ReportLab's own page preamble as an artifact (it sets an initial font
    in a text object at the top of every page: no content may stand outside the structure) and
    calls :meth:`page_finished` as each page is closed."""

    def page_finished(self, page) -> None:
        """Called with ReportLab's page object as the page is closed; for subclasses."""

    def _make_preamble(self) -> None:
        super()._make_preamble()
        self._preamble = _PREAMBLE_TEXT.sub(r"/Artifact BMC \1 EMC", self._preamble)

    def _setAnnotations(self, page) -> None:
        super()._setAnnotations(page)
        if isinstance(page, pdfdoc.PDFPage):  # forms come through here too
            self.page_finished(page)


def document(canvas: Canvas) -> pdfdoc.PDFDocument:
    """The document a canvas writes (no public accessor)."""
    return canvas._doc


def emit(target, operator: str) -> None:
    """Append a raw operator (marked content) to a canvas's or a text object's content stream."""
    target._code.append(operator)


def add_annotation(canvas: Canvas, annotation: pdfdoc.PDFDictionary, name: str) -> None:
    """Add an annotation dictionary of our own to the current page (ReportLab's public link
    methods cannot carry ``/StructParent`` or ``/Contents``)."""
    canvas._addAnnotation(annotation, name)


def bookmark_reference(canvas: Canvas, name: str):
    """The destination of a ReportLab bookmark, for an annotation of our own."""
    return canvas._bookmarkReference(name)


def set_page_entries(page: pdfdoc.PDFPage, **entries) -> None:
    """Set entries of a page dictionary that ReportLab does not write by itself."""
    for key, value in entries.items():
        setattr(page, key, value)
    page.__NoDefault__ = [*page.__NoDefault__, *entries]


def set_timestamp(canvas: Canvas, epoch: int) -> None:
    """Date the document ``epoch`` (ReportLab reads the clock otherwise; there is no setter)."""
    stamp = TimeStamp(invariant=True)
    stamp.t = epoch
    stamp.lt = stamp.YMDhms = tuple(time.gmtime(epoch))[:6]
    canvas._doc._timeStamp = stamp


def share_subsets(canvas: Canvas, shared: bool) -> None:
    """Mark the canvas's document as one whose fonts are subset to be shared (see
    :class:`SharedSubsetFont`)."""
    canvas._doc.shared_subsets = shared


# -- images -----------------------------------------------------------------------------------

_IMAGE_FIELDS = ("name", "width", "height", "bitsPerComponent", "colorSpace", "_filters", "mask", "_decode")


def draw_image(canvas: Canvas, data: bytes, x: float, y: float, width: float, height: float) -> None:
    """``canvas.drawImage(ImageReader(file), x, y, width, height, mask="auto")`` for an image
    file's bytes, giving the same PDF bytes, with the image's object (its pixels compressed, its
    alpha channel a soft mask) made once and kept between runs (:mod:`generator.tables`):
    decoding and compressing a 512-pixel logo takes 20 ms, in every command that draws a page."""
    from generator.tables import kept

    record = kept("image", reportlab.Version.encode() + b"\0" + data, lambda: _image_record(data), shape=_image_shape)
    doc = canvas._doc
    name = record["name"]
    registered = doc.getXObjectName(name)
    if registered not in doc.idToObject:  # as drawImage registers an image the first time it is drawn
        image = _image_object(record)
        canvas._setXObjects(image)
        doc.Reference(image, registered)
        doc.addForm(name, image)
        if record["smask"] is not None:
            smask = _image_object(record["smask"])
            smask_name = doc.getXObjectName(smask.name)
            if smask_name not in doc.idToObject:
                canvas._setXObjects(smask)
                image.smask = doc.Reference(smask, smask_name)
            else:
                image.smask = pdfdoc.PDFObjectReference(smask_name)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)


def _image_record(data: bytes) -> dict:
    """What drawImage makes of an image, as data: ReportLab's own object, taken apart."""
    import io

    from reportlab.lib.utils import ImageReader

    install()
    reader = ImageReader(io.BytesIO(data))
    pixels = reader.getRGBData()  # as drawImage names it: by its pixels and its alpha channel's
    alpha = reader._dataA
    name = rl_canvas._digester(pixels + (alpha.getRGBData() if alpha else b"auto"))
    image = pdfdoc.PDFImageXObject(name, reader, mask="auto")
    image.name = name
    record = _fields(image)
    smask = getattr(image, "_smask", None)
    record["smask"] = _fields(smask) if smask is not None else None
    return record


def _image_shape(record) -> bool:
    """An image as :func:`_image_record` keeps it (its soft mask too), the content base64."""
    for found in (record, record["smask"]) if record.get("smask") is not None else (record,):
        if not (isinstance(found["name"], str) and isinstance(found["width"], int) and isinstance(found["height"], int)
                and isinstance(found["content"], str) and isinstance(found["_filters"], list)):
            return False
        base64.b64decode(found["content"], validate=True)
    return True


def _fields(image) -> dict:
    found = {field: getattr(image, field, None) for field in _IMAGE_FIELDS}
    found["_filters"] = list(found["_filters"])
    found["mask"] = list(found["mask"]) if found["mask"] is not None else None
    content = image.streamContent
    found["content"] = base64.b64encode(content if isinstance(content, bytes) else content.encode("latin-1")).decode()
    return found


def _image_object(record: dict) -> pdfdoc.PDFImageXObject:
    image = pdfdoc.PDFImageXObject(record["name"])
    for field in _IMAGE_FIELDS:
        if record[field] is not None:
            setattr(image, field, record[field])
    image._filters = tuple(record["_filters"])
    image.mask = tuple(record["mask"]) if record["mask"] is not None else None
    image.streamContent = base64.b64decode(record["content"])
    return image


# -- fonts ------------------------------------------------------------------------------------

# The repertoire every shared-subset document assigns first, in this order (see
# generator.render.reportlab_compat.SharedSubsetFont):
# Latin-1, Latin Extended-A (Welsh, Polish, Irish, Czech...) and the punctuation briefings use.
SHARED_REPERTOIRE = (
    "".join(chr(code) for code in range(0xA1, 0x180))
    + "\u2010\u2011\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2030\u2039\u203a"
    + "\u20ac\u2122\u2212\u2264\u2265\u2192\u2190\u2713\u00b7\u0174\u0175\u0176\u0177"
)


def _adopt(font) -> None:
    """Make a registered TrueType font a :class:`SharedSubsetFont` (its instance is kept: the
    measuring code holds it)."""
    if isinstance(font, TTFont) and not isinstance(font, SharedSubsetFont):
        font.__class__ = SharedSubsetFont
        font._wanted = SHARED_REPERTOIRE
        _remember_subsets(font.face)


class SharedSubsetFont(TTFont):
    """A TrueType font whose subsets can be shared between documents.

    ReportLab numbers the characters of an embedded subset in the order a document first uses
    them, so two documents never share a subset and the same text is drawn with different codes.
    In a document marked by :func:`share_subsets` (the pieces of a pack), this font first assigns
    ``repertoire``, in its order, and starts any other character in a fresh subset: every such
    document then embeds byte-identical subsets for the repertoire, which the pack keeps once.
    Other documents are subset as usual. Each distinct subset is also made once per process, and
    each subset's widths array formatted once (ReportLab remakes both in every document).
    """

    def __init__(self, name: str, path: str, repertoire: str = SHARED_REPERTOIRE):
        super().__init__(name, path)
        self._wanted = repertoire
        _remember_subsets(self.face)

    def splitString(self, text, doc, encoding="utf-8"):
        if getattr(doc, "shared_subsets", False) and doc not in self.state:
            super().splitString(self._repertoire, doc, encoding)
            state = self.state[doc]
            state.nextCode = -(-state.nextCode // 256) * 256  # other characters start a new subset
        state = self.state.get(doc)
        if state is not None and isinstance(text, str) and text:
            codes, known = self._first_subset(doc, state)
            if known.issuperset(text):  # every character has its code already, all in the first subset
                return [(0, text.translate(codes).encode("latin-1"))]
        return super().splitString(text, doc, encoding)

    @cached_property
    def _repertoire(self) -> str:
        return "".join(char for char in self._wanted if ord(char) in self.face.charToGlyph)

    @cached_property
    def _tables(self) -> WeakKeyDictionary:
        return WeakKeyDictionary()

    def _first_subset(self, doc, state) -> tuple[dict[int, int], frozenset[str]]:
        """The codes of the characters assigned to the first subset of ``doc`` so far, as a
        ``str.translate`` table, and those characters: what ReportLab's ``splitString`` gives one
        character at a time, for a text of them all at once (text is split for every word drawn)."""
        found = self._tables.get(doc)
        if found is None or found[0] != len(state.assignments):
            codes = {char: code for char, code in state.assignments.items() if code < 256}
            if 32 in codes:
                codes[0xA0] = codes[32]  # ReportLab draws a no-break space as a space
            found = self._tables[doc] = (len(state.assignments), codes, frozenset(map(chr, codes)))
        return found[1], found[2]

    def addObjects(self, doc):
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(self.state[doc].subsets))] \
            if doc in self.state else []
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name in names:
            fonts[name].Widths = _NumberArray(fonts[name].Widths.sequence)


class _NumberArray(pdfdoc.PDFArray):
    """A PDF array of plain numbers, formatted once for all documents."""

    @staticmethod
    @lru_cache(maxsize=256)
    def _formatted(numbers: tuple, document_format) -> bytes:
        return pdfdoc.PDFArray(numbers).format(document_format)

    def format(self, document, IND=b"\n "):
        return self._formatted(tuple(self.sequence), None)


def _remember_subsets(face) -> None:
    """Make each distinct subset of a face once per process."""
    make = face.makeSubset
    made: dict[tuple[int, ...], bytes] = {}

    def make_subset(subset):
        key = tuple(subset)
        if key not in made:
            made[key] = make(subset)
        return made[key]

    face.makeSubset = make_subset
