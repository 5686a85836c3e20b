"""The rules for indicators measured over time and for the budget by year.

Each rule with a file it refuses and one it passes, the diagnostic at its
``file:line:col``.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import check_source
from strategy_kit.files.source import decode

HEAD = """\
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern}
workshop: {title: Test, organiser: Beratung, goal: Ziel}
fields_of_action:
  - {id: feld, title: Feld}
projects:
  - id: portal
    title: Portal
    fields: [feld]
"""


def found(text: str) -> list[str]:
    """Errors and warnings of the rules this file tests, as ``check`` prints them."""
    ignored = ("has no participant", "no participant with function", "has no project yet")
    diagnostics = check_source(decode(text.encode(), "w.yaml")).diagnostics
    return [str(d) for d in diagnostics if not any(part in d.message for part in ignored)]


def indicator(*lines: str, actual: str = "") -> str:
    """The project with one indicator in %, its measurements given as one-line mappings (lines 14 on, 15 with actual)."""
    extra = f"        actual: {actual}\n" if actual else ""
    return (
        HEAD
        + "    indicators:\n      - title: Quote\n        unit: '%'\n"
        + extra
        + "        measurements:\n"
        + "".join(f"          - {line}\n" for line in lines)
    )


# -- measurements -----------------------------------------------------------------------


def test_measurements_oldest_first_pass() -> None:
    text = indicator(
        "{date: 2022-12-31, value: 5}",
        '{date: 2023-12-31, value: "7,5", unit: "%", source: Statistikamt}',
        "{date: 2024-12-31, value: -1, note: Rückgang}",
    )
    assert found(text) == []


def test_a_second_measurement_on_a_day_is_refused() -> None:
    text = indicator("{date: 2022-12-31, value: 5}", "{date: 2022-12-31, value: 6}")
    assert found(text) == [
        "w.yaml:15:20: error: projects[portal].indicators[0].measurements[1].date: a second measurement on "
        "2022-12-31 (the first is on line 14); a day has one value: correct the date or remove one of them"
    ]


def test_measurements_out_of_order_are_refused_at_the_later_one() -> None:
    text = indicator(
        "{date: 2022-12-31, value: 5}", "{date: 2024-12-31, value: 7}", "{date: 2023-12-31, value: 6}"
    )
    assert found(text) == [
        "w.yaml:16:20: error: projects[portal].indicators[0].measurements[2].date: the measurement of "
        "2023-12-31 is listed after the one of 2024-12-31 (line 15); list measurements oldest first"
    ]


def test_a_value_that_is_no_number_is_refused() -> None:
    assert found(indicator("{date: 2022-12-31, value: viel}")) == [
        "w.yaml:14:39: error: projects[portal].indicators[0].measurements[0].value: "
        "'viel' is not a number; write it like 3 or 3,5"
    ]
    assert "not true or false" in found(indicator("{date: 2022-12-31, value: true}"))[0]


def test_a_measurement_in_another_unit_is_refused() -> None:
    assert found(indicator("{date: 2022-12-31, value: 5, unit: Anzahl}")) == [
        "w.yaml:14:48: error: projects[portal].indicators[0].measurements[0].unit: unit 'Anzahl' differs "
        "from the indicator's unit '%' (line 12); a measurement is in its indicator's unit: convert the "
        "value, or leave unit out"
    ]
    text = indicator("{date: 2022-12-31, value: 5, unit: '%'}").replace("        unit: '%'\n", "")
    assert found(text) == [
        "w.yaml:13:48: error: projects[portal].indicators[0].measurements[0].unit: the indicator has no unit; "
        "write unit: '%' on the indicator, or leave it out here"
    ]


def test_actual_beside_measurements_is_the_latest_value() -> None:
    both = ("{date: 2022-12-31, value: 5}", '{date: 2023-12-31, value: "7,5"}')
    assert found(indicator(*both, actual="7.5")) == []
    assert found(indicator(*both, actual="5")) == [
        "w.yaml:13:17: error: projects[portal].indicators[0].actual: actual 5 differs from the latest "
        "measurement, 7.5 on 2023-12-31 (line 16); the latest measurement is the actual value: remove "
        "actual or write 7.5"
    ]


# -- the budget by year ----------------------------------------------------------------------


def budget(*years: str) -> str:
    """The project funded by its own money and a named grant, its years as one-line mappings (lines 15 on)."""
    return (
        HEAD
        + "    funding:\n      sources:\n        - {kind: own}\n        - {kind: grant, name: Gigabitförderung}\n"
        + "      years:\n"
        + "".join(f"        - {line}\n" for line in years)
    )


def test_a_budget_within_plan_passes() -> None:
    text = budget(
        "{year: 2020, planned: 40000, spent: 35000, source: own}",
        "{year: 2020, planned: 90000, spent: 90000, source: Gigabitförderung}",
        "{year: 2021, planned: 10000, source: Eigenmittel}",
        "{year: 2021, planned: 1000.10, spent: 1000.1, source: grant}",
        "{year: 2022, spent: 0}",
    )
    assert found(text) == []


def test_an_unknown_source_is_refused_with_a_suggestion() -> None:
    assert found(budget("{year: 2020, planned: 1, source: Gigabitfoerderung}")) == [
        "w.yaml:15:44: error: projects[portal].funding.years[0].source: unknown funding source "
        "'Gigabitfoerderung'; did you mean 'Gigabitförderung'?"
    ]
    assert found(budget("{year: 2020, planned: 1, source: Lotto}")) == [
        "w.yaml:15:44: error: projects[portal].funding.years[0].source: unknown funding source 'Lotto'; "
        "one of Gigabitförderung, own, third-party, grant, staff"
    ]


def test_two_entries_for_a_year_and_source_are_refused() -> None:
    # "own" and "Eigenmittel" name the same source.
    assert found(budget("{year: 2020, planned: 1, source: own}", "{year: 2020, planned: 2, source: Eigenmittel}")) == [
        "w.yaml:16:18: error: projects[portal].funding.years[1].year: a second entry for 2020 and source "
        "'Eigenmittel' (the first is on line 15); add the amounts into one entry"
    ]


def test_spent_beyond_planned_warns_per_entry_year_and_total() -> None:
    text = budget(
        "{year: 2020, planned: 100, spent: 150, source: own}",
        "{year: 2021, planned: 100, spent: 100, source: own}",
        "{year: 2021, planned: 100, spent: 120, source: grant}",
        "{year: 2022, planned: 100, source: own}",
        "{year: 2022, spent: 150, source: grant}",
    )
    assert found(text) == [
        "w.yaml:14:7: warning: projects[portal].funding.years: spent 520 EUR in 2020-2022 is more than the "
        "400 EUR planned",
        "w.yaml:15:45: warning: projects[portal].funding.years[0].spent: spent 150 EUR in 2020 is more than "
        "the 100 EUR planned",
        "w.yaml:17:45: warning: projects[portal].funding.years[2].spent: spent 120 EUR in 2021 is more than "
        "the 100 EUR planned",
        "w.yaml:18:11: warning: projects[portal].funding.years[3]: spent 150 EUR in 2022 is more than the "
        "100 EUR planned for the year",
    ]


def test_the_sums_are_exact_decimals() -> None:
    # As floats, 0.1 + 0.2 is more than 0.3: no warning for a cent that was never spent.
    text = budget(
        "{year: 2020, planned: 0.3, source: own}",
        "{year: 2020, spent: 0.1, source: grant}",
        "{year: 2021, spent: 0.2, source: grant}",
    )
    assert found(text) == []


@settings(max_examples=40)
@given(st.lists(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 12, 31)), min_size=1, max_size=8))
def test_a_list_is_refused_exactly_where_a_date_is_not_after_every_earlier_one(dates: list[dt.date]) -> None:
    text = indicator(*(f"{{date: {d.isoformat()}, value: {i}}}" for i, d in enumerate(dates)))
    lines = {int(line.split(":")[1]) for line in found(text)}
    newest = dt.date.min
    expected = set()
    for i, day in enumerate(dates):
        if day <= newest:
            expected.add(14 + i)
        else:
            newest = day
    assert lines == expected
