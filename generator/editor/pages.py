"""The editor's two pages, as server-made HTML: the list of briefings and the edit page.

Every field has a visible label and is named by its path in the YAML. Findings are written by
the page's script into the region after each field (``f-<field>-findings``), which the field
names with ``aria-describedby``, so a screen reader reads a field's findings with it.
"""

from __future__ import annotations

from html import escape

from generator.editor.document import Form, FormLink

HEAD = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/editor.css">
<link rel="stylesheet" href="/static/theme.css">
<script src="/static/editor.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="bar"><p class="brand">{organisation}</p><p class="tool">Briefing editor</p></header>
<main id="main">
"""
FOOT = """</main>
</body>
</html>
"""

TOP = (  # field, label, kind, help
    ("title", "Title", "text", "1 to 120 characters."),
    ("subtitle", "Subtitle (optional)", "text", "A line under the title."),
    ("published", "Published", "date", ""),
    ("review", "Review by (optional)", "date", "When the briefing should be looked at again."),
    ("audience", "Who it is for (optional)", "text", ""),
    ("author", "Who publishes it (optional)", "text", ""),
    ("summary", "Summary (optional)", "textarea", "One sentence, for the pack's contents page."),
    ("tags", "Tags (optional)", "text", "Separated by commas, for example: neglect, safer sleep."),
    ("language", "Language (optional)", "text", "cy for Welsh, en-GB for English; empty: the theme's "
                                                "(or the file name's, as in NAME.cy.yaml)."),
)
BODY_HELP = ("A blank line starts a new paragraph. Start a line with \u201c- \u201d for a bullet point or "
             "\u201c1. \u201d for a numbered one. **Bold** and *italic* as in an email.")


def field_id(name: str) -> str:
    return "f-" + name.replace(".", "-")


def _findings(name: str) -> str:
    return f'<div class="findings" id="{field_id(name)}-findings"></div>'


def _described(name: str, help_text: str) -> str:
    ids = [f"{field_id(name)}-findings"] + ([f"{field_id(name)}-help"] if help_text else [])
    return f'aria-describedby="{" ".join(ids)}"'


def _input(name: str, label: str, value: str, kind: str = "text", help_text: str = "", rows: int = 3,
           required: bool = False) -> str:
    fid = field_id(name)
    need = " required" if required else ""
    attrs = f'id="{fid}" name="{escape(name)}" {_described(name, help_text)}{need}'
    if kind == "textarea":
        control = f'<textarea {attrs} rows="{rows}">{escape(value)}</textarea>'
    else:
        control = f'<input type="{kind}" {attrs} value="{escape(value, quote=True)}">'
    help_html = f'<p class="help" id="{fid}-help">{escape(help_text)}</p>' if help_text else ""
    return (f'<div class="field"><label for="{fid}">{escape(label)}</label>{help_html}{control}'
            f'{_findings(name)}</div>')


def link_row(section: int, number: int, link: FormLink) -> str:
    base = f"sections.{section}.links.{number}"
    return (f'<fieldset class="link" data-link="{number}"><legend>Link {number + 1}</legend>'
            f'{_input(base + ".label", "What the link is, in words", link.label)}'
            f'{_input(base + ".url", "Address (https://, or mailto: for an email)", link.url, "url")}'
            f'<button type="button" class="remove-link">Remove link {number + 1}</button></fieldset>')


def edit_page(name: str, form: Form, loaded: str, organisation: str) -> str:
    title = form.top.get("title") or name
    top = "".join(_input(field, label, form.top.get(field, ""), kind, help_text, rows=2,
                         required=field in ("title", "published"))
                  for field, label, kind, help_text in TOP)
    sections = []
    for n, section in enumerate(form.sections):
        links = "".join(link_row(n, m, link) for m, link in enumerate(section.links))
        sections.append(
            f'<fieldset class="section" id="{field_id(f"sections.{n}")}" data-section="{n}">'
            f'<legend>Section {n + 1}</legend>{_findings(f"sections.{n}")}'
            f'{_input(f"sections.{n}.heading", f"Section {n + 1} heading", section.heading, required=True)}'
            f'{_input(f"sections.{n}.body", f"Section {n + 1} text", section.body, "textarea", BODY_HELP, rows=7)}'
            f'<div class="links">{links}</div>'
            f'<button type="button" class="add-link">Add a link to section {n + 1}</button></fieldset>')
    return (HEAD.format(title=f"Editing {escape(title)}", organisation=escape(organisation or "7 Minute Briefings"))
            + f'<p class="back"><a href="/">All briefings</a></p>'
            f'<h1>Editing \u201c<span id="heading-title">{escape(title)}</span>\u201d</h1>'
            f'<p class="file">File: {escape(name)}.yaml</p>'
            f'<div class="editor">'
            f'<form id="briefing" data-name="{escape(name, quote=True)}" data-loaded="{escape(loaded, quote=True)}"'
            f' novalidate>'
            f'<fieldset class="about"><legend>About the briefing</legend>{_findings("")}{top}</fieldset>'
            + "".join(sections)
            + '<div class="actions"><button type="submit" id="save">Save</button>'
            '<p id="save-status" role="status" aria-live="polite"></p>'
            '<a class="to-side" href="#side">See the page and the checks: <span id="fit-short"></span></a></div>'
            '<section id="conflict" hidden aria-labelledby="conflict-heading">'
            '<h2 id="conflict-heading" tabindex="-1">The file changed on disk</h2>'
            '<p>Someone (or another program) changed this briefing after you opened it. Nothing was saved. '
            'Your version is still in this form; the file\u2019s version is below.</p>'
            '<label for="disk-version">The file\u2019s version</label>'
            '<textarea id="disk-version" readonly rows="12"></textarea>'
            '<p class="choices"><a id="download-mine" download>Download your version</a> '
            '<button type="button" id="replace">Replace the file with your version</button> '
            '<a id="open-disk" href="">Open the file\u2019s version (your changes here are lost)</a></p>'
            '</section></form>'
            '<aside class="side" id="side" aria-label="Page preview and checks">'
            '<h2>The page</h2><p id="fit" class="fit" role="status" aria-live="polite"></p>'
            '<img id="preview" src="" alt="Preview of the page: being drawn" width="595" height="842">'
            '<h2>Checks</h2><div id="all-findings" aria-live="polite"></div>'
            '</aside></div>'
            + f'<template id="link-template">{link_row(0, 0, FormLink())}</template>'
            + FOOT)


def list_page(rows: list, organisation: str, folder: str) -> str:
    body = []
    for row in rows:
        size = f"{row.body_size:g} pt" if row.body_size else ("does not fit" if row.published else "\u2013")
        reading = f"{row.minutes:.0f} min" if row.minutes else "\u2013"
        review = str(row.review) if row.review else "\u2013"
        body.append(f'<tr><th scope="row"><a href="/edit/{escape(row.id, quote=True)}">{escape(row.title)}</a>'
                    f'<span class="file">{escape(row.id)}.yaml</span></th>'
                    f'<td>{escape(row.state)}</td><td>{escape(review)}</td>'
                    f'<td>{escape(size)}</td><td>{escape(reading)}</td></tr>')
    table = ('<table><caption>Briefings in ' + escape(folder) + ', by review date</caption>'
             '<thead><tr><th scope="col">Briefing</th><th scope="col">Status</th><th scope="col">Review due</th>'
             '<th scope="col">Body size</th><th scope="col">Reading time</th></tr></thead><tbody>'
             + "".join(body) + '</tbody></table>') if rows else '<p>There are no briefings in this folder yet.</p>'
    return (HEAD.format(title="Briefings", organisation=escape(organisation or "7 Minute Briefings"))
            + '<h1>Briefings</h1>' + table
            + '<div class="tools">'
            '<form id="new-briefing" class="tool-form"><h2>New briefing</h2>'
            '<label for="new-title">Title of the new briefing</label>'
            '<input id="new-title" name="title" type="text" required aria-describedby="new-status">'
            '<button type="submit">New briefing</button><p id="new-status" role="status" aria-live="polite"></p>'
            '</form>'
            '<form id="build-pack" class="tool-form"><h2>Pack</h2>'
            '<label for="pack-title">Title of the pack</label>'
            '<input id="pack-title" name="title" type="text" value="7 Minute Briefings" aria-describedby="pack-status">'
            '<button type="submit">Build pack</button><p id="pack-status" role="status" aria-live="polite"></p>'
            '</form></div>'
            + FOOT)
