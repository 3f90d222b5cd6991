"""Links (BR701-BR704, BR707-BR709): malformed addresses, plain http, link text that says
nothing, and addresses that are not what they seem: words before an '@' that hide the real site
(``https://www.gov.uk@evil.example/`` opens evil.example), a site name in letters that look like
others (another script, or its ``xn--`` form), and link words that name another site than the
one the link opens. What a reader of the page (and the QR code) trusts is the words and the
site they name."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.errors import ERROR, NOTE, WARNING, Problem
from generator.read.markup import shows_address, site_name, text_links

VAGUE = {"click here", "here", "this link", "link", "read more", "more", "click", "this", "website", "this page"}
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$|^localhost$",
                   re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


_SITE_IN_WORDS = re.compile(r"(?<![\w@.-])((?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|wales|scot|nhs|info|io|eu))\b",
                            re.IGNORECASE)


def _deceptive(url: str, parts, label: str) -> list[tuple[str, str, str, str]]:
    found = []
    host = (parts.hostname or "").lower()
    if "@" in parts.netloc:
        found.append((ERROR, "BR707", f"'{url}' opens {host or 'another site'}: the words before '@' in an "
                      "address are not its site, and hide where it goes",
                      f"give the address of the page itself, starting https://{host or '...'}/"))
    shown = parts.netloc.rsplit("@", 1)[-1].split(":")[0].lower()
    if not shown.isascii() or any(label_.startswith("xn--") for label_ in shown.split(".")):
        ascii_form = shown.encode("idna").decode("ascii") if not shown.isascii() else shown
        found.append((WARNING, "BR708", f"the site name in '{url}' has letters that can look like others "
                      f"(its real name is {ascii_form})", "check the site is the one meant, and type its "
                      "address in plain letters"))
    named = {match.group(1).lower().removeprefix("www.") for match in _SITE_IN_WORDS.finditer(label)}
    site = host.removeprefix("www.")
    if site and named and not any(site == name or site.endswith("." + name) or name.endswith("." + site)
                                  for name in named):
        found.append((WARNING, "BR709", f"the link's words name {', '.join(sorted(named))}, but it opens "
                      f"{site}", "make the words say where the link goes, or correct the address"))
    return found


def _problems(url: str, label: str) -> list[tuple[str, str, str, str]]:
    found = []
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        found += _deceptive(url, parts, label)
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


TYPED_ADDRESS = 60  # characters: longer, and a reader of a printed page cannot be expected to type it


def check_briefing(briefing, qr_codes: bool = True) -> list[Problem]:
    """Every link's address and words (BR701-BR704); what happens to a link on paper (BR705,
    BR706: see :func:`generator.read.briefing.printed_links`)."""
    from generator.read.briefing import printed_links
    from generator.read.markup import link_address

    findings = []

    def add(key, severity, code, message, hint, text=None, offset=0):
        line, column = briefing.locate(key, text, offset) if text is not None else briefing.locate(key)
        findings.append(Problem.finding(briefing.source, line, column, severity, code, message, hint))

    for index, section in enumerate(briefing.sections):
        name = f"section {index + 1} ({section.heading})"
        for number, link in enumerate(section.links):
            for problem in _problems(link.url, link.label):
                add(("sections", index, "links", number, "url"), *problem)
        printed = printed_links(section)
        gathered = {link.url for link in printed[:len(printed) - len(section.links)]}
        for href, label in text_links(section.blocks):
            offset = section.body.find(f"]({href}")
            offset = section.body.rfind("[", 0, offset) if offset > 0 else section.body.find(label)
            where = (("sections", index, "body"),)
            for problem in _problems(href, label):
                add(*where, *problem, text=section.body, offset=max(offset, 0))
            if href in gathered:
                gathered.discard(href)  # said once, at its first use
                words = " ".join(label.split())
                code = " and a QR code" if qr_codes else ""
                if shows_address(words, href):
                    message = (f"the address '{words}' is too long for a line of prose: the page calls it "
                               f"'{site_name(href)}' there, and prints it in full"
                               f"{', with a QR code,' if qr_codes else ''} at the end of {name}")
                else:
                    message = (f"the link '{words}' is printed at the end of {name} with its address{code}: on "
                               "paper, its words alone cannot be followed")
                add(*where, NOTE, "BR705", message,
                    "to choose how it is labelled there, list it under the section's links instead",
                    text=section.body, offset=max(offset, 0))
        if not qr_codes:
            for link in printed:
                shown = link_address(link.url)
                if len(shown) > TYPED_ADDRESS:
                    number = next((n for n, own in enumerate(section.links) if own.url == link.url), None)
                    key = ("sections", index, "links", number, "url") if number is not None else \
                        ("sections", index, "body")
                    add(key, WARNING, "BR706", f"a reader of the printed page would have to type this "
                        f"{len(shown)}-character address, with no QR code to scan ({name})",
                        "use a shorter address for the page (many sites offer one), or turn on the theme's qr_codes")
    return findings
