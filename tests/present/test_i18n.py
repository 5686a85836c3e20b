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
