"""Durations and clock times as people write them in a workshop plan.

Kept free of heavy imports: the timing engine, the editor and the model share it.
"""

from __future__ import annotations

import re
from datetime import time
from fractions import Fraction

# The accepted durations as one pattern, shared by the parser and the JSON
# Schema (editors judge a value as ``check`` does): written with ``[0-9]`` and
# spaces rather than ``\d`` and ``\s``, which match more in Python than in
# ECMAScript, and only ever used whole (``re.fullmatch``). Every form lies
# between one minute and a day.
_H1_23 = "0*(?:[1-9]|1[0-9]|2[0-3])"
_UNIT_M = " *m(?:in)?"
_FORMS = (
    "0*(?:[1-9]|1[0-9]|2[0-4]) *h",  # 1h .. 24h
    "0*(?:[1-9][0-9]{0,2}|1[0-3][0-9]{2}|14[0-3][0-9]|1440)" + _UNIT_M,  # 1m .. 1440m
    _H1_23 + " *h *0*[1-5]?[0-9]" + _UNIT_M,  # 1h0m .. 23h59m
    "0+ *h *0*(?:[1-9]|[1-5][0-9])" + _UNIT_M,  # 0h1m .. 0h59m
    "0*24 *h *0+" + _UNIT_M,  # 24h0m
    _H1_23 + ":[0-5][0-9]",  # 1:00 .. 23:59
    "0+:(?:0[1-9]|[1-5][0-9])",  # 0:01 .. 0:59
    "0*24:00",
    _H1_23 + "[.,][0-9][05]?0* *h",  # 1,5h: decimal hours of whole minutes (tenths, twentieths)
    "0+[.,](?:[1-9][05]?|05)0* *h",  # 0,5h .. 0,95h
    "0*24[.,]0+ *h",
)
DURATION_PATTERN = "^ *(?:" + "|".join(_FORMS) + ") *$"
#: A time of day on the 24-hour clock, ``9:30`` or ``09:30``, and ``24:00``, the end of a
#: day (ISO 8601-1:2019, 5.3.2). ASCII digits only and no surrounding space, so that
#: Python's ``re`` and a JSON Schema validator (ECMA-262) accept exactly the same text.
CLOCK_PATTERN = r"^(?:([01]?[0-9]|2[0-3]):([0-5][0-9])|24:00)$"
#: ``24:00`` as a :class:`datetime.time`: the last instant of the day, so that it sorts
#: after every other time of the day; :func:`clock_minutes` counts it as 1440.
END_OF_DAY = time.max
_DURATION = re.compile(DURATION_PATTERN)
# What a duration was meant to be, so that a refusal can say why: its parts in any size.
_READ = re.compile(
    r" *(?:(?P<h>[0-9]+) *h(?: *(?P<hm>[0-9]+)" + _UNIT_M + r")?|(?P<m>[0-9]+)" + _UNIT_M
    + r"|(?P<ch>[0-9]+):(?P<cm>[0-9]{2})|(?P<dh>[0-9]+)[.,](?P<df>[0-9]+) *h) *"
)
#: Nothing in a workshop day lasts longer than the day.
MAX_MINUTES = 24 * 60
_CLOCK = re.compile(CLOCK_PATTERN)
_FORMS_SAID = "'45m', '1h30m', '1:30' or '1,5h'"


def _shown(text: str) -> str:
    """The value as a message quotes it: a screenful of digits is cut short."""
    text = text.strip()
    return repr(text if len(text) <= 24 else text[:20] + "...")


def _minutes(match: re.Match[str]) -> tuple[Fraction, int]:
    """(minutes, the minutes part written beside hours or 0) of a read duration."""
    parts = match.groupdict()
    if any(len((v or "").lstrip("0")) > 6 for v in parts.values()):
        return Fraction(MAX_MINUTES + 1), 0  # compared as text: int() of thousands of digits is slow
    if parts["dh"] is not None:
        fraction = Fraction(int(parts["df"]), 10 ** len(parts["df"]))
        return (int(parts["dh"]) + fraction) * 60, 0
    hours, beside = parts["h"] or parts["ch"], parts["hm"] or parts["cm"]
    if hours is not None:
        return Fraction(int(hours) * 60 + int(beside or 0)), int(beside or 0)
    return Fraction(int(parts["m"])), 0


def parse_duration(text: str) -> int:
    """Return the minutes of ``45m``, ``90min``, ``1h``, ``1h30m``, ``1:30`` or ``1,5h``.

    ``1:30`` is hours and minutes (a workshop plan has no seconds); ``1,5h``
    and ``1.5h`` are decimal hours and must come to whole minutes. A bare
    number is refused on purpose: ``duration: 45`` could mean minutes or
    hours, and a facilitator's plan must not guess. A duration lies between
    one minute and 24 hours; the accepted text is exactly :data:`DURATION_PATTERN`.
    Raises ``ValueError`` saying how to write it.
    """
    read = _READ.fullmatch(text)
    if read is None or not text.strip():
        raise ValueError(f"not a duration: {_shown(text)}; write it like {_FORMS_SAID}")
    minutes, beside = _minutes(read)
    if _DURATION.fullmatch(text):
        return int(minutes)
    if minutes <= 0:
        raise ValueError("a duration must be longer than zero minutes")
    if minutes > MAX_MINUTES:
        raise ValueError(f"{_shown(text)} is longer than a day; a session lasts at most 24h")
    if minutes.denominator != 1:
        raise ValueError(f"{_shown(text)} is not a whole number of minutes; write it like '1h20m'")
    if beside >= 60:
        raise ValueError(f"{_shown(text)} has 60 minutes or more beside the hours; write {format_duration(int(minutes))!r}")
    raise ValueError(f"not a duration: {_shown(text)}; write it like {_FORMS_SAID}")  # pragma: no cover


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
