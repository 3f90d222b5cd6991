"""Accessibility, proven by independent checkers: outloud (PDF/UA-1 and WCAG 2.2) on the PDFs,
axe-core in a real Chromium on the HTML pages, and poppler's reading of the structure tree for
words kept apart. See docs/accessibility.md for the results table."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.pack import make_pack, pack_settings
from generator.layout.page import plan_page
from generator.layout.slides import plan_deck
from generator.layout.text import break_lines, words_from_runs
from generator.read.briefing import load_briefing
from generator.read.markup import Run
from generator.render.pdf import page_pdf
from generator.render.slides import render_deck
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, WELSH_EXAMPLE, copy_examples, english_examples, require_tool
from tests.pdftext import reading_order

EXAMPLE = EXAMPLES / "04-reachable-and-critical-moments.yaml"


@pytest.fixture(scope="module", params=["partnership", "built-in"])
def outputs(request, tmp_path_factory):
    """A single briefing, a pack with record sheets printed double-sided, and a slide deck."""
    from generator.read.theme import load_theme

    theme_path = PARTNERSHIP_THEME if request.param == "partnership" else None
    theme = load_theme(theme_path)
    folder = tmp_path_factory.mktemp(request.param)
    briefing = load_briefing(EXAMPLE)
    page = folder / "page.pdf"
    page.write_bytes(page_pdf(plan_page(briefing, theme), briefing, theme))
    deck = folder / "slides.pdf"
    deck.write_bytes(render_deck(plan_deck(briefing, theme), briefing, theme))
    pack = folder / "out" / "pack.pdf"
    make_pack([copy_examples(folder / "briefings")], pack, theme_path,
              pack_settings(title="Lessons learned", record_sheets=True, duplex=True, formats=("pdf", "html")))
    bilingual = folder / "bilingual" / "bilingual.pdf"  # Welsh first, back to back, cover and contents in both
    make_pack([copy_examples(folder / "pair", 0, welsh=True) / WELSH_EXAMPLE.name,
               EXAMPLES / "06-information-sharing-and-consent.yaml"], bilingual, theme_path,
              pack_settings(title="Gwersi / Lessons", duplex=True, languages=("cy", "en")))
    return {"page": page, "pack": pack, "slides": deck, "html": pack.parent, "bilingual": bilingual}


# -- words apart, in reading order -------------------------------------------------------------

def _struct_words(path: Path) -> list[str]:
    """The words of the structure tree's text, as poppler reads it for assistive technology."""
    pdfinfo = require_tool(shutil.which("pdfinfo"), "pdfinfo (poppler-utils)")
    text = subprocess.run([pdfinfo, "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    quoted = re.findall(r'^\s*"(.*)"\s*$', text, re.MULTILINE)
    return " ".join(quoted).split()


def _in_order(found: list[str], wanted: list[str]) -> None:
    """Every wanted word is one of the found words, in order (found may hold more: labels, dates)."""
    position = 0
    for word in wanted:
        try:
            position = found.index(word, position) + 1
        except ValueError:
            context = " ".join(found[max(0, position - 6):position + 6])
            raise AssertionError(f"{word!r} is not a word of its own after ...{context}...") from None


def test_every_word_of_a_page_is_read_apart_and_in_order(outputs):
    wanted = " ".join(reading_order(load_briefing(EXAMPLE))).split()
    _in_order(_struct_words(outputs["page"]), wanted)
    _in_order(_struct_words(outputs["slides"]), wanted)


def test_every_word_of_a_bilingual_pack_is_read_in_order_welsh_first(outputs):
    """poppler reads an element's text apart from what is around it, so words in another
    language, a Span mid-sentence ("([IMAP ...]{lang=en})"), come out with their brackets as
    words of their own; brackets are left out of the comparison."""
    def words(text: str) -> list[str]:
        return [word for word in text.replace("(", " ").replace(")", " ").split() if word]

    found = words(" ".join(_struct_words(outputs["bilingual"])))
    welsh = words(" ".join(reading_order(load_briefing(WELSH_EXAMPLE))))
    english = words(" ".join(reading_order(load_briefing(EXAMPLES / "06-information-sharing-and-consent.yaml"))))
    _in_order(found, welsh + english)


def test_every_word_of_a_pack_is_read_apart_and_in_order(outputs):
    found = _struct_words(outputs["pack"])
    for path in english_examples():
        briefing = load_briefing(path)
        _in_order(found, " ".join(reading_order(briefing)).split())
        for question in briefing.sections[4].heading.split():  # the record sheet and contents are read too
            assert question in found


def test_a_line_break_between_words_keeps_the_space_and_adds_no_width(default_theme):
    fonts = default_theme.fonts
    words = words_from_runs([Run("crawling, cruising and must go on")], fonts)
    lines = break_lines(words, 10, 60, fonts)
    assert len(lines) > 1
    for line in lines[:-1]:
        assert line.parts[-1][1].text.endswith(" ")  # drawn, invisible
        x = line.parts[-1][0]
        assert line.width == pytest.approx(x)  # but not counted
    assert not lines[-1].parts[-1][1].text.endswith(" ")


def test_a_long_address_breaks_before_hyphens_and_dots_never_after(default_theme):
    fonts = default_theme.fonts
    url = "https://www.example.org/online-safety-guidance-for-practitioners-and-managers.pdf?version=2&lang=en"
    lines = break_lines(words_from_runs([Run(url)], fonts), 9, 70, fonts)
    texts = ["".join(piece.text for _, piece, _ in line.parts) for line in lines]
    assert "".join(texts) == url  # nothing added, nothing lost
    assert len(texts) > 3
    assert not any(text.endswith(("-", ".", "?", "=", "&")) for text in texts[:-1]), texts


# -- outloud -----------------------------------------------------------------------------------

def _outloud(paths: list[Path]) -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", "from outloud.cli import main; main()", "--json", "-",
                             "--fail-on", "never", *map(str, paths)], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    return {Path(item["path"]).name: [f"{f['severity']} {f['rule']}: {f['message']}" for f in item["findings"]
                                      if f["severity"] in ("error", "warning")]
            for item in report["results"]}


def test_outloud_finds_no_error_and_no_warning(outputs):
    found = _outloud([outputs["page"], outputs["pack"], outputs["slides"], outputs["bilingual"]])
    assert found == {"page.pdf": [], "pack.pdf": [], "slides.pdf": [], "bilingual.pdf": []}


# -- axe-core in Chromium ----------------------------------------------------------------------

def _axe_and_links(browser, page_path: Path, width: int = 1280) -> list[str]:
    """axe-core's violations on a page, and every link below 4.5:1 against what it is drawn on,
    measured from the browser's computed colours (as the accessibility report runs both)."""
    from generator.audit.browser import axe, link_contrasts, opened

    with opened(browser, page_path, width) as page:
        violations = axe(page)[0]
        links = link_contrasts(page)
    assert links, "every page has links"
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations] \
        + [f"link {link.text!r}: {link.shown} is {link.ratio}:1" for link in links if not link.passes]


_PAGES = ["index.html", *(f"{path.stem}.html" for path in english_examples())]
_BILINGUAL = ["index.html", f"{WELSH_EXAMPLE.stem}.html", "06-information-sharing-and-consent.html"]
# every page with the partnership's theme (the pages differ in lists, links and lengths); with the
# built-in theme (other colours), the index and one page; on a phone, the same two. One test each,
# so that the suite's two workers share them.
_AXE_CASES = ([("partnership", name, 1280) for name in _PAGES]
              + [(theme, name, 390) for theme in ("partnership", "built-in") for name in _PAGES[:2]]
              + [("built-in", name, 1280) for name in _PAGES[:2]]
              + [("bilingual", name, 1280) for name in _BILINGUAL])


@pytest.fixture(scope="module")
def html_folders(tmp_path_factory):
    """The HTML pages and index of the example pack, with each theme (built when first asked for)."""
    made = {}

    def folder(theme: str) -> Path:
        if theme not in made:
            out = tmp_path_factory.mktemp(f"html-{theme}") / "out" / "pack.pdf"
            if theme == "bilingual":  # the Welsh example and its English version, Welsh first
                make_pack([WELSH_EXAMPLE, WELSH_EXAMPLE.with_name("06-information-sharing-and-consent.yaml")], out,
                          PARTNERSHIP_THEME, pack_settings(title="Gwersi / Lessons", formats=("pdf", "html"),
                                                         languages=("cy", "en")))
            else:
                make_pack([copy_examples(out.parent.parent / "briefings")], out,
                          PARTNERSHIP_THEME if theme == "partnership" else None,
                          pack_settings(title="Lessons learned", formats=("pdf", "html")))
            made[theme] = out.parent
        return made[theme]

    return folder


@pytest.mark.parametrize(("theme", "name", "width"), _AXE_CASES, ids=[f"{t}-{n[:12]}-{w}" for t, n, w in _AXE_CASES])
def test_html_pages_pass_axe_and_every_link_reads_in_a_real_browser(html_folders, browser, theme, name, width):
    assert _axe_and_links(browser, html_folders(theme) / name, width) == []


# -- links that can be seen, measured from what the browser draws ------------------------------

def test_the_link_measure_sees_a_link_the_colour_of_its_band(browser, tmp_path):
    """What axe left "incomplete": a link drawn in the band's own colour, with a logo floating
    near it; and a link over a half-transparent layer, and one over an image, which is never passed."""
    from generator.audit.browser import link_contrasts, opened

    page_file = tmp_path / "band.html"
    page_file.write_text("""<!doctype html><html lang="en"><title>t</title><body style="background:#fff">
      <header style="background:#1d4f91;padding:2rem"><img alt="" style="float:right;width:60px;height:60px">
        <a id="same" href="pack.pdf" style="color:#1d4f91">Download the pack to print (PDF)</a></header>
      <div style="background:rgba(0,0,0,0.5);padding:1rem">
        <a id="veiled" href="a.html" style="color:#333">Read</a></div>
      <div style="background-image:linear-gradient(#000,#fff);padding:1rem">
        <a id="img" href="b.html">Over an image</a></div>
      <p><a id="fine" href="c.html" style="color:#0b0c0c">Fine</a></p></body></html>""", encoding="utf-8")
    with opened(browser, page_file) as page:
        found = {link.text: link for link in link_contrasts(page)}
    assert found["Download the pack to print (PDF)"].ratio == 1.0
    assert not found["Read"].passes and found["Read"].background == (128, 128, 128)
    assert found["Over an image"].ratio is None and not found["Over an image"].passes
    assert found["Fine"].passes


def test_a_page_in_the_browser_cannot_reach_the_network_or_other_folders(browser, tmp_path):
    from generator.audit.browser import opened

    outside = tmp_path / "secret.txt"
    outside.write_text("the board's private notes", encoding="utf-8")
    (tmp_path / "site").mkdir()
    page_file = tmp_path / "site" / "p.html"
    page_file.write_text('<!doctype html><html lang="en"><title>t</title><img src="https://example.org/x.png">'
                         '<iframe src="../secret.txt"></iframe>', encoding="utf-8")
    requested = []
    with opened(browser, page_file) as page:
        page.on("requestfailed", lambda request: requested.append(request.url))
        page.reload()
        page.wait_for_timeout(200)
        frame_text = page.frames[-1].evaluate("() => document.body ? document.body.innerText : ''")
    assert "private notes" not in frame_text
    assert any(url.startswith("https://example.org") for url in requested)


def test_the_pack_writes_a_page_per_briefing_and_an_index(outputs):
    assert sorted(path.name for path in outputs["html"].glob("*.html")) == sorted(_PAGES)


def test_header_cards_and_footer_line_up_and_the_grid_has_no_hole(html_folders, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((html_folders("partnership") / "04-reachable-and-critical-moments.html").as_uri())
        boxes = page.evaluate("""() => {
            const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; };
            const inner = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
                return [r.left + parseFloat(s.paddingLeft), r.right - parseFloat(s.paddingRight)]; };
            const sections = [...document.querySelectorAll('.sections section')];
            return {header: inner(document.querySelector('header.masthead')),
                    footer: box(document.querySelector('footer')),
                    cards: [Math.min(...sections.map(s => box(s)[0])), Math.max(...sections.map(s => box(s)[1]))],
                    last: box(sections[6]), first: box(sections[0])};
        }""")
    finally:
        page.close()
    assert boxes["header"] == pytest.approx(boxes["cards"], abs=1)
    assert boxes["footer"] == pytest.approx(boxes["cards"], abs=1)
    assert boxes["last"] == pytest.approx(boxes["cards"], abs=1)  # the seventh card spans the row
