"""A dense briefing of any length, made from the example briefings' own sentences: the input
of the capacity benchmark and of the layout tests for dense briefings.

The body words are shared among the seven sections as real dense briefings share them (the
findings and the actions longest), in paragraphs of three sentences, with two links in
section 7.
"""

from __future__ import annotations

import re
from pathlib import Path

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "briefings").glob("*.yaml"))
SHARES = (0.10, 0.14, 0.20, 0.16, 0.12, 0.18, 0.10)  # of the body words, section by section
HEADINGS = ("Background", "Why it matters", "What the review found", "Learning for practice",
            "Questions to reflect on", "What you should do", "Find out more")


def _sentences() -> list[str]:
    """Every plain sentence of the example briefings, in order."""
    import yaml

    sentences: list[str] = []
    for path in EXAMPLES:
        for section in yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]:
            text = re.sub(r"[*_#>]|^\s*(?:-|\d+\.)\s+", "", section["body"], flags=re.MULTILINE)
            sentences += [s.strip() for s in re.split(r"(?<=[.?!])\s+", text.replace("\n", " ")) if s.strip()]
    return sentences


def dense_briefing(words: int, folder: Path) -> Path:
    """A briefing of ``words`` body words, in paragraphs of two or three sentences."""
    sentences = _sentences()
    lines = ["title: Learning from a local child safeguarding practice review",
             "subtitle: What the review found, and what it asks of every practitioner",
             "published: 2026-11-02", "review: 2027-11-02", "sections:"]
    cursor = 0
    for number, (heading, share) in enumerate(zip(HEADINGS, SHARES, strict=True), 1):
        goal = round(words * share) if number < 7 else words - sum(round(words * s) for s in SHARES[:6])
        paragraphs, paragraph, count = [], [], 0
        while count < goal:
            sentence = sentences[cursor % len(sentences)].split()
            cursor += 1
            if len(sentence) > goal - count:  # the last sentence of a section, cut to the count
                sentence = sentence[: goal - count]
                sentence[-1] = sentence[-1].rstrip(",;:") + "."
            paragraph.append(" ".join(sentence))
            count += len(sentence)
            if len(paragraph) == 3:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        body = "\n\n".join(paragraphs).replace("\n", "\n      ")
        lines += [f"  - heading: {heading}", "    body: |", f"      {body}"]
        if number == 7:
            lines += ["    links:",
                      "      - label: The full report on GOV.UK", "        url: https://www.gov.uk/government/publications",
                      "      - label: Our partnership's procedures", "        url: https://www.northlincscmars.co.uk/"]
    path = folder / f"dense-{words}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
