"""The format documentation cannot drift: its examples form one valid document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from strategy_kit.check.validate import check_source
from strategy_kit.document.model import TOP_LEVEL_ORDER
from strategy_kit.files.source import decode
from strategy_kit.files.yamlio import load_yaml, plain

FORMAT = Path(__file__).resolve().parents[1] / "docs" / "format.md"
BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def yaml_blocks() -> list[str]:
    return BLOCK.findall(FORMAT.read_text(encoding="utf-8"))


def test_every_top_level_key_is_documented_with_an_example() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    for key in TOP_LEVEL_ORDER:
        assert f"## `{key}`" in text or f"## `{key}`," in text, key
        assert any(block.startswith(f"{key}:") for block in yaml_blocks()), key


def test_the_examples_together_are_one_valid_document() -> None:
    merged: dict[str, Any] = {}
    for block in yaml_blocks():
        if block.startswith("#"):
            continue
        data = plain(load_yaml(decode(block.encode(), "docs")))
        data.pop("strategy", None)  # names another file; checked with the strategy examples
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    from io import StringIO

    from strategy_kit.files.yamlio import make_yaml

    buffer = StringIO()
    make_yaml().dump(merged, buffer)
    result = check_source(decode(buffer.getvalue().encode(), "docs.yaml"))
    errors = [str(d) for d in result.diagnostics if d.severity == "error"]
    assert errors == []
    assert result.document is not None
    assert list(merged) == [k for k in TOP_LEVEL_ORDER if k in merged]
    assert set(TOP_LEVEL_ORDER) - set(merged) == {"strategy"}


def _models(model: type, seen: set[type]) -> set[type]:
    from pydantic import BaseModel

    from strategy_kit.check.shape import unwrap

    if model in seen:
        return seen
    seen.add(model)
    for info in model.model_fields.values():  # type: ignore[attr-defined]
        nested = unwrap(info.annotation)
        if nested is not None and issubclass(nested, BaseModel):
            _models(nested, seen)
    return seen


def test_every_key_of_every_entity_is_documented() -> None:
    from strategy_kit.document.model import WorkshopDocument

    text = FORMAT.read_text(encoding="utf-8")
    missing = [
        f"{model.__name__}.{name}"
        for model in _models(WorkshopDocument, set())
        for name in model.model_fields  # type: ignore[attr-defined]
        if f"`{name}`" not in text
    ]
    assert missing == []
