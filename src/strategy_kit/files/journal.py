"""The live room's journal: one JSON object a line, appended, beside the workshop file.

``.strategy-kit/FILE.journal.jsonl`` next to ``FILE`` holds every event of the
room (rounds opened, closed, revealed; ballots; paper dots; sessions started
and ended; totals written), in the order they happened. The room is rebuilt
from it after a crash (:func:`strategy_kit.compute.ballots.replay`).

* :meth:`Journal.append` writes one whole line with one ``write``, then
  ``os.fsync``: when it returns the event survives a kill or a power cut, and
  only then is a phone told that its ballot counts.
* :func:`replay` reads every complete line. A last line cut off by a kill in
  the middle of a write was never confirmed: it is left out and reported
  (:attr:`Replay.torn`), and :func:`open_journal` cuts it off before appending.
  A line that is not a JSON object anywhere else is an error at its line.
* :func:`purge_ballots` rewrites the journal atomically without the ballots of
  rounds whose totals were written (the retention rule); the totals stay.

The journal holds what the events hold: opaque voter keys and participant
codes, never a name. The folder is its owner's only and ignores itself in git
(a ``.gitignore`` of ``*``), so the raw ballots are never committed with the
workshop. One process writes a journal at a time (a lock file beside it); a
second is refused.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit

#: The folder beside the workshop file that holds its journal.
FOLDER = ".strategy-kit"
#: A line longer than this is no event of the room (a ballot is a few hundred bytes).
MAX_LINE = 256 * 1024


def journal_path(workshop: Path | str) -> Path:
    """``dir/.strategy-kit/NAME.journal.jsonl`` for the workshop file ``dir/NAME``.

    A symbolic link is followed first: the file has one journal (and one lock)
    whatever name it is opened by, so two rooms never write one file.
    """
    workshop = Path(workshop)
    if workshop.is_symlink():
        workshop = workshop.resolve()
    return workshop.parent / FOLDER / f"{workshop.name}.journal.jsonl"


def keys_path(workshop: Path | str) -> Path:
    """``dir/.strategy-kit/NAME.room.json``: the room's secrets, kept so that a restart changes nothing."""
    journal = journal_path(workshop)
    return journal.with_name(journal.name.removesuffix(".journal.jsonl") + ".room.json")


def room_keys(
    workshop: Path | str, make: Callable[[], dict[str, str]], valid: Callable[[dict[str, str]], bool]
) -> dict[str, str]:
    """The room's keys of the workshop file (its facilitator token, CSRF key, room number), made by
    ``make`` and kept (owner-only, written atomically) on the first start, read back on every later one.

    A room started again after a crash or a stop keeps its console address, its
    room number and every phone's join: nothing on the projector or the phones
    goes stale. Deleting the file starts a room with new keys. A file that is
    not a JSON object of strings, or that ``valid`` refuses, is made again. Raises :class:`DiagnosticError`
    (exit 2) when it can be neither read nor written.
    """
    from strategy_kit.files.atomic import write_bytes_atomic

    path = keys_path(workshop)
    try:
        value = json.loads(path.read_bytes())
        if (
            isinstance(value, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
            and valid(value)
        ):
            return value
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        pass
    made = make()
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_bytes_atomic(path, json.dumps(made, sort_keys=True).encode("utf-8") + b"\n", mode=0o600)
    except OSError as exc:
        raise _error(path, 1, f"cannot keep the room's keys: {exc.strerror or exc}", Exit.USAGE) from None
    return made


@dataclass(frozen=True)
class Torn:
    """A last line cut off in the middle of its write: where it starts and how many bytes it has."""

    line: int
    offset: int
    size: int


@dataclass
class Replay:
    """The events of a journal in order, and the torn last line left out, if any."""

    events: list[dict[str, Any]] = field(default_factory=list)
    torn: Torn | None = None


def _error(path: Path, line: int, message: str, exit_code: Exit = Exit.INVALID) -> DiagnosticError:
    return DiagnosticError([Diagnostic(str(path), line, 1, "error", "", message)], exit_code)


def _parse(raw: bytes) -> dict[str, Any] | str:
    """The event of one line, or why it is none."""
    if len(raw) > MAX_LINE:
        return f"a line of {len(raw)} bytes, longer than {MAX_LINE}"
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except ValueError as exc:
        return f"not JSON ({exc})"
    if not isinstance(value, dict) or not isinstance(value.get("event"), str):
        return 'not an event (a JSON object with "event")'
    return value


def read_events(data: bytes, path: Path) -> Replay:
    """The events in ``data``, the bytes of the journal at ``path`` (named in errors).

    Raises :class:`DiagnosticError` (exit 1) at the first line, not the last,
    that is not an event.
    """
    result = Replay()
    lines = data.split(b"\n")
    offset = 0
    last = len(lines) - 1
    # After the final newline split() leaves b"": a complete journal ends there.
    while last >= 0 and not lines[last].strip():
        last -= 1
    for number, raw in enumerate(lines, start=1):
        start = offset
        offset += len(raw) + 1
        if number - 1 > last:
            break
        if not raw.strip():
            continue
        parsed = _parse(raw)
        if isinstance(parsed, str):
            if number - 1 == last:
                result.torn = Torn(number, start, len(raw))
                break
            raise _error(path, number, f"{parsed}; the journal is damaged before its last line")
        result.events.append(parsed)
    return result


def replay(path: Path | str) -> Replay:
    """Every complete event of the journal at ``path``; a missing journal has none.

    A torn last line is left out and reported in :attr:`Replay.torn`, never
    raised. Raises :class:`DiagnosticError`: exit 1 for a damaged line before
    the last (its line number), exit 2 when the file cannot be read.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Replay()
    except OSError as exc:
        raise _error(path, 1, f"cannot read the journal: {exc.strerror or exc}", Exit.USAGE) from None
    return read_events(data, path)


def encode(event: Mapping[str, Any]) -> bytes:
    """One event as one line: compact JSON, UTF-8, ending in a newline (no newline inside)."""
    line = json.dumps(event, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return line.encode("utf-8") + b"\n"


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[int]:
    """Hold ``PATH.lock`` exclusively, or raise exit 2: another process writes this journal."""
    import fcntl

    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _error(path, 1, "another process keeps this journal open (is the room already running?)", Exit.USAGE) from None
        yield fd
    finally:
        os.close(fd)


class Journal:
    """An open journal: appends, each durable when :meth:`append` returns.

    Made by :func:`open_journal`; holds the journal's lock until :meth:`close`.
    """

    def __init__(self, path: Path, fd: int, lock: contextlib.ExitStack) -> None:
        self.path = path
        self._fd = fd
        self._lock = lock
        self._damaged: str | None = None

    def append(self, event: Mapping[str, Any]) -> None:
        """Write ``event`` as one line, flushed and fsynced before returning.

        Raises ``ValueError`` for an event that is not JSON (a NaN, an object)
        and ``OSError`` when the disk refuses; then nothing was confirmed.
        """
        self.append_many([event])

    def append_many(self, events: Sequence[Mapping[str, Any]]) -> None:
        """Write ``events`` in order, one line each, with one ``write`` loop and one ``fsync``.

        A group commit: the live room confirms every ballot of the batch only
        after this returns. Raises as :meth:`append`; an event that is not JSON
        refuses the whole batch before anything is written. When the disk
        refuses the write or the ``fsync``, what was written of the batch is
        cut off again before ``OSError`` is raised: the journal stays as it was.
        """
        lines = []
        for item in events:
            line = encode(item)
            if len(line) > MAX_LINE:
                raise ValueError(f"an event of {len(line)} bytes, longer than {MAX_LINE}")
            lines.append(line)
        data = b"".join(lines)
        if not data:
            return
        if self._damaged is not None:
            raise OSError(f"the journal could not be repaired after a failed write: {self._damaged}")
        start = os.fstat(self._fd).st_size
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError:
            self._take_back(start)
            raise

    def _take_back(self, size: int) -> None:
        """Cut off what a refused write left (half a line, or lines not synced): none of it was confirmed.

        Left in place, the next event would follow half a line and the journal
        would be damaged before its last line. When even the cut fails, the
        journal takes no more events until it is opened again (which cuts a
        torn last line).
        """
        try:
            os.ftruncate(self._fd, size)
            os.fsync(self._fd)
        except OSError as exc:
            self._damaged = exc.strerror or str(exc)

    def purge_ballots(self) -> int:
        """:func:`purge_ballots` of this open journal: rewritten under its lock, then appended to again."""
        os.close(self._fd)
        self._fd = -1
        try:
            return _purge(self.path)
        finally:
            self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self._lock.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_journal(workshop: Path | str) -> tuple[Journal, Replay]:
    """Open (or start) the journal of the workshop file ``workshop`` for appending, and its events so far.

    A torn last line is cut off first (it was never confirmed), so the next
    event starts a line of its own; :attr:`Replay.torn` still reports it. The
    folder is made readable by its owner only. Raises :class:`DiagnosticError`
    as :func:`replay` does, and exit 2 when another process holds the journal.
    """
    path = journal_path(workshop)
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            # The room's raw ballots stay on this machine: a `git add -A` of the workshop leaves them out.
            ignore.write_text("*\n", encoding="utf-8")
    except OSError as exc:
        raise _error(path, 1, f"cannot make {path.parent}: {exc.strerror or exc}", Exit.USAGE) from None
    stack = contextlib.ExitStack()
    try:
        stack.enter_context(_exclusive(path))
        past = replay(path)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        if past.torn is not None:
            os.ftruncate(fd, past.torn.offset)
            os.fsync(fd)
        elif os.fstat(fd).st_size and not _ends_with_newline(fd):
            # Complete JSON without its newline (the kill came between the two): end the line.
            os.write(fd, b"\n")
            os.fsync(fd)
    except BaseException:
        stack.close()
        raise
    _fsync_directory(path.parent)
    return Journal(path, fd, stack), past


def _ends_with_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    return os.pread(fd, 1, size - 1) == b"\n"


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def purge_ballots(workshop: Path | str) -> int:
    """Remove the raw ballots of every round whose totals were written; the number removed.

    The journal is rewritten atomically (:func:`strategy_kit.files.atomic.write_bytes_atomic`):
    a crash leaves the old journal or the new one. Its other events stay, the
    ``totals-written`` event with the round's totals too, so the room replays
    to the same results. A torn last line is dropped. Raises
    :class:`DiagnosticError` as :func:`open_journal` does; call it with the
    journal closed (it takes the journal's lock).
    """
    path = journal_path(workshop)
    if not path.exists():
        return 0
    with _exclusive(path):
        return _purge(path)


def _purge(path: Path) -> int:
    from strategy_kit.files.atomic import write_bytes_atomic

    events = replay(path).events
    written = {e.get("round") for e in events if e["event"] == "totals-written"}
    kept = [e for e in events if not (e["event"] == "ballot" and e.get("round") in written)]
    removed = len(events) - len(kept)
    if removed:
        write_bytes_atomic(path, b"".join(encode(e) for e in kept))
    return removed
