"""The live room under a room's load, against a real ``strategy-kit serve`` process.

Two measurements, run by ``benchmarks/run.py`` (or alone: ``python benchmarks/live.py``):

* :func:`startup`: the time from spawning ``serve`` to the first ``200`` of
  ``/projector``, interleaved with a floor measured the same way: a bare
  Starlette application of one route on uvicorn, which imports the same web
  stack and binds a socket but reads no workshop file and renders no page.
* :func:`room`: 200 simulated phones, each its own HTTP client from its own
  loopback address (as phones on a Wi-Fi have their own), arrive over 7 s,
  join with the access number, open the phone's event stream (as the page's
  script does), and vote in a dot vote within 10 s. Measured: each ballot's
  latency (the ``POST /vote`` until its confirmation), beside a floor taken
  from the same phones at the same moments (``GET /healthz`` just before each
  ballot: the web stack and the machine, without the room); that every
  confirmed ballot is in the journal and in the totals; the server's peak
  resident memory (``VmHWM``); and, with the 200 phone streams and 2
  projector streams open, the time from the facilitator's reveal to the last
  stream receiving its ``version`` event (and to the last screen having
  refetched its page). The clients share the machine with the server: on two
  cores what they spend is not the server's to spend.

Nothing here asserts a time; a missed target is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TELGTE = ROOT / "examples" / "telgte.yaml"
PYTHON = sys.executable
PHONES = 200
#: Seconds over which the phones arrive; each then takes 0.3 to 1.5 s to choose.
ARRIVALS = 7.0
BUDGET = 3

CONSOLE = re.compile(r"Moderation \(secret\): (http://\S+/console\?token=\S+)")
ROOM = re.compile(r"Zugangsnummer / access number: (\d+)")
#: serve's last line before it serves: what it printed before is all there is.
READY = "Ctrl+C stops the room"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
COUNT = re.compile(r'<p class="count">[^<]*<strong>(\d+)</strong>')
ROUND = re.compile(r'name="round" value="([^"]+)"')

#: The floor of the start-up: the web stack alone, one route, bound and serving.
FLOOR = (
    "import sys, uvicorn\n"
    "from starlette.applications import Starlette\n"
    "from starlette.responses import PlainTextResponse\n"
    "from starlette.routing import Route\n"
    "async def page(request):\n"
    "    return PlainTextResponse('ok')\n"
    "app = Starlette(routes=[Route('/projector', page)])\n"
    "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[1]), log_level='warning', lifespan='off')\n"
)


def strategy_kit() -> list[str]:
    script = Path(PYTHON).parent / "strategy-kit"
    return [str(script)] if script.exists() else [PYTHON, "-m", "strategy_kit"]


def workshop_copy(folder: Path) -> Path:
    """The Telgte example and its photos, copied: the room writes its journal beside it."""
    target = folder / TELGTE.name
    shutil.copyfile(TELGTE, target)
    shutil.copytree(TELGTE.parent / "fotos", folder / "fotos", dirs_exist_ok=True)
    return target


# -- start-up --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def first_page(command: Sequence[str], port: int, timeout: float = 30.0) -> float:
    """Seconds from spawning ``command`` to its first ``200`` for ``GET /projector`` on ``port``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"benchmark: {' '.join(command)[:200]} exited:\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"benchmark: {' '.join(command)[:200]} did not answer within {timeout} s")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/projector")
                if connection.getresponse().status == 200:
                    return time.perf_counter() - started
            except OSError:
                time.sleep(0.005)
            finally:
                connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


@dataclass
class Startup:
    serve: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)


def startup(workshop: Path, runs: int) -> Startup:
    """Start-up of ``serve`` and of its floor, ``runs`` each, interleaved (one warm-up run each first)."""
    result = Startup()
    serve = strategy_kit()
    for round_ in range(runs + 1):
        port = free_port()
        a = first_page([*serve, "serve", str(workshop), "--port", str(port)], port)
        port = free_port()
        b = first_page([PYTHON, "-c", FLOOR, str(port)], port)
        if round_:
            result.serve.append(a)
            result.floor.append(b)
    return result


# -- a room of 200 phones --------------------------------------------------------------


@dataclass
class Room:
    """What :func:`room` measured: latencies in seconds, memory in bytes."""

    #: The round the phones' pages offered.
    round: str = ""
    latencies: list[float] = field(default_factory=list)
    #: The same phones' ``GET /healthz`` just before each ballot: the floor of the web stack and the machine.
    floor: list[float] = field(default_factory=list)
    confirmed: int = 0
    refused: dict[int, int] = field(default_factory=dict)
    span: float = 0.0
    in_journal: bool = False
    in_totals: bool = False
    voters_shown: int | None = None
    reveal_post: float = 0.0
    reveal_events: float = 0.0
    reveal_pages: float = 0.0
    streams: int = 0
    streams_missed: int = 0
    peak_rss: int = 0

    def percentile(self, share: float, of: list[float] | None = None) -> float:
        ordered = sorted(self.latencies if of is None else of)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


class Served:
    """``strategy-kit serve FILE --port 0``, read from its output until it names its addresses."""

    def __init__(self, workshop: Path) -> None:
        self.process = subprocess.Popen(
            [*strategy_kit(), "serve", str(workshop), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
        )
        assert self.process.stdout is not None
        lines: list[str] = []
        console = room = None
        while console is None or room is None:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit("benchmark: serve did not start:\n" + "".join(lines))
            lines.append(line)
            console = console or CONSOLE.search(line)
            room = room or ROOM.search(line)
            if READY in line and (console is None or room is None):
                self.process.kill()
                raise SystemExit("benchmark: serve printed no console address or access number:\n" + "".join(lines))
        self.console = console.group(1)
        self.base = self.console.split("/console", 1)[0]
        self.room_code = room.group(1)

    def peak_rss(self) -> int:
        """The server's peak resident memory in bytes (``VmHWM`` of /proc/PID/status)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return 0

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _client(base: str, address: str) -> Any:
    import httpx2

    # Plain HTTP as in the room: no certificates to load.
    transport = httpx2.AsyncHTTPTransport(local_address=address, verify=False)
    return httpx2.AsyncClient(base_url=base, follow_redirects=False, timeout=30.0, transport=transport)


#: A version event in an event stream's raw bytes (``data: {"version": 12}``).
VERSION = re.compile(rb'"version": (\d+)')


class Screen:
    """One open event stream (a phone's or the projector's) and when it heard of the reveal.

    Read over a raw socket, not an HTTP client: with 202 streams in one
    process, a client library's own work per event would be measured as the
    server's. When the reveal's event arrives the screen fetches its changed
    part, as the page's script does, also over a raw socket.
    """

    def __init__(self, base: str, address: str, screen: str, part: str, cookies: str = "") -> None:
        self.host, port = base.removeprefix("http://").rsplit(":", 1)
        self.port = int(port)
        self.address = address
        self.screen = screen
        self.part = part
        self.cookies = cookies
        self.version = -1
        self.connected = asyncio.Event()
        #: Set to the version a reveal must exceed; then the event's and the refetched part's arrival times.
        self.waiting_above: int | None = None
        self.heard: float | None = None
        self.fetched: float | None = None
        self.done = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.refetching: asyncio.Task[None] | None = None

    def request(self, path: str, *, close: bool) -> bytes:
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append(f"Cookie: {self.cookies}")
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    async def follow(self) -> None:
        reader, writer = await asyncio.open_connection(self.host, self.port, local_addr=(self.address, 0))
        try:
            writer.write(self.request(f"/events/{self.screen}", close=False))
            tail = b""
            while data := await reader.read(65536):
                seen = [int(v) for v in VERSION.findall(tail + data)]
                tail = data[-40:]
                if seen and max(seen) > self.version:
                    self.version = max(seen)
                    self.connected.set()
                    if self.waiting_above is not None and self.version > self.waiting_above and self.heard is None:
                        self.heard = time.perf_counter()
                        self.refetching = asyncio.create_task(self.refetch())
        finally:
            writer.close()

    async def refetch(self) -> None:
        reader, writer = await asyncio.open_connection(self.host, self.port, local_addr=(self.address, 0))
        writer.write(self.request(self.part, close=True))
        answer = await reader.read()
        writer.close()
        if answer.startswith(b"HTTP/1.1 200"):
            self.fetched = time.perf_counter()
        self.done.set()


async def _phone(number: int, client: Any, served: Served, projects: list[str], result: Room,
                 ballots: dict[str, dict[str, int]], screens: list[Screen], draw: random.Random) -> None:
    await asyncio.sleep(number * ARRIVALS / PHONES)
    page = await client.get("/")
    found = CSRF.search(page.text)
    if page.status_code != 200 or found is None:
        result.refused[page.status_code] = result.refused.get(page.status_code, 0) + 1
        return
    csrf = found.group(1)
    joined = await client.post("/join", data={"csrf": csrf, "code": served.room_code})
    if joined.status_code != 303:
        result.refused[joined.status_code] = result.refused.get(joined.status_code, 0) + 1
        return
    cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    screen = Screen(served.base, f"127.0.0.{number + 2}", "phone", "/phone/part", cookies)
    screen.task = asyncio.create_task(screen.follow())
    screens.append(screen)
    # The page with the ballot, as the browser follows the redirect: the round it offers.
    offered = ROUND.search((await client.get("/")).text)
    if offered is None:
        result.refused[0] = result.refused.get(0, 0) + 1
        return
    result.round = offered.group(1)
    choices: dict[str, int] = {}
    for _ in range(draw.randint(1, BUDGET)):
        project = draw.choice(projects)
        choices[project] = choices.get(project, 0) + 1
    await asyncio.sleep(draw.uniform(0.3, 1.5))
    started = time.perf_counter()
    await client.get("/healthz")
    result.floor.append(time.perf_counter() - started)
    data = {"csrf": csrf, "round": result.round, **{f"c:{k}": str(v) for k, v in choices.items()}}
    started = time.perf_counter()
    answer = await client.post("/vote", data=data)
    elapsed = time.perf_counter() - started
    if answer.status_code == 303 and answer.headers.get("location") == "/?saved=1":
        result.latencies.append(elapsed)
        result.confirmed += 1
        ballots[client.cookies["sk_browser"]] = choices
        await client.get("/?saved=1")
    else:
        result.refused[answer.status_code] = result.refused.get(answer.status_code, 0) + 1


async def _room(served: Served, workshop: Path) -> Room:
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.ballots import replay
    from strategy_kit.files.journal import journal_path
    from strategy_kit.files.journal import replay as read_journal

    projects = [p.id for p in load_document(workshop).document.projects]
    result = Room()
    console = _client(served.base, "127.0.0.1")
    clients: list[Any] = [console]
    screens: list[Screen] = []
    try:
        await console.get(served.console)
        csrf = CSRF.search((await console.get("/console")).text).group(1)  # type: ignore[union-attr]

        async def act(action: str, **fields: str) -> float:
            started = time.perf_counter()
            answer = await console.post(f"/console/{action}", data={"csrf": csrf, **fields})
            if answer.status_code != 303:
                raise SystemExit(f"benchmark: the console refused {action}: {answer.status_code}")
            return time.perf_counter() - started

        await act("open", kind="dots", budget=str(BUDGET), cap="0")
        for number in range(2):
            screen = Screen(served.base, f"127.0.1.{number + 1}", "projector", "/projector/part")
            screen.task = asyncio.create_task(screen.follow())
            screens.append(screen)

        ballots: dict[str, dict[str, int]] = {}
        draw = random.Random(200)
        # Made before the clock starts: a client's set-up is the phone's, not the room's.
        phones = [_client(served.base, f"127.0.0.{n + 2}") for n in range(PHONES)]
        clients.extend(phones)
        # The 200 clients are the instrument: their garbage collector's pauses would be timed as the server's.
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            await asyncio.gather(*(
                _phone(n, phones[n], served, projects, result, ballots, screens, random.Random(draw.random()))
                for n in range(PHONES)
            ))
            result.span = time.perf_counter() - started
        finally:
            gc.enable()

        await act("close", round=result.round)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(s.connected.wait() for s in screens)), timeout=30)
        await asyncio.sleep(1.0)  # every stream has heard of the close and waits
        result.streams = len(screens)
        for screen in screens:
            screen.waiting_above = screen.version
        revealed = time.perf_counter()
        result.reveal_post = await act("reveal", round=result.round)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(s.done.wait() for s in screens)), timeout=10)
        heard = [s.heard for s in screens if s.heard is not None]
        fetched = [s.fetched for s in screens if s.fetched is not None]
        result.streams_missed = len(screens) - len(heard)
        result.reveal_events = max(heard) - revealed if heard else float("nan")
        result.reveal_pages = max(fetched) - revealed if fetched else float("nan")
        shown = COUNT.search((await console.get("/projector/part")).text)
        result.voters_shown = int(shown.group(1)) if shown else None
        result.peak_rss = served.peak_rss()
    finally:
        for screen in screens:
            if screen.task is not None:
                screen.task.cancel()
        await asyncio.gather(*(s.task for s in screens if s.task is not None), return_exceptions=True)
        await asyncio.gather(*(c.aclose() for c in clients), return_exceptions=True)

    events = read_journal(journal_path(workshop)).events
    written = {e["voter"]: e["choices"] for e in events if e["event"] == "ballot"}
    result.in_journal = all(written.get(voter) == choices for voter, choices in ballots.items())
    totals = dict.fromkeys(projects, 0)
    for choices in ballots.values():
        for project, dots in choices.items():
            totals[project] += dots
    replayed, _ = replay(events)
    tally = replayed.tally(result.round)
    result.in_totals = tally.voters == len(ballots) and {p: int(v) for p, v in tally.totals.items()} == totals
    return result


def room(folder: Path) -> Room:
    """200 phones join and vote in a fresh room on a copy of the Telgte example in ``folder``."""
    workshop = workshop_copy(folder)
    served = Served(workshop)
    try:
        return asyncio.run(_room(served, workshop))
    finally:
        served.stop()


def rooms(folder: Path, runs: int) -> list[Room]:
    """:func:`room` ``runs`` times, each in a fresh room (``folder/1``, ``folder/2``, ...)."""
    out = []
    for number in range(1, runs + 1):
        (folder / str(number)).mkdir(parents=True)
        out.append(room(folder / str(number)))
    return out


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def room_rows(loads: list[Room]) -> list[tuple[str, str, str]]:
    """The room's figures as (what, measured, target) rows: medians of the runs, the range beside them."""
    ms = 1000

    def figure(values: list[float], unit: float = ms, suffix: str = " ms") -> tuple[float, str]:
        middle = statistics.median(values)
        spread = f" ({min(values) * unit:.0f} to {max(values) * unit:.0f})" if len(values) > 1 else ""
        return middle, f"{middle * unit:.0f}{suffix}{spread}"

    _, p50_text = figure([r.percentile(0.50) for r in loads])
    p99, p99_text = figure([r.percentile(0.99) for r in loads])
    _, floor50_text = figure([r.percentile(0.50, r.floor) for r in loads])
    _, floor99_text = figure([r.percentile(0.99, r.floor) for r in loads])
    reveal, reveal_text = figure([r.reveal_events for r in loads])
    _, pages_text = figure([r.reveal_pages for r in loads])
    _, post_text = figure([r.reveal_post for r in loads])
    peak, peak_text = figure([float(r.peak_rss) for r in loads], 1 / 2**20, " MiB")
    span = max(r.span for r in loads)
    confirmed = min(r.confirmed for r in loads)
    refused: dict[int, int] = {}
    for load in loads:
        for status, n in load.refused.items():
            refused[status] = refused.get(status, 0) + n
    refused_text = ", ".join(f"{n}x {status or 'no round on the page'}" for status, n in sorted(refused.items())) or "none refused"
    checked = all(r.in_journal and r.in_totals and r.voters_shown == r.confirmed for r in loads)
    missed = sum(r.streams_missed for r in loads)
    streams = loads[0].streams
    return [
        (f"{PHONES} phones join and vote (fewest confirmed, slowest run)",
         f"{confirmed} confirmed, all within {span:.1f} s ({refused_text})",
         f"all within 10 s {_mark(confirmed == PHONES and span <= 10)}"),
        ("vote latency p50", p50_text, "(for reading)"),
        ("vote latency p99", p99_text, f"<= 50 ms {_mark(p99 <= 0.050)}"),
        ("floor: GET /healthz of the same phones, p50 / p99", f"{floor50_text} / {floor99_text}", "(for reading)"),
        ("confirmed ballots in the journal, the totals and on the projector",
         "every one, in every run" if checked else "NOT ALL", f"all {_mark(checked)}"),
        (f"reveal to the last of {streams} event streams ({streams - 2} phones, 2 projectors)",
         reveal_text + (f"; {missed} streams never heard it" if missed else ""),
         f"<= 250 ms {_mark(reveal <= 0.250 and not missed)}"),
        ("reveal to the last screen's page refetched", pages_text, "(for reading)"),
        ("the reveal's own POST", post_text, "(for reading)"),
        ("peak memory of the server (VmHWM)", peak_text, f"< 150 MB {_mark(peak < 150e6)}"),
    ]


def startup_row(start: Startup) -> tuple[str, str, str, str, str]:
    """Start-up as run.py's rows: (case, median, floor (median), ratio, target)."""
    serve, floor = statistics.median(start.serve), statistics.median(start.floor)
    return (
        "strategy-kit serve to the first page", f"{serve * 1000:.0f} ms",
        f"Starlette on uvicorn, one route ({floor * 1000:.0f} ms)", f"{serve / floor:.2f}x", f"< 1.5 s {_mark(serve < 1.5)}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of serve and of its floor")
    parser.add_argument("--rooms", type=int, default=3, help="runs of the 200 phones")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="strategy-kit-live-"))
    try:
        (work / "start").mkdir()
        start = startup(workshop_copy(work / "start"), args.runs)
        loads = rooms(work / "room", args.rooms)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(" | ".join(startup_row(start)))
    for what, measured, target in room_rows(loads):
        print(f"{what}: {measured} [{target}]")


if __name__ == "__main__":
    main()
