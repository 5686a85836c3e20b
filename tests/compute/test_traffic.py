"""The traffic light rule against cases worked out by hand, each branch and its boundaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from strategy_kit.compute.traffic import Light, TrafficLight, traffic_light
from strategy_kit.document.model import Project

TODAY = dt.date(2026, 6, 15)


def measure(**fields: Any) -> Project:
    return Project.model_validate({"id": "m", "title": "Maßnahme", "status": "in-progress", **fields})


def step(due: str | None, done: bool = False) -> dict[str, Any]:
    return {"action": "Schritt", "owner": "fb1", "due": due, "done": done}


def milestone(date: str, done: bool = False) -> dict[str, Any]:
    return {"date": date, "title": "Meilenstein", "done": done}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # done and dropped: no light, whatever the dates say
        ({"status": "done", "end": "2020-01-01"}, TrafficLight(Light.DONE)),
        ({"status": "dropped", "end": "2020-01-01"}, TrafficLight(Light.DROPPED)),
        # nothing to be late against
        ({}, TrafficLight(Light.UNDATED)),
        ({"next_steps": [step(None)]}, TrafficLight(Light.UNDATED)),
        ({"status": "idea"}, TrafficLight(Light.UNDATED)),
        # dated and nothing missed
        ({"start": "2027-Q1"}, TrafficLight(Light.ON_TRACK)),
        ({"end": "2026-06-15"}, TrafficLight(Light.ON_TRACK)),  # ends today: still in time
        ({"end": "2026-Q2"}, TrafficLight(Light.ON_TRACK)),  # the quarter ends 30 June
        ({"milestones": [milestone("2026-06-15")]}, TrafficLight(Light.ON_TRACK)),
        ({"milestones": [milestone("2026-01-01", done=True)]}, TrafficLight(Light.ON_TRACK)),
        ({"next_steps": [step("2026-06-15")]}, TrafficLight(Light.ON_TRACK)),
        ({"next_steps": [step("2026-01-01", done=True)]}, TrafficLight(Light.ON_TRACK)),
        # the end has passed
        ({"end": "2026-06-14"}, TrafficLight(Light.LATE, "end", dt.date(2026, 6, 14), 1)),
        ({"end": "2026-Q1"}, TrafficLight(Light.LATE, "end", dt.date(2026, 3, 31), 76)),
        # a missed milestone or step: at risk up to 90 days, late after
        (
            {"milestones": [milestone("2026-06-14")]},
            TrafficLight(Light.AT_RISK, "milestone", dt.date(2026, 6, 14), 1),
        ),
        (
            {"next_steps": [step("2026-03-17")]},  # 90 days
            TrafficLight(Light.AT_RISK, "step", dt.date(2026, 3, 17), 90),
        ),
        (
            {"next_steps": [step("2026-03-16")]},  # 91 days
            TrafficLight(Light.LATE, "step", dt.date(2026, 3, 16), 91),
        ),
        # the oldest miss counts; an end still ahead does not help
        (
            {
                "end": "2027-12-31",
                "milestones": [milestone("2026-05-01")],
                "next_steps": [step("2026-02-01"), step("2026-06-01")],
            },
            TrafficLight(Light.LATE, "step", dt.date(2026, 2, 1), 134),
        ),
        # a passed end wins over a missed step
        (
            {"end": "2026-06-01", "next_steps": [step("2026-01-01")]},
            TrafficLight(Light.LATE, "end", dt.date(2026, 6, 1), 14),
        ),
    ],
)
def test_rule(fields: dict[str, Any], expected: TrafficLight) -> None:
    assert traffic_light(measure(**fields), TODAY) == expected
