"""The HTML version of a briefing: one self-contained, semantic page a board can publish on its
website beside the PDF (WCAG 2.2 AA: landmarks, one h1, an h2 per section, real lists and
links, the language declared, the theme's colours checked for contrast, a print stylesheet)."""

from __future__ import annotations

import base64
from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from generator.colour import palette
from generator.layout.page import link_address
from generator.read.briefing import BriefingFacts
from generator.read.markup import Block, ListBlock, Paragraph, Run, linked_runs


@cache
def _data_uri(path: Path, kind: str) -> str:
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _styled(run: Run) -> str:
    if run.text == "\n":
        return "<br>"
    text = escape(run.text, quote=False)
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    if run.lang:
        text = f'<span lang="{escape(run.lang)}">{text}</span>'
    return text


def _runs(runs: list[Run]) -> str:
    """Inline HTML for runs; neighbouring runs in the same link make one anchor."""
    out: list[str] = []
    index = 0
    while index < len(runs):
        href = runs[index].href
        group = [runs[index]]
        index += 1
        while href and index < len(runs) and runs[index].href == href:
            group.append(runs[index])
            index += 1
        inner = "".join(_styled(run) for run in group)
        out.append(f'<a href="{escape(href)}">{inner}</a>' if href else inner)
    return "".join(out)


def blocks_html(blocks: list[Block], indent: str = "      ") -> str:
    lines = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(f"{indent}<p>{_runs(block.runs)}</p>")
        else:
            lines.append(_list(block, indent))
    return "\n".join(lines)


def _list(block: ListBlock, indent: str) -> str:
    tag = "ol" if block.ordered else "ul"
    start = ""
    if block.ordered and block.items and block.items[0].label != "1.":
        start = f' start="{block.items[0].label.rstrip(".")}"'
    items = []
    for item in block.items:
        inner = item.blocks
        if len(inner) == 1 and isinstance(inner[0], Paragraph):
            items.append(f"{indent}  <li>{_runs(inner[0].runs)}</li>")
        else:
            items.append(f"{indent}  <li>\n{blocks_html(inner, indent + '    ')}\n{indent}  </li>")
    return f"{indent}<{tag}{start}>\n" + "\n".join(items) + f"\n{indent}</{tag}>"


def _fonts_css(theme) -> str:
    faces = []
    for style, weight, slant in (("regular", 400, "normal"), ("bold", 700, "normal"),
                                 ("italic", 400, "italic"), ("bold_italic", 700, "italic")):
        uri = _data_uri(theme.fonts.files[style], "font/ttf")
        faces.append(f"@font-face{{font-family:'Brand';src:url({uri}) format('truetype');"
                     f"font-weight:{weight};font-style:{slant};font-display:swap}}")
    return "\n".join(faces)


def stylesheet(theme) -> str:
    c = theme.colours
    p = palette(c.primary, c.accent, c.text, c.background)
    return f"""{_fonts_css(theme)}
:root{{--primary:{p['primary']};--accent:{p['accent']};--text:{p['text']};--bg:{p['background']};
--on-primary:{p['on_primary']};--on-accent:{p['on_accent']};--box:{p['box']}}}
*{{box-sizing:border-box}}
body{{margin:0;background:var(--bg);color:var(--text);font-family:'Brand',system-ui,sans-serif;
font-size:1.125rem;line-height:1.55}}
.skip{{position:absolute;left:-999px}}.skip:focus{{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}}
header.masthead{{background:var(--primary);color:var(--on-primary);padding:1.5rem max(1rem,calc(50% - 35rem))}}
header.masthead .label{{font-weight:700;margin:0 0 .25rem;border-top:4px solid var(--accent);
display:inline-block;padding-top:.4rem}}
header.masthead img{{float:right;background:#fff;border-radius:.5rem;padding:.4rem;width:5rem;height:auto}}
h1{{font-size:2rem;line-height:1.2;margin:.2rem 0 .4rem}}
.subtitle{{font-size:1.25rem;margin:0 0 .5rem}}.meta{{margin:0;font-size:1rem}}
main{{max-width:72rem;margin:0 auto;padding:1.5rem 1rem}}
.sections{{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:1rem}}
section{{background:var(--box);border-radius:.6rem;padding:1rem 1.25rem}}
.sections section:last-child:nth-child(odd){{grid-column:1/-1}}
h2{{color:var(--primary);font-size:1.3rem;margin:0 0 .5rem;display:flex;gap:.6rem;align-items:center}}
h2 .number{{background:var(--accent);color:var(--on-accent);border-radius:50%;min-width:2.2rem;height:2.2rem;
display:inline-flex;align-items:center;justify-content:center}}
a{{color:var(--primary);text-decoration:underline;text-underline-offset:.15em}}
a:focus{{outline:3px solid var(--accent);outline-offset:2px}}
.links{{list-style:none;padding:0}}.links li{{margin:.4rem 0}}.links .address{{display:block;font-size:.9rem;
overflow-wrap:anywhere}}
p,li{{overflow-wrap:break-word}}
footer.site{{border-top:3px solid var(--accent);margin:0 max(1rem,calc(50% - 35rem));padding:1rem 0;
font-size:.95rem}}
footer.site p{{margin:.2rem 0}}
@media print{{body{{font-size:10.5pt}}.skip{{display:none}}header.masthead{{padding:.6cm}}
.sections{{grid-template-columns:1fr 1fr;gap:.3cm}}section{{break-inside:avoid}}
a[href^="http"]:after{{content:" (" attr(href) ")";font-size:.85em}}}}
"""


def briefing_html(briefing, theme, *, index_href: str | None = None,
                  versions: list[tuple[BriefingFacts, str]] = ()) -> str:
    """The whole HTML page for one briefing, in its own language. ``versions``: the same
    briefing in other languages, with their pages' addresses; each is linked (``hreflang``,
    the link's words in that language) and declared as an alternate in the head."""
    from generator.read.messages import for_briefing

    m = for_briefing(briefing, theme)
    org = m.theme("organisation")
    title_bits = [briefing.title, m.theme("label")] + ([org] if org else [])
    def dated(key: str, day) -> str:  # the message escaped, with the date in it as a <time>
        return escape(m(key, date="\0")).replace("\0", f'<time datetime="{day}">{escape(m.date(day))}</time>')

    meta = [dated("published", briefing.published)]
    if briefing.review:
        meta.append(dated("review_by", briefing.review))
    if briefing.audience:
        meta.append(escape(m("audience", audience=briefing.audience)))
    sections = []
    for number, section in enumerate(briefing.sections, 1):
        links = ""
        if section.links:
            items = "\n".join(
                f'          <li><a href="{escape(link.url)}">{escape(link.label)}</a>'
                f'<span class="address">{escape(link_address(link.url))}</span></li>' for link in section.links)
            links = f'\n        <ul class="links">\n{items}\n        </ul>'
        sections.append(
            f'      <section aria-labelledby="section-{number}">\n'
            f'        <h2 id="section-{number}"><span class="number">{number}</span> {escape(section.heading)}</h2>\n'
            f"{blocks_html(section.blocks, '        ')}{links}\n"
            f"      </section>")
    logo = _logo(theme)
    back = f'    <p><a href="{escape(index_href)}">{escape(m("all_briefings"))}</a></p>\n' if index_href else ""
    others, alternates = "", []
    for facts, href in versions:
        other = for_briefing(facts, theme)
        link = escape("./" + quote(href, safe=""))
        others += (f'    <p class="versions"><a href="{link}" hreflang="{escape(other.language)}" '
                   f'lang="{escape(other.language)}">{escape(other("read_this_in"))}</a></p>\n')
        alternates.append(f'  <link rel="alternate" hreflang="{escape(other.language)}" href="{link}">\n')
    description = escape(briefing.summary or briefing.subtitle or briefing.title)
    subtitle = f'    <p class="subtitle">{escape(briefing.subtitle)}</p>\n' if briefing.subtitle else ""
    header = (f'{logo}    <p class="label">{escape(m.theme("label"))}</p>\n    <h1>{escape(briefing.title)}</h1>\n'
              f'{subtitle}    <p class="meta">{" · ".join(meta)}</p>\n{others}')
    main = f'{back}    <div class="sections">\n{chr(10).join(sections)}\n    </div>\n'
    return _document(theme, " – ".join(title_bits), header, main, skip=m("skip_briefing"), description=description,
                     words=m, head="".join(alternates))


def _logo(theme) -> str:
    if not theme.logo:
        return ""
    kind = "image/png" if theme.logo.suffix.lower() == ".png" else "image/jpeg"
    return f'    <img src="{_data_uri(theme.logo, kind)}" alt="{escape(theme.model.logo_alt or "")}">\n'


def index_html(title: str, briefings: list[BriefingFacts], theme, *, pack_pdf: str | None = None,
               languages: tuple[str, ...] = ()) -> str:
    """An index page linking every briefing's HTML version, branded like the pack's cover (logo,
    organisation), and linking the pack's PDF when there is one. In the pack's first language;
    an entry in another language is marked with its own (``lang``, ``hreflang``)."""
    from generator.read.messages import for_briefing, messages_for

    words = [messages_for(language, theme) for language in languages] or [messages_for(theme.model.language, theme)]
    m = words[0]
    items = []
    for summary in briefings:
        own = for_briefing(summary, theme)
        dates = own("published", date=own.date(summary.published))
        if summary.review:
            dates += " · " + own("review_by", date=own.date(summary.review))
        text = f"\n        <p>{escape(summary.summary)}</p>" if summary.summary else ""
        href = "./" + quote(f"{summary.id}.html", safe="")  # a file name, never a scheme such as javascript:
        marked = "" if own.language == m.language else f' lang="{escape(own.language)}"'
        link_lang = "" if not marked else f' hreflang="{escape(own.language)}"'
        items.append(f'      <li{marked}>\n        <h2><a href="{escape(href)}"{link_lang}>'
                     f'{escape(summary.title)}</a></h2>{text}\n'
                     f'        <p class="meta">{escape(dates)}</p>\n      </li>')
    count = len(briefings) // len(words)
    organisation = (f'    <p class="subtitle">{escape(m.theme("organisation"))}</p>\n'
                    if m.theme("organisation") else "")
    download = (f'    <p><a href="./{escape(quote(pack_pdf, safe=""))}">{escape(m("download_pack"))}</a></p>\n'
                if pack_pdf else "")
    labels = "".join(f'    <p class="label"{"" if w is m else f" lang={chr(34)}{escape(w.language)}{chr(34)}"}>'
                     f'{escape(w("labels"))}</p>\n' for w in words)
    counts = " · ".join(escape(w.briefings(count)) for w in words)
    header = (f'{_logo(theme)}{labels}    <h1>{escape(title)}</h1>\n'
              f'{organisation}    <p class="meta">{counts}</p>\n{download}')
    main = f'    <ol class="index">\n{chr(10).join(items)}\n    </ol>\n'
    extra_css = (".index{list-style:none;padding:0;display:grid;gap:1rem}.index li{background:var(--box);"
                 "border-radius:.6rem;\npadding:1rem 1.25rem}.index h2{display:block}\n")
    return _document(theme, title, header, main, skip=m("skip_list"), extra_css=extra_css, words=m)


def _document(theme, title: str, header: str, main: str, *, skip: str, description: str | None = None,
              extra_css: str = "", words=None, head: str = "") -> str:
    """The page both kinds share: language, styles, a skip link, and header, main and footer
    landmarks. ``words``: the page's language (default: the theme's); ``head``: more of the head."""
    from generator.read.messages import messages_for

    words = words or messages_for(theme.model.language, theme)
    footer = "".join(f"    <p>{_runs(linked_runs(t))}</p>\n" for t in (words.theme("organisation"),
                                                                        words.theme("contact")) if t)
    meta = f'  <meta name="description" content="{description}">\n' if description else ""
    return f"""<!DOCTYPE html>
<html lang="{escape(words.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
{meta}{head}  <style>
{stylesheet(theme)}{extra_css}  </style>
</head>
<body>
  <a class="skip" href="#main">{skip}</a>
  <header class="masthead">
{header}  </header>
  <main id="main">
{main}  </main>
  <footer class="site">
{footer}  </footer>
</body>
</html>
"""
