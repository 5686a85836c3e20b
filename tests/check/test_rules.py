"""The timing rules of ``check``: the timing engine's errors, at the same positions.

``check`` and ``plan`` share one computation of when a session starts and ends
(:mod:`strategy_kit.document.timeline`), so a day ``check`` passes is one ``plan``
can lay out, on the days the clocks switch to or from summer time too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import check_source
from strategy_kit.compute.timing import plan
from strategy_kit.document.diagnostics import Diagnostic
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.files.source import decode
from strategy_kit.files.yamlio import load_yaml

HEAD = """\
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern}
workshop: {title: Test, organiser: Beratung, goal: Ziel}
days:
  - date: %s
    start: "%s"
    end: "%s"
    blocks:
      - id: b
        title: B
        goal: G
        sessions:
"""


def day(date: str, start: str, end: str, *sessions: str) -> str:
    return HEAD % (date, start, end) + "".join(f"          - {s}\n" for s in sessions)


def errors(text: str) -> list[str]:
    return [str(d) for d in check_source(decode(text.encode(), "w.yaml")).diagnostics if d.severity == "error"]


def test_a_day_running_past_midnight_is_refused_by_check() -> None:
    text = day("2027-11-05", "22:00", "24:00", "{title: A, duration: 1h30m}", "{title: B, duration: 1h}")
    assert errors(text) == [
        "w.yaml:14:13: error: days[0].blocks[b].sessions[1]: the day runs past midnight "
        "(to 00:30 the next day); shorten it or move sessions to another day"
    ]


def test_a_fixed_start_in_the_repeated_hour_that_overlaps_is_refused_by_check() -> None:
    # 00:30 + 2h30m of elapsed time ends at 02:00 CET, after the first 02:30 (CEST):
    # counted on the wall clock, 00:30 + 2h30m would be 03:00 and the fixed start free.
    text = day(
        "2027-10-31", "00:30", "06:00", "{title: A, duration: 2h30m}", '{title: B, duration: 30m, start: "02:30"}'
    )
    assert errors(text) == [
        "w.yaml:14:46: error: days[0].blocks[b].sessions[1].start: fixed start 02:30 lies before the "
        "previous session ends at 02:00: 30m overlap; shorten what comes before or move the fixed start"
    ]


def test_a_session_of_a_whole_day_is_refused_by_check() -> None:
    text = day("2027-11-05", "09:00", "24:00", '{title: A, duration: "24:00"}')
    assert [e.split(": error: ")[1] for e in errors(text)] == [
        "days[0].blocks[b].sessions[0]: the day runs past midnight (to 09:00 the next day); "
        "shorten it or move sessions to another day"
    ]


def test_timing_errors_are_found_beside_other_errors_of_the_file() -> None:
    text = day("2027-11-05", "22:00", "24:00", "{title: A, duration: 3h}").replace(
        "goal: Ziel", "goal: Ziel, unknown: 1"
    )
    found = errors(text)
    assert len(found) == 2
    assert "past midnight" in found[1]


# -- check and plan agree ----------------------------------------------------------------

# Dates around the switches in Berlin (2027-03-28 forward, 2027-10-31 back) and plain days.
DATES = ["2027-03-27", "2027-03-28", "2027-10-31", "2027-11-01", "2027-11-05"]
CLOCKS = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.sampled_from(CLOCKS))
    end = draw(st.sampled_from([c for c in CLOCKS if c > start] + ["24:00"]))
    sessions = []
    for index in range(draw(st.integers(1, 6))):
        session: dict[str, Any] = {"title": f"S{index}", "duration": f"{draw(st.integers(1, 8)) * 30}m"}
        if draw(st.booleans()):
            session["start"] = draw(st.sampled_from(CLOCKS))
        if draw(st.integers(0, 3)) == 0:
            session["track"] = draw(st.sampled_from(["A", "B"]))
        sessions.append(session)
    return {
        "version": 1,
        "municipality": {"name": "M", "state": "Bayern"},
        "workshop": {"title": "T", "organiser": "O", "goal": "G"},
        "days": [
            {
                "date": draw(st.sampled_from(DATES)),
                "start": start,
                "end": end,
                "blocks": [{"id": "b", "title": "B", "goal": "G", "sessions": sessions}],
            }
        ],
    }


def _errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity == "error"]


@pytest.mark.slow  # a property test over many generated files: the whole suite runs it
@settings(max_examples=300)
@given(documents())
def test_check_reports_an_error_exactly_when_plan_refuses(data: dict[str, Any]) -> None:
    source = decode(json.dumps(data, indent=2).encode(), "w.yaml")
    checked = _errors(check_source(source).diagnostics)
    document = WorkshopDocument.model_validate(data)
    planned = _errors(plan(document, data=load_yaml(source), name="w.yaml").diagnostics)
    assert [str(d) for d in checked] == [str(d) for d in planned]


def test_a_session_recorded_to_end_before_it_started_is_refused() -> None:
    found = errors(day("2019-03-05", "09:00", "17:00", '{title: A, duration: 30m, actual: {start: "09:40", end: "09:10"}}'))
    assert found == ["w.yaml:13:69: error: days[0].blocks[b].sessions[0].actual.end: the session ended at 09:10, not after it started at 09:40"]
    assert errors(day("2019-03-05", "09:00", "17:00", '{title: A, duration: 30m, actual: {start: "09:04", end: "09:37"}}')) == []
    shape = errors(day("2019-03-05", "09:00", "17:00", '{title: A, duration: 30m, actual: {start: "9 Uhr"}}'))
    assert len(shape) == 2 and all("actual" in e for e in shape)
