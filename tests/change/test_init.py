"""New workshop files: valid, formatted, with the schema line, never over an existing file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategy_kit.change.init import (
    TEMPLATES,
    InitOptions,
    build,
    create_exclusive,
    init_workshop,
    parse_state,
    workshop_dates,
)
from strategy_kit.check.validate import check_file
from strategy_kit.document.diagnostics import DiagnosticError
from strategy_kit.files.fmt import format_text


def options(template: str = "kick-off") -> InitOptions:
    return InitOptions(
        municipality="Stadt Telgte",
        state="NW",
        dates=[dt.date(2026, 3, 5)],
        departments=["Fachbereich 1: Zentrale Dienste", "Fachbereich 2", "Fachbereich 2"],
        template=template,
        organiser="City & Bits",
    )


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_are_valid_without_warnings_and_formatted(tmp_path: Path, template: str) -> None:
    written = init_workshop(tmp_path, options(template))
    path = written[0]
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=workshop.schema.json\n")
    result = check_file(path)
    assert result.exit_code == 0 and result.diagnostics == [], result.diagnostics
    assert format_text(text) == text
    assert result.document is not None
    assert result.document.workshop.kind == template
    assert (tmp_path / "workshop.schema.json").is_file()


def test_kick_off_has_two_days_on_weekdays() -> None:
    text = build(InitOptions("Gemeinde X", "Bayern", [dt.date(2026, 3, 6)], template="kick-off"))
    assert "  - date: 2026-03-06\n" in text and "  - date: 2026-03-09\n" in text  # Friday, Monday
    assert 'start: "09:00"' in text


def test_duplicate_department_names_get_distinct_ids() -> None:
    text = build(options())
    assert "  - id: fachbereich-2\n" in text and "  - id: fachbereich-2-2\n" in text
    assert 'name: "Fachbereich 1: Zentrale Dienste"' in text


def test_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "workshop.yaml"
    target.write_text("mine\n", "utf-8")
    with pytest.raises(DiagnosticError, match="exists already"):
        init_workshop(tmp_path, options())
    assert target.read_text("utf-8") == "mine\n"
    with pytest.raises(FileExistsError):
        create_exclusive(target, b"other")
    assert target.read_text("utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workshop.yaml"]


def test_existing_schema_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "workshop.schema.json").write_text("{}", "utf-8")
    written = init_workshop(tmp_path / ".", options(), "a.yaml")
    assert [p.name for p in written] == ["a.yaml"]
    assert (tmp_path / "workshop.schema.json").read_text("utf-8") == "{}"


def test_parse_state_and_dates() -> None:
    assert parse_state("nw").value == "Nordrhein-Westfalen"
    assert parse_state("bayern").value == "Bayern"
    with pytest.raises(ValueError, match="unknown federal state 'Bavaria'"):
        parse_state("Bavaria")
    assert workshop_dates([dt.date(2026, 1, 2)], 2) == [dt.date(2026, 1, 2), dt.date(2026, 1, 5)]
    with pytest.raises(ValueError):
        workshop_dates([], 1)
    with pytest.raises(ValueError, match="unknown template"):
        build(InitOptions("X", "NW", [dt.date(2026, 1, 2)], template="retro"))


def test_a_directory_that_cannot_be_made_is_one_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "in-the-way").write_text("a file\n", "utf-8")
    for directory, message in [
        (tmp_path / "in-the-way", "is a file, not a directory"),
        (tmp_path / "in-the-way" / "below", "cannot create: Not a directory"),
    ]:
        with pytest.raises(DiagnosticError) as caught:
            init_workshop(directory, options())
        assert caught.value.exit_code == 2
        assert [(d.file, d.message) for d in caught.value.diagnostics] == [(str(directory), message)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in-the-way"]


def test_a_file_that_cannot_be_written_is_one_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only directory (root may write anyway, so the refusal is simulated)."""
    import strategy_kit.change.init

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(strategy_kit.change.init, "create_exclusive", refuse)
    with pytest.raises(DiagnosticError) as caught:
        init_workshop(tmp_path, options())
    assert caught.value.exit_code == 2
    assert caught.value.diagnostics[0].message == "cannot write: Permission denied"


@pytest.mark.parametrize("name", ["", "/", ".", "..", "sub/w.yaml", "../w.yaml"])
def test_the_file_name_is_a_name_not_a_path(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="give a file name, not a path"):
        init_workshop(tmp_path / "new", options(), name)
    assert list(tmp_path.iterdir()) == []
