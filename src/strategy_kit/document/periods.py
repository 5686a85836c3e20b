"""When a measure starts and ends: a calendar date or a quarter (``2027-Q1``).

Measure plans (Maßnahmenpläne) are written by quarter as often as by date, so
``start`` and ``end`` take either. A quarter stands for its first day as a
start and for its last day as an end; :func:`first_day` and :func:`last_day`
are the one place that says so, for the measure sheet, the roadmap and every
rule that compares periods.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

#: A quarter as the format writes it: year, ``-Q``, number 1 to 4.
QUARTER_PATTERN = r"^[0-9]{4}-Q[1-4]$"
#: What a message shows as the way to write a date.
DATE_EXAMPLE = "2027-03-05"
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Dates people write that are not the format's: 1.4.2019, 01.04.19, 2019/4/1, 2019-4-1, 99999-01-01.
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.\s?([0-9]{1,2})\.\s?([0-9]+)")
_OTHER_DATE = re.compile(r"([0-9]{4,})[-./]([0-9]{1,2})[-./]([0-9]{1,2})")
# A quarter in any case and order: 2027-Q1, 2027-q1, Q1 2027, Q1/2027, 2027 Q1, 1. Quartal 2027.
_QUARTER = re.compile(r"([0-9]{4})-Q([0-9]{1,2})")
_LOOSE = (
    re.compile(r"([0-9]{4})\s*[-/ ]?\s*Q\s*([0-9]{1,2})", re.IGNORECASE),  # 2027 Q1, 2027/Q1, 2027-q1
    re.compile(r"Q\s*([0-9]{1,2})\s*[-/ ]?\s*([0-9]{4})", re.IGNORECASE),  # Q1 2027, Q1/2027
    re.compile(r"([0-9])\.\s*(?:Quartal|Qu\.?)\s*([0-9]{4})", re.IGNORECASE),  # 1. Quartal 2027
)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: ``year`` and ``number`` (1 to 4)."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


Period = dt.date | Quarter


def parse_date(value: Any) -> dt.date:
    """A calendar date from YAML: a ``date`` or the text ``"2027-03-05"``.

    The one reading of every date key (a day, a milestone, a due date, the
    report's date). Raises ``ValueError`` with what to write instead: a date in
    German form (``01.04.2019``, ``1.4.2019``) is answered with
    ``did you mean 2019-04-01?``, a day the calendar lacks says why.
    """
    if isinstance(value, dt.datetime):
        return _without_time(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"{_number(value)} is a number, not a date; write a date as year-month-day like {DATE_EXAMPLE}")
    if not isinstance(value, str):
        raise ValueError(f"expected a date like {DATE_EXAMPLE}")
    day = _date_text(value)
    if day is None:
        raise ValueError(f"{_shown(value)} is not a date; write a date as year-month-day like {DATE_EXAMPLE}")
    return day


def date_written(text: str) -> dt.date | None:
    """The date ``text`` writes, or ``None`` when it looks like no date at all (``HEAD~2``, a word).

    For an option that takes a date or something else (a git revision):
    raises ``ValueError`` as :func:`parse_date` does for text shaped like a
    date that is not one (``2019-13-01``, ``01.04.2019``: did you mean 2019-04-01?).
    """
    return _date_text(text)


def parse_period(value: Any) -> Period:
    """A date or a quarter from YAML: a ``date``, ``"2027-03-05"`` or ``"2027-Q1"``.

    Raises ``ValueError`` with the spelling to write instead: ``Q1 2027``,
    ``2027 Q1`` and ``2027-q1`` are answered with ``did you mean 2027-Q1?``,
    a date as :func:`parse_date` answers it, ``2027-Q5`` with the quarters there are.
    """
    if isinstance(value, dt.datetime):
        return _without_time(value)
    if isinstance(value, dt.date | Quarter):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, int | float):
            raise ValueError(f"{_number(value)} is no date or quarter; write {DATE_EXAMPLE} or 2027-Q1")
        raise ValueError(f"expected a date like {DATE_EXAMPLE} or a quarter like 2027-Q1")
    text = value.strip()
    match = _QUARTER.fullmatch(text)
    if match:
        return _quarter(int(match.group(1)), int(match.group(2)), value, exact=True)
    for pattern in _LOOSE:
        match = pattern.fullmatch(text)
        if match:
            first, second = match.group(1), match.group(2)
            year, number = (first, second) if len(first) == 4 else (second, first)
            _quarter(int(year), int(number), value, exact=False)
    day = _date_text(value)
    if day is None:
        raise ValueError(f"{_shown(value)} is no date or quarter; write {DATE_EXAMPLE} or 2027-Q1")
    return day


def _quarter(year: int, number: int, written: str, *, exact: bool) -> Quarter:
    """The quarter, or the error that says what is wrong with it or how to write it."""
    if not 1 <= number <= 4:
        raise ValueError(f"{_shown(written)}: a quarter is Q1 to Q4, like 2027-Q1")
    if year < 1:
        raise ValueError(f"{_shown(written)}: the calendar has no year 0; write a quarter like 2027-Q1")
    if not exact:
        raise ValueError(f"write a quarter as year-Q-number; did you mean {Quarter(year, number)}?")
    return Quarter(year, number)


def _date_text(value: str) -> dt.date | None:
    """The date ``value`` writes in the format's form; ``None`` when it looks like no date at all.

    Raises ``ValueError`` for what looks like a date but is not the format's (German
    form, a two-digit or five-digit year) or is not in the calendar.
    """
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    if match:
        return _calendar(*match.groups(), written=value)
    match = _GERMAN_DATE.fullmatch(text)
    if match:
        day, month, year = match.groups()
        if len(year) > 4:
            raise ValueError(f"{_shown(value)}: a year has four digits here; write a date like {DATE_EXAMPLE}")
        if len(year) != 4:
            raise ValueError(
                f"write the date as year-month-day with all four digits of the year, like {DATE_EXAMPLE} (not {text})"
            )
        iso = _calendar(year, month, day, written=value)
        raise ValueError(f"write the date as year-month-day; did you mean {iso.isoformat()}?")
    match = _OTHER_DATE.fullmatch(text)
    if match:
        year, month, day = match.groups()
        if len(year) != 4:
            raise ValueError(f"{_shown(value)}: a year has four digits here; write a date like {DATE_EXAMPLE}")
        iso = _calendar(year, month, day, written=value)
        raise ValueError(f"write the date as year-month-day with two-digit month and day; did you mean {iso.isoformat()}?")
    return None


def _calendar(year: str, month: str, day: str, *, written: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(calendar_problem(written, int(year), int(month), int(day))) from None


def calendar_problem(written: str, year: int, month: int, day: int) -> str:
    """Why ``written`` (year, month and day read from it) is no day of the calendar, and what to write."""
    import calendar

    shown = _shown(written)
    if year < 1:
        reason = "the calendar has no year 0"
    elif not 1 <= month <= 12:
        reason = "a month is 1 to 12"
    elif day < 1:
        reason = "a day is 1 or later"
    else:
        days = calendar.monthrange(year, month)[1] if year <= dt.MAXYEAR else 31
        reason = f"{_MONTHS[month - 1]} {year} has {days} days"
    return f"{shown} is no date in the calendar ({reason}); write a date as year-month-day"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _without_time(value: dt.datetime) -> dt.date:
    if value.time() != dt.time() or value.tzinfo is not None:
        raise ValueError(f"a date here has no time of day; did you mean {value.date().isoformat()}?")
    return value.date()


def _shown(text: str) -> str:
    """The text as a message quotes it, cut short when long."""
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def _number(value: float) -> str:
    """A number as a message shows it, cut short when it has many digits."""
    text = repr(value)
    return text if len(text) <= 24 else text[:20] + "..."


def first_day(value: Period) -> dt.date:
    """The day a period starts: the date itself, or a quarter's first day."""
    if isinstance(value, Quarter):
        return dt.date(value.year, 3 * value.number - 2, 1)
    return value


def last_day(value: Period) -> dt.date:
    """The day a period ends: the date itself, or a quarter's last day."""
    if isinstance(value, Quarter):
        if value.number == 4:
            return dt.date(value.year, 12, 31)
        return dt.date(value.year, 3 * value.number + 1, 1) - dt.timedelta(days=1)
    return value


def quarter_of(day: dt.date) -> Quarter:
    """The quarter a day lies in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def period_text(value: Period) -> str:
    """The format's spelling: ISO date or ``2027-Q1`` (what a file and JSON hold)."""
    return str(value) if isinstance(value, Quarter) else value.isoformat()
