"""``strategy-kit check`` over directories and globs, with a progress bar on long runs."""

from __future__ import annotations

import importlib
import io
import json
import sys
from pathlib import Path

import pytest
from tests.gitrepo import Invoke

check_module = importlib.import_module("strategy_kit.cli.check")


def test_directory_is_checked_recursively(cli: Invoke, examples: Path) -> None:
    # Before, a directory was refused ("is a directory"); now it means every YAML file in it.
    result = cli("check", examples)
    assert result.exit_code == 0, result.stdout
    # The Executive Program kick-off had no oversight functions in the room, on purpose.
    assert result.stdout.endswith("0 errors, 1 warning in 6 files\n")
    assert "executive-program-kickoff.yaml:" in result.stdout


def test_quoted_glob(cli: Invoke, examples: Path) -> None:
    result = cli("check", f"{examples}/strategy-repo/**/*.yaml", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    result = cli("check", f"{examples}/strategy-repo/**/*.yaml")
    assert result.stdout == "4 files valid\n"


def test_pattern_or_directory_without_files_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    result = cli("check", tmp_path / "leer", f"{tmp_path}/*.yml")
    assert result.exit_code == 2
    assert (
        f"{tmp_path / 'leer'}: error: no *.yaml or *.yml files in this directory"
        in result.stdout
    )
    assert f"{tmp_path}/*.yml: error: no file matches this pattern" in result.stdout


def test_files_of_other_tools_are_skipped(cli: Invoke, strategy_repo: Path) -> None:
    (strategy_repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (strategy_repo / ".github").mkdir()
    (strategy_repo / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    assert cli("check", strategy_repo).stdout == "4 files valid\n"


def test_strategy_error_is_reported_once(cli: Invoke, strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8").replace("lead: fb4", "lead: fb5"), encoding="utf-8"
    )
    result = cli("check", strategy_repo, "--format", "json")
    errors = json.loads(result.stdout)
    # Three workshops refer to the strategy; its one error still appears once.
    assert [(e["file"].endswith("strategy.yaml"), e["message"][:30]) for e in errors] == [
        (True, "unknown department or particip")
    ]
    assert result.exit_code == 1


def test_progress_bar_only_on_a_terminal_and_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from strategy_kit.cli import output

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=60)
    monkeypatch.setattr(output, "console", lambda stderr=False: terminal)
    monkeypatch.setattr(check_module, "PROGRESS_THRESHOLD", 3)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with check_module._progress(2) as advance:
        advance()
    assert screen.getvalue() == ""  # a short run
    with check_module._progress(4) as advance:
        for _ in range(4):
            advance()
    assert "check" in screen.getvalue() and "100%" in screen.getvalue()
    screen.truncate(0)
    screen.seek(0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with check_module._progress(10) as advance:
        advance()
    assert screen.getvalue() == ""  # piped: no bar
