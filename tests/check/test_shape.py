"""pydantic's errors in words for the person editing the file, at their place."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_kit.check.validate import check_source
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
