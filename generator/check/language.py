"""Language that blames or minimises children (BR401), from a documented rule file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from generator.check.text import PlainText, plain, quoted_ranges
from generator.errors import ERROR, NOTE, WARNING, Problem
from generator.read import spec

SHIPPED_RULES = Path(__file__).resolve().parent / "language_rules.yaml"


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its regular expression is compiled when first needed, and only for a
    text that has a form of every plain word of one of its phrases (``build`` checks one
    briefing, and compiling every rule took longer than checking)."""

    rule: spec.Rule

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{compile_phrase(p)})" for p in self.rule.phrases), re.IGNORECASE)

    @cached_property
    def _words(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """For each phrase, what a text it matches must hold: for each word, the stem of that
        word or of one of its choices ("{teen,teenage} {prostitute,prostitution}" needs "teen"
        and one of "prostitute", "prostitution"); slots ask nothing."""
        return tuple(tuple(group for token in _TOKEN.findall(phrase.strip().lower())
                           if not token.startswith("<") and (group := _stems(token)))
                     for phrase in self.rule.phrases)

    def may_match(self, lowered: str) -> bool:
        return any(all(any(stem in lowered for stem in group) for group in groups) for groups in self._words)


# Slots a phrase may hold, for the words that vary between phrasings of one idea. "?" after a
# slot makes it optional: "relationship with <det>? <age> man".
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty")
_NUMBER = rf"(?:\d{{1,3}}|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))?)"
SLOTS = {
    "det": r"(?:a|an|the|her|his|their|this|that|these|those|my|our|your|its|some|another)",
    "number": _NUMBER,
    "age": rf"(?:{_NUMBER}(?:[- ](?:years?|yr)[- ]old)?|teenage|teen)",
    "older": r"(?:(?:much|far|significantly|a lot)\s+)?(?:older|adults?|grown)",
    "word": r"[\w'’-]+",
    "words": r"[\w'’-]+(?:\s+[\w'’-]+)?",
}
_TOKEN = re.compile(r"<\w+>\??|(?:\{[^}]*\}|[^\s{])+")  # a slot, or a word that may hold {choices}


def _stem(word: str) -> str:
    """What every form of a word starts with, for the quick test: "prostitutes" -> "prostitute"."""
    return word[:-1] if len(word) >= 4 and word.endswith("s") else word


def _stems(token: str) -> tuple[str, ...]:
    """The stems a text must hold one of, for a phrase's word with its choices spelled out
    ("attention-{seeking,seeker}": "attention-seeking", "attention-seeker"), each option's
    first word only (a space in the text may be a line break)."""
    import itertools

    parts = re.split(r"(\{[^}]*\})", token)
    options = [[choice.strip() for choice in part[1:-1].split(",")] if part.startswith("{") else [part]
               for part in parts]
    found = {_stem("".join(chosen).split()[0]) for chosen in itertools.product(*options) if "".join(chosen).split()}
    return tuple(sorted(found))


def _word_forms(word: str) -> str:
    """A plain word and its plural or singular: "risk" matches "risks", "runners" "runner"."""
    escaped = re.escape(word)
    if not re.fullmatch(r"[A-Za-z]{3,}", word):
        return escaped.replace(r"\ ", r"\s+")
    if len(word) >= 4 and word.endswith("s"):
        return f"{re.escape(word[:-1])}(?:s|es)?"
    return f"{escaped}(?:s|es)?"


def compile_phrase(phrase: str) -> str:
    """A rule's phrase as a case-insensitive regular expression for whole words.

    ``{put,puts} {himself,herself} at risk``: braces hold choices; ``<det>``, ``<age>``,
    ``<number>``, ``<older>``, ``<word>`` and ``<words>`` are slots (:data:`SLOTS`), optional with
    ``?``; a plain word also matches its plural or singular; a space matches any space or line
    break."""
    parts: list[tuple[str, bool]] = []
    for token in _TOKEN.findall(phrase.strip()):
        if "{" in token:  # choices, alone or joined to letters: "{seeking,seeker}", "attention-{seeking,seeker}"
            pieces = []
            for piece in re.split(r"(\{[^}]*\})", token):
                if piece.startswith("{"):
                    options = [re.escape(o.strip()).replace(r"\ ", r"\s+") for o in piece[1:-1].split(",")]
                    pieces.append("(?:" + "|".join(options) + ")")
                else:
                    pieces.append(re.escape(piece))
            parts.append(("".join(pieces), False))
        elif token.startswith("<"):
            name = token.strip("<>?")
            if name not in SLOTS:
                raise ValueError(f"unknown slot <{name}> in phrase '{phrase}'")
            parts.append((SLOTS[name], token.endswith("?")))
        else:
            parts.append((_word_forms(token), False))
    out = ""
    for index, (pattern, optional) in enumerate(parts):
        last = index == len(parts) - 1
        if optional:
            out += rf"(?:\s+{pattern})?" if last else rf"(?:{pattern}\s+)?"
        else:
            out += pattern + ("" if last else r"\s+")
    return r"(?<![\w-])" + out + r"(?![\w-])"


def load_rules(path: Path, data: bytes | None = None) -> list[CompiledRule]:
    """A rule file's rules (the shipped file, or a board's as read once: ``data``), validated, and
    kept between runs once they are (:mod:`generator.tables`). A kept table that is not a list
    of rules, or has another number of rules than the file (a damaged or planted entry), is made
    again."""
    import dataclasses

    from generator.read.source import decode, read_text
    from generator.tables import kept

    text = read_text(path) if data is None else decode(data, path)
    make = lambda: [dataclasses.asdict(rule) for rule in _validated(path, text)]  # noqa: E731
    table = kept("rules", text.encode("utf-8"), make,
                 shape=lambda rules: isinstance(rules, list) and all(isinstance(rule, dict) for rule in rules))
    try:
        rules = [CompiledRule(spec.Rule(**rule)) for rule in table]
        if len(rules) != _count(text):
            raise ValueError("another number of rules")
    except (TypeError, ValueError, re.error):
        rules = [CompiledRule(spec.Rule(**rule)) for rule in make()]
    return rules


def _count(text: str) -> int:
    """How many rules a rule file lists, as its YAML says (LibYAML composes a file in a millisecond)."""
    import yaml

    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return len(value.value)
    return 0


def _validated(path: Path, text: str) -> list:
    from generator.read.source import parse
    from generator.read.validation import RULES, validate

    doc = parse(text, path)
    rules = validate(doc, RULES).rules
    problems = []
    for index, rule in enumerate(rules):
        for number, phrase in enumerate(rule.phrases):
            try:
                compile_phrase(phrase)
            except ValueError as error:  # an unknown slot: the file's mistake, at its line
                problems.append(doc.problem(("rules", index, "phrases", number), str(error),
                                            f"the slots are: {', '.join(f'<{name}>' for name in SLOTS)}"))
    if problems:
        from generator.errors import UserError

        raise UserError(problems)
    return rules


@cache
def shipped_rules() -> tuple[CompiledRule, ...]:
    return tuple(load_rules(SHIPPED_RULES))


def check_text(plain_text: PlainText, rules, locate) -> list[Problem]:
    """Findings for every rule match outside quotation marks; ``locate(plain index)`` gives the position."""
    findings = []
    quoted = quoted_ranges(plain_text.text)
    lowered = plain_text.text.lower()
    for compiled in rules:
        if not compiled.may_match(lowered):
            continue
        for match in compiled.pattern.finditer(plain_text.text):
            if any(start <= match.start() < end for start, end in quoted):
                continue
            rule = compiled.rule
            phrase = " ".join(match.group().split())
            kind = "note" if rule.note else "avoid"
            message = f"{kind} '{phrase}': {rule.message}"
            hint = ""
            if rule.alternatives:
                hint = "try: " + "; ".join(rule.alternatives)
            hint += ("; " if hint else "") + f"source: {rule.source}"
            path, line, column = locate(match.start())
            severity = NOTE if rule.note else ERROR if rule.severity == ERROR else WARNING
            findings.append(Problem.finding(path, line, column, severity, "BR401", message, hint))
    return findings


def check_briefing(briefing, rules) -> list[Problem]:
    """Findings for every field a reader sees; only the rules whose words the briefing has at all
    are tried on each field."""
    fields = [(("sections", index, key), getattr(section, key)) for index, section in enumerate(briefing.sections)
              for key in ("heading", "body")]
    fields += [(("sections", index, "links", n, "label"), link.label)
               for index, section in enumerate(briefing.sections) for n, link in enumerate(section.links)]
    fields += [((key,), getattr(briefing, key)) for key in ("title", "subtitle", "summary") if getattr(briefing, key)]
    texts = [(key, raw, plain(raw)) for key, raw in fields]
    everything = "\n".join(text.text for _, _, text in texts).lower()
    rules = [rule for rule in rules if rule.may_match(everything)]
    findings = []
    for key, raw, text in texts:
        def locate(position, key=key, raw=raw, text=text):
            return (briefing.source, *briefing.locate(key, raw, text.raw_offset(position)))

        findings += check_text(text, rules, locate)
    return findings
