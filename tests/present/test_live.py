"""A refused ballot reads as a sentence on the phone, in German and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strategy_kit.compute import ballots
from strategy_kit.compute.ballots import Ballot, Refusal, Room
from strategy_kit.present.labels import LANGUAGES
from strategy_kit.present.live import refusal_text

BALLOTS = Path(ballots.__file__)


def test_every_reason_the_rules_give_has_its_words() -> None:
    reasons = set(re.findall(r'Refusal\(\s*"([a-z-]+)"', BALLOTS.read_text("utf-8")))
    assert len(reasons) >= 15
    for reason in reasons:
        for lang in LANGUAGES:
            text = refusal_text(Refusal(reason, {"project": "p", "budget": 5, "given": 6, "cap": 2, "low": 1, "high": 5, "paper": 1, "event": "x"}), lang)
            assert text.endswith((".", ")."))
            assert "{" not in text


def test_a_real_refusal_names_the_measure_by_its_title() -> None:
    room = Room()
    room.open(ballots.dot_vote("dots", ["portal"], budget=5, cap=2))
    refusal = room.cast(Ballot("dots", "voter-a", "browser-a", {"portal": 3}))
    assert refusal is not None
    assert refusal_text(refusal, "de", {"portal": "Bürgerportal"}) == "Für „Bürgerportal“ sind höchstens 2 Stimmen erlaubt."
    assert refusal_text(refusal, "en", {"portal": "Bürgerportal"}) == "At most 2 votes are allowed for “Bürgerportal”."


def test_numbers_are_written_as_the_language_writes_them() -> None:
    refusal = Refusal("outside-scale", {"project": "portal", "low": 0.5, "high": 4.5, "given": 7})
    assert refusal_text(refusal, "de") == "Die Bewertung von „portal“ liegt zwischen 0,5 und 4,5."
    assert refusal_text(refusal, "en") == "The score for “portal” lies between 0.5 and 4.5."


def test_a_title_with_braces_is_shown_as_it_is() -> None:
    refusal = Refusal("not-a-score", {"project": "p"})
    assert refusal_text(refusal, "de", {"p": "{given} {0}"}) == "Für „{given} {0}“ fehlt eine Zahl."


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        refusal_text(Refusal("empty"), "fr")


def test_the_sentences_quoted_in_the_docs_are_the_ones_shown() -> None:
    docs = " ".join((Path(__file__).resolve().parents[2] / "docs" / "live.md").read_text("utf-8").split())
    assert refusal_text(Refusal("code-in-use"), "de") in docs
    assert refusal_text(Refusal("over-budget", {"budget": 5, "given": 7}), "de") in docs
