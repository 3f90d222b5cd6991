"""The JSON Schemas are generated from generator.read.spec, must not go stale, and describe every field."""

from __future__ import annotations

import json

import pytest

from generator.commands.schema import format_schema, schema_text
from generator.read.validation import BRIEFING, FORMATS, SCHEMA_FOLDER, THEME


@pytest.mark.parametrize("form", FORMATS, ids=lambda form: form.schema_file)
def test_committed_schemas_are_current(form):
    assert (SCHEMA_FOLDER / form.schema_file).read_text(encoding="utf-8") == schema_text(form), (
        f"generator/schema/{form.schema_file} is stale: run "
        "python -c 'from generator.commands.schema import write_schemas; write_schemas()'"
    )


def test_schema_forbids_unknown_keys_and_describes_fields():
    schema = format_schema(BRIEFING)
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Section"]["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "published", "sections"}
    assert all("description" in field for field in schema["properties"].values())
    json.dumps(schema)


def test_theme_schema_names_every_setting():
    schema = format_schema(THEME)
    assert schema["additionalProperties"] is False
    assert {"organisation", "logo", "logo_alt", "colours", "fonts", "body_size", "contact", "language",
            "page_size", "qr_codes", "check"} <= set(schema["properties"])
