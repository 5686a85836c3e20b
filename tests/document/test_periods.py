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
    parse_date,
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
        ("Q1 2027", "did you mean 2027-Q1[?]"),
        ("3. Quartal 2027", "did you mean 2027-Q3[?]"),
        ("2027/Q2", "did you mean 2027-Q2[?]"),
        ("2027-Q5", "a quarter is Q1 to Q4"),
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


@given(st.text(max_size=30) | st.from_regex(r"[0-9]{1,6}[-./ ][QqA-Za-z0-9]{1,3}[-./ ]?[0-9]{0,5}", fullmatch=True))
def test_any_text_is_a_period_or_a_message(text: str) -> None:
    try:
        period = parse_period(text)
    except ValueError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert period_text(period) in (text.strip(), str(period))


@given(st.text(max_size=30) | st.from_regex(r"[0-9]{1,5}[-.][0-9]{1,3}[-.][0-9]{1,5}", fullmatch=True))
def test_any_text_is_a_date_or_a_message(text: str) -> None:
    try:
        day = parse_date(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert day.isoformat() == text.strip()


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("01.04.2019", "did you mean 2019-04-01[?]"),
        ("1.4.2019", "did you mean 2019-04-01[?]"),
        ("1. 4. 2019", "did you mean 2019-04-01[?]"),
        ("2019/04/01", "did you mean 2019-04-01[?]"),
        ("2019-02-29", "February 2019 has 28 days"),
        ("2019-13-01", "a month is 1 to 12"),
        ("2019-01-00", "a day is 1 or later"),
        ("0000-01-01", "no year 0"),
        ("99999-01-01", "a year has four digits"),
        ("01.04.19", "all four digits of the year"),
        ("1.4.20190", "a year has four digits"),
    ],
)
def test_a_date_in_another_spelling_is_answered_with_the_formats(text: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_date(text)
    with pytest.raises(ValueError, match=hint):
        parse_period(text)


def test_a_date_with_a_time_of_day_is_refused_and_midnight_is_the_day() -> None:
    assert parse_date(dt.datetime(2019, 4, 1)) == dt.date(2019, 4, 1)
    with pytest.raises(ValueError, match="no time of day; did you mean 2019-04-01"):
        parse_date(dt.datetime(2019, 4, 1, 10, 30))
