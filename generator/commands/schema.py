"""The JSON Schemas, generated from :mod:`generator.read.spec` (never edited by hand).

They serve twice: editors use ``briefing.schema.json`` and ``theme.schema.json`` for completion
and checking as people type, and the tool validates every file against them on its fast path
(:mod:`generator.read.validation`). A test fails when a committed file is stale; ``python -m
generator schema --write`` (or :func:`write_schemas`) brings them up to date.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.read.validation import FORMATS, SCHEMA_FOLDER, Format


def format_schema(form: Format) -> dict:
    from generator.read import spec

    schema = getattr(spec, form.spec).model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = form.schema_file
    return schema


def schema_text(form: Format | None = None) -> str:
    from generator.read.validation import BRIEFING

    return json.dumps(format_schema(form or BRIEFING), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path = SCHEMA_FOLDER) -> list[Path]:
    from generator.files import write_atomic

    written = []
    for form in FORMATS:
        written.append(folder / form.schema_file)
        write_atomic(written[-1], schema_text(form).encode("utf-8"))
    return written
