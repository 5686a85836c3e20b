"""Dates, times and numbers of rendered documents: German first, English too.

They are formatted by Babel from CLDR data, never by hand. Words (labels) live
in :mod:`strategy_kit.present.labels`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Literal

from strategy_kit.present.labels import count_label, label

Language = Literal["de", "en"]
LOCALES: dict[str, str] = {"de": "de_DE", "en": "en_GB"}

def format_date(value: dt.date, lang: str, format: str = "full") -> str:
    """``Dienstag, 5. März 2019`` (de) or ``Tuesday, 5 March 2019`` (en)."""
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format=format, locale=LOCALES[lang]))


def format_time(value: dt.time, lang: str) -> str:
    """``09:00`` in both languages: a 24-hour clock is what German and British agendas use."""
    from babel.dates import format_time as babel_time

    return str(babel_time(value, format="HH:mm", locale=LOCALES[lang]))


def format_time_range(start: dt.time, end: dt.time, lang: str) -> str:
    """``09:00–09:45 Uhr`` (de) or ``09:00–09:45`` (en)."""
    return label("clock.range", lang).format(start=format_time(start, lang), end=format_time(end, lang))


def round_half_up(value: float, digits: int) -> Decimal:
    """``value`` to ``digits`` decimal places, a 5 rounded away from zero (61.25 -> 61.3).

    Commercial rounding (kaufmännisches Runden) as DIN 1333 (Zahlenangaben,
    section 4, "Runden") prescribes and German administrations print: the
    first dropped digit 0-4 rounds down, 5-9 rounds up, on the amount. It rounds
    the decimal that ``repr`` gives for a float, the shortest that reads back as
    the same float, so 0.15 (in binary 0.1499...) is 0.2, as written and as the
    exact ranking arithmetic computed it. Babel's default would round half to
    even (61.25 -> 61.2). Raises :class:`decimal.InvalidOperation` when the result
    needs more than 28 digits (1e30 to one place); :func:`format_number` then falls
    back to scientific notation.
    """
    return _decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _decimal(value: float) -> Decimal:
    return Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))


def format_number(value: float, lang: str, format: str = "#,##0.##") -> str:
    """``1.234,5`` (de) or ``1,234.5`` (en); never a crash, never a false zero.

    Digits beyond the pattern are rounded half up (:func:`round_half_up`,
    DIN 1333): ``61.25`` with ``#,##0.#`` prints ``61,3``. This is the one
    place numbers are rounded for display; JSON keeps the computed value.

    Any float the YAML allows must print: Babel's decimal arithmetic overflows
    on magnitudes like 1e300, and a weight of 0.001 must not read as 0. Such
    values fall back to more digits, then to scientific notation (``1E300``).
    """
    from babel.numbers import format_decimal, format_scientific

    locale = LOCALES[lang]
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    value = value or 0  # no "-0"
    # Babel quantizes in the current decimal context: half up there, on the decimal as written.
    with localcontext(rounding=ROUND_HALF_UP):
        number = _decimal(value)
        try:
            text = str(format_decimal(number, format=format, locale=locale))
            if value and not any(digit in text for digit in "123456789"):
                text = str(format_decimal(number, format="0.######", locale=locale))
            if value and not any(digit in text for digit in "123456789"):
                raise InvalidOperation
        except InvalidOperation:
            text = str(format_scientific(number, format="0.###E0", locale=locale))
    return text


def format_percent(value: float, lang: str) -> str:
    """A progress figure (0..100) as every output shows it: ``43,3 %`` (de), ``43.3 %`` (en)."""
    return f"{format_number(value, lang, '#,##0.#')} %"


def format_count(count: float, key: str, lang: str) -> str:
    """A count and the word it counts, in the word's number: ``1 Idee``, ``2 Ideen`` (de),
    ``2 ideas`` (en); the number as :func:`format_number` writes it (``1.200 Ideen``).

    ``key`` is a label with a plural (:func:`strategy_kit.present.labels.count_label`,
    which raises for one without).
    """
    return f"{format_number(count, lang)} {count_label(key, count, lang)}"


def format_point(value: object, lang: str) -> str:
    """One end of a period: ``2. Quartal 2027`` for a quarter, ``5. März 2027`` for a date."""
    from strategy_kit.document.periods import Quarter

    if isinstance(value, Quarter):
        return label("report.quarter", lang).format(number=value.number, year=value.year)
    if isinstance(value, dt.date):
        return format_date(value, lang, "long")
    return str(value)


def format_period(start: object, end: object, lang: str) -> str:
    """A measure's period as every output writes it: ``1. Quartal 2027 – 4. Quartal 2028``,
    a date as ``5. März 2027``; one end only: ``ab …``/``bis …``; neither: empty.

    ``start`` and ``end`` are :data:`strategy_kit.document.periods.Period` values
    (a date or a quarter) or None.
    """
    if start is not None and end is not None:
        return f"{format_point(start, lang)} – {format_point(end, lang)}"
    if start is not None:
        return label("report.period_from", lang).format(start=format_point(start, lang))
    if end is not None:
        return label("report.period_until", lang).format(end=format_point(end, lang))
    return ""


def format_span(value: object, lang: str) -> str:
    """A (start, end) pair as :func:`format_period` writes it; empty for None or no ends."""
    if not isinstance(value, tuple) or len(value) != 2:
        return ""
    return format_period(value[0], value[1], lang)
