"""The everyday slips of people typing YAML, found at their line and said in their words, and
the rest of the file still read.

The YAML parser alone decides what a file says: a file it reads is used exactly as it reads it,
whatever its style (block or flow, quoted or plain, lists indented or level with their key, CRLF,
a byte-order mark), and nothing here runs on it. Only when the parser refuses a file does this
module explain why. PyYAML stops at the first mistake, often a line or more after it, in its own
terms ("mapping values are not allowed in this context"); so the lines just above where it
stopped are looked at for the slips people make (no space after a colon, a list item out of
line, the text of a ``|`` block not indented under its key, a tab). A slip found there is
reported where it is, with the fix, and mended in a copy of the text so that the parser can go
on; otherwise what the parser stopped at is said in plain words, the line is set aside, and the
parser goes on, a few times, so a file with five mistakes shows five. The mended copy has the
same lines as the file, so every later message about it is at the right line; problems on a
line that was set aside are not repeated.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from generator.errors import Problem

MOST_ROUNDS = 10  # times the parser is restarted after a mistake
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")
_NO_SPACE = re.compile(r"^(?P<lead> *(?:- +)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/#].*)$")
_ITEM = re.compile(r"^(?P<indent> *)-(?: |$)")
_BLOCK = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*): *[|>][-+0-9]*\s*(?:#.*)?$")


@cache
def known_keys() -> frozenset[str]:
    """The keys of every format (:mod:`generator.read.spec`): "title:Safer sleep" is a key with
    no space after its colon, where another word before a colon ("Note:text") may be text."""
    import dataclasses

    from generator.read import spec

    return frozenset(field.name for record in vars(spec).values()
                     if isinstance(record, type) and dataclasses.is_dataclass(record)
                     for field in dataclasses.fields(record))


@dataclass
class Recovered:
    """The text as mended for the parser, what was wrong with it, and the lines set aside."""

    text: str
    slips: list[Problem] = field(default_factory=list)
    set_aside: set[int] = field(default_factory=set)  # 1-based lines the parser could not read
    node: object = None  # the composed document, or None if nothing could be read


def recover(text: str, name: str, loader) -> Recovered:
    """Read ``text`` as the parser reads it; if the parser refuses it, as far as it can be read
    (see the module's text)."""
    result = Recovered(text)
    try:
        result.node = yaml.compose(text, Loader=loader)
        return result
    except yaml.MarkedYAMLError:
        pass
    lines = text.split("\n")
    candidates = {slip[0]: slip for slip in _line_slips(lines)}  # slips that may explain where it stopped
    for _ in range(MOST_ROUNDS):
        try:
            result.node = yaml.compose(result.text, Loader=loader)
            return result
        except yaml.MarkedYAMLError as error:
            near = _near(error, candidates)
            if near:
                for number in near:
                    _, column, message, hint, mended, taken = candidates.pop(number)
                    result.slips.append(Problem(name, number, column, message, hint))
                    lines[number - 1] = mended
                    if taken:
                        result.set_aside.add(number)
                result.text = "\n".join(lines)
                continue
            line, column, message, hint = explain(error, lines)
            if not any(slip.line in (line, line - 1) for slip in result.slips):  # said already, better
                result.slips.append(Problem(name, line, column, message, hint))
            damaged = _damaged(lines, line)
            if not damaged:
                return result
            for number in damaged:
                lines[number - 1] = ""
                result.set_aside.add(number)
                candidates.pop(number, None)
            result.text = "\n".join(lines)
    return result


NEAR = 3  # lines above where the parser stopped in which a slip may be the cause


def _near(error: yaml.MarkedYAMLError, candidates: dict) -> list[int]:
    """The slips found on the lines just above (or at) where the parser stopped, or at the line
    its context names: the ones that explain this refusal."""
    marks = [mark.line + 1 for mark in (error.problem_mark, error.context_mark) if mark is not None]
    return sorted(number for number in candidates
                  if any(line - NEAR <= number <= line for line in marks))


def _damaged(lines: list[str], line: int) -> list[int]:
    """The lines to set aside after a mistake the parser reports at ``line``: that line, and
    the lines indented under it (they belong to it). Nothing if the line is blank already (the
    parser would stop there again)."""
    index = line - 1
    if not (0 <= index < len(lines)) or not lines[index].strip():
        earlier = next((n for n in range(min(index, len(lines)) - 1, -1, -1) if lines[n].strip()), None)
        if earlier is None:
            return []
        index = earlier
    if lines[index].strip() in ("---", "..."):  # another document follows: all of it is set aside
        return list(range(index + 1, len(lines) + 1))
    indent = _indent(lines[index])
    damaged = [index + 1]
    for number in range(index + 1, len(lines)):
        text = lines[number]
        if text.strip() and _indent(text) <= indent:
            break
        damaged.append(number + 1)
    return damaged


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _line_slips(lines: list[str]):
    """(line, column, message, hint, the line mended, whether text was taken off it to mend it)
    for each slip found line by line, outside the text of ``|`` and ``>`` blocks."""
    block_key: tuple[int, int, str] | None = None  # the line, key column and key of the open block
    block_indent: int | None = None
    items: list[tuple[int, int]] = []  # (line, indent) of the list items seen
    for index, text in enumerate(lines):
        number = index + 1
        stripped = text.strip()
        if block_key is not None:
            if not stripped:
                continue
            key_line, key_column, key = block_key
            if block_indent is None:
                if _indent(text) > key_column:
                    block_indent = _indent(text)
                    continue
                if not KEY_LINE.match(text) and not _ITEM.match(text) and not stripped.startswith("#"):
                    wanted = key_column + 2
                    yield (number, 1, f"the text under '{key}:' (line {key_line}) starts with "
                           f"{_spaces(_indent(text))}, no further in than '{key}:' itself, so YAML cannot tell it "
                           "is the text",
                           f"start it with {_spaces(wanted)}, further in than '{key}:'", " " * wanted + stripped, False)
                    block_indent = wanted
                    continue
                block_key = None
            elif _indent(text) >= block_indent or (_indent(text) > key_column and not KEY_LINE.match(text)):
                continue
            else:
                block_key = None
        if stripped.startswith("#") or not stripped:
            continue
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in lead:
            mended = lead.replace("\t", "  ") + text.lstrip(" \t")
            yield (number, lead.index("\t") + 1, "a tab character is used for indentation",
                   "YAML indents with spaces only: replace the tab with spaces", mended, False)
            text = mended
        dash = re.match(r"^( *)-([A-Za-z_][\w-]*:(?: |$).*)$", text)
        if dash:
            mended = f"{dash.group(1)}- {dash.group(2)}"
            yield (number, len(dash.group(1)) + 1, "a list item needs a space after its '-'",
                   f"write '- {dash.group(2)[:30]}'", mended, False)
            text = mended
        after_bar = re.match(r"^(?P<head> *(?:- +)?[A-Za-z_][\w-]*: *[|>][-+0-9]*) +(?P<text>[^#\s].*)$", text)
        if after_bar:
            yield (number, len(after_bar.group("head")) + 2, "the text after '|' must start on the next line",
                   "put the text on the lines below, indented further than the key", after_bar.group("head"), True)
            text = after_bar.group("head")
        found = _NO_SPACE.match(text)
        if found and found.group("key") in known_keys() and not found.group("value").startswith(("|", ">")):
            key, value = found.group("key"), found.group("value")
            column = len(found.group("lead")) + len(key) + 1
            yield (number, column, f"there is no space after '{key}:', so YAML reads '{key}:{value[:30]}' as text, "
                   "not as a key and its value", f"put a space after the colon: '{key}: {value[:30]}'",
                   f"{found.group('lead')}{key}: {value}", False)
            text = f"{found.group('lead')}{key}: {value}"
        item = _ITEM.match(text)
        if item:
            indent = len(item.group("indent"))
            sibling = _sibling(items, lines, index, indent)
            if sibling is not None:
                sibling_line, sibling_indent = sibling
                yield (number, 1, f"this list item starts with {_spaces(indent)}, but the one above it (line "
                       f"{sibling_line}) with {sibling_indent}: the items of a list must line up",
                       f"start it with {_spaces(sibling_indent)}", " " * sibling_indent + text.lstrip(" "), False)
                indent = sibling_indent
            items.append((number, indent))
        block = _BLOCK.match(text)
        if block:
            block_key = (number, len(block.group("indent")) + len(block.group("dash") or ""), block.group("key"))
            block_indent = None


def _sibling(items: list[tuple[int, int]], lines: list[str], index: int, indent: int) -> tuple[int, int] | None:
    """The item above that this one should line up with, if it is out of line by one or two
    spaces: every line between the two is further in than both (the content of the item above),
    so nothing between opens a list of its own."""
    if not items:
        return None
    line, other = items[-1]
    if other == indent or abs(other - indent) > 2:
        return None
    between = [text for text in lines[line:index] if text.strip() and not text.strip().startswith("#")]
    if all(_indent(text) > max(indent, other) for text in between):
        return line, other
    return None


# -- what the parser stopped at, in words ------------------------------------------------------

# PyYAML's phrases, none of which a writer should ever see (tests check every message for them).
JARGON = ("mapping values are not allowed", "did not find expected", "could not find expected", "while scanning",
          "while parsing", "found character", "expected <block end>", "expected <document start>",
          "found undefined", "block sequence entries", "found unexpected", "in this context", "is not allowed here",
          "<block mapping start>", "<scalar>", "<block end>", "found duplicate anchor", "unacceptable character")


def explain(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str, str]:
    """Where the parser stopped and why, in the writer's words: (line, column, message, hint)."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (error.problem or "").strip()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem or "\t" in source_line[: max(column, 1)]:
        return (line, source_line.find("\t") + 1 or column, "a tab character is used for indentation",
                "YAML indents with spaces only: replace the tab with spaces")
    context = (error.context or "").strip()
    if "nesting depth" in problem:
        return (line, column, "values are nested too deep (brackets inside brackets, thousands of times)",
                "a briefing is a few levels of 'key: value' lines and lists; check the brackets")
    if "flow" in context and error.context_mark is not None:  # an unclosed [ or {
        mark = error.context_mark
        opened = "[" if "sequence" in context else "{"
        return (mark.line + 1, mark.column + 1, f"the '{opened}' here is never closed: YAML reads '[' and '{{' "
                "at the start of a value as a list or a set of keys", "put the whole value in quotes (\"...\") if "
                f"the text starts with '{opened}', or close it with '{']' if opened == '[' else '}'}'")
    if "quoted scalar" in context and error.context_mark is not None:
        mark = error.context_mark
        return (mark.line + 1, mark.column + 1, "a quotation mark opened here is never closed",
                "close the quotes at the end of the text, or write it as a block with 'key: |'")
    found = _explain_layout(lines, line)
    if found is not None:
        return found
    value = source_line.split(":", 1)[1].strip() if ":" in source_line else ""
    if value[:1] in ("[", "{") and "flow" not in context and "document" not in context:
        return (line, source_line.index(value[0]) + 1, f"a value starts with '{value[0]}', which YAML reads as the "
                f"start of a {'list' if value[0] == '[' else 'set of keys'}", "put the value in quotes (\"...\")")
    if value[:1] in ("\u201c", "\u2018"):
        return (line, source_line.index(value[0]) + 1,
                "this value starts with a curly quote (\u201c or \u2018), which YAML does not read as a quote",
                "put the text in straight quotes \"...\" (Word's curly quotes are only characters to YAML), or "
                "write it as a block with 'key: |'")
    if "mapping values are not allowed" in problem:
        found = KEY_LINE.match(source_line)
        second = source_line.find(": ", found.end("key") + 1) if found else -1
        column = second + 1 if second >= 0 else column
        return (line, column, "this line has a second ': ' in it, which YAML takes for a second key",
                "put the value in quotes (\"...\"), or write it as a block with 'key: |' on its own line")
    if "found undefined alias" in problem or "found character '*'" in problem:
        return line, column, "a value starts with '*', which YAML reads as a reference", "put the value in quotes"
    if "cannot start any token" in problem and 0 < column <= len(source_line):
        return (line, column, f"a value starts with '{source_line[column - 1]}', which YAML keeps for itself",
                "put the value in quotes (\"...\")")
    if "expected a single document" in context or "another document" in problem:
        line = next((number for number in range(line, len(lines) + 1) if lines[number - 1].strip() == "---"), line)
        return (line, 1, "a line '---' starts a second document here: a file holds one",
                "delete the '---' line (and what follows, if it is another briefing: that goes in a file of its own)")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return (line, column, "a quotation mark opened here is never closed",
                "close the quotes at the end of the text, or write it as a block with 'key: |'")
    if "could not find expected ':'" in problem:
        return (line, column, "this line is neither 'key: value' nor part of the text above it",
                "give it a key ('key: value'), or if it is text, put it under 'body: |' indented like the rest")
    if "block sequence entries" in problem or "expected <block end>" in problem or "did not find expected" in problem:
        return (line, column, "this line does not line up with the lines around it",
                "indent it like the other lines at its level (list items with '- ' line up, and so do keys)")
    return (line, column, "YAML cannot read this line",
            "check the indentation, and that every 'key: value' has a space after the colon")


def _explain_layout(lines: list[str], line: int) -> tuple[int, int, str, str] | None:
    """What a writer got wrong in the layout near a syntax error at 1-based ``line``: a line of a
    ``|`` block indented less than the others, ``body:`` with text under it but no ``|``, or a
    key that does not line up with the key above it. None if it is none of these."""
    start, stop = max(0, line - 40), min(line, len(lines))
    keys = [(n, found) for n in range(start, stop) if (found := KEY_LINE.match(lines[n]))]
    for number, found in reversed(keys):
        key_column = len(found.group("indent")) + len(found.group("dash") or "")
        rest, key = found.group("rest").strip(), found.group("key")
        following = [(n, lines[n]) for n in range(number + 1, stop) if lines[n].strip()]
        if not following:
            continue
        first_indent = _indent(following[0][1])
        if rest[:1] in ("|", ">"):  # a block: its lines start where its first one does
            for n, text in following[1:]:
                if _indent(text) < first_indent and not KEY_LINE.match(text) and not text.lstrip().startswith("-"):
                    return (n + 1, 1, f"this line belongs to the text under '{key}:' (line {number + 1}) but "
                            f"starts with {_spaces(_indent(text))}, and the lines above it with {first_indent}",
                            f"start it with {_spaces(first_indent)}, like the lines above it")
            break
        if not rest and first_indent > key_column and not KEY_LINE.match(following[0][1]) \
                and not following[0][1].lstrip().startswith("- "):
            return (number + 1, len(lines[number].rstrip()) + 1, f"the text under '{key}:' is not marked as a "
                    "block, so YAML reads it as more keys and values", f"add ' |' after '{key}:' (write "
                    f"'{key}: |'), and keep the text indented below it")
    for number in (line - 1, line - 2):  # the error's line, or the one before: does its key line up?
        found = KEY_LINE.match(lines[number]) if 0 <= number < len(lines) else None
        if found is None or found.group("dash"):
            continue
        column = len(found.group("indent"))
        above = next(((n, m) for n, m in reversed(keys) if n < number), None)
        if above is None:
            continue
        sibling_column = len(above[1].group("indent")) + len(above[1].group("dash") or "")
        if sibling_column != column and abs(sibling_column - column) <= 2 and above[1].group("rest").strip():
            return (number + 1, 1, f"'{found.group('key')}:' starts with {_spaces(column)}, but "
                    f"'{above[1].group('key')}:' on line {above[0] + 1} starts at {sibling_column}: keys that "
                    "belong together must line up", f"start the line with {_spaces(sibling_column)}")
    return None


_MARKER = re.compile(r"^\s*(?:(?P<bullet>[-*+\u2022])|(?P<number>\d{1,2})[.)])\s+\S")


def joined_text(lines: list[str], node: yaml.ScalarNode, key: str) -> tuple[str, str] | None:
    """A plain text (not quoted, not ``|`` or ``>``) on several lines that YAML runs together
    although the writer set it out: paragraphs (a blank line between, which is the only way a
    plain text holds a line break) or list items (two or more of its lines start as items of one
    list would: the same bullet, or numbers counting up). Judged from the parser's node: a
    quoted text keeps its line breaks as YAML writes them (PyYAML and ruamel.yaml write quoted
    texts over several lines), and a long plain text a YAML library folded over lines has no
    blank line in it. The message and hint, or None."""
    if (node.style or None) is not None or node.start_mark.line == node.end_mark.line:
        return None
    what = "paragraphs" if "\n" in node.value else "list items" if _items(
        lines[node.start_mark.line + 1: node.end_mark.line + 1]) else None
    if what is None:
        return None
    return (f"the {what} under '{key}:' would be run together into one line: without '|', YAML joins "
            "the lines of a text", f"write '{key}: |' and keep the text indented below it, as typed")


def _items(lines: list[str]) -> bool:
    """Whether two or more of ``lines`` start as the items of one list."""
    found = [match for line in lines if (match := _MARKER.match(line))]
    bullets = [match.group("bullet") for match in found if match.group("bullet")]
    if any(bullets.count(bullet) >= 2 for bullet in set(bullets)):
        return True
    numbers = [int(match.group("number")) for match in found if match.group("number")]
    return any(after == before + 1 for before, after in itertools.pairwise(numbers))
