"""The portfolio JSON (``export -f json``): its committed schema, privacy and references."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from strategy_kit.check.repository import portfolio as repository_portfolio
from strategy_kit.check.validate import Loaded, load_document
from strategy_kit.compute.progress import figures
from strategy_kit.present.portfolio import FORMAT, VERSION, export_json, schema_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT / "schema" / "portfolio.schema.json"


def exported(loaded: Loaded, **options: object) -> dict[str, object]:
    progress = figures(repository_portfolio(loaded).projects)
    data = export_json(loaded.document, strategy=loaded.strategy, progress=progress, **options)  # type: ignore[arg-type]
    parsed = json.loads(data)
    assert isinstance(parsed, dict)
    return parsed


def test_committed_schema_is_not_stale() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schema/portfolio.schema.json is stale; regenerate it with "
        "strategy-kit schema --portfolio -o schema/portfolio.schema.json --force"
    )


@pytest.mark.parametrize(
    "path", [EXAMPLES / "strategy-repo" / "strategy.yaml", EXAMPLES / "telgte.yaml"], ids=["strategy", "workshop"]
)
@pytest.mark.parametrize("public", [True, False], ids=["public", "internal"])
def test_export_satisfies_the_committed_schema(path: Path, public: bool) -> None:
    data = exported(load_document(path, strategy=True), public=public)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert (data["format"], data["version"]) == (FORMAT, VERSION)


def test_the_schema_refuses_what_a_reader_cannot_read() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = exported(load_document(EXAMPLES / "strategy-repo" / "strategy.yaml", strategy=True))
    for broken in ({**data, "version": 2}, {**data, "format": "other"}, {**data, "extra": 1}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
    projects = [dict(p) for p in data["projects"]]  # type: ignore[attr-defined]
    projects[0]["progress"] = 140
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "projects": projects}, schema)


def test_parents_and_fields_refer_to_entries_of_the_file() -> None:
    data = exported(load_document(EXAMPLES / "strategy-repo" / "strategy.yaml", strategy=True))
    projects = data["projects"]
    assert isinstance(projects, list)
    ids = [p["id"] for p in projects]
    assert len(ids) == len(set(ids)) == 6
    fields = {f["id"] for f in data["fields_of_action"]}  # type: ignore[attr-defined]
    goals = {g["id"] for g in data["goals"]}  # type: ignore[attr-defined]
    for project in projects:
        assert project["parent"] is None or project["parent"] in ids
        assert set(project["fields_of_action"]) <= fields and set(project["goals"]) <= goals
    assert {p["id"]: p["parent"] for p in projects}["online-antraege"] == "stadtportal"


def test_public_json_names_nobody_and_leaves_internal_out(tmp_path: Path) -> None:
    text = (EXAMPLES / "telgte.yaml").read_text("utf-8")
    text = text.replace(
        "  - id: it-koordination\n    role: IT-Koordination\n",
        "  - id: it-koordination\n    role: IT-Koordination\n    name: Erika Mustermann\n"
        "    email: erika@example.org\n",
    )
    part = "    lead: fb1\n    stakeholders: [Datenschutzbeauftragte oder Datenschutzbeauftragter, Personalrat]\n"
    assert part in text
    text = text.replace(part, part.replace("lead: fb1\n", "lead: fb1\n    internal: true\n"))
    path = tmp_path / "telgte.yaml"
    path.write_text(text, "utf-8")
    loaded = load_document(path)
    public = json.dumps(exported(loaded), ensure_ascii=False)  # public by default: a portal publishes it
    internal = json.dumps(exported(loaded, public=False), ensure_ascii=False)
    assert "Erika" not in public and "erika@" not in public and "datenaustausch" not in public
    assert "datenaustausch" in internal and "Erika Mustermann" in internal and "erika@" not in internal
