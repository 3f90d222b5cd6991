"""The PDF page: text in reading order, every character drawn, metadata, determinism, atomicity."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.errors import UserError
from generator.layout.page import plan_page
from generator.read.briefing import load_briefing
from generator.render.pdf import page_pdf
from tests.conftest import EXAMPLES, briefing_with_bodies, briefing_yaml
from tests.pdftext import assert_in_order, extract, printed, reading_order

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def render(path, theme) -> bytes:
    briefing = load_briefing(path)
    return page_pdf(plan_page(briefing, theme), briefing, theme)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_render_one_page_with_every_word_in_reading_order(path, partnership_theme):
    pdf = render(path, partnership_theme)
    pages = extract(pdf)
    assert len(pages) == 1
    assert_in_order(pages[0], reading_order(load_briefing(path)))


def test_special_characters_survive(write, default_theme):
    body = ('Fish & chips <5 > 3 "quoted" \'single\' C++ £10 €20 – em—dash … '
            "Cymraeg: ŵ ŷ Ŵ Ŷ â ê î ô û ẁ ẃ ŷ; Polski: ł ą ę ś ć ź ż ń Ł <b>not bold</b> &amp;")
    path = write(briefing_yaml(body=body))
    [text] = extract(render(path, default_theme))
    for word in printed(body).split():  # as set: “quoted” ‘single’ (generator.typography)
        assert word in text


def test_characters_missing_from_the_brand_font_come_from_the_fallback(write, default_theme):
    pdf = render(write(briefing_yaml(body="Dŵr a thŷ")), default_theme)
    fonts = {str(f) for f in _font_names(pdf)}
    assert any("Atkinson" in name for name in fonts)
    assert any("NotoSans" in name for name in fonts)


def test_a_character_no_font_has_is_a_located_error(write, default_theme):
    text = briefing_yaml(body="Fine text.").replace("Heading 4\n    body: |\n      Fine text.",
                                                    "Heading 4\n    body: |\n      Hello 日本 world")
    path = write(text)
    with pytest.raises(UserError) as caught:
        plan_page(load_briefing(path), default_theme)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (16, 13)
    assert "U+65E5" in problem.message and "section 4" in problem.message


def _font_names(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()["/BaseFont"]


def test_fonts_are_embedded_subsets_and_no_base14_font_is_referenced(write, partnership_theme):
    pdf = render(write(briefing_yaml()), partnership_theme)
    reader = PdfReader(io.BytesIO(pdf))
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"], font["/BaseFont"]
    assert b"Helvetica" not in pdf and b"Times-Roman" not in pdf


def test_metadata_language_and_display_title(write, partnership_theme):
    text = briefing_yaml(extra="summary: Sleep safely.\ntags: [sudi, infants]\nauthor: The Board")
    reader = PdfReader(io.BytesIO(render(write(text), partnership_theme)))
    info = reader.metadata
    assert info.title == "Safer sleep for babies"
    assert info.author == "The Board"
    assert info.subject == "Sleep safely."
    assert info["/Keywords"] == "sudi, infants"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 - a PDF boolean object


def test_author_defaults_to_the_theme_organisation(write, partnership_theme):
    reader = PdfReader(io.BytesIO(render(write(briefing_yaml()), partnership_theme)))
    assert reader.metadata.author == partnership_theme.model.organisation


def test_links_are_clickable(write, default_theme):
    links = "    links:\n      - label: The report\n        url: https://www.gov.uk/report"
    body = "Read [the guidance](https://example.org/guidance) today."
    reader = PdfReader(io.BytesIO(render(write(briefing_yaml(body=body, links=links)), default_theme)))
    uris = {a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]}
    assert uris == {"https://example.org/guidance", "https://www.gov.uk/report"}


def test_qr_codes_are_vector_and_scan_to_their_links(write, default_theme):
    import pypdfium2
    import zxingcpp

    links = ("    links:\n      - label: The report\n        url: https://www.gov.uk/report\n"
             "      - label: Email us\n        url: mailto:board@example.org")
    pdf = render(write(briefing_yaml(links=links)), default_theme)
    reader = PdfReader(io.BytesIO(pdf))
    xobjects = reader.pages[0]["/Resources"]["/XObject"].values()
    assert {x.get_object()["/Subtype"] for x in xobjects} == {"/Form"}
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=3).to_pil()
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    assert found == {"https://www.gov.uk/report", "mailto:board@example.org"}


def test_same_input_gives_the_same_bytes(write, partnership_theme, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = write(briefing_yaml())
    first = render(path, partnership_theme)
    assert render(path, partnership_theme) == first
    assert b"D:20210129000000" in first  # the published date, not the clock


def test_source_date_epoch_is_honoured(write, default_theme, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = render(write(briefing_yaml()), default_theme)
    assert b"D:20231114221320" in pdf


def test_failed_build_leaves_the_previous_pdf_untouched(write, tmp_path):
    from generator.publication.model import Request, make
    from generator.publication.run import build

    path = write(briefing_yaml(), "b.yaml")
    out = tmp_path / "out"
    request = Request((path,), output=out, settings=False)
    assert build(make(request)).outcomes[0].ok
    before = (out / "b.pdf").read_bytes()
    write(briefing_yaml(sections=6), "b.yaml")
    [outcome] = build(make(request)).outcomes
    assert not outcome.ok and outcome.problems
    assert (out / "b.pdf").read_bytes() == before
    assert sorted(name for name in os.listdir(out) if not name.startswith(".")) == ["b.pdf"]


def test_build_command_continues_after_a_failure(cli, write, tmp_path):
    write(briefing_yaml(), "good.yaml")
    write(briefing_yaml(sections=8), "bad.yaml")
    out = tmp_path / "out"
    result = cli("build", tmp_path, "-o", out)
    assert result.exit_code == 1
    assert (out / "good.pdf").is_file() and not (out / "bad.pdf").exists()
    assert "1 built, 1 failed and not written: " in result.output and "bad.yaml" in result.output


ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&<>\"'+£€–ŵŷłąęśćźżń.,;:!?()/"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=12), min_size=1, max_size=25)
                       .map(" ".join), min_size=7, max_size=7))
def test_generated_briefings_keep_every_word_in_order(tmp_path_factory, default_theme, bodies):
    path = tmp_path_factory.mktemp("order") / "b.yaml"
    path.write_text(briefing_with_bodies(bodies), encoding="utf-8")
    try:
        briefing = load_briefing(path)
        pdf = render(path, default_theme)
    except UserError:
        return  # markup the page cannot show, or too long: reported, never drawn
    [page] = extract(pdf)
    assert_in_order(page, reading_order(briefing))
