"""A batch the disk refuses is taken back from the room with everything queued behind it: memory stays what the disk holds."""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.conftest import copy_example

from strategy_kit.check.validate import load_document
from strategy_kit.compute.ballots import dot_vote, replay
from strategy_kit.files import journal
from strategy_kit.serve.room import LiveRoom

A, B, C = "a" * 43, "b" * 43, "c" * 43


def test_a_refused_batch_takes_back_the_ballots_queued_behind_it(tmp_path: Path) -> None:
    workshop = copy_example("telgte.yaml", tmp_path)
    project = load_document(workshop).document.projects[0].id

    async def day() -> list[Any]:
        live = LiveRoom.start(workshop)
        try:
            assert await live.open_round(dot_vote("punkte-1", [project], 3), "Punkte") is None
            real = live.journal.append_many
            batches: list[int] = []

            def second_refused(events: Sequence[Mapping[str, Any]]) -> None:
                batches.append(len(events))
                if len(batches) == 1:
                    raise OSError(errno.ENOSPC, "No space left on device")
                real(events)

            live.journal.append_many = second_refused  # type: ignore[method-assign]
            first = asyncio.create_task(live.cast(A, A, "punkte-1", {project: 1}))
            await asyncio.sleep(0)  # the first ballot is queued
            await asyncio.sleep(0)  # and its batch is on its way to the disk, to be refused
            # The second waits for the next batch; it was applied after the refused one, so it goes back too.
            second = asyncio.create_task(live.cast(B, B, "punkte-1", {project: 2}))
            outcomes = await asyncio.gather(first, second, return_exceptions=True)
            assert batches == [1], (batches, outcomes)
            third = await live.cast(C, C, "punkte-1", {project: 3})
            return [*outcomes, third, live.room.tally("punkte-1"), live.room.voters("punkte-1")]
        finally:
            live.close()

    first, second, third, tally, voters = asyncio.run(day())
    assert isinstance(first, OSError) and isinstance(second, OSError)
    assert third is None
    on_disk, _ = replay(journal.replay(journal.journal_path(workshop)).events)
    assert voters == on_disk.voters("punkte-1") == 1
    assert tally.totals == on_disk.tally("punkte-1").totals


def test_writing_a_round_without_keeping_ballots_keeps_its_totals_and_later_ballots(tmp_path: Path) -> None:
    workshop = copy_example("telgte.yaml", tmp_path)
    workshop.write_text(workshop.read_text("utf-8") + "live:\n  keep_ballots: false\n", encoding="utf-8")
    project = load_document(workshop).document.projects[0].id

    async def day() -> tuple[Any, Any, int]:
        live = LiveRoom.start(workshop)
        try:
            assert await live.open_round(dot_vote("punkte-1", [project], 3), "Punkte") is None
            assert await live.cast(A, A, "punkte-1", {project: 2}) is None
            assert await live.cast(B, B, "punkte-1", {project: 1}) is None
            assert await live.close_round("punkte-1") is None
            assert await live.open_round(dot_vote("punkte-2", [project], 3), "Noch einmal") is None
            before = live.tally("punkte-1").totals
            await live.write("punkte-1")
            assert await live.cast(C, C, "punkte-2", {project: 3}) is None
            return before, live.tally("punkte-1").totals, live.room.voters("punkte-2")
        finally:
            live.close()

    before, after, later = asyncio.run(day())
    assert before == after
    assert later == 1
    events = journal.replay(journal.journal_path(workshop)).events
    assert [e["round"] for e in events if e["event"] == "ballot"] == ["punkte-2"]
    on_disk, _ = replay(events)
    assert on_disk.tally("punkte-1").totals == after
