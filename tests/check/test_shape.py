"""pydantic's errors in words for the person editing the file, at their place."""

from __future__ import annotations

from pathlib import Path

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
