"""Putting a pack together: the frame's pages and each briefing's cached piece, in one PDF.

The pieces (:func:`generator.pack.draw.render_piece`) are small tagged PDFs drawn once per
briefing and cached; the frame (:func:`generator.pack.draw.render_frame`) holds the cover,
contents and blank pages, and says what page number goes where. Here, with pikepdf (qpdf):

- each piece's pages go into their places, and its structure elements under the pack's
  ``Document`` element, with the parent tree renumbered, so the pack stays one tagged PDF;
- each page number is stamped on its page as a form (marked as a pagination artifact);
- fonts, images and forms that are the same in several pieces are kept once: the pieces are
  drawn with shared font subsets (:class:`generator.fonts.SharedSubsetFont`), so a 100-briefing
  pack embeds each face once, as if it had been drawn as one document;
- contents entries link to their briefings; bookmarks, page labels and the page mode are set;
- small objects go into compressed object streams, and the file's /ID comes from its content.

There is one way to make a pack: this, from every piece, every time. The pieces are what is
worth keeping between runs (:mod:`generator.cache`); putting them together takes a few hundred
milliseconds for a hundred briefings.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import zlib
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from generator.pack.frame import Frame, Stamp


@dataclass(frozen=True)
class Bookmark:
    """A briefing's bookmark, and one nested bookmark per section at the top of its box."""

    title: str
    sections: tuple[tuple[str, float], ...]


def resource_keys(piece: bytes) -> tuple[tuple[int, str, str, tuple], ...]:
    """For each page of a piece, what each of its fonts, images and forms is (page, kind, name,
    key). Worked out once, when the piece is drawn, and cached with it."""
    with pikepdf.open(io.BytesIO(piece)) as pdf:
        memo: dict = {}
        return tuple((index, str(kind), str(name), _Sharing.digest(entries[name], memo))
                     for index, page in enumerate(pdf.pages) for kind, entries, name in _Sharing.entries(page))


def assemble(frame: Frame, pieces: list[tuple[bytes, tuple]], bookmarks: list[Bookmark]) -> bytes:
    """The finished pack's bytes: ``pieces[n]`` holds briefing n's page (and record sheet) as a
    PDF, with its :func:`resource_keys`. The same frame and pieces give the same bytes."""
    pdf = _assemble(frame, pieces, bookmarks, _Sharing())
    for salt in range(SALTS):
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True,
                 compress_streams=True, recompress_flate=False)  # (PDF/A kept: a new line before endstream)
        data = out.getvalue()
        if not _ends_in_cr(data):
            break
        # qpdf ends a stream with LF: after data whose last byte is CR, a validator reads CR LF as
        # the end of line, and the data as a byte shorter than its /Length (PDF/A's rule 6.1.7).
        # The streams qpdf compresses (object streams, the cross-reference stream) hold object
        # numbers: a few more objects early on renumber what follows, and change them all.
        _salt(pdf, salt + 1)
    pdf.close()
    return data


SALTS = 16  # saves tried: each has a 1 in 256 chance, an object stream at a time, of ending in CR


def _ends_in_cr(data: bytes) -> bool:
    """Whether a stream of the saved file has data whose last byte is CR."""
    import re

    for found in re.finditer(rb"/Length (\d+)[^>]*>>\s*stream(\r\n|\n)", data):
        end = found.end() + int(found.group(1))
        if data[end - 1:end] == b"\r":
            return True
    return False


def _salt(pdf: pikepdf.Pdf, count: int) -> None:
    """Renumber the pack's objects without changing what it says: ``count`` empty entries in
    its structure tree's class map (which no element uses), written before the rest."""
    pdf.Root.StructTreeRoot.ClassMap = pdf.make_indirect(Dictionary(
        {f"/Unused{index}": pdf.make_indirect(Dictionary()) for index in range(count)}))


def _assemble(frame: Frame, pieces: list[tuple[bytes, tuple]], bookmarks: list[Bookmark],
              sharing: _Sharing) -> pikepdf.Pdf:
    pdf = pikepdf.open(io.BytesIO(frame.pdf))
    number_font = _find_font(pdf, frame.number_font)
    tree = _StructureTree(pdf)
    for page in pdf.pages:  # the frame's own pages
        sharing.keep(page)
    source = None
    for physical, slot in enumerate(frame.slots):
        if slot.kind not in ("briefing", "record"):
            continue
        data, shared = pieces[slot.index]
        if slot.kind == "briefing":
            source = pikepdf.open(io.BytesIO(data))
            sharing.take_out(source, shared)
        _put_page(pdf, physical, source, 0 if slot.kind == "briefing" else 1, shared, sharing, frame, number_font)
        if (slot.kind == "briefing" and len(source.pages) == 1) or slot.kind == "record":
            tree.adopt(source, [pdf.pages[p] for p in range(physical - len(source.pages) + 1, physical + 1)])
            source.close()  # everything copied from a piece is copied at once, stream data too
    tree.finish()
    _finish(pdf, frame, bookmarks)
    return pdf


def _put_page(pdf: pikepdf.Pdf, physical: int, source: pikepdf.Pdf, number: int, shared: tuple, sharing: _Sharing,
              frame: Frame, number_font: pikepdf.Object) -> None:
    """Copy page ``number`` of a piece to page ``physical`` of the pack, with the pack's copies
    of the resources it shares and its page number stamped on it."""
    pdf.pages.insert(physical, source.pages[number])
    page = pdf.pages[physical]
    sharing.put_back(page, [item[1:] for item in shared if item[0] == number])
    _stamp(pdf, page, frame.stamps[physical], number_font)


def _finish(pdf: pikepdf.Pdf, frame: Frame, bookmarks: list[Bookmark]) -> None:
    """Links, bookmarks, page labels, and the form of the record sheets' fields."""
    _form(pdf)
    _link_contents(pdf, frame)
    _outline(pdf, frame, bookmarks)
    _page_labels(pdf, frame)


def _find_font(pdf: pikepdf.Pdf, base_font: str) -> pikepdf.Object:
    for page in pdf.pages:
        for font in page.obj.Resources.get(Name.Font, Dictionary()).values():
            if str(font.get(Name.BaseFont)) == "/" + base_font:
                return font
    raise AssertionError(f"the frame has no font {base_font}")  # render_frame draws with it


def _stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, stamp: Stamp, font: pikepdf.Object) -> None:
    """Print a page number over ``page``, as a form marked as a pagination artifact."""
    r, g, b = stamp.rgb
    drawing = (f"BT /Number {stamp.size:g} Tf {r:.4f} {g:.4f} {b:.4f} rg 1 0 0 1 {stamp.x:.3f} {stamp.y:.3f} Tm "
               f"({stamp.text}) Tj ET")
    form = _compressed(pdf, drawing.encode("ascii"), Type=Name.XObject, Subtype=Name.Form, BBox=page.obj.MediaBox,
                       Resources=Dictionary(Font=Dictionary(Number=font)))
    resources = Dictionary(page.obj.get(Name.Resources, Dictionary()))  # a copy: ReportLab shares them
    xobjects = Dictionary(resources.get(Name.XObject, Dictionary()))
    xobjects[Name.PageNumber] = form
    resources[Name.XObject] = xobjects
    page.obj[Name.Resources] = resources
    page.contents_add(_compressed(pdf, b"/Artifact <</Type /Pagination>> BDC q /PageNumber Do Q EMC"))


def _compressed(pdf: pikepdf.Pdf, data: bytes, **entries) -> pikepdf.Stream:
    """A new stream, compressed now (qpdf copies compressed streams as they are), of drawing
    instructions: white space after them keeps the compressed data from ending in CR (see
    :func:`assemble`)."""
    packed = zlib.compress(data)
    while packed.endswith(b"\r"):
        data += b" "
        packed = zlib.compress(data)
    return pdf.make_stream(packed, Filter=Name.FlateDecode, **entries)


class _StructureTree:
    """The frame's structure tree, with the pieces' elements under its ``Document`` element in
    page order, and its parent tree numbered in that order too (frame first, then each piece),
    so that key ``k`` is the ``k``-th entry. Both are changed where they are, not rebuilt."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        root = pdf.Root.StructTreeRoot
        self.root = root
        self.document = root.K[0] if isinstance(root.K, Array) else root.K
        if not isinstance(self.document.K, Array):
            self.document.K = Array([self.document.K])
        self.kids = self.document.K
        self.nums = root.ParentTree.Nums
        self.next_key = int(root.ParentTreeNextKey)

    def _copy(self, source: pikepdf.Pdf, pages: list[pikepdf.Page]) -> tuple[list, list]:
        """A piece's elements and parent-tree values, copied into the pack (its pages already
        are, so the elements point at those copies); its pages and annotations numbered from 0."""
        root = source.Root.StructTreeRoot
        document = root.K[0] if isinstance(root.K, Array) else root.K
        del document.P  # so copying the element does not copy the piece's tree root with it
        copied = self.pdf.copy_foreign(document)
        kids = list(copied.K) if isinstance(copied.K, Array) else [copied.K]
        for kid in kids:
            kid.P = self.document
        nums = self.pdf.copy_foreign(root.ParentTree).Nums
        local = {int(nums[index]): index // 2 for index in range(0, len(nums), 2)}
        for page in pages:
            _renumber(page, lambda key: local[key])
        return kids, [nums[index] for index in range(1, len(nums), 2)]

    def adopt(self, source: pikepdf.Pdf, pages: list[pikepdf.Page]) -> None:
        """Add a piece's structure after everything so far."""
        kids, values = self._copy(source, pages)
        base = self.next_key
        for page in pages:
            _renumber(page, lambda key: base + key)
        for kid in kids:
            self.kids.append(kid)
        for index, value in enumerate(values):
            self.nums.append(base + index)
            self.nums.append(value)
        self.next_key += len(values)

    def finish(self) -> None:
        self.root.ParentTree.Nums = self.nums
        self.root.ParentTreeNextKey = self.next_key


def _renumber(page: pikepdf.Page, new_key) -> None:
    """Give a page and its annotations their new parent-tree keys."""
    if Name.StructParents in page.obj:
        page.obj.StructParents = new_key(int(page.obj.StructParents))
    for annotation in page.obj.get(Name.Annots, Array()):
        if Name.StructParent in annotation:
            annotation.StructParent = new_key(int(annotation.StructParent))


def _names_resources(form: pikepdf.Stream) -> bool:
    """Whether a form's drawing names any resource (a QR code's rectangles name none)."""
    return b"/" in form.read_bytes()


_DECODED: dict[bytes, bytes] = {}  # the digest of an encoding -> the digest of what it decodes to


def _digest(stream: pikepdf.Stream) -> bytes:
    """What a stream holds, however it is encoded (qpdf may re-encode it as it writes a pack).
    Decoding is done once per distinct encoding: every piece embeds the same fonts and logo."""
    encoded = hashlib.sha1(stream.read_raw_bytes() + _unparsed(stream.get(Name.Filter))
                           + _unparsed(stream.get(Name.DecodeParms))).digest()
    if encoded not in _DECODED:
        _DECODED[encoded] = hashlib.sha1(stream.read_bytes()).digest()
    return _DECODED[encoded]


def _unparsed(value) -> bytes:
    return value.unparse() if isinstance(value, pikepdf.Object) else repr(value).encode()


class _Sharing:
    """Fonts, images and forms compared by what they draw, so that equal ones are kept once.

    A piece's resources that the pack already has are taken out of the piece before its pages
    are copied (so they are never copied) and the pack's own put in their place afterwards."""

    def __init__(self):
        self.kept: dict[bytes, pikepdf.Object] = {}
        self.memo: dict = {}  # keys of the pack's own objects, worked out once each

    @staticmethod
    def key(obj: pikepdf.Object, memo: dict) -> tuple:
        """What makes a font, an image or a form what it is (anything else: only itself)."""
        if obj.objgen in memo:
            return memo[obj.objgen]
        memo[obj.objgen] = ("object", id(memo), obj.objgen)  # meanwhile: a cycle compares unequal
        key: tuple = memo[obj.objgen]
        if obj.get(Name.Type) == Name.Font and Name.FontDescriptor in obj:
            program = obj.FontDescriptor.get(Name.FontFile2)
            key = ("font", str(obj.BaseFont), int(obj.FirstChar), int(obj.LastChar), obj.Widths.unparse(),
                   _digest(obj.ToUnicode) if Name.ToUnicode in obj else b"",
                   _digest(program) if program is not None else b"")
        elif obj.get(Name.Subtype) == Name.Image:
            mask = obj.get(Name.SMask)
            entries = tuple((str(name), _unparsed(obj[name])) for name in sorted(obj.keys())
                            if name not in ("/SMask", "/Length", "/Filter", "/DecodeParms"))
            key = ("image", entries, _digest(obj), _Sharing.key(mask, memo) if mask is not None else ())
        elif obj.get(Name.Subtype) == Name.Form and isinstance(obj, pikepdf.Stream):
            resources = obj.get(Name.Resources, Dictionary()) if _names_resources(obj) else Dictionary()
            used = tuple((str(kind), str(name), _Sharing.key(value, memo)) for kind in (Name.Font, Name.XObject)
                         for name, value in resources.get(kind, Dictionary()).items() if value.is_indirect)
            key = ("form", _digest(obj), _unparsed(obj.get(Name.BBox)), _unparsed(obj.get(Name.Matrix)), used)
        memo[obj.objgen] = key
        return key

    @staticmethod
    def digest(obj: pikepdf.Object, memo: dict) -> bytes:
        """:meth:`key` as a short digest: cheap to store, compare and look up."""
        return hashlib.sha1(repr(_Sharing.key(obj, memo)).encode()).digest()

    @staticmethod
    def entries(page: pikepdf.Page):
        """(kind, the resource dictionary of that kind, name) for each font and XObject."""
        resources = page.obj.get(Name.Resources, Dictionary())
        for kind in (Name.Font, Name.XObject):
            entries = resources.get(kind)
            if entries is not None:
                for name in list(entries.keys()):
                    if entries[name].is_indirect:
                        yield kind, entries, name

    def keep(self, page: pikepdf.Page) -> None:
        """Offer the resources of a page already in the pack for sharing."""
        for _, entries, name in self.entries(page):
            self.kept.setdefault(self.digest(entries[name], self.memo), entries[name])

    def take_out(self, source: pikepdf.Pdf, shared: tuple) -> None:
        """Take out of a piece's pages every resource the pack already has."""
        resources: dict[tuple[int, str], pikepdf.Object | None] = {}
        for index, kind, name, key in shared:
            if key in self.kept:
                if (index, kind) not in resources:
                    resources[index, kind] = source.pages[index].obj.Resources.get(kind)
                entries = resources[index, kind]
                if entries is not None and name in entries:
                    del entries[name]

    def put_back(self, page: pikepdf.Page, shared: list[tuple[str, str, bytes]]) -> None:
        """Give a copied page the pack's resources where they were taken out, and keep the rest."""
        resources = page.obj.Resources
        found = {kind: resources.get(kind) for kind in {kind for kind, _, _ in shared}}
        for kind, name, key in shared:
            entries = found[kind]
            if entries is None:
                continue
            if name in entries:
                self.kept.setdefault(key, entries[name])
            elif key in self.kept:
                entries[name] = self.kept[key]


def _form(pdf: pikepdf.Pdf) -> None:
    """The pack's form: every field of every record sheet, as their pieces had it."""
    fields = [annotation for page in pdf.pages for annotation in page.obj.get(Name.Annots, Array())
              if annotation.get(Name.Subtype) == Name.Widget]
    if not fields:
        return
    helvetica = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    pdf.Root.AcroForm = pdf.make_indirect(Dictionary(
        Fields=Array(fields), DA=String("/Helv 10 Tf 0 g"),  # each field has its appearance (PDF/A)
        DR=Dictionary(Font=Dictionary(Helv=pdf.make_indirect(helvetica)))))


def _link_contents(pdf: pikepdf.Pdf, frame: Frame) -> None:
    """Define the named destinations the contents entries link to (``briefing-n``: its page)."""
    starts = {f"briefing-{slot.index + 1}": physical for physical, slot in enumerate(frame.slots)
              if slot.kind == "briefing"}
    names = []
    for name in sorted(starts):  # a name tree lists its names in order
        names += [String(name), Array([pdf.pages[starts[name]].obj, Name.Fit])]
    pdf.Root.Names = Dictionary(Dests=pdf.make_indirect(Dictionary(Names=Array(names))))


def _outline(pdf: pikepdf.Pdf, frame: Frame, bookmarks: list[Bookmark]) -> None:
    """Bookmarks: "Contents", then each briefing (closed) with one bookmark per section."""
    contents = next(physical for physical, slot in enumerate(frame.slots) if slot.kind == "contents")
    pages = pdf.pages
    entries: list[tuple[str, Array, list]] = [(frame.names[0], Array([pages[contents].obj, Name.Fit]), [])]
    for physical, slot in enumerate(frame.slots):
        if slot.kind == "briefing":
            bookmark = bookmarks[slot.index]
            page = pages[physical].obj
            sections = _section_entries(page, bookmark)
            entries.append((f"{slot.index + 1}. {bookmark.title}", Array([page, Name.Fit]), sections))
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    root.Count = _outline_level(pdf, root, entries)
    pdf.Root.Outlines = root
    pdf.Root.PageMode = Name.UseOutlines


def _section_entries(page: pikepdf.Object, bookmark: Bookmark) -> list:
    """A briefing's section bookmarks, each at the top of its section's box on ``page``."""
    return [(title, Array([page, Name.XYZ, None, top, None]), []) for title, top in bookmark.sections]


def _outline_level(pdf: pikepdf.Pdf, parent: pikepdf.Object, entries: list) -> int:
    """Outline items under ``parent``, linked in order; items with children are closed."""
    items = []
    for title, destination, children in entries:
        item = pdf.make_indirect(Dictionary(Title=String(title), Parent=parent, Dest=destination))
        if children:
            item.Count = -_outline_level(pdf, item, children)
        items.append(item)
    for before, after in itertools.pairwise(items):
        before.Next, after.Prev = after, before
    parent.First, parent.Last = items[0], items[-1]
    return len(items)


def _page_labels(pdf: pikepdf.Pdf, frame: Frame) -> None:
    """"Cover", then 2, 3... as the pages are numbered in print."""
    pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(P=String(frame.names[1])), 1,
                                                 Dictionary(S=Name.D, St=2)]))
