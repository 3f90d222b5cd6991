"""Links that work on paper: a link written in a section's text is printed at the end of its
section with its address (and its QR code), once; `check` says so (BR705), and warns of an
address too long to type with no QR code to scan (BR706)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.check.review import ReviewOptions, review_file
from generator.layout.page import plan_page
from generator.read.briefing import load_briefing, printed_links
from generator.read.markup import shows_address
from tests.conftest import briefing_yaml

LONG = "https://www.example.org/reviews/child-j-local-child-safeguarding-practice-review-2024-final-report"


def _section_links(path, theme, number=1) -> list[tuple[str, str]]:
    plan = plan_page(load_briefing(path), theme)
    section = plan.sections[number - 1]
    return [(link.url, " ".join("".join(p.text for _, p, _ in line.parts) for line in link.label.lines))
            for link in section.links]


def test_a_link_in_the_text_is_printed_at_the_end_of_its_section_with_its_code(write, default_theme):
    path = write(briefing_yaml(body="Read the [Child J review](https://example.org/j) first."))
    links = _section_links(path, default_theme)
    assert links == [("https://example.org/j", "Child J review")]
    plan = plan_page(load_briefing(path), default_theme)
    assert plan.sections[0].links[0].qr_modules  # with its QR code, as the theme prints them


def test_each_address_is_printed_once_and_the_section_s_own_links_follow(write, default_theme):
    body = ("See [the guidance](https://example.org/g), [the guidance again](https://example.org/g) and "
            "[the report](https://example.org/r); and www.example.org/typed is printed as typed.")
    links = '    links:\n      - label: The report\n        url: https://example.org/r\n'
    path = write(briefing_yaml(body=body, links=links))
    assert _section_links(path, default_theme, 1) == [("https://example.org/g", "the guidance"),
                                                       ("https://example.org/r", "the report")]
    assert _section_links(path, default_theme, 7) == [("https://example.org/g", "the guidance"),
                                                       ("https://example.org/r", "The report")]


def test_a_link_in_a_list_item_is_gathered_too(write, default_theme):
    path = write(briefing_yaml(body="Read:\n\n- [the first](https://example.org/1)\n- [the second](mailto:a@b.org)"))
    briefing = load_briefing(path)
    assert [(link.label, link.url) for link in printed_links(briefing.sections[0])] == [
        ("the first", "https://example.org/1"), ("the second", "mailto:a@b.org")]


def test_check_says_where_a_link_in_the_text_is_printed(write, default_theme):
    path = write(briefing_yaml(body="Read the [Child J review](https://example.org/j) first."))
    review = review_file(path, default_theme, ReviewOptions(None))
    notes = [problem for problem in review.findings if problem.code == "BR705"]
    assert len(notes) == 7 and notes[0].severity == "note"
    assert "printed at the end of section 1 (Heading 1) with its address and a QR code" in notes[0].message
    assert (notes[0].line, notes[0].column) == (7, 16)  # at the link, in the body


def test_a_long_address_with_no_qr_code_is_a_warning(write, tmp_path):
    from generator.read.theme import load_theme

    theme_path = write("organisation: A board\nqr_codes: false\n", "theme/theme.yaml")
    theme = load_theme(theme_path)
    path = write(briefing_yaml(body=f"Read the [Child J review]({LONG}) first."))
    found = [p for p in review_file(path, theme, ReviewOptions(None)).findings if p.code in ("BR705", "BR706")]
    assert {p.code for p in found} == {"BR705", "BR706"}
    warning = next(p for p in found if p.code == "BR706")
    assert warning.severity == "warning" and f"{len(LONG) - len('https://')}" not in warning.message
    assert f"this {len(LONG)}-character address" in warning.message
    short = write(briefing_yaml(body="Read the [review](https://example.org/j) first."), "short.yaml")
    assert not [p for p in review_file(short, theme, ReviewOptions(None)).findings if p.code == "BR706"]


@given(st.sampled_from(["https://www.example.org/a/", "http://example.org/a", "mailto:board@example.org"]),
       st.sampled_from(["", "www.", "https://", "http://"]))
def test_words_that_are_the_address_are_known(url, prefix):
    bare = url.removeprefix("mailto:").removeprefix("https://").removeprefix("http://").removeprefix("www.")
    shown = (prefix + bare) if not url.startswith("mailto:") else bare
    assert shows_address(shown, url)
    assert shows_address(shown.upper(), url)
    assert not shows_address("the board's page", url)


def test_a_long_address_typed_in_the_text_is_called_by_its_site_and_printed_once_in_full(write, default_theme):
    address = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
    path = write(briefing_yaml(body=f"Read the guidance at {address} before the meeting, and www.nspcc.org.uk."))
    plan = plan_page(load_briefing(path), default_theme)
    prose = " ".join("".join(piece.text for _, piece, _ in line.parts)
                     for block in plan.sections[0].body for line in block.lines)
    assert "at gov.uk before" in prose and address not in prose  # no address across lines of prose
    assert "www.nspcc.org.uk" in prose  # a short one stays as typed
    assert _section_links(path, default_theme) == [(address, "gov.uk")]
    printed = plan.sections[0].links[0]
    assert "".join("".join(piece.text for _, piece, _ in line.parts) for line in printed.address.lines) == address
    notes = [p for p in review_file(path, default_theme, ReviewOptions(None)).findings if p.code == "BR705"]
    assert "the page calls it 'gov.uk' there, and prints it in full" in notes[0].message
