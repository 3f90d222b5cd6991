"""Links (BR701-BR704): malformed addresses, plain http, and link text that says nothing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.errors import ERROR, WARNING, Problem
from generator.read.markup import ListBlock, Paragraph

VAGUE = {"click here", "here", "this link", "link", "read more", "more", "click", "this", "website", "this page"}
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$|^localhost$",
                   re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _problems(url: str, label: str) -> list[tuple[str, str, str, str]]:
    found = []
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        if " " in url or not _HOST.match(host):
            found.append((ERROR, "BR701", f"'{url}' is not a well-formed web address",
                          "copy the address from the browser's address bar"))
        if parts.scheme == "http":
            found.append((WARNING, "BR702", f"'{url}' uses http://; most sites now use https://",
                          "use https:// if the site supports it"))
    elif parts.scheme == "mailto" and not _EMAIL.match(parts.path):
        found.append((ERROR, "BR701", f"'{url}' is not a well-formed email address", ""))
    text = " ".join(label.split()).strip(" .:").casefold()
    if text in VAGUE:
        found.append((WARNING, "BR703", f"the link text '{label}' does not say where it goes",
                      "use words that make sense on their own, such as the report's title"))
    elif text.startswith(("http://", "https://", "www.")) or text == url.casefold():
        found.append((WARNING, "BR704", f"the link text is a bare address ('{label}')",
                      "describe the destination in words; the address is printed beside it anyway"))
    return found


def _body_links(blocks) -> list[tuple[str, str]]:
    found = []
    for block in blocks:
        if isinstance(block, Paragraph):
            label, href = [], None
            for run in [*block.runs, None]:
                current = run.href if run else None
                if href and current != href:
                    found.append((href, "".join(label)))
                    label = []
                if current:
                    label.append(run.text)
                href = current
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += _body_links(item.blocks)
    return found


def check_briefing(briefing) -> list[Problem]:
    findings = []
    for index, section in enumerate(briefing.sections):
        for number, link in enumerate(section.links):
            key = ("sections", index, "links", number, "url")
            for severity, code, message, hint in _problems(link.url, link.label):
                line, column = briefing.locate(key)
                findings.append(Problem.finding(briefing.source, line, column, severity, code, message, hint))
        for href, label in _body_links(section.blocks):
            offset = section.body.find(f"]({href}")
            offset = section.body.rfind("[", 0, offset) if offset > 0 else offset
            key = ("sections", index, "body")
            for severity, code, message, hint in _problems(href, label):
                line, column = briefing.locate(key, section.body, max(offset, 0))
                findings.append(Problem.finding(briefing.source, line, column, severity, code, message, hint))
    return findings
