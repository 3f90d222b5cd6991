"""The pack: pages in order, navigation, one set of fonts, and only changed briefings laid out again."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from generator.commands.pack import make_pack, pack_settings
from generator.errors import UserError
from generator.read.messages import messages_for
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml, copy_examples
from tests.pdftext import assert_in_order

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def examples(tmp_path):
    return copy_examples(tmp_path / "briefings")


def pack(folder, tmp_path, **options):
    output = tmp_path / "out" / "pack.pdf"
    report = make_pack([folder], output, PARTNERSHIP_THEME, pack_settings(title="Lessons learned", **options))
    return report, output


def test_pages_labels_and_page_numbers(examples, tmp_path):
    report, output = pack(examples, tmp_path, record_sheets=True)
    reader = PdfReader(output)
    assert len(reader.pages) == 1 + 1 + 8 * 2
    assert report.pages == len(reader.pages)
    assert reader.page_labels[:4] == ["Cover", "2", "3", "4"]  # numbered as printed
    assert reader.page_labels[-1] == "18"
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, 1):  # the cover too: the running footer is on every printed page
        assert f"Page {number} of 18" in text
    assert "Record of discussion" in texts[3]
    assert "Which patterns from national reviews do you see in your own cases?" in texts[3]


def test_cover_and_contents_list_every_briefing_in_order(examples, tmp_path):
    _, output = pack(examples, tmp_path)
    reader = PdfReader(output)
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Lessons learned" in cover and "8 briefings" in cover and "29 January 2021" in cover
    titles = [page.extract_text().split("\n")[1] for page in reader.pages[2:]]
    assert len(titles) == 8
    assert_in_order(contents, ["Patterns in practice", "538 rapid reviews", "Published 29 January 2021",
                               "Supporting vulnerable children", "Preparing for and attending"])


def test_bookmarks_nest_sections_under_briefings(examples, tmp_path):
    _, output = pack(examples, tmp_path)
    reader = PdfReader(output)
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    children = [item for item in outline if isinstance(item, list)]
    assert top[0].title == "Contents"
    assert [item.title.split(". ", 1)[0] for item in top[1:]] == [str(n) for n in range(1, 9)]
    assert all(len(group) == 7 for group in children)
    assert children[0][0].title == "1. Background"
    assert reader.get_destination_page_number(top[1]) == 2


def test_contents_entries_link_to_their_briefings(examples, tmp_path):
    _, output = pack(examples, tmp_path, record_sheets=True)
    reader = PdfReader(output)
    targets = []
    for annotation in reader.pages[1]["/Annots"]:
        annotation = annotation.get_object()
        destination = annotation["/Dest"] if "/Dest" in annotation else annotation["/A"]["/D"]
        if isinstance(destination, str) or hasattr(destination, "startswith"):
            destination = reader.named_destinations[str(destination)]
            targets.append(reader.get_destination_page_number(destination))
        else:
            targets.append(reader.get_page_number(destination[0].get_object()))
    assert targets[::2] == targets[1::2] == [2, 4, 6, 8, 10, 12, 14, 16]  # the title and the page number


def test_duplex_starts_every_briefing_on_a_right_hand_page(examples, tmp_path):
    _, output = pack(examples, tmp_path, duplex=True)
    reader = PdfReader(output)
    starts = [i for i, page in enumerate(reader.pages) if "7 Minute Briefing" in page.extract_text()
              and "Published" in page.extract_text() and i > 1]
    assert len(starts) == 8
    assert all(index % 2 == 0 for index in starts)  # 0-based even = physical odd = right-hand
    assert all(f"Page {index + 1} of" in reader.pages[index].extract_text() for index in starts)  # odd numbers
    blank = starts[0] - 1  # before the first briefing, after the contents
    assert reader.pages[blank].extract_text().strip() == "This page is intentionally left blank"  # no number


def test_metadata(examples, tmp_path):
    _, output = pack(examples, tmp_path)
    reader = PdfReader(output)
    assert reader.metadata.title == "Lessons learned"
    assert reader.metadata.author == "North Lincolnshire Children's MARS Board"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_fonts_and_logo_are_embedded_once(examples, tmp_path):
    _, output = pack(examples, tmp_path, record_sheets=True)
    data = output.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    font_files, images = set(), set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            font_files.add(descendant["/FontDescriptor"]["/FontFile2"].indirect_reference.idnum)
        for image in resources.get("/XObject", {}).values():
            if image.get_object()["/Subtype"] == "/Image":
                images.add(image.indirect_reference.idnum)
    assert len(images) == 1
    assert len(font_files) <= 8  # a handful of faces and subsets, not one set per briefing


def test_fifty_briefing_pack_is_well_under_a_megabyte(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(50):
        source = EXAMPLE_FILES[number % len(EXAMPLE_FILES)]
        shutil.copy(source, folder / f"{number:02d}-{source.name}")
    report, output = pack(folder, tmp_path)
    assert report.pages == len(PdfReader(output).pages) > 51
    assert output.stat().st_size < 700_000


def test_only_the_changed_briefing_is_laid_out_again(examples, tmp_path):
    first, output = pack(examples, tmp_path)
    assert len(first.laid_out) == 8 and not first.reused
    second, _ = pack(examples, tmp_path)
    assert second.up_to_date
    changed = examples / "05-out-of-routine-safer-sleep.yaml"
    changed.write_text(changed.read_text().replace("Sadly, most", "Most"))
    third, _ = pack(examples, tmp_path)
    assert third.laid_out == ["05-out-of-routine-safer-sleep"]
    assert len(third.reused) == 7
    assert "Most of these deaths are preventable" in PdfReader(output).pages[6].extract_text()


def test_options_change_rebuilds_and_changing_back_takes_the_kept_pieces(examples, tmp_path):
    pack(examples, tmp_path)
    report, _ = pack(examples, tmp_path, record_sheets=True)
    assert not report.up_to_date and len(report.laid_out) == 8
    report, _ = pack(examples, tmp_path)
    assert not report.up_to_date and not report.laid_out


def test_tag_and_sort(examples, tmp_path):
    report, output = pack(examples, tmp_path, tag="exploitation", sort="title")
    assert report.included == ["07-child-exploitation-line-of-sight", "03-it-was-hard-to-escape",
                                "04-reachable-and-critical-moments"]
    assert len(PdfReader(output).pages) == 2 + 3


def test_one_bad_briefing_fails_the_pack_and_keeps_the_old_one(examples, tmp_path):
    _, output = pack(examples, tmp_path)
    before = output.read_bytes()
    (examples / "09-broken.yaml").write_text(briefing_yaml(sections=6))
    (examples / "10-long.yaml").write_text(briefing_yaml(body="Far too many words here. " * 80))
    with pytest.raises(UserError) as caught:
        pack(examples, tmp_path)
    messages = [p.message for p in caught.value.problems]
    assert any("found 6 sections" in m for m in messages)
    assert any("does not fit on one page" in m for m in messages)
    assert output.read_bytes() == before


def test_same_input_same_bytes(examples, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _, first = pack(examples, tmp_path / "a")
    _, second = pack(examples, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_pack_command(cli, examples, tmp_path):
    output = tmp_path / "p.pdf"
    result = cli("pack", examples, "-o", output, "--theme", PARTNERSHIP_THEME, "--record-sheets")
    assert result.exit_code == 0, result.output
    assert "8 briefings, 18 pages" in result.output
    again = cli("pack", examples, "-o", output, "--theme", PARTNERSHIP_THEME, "--record-sheets")
    assert "is up to date" in again.output


def test_a_title_character_no_font_has_is_reported(examples, tmp_path):
    with pytest.raises(UserError) as caught:
        make_pack([examples], tmp_path / "p.pdf", PARTNERSHIP_THEME, pack_settings(title="Pack 日本"))
    assert caught.value.problems[0].path == "--title"
    assert "U+65E5" in caught.value.problems[0].message


def test_links_and_qr_codes_work_inside_the_pack(examples, tmp_path):
    import pypdfium2
    import zxingcpp

    _, output = pack(examples, tmp_path)
    reader = PdfReader(output)
    page = reader.pages[2]
    uris = {a.get_object()["/A"]["/URI"] for a in page["/Annots"] if "/A" in a.get_object()}
    assert "https://www.gov.uk/" in uris
    image = pypdfium2.PdfDocument(str(output))[2].render(scale=3).to_pil()
    assert {r.text for r in zxingcpp.read_barcodes(image)} == {"https://www.gov.uk/",
                                                              "https://www.northlincscmars.co.uk/"}


def test_only_the_changed_briefing_is_drawn_again(examples, tmp_path):
    _, output = pack(examples, tmp_path)
    pieces = output.parent / ".cache" / "pieces"
    before = {path.name: path.stat().st_mtime_ns for path in pieces.glob("*.pdf")}
    assert len(before) == 8
    changed = examples / "03-it-was-hard-to-escape.yaml"
    changed.write_text(changed.read_text().replace("Background", "Where this comes from", 1))
    report, _ = pack(examples, tmp_path)
    after = {path.name: path.stat().st_mtime_ns for path in pieces.glob("*.pdf")}
    assert report.laid_out == ["03-it-was-hard-to-escape"]
    assert len(set(after) - set(before)) == 1  # one new piece; the other seven were only read
    assert all(after[name] == stamp for name, stamp in before.items())
    outline = PdfReader(output).outline
    third = next(index for index, item in enumerate(outline) if getattr(item, "title", "").startswith("3. "))
    assert outline[third + 1][0].title == "1. Where this comes from"  # its bookmarks follow the change


def test_pieces_share_font_subsets_byte_for_byte(partnership_theme):
    import pikepdf

    from generator.layout.page import plan_page
    from generator.pack.draw import render_piece
    from generator.read.briefing import BriefingFacts, load_briefing

    programs = []
    for path in EXAMPLE_FILES[:2]:
        briefing = load_briefing(path)
        piece = render_piece(BriefingFacts.of(briefing), plan_page(briefing, partnership_theme), briefing,
                             partnership_theme, record_sheet=False)
        with pikepdf.open(io.BytesIO(piece)) as pdf:
            programs.append({str(font.BaseFont): font.FontDescriptor.FontFile2.read_raw_bytes()
                             for font in pdf.pages[0].obj.Resources.Font.values()})
    shared = set(programs[0]) & set(programs[1])
    assert any(name.startswith("/AAAAAA+") for name in shared)
    assert all(programs[0][name] == programs[1][name] for name in shared)


@pytest.mark.parametrize("options", [{}, {"record_sheets": True, "duplex": True}], ids=["plain", "record-duplex"])
def test_a_pack_made_after_a_change_is_the_same_bytes_as_one_made_afresh(examples, tmp_path, options):
    pack(examples, tmp_path, **options)
    safer_sleep = examples / "05-out-of-routine-safer-sleep.yaml"
    safer_sleep.write_text(safer_sleep.read_text().replace("Sadly, most", "Most", 1))
    covid = examples / "02-covid-19-vulnerable-children.yaml"  # one more link: the parent tree grows
    covid.write_text(covid.read_text().replace(
        "body: |", "body: |\n      See [the panel](https://www.gov.uk/government/organisations/"
        "child-safeguarding-practice-review-panel).\n", 1).replace(
        "heading: Why it matters", "heading: Why this matters", 1))  # and its bookmarks change
    for drawn in (2, 0):  # back to a version drawn before: its piece is in the cache
        report, output = pack(examples, tmp_path, **options)
        assert len(report.laid_out) == drawn and len(report.reused) == 8 - drawn
        assert "2. Why this matters" in _outline_titles(output)
        fresh = tmp_path / "elsewhere" / "fresh.pdf"
        make_pack([examples], fresh, PARTNERSHIP_THEME, pack_settings(title="Lessons learned", **options))
        assert output.read_bytes() == fresh.read_bytes()
        shutil.rmtree(fresh.parent)
        safer_sleep.write_text(safer_sleep.read_text().replace("Most", "Sadly, most", 1))  # and back


def _outline_titles(path: Path) -> list[str]:
    def flat(items):
        for item in items:
            yield from flat(item) if isinstance(item, list) else [item.title]

    return list(flat(PdfReader(path).outline))


def test_a_damaged_cached_piece_is_drawn_again(examples, tmp_path):
    _, output = pack(examples, tmp_path)
    piece = sorted((output.parent / ".cache" / "pieces").glob("*.pdf"))[0]
    piece.write_bytes(piece.read_bytes()[:1000])
    (examples / "01-panel-annual-report-2018-19.yaml").touch()
    output.unlink()  # so the pack is made again
    report, _ = pack(examples, tmp_path)
    assert len(report.laid_out) == 1 and len(PdfReader(output).pages) == 10
    assert piece.stat().st_size > 1000


class _Doc:
    """Stands for a ReportLab document: fonts keep their per-document state under it."""

    def __init__(self, shared: bool):
        self.shared_subsets = shared


# ASCII, a no-break space, the shared repertoire (Latin-1 and more) and characters outside it
CHARACTERS = " \u00a0AZaz09.,'\u2019\u2013\u00e9\u00a1\u0174\u00ff\u03b1\u0416"


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.sampled_from(CHARACTERS), max_size=12), max_size=8), shared=st.booleans())
def test_text_is_split_into_subset_codes_as_reportlab_splits_it(texts, shared):
    from reportlab.pdfbase.ttfonts import TTFont

    from generator.assets import FALLBACK_FILES, shipped_fonts
    from generator.render.reportlab_compat import SHARED_REPERTOIRE, SharedSubsetFont

    font = SharedSubsetFont("split-test", str(shipped_fonts() / FALLBACK_FILES["regular"]), SHARED_REPERTOIRE)
    quick, plain = _Doc(shared), _Doc(shared)
    font.splitString("", quick)
    font.splitString("", plain)  # both start alike (the shared repertoire first)
    for text in texts:
        assert font.splitString(text, quick) == TTFont.splitString(font, text, plain)
    assert font.state[quick].assignments == font.state[plain].assignments
    assert font.state[quick].subsets == font.state[plain].subsets


@pytest.mark.parametrize("count", [8, 60])
def test_the_cover_says_how_to_use_the_pack_and_does_not_repeat_the_contents(count, partnership_theme):
    """The cover: the title, the partnership, how many briefings and when, and how to use the
    pack, large; the briefings are listed once, in the contents, and the contact line once, in
    the footer."""
    import datetime as dt

    from generator.pack.layout import PackLayout
    from generator.read.briefing import BriefingFacts, load_briefing

    examples = [BriefingFacts.of(load_briefing(path)) for path in sorted(EXAMPLES.glob("*.yaml"))]
    briefings = [examples[n % len(examples)] for n in range(count)]
    layout = PackLayout(partnership_theme, messages_for("en-GB", partnership_theme))
    cover = layout.cover("Lessons learned: January 2021", briefings, dt.date(2021, 1, 29), record_sheets=True)
    assert [line.strip() for line in cover.title.text.splitlines()] == ["Lessons learned:", "January 2021"]
    note = [block for column in cover.note for block in column.items]
    assert [block.text for block in note if block.role == "H2"] == ["Using this pack"]
    everything = " ".join(block.text for block in [*cover.lines, *note])
    assert not any(briefing.title in everything for briefing in examples)
    assert partnership_theme.model.contact not in everything
    assert f"{count} briefings" in everything
    assert all(block.size >= 12 for block in note) and min(block.y for block in note) > 34 + 20
