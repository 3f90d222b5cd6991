"""The JSON Schema for editors, generated from the model (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.model import Briefing

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "briefing.schema.json"


def briefing_schema() -> dict:
    schema = Briefing.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "briefing.schema.json"
    return schema


def schema_text() -> str:
    return json.dumps(briefing_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    from generator.output import write_atomic

    write_atomic(path, schema_text().encode("utf-8"))
    return path
