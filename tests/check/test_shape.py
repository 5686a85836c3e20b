"""pydantic's errors in words for the person editing the file, at their place."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import pytest
from pydantic import BaseModel, ValidationError

from strategy_kit.check.shape import from_validation_error, unwrap
from strategy_kit.check.validate import check_source
from strategy_kit.document.model import StrategyDocument, WorkshopDocument
from strategy_kit.files.source import decode

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml").read_text(encoding="utf-8")
SCORES = "    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n"


def errors_of(text: str) -> list[str]:
    result = check_source(decode(text.encode("utf-8"), "telgte.yaml"))
    return [str(d) for d in result.diagnostics if d.severity == "error"]


def test_an_unquoted_decimal_comma_in_a_one_line_mapping_is_answered_with_quotes() -> None:
    assert SCORES in EXAMPLE
    line = EXAMPLE[: EXAMPLE.index(SCORES)].count("\n") + 1
    errors = errors_of(EXAMPLE.replace(SCORES, SCORES.replace("wirkung: 4", "wirkung: 3,5"), 1))
    assert errors == [
        f"telgte.yaml:{line}:25: error: projects[smarte-mobilitaet].scores: key 5 must be text; "
        'in a one-line mapping a comma separates entries: quote the decimal, wirkung: "3,5"'
    ]


VERSION = '    version: "1.0"\n'


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1.10", 'version: "1.10"'),  # YAML reads 1.1
        ("2.0", 'version: "2.0"'),
        ("1", 'version: "1"'),
        ("10", 'version: "10"'),
        ("1.10   # Stand Mai", 'version: "1.10"'),
        ("1e999", 'version: "1e999"'),  # YAML reads infinity
        (".nan", 'version: ".nan"'),
        ("true", 'version: "true"'),
        ("2019-05-01", 'version: "2019-05-01"'),
    ],
)
def test_a_version_yaml_read_as_a_number_is_quoted_as_written(written: str, hint: str) -> None:
    assert VERSION in EXAMPLE
    line = EXAMPLE[: EXAMPLE.index(VERSION)].count("\n") + 1
    errors = errors_of(EXAMPLE.replace(VERSION, f"    version: {written}\n", 1))
    assert errors == [
        f"telgte.yaml:{line}:14: error: report.document.version: quote the version so YAML keeps it as written: {hint}"
    ]


def test_a_version_in_a_one_line_mapping_is_quoted_as_written() -> None:
    start = EXAMPLE.index("  document:\n")
    block = EXAMPLE[start:]  # the file's last section
    assert VERSION in block and all(line.startswith("    ") for line in block.splitlines()[1:])
    errors = errors_of(EXAMPLE[:start] + "  document: {status: entwurf, version: 1.10}\n")
    assert [e.split(": error: ", 1)[1] for e in errors] == [
        'report.document.version: quote the version so YAML keeps it as written: version: "1.10"'
    ]


def test_a_very_long_number_is_not_repeated_in_the_hint() -> None:
    errors = errors_of(EXAMPLE.replace(VERSION, f"    version: {'1' * 400}\n", 1))
    assert [e.rsplit(": ", 1)[-1] for e in errors] == ["quote the version so YAML keeps it as written"]


def _models(root: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``root`` through its fields."""
    if root.__name__ not in seen:
        seen[root.__name__] = root
        for info in root.model_fields.values():
            for arg in (info.annotation, *get_args(info.annotation)):
                nested = unwrap(arg)
                if nested is not None:
                    _models(nested, seen)
    return seen


def _pattern_fields() -> list[tuple[type[BaseModel], str]]:
    models = _models(StrategyDocument, _models(WorkshopDocument, {}))
    found = []
    for model in models.values():
        properties = model.model_json_schema(mode="validation").get("properties", {})
        for name, schema in properties.items():
            if '"pattern"' in json.dumps(schema) and "$ref" not in json.dumps(schema):
                found.append((model, name))
    return found


PATTERN_FIELDS = _pattern_fields()
#: What a regular expression shows and a sentence never does.
REGEX_TRACES = re.compile(r"\^|\$'|\$\"|\{\d+(,\d*)?\}|\[0-9|\[A-Z|\\s|\\d|\(\?:|pattern")


def test_the_format_has_keys_with_a_pattern() -> None:
    names = {name for _, name in PATTERN_FIELDS}
    assert {"accent", "font", "email", "ags"} <= names, names


@pytest.mark.parametrize(("model", "name"), PATTERN_FIELDS, ids=[f"{m.__name__}.{n}" for m, n in PATTERN_FIELDS])
@pytest.mark.parametrize("value", ["§ nicht passend §", "-", "X" * 80, "#12", "a\nb"])
def test_no_message_of_a_key_with_a_pattern_shows_the_regex(model: type[BaseModel], name: str, value: str) -> None:
    messages = []
    for written in (value, [value], {"k": value}):  # the pattern may hold for a list's items or a mapping's values
        data = {name: written}
        try:
            model.model_validate(data)
        except ValidationError as exc:
            found = from_validation_error(exc, data, "f.yaml", model)
            messages += [d.message for d in found if d.path.startswith(name)]
    for message in messages:
        assert not REGEX_TRACES.search(message), message
    about_the_text = [m for m in messages if not m.startswith("expected ")]  # not the wrong kind of value
    assert about_the_text, f"{model.__name__}.{name} accepted {value!r}"
    for message in about_the_text:
        assert re.search(r"e\.g\.|like|such as|write|use ", message), message


@pytest.mark.parametrize(
    ("style", "message"),
    [
        (
            "accent: blue",
            "report.style.accent: 'blue': write a colour as \"#RRGGBB\", in quotes; did you mean \"#0000FF\"?",
        ),
        (
            'accent: "#1d5fa"',
            "report.style.accent: '#1d5fa' has 5 hex digits after the #; a colour has six: write #RRGGBB, e.g. #1F5FA8",
        ),
        (
            "accent: Dunkelblau",
            "report.style.accent: 'Dunkelblau' is not a colour; a colour is written #RRGGBB (six hex digits), e.g. #1F5FA8",
        ),
        (
            'font: "Arial; x"',
            "report.style.font: 'Arial; x' is not a font name; a font is named with letters, digits, spaces and "
            "hyphens (at most 63, starting with a letter or digit), e.g. Arial",
        ),
    ],
)
def test_a_style_in_another_form_is_answered_in_words(style: str, message: str) -> None:
    assert "  document:\n" in EXAMPLE
    errors = errors_of(EXAMPLE.replace("  document:\n", f"  style:\n    {style}\n  document:\n", 1))
    assert [e.split(": error: ", 1)[1] for e in errors] == [message]


@pytest.mark.parametrize("written", ["accent: #1F5FA8", "accent:", "accent:   # Hausfarbe"])
def test_an_unquoted_colour_is_a_comment_and_is_answered_at_its_key(written: str) -> None:
    line = EXAMPLE[: EXAMPLE.index("  document:\n")].count("\n") + 2
    errors = errors_of(EXAMPLE.replace("  document:\n", f"  style:\n    {written}\n  document:\n", 1))
    assert errors == [
        f'telgte.yaml:{line}:5: error: report.style.accent: the colour is empty; written without quotes, '
        '#1F5FA8 is a comment to YAML: write accent: "#1F5FA8"'
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"40.000 €"', "expected a number written with digits only (no thousands separator, unit or currency), got text '40.000 €'"),
        ("true", "expected a number written with digits only (no thousands separator, unit or currency), got true/false"),
        ("[40000]", "expected a number written with digits only (no thousands separator, unit or currency), got a list"),
        ("-5", "must be 0 or more, got the number -5"),
        ("1e400", "expected a finite number, got one too large to hold (.inf, or more than about 1e308)"),
        (".nan", "expected a finite number, got .nan (not a number)"),
    ],
)
def test_a_cost_that_is_no_amount_is_answered_in_words(written: str, message: str) -> None:
    assert "      one_off: 40000\n" in EXAMPLE
    errors = errors_of(EXAMPLE.replace("      one_off: 40000\n", f"      one_off: {written}\n", 1))
    assert [e.split(": error: ", 1)[1] for e in errors] == [f"projects[stadtportal].costs.one_off: {message}"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("50.5", "expected a whole number, got the number 50.5"),
        ("150", "must be 100 or less, got the number 150"),
        ("true", "expected a whole number, got true/false"),
    ],
)
def test_a_progress_that_is_no_percentage_is_answered_in_words(written: str, message: str) -> None:
    assert "    status: prioritised\n" in EXAMPLE
    errors = errors_of(EXAMPLE.replace("    status: prioritised\n", f"    status: in-progress\n    progress: {written}\n", 1))
    assert [e.split(": error: ", 1)[1] for e in errors] == [f"projects[stadtportal].progress: {message}"]
