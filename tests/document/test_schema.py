"""The committed JSON Schema matches the models, and every example satisfies it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from strategy_kit.document.schema import schema_dict, schema_text
from strategy_kit.files.source import read_source
from strategy_kit.files.yamlio import load_yaml, plain

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "workshop.schema.json"
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def as_json(value: Any) -> Any:
    """What an editor sees: YAML dates are strings to yaml-language-server."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schema_is_not_stale() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schema/workshop.schema.json is stale: run `strategy-kit schema -o schema/workshop.schema.json --force`"
    )


def test_schema_is_a_valid_draft_7_schema_with_bilingual_titles() -> None:
    schema = schema_dict()
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["fields_of_action"]["title"] == "Fields of action / Handlungsfelder"
    assert "Zielsetzung" in json.dumps(schema, ensure_ascii=False)


def test_schema_command_prints_the_schema(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_satisfies_the_schema(example: Path) -> None:
    first = example.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{example.name} must start with a yaml-language-server $schema line"
    schema_path = (example.parent / match.group(1)).resolve()
    assert schema_path.is_file()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = as_json(plain(load_yaml(read_source(example))))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(e.message for e in errors)


def test_schema_rejects_what_check_rejects() -> None:
    validator = jsonschema.Draft7Validator(schema_dict())
    good = {
        "version": 1,
        "municipality": {"name": "X", "state": "Bayern"},
        "workshop": {"title": "T", "organiser": "O", "goal": "G"},
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "workshp": {}})
    assert not validator.is_valid({**good, "days": [{"date": "2024-01-01", "start": "9 Uhr", "end": "12:00"}]})
    assert not validator.is_valid({**good, "projects": [{"id": "Bad Id", "title": "x"}]})


def test_schema_output_file_is_not_overwritten_without_force(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "s.json"
    assert cli("schema", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    target.write_text("mine")
    refused = cli("schema", "-o", target)
    assert refused.exit_code == 2
    assert target.read_text() == "mine"
    assert "exists; use --force to overwrite it" in refused.stderr
    assert cli("schema", "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()
