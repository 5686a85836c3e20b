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
