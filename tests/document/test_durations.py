"""Durations: the parser accepts exactly the text DURATION_PATTERN describes, and says why not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.document.durations import DURATION_PATTERN, MAX_MINUTES, parse_duration

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
