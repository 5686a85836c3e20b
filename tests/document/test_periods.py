"""A measure's start and end: dates or quarters, and the days a quarter stands for."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.document.periods import (
    Quarter,
    first_day,
    last_day,
    parse_period,
    period_text,
    quarter_of,
)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2027-Q1", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
        ("2027-Q2", dt.date(2027, 4, 1), dt.date(2027, 6, 30)),
        ("2027-Q3", dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
        ("2027-Q4", dt.date(2027, 10, 1), dt.date(2027, 12, 31)),
        ("2028-03-05", dt.date(2028, 3, 5), dt.date(2028, 3, 5)),
    ],
)
def test_a_quarter_starts_on_its_first_day_and_ends_on_its_last(text: str, first: dt.date, last: dt.date) -> None:
    period = parse_period(text)
    assert (first_day(period), last_day(period)) == (first, last)
    assert period_text(period) == text


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Q1 2027", "2027-Q1 instead of Q1 2027"),
        ("3. Quartal 2027", "2027-Q3 instead of 3. Quartal 2027"),
        ("2027/Q2", "2027-Q2 instead of 2027/Q2"),
        ("2027-Q5", "no date or quarter"),
        ("2027-02-30", "no date in the calendar"),
        ("bald", "no date or quarter"),
        ("0000-Q1", "no year 0"),
    ],
)
def test_other_spellings_are_answered_with_the_formats(text: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_period(text)


def test_a_number_is_no_period() -> None:
    with pytest.raises(ValueError, match="no date or quarter"):
        parse_period(2027)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_every_day_lies_in_its_quarter(day: dt.date) -> None:
    quarter = quarter_of(day)
    assert first_day(quarter) <= day <= last_day(quarter)
    assert parse_period(str(quarter)) == quarter
    following = Quarter(quarter.year + 1, 1) if quarter.number == 4 else Quarter(quarter.year, quarter.number + 1)
    assert last_day(quarter) + dt.timedelta(days=1) == first_day(following)
