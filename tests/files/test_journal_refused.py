"""A write the disk refuses half-way leaves the journal as it was: the next event starts a line of its own."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from strategy_kit.files import journal


def test_a_write_cut_short_by_a_full_disk_is_taken_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "workshop.yaml"
    file.write_text("version: 1\n", encoding="utf-8")
    log, _ = journal.open_journal(file)
    real_write = os.write
    calls = []

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data)[:10])  # the disk took ten bytes
        raise OSError(errno.ENOSPC, "No space left on device")

    with log:
        log.append({"event": "before"})
        monkeypatch.setattr(os, "write", full_disk)
        with pytest.raises(OSError, match="No space left"):
            log.append_many([{"event": "ballot", "round": "r", "voter": "v" * 20}, {"event": "x"}])
        monkeypatch.setattr(os, "write", real_write)
        log.append({"event": "after"})
    assert calls[0] > 10
    assert journal.journal_path(file).read_bytes() == b'{"event":"before"}\n{"event":"after"}\n'
    assert [e["event"] for e in journal.replay(journal.journal_path(file)).events] == ["before", "after"]


def test_a_refused_fsync_takes_the_lines_back_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "workshop.yaml"
    file.write_text("version: 1\n", encoding="utf-8")
    log, _ = journal.open_journal(file)
    real_fsync = os.fsync
    failed = []

    def failing(fd: int) -> None:
        if not failed:
            failed.append(fd)
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    with log:
        log.append({"event": "before"})
        monkeypatch.setattr(os, "fsync", failing)
        with pytest.raises(OSError, match="Input/output"):
            log.append({"event": "lost"})
        monkeypatch.setattr(os, "fsync", real_fsync)
        log.append({"event": "after"})
    assert [e["event"] for e in journal.replay(journal.journal_path(file)).events] == ["before", "after"]


def test_a_journal_that_cannot_be_cut_back_takes_no_more_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "workshop.yaml"
    file.write_text("version: 1\n", encoding="utf-8")
    log, _ = journal.open_journal(file)
    real_write = os.write

    def half(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data)[:5])
        raise OSError(errno.EIO, "Input/output error")

    def no_truncate(fd: int, size: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with log:
        log.append({"event": "before"})
        monkeypatch.setattr(os, "write", half)
        monkeypatch.setattr(os, "ftruncate", no_truncate)
        with pytest.raises(OSError):
            log.append({"event": "lost"})
        monkeypatch.undo()
        with pytest.raises(OSError, match="could not be repaired"):
            log.append({"event": "after"})
    # Opened again, the half line is the torn last line: cut off, never counted.
    reopened, past = journal.open_journal(file)
    with reopened:
        assert past.torn is not None
        assert [e["event"] for e in past.events] == ["before"]
        reopened.append({"event": "after"})
    assert [e["event"] for e in journal.replay(journal.journal_path(file)).events] == ["before", "after"]
