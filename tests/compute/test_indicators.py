"""An indicator's actual value: the latest measurement's, else the written ``actual``."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.compute.indicators import actual, latest
from strategy_kit.document.model import Indicator


def test_the_latest_measurement_is_the_actual_value() -> None:
    indicator = Indicator.model_validate(
        {
            "title": "Quote",
            "actual": 7.5,
            "measurements": [
                {"date": dt.date(2022, 12, 31), "value": 5},
                {"date": dt.date(2023, 12, 31), "value": "7,5"},
            ],
        }
    )
    assert actual(indicator) == 7.5
    found = latest(indicator)
    assert found is not None and found.date == dt.date(2023, 12, 31)


def test_without_measurements_the_written_actual_counts() -> None:
    assert actual(Indicator(title="Quote", actual=12)) == 12
    assert actual(Indicator(title="Quote")) is None
    assert latest(Indicator(title="Quote", actual=12)) is None


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
values = st.integers(min_value=-10**6, max_value=10**6)


@given(st.lists(st.tuples(days, values), min_size=1, max_size=20))
def test_the_actual_value_is_the_one_of_the_latest_day(pairs: list[tuple[dt.date, int]]) -> None:
    # Whatever the order in the file: the value of the latest day, the one written last among equals.
    indicator = Indicator.model_validate(
        {"title": "Quote", "measurements": [{"date": d, "value": v} for d, v in pairs]}
    )
    newest = max(d for d, _ in pairs)
    assert actual(indicator) == [v for d, v in pairs if d == newest][-1]
