"""Word widths in Arial and the share of a table's width between its columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.present.metrics import (
    SUBSTITUTE,
    column_widths,
    longest_line,
    longest_word,
    text_width,
)


def test_widths_follow_helvetica() -> None:
    # "Stimmen" in Helvetica: S 667, t 278, i 222, m 833 × 2, e 556, n 556 = 3945 / 1000 em.
    assert text_width("Stimmen", 10) == pytest.approx(39.45 * SUBSTITUTE)
    assert text_width("Stimmen", 10, bold=True) > text_width("Stimmen", 10)
    assert text_width("ä", 10) == text_width("a", 10)  # a letter counts as its base letter
    assert text_width("Mäßig", 9) > text_width("Maig", 9)


def test_longest_word_and_line() -> None:
    text = "Hauptgeschäftsführer der Stadt\nOnline-Services"
    assert longest_word(text, 9) == text_width("Hauptgeschäftsführer", 9)
    # A line may break after a hyphen, so "Online-" and "Services" are separate pieces.
    assert longest_word("Online-Services", 9) == text_width("Services", 9)
    assert longest_line(text, 9) == text_width("Hauptgeschäftsführer der Stadt", 9)
    assert longest_word("", 9) == 0.0


def test_weights_share_the_width_and_minimums_hold() -> None:
    assert column_widths([10, 10], [50, 50], 100, [1, 3]) == [25, 75]
    # The narrow column is raised to its longest word, at the cost of the other.
    assert column_widths([40, 10], [50, 50], 100, [1, 3]) == [40, 60]


def test_automatic_layout_like_a_browser() -> None:
    # Everything fits on one line: natural widths, stretched to the table's width.
    assert column_widths([10, 10], [20, 30], 100) == [40, 60]
    # Not: each column gets its minimum and a share of the rest by how much more it wants.
    assert column_widths([10, 10], [110, 10], 100) == [90, 10]


def test_too_narrow_a_page_scales_the_minimums() -> None:
    assert column_widths([100, 100], [100, 100], 100) == [50, 50]


@given(
    st.lists(st.tuples(st.floats(1, 200), st.floats(0, 300), st.floats(0.1, 10)), min_size=1, max_size=8),
    st.floats(50, 600),
    st.booleans(),
)
def test_columns_fill_the_width_and_respect_their_minimum(
    columns: list[tuple[float, float, float]], total: float, weighted: bool
) -> None:
    minimum = [m for m, _, _ in columns]
    natural = [m + extra for m, extra, _ in columns]
    weights = [w for _, _, w in columns] if weighted else None
    widths = column_widths(minimum, natural, total, weights)
    assert sum(widths) == pytest.approx(total)
    if sum(minimum) <= total:
        assert all(w >= m - 1e-6 for w, m in zip(widths, minimum, strict=True))
