"""A strategy diff in words: figures written as every other output writes them."""

from __future__ import annotations

import datetime as dt

from strategy_kit.compute.semdiff import Change
from strategy_kit.present.i18n import format_percent
from strategy_kit.present.semdiff import describe


def test_a_progress_change_is_a_percentage_as_status_writes_it() -> None:
    change = Change("projects", "progress-changed", "p", "P", 10, 12.34)
    for lang in ("de", "en"):
        text = describe(change, lang, str)
        assert text.endswith(f"{format_percent(10, lang)} → {format_percent(12.34, lang)}")
    assert describe(change, "de", str).endswith("10 % → 12,3 %")


def test_an_indicator_value_and_a_milestone_reached_in_words() -> None:
    indicator = Change("projects", "indicator-changed", "p", "Portal", None, 12.5, "Online-Leistungen")
    assert describe(indicator, "de", lambda t: f"„{t}“") == (
        "„Portal“: Indikator „Online-Leistungen“ „keine Angabe“ → 12,5"
    )
    assert describe(indicator, "en", str) == "Portal: indicator Online-Leistungen not stated → 12.5"
    milestone = Change("projects", "milestone-done", "p", "Portal", new=dt.date(2020, 10, 1), detail="Online")
    assert describe(milestone, "de", str) == "Portal: Meilenstein erreicht: Online"
    assert describe(milestone, "en", str) == "Portal: milestone reached: Online"
