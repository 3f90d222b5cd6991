"""Fitting and geometry: one size for all sections, every line inside its box, nothing lost."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.layout.fit import best_split, distribute
from generator.layout.page import plan_page
from generator.layout.plan import ListPlan, PagePlan, TextBlock
from generator.loading import load_briefing
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


def test_distribute_fills_the_column_in_proportion():
    heights = distribute([10, 30], 100, 0)
    assert heights == [25, 75]


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


def test_the_footer_is_on_one_baseline_whatever_the_lengths(tmp_path):
    from generator.layout.pack_pages import PackLayout
    from generator.theme import load_theme

    theme_file = tmp_path / "theme.yaml"
    long_contact = "www.example-partnership.org.uk · safeguarding@example-county.gov.uk · 01234 567890"
    for organisation, contact in (("Board", "www.example.org"),
                                  ("The Safeguarding Children Partnership for the City and County of Somewhere Long",
                                   long_contact)):
        theme_file.write_text(f"organisation: {organisation}\ncontact: {contact}\n")
        footer = PackLayout(load_theme(theme_file)).footer("Page 12 of 120")
        assert footer.organisation.y == footer.contact.y == footer.page.y
        org_right = footer.organisation.x + max(line.width for line in footer.organisation.lines)
        assert org_right < footer.contact.x  # side by side, never over each other
        contact_right = footer.contact.x + max(line.width for line in footer.contact.lines)
        assert contact_right < footer.page.x


def test_landscape_and_portrait_logos_keep_their_proportions(tmp_path, write):
    from PIL import Image

    from generator.layout.page import plan_page
    from generator.loading import load_briefing
    from generator.theme import load_theme
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
