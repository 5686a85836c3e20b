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
