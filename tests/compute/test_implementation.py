"""The implementation report's period."""

from __future__ import annotations

import datetime as dt

import pytest

from strategy_kit.compute.implementation import default_period


@pytest.mark.parametrize(
    ("end", "start"),
    [
        (dt.date(2019, 9, 30), dt.date(2018, 10, 1)),
        (dt.date(2019, 12, 31), dt.date(2019, 1, 1)),
        (dt.date(2020, 2, 29), dt.date(2019, 3, 1)),  # a year before the 29th is the 28th
        (dt.date(2021, 2, 28), dt.date(2020, 2, 29)),
    ],
)
def test_twelve_months_up_to_the_end(end: dt.date, start: dt.date) -> None:
    period = default_period(end)
    assert (period.start, period.end) == (start, end)


def test_a_given_start_and_the_years_it_touches() -> None:
    period = default_period(dt.date(2020, 3, 31), dt.date(2018, 11, 1))
    assert list(period.years) == [2018, 2019, 2020]
    assert list(default_period(dt.date(2019, 5, 1), dt.date(2019, 5, 1)).years) == [2019]


def test_a_start_after_the_end_is_refused() -> None:
    with pytest.raises(ValueError, match="starts"):
        default_period(dt.date(2019, 1, 1), dt.date(2019, 1, 2))
