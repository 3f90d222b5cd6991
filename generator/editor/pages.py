"""The editor's pages, from Jinja2 templates (``templates/``, autoescaped): the list of briefings,
the edit page, and the page that says a briefing cannot be opened.

Every field has a visible label and is named by its path in the YAML. Findings are written by
the page's script into the region after each field (``f-<field>-findings``), which the field
names with ``aria-describedby``, so a screen reader reads a field's findings with it.
"""

from __future__ import annotations

from pathlib import Path

from generator.editor.document import TOP_LABELS, Form, FormLink

BODY_HELP = ("A blank line starts a new paragraph. Start a line with \u201c- \u201d for a bullet point or "
             "\u201c1. \u201d for a numbered one. **Bold** and *italic* as in an email.")


def field_id(name: str) -> str:
    return "f-" + name.replace(".", "-")


def templates():
    from starlette.templating import Jinja2Templates

    found = Jinja2Templates(directory=Path(__file__).parent / "templates")
    found.env.filters["field_id"] = field_id
    return found


def edit_context(name: str, form: Form, loaded: str, organisation: str) -> dict:
    title = form.top.get("title") or name
    top = [{"name": field, "label": label, "value": form.top.get(field, ""), "kind": kind, "help": help_text,
            "required": field in ("title", "published")} for field, label, kind, help_text in TOP_LABELS]
    return {"title": f"Editing {title}", "heading": title, "name": name, "loaded": loaded,
            "organisation": organisation, "top": top, "sections": form.sections, "body_help": BODY_HELP,
            "empty_link": FormLink()}


def list_context(rows: list, organisation: str, folder: str) -> dict:
    shown = [{"id": row.id, "title": row.title, "state": row.state, "review": str(row.review) if row.review else None,
              "size": f"{row.body_size:g} pt" if row.body_size else ("does not fit" if row.published else "\u2013"),
              "reading": f"{row.minutes:.0f} min" if row.minutes else "\u2013"} for row in rows]
    return {"title": "Briefings", "rows": shown, "organisation": organisation, "folder": folder}
