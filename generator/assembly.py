"""Putting a pack together: the frame's pages and each briefing's cached piece, in one PDF.

The pieces (:func:`generator.render.pack.render_piece`) are small tagged PDFs drawn once per
briefing and cached; the frame (:func:`generator.render.pack.render_frame`) holds the cover,
contents, blank pages and a "Page n of N" for every other page. Here, with pikepdf (qpdf):

- each piece's pages go into their places, and its structure elements under the pack's
  ``Document`` element, with the parent tree renumbered, so the pack stays one tagged PDF;
- each page number is laid over its page as a form (marked as a pagination artifact);
- fonts, images and forms that are the same in several pieces are kept once: the pieces are
  drawn with shared font subsets (:class:`generator.fonts.SharedSubsetFont`), so a 100-briefing
  pack embeds each face once, as if it had been drawn as one document;
- contents entries link to their briefings; bookmarks, page labels and the page mode are set;
- small objects go into compressed object streams, and the file's /ID comes from its content.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from generator.render.pack import Frame, Stamp


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


def assemble(frame: Frame, pieces: list[tuple[Path, tuple]], bookmarks: list[Bookmark]) -> bytes:
    """The finished pack: ``pieces[n]`` holds briefing n's page (and record sheet), with its
    :func:`resource_keys`."""
    pdf = pikepdf.open(io.BytesIO(frame.pdf))
    number_font = _find_font(pdf, frame.number_font)
    tree = _StructureTree(pdf)
    sharing = _Sharing()
    for page in pdf.pages:
        sharing.keep(page)
    sources = []
    for physical, slot in enumerate(frame.slots):
        if slot.kind not in ("briefing", "record"):
            continue
        path, shared = pieces[slot.index]
        if slot.kind == "briefing":
            source = pikepdf.open(path)
            sources.append(source)
            sharing.take_out(source, shared)
        source = sources[slot.index]
        index = 0 if slot.kind == "briefing" else 1
        pdf.pages.insert(physical, source.pages[index])
        page = pdf.pages[physical]
        sharing.put_back(page, [item[1:] for item in shared if item[0] == index])
        _stamp(pdf, page, frame.stamps[physical], number_font)
        if (slot.kind == "briefing" and len(source.pages) == 1) or slot.kind == "record":
            tree.adopt(source, [pdf.pages[p] for p in range(physical - len(source.pages) + 1, physical + 1)])
    tree.finish()
    _link_contents(pdf, frame)
    _outline(pdf, frame, bookmarks)
    _page_labels(pdf, frame)
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True,
             compress_streams=True, recompress_flate=False)
    for source in sources:  # only now: qpdf reads the pieces' stream data as it writes the pack
        source.close()
    return out.getvalue()


def _find_font(pdf: pikepdf.Pdf, base_font: str) -> pikepdf.Object:
    for page in pdf.pages:
        for font in page.obj.Resources.get(Name.Font, Dictionary()).values():
            if str(font.get(Name.BaseFont)) == "/" + base_font:
                return font
    raise AssertionError(f"the frame has no font {base_font}")  # render_frame draws with it


def _stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, stamp: Stamp, font: pikepdf.Object) -> None:
    """Print a page number over ``page``, as a form marked as a pagination artifact."""
    r, g, b = stamp.rgb
    form = pdf.make_stream(
        f"BT /Number {stamp.size:g} Tf {r:.4f} {g:.4f} {b:.4f} rg 1 0 0 1 {stamp.x:.3f} {stamp.y:.3f} Tm "
        f"({stamp.text}) Tj ET".encode("ascii"),
        Type=Name.XObject, Subtype=Name.Form, BBox=page.obj.MediaBox,
        Resources=Dictionary(Font=Dictionary(Number=font)))
    resources = Dictionary(page.obj.get(Name.Resources, Dictionary()))  # a copy: ReportLab shares them
    xobjects = Dictionary(resources.get(Name.XObject, Dictionary()))
    xobjects[Name.PageNumber] = form
    resources[Name.XObject] = xobjects
    page.obj[Name.Resources] = resources
    page.contents_add(pdf.make_stream(b"/Artifact <</Type /Pagination>> BDC q /PageNumber Do Q EMC"))


class _StructureTree:
    """The frame's structure tree, growing a piece at a time."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        root = pdf.Root.StructTreeRoot
        self.root = root
        document = root.K[0] if isinstance(root.K, Array) else root.K
        self.document = document
        if not isinstance(document.K, Array):
            document.K = Array([document.K])
        self.nums = list(root.ParentTree.Nums)
        self.next_key = int(root.ParentTreeNextKey)

    def adopt(self, source: pikepdf.Pdf, pages: list[pikepdf.Page]) -> None:
        """Move a piece's structure elements under the pack's ``Document`` element. ``pages`` are
        the piece's pages as already copied into the pack (so the elements' pages and annotations
        are those copies), in order."""
        pdf = self.pdf
        root = source.Root.StructTreeRoot
        document = root.K[0] if isinstance(root.K, Array) else root.K
        del document.P  # so copying the element does not copy the piece's tree root with it
        copied = pdf.copy_foreign(document)
        for kid in copied.K if isinstance(copied.K, Array) else [copied.K]:
            kid.P = self.document
            self.document.K.append(kid)
        nums = pdf.copy_foreign(root.ParentTree).Nums
        renumbered: dict[int, int] = {}
        for index in range(0, len(nums), 2):
            renumbered[int(nums[index])] = self.next_key
            self.nums += [self.next_key, nums[index + 1]]
            self.next_key += 1
        for page in pages:
            if Name.StructParents in page.obj:
                page.obj.StructParents = renumbered[int(page.obj.StructParents)]
            for annotation in page.obj.get(Name.Annots, Array()):
                if Name.StructParent in annotation:
                    annotation.StructParent = renumbered[int(annotation.StructParent)]

    def finish(self) -> None:
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(self.nums)))
        self.root.ParentTreeNextKey = self.next_key


def _digest(stream: pikepdf.Stream) -> bytes:
    return hashlib.sha1(stream.read_raw_bytes()).digest()


def _unparsed(value) -> bytes:
    return value.unparse() if isinstance(value, pikepdf.Object) else repr(value).encode()


class _Sharing:
    """Fonts, images and forms compared by what they draw, so that equal ones are kept once.

    A piece's resources that the pack already has are taken out of the piece before its pages
    are copied (so they are never copied) and the pack's own put in their place afterwards."""

    def __init__(self):
        self.kept: dict[tuple, pikepdf.Object] = {}

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
                            if name not in ("/SMask", "/Length"))
            key = ("image", entries, _digest(obj), _Sharing.key(mask, memo) if mask is not None else ())
        elif obj.get(Name.Subtype) == Name.Form and isinstance(obj, pikepdf.Stream):
            resources = obj.get(Name.Resources, Dictionary())
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
        """Offer a page's resources (already in the pack) for sharing."""
        memo: dict = {}
        for _, entries, name in self.entries(page):
            self.kept.setdefault(self.digest(entries[name], memo), entries[name])

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


def _link_contents(pdf: pikepdf.Pdf, frame: Frame) -> None:
    """Point each contents entry (a link to ``briefing-n``) at its briefing's page."""
    starts = {f"briefing-{slot.index + 1}": physical for physical, slot in enumerate(frame.slots)
              if slot.kind == "briefing"}
    for physical, slot in enumerate(frame.slots):
        if slot.kind != "contents":
            continue
        for annotation in pdf.pages[physical].obj.get(Name.Annots, Array()):
            destination = annotation.get(Name.Dest)
            if isinstance(destination, String) and str(destination) in starts:
                annotation.Dest = Array([pdf.pages[starts[str(destination)]].obj, Name.Fit])


def _outline(pdf: pikepdf.Pdf, frame: Frame, bookmarks: list[Bookmark]) -> None:
    contents = next(physical for physical, slot in enumerate(frame.slots) if slot.kind == "contents")
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Contents", contents))
        for physical, slot in enumerate(frame.slots):
            if slot.kind != "briefing":
                continue
            bookmark = bookmarks[slot.index]
            item = pikepdf.OutlineItem(f"{slot.index + 1}. {bookmark.title}", physical)
            item.is_closed = True
            for title, top in bookmark.sections:
                item.children.append(pikepdf.OutlineItem(title, physical, "XYZ", top=top))
            outline.root.append(item)
    pdf.Root.PageMode = Name.UseOutlines


def _page_labels(pdf: pikepdf.Pdf, frame: Frame) -> None:
    """Cover, (Cover (back)), contents i, ii..., then 1, 2... from the first briefing."""
    contents = next(physical for physical, slot in enumerate(frame.slots) if slot.kind == "contents")
    nums = [0, Dictionary(P=String("Cover"))]
    if contents > 1:
        nums += [1, Dictionary(P=String("Cover (back)"))]
    nums += [contents, Dictionary(S=Name.r, St=1), frame.first_main, Dictionary(S=Name.D, St=1)]
    pdf.Root.PageLabels = Dictionary(Nums=Array(nums))
