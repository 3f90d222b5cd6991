"""The one-page layout: header, seven numbered section boxes in two columns, footer.

:func:`plan_page` prepares each section once (words measured at 1 pt), asks :mod:`.fit` for
the body size, then places every line. Measuring and placing share :func:`_set_section`, so
what is measured is exactly what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from reportlab.lib.pagesizes import A4, LETTER

from generator.errors import Problem, UserError
from generator.fonts import FontSet, MissingGlyph, describe_char, style_of
from generator.layout.fit import Fit, Overflow, choose_size
from generator.layout.plan import (
    FooterPlan,
    HeaderPlan,
    KeyMessagePlan,
    LinkPlan,
    ListItemPlan,
    ListPlan,
    PagePlan,
    SectionPlan,
    TextBlock,
)
from generator.layout.text import Hyphenate, Hyphenator, Word, balanced_width, break_lines, count_lines, words_from_runs
from generator.qrcode import qr_modules
from generator.read.briefing import printed_links
from generator.read.markup import (
    Block,
    ListBlock,
    Paragraph,
    Run,
    link_address,
    linked_runs,
    printed_in_full,
    shows_address,
    site_name,
)
from generator.read.messages import Messages, for_briefing
from generator.read.spec import Briefing, Section
from generator.read.theme import Theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}

MARGIN = 34.0  # 12 mm: a printer's safe margin, and room for the page to breathe
GUTTER = 12.0
SECTION_GAP = 9.0
GRID = 2.0  # section boxes are whole multiples of this high: a steady rhythm down both columns
QR_SIZE = 46.0
KEY_SIZE = 11.5  # the key message's words
HEADING_SCALE = 1.16
TITLE_SIZES = (24.0, 21.0, 18.0, 16.0)


def line_spacing(size: float) -> float:
    """Line spacing that tightens with the size: 1.3 times the size at 12 pt and over, down to
    1.2 at 9 pt, where lines are short enough (about 55 characters in a column) for the eye to
    find the next one."""
    return size * (1.2 + 0.1 * min(max((size - 9.0) / 3.0, 0.0), 1.0))


WordMaker = Callable[[str, bool], list[Word]]


class DoesNotFit(UserError):
    """The briefing is too long for its page even at the smallest body size: how much, and where
    to shorten it."""


# --------------------------------------------------------------------------- prepared content


@dataclass
class Para:
    words: list[Word]


@dataclass
class Item:
    label: list[Word]
    body: list[Para | ListItems]


@dataclass
class ListItems:
    ordered: bool
    items: list[Item]
    label_width: float  # widest label at 1 pt


@dataclass
class LinkItem:
    url: str
    label: list[Word]
    address: list[Word]


@dataclass
class PreparedSection:
    heading: list[Word]
    body: list[Para | ListItems]
    links: list[LinkItem]
    words: int


def _on_paper(runs: list[Run]) -> list[Run]:
    """A paragraph's runs as a page prints them: a long address typed in the text is called by
    its site, a link, and printed in full with the section's links (:func:`printed_links`)."""
    return [Run(site_name(run.href), run.bold, run.italic, run.href, run.lang)
            if run.href and shows_address(run.text, run.href) and not printed_in_full(run.text, run.href) else run
            for run in runs]


class Preparer:
    """Measures every word of a briefing once, reporting characters no font can draw."""

    def __init__(self, briefing: Briefing, fonts: FontSet):
        self.briefing, self.fonts = briefing, fonts
        self.problems: list[Problem] = []
        self.reported: set[str] = set()

    def words(self, runs: list[Run], where: str) -> list[Word]:
        from generator.typography import smart_runs

        runs = smart_runs(runs)
        try:
            return words_from_runs(runs, self.fonts)
        except MissingGlyph:  # every character of this text that cannot be drawn, each reported once
            for run in runs:
                for char in self.fonts.missing(run.text, style_of(run.bold, run.italic)):
                    if char in self.reported:
                        continue
                    self.reported.add(char)
                    self.problems.append(Problem(self.briefing.source or self.briefing.id, *self._locate(char),
                                                 f"no shipped font can draw {describe_char(char)} in {where}",
                                                 _missing_hint(char)))
            return []

    def _locate(self, char: str) -> tuple[int, int]:
        """The character's first line and column in the source file, if it can be found there."""
        positions = self.briefing.positions
        return positions.find(char) if positions is not None else (1, 1)

    def theme_words(self, text: str, bold: bool) -> list[Word]:
        """A theme's text, with every web and email address in it a link."""
        return self.words(linked_runs(text, bold=bold), "the theme's organisation or contact line")

    def text(self, text: str, where: str, bold: bool = False) -> list[Word]:
        return self.words([Run(text, bold=bold)], where)

    def blocks(self, blocks: list[Block], where: str) -> list[Para | ListItems]:
        result: list[Para | ListItems] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                result.append(Para(self.words(_on_paper(block.runs), where)))
            else:
                result.append(self.list(block, where))
        return result

    def list(self, block: ListBlock, where: str) -> ListItems:
        items = [Item(self.text(item.label, where), self.blocks(item.blocks, where))
                 for item in block.items]
        widest = max((sum(w.width for w in item.label) for item in items), default=0.0)
        return ListItems(block.ordered, items, widest)

    def section(self, number: int, section: Section, extra: list | None = None) -> PreparedSection:
        """A section's words, measured; ``extra`` links follow its own (the theme's feedback link)."""
        where = f"section {number} ('{section.heading}')"
        links = [LinkItem(link.url, self.text(link.label, where, bold=True), self.text(link_address(link.url), where))
                 for link in [*printed_links(section), *(extra or [])]]
        words = len(section.body.split()) + len(section.heading.split())
        return PreparedSection(self.text(section.heading, where, bold=True), self.blocks(section.blocks, where),
                        links, words)


# --------------------------------------------------------------------------- setting text


class TextSetter:
    """Sets prepared text at one size: counts lines when measuring, places them when drawing."""

    def __init__(self, fonts: FontSet, size: float, place: bool, hyphenate: Hyphenate | None = None):
        self.fonts, self.size, self.place, self.hyphenate = fonts, size, place, hyphenate
        self.lead = line_spacing(size)

    def block(self, role: str, words: list[Word], x: float, top: float, width: float, size: float | None = None,
              colour: str = "text", leading: float | None = None,
              hyphenate: bool = False) -> tuple[float, TextBlock | None]:
        """Set ``words`` from ``top`` down; returns the height used and, when placing, the block.
        Body text (``hyphenate``) is hyphenated where the setter was given a hyphenator."""
        size = size or self.size
        lead = leading or line_spacing(size)
        hyphens = self.hyphenate if hyphenate else None
        if not self.place:
            return count_lines(words, width / size, self.fonts, hyphens) * lead, None
        lines = break_lines(words, size, width, self.fonts, hyphens)
        ascent = size * 0.93
        return len(lines) * lead, TextBlock(role, x, top - ascent, size, lead, colour, lines)

    def flow(self, items: list[Para | ListItems], x: float, top: float, width: float) -> tuple[float, list]:
        """Paragraphs and lists, one under another, with space between."""
        y, placed = top, []
        for index, item in enumerate(items):
            if index:
                y -= self.size * 0.4
            if isinstance(item, Para):
                height, block = self.block("P", item.words, x, y, width, hyphenate=True)
                placed.append(block)
            else:
                height, block = self.list(item, x, y, width)
                placed.append(block)
            y -= height
        return top - y, placed

    def list(self, block: ListItems, x: float, top: float, width: float) -> tuple[float, ListPlan | None]:
        indent = block.label_width * self.size + self.size * 0.55
        y, items = top, []
        for index, item in enumerate(block.items):
            if index:
                y -= self.size * 0.2
            _, label = self.block("Lbl", item.label, x, y, indent, colour="text")  # never like a section number
            height, body = self.flow(item.body, x + indent, y, width - indent)
            height = max(height, self.lead)
            items.append(ListItemPlan(label, body))
            y -= height
        return top - y, ListPlan(block.ordered, items) if self.place else None


@dataclass(frozen=True)
class _Frame:
    """Inner measures of a section box at one size (with the series' larger numbers)."""

    size: float
    series: bool = False

    @cached_property
    def pad(self) -> float:
        return max(7.5, self.size * 0.85)  # 10 pt inside a box at 12 pt; a little less on a dense page

    @cached_property
    def heading_size(self) -> float:
        return round(self.size * HEADING_SCALE, 2)

    @cached_property
    def badge(self) -> float:
        return self.heading_size * (1.6 if not self.series else 2.0)


def _set_section(section: PreparedSection, setter: TextSetter, x: float, top: float, width: float,
                 qr_codes: bool, number: int, series: bool = False) -> tuple[float, SectionPlan | None]:
    """Measure (and when placing, place) one section box from its top edge; returns its height,
    a whole number of :data:`GRID` steps."""
    frame = _Frame(setter.size, series)
    pad, badge = frame.pad, frame.badge
    inner_x, inner_w = x + pad, width - 2 * pad
    y = top - pad
    heading_x = inner_x + badge + setter.size * 0.6
    heading_size = frame.heading_size
    heading_lead = heading_size * 1.18
    heading_h, heading = setter.block("H2", section.heading, heading_x, y, inner_x + inner_w - heading_x,
                                      size=heading_size, colour="primary", leading=heading_lead)
    if heading is not None:  # centre a one-line heading on the badge; longer ones start at its top
        lines = len(heading.lines)
        heading.y = y - badge / 2 - heading_size * 0.34 if lines == 1 else y - heading_size * 0.93
    y -= max(badge, heading_h) + setter.size * 0.4
    body_h, body = setter.flow(section.body, inner_x, y, inner_w)
    y -= body_h
    links: list[LinkPlan] = []
    for link in section.links:
        y -= setter.size * 0.6
        text_x = inner_x + (QR_SIZE + setter.size * 0.6 if qr_codes else 0)
        text_w = inner_x + inner_w - text_x
        label_h, label = setter.block("Link", link.label, text_x, y, text_w, colour="primary")
        address_size = round(setter.size * 0.84, 2)
        address_h, address = setter.block("Link", link.address, text_x, y - label_h, text_w,
                                          size=address_size, colour="text")
        row = max(QR_SIZE if qr_codes else 0.0, label_h + address_h)
        if setter.place:
            links.append(LinkPlan(link.url, label, address, (inner_x, y - QR_SIZE, QR_SIZE) if qr_codes else None,
                                  qr_modules(link.url) if qr_codes else ()))
        y -= row
    height = math.ceil(round(top - (y - pad), 3) / GRID) * GRID
    if not setter.place:
        return height, None
    plan = SectionPlan(number, (x, top - height, width, height),
                       (inner_x + badge / 2, top - pad - badge / 2, badge / 2), heading_size, heading, body, links)
    return height, plan


# --------------------------------------------------------------------------- the page


@dataclass
class _Fitted:
    """A briefing prepared and fitted, before its lines are placed."""

    sections: list[PreparedSection]
    header: HeaderPlan
    footer: FooterPlan
    fit: Fit
    width: float
    height: float
    column_w: float
    top: float
    available: float
    hyphenate: Hyphenator | None  # None: the briefing fits as well without breaking words
    language: str
    key: tuple[list[Word], list[Word], float] | None = None  # the key message: label, words, box height


def _fit(briefing: Briefing, theme: Theme, running_footer: FooterPlan | None = None) -> _Fitted:
    """Prepare the briefing and choose its body size. The header is roomy unless the content
    needs the room: a briefing that would be set below the comfortable size (the theme's
    ``check.comfortable_size``), or would not fit, gets the compact header if that lets it be
    set larger."""
    fonts = theme.fonts
    prep = Preparer(briefing, fonts)
    words = for_briefing(briefing, theme)
    sections = [prep.section(number, section, _feedback(theme, words) if number == len(briefing.sections) else [])
                for number, section in enumerate(briefing.sections, 1)]
    width, height = PAGE_SIZES[theme.model.page_size]
    headers = [_header(briefing, theme, words, prep, width, height, style) for style in (ROOMY, COMPACT)]
    footer = running_footer or footer_plan(theme, width, prep.theme_words, words)
    if briefing.summary:  # printed in a pack's contents: every character must have a font there too
        prep.text(briefing.summary, "the summary")
    if prep.problems:
        raise UserError(prep.problems)
    column_w = (width - 2 * MARGIN - GUTTER) / 2
    qr = theme.model.qr_codes
    series = theme.model.series
    sizes = theme.model.body_size
    key = _key_words(briefing, prep, words, theme.fonts, width - 2 * MARGIN)
    reserved = key[2] + SECTION_GAP if key else 0.0  # the key message's box, across the foot

    def fitted(hyphenate: Hyphenator | None, known: dict[int, float] | None = None
               ) -> tuple[HeaderPlan, Fit | Overflow, float, float]:
        """The header and the size, with ``hyphenate`` or without; ``known``: the sizes that fit
        without it, by header (none is tried smaller: hyphenation only takes lines away)."""
        measured: dict[float, list[float]] = {}  # the sections' heights at a size: the same under either header

        def measure(size: float) -> list[float]:
            if size not in measured:
                setter = TextSetter(fonts, size, place=False, hyphenate=hyphenate)
                measured[size] = [_set_section(s, setter, 0, 0, column_w, qr, n, series)[0]
                                  for n, s in enumerate(sections, 1)]
            return measured[size]

        def attempt(header: HeaderPlan) -> tuple[Fit | Overflow, float, float]:
            top = header.band[1] - SECTION_GAP
            available = top - (footer.rule[2] + SECTION_GAP) - reserved
            result = choose_size(measure, available, sizes.min, sizes.max, SECTION_GAP,
                                 fits_from=(known or {}).get(id(header)))
            if known is None and isinstance(result, Fit):
                fitting[id(header)] = result.size
            return result, top, available

        header = headers[0]
        result, top, available = attempt(header)
        if isinstance(result, Overflow) or result.size < theme.model.check.comfortable_size:
            compact = attempt(headers[1])
            if isinstance(result, Overflow) or (isinstance(compact[0], Fit) and compact[0].size > result.size):
                header, (result, top, available) = headers[1], compact
        return header, result, top, available

    # Words are hyphenated only where the space is tight: when breaking them lets the briefing
    # be set larger (or fit at all), never in a briefing that fits at its largest size whole.
    hyphenate = None
    fitting: dict[int, float] = {}  # the size each header fits at, unhyphenated
    header, result, top, available = fitted(None)
    if not (isinstance(result, Fit) and result.size >= sizes.max):
        hyphenator = Hyphenator(words.language, fonts)
        tried = fitted(hyphenator, fitting)
        if isinstance(tried[1], Fit) and (isinstance(result, Overflow) or tried[1].size > result.size):
            hyphenate, (header, result, top, available) = hyphenator, tried
    if isinstance(result, Overflow):
        raise DoesNotFit(_overflow_problem(briefing, sections, result))
    return _Fitted(sections, header, footer, result, width, height, column_w, top, available, hyphenate,
                   words.language, key)


def _key_words(briefing: Briefing, prep: Preparer, words: Messages, fonts: FontSet,
               width: float) -> tuple[list[Word], list[Word], float] | None:
    """The key message's label and words, and the height of its box across the page; None without one."""
    if not briefing.key_message:
        return None
    label = prep.text(words("key_message"), "the key message's label", bold=True)
    text = prep.words(linked_runs(briefing.key_message, bold=True), "the key message")
    pad = 10.0
    inner = width - 2 * pad - 6
    lines = count_lines(text, inner / KEY_SIZE, fonts)
    height = math.ceil((pad * 2 + 8.5 * 1.4 + lines * KEY_SIZE * 1.25) / GRID) * GRID
    return label, text, height


def fit_size(briefing: Briefing, theme: Theme) -> float:
    """The body size the briefing would be set at (what ``check`` reports), without placing lines."""
    return _fit(briefing, theme).fit.size


def plan_page(briefing: Briefing, theme: Theme, running_footer: FooterPlan | None = None) -> PagePlan:
    """Lay out one briefing; raise :class:`UserError` if it cannot fit at the theme's smallest size.
    ``running_footer``: a pack's footer, which the page is laid out above (it may be taller than
    the briefing's own: a bilingual pack's page numbers are in both languages).

    Each section box is as tall as its content, to a whole number of :data:`GRID` steps, with
    the same gap between boxes in both columns, whose tops line up: the white a short briefing
    leaves is at the foot of the columns, never inside a box. The key message, if the briefing
    gives one, sits in a box across the page under the columns."""
    fitted = _fit(briefing, theme, running_footer)
    result, sections = fitted.fit, fitted.sections
    setter = TextSetter(theme.fonts, result.size, place=True, hyphenate=fitted.hyphenate)
    placed: list[SectionPlan] = []
    columns = (range(0, result.split.left), range(result.split.left, len(sections)))
    lowest = fitted.top
    for column, indices in enumerate(columns):
        x = MARGIN + column * (fitted.column_w + GUTTER)
        y = fitted.top
        for index in indices:
            box_height = result.heights[index]
            _, plan = _set_section(sections[index], setter, x, y, fitted.column_w, theme.model.qr_codes, index + 1,
                                   theme.model.series)
            plan.box = (x, y - box_height, fitted.column_w, box_height)
            placed.append(plan)
            y -= box_height + SECTION_GAP
        lowest = min(lowest, y + SECTION_GAP)
    key = None
    if fitted.key is not None:
        key = _place_key(fitted.key, MARGIN, lowest - SECTION_GAP, fitted.width - 2 * MARGIN, theme.fonts)
    return PagePlan(fitted.width, fitted.height, result.size, fitted.header, placed, fitted.footer,
                    (result.split.left, len(sections) - result.split.left), fitted.language, key)


def _place_key(key: tuple[list[Word], list[Word], float], x: float, top: float, width: float,
               fonts: FontSet) -> KeyMessagePlan:
    label_words, text_words, height = key
    setter = TextSetter(fonts, KEY_SIZE, place=True)
    pad = 10.0
    inner_x = x + pad + 6
    _, label = setter.block("P", label_words, inner_x, top - pad, width - 2 * pad - 6, size=8.5, colour="primary")
    _, text = setter.block("P", text_words, inner_x, top - pad - 8.5 * 1.4, width - 2 * pad - 6, size=KEY_SIZE,
                           colour="text", leading=KEY_SIZE * 1.25)
    return KeyMessagePlan((x, top - height, width, height), label, text)


def _overflow_problem(briefing: Briefing, sections: list[PreparedSection], result: Overflow) -> Problem:
    """How much is over, in lines and (estimated from the briefing's own words per line) words,
    pointing at the longest section."""
    lead = line_spacing(result.size)
    lines = max(1, math.ceil(result.over / lead))
    words_per_line = sum(s.words for s in sections) / max(sum(result.heights) / lead, 1)
    words = max(1, round(lines * words_per_line))
    longest = sorted(range(len(sections)), key=lambda i: -sections[i].words)[:3]
    named = ", ".join(f"{i + 1} '{briefing.sections[i].heading}' ({sections[i].words} words)" for i in longest)
    line, column = briefing.locate(("sections", longest[0], "body"))
    return Problem(
        briefing.source or briefing.id, line, column,
        f"the briefing does not fit on one page even at the smallest body size ({result.size:g} pt): "
        f"it is about {lines} line{'s' if lines != 1 else ''} (roughly {words} words) too long",
        f"shorten the longest sections: {named}",
    )


@dataclass(frozen=True)
class HeaderStyle:
    """The header band's sizes: roomy by default, compact when the content needs the room."""

    pad: float
    label: float
    titles: tuple[float, ...]
    title_lines: tuple[int, ...]  # the largest title size on one line is preferred, if 1 comes first
    subtitle: float
    meta: float
    logo: float  # the logo plate's height


ROOMY = HeaderStyle(16.0, 10.5, TITLE_SIZES, (2,), 12.5, 9.5, 70.0)
COMPACT = HeaderStyle(9.0, 9.0, (17.0, 15.0, 14.0), (1, 2), 10.5, 8.5, 46.0)


def _header(briefing: Briefing, theme: Theme, words: Messages, prep: Preparer, width: float, height: float,
            style: HeaderStyle = ROOMY) -> HeaderPlan:
    fonts = theme.fonts
    setter = TextSetter(fonts, 10, place=True)
    band_x, band_w = MARGIN, width - 2 * MARGIN
    pad = style.pad
    plate_w, plate_h = logo_plate(theme, style.logo, style.logo * 190 / 70)
    logo_box = plate_h
    text_x = band_x + pad
    text_w = band_w - 2 * pad - (plate_w + pad if plate_w else 0)
    top = height - MARGIN - pad
    mark = None
    label_text = words.theme("label")
    if theme.model.series:  # the series' look: a clock face with a 7, the board's name beside the label
        radius = style.logo * 0.36
        mark = (text_x + radius, top - radius + style.label * 0.2, radius)
        text_x += 2 * radius + pad * 0.8
        text_w -= 2 * radius + pad * 0.8
        if words.theme("organisation"):
            label_text += "  \u00b7  " + words.theme("organisation")
    _, label = setter.block("Caption", prep.text(label_text, "the theme's label", bold=True),
                            text_x, top, text_w, size=style.label, colour="on_primary")
    y = top - style.label * 1.5
    title_words = prep.text(briefing.title, "the title", bold=True)
    title_size = next((size for lines in style.title_lines for size in style.titles
                       if count_lines(title_words, text_w / size, fonts) <= lines), style.titles[-1])
    title_w = balanced_width(title_words, text_w, title_size, fonts)
    title_h, title = setter.block("H1", title_words, text_x, y, title_w, size=title_size,
                                  colour="on_primary", leading=title_size * 1.12)
    y -= title_h + 2
    subtitle = None
    if briefing.subtitle:
        sub_h, subtitle = setter.block("P", prep.text(briefing.subtitle, "the subtitle"), text_x, y, text_w,
                                       size=style.subtitle, colour="on_primary")
        y -= sub_h
    y -= style.pad / 3
    meta_text = words("published", date=words.date(briefing.published))
    if briefing.review:
        meta_text += "  \u00b7  " + words("review_by", date=words.date(briefing.review))
    meta_words = _one_line(prep.text(meta_text, "the dates line"))  # the dates on one line
    meta_h, meta = setter.block("P", meta_words, text_x, y, text_w, size=style.meta, colour="on_primary")
    y -= meta_h
    audience = None
    if briefing.audience:  # who it is for, on a line of its own: never "managers" left alone
        audience_words = prep.text(words("audience", audience=briefing.audience), "the audience")
        audience_w = balanced_width(audience_words, text_w, style.meta, fonts)
        audience_h, audience = setter.block("P", audience_words, text_x, y, audience_w, size=style.meta,
                                            colour="on_primary")
        y -= audience_h
    bottom = min(y - pad + 4, top + pad - logo_box - 2 * pad)
    band = (band_x, bottom, band_w, height - MARGIN - bottom)
    logo = plate = None
    if theme.logo:
        plate = (band_x + band_w - pad - plate_w, height - MARGIN - pad - plate_h, plate_w, plate_h)
        logo = fitted_logo(theme, plate)
    return HeaderPlan(band, label, title, subtitle, meta, logo, plate, audience, mark)


def _one_line(words: list[Word]) -> list[Word]:
    """Words glued into one, which no line breaks inside: the dates line ("Published 29 January
    2021 · Review by 29 January 2022") is read as one line."""
    if not words:
        return words
    pieces, width = [], 0.0
    for index, word in enumerate(words):
        pieces += word.pieces
        width += word.width
        if index < len(words) - 1 and word.space_piece is not None:
            pieces.append(word.space_piece)
            width += word.space
    return [Word(pieces, width)]


def _logo_size(theme: Theme) -> tuple[float, float]:
    return theme.logo_size


def logo_plate(theme: Theme, tall: float = 70.0, widest: float = 190.0) -> tuple[float, float]:
    """The white plate behind the logo, at the logo's own proportions: a square or portrait logo
    on a plate ``tall`` points high, a landscape one (4:1, say) on a wider, lower one up to
    ``widest``, so that it fills its plate rather than a quarter of a square. (0, 0) without one."""
    if not theme.logo:
        return 0.0, 0.0
    width, height = _logo_size(theme)
    aspect = width / height
    margin = tall / 7
    if aspect * (tall - margin) + margin > widest:  # wide: as wide as allowed, as tall as it then needs
        return widest, max(tall * 0.5, (widest - margin) / aspect + margin)
    return max(tall * 0.6, aspect * (tall - margin) + margin), tall


def fitted_logo(theme: Theme, plate: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The logo inside its plate, a fourteenth of its height in from every edge, at its own
    proportions, centred."""
    width, height = _logo_size(theme)
    x, y, plate_w, plate_h = plate
    margin = plate_h / 7
    scale = min((plate_w - margin) / width, (plate_h - margin) / height)
    w, h = width * scale, height * scale
    return x + (plate_w - w) / 2, y + (plate_h - h) / 2, w, h


def _feedback(theme: Theme, words: Messages) -> list:
    """The theme's feedback link, printed after the last section's own links, with its QR code."""
    from generator.read.spec import Link

    url = theme.model.feedback_url
    return [Link(words.theme("feedback_label"), url)] if url else []


def _missing_hint(char: str) -> str:
    """What to do about a character no font has: a letter belongs to a name or a word that must
    stay as it is, so the font is what changes; a symbol can be replaced."""
    import unicodedata

    if unicodedata.category(char).startswith(("L", "M")):
        return ("keep the name or word as it is: set the theme's fonts (fonts: regular, bold, italic, "
                "bold_italic) to TrueType files that have this alphabet, such as a Noto Sans for it")
    return "replace it with a common character (or a word), or set the theme's fonts to ones that have it"


FOOTER_SIZE = 8.5
SMALLEST_FOOTER = 7.0


def footer_plan(theme: Theme, width: float, words: WordMaker, messages: Messages, page_text: str | None = None,
                reserve: str | None = None) -> FooterPlan:
    """The footer, never wrapped: the organisation on the left, the contact line, then the page
    number (if given) on the right, on one line where they fit; otherwise in two rows, the
    organisation and the page number above, the contact line below, each on one line. A line too
    long for its row at 8.5 pt is set smaller, down to 7 pt; one too long even then is the theme's
    error, said at its line. With ``reserve``, the page number's place is as wide as that text (or
    the number, if wider) whether or not a number is given, so pages numbered later (a pack's) have
    the same footer."""
    left, right = MARGIN, width - MARGIN
    full = right - left
    organisation, contact_line = messages.theme("organisation"), messages.theme("contact")
    org_words = words(organisation, True) if organisation else []
    contact_words = words(contact_line, False) if contact_line else []
    page_words = words(page_text, True) if page_text else []

    def natural(ws: list[Word], size: float) -> float:
        return sum(w.width + w.space for w in ws) * size - (ws[-1].space * size if ws else 0)

    gap = 14.0
    size = FOOTER_SIZE
    slot = max(natural(page_words, size), natural(words(reserve, True), size)) if reserve else natural(page_words, size)
    has_slot = bool(page_words or reserve)
    row = full - (slot + gap if has_slot else 0)  # the room beside the page number
    one_line = natural(org_words, size) + (gap if org_words and contact_words else 0) + natural(contact_words, size)
    if one_line <= row:
        rows = [[("organisation", org_words, size), ("contact", contact_words, size)]]
    else:
        rows = [[("organisation", org_words, _shrunk(org_words, row, theme, "organisation"))],
                [("contact", contact_words, _shrunk(contact_words, full, theme, "contact"))]]
    lead = FOOTER_SIZE * 1.3
    top = MARGIN + len(rows) * lead
    placed: dict[str, TextBlock | None] = {"organisation": None, "contact": None}
    for number, items in enumerate(rows):
        baseline_top = top - number * lead
        for name, ws, at in items:
            if not ws:
                continue
            setter = TextSetter(theme.fonts, at, place=True)
            _, block = setter.block("P", [_one_line(ws)[0]], left, baseline_top, full + 1, size=at,
                                    colour="primary" if name == "organisation" else "text")
            if name == "contact" and len(rows) == 1:  # against the page number, as a footer reads
                block.x = left + row - block.lines[0].width
            placed[name] = block
    page = None
    if page_words:
        setter = TextSetter(theme.fonts, size, place=True)
        page_w = natural(page_words, size)
        _, page = setter.block("Artifact", page_words, right - page_w, top, page_w + 1, size=size, colour="primary")
    return FooterPlan((left, right, top + 6), placed["organisation"], placed["contact"], page)


def _shrunk(words: list[Word], room: float, theme: Theme, key: str) -> float:
    """The largest footer size, from 8.5 down to 7 pt, at which ``words`` fit ``room`` on one line."""
    width = sum(w.width + w.space for w in words) - (words[-1].space if words else 0)
    if not words or width * FOOTER_SIZE <= room:
        return FOOTER_SIZE
    size = math.floor(room / width * 10) / 10
    if size >= SMALLEST_FOOTER:
        return size
    file = theme.file
    name = "built-in theme" if file.path is None else _display(file.path)
    line, column = file.where((key,))
    most = int(room / (width / max(1, sum(len(p.text) for w in words for p in w.pieces)) / SMALLEST_FOOTER))
    raise UserError(Problem(name, line, column, f"the theme's {key} line is too long for the footer, even at "
                            f"{SMALLEST_FOOTER:g} pt: the footer is one line (and a page number) wide",
                            f"shorten it to about {most} characters"))


def _display(path) -> str:
    from generator.errors import display_path

    return display_path(path)
