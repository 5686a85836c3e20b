"""``strategy-kit measure``: one measurement appended in its neighbours' style, the order kept."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES
from tests.textdiff import changed
from typer.testing import Result

from strategy_kit.check.validate import check_file

Invoke = Callable[..., Result]

INDICATOR = (
    "    indicators:\n"
    "      - title: Verwaltungsleistungen online\n"
    "        unit: Anzahl\n"
    "        baseline: 5\n"
    "        target: 40\n"
)


def test_the_first_measurement_starts_the_list(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("measure", telgte, "stadtportal", "1", "12", "--date", "2020-12-31", "--source", "Statistik, Amt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "stadtportal: Verwaltungsleistungen online: 12 on 2020-12-31\n"
    assert changed(before, telgte.read_text("utf-8")) == [
        "+         measurements:\n",
        '+           - {date: 2020-12-31, value: 12, source: "Statistik, Amt"}\n',
    ]
    result = cli("measure", telgte, "stadtportal", "verwaltungsleistungen ONLINE", "18,5", "--date", "2021-12-31")
    assert result.exit_code == 0, result.stderr
    assert changed(before, telgte.read_text("utf-8"))[-1] == "+           - {date: 2021-12-31, value: 18.5}\n"
    assert check_file(telgte).exit_code == 0


def test_a_block_list_gets_a_block_item_and_actual_follows(cli: Invoke, telgte: Path) -> None:
    text = telgte.read_text("utf-8")
    block = (
        "        actual: 9 # Stand Ende 2020\n"
        "        measurements:\n"
        "          # aus dem Jahresbericht\n"
        "          - date: 2020-12-31\n"
        "            value: 9\n"
    )
    telgte.write_text(text.replace(INDICATOR, INDICATOR + block), "utf-8")
    before = telgte.read_text("utf-8")
    result = cli("measure", telgte, "stadtportal", "1", "0,000001", "--date", "2021-12-31", "--note", "Zählweise: neu")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "stadtportal: Verwaltungsleistungen online: 0.000001 on 2021-12-31; actual 9 -> 0.000001\n"
    assert changed(before, telgte.read_text("utf-8")) == [
        "-         actual: 9 # Stand Ende 2020\n",
        "+         actual: 0.000001 # Stand Ende 2020\n",
        "+           - date: 2021-12-31\n",
        "+             value: 0.000001\n",
        '+             note: "Zählweise: neu"\n',
    ]


def test_a_one_line_list_gets_the_item_inside_its_brackets(cli: Invoke, telgte: Path) -> None:
    text = telgte.read_text("utf-8")
    telgte.write_text(text.replace(INDICATOR, INDICATOR + "        measurements: []\n"), "utf-8")
    assert cli("measure", telgte, "stadtportal", "1", "-3", "--date", "2020-12-31").exit_code == 0
    assert cli("measure", telgte, "stadtportal", "1", "4", "--date", "2021-12-31").exit_code == 0
    assert "        measurements: [{date: 2020-12-31, value: -3}, {date: 2021-12-31, value: 4}]\n" in telgte.read_text("utf-8")


def test_a_date_not_after_the_latest_is_refused_and_nothing_written(cli: Invoke, telgte: Path) -> None:
    assert cli("measure", telgte, "stadtportal", "1", "12", "--date", "2020-12-31").exit_code == 0
    before = telgte.read_bytes()
    lines = before.decode("utf-8").splitlines()
    line = lines.index("          - {date: 2020-12-31, value: 12}") + 1
    for day, words in (("2020-06-30", "was last measured on"), ("2020-12-31", "already has a measurement on")):
        result = cli("measure", telgte, "stadtportal", "1", "13", "--date", day)
        assert result.exit_code == 1
        assert result.stderr == (
            f"{telgte}:{line}:20: error: indicator 'Verwaltungsleistungen online' {words} 2020-12-31 (line {line}); "
            f"a measurement of {day} would not be its latest: give a later --date, or edit the file by hand\n"
        )
        assert telgte.read_bytes() == before


def test_the_date_is_today_by_default(cli: Invoke, telgte: Path) -> None:
    result = cli("measure", telgte, "stadtportal", "1", "12")
    assert result.exit_code == 0, result.stderr
    assert f"date: {dt.date.today().isoformat()}, value: 12}}" in telgte.read_text("utf-8")


def test_dry_run_prints_the_diff(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("measure", telgte, "stadtportal", "1", "12", "--date", "2020-12-31", "--dry-run")
    assert result.exit_code == 0
    assert "+        measurements:\n+          - {date: 2020-12-31, value: 12}\n" in result.stdout
    assert telgte.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("stadtportl", "1"), "error: no project 'stadtportl'; did you mean 'stadtportal'?"),
        (("stadtportal", "Verwaltungsleistung"), "error: project 'stadtportal' has no indicator 'Verwaltungsleistung'; "
            "did you mean 'Verwaltungsleistungen online'?"),
        (("stadtportal", "7"), "error: project 'stadtportal' has no indicator '7'; its indicators: "
            "1 'Verwaltungsleistungen online'"),
        (("smarte-mobilitaet", "1"), "error: project 'smarte-mobilitaet' has no indicators; add one to the file first"),
    ],
)
def test_unknown_projects_and_indicators(cli: Invoke, telgte: Path, args: tuple[str, str], message: str) -> None:
    before = telgte.read_bytes()
    result = cli("measure", telgte, *args, "12", "--date", "2020-12-31")
    assert result.exit_code == 2
    assert message in result.stderr
    assert telgte.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("1.000",), "strategy-kit: error: VALUE: is '1.000' 1 or 1000? write 1 or 1000\n"),
        (("viel",), "strategy-kit: error: VALUE: 'viel' is not a number; write it like 3 or 3,5\n"),
        (("1234567890123456",), "strategy-kit: error: VALUE '1234567890123456' has more than 15 digits; write at most 15\n"),
        (("1", "--date", "31.12.2020"), "strategy-kit: error: --date '31.12.2020': write the date as year-month-day; did you mean 2020-12-31?\n"),
        (("1", "--date", "2020-02-30"), "strategy-kit: error: --date: '2020-02-30' is no date in the calendar (February 2020 has 29 days); "
            "write a date as year-month-day\n"),
        (("1", "--date", "gestern"), "strategy-kit: error: --date: 'gestern' is not a date; write a date as year-month-day like 2027-03-05\n"),
        (("1", "--source", " "), "strategy-kit: error: --source is blank; give it some text or leave it out\n"),
    ],
)
def test_arguments_that_are_refused(cli: Invoke, telgte: Path, args: tuple[str, ...], message: str) -> None:
    before = telgte.read_bytes()
    result = cli("measure", telgte, "stadtportal", "1", *args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert telgte.read_bytes() == before


def test_a_title_two_indicators_share_asks_for_the_number(cli: Invoke, telgte: Path) -> None:
    text = telgte.read_text("utf-8")
    telgte.write_text(text.replace(INDICATOR, INDICATOR + "      - title: Verwaltungsleistungen online\n"), "utf-8")
    result = cli("measure", telgte, "stadtportal", "Verwaltungsleistungen online", "12", "--date", "2020-12-31")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "error: project 'stadtportal' has 2 indicators titled 'Verwaltungsleistungen online' (numbers 1 and 2); "
        "give the number instead\n"
    )
    assert cli("measure", telgte, "stadtportal", "2", "12", "--date", "2020-12-31").exit_code == 0
    assert "      - title: Verwaltungsleistungen online\n        measurements:\n" in telgte.read_text("utf-8")


def strategy_with_indicator(folder: Path) -> Path:
    """The strategy repository, its portal's indicator titled "Online-Leistungen"."""
    shutil.copytree(EXAMPLES / "strategy-repo", folder / "repo")
    path = folder / "repo" / "strategy.yaml"
    text = path.read_text("utf-8")
    old = "      - title: Verwaltungsleistungen online\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "      - title: Online-Leistungen\n"), "utf-8")
    return path


def test_a_strategy_file_is_measured_and_a_workshop_points_there(cli: Invoke, tmp_path: Path) -> None:
    strategy = strategy_with_indicator(tmp_path)
    result = cli("measure", strategy, "stadtportal", "Online-Leistungen", "10", "--date", "2020-12-31")
    assert result.exit_code == 0, result.stderr
    assert "        measurements:\n          - {date: 2020-12-31, value: 10}\n" in strategy.read_text("utf-8")
    workshop = tmp_path / "repo" / "workshops" / "2019-09-massnahmen.yaml"
    before = workshop.read_bytes()
    result = cli("measure", workshop, "stadtportal", "1", "11", "--date", "2021-12-31")
    assert result.exit_code == 2
    assert "project 'stadtportal' is defined in the strategy file" in result.stderr
    assert workshop.read_bytes() == before


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=24) | st.from_regex(r"-?[0-9]{1,18}([.,][0-9]{1,6})?", fullmatch=True))
def test_any_value_is_a_clean_refusal_or_a_valid_edit(cli: Invoke, tmp_path: Path, value: str) -> None:
    path = tmp_path / "telgte.yaml"
    shutil.copyfile(EXAMPLES / "telgte.yaml", path)
    before = path.read_bytes()
    result = cli("measure", path, "stadtportal", "1", value, "--date", "2020-12-31")
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code:
        assert result.stderr.startswith("strategy-kit: error: ")
        assert path.read_bytes() == before
    else:
        assert check_file(path).exit_code == 0
        assert "measurements:" in path.read_text("utf-8")


def test_a_future_date_and_an_overlong_source_are_refused_before_the_file_is_read(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = cli("measure", telgte, "stadtportal", "1", "12", "--date", tomorrow)
    assert result.exit_code == 2 and "lies in the future" in result.stderr
    result = cli("measure", telgte, "stadtportal", "1", "12", "--date", "2020-12-31", "--source", "x" * 20_000)
    assert result.exit_code == 2 and "--source has 20000 characters; a source or note is at most 1000" in result.stderr
    assert telgte.read_bytes() == before
