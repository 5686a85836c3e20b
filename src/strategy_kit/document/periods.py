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
_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
# Ways people write a quarter, answered with the format's spelling.
_LOOSE = (
    re.compile(r"(?:Q|q)\s*([1-4])\s*[/ -]?\s*([0-9]{4})"),  # Q1 2027, Q1/2027
    re.compile(r"([1-4])\.\s*(?:Quartal|Qu\.?)\s*([0-9]{4})", re.IGNORECASE),  # 1. Quartal 2027
    re.compile(r"([0-9]{4})\s*[/ ]\s*Q([1-4])()"),  # 2027/Q1
)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: ``year`` and ``number`` (1 to 4)."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


Period = dt.date | Quarter


def parse_period(value: Any) -> Period:
    """A date or a quarter from YAML: a ``date``, ``"2027-03-05"`` or ``"2027-Q1"``.

    Raises ``ValueError`` with the spelling to write instead (``Q1 2027`` is
    answered with ``2027-Q1``).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date | Quarter):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"{value!r} is no date or quarter; write 2027-03-05 or 2027-Q1")
    text = value.strip()
    match = _QUARTER.fullmatch(text)
    if match and int(match.group(1)) >= 1:
        return Quarter(int(match.group(1)), int(match.group(2)))
    if match:
        raise ValueError(f"{value!r}: the calendar has no year 0; write a quarter like 2027-Q1")
    try:
        return dt.date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else _loose(text)
    except ValueError as exc:
        if "quarter" in str(exc):
            raise
        raise ValueError(f"{value!r} is no date in the calendar; write a date as year-month-day") from None


def _loose(text: str) -> Period:
    for pattern in _LOOSE:
        match = pattern.fullmatch(text)
        if match:
            first, second = match.group(1), match.group(2)
            year, number = (first, second) if len(first) == 4 else (second, first)
            raise ValueError(f"write the quarter as year-Q-number: {year}-Q{number} instead of {text}")
    raise ValueError(f"{text!r} is no date or quarter; write 2027-03-05 or 2027-Q1")


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
