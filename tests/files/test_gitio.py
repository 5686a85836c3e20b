"""Old versions of files through git: which commit a date means."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.gitrepo import Repo, needs_git

from strategy_kit.files.gitio import revision_at

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    repo = Repo(tmp_path, monkeypatch)
    (tmp_path / "a.yaml").write_text("version: 1\n", encoding="utf-8")
    repo.commit("first", "2019-03-05")
    (tmp_path / "a.yaml").write_text("version: 1\n# later\n", encoding="utf-8")
    # A commit of tomorrow noon (a clock ahead, or today's noon seen in the morning): git
    # reads a far date as now, which left out such a commit, and against recent ones found none.
    repo.commit("second", (dt.date.today() + dt.timedelta(days=1)).isoformat())
    return repo


def test_a_date_means_the_last_commit_before_it(repo: Repo) -> None:
    first, second = repo.git("rev-list", "--reverse", "HEAD").split()
    assert revision_at(dt.date(2019, 3, 1), repo.root) is None
    assert revision_at(dt.date(2019, 6, 1), repo.root) == first
    assert revision_at(dt.date.today() + dt.timedelta(days=2), repo.root) == second


@pytest.mark.parametrize("year", [2100, 2190, 9999])
def test_a_date_far_ahead_means_the_newest_commit(repo: Repo, year: int) -> None:
    """git reads a written date from 2100 on as none; a typo such as 2190 meant 'no history'."""
    assert revision_at(dt.date(year, 1, 1), repo.root) == repo.git("rev-parse", "HEAD")


def test_last_commit_date_is_the_files_own(repo: Repo) -> None:
    from strategy_kit.files.gitio import last_commit_date

    (repo.root / "b.yaml").write_text("version: 1\n", encoding="utf-8")
    repo.commit("b", "2019-06-12")
    assert last_commit_date(repo.root / "b.yaml") == dt.date(2019, 6, 12)
    assert last_commit_date(repo.root / "a.yaml") == dt.date.today() + dt.timedelta(days=1)
    assert last_commit_date(repo.root / "never.yaml") is None
