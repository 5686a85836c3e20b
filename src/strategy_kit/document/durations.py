"""Durations and clock times as people write them in a workshop plan.

Kept free of heavy imports: the timing engine, the editor and the model share it.
"""

from __future__ import annotations

import re
from datetime import time

DURATION_PATTERN = r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$"
#: A time of day on the 24-hour clock, ``9:30`` or ``09:30``, and ``24:00``, the end of a
#: day (ISO 8601-1:2019, 5.3.2). ASCII digits only and no surrounding space, so that
#: Python's ``re`` and a JSON Schema validator (ECMA-262) accept exactly the same text.
CLOCK_PATTERN = r"^(?:([01]?[0-9]|2[0-3]):([0-5][0-9])|24:00)$"
#: ``24:00`` as a :class:`datetime.time`: the last instant of the day, so that it sorts
#: after every other time of the day; :func:`clock_minutes` counts it as 1440.
END_OF_DAY = time.max
_DURATION = re.compile(DURATION_PATTERN)
#: Nothing in a workshop day lasts longer than the day.
MAX_MINUTES = 24 * 60
_CLOCK = re.compile(CLOCK_PATTERN)


def _shown(text: str) -> str:
    """The value as a message quotes it: a screenful of digits is cut short."""
    text = text.strip()
    return repr(text if len(text) <= 24 else text[:20] + "...")


def parse_duration(text: str) -> int:
    """Return the minutes of ``45m``, ``1h``, ``1h30m`` or ``90min``.

    A bare number is refused on purpose: ``duration: 45`` could mean minutes
    or hours, and a facilitator's plan must not guess.
    """
    match = _DURATION.match(text)
    if not text.strip() or match is None or not (match.group(1) or match.group(2)):
        raise ValueError(f"not a duration: {_shown(text)}; write minutes and hours like '45m' or '1h30m'")
    hours, minutes = match.group(1) or "0", match.group(2) or "0"
    # Compared as text first: int() of thousands of digits is slow, and refused beyond 4300.
    if len(hours.lstrip("0")) > 4 or len(minutes.lstrip("0")) > 6:
        raise ValueError(f"{_shown(text)} is longer than a day; a session lasts at most 24h")
    total = int(hours) * 60 + int(minutes)
    if total <= 0:
        raise ValueError("a duration must be longer than zero minutes")
    if total > MAX_MINUTES:
        raise ValueError(f"{_shown(text)} is longer than a day; a session lasts at most 24h")
    return total


def format_duration(minutes: int) -> str:
    """Write minutes back in the form ``parse_duration`` reads (``1h30m``)."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest}m"
    if hours:
        return f"{hours}h"
    return f"{rest}m"


def parse_clock(text: str, *, end: bool = False) -> time:
    """Return the time of day of ``09:00`` or ``9:30`` (24-hour clock, :data:`CLOCK_PATTERN`).

    ``24:00`` (ISO 8601's end of the day) is accepted only where an end is meant
    (``end=True``) and returned as :data:`END_OF_DAY`: nothing can start at 24:00,
    that instant is 00:00 of the next day and belongs to that day's plan.
    Raises :class:`ValueError` for anything else.
    """
    match = _CLOCK.fullmatch(text)
    if match is None:
        raise ValueError(f"not a time of day: {_shown(text)}; write it on the 24-hour clock like '09:30'")
    if match.group(1) is None:
        if not end:
            raise ValueError("24:00 ends a day; nothing starts then, write 00:00 on the next day")
        return END_OF_DAY
    return time(int(match.group(1)), int(match.group(2)))


def clock_minutes(value: time) -> int:
    """Minutes since midnight: 0 for ``00:00``, 1440 for :data:`END_OF_DAY` (``24:00``)."""
    if value == END_OF_DAY:
        return MAX_MINUTES
    return value.hour * 60 + value.minute


def format_clock(value: time) -> str:
    """Write a time of day back in the form :func:`parse_clock` reads (``09:30``, ``24:00``)."""
    if value == END_OF_DAY:
        return "24:00"
    return f"{value.hour:02d}:{value.minute:02d}"
