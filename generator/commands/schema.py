"""The JSON Schemas of the formats, made from :mod:`generator.read.spec` (never edited by hand).

Editors use ``briefing.schema.json`` and ``theme.schema.json`` for completion and checking as
people type; the tool validates every file against the same schemas
(:mod:`generator.read.validation`). A test fails when a committed file is stale;
:func:`write_schemas` brings them up to date.
"""

from __future__ import annotations

from pathlib import Path

from generator.read.validation import FORMATS, SCHEMA_FOLDER, Format, committed_schema, schema_of

format_schema = schema_of


def schema_text(form: Format | None = None) -> str:
    from generator.read.validation import BRIEFING

    return committed_schema(form or BRIEFING)


def write_schemas(folder: Path = SCHEMA_FOLDER) -> list[Path]:
    from generator.files import write_atomic

    written = []
    for form in FORMATS:
        written.append(folder / form.schema_file)
        write_atomic(written[-1], schema_text(form).encode("utf-8"))
    return written
