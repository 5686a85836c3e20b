"""``strategy-kit add``: new entities appended where they belong, ids generated and checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.textdiff import changed
from typer.testing import Result

Invoke = Callable[..., Result]




def test_add_kinds(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("add", "project", telgte, "--title", "Digitale Schule", "--field", "infrastruktur", "--field", "digitales-rathaus", "--lead", "fb3")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "added project 'digitale-schule'\n"
    assert cli("add", "participant", telgte, "--role", "Kämmerer", "--department", "fb1", "--function", "staff").exit_code == 0
    assert cli("add", "field", telgte, "--id", "bildung", "--title", "Bildung", "--description", "Schulen und Kitas").exit_code == 0
    assert changed(before, telgte.read_text("utf-8")) == [
        "+   - id: kaemmerer\n",
        "+     role: Kämmerer\n",
        "+     department: fb1\n",
        "+     functions: [staff]\n",
        "+   - id: bildung\n",
        "+     title: Bildung\n",
        "+     description: Schulen und Kitas\n",
        "+   - id: digitale-schule\n",
        "+     title: Digitale Schule\n",
        "+     fields: [infrastruktur, digitales-rathaus]\n",
        "+     lead: fb3\n",
    ]


def test_add_usage_errors(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    assert "needs at least one --field" in cli("add", "project", telgte, "--title", "X").stderr
    assert "needs --role" in cli("add", "participant", telgte).stderr
    assert "--field does not apply to a participant" in cli("add", "participant", telgte, "--role", "R", "--field", "x").stderr
    result = cli("add", "field", telgte, "--id", "mobilitaet", "--title", "Mobilität")
    line = telgte.read_text(encoding="utf-8").splitlines().index("  - id: mobilitaet") + 1
    assert result.exit_code == 2 and f"id 'mobilitaet' is already used on line {line}" in result.stderr
    result = cli("add", "participant", telgte, "--role", "R", "--function", "boss")
    assert result.exit_code == 1 and "'boss' is not allowed" in result.stderr
    assert telgte.read_bytes() == before
