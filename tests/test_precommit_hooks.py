"""The pre-commit hooks, run through the real pre-commit framework against a temporary repository.

pre-commit installs strategy-kit from a git repository into an environment of
its own (from the package index), which takes a while the first time. The
hook repository is a snapshot of this source tree committed with fixed dates,
so its commit id, and with it pre-commit's cached environment (kept in
pytest's cache directory), only change when the code does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.gitrepo import EXAMPLES, GIT, needs_git

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
#: Installing the hook environment downloads and builds; never wait for ever.
TIMEOUT = 900


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = {h["id"]: h for h in clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert hooks["strategy-kit-check"]["entry"] == "strategy-kit check --quiet"
    assert hooks["strategy-kit-fmt"]["entry"] == "strategy-kit fmt --check"
    assert all(h["language"] == "python" and h["types"] == ["yaml"] for h in hooks.values())


def _git(cwd: Path, *args: str) -> str:
    assert GIT is not None
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2019-03-05T12:00:00+0000",
        "GIT_COMMITTER_DATE": "2019-03-05T12:00:00+0000",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        [GIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()


def _hook_repository(base: Path) -> tuple[Path, str]:
    """This source tree as a git repository at a stable path and commit."""
    parts = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "templates"]
    digest = hashlib.sha256()
    for part in parts:
        path = ROOT / part
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files if path.is_dir() else [path]:
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    target = base / f"strategy-kit-{digest.hexdigest()[:12]}"
    if not (target / ".git").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for part in parts:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target / part)
        _git(target, "init", "-q", "-b", "main")
        _git(target, "add", "-A")
        _git(target, "commit", "-q", "-m", "snapshot for the hook test")
    return target, _git(target, "rev-parse", "HEAD")


@needs_git
@pytest.mark.slow
def test_hooks_through_pre_commit(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pytest.importorskip("pre_commit")
    # With ``-p no:cacheprovider`` the config has no cache; a fresh directory then.
    store = getattr(request.config, "cache", None)
    cache = Path(store.mkdir("pre-commit")) if store is not None else tmp_path
    hook_repo, rev = _hook_repository(cache / "repos")
    work = tmp_path / "strategie"
    shutil.copytree(EXAMPLES / "strategy-repo", work)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_uri()}\n    rev: {rev}\n"
        "    hooks:\n      - id: strategy-kit-check\n      - id: strategy-kit-fmt\n",
        encoding="utf-8",
    )
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache / "home"), "NO_COLOR": "1", "SKIP": ""}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*PRE_COMMIT, "run", "--all-files", "--color", "never"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "strategy-kit check" in passed.stdout and "strategy-kit fmt --check" in passed.stdout
    assert passed.stdout.count("Passed") == 2

    kickoff = work / "workshops" / "2019-03-auftakt.yaml"
    kickoff.write_text(
        kickoff.read_text(encoding="utf-8").replace("status: idea", "status: ideas", 1),
        encoding="utf-8",
    )
    _git(work, "add", "-A")
    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "workshops/2019-03-auftakt.yaml:" in failed.stdout
    assert "error: projects[digitale-ratsarbeit].status: 'ideas' is not allowed" in failed.stdout

    # Valid again, but laid out by hand: only the fmt hook fails.
    kickoff.write_text(
        kickoff.read_text(encoding="utf-8").replace("status: ideas", "status: idea", 1).replace("\n  ", "\n    "),
        encoding="utf-8",
    )
    _git(work, "add", "-A")
    unformatted = run()
    assert unformatted.returncode == 1, unformatted.stdout + unformatted.stderr
    assert unformatted.stdout.count("Passed") == 1
    assert "workshops/2019-03-auftakt.yaml: not formatted" in unformatted.stdout
