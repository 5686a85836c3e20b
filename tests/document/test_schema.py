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


# -- the editor's schema and check judge every value alike -------------------------------

BASE = plain(load_yaml(read_source(ROOT / "examples" / "telgte.yaml")))
SESSION = ("days", 0, "blocks", 0, "sessions", 0)
PROJECT = ("projects", 0)
# (where, good values, bad values). Clock times leave "24:00" out: whether a day may end
# at midnight is the timing's decision, and the pattern is CLOCK_PATTERN either way.
CORPUS: list[tuple[tuple[str | int, ...], list[Any], list[Any]]] = [
    (
        (*SESSION, "duration"),
        ["45m", "90min", "1h", "1h30m", "1h 30min", "0h5m", "1:30", "0:05", "23:59", "1,5h", "1.5h", "0,25h",
         "0,05h", "24h", "24h0m", "1440m", "0045m", " 45m "],
        ["", " ", "0m", "0h", "0h0m", "0:00", "0,0h", "45", "25h", "1441m", "24h1m", "1h90m", "1h60m", "1:75",
         "24:01", "1,33h", "0,125h", "h", "m", "45 m\n", "45m\n", "\u0663m", "1,5", "1,5 h m", "abc", 45, 1.5, True],
    ),
    (("days", 0, "start"), ["09:00", "9:30", "00:00", "23:59"], ["9", "09:60", "9.30", "", "ab:cd", "25:00", 900]),
    (
        (*SESSION, "id"),
        ["begruessung", "a-1", "x", "2024"],
        ["Begruessung", "a--b", "-a", "a-", "a_b", "a b", "a\n", "", "ä", 7],
    ),
    (
        ("workshop", "timezone"),
        ["Europe/Berlin", "UTC", "America/New_York", "Etc/GMT+1"],
        ["europe/berlin", "Europe/Berln", "", "localtime", "Mars/Olympus", "Europe/Berlin "],
    ),
    (
        ("municipality", "state"),
        ["NRW", "NW", "Nordrhein-Westfalen", "RLP", "BaWü", "Bayern"],
        ["nrw", "Nordrhein Westfalen", "", "Bavaria", 5],
    ),
    ((*SESSION, "kind"), ["pause", "Pause", "break", "Gruppenarbeit", "plenary"], ["PAUSE", "pausen", "", "Break"]),
    ((*PROJECT, "status"), ["erledigt", "in Umsetzung", "in-umsetzung", "done", "Idee"], ["Done", "fertig", "", "IDEE"]),
    ((*PROJECT, "scores", "wirkung"), [3, 3.5, "3,5", "3.5", "-0", 0], ["viel", True, "3,5,1", "", "3,", ",5", "3.5e0"]),
    (
        (*PROJECT, "votes"),
        [0, 12, 10000, 12.0, "12", "10000", "007"],
        [-1, 10001, True, 1.5, "10001", "1,5", " 5", "\u0663", "", None, "99999999999999999999999"],
    ),
    (("municipality", "ags"), ["05570044", "12345678"], [5570044, "0557004", "055700441", "\u0660" * 8, ""]),
    (
        ("days", 0, "date"),
        ["2019-03-05"],
        ["05.03.2019", "5.3.2019", "05.03.19", "2019-02-30", "2019-3-5", "20190305", "", 20190305],
    ),
]
CASES = [
    pytest.param(where, value, good, id=f"{'.'.join(map(str, where[-2:]))}={value!r}")
    for where, goods, bads in CORPUS
    for good, values in ((True, goods), (False, bads))
    for value in values
]


def _ecmascript_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """``pattern`` as editors judge it (ECMAScript: ``$`` is the end of the text, ``\\d`` ASCII digits).

    Python's ``re`` lets ``$`` match before a final line break; ajv and
    yaml-language-server do not.
    """
    if isinstance(instance, str) and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance, re.ASCII):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EDITOR = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _ecmascript_pattern})


def _with(where: tuple[str | int, ...], value: Any) -> Any:
    import copy

    data = copy.deepcopy(BASE)
    node = data
    for segment in where[:-1]:
        node = node[segment]
    node[where[-1]] = value
    return data


@pytest.mark.parametrize(("where", "value", "good"), CASES)
def test_the_schema_and_check_agree_on_each_value(where: tuple[str | int, ...], value: Any, good: bool) -> None:
    from strategy_kit.check.validate import check_source
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import display_path

    data = as_json(_with(where, value))
    by_schema = EDITOR(schema_dict(), format_checker=jsonschema.FormatChecker()).is_valid(data)
    # JSON is YAML: the file holds exactly the value, quoted where it is text.
    result = check_source(decode(json.dumps(data, ensure_ascii=False).encode("utf-8"), "corpus.yaml"))
    shown = display_path(data, where)
    errors = [d for d in result.diagnostics if d.severity == "error" and d.path == shown]
    assert (not errors) is good, errors
    assert by_schema is good
