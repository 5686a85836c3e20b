"""Reading old versions of strategy files through the real ``git`` program.

Only plumbing that every git since 2.0 understands (``show``, ``ls-tree``,
``rev-parse``, ``rev-list``), always with a timeout, never with a shell. A
path is given as the user sees it on disk; the repository is found from the
nearest existing directory, so ``HEAD~1:workshops/old.yaml`` works even after
the file was deleted from the working tree.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

#: Seconds any one git call may take before it counts as hanging.
TIMEOUT = 60


class GitError(Exception):
    """git is missing, the path is outside a repository, or the revision is unknown."""


def git(args: list[str], cwd: Path, *, stdin: bytes | None = None) -> bytes:
    """The output of ``git ARGS`` run in ``cwd`` (``stdin`` fed to it), or a :class:`GitError`.

    One process, no shell, at most :data:`TIMEOUT` seconds; git's first line of
    complaint becomes the error's message.
    """
    return _git(args, cwd, stdin)


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed or not on PATH")
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            [exe, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = lines[0] if lines else f"git {args[0]} failed"
        raise GitError(message.removeprefix("fatal: "))
    return done.stdout


def _existing_dir(path: Path) -> Path:
    path = path.absolute()
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()


def toplevel(path: Path) -> Path:
    """The working tree root of the repository that holds (or held) ``path``."""
    out = _git(["rev-parse", "--show-toplevel"], _existing_dir(path))
    return Path(out.decode("utf-8").strip())


def repo_path(path: Path) -> tuple[Path, str]:
    """(repository root, ``path`` relative to it in git's slash notation)."""
    root = toplevel(path)
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        relative = absolute.relative_to(root.resolve())
    except ValueError:
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            raise GitError(f"{path} is outside the repository {root}") from None
    return root, relative.as_posix()


def show(rev: str, path: Path) -> bytes:
    """The bytes of ``path`` as committed in ``rev`` (``git show REV:PATH``)."""
    root, relative = repo_path(path)
    return _git(["show", f"{rev}:{relative}"], root)


def exists(rev: str, path: Path) -> bool:
    """Whether ``path`` was committed in ``rev`` (a file or a directory)."""
    root, relative = repo_path(path)
    try:
        _git(["cat-file", "-e", f"{rev}:{'' if relative == '.' else relative}"], root)
    except GitError:
        return False
    return True


def verify(rev: str, path: Path) -> str:
    """The full commit id of ``rev``, or a :class:`GitError` naming the bad revision."""
    root = toplevel(path)
    try:
        out = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    except GitError:
        raise GitError(f"unknown revision {rev!r}") from None
    return out.decode("ascii").strip()


def list_files(rev: str, directory: Path) -> list[Path]:
    """Files under ``directory`` in ``rev``, as paths on disk (they may no longer exist)."""
    root, relative = repo_path(directory)
    args = ["ls-tree", "-r", "-z", "--name-only", rev]
    if relative not in ("", "."):
        args += ["--", relative]
    out = _git(args, root)
    return [root / name for name in out.decode("utf-8").split("\0") if name]


#: 2099-12-31 23:59:59 UTC, the latest moment git reads as written (it reads later ones as now).
LAST_MOMENT = 4_102_444_799


def revision_at(when: dt.date, path: Path) -> str | None:
    """The last commit before ``when`` (local midnight), or None when the history starts later.

    The moment goes to git as a Unix timestamp (``@N``): git reads a written date
    from 2100 on as no date and answered "no commit", so a mistyped year made
    every project look new.
    """
    moment = int(dt.datetime.combine(when, dt.time()).timestamp())
    if moment <= 0:  # before 1970: no git commit is that old
        return None
    # git reads ``@N`` from 2100 on as "now" too, which leaves out a commit dated later today.
    moment = min(moment, LAST_MOMENT)
    out = _git(["rev-list", "-1", f"--before=@{moment}", "HEAD"], toplevel(path))
    rev = out.decode("ascii").strip()
    return rev or None


def last_commit_date(path: Path) -> dt.date | None:
    """The committer date of the last commit that changed ``path``; None when none did.

    Raises :class:`GitError` when git is missing or ``path`` is outside a repository.
    """
    root, relative = repo_path(path)
    out = _git(["log", "-1", "--format=%cs", "--", relative], root).decode("ascii").strip()
    return dt.date.fromisoformat(out) if out else None
