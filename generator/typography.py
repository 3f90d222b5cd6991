"""Typographic punctuation for what is printed and shown: curly quotes and apostrophes, en dashes
in ranges and between words. The file keeps what was typed; this is how it is set, on the page,
the slides and the web page alike. Web and email addresses are never touched: a quote or a
hyphen in one is part of it."""

from __future__ import annotations

import re
from functools import lru_cache

# what is left exactly as typed: an address, on the web or for email
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\S+\.(?:uk|com|org|net|gov|wales)\S*",
                      re.IGNORECASE)
_YEARS = re.compile(r"(?<![\d-])((?:19|20)\d\d)\s?[-\u2013]\s?((?:19|20)?\d\d)(?![\d-])")
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
_DOUBLE_HYPHEN = re.compile(r"(?<=\S)\s?--\s?(?=\S)")
_OPENS_BEFORE = " \t\n([{\u2013\u2014/"  # a quote after one of these (or at the start) opens


def smart(text: str, before: str = "") -> str:
    """``text`` with typographic punctuation (see the module's text); ``before``: the character
    printed just before it (the end of the run before, in another style), which says whether a
    quote at its start opens or closes."""
    if not any(char in text for char in "\"'-"):
        return text
    return _smart(text, before[-1:])


def smart_runs(runs: list) -> list:
    """Runs of rich text (:class:`generator.read.markup.Run`) with typographic punctuation, each
    knowing what the run before it ended with."""
    from dataclasses import replace

    found, before = [], ""
    for run in runs:
        found.append(replace(run, text=smart(run.text, before)) if run.text != "\n" else run)
        before = run.text[-1:] or before
    return found


@lru_cache(maxsize=4096)
def _smart(text: str, before: str) -> str:
    pieces, position = [], 0
    for found in _ADDRESS.finditer(text):
        pieces.append(_words(text[position:found.start()], text[found.start() - 1] if found.start() else before))
        pieces.append(found.group())
        position = found.end()
    pieces.append(_words(text[position:], text[position - 1] if position else before))
    return "".join(pieces)


def _words(text: str, before: str) -> str:
    text = _YEARS.sub(lambda found: f"{found.group(1)}\u2013{found.group(2)}", text)
    text = _DOUBLE_HYPHEN.sub(" \u2013 ", text)
    text = _SPACED_HYPHEN.sub(" \u2013 ", text)
    out = []
    for index, char in enumerate(text):
        previous = text[index - 1] if index else before
        if char == '"':
            out.append("\u201c" if not previous or previous in _OPENS_BEFORE else "\u201d")
        elif char == "'":
            opens = (not previous or previous in _OPENS_BEFORE) and index + 1 < len(text) and \
                text[index + 1].isalpha()
            out.append("\u2018" if opens else "\u2019")
        else:
            out.append(char)
    return "".join(out)
