"""Read a YAML file into plain Python data, remembering where every value came from.

Only what a briefing or theme needs is accepted: mappings, sequences and plain scalars. The
reader never constructs objects from tags, refuses anchors and aliases (which is also what stops
"billion laughs" expansion bombs), rejects duplicate keys (PyYAML silently keeps the last, which
loses data), refuses files over a size limit before parsing, and turns every YAML failure into a
located :class:`~generator.errors.UserError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, UserError, display_path, shell_path
from generator.files import read_file

# LibYAML's parser when PyYAML was built with it (the PyPI wheels are): about ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 1_000_000
MAX_NODES = 20_000
MAX_PROBLEMS = 50  # per file: past this, the rest are counted, not listed
MAX_DEPTH = 40  # a briefing nests five levels; anything this deep is a mistake or an attack

Key = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Span:
    """Where a value sits in its file (0-based line and column, as PyYAML counts).

    ``style`` is the scalar style ('|', '>', '"', "'" or None for plain). For literal block
    scalars, ``indent`` is the column at which the content lines start, so a position inside the
    text maps back to the file exactly.
    """

    line: int
    column: int
    style: str | None = None
    indent: int = 0

    def position(self, text_line: int | None = None, text_column: int = 0) -> tuple[int, int]:
        """1-based file (line, column) of the value, or of a 0-based line and column inside its text."""
        if text_line is None:
            return self.line + 1, self.column + 1
        if self.style in ("|", ">"):
            return self.line + 2 + text_line, self.indent + text_column + 1
        if text_line == 0:
            quote = 1 if self.style in ('"', "'") else 0
            return self.line + 1, self.column + 1 + quote + text_column
        return self.line + 1 + text_line, text_column + 1


@dataclass
class Positions:
    """Where every value and key of one YAML file is (its :class:`Span`), and the file's lines:
    what a finding needs to say where it is, kept on a briefing when its raw data is gone."""

    path: Path
    values: dict[Key, Span] = field(default_factory=dict)
    keys: dict[Key, Span] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def span(self, key: Key) -> Span:
        """The span of the value at ``key``, or of its nearest ancestor that has one."""
        key = tuple(key)
        while key not in self.values and key:
            key = key[:-1]
        return self.values.get(key, Span(0, 0))

    def key_span(self, key: Key) -> Span:
        return self.keys.get(tuple(key)) or self.span(key)

    def locate(self, key: Key, text: str | None = None, offset: int = 0) -> tuple[int, int]:
        """1-based file position of the value at ``key``, or of character ``offset`` of its ``text``.

        Inside a literal block (``|``) the mapping is exact. Other multi-line styles fold lines, so
        there the characters around the offset are looked for in the file from the value onwards.
        """
        span = self.span(key)
        if text is None:
            return span.position()
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        if span.style == "|" or (line == 0 and "\n" not in text):
            return span.position(line, column)
        needle = text[offset:offset + 20].split("\n")[0]
        for number in range(span.line, len(self.lines)):
            found = self.lines[number].find(needle) if needle else -1
            if found >= 0:
                return number + 1, found + 1
        return span.position()

    def problem(self, key: Key, message: str, hint: str = "", *, at_key: bool = False) -> Problem:
        span = self.key_span(key) if at_key else self.span(key)
        line, column = span.position()
        return Problem(self.name, line, column, message, hint)

    def has(self, key: Key) -> bool:
        """Whether the file gives a value at ``key``."""
        return tuple(key) in self.values

    def find(self, text: str) -> tuple[int, int]:
        """The 1-based line and column where ``text`` first appears in the file, or (1, 1)."""
        for number, line in enumerate(self.lines, 1):
            if text in line:
                return number, line.index(text) + 1
        return 1, 1


@dataclass
class Document(Positions):
    """Plain data from one YAML file, with the positions of everything in it. Read with
    ``recover``, a file with mistakes in its layout is read as far as it can be: ``slips`` are
    its mistakes, ``set_aside`` the lines the reader could not read (:mod:`.slips`)."""

    data: Any = None
    slips: list[Problem] = field(default_factory=list)
    set_aside: set[int] = field(default_factory=set)

    def positions(self) -> Positions:
        """The positions alone, for a record that outlives the raw data."""
        return Positions(self.path, self.values, self.keys, self.lines)


def read_text(path: Path, *, limit: int = MAX_BYTES, what: str = "file") -> str:
    """The file's text, refusing what is not a regular file, too large, another kind of document
    or not UTF-8, before any parsing."""
    hint = "a briefing is one page: a file this large is not one" if what == "file" else ""
    return decode(read_file(path, limit, what=what, hint=hint), path)


def decode(raw: bytes, path: Path) -> str:
    """A file's bytes as its text (UTF-8, with or without a byte-order mark), refusing another
    kind of document or another encoding, at the place where it starts to go wrong."""
    if raw.startswith(_MAGIC_STARTS):  # (the name is made only for a message: it asks the system for the folder)
        _refuse_other_formats(display_path(path), raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        name = display_path(path)
        before = raw[: error.start].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise UserError.at(
            name, line, column,
            f"byte 0x{raw[error.start]:02X} is not valid UTF-8",
            "save the file as UTF-8 (in most editors: File > Save As > Encoding: UTF-8)",
        ) from None
    return text


_OTHER_FORMATS = (
    (b"PK\x03\x04", "a Word document (.docx) or another zipped file", True),
    (b"%PDF", "a PDF", True),
    (b"\xd0\xcf\x11\xe0", "an old Word document (.doc)", False),
    (b"{\\rtf", "a Rich Text document (.rtf)", False),
)


_MAGIC_STARTS = tuple(magic for magic, _, _ in _OTHER_FORMATS)


def _refuse_other_formats(name: str, raw: bytes) -> None:
    for magic, what, importable in _OTHER_FORMATS:
        if raw.startswith(magic):
            hint = (f"to turn it into a briefing, run: briefing import {shell_path(name)}" if importable else
                    "save it from Word as .docx, then run: briefing import FILE.docx")
            raise UserError.at(name, 1, 1, f"this is {what}, not a briefing written as text", hint)


# Characters that change what a reader sees without being seen: controls that reverse or embed
# text ("Trojan Source"), and raw control characters. Tab, line feed and carriage return are
# layout. Anywhere in the file, comments included, they are refused with their place.
_HIDING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters YAML takes for the end of a line where an editor shows none: text after one would be
# read as a new line of the file ("title: Safe<U+2028>author: Someone" has an author).
_LINE_BREAKS = {0x85: "NEXT LINE", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}
# Characters with no visible shape of their own: a text made only of them (and spaces) is empty.
INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff"
_ONLY_INVISIBLE = re.compile(f"^[\\s{INVISIBLE}]+$")


def _refuse_hidden_characters(name: str, text: str) -> None:
    problems = []
    for found in _HIDING.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        code = ord(found.group())
        if code in _LINE_BREAKS:
            message = (f"the invisible character U+{code:04X} ({_LINE_BREAKS[code]}) ends a line for YAML but "
                       "not on your screen: what follows it would be read as a new line of the file")
            hint = "remove it, or press Enter there if a new line was meant (it often comes from copying text)"
        elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            message = f"the invisible character U+{code:04X} changes the direction of the text after it"
            hint = "remove it: it can make the printed text read differently from what you typed"
        else:
            message = f"the control character U+{code:04X} cannot be printed"
            hint = "remove it (it often comes from copying text out of another program)"
        problems.append(Problem(name, line, column, message, hint))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise UserError(problems)


def load(path: Path, *, limit: int = MAX_BYTES, recover: bool = False) -> Document:
    """Read and parse ``path`` into a :class:`Document` (``recover``: see :func:`parse`)."""
    text = read_text(path, limit=limit)
    return parse(text, path, recover=recover)


def parse(text: str, path: Path, *, recover: bool = False) -> Document:
    """Parse ``text`` (read from ``path``), refusing characters that hide or reverse text first.
    A mistake in the file's layout is a :class:`UserError` listing every one found; with
    ``recover``, the document is returned read as far as it could be, its mistakes in
    ``slips`` (for :func:`generator.read.validation.read_as`, which says them with the rest)."""
    from generator.read import slips

    name = display_path(path)
    _refuse_hidden_characters(name, text)
    doc = Document(path=path, lines=text.splitlines())
    found = slips.recover(text, name, _LOADER)  # the parser's reading; explained only if it refuses
    doc.slips, doc.set_aside = found.slips, found.set_aside
    if found.node is None:
        if doc.slips:
            raise UserError(capped(doc.slips))
        raise UserError.at(
            name, 1, 1, "the file is empty",
            "start from a working briefing: run 'briefing new \"Your title\"'",
        )
    builder = _Builder(doc)
    try:
        doc.data = builder.build(found.node, ())
    except TooManyProblems:
        raise UserError(capped([*doc.slips, *builder.problems], more=True)) from None
    doc.slips += builder.problems
    if doc.slips and not recover:
        raise UserError(capped(doc.slips))
    return doc


class TooManyProblems(Exception):
    """Raised when a file has :data:`MAX_PROBLEMS` problems: looking for more is wasted work."""


def capped(problems: list[Problem], *, more: bool = False) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems of a file, and a last one saying how many more
    there are (or, with ``more``, that there are more)."""
    problems = sorted(problems)
    if len(problems) <= MAX_PROBLEMS and not more:
        return problems
    kept = problems[:MAX_PROBLEMS]
    last = kept[-1]
    rest = f"and {len(problems) - MAX_PROBLEMS:,} more" if len(problems) > MAX_PROBLEMS else "and more"
    return [*kept, Problem(last.path, last.line, last.column,
                           f"{rest} problems: stopped looking after {MAX_PROBLEMS}",
                           "fix these first, then check the file again")]


class _Builder:
    """Turns a composed node tree into plain data without constructing tagged objects."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0
        self.key: Key = ()

    def fail(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(self.doc.name, node.start_mark.line + 1, node.start_mark.column + 1, message, hint)
        )
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def build(self, node: yaml.Node, key: Key) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.fail(node, f"the file has more than {MAX_NODES:,} values")
            return None
        if len(key) > MAX_DEPTH:
            self.fail(node, f"values are nested more than {MAX_DEPTH} levels deep",
                      "a briefing is a few levels of 'key: value' lines and lists; check the brackets")
            return None
        if id(node) in self.seen:
            self.fail(
                node, "anchors and aliases ('&name', '*name') are not supported",
                "write the value out in full where it is needed",
            )
            return None
        self.seen.add(id(node))
        self.doc.values[key] = self._span(node)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            self.fail(node, f"the tag '{node.tag}' is not allowed",
                      "remove the '!' tag: briefings hold plain text, numbers and dates only")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        self.key = key
        return self._scalar(node)

    def _span(self, node: yaml.Node) -> Span:
        style = getattr(node, "style", None)
        indent = 0
        if style in ("|", ">"):
            for line in self.doc.lines[node.start_mark.line + 1 : node.end_mark.line + 1]:
                if line.strip():
                    indent = len(line) - len(line.lstrip(" "))
                    break
        return Span(node.start_mark.line, node.start_mark.column, style, indent)

    def _mapping(self, node: yaml.MappingNode, key: Key) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "merge keys ('<<') are not supported", "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a key must be a plain word such as 'title'")
                continue
            name = str(key_node.value)
            if name in result:
                first = self.doc.keys[(*key, name)]
                self.fail(
                    key_node, f"'{name}' is given twice (first at line {first.line + 1})",
                    "keep one of them: YAML would silently throw the other away",
                )
                continue
            self.doc.keys[(*key, name)] = Span(key_node.start_mark.line, key_node.start_mark.column)
            result[name] = self.build(value_node, (*key, name))
        return result

    def _comment_for_value(self, node: yaml.ScalarNode) -> None:
        """A key left empty only because its value began with '#', which YAML reads as the start
        of a comment (``primary: #005A70``): the value the writer meant would be lost without a
        word. A comment written as one ("# a note") has a space after the '#'."""
        line = self.doc.lines[node.start_mark.line] if node.start_mark.line < len(self.doc.lines) else ""
        rest = line[node.start_mark.column:]
        found = re.match(r"\s*(#\S.*?)\s*$", rest)
        if found is None or node.start_mark.column == 0 or line[node.start_mark.column - 1] not in " \t:":
            return
        meant = found.group(1)
        key = str(self.key[-1])
        self.fail(node, f"'{key}' is empty: YAML reads '{meant[:30]}' as a comment, because it starts with '#'",
                  f"put the value in quotes: {key}: \"{meant}\"")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """The scalar's text exactly as typed: YAML 1.1 would read ``10:30`` as 630 and ``012``
        as 10. Only the format knows where a number, a yes/no or a date is meant, and it reads
        those from the text (:func:`generator.read.validation.typed`). A plain ``null``, ``~`` or
        nothing at all is no value."""
        if node.tag not in _PLAIN_TAGS:
            self.fail(
                node, f"the tag '{node.tag}' is not allowed",
                "remove the '!' tag: briefings hold plain text, numbers and dates only",
            )
            return None
        if not node.style and node.value in _NULLS:  # plain: LibYAML says "", PyYAML None
            if not node.value and self.key:
                self._comment_for_value(node)
            return None
        if self.key:
            from generator.read.slips import joined_text

            joined = joined_text(self.doc.lines, node, str(self.key[-1]))
            if joined is not None:
                self.fail(node, *joined)
        if node.value and _ONLY_INVISIBLE.match(node.value):
            self.fail(node, "this text is empty: it holds only invisible characters or spaces",
                      "delete it and type the text again")
        return node.value
