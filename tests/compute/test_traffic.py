"""The traffic light rule against cases worked out by hand, each branch and its boundaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from strategy_kit.compute.traffic import Cause, Light, TrafficLight, traffic_light, traffic_lights
from strategy_kit.document.model import Project

TODAY = dt.date(2026, 6, 15)


def measure(**fields: Any) -> Project:
    return Project.model_validate({"id": "m", "title": "Maßnahme", "status": "in-progress", **fields})


def step(due: str | None, done: bool = False, action: str = "Schritt") -> dict[str, Any]:
    return {"action": action, "owner": "fb1", "due": due, "done": done}


def milestone(date: str, done: bool = False, title: str = "Meilenstein") -> dict[str, Any]:
    return {"date": date, "title": title, "done": done}


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
        ({"end": "2026-06-14"}, TrafficLight(Light.LATE, Cause.END, dt.date(2026, 6, 14), 1)),
        ({"end": "2026-Q1"}, TrafficLight(Light.LATE, Cause.END, dt.date(2026, 3, 31), 76)),
        # a missed milestone or step: at risk up to 90 days, late after
        (
            {"milestones": [milestone("2026-06-14")]},
            TrafficLight(Light.AT_RISK, Cause.MILESTONE, dt.date(2026, 6, 14), 1, "Meilenstein"),
        ),
        (
            {"next_steps": [step("2026-03-17")]},  # 90 days
            TrafficLight(Light.AT_RISK, Cause.STEP, dt.date(2026, 3, 17), 90, "Schritt"),
        ),
        (
            {"next_steps": [step("2026-03-16")]},  # 91 days
            TrafficLight(Light.LATE, Cause.STEP, dt.date(2026, 3, 16), 91, "Schritt"),
        ),
        # the oldest miss counts; an end still ahead does not help
        (
            {
                "end": "2027-12-31",
                "milestones": [milestone("2026-05-01")],
                "next_steps": [step("2026-02-01"), step("2026-06-01")],
            },
            TrafficLight(Light.LATE, Cause.STEP, dt.date(2026, 2, 1), 134, "Schritt"),
        ),
        # a passed end and a step late for longer: the older cause, the day it first slipped
        (
            {"end": "2026-06-01", "next_steps": [step("2026-01-01")]},
            TrafficLight(Light.LATE, Cause.STEP, dt.date(2026, 1, 1), 165, "Schritt"),
        ),
        # a passed end wins over a step missed earlier but less than a quarter ago (at risk only)
        (
            {"end": "2026-06-01", "next_steps": [step("2026-05-01")]},
            TrafficLight(Light.LATE, Cause.END, dt.date(2026, 6, 1), 14),
        ),
    ],
)
def test_rule(fields: dict[str, Any], expected: TrafficLight) -> None:
    assert traffic_light(measure(**fields), TODAY) == expected


def test_the_missed_item_is_named_the_first_written_on_a_tie() -> None:
    found = traffic_light(
        measure(
            milestones=[milestone("2026-06-01", title="Pilot gestartet"), milestone("2026-05-01", title="Vergabe")],
            next_steps=[step("2026-05-01", action="Angebote einholen")],
        ),
        TODAY,
    )
    assert (found.cause, found.subject, found.days) == (Cause.MILESTONE, "Vergabe", 45)


# -- a measure and its sub-projects ---------------------------------------------------------


def sub(pid: str, **fields: Any) -> Project:
    return Project.model_validate(
        {"id": pid, "title": pid.capitalize(), "status": "in-progress", "parent": "m", **fields}
    )


def test_a_late_sub_project_makes_its_measure_late_with_its_reason() -> None:
    parent = measure(end="2027-12-31")  # on track on its own
    late = sub("bezahlen", next_steps=[step("2026-01-01", action="Anbieter vergleichen")])
    lights = traffic_lights([parent, late, sub("antraege", end="2027-06-30")], TODAY)
    assert traffic_light(parent, TODAY) == TrafficLight(Light.ON_TRACK)
    assert lights["bezahlen"] == TrafficLight(Light.LATE, Cause.STEP, dt.date(2026, 1, 1), 165, "Anbieter vergleichen")
    assert lights["m"] == TrafficLight(
        Light.LATE, Cause.SUB_PROJECT, dt.date(2026, 1, 1), 165, "Bezahlen", "bezahlen"
    )
    assert lights["antraege"] == TrafficLight(Light.ON_TRACK)


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_and_dropped_sub_projects_do_not_count(status: str) -> None:
    parent = measure(end="2027-12-31")
    finished = sub("alt", status=status, end="2020-01-01")
    assert traffic_lights([parent, finished], TODAY)["m"] == TrafficLight(Light.ON_TRACK)


def test_the_worst_light_wins_and_on_a_tie_the_oldest_miss_the_measure_first() -> None:
    own = {"milestones": [milestone("2026-06-01", title="Eigener")]}  # at risk, 14 days
    newer = sub("neu", next_steps=[step("2026-06-10")])  # at risk, 5 days
    older = sub("alt", next_steps=[step("2026-05-01")])  # at risk, 45 days
    assert traffic_lights([measure(**own), newer], TODAY)["m"].subject == "Eigener"
    assert traffic_lights([measure(**own), newer, older], TODAY)["m"].subject == "Alt"
    worse = sub("spaet", end="2026-06-01")  # late, 14 days: worse than at risk 45 days
    found = traffic_lights([measure(**own), older, worse], TODAY)["m"]
    assert (found.light, found.cause, found.project) == (Light.LATE, Cause.SUB_PROJECT, "spaet")


def test_the_rule_reaches_through_every_level() -> None:
    child = sub("kind", end="2030-01-01")
    grandchild = Project.model_validate(
        {"id": "enkel", "title": "Enkel", "status": "planned", "parent": "kind", "end": "2026-01-31"}
    )
    lights = traffic_lights([measure(), child, grandchild], TODAY)
    assert lights["kind"].light is Light.LATE and lights["kind"].subject == "Enkel"
    assert lights["m"].light is Light.LATE and lights["m"].subject == "Kind"  # the child names its own sub-project


def test_an_undated_measure_takes_the_dates_of_its_sub_projects_and_done_keeps_its_tick() -> None:
    on_track = sub("laeuft", end="2030-01-01")
    late = sub("spaet", end="2026-01-01")
    assert traffic_lights([measure(), on_track], TODAY)["m"] == TrafficLight(Light.ON_TRACK)
    assert traffic_lights([measure(status="done"), late], TODAY)["m"] == TrafficLight(Light.DONE)
    assert traffic_lights([measure(status="dropped"), late], TODAY)["m"] == TrafficLight(Light.DROPPED)


def test_a_cycle_across_files_does_not_loop() -> None:
    a = Project.model_validate({"id": "a", "title": "A", "parent": "b", "end": "2026-01-01"})
    b = Project.model_validate({"id": "b", "title": "B", "parent": "a", "end": "2030-01-01"})
    lights = traffic_lights([a, b], TODAY)  # checking refuses the cycle; the page still renders
    assert set(lights) == {"a", "b"} and lights["a"].light is Light.LATE
