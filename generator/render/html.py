"""The web pages a board publishes beside the PDFs: a semantic page per briefing, and an index for
a pack, from Jinja2 templates (``templates/``) with autoescaping, so text is escaped once, where
it meets markup (WCAG 2.2 AA: landmarks, one h1, an h2 per section, real lists and links, the
language declared, the theme's colours checked for contrast, a print stylesheet).

The pages of a publication share one stylesheet, the brand's font files and the logo, written
once into ``assets/`` beside them under names made from their content (:func:`web_assets`), so a
page is a few kilobytes and a browser fetches the fonts once for every page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from generator.colour import palette
from generator.files import write_atomic
from generator.read.briefing import BriefingFacts
from generator.read.markup import Paragraph, Run, link_address, linked_runs

ASSETS = "assets"
FACES = (("regular", 400, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"),
         ("bold_italic", 700, "italic"))


@lru_cache(maxsize=1)
def templates():
    """The one Jinja2 environment of the published pages: autoescaped, rich text as macros."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("generator.render", "templates"),
                              autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                              keep_trailing_newline=True, trim_blocks=False, lstrip_blocks=False)
    environment.filters["link_groups"] = link_groups
    from generator.typography import smart, smart_runs

    environment.filters["smart"] = smart
    environment.filters["smart_runs"] = smart_runs
    environment.tests["paragraph"] = lambda block: isinstance(block, Paragraph)
    return environment


@dataclass(frozen=True)
class LinkGroup:
    href: str | None
    runs: list[Run]
    lang: str | None = None


def link_groups(runs: list[Run]) -> list[LinkGroup]:
    """Runs in order, neighbouring runs of one link together (one anchor)."""
    groups: list[LinkGroup] = []
    for run in runs:
        if run.href and groups and groups[-1].href == run.href:
            groups[-1].runs.append(run)
        else:
            groups.append(LinkGroup(run.href, [run], run.lang if run.href else None))
    return groups


# -- the shared files ----------------------------------------------------------------------------

@dataclass(frozen=True)
class WebAssets:
    """The files every page of a publication shares, by their path from the pages' folder."""

    files: dict[str, bytes] = field(default_factory=dict)
    stylesheet: str = ""
    logo: str | None = None
    logo_size: tuple[int, int] = (0, 0)


def _named(kind: str, data: bytes, suffix: str) -> str:
    """A shared file's name: made by the tool from what the file is and what it holds (never the
    name a theme gave it, which could be anything, CSS or a script's page included)."""
    return f"{ASSETS}/{kind}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def web_assets(theme) -> WebAssets:
    """The stylesheet (with the theme's colours), the brand's fonts and the logo, each named by its
    content: pages made with another theme beside them refer to their own."""
    fonts = theme.fonts
    faces = tuple(fonts.data.get(fonts.files[style]) or fonts.files[style].read_bytes() for style, _, _ in FACES)
    logo = theme.logo_data if theme.logo is not None else None
    return _web_assets(faces, logo, theme.logo_size, theme.colours.primary, theme.colours.accent,
                       theme.colours.text, theme.colours.background)


_IMAGE_KINDS = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"))


@lru_cache(maxsize=4)
def _web_assets(faces: tuple[bytes, ...], logo: bytes | None, logo_size: tuple[int, int], primary: str,
                accent: str, text: str, background: str) -> WebAssets:
    files: dict[str, bytes] = {}
    found = []
    for (style, weight, slant), data in zip(FACES, faces, strict=True):
        if not data.startswith((b"\x00\x01\x00\x00", b"true", b"OTTO")):  # not a font: not published
            continue
        name = _named(f"fonts/{style.replace('_', '-')}", data, ".ttf")
        files[name] = data
        found.append({"href": name.removeprefix(f"{ASSETS}/"), "weight": weight, "style": slant})
    css = templates().get_template("style.css").render(faces=found, p=palette(primary, accent, text, background))
    stylesheet = _named("style", css.encode("utf-8"), ".css")
    files[stylesheet] = css.encode("utf-8")
    logo_name = None
    suffix = next((kind for magic, kind in _IMAGE_KINDS if logo and logo.startswith(magic)), None)
    if logo is not None and suffix is not None:  # published only as the image it is, under the tool's name
        logo_name = _named("logo", logo, suffix)
        files[logo_name] = logo
    return WebAssets(files, stylesheet, logo_name, logo_size if logo_name else (0, 0))


def write_web_assets(theme, folder: Path, *, within: Path | None = None) -> dict[str, str]:
    """Write the shared files into ``folder`` (unchanged ones are left as they are); their digests,
    by path. ``within``: the output folder, below which no link is written through
    (:func:`generator.files.write_atomic`)."""
    from generator.files import refuse_links

    written = {}
    for name, data in web_assets(theme).files.items():
        target = folder / name
        digest = hashlib.sha256(data).hexdigest()
        if within is not None:
            refuse_links(target, within)
        if not (target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest):
            write_atomic(target, data, within=within)
        written[str(target.resolve())] = digest
    return written


# -- the pages -----------------------------------------------------------------------------------

def _page(theme, words, kind: str, title: str, skip: str, *, description: str | None = None,
          alternates: list[dict] = ()) -> dict:
    """What every page has: its language, title, the shared stylesheet, the logo and the footer."""
    assets = web_assets(theme)
    logo = None
    if assets.logo is not None:
        width, height = assets.logo_size
        logo = {"src": assets.logo, "alt": theme.model.logo_alt or "", "width": width, "height": height}
    footer = [linked_runs(text) for text in (words.theme("organisation"), words.theme("contact")) if text]
    return {"kind": kind, "lang": words.language, "title": title, "description": description,
            "alternates": list(alternates), "stylesheet": assets.stylesheet, "skip": skip, "logo": logo,
            "footer": footer}


def _dated(words, key: str, day) -> dict:
    """A message with a date in it, split around the date so that it can be marked as a <time>."""
    before, _, after = words(key, date="\0").partition("\0")
    return {"before": before, "iso": day.isoformat(), "shown": words.date(day), "after": after}


def page_address(name: str) -> str:
    """A page's address from its file name, relative and encoded: never a scheme such as javascript:."""
    return "./" + quote(name, safe="")


def briefing_html(briefing, theme, *, index_href: str | None = None,
                  versions: list[tuple[BriefingFacts, str]] = ()) -> str:
    """The web page of one briefing, in its own language. ``versions``: the same briefing in other
    languages, with their pages' file names; each is linked (``hreflang``, the link's words in
    that language) and declared as an alternate."""
    from generator.read.messages import for_briefing

    m = for_briefing(briefing, theme)
    organisation = m.theme("organisation")
    others = []
    for facts, name in versions:
        other = for_briefing(facts, theme)
        others.append({"href": page_address(name), "lang": other.language, "text": other("read_this_in")})
    page = _page(theme, m, "briefing", " – ".join([briefing.title, m.theme("label"), *([organisation] if organisation
                                                                                      else [])]),
                 m("skip_briefing"), description=briefing.summary or briefing.subtitle or briefing.title,
                 alternates=[{"lang": o["lang"], "href": o["href"]} for o in others])
    meta = [_dated(m, "published", briefing.published)]
    if briefing.review:
        meta.append(_dated(m, "review_by", briefing.review))
    if briefing.audience:
        meta.append({"shown": m("audience", audience=briefing.audience), "iso": None})
    page.update(label=m.theme("label"), heading=briefing.title, subtitle=briefing.subtitle, meta=meta,
                versions=others, back={"href": index_href, "text": m("all_briefings")} if index_href else None,
                sections=[{"number": number, "heading": section.heading, "blocks": section.blocks,
                           "links": [{"url": link.url, "label": link.label, "address": link_address(link.url)}
                                     for link in section.links]}
                          for number, section in enumerate(briefing.sections, 1)])
    return templates().get_template("briefing.html").render(page=page)


def index_html(title: str, briefings: list[BriefingFacts], theme, *, pack_pdf: str | None = None,
               languages: tuple[str, ...] = ()) -> str:
    """An index page linking every briefing's web page, branded like the pack's cover (logo,
    organisation), and linking the pack's PDF when there is one. In the pack's first language;
    an entry in another language is marked with its own (``lang``, ``hreflang``)."""
    from generator.read.messages import for_briefing, messages_for

    words = [messages_for(language, theme) for language in languages] or [messages_for(theme.model.language, theme)]
    m = words[0]
    entries = []
    for summary in briefings:
        own = for_briefing(summary, theme)
        dates = own("published", date=own.date(summary.published))
        if summary.review:
            dates += " · " + own("review_by", date=own.date(summary.review))
        entries.append({"href": page_address(f"{summary.id}.html"), "title": summary.title,
                        "summary": summary.summary, "dates": dates,
                        "lang": None if own.language == m.language else own.language})
    count = len(briefings) // len(words)
    page = _page(theme, m, "index", title, m("skip_list"))
    page.update(labels=[{"text": w("labels"), "lang": None if w is m else w.language} for w in words],
                heading=title, organisation=m.theme("organisation"), counts=[w.briefings(count) for w in words],
                download={"href": page_address(pack_pdf), "text": m("download_pack")} if pack_pdf else None,
                entries=entries)
    return templates().get_template("index.html").render(page=page)


def render_page(template: str, theme, words, title: str, skip: str, **values) -> str:
    """Another page in the publication's style (the impact summary): ``template`` extends base.html."""
    page = _page(theme, words, template.removesuffix(".html"), title, skip)
    page.update(values)
    return templates().get_template(template).render(page=page)
