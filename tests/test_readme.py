"""The README documents every command and keeps exactly two Quickstart commands."""

from __future__ import annotations

import re
from pathlib import Path

from strategy_kit.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined,unused-ignore]


def test_every_command_has_a_reference_section() -> None:
    names = command_names()
    assert "check" in names
    missing = [name for name in names if f"### strategy-kit {name}\n" not in README]
    assert missing == []


def test_quickstart_has_exactly_two_commands() -> None:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 2
    main, test = (block.strip() for block in blocks)
    assert "\n" not in main and "\n" not in test
    assert "pip install -c requirements/constraints.txt . " in main and "examples/telgte.yaml" in main
    assert "pip install -c requirements/constraints.txt '.[test]'" in test and test.endswith("python -m pytest")
