"""``strategy-kit fmt``: --check for CI, --dry-run, and writing the canonical layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Invoke = Callable[..., Result]


def test_examples_pass_check(cli: Invoke, examples: Path) -> None:
    result = cli("fmt", "--check", *sorted(examples.glob("*.yaml")))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_check_dry_run_and_write(cli: Invoke, telgte: Path) -> None:
    good = telgte.read_text("utf-8")
    messy = good.replace("  - id: fb1\n    name:", "  -   id: fb1\n      name:")
    telgte.write_text(messy, "utf-8")
    result = cli("fmt", "--check", telgte)
    assert result.exit_code == 1
    assert result.stdout == f"{telgte}: not formatted (run strategy-kit fmt)\n"
    result = cli("fmt", "--dry-run", telgte)
    assert result.exit_code == 0
    assert "-  -   id: fb1\n-      name:" in result.stdout and "+  - id: fb1\n+    name:" in result.stdout
    assert telgte.read_text("utf-8") == messy
    result = cli("fmt", telgte)
    assert result.exit_code == 0 and result.stdout == f"{telgte}: formatted\n"
    assert telgte.read_text("utf-8") == good
    stat = telgte.stat()
    assert cli("fmt", telgte).exit_code == 0
    assert telgte.stat().st_mtime_ns == stat.st_mtime_ns


def test_broken_and_missing_files(cli: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n  x: [\n", "utf-8")
    result = cli("fmt", bad)
    assert result.exit_code == 1 and "YAML syntax" in result.stderr
    result = cli("fmt", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_a_directory_is_walked_like_check(cli: Invoke, tmp_path: Path, examples: Path) -> None:
    good = (examples / "telgte.yaml").read_text("utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "messy.yml").write_text(good.replace("  - id: fb1\n    name:", "  -   id: fb1\n      name:"), "utf-8")
    (tmp_path / "good.yaml").write_text(good, "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("a: [\n", "utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("a: [\n", "utf-8")
    messy = tmp_path / "sub" / "messy.yml"
    result = cli("fmt", "--check", tmp_path)
    assert result.exit_code == 1 and result.stdout == f"{messy}: not formatted (run strategy-kit fmt)\n"
    result = cli("fmt", tmp_path)
    assert result.exit_code == 0 and result.stdout == f"{messy}: formatted\n"
    assert messy.read_text("utf-8") == good
    assert cli("fmt", "--check", tmp_path).exit_code == 0
    assert cli("fmt", "--check", str(tmp_path / "*.yaml")).exit_code == 0


def test_a_directory_without_yaml_files_and_a_pattern_without_matches(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("fmt", tmp_path / "empty", str(tmp_path / "nothing-*.yaml"))
    assert result.exit_code == 2
    assert "no *.yaml or *.yml files in this directory" in result.stderr
    assert "no file matches this pattern" in result.stderr


def test_markers_and_merge_keys_survive_fmt(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = (
        "%YAML 1.2\n---\nworkshop: &w {title: T, organiser: O, goal: G}\nversion: 1\n"
        "municipality: {<<: {name: X}, state: Bayern}\n...\n"
    )
    path.write_text(text, "utf-8")
    assert cli("check", path).exit_code == 0
    result = cli("fmt", path)
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == (
        "%YAML 1.2\n---\nversion: 1\n\nmunicipality: {<<: {name: X}, state: Bayern}\n\n"
        "workshop: &w {title: T, organiser: O, goal: G}\n...\n"
    )
    assert cli("check", path).exit_code == 0


def test_fmt_and_an_edit_name_every_impossible_date_of_a_file_they_refuse(cli, strategy_repo: Path) -> None:  # type: ignore[no-untyped-def]
    """They named the first one; a second run found the next."""
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8").replace("    due: 2021-12-31\n  - id: ziel-2", "    due: 2021-02-30\n  - id: ziel-2", 1)
    strategy.write_text(text.replace("review: 2020-03-01", "review: 2020-02-30", 1), encoding="utf-8")
    before = strategy.read_bytes()
    for args in (("fmt", strategy), ("progress", strategy, "online-antraege", "50")):
        result = cli(*args)
        assert result.exit_code == 1
        found = [line.split(": error: ")[1][:40] for line in (result.stdout + result.stderr).splitlines() if ": error: " in line]
        assert found == [
            "review: '2020-02-30' is no date in the c",
            "goals[ziel-1].due: '2021-02-30' is no da",
        ], args
    assert strategy.read_bytes() == before
