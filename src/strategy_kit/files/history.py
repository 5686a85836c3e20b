"""A file's or a directory's YAML files at every commit that changed them, in two git processes.

The yearly report tells what happened to each measure over the years; that
story is in the repository's history, not in the file. This module reads it:
``git log`` names the commits (following a renamed file), and one
``git cat-file --batch`` process hands over the bytes of every version, however
many there are. A path outside any repository has no history, with a reason;
only a git that fails or hangs raises :class:`~strategy_kit.files.gitio.GitError`.

Dates are committer dates, as in :func:`~strategy_kit.files.gitio.last_commit_date`:
the day a change entered the branch (a rebased or merged change keeps its
author's date, which may lie months before). The history is the first-parent
line of ``HEAD``: a merge counts as one change on the day it was merged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from strategy_kit.files.discovery import YAML_SUFFIXES, is_candidate
from strategy_kit.files.gitio import GitError, git, repo_path

#: The file modes of a regular file in git's trees (symlinks and submodules are not read).
_REGULAR = {"100644", "100755"}
_NO_BLOB = "0" * 40
_FORMAT = "--format=%x01%H %cI"


@dataclass(frozen=True)
class Revision:
    """One commit that changed the path: its id, committer date and the files then.

    ``files`` maps each YAML file's path (relative to the repository root, slash
    notation, as named in that commit) to its bytes; a commit that deleted the
    file has none.
    """

    commit: str
    date: dt.datetime
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def day(self) -> dt.date:
        """The committer's calendar day (git's ``%cs``)."""
        return self.date.date()


@dataclass(frozen=True)
class History:
    """The revisions of a path, oldest first; ``reason`` says why there are none (else empty).

    ``why`` names the reason for a page in another language: ``not-in-git``,
    ``no-commits``, ``not-committed`` or ``git`` (git itself failed to answer).
    """

    root: Path | None
    path: str
    revisions: list[Revision] = field(default_factory=list)
    reason: str = ""
    why: str = ""


@dataclass
class _Commit:
    commit: str
    date: dt.datetime
    # (status, old path, new path, new blob, new mode), in git's order
    changes: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def history(path: Path) -> History:
    """Every commit on ``HEAD``'s first-parent line that changed ``path``, with the bytes then.

    A file is followed across renames (``git log --follow``); a directory's YAML
    files are tracked with rename detection (``-M``), each revision holding all
    of them as they stood after that commit. Three git processes in all
    (``rev-parse``, ``log``, ``cat-file --batch``), however long the history.

    Returns a :class:`History` without revisions and with a ``reason`` when
    ``path`` is not in a git repository, git is missing, or no commit touched
    it. Raises :class:`GitError` when git fails or takes longer than
    :data:`~strategy_kit.files.gitio.TIMEOUT` seconds.
    """
    try:
        root, relative = repo_path(path)
    except GitError as exc:
        why = "not-in-git" if "not a git repository" in str(exc) else "git"
        return History(None, str(path), reason=f"no history: {exc}", why=why)
    # A directory deleted since is still one, as for ``load_revision``: a name without a suffix.
    directory = path.is_dir() or relative == "." or (not path.exists() and not path.suffix)
    args = ["log", "--first-parent", "-m", "--raw", "--no-abbrev", "-z", _FORMAT]
    # A name is a name: "*" or "[" in it must not make git read a pattern.
    literal = f":(literal){relative}"
    if directory:
        args += ["-M", "--"] if relative == "." else ["-M", "--", literal]
    else:
        args += ["--follow", "--", literal]
    try:
        commits = _parse_log(git(args, root))
    except GitError as exc:
        if "does not have any commits" in str(exc):
            return History(root, relative, reason="no history: the repository has no commits yet", why="no-commits")
        raise
    if not commits:
        return History(root, relative, reason=f"no history: no commit changed {relative}", why="not-committed")
    commits.reverse()
    states = _states(commits, directory)
    blobs = _cat(root, sorted({blob for state in states for blob in state.values()}))
    revisions = [
        Revision(c.commit, c.date, {name: blobs[blob] for name, blob in state.items()})
        for c, state in zip(commits, states, strict=True)
    ]
    return History(root, relative, revisions)


def _parse_log(out: bytes) -> list[_Commit]:
    """``git log -z --raw`` records, newest first."""
    tokens = out.split(b"\0")
    commits: list[_Commit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            commit, _, when = token[1:].decode("ascii").partition(" ")
            commits.append(_Commit(commit, dt.datetime.fromisoformat(when)))
        elif token.startswith(b":") and commits:
            meta = token[1:].decode("ascii").split()
            _, mode, _, blob, status = meta[:5]
            count = 2 if status[:1] in ("R", "C") else 1
            names = [t.decode("utf-8", "surrogateescape") for t in tokens[i : i + count]]
            i += count
            commits[-1].changes.append((status[:1], names[0], names[-1], blob, mode))
        elif token:
            raise GitError(f"unexpected output from git log: {token[:60]!r}")
    return commits


def _states(commits: list[_Commit], directory: bool) -> list[dict[str, str]]:
    """The YAML files (path → blob) after each commit, oldest first."""
    state: dict[str, str] = {}
    states: list[dict[str, str]] = []
    for commit in commits:
        if not directory:
            # --follow shows the one file: its path and blob at this commit, or its deletion.
            state = {}
        for status, old, new, blob, mode in commit.changes:
            if status == "R" or status == "D":
                state.pop(old, None)
            if status != "D" and blob != _NO_BLOB and mode in _REGULAR and _wanted(new, directory):
                state[new] = blob
            elif status != "D":
                state.pop(new, None)
        states.append(dict(state))
    return states


def _wanted(name: str, directory: bool) -> bool:
    pure = PurePosixPath(name)
    return not directory or (name.endswith(YAML_SUFFIXES) and is_candidate(Path(pure.name)))


def _cat(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The bytes of every blob, from one ``git cat-file --batch`` process."""
    if not blobs:
        return {}
    out = git(["cat-file", "--batch"], root, stdin="".join(f"{b}\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    at = 0
    for blob in blobs:
        end = out.find(b"\n", at)
        if end < 0:
            raise GitError(f"git cat-file: {blob} missing from its output")
        header = out[at:end].decode("ascii").split()
        if len(header) != 3 or header[0] != blob:
            raise GitError(f"git cat-file: {blob} {' '.join(header[1:]) or 'missing'}")
        size = int(header[2])
        found[blob] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found
