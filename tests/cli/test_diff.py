"""``strategy-kit diff`` on a real git repository: sides, formats, exit codes, errors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.compute.test_semdiff import second_version
from tests.gitrepo import EXAMPLES, Invoke, Repo, needs_git

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    root = tmp_path / "strategie"
    shutil.copytree(EXAMPLES / "strategy-repo", root)
    repo = Repo(root, monkeypatch)
    repo.commit("Strategie nach dem Auftakt", "2019-04-01")
    second_version(repo)
    repo.commit("Stand nach dem ersten Folgeworkshop", "2019-06-01")
    monkeypatch.chdir(root)
    return repo


def test_markdown_since_a_revision_is_ready_to_paste(
    cli: Invoke, repo: Repo, golden: Callable[[str, str], None]
) -> None:
    result = cli("diff", "--since", "HEAD~1", "--format", "md")
    assert result.exit_code == 0, result.output
    golden("diff/since-head-1.md", result.stdout)


def test_rev_path_against_rev_path_with_exit_code(cli: Invoke, repo: Repo) -> None:
    result = cli(
        "diff", "HEAD~1:strategy.yaml", "HEAD:strategy.yaml", "--exit-code", "--lang", "en"
    )
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith("Compared: HEAD~1:strategy.yaml → HEAD:strategy.yaml\n")
    assert "  renamed: Mobilität → Smarte Mobilität\n" in out
    assert "  Datenaustausch: status candidate → prioritised\n" in out


def test_no_changes_exit_zero_even_with_exit_code(cli: Invoke, repo: Repo) -> None:
    result = cli("diff", "HEAD:strategy.yaml", "strategy.yaml", "--exit-code")
    assert result.exit_code == 0
    assert result.stdout.endswith("Keine inhaltlichen Änderungen.\n")


def test_working_tree_change_and_json(cli: Invoke, repo: Repo) -> None:
    repo.edit(
        "strategy.yaml", "    status: planned\n    scores", "    status: in-progress\n    scores"
    )
    result = cli("diff", "--since", "HEAD", "strategy.yaml", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["old"] == "HEAD:strategy.yaml" and data["new"] == "strategy.yaml"
    assert data["changes"] == [
        {
            "section": "projects",
            "kind": "status-changed",
            "subject": "infrastruktur-zukunft",
            "title": "Zukunftsfähige Infrastruktur",
            "old": "planned",
            "new": "in-progress",
            "detail": "",
        },
        {
            "section": "projects",
            "kind": "rank-changed",
            "subject": "smarte-mobilitaet",
            "title": "Smarte Mobilität",
            "old": 3,
            "new": 2,
            "detail": "",
        },
        # Work started: the project leaves the ranking of what is up for decision.
        {
            "section": "projects",
            "kind": "rank-changed",
            "subject": "infrastruktur-zukunft",
            "title": "Zukunftsfähige Infrastruktur",
            "old": 2,
            "new": None,
            "detail": "",
        },
    ]


def test_deleted_file_is_read_from_history(cli: Invoke, repo: Repo) -> None:
    (repo.root / "workshops" / "2019-09-massnahmen.yaml").unlink()
    result = cli("diff", "--since", "HEAD", "--format", "json")
    kinds = {(c["kind"], c["subject"]) for c in json.loads(result.stdout)["changes"]}
    assert ("workshop-removed", "workshops/2019-09-massnahmen.yaml") in kinds
    assert ("project-removed", "papierlose-verwaltung") in kinds


def test_unknown_revision_is_a_usage_error(cli: Invoke, repo: Repo) -> None:
    result = cli("diff", "nope:strategy.yaml", "strategy.yaml")
    assert result.exit_code == 2
    assert "strategy-kit: error: nope:strategy.yaml: unknown revision 'nope'" in result.stderr


def test_file_missing_in_revision(cli: Invoke, repo: Repo) -> None:
    result = cli("diff", "HEAD:neu.yaml", "strategy.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("neu.yaml:1:1: error: at HEAD: ")


def test_invalid_side_stops_with_its_diagnostics(cli: Invoke, repo: Repo) -> None:
    repo.edit("strategy.yaml", "status: planned\n    scores", "status: geplannt\n    scores")
    result = cli("diff", "HEAD:strategy.yaml", "strategy.yaml")
    assert result.exit_code == 2
    assert "strategy.yaml:" in result.stderr and "'geplannt' is not allowed" in result.stderr


def test_outside_a_repository(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    shutil.copytree(EXAMPLES / "strategy-repo", plain)
    monkeypatch.chdir(plain)
    result = cli("diff", "HEAD:strategy.yaml", "strategy.yaml")
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr


def test_usage_errors(cli: Invoke, repo: Repo) -> None:
    assert cli("diff", "strategy.yaml").exit_code == 2
    assert cli("diff", "--since", "HEAD", "a.yaml", "b.yaml").exit_code == 2


def test_since_on_a_new_file_lists_it_as_new(cli: Invoke, repo: Repo) -> None:
    new = repo.root / "workshops" / "2020-03-review.yaml"
    text = (repo.root / "workshops" / "2019-09-massnahmen.yaml").read_text(encoding="utf-8")
    new.write_text(
        text.replace("2019-09-17", "2020-03-10")
        .replace("mobilitaetsdaten", "ladesaeulen")
        .replace("papierlose-verwaltung", "e-akte"),
        encoding="utf-8",
    )
    result = cli("diff", "--since", "HEAD", new, "--format", "json", "--exit-code")
    assert result.exit_code == 1
    kinds = [(c["kind"], c["subject"]) for c in json.loads(result.stdout)["changes"]]
    assert ("project-added", "ladesaeulen") in kinds and ("project-added", "e-akte") in kinds
    # A named revision path that does not exist stays an error.
    assert cli("diff", f"HEAD:{new}", new).exit_code == 2


def test_output_file(cli: Invoke, repo: Repo, tmp_path: Path) -> None:
    target = tmp_path / "aenderungen.md"
    assert cli("diff", "--since", "HEAD~1", "-f", "md", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("## Änderungen an der Strategie\n")
    assert cli("diff", "--since", "HEAD~1", "-f", "md", "-o", target).exit_code == 2
    assert cli("diff", "--since", "HEAD~1", "-f", "md", "-o", target, "--force").exit_code == 0


def test_a_file_outside_the_current_directory_is_named_as_given(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    missing = tmp_path / "elsewhere" / "workshop.yaml"
    result = cli("diff", missing, missing)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{missing}: error: no such file\n")


def test_votes_as_a_criterion_rank_in_diff_and_status_as_in_the_report(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14, defect 2: ``report.votes: criterion`` (weight 3) and 30 votes on
    Datenaustausch rank it 1st in the report; diff and status --since said 4th."""
    from tests.compute.test_prioritise import VOTES_MODES, telgte_with

    root = tmp_path / "telgte"
    root.mkdir()
    repo = Repo(root, monkeypatch)
    shutil.copyfile(EXAMPLES / "telgte.yaml", root / "telgte.yaml")
    repo.commit("Auftakt", "2019-04-01")
    telgte_with(root / "telgte.yaml", VOTES_MODES["criterion-weight-3"])
    repo.commit("Stimmen zählen als Kriterium", "2019-05-01")
    monkeypatch.chdir(root)

    report = json.loads(cli("report", "telgte.yaml", "-f", "json").stdout)
    assert report["ranking"][0]["project"] == "datenaustausch"
    diffed = json.loads(cli("diff", "--since", "HEAD~1", "telgte.yaml", "-f", "json").stdout)
    status = json.loads(cli("status", ".", "--since", "HEAD~1", "-f", "json").stdout)
    for changes in (diffed["changes"], status["changes"]):
        moves = {c["subject"]: (c["old"], c["new"]) for c in changes if c["kind"] == "rank-changed"}
        assert moves["datenaustausch"] == (4, 1)


def test_a_folder_that_cannot_be_rolled_up_is_not_compared(cli: Invoke, tmp_path: Path) -> None:
    """As ``status`` refuses it: two files writing the same projects are no one state to compare."""
    folder = tmp_path / "ws"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copyfile(EXAMPLES / "telgte.yaml", folder / name)
    result = cli("diff", folder, folder)
    assert result.exit_code == 2
    assert f"{folder / 'a.yaml'}:" in result.output and f"{folder / 'b.yaml'}:" in result.output
    assert "project 'stadtportal' is also defined in" in result.output
    assert "fix these errors before comparing" in result.output
