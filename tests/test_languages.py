"""Welsh and English: message catalogues, a briefing's language in every label, date and tag,
words in another language, pairs of versions, and bilingual packs and web pages."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from generator.commands.pack import make_pack, pack_settings
from generator.errors import UserError
from generator.layout.page import plan_page
from generator.layout.slides import plan_deck
from generator.pack.order import page_sequence
from generator.read.briefing import load_briefing
from generator.read.messages import SHIPPED, for_briefing, messages_for
from generator.read.theme import load_theme
from generator.render.html import briefing_html
from generator.render.pdf import page_pdf
from generator.render.slides import render_deck
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, WELSH_EXAMPLE, briefing_yaml

ENGLISH = EXAMPLES / "06-information-sharing-and-consent.yaml"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _langs(pdf: bytes) -> tuple[str, list[str]]:
    """The document's /Lang and every structure element's, in order."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        found = []

        def walk(node) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node and "/S" in node:
                    found.append(f"{node.S}:{node.Lang}")
                kids = node.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    walk(kid)

        walk(document.Root.StructTreeRoot)
        return str(document.Root.Lang), found


def test_english_and_welsh_catalogues_have_every_message(partnership_theme):
    english, welsh = messages_for("en-GB", partnership_theme), messages_for("cy", partnership_theme)
    assert set(english.texts) == set(welsh.texts) and SHIPPED == ("en", "cy")
    assert welsh.date(dt.date(2021, 1, 29)) == "29 Ionawr 2021"
    assert english.date(dt.date(2021, 1, 29)) == "29 January 2021"
    assert welsh("page", n=5, total=9) == "Tudalen 5 o 9"
    assert welsh.theme("label") == "Briffio 7 Munud"  # the theme's English label is not used in Welsh
    assert messages_for("cy-GB", partnership_theme).name == "Cymraeg"


def test_a_welsh_page_has_its_labels_dates_and_language_in_welsh(partnership_theme):
    briefing = load_briefing(WELSH_EXAMPLE)
    plan = plan_page(briefing, partnership_theme)
    assert plan.language == "cy"
    pdf = page_pdf(plan, briefing, partnership_theme)
    text = _text(pdf)
    for words in ("Briffio 7 Munud", "Cyhoeddwyd 29 Ionawr 2021", "Adolygu erbyn 29 Ionawr 2022", "Ar gyfer:"):
        assert words in text
    assert "Published" not in text and "January" not in text
    lang, elements = _langs(pdf)
    assert lang == "cy"
    assert "/Span:en" in elements  # [IMAP Information Sharing Agreement]{lang=en}


def test_words_in_another_language_are_marked_on_the_page_and_the_web(write, default_theme):
    body = "Darllenwch [It was hard to escape]{lang=en} heddiw."
    briefing = load_briefing(write(briefing_yaml(body=body).replace("title:", "language: cy\ntitle:", 1)))
    html = briefing_html(briefing, default_theme)
    assert '<span lang="en">It was hard to escape</span>' in html and '<html lang="cy">' in html
    assert "{lang=en}" not in html
    pdf = page_pdf(plan_page(briefing, default_theme), briefing, default_theme)
    assert _langs(pdf)[1].count("/Span:en") == 7  # one in each section
    assert "Darllenwch It was hard to escape heddiw." in " ".join(_text(pdf).split())


def test_braces_give_only_a_language_and_other_braces_stay_text(write, default_theme):
    path = write(briefing_yaml(body="See [the report]{.big} now."))
    with pytest.raises(UserError) as caught:
        load_briefing(path)
    assert "can only give their language, such as {lang=en}" in caught.value.problems[0].message
    kept = load_briefing(write(briefing_yaml(body="Keep {these braces} and [these brackets] as typed."), "k.yaml"))
    assert "Keep {these braces} and [these brackets] as typed." in " ".join(_text(page_pdf(
        plan_page(kept, default_theme), kept, default_theme)).split())


def test_a_language_without_labels_is_a_located_error_and_a_board_can_add_one(tmp_path, write):
    theme_folder = tmp_path / "theme"
    theme_folder.mkdir()
    (theme_folder / "theme.yaml").write_text("organisation: Bòrd\nmessages: [gd.yaml]\n", encoding="utf-8")
    catalogues = Path(__file__).parent.parent / "generator" / "read" / "catalogues"
    english = (catalogues / "en.yaml").read_text(encoding="utf-8")
    gaelic = english.replace("language: en", "language: gd").replace("name: English", "name: Gàidhlig")
    gaelic = gaelic.replace("published: Published {date}", "published: Foillsichte {date}")
    gaelic = re.sub(r"(?m)^    other: (.*)$", r"    two: \1\n    few: \1\n    other: \1", gaelic)  # Gaelic's categories
    (theme_folder / "gd.yaml").write_text(gaelic.replace("  cover: Cover\n", ""), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_theme(theme_folder / "theme.yaml")
    assert "the message 'cover' is missing" in str(caught.value.problems[0])
    (theme_folder / "gd.yaml").write_text(gaelic.replace("Foillsichte {date}", "Foillsichte {date.year}"),
                                          encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_theme(theme_folder / "theme.yaml")
    assert "'{date.year}' is not a name in braces" in str(caught.value.problems[0])
    (theme_folder / "gd.yaml").write_text(gaelic.replace("Foillsichte {date}", "Foillsichte {year}"),
                                          encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_theme(theme_folder / "theme.yaml")
    assert "which it cannot fill" in str(caught.value.problems[0])
    (theme_folder / "gd.yaml").write_text(gaelic, encoding="utf-8")
    theme = load_theme(theme_folder / "theme.yaml")
    briefing = load_briefing(write(briefing_yaml().replace("title:", "language: gd\ntitle:", 1)))
    assert "Foillsichte" in _text(page_pdf(plan_page(briefing, theme), briefing, theme))
    unknown = load_briefing(write(briefing_yaml().replace("title:", "language: fr\ntitle:", 1), "fr.yaml"))
    with pytest.raises(UserError) as caught:
        plan_page(unknown, theme)
    [problem] = caught.value.problems
    assert (problem.line, "'fr'") == (1, "'fr'") and "'fr'" in problem.message and "gd" in problem.hint


def test_the_theme_can_give_its_words_in_welsh(tmp_path):
    theme_file = tmp_path / "theme.yaml"
    theme_file.write_text("organisation: North Board\ncontact: www.example.org\ntranslations:\n"
                          "  cy:\n    organisation: Bwrdd y Gogledd\n    label: Briff Saith Munud\n", encoding="utf-8")
    theme = load_theme(theme_file)
    briefing = load_briefing(WELSH_EXAMPLE)
    text = _text(page_pdf(plan_page(briefing, theme), briefing, theme))
    assert "Bwrdd y Gogledd" in text and "Briff Saith Munud" in text and "North Board" not in text
    english = load_briefing(ENGLISH)
    assert "North Board" in _text(page_pdf(plan_page(english, theme), english, theme))


def _pair(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(WELSH_EXAMPLE, folder)), Path(shutil.copy(ENGLISH, folder))


def test_pairs_that_do_not_correspond_are_reported(tmp_path, cli):
    welsh, english = _pair(tmp_path / "b")
    result = cli("check", tmp_path / "b", "--theme", PARTNERSHIP_THEME, "--today", "2021-06-01")
    assert "BR90" not in result.output  # the examples correspond
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("        url: https://www.northlincscmars.co.uk/",
                                    "        url: https://www.example.org/agreement"), encoding="utf-8")
    welsh_text = welsh.read_text(encoding="utf-8")
    email = "      - label: E-bostio tîm MARS Plant\n        url: mailto:mars@northlincs.gov.uk\n"
    welsh.write_text(welsh_text.replace(email, ""), encoding="utf-8")
    old = english.stat().st_mtime - 3600
    os.utime(welsh, (old, old))  # the Welsh version is an hour behind the English one's last change
    result = cli("check", tmp_path / "b", "--theme", PARTNERSHIP_THEME, "--today", "2021-06-01")
    # reported on the version after the first in the folder (NAME.cy.yaml comes first), at its links
    assert re.search(r"consent\.yaml:51:7: warning BR901: section 7 \('Find out more'\) has 2 links, and 1 in "
                     r"06-information-sharing-and-consent\.cy\.yaml", result.output), result.output
    assert "warning BR903: this version was last changed on" in result.output
    assert result.output.count("BR903") == 1
    english.write_text(text.replace("https://www.northlincscmars.co.uk/", "https://www.example.org/"),
                       encoding="utf-8")
    welsh.write_text(welsh_text, encoding="utf-8")
    result = cli("check", tmp_path / "b", "--theme", PARTNERSHIP_THEME, "--today", "2021-06-01")
    assert "warning BR902: link 1 of section 7" in result.output and "https://www.example.org/" in result.output


def test_two_versions_in_one_language_are_reported(tmp_path, cli):
    _, english = _pair(tmp_path / "b")
    english.write_text(english.read_text(encoding="utf-8").replace("title:", "language: cy\ntitle:", 1),
                       encoding="utf-8")
    result = cli("check", tmp_path / "b", "--theme", PARTNERSHIP_THEME)
    assert "BR904" in result.output and "both in 'cy'" in result.output


def test_a_bilingual_pack_puts_welsh_first_with_a_cover_and_contents_in_both(tmp_path):
    _pair(tmp_path / "b")
    output = tmp_path / "out" / "pack.pdf"
    report = make_pack([tmp_path / "b"], output, PARTNERSHIP_THEME,
                       pack_settings(title="Gwersi / Lessons", languages=("cy", "en"), formats=("pdf", "html")))
    assert report.included == ["06-information-sharing-and-consent.cy", "06-information-sharing-and-consent"]
    pages = [page.extract_text() for page in PdfReader(output).pages]
    cover, contents = pages[0], pages[1]
    for words in ("Briffiadau 7 Munud", "7 Minute Briefings",
                  "Defnyddio", "Using this pack", "1 briffiad", "1 briefing"):
        assert words in cover
    assert contents.index("Cynnwys") < contents.index("Contents")
    assert contents.index("Rhannu gwybodaeth") < contents.index("Information sharing and consent")
    assert "Rhannu gwybodaeth a chaniatâd" in pages[2] and "Information sharing and consent" in pages[3]
    assert "Tudalen 3 o 4 / Page 3 of 4" in pages[2] and "Tudalen 4 o 4 / Page 4 of 4" in pages[3]
    with pikepdf.open(output) as pdf:
        assert str(pdf.Root.Lang) == "cy"
        assert pdf.open_outline().root[0].title == "Cynnwys"
        assert str(pdf.Root.PageLabels.Nums[1].P) == "Clawr"
    lang, elements = _langs(output.read_bytes())
    assert lang == "cy"
    assert "/Sect:en-GB" in elements and "/Div:en" in elements  # the English page, the English cover column
    welsh_page = (tmp_path / "out" / "06-information-sharing-and-consent.cy.html").read_text(encoding="utf-8")
    english_page = (tmp_path / "out" / "06-information-sharing-and-consent.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in welsh_page and '<html lang="en-GB">' in english_page
    assert 'hreflang="en-GB" lang="en-GB">Read this briefing in English</a>' in welsh_page
    assert 'hreflang="cy" lang="cy">Darllenwch y briffiad hwn yn Gymraeg</a>' in english_page
    assert '<link rel="alternate" hreflang="en-GB"' in welsh_page
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert index.index("Rhannu gwybodaeth") < index.index("Information sharing and consent")
    assert '<li lang="en-GB">' in index and '<html lang="cy">' in index


def test_printed_double_sided_each_pair_is_back_to_back():
    assert [slot.kind for slot in page_sequence(2, 1, False, True, frozenset({1}))] == [
        "cover", "blank-cover", "contents", "blank", "briefing", "briefing"]
    with_sheets = [slot.kind for slot in page_sequence(2, 1, True, True)]
    assert with_sheets == ["cover", "blank-cover", "contents", "blank", "briefing", "record", "briefing", "record"]


def test_a_bilingual_pack_needs_every_briefing_in_every_language(tmp_path):
    folder = tmp_path / "b"
    _pair(folder)
    shutil.copy(EXAMPLES / "04-reachable-and-critical-moments.yaml", folder)
    with pytest.raises(UserError) as caught:
        make_pack([folder], tmp_path / "pack.pdf", PARTNERSHIP_THEME, pack_settings(languages=("cy", "en")))
    [problem] = caught.value.problems
    assert "there is no 'cy' version" in problem.message and "04-reachable-and-critical-moments.cy.yaml" in problem.hint
    assert not (tmp_path / "pack.pdf").exists()


def test_a_pack_in_one_language_prints_each_briefing_once(tmp_path, cli):
    _pair(tmp_path / "b")
    result = cli("pack", tmp_path / "b", "-o", tmp_path / "pack.pdf", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    assert "left out 1 version in another language (06-information-sharing-and-consent.cy)" in result.output
    assert "--languages cy,en" in result.output
    assert len(PdfReader(tmp_path / "pack.pdf").pages) == 3


def test_welsh_slides_and_record_sheet(partnership_theme):
    briefing = load_briefing(WELSH_EXAMPLE)
    deck = _text(render_deck(plan_deck(briefing, partnership_theme), briefing, partnership_theme))
    assert "Munud 1 o 7" in deck and "Cyhoeddwyd 29 Ionawr 2021" in deck and "7 munud" in deck
    assert [s.kind for s in plan_deck(briefing, partnership_theme)].count("discussion") == 1
    from generator.layout.furniture import PageLayout
    from generator.read.briefing import BriefingFacts
    from generator.sheets.layout import record_sheet

    facts = BriefingFacts.of(briefing)
    sheet = record_sheet(PageLayout(partnership_theme, for_briefing(facts, partnership_theme)), facts, "abc")
    labels = [field.label.text for field in sheet.fields if field.label is not None]
    assert labels[:5] == ["Tîm", "Dyddiad", "Cyflwynwyd gan (enw a rôl)", "Faint gymerodd ran", "Yn bresennol"]
    assert [field.heading.text for field in sheet.fields if field.heading] == ["Myfyrdodau"]
    assert sheet.language == "cy" and "Cofnod o’r drafodaeth" in sheet.kicker.text


def test_the_cli_refuses_a_single_language(cli, tmp_path):
    result = cli("pack", EXAMPLES, "--languages", "cy", "-o", tmp_path / "p.pdf")
    assert result.exit_code == 2 and "two or more languages" in result.output


def test_built_web_pages_of_two_versions_link_each_other(tmp_path, cli):
    _pair(tmp_path / "b")
    result = cli("build", tmp_path / "b", "-o", tmp_path / "out", "--format", "html", "--theme", PARTNERSHIP_THEME)
    assert result.exit_code == 0, result.output
    welsh = (tmp_path / "out" / "06-information-sharing-and-consent.cy.html").read_text(encoding="utf-8")
    english = (tmp_path / "out" / "06-information-sharing-and-consent.html").read_text(encoding="utf-8")
    assert 'href="./06-information-sharing-and-consent.html" hreflang="en-GB"' in welsh
    assert 'href="./06-information-sharing-and-consent.cy.html" hreflang="cy"' in english
