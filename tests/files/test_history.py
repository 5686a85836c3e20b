"""A path's history from git: commits, committer dates, renames followed, bytes in one batch."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.gitrepo import Repo, needs_git

from strategy_kit.files.gitio import GitError
from strategy_kit.files.history import history

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return Repo(tmp_path, monkeypatch)


def write(repo: Repo, name: str, text: str) -> None:
    path = repo.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_file_is_followed_across_a_rename_with_its_bytes_at_each_commit(repo: Repo) -> None:
    write(repo, "strategie.yaml", "a: 1\n")
    first = repo.commit("first", "2019-03-05")
    write(repo, "other.yaml", "x: 1\n")
    repo.commit("another file only", "2019-04-01")
    write(repo, "strategie.yaml", "a: 2\n")
    second = repo.commit("second", "2019-05-06")
    repo.git("mv", "strategie.yaml", "strategy.yaml")
    renamed = repo.commit("renamed", "2019-06-07")
    write(repo, "strategy.yaml", "a: 3\n")
    third = repo.commit("third", "2020-01-02")

    found = history(repo.root / "strategy.yaml")

    assert found.reason == ""
    assert found.path == "strategy.yaml"
    assert [(r.commit, r.day, r.files) for r in found.revisions] == [
        (first, dt.date(2019, 3, 5), {"strategie.yaml": b"a: 1\n"}),
        (second, dt.date(2019, 5, 6), {"strategie.yaml": b"a: 2\n"}),
        (renamed, dt.date(2019, 6, 7), {"strategy.yaml": b"a: 2\n"}),
        (third, dt.date(2020, 1, 2), {"strategy.yaml": b"a: 3\n"}),
    ]


def test_the_date_is_the_committers_as_last_commit_date_says(repo: Repo) -> None:
    """A rebased change was written in March and entered the branch in May: May counts."""
    from strategy_kit.files.gitio import last_commit_date

    write(repo, "strategy.yaml", "a: 1\n")
    repo.commit("rebased", "2019-05-06", author_date="2019-03-01")
    (revision,) = history(repo.root / "strategy.yaml").revisions
    assert revision.day == dt.date(2019, 5, 6) == last_commit_date(repo.root / "strategy.yaml")
    assert revision.date == dt.datetime(2019, 5, 6, 12, tzinfo=dt.UTC)


def test_a_deleted_file_has_a_revision_without_it(repo: Repo) -> None:
    write(repo, "strategy.yaml", "a: 1\n")
    repo.commit("first", "2019-03-05")
    (repo.root / "strategy.yaml").unlink()
    write(repo, "keep.txt", "")
    repo.commit("deleted", "2019-04-01")
    revisions = history(repo.root / "strategy.yaml").revisions
    assert [r.files for r in revisions] == [{"strategy.yaml": b"a: 1\n"}, {}]


def test_a_directory_holds_all_its_yaml_files_after_each_commit(repo: Repo) -> None:
    write(repo, "strategie/strategy.yaml", "s: 1\n")
    write(repo, "strategie/workshops/a.yaml", "w: 1\n")
    write(repo, "strategie/README.md", "not YAML\n")
    write(repo, "strategie/.pre-commit-config.yaml", "repos: []\n")
    write(repo, "outside.yaml", "o: 1\n")
    repo.commit("first", "2019-03-05")
    write(repo, "strategie/workshops/a.yaml", "w: 2\n")
    repo.commit("second", "2019-04-01")
    repo.git("mv", "strategie/workshops/a.yaml", "strategie/workshops/b.yaml")
    repo.commit("renamed", "2019-05-01")
    (repo.root / "strategie" / "strategy.yaml").unlink()
    repo.commit("deleted", "2019-06-01")
    write(repo, "outside.yaml", "o: 2\n")
    repo.commit("outside only", "2019-07-01")

    found = history(repo.root / "strategie")

    assert found.path == "strategie"
    assert [(r.day.month, r.files) for r in found.revisions] == [
        (3, {"strategie/strategy.yaml": b"s: 1\n", "strategie/workshops/a.yaml": b"w: 1\n"}),
        (4, {"strategie/strategy.yaml": b"s: 1\n", "strategie/workshops/a.yaml": b"w: 2\n"}),
        (5, {"strategie/strategy.yaml": b"s: 1\n", "strategie/workshops/b.yaml": b"w: 2\n"}),
        (6, {"strategie/workshops/b.yaml": b"w: 2\n"}),
    ]


def test_a_path_outside_any_repository_has_no_history_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "strategy.yaml").write_text("a: 1\n", encoding="utf-8")
    for path in (tmp_path, tmp_path / "strategy.yaml"):
        found = history(path)
        assert found.revisions == []
        assert found.root is None
        assert found.reason.startswith("no history: not a git repository"), found.reason


def test_a_file_never_committed_and_a_repository_without_commits(repo: Repo) -> None:
    empty = history(repo.root / "strategy.yaml")
    assert (empty.revisions, empty.reason) == ([], "no history: the repository has no commits yet")
    write(repo, "a.yaml", "a: 1\n")
    repo.commit("first", "2019-03-05")
    never = history(repo.root / "strategy.yaml")
    assert (never.revisions, never.reason) == ([], "no history: no commit changed strategy.yaml")


def test_a_git_that_fails_is_a_git_error(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo, "strategy.yaml", "a: 1\n")
    repo.commit("first", "2019-03-05")
    real = subprocess.run

    def hanging(args: list[str], **kwargs: Any) -> Any:
        if "cat-file" in args:
            raise subprocess.TimeoutExpired(args, 60)
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", hanging)
    with pytest.raises(GitError, match="git cat-file took longer than 60 s"):
        history(repo.root / "strategy.yaml")


def count_git(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record every git process started from here on."""
    started: list[list[str]] = []
    real: Callable[..., Any] = subprocess.run

    def counting(args: list[str], **kwargs: Any) -> Any:
        if Path(args[0]).name.startswith("git"):
            started.append(args[1:])
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    return started


@pytest.mark.parametrize("target", ["strategy.yaml", "."])
def test_the_number_of_git_processes_does_not_grow_with_the_history(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    counts = []
    for commits in (3, 30):
        for month in range(commits):
            write(repo, "strategy.yaml", f"month: {len(counts)}-{month}\n")
            repo.commit(f"month {month}", f"{2000 + len(counts) * 10 + month // 12}-{month % 12 + 1:02d}-01")
        with monkeypatch.context() as patch:
            started = count_git(patch)
            found = history(repo.root / target)
        assert len(found.revisions) == commits + 3 * len(counts)
        counts.append(len(started))
    assert counts == [3, 3]


def test_a_name_with_pattern_characters_is_that_name_only(repo: Repo) -> None:
    write(repo, "a*.yaml", "star: 1\n")
    write(repo, "ab.yaml", "b: 1\n")
    repo.commit("first", "2019-03-05")
    write(repo, "ab.yaml", "b: 2\n")
    repo.commit("only ab", "2019-04-01")
    assert [r.files for r in history(repo.root / "a*.yaml").revisions] == [{"a*.yaml": b"star: 1\n"}]


def test_a_merged_branch_is_one_change_on_the_day_of_the_merge(repo: Repo) -> None:
    write(repo, "strategy.yaml", "a: 1\n")
    repo.commit("first", "2019-03-05")
    repo.git("checkout", "-q", "-b", "draft")
    write(repo, "strategy.yaml", "a: 2\n")
    repo.commit("draft 1", "2019-04-01")
    write(repo, "strategy.yaml", "a: 3\n")
    repo.commit("draft 2", "2019-04-02")
    repo.git("checkout", "-q", "main")
    write(repo, "other.yaml", "o: 1\n")
    repo.commit("meanwhile", "2019-04-03")
    repo.git("merge", "-q", "--no-ff", "-m", "merged", "draft", date="2019-05-10T12:00:00+0000")
    for target in ("strategy.yaml", "."):
        revisions = history(repo.root / target).revisions
        assert [(r.day, r.files.get("strategy.yaml")) for r in revisions] == [
            (dt.date(2019, 3, 5), b"a: 1\n"),
            *([(dt.date(2019, 4, 3), b"a: 1\n")] if target == "." else []),
            (dt.date(2019, 5, 10), b"a: 3\n"),
        ]


def test_a_directory_deleted_since_is_read_as_a_directory(repo: Repo) -> None:
    write(repo, "alt/strategy.yaml", "s: 1\n")
    write(repo, "alt/workshops/a.yaml", "w: 1\n")
    repo.commit("first", "2019-03-05")
    repo.git("rm", "-q", "-r", "alt")
    write(repo, "keep.txt", "")
    repo.commit("gone", "2019-04-01")
    revisions = history(repo.root / "alt").revisions
    assert [r.files for r in revisions] == [
        {"alt/strategy.yaml": b"s: 1\n", "alt/workshops/a.yaml": b"w: 1\n"},
        {},
    ]
