"""An indicator's actual value: the one answer every output shows.

An indicator keeps its measurements over the years (``measurements``, oldest
first); the latest is the actual value. An indicator without measurements may
still carry a hand-written ``actual``. When both are written, ``check``
refuses an ``actual`` that differs from the latest measurement (two answers to
one question), so either source gives the same figure here.
"""

from __future__ import annotations

from strategy_kit.document.model import Indicator, Measurement


def latest(indicator: Indicator) -> Measurement | None:
    """The measurement with the latest date; None without measurements.

    The latest by date, not by position, so a file that ``check`` has not yet
    seen still gives the right answer.
    """
    if not indicator.measurements:
        return None
    return max(reversed(indicator.measurements), key=lambda m: m.date)


def actual(indicator: Indicator) -> float | None:
    """The indicator's actual value, in its unit: the latest measurement's, else ``actual``, else None."""
    measurement = latest(indicator)
    return measurement.value if measurement is not None else indicator.actual
