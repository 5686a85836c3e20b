"""examples/strategy-history.sh: two years of a strategy, every change made by an editing command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.gitrepo import needs_git

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "strategy-history.sh"


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("history") / "telgte-strategie"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(["bash", str(SCRIPT), str(target)], check=True, env=env, capture_output=True, timeout=300)
    return target


@pytest.mark.slow  # about 35 command runs and 11 commits
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


@pytest.mark.slow  # about 35 command runs and 11 commits
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


@pytest.mark.slow  # about 35 command runs and 11 commits
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


@pytest.mark.slow  # reads the history the script makes
def test_the_report_year_s_budget_is_the_treasury_s_figures(repository: Path) -> None:
    """The money of the report on October 2020 to September 2021, added up by hand.

    Planned with the strategy in 2019 (strategy.yaml), in EUR:
      Stadtportal, own:                    2020: 40 000   2021: 10 000   =  50 000
      Infrastruktur, Gigabitförderung:     2020: 60 000   2021: 30 000   =  90 000
      Infrastruktur, own:                  2020: 20 000   2021: 10 000   =  30 000
                                                                  total    170 000
    Spent, as the report reads it: the state of 2021-07-05, the last commit before
    the period's end (the figures of 2021-10-04 come after it):
      Stadtportal, own:                    2020: 38 900   2021:  4 800   =  43 700
      Infrastruktur, Gigabitförderung:     2020: 58 400   2021: 24 300   =  82 700
      Infrastruktur, own:                  2020: 23 150   2021:  6 200   =  29 350
                                                                  total    155 750
    Infrastruktur: 82 700 + 29 350 = 112 050 of 60 000 + 20 000 + 30 000 + 10 000 = 120 000.
    """
    from typer.testing import CliRunner

    from strategy_kit.cli import app

    args = ["report", str(repository), "--from", "2020-10-01", "--to", "2021-09-30", "-f", "md"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\N{NO-BREAK SPACE}€", " €")  # DIN 5008: no break before the unit
    assert "- Budget 2020–2021: 155.750 € ausgegeben von 170.000 € geplant\n" in text
    portal, infrastructure = text.split("### Stadtportal mit Online-Services")[1].split("### Zukunftsfähige Infrastruktur")
    assert "Budget 2020–2021: 43.700 € ausgegeben von 50.000 € geplant\n" in portal
    assert "Budget 2020–2021: 112.050 € ausgegeben von 120.000 € geplant\n" in infrastructure
    assert "| 9 Standorte |" in infrastructure  # the unit reads as a count of sites, not "9 Anzahl"


@pytest.mark.slow  # reads the history the script makes
def test_the_own_share_overspent_in_2020_is_check_s_warning(repository: Path) -> None:
    from strategy_kit.check.validate import check_file

    result = check_file(repository / "strategy.yaml")
    assert result.exit_code == 0
    assert [d.message for d in result.diagnostics] == ["spent 23150 EUR in 2020 is more than the 20000 EUR planned"]


def _tools(folder: Path, *names: str) -> str:
    """A PATH of only ``names`` (linked from the real PATH), to leave git or strategy-kit out."""
    import shutil

    folder.mkdir()
    for name in names:
        found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
        assert found is not None, name
        (folder / name).symlink_to(found)
    return str(folder)


def _run(target: Path | str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path or f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["/bin/bash", str(SCRIPT), str(target)], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_target_that_is_not_new_is_refused_in_one_line_before_anything_is_written(tmp_path: Path) -> None:
    """It copied over the folder and ended with git's own words; now it says what to do, exit 2."""
    edited = tmp_path / "telgte-strategie"
    edited.mkdir()
    (edited / "strategy.yaml").write_text("version: 1\n", encoding="utf-8")
    result = _run(edited)
    assert result.returncode == 2
    assert result.stderr == (
        f"strategy-history.sh: Fehler: {edited} existiert und ist nicht leer; einen neuen oder leeren Ordner angeben"
        f" / error: {edited} exists and is not empty; give a new or empty folder\n"
    )
    assert sorted(p.name for p in edited.iterdir()) == ["strategy.yaml"]
    assert (edited / "strategy.yaml").read_text(encoding="utf-8") == "version: 1\n"
    for target, why in (
        (edited / "strategy.yaml", "is a file; give a new folder"),
        (tmp_path / "fehlt" / "ziel", "does not exist; create it or give another target"),
        ("", "give exactly one target folder"),
    ):
        result = _run(target)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and " / error: " in result.stderr and why in result.stderr


@needs_git
def test_git_and_strategy_kit_are_asked_for_before_anything_is_written(tmp_path: Path) -> None:
    basics = ("basename", "dirname", "ls")
    target = tmp_path / "ziel"
    result = _run(target, _tools(tmp_path / "ohne-git", *basics, "strategy-kit"))
    assert (result.returncode, result.stderr) == (
        2,
        "strategy-history.sh: Fehler: git ist nicht installiert; git installieren (https://git-scm.com)"
        " / error: git is not installed; install git (https://git-scm.com)\n",
    )
    result = _run(target, _tools(tmp_path / "ohne-sk", *basics, "git"))
    assert result.returncode == 2
    assert result.stderr.endswith(" / error: strategy-kit is not on PATH; install it or activate its virtual environment\n")
    assert not target.exists()
