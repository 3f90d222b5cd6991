"""PDF/UA-1 as an auditor's validator judges it: page-validation (an independent validator that
passes the veraPDF and Isartor corpora) on every kind of PDF the tool writes, with both example
themes, in English and in Welsh: briefing pages, record sheets, a double-sided pack with record
sheets and the pieces it caches, a bilingual pack, slide decks and the impact summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, WELSH_EXAMPLE, copy_examples

page = pytest.importorskip("page", reason="page-validation is in the test extra")

THEMES = {"partnership": PARTNERSHIP_THEME, "built-in": None}


def _run(*args) -> None:
    from generator.cli import main

    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _impact(folder: Path, pack: Path, theme: Path | None) -> Path:
    """An impact summary from two filled record sheets of ``pack``."""
    reader = PdfReader(pack)
    writer = PdfWriter(clone_from=reader)
    fields = [name for name in reader.get_fields() if name.startswith("rs_") and name.endswith("_team")]
    for number, name in enumerate(fields[:2]):
        version = name.split("_")[1]
        values = {name: f"Tîm {number + 1}", f"rs_{version}_date": f"2021-02-1{number}",
                  f"rs_{version}_attendees": "6", f"rs_{version}_action_1_what": "Audit our cases"}
        for sheet in writer.pages:
            writer.update_page_form_field_values(sheet, values, auto_regenerate=False)
    filled = folder / "filled.pdf"
    writer.write(filled)
    _run("impact", filled, "-o", folder / "impact", *(["--theme", theme] if theme else []))
    return folder / "impact" / "impact.pdf"


@pytest.fixture(scope="module", params=list(THEMES))
def written(request, tmp_path_factory) -> dict[str, Path]:
    """Every kind of PDF, written by the commands a board runs."""
    theme = THEMES[request.param]
    folder = tmp_path_factory.mktemp(f"conformance-{request.param}")
    themed = ["--theme", theme] if theme else []
    briefings = copy_examples(folder / "briefings", 3, welsh=True)
    english = briefings / "01-panel-annual-report-2018-19.yaml"
    welsh = briefings / WELSH_EXAMPLE.name
    _run("build", english, welsh, "-o", folder / "pages", "--record-sheet", *themed)
    _run("pack", briefings, "-o", folder / "pack" / "pack.pdf", "--duplex", "--record-sheets", *themed)
    english_pair = folder / "06-information-sharing-and-consent.yaml"
    shutil.copy(EXAMPLES / english_pair.name, english_pair)
    _run("pack", welsh, english_pair, "-o",
         folder / "bilingual" / "pack.pdf", "--languages", "cy,en", "--duplex", *themed)
    _run("slides", english, welsh, "-o", folder / "slides", *themed)
    found = {
        "page": folder / "pages" / "01-panel-annual-report-2018-19.pdf",
        "page in Welsh": folder / "pages" / f"{welsh.stem}.pdf",
        "record sheet": folder / "pages" / "01-panel-annual-report-2018-19-record.pdf",
        "record sheet in Welsh": folder / "pages" / f"{welsh.stem}-record.pdf",
        "pack, double-sided, with record sheets": folder / "pack" / "pack.pdf",
        "bilingual pack": folder / "bilingual" / "pack.pdf",
        "slides": folder / "slides" / "01-panel-annual-report-2018-19-slides.pdf",
        "slides in Welsh": folder / "slides" / f"{welsh.stem}-slides.pdf",
        "impact summary": _impact(folder, folder / "pack" / "pack.pdf", theme),
    }
    pieces = sorted((folder / "pack" / ".cache").rglob("*.pdf"))
    assert pieces, "the pack caches its pieces"
    found.update({f"cached piece {path.name[:12]}": path for path in pieces})
    welsh_theme = folder / "cy" / "theme.yaml"  # the summary in a Welsh board's language
    welsh_theme.parent.mkdir()
    welsh_theme.write_text("organisation: Bwrdd Diogelu Plant\nlanguage: cy\n", encoding="utf-8")
    if theme is None:
        found["impact summary in Welsh"] = _impact(folder / "cy", folder / "pack" / "pack.pdf", welsh_theme)
    missing = [name for name, path in found.items() if not path.is_file()]
    assert not missing, missing
    return found


@pytest.mark.parametrize("profile", ["PDF_UA_1", "PDF_A_2A"])
def test_every_pdf_the_tool_writes_is_pdf_ua_1_and_pdf_a_2a_by_page_validation(written, profile):
    failed = {}
    for name, path in written.items():
        report = page.validate_pdf(path, profile=getattr(page.ValidationProfile, profile))
        if not report.is_compliant:
            failed[name] = sorted({f"{failure.rule_id}: {failure.message}" for failure in report.failures})
    assert failed == {}


def test_a_pack_of_a_hundred_briefings_is_pdf_a_2a_and_pdf_ua_1(tmp_path):
    """Many object streams: none may end its data in CR, which a validator would read as part of
    the end of line (the pack renumbers its objects until none does)."""
    from benchmarks.common import make_briefings

    make_briefings(tmp_path / "many", 100)
    _run("pack", tmp_path / "many", "-o", tmp_path / "pack.pdf")
    for profile in (page.ValidationProfile.PDF_A_2A, page.ValidationProfile.PDF_UA_1):
        report = page.validate_pdf(tmp_path / "pack.pdf", profile=profile)
        assert report.is_compliant, sorted({failure.rule_id for failure in report.failures})


def test_the_same_pdf_a_bytes_every_build(tmp_path):
    english = copy_examples(tmp_path / "b", 1) / "01-panel-annual-report-2018-19.yaml"
    _run("build", english, "-o", tmp_path / "one", "--record-sheet")
    _run("build", english, "-o", tmp_path / "two", "--record-sheet")
    for name in ("01-panel-annual-report-2018-19.pdf", "01-panel-annual-report-2018-19-record.pdf"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
        assert b"/OutputIntents" in (tmp_path / "one" / name).read_bytes()


def test_page_validation_fails_what_it_should(written, tmp_path):
    """The validator is not a rubber stamp: the defects this issue found, put back, fail it."""
    import pikepdf

    source = written["page"]
    data = source.read_bytes()  # the XMP stream with an empty filter array, as ReportLab wrote it
    start = data.index(b"<<", data.rindex(b"obj", 0, data.index(b"/Type /Metadata")))
    end = data.index(b">>", start) + 2
    length = int(data[start:end].split(b"/Length")[1].split()[0])
    content = data[data.index(b"stream\n", end) + 7:][:length]
    extra = len(b"<</Length %d/Subtype/XML/Type/Metadata/Filter[]>>" % length) - (end - start)
    shorter = content.replace(b"\n" + b" " * extra + b"<", b"\n<", 1)  # the same bytes in all: offsets hold
    dictionary = b"<</Length %d/Subtype/XML/Type/Metadata/Filter[]>>" % len(shorter)
    assert len(dictionary) + len(shorter) == end - start + len(content)
    middle = data[end:data.index(b"stream\n", end) + 7]
    after = data.index(b"stream\n", end) + 7 + length
    (tmp_path / "empty-filter.pdf").write_bytes(data[:start] + dictionary + middle + shorter + data[after:])
    with pikepdf.open(source) as pdf:  # a ToUnicode map that sends a code to U+0000
        font = next(font for font in pdf.pages[0].Resources.Font.values() if "/ToUnicode" in font)
        cmap = font.ToUnicode.read_bytes().replace(b"beginbfchar", b"beginbfchar\n<00> <0000>", 1)
        count = int(cmap.split(b" beginbfchar")[0].rsplit(b"\n", 1)[-1])
        font.ToUnicode.write(cmap.replace(b"%d beginbfchar" % count, b"%d beginbfchar" % (count + 1), 1))
        pdf.save(tmp_path / "nul.pdf")
    rules = {}
    for name in ("empty-filter", "nul"):
        report = page.validate_pdf(tmp_path / f"{name}.pdf", profile=page.ValidationProfile.PDF_UA_1)
        rules[name] = {failure.rule_id for failure in report.failures}
    assert "PDFUA1-ID-PART-001" in rules["empty-filter"]
    assert "PDFUA1-FONT-UNICODE-VALUE-001" in rules["nul"]


def test_text_is_still_extracted_whole_after_the_unicode_repair(written):
    """Dropping the control codes from the ToUnicode maps loses no character a page prints."""
    text = PdfReader(written["page in Welsh"]).pages[0].extract_text()
    assert "Rhannu gwybodaeth" in text or "rhannu gwybodaeth" in text.lower()
    for name in ("page", "slides"):
        assert "\x00" not in PdfReader(written[name]).pages[0].extract_text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext")
def test_poppler_reads_every_word_of_the_example_page(written):
    import subprocess

    from generator.read.briefing import load_briefing
    from tests.pdftext import reading_order

    shown = subprocess.run(["pdftotext", str(written["page"]), "-"], capture_output=True, text=True,
                           check=True).stdout.split()
    for word in " ".join(reading_order(load_briefing(EXAMPLES / "01-panel-annual-report-2018-19.yaml"))).split()[:80]:
        assert any(word in found for found in shown), word


def test_a_welsh_page_says_what_its_links_and_codes_are_in_welsh(written):
    """What a screen reader says of a link or a QR code is in the document's language, as is the
    language its metadata declares (a Welsh page once said 'Link:', 'QR code for' and en-GB)."""
    import pikepdf

    with pikepdf.open(written["page in Welsh"]) as pdf:
        assert pdf.open_metadata().get("dc:language") == {"cy"}
        contents = [str(annotation.get("/Contents")) for annotation in pdf.pages[0].Annots]
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if element.get("/S") == "/Figure" and "/Alt" in element:
                alts.append(str(element.Alt))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                if isinstance(kid, pikepdf.Dictionary) and "/MCID" not in kid and kid.get("/Type") != "/OBJR":
                    stack.append(kid)
    assert contents and all(text.startswith("Dolen: ") for text in contents)
    codes = [alt for alt in alts if "://" in alt or "mailto:" in alt]
    assert codes and all(alt.startswith("Cod QR ar gyfer ") for alt in codes)
    assert not any("  " in alt for alt in alts)  # a label broken over lines is one line of words
