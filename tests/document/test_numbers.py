"""The one reading of a number a person wrote: digits, a decimal comma or point, nothing else."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from strategy_kit.document.model import Score
from strategy_kit.document.numbers import (
    MAX_VOTES,
    AmbiguousNumber,
    decimal_text,
    read_number,
    read_votes,
    score_value,
    vote_count,
)
from strategy_kit.files.source import decode
from strategy_kit.files.yamlio import load_yaml


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,5", 3.5),
        ("3.5", 3.5),
        ("4", 4),
        ("-1", -1),
        ("0,000001", 0.000001),
        ("007", 7),
        ("2,50", 2.5),
    ],
)
def test_a_decimal_is_read(text: str, value: float) -> None:
    read = read_number(text)
    assert read == value
    assert isinstance(read, int) is ("," not in text and "." not in text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\u0663", "'\u0663' is not a number; write it like 3 or 3,5"),
        ("1e-400", "'1e-400' is not a number; write it like 3 or 3,5"),
        ("1e3", "'1e3' is not a number; write it like 3 or 3,5"),
        ("inf", "'inf' is not a number; write it like 3 or 3,5"),
        ("nan", "'nan' is not a number; write it like 3 or 3,5"),
        ("", "'' is not a number; write it like 3 or 3,5"),
        ("3,", "'3,' is not a number; write it like 3 or 3,5"),
        ("1_000", "'1_000' is not a number; write it like 3 or 3,5"),
        ("1 000", "'1 000' is not a number; write it like 3 or 3,5"),
        (
            "99999999999999999999999",
            "'99999999999999999999999' has more than 15 digits; a score needs far fewer",
        ),
    ],
)
def test_anything_else_is_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_number(text, typed=True)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "one", "thousand"),
    [("1.000", "1", "1000"), ("1,000", "1", "1000"), ("12,500", "12.5", "12500")],
)
def test_three_decimals_typed_by_a_person_are_ambiguous(text: str, one: str, thousand: str) -> None:
    with pytest.raises(AmbiguousNumber) as caught:
        read_number(text, typed=True)
    assert str(caught.value) == f"is {text!r} {one} or {thousand}? write {one} or {thousand}"
    assert caught.value.value == float(one)
    assert read_number(text) == float(one)  # in the file, YAML's own reading of a decimal


def test_more_digits_than_the_file_keeps_are_refused() -> None:
    with pytest.raises(ValueError, match="more than 15 digits"):
        read_number("3,14159265358979323846", typed=True)
    assert read_number("3,14159265358979323846") == 3.141592653589793


def test_a_decimal_is_written_without_an_exponent() -> None:
    assert decimal_text(0.000001) == "0.000001"
    assert decimal_text(1e20) == "100000000000000000000"
    assert decimal_text(2.5) == "2.5"
    assert decimal_text(4.0) == "4"
    assert decimal_text(-0.0) == "0"
    assert decimal_text(7) == "7"


def test_votes_are_a_whole_number_within_a_bound() -> None:
    assert read_votes("12") == 12
    assert MAX_VOTES == 10_000
    with pytest.raises(ValueError) as caught:
        read_votes("99999999999999999999999")
    assert str(caught.value) == (
        "'99999999999999999999999' votes is more than 10 000; a room gives far fewer dots, is it a typo?"
    )
    for text in ("1,5", "x", "\u0663", "1e3", "-1"):
        with pytest.raises(ValueError, match="is not a number of votes"):
            read_votes(text)


@pytest.mark.parametrize("value", [True, "3,5,1", "viel", None])
def test_a_score_value_from_the_file_that_is_no_number_is_refused(value: Any) -> None:
    with pytest.raises(ValueError):
        score_value(value)


def test_a_vote_count_from_the_file_is_read_as_check_reads_it() -> None:
    assert vote_count("5") == 5
    assert vote_count(5.0) == 5
    for value in (True, 5.5, 10_001, "10001", -1):
        with pytest.raises(ValueError):
            vote_count(value)


@given(st.text(alphabet=st.sampled_from("0123456789,.-+e \u0663_") | st.characters(), max_size=30))
def test_any_text_is_refused_or_written_back_as_the_decimal_meant(text: str) -> None:
    try:
        value = read_number(text, typed=True)
    except ValueError as exc:
        assert str(exc)
        return
    written = decimal_text(value)
    assert "e" not in written.lower()
    assert Decimal(written) == Decimal(text.replace(",", "."))
    read_back = TypeAdapter(Score).validate_python(
        load_yaml(decode(f"v: {written}\n".encode(), "v.yaml"))["v"]
    )
    assert read_back == value


def test_the_schema_pattern_of_votes_holds_the_same_bound() -> None:
    import re

    from strategy_kit.document.numbers import VOTES_PATTERN

    for count in (0, 7, 9999, MAX_VOTES, MAX_VOTES + 1, 99999, 10**6):
        assert bool(re.fullmatch(VOTES_PATTERN, str(count))) is (count <= MAX_VOTES)


def test_a_huge_count_is_not_spelled_out_in_the_message() -> None:
    with pytest.raises(ValueError) as caught:
        vote_count(10**4000)
    assert str(caught.value) == "a number of 4001 digits is more than 10 000 votes; a room gives far fewer dots, is it a typo?"
    with pytest.raises(ValueError) as caught:
        read_votes("9" * 50)
    assert str(caught.value) == "a number of 50 digits is more than 10 000 votes; a room gives far fewer dots, is it a typo?"
