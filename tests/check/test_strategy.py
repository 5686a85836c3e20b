"""References from workshop files into a shared strategy.yaml, checked across files."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_kit.check.strategy import resolved
from strategy_kit.check.validate import check_file, load_document
from strategy_kit.document.model import Status


def line_of(path: Path, text: str, start: int = 1) -> int:
    """1-based number of the first line at or after ``start`` containing ``text``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number >= start and text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def kickoff(strategy_repo: Path) -> Path:
    return strategy_repo / "workshops" / "2019-03-auftakt.yaml"


def test_example_repository_is_valid_without_warnings(strategy_repo: Path) -> None:
    files = [strategy_repo / "strategy.yaml", *sorted((strategy_repo / "workshops").glob("*.yaml"))]
    for path in files:
        result = check_file(path)
        assert result.diagnostics == [], path
        assert result.strategy is not None


def test_workshop_uses_the_strategys_fields_and_projects(kickoff: Path) -> None:
    loaded = load_document(kickoff)
    own = loaded.check.document
    assert own is not None and own.fields_of_action == []
    assert resolved(own, loaded.strategy) == loaded.document
    full = loaded.document
    assert [f.id for f in full.fields_of_action][:2] == ["infrastruktur", "digitales-rathaus"]
    ids = [p.id for p in full.projects]
    assert ids[0] == "stadtportal" and ids[-2:] == ["digitale-ratsarbeit", "wlan-schulen"]
    assert full.projects[0].status is Status.IN_PROGRESS


def test_unknown_field_points_at_the_workshop_line_with_a_suggestion(kickoff: Path) -> None:
    edit(kickoff, "fields: [infrastruktur]", "fields: [infrastuktur]")
    result = check_file(kickoff)
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert error.file == str(kickoff)
    assert error.line == line_of(kickoff, "fields: [infrastuktur]")
    assert "unknown field of action 'infrastuktur'; did you mean 'infrastruktur'?" in error.message
    assert result.exit_code == 1


def test_parent_may_be_a_strategy_project_but_must_exist(strategy_repo: Path) -> None:
    sprint = strategy_repo / "workshops" / "2019-05-konkretisierung.yaml"
    assert check_file(sprint).diagnostics == []
    edit(sprint, "parent: stadtportal", "parent: stadtportl")
    (error,) = check_file(sprint).diagnostics
    assert error.line == line_of(sprint, "parent: stadtportl")
    assert "did you mean 'stadtportal'" in error.message


def test_project_defined_twice_across_files_names_both_places(
    strategy_repo: Path, kickoff: Path
) -> None:
    edit(kickoff, "id: wlan-schulen", "id: datenaustausch")
    (error,) = check_file(kickoff).diagnostics
    strategy_line = line_of(strategy_repo / "strategy.yaml", "id: datenaustausch")
    assert error.line == line_of(kickoff, "id: datenaustausch")
    assert error.path == "projects[datenaustausch].id"
    assert error.message == (
        f"project 'datenaustausch' is already defined in {strategy_repo / 'strategy.yaml'}:"
        f"{strategy_line}; define it in one place"
    )


def test_missing_strategy_file_points_at_the_reference(kickoff: Path) -> None:
    edit(kickoff, "strategy: ../strategy.yaml", "strategy: ../strategie.yaml")
    result = check_file(kickoff)
    first = result.diagnostics[0]
    assert (first.line, first.path) == (line_of(kickoff, "strategy: ../strategie.yaml"), "strategy")
    assert first.message == "cannot use strategy file '../strategie.yaml': no such file"
    assert result.document is None and result.exit_code == 1


def test_error_inside_the_strategy_is_reported_at_its_own_file_and_line(
    strategy_repo: Path, kickoff: Path
) -> None:
    strategy = strategy_repo / "strategy.yaml"
    edit(strategy, "status: candidate\n    scores", "status: kandiat\n    scores")
    result = check_file(kickoff)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert len(errors) == 1
    assert errors[0].file == str(strategy)
    assert errors[0].line == line_of(strategy, "status: kandiat")
    assert "'kandiat' is not allowed" in errors[0].message
    assert result.document is None


def test_a_workshop_file_is_not_a_strategy(kickoff: Path, strategy_repo: Path) -> None:
    other = strategy_repo / "workshops" / "2019-05-konkretisierung.yaml"
    edit(kickoff, "strategy: ../strategy.yaml", "strategy: 2019-05-konkretisierung.yaml")
    (error,) = check_file(kickoff).diagnostics
    assert (
        error.message
        == "'2019-05-konkretisierung.yaml' is not a strategy file (it has no 'kind: strategy')"
    )
    assert other.exists()


def test_strategy_typo_suggests_a_strategy_key(strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    edit(strategy, "vision: >-", "visoin: >-")
    messages = [d.message for d in check_file(strategy).diagnostics]
    assert "unknown key 'visoin'; did you mean 'vision'?" in messages
    assert "missing required key 'vision'" in messages


def test_strategy_file_cannot_be_loaded_as_a_workshop(strategy_repo: Path) -> None:
    from strategy_kit.document.diagnostics import DiagnosticError

    with pytest.raises(DiagnosticError) as caught:
        load_document(strategy_repo / "strategy.yaml")
    assert "is a strategy file" in caught.value.diagnostics[0].message
    assert "(rank and export take a strategy file)" in caught.value.diagnostics[0].message
    assert load_document(strategy_repo / "strategy.yaml", strategy=True).document.workshop.title == (
        "Digitale Strategie der Stadt Telgte"
    )


def test_a_workshop_of_another_municipality_than_its_strategy_is_an_error(
    kickoff: Path, strategy_repo: Path
) -> None:
    """Issue 14, defect 4: it passed check, and then status could not roll it up."""
    line = line_of(kickoff, "name: Stadt Telgte")
    edit(kickoff, "name: Stadt Telgte", "name: Stadt Anders")
    result = check_file(kickoff)
    (error,) = result.diagnostics
    assert str(error) == (
        f"{kickoff}:{line}:9: error: municipality.name: 'Stadt Anders' is not the municipality of "
        f"the strategy file {strategy_repo / 'strategy.yaml'} (Stadt Telgte (05570044)); a workshop belongs to its "
        "strategy's municipality"
    )
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("name: Stadt Telgte", "name: STADT  Telgte"),  # case and spacing aside
        ("name: Stadt Telgte", "name: \"Stadt\\u00a0Telgte\""),  # a no-break space
        ("state: Nordrhein-Westfalen\n", "state: Nordrhein-Westfalen\n  ags: '05570044'\n"),
    ],
)
def test_the_same_municipality_spelt_otherwise_is_no_error(kickoff: Path, old: str, new: str) -> None:
    edit(kickoff, old, new)
    assert check_file(kickoff).diagnostics == []


def test_the_ags_decides_when_both_have_one(kickoff: Path) -> None:
    edit(kickoff, "state: Nordrhein-Westfalen\n", "state: Nordrhein-Westfalen\n  ags: '05570045'\n")
    (error,) = check_file(kickoff).diagnostics
    assert error.path == "municipality.ags"
    assert "'05570045' is not the municipality of the strategy file" in error.message
    kickoff.write_text(
        kickoff.read_text(encoding="utf-8").replace("05570045", "05570044").replace("Stadt Telgte", "Telgte"),
        encoding="utf-8",
    )
    assert check_file(kickoff).diagnostics == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [("ws", "is a directory, not a YAML file"), ("list.yaml", "a workshop or strategy file is a mapping")],
)
def test_a_strategy_reference_to_no_strategy_file_says_what_it_found(tmp_path: Path, target: str, expected: str) -> None:
    """The reason speaks of the file that was named, not of a workshop file."""
    (tmp_path / "ws").mkdir()
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    workshop = tmp_path / "w.yaml"
    workshop.write_text(
        f"version: 1\nstrategy: {target}\nmunicipality: {{name: T, state: Bayern}}\n"
        "workshop: {title: T, organiser: O, goal: G}\n",
        encoding="utf-8",
    )
    messages = [d.message for d in check_file(workshop).diagnostics]
    assert any(expected in m and "workshop file" not in m for m in messages), messages


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("review: 2020-02-30", "'2020-02-30' is no date in the calendar (February 2020 has 29 days)"),
        ("review: [2020-03-01", "expected ',' or ']'"),
    ],
)
def test_a_strategy_file_yaml_cannot_read_is_reported_at_its_own_place(
    strategy_repo: Path, kickoff: Path, broken: str, message: str
) -> None:
    strategy = strategy_repo / "strategy.yaml"
    edit(strategy, "review: 2020-03-01", broken)
    result = check_file(kickoff)
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert error.file == str(strategy)
    assert error.line >= line_of(strategy, broken)  # an unclosed list is found where the file goes on
    assert message in error.message
    assert result.document is None and result.exit_code == 1
