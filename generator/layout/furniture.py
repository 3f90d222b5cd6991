"""What every page besides a briefing's own shares (the pack's cover and contents, record sheets,
the impact summary): measured words in which every address is a link, text setters, and the
footer with its page number, in the page's language."""

from __future__ import annotations

from generator.fonts import FontSet
from generator.layout.page import MARGIN, PAGE_SIZES, TextSetter, footer_plan
from generator.layout.plan import FooterPlan, TextBlock
from generator.layout.text import Word, words_from_runs
from generator.read.briefing import BriefingFacts
from generator.read.markup import linked_runs
from generator.read.messages import Messages, for_briefing
from generator.read.theme import Theme


class Words:
    """Measured words for the pack's own text. Everything it sets (titles, summaries, the
    theme's lines) was drawn on the briefing pages first, so every character has a font."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts

    def __call__(self, text: str, bold: bool = False, italic: bool = False) -> list[Word]:
        """The words of ``text``, every web and email address in it a link."""
        from generator.typography import smart_runs

        return words_from_runs(smart_runs(linked_runs(text, bold=bold, italic=italic)), self.fonts)


def bottom_of(block: TextBlock) -> float:
    """The lowest point of a block's last line."""
    return block.y - (len(block.lines) - 1) * block.leading - block.size * 0.3


class PageLayout:
    """What the pages the tool draws besides a briefing's own share: the page's measures, its
    words in a language, setters, and the footer with its page number."""

    def __init__(self, theme: Theme, words: Messages, also: list[Messages] = (), numbering: list[Messages] = ()):
        """``words``: the language of these pages; ``also``: a bilingual pack's other languages;
        ``numbering``: the languages page numbers are in (a bilingual pack's: all of them, so
        every page says "Tudalen 5 o 9 / Page 5 of 9"; default: ``words``)."""
        self.theme, self.m, self.also = theme, words, list(also)
        self.numbering = list(numbering) or [words]
        self.width, self.height = PAGE_SIZES[theme.model.page_size]
        self.words = Words(theme.fonts)
        self.left, self.right = MARGIN, self.width - MARGIN
        self.full = self.right - self.left

    def setter(self, size: float) -> TextSetter:
        return TextSetter(self.theme.fonts, size, place=True)

    def entry_words(self, briefing: BriefingFacts) -> Messages:
        """The fixed words of a briefing's own language (a contents entry's dates are in the
        briefing's language, as its page is)."""
        return for_briefing(briefing, self.theme)

    def footer(self, page_text: str | None) -> FooterPlan:
        """A pack page's footer. Its layout is the same with or without the number, which is
        drawn separately (see :mod:`generator.pack.draw`), so a briefing's page is the same
        wherever it falls in the pack."""
        return footer_plan(self.theme, self.width, lambda text, bold: self.words(text, bold), self.m, page_text,
                           reserve=self.page_number(8888, 8888))

    def page_number(self, number: int, total: int) -> str:
        """"Page 5 of 9", in each language of the numbering, the first first."""
        return " / ".join(m("page", n=number, total=total) for m in self.numbering)
