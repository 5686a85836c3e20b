"""The committed JSON Schemas are current, and every example satisfies its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from strategy_kit.document.schema import schema_text, strategy_schema_text
from strategy_kit.files.discovery import yaml_files
from strategy_kit.files.yamlio import plain

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "text"),
    [("workshop.schema.json", schema_text), ("strategy.schema.json", strategy_schema_text)],
)
def test_committed_schema_is_not_stale(name: str, text: object) -> None:
    assert callable(text)
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    assert committed == text(), f"schema/{name} is stale; regenerate it with strategy-kit schema"


def test_examples_name_their_schema_and_satisfy_it(examples: Path) -> None:
    from ruamel.yaml import YAML

    files = yaml_files(examples)
    assert len(files) >= 5
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema_path = (path.parent / first.split("$schema=", 1)[1]).resolve()
        data = plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
