"""Reading a text-based PDF of a briefing into paragraphs in reading order (:class:`.draft.Para`).

pdfplumber gives every word with its place, font and size, the rectangles drawn on the page and
the link annotations. Words are grouped into lines, a line is split where a wide gap separates
two columns, and each line goes into the box drawn around it (a briefing's seven boxes) or, if
none holds it, into the page's flow; lines close together in one box make a paragraph, and a
line that starts with a bullet starts a list item. A PDF with no text at all is a scan, and is
refused with a message that says so.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UserError, display_path
from generator.files import read_file
from generator.importing.draft import _BULLET, PAGE_FURNITURE, Para
from generator.importing.limits import check_pdf
from generator.read.markup import Run

MAX_BYTES = 20_000_000
MAX_PAGES = 20


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    words: list[dict] = field(default_factory=list)
    turned: bool = False  # set sideways, up or down the page

    @property
    def size(self) -> float:
        return max(word["size"] for word in self.words)


def read_pdf(path: Path, notes: list[str] | None = None) -> list[Para]:
    """The PDF's paragraphs in reading order; what could not be read around the text (a page's
    links) is said in ``notes``, and the text kept."""
    data = read_file(path, MAX_BYTES, what="PDF")
    name = display_path(path)
    if not data.strip():
        raise UserError.at(name, 0, 0, "this file is empty", "save the briefing again as a PDF and import that")
    check_pdf(data, name, MAX_PAGES)
    notes = notes if notes is not None else []
    try:
        import pdfplumber

        with _quiet(), pdfplumber.open(io.BytesIO(data)) as document:
            if len(document.pages) > MAX_PAGES:
                raise UserError.at(name, 0, 0, f"this PDF has {len(document.pages)} pages; a briefing has one or two",
                                   "import one briefing at a time")
            pages = [_page_lines(page, number, notes) for number, page in enumerate(document.pages, 1)]
    except UserError:
        raise
    except Exception:  # pdfminer raises many kinds for a damaged file
        raise UserError.at(name, 0, 0, "this PDF is damaged and its text cannot be read",
                           "open it in a PDF reader; if it shows, print it to a new PDF (Microsoft Print to PDF) "
                           "and import that") from None
    hyphenated = {word.lower() for lines, *_ in pages for line in lines for found in line.words
                  for word in re.findall(r"\w+-\w+", found["text"])}
    paras: list[Para] = []
    boxes = 0
    for lines, rects, gutter in pages:
        found, boxes = _page(lines, rects, gutter, boxes, hyphenated)
        paras += found
    if not paras:
        raise UserError.at(name, 0, 0, "this PDF has no text that can be read: it is probably a scanned picture "
                           "of a page", "type or paste the text into a new briefing: briefing new \"Your title\"")
    return paras


@contextlib.contextmanager
def _quiet():
    """pdfminer's warnings ("Could not get FontBBox ...") are about fonts, not about the text:
    they stay quiet while a document is read."""
    import logging

    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _page_lines(page, number: int, notes: list[str]) -> tuple[list[_Line], list, float | None]:
    """A page's lines (words with their links), the boxes drawn on it, and where the gap between
    its two columns is, if it is set in two (:func:`_gutter`)."""
    upright = page.filter(lambda item: item.get("object_type") != "char" or item.get("upright", True))
    words = upright.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=1.5)
    try:
        links = [(link["x0"], link["top"], link["x1"], link["bottom"], link.get("uri")) for link in page.hyperlinks
                 if link.get("uri")]
    except (RecursionError, Exception):  # annotations that point at each other in a loop, or damaged
        links = []
        notes.append(f"the links on page {number} could not be read: their words are kept, without the links")
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        word["href"] = next((uri for x0, top, x1, bottom, uri in links if x0 <= cx <= x1 and top <= cy <= bottom),
                            None)
    shapes = [*page.rects, *page.curves]  # boxes are rectangles, or rounded ones (curves)
    rects = sorted({(round(shape["x0"]), round(shape["top"]), round(shape["x1"]), round(shape["bottom"]))
                    for shape in shapes if shape["x1"] - shape["x0"] > 120
                    and 30 < shape["bottom"] - shape["top"] < page.height * 0.6}, key=lambda r: (r[0], r[1]))
    gutter = _gutter(words, float(page.width))
    turned = _turned_lines([char for char in page.chars if not char.get("upright", True)], number)
    return [*_with_markers(_lines(words, number, gutter)), *turned], rects, gutter


def _page(lines: list[_Line], rects: list, gutter: float | None, boxes: int,
          hyphenated: set[str]) -> tuple[list[Para], int]:
    """A page's lines into paragraphs: those in a box drawn around them (a briefing's seven
    boxes), box by box, and the rest (the page's flow) in reading order, columns one after the
    other. A page number at the top or foot of the page is the page's furniture, kept apart."""
    number = lines[0].page if lines else 0
    by_box: dict[int, list[_Line]] = {}
    flow: list[_Line] = []
    furniture = [line for line in lines if line.turned or _page_number(line, lines)]
    lines = [line for line in lines if line not in furniture]
    for line in lines:
        cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        inside = [i for i, (x0, top, x1, bottom) in enumerate(rects) if x0 <= cx <= x1 and top <= cy <= bottom]
        if inside:  # the smallest box that holds it
            index = min(inside, key=lambda i: (rects[i][2] - rects[i][0]) * (rects[i][3] - rects[i][1]))
            by_box.setdefault(index, []).append(line)
        else:
            flow.append(line)
    paras = _paras(_reading_order(flow, gutter), None, f"page {number}", hyphenated)
    middle = gutter or (max((rect[2] for rect in rects), default=0) + min((rect[0] for rect in rects), default=0)) / 2
    for index in sorted(by_box, key=lambda i: (rects[i][0] > middle, rects[i][1])):  # columns, then down
        boxes += 1
        paras += _paras(sorted(by_box[index], key=lambda line: (line.top, line.x0)), boxes,
                        f"page {number}, box {boxes}", hyphenated)
    for line in furniture:
        paras += _paras([line], PAGE_FURNITURE, f"page {number}, {'turned text' if line.turned else 'page number'}",
                        hyphenated)
    return paras, boxes


def _turned_lines(chars: list[dict], page: int) -> list[_Line]:
    """Text set sideways (a printer's note up the margin): each column of characters read in the
    direction it runs, as one line, kept as the page's furniture (:func:`_page`)."""
    columns: dict[int, list[dict]] = {}
    for char in chars:
        columns.setdefault(round(char["x0"] / 3), []).append(char)
    lines = []
    for column in columns.values():
        upward = column[0].get("matrix", (0, 1, 0, 0))[1] > 0  # turned anticlockwise: read from the bottom
        column.sort(key=lambda char: -char["top"] if upward else char["top"])
        text = ""
        for previous, char in zip([None, *column], column, strict=False):
            gap = (previous["top"] - char["bottom"] if upward else char["top"] - previous["bottom"]) \
                if previous is not None else 0.0
            text += (" " if previous is not None and gap > 0.3 * char["size"] else "") + char["text"]
        words = [{"text": " ".join(text.split()), "fontname": column[0].get("fontname", ""), "size": column[0]["size"],
                  "href": None, "x0": min(c["x0"] for c in column), "x1": max(c["x1"] for c in column),
                  "top": min(c["top"] for c in column), "bottom": max(c["bottom"] for c in column)}]
        if words[0]["text"]:
            lines.append(_Line(page, words[0]["top"], words[0]["bottom"], words[0]["x0"], words[0]["x1"], words,
                               turned=True))
    return lines


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–(]?\s*\d{1,3}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)


def _page_number(line: _Line, lines: list[_Line]) -> bool:
    """A line that is only a page number ("3", "- 3 -", "Page 3 of 8") above or below all the
    page's other lines."""
    text = " ".join(word["text"] for word in line.words)
    if not _PAGE_NUMBER.match(text):
        return False
    others = [other for other in lines if other is not line]
    return all(other.bottom <= line.top + 1 for other in others) or all(other.top >= line.bottom - 1
                                                                         for other in others)


def _reading_order(lines: list[_Line], gutter: float | None) -> list[_Line]:
    """Lines top to bottom, but text set in two columns column by column: a stretch's left
    column is read before its right one; a line across the gutter (a title, a table's row)
    ends a stretch."""
    ordered = sorted(lines, key=lambda line: (line.top, line.x0))
    if gutter is None:
        return ordered
    out: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for line in ordered:
        if line.x1 <= gutter:
            left.append(line)
        elif line.x0 >= gutter:
            right.append(line)
        else:  # across both columns
            out += left + right
            left, right = [], []
            out.append(line)
    return out + left + right


def _gutter(words: list[dict], width: float) -> float | None:
    """Where a page set in two columns has the gap between them: the x in the middle third of the
    page that the fewest words cross, if almost none does and each side holds a quarter of the
    words or more. A table's columns, or a short line to the right, are not enough for that."""
    if len(words) < 40:
        return None
    best = None
    for step in range(41):
        x = width * (1 / 3 + step / 123)
        crossing = sum(1 for word in words if word["x0"] < x < word["x1"])
        if best is None or crossing < best[0]:
            best = (crossing, x)
    crossing, x = best
    left = [word for word in words if word["x1"] <= x]
    right = [word for word in words if word["x0"] >= x]
    if crossing > 0.02 * len(words) or min(len(left), len(right)) < 0.25 * len(words):
        return None
    for side in (left, right):  # columns of prose: lines of several words (a table's cells have one or two)
        rows = {round(word["top"]) for word in side}
        if len(side) < 4 * len(rows):
            return None
    return x


def _lines(words: list[dict], page: int, gutter: float | None = None) -> list[_Line]:
    """Words side by side (their heights overlapping by half), split where a gap wider than about
    an em separates columns (words on a line are a space apart, columns much more), and always
    at a page's gutter."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w["x0"], w["top"])):
        height = word["bottom"] - word["top"]
        for line in reversed(lines):
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            gap = word["x0"] - line.x1  # may be a hair below 0 where two styles meet
            across = gutter is not None and line.x1 <= gutter <= word["x0"] and gap > 0.5 * word["size"]
            if overlap > 0.5 * min(height, line.bottom - line.top) and -0.5 <= gap <= 1.2 * word["size"] \
                    and not across:
                line.words.append(word)
                line.x1 = max(line.x1, word["x1"])
                line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
                break
        else:
            lines.append(_Line(page, word["top"], word["bottom"], word["x0"], word["x1"], [word]))
    return lines


_MARKER = re.compile(r"^(?:[•·▪◦●○■□➢➤►‣⁃–\-*\uf0b7\uf0a7]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivx]{1,4}[.)])$")


def _with_markers(lines: list[_Line]) -> list[_Line]:
    """A list item's bullet or number set apart from its text (by a tab, as Word sets lists) is
    a line of its own to :func:`_lines`: it is put back at the start of its item's line."""
    markers = [line for line in lines if len(line.words) == 1 and _MARKER.match(line.words[0]["text"])]
    taken: set[int] = set()
    for marker in markers:
        size = marker.size
        text = next((line for line in lines if line is not marker and id(line) not in taken
                     and 0 <= line.x0 - marker.x1 <= 4 * size
                     and min(line.bottom, marker.bottom) - max(line.top, marker.top) > 0.3 * size), None)
        if text is None:
            continue
        text.words = [*marker.words, *text.words]
        text.x0 = marker.x0
        text.top, text.bottom = min(text.top, marker.top), max(text.bottom, marker.bottom)
        taken.add(id(marker))
    return [line for line in lines if id(line) not in taken]


def _style(fontname: str) -> tuple[bool, bool]:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name, "italic" in name or "oblique" in name


def _runs(line: _Line) -> list[Run]:
    """A line's words as runs. pdfplumber splits words where the font changes, so between two in
    different fonts a space is put only where the page shows a gap ("(SPOC)." stays one word in
    two styles); two in the same font were split at a space, however narrow (a scan's text)."""
    runs: list[Run] = []
    previous = None
    for word in line.words:
        bold, italic = _style(word["fontname"])
        space = word["x0"] - previous["x1"] if previous is not None else 0.0
        same_font = previous is not None and previous["fontname"] == word["fontname"]
        gap = " " if previous is not None and (space > 0.2 * word["size"] or (same_font and space > 0.5)) else ""
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].href) == (bold, italic, word["href"]):
            runs[-1] = Run(runs[-1].text + gap + word["text"], bold, italic, word["href"])
        else:
            if runs and gap:
                runs[-1] = Run(runs[-1].text + gap, runs[-1].bold, runs[-1].italic, runs[-1].href)
            runs.append(Run(word["text"], bold, italic, word["href"]))
        previous = word
    return runs


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")


def _paras(lines: list[_Line], box: int | None, where: str, hyphenated: set[str] = frozenset()) -> list[Para]:
    """Lines close together as paragraphs; a line that starts with a bullet or a number starts a
    list item. A word broken at the end of a line is joined again (see :func:`_joined`)."""
    paras: list[Para] = []
    previous: _Line | None = None
    for line in lines:
        runs = _runs(line)
        text = "".join(run.text for run in runs)
        numbered = bool(_ITEM_NUMBER.match(text)) and not _is_heading_line(line)
        starts_item = bool(_BULLET.match(text)) or numbered
        if numbered:  # the list's own numbers are the page's to make: "1. " is taken off
            runs = _without_prefix(runs, len(_ITEM_NUMBER.match(text).group()))
        same_row = previous is not None and min(line.bottom, previous.bottom) - max(line.top, previous.top) > \
            0.5 * min(line.bottom - line.top, previous.bottom - previous.top)  # a table's next cell
        close = previous is not None and (same_row or -0.3 * line.size < line.top - previous.bottom < 0.6 * line.size) \
            and abs(line.size - previous.size) < 0.5  # the next line down, not the top of the next column
        if paras and close and not starts_item and not _is_heading_line(line) and not _is_heading_line(previous):
            last = paras[-1]
            last.runs = _joined(last.runs, runs, hyphenated)
        else:
            paras.append(Para(runs, "number" if numbered else "p", 0, "", line.size, box, where))
        previous = line
    return paras


def _joined(before: list[Run], after: list[Run], hyphenated: set[str]) -> list[Run]:
    """Two lines of one paragraph as one: a word broken at the line's end by a soft hyphen
    (U+00AD, which this tool and others print at a break they made) is joined; so is one broken
    by a hyphen, "Maece-" and "nas", unless the document writes the word with its hyphen
    elsewhere ("child-centred"); otherwise the lines are a space apart."""
    last = before[-1]
    text = last.text.rstrip()
    following = after[0].text if after else ""
    word = re.search(r"(\w+)[-\u00ad]$", text)
    joins = word is not None and following[:1].isalpha() and following[:1].islower()
    if joins and text.endswith("-"):
        second = re.match(r"\w+", following)
        joins = f"{word.group(1)}-{second.group() if second else ''}".lower() not in hyphenated
    if joins:
        text = text[:-1]
    elif last.text.endswith(" "):
        text = last.text
    else:
        text = last.text.rstrip("\u00ad") + " "
    return [*before[:-1], Run(text, last.bold, last.italic, last.href), *after]


def _without_prefix(runs: list[Run], length: int) -> list[Run]:
    out = []
    for run in runs:
        if length >= len(run.text):
            length -= len(run.text)
            continue
        out.append(Run(run.text[length:], run.bold, run.italic, run.href))
        length = 0
    return out


def _is_heading_line(line: _Line) -> bool:
    first = line.words[0]["text"]
    return first.isdigit() and len(first) == 1 and all(_style(w["fontname"])[0] for w in line.words)
