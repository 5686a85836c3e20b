"""Real git repositories for tests: fixed identity and dates, no user or system config."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

#: The ``cli`` fixture's type: run ``strategy-kit ARGS`` in-process.
Invoke = Callable[..., Result]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed (apt-get install git)")


class Repo:
    """A git repository in a temporary directory, committed to with fixed dates."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        for key, value in {
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
        }.items():
            monkeypatch.setenv(key, value)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str | None = None, author_date: str | None = None) -> str:
        assert GIT is not None
        env = None
        if date is not None:
            import os

            env = {**os.environ, "GIT_AUTHOR_DATE": author_date or date, "GIT_COMMITTER_DATE": date}
        done = subprocess.run(
            [GIT, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=env,
        )
        return done.stdout.strip()

    def commit(self, message: str, date: str, *, author_date: str | None = None) -> str:
        """Commit everything on ``date`` (committer); the author's date may differ (a rebase)."""
        self.git("add", "-A")
        authored = f"{author_date}T12:00:00+0000" if author_date else None
        self.git("commit", "-q", "-m", message, date=f"{date}T12:00:00+0000", author_date=authored)
        return self.git("rev-parse", "HEAD")

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (relative, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
