"""Reading a text-based PDF of a briefing into paragraphs in reading order (:class:`.draft.Para`).

pdfplumber gives every word with its place, font and size, the rectangles drawn on the page and
the link annotations. Words are grouped into lines, a line is split where a wide gap separates
two columns, and each line goes into the box drawn around it (a briefing's seven boxes) or, if
none holds it, into the page's flow; lines close together in one box make a paragraph, and a
line that starts with a bullet starts a list item. A PDF with no text at all is a scan, and is
refused with a message that says so.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UserError, display_path
from generator.files import read_file
from generator.importing.draft import _BULLET, Para
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

    @property
    def size(self) -> float:
        return max(word["size"] for word in self.words)


def read_pdf(path: Path) -> list[Para]:
    data = read_file(path, MAX_BYTES, what="PDF")
    name = display_path(path)
    check_pdf(data, name, MAX_PAGES)
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as document:
            if len(document.pages) > MAX_PAGES:
                raise UserError.at(name, 0, 0, f"this PDF has {len(document.pages)} pages; a briefing has one or two",
                                   "import one briefing at a time")
            paras: list[Para] = []
            boxes = 0
            for number, page in enumerate(document.pages, 1):
                found, boxes = _page(page, number, boxes)
                paras += found
    except UserError:
        raise
    except Exception as error:  # a damaged or encrypted PDF: pdfminer raises many kinds
        raise UserError.at(name, 0, 0, f"this PDF cannot be read ({error})",
                           "open it and save it again as PDF, or copy its text into a new briefing") from None
    if not paras:
        raise UserError.at(name, 0, 0, "this PDF has no text that can be read: it is probably a scanned picture "
                           "of a page", "type or paste the text into a new briefing: briefing new \"Your title\"")
    return paras


def _page(page, number: int, boxes: int) -> tuple[list[Para], int]:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=1.5)
    links = [(link["x0"], link["top"], link["x1"], link["bottom"], link.get("uri")) for link in page.hyperlinks
             if link.get("uri")]
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        word["href"] = next((uri for x0, top, x1, bottom, uri in links if x0 <= cx <= x1 and top <= cy <= bottom),
                            None)
    lines = _lines(words, number)
    shapes = [*page.rects, *page.curves]  # boxes are rectangles, or rounded ones (curves)
    rects = sorted({(round(shape["x0"]), round(shape["top"]), round(shape["x1"]), round(shape["bottom"]))
                    for shape in shapes if shape["x1"] - shape["x0"] > 120
                    and 30 < shape["bottom"] - shape["top"] < page.height * 0.6}, key=lambda r: (r[0], r[1]))
    by_box: dict[int, list[_Line]] = {}
    flow: list[_Line] = []
    for line in lines:
        cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        inside = [i for i, (x0, top, x1, bottom) in enumerate(rects) if x0 <= cx <= x1 and top <= cy <= bottom]
        if inside:  # the smallest box that holds it
            index = min(inside, key=lambda i: (rects[i][2] - rects[i][0]) * (rects[i][3] - rects[i][1]))
            by_box.setdefault(index, []).append(line)
        else:
            flow.append(line)
    paras = _paras(sorted(flow, key=lambda line: (line.top, line.x0)), None, f"page {number}")
    for index in sorted(by_box, key=lambda i: (rects[i][0] > page.width / 2, rects[i][1])):  # columns, then down
        boxes += 1
        paras += _paras(sorted(by_box[index], key=lambda line: (line.top, line.x0)), boxes,
                        f"page {number}, box {boxes}")
    return paras, boxes


def _lines(words: list[dict], page: int) -> list[_Line]:
    """Words side by side (their heights overlapping by half), split where a gap wider than about
    an em separates columns: words on a line are a space apart, columns much more."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w["x0"], w["top"])):
        height = word["bottom"] - word["top"]
        for line in reversed(lines):
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            gap = word["x0"] - line.x1  # may be a hair below 0 where two styles meet
            if overlap > 0.5 * min(height, line.bottom - line.top) and -0.5 <= gap <= 1.2 * word["size"]:
                line.words.append(word)
                line.x1 = max(line.x1, word["x1"])
                line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
                break
        else:
            lines.append(_Line(page, word["top"], word["bottom"], word["x0"], word["x1"], [word]))
    return lines


def _style(fontname: str) -> tuple[bool, bool]:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name, "italic" in name or "oblique" in name


def _runs(line: _Line) -> list[Run]:
    """A line's words as runs. pdfplumber splits words where the font changes, so a space is put
    between two only where the page shows a gap ("(SPOC)." stays one word in two styles)."""
    runs: list[Run] = []
    previous = None
    for word in line.words:
        bold, italic = _style(word["fontname"])
        gap = " " if previous is not None and word["x0"] - previous["x1"] > 0.2 * word["size"] else ""
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].href) == (bold, italic, word["href"]):
            runs[-1] = Run(runs[-1].text + gap + word["text"], bold, italic, word["href"])
        else:
            if runs and gap:
                runs[-1] = Run(runs[-1].text + gap, runs[-1].bold, runs[-1].italic, runs[-1].href)
            runs.append(Run(word["text"], bold, italic, word["href"]))
        previous = word
    return runs


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")


def _paras(lines: list[_Line], box: int | None, where: str) -> list[Para]:
    """Lines close together as paragraphs; a line that starts with a bullet starts a list item."""
    paras: list[Para] = []
    previous: _Line | None = None
    for line in lines:
        runs = _runs(line)
        text = "".join(run.text for run in runs)
        numbered = bool(_ITEM_NUMBER.match(text)) and not _is_heading_line(line)
        starts_item = bool(_BULLET.match(text)) or numbered
        if numbered:  # the list's own numbers are the page's to make: "1. " is taken off
            runs = _without_prefix(runs, len(_ITEM_NUMBER.match(text).group()))
        close = previous is not None and line.top - previous.bottom < 0.6 * line.size \
            and abs(line.size - previous.size) < 0.5
        if paras and close and not starts_item and not _is_heading_line(line) and not _is_heading_line(previous):
            last = paras[-1]
            last.runs = [*last.runs[:-1], Run(last.runs[-1].text + " ", last.runs[-1].bold, last.runs[-1].italic,
                                              last.runs[-1].href), *runs]
        else:
            paras.append(Para(runs, "number" if numbered else "p", 0, "", line.size, box, where))
        previous = line
    return paras


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
