"""The JSON Schema shipped for editors is generated from the model and must not go stale."""

from __future__ import annotations

import json

from generator.schema import SCHEMA_PATH, briefing_schema, schema_text


def test_committed_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "generator/schema/briefing.schema.json is stale: run "
        "python -c 'from generator.schema import write_schema; write_schema()'"
    )


def test_schema_forbids_unknown_keys_and_describes_fields():
    schema = briefing_schema()
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Section"]["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "published", "sections"}
    assert all("description" in field for field in schema["properties"].values())
    json.dumps(schema)
