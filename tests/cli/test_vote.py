"""``strategy-kit vote`` on a copy of the example: exactly the intended lines change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.textdiff import changed
from typer.testing import Result

Invoke = Callable[..., Result]




def test_vote_forms(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("vote", telgte, "stadtportal", "-2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "stadtportal: votes 12 -> 10\n"
    result = cli("vote", telgte, "smarte-mobilitaet=+1", "datenaustausch=3")
    assert result.exit_code == 0, result.stderr
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     votes: 12\n",
        "+     votes: 10\n",
        "-     votes: 8\n",
        "+     votes: 9\n",
        "-     votes: 7\n",
        "+     votes: 3\n",
    ]


def test_vote_refusals(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("vote", telgte, "datenaustausch", "-8")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{telgte}:403:12: error: project 'datenaustausch' has 7 votes; -8 would make -1\n"
    )
    result = cli("vote", telgte, "stadtportl", "3")
    assert result.exit_code == 2
    assert "no project 'stadtportl'; did you mean 'stadtportal'?" in result.stderr
    assert cli("vote", telgte, "stadtportal", "viele").exit_code == 2
    result = cli("vote", telgte, "a=1", "b")
    assert result.exit_code == 2 and "'b': expected PROJECT=N" in result.stderr
    assert cli("vote", telgte, "a=1", "a=2").exit_code == 2
    assert telgte.read_bytes() == before


def test_vote_dry_run_prints_the_diff(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("vote", "--dry-run", telgte, "stadtportal", "+1")
    assert result.exit_code == 0
    name = str(telgte)
    assert result.stdout == (
        f"--- {name}\n+++ {name}\n@@ -345,7 +345,7 @@\n"
        "     status: prioritised\n     horizon: short\n"
        "     scores: {wirkung: 5, dringlichkeit: 5, aufwand: 4, foerderung: 4, umsetzbar: 1}\n"
        "-    votes: 12\n+    votes: 13\n"
        "     funding:\n       budget: 60000\n       sources:\n"
    )
    assert telgte.read_bytes() == before
