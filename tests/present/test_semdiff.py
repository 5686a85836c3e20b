"""A strategy diff in words: figures written as every other output writes them."""

from __future__ import annotations

from strategy_kit.compute.semdiff import Change
from strategy_kit.present.i18n import format_percent
from strategy_kit.present.semdiff import describe


def test_a_progress_change_is_a_percentage_as_status_writes_it() -> None:
    change = Change("projects", "progress-changed", "p", "P", 10, 12.34)
    for lang in ("de", "en"):
        text = describe(change, lang, str)
        assert text.endswith(f"{format_percent(10, lang)} → {format_percent(12.34, lang)}")
    assert describe(change, "de", str).endswith("10 % → 12,3 %")
