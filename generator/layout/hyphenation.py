"""Where a word may be hyphenated: Liang's patterns (TeX's), from the dictionaries pyphen ships
(LibreOffice's), read by the tool itself.

pyphen builds its table of a dictionary's 14,000 patterns on every run, which costs about a
tenth of a second; here the table is made once and kept (:mod:`generator.tables`), and a word's
points are found as pyphen finds them (a test compares the two on every word of the examples).
Dictionaries with nonstandard hyphenation (a change of letters at the break, as old German
spelling has) are read without those alternatives: the tool only breaks, never respells.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN",
            "NEXTLEVEL", "NOHYPHEN")


@lru_cache(maxsize=1)
def _dictionaries() -> dict[str, Path]:
    """pyphen's dictionaries by language, lower case (``en_gb``, and ``en`` for the first English
    one), found without importing pyphen (whose import lists them, at some cost)."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return {}
    found: dict[str, Path] = {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionaries"
    for path in sorted(folder.glob("hyph_*.dic")):
        name = path.name[5:-4].lower()
        found[name] = path
        found.setdefault(name.split("_")[0], path)
    return found


def dictionary_file(language: str) -> Path | None:
    """The dictionary for a BCP 47 tag, falling back as pyphen does (``en-GB``, else ``en``)."""
    parts = language.replace("-", "_").lower().split("_")
    while parts:
        found = _dictionaries().get("_".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None


def parse_patterns(text: str) -> dict[str, str]:
    """A dictionary file's patterns as {letters: offset and values}: "a1b2c" -> {"abc": "112"}
    (the values from offset 1 are 1 and 2; zeros at either end are dropped)."""
    table: dict[str, str] = {}
    for raw in text.split("\n")[1:]:  # the first line names the encoding
        raw = raw.strip()
        if not raw or raw.startswith(_IGNORED):
            continue
        if "^^" in raw:  # ^^hh: a character by its code
            import re

            raw = re.sub(r"\^{2}([0-9a-f]{2})", lambda found: chr(int(found.group(1), 16)), raw)
        if "/" in raw and "=" in raw:  # a nonstandard alternative: the break alone is kept
            raw = raw.split("/", 1)[0]
        letters, values, pending = [], [], 0
        for char in raw:
            if "0" <= char <= "9":
                pending = ord(char) - 48
            else:
                values.append(pending)
                letters.append(char)
                pending = 0
        values.append(pending)
        if not any(values):
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        table["".join(letters)] = str(start) + "".join(map(str, values[start:end]))
    return table


class Patterns:
    """A dictionary's patterns, and the points of the words asked for."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        self.longest = max(map(len, table), default=0)
        self.known: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        """Where ``word`` may be broken (after that many letters), as pyphen says, before its
        left and right minimums (:meth:`points` applies those)."""
        word = word.lower()
        found = self.known.get(word)
        if found is None:
            dotted = f".{word}."
            scores = [0] * (len(dotted) + 1)
            table, longest = self.table, self.longest
            for i in range(len(dotted) - 1):
                for j in range(i + 1, min(i + longest, len(dotted)) + 1):
                    pattern = table.get(dotted[i:j])
                    if pattern is None:
                        continue
                    start = i + int(pattern[0])
                    for k, digit in enumerate(pattern[1:]):
                        value = ord(digit) - 48
                        if value > scores[start + k]:
                            scores[start + k] = value
            found = self.known[word] = [i - 1 for i, score in enumerate(scores) if score % 2]
        return found

    def points(self, word: str, left: int = 2, right: int = 2) -> list[int]:
        """The positions at least ``left`` letters from the start and ``right`` from the end
        (pyphen's defaults: 2 and 2)."""
        return [point for point in self.positions(word) if left <= point <= len(word) - right]


@lru_cache(maxsize=8)
def patterns(language: str) -> Patterns | None:
    """The patterns for a language (BCP 47), or None if there is no dictionary for it; made once
    per process, and kept between runs."""
    path = dictionary_file(language)
    if path is None:
        return None
    from generator.tables import kept

    raw = path.read_bytes()
    encoding = raw.split(b"\n", 1)[0].decode("ascii", "replace").strip() or "utf-8"
    encoding = "cp1251" if encoding.lower() == "microsoft-cp1251" else encoding
    return Patterns(kept(f"hyphenation-{path.stem}", raw, lambda: parse_patterns(raw.decode(encoding)),
                         shape=_patterns_shape))


def _patterns_shape(table) -> bool:
    """A table of patterns: letters to their offset and digits, as :func:`parse_patterns` makes it."""
    return isinstance(table, dict) and len(table) > 100 and all(
        isinstance(key, str) and isinstance(value, str) and value[:1].isdigit() for key, value in table.items())
