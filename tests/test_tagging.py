"""Tagged PDF: the structure tree holds every word in reading order, nothing is untagged, and
the PDF/UA checker passes, for every example briefing and for the pack."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import defaultdict

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from generator.commands.pack import make_pack, pack_settings
from generator.layout.page import plan_page
from generator.read.briefing import load_briefing
from generator.read.markup import plain_text
from generator.render.pdf import page_pdf
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml
from tests.pdftext import printed, squash

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "BI"}


def render(path, theme) -> bytes:
    briefing = load_briefing(path)
    return page_pdf(plan_page(briefing, theme), briefing, theme)


@pytest.fixture(scope="module")
def example_pdfs(partnership_theme):
    return {path.stem: render(path, partnership_theme) for path in EXAMPLE_FILES}


@pytest.fixture(scope="module")
def pack_pdf(tmp_path_factory, partnership_theme):
    folder = tmp_path_factory.mktemp("pack")
    for path in EXAMPLE_FILES:
        shutil.copy(path, folder / path.name)
    output = folder / "out" / "pack.pdf"
    make_pack([folder], output, PARTNERSHIP_THEME, pack_settings(title="Lessons learned", record_sheets=True,
                                                                duplex=True))
    return output.read_bytes()


class Tree:
    """The structure tree, with the text of each element's own marked content."""

    def __init__(self, pdf: bytes):
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            self.text: dict[tuple[int, int], str] = defaultdict(str)
            for number, page in enumerate(document.pages):
                for char in page.chars:
                    if char.get("mcid") is not None:
                        self.text[(number, char["mcid"])] += char["text"]
            self.roots = document.structure_tree

    def own_text(self, element) -> str:
        page = element.get("page_number", 1) - 1
        return "".join(self.text[(page, mcid)] for mcid in element.get("mcids", []) or [])

    def walk(self, element=None, depth=0):
        for child in (element or {}).get("children", []) if element else self.roots:
            yield child, depth
            yield from self.walk(child, depth + 1)

    def full_text(self, element) -> str:
        """The text of an element and everything in it, in the order it was drawn (marked content
        is numbered in drawing order on a page), so words in a Span or Link mid-sentence stay in
        their place."""
        found: list[tuple[int, int]] = []

        def collect(node) -> None:
            page = node.get("page_number", 1) - 1
            found.extend((page, mcid) for mcid in node.get("mcids", []) or [])
            for child in node.get("children", []):
                collect(child)

        collect(element)
        return "".join(self.text[key] for key in sorted(found))


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLE_FILES])
def test_structure_follows_the_briefing(example_pdfs, stem):
    briefing = load_briefing(EXAMPLES / f"{stem}.yaml")
    tree = Tree(example_pdfs[stem])
    [document] = tree.roots
    assert document["type"] == "Document"
    [sect] = document["children"]
    roles = [child["type"] for child in sect["children"]]
    assert roles[0] == "H1"
    assert squash(tree.own_text(sect["children"][0])) == squash(printed(briefing.title))
    sections = [child for child in sect["children"] if child["type"] == "Sect"]
    assert len(sections) == 7
    assert roles[-2:] == ["P", "P"]  # the footer, last
    for number, (element, section) in enumerate(zip(sections, briefing.sections, strict=True), 1):
        heading = element["children"][0]
        assert heading["type"] == "H2"
        assert squash(tree.own_text(heading)) == squash(f"{number} {printed(section.heading)}")
        body = squash("".join(tree.full_text(child) for child in element["children"][1:]))
        words = [squash(w) for w in printed(plain_text(section.blocks)).split()]
        words += [squash(w) for link in section.links for w in printed(link.label).split()]
        position = 0
        for word in words:
            found = body.find(word, position)
            assert found >= 0, f"section {number}: {word!r} missing from the structure tree"
            position = found + len(word)


def test_lists_and_links_have_their_roles(example_pdfs):
    tree = Tree(example_pdfs["08-child-protection-conferences"])
    roles = [element["type"] for element, _ in tree.walk()]
    assert {"L", "LI", "Lbl", "LBody", "Link", "Figure"} <= set(roles)
    for element, _ in tree.walk():
        if element["type"] == "LI":
            assert [c["type"] for c in element["children"]] == ["Lbl", "LBody"]
        if element["type"] == "Figure":
            assert element.get("alt_text")


def _unmarked_operators(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for number, page in enumerate(reader.pages):
        content = ContentStream(page.get_contents(), reader)
        depth = 0
        for _, operator in content.operations:
            op = operator.decode("latin-1")
            if op in ("BDC", "BMC"):
                depth += 1
            elif op == "EMC":
                depth -= 1
            elif op in PAINTING and depth == 0:
                found.append(f"page {number + 1}: {op}")
    return found


def test_every_content_operator_is_tagged_or_an_artifact(example_pdfs, pack_pdf):
    for stem, pdf in example_pdfs.items():
        assert _unmarked_operators(pdf) == [], stem
    assert _unmarked_operators(pack_pdf) == []


def _pdfua_problems(pdf: bytes, tmp_path) -> list[str]:
    from pdfua.validator import validate

    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    report = validate(str(path))
    problems = [f"{o.rule_id}: {f.message}" for o in report.outcomes for f in o.findings]
    problems += [f"{o.rule_id} skipped: {o.skipped_reason}" for o in report.outcomes if o.skipped_reason]
    return problems


def test_pdfua_checker_passes(example_pdfs, pack_pdf, tmp_path):
    for stem, pdf in example_pdfs.items():
        assert _pdfua_problems(pdf, tmp_path) == [], stem
    assert _pdfua_problems(pack_pdf, tmp_path) == []


def test_catalog_and_metadata(example_pdfs):
    reader = PdfReader(io.BytesIO(example_pdfs["04-reachable-and-critical-moments"]))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF boolean object
    assert root["/Lang"] == "en-GB"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "Reachable and critical moments" in xmp
    page = reader.pages[0]
    assert page["/Tabs"] == "/S"
    for annotation in page["/Annots"]:
        annotation = annotation.get_object()
        assert "/StructParent" in annotation
        assert str(annotation["/Contents"]).startswith("Link: ")


def test_annotations_belong_to_link_elements(example_pdfs):
    reader = PdfReader(io.BytesIO(example_pdfs["04-reachable-and-critical-moments"]))
    page = reader.pages[0]
    parents = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    owners = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
    for annotation in page["/Annots"]:
        owner = owners[int(annotation.get_object()["/StructParent"])].get_object()
        assert owner["/S"] == "/Link"


def test_pack_is_tagged_with_a_table_of_contents(pack_pdf):
    tree = Tree(pack_pdf)
    roles = [element["type"] for element, _ in tree.walk()]
    assert roles.count("TOCI") == 8
    assert roles.count("H1") == 1 + 1 + 8  # the cover, the contents, then each briefing
    toc = next(element for element, _ in tree.walk() if element["type"] == "TOC")
    first = toc["children"][0]
    assert [c["type"] for c in first["children"]][:2] == ["Lbl", "Link"]
    assert "Record of discussion" in "".join(tree.full_text(e) for e, _ in tree.walk() if e["type"] == "P")


def test_page_numbers_are_pagination_artifacts(pack_pdf):
    tree = Tree(pack_pdf)
    everything = "".join(tree.full_text(root) for root in tree.roots)
    assert "Page 5 of" not in everything
    assert "Page 5 of" in PdfReader(io.BytesIO(pack_pdf)).pages[4].extract_text()


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_pdfinfo_reports_tagged(example_pdfs, tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(example_pdfs["01-panel-annual-report-2018-19"])
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", output, re.MULTILINE)


def test_generated_briefing_with_inline_links_is_tagged(write, default_theme, tmp_path):
    body = "See [the guidance](https://example.org/g) and [the report](https://example.org/r) today."
    pdf = render(write(briefing_yaml(body=body)), default_theme)
    tree = Tree(pdf)
    links = [e for e, _ in tree.walk() if e["type"] == "Link"]
    assert len(links) == 28  # each in the text, and again with its address at the end of its section
    texts = [squash(tree.full_text(link)) for link in links]
    assert texts[:2] == ["theguidance", "thereport"]
    assert texts[2:4] == ["theguidancehttps://example.org/g", "thereporthttps://example.org/r"]
    assert _unmarked_operators(pdf) == []
    assert _pdfua_problems(pdf, tmp_path) == []
