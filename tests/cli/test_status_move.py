"""``strategy-kit status``: lifecycle moves, refusals that name the allowed moves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.textdiff import changed
from typer.testing import Result

Invoke = Callable[..., Result]




def test_status(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("status", telgte, "datenaustausch", "done")
    assert result.exit_code == 1
    assert "from prioritised it may go to planned, candidate, dropped" in result.stderr
    assert telgte.read_text("utf-8") == before
    result = cli("status", telgte, "datenaustausch", "candidate")
    assert result.exit_code == 0
    assert result.stdout == "datenaustausch: status prioritised -> candidate\n"
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     status: prioritised\n",
        "+     status: candidate\n",
    ]
    assert cli("status", telgte, "datenaustausch", "done", "--force").exit_code == 0
    result = cli("status", telgte, "datenaustausch", "fertig")
    assert result.exit_code == 2 and "STATUS 'fertig' is no status" in result.stderr


def test_lang_belongs_to_the_roll_up(cli: Invoke, telgte: Path) -> None:
    """--lang changes nothing on a move: refused like every other roll-up option, file untouched."""
    before = telgte.read_text("utf-8")
    result = cli("status", telgte, "datenaustausch", "candidate", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "strategy-kit: error: --lang only apply to the roll-up (status [DIR]), not to a move\n"
    )
    assert telgte.read_text("utf-8") == before


def test_a_status_may_be_given_as_a_german_word(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("status", telgte, "datenaustausch", "Geplant")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "datenaustausch: status prioritised -> planned\n"
    assert changed(before, telgte.read_text("utf-8")) == ["-     status: prioritised\n", "+     status: planned\n"]


def test_a_german_status_in_the_file_moves_along_the_lifecycle(cli: Invoke, telgte: Path) -> None:
    telgte.write_text(telgte.read_text("utf-8").replace("status: prioritised", "status: priorisiert", 1), "utf-8")
    result = cli("status", telgte, "datenaustausch", "erledigt")
    assert result.exit_code == 1
    assert "from prioritised it may go to planned, candidate, dropped" in result.stderr
    result = cli("status", telgte, "datenaustausch", "in umsetzung", "--force")
    assert result.exit_code == 0, result.stderr
    assert "status: in-progress" in telgte.read_text("utf-8")


def test_an_unknown_status_is_a_bad_argument_refused_before_the_file_is_read(cli: Invoke, tmp_path: Path) -> None:
    """editing.md: a bad argument is exit 2; it said exit 1 at the project's line."""
    import shutil

    from tests.conftest import EXAMPLES

    path = tmp_path / "telgte.yaml"
    shutil.copy(EXAMPLES / "telgte.yaml", path)
    before = path.read_bytes()
    result = cli("status", str(path), "stadtportal", "erldigt")
    assert (result.exit_code, result.stderr) == (2, "strategy-kit: error: STATUS 'erldigt' is no status; did you mean 'erledigt'?\n")
    assert cli("status", str(path), "stadtportal", "finished").exit_code == 2
    assert path.read_bytes() == before
