"""Language that blames or minimises children (BR401), from a documented rule file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from generator.check.text import PlainText, plain, quoted_ranges
from generator.errors import ERROR, NOTE, WARNING, Problem

SHIPPED_RULES = Path(__file__).resolve().parent / "language_rules.yaml"


@dataclass(frozen=True)
class Rule:
    """One entry of a rule file (the format is defined in :mod:`generator.spec`)."""

    id: str
    phrases: list[str]
    message: str
    source: str
    alternatives: list[str] = field(default_factory=list)
    severity: str = WARNING
    note: bool = False


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its regular expression is compiled when first needed, and only for a
    text that has every plain word of one of its phrases (``build`` checks one briefing, and
    compiling every rule took longer than checking)."""

    rule: Rule

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{compile_phrase(p)})" for p in self.rule.phrases), re.IGNORECASE)

    @cached_property
    def _words(self) -> tuple[tuple[str, ...], ...]:
        """For each phrase, the words outside its {a,b} choices: all must be in a text it matches."""
        return tuple(tuple(re.sub(r"\{[^}]*\}", " ", phrase).lower().split()) for phrase in self.rule.phrases)

    def may_match(self, lowered: str) -> bool:
        return any(all(word in lowered for word in words) for words in self._words)


def compile_phrase(phrase: str) -> str:
    """``{put,puts} {himself,herself} at risk`` -> a case-insensitive whole-word regex."""
    parts = re.split(r"(\{[^}]*\})", phrase.strip())
    out = []
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            options = [re.escape(o.strip()).replace(r"\ ", r"\s+") for o in part[1:-1].split(",")]
            out.append("(?:" + "|".join(options) + ")")
        else:
            out.append(re.sub(r"(\\ )+|\s+", r"\\s+", re.escape(part)))
    return r"(?<![\w-])" + "".join(out) + r"(?![\w-])"


def load_rules(path: Path) -> list[CompiledRule]:
    from generator.source import load
    from generator.validation import RULES, validate

    rules = [Rule(**rule) for rule in validate(load(path), RULES)["rules"]]
    return [CompiledRule(rule) for rule in rules]


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
    findings = []
    for index, section in enumerate(briefing.sections):
        fields = [(("sections", index, "heading"), section.heading),
                  (("sections", index, "body"), section.body)]
        fields += [(("sections", index, "links", n, "label"), link.label) for n, link in enumerate(section.links)]
        for key, raw in fields:
            text = plain(raw)

            def locate(position, key=key, raw=raw, text=text):
                return (briefing.source, *briefing.locate(key, raw, text.raw_offset(position)))

            findings += check_text(text, rules, locate)
    for key in ("title", "subtitle", "summary"):
        raw = getattr(briefing, key)
        if raw:
            text = plain(raw)
            findings += check_text(text, rules, lambda position, key=key, raw=raw, text=text: (
                briefing.source, *briefing.locate((key,), raw, text.raw_offset(position))))
    return findings
