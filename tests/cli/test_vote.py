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
    lines = telgte.read_text(encoding="utf-8").splitlines()
    block = lines.index("  - id: datenaustausch")
    line = next(n for n in range(block, len(lines)) if lines[n] == "    votes: 7") + 1
    assert result.stderr == (
        f"{telgte}:{line}:12: error: project 'datenaustausch' has 7 votes; -8 would make -1\n"
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
    start = telgte.read_text("utf-8").splitlines().index("    votes: 12") + 1 - 3  # three lines of context
    assert result.stdout == (
        f"--- {name}\n+++ {name}\n@@ -{start},7 +{start},7 @@\n"
        "     status: prioritised\n     horizon: short\n"
        "     scores: {wirkung: 5, dringlichkeit: 5, aufwand: 4, foerderung: 4, umsetzbar: 1}\n"
        "-    votes: 12\n+    votes: 13\n"
        "     start: 2019-Q2\n     end: 2020-Q4\n     milestones:\n"
    )
    assert telgte.read_bytes() == before


def test_a_count_beyond_any_room_is_refused_with_the_bound(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("vote", telgte, "stadtportal", "99999999999999999999999")
    assert (result.exit_code, result.stderr) == (
        2,
        "strategy-kit: error: '99999999999999999999999' votes is more than 10 000; "
        "a room gives far fewer dots, is it a typo?\n",
    )
    result = cli("vote", telgte, "stadtportal", "+9990")
    assert result.exit_code == 1
    assert result.stderr.endswith("error: project 'stadtportal' has 12 votes; +9990 would make 10002, more than 10 000\n")
    for typed in ("\u0663", "1e3", "1,5", "+-1"):
        refused = cli("vote", telgte, "stadtportal", typed)
        assert (refused.exit_code, refused.stderr) == (
            2, f"strategy-kit: error: {typed!r} is not a number of votes (N, +N or -N)\n"
        )
    assert telgte.read_bytes() == before


def test_votes_written_as_text_in_the_file(cli: Invoke, telgte: Path) -> None:
    telgte.write_text(telgte.read_text("utf-8").replace("    votes: 12\n", '    votes: "12"\n', 1), "utf-8")
    result = cli("vote", telgte, "stadtportal", "+1")
    assert (result.exit_code, result.stdout) == (0, "stadtportal: votes 12 -> 13\n"), result.stderr
