"""SIGKILL in the middle of a vote of 50 phones: after the restart every confirmed ballot counts, none twice.

Fifty phones (each its own HTTP client and source address) join a real room
and vote in a dot vote at the same time, a third of them changing their mind
once or twice. When a given number of ballots has been confirmed the server is
killed (SIGKILL: no shutdown, no flush). A ballot whose answer never came may
or may not have reached the disk; what must hold is:

* the journal is readable (a line cut off by the kill is reported, not an error);
* each phone's ballots in the journal are the first ones it sent, in order,
  each once, and at least every one it was told was saved;
* the room restarted on the same file counts each phone once, with its last
  ballot in the journal (its last confirmed one, or the one sent after it),
  and shows those totals after close and reveal.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.conftest import copy_example
from tests.serve.phones import Facilitator, Phone, confirmed, projector
from tests.serve.server import running

from strategy_kit.check.validate import load_document
from strategy_kit.compute import ballots
from strategy_kit.files import journal
from strategy_kit.present.i18n import format_number

PHONES = 50
BUDGET = 3


@dataclass
class Sent:
    """One ballot a phone posted, and whether the phone was told it is saved."""

    choices: dict[str, int]
    confirmed: bool = False
    status: int | None = None


@dataclass
class Log:
    """What one phone did: its browser key, the round its page offered, and its ballots in the order sent."""

    browser: str = ""
    round: str = ""
    sent: list[Sent] = field(default_factory=list)


def plans(projects: list[str]) -> list[list[dict[str, int]]]:
    """Each phone's ballots, drawn once for all runs: 1, 2 or 3 ballots (the later ones change its mind)."""
    draw = random.Random(18)
    out = []
    for number in range(PHONES):
        phone = []
        for _ in range(1 + number % 3):
            chosen: dict[str, int] = {}
            for _dot in range(draw.randint(1, BUDGET)):
                project = draw.choice(projects)
                chosen[project] = chosen.get(project, 0) + 1
            phone.append(chosen)
        out.append(phone)
    return out


def vote_until_killed(base: str, code: str, kill: Any, kill_after: int, projects: list[str]) -> list[Log]:
    """Run the phones; kill the server once ``kill_after`` ballots are confirmed. Every phone's log."""
    logs = [Log() for _ in range(PHONES)]
    phones = [Phone(base, f"127.0.0.{number + 2}") for number in range(PHONES)]
    ballots_of = plans(projects)
    start = threading.Barrier(PHONES + 1)
    saved = threading.Condition()
    count = [0]
    finished = [0]

    def phone(number: int) -> None:
        client, log = phones[number], logs[number]
        try:
            client.join(code)
            log.browser = client.browser
            assert client.round is not None, "the phone's page offers no round"
            log.round = client.round
            start.wait(timeout=60)
            for choices in ballots_of[number]:
                entry = Sent(choices)
                log.sent.append(entry)  # before the request: sent, not yet confirmed
                try:
                    response = client.vote(log.round, choices)
                except httpx2.TransportError:
                    return  # the server is gone: this ballot's fate is unknown
                entry.status = response.status_code
                if not confirmed(response):
                    return
                entry.confirmed = True
                with saved:
                    count[0] += 1
                    saved.notify_all()
        finally:
            with saved:
                finished[0] += 1
                saved.notify_all()

    try:
        with ThreadPoolExecutor(PHONES) as pool:
            futures = [pool.submit(phone, number) for number in range(PHONES)]
            start.wait(timeout=60)
            with saved:
                saved.wait_for(lambda: count[0] >= kill_after or finished[0] == PHONES, timeout=60)
            kill()
            for future in futures:
                future.result()
    finally:
        for client in phones:
            client.close()
    return logs


def tally(chosen: list[Mapping[str, int]], projects: list[str]) -> dict[str, int]:
    totals = dict.fromkeys(projects, 0)
    for choices in chosen:
        for project, dots in choices.items():
            totals[project] += dots
    return totals


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [1, 30, 70], ids=["first-ballot", "a-third", "most"])
def test_sigkill_mid_vote_keeps_every_confirmed_ballot_once(tmp_path: Path, kill_after: int) -> None:
    workshop = copy_example("telgte.yaml", tmp_path)
    document = load_document(workshop).document
    projects = [p.id for p in document.projects]
    titles = {p.id: p.title for p in document.projects}

    with running(workshop) as served:
        assert served.room_code is not None
        facilitator = Facilitator(served.console, served.base)
        facilitator.act("open", kind="dots", budget=str(BUDGET), cap="0")
        facilitator.close()
        logs = vote_until_killed(served.base, served.room_code, served.kill, kill_after, projects)
        assert served.process.returncode == -9
    (ident,) = {log.round for log in logs}

    # Before the kill every ballot was taken: nothing refused, nothing but confirmations.
    for log in logs:
        for entry in log.sent:
            assert entry.status in (None, 303), (log.browser, entry)
    assert sum(e.confirmed for log in logs for e in log.sent) >= kill_after
    cut = [log for log in logs if log.sent and not log.sent[-1].confirmed]
    planned = plans(projects)
    unfinished = [n for n, log in enumerate(logs) if len(log.sent) < len(planned[n]) or log in cut]
    assert unfinished, "the kill came after the vote: nothing was cut off"

    # The journal: readable, every line but a torn last one an event, nothing refused on replay.
    past = journal.replay(journal.journal_path(workshop))
    if past.torn is not None:
        raw = journal.journal_path(workshop).read_bytes()
        assert past.torn.offset + past.torn.size == len(raw), "only the last line may be torn"
    room, refused = ballots.replay(past.events)
    assert refused == []
    in_journal: dict[str, list[dict[str, Any]]] = {}
    for item in past.events:
        if item["event"] == "ballot" and item["round"] == ident:
            in_journal.setdefault(item["voter"], []).append(dict(item["choices"]))
    browsers = {log.browser for log in logs}
    assert set(in_journal) <= browsers, "a ballot of no phone"

    counted: list[Mapping[str, int]] = []
    for log in logs:
        written = in_journal.get(log.browser, [])
        sent = [entry.choices for entry in log.sent]
        sure = sum(entry.confirmed for entry in log.sent)
        # Each ballot at most once and in the order sent; every confirmed one there.
        assert written == sent[: len(written)], (log.browser, written, sent)
        assert sure <= len(written) <= len(sent), (log.browser, sure, len(written), len(sent))
        if written:
            counted.append(written[-1])
            assert room.rounds[ident].ballots[log.browser] == written[-1]
    expected = tally(counted, projects)
    result = room.tally(ident)
    assert result.voters == len(counted) >= len([log for log in logs if any(e.confirmed for e in log.sent)])
    assert {p: int(v) for p, v in result.totals.items()} == expected

    # A power cut in the middle of a write leaves half a line: reported on the restart, never counted.
    torn = journal.encode(ballots.event("ballot", "2026-12-01T10:00:00+01:00", round=ident, voter="t" * 43,
                                        browser="t" * 43, choices={projects[0]: 1}))
    with journal.journal_path(workshop).open("ab") as file:
        file.write(torn[: len(torn) // 2])

    # The room started again on the same file: the same voters, the same totals on the projector.
    with running(workshop) as again:
        assert again.process.stdout is not None
        # The line after the room number (which running() read last).
        assert "cut off by a crash" in again.process.stdout.readline()
        voters, bars = projector(again.base)
        assert voters == len(counted)
        # A phone that voted before the crash joins the new room and changes its vote: replaced, not added.
        survivor = next(log for log in logs if any(e.confirmed for e in log.sent))
        phone = Phone(again.base, "127.0.0.200")
        phone.client.cookies.set("sk_browser", survivor.browser)
        assert again.room_code is not None
        phone.join(again.room_code)
        change = {projects[0]: BUDGET}
        assert confirmed(phone.vote(ident, change))
        phone.close()
        counted[[log.browser for log in logs if log.browser in in_journal].index(survivor.browser)] = change
        expected = tally(counted, projects)
        facilitator = Facilitator(again.console, again.base)
        facilitator.act("close", round=ident)
        facilitator.act("reveal", round=ident)
        facilitator.close()
        voters, bars = projector(again.base)
        assert voters == len(counted)
        assert bars == {titles[p]: format_number(v, "de") for p, v in expected.items()}
