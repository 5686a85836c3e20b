"""The one reading of a number a person wrote: a score typed on the command line, in a
cell of an imported table, or quoted in the file (``"3,5"``); dot votes too.

A number is ASCII digits (``[0-9]``, never another script's digits that
Python's ``float`` would take), an optional ``-`` and an optional decimal
comma or point followed by digits: :data:`DECIMAL_PATTERN`, the JSON Schema's
pattern for a score written as text. No exponent (``1e-06``), no digit
grouping (``1 000``, ``1_000``), no ``inf`` or ``nan``.

Text typed for an edit (``typed=True``) is held to two more rules, because
the edit writes it into the file as a number: at most :data:`MAX_DIGITS`
digits (what a double keeps, IEEE 754 binary64's 15 decimal digits), so the
file holds the decimal that was typed; and ``1.000`` or ``1,000`` (up to three
digits, a separator, exactly three digits) is refused as ambiguous
(:class:`AmbiguousNumber`): in German ``1.000`` is one thousand, in English
``1,000`` is. Text in the file is read as YAML reads an unquoted decimal: the
nearest double.

A number is written back by :func:`decimal_text`, always as a plain decimal.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

#: A score or other decimal written as text: ``3,5`` (German) or ``3.5``.
DECIMAL_PATTERN = r"^-?[0-9]+(?:[.,][0-9]+)?$"
#: Significant digits a typed number may have: all of them survive in a double (binary64).
MAX_DIGITS = 15
#: The most dot votes a project may have: a room of some hundred people with a few dots
#: each stays far below it, so a larger count is a typo.
MAX_VOTES = 10_000
#: Votes written as text (``"12"``): 0 to :data:`MAX_VOTES`, the JSON Schema's pattern.
VOTES_PATTERN = r"^0*(?:[0-9]{1,4}|10000)$"
#: :data:`MAX_VOTES` as a message writes it, grouped by a space (DIN 5008): ``10 000``.
MAX_VOTES_TEXT = f"{MAX_VOTES:,}".replace(",", " ")

_DECIMAL = re.compile(DECIMAL_PATTERN.removesuffix("$") + r"\Z")
_GROUPED = re.compile(r"-?([0-9]{1,3})[.,]([0-9]{3})\Z")
_WHOLE = re.compile(r"[0-9]+\Z")


class UnclearNumber(ValueError):
    """Typed text that is a number, but not surely the number meant (its message says why)."""


class AmbiguousNumber(UnclearNumber):
    """``1.000`` typed by a person: one or one thousand. ``value`` is the decimal reading."""

    def __init__(self, text: str, value: float) -> None:
        super().__init__(ambiguous_question(text, value))
        self.value = value


def ambiguous_question(text: str, value: float) -> str:
    """``is '1.000' 1 or 1000? write 1 or 1000``: what to ask of ``text`` shaped like ``1.000``.

    ``value`` is the decimal reading. The one wording for a number typed on the
    command line (:class:`AmbiguousNumber`) and one written in a file.
    """
    match = _GROUPED.match(text)
    assert match is not None
    sign = "-" if text.startswith("-") else ""
    one = decimal_text(value)
    thousand = sign + str(int(match.group(1) + match.group(2)))
    return f"is {text!r} {one} or {thousand}? write {one} or {thousand}"


def _digits(text: str) -> int:
    """The significant digits of a decimal's text: leading zeros and zeros after the last decimal left out."""
    whole, _, fraction = text.lstrip("-").replace(",", ".").partition(".")
    return (
        len(whole.lstrip("0")) + len(fraction.rstrip("0"))
        if whole.lstrip("0")
        else len(fraction.strip("0"))
    )


def read_number(text: str, *, typed: bool = False) -> int | float:
    """``3,5`` or ``3.5`` as 3.5, ``4`` as the int 4 (:data:`DECIMAL_PATTERN`).

    ``typed``: the text is typed for an edit (command line, imported cell)
    and also refused with more than :data:`MAX_DIGITS` digits, and as
    :class:`AmbiguousNumber` when shaped like ``1.000`` (both are
    :class:`UnclearNumber`). Raises ``ValueError`` with a message that says
    how to write the number.
    """
    if not _DECIMAL.match(text):
        raise ValueError(f"{text!r} is not a number; write it like 3 or 3,5")
    if typed and _digits(text) > MAX_DIGITS:
        raise UnclearNumber(f"{text!r} has more than {MAX_DIGITS} digits; a score needs far fewer")
    if "," not in text and "." not in text:
        return int(text)
    value = float(text.replace(",", "."))
    if not math.isfinite(
        value
    ):  # pragma: no cover - a decimal without exponent is finite below 10**308 digits
        raise ValueError(f"{text!r} is too large a number")
    if typed and _GROUPED.match(text):
        raise AmbiguousNumber(text, value)
    return value


def decimal_text(value: int | float) -> str:
    """``value`` as a plain decimal for a YAML file or a message: ``0.000001``, never ``1e-06``.

    A float is written with the shortest digits that read back as it
    (Python's ``repr``), without exponent; a whole float as an integer.
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


def score_value(value: Any) -> int | float:
    """A score as written in the file: a number, or text :func:`read_number` reads.

    Raises ``ValueError`` for ``true``/``false`` and for text that is no
    number; ``.inf`` and ``.nan`` are passed on for the model to refuse
    (``allow_inf_nan=False``: "a finite number").
    """
    if isinstance(value, bool):
        raise ValueError("a score is a number like 3 or 3,5, not true or false")
    if isinstance(value, str):
        return read_number(value)
    if isinstance(value, int | float):
        return value  # an infinite or undefined float is the model's (allow_inf_nan=False)
    raise ValueError(f"{value!r} is not a number; write it like 3 or 3,5")


def measured_value(value: Any) -> int | float:
    """An indicator's measured value as written in the file: a number, or text :func:`read_number` reads.

    Raises ``ValueError`` for ``true``/``false`` and for text that is no number.
    """
    if isinstance(value, bool):
        raise ValueError("a measured value is a number like 12 or 3,5, not true or false")
    if isinstance(value, str):
        return read_number(value)
    if isinstance(value, int | float):
        return value
    raise ValueError(f"{value!r} is not a number; write it like 12 or 3,5")


def _votes_bound(count: int, shown: str, digits: int) -> int:
    """``count`` if it is at most :data:`MAX_VOTES`; ``shown`` and ``digits`` say what was written."""
    if count <= MAX_VOTES:
        return count
    what = f"{shown} votes is" if digits <= 24 else f"a number of {digits} digits is"
    votes = "" if digits <= 24 else " votes"
    raise ValueError(f"{what} more than {MAX_VOTES_TEXT}{votes}; a room gives far fewer dots, is it a typo?")


def read_votes(text: str) -> int:
    """A count of dot votes typed by a person: a whole number from 0 to :data:`MAX_VOTES`."""
    if not _WHOLE.match(text):
        raise ValueError(f"{text!r} is not a number of votes; write a whole number like 12")
    digits = len(text.lstrip("0"))
    # Never int() of thousands of digits: past the bound the count itself does not matter.
    count = MAX_VOTES + 1 if digits > len(str(MAX_VOTES)) else int(text)
    return _votes_bound(count, repr(text), digits)


def vote_count(value: Any) -> int:
    """The votes as written in the file: a whole number (``5``, ``5.0``) or its text (``"5"``).

    Raises ``ValueError`` for ``true``/``false``, a fraction, a negative
    number and more than :data:`MAX_VOTES`.
    """
    if isinstance(value, bool):
        raise ValueError("votes are a whole number like 12, not true or false")
    if isinstance(value, str):
        return read_votes(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ValueError(f"{value!r} is not a number of votes; write a whole number like 12")
    if value < 0:
        raise ValueError(f"{value!r} is not a number of votes; votes are 0 or more")
    if value <= MAX_VOTES:
        return value
    try:
        shown = str(value)
    except ValueError:  # more digits than Python converts (CVE-2020-10735)
        shown = "9" * 5000
    return _votes_bound(value, shown, len(shown))
