"""examples/strategy-history.sh: two years of a strategy, every change made by an editing command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "strategy-history.sh"

pytestmark = pytest.mark.slow  # about 35 command runs and 11 commits


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("history") / "telgte-strategie"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(["bash", str(SCRIPT), str(target)], check=True, env=env, capture_output=True, timeout=300)
    return target


def test_the_history_is_eleven_dated_commits(repository: Path) -> None:
    log = subprocess.run(
        ["git", "log", "--reverse", "--format=%cs %s"], cwd=repository, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert len(log) == 11
    assert log[0] == "2019-10-01 Digitale Strategie, vom Rat beschlossen: Stand nach dem Maßnahmenworkshop"
    assert log[-1] == "2021-10-04 Stand zum Umsetzungsbericht 2021"
    assert [line[:10] for line in log] == sorted(line[:10] for line in log)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repository, check=True, capture_output=True, text=True)
    assert status.stdout == ""  # every command's change is committed


def test_the_timeline_read_from_git_is_the_script_s_story(repository: Path) -> None:
    from strategy_kit.compute.history import events_between, timeline
    from strategy_kit.files.history import history

    found = history(repository)
    assert found.reason is None or found.revisions
    lines = timeline(found.revisions)
    assert lines.notes == []  # no revision the commands wrote is invalid

    def story(project: str) -> list[tuple[str, str, object, object]]:
        return [(str(e.date), e.kind, e.old, e.new) for e in lines.projects[project]]

    assert story("infrastruktur-zukunft") == [
        ("2019-10-01", "added", None, "planned"),
        ("2020-01-20", "status", "planned", "in-progress"),
        ("2020-01-20", "progress", None, 15),
        ("2020-07-02", "progress", 15, 40),
        ("2020-07-02", "indicator", None, 4.0),
        ("2021-07-05", "progress", 40, 80),
        ("2021-07-05", "indicator", 4.0, 9.0),
    ]
    assert story("datenaustausch")[-1] == ("2020-11-05", "dropped", "candidate", "dropped")
    assert story("sitzungsdienst") == [
        ("2020-09-14", "added", None, "candidate"),
        ("2021-03-22", "status", "candidate", "prioritised"),
    ]
    # The report year October 2020 to September 2021: what a council member reads as "what moved".
    year = events_between(lines, dt.date(2020, 10, 1), dt.date(2021, 9, 30))
    assert [(str(e.date), e.kind, e.new) for e in year["stadtportal"]] == [("2021-01-12", "indicator", 27.0)]
    assert "terminbuchung" not in year


def test_the_status_of_the_last_commit_reads_the_edited_files(repository: Path) -> None:
    from typer.testing import CliRunner

    from strategy_kit.cli import app

    result = CliRunner().invoke(app, ["status", str(repository), "--today", "2021-10-04", "-f", "json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    statuses = {p["id"]: p["status"] for p in data["projects"]}
    assert statuses["online-antraege"] == "done" and statuses["datenaustausch"] == "dropped"
    assert statuses["sitzungsdienst"] == "prioritised" and statuses["smarte-mobilitaet"] == "in-progress"
