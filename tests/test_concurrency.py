"""Nothing lost: two editors at once, a full disk, a refused directory, a kill before the rename.

Concurrent edits run in real processes (the lock is an OS lock; threads in
one process would not prove it). Each failure leaves the original file
byte-identical, prints one line and exits 2.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from tests.conftest import Invoke

from strategy_kit.change import edit
from strategy_kit.change.edit import VoteChange
from strategy_kit.files import atomic

ROUNDS = 12

_EDITOR = textwrap.dedent(
    """
    import json, sys
    from strategy_kit.cli import main
    path, kind, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    statuses = []
    for n in range(rounds):
        if kind == "vote":
            argv = ["vote", path, "stadtportal", "+1"]
        elif kind == "score":
            argv = ["score", path, "stadtportal", f"wirkung={n % 5 + 1}"]
        else:
            argv = ["fmt", path]
        statuses.append(main(argv))
    print(json.dumps(statuses))
    """
)


def editors(path: Path, *kinds: str) -> list[list[int]]:
    """Start one process per kind at once; each edits ``path`` ROUNDS times."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _EDITOR, str(path), kind, str(ROUNDS)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for kind in kinds
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def votes_and_score(path: Path) -> tuple[int, int]:
    from strategy_kit.check.validate import check_source
    from strategy_kit.files.source import read_source

    result = check_source(read_source(path))
    assert result.document is not None, result.diagnostics
    assert not [d for d in result.diagnostics if d.severity == "error"]
    project = next(p for p in result.document.projects if p.id == "stadtportal")
    return project.votes, int(project.scores["wirkung"])


@pytest.mark.slow
def test_two_processes_voting_at_once_lose_no_vote(telgte: Path) -> None:
    before, _ = votes_and_score(telgte)
    statuses = editors(telgte, "vote", "vote")
    assert statuses == [[0] * ROUNDS, [0] * ROUNDS]
    assert votes_and_score(telgte)[0] == before + 2 * ROUNDS


@pytest.mark.slow
def test_vote_score_and_fmt_at_once_keep_every_change_and_comment(telgte: Path) -> None:
    comments = [line for line in telgte.read_text("utf-8").splitlines() if line.lstrip().startswith("#")]
    before, _ = votes_and_score(telgte)
    vote, score, fmt = editors(telgte, "vote", "score", "fmt")
    assert vote == score == [0] * ROUNDS and set(fmt) <= {0}
    votes, wirkung = votes_and_score(telgte)
    assert votes == before + ROUNDS
    assert wirkung == (ROUNDS - 1) % 5 + 1
    after = [line.strip() for line in telgte.read_text("utf-8").splitlines() if line.lstrip().startswith("#")]
    assert after == [line.strip() for line in comments]
    assert [p.name for p in telgte.parent.iterdir() if p.name != "fotos"] == ["telgte.yaml"]


def test_an_editor_waits_for_the_lock_then_gives_up_cleanly(telgte: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock held too long (a hung editor) is a one-line refusal, the file untouched."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('locked', flush=True); time.sleep(600)", str(telgte)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(atomic, "LOCK_SECONDS", 0.5)
        before = telgte.read_bytes()
        start = time.monotonic()
        result = cli("vote", telgte, "stadtportal", "+1")
        # It waited for the lock, then gave up while the holder still held it
        # (the holder sleeps far longer than any loaded machine needs here).
        assert time.monotonic() - start >= 0.5
        assert result.exit_code == 2
        assert holder.poll() is None
        assert "held the file" in result.output and "nothing written" in result.output
        assert telgte.read_bytes() == before
    finally:
        holder.kill()
        holder.communicate()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_edit_of_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path, cli: Invoke) -> None:
    fifo = tmp_path / "ws.yaml"
    os.mkfifo(fifo)
    for argv in (["vote", fifo, "stadtportal", "+1"], ["fmt", fifo]):
        result = cli(*argv)
        assert result.exit_code == 2 and "not a regular file" in result.output, result.output


def _fail_with(error: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    return fail


@pytest.mark.parametrize(
    ("where", "error", "message"),
    [
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("mkstemp", errno.ENOSPC, "No space left on device"),
        ("mkstemp", errno.EACCES, "Permission denied"),
        ("replace", errno.EACCES, "Permission denied"),
        ("fsync", errno.EIO, "Input/output error"),
    ],
)
@pytest.mark.parametrize("command", [["vote", "stadtportal", "+1"], ["score", "stadtportal", "wirkung=1"], ["fmt"]])
def test_an_injected_write_failure_leaves_the_file_as_it_was(
    telgte: Path, cli: Invoke, monkeypatch: pytest.MonkeyPatch, where: str, error: int, message: str, command: list[str]
) -> None:
    if command == ["fmt"]:
        telgte.write_bytes(telgte.read_bytes().replace(b"\n  title: ", b"\n  title:   ", 1))
    before = telgte.read_bytes()
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _fail_with(error))
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _fail_with(error))
    else:
        monkeypatch.setattr(Path, "replace", _fail_with(error))
    result = cli(command[0], telgte, *command[1:])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert len(errors) == 1 and message in errors[0], result.output
    assert telgte.read_bytes() == before
    assert [p.name for p in telgte.parent.iterdir() if p.name != "fotos"] == ["telgte.yaml"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny tmpfs needs root")
def test_a_really_full_disk_leaves_the_file_as_it_was(tmp_path: Path, cli: Invoke) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        target = mount / "telgte.yaml"
        target.write_bytes((Path(__file__).parents[1] / "examples" / "telgte.yaml").read_bytes())
        filler = mount / "filler"
        with filler.open("wb", buffering=0) as handle, pytest.raises(OSError):
            while True:
                handle.write(b"x" * 4096)
        before = target.read_bytes()
        result = cli("vote", target, "stadtportal", "+1")
        assert result.exit_code == 2, result.output
        assert "No space left on device" in result.output
        assert target.read_bytes() == before
        assert sorted(p.name for p in mount.iterdir()) == ["filler", "telgte.yaml"]
    finally:
        subprocess.run(["umount", str(mount)], check=False)


_KILL_BEFORE_RENAME = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from strategy_kit.change import edit
    Path.replace = lambda self, target: os.kill(os.getpid(), signal.SIGKILL)
    edit.set_votes(sys.argv[1], {"stadtportal": edit.VoteChange(99, False)})
    """
)


def test_a_killed_writers_temporary_file_is_removed_by_the_next_edit(telgte: Path) -> None:
    """Chosen: the next write of the same file removes leftovers older than a minute.

    A younger one may belong to a writer still at work (a rendered output of
    the same name), so it stays until it is old.
    """
    before = telgte.read_bytes()
    for _ in range(2):
        process = subprocess.run(
            [sys.executable, "-c", _KILL_BEFORE_RENAME, str(telgte)], capture_output=True, check=False, timeout=60
        )
        assert process.returncode == -signal.SIGKILL
    assert telgte.read_bytes() == before
    leftovers = sorted(p for p in telgte.parent.iterdir() if p.name not in ("telgte.yaml", "fotos"))
    assert len(leftovers) == 2
    old = time.time() - atomic.STALE_SECONDS - 5
    os.utime(leftovers[0], (old, old))
    edit.set_votes(telgte, {"stadtportal": VoteChange(1, False)})
    assert sorted(p for p in telgte.parent.iterdir() if p.name not in ("telgte.yaml", "fotos")) == leftovers[1:]
    assert "votes: 1\n" in telgte.read_text("utf-8")
