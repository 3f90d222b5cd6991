"""The HTML version: semantic structure, every word, landmarks, and an index for packs."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from generator.commands.pack import make_pack, pack_settings
from generator.read.briefing import load_briefing
from generator.read.markup import plain_text
from generator.render.html import briefing_html
from tests.conftest import EXAMPLES, PARTNERSHIP_THEME, briefing_yaml, english_examples
from tests.pdftext import printed

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


class Outline(HTMLParser):
    """Collects the elements that matter for structure, and the visible text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "img", "meta", "link"):
            self.stack.append(tag)
        if tag in ("h1", "h2"):
            self._heading = []

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append((tag, " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data):
        if "style" in self.stack or "title" in self.stack:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def parse(html: str) -> Outline:
    outline = Outline()
    outline.feed(html)
    return outline


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_html_structure_and_words(path, partnership_theme):
    briefing = load_briefing(path)
    html = briefing_html(briefing, partnership_theme)
    outline = parse(html)
    names = [tag for tag, _ in outline.tags]
    assert names.count("h1") == 1
    assert names.count("section") == 7
    assert {"header", "main", "footer"} <= set(names)
    assert outline.tags[0] == ("html", {"lang": briefing.language or "en-GB"})  # the Welsh example: cy
    h2 = [text for tag, text in outline.headings if tag == "h2"]
    assert h2 == [f"{n} {printed(s.heading)}" for n, s in enumerate(briefing.sections, 1)]
    assert outline.headings[0] == ("h1", printed(briefing.title))
    text = " ".join("".join(outline.text).split())
    position = 0
    for section in briefing.sections:
        words = printed(plain_text(section.blocks)).split() + [w for link in section.links
                                                                for w in printed(link.label).split()]
        for word in words:
            if word == "\u2022" or re.fullmatch(r"\d+\.", word):
                continue  # list markers: drawn by the browser from <ul> and <ol>
            found = text.find(word, position)
            assert found >= 0, word
            position = found + len(word)
    images = [attrs for tag, attrs in outline.tags if tag == "img"]
    assert all(attrs.get("alt") for attrs in images)
    [stylesheet] = [attrs["href"] for tag, attrs in outline.tags if tag == "link" and attrs.get("rel") == "stylesheet"]
    from generator.render.html import web_assets

    assert "@media print" in web_assets(partnership_theme).files[stylesheet].decode()


def test_markup_becomes_real_html_and_text_is_escaped(write, default_theme):
    body = ("A **bold** *italic* [link **in bold**](https://example.org/x) <b>not html</b> & S&P.\n\n"
            "- one\n- two\n\n3. three\n4. four")
    html = briefing_html(load_briefing(write(briefing_yaml(body=body))), default_theme)
    assert "<strong>bold</strong> <em>italic</em>" in html
    assert '<a href="https://example.org/x">link <strong>in bold</strong></a>' in html
    assert "&lt;b&gt;not html&lt;/b&gt; &amp; S&amp;P." in html
    assert re.search(r"<ul>\s*<li>one</li>\s*<li>two</li>\s*</ul>", html)
    assert '<ol start="3">' in html


def test_build_writes_html_and_pdf(cli, write, tmp_path):
    path = write(briefing_yaml())
    result = cli("build", path, "-o", tmp_path / "out", "--format", "pdf,html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "briefing.pdf").is_file() and (tmp_path / "out" / "briefing.html").is_file()
    assert cli("build", path, "--format", "docx").exit_code == 2


def test_pack_html_index_links_every_briefing(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    for path in EXAMPLE_FILES:  # the Welsh version too: an English pack has each briefing once, in English
        shutil.copy(path, folder / path.name)
    output = tmp_path / "site" / "pack.pdf"
    report = make_pack([folder], output, PARTNERSHIP_THEME, pack_settings(title="Lessons", formats=("html",)))
    assert report.other_versions == ["06-information-sharing-and-consent.cy"]
    assert not output.exists()
    index = parse(report.index.read_text(encoding="utf-8"))
    hrefs = [attrs["href"] for tag, attrs in index.tags if tag == "a" and attrs.get("href", "").endswith(".html")]
    assert hrefs == [f"./{p.stem}.html" for p in english_examples()]
    for href in hrefs:
        assert (tmp_path / "site" / href).is_file()


def test_the_index_is_branded_like_the_cover_and_links_the_pack(tmp_path):
    from tests.conftest import copy_examples

    folder = copy_examples(tmp_path / "b", 2)
    output = tmp_path / "site" / "lessons learned.pdf"
    report = make_pack([folder], output, PARTNERSHIP_THEME, pack_settings(title="Lessons", formats=("pdf", "html")))
    index = report.index.read_text(encoding="utf-8")
    import html

    assert "North Lincolnshire Children's MARS Board" in html.unescape(index)
    [logo] = re.findall(r'<img class="logo" src="([^"]+)"', index)
    assert (tmp_path / "site" / logo).read_bytes() == (PARTNERSHIP_THEME.parent / "logo.png").read_bytes()
    assert 'href="./lessons%20learned.pdf"' in index and "Download the pack to print (PDF)" in index
    html_only = make_pack([folder], tmp_path / "other" / "p.pdf", PARTNERSHIP_THEME,
                          pack_settings(title="Lessons", formats=("html",)))
    assert "Download the pack" not in html_only.index.read_text(encoding="utf-8")


def test_the_pages_of_a_publication_share_their_stylesheet_fonts_and_logo(tmp_path):
    """A page is a few kilobytes: the fonts, the stylesheet and the logo are files of their own,
    written once beside the pages and named by their content."""
    from tests.conftest import copy_examples

    folder = copy_examples(tmp_path / "b", 3)
    report = make_pack([folder], tmp_path / "site" / "pack.pdf", PARTNERSHIP_THEME,
                       pack_settings(title="Lessons", formats=("html",)))
    pages = sorted((tmp_path / "site").glob("*.html"))
    assert len(pages) == 4 and report.index in pages
    for page in pages:
        assert page.stat().st_size < 100_000, page.name
        outline = parse(page.read_text(encoding="utf-8"))
        for tag, attrs in outline.tags:
            target = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
            if target and not target.startswith(("http", "#")):
                assert (tmp_path / "site" / target).is_file(), target
    fonts = list((tmp_path / "site" / "assets" / "fonts").glob("*.ttf"))
    assert len(fonts) == 4
    stylesheet = next((tmp_path / "site" / "assets").glob("style-*.css")).read_text(encoding="utf-8")
    assert all(f"fonts/{font.name}" in stylesheet for font in fonts)
