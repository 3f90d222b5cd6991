"""Section body markup: a small Markdown subset, parsed by markdown-it-py into blocks of runs.

What the page can show: paragraphs, ``-``/``*`` bullets, ``1.`` numbered lists (one level of
nesting), ``**bold**``, ``*italic*``, ``[label](url)`` and hard line breaks. Everything else that
Markdown would turn into structure (headings, tables, images, code, quotes, rules, a third list
level) is reported with its line rather than dropped or flattened. HTML and entities are not
interpreted: ``<b>``, ``&amp;`` and ``C&YP`` print exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin

from generator.read.spec import url_problem as scheme_problem


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style. ``text == "\\n"`` is a forced line break."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    lang: str | None = None  # words in another language, marked [like this]{lang=en}


@dataclass
class Paragraph:
    runs: list[Run]
    line: int = 0  # 0-based line of the body text where it starts

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class ListItem:
    label: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[ListItem]
    line: int = 0


Block = Paragraph | ListBlock


@dataclass(frozen=True)
class MarkupProblem:
    line: int  # 0-based, inside the body text
    column: int  # 0-based
    message: str
    hint: str = ""


_UNSUPPORTED = {
    "heading_open": ("a heading cannot go inside a section body",
                     "each section has one heading, its 'heading:' field; remove the '#'"),
    "code_block": ("indented text would become a code block",
                   "remove the indentation at the start of the line"),
    "fence": ("a code block cannot go on the page", "remove the ``` lines"),
    "table_open": ("a table cannot go on the page", "write it as a list instead"),
    "blockquote_open": ("a quotation block cannot go on the page",
                        "remove the '>' and put the quotation in quote marks"),
    "hr": ("a horizontal rule cannot go on the page", "remove the line of dashes or stars"),
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.disable(["entity", "autolink", "html_inline", "html_block", "reference"])
    md.enable("table")
    # [words]{lang=en}: words in another language (an English report's title in a Welsh
    # briefing), tagged with their language. Braces after anything else stay text as typed.
    md.use(attrs_plugin, spans=True, after=("span_close",))
    md.validateLink = lambda url: True  # schemes are checked here, with a located error
    return md


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
TYPED_BULLETS = "\u2022\u25aa\u25cf\u25e6\u00b7"  # bullets Word pastes as characters: read as "- "
_TYPED_BULLET = re.compile(rf"^(\s*)[{TYPED_BULLETS}][ \t]", re.MULTILINE)


def typed_bullets(text: str) -> list[int]:
    """The offsets of bullets typed as characters ("•" and a tab, as Word pastes them)."""
    return [found.end(1) for found in _TYPED_BULLET.finditer(text)]


def parse(text: str) -> tuple[list[Block], list[MarkupProblem]]:
    """Parse a body into blocks, with every problem found (not just the first). A bullet typed as
    a character ("•" and a tab or space, as Word pastes a list) is read as "- ", a list item
    (the same number of characters, so every position stays where it was); check warns of it."""
    text = _TYPED_BULLET.sub(lambda found: found.group(1) + "- ", text)
    tokens = _parser().parse(text)
    reader = _Reader(tokens, text.splitlines())
    blocks = reader.blocks(until=None, depth=0)
    return blocks, reader.problems


class _Reader:
    def __init__(self, tokens: list[Token], lines: list[str]):
        self.tokens = tokens
        self.lines = lines
        self.index = 0
        self.problems: list[MarkupProblem] = []

    def problem(self, token: Token, message: str, hint: str = "", needle: str = "") -> None:
        line = token.map[0] if token.map else 0
        column = 0
        if line < len(self.lines):
            text = self.lines[line]
            column = text.find(needle) if needle and needle in text else len(text) - len(text.lstrip())
        self.problems.append(MarkupProblem(line, column, message, hint))

    def blocks(self, until: str | None, depth: int) -> list[Block]:
        result: list[Block] = []
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            if until and token.type == until:
                self.index += 1
                return result
            if token.type == "paragraph_open":
                inline = self.tokens[self.index + 1]
                result.append(Paragraph(self.runs(inline), token.map[0] if token.map else 0))
                self.index += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                result.append(self.list_block(token, depth))
            elif token.type in _UNSUPPORTED:
                message, hint = _UNSUPPORTED[token.type]
                self.problem(token, message, hint)
                self.skip(token)
            else:  # pragma: no cover - every block token markdown-it emits here is handled above
                self.problem(token, f"'{token.type}' cannot go on the page")
                self.skip(token)
        return result

    def skip(self, token: Token) -> None:
        """Move past a token and, if it opens something, everything up to its close."""
        self.index += 1
        if token.nesting == 1:
            level = token.level
            while self.index < len(self.tokens):
                current = self.tokens[self.index]
                self.index += 1
                if current.nesting == -1 and current.level == level:
                    return

    def list_block(self, token: Token, depth: int) -> ListBlock:
        ordered = token.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        if depth >= 2:
            self.problem(token, "lists can be nested one level deep, not more",
                         "move this list item left so it sits under the level above")
        start = int(token.attrs.get("start", 1)) if ordered else 1
        block = ListBlock(ordered, [], token.map[0] if token.map else 0)
        self.index += 1
        number = start
        while self.index < len(self.tokens) and self.tokens[self.index].type == "list_item_open":
            self.index += 1
            label = f"{number}." if ordered else "\u2022"
            block.items.append(ListItem(label, self.blocks("list_item_close", depth + 1)))
            number += 1
        if self.index < len(self.tokens) and self.tokens[self.index].type == close:
            self.index += 1
        return block

    def _span_language(self, inline: Token, span: Token) -> str | None:
        """The language of a ``[words]{lang=..}`` span; anything else in the braces is refused."""
        attrs = dict(span.attrs)
        value = str(attrs.pop("lang", ""))
        if attrs or not _LANGUAGE.fullmatch(value):
            self.problem(inline, "braces after [words] can only give their language, such as {lang=en}",
                         "write [the English words]{lang=en}, or leave out the brackets and braces", needle="]{")
            return None
        return value

    def runs(self, inline: Token) -> list[Run]:
        runs: list[Run] = []
        bold = italic = 0
        href: str | None = None
        lang: str | None = None
        for child in inline.children or []:
            kind = child.type
            if kind == "text" or kind == "code_inline":
                text = child.content if kind == "text" else child.markup + child.content + child.markup
                runs.append(Run(text, bold > 0, italic > 0, href, lang))
            elif kind == "softbreak":
                runs.append(Run(" ", bold > 0, italic > 0, href, lang))
            elif kind == "hardbreak":
                runs.append(Run("\n", bold > 0, italic > 0, href, lang))
            elif kind == "span_open":
                lang = self._span_language(inline, child)
            elif kind == "span_close":
                lang = None
            elif kind in ("strong_open", "strong_close"):
                bold += 1 if kind == "strong_open" else -1
            elif kind in ("em_open", "em_close"):
                italic += 1 if kind == "em_open" else -1
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                why = scheme_problem(href)
                if why:
                    self.problem(inline, why, "use the full address, starting https://", needle=href)
            elif kind == "link_close":
                href = None
            elif kind == "image":
                self.problem(inline, "an image cannot go inside a section body",
                             "the page has one logo, set in the theme; link to the image instead",
                             needle="![")
            else:  # pragma: no cover - the inline rules enabled above emit nothing else
                self.problem(inline, f"'{kind}' cannot go on the page")
        # an address typed as text is a link too, so that it can be followed on screen
        return [linked for run in _merge(runs) for linked in _addresses_linked(run)]


def _addresses_linked(run: Run) -> list[Run]:
    if run.href is not None or run.text == "\n":
        return [run]
    return linked_runs(run.text, bold=run.bold, italic=run.italic, lang=run.lang)


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and run.text != "\n" and merged[-1].text != "\n" and (
            (merged[-1].bold, merged[-1].italic, merged[-1].href, merged[-1].lang)
            == (run.bold, run.italic, run.href, run.lang)
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href, run.lang)
        elif run.text:
            merged.append(run)
    return merged


def plain_text(blocks: list[Block]) -> str:
    """The words of the blocks in reading order, one block per line (for checks and tests)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            for item in block.items:
                out.append(item.label + " " + plain_text(item.blocks))
    return "\n".join(out)


def text_links(blocks: list[Block]) -> list[tuple[str, str]]:
    """The links written in a body's text, in reading order: (address, the words linked)."""
    found: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            label: list[str] = []
            href = None
            for run in [*block.runs, None]:
                current = run.href if run else None
                if href and current != href:
                    found.append((href, "".join(label)))
                    label = []
                if current:
                    label.append(run.text)
                href = current
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += text_links(item.blocks)
    return found


def link_address(url: str) -> str:
    """How a link's address is printed: in full, without the 'mailto:' or 'tel:' that an email
    address or a phone number needs only in the link."""
    for scheme in ("mailto:", "tel:"):
        if url.lower().startswith(scheme):
            return url[len(scheme):]
    return url


LONG_ADDRESS = 40  # characters: a typed address longer than this would run across lines of prose


def site_name(href: str) -> str:
    """What a long address is called in a line of prose: its site ("gov.uk" for
    https://www.gov.uk/government/...), or an email address whole."""
    from urllib.parse import urlsplit

    if href.lower().startswith(("mailto:", "tel:")):
        return link_address(href)
    host = (urlsplit(href).hostname or href).removeprefix("www.")
    return host or href


def printed_in_full(label: str, href: str) -> bool:
    """Whether a link's words are its address and short enough to print in a line of prose;
    a longer one is called by its site there, and printed in full with the section's links."""
    return shows_address(label, href) and len(" ".join(label.split())) <= LONG_ADDRESS


def shows_address(label: str, href: str) -> bool:
    """Whether a link's words are its address (``https://www.example.org/a``, ``www.example.org/a``,
    ``example.org/a``, an email address), so that a reader of a printed page has it already."""
    def bare(text: str) -> str:
        text = " ".join(text.split()).casefold().rstrip("/")
        for prefix in ("mailto:", "https://", "http://", "www."):
            text = text.removeprefix(prefix)
        return text

    return bool(bare(label)) and bare(label) == bare(href)


_ADDRESS = re.compile(r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?P<web>(?:https?://|www\.)[^\s<>\"'·|,;]+)")


def address_href(address: str) -> str:
    """Where a printed web or email address leads: ``mailto:`` for an email, ``https://`` added
    to an address that starts ``www.``."""
    if "@" in address and "/" not in address:
        return f"mailto:{address}"
    return address if address.startswith(("http://", "https://")) else f"https://{address}"


def linked_runs(text: str, *, bold: bool = False, italic: bool = False, lang: str | None = None) -> list[Run]:
    """Plain text (a theme's contact line, say) as runs in which every web and email address is
    a link, so that an address printed anywhere can be followed. Trailing full stops and
    brackets stay outside the link."""
    runs: list[Run] = []
    position = 0
    for found in _ADDRESS.finditer(text):
        address = found.group().rstrip(".)]")
        if found.start() > position:
            runs.append(Run(text[position:found.start()], bold, italic, lang=lang))
        runs.append(Run(address, bold, italic, address_href(address), lang))
        position = found.start() + len(address)
    if position < len(text):
        runs.append(Run(text[position:], bold, italic, lang=lang))
    return runs
