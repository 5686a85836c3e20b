"""Durations and clock times as people write them in a workshop plan.

Kept free of heavy imports: the timing engine, the editor and the model share it.
"""

from __future__ import annotations

import re
from datetime import time

DURATION_PATTERN = r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$"
CLOCK_PATTERN = r"^([01]?\d|2[0-3]):([0-5]\d)$"
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


def parse_clock(text: str) -> time:
    """Return the time of day of ``09:00`` or ``9:30`` (24-hour clock)."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(f"not a time of day: {text!r}; write it on the 24-hour clock like '09:30'")
    return time(int(match.group(1)), int(match.group(2)))
