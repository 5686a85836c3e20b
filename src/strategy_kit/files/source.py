"""Reading a workshop file from disk without surprises.

Each failure becomes one diagnostic with the right exit status: a missing or
unreadable path is a usage/I-O problem (2); bytes that cannot be a workshop
(too large, not UTF-8) are invalid input (1).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit

#: Far above any real workshop (the Telgte file is about 20 KB), room for the
#: 10 MB documents the benchmark checks, and far below what would make the
#: round-trip parser (about 1 MB a second) take minutes.
MAX_BYTES = 16 * 1024 * 1024
BOM = "\ufeff"


@dataclass(frozen=True)
class Source:
    """A file's decoded text and the raw facts an editor needs to write it back."""

    path: Path
    name: str
    text: str
    raw: bytes
    bom: bool
    mtime_ns: int
    #: Read from a file on disk (not text handed in, not a git revision): the
    #: images it names are judged beside it.
    on_disk: bool = False

    @property
    def newline(self) -> str:
        """The file's line ending, kept when the file is written back."""
        return "\r\n" if "\r\n" in self.text else "\n"


def _fail(name: str, message: str, exit_code: Exit, line: int | None = None, column: int = 1) -> DiagnosticError:
    """One error; without ``line`` it is about the file as a whole (``file: error: no such file``)."""
    place = "" if line is None else None
    return DiagnosticError([Diagnostic(name, line or 1, column, "error", "", message, place)], exit_code)


def read_source(path: Path | str, name: str | None = None) -> Source:
    """Read and decode ``path``; raise :class:`DiagnosticError` with one clear line."""
    path = Path(path)
    shown = name if name is not None else str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(shown, "no such file", Exit.USAGE) from None
    except PermissionError:
        raise _fail(shown, "permission denied", Exit.USAGE) from None
    except OSError as exc:
        raise _fail(shown, f"cannot read: {exc.strerror or exc}", Exit.USAGE) from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(shown, "is a directory, not a YAML file", Exit.USAGE)
    if not stat.S_ISREG(info.st_mode):
        raise _fail(shown, "is not a regular file", Exit.USAGE)
    if info.st_size > MAX_BYTES:
        raise _fail(
            shown,
            f"file is {info.st_size / 1024 / 1024:.1f} MB; a workshop file is at most "
            f"{MAX_BYTES // 1024 // 1024} MB",
            Exit.INVALID,
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise _fail(shown, "permission denied", Exit.USAGE) from None
    except OSError as exc:
        raise _fail(shown, f"cannot read: {exc.strerror or exc}", Exit.USAGE) from None
    if len(raw) > MAX_BYTES:
        raise _fail(shown, f"file grew beyond {MAX_BYTES // 1024 // 1024} MB while reading", Exit.INVALID)
    return decode(raw, shown, path, info.st_mtime_ns)


def decode(raw: bytes, name: str, path: Path | None = None, mtime_ns: int = 0) -> Source:
    """Decode UTF-8 (a BOM is accepted and remembered) or point at the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(
            name,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            Exit.INVALID,
            line,
            column,
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    return Source(path or Path(name), name, text, raw, bom, mtime_ns, on_disk=path is not None)

