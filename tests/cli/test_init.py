"""``strategy-kit init``: interactive answers, options for scripts, never an overwrite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Invoke = Callable[..., Result]


def test_interactive(cli: Invoke, tmp_path: Path) -> None:
    answers = "Gemeinde Musterdorf\nBavaria\nby\n5.3.2026\n2026-03-05\nHauptamt, Bauamt\nCity & Bits\n"
    result = cli("init", tmp_path / "neu", input=answers)
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "neu" / "workshop.yaml"
    assert result.stdout.endswith(f"wrote {target}\nwrote {tmp_path / 'neu' / 'workshop.schema.json'}\nnext: strategy-kit check {target}\n")
    assert "Unbekanntes Bundesland: Bavaria" in result.stderr
    text = target.read_text("utf-8")
    assert "  state: Bayern\n" in text and "  - id: hauptamt\n" in text and "organiser: City & Bits" in text
    check = cli("check", "--strict", target)
    assert check.exit_code == 0, check.stdout


def test_options_for_scripts_and_no_overwrite(cli: Invoke, tmp_path: Path) -> None:
    args = ["init", tmp_path, "--no-input", "--template", "follow-up", "--municipality", "Stadt Telgte", "--state", "NW", "--date", "2019-05-14"]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "workshop.yaml").read_text("utf-8")
    assert "  kind: follow-up\n" in text and "  - date: 2019-05-14\n" in text
    assert "departments:" not in text
    before = text
    result = cli(*args)
    assert result.exit_code == 2
    assert "exists already; init never overwrites a file" in result.stderr
    assert (tmp_path / "workshop.yaml").read_text("utf-8") == before
    assert cli("check", tmp_path / "workshop.yaml").exit_code == 0


def test_no_input_needs_the_values(cli: Invoke, tmp_path: Path) -> None:
    result = cli("init", tmp_path, "--no-input", "--state", "NW")
    assert result.exit_code == 2 and "--municipality is required with --no-input" in result.stderr
    result = cli("init", tmp_path, "--no-input", "--municipality", "X", "--state", "NW", "--date", "morgen")
    assert (result.exit_code, result.stderr) == (
        2, "strategy-kit: error: --date: 'morgen' is not a date; write a date as year-month-day like 2027-03-05\n"
    )
    result = cli("init", tmp_path, "--no-input", "--municipality", "X", "--state", "NW", "--date", "2026-03-05", "--date", "6.3.2026")
    assert (result.exit_code, result.stderr) == (
        2, "strategy-kit: error: --date '6.3.2026': write the date as year-month-day; did you mean 2026-03-06?\n"
    )
    assert cli("init", tmp_path, "--template", "retro").exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_unusable_places_are_one_line_not_a_traceback(cli: Invoke, tmp_path: Path) -> None:
    args = ["--no-input", "--municipality", "Stadt Telgte", "--state", "NW", "--date", "2019-05-14"]
    (tmp_path / "file").write_text("x\n", "utf-8")
    result = cli("init", tmp_path / "file" / "sub", *args)
    assert (result.exit_code, result.stderr) == (2, f"{tmp_path / 'file' / 'sub'}:1:1: error: cannot create: Not a directory\n")
    result = cli("init", tmp_path, *args, "--file-name", "sub/workshop.yaml")
    assert result.exit_code == 2
    assert result.stderr == "strategy-kit: error: --file-name 'sub/workshop.yaml': give a file name, not a path; the directory is DIR\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_every_template_passes_check_and_plan_strictly(cli: Invoke, tmp_path: Path) -> None:
    """A new file is clean for both: every block says what it is for, no stretch runs 2h without a break."""
    from strategy_kit.change.init import TEMPLATES

    for template in TEMPLATES:
        where = tmp_path / template
        made = cli(
            "init", where, "--no-input", "--template", template, "--municipality", "Stadt Telgte",
            "--state", "NW", "--date", "2026-03-05", "--department", "Hauptamt",
        )
        assert made.exit_code == 0, made.stderr
        target = where / "workshop.yaml"
        for command in ("check", "plan"):
            result = cli(command, "--strict", target)
            assert result.exit_code == 0, (template, command, result.stderr)
            assert "warning" not in result.stderr, (template, command, result.stderr)
