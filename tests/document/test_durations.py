"""Durations and clock times as written in a plan: one grammar each, the parser and the
schema agree; 24:00 is the end of a day."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.document.durations import (
    DURATION_PATTERN,
    END_OF_DAY,
    MAX_MINUTES,
    clock_minutes,
    format_clock,
    parse_clock,
    parse_duration,
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


PIECES = st.sampled_from(["0", "1", "2", "3", "4", "5", "9", "24", "59", "60", "1440", "h", "m", "min", ":", ",", ".", " ", "x"])


def _verdict(text: str) -> int | None:
    try:
        return parse_duration(text)
    except ValueError:
        return None


@given(st.lists(PIECES, max_size=8).map("".join) | st.text(max_size=12))
def test_the_parser_accepts_exactly_the_pattern(text: str) -> None:
    minutes = _verdict(text)
    assert (minutes is not None) is (re.fullmatch(DURATION_PATTERN, text) is not None)
    if minutes is not None:
        assert 1 <= minutes <= MAX_MINUTES


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("90min", 90), ("1h30m", 90), ("1:30", 90), ("0:05", 5), ("1,5h", 90), ("1.25h", 75), ("0,05h", 3), ("24h", 1440)],
)
def test_accepted_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,33h", "'1,33h' is not a whole number of minutes; write it like '1h20m'"),
        ("1h90m", "'1h90m' has 60 minutes or more beside the hours; write '2h30m'"),
        ("1:75", "'1:75' has 60 minutes or more beside the hours; write '2h15m'"),
        ("0:00", "a duration must be longer than zero minutes"),
        ("25h", "'25h' is longer than a day; a session lasts at most 24h"),
        ("45", "not a duration: '45'; write it like '45m', '1h30m', '1:30' or '1,5h'"),
    ],
)
def test_refusals_say_how_to_write_it(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_duration(text)
    assert str(caught.value) == message
