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


def test_a_new_period_in_words() -> None:
    import datetime as dt

    from strategy_kit.document.periods import Quarter

    change = Change(
        "projects", "period-changed", "portal", "Portal",
        (Quarter(2020, 1), Quarter(2020, 4)), (Quarter(2020, 1), dt.date(2021, 6, 30)),
    )
    assert describe(change, "de", str) == "Portal: Zeitraum 1. Quartal 2020 – 4. Quartal 2020 → 1. Quartal 2020 – 30. Juni 2021"
    assert describe(change, "en", str) == "Portal: period Q1 2020 – Q4 2020 → Q1 2020 – 30 June 2021"
    opened = Change("projects", "period-changed", "portal", "Portal", (None, None), (None, Quarter(2021, 2)))
    assert describe(opened, "de", str) == "Portal: Zeitraum keine Angabe → bis 2. Quartal 2021"


def test_a_new_period_in_json_is_written_as_the_format_writes_it() -> None:
    import json

    from strategy_kit.document.periods import Quarter
    from strategy_kit.present.semdiff import to_json

    change = Change("projects", "period-changed", "portal", "Portal", (Quarter(2020, 1), None), (None, dt.date(2021, 6, 30)))
    (item,) = json.loads(to_json([change]))["changes"]
    assert (item["old"], item["new"]) == (["2020-Q1", None], [None, "2021-06-30"])
