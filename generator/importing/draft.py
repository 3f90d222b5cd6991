"""What a document says, read from Word or PDF, and how it becomes a briefing's YAML.

A reader (:mod:`.docx`, :mod:`.pdf`) turns a document into :class:`Para` records in reading
order, each marked with the box it sits in (a table cell, a text box, a box on a PDF page) or
with none (the flow of the page). :func:`draft_from` finds the title, the dates and the seven
sections among them, whichever way the document lays them out; :func:`briefing_yaml` writes the
result. Nothing is dropped: text that is not placed in the title or a section is kept, and
written at the end of the YAML as comments a person will see, and listed in the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from generator.read.markup import Run
from generator.read.messages import in_every_language
from generator.read.starter import LEFT_OVER

PAGE_FURNITURE = -1  # the box of a page's header and footer: kept, never read as a section
_NUMBERED = re.compile(r"^\s*(?:section\s+)?([1-9])\s*[.):\-–]?\s+(\S.*)$", re.IGNORECASE | re.DOTALL)
_BULLET = re.compile(r"^\s*[•·▪◦●○■□➢➤►‣⁃–-]\s*\t?\s*")  # a bullet typed or pasted as text, often with a tab
@dataclass
class Para:
    """A paragraph as the document has it."""

    runs: list[Run]
    kind: str = "p"  # p, bullet, number
    level: int = 0  # list nesting, from 0
    style: str = ""  # the Word style, lower case ("heading 2", "title"); "" if none
    size: float = 0.0  # the largest font size in it, where the reader knows it
    box: int | None = None  # which box (table cell, text box) it is in; None: the page's flow
    where: str = ""  # for messages: "paragraph 12", "table 1, cell 3", "page 1"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()

    @property
    def bold(self) -> bool:
        """Whether all its words are bold (a heading typed as a bold paragraph)."""
        words = [run for run in self.runs if run.text.strip()]
        return bool(words) and all(run.bold for run in words)


@dataclass
class Section:
    heading: str
    paras: list[Para] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, address): the section's links


@dataclass
class Draft:
    """What was found: the briefing's parts, and what was not placed, with where it was."""

    title: str | None = None
    subtitle: str | None = None
    published: dt.date | None = None
    review: dt.date | None = None
    audience: str | None = None
    sections: list[Section] = field(default_factory=list)
    left_over: list[Para] = field(default_factory=list)
    date_notes: dict[str, str] = field(default_factory=dict)  # how a date was read, where it needed a choice


def _heading_text(para: Para) -> str | None:
    """The heading a paragraph is, if it is one: a Word heading style, or a short numbered or
    bold paragraph. The number it starts with is dropped (the page numbers its sections)."""
    text = " ".join(para.text.split())
    if not text or len(text) > 90 or para.kind != "p":
        return None
    numbered = _NUMBERED.match(text)
    if para.style.startswith("heading") or (para.bold and len(text) <= 70) or (numbered and len(text) <= 70):
        return numbered.group(2).strip() if numbered else text
    return None


def _number(para: Para) -> int | None:
    found = _NUMBERED.match(" ".join(para.text.split()))
    return int(found.group(1)) if found else None


def draft_from(paras: list[Para]) -> Draft:
    """Find the title, dates and sections among a document's paragraphs (see the module's text).

    Sections are read from boxes when three or more boxes start with a heading (a table of
    cells, text boxes, boxes on a PDF page), put in the order of their numbers if all have one;
    otherwise from headings in the page's flow: Word heading styles if there are three or more,
    else short numbered paragraphs, else short bold paragraphs."""
    draft = Draft()
    paras = [_unbullet(para) for para in paras if para.text]
    header = _header_box(paras)
    if header is not None:  # the box that holds the title is the page's header, not a section
        paras = [replace(para, box=None) if para.box == header else para for para in paras]
    used: set[int] = set()
    boxes: dict[int, list[Para]] = {}
    for para in paras:
        if para.box is not None:
            boxes.setdefault(para.box, []).append(para)
    section_boxes = [items for box, items in boxes.items() if box != PAGE_FURNITURE and _heading_text(items[0])]
    flow = [para for para in paras if para.box is None]
    if len(section_boxes) >= 3:
        numbered = [items for items in section_boxes if _number(items[0]) is not None]
        if _is_sequence([_number(items[0]) for items in numbered]) and len(numbered) >= 3:
            section_boxes = sorted(numbered, key=lambda items: _number(items[0]))  # boxes not numbered are kept
        for items in section_boxes:                                              # as text (left over)
            draft.sections.append(Section(_heading_text(items[0]), items[1:]))
            used.update(id(para) for para in items)
        _find_title(draft, flow, used)
    else:
        headings = _section_headings(flow)
        first = next((index for index, para in enumerate(flow) if id(para) in headings), len(flow))
        _find_title(draft, flow[:first], used)
        current = None
        for para in flow[first:]:
            if id(para) in headings:
                current = Section(_heading_text(para))
                draft.sections.append(current)
                used.add(id(para))
            elif current is not None:
                current.paras.append(para)
                used.add(id(para))
    for section in draft.sections:
        section.paras = [_unnumber(para) for para in section.paras]
        section.paras, section.links = _links(section.paras)
    used |= _find_dates(draft, [para for para in paras if id(para) not in used])
    draft.left_over = [para for para in paras if id(para) not in used]
    return draft


def _header_box(paras: list[Para]) -> int | None:
    """The box that holds the page's header (the title): the one with the largest text, where
    that text is larger than the first line of any other box (a table of boxes whose headings
    are all one size has no header box) and is not a numbered heading itself."""
    sized = [para for para in paras if para.size > 0 and para.box not in (None, PAGE_FURNITURE)]
    if not sized:
        return None
    top = max(sized, key=lambda para: para.size)
    firsts: dict[int, Para] = {}
    for para in paras:
        if para.box not in (None, PAGE_FURNITURE):
            firsts.setdefault(para.box, para)
    others = [first.size for box, first in firsts.items() if box != top.box]
    if _number(top) is not None or any(size >= top.size - 0.5 for size in others):
        return None
    return top.box


def _is_sequence(numbers: list[int | None]) -> bool:
    """Whether numbers are 1, 2, 3 ... in some order (boxes may be read out of order)."""
    return bool(numbers) and None not in numbers and sorted(numbers) == list(range(1, len(numbers) + 1))


def _section_headings(paras: list[Para]) -> set[int]:
    """Which paragraphs start sections (see :func:`draft_from`), by their ids.

    The candidates (a heading style, or a short bold or numbered paragraph) are grouped by what
    sets them apart on the page: their style, whether they are bold, their size. The group that
    looks most like seven section headings wins: seven of them, numbered 1 to 7 in order, set
    apart from the text (a heading style, bold, or larger). So bold "1. Background" headings
    win over the plain "1. How does your service ...?" questions of section 6, and a Heading 1
    over Heading 2 sections is the title."""
    candidates = [para for para in paras if _heading_text(para) is not None and para.style != "title"]
    if not candidates:
        return set()
    sizes = sorted(para.size for para in paras if para.size > 0 and para not in candidates)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    groups: dict[tuple, list[Para]] = {}
    for para in candidates:
        style = para.style if para.style.startswith("heading") else ""
        groups.setdefault((style, para.bold, round(para.size * 2) / 2), []).append(para)

    def score(group: list[Para]) -> float:
        first = group[0]
        numbers = [_number(para) for para in group]
        in_order = None not in numbers and numbers == list(range(1, len(numbers) + 1))
        apart = first.style.startswith("heading") or first.bold or (body and first.size > body + 0.5)
        return 4 * (len(group) == 7) + 3 * in_order + 3 * bool(apart) - 0.5 * abs(len(group) - 7)

    best = max((group for group in groups.values() if len(group) >= 3), key=score, default=None)
    if best is None:
        return {id(para) for para in candidates}
    return {id(para) for para in best}


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")


def _unnumber(para: Para) -> Para:
    """A paragraph that starts with a number typed as text ("1. How does ...?"), in a section's
    text, as the numbered item it is."""
    if para.kind != "p" or not para.runs or not _ITEM_NUMBER.match(para.runs[0].text):
        return para
    first = para.runs[0]
    return Para([Run(_ITEM_NUMBER.sub("", first.text, count=1), first.bold, first.italic, first.href),
                 *para.runs[1:]], "number", para.level, para.style, para.size, para.box, para.where)


def _links(paras: list[Para]) -> tuple[list[Para], list[tuple[str, str]]]:
    """A section's links: a paragraph that is a link and nothing else (a label), with the line
    under it that prints its address, is a ``links:`` entry; an address printed again for a link
    in the section's text (as this tool prints a link of the text at the section's end) is
    dropped, as is the same address a second time. Returns the paragraphs left, and the links."""
    from generator.read.markup import shows_address

    def only_link(para: Para) -> str | None:
        hrefs = {run.href for run in para.runs if run.text.strip()}
        return hrefs.pop() if len(hrefs) == 1 and None not in hrefs and para.kind == "p" else None

    in_text = {run.href for para in paras if only_link(para) is None for run in para.runs if run.href}
    kept: list[Para] = []
    links: list[tuple[str, str]] = []
    index = 0
    while index < len(paras):
        para = paras[index]
        href = only_link(para)
        if href is None:
            kept.append(para)
            index += 1
            continue
        text = " ".join(para.text.split())
        following = paras[index + 1] if index + 1 < len(paras) else None
        address_next = following is not None and only_link(following) == href and shows_address(following.text, href)
        if shows_address(text, href):  # an address alone
            if href not in in_text and href not in {url for _, url in links}:
                kept.append(para)
        elif href not in in_text and href not in {url for _, url in links} and len(links) < 10:
            links.append((text, href))
        elif href not in in_text:
            kept.append(para)
        index += 2 if address_next else 1
    return kept, links


def _find_title(draft: Draft, flow: list[Para], used: set[int]) -> None:
    """The title: a paragraph in Word's Title style, else the first Heading 1, else the largest
    text near the top of the page's flow; the subtitle is a paragraph in the Subtitle style, or a
    short paragraph right after the title."""
    candidates = [para for para in flow[:8] if id(para) not in used and len(para.text) <= 200
                  and not _has_date(para.text)]
    if not candidates:
        return
    title = next((para for para in candidates if para.style == "title"), None) \
        or next((para for para in candidates if para.style == "heading 1"), None) \
        or max(candidates, key=lambda para: para.size)
    draft.title = " ".join(title.text.split())
    used.add(id(title))
    rest = flow[flow.index(title) + 1:]
    subtitle = next((para for para in rest[:3] if para.style == "subtitle"), None)
    if subtitle is None and rest and len(rest[0].text) <= 200 and not _has_date(rest[0].text) \
            and rest[0].style in ("", "normal", "subtitle") \
            and _heading_text(rest[0]) is None:
        subtitle = rest[0]
    if subtitle is not None:
        draft.subtitle = " ".join(subtitle.text.split())
        used.add(id(subtitle))


def _has_date(text: str) -> bool:
    from generator.read.dates import read_date

    typed = read_date(text)
    return typed is not None and not typed.impossible


def _find_dates(draft: Draft, paras: list[Para]) -> set[int]:
    """A published and a review date and the audience, from lines such as "Published 29 January
    2021 · Review by May 2027 · For: All practitioners" (or in Welsh). A paragraph all of whose
    parts are read is used up (its ids are returned); one that says more stays in the leftovers."""
    used: set[int] = set()
    prefixes = [text.split("{audience}")[0].strip() for text in in_every_language("audience").values()
                if "{audience}" in text and text.split("{audience}")[0].strip()]
    starts = [re.escape(word) for word in (*prefixes, "Published", "Cyhoeddwyd", "Review", "Adolygu")]
    for para in paras:
        parts = _facts(para.text, starts)
        explained = 0
        for part in parts:
            prefix = next((prefix for prefix in prefixes if part.lower().startswith(prefix.lower())), None)
            if prefix is not None and draft.audience is None and len(part) > len(prefix) + 1:
                draft.audience = part[len(prefix):].strip()
                explained += 1
                continue
            found = list(_dates(part))
            if len(found) == 1:
                date, position, note = found[0]
                before = part[:position].lower()
                key = "review" if ("review" in before[-40:] or "adolyg" in before[-40:]) else "published"
                if getattr(draft, key) is None:
                    setattr(draft, key, date)
                    if note:
                        draft.date_notes[key] = note
                    if len(part.split()) <= 6:  # "Published 29 January 2021": nothing else said
                        explained += 1
        if parts and explained == len(parts):
            used.add(id(para))
    return used


def _facts(text: str, starts: list[str]) -> list[str]:
    """The facts of a meta line, however they are separated: "·", "|", "•", a full stop, a new
    line, or nothing at all before the next fact's own word ("... 2022 For: all staff")."""
    text = " ".join(text.replace("\n", " \u00b7 ").split())
    text = re.sub(rf"(?<=\S)\s+(?=(?:{'|'.join(starts)})(?!\w))", " \u00b7 ", text)
    text = re.sub(r"(?<=[a-z0-9])\.\s+(?=[A-Z])", " \u00b7 ", text)
    return [part.strip(" .") for part in re.split(r"\s+[·|•]\s+", text) if part.strip(" .")]


def _dates(text: str):
    """Every date in a text: (date, where, how it was read if that needed a choice). A date in
    numbers that could be read two ways is read as the UK writes dates, and said so."""
    from generator.read.dates import dates_in

    for typed in dates_in(text):
        if typed.impossible:  # "31 February 2021": not a date to set; the line stays in the leftovers
            continue
        if typed.month_only:
            yield typed.day, typed.start, (f"the document says '{typed.text}', a month without a day: the first of "
                                           "the month was taken")
        elif typed.ambiguous:
            yield typed.readings[0], typed.start, (f"the document says '{typed.text}': read as day/month/year, "
                                                   "as in the UK")
        else:
            yield typed.day, typed.start, ""


def _unbullet(para: Para) -> Para:
    """A paragraph that starts with a bullet typed as text ("•<tab>"), as the list item it is."""
    if para.kind != "p" or not para.runs or not _BULLET.match(para.runs[0].text) or para.style.startswith("heading"):
        return para
    first = para.runs[0]
    rest = _BULLET.sub("", first.text, count=1)
    return Para([Run(rest, first.bold, first.italic, first.href), *para.runs[1:]], "bullet", para.level,
                para.style, para.size, para.box, para.where)


# -- writing -----------------------------------------------------------------------------------

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>|+=-])")
_NUMBER_START = re.compile(r"^(\s*\d+)([.)])")


def _escaped(text: str) -> str:
    """Text as the body markup prints it exactly: characters that mean something there escaped."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _NUMBER_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # "1\." is not a list item
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _inline(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = _escaped(run.text.replace("\n", " "))
        core = text.strip()
        if not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if run.italic:
            core = f"*{core}*"
        if run.bold:
            core = f"**{core}**"
        if run.href:
            core = f"[{core}]({run.href})"
        out.append(lead + core + trail)
    return " ".join("".join(out).split())


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs in the same style and link as one, so markup is not split mid-word."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (run.bold, run.italic, run.href):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            merged.append(run)
    return merged


def body_text(paras: list[Para]) -> str:
    """Section paragraphs as the body markup: paragraphs apart, list items on their own lines."""
    lines: list[str] = []
    previous = None
    counter: dict[int, int] = {}
    for para in paras:
        text = _inline(_merged(para.runs))
        if not text:
            continue
        if para.kind == "p":
            if lines:
                lines.append("")
            lines.append(text)
            counter.clear()
        else:
            if previous == "p" and lines:
                lines.append("")
            level = min(para.level, 1)
            indent = "   " * level
            if para.kind == "number":
                counter[level] = counter.get(level, 0) + 1
                lines.append(f"{indent}{counter[level]}. {text}")
            else:
                lines.append(f"{indent}- {text}")
        previous = para.kind if para.kind == "p" else "list"
    return "\n".join(lines)


def _note(draft: Draft, key: str) -> str:
    note = draft.date_notes.get(key)
    return f"  # {comment_text(note)}" if note else ""


def comment_text(text: str) -> str:
    """Text for a YAML comment: on one line, whatever it holds (a line break, or any of the
    characters YAML or a reader treats as one, would end the comment and start a line of data)."""
    return " ".join(re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", text).split())


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def briefing_yaml(draft: Draft, source_name: str, schema: str) -> str:
    """The draft as a briefing file: the parts found, in the format, and the leftovers as comments."""
    lines = [f"# yaml-language-server: $schema={schema}",
             f"# Imported from {comment_text(source_name)} by briefing import: check it, then run 'briefing check' "
             "on this file."]
    lines.append(f"title: {_quoted(draft.title)}" if draft.title else "title:  # not found: write the title here")
    if draft.subtitle:
        lines.append(f"subtitle: {_quoted(draft.subtitle)}")
    lines.append(f"published: {draft.published.isoformat()}{_note(draft, 'published')}" if draft.published
                 else "published:  # not found: the date it is published, as YYYY-MM-DD")
    if draft.review and (draft.published is None or draft.review > draft.published):
        lines.append(f"review: {draft.review.isoformat()}{_note(draft, 'review')}")
    if draft.audience:
        lines.append(f"audience: {_quoted(draft.audience)}")
    lines.append("sections:")
    for section in draft.sections:
        lines.append(f"  - heading: {_quoted(section.heading)}")
        body = body_text(section.paras)
        if body:
            lines.append("    body: |")
            lines.extend(f"      {line}" if line else "" for line in body.splitlines())
        else:
            lines.append("    body:  # nothing was found under this heading: write the section here")
        if section.links:
            lines.append("    links:")
            for label, url in section.links:
                lines += [f"      - label: {_quoted(label)}", f"        url: {_quoted(url)}"]
    if draft.left_over:
        lines += ["", f"{LEFT_OVER} Move what", "# belongs in the briefing into it, and delete the rest:"]
        number = 0
        for para in draft.left_over:
            number = number + 1 if para.kind == "number" else 0
            marker = {"bullet": "- ", "number": f"{number}. "}.get(para.kind, "")
            lines.append(f"#   ({comment_text(para.where)}) {marker}{comment_text(para.text)}")
    return "\n".join(lines) + "\n"
