"""Atomic file writes: a reader or a crash sees the old file or the new one, never half.

The new content goes to a temporary file in the same directory (so the rename
cannot cross file systems), is flushed and fsynced, gets the old file's
permission bits, and is renamed over the target; the directory is fsynced so
the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permissions.

    A symbolic link stays a link (its target is replaced), and a device or
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
