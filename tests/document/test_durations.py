"""Clock times as written in a plan: the 24-hour clock, 24:00 as the end of a day, one grammar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.document.durations import (
    END_OF_DAY,
    clock_minutes,
    format_clock,
    parse_clock,
)
from strategy_kit.document.model import Day, Session
from strategy_kit.document.schema import schema_dict


def test_24_00_is_the_end_of_a_day_and_sorts_after_every_time() -> None:
    assert parse_clock("24:00", end=True) == END_OF_DAY
    assert clock_minutes(parse_clock("24:00", end=True)) == 24 * 60
    assert parse_clock("23:59", end=True) < END_OF_DAY
    assert format_clock(END_OF_DAY) == "24:00"
    assert format_clock(parse_clock("9:05")) == "09:05"


def test_nothing_starts_at_24_00() -> None:
    with pytest.raises(ValueError, match="24:00 ends a day"):
        parse_clock("24:00")


@pytest.mark.parametrize("text", ["24:01", "25:00", " 09:00", "09:00\n", "٠٩:٣٠", "9", "09:60"])
def test_other_clock_texts_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a time of day"):
        parse_clock(text, end=True)


def test_a_day_may_end_at_24_00_but_not_start_there() -> None:
    day = Day.model_validate({"date": "2027-03-05", "start": "18:00", "end": "24:00"})
    assert day.end == END_OF_DAY
    assert day.model_dump(mode="json")["end"] == "24:00"
    with pytest.raises(ValueError, match="24:00 ends a day"):
        Day.model_validate({"date": "2027-03-05", "start": "24:00", "end": "24:00"})
    with pytest.raises(ValueError, match="24:00 ends a day"):
        Session.model_validate({"title": "Spät", "duration": "30m", "start": "24:00"})


def _definition(schema: dict[str, Any], name: str, field: str) -> dict[str, Any]:
    prop: dict[str, Any] = schema["$defs" if "$defs" in schema else "definitions"][name]["properties"][field]
    if "anyOf" in prop:
        prop = next(p for p in prop["anyOf"] if p.get("type") == "string")
    return prop


def _check_accepts(text: str, *, end: bool) -> bool:
    try:
        parse_clock(text, end=end)
    except ValueError:
        return False
    return True


CLOCKISH = st.text(alphabet="0123456789: ٣\t", max_size=7) | st.sampled_from(
    ["24:00", "00:00", "9:30", "23:59", "24:01", "0:00", "7:5"]
)


@given(CLOCKISH)
def test_the_schema_accepts_exactly_what_check_accepts(text: str) -> None:
    schema = schema_dict()
    start = jsonschema.Draft7Validator(_definition(schema, "Session", "start"))
    end = jsonschema.Draft7Validator(_definition(schema, "Day", "end"))
    day_start = jsonschema.Draft7Validator(_definition(schema, "Day", "start"))
    assert start.is_valid(text) == _check_accepts(text, end=False)
    assert day_start.is_valid(text) == _check_accepts(text, end=False)
    assert end.is_valid(text) == _check_accepts(text, end=True)


def test_time_max_is_the_sentinel() -> None:
    # END_OF_DAY is the last instant of the day, so plain comparisons of clock times stay right.
    assert dt.time.max == END_OF_DAY
