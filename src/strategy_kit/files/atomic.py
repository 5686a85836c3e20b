"""Atomic file writes: a reader or a crash sees the old file or the new one, never half.

The new content goes to a temporary file in the same directory (so the rename
cannot cross file systems), is flushed and fsynced, gets the old file's
permission bits, and is renamed over the target; the directory is fsynced so
the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: A temporary file this old was left by a writer that died (a kill, a power cut);
#: a live writer renames its own within milliseconds.
STALE_SECONDS = 60
#: How long an editor waits for another one to finish with the same file.
LOCK_SECONDS = 10.0


class LockTimeout(OSError):
    """Another process held the file's lock for longer than :data:`LOCK_SECONDS`."""


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` for a whole read-modify-write cycle.

    The lock is on the file itself, so no lock file is left behind. An atomic
    write replaces the file (a new inode), so after waiting the lock is taken
    again on whatever the path names now. A path that cannot be opened, or a
    system without ``flock``, is not locked: reading it then reports the real
    problem, and the check that the file did not change before writing remains.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    timeout = LOCK_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + timeout
    while True:
        try:
            # Non-blocking: opening a FIFO for reading would wait for a writer forever.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            yield
            return
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                yield  # reading it reports that it is no workshop file
                return
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockTimeout(
                            0, f"another program has held the file for {timeout:g} s; try again"
                        ) from None
                    time.sleep(0.02)
            try:
                current = Path(path).stat()
            except OSError:
                current = None
            if current is not None and current.st_ino == os.fstat(fd).st_ino:
                yield
                return
        finally:
            os.close(fd)  # releases the lock


def write_bytes_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permissions.

    A file that is read-only (no write bit, or not writable by this user) raises
    :class:`PermissionError` and stays as it is. A symbolic link stays a link
    (its target is replaced), and a device or
    pipe (``-o /dev/stdout``, ``/dev/null``, a FIFO) is written to, never
    renamed over: run as root, a rename would replace ``/dev/null`` itself.
    """
    path = Path(path)
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with path.open("wb") as handle:
            handle.write(data)
        return
    if path.is_symlink():
        path = path.resolve()
    if info is not None and (not info.st_mode & 0o222 or not os.access(path, os.W_OK)):
        # A rename needs only the directory's permission: without this, a file its
        # owner made read-only (or one this user may not write) would be replaced.
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    directory = path.parent if str(path.parent) else Path()
    if mode is None:
        if info is not None:
            mode = stat.S_IMODE(info.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).chmod(mode)
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp).unlink()
        raise
    _fsync_directory(directory)
    _remove_stale_temporaries(path)


def _remove_stale_temporaries(path: Path) -> None:
    """Delete what a killed writer of ``path`` left: ``.NAME.*.tmp`` older than a minute."""
    now = time.time()
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime > STALE_SECONDS and leftover.is_file():
                leftover.unlink()


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
