"""What may be rolled up together: one municipality, each project defined in one file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.check.test_strategy import line_of
from tests.conftest import Invoke
from tests.gitrepo import EXAMPLES

from strategy_kit.check import repository
from strategy_kit.check.repository import (
    MunicipalityChoice,
    Repository,
    group,
    load_worktree,
    members,
    pick,
    rollup_problems,
)
from strategy_kit.check.validate import load_document
from strategy_kit.document.diagnostics import DiagnosticError, Exit
from strategy_kit.document.municipality import municipality_key


def workshop(
    municipality: str = "Stadt Telgte",
    *,
    ags: str | None = None,
    project: str = "stadtportal",
    progress: int = 80,
    title: str = "Workshop",
) -> str:
    """A small valid workshop file with one project in progress; the project's id stands on line 7."""
    key = f", ags: '{ags}'" if ags else ""
    return f"""version: 1
municipality: {{name: {municipality}, state: Nordrhein-Westfalen{key}}}
workshop: {{title: {title}, organiser: O, goal: G}}
fields_of_action: [{{id: f, title: F}}]
projects:
  # line 6
  - id: {project}
    title: Stadtportal
    fields: [f]
    status: in-progress
    progress: {progress}
"""


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def problems_of(folder: Path, *, collection: bool = False) -> list[str]:
    results = load_worktree([folder])
    assert all(r.diagnostics == [] for r in results), "every file on its own is valid"
    return [str(d) for d in rollup_problems(members(results), str(folder), collection=collection)]


def test_a_project_defined_in_two_files_is_an_error_at_both_places(tmp_path: Path) -> None:
    # Issue 14, defect 4: the roll-up kept one of them (80 % or 10 %) without a word.
    folder = write(tmp_path, a=workshop(progress=80), b=workshop(progress=10))
    a, b = folder / "a.yaml", folder / "b.yaml"
    assert problems_of(folder) == [
        f"{a}:7:9: error: project 'stadtportal' is also defined in {b}:7; a roll-up counts "
        "each project once, so define it in one file (shared ones in the strategy file)",
        f"{b}:7:9: error: project 'stadtportal' is also defined in {a}:7; a roll-up counts "
        "each project once, so define it in one file (shared ones in the strategy file)",
    ]
    # check DIR compares them too: both files are of one municipality.
    assert len(problems_of(folder, collection=True)) == 2


def test_three_places_name_the_two_others(tmp_path: Path) -> None:
    folder = write(tmp_path, a=workshop(), b=workshop(), c=workshop(project="anderes"), d=workshop())
    found = problems_of(folder)
    assert len(found) == 3
    assert f"is also defined in {folder / 'b.yaml'}:7 and {folder / 'd.yaml'}:7;" in found[0]


def test_projects_of_the_shared_strategy_file_count_once(strategy_repo: Path) -> None:
    # Three workshops refer to strategy.yaml and its six projects; that is no clash.
    assert problems_of(strategy_repo) == []
    assert problems_of(EXAMPLES / "strategy-repo") == []
    # Rolling up only the workshops still brings the strategy in once.
    assert problems_of(strategy_repo / "workshops") == []


def test_a_workshop_repeating_a_strategy_project_it_does_not_refer_to_clashes(strategy_repo: Path) -> None:
    write(strategy_repo / "workshops", extra=workshop())
    strategy = strategy_repo / "strategy.yaml"
    line = line_of(strategy, "- id: stadtportal")
    found = problems_of(strategy_repo)
    assert found[0].startswith(f"{strategy}:{line}:9: error: project 'stadtportal' is also defined in ")
    assert found[1].startswith(f"{strategy_repo / 'workshops' / 'extra.yaml'}:7:9: error: ")
    assert f"is also defined in {strategy}:{line};" in found[1]


def test_files_of_several_municipalities_are_one_error_naming_them(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        telgte=workshop(),
        warstein=workshop("Stadt Warstein", project="a"),
        ahlen1=workshop("Stadt Ahlen", ags="05570004", project="b"),
        ahlen2=workshop("Stadt  ahlen", project="c"),
        ahlen3=workshop("Stadt Ahlen", project="d"),
        ahlen4=workshop("Stadt Ahlen", project="e"),
    )
    (found,) = problems_of(folder)
    assert found == (
        f"{folder}:1:1: error: files of 3 municipalities cannot be rolled up into one: "
        f"Stadt Ahlen (05570004): {folder / 'ahlen1.yaml'}, {folder / 'ahlen2.yaml'}, "
        f"{folder / 'ahlen3.yaml'} and 1 more; Stadt Telgte: {folder / 'telgte.yaml'}; "
        f"Stadt Warstein: {folder / 'warstein.yaml'}; choose one with --municipality"
    )
    # A folder of unrelated workshops may be checked: it is a collection, not a roll-up.
    assert problems_of(folder, collection=True) == []


def test_the_ags_decides_when_both_files_have_one(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        a=workshop(ags="05570044", project="a"),
        b=workshop(ags="05570045", project="b"),
        c=workshop(project="c"),
    )
    groups = group(members(load_worktree([folder]))).groups
    # a and b share the name but not the key; c (no key) could be either, so it is in neither.
    assert [[m.name for m in g] for g in groups] == [[str(folder / "a.yaml")], [str(folder / "b.yaml")]]
    # Without b, c goes by its name, with a.
    (folder / "b.yaml").unlink()
    groups = group(members(load_worktree([folder]))).groups
    assert [[m.name for m in g] for g in groups] == [[str(folder / "a.yaml"), str(folder / "c.yaml")]]


def test_pick_one_municipality_by_name_or_ags(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "strategy-repo", tmp_path / "repo")
    shutil.copy(EXAMPLES / "executive-program-kickoff.yaml", tmp_path / "repo")
    results = load_worktree([tmp_path / "repo"])
    assert len(group(members(results)).groups) == 2
    for wanted in ("Stadt Telgte", " stadt  telgte", "05570044"):
        telgte = pick(results, wanted)
        assert len(telgte) == 4
        assert rollup_problems(members(telgte), "repo") == []
    (warstein,) = pick(results, "Stadt Warstein")
    assert warstein.name.endswith("executive-program-kickoff.yaml")


def test_an_unknown_municipality_is_a_usage_error_with_a_suggestion(strategy_repo: Path) -> None:
    results = load_worktree([strategy_repo])
    with pytest.raises(MunicipalityChoice) as caught:
        pick(results, "Telgte")
    assert str(caught.value) == (
        "no file here is of municipality 'Telgte' "
        "(found: Stadt Telgte (05570044)); did you mean 'Stadt Telgte'?"
    )


def test_files_with_errors_bring_nothing(strategy_repo: Path) -> None:
    kickoff = strategy_repo / "workshops" / "2019-03-auftakt.yaml"
    kickoff.write_text(
        kickoff.read_text(encoding="utf-8").replace("status: idea", "status: ideas", 1), encoding="utf-8"
    )
    names = [m.name for m in members(load_worktree([strategy_repo]))]
    assert str(kickoff) not in names
    assert len(names) == 3


def test_many_files_on_several_cores_bring_the_same_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strategy_kit.check import validate

    folder = write(tmp_path, a=workshop(), b=workshop(), c="version: 2\n", d=workshop("Stadt Ahlen"))
    files = sorted(folder.glob("*.yaml"))
    monkeypatch.setattr(validate, "PARALLEL_FILES", 2)
    serial = list(repository.check_members(files, jobs=1))
    assert [m is None for _, m in serial] == [False, False, True, False]
    assert list(repository.check_members(files, jobs=2)) == serial


# -- issue 14, defect 4: the cases a roll-up still got wrong ----------------------------------

#: One municipality spelt four ways: composed, decomposed (as macOS tools may save it),
#: with a no-break space, and in capitals with extra spaces.
MUENSTER = ("Stadt M\u00fcnster", "Stadt Mu\u0308nster", "Stadt\u00a0M\u00fcnster", "STADT   M\u00dcNSTER")


def test_unicode_spellings_of_one_name_are_one_municipality(tmp_path: Path) -> None:
    folder = write(
        tmp_path, **{name: workshop(spelling, project=name) for name, spelling in zip("abcd", MUENSTER, strict=True)}
    )
    results = load_worktree([folder])
    assert len(group(members(results)).groups) == 1
    assert problems_of(folder) == []
    assert len(pick(results, "stadt m\u00fcnster")) == 4
    assert len(pick(results, "STADT MU\u0308NSTER")) == 4


def test_one_name_key_for_grouping_and_picking() -> None:
    assert len({municipality_key(name) for name in MUENSTER}) == 1
    assert municipality_key(" Stadt\tTelgte ") == municipality_key("stadt telgte")
    assert municipality_key("Stadt Telgte") != municipality_key("Stadt Telgt")


def write_alphas(folder: Path) -> Path:
    """Two municipalities named alike, told apart by their AGS, and a file without one."""
    return write(
        folder,
        a=workshop("Stadt Alpha", ags="09162000", project="a"),
        d=workshop("Stadt Alpha", ags="09162999", project="d"),
        e=workshop("Stadt Alpha", project="e"),
    )


@pytest.fixture
def alphas(tmp_path: Path) -> Path:
    return write_alphas(tmp_path / "alphas")


def _unplaced(folder: Path, name: str) -> str:
    return (
        f"{folder / name}:2:22: error: municipality.name: 'Stadt Alpha' without an AGS could be "
        f"any of 2 municipalities here: Stadt Alpha (09162000): {folder / 'a.yaml'}; "
        f"Stadt Alpha (09162999): {folder / 'd.yaml'}; give this file its municipality.ags"
    )


def test_a_file_without_an_ags_whose_name_fits_several_is_an_error_not_a_guess(alphas: Path) -> None:
    found = problems_of(alphas)
    assert _unplaced(alphas, "e.yaml") in found
    assert not any(m.name.endswith("e.yaml") for g in group(members(load_worktree([alphas]))).groups for m in g)
    # The order of the file names decides nothing.
    (alphas / "d.yaml").rename(alphas / "0d.yaml")
    assert [p for p in problems_of(alphas) if p.startswith(f"{alphas / 'e.yaml'}:2:22: error: ")] == [
        f"{alphas / 'e.yaml'}:2:22: error: municipality.name: 'Stadt Alpha' without an AGS could be "
        f"any of 2 municipalities here: Stadt Alpha (09162999): {alphas / '0d.yaml'}; "
        f"Stadt Alpha (09162000): {alphas / 'a.yaml'}; give this file its municipality.ags"
    ]


@pytest.mark.parametrize("ags", ["09162000", "09162999"])
def test_picking_an_ags_the_unplaced_file_may_be_of_is_an_error_at_it(alphas: Path, ags: str) -> None:
    results = load_worktree([alphas])
    with pytest.raises(DiagnosticError) as caught:
        pick(results, ags)
    assert caught.value.exit_code == Exit.INVALID
    assert [str(d) for d in caught.value.diagnostics] == [_unplaced(alphas, "e.yaml")]


def test_picking_a_name_of_several_municipalities_asks_for_the_ags(alphas: Path) -> None:
    results = load_worktree([alphas])
    with pytest.raises(MunicipalityChoice) as caught:
        pick(results, "stadt alpha")
    assert str(caught.value) == (
        "--municipality 'stadt alpha' names 2 municipalities: Stadt Alpha (09162000), "
        "Stadt Alpha (09162999); choose one by its AGS"
    )


def test_picking_another_municipality_is_not_stopped_by_the_unplaced_file(alphas: Path) -> None:
    write(alphas, b=workshop("Stadt Beta", project="b"))
    (beta,) = pick(load_worktree([alphas]), "Stadt Beta")
    assert beta.name.endswith("b.yaml")


# -- the portfolio a workshop's progress figures are computed over ----------------------------


def test_a_workshop_sees_the_projects_of_its_whole_strategy_repository(strategy_repo: Path) -> None:
    """The sibling workshops of the same strategy file bring theirs (issue 14, defect 3)."""
    loaded = load_document(strategy_repo / "workshops" / "2019-09-massnahmen.yaml")
    assert "online-bezahlen" not in {p.id for p in loaded.document.projects}
    found = repository.portfolio(loaded)
    status = Repository.from_results(load_worktree([strategy_repo])).projects()
    assert {p.id for p in found.projects} == {e.project.id for e in status}
    assert found.skipped == []


def test_files_of_another_strategy_stay_out_and_unreadable_ones_are_named(strategy_repo: Path) -> None:
    """Online bezahlen moves to a workshop of another strategy file in the tree: it no longer counts."""
    strategy = (strategy_repo / "strategy.yaml").read_text(encoding="utf-8")
    moved = strategy_repo / "workshops" / "2019-05-konkretisierung.yaml"
    text = moved.read_text(encoding="utf-8").replace("../strategy.yaml", "strategie.yaml")
    write(strategy_repo / "andere", strategie=strategy, eigener=text)
    moved.unlink()
    write(strategy_repo / "workshops", kaputt="projects: [unclosed")
    found = repository.portfolio(load_document(strategy_repo / "workshops" / "2019-09-massnahmen.yaml"))
    assert [(Path(d.file).name, d.severity) for d in found.skipped] == [("kaputt.yaml", "warning")]
    assert "online-bezahlen" not in {p.id for p in found.projects}
    assert "stadtportal" in {p.id for p in found.projects}


def test_a_workshop_without_a_strategy_sees_its_own_projects(tmp_path: Path) -> None:
    write(tmp_path, a=workshop(), b=workshop(project="other"))
    loaded = load_document(tmp_path / "a.yaml")
    assert repository.portfolio(loaded) == repository.Portfolio(list(loaded.document.projects))


def test_a_project_written_in_two_sibling_workshops_is_warned_about_at_both(strategy_repo: Path) -> None:
    """status refuses such a folder; a workshop's report still renders and says why."""
    september = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    text = september.read_text(encoding="utf-8").replace(
        "projects:\n", "projects:\n  - {id: online-bezahlen, title: Online bezahlen, fields: [digitales-rathaus]}\n", 1
    )
    september.write_text(text, encoding="utf-8")
    found = repository.portfolio(load_document(september))
    places = sorted((Path(d.file).name, d.severity) for d in found.skipped if "online-bezahlen" in d.message)
    assert places == [("2019-05-konkretisierung.yaml", "warning"), ("2019-09-massnahmen.yaml", "warning")]


def test_a_sibling_never_decides_the_figure_of_a_project_the_workshop_holds(strategy_repo: Path, cli: Invoke) -> None:
    """An earlier sibling that drops the workshop's own sub-project: its figure stays the workshop's."""
    march = strategy_repo / "workshops" / "2019-03-auftakt.yaml"
    text = march.read_text(encoding="utf-8")
    marker = "projects:\n" if "\nprojects:\n" in text else None
    assert marker is not None
    march.write_text(
        text.replace(marker, marker + "  - {id: online-bezahlen, title: Online bezahlen, fields: [digitales-rathaus], status: dropped}\n", 1),
        encoding="utf-8",
    )
    may = strategy_repo / "workshops" / "2019-05-konkretisierung.yaml"
    found = repository.portfolio(load_document(may))
    assert next(p for p in found.projects if p.id == "online-bezahlen").status.value == "planned"
    result = cli("export", may, "-f", "decidim")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output


def test_the_portfolio_reads_neither_the_workshop_nor_its_strategy_file_again(
    strategy_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    september = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    loaded = load_document(september)
    read: list[str] = []
    real = repository.check_file

    def spy(path: Path | str, name: str | None = None, **kwargs: object) -> object:
        read.append(Path(path).name)
        return real(path, name)

    monkeypatch.setattr(repository, "check_file", spy)
    repository.portfolio(loaded)
    assert sorted(read) == ["2019-03-auftakt.yaml", "2019-05-konkretisierung.yaml"]


def test_problems_counts_a_strategy_files_error_once_however_many_workshops_refer_to_it(strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("\nreview: 2020-03-01\n", "\nreview: 2020-02-30\n", 1), encoding="utf-8")
    results = load_worktree([strategy_repo / "workshops"])  # the strategy file only through the workshops
    assert len(results) == 3 and all(r.diagnostics for r in results)
    found = repository.problems(results)
    assert [(d.line, d.column) for d in found] == [(30, 9)]
    assert "February 2020 has 29 days" in found[0].message


def test_load_repository_is_the_state_status_and_the_report_read(tmp_path: Path, strategy_repo: Path) -> None:
    from strategy_kit.check.repository import MunicipalityChoice, load_repository

    repo = load_repository(strategy_repo)
    assert len(repo.workshops) == 3 and "stadtportal" in [entry.project.id for entry in repo.projects()]
    with pytest.raises(DiagnosticError) as empty:
        load_repository(write(tmp_path / "leer"))
    assert empty.value.exit_code is Exit.USAGE
    folder = write(tmp_path / "zwei", a=workshop(), b=workshop())
    with pytest.raises(DiagnosticError) as twice:
        load_repository(folder)
    assert twice.value.exit_code is Exit.INVALID
    assert "project 'stadtportal' is also defined in" in twice.value.diagnostics[0].message
    folder = write(tmp_path / "orte", a=workshop(), b=workshop("Stadt Warstein", project="portal"))
    assert [entry.project.id for entry in load_repository(folder, "Stadt Warstein").projects()] == ["portal"]
    with pytest.raises(MunicipalityChoice, match="no file here is of municipality 'Stadt Ahlen'"):
        load_repository(folder, "Stadt Ahlen")
    (strategy_repo / "workshops" / "2019-03-auftakt.yaml").write_text("version: 1\nworkshop: [\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as broken:
        load_repository(strategy_repo)
    assert broken.value.exit_code is Exit.INVALID and "YAML syntax" in broken.value.diagnostics[0].message
