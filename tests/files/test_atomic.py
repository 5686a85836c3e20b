"""Atomic writes keep what the user set up around the file: links, devices, permissions."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from strategy_kit.files.atomic import write_bytes_atomic


def test_replaces_a_regular_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "agenda.html"
    real.write_bytes(b"old")
    link = tmp_path / "agenda.html"
    link.symlink_to(real)
    write_bytes_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    dangling = tmp_path / "later.html"
    dangling.symlink_to(tmp_path / "real" / "later.html")
    write_bytes_atomic(dangling, b"created")
    assert dangling.is_symlink() and (tmp_path / "real" / "later.html").read_bytes() == b"created"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """Like -o /dev/stdout or /dev/null: a rename would replace the device itself."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_bytes_atomic(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_read_only_file_is_refused_and_kept(tmp_path: Path) -> None:
    """A rename needs only the folder's permission; a file its owner made read-only stays."""
    import pytest

    from strategy_kit.files.atomic import write_bytes_atomic

    target = tmp_path / "strategy.yaml"
    target.write_bytes(b"kind: strategy\n")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_bytes_atomic(target, b"changed\n")
    assert target.read_bytes() == b"kind: strategy\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["strategy.yaml"]  # no temporary left
