"""A refused ballot reads as a sentence on the phone, in German and English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from strategy_kit.check.validate import load_document
from strategy_kit.compute import ballots, clock
from strategy_kit.compute.ballots import Ballot, Refusal, Room
from strategy_kit.compute.timing import plan
from strategy_kit.present.labels import LANGUAGES
from strategy_kit.present.live import clock_text, countdown, delta_text, refusal_text

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


# -- the agenda clock ----------------------------------------------------------------------------

CLOCK = Path(clock.__file__)
TELGTE = Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml"
BERLIN = ZoneInfo("Europe/Berlin")


def test_every_reason_the_clock_gives_has_its_words() -> None:
    reasons = set(re.findall(r'Refusal\(\s*"([a-z-]+)"', CLOCK.read_text("utf-8")))
    assert len(reasons) >= 8
    for reason in reasons:
        for lang in LANGUAGES:
            text = refusal_text(Refusal(reason, {"session": "auftakt/2", "high": 240, "event": "x"}), lang)
            assert text.endswith(".") and "{" not in text
    assert refusal_text(Refusal("bad-minutes", {"high": 240}), "de") == "Verlängern Sie um 1 bis 240 ganze Minuten."


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(754, "12:34"), (0, "00:00"), (59, "00:59"), (-65, "-01:05"), (3600, "1:00:00"), (3723, "1:02:03"), (-3723, "-1:02:03")],
)
def test_the_countdown_reads_like_a_clock(seconds: int, shown: str) -> None:
    assert countdown(seconds) == shown


def test_how_far_off_plan_in_both_languages() -> None:
    assert [delta_text(n, "de") for n in (3, 0, -12)] == ["3 Min. hinter Plan", "im Plan", "12 Min. vor Plan"]
    assert [delta_text(n, "en") for n in (1, 0, -1)] == ["1 min behind schedule", "on schedule", "1 min ahead of schedule"]
    assert delta_text(1500, "de") == "1.500 Min. hinter Plan"


def _at(hour: int, minute: int, second: int = 0, day: int = 5) -> dt.datetime:
    return dt.datetime(2019, 3, day, hour, minute, second, tzinfo=BERLIN)


def test_the_projector_shows_the_session_its_time_left_and_what_comes_next() -> None:
    slots = clock.agenda(plan(load_document(TELGTE).document))
    events = [clock.start("praxis-stadtentwicklung", _at(11, 33))]
    view = clock.state(slots, events, _at(12, 20, 26))
    assert clock_text(view, "de") == {
        "title": "Praxisbeispiele aus Stadtentwicklungsprozessen",
        "countdown": "12:34",
        "status": "noch",
        "delta": "3 Min. hinter Plan",
        "next": "Als Nächstes (12:30 Uhr): Mittagspause",
        "next_title": "Mittagspause",
        "next_time": "12:30 Uhr",
    }
    assert clock_text(view, "en")["next"] == "Next (12:30): Mittagspause"
    over = clock_text(clock.state(slots, events, _at(12, 34, 5)), "de")
    assert (over["countdown"], over["status"], over["delta"]) == ("-01:05", "Überziehung", "4 Min. hinter Plan")
    paused = clock_text(clock.state(slots, [*events, clock.pause(_at(12, 0))], _at(12, 5)), "en")
    assert (paused["countdown"], paused["status"]) == ("33:00", "Paused")


def test_the_projector_before_between_days_and_at_the_end() -> None:
    slots = clock.agenda(plan(load_document(TELGTE).document))
    before = clock_text(clock.state(slots, [], _at(8, 45)), "de")
    assert before == {
        "title": "", "countdown": "", "status": "Noch nicht begonnen", "delta": "im Plan",
        "next": "Als Nächstes (09:00 Uhr): Begrüßung und Einführung",
        "next_title": "Begrüßung und Einführung", "next_time": "09:00 Uhr",
    }
    events = [clock.start("ausblick-tag-2", _at(15, 30))]
    last_of_day = clock_text(clock.state(slots, events, _at(15, 45)), "de")
    assert last_of_day["next"] == "Als Nächstes (Mittwoch, 09:00 Uhr): Rückblick auf den ersten Tag"
    assert last_of_day["countdown"] == "15:00"
    events = [clock.start("naechste-schritte", _at(15, 30, day=6)), clock.end("naechste-schritte", _at(16, 4, day=6))]
    done = clock_text(clock.state(slots, events, _at(17, 0, day=6)), "en")
    assert (done["status"], done["delta"], done["next"], done["countdown"]) == ("End of the programme", "4 min behind schedule", "", "")
