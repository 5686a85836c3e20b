"""``strategy-kit score``: scores set inside the flow mapping, scales enforced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.textdiff import changed
from typer.testing import Result

Invoke = Callable[..., Result]




def test_score(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("score", telgte, "smarte-mobilitaet", "wirkung=3,5", "umsetzbar=0")
    assert result.exit_code == 0, result.stderr
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n",
        "+     scores: {wirkung: 3.5, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 0}\n",
    ]
    result = cli("score", telgte, "smarte-mobilitaet", "wirkung=6")
    assert result.exit_code == 1
    assert "score 6 for 'wirkung' lies outside its scale 0-5" in result.stderr
    assert cli("score", telgte, "smarte-mobilitaet", "wirkung").exit_code == 2
    assert cli("score", telgte, "smarte-mobilitaet", "wirkung=hoch").exit_code == 2


def test_a_criterion_given_twice_is_refused(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("score", telgte, "smarte-mobilitaet", "wirkung=3", "wirkung=4")
    assert (result.exit_code, result.stderr) == (2, "strategy-kit: error: criterion 'wirkung' is given twice\n")
    assert telgte.read_bytes() == before


def test_a_current_score_written_with_a_decimal_comma(cli: Invoke, telgte: Path) -> None:
    old = "    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n"
    telgte.write_text(telgte.read_text("utf-8").replace(old, old.replace("wirkung: 4", 'wirkung: "3,5"')), "utf-8")
    before = telgte.read_text("utf-8")
    result = cli("score", telgte, "smarte-mobilitaet", "wirkung=2")
    assert (result.exit_code, result.stdout) == (0, "smarte-mobilitaet: wirkung 3.5 -> 2\n"), result.stderr
    result = cli("score", telgte, "smarte-mobilitaet", "aufwand=3,5")
    assert result.exit_code == 0, result.stderr
    assert changed(before, telgte.read_text("utf-8")) == [
        '-     scores: {wirkung: "3,5", dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n',
        "+     scores: {wirkung: 2, dringlichkeit: 3, aufwand: 3.5, foerderung: 5, umsetzbar: 1}\n",
    ]


def test_a_typed_score_is_read_strictly(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    for typed, message in [
        ("\u0663", "'\u0663' is not a number; write it like 3 or 3,5"),
        ("1e-400", "'1e-400' is not a number; write it like 3 or 3,5"),
        ("1,000", "is '1,000' 1 or 1000? write 1 or 1000"),
        ("99999999999999999999999", "'99999999999999999999999' has more than 15 digits; a score needs far fewer"),
    ]:
        result = cli("score", telgte, "smarte-mobilitaet", f"wirkung={typed}")
        assert (result.exit_code, result.stderr) == (2, f"strategy-kit: error: wirkung: {message}\n")
    assert telgte.read_bytes() == before


def test_a_small_score_is_written_without_an_exponent(cli: Invoke, telgte: Path) -> None:
    result = cli("score", telgte, "smarte-mobilitaet", "wirkung=0,000001")
    assert (result.exit_code, result.stdout) == (0, "smarte-mobilitaet: wirkung 4 -> 0.000001\n"), result.stderr
    assert "scores: {wirkung: 0.000001, dringlichkeit: 3" in telgte.read_text("utf-8")
