"""What the screens say of the agenda clock on the agenda's day and on another day."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from strategy_kit.serve.room import LiveRoom
from strategy_kit.serve.timer import clock_step, clock_view

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("now", "delta"),
    [
        # The agenda's day (Telgte's first day starts at 09:00): 12 minutes late.
        (dt.datetime(2019, 3, 5, 9, 12, tzinfo=BERLIN), "12 Min. hinter Plan"),
        # A rehearsal years later: no minutes off a plan that is days away.
        (dt.datetime(2026, 12, 1, 9, 12, tzinfo=BERLIN), ""),
    ],
)
def test_off_plan_only_on_the_agendas_day(tmp_path: Path, now: dt.datetime, delta: str) -> None:
    workshop = Path(shutil.copyfile(ROOT / "examples" / "telgte.yaml", tmp_path / "telgte.yaml"))
    live = LiveRoom.start(workshop, now=lambda: now)
    try:
        assert asyncio.run(clock_step(live, "start", None, "de")) is None
        shown = clock_view(live, "de")
        assert shown["current"] == "Begrüßung und Einführung"
        assert shown["delta"] == delta
        assert shown["delta_class"] == ("behind" if delta else "")
    finally:
        live.close()
