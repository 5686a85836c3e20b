"""The running room's group commit: ballots confirmed only once on the disk, in order, and a refused write undone."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from strategy_kit.compute.ballots import dot_vote, replay
from strategy_kit.files.journal import journal_path
from strategy_kit.files.journal import replay as read_journal
from strategy_kit.serve.room import LiveRoom

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def live(tmp_path: Path) -> Any:
    path = tmp_path / "telgte.yaml"
    shutil.copy(ROOT / "examples" / "telgte.yaml", path)
    room = LiveRoom.start(path)
    yield room
    room.close()


def test_concurrent_ballots_share_fsyncs_and_land_in_the_order_applied(live: LiveRoom, monkeypatch: pytest.MonkeyPatch) -> None:
    batches: list[int] = []
    original = live.journal.append_many

    def counting(events: Sequence[Mapping[str, Any]]) -> None:
        batches.append(len(events))
        original(events)

    monkeypatch.setattr(live.journal, "append_many", counting)

    async def day() -> list[object]:
        assert await live.open_round(dot_vote("stimmen-1", ["stadtportal", "datenaustausch"], 3), "Stimmen") is None
        return await asyncio.gather(
            *(live.cast(f"voter-{n:03d}", f"voter-{n:03d}", "stimmen-1", {"stadtportal": n % 4}) for n in range(60))
        )

    results = asyncio.run(day())
    assert results == [None] * 60
    assert sum(batches) == 61
    assert len(batches) < 30, f"ballots waiting together share a write and an fsync: {batches}"
    events = read_journal(journal_path(live.path)).events
    assert events == live.events, "the journal holds what the room applied, in the same order"
    rebuilt, refused = replay(events)
    assert refused == [] and rebuilt.tally("stimmen-1").totals == live.tally("stimmen-1").totals


def test_a_write_the_disk_refuses_is_undone_and_reported(live: LiveRoom, monkeypatch: pytest.MonkeyPatch) -> None:
    original = live.journal.append_many
    failing = {"left": 1}

    def flaky(events: Sequence[Mapping[str, Any]]) -> None:
        if failing["left"]:
            failing["left"] -= 1
            raise OSError(28, "No space left on device")
        original(events)

    async def day() -> None:
        assert await live.open_round(dot_vote("stimmen-1", ["stadtportal"], 3), "Stimmen") is None
        monkeypatch.setattr(live.journal, "append_many", flaky)
        with pytest.raises(OSError, match="No space left"):
            await live.cast("voter-aaa", "voter-aaa", "stimmen-1", {"stadtportal": 2})
        assert live.room.voters("stimmen-1") == 0, "a ballot not on the disk does not count"
        assert await live.cast("voter-bbb", "voter-bbb", "stimmen-1", {"stadtportal": 1}) is None

    asyncio.run(day())
    events = read_journal(journal_path(live.path)).events
    assert [e.get("voter") for e in events if e["event"] == "ballot"] == ["voter-bbb"]
    assert events == live.events


def test_the_rooms_keys_are_kept_for_the_next_start_and_only_its_owner_reads_them(tmp_path: Path) -> None:
    import stat

    from strategy_kit.files.journal import keys_path
    from strategy_kit.serve.guard import Secrets

    workshop = tmp_path / "ws.yaml"
    first, number = Secrets.kept(workshop)
    again, number_again = Secrets.kept(workshop)
    assert (again, number_again) == (first, number)
    assert len(number) == 4 and number.isdigit()
    assert stat.S_IMODE(keys_path(workshop).stat().st_mode) == 0o600
    keys_path(workshop).write_text('{"token": "short", "key": "x", "room": "12"}', encoding="utf-8")
    mended, _ = Secrets.kept(workshop)
    assert mended != first and len(mended.token) >= 32, "keys nobody could have made are made again"
