"""How many people took part in a session, from what a return says: the number asked for as a
number ("How many took part"), else what was typed under "Attendees".

A count is taken only where the words leave no doubt, and otherwise marked as needing a check
(the summary names the return, and never adds a guess to its total):

- a number alone ("12"), or with what they were ("12 practitioners", "8 o bobl");
- an explicit total: a number alone in brackets ("Sam, Jo + 3 students (8)"), a number before a
  breakdown in brackets or after a colon ("11 (YOT case managers, 2 police officers)",
  "11 people: ..."), "total 8" or "= 8";
- a list of names ("Ann, Bo and Cy"), of groups that say their number ("3 social workers,
  2 police officers") or of both ("Sam, Jo + 3 students"), each part counted.

Words that say a group without its number ("social workers", "the whole team", "CAMHS"), a range
or an estimate ("10-12", "about 10"), two totals that differ, or a number too large to be one
meeting (more than :data:`LARGEST`) are a count to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LARGEST = 999  # people at one session: more is a typing slip or a conference, and is checked
_ALONE = re.compile(r"^\s*(\d{1,6})\s*\.?\s*$")
# "12 practitioners", "8 o bobl": a number and words that have no digit and no list in them
_NUMBER_AND_WORDS = re.compile(r"^\s*(\d{1,6})\s+[^\d,;:+&()\n]*$")
# "11 (YOT case managers, ...)", "11 people: ...", "11 - ...": a total before its breakdown
_TOTAL_FIRST = re.compile(r"^\s*(\d{1,6})\s*(?:[^\d,;:+&()\n]*?)\s*(?:\(|:|\s[-\u2013\u2014]\s)")
_BRACKETED = re.compile(r"\(\s*(\d{1,6})\s*\)")
_SAID_TOTAL = re.compile(r"(?:\b(?:total|in all|altogether|cyfanswm|i gyd)\b\s*(?:of\s*)?[:=]?\s*(\d{1,6})"
                         r"|=\s*(\d{1,6})\s*$)", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:about|around|approx\w*|roughly|circa|c\.|over|under|nearly|almost|tua|oddeutu"
                       r"|dros)\s*\d|~\s*\d|\d\s*(?:-|\u2013|to|i)\s*\d|\d\s*\+(?!\s*\d)|\d\s*or\s*so",
                       re.IGNORECASE)
_PARTS = re.compile(r"[,;\n+&/]|\s(?:and|ac|a)\s(?=[A-Z\u00c0-\u024f])|\s(?:and|ac)\s")
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de\u0100-\u024f][\w'\u2019.-]*|[A-Z]\.|(?:de|van|von|der|ap|ferch|"
                        r"bin|binti|al|el|da|di|du|la|le|mac|mc|o')|[A-Z][a-z]*[\u2019'-][A-Z][\w-]*)$")
_NUMBERED = re.compile(r"^(\d{1,6})\b\s*(.*)$")


@dataclass(frozen=True)
class Count:
    """The number of people, and whether it can be added up. ``number`` is None when nothing
    was given (``sure``) or when the words leave doubt (not ``sure``: :attr:`typed` is what
    to check)."""

    number: int | None
    sure: bool
    typed: str = ""

    @property
    def to_check(self) -> bool:
        return not self.sure


NOT_GIVEN = Count(None, True)


def count_people(number: str, attendees: str) -> Count:
    """The count from the number field (``number``) where it was filled in, else from the
    attendees' names or description."""
    if number.strip():
        return _number_field(number.strip())
    text = "\n".join(" ".join(line.split()) for line in attendees.splitlines() if line.strip())
    return _described(text) if text else NOT_GIVEN


def _number_field(text: str) -> Count:
    matched = _ALONE.match(text) or _NUMBER_AND_WORDS.match(text)
    if matched is None or _ESTIMATE.search(text):
        return Count(None, False, text)
    return _checked(int(matched.group(1)), text)


def _checked(number: int, typed: str) -> Count:
    return Count(number, True, typed) if number <= LARGEST else Count(None, False, typed)


def _described(text: str) -> Count:
    if _ESTIMATE.search(text):
        return Count(None, False, text)
    totals = {int(match.group(1)) for match in _BRACKETED.finditer(text)}
    totals |= {int(match.group(1) or match.group(2)) for match in _SAID_TOTAL.finditer(text)}
    first = _TOTAL_FIRST.match(text)
    if first is not None:
        totals.add(int(first.group(1)))
    if len(totals) > 1:
        return Count(None, False, text)
    if totals:
        return _checked(totals.pop(), text)
    alone = _ALONE.match(text) or _NUMBER_AND_WORDS.match(text)
    if alone is not None:
        return _checked(int(alone.group(1)), text)
    total = 0
    for part in _PARTS.split(_without_asides(text)):
        part = part.strip(" .")
        if not part:
            continue
        numbered = _NUMBERED.match(part)
        if numbered is not None and not re.search(r"\d", numbered.group(2)):
            total += int(numbered.group(1))
        elif _is_name(part):
            total += 1
        else:
            return Count(None, False, text)
    return _checked(total, text) if total else Count(None, False, text)


def _without_asides(text: str) -> str:
    """The text without what is in brackets and has no digit ("Sam (chair)" is Sam)."""
    return re.sub(r"\([^()\d]*\)", "", text)


def _is_name(part: str) -> bool:
    """A person's name: one to four words, each capitalised (or a particle such as "ap" or "van"),
    none in capitals throughout (an agency: "CAMHS") nor a word that names a group."""
    words = part.split()
    if not 1 <= len(words) <= 4 or not any(word[:1].isupper() for word in words):
        return False
    for word in words:
        letters = [char for char in word if char.isalpha()]
        if len(letters) > 1 and all(char.isupper() for char in letters):
            return False
        if word.casefold().strip(".") in _GROUP_WORDS or not _NAME_WORD.match(word):
            return False
    return True


_GROUP_WORDS = frozenset({
    "team", "teams", "staff", "all", "everyone", "everybody", "members", "colleagues", "several", "some", "various",
    "many", "few", "others", "etc", "practitioners", "workers", "officers", "nurses", "students", "managers",
    "visitors", "police", "service", "services", "group",
    "pawb", "tîm", "timau", "aelodau", "cydweithwyr", "sawl", "rhai", "eraill",  # Welsh
})
