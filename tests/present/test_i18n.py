"""Number formatting: every float the YAML allows prints, and nothing non-zero reads as 0."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.present.i18n import format_number


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [
        (1234.5, "1.234,5", "1,234.5"),
        (2, "2", "2"),
        (0.001, "0,001", "0.001"),
        (1e-7, "1E-7", "1E-7"),
        (1e300, "1E300", "1E300"),
        (-1e300, "-1E300", "-1E300"),
        (1e20, "100.000.000.000.000.000.000", "100,000,000,000,000,000,000"),
        (-0.0, "0", "0"),
    ],
)
def test_format_number(value: float, de: str, en: str) -> None:
    assert (format_number(value, "de"), format_number(value, "en")) == (de, en)


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(["#,##0.##", "#,##0.#"]))
def test_any_finite_float_prints_and_only_zero_reads_as_zero(value: float, pattern: str) -> None:
    for lang in ("de", "en"):
        text = format_number(value, lang, pattern)
        assert text
        assert (value == 0) == (not any(digit in text for digit in "123456789")), text


@pytest.mark.parametrize(
    ("value", "pattern", "de"),
    [
        (61.25, "#,##0.#", "61,3"),  # exact in binary: half-even would give 61,2
        (0.15, "#,##0.#", "0,2"),  # 0.1499999... in binary, 0.15 as written
        (2.675, "#,##0.##", "2,68"),  # 2.67499999... in binary
        (0.25, "#,##0.#", "0,3"),
        (-0.25, "#,##0.#", "-0,3"),  # away from zero, as DIN 1333 rounds the amount
        (12.5, "#,##0", "13"),
        (62.5, "#,##0.#", "62,5"),
        (1.005, "#,##0.##", "1,01"),
    ],
)
def test_numbers_round_half_up_on_the_decimal_as_written(value: float, pattern: str, de: str) -> None:
    assert format_number(value, "de", pattern) == de


def test_round_half_up_gives_the_decimal_shown() -> None:
    from decimal import Decimal

    from strategy_kit.present.i18n import round_half_up

    assert round_half_up(61.25, 1) == Decimal("61.3")
    assert round_half_up(0.15, 1) == Decimal("0.2")
    assert round_half_up(7, 1) == Decimal("7.0")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=5, max_value=10**9))  # below 0,05: more digits, never a false 0
def test_two_decimals_shown_with_one_round_half_up(hundredths: int) -> None:
    """k/100 shown to one decimal is (k + 5) // 10 tenths: integer arithmetic as the oracle."""
    value = hundredths / 100
    tenths = (hundredths + 5) // 10
    expected = f"{tenths // 10:,}".replace(",", ".") + (f",{tenths % 10}" if tenths % 10 else "")
    assert format_number(value, "de", "#,##0.#") == expected


@pytest.mark.parametrize(
    ("count", "de", "en"),
    [(1, "1 Idee", "1 idea"), (2, "2 Ideen", "2 ideas"), (1200, "1.200 Ideen", "1,200 ideas")],
)
def test_a_count_is_written_with_the_word_in_its_number(count: int, de: str, en: str) -> None:
    from strategy_kit.present.i18n import format_count

    assert format_count(count, "lifecycle.idea", "de") == de
    assert format_count(count, "lifecycle.idea", "en") == en
