"""Fitting and geometry: one size for all sections, every line inside its box, nothing lost."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.dense import dense_briefing
from generator.errors import UserError
from generator.layout.fit import best_split
from generator.layout.page import plan_page
from generator.layout.plan import ListPlan, PagePlan, TextBlock
from generator.layout.text import SOFT_HYPHEN
from generator.read.briefing import load_briefing
from generator.read.messages import messages_for
from tests.conftest import EXAMPLES, briefing_with_bodies, briefing_yaml

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def blocks_of(items):
    for item in items:
        if isinstance(item, ListPlan):
            for entry in item.items:
                yield entry.label
                yield from blocks_of(entry.body)
        else:
            yield item


def check_geometry(plan: PagePlan) -> None:
    """Boxes on the page and apart; every line of text inside its box, left to right and top to bottom."""
    boxes = [s.box for s in plan.sections]
    for x, y, w, h in boxes:
        assert x >= 0 and y >= 0 and x + w <= plan.width + 1e-6 and y + h <= plan.height + 1e-6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
            assert apart, f"boxes overlap: {a} {b}"
    assert plan.header.band[1] > max(y + h for _, y, _, h in boxes)
    assert plan.footer.rule[2] < min(y for _, y, _, _ in boxes)
    for section in plan.sections:
        x, y, w, h = section.box
        texts: list[TextBlock] = [section.heading, *blocks_of(section.body)]
        for link in section.links:
            texts += [link.label, link.address]
        for block in texts:
            for index, line in enumerate(block.lines):
                baseline = block.y - index * block.leading
                assert baseline - 0.25 * block.size >= y - 1e-6, f"section {section.number}: text below its box"
                assert baseline + 0.95 * block.size <= y + h + 1e-6, f"section {section.number}: text above its box"
                assert block.x >= x and block.x + line.width <= x + w + 1e-6, (
                    f"section {section.number}: line wider than its box: {block.text!r}")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_fit_at_a_comfortable_size(path, partnership_theme):
    plan = plan_page(load_briefing(path), partnership_theme)
    assert plan.body_size >= 10
    assert [s.number for s in plan.sections] == list(range(1, 8))
    check_geometry(plan)


def test_short_briefing_is_set_at_the_largest_size(write, default_theme):
    plan = plan_page(load_briefing(write(briefing_yaml())), default_theme)
    assert plan.body_size == default_theme.model.body_size.max
    check_geometry(plan)


def test_all_sections_share_one_size(write, default_theme):
    text = briefing_yaml(body="Short.").replace("      Short.", "      " + "A long sentence here. " * 60, 1)
    plan = plan_page(load_briefing(write(text)), default_theme)
    sizes = {block.size for s in plan.sections for block in blocks_of(s.body)}
    assert sizes == {plan.body_size}
    check_geometry(plan)


def test_one_long_section_gets_a_taller_box(write, default_theme):
    text = briefing_yaml(body="Short.").replace("      Short.", "      " + "Many words in this one. " * 50, 1)
    plan = plan_page(load_briefing(write(text)), default_theme)
    heights = [s.box[3] for s in plan.sections]
    assert heights[0] == max(heights)
    assert heights[0] > 2 * min(heights)


def test_overlong_briefing_fails_with_a_clear_overflow_error(write, default_theme):
    path = write(briefing_yaml(body="Every word here counts for practitioners. " * 60), "too-long.yaml")
    with pytest.raises(UserError) as caught:
        plan_page(load_briefing(path), default_theme)
    [problem] = caught.value.problems
    assert problem.path.endswith("too-long.yaml")
    assert "does not fit on one page even at the smallest body size (9 pt)" in problem.message
    assert "lines" in problem.message and "words) too long" in problem.message
    assert problem.hint.startswith("shorten the longest sections: ")
    assert "'Heading 1'" in problem.hint


def test_long_unbreakable_strings_wrap_inside_their_box(write, default_theme):
    url = "https://example.org/" + "very-long-path-segment/" * 12 + "end"
    body = f"See {url} and Pneumonoultramicroscopicsilicovolcanoconiosis " + "x" * 150
    links = f"    links:\n      - label: {'Unbreakable' * 10}\n        url: {url}"
    text = briefing_yaml(links=links).replace("Section 1 says something useful about practice.", body)
    plan = plan_page(load_briefing(write(text)), default_theme)
    check_geometry(plan)
    [first] = [s for s in plan.sections if s.number == 1]
    assert len(first.body[0].lines) >= 4


def test_best_split_balances_columns_in_reading_order():
    assert best_split([10, 10, 10, 10, 10, 10, 10], 0).left == 3
    assert best_split([60, 10, 10, 10, 10, 10, 10], 0).left == 1
    split = best_split([10, 10, 10, 10, 10, 10, 60], 2)
    assert split.left == 6 and split.tallest == 70


def test_boxes_are_as_tall_as_their_content_on_the_grid_with_tops_in_line(default_theme):
    """A section's box ends with its text (to the grid's step), never a stretched empty box; both
    columns start at one height; the gaps between boxes are the same in both columns."""
    from generator.layout.page import GRID, SECTION_GAP
    from generator.read.briefing import load_briefing
    from tests.conftest import EXAMPLES

    plan = plan_page(load_briefing(EXAMPLES / "03-it-was-hard-to-escape.yaml"), default_theme)
    left, right = plan.sections[:plan.columns[0]], plan.sections[plan.columns[0]:]
    assert left[0].box[1] + left[0].box[3] == right[0].box[1] + right[0].box[3]
    for column in (left, right):
        for above, below in itertools.pairwise(column):
            assert abs(above.box[1] - (below.box[1] + below.box[3]) - SECTION_GAP) < 0.01
        for section in column:
            assert section.box[3] % GRID < 1e-6 or GRID - section.box[3] % GRID < 1e-6
            lowest = min(_lowest(item) for item in [section.heading, *section.body, *section.links])
            assert lowest - section.box[1] < 2 * GRID + 14  # the box ends with its text, not far under it


def _lowest(item) -> float:
    """The lowest point of a block, a list or a link as placed."""
    if isinstance(item, TextBlock):
        return item.y - (len(item.lines) - 1) * item.leading - item.size * 0.3
    if isinstance(item, ListPlan):
        return min(_lowest(part) for entry in item.items for part in [entry.label, *entry.body])
    return min([_lowest(item.label), _lowest(item.address), *([item.qr[1]] if item.qr else [])])


body_text = st.lists(
    st.text(alphabet=st.characters(codec="latin-1", categories=("L", "N", "P")), min_size=1, max_size=40),
    min_size=1, max_size=120,
).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(body_text, min_size=7, max_size=7))
def test_any_content_either_fits_inside_its_boxes_or_is_refused(tmp_path_factory, default_theme, bodies):
    path = tmp_path_factory.mktemp("fit") / "b.yaml"
    path.write_text(briefing_with_bodies(bodies), encoding="utf-8")
    try:
        briefing = load_briefing(path)
    except UserError:
        return  # markup the page cannot show, reported elsewhere
    try:
        plan = plan_page(briefing, default_theme)
    except UserError as error:
        assert "does not fit on one page" in error.problems[0].message
        return
    assert default_theme.model.body_size.min <= plan.body_size <= default_theme.model.body_size.max
    check_geometry(plan)


def test_the_footer_never_wraps_whatever_the_lengths(tmp_path):
    """One line where everything fits; else two rows (the organisation and the page number, then
    the contact line), each line whole: no separator left hanging, nothing over anything."""
    from generator.pack.layout import PackLayout
    from generator.read.theme import load_theme

    theme_file = tmp_path / "theme.yaml"
    long_contact = "www.example-partnership.org.uk · safeguarding@example-county.gov.uk · 01234 567890"
    for organisation, contact, rows in (
            ("Board", "www.example.org", 1),
            ("The Safeguarding Children Partnership for the City and County of Somewhere Long", long_contact, 2)):
        theme_file.write_text(f"organisation: {organisation}\ncontact: {contact}\n")
        theme = load_theme(theme_file)
        footer = PackLayout(theme, messages_for("en-GB", theme)).footer("Tudalen 12 o 120 / Page 12 of 120")
        assert len(footer.organisation.lines) == len(footer.contact.lines) == 1  # never wrapped
        assert footer.organisation.y == footer.page.y
        org_right = footer.organisation.x + footer.organisation.lines[0].width
        if rows == 1:
            assert footer.contact.y == footer.page.y and org_right < footer.contact.x
            assert footer.contact.x + footer.contact.lines[0].width < footer.page.x
        else:
            assert footer.contact.y < footer.organisation.y and org_right < footer.page.x
    theme_file.write_text("organisation: Board\ncontact: " + "a very long contact line " * 8 + "\n")
    with pytest.raises(UserError) as refused:
        PackLayout(load_theme(theme_file), messages_for("en-GB", load_theme(theme_file))).footer("Page 1 of 2")
    assert "too long for the footer" in refused.value.problems[0].message


def test_landscape_and_portrait_logos_keep_their_proportions(tmp_path, write):
    from PIL import Image

    from generator.layout.page import plan_page
    from generator.read.briefing import load_briefing
    from generator.read.theme import load_theme
    from tests.conftest import briefing_yaml

    briefing = load_briefing(write(briefing_yaml()))
    for size in ((800, 200), (300, 600), (400, 400)):
        Image.new("RGB", size, "navy").save(tmp_path / "logo.png")
        (tmp_path / "theme.yaml").write_text("logo: logo.png\nlogo_alt: The board's logo\n")
        header = plan_page(briefing, load_theme(tmp_path / "theme.yaml")).header
        _, _, w, h = header.logo
        _, _, plate_w, plate_h = header.logo_plate
        assert abs(w / h - size[0] / size[1]) < 0.01  # its own proportions
        assert max(w / (plate_w - plate_h / 7), h / (plate_h - plate_h / 7)) > 0.99  # filling its plate


def test_a_dense_briefing_of_600_words_with_two_links_fits_at_9_pt_or_more(tmp_path, partnership_theme):
    """With 12 mm margins and about 10 pt inside the boxes (issue 37), a 600-word briefing still
    fits at 9 pt or more."""
    briefing = load_briefing(dense_briefing(600, tmp_path))
    assert sum(len(s.body.split()) for s in briefing.sections) == 600
    plan = plan_page(briefing, partnership_theme)
    assert plan.body_size >= 9
    check_geometry(plan)
    assert len(plan.sections[6].links) == 2


def test_the_header_gives_room_only_when_the_content_needs_it(tmp_path, partnership_theme):
    dense = plan_page(load_briefing(dense_briefing(600, tmp_path)), partnership_theme)
    short = plan_page(load_briefing(EXAMPLE_FILES[0]), partnership_theme)
    dense_band, short_band = dense.header.band[3], short.header.band[3]
    assert dense_band < short_band - 20
    assert dense.header.title.size < short.header.title.size


def test_body_text_is_hyphenated_with_soft_hyphens_and_names_are_not(write, default_theme):
    body = ("Practitioners recognise safeguarding responsibilities, acknowledging "
            "Northamptonshire's multidisciplinary considerations. " * 3)
    plan = plan_page(load_briefing(write(briefing_yaml(body=body))), default_theme)
    lines = [line for s in plan.sections for block in blocks_of(s.body) for line in block.lines]
    texts = ["".join(piece.text for _, piece, _ in line.parts) for line in lines]
    hyphenated = [text for text in texts if text.rstrip(" ").endswith(SOFT_HYPHEN)]
    assert hyphenated, "no line of a narrow column was hyphenated"
    assert not any(text.rstrip(" ").endswith("Northamp" + SOFT_HYPHEN) for text in texts)
    joined = "".join(texts).replace(SOFT_HYPHEN, "")  # what a reader gets: every word whole
    assert "safeguarding" in joined and "multidisciplinary" in joined
    check_geometry(plan)


def test_a_language_without_a_dictionary_is_not_hyphenated(default_theme):
    from generator.fonts import style_of
    from generator.layout.text import Hyphenator, Piece, Word

    width = default_theme.fonts.width("cydweithrediad", style_of(False, False))
    word = Word([Piece("cydweithrediad", style_of(False, False))], width)
    assert Hyphenator("cy", default_theme.fonts)(word, width) is None
    head, tail = Hyphenator("en-GB", default_theme.fonts)(
        Word([Piece("safeguarding", "regular")], 5.0), 4.0)
    assert head.pieces[0].text.endswith(SOFT_HYPHEN) and head.width <= 4.0
    assert head.pieces[0].text[:-1] + tail.pieces[0].text == "safeguarding"


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(["protection", "safeguarding", "a", "of", "practitioners", "children",
                                       "exploitation", "GOV.UK", "Lincolnshire", "review,", "\n",
                                       "https://www.example.org/a/very/long/address"]),
                      min_size=1, max_size=60),
       width=st.floats(min_value=6, max_value=40))
def test_hyphenated_lines_fit_and_keep_every_character(words, width, default_theme):
    from generator.layout.text import Hyphenator, break_lines, count_lines, words_from_runs
    from generator.read.markup import Run

    measured = words_from_runs([Run(" ".join(words))], default_theme.fonts)
    hyphenate = Hyphenator("en-GB", default_theme.fonts)
    lines = break_lines(measured, 1.0, width, default_theme.fonts, hyphenate)
    assert len(lines) == count_lines(measured, width, default_theme.fonts, hyphenate)
    text = "".join(piece.text for line in lines for _, piece, _ in line.parts)
    assert "".join(text.replace(SOFT_HYPHEN, "").split()) == "".join(words).replace("\n", "")  # new lines: not drawn
    for line in lines:
        pieces = [piece.text for _, piece, _ in line.parts]
        assert line.width <= width + 1e-6 or len(pieces) == 1


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(["protection", "a", "of", "practitioners", "children,", "GOV.UK",
                                      "https://www.example.org/a/very/long/address/that/breaks", "\n", "**bold**",
                                      "Lincolnshire", "ŵ", "-", "review"]), min_size=0, max_size=80).map(" ".join),
       width=st.floats(min_value=2, max_value=60))
def test_lines_are_counted_as_they_are_broken(text, width, default_theme):
    """The quick count fitting uses is the count of the lines the page draws."""
    from generator.layout.text import break_lines, count_lines, words_from_runs
    from generator.read.markup import Run

    measured = words_from_runs([Run(text)] if text else [], default_theme.fonts)
    assert count_lines(measured, width, default_theme.fonts) == len(break_lines(measured, 1.0, width,
                                                                                default_theme.fonts))


def test_a_two_line_title_is_balanced(default_theme):
    from generator.layout.text import balanced_width, count_lines, words_from_runs
    from generator.read.markup import Run

    words = words_from_runs([Run("Learning from a local child safeguarding practice review", bold=True)],
                            default_theme.fonts)
    width = balanced_width(words, 400, 18, default_theme.fonts)
    assert count_lines(words, width / 18, default_theme.fonts) == count_lines(words, 400 / 18, default_theme.fonts)
    lines = break_lines_at(words, width, default_theme)
    assert len(lines) == 2 and min(line.width for line in lines) > 0.6 * max(line.width for line in lines)


def break_lines_at(words, width, theme):
    from generator.layout.text import break_lines

    return break_lines(words, 18, width, theme.fonts)


def _lines_of(block: TextBlock) -> list[str]:
    return ["".join(piece.text for _, piece, _ in line.parts).strip() for line in block.lines]


def test_a_short_briefing_has_no_big_empty_boxes(write, default_theme):
    """Boxes end with their text (a quarter more at most); the spare space is the page's white."""
    plan = plan_page(load_briefing(write(briefing_yaml(body="One short sentence about practice."))), default_theme)
    for section in plan.sections:
        bottom = min(block.y - len(block.lines) * block.leading for block in section.body)
        used = section.box[1] + section.box[3] - bottom
        assert section.box[3] <= 1.25 * used + 30, section.number  # padding and a little room, no more
    lowest = min(section.box[1] for section in plan.sections)
    assert lowest > plan.footer.rule[2] + 100  # white under the columns, above the footer


def test_words_are_not_hyphenated_when_the_briefing_fits_whole(write, default_theme):
    text = " ".join(["Practitioners considered safeguarding responsibilities carefully."] * 3)
    plan = plan_page(load_briefing(write(briefing_yaml(body=text))), default_theme)
    assert plan.body_size == default_theme.model.body_size.max
    assert not any(SOFT_HYPHEN in line for section in plan.sections for block in section.body
                   for line in _lines_of(block))


def test_a_title_never_starts_a_line_with_its_separator(default_theme):
    from generator.layout.text import break_lines, words_from_runs
    from generator.read.markup import Run

    words = words_from_runs([Run("Gwersi a ddysgwyd / Lessons learned - a – b", bold=True)], default_theme.fonts)
    for width in range(120, 400, 7):  # wide enough for "ddysgwyd /", the longest word with its separator
        for line in break_lines(words, 20, width, default_theme.fonts):
            text = "".join(piece.text for _, piece, _ in line.parts).strip()
            assert not text.startswith(("/", "\u2013")), (width, text)


def test_a_bilingual_footer_keeps_the_organisation_on_one_line(partnership_theme):
    from generator.layout.furniture import PageLayout

    words = messages_for("cy", partnership_theme)
    footer = PageLayout(partnership_theme, words, numbering=[words, messages_for("en-GB", partnership_theme)]) \
        .footer("Tudalen 15 o 18 / Page 15 of 18")
    assert len(footer.organisation.lines) == 1


@given(st.lists(st.floats(min_value=1, max_value=400), min_size=7, max_size=7),
       st.lists(st.floats(min_value=0.5, max_value=3), min_size=7, max_size=7),
       st.floats(min_value=100, max_value=3000), st.sampled_from([(9.0, 12.0), (6.0, 12.0), (10.0, 10.0)]),
       st.booleans())
def test_the_size_chosen_is_the_largest_that_fits_as_a_search_of_every_size_finds(bases, growth, available, sizes,
                                                                                  known):
    """The estimate-led search gives what trying every size in turn gives (heights that grow
    with the size, as set text's do), with or without a size known to fit."""
    from generator.layout.fit import STEP, Fit, best_split, choose_size

    smallest, largest = sizes

    def measure(size: float) -> list[float]:
        return [base * (size / largest) ** exponent for base, exponent in zip(bases, growth, strict=True)]

    steps = round((largest - smallest) / STEP)
    fitting = [step for step in range(steps + 1)
               if best_split(measure(round(smallest + step * STEP, 2)), 9.0).tallest <= available]
    expected = round(smallest + max(fitting) * STEP, 2) if fitting else None
    fits_from = round(smallest + min(fitting) * STEP, 2) if known and fitting else None
    result = choose_size(measure, available, smallest, largest, 9.0, fits_from=fits_from)
    assert (result.size if isinstance(result, Fit) else None) == expected
