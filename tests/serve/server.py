"""A real ``strategy-kit serve`` for tests: a child process on loopback, read from its own output.

:func:`running` starts ``strategy-kit serve FILE --port 0`` (any free port), waits
for the lines that name the console, projector and join addresses, and stops
the process (SIGTERM, then SIGKILL) when the block ends. Tests use it wherever
the server must be real: browsers, crashes, other network namespaces.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CONSOLE = re.compile(r"Moderation \(secret\): (http://\S+/console\?token=(\S+))")
PROJECTOR = re.compile(r"Beamer / projector:\s+(http://\S+)")
JOIN = re.compile(r"Teilnahme / join:\s+(http://\S+)")
ROOM = re.compile(r"Zugangsnummer / access number: (\d+)")


@dataclass
class Served:
    """A running room: its process and the addresses it printed."""

    process: subprocess.Popen[str]
    console: str
    token: str
    projector: str
    join: str
    room_code: str | None
    output: list[str]

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT`` (the console's host)."""
        return self.console.split("/console", 1)[0]

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as a crash or a pulled plug."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def command(workshop: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "strategy_kit", "serve", str(workshop), "--port", "0", *args]


@contextmanager
def running(workshop: Path, *args: str, prefix: Sequence[str] = (), timeout: float = 20.0) -> Iterator[Served]:
    """``strategy-kit serve WORKSHOP --port 0 ARGS``, started and stopped around the block.

    ``prefix`` runs it under another command (``ip netns exec NS``). Fails the
    test with the process's output when it does not come up within ``timeout`` seconds.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    process = subprocess.Popen(
        [*prefix, *command(workshop, *args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    output: list[str] = []
    found: dict[str, re.Match[str]] = {}
    deadline = time.monotonic() + timeout
    try:
        assert process.stdout is not None
        while time.monotonic() < deadline and not {"console", "projector", "join"} <= found.keys():
            line = process.stdout.readline()
            if not line:
                break
            output.append(line)
            for name, pattern in (("console", CONSOLE), ("projector", PROJECTOR), ("join", JOIN), ("room", ROOM)):
                match = pattern.search(line)
                if match:
                    found[name] = match
        if not {"console", "projector", "join"} <= found.keys():
            process.kill()
            rest = process.stdout.read()
            raise AssertionError("serve did not start:\n" + "".join(output) + rest)
        if "room" not in found:
            # The room number comes after the join line unless codes are used.
            line = process.stdout.readline()
            output.append(line)
            match = ROOM.search(line)
            if match:
                found["room"] = match
        yield Served(
            process,
            found["console"].group(1),
            found["console"].group(2),
            found["projector"].group(1),
            found["join"].group(1),
            found["room"].group(1) if "room" in found else None,
            output,
        )
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
