"""The room's results written back into the workshop file: one edit, every other byte kept."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from strategy_kit.change import live
from strategy_kit.change.live import Times
from strategy_kit.change.splice import EditError
from strategy_kit.compute import ballots
from strategy_kit.compute.ballots import Ballot, Room
from strategy_kit.document.diagnostics import Exit
from strategy_kit.document.model import Criterion, Scale
from strategy_kit.files import journal


def criterion(ident: str, low: float, high: float) -> Criterion:
    return Criterion(id=ident, title=ident.title(), scale=Scale(min=low, max=high))


BEFORE = """\
# Workshop der Stadt Musterhausen
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern}
workshop:
  title: 'Priorisierung'   # im Ratssaal
  organiser: Beratung
  goal: Ziel
  timezone: Europe/Berlin
days:
  - date: 2027-03-05
    start: "09:00"
    end: "16:00"
    blocks:
      - id: auftakt
        title: Auftakt
        goal: Ankommen
        sessions:
          - id: begruessung
            title: Begrüßung
            duration: 30m
            # die Bepunktung folgt
          - title: "Bepunktung: Maßnahmen"
            duration: 45m
            kind: plenary

fields_of_action:
  - {id: verwaltung, title: Digitale Verwaltung}

criteria:
  - id: wirkung
    title: Wirkung
    scale: {min: 1, max: 5}
  - id: aufwand
    title: Aufwand
    direction: cost

projects:
  # zuerst das Portal
  - id: portal
    title: "Bürgerportal"
    fields: [verwaltung]
    scores: {wirkung: 4, aufwand: 3}
    votes: 12   # aus der Vorrunde
  - id: wlan
    title: Freies WLAN
    fields: [verwaltung]
    scores:
      aufwand: 2
  - id: schule
    title: Digitale Schule
    fields: [verwaltung]
"""

AFTER = """\
# Workshop der Stadt Musterhausen
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern}
workshop:
  title: 'Priorisierung'   # im Ratssaal
  organiser: Beratung
  goal: Ziel
  timezone: Europe/Berlin
days:
  - date: 2027-03-05
    start: "09:00"
    end: "16:00"
    blocks:
      - id: auftakt
        title: Auftakt
        goal: Ankommen
        sessions:
          - id: begruessung
            title: Begrüßung
            duration: 30m
            actual: {start: "09:04", end: "09:38"}
            # die Bepunktung folgt
          - title: "Bepunktung: Maßnahmen"
            duration: 45m
            kind: plenary
            actual: {start: "09:40", end: "10:31"}

fields_of_action:
  - {id: verwaltung, title: Digitale Verwaltung}

criteria:
  - id: wirkung
    title: Wirkung
    scale: {min: 1, max: 5}
  - id: aufwand
    title: Aufwand
    direction: cost

projects:
  # zuerst das Portal
  - id: portal
    title: "Bürgerportal"
    fields: [verwaltung]
    scores: {wirkung: 2.67, aufwand: 3}
    votes: 5   # aus der Vorrunde
  - id: wlan
    title: Freies WLAN
    fields: [verwaltung]
    scores:
      aufwand: 2
      wirkung: 5
    votes: 9
  - id: schule
    title: Digitale Schule
    fields: [verwaltung]
"""


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "musterhausen.yaml"
    path.write_text(BEFORE, encoding="utf-8")
    return path


def rounds() -> Room:
    room = Room()
    room.open(ballots.dot_vote("punkte", ["portal", "wlan", "schule"], budget=5))
    room.open(ballots.scoring("wirkung", criterion("wirkung", 1, 5), ["portal", "wlan", "schule"]))
    for n, (dots, score) in enumerate([({"portal": 3, "wlan": 2}, 1), ({"portal": 2, "wlan": 3}, 2), ({"wlan": 1}, 5)]):
        assert room.cast(Ballot("punkte", f"voter-{n}", f"browser-{n}", dots)) is None
        assert room.cast(Ballot("wirkung", f"voter-{n}", f"browser-{n}", {"portal": score, "wlan": 5})) is None
    assert room.add_paper("punkte", "wlan", 3) is None
    room.close("punkte")
    room.close("wirkung")
    return room


SESSIONS = {
    "begruessung": Times("2027-03-05T09:04:41+01:00", "2027-03-05T09:37:02+01:00"),
    "auftakt/2": Times("2027-03-05T08:40:00+00:00", "2027-03-05T10:31:00+01:00"),
}


def test_votes_scores_and_times_go_in_as_one_edit_with_everything_else_kept(workshop: Path) -> None:
    room = rounds()
    tallies = [room.tally("punkte"), room.tally("wirkung")]
    preview = live.write_back(workshop, tallies, SESSIONS, dry_run=True)
    assert workshop.read_text("utf-8") == BEFORE
    assert not preview.written
    assert preview.new_text == AFTER
    assert "+    votes: 9\n" in preview.diff()
    result = live.write_back(workshop, tallies, SESSIONS)
    assert result.written
    assert workshop.read_text("utf-8") == AFTER
    # Written again, nothing changes: the file already says it.
    again = live.write_back(workshop, tallies, SESSIONS)
    assert not again.changed


def test_the_notes_say_what_changed(workshop: Path) -> None:
    room = rounds()
    result = live.write_back(workshop, [room.tally("punkte"), room.tally("wirkung")], SESSIONS, dry_run=True)
    assert result.notes == [
        "portal: votes 12 -> 5",
        "wlan: votes 0 -> 9",
        "schule: votes 0 -> 0",
        "portal: wirkung 4 -> 2.67",
        "wlan: wirkung - -> 5",
        "begruessung: ran 09:04-09:38",
        "auftakt/2: ran 09:40-10:31",
    ]


@pytest.mark.parametrize(
    ("value", "written"),
    [(Fraction(8, 3), 2.67), (Fraction(5, 2), 2.5), (Fraction(4), 4), (Fraction(2345, 1000), 2.35), (Fraction(1, 8), 0.13)],
)
def test_a_score_is_rounded_half_up_to_two_places(value: Fraction, written: float) -> None:
    number = live.score_number(value)
    assert number == written
    assert isinstance(number, int) == (value.denominator == 1)


def test_the_median_is_written_when_the_file_says_so(workshop: Path) -> None:
    workshop.write_text(BEFORE + "live:\n  scores: median\n", encoding="utf-8")
    room = rounds()
    with journal.open_journal(workshop)[0] as log:
        tally, result = live.close_round(workshop, log, room, "wirkung", at="2027-03-05T10:32:00+01:00")
    assert tally.method == "median"
    assert "scores: {wirkung: 2, aufwand: 3}" in workshop.read_text("utf-8")
    assert result.written


def test_closing_a_round_notes_its_totals_and_keeps_or_purges_the_ballots(workshop: Path) -> None:
    room = rounds()
    path = journal.journal_path(workshop)
    with journal.open_journal(workshop)[0] as log:
        for ident in ("punkte", "wirkung"):
            log.append(ballots.event("round-opened", "t", round=room.rounds[ident].spec.as_json()))
        for n in range(3):
            log.append(ballots.event("ballot", "t", round="punkte", voter=f"voter-{n}", browser=f"browser-{n}", choices={"wlan": 1}))
        live.close_round(workshop, log, room, "punkte", at="2027-03-05T10:32:00+01:00")
        kinds = [e["event"] for e in journal.replay(path).events]
        assert kinds.count("ballot") == 3
        assert kinds[-1] == "totals-written"
    workshop.write_text(workshop.read_text("utf-8") + "live:\n  keep_ballots: false\n", encoding="utf-8")
    with journal.open_journal(workshop)[0] as log:
        live.close_round(workshop, log, room, "wirkung", at="2027-03-05T10:33:00+01:00")
        log.append(ballots.event("session-ended", "t", session="begruessung"))
    kinds = [e["event"] for e in journal.replay(path).events]
    assert kinds.count("ballot") == 0
    assert kinds[-1] == "session-ended"
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


def test_a_dry_run_close_writes_nothing_anywhere(workshop: Path) -> None:
    room = rounds()
    with journal.open_journal(workshop)[0] as log:
        _, result = live.close_round(workshop, log, room, "punkte", at="t", dry_run=True)
    assert result.changed and not result.written
    assert workshop.read_text("utf-8") == BEFORE
    assert journal.journal_path(workshop).read_bytes() == b""


def test_an_open_round_is_not_written(workshop: Path) -> None:
    room = Room()
    room.open(ballots.poll("frage", ["ja", "nein"]))
    with journal.open_journal(workshop)[0] as log, pytest.raises(ValueError, match="still open"):
        live.close_round(workshop, log, room, "frage", at="t")


def test_a_poll_changes_nothing_in_the_file(workshop: Path) -> None:
    room = Room()
    room.open(ballots.poll("frage", ["ja", "nein"]))
    room.cast(Ballot("frage", "voter-1", "browser-1", {"ja": 1}))
    room.close("frage")
    assert not live.write_back(workshop, [room.tally("frage")]).changed


@pytest.mark.parametrize(
    ("sessions", "message"),
    [
        ({"grussworte": SESSIONS["begruessung"]}, "no session 'grussworte'; name a session by its id or as BLOCK/N"),
        ({"auftakt/3": SESSIONS["begruessung"]}, "no session 'auftakt/3'"),
        ({"begruessung": Times("2027-03-06T09:00:00+01:00", "2027-03-06T09:30:00+01:00")}, "is on 2027-03-05; it was recorded on 2027-03-06"),
        ({"begruessung": Times("2027-03-05T23:00:00+01:00", "2027-03-06T00:30:00+01:00")}, "recorded to end on another day"),
        ({"begruessung": Times("gestern", "heute")}, "Invalid isoformat string"),
    ],
)
def test_a_session_the_file_cannot_hold_is_refused(workshop: Path, sessions: dict[str, Times], message: str) -> None:
    with pytest.raises(EditError) as caught:
        live.write_back(workshop, (), sessions)
    assert message in str(caught.value)
    assert caught.value.exit_code == Exit.USAGE
    assert workshop.read_text("utf-8") == BEFORE


def test_a_session_until_midnight_ends_at_24_00(workshop: Path) -> None:
    times = Times("2027-03-05T23:10:00+01:00", "2027-03-05T23:59:30+01:00")
    live.write_back(workshop, (), {"begruessung": times})
    assert '            actual: {start: "23:10", end: "24:00"}\n' in workshop.read_text("utf-8")


def test_a_session_that_ended_before_it_started_is_refused_by_the_check(workshop: Path) -> None:
    times = Times("2027-03-05T10:00:00+01:00", "2027-03-05T09:00:00+01:00")
    with pytest.raises(EditError) as caught:
        live.write_back(workshop, (), {"begruessung": times})
    assert "not after it started at 10:00 (edit refused, file unchanged)" in str(caught.value)
    assert workshop.read_text("utf-8") == BEFORE


def test_an_unknown_project_in_a_round_is_refused(workshop: Path) -> None:
    room = Room()
    room.open(ballots.dot_vote("punkte", ["portal", "rathaus"], budget=3))
    room.close("punkte")
    with pytest.raises(EditError, match="no project 'rathaus'"):
        live.write_back(workshop, [room.tally("punkte")])
    assert workshop.read_text("utf-8") == BEFORE


def test_times_written_before_are_corrected_in_place(workshop: Path) -> None:
    live.write_back(workshop, (), SESSIONS)
    later = {"begruessung": Times("2027-03-05T09:04:00+01:00", "2027-03-05T09:45:00+01:00")}
    before = workshop.read_text("utf-8")
    live.write_back(workshop, (), later)
    after = workshop.read_text("utf-8")
    assert after == before.replace('actual: {start: "09:04", end: "09:38"}', 'actual: {start: "09:04", end: "09:45"}')


def test_a_session_written_on_one_line_is_refused_not_rewritten(workshop: Path) -> None:
    workshop.write_text(BEFORE.replace("""          - id: begruessung
            title: Begrüßung
            duration: 30m
""", """          - {id: begruessung, title: Begrüßung, duration: 30m}
"""), encoding="utf-8")
    before = workshop.read_bytes()
    with pytest.raises(EditError, match="cannot add 'actual' to a one-line mapping"):
        live.write_back(workshop, (), {"begruessung": SESSIONS["begruessung"]})
    assert workshop.read_bytes() == before


def test_the_times_of_the_sessions_that_ended_come_from_the_journal(workshop: Path) -> None:
    events = [
        ballots.event("session-started", "2027-03-05T09:04:41+01:00", session="begruessung"),
        ballots.event("session-ended", "2027-03-05T09:37:02+01:00", session="begruessung"),
        ballots.event("session-started", "2027-03-05T09:40:00+01:00", session="auftakt/2"),
    ]
    sessions = live.ended_sessions(events)
    assert sessions == {"begruessung": SESSIONS["begruessung"]}
    live.write_back(workshop, (), sessions)
    assert workshop.read_text("utf-8").count("actual:") == 1
