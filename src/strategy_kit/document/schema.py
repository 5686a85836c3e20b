"""The JSON Schema of the workshop format, generated from the models.

Committed under ``schema/`` so editors (yaml-language-server) can complete and
flag keys; a test fails when the committed file is stale.
"""

from __future__ import annotations

import json
from typing import Any


def schema_dict() -> dict[str, Any]:
    """The schema as a dict, declared as draft-07, the dialect editors support best."""
    from strategy_kit.document.model import WorkshopDocument

    generated = WorkshopDocument.model_json_schema(mode="validation")
    return {"$schema": "http://json-schema.org/draft-07/schema#", **generated}


def schema_text() -> str:
    """The schema as stable, human-diffable JSON text ending in a newline."""
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2) + "\n"


def strategy_schema_text() -> str:
    """The schema of a strategy file (``kind: strategy``), in the same stable JSON form."""
    from strategy_kit.document.model import StrategyDocument

    generated = StrategyDocument.model_json_schema(mode="validation")
    document = {"$schema": "http://json-schema.org/draft-07/schema#", **generated}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
