"""Every command that needs a valid workshop goes through the one loader (issue 14).

The loader (:func:`strategy_kit.check.validate.load_document`, its resolving
step :func:`~strategy_kit.check.validate.resolve`) merges the strategy file in;
a command that checked the file itself would see a workshop without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import ROOT, Invoke

from strategy_kit.check import validate
from strategy_kit.check.validate import CheckResult, Loaded

WORKSHOP = Path("workshops") / "2019-09-massnahmen.yaml"

#: Each command that needs a valid workshop, with arguments that make it load one.
COMMANDS: dict[str, list[str]] = {
    "rank": ["rank", "{file}"],
    "report": ["report", "{file}", "-f", "md"],
    "plan": ["plan", "{file}"],
    "export": ["export", "{file}"],
    "export decidim": ["export", "{file}", "-f", "decidim"],
    "import-scores": ["import-scores", "{file}", "{csv}", "--dry-run"],
    "vote": ["vote", "{file}", "mobilitaetsdaten", "+1", "--dry-run"],
    "score": ["score", "{file}", "mobilitaetsdaten", "wirkung=3", "--dry-run"],
    "add": ["add", "project", "{file}", "--title", "Neues Projekt", "--field", "mobilitaet", "--dry-run"],
    "status move": ["status", "{file}", "mobilitaetsdaten", "prioritised", "--dry-run"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_loads_the_workshop_through_the_one_loader(
    command: str, cli: Invoke, strategy_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = strategy_repo / WORKSHOP
    csv = strategy_repo / "scores.csv"
    csv.write_text("id;wirkung\nmobilitaetsdaten;3\n", encoding="utf-8")
    calls: list[Loaded] = []
    real = validate.resolve

    def spy(result: CheckResult) -> Loaded:
        loaded = real(result)
        calls.append(loaded)
        return loaded

    monkeypatch.setattr(validate, "resolve", spy)
    args = [a.format(file=file, csv=csv) for a in COMMANDS[command]]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert calls, f"{command} did not load {file} through the loader"
    assert all(c.name == str(file) for c in calls)
    assert all([c.id for c in loaded.document.criteria] == ["wirkung", "dringlichkeit", "aufwand"] for loaded in calls)


CHECKING = re.compile(r"\b(check_file|check_source|check_loaded|check_data|check_files)\b")


def test_no_command_but_check_checks_a_file_itself() -> None:
    """Commands load through the loader (or a repository of checked files), never a checker directly."""
    commands = ROOT / "src" / "strategy_kit" / "cli"
    offenders = [
        path.name
        for path in sorted(commands.glob("*.py"))
        if path.name != "check.py" and CHECKING.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
