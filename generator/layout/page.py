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
from generator.layout.fit import Fit, Overflow, choose_size, distribute
from generator.layout.plan import (
    FooterPlan,
    HeaderPlan,
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

MARGIN = 26.0
GUTTER = 11.0
SECTION_GAP = 8.0
QR_SIZE = 46.0
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
        items = [Item(self.text(item.label, where, bold=block.ordered), self.blocks(item.blocks, where))
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
            _, label = self.block("Lbl", item.label, x, y, indent, colour="primary")
            height, body = self.flow(item.body, x + indent, y, width - indent)
            height = max(height, self.lead)
            items.append(ListItemPlan(label, body))
            y -= height
        return top - y, ListPlan(block.ordered, items) if self.place else None


@dataclass(frozen=True)
class _Frame:
    """Inner measures of a section box at one size."""

    size: float

    @cached_property
    def pad(self) -> float:
        return max(5.0, self.size * 0.6)

    @cached_property
    def heading_size(self) -> float:
        return round(self.size * HEADING_SCALE, 2)

    @cached_property
    def badge(self) -> float:
        return self.heading_size * 1.6


def _set_section(section: PreparedSection, setter: TextSetter, x: float, top: float, width: float,
                 qr_codes: bool, number: int) -> tuple[float, SectionPlan | None]:
    """Measure (and when placing, place) one section box from its top edge; returns its height."""
    frame = _Frame(setter.size)
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
    height = top - (y - pad)
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


def _fit(briefing: Briefing, theme: Theme) -> _Fitted:
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
    footer = footer_plan(theme, width, prep.theme_words, words)
    if briefing.summary:  # printed in a pack's contents: every character must have a font there too
        prep.text(briefing.summary, "the summary")
    if prep.problems:
        raise UserError(prep.problems)
    column_w = (width - 2 * MARGIN - GUTTER) / 2
    qr = theme.model.qr_codes
    sizes = theme.model.body_size

    def fitted(hyphenate: Hyphenator | None) -> tuple[HeaderPlan, Fit | Overflow, float, float]:
        measured: dict[float, list[float]] = {}  # the sections' heights at a size: the same under either header

        def measure(size: float) -> list[float]:
            if size not in measured:
                setter = TextSetter(fonts, size, place=False, hyphenate=hyphenate)
                measured[size] = [_set_section(s, setter, 0, 0, column_w, qr, n)[0] for n, s in enumerate(sections, 1)]
            return measured[size]

        def attempt(header: HeaderPlan) -> tuple[Fit | Overflow, float, float]:
            top = header.band[1] - SECTION_GAP
            available = top - (footer.rule[2] + SECTION_GAP)
            return choose_size(measure, available, sizes.min, sizes.max, SECTION_GAP), top, available

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
    header, result, top, available = fitted(None)
    if not (isinstance(result, Fit) and result.size >= sizes.max):
        hyphenator = Hyphenator(words.language, fonts)
        tried = fitted(hyphenator)
        if isinstance(tried[1], Fit) and (isinstance(result, Overflow) or tried[1].size > result.size):
            hyphenate, (header, result, top, available) = hyphenator, tried
    if isinstance(result, Overflow):
        raise DoesNotFit(_overflow_problem(briefing, sections, result))
    return _Fitted(sections, header, footer, result, width, height, column_w, top, available, hyphenate,
                   words.language)


def fit_size(briefing: Briefing, theme: Theme) -> float:
    """The body size the briefing would be set at (what ``check`` reports), without placing lines."""
    return _fit(briefing, theme).fit.size


def plan_page(briefing: Briefing, theme: Theme) -> PagePlan:
    """Lay out one briefing; raise :class:`UserError` if it cannot fit at the theme's smallest size."""
    fitted = _fit(briefing, theme)
    result, sections = fitted.fit, fitted.sections
    setter = TextSetter(theme.fonts, result.size, place=True, hyphenate=fitted.hyphenate)
    placed: list[SectionPlan] = []
    columns = (range(0, result.split.left), range(result.split.left, len(sections)))
    for column, indices in enumerate(columns):
        x = MARGIN + column * (fitted.column_w + GUTTER)
        heights = [result.heights[i] for i in indices]
        boxes, gap = distribute(heights, fitted.available, SECTION_GAP, 2 * SECTION_GAP)
        y = fitted.top
        for index, box_height in zip(indices, boxes, strict=True):
            _, plan = _set_section(sections[index], setter, x, y, fitted.column_w, theme.model.qr_codes, index + 1)
            plan.box = (x, y - box_height, fitted.column_w, box_height)
            placed.append(plan)
            y -= box_height + gap
    return PagePlan(fitted.width, fitted.height, result.size, fitted.header, placed, fitted.footer,
                    (result.split.left, len(sections) - result.split.left), fitted.language)


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
COMPACT = HeaderStyle(11.0, 9.5, (18.0, 16.0, 15.0), (1, 2), 11.0, 9.0, 52.0)


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
    _, label = setter.block("Caption", prep.text(words.theme("label"), "the theme's label", bold=True),
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
    if briefing.audience:
        meta_text += "  \u00b7  " + words("audience", audience=briefing.audience)
    meta_h, meta = setter.block("P", prep.text(meta_text, "the dates line"), text_x, y, text_w, size=style.meta,
                                colour="on_primary")
    y -= meta_h
    bottom = min(y - pad + 4, top + pad - logo_box - 2 * pad)
    band = (band_x, bottom, band_w, height - MARGIN - bottom)
    logo = plate = None
    if theme.logo:
        plate = (band_x + band_w - pad - plate_w, height - MARGIN - pad - plate_h, plate_w, plate_h)
        logo = fitted_logo(theme, plate)
    return HeaderPlan(band, label, title, subtitle, meta, logo, plate)


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


def footer_plan(theme: Theme, width: float, words: WordMaker, messages: Messages, page_text: str | None = None,
                reserve: str | None = None) -> FooterPlan:
    """The footer, on one baseline: the organisation on the left, the contact line, then the page
    number if given, on the right. When they do not fit side by side, the organisation and the
    contact line each take a column of their own, both starting on the same first line, the
    organisation on one line where it fits in three fifths of the room and the contact line
    wrapping; nothing is cut and nothing is staggered. With ``reserve``, the page number's place is as
    wide as that text (or the number, if wider) whether or not a number is given, so pages
    numbered later (a pack's) have the same footer.
    """
    size = 8.5
    setter = TextSetter(theme.fonts, size, place=True)
    left, right = MARGIN, width - MARGIN
    full = right - left
    lead = size * 1.3
    organisation, contact_line = messages.theme("organisation"), messages.theme("contact")
    org_words = words(organisation, True) if organisation else []
    contact_words = words(contact_line, False) if contact_line else []
    page_words = words(page_text, True) if page_text else []

    def natural(ws: list[Word]) -> float:
        return sum(w.width + w.space for w in ws) * size

    gap = 14.0
    page_w = natural(page_words)
    slot_w = max(page_w, natural(words(reserve, True))) if reserve else page_w
    has_slot = bool(page_words or reserve)
    avail = full - (slot_w + gap if has_slot else 0)  # for the organisation and the contact line
    org_natural, contact_natural = natural(org_words), natural(contact_words)
    if not (org_words and contact_words) or org_natural + gap + contact_natural <= avail:
        org_width = avail if not contact_words else min(org_natural + 1, avail)
    else:  # two columns: the organisation on one line if it takes no more than three fifths of the
        org_width = min(org_natural + 1, avail * 0.6)  # room (the contact line wraps instead), else wrapped
    contact_x = left + (org_width + gap if org_words else 0)
    contact_width = left + avail - contact_x
    org_lines = count_lines(org_words, org_width / size, theme.fonts) if org_words else 0
    contact_lines = count_lines(contact_words, contact_width / size, theme.fonts) if contact_words else 0
    top = MARGIN + max(org_lines, contact_lines, 1) * lead
    organisation = contact = page = None
    if org_words:
        _, organisation = setter.block("P", org_words, left, top, org_width, size=size, colour="primary")
    if page_words:
        _, page = setter.block("Artifact", page_words, right - page_w, top, page_w + 1, size=size, colour="primary")
    if contact_words:
        _, contact = setter.block("P", contact_words, contact_x, top, contact_width, size=size, colour="text")
        if len(contact.lines) == 1:  # one line: against the page number, as a footer reads
            contact.x = left + avail - contact.lines[0].width
    return FooterPlan((left, right, top + 6), organisation, contact, page)
