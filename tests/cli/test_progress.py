"""``strategy-kit progress``: a project's percentage, recorded through the safe edit path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.textdiff import changed
from typer.testing import Result

Invoke = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def strategy_copy(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "strategy-repo", tmp_path / "repo")
    return tmp_path / "repo" / "strategy.yaml"


def test_progress_is_set_in_place_and_inserted_where_missing(cli: Invoke, tmp_path: Path) -> None:
    strategy = strategy_copy(tmp_path)
    before = strategy.read_text("utf-8")
    result = cli("progress", strategy, "online-antraege", "55%")
    assert result.exit_code == 0, result.stderr
    assert changed(before, strategy.read_text("utf-8")) == ["-     progress: 40\n", "+     progress: 55\n"]
    middle = strategy.read_text("utf-8")
    result = cli("progress", strategy, "infrastruktur-zukunft", "10")
    assert result.exit_code == 0, result.stderr
    after = strategy.read_text("utf-8")
    assert changed(middle, after) == ["+     progress: 10\n"]
    # The key lands in the format's order (fmt's), inside its project; comments untouched.
    block = after[after.index("  - id: infrastruktur-zukunft") : after.index("  - id: smarte-mobilitaet")]
    assert block.index("    next_steps:") < block.index("    progress: 10\n")
    assert after.count("#") == before.count("#")


def test_refusals_leave_the_file_byte_identical(cli: Invoke, tmp_path: Path) -> None:
    strategy = strategy_copy(tmp_path)
    before = strategy.read_bytes()
    result = cli("progress", strategy, "online-antrage", "50")
    assert result.exit_code == 2 and "did you mean 'online-antraege'?" in result.stderr
    for bad in ("101", "-5", "4,5", "viel", "", "٣"):
        result = cli("progress", strategy, "online-antraege", bad)
        assert result.exit_code == 2, (bad, result.stderr)
        assert "error:" in result.stderr and "Traceback" not in result.stderr
    assert strategy.read_bytes() == before


def test_dry_run_prints_the_change_and_writes_nothing(cli: Invoke, tmp_path: Path) -> None:
    strategy = strategy_copy(tmp_path)
    before = strategy.read_bytes()
    result = cli("progress", strategy, "online-antraege", "60", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "-    progress: 40\n+    progress: 60\n" in result.stdout
    assert strategy.read_bytes() == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=8))
def test_any_percent_text_is_an_edit_or_a_clean_refusal(cli: Invoke, tmp_path: Path, text: str) -> None:
    strategy = tmp_path / "repo" / "strategy.yaml"
    if not strategy.exists():
        strategy_copy(tmp_path)
    before = strategy.read_bytes()
    result = cli("progress", strategy, "online-antraege", text, "--dry-run")
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr and strategy.read_bytes() == before
    if result.exit_code == 0:
        assert 0 <= int(text.strip().removesuffix("%").strip()) <= 100


@pytest.mark.parametrize(
    ("project", "words"),
    [
        ("stadtportal", "has sub-projects (online-antraege, terminbuchung); its progress is rolled up"),
        ("terminbuchung", "is done and counts 100 %; move its status first"),
    ],
)
def test_a_value_the_progress_rule_would_not_read_is_refused(cli: Invoke, tmp_path: Path, project: str, words: str) -> None:
    strategy = strategy_copy(tmp_path)
    before = strategy.read_bytes()
    result = cli("progress", strategy, project, "50")
    assert result.exit_code == 1 and words in result.stderr, result.stderr
    assert strategy.read_bytes() == before
