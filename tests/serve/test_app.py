"""The live room's web application through Starlette's TestClient: a workshop day in miniature.

The room's clock is the test's (``Clock``), so the actual times written into
the file are known; the file is Telgte's, so every comment and every other line
must come out of the day unchanged.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from starlette.testclient import TestClient

from strategy_kit.compute.ballots import replay
from strategy_kit.files.journal import journal_path
from strategy_kit.files.journal import replay as read_journal
from strategy_kit.serve.app import Settings, create_app
from strategy_kit.serve.guard import Secrets
from strategy_kit.serve.room import LiveRoom

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ALERT = re.compile(r'role="alert">([^<]*)<')


class Clock:
    """The room's present moment, moved on by the test."""

    def __init__(self, start: dt.datetime) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, minutes: float) -> None:
        self.at += dt.timedelta(minutes=minutes)


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "telgte.yaml"
    shutil.copy(ROOT / "examples" / "telgte.yaml", path)
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2019, 3, 5, 9, 2, 10, tzinfo=BERLIN))


@pytest.fixture
def room(workshop: Path, clock: Clock) -> Iterator[tuple[LiveRoom, Secrets]]:
    live = LiveRoom.start(workshop, now=clock)
    try:
        yield live, Secrets()
    finally:
        live.close()


def client(live: LiveRoom, keys: Secrets) -> TestClient:
    return TestClient(create_app(live, Settings("http://testserver/", "de", keys)))


def facilitator(live: LiveRoom, keys: Secrets) -> tuple[TestClient, str]:
    console = client(live, keys)
    page = console.get(f"/console?token={keys.token}")
    assert page.status_code == 200
    return console, CSRF.search(page.text)[1]  # type: ignore[index]


def phone(live: LiveRoom, keys: Secrets) -> tuple[TestClient, str]:
    device = client(live, keys)
    page = device.get("/")
    csrf = CSRF.search(page.text)[1]  # type: ignore[index]
    joined = device.post("/join", data={"csrf": csrf, "code": live.room_code})
    assert joined.status_code == 200, joined.text
    return device, csrf


def act(console: TestClient, csrf: str, action: str, **fields: str | list[str]) -> str | None:
    """A console step; the refusal's sentence, or None when it was taken."""
    response = console.post(f"/console/{action}", data={"csrf": csrf, **fields}, follow_redirects=False)
    if response.status_code == 303:
        return None
    assert response.status_code == 409, response.text
    found = ALERT.search(response.text)
    assert found, response.text
    return found[1]


def vote(device: TestClient, csrf: str, round_id: str, **choices: str) -> tuple[int, str | None]:
    fields = {"csrf": csrf, "round": round_id, **{f"c:{k}": v for k, v in choices.items()}}
    response = device.post("/vote", data=fields, follow_redirects=False)
    found = ALERT.search(response.text)
    return response.status_code, found[1] if found else None


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_dot_vote_from_phones_and_paper_goes_into_the_file_and_nothing_else_changes(
    room: tuple[LiveRoom, Secrets], workshop: Path, clock: Clock
) -> None:
    live, keys = room
    before = workshop.read_text(encoding="utf-8")
    console, csrf = facilitator(live, keys)
    assert act(console, csrf, "start") is None
    clock.advance(28)
    assert act(console, csrf, "next") is None  # Begrüßung ran 09:02:10-09:30:10
    assert act(console, csrf, "open", kind="dots", budget="3", cap="2") is None
    phones = [phone(live, keys) for _ in range(4)]
    assert vote(*phones[0], "stimmen-1", stadtportal="2", datenaustausch="1") == (303, None)
    assert vote(*phones[1], "stimmen-1", stadtportal="2") == (303, None)
    assert vote(*phones[2], "stimmen-1", stadtportal="1", **{"smarte-mobilitaet": "2"}) == (303, None)
    # Changed its mind: the later ballot replaces the earlier one.
    assert vote(*phones[2], "stimmen-1", datenaustausch="2", stadtportal="0") == (303, None)
    status, why = vote(*phones[3], "stimmen-1", stadtportal="3")
    assert status == 409 and why is not None and "höchstens 2" in why
    status, why = vote(*phones[3], "stimmen-1", stadtportal="2", datenaustausch="2")
    assert status == 409 and why == "Sie haben 4 Stimmen vergeben; erlaubt sind 3."
    assert act(console, csrf, "paper", round="stimmen-1", **{"paper:stadtportal": "5", "paper:datenaustausch": "1"}) is None
    assert live.room.voters("stimmen-1") == 3

    projector = client(live, keys).get("/projector").text
    assert "<strong>3</strong> Personen haben abgestimmt" in projector
    assert 'class="bars"' not in projector, "no result before the reveal"

    assert act(console, csrf, "close", round="stimmen-1") is None
    assert vote(*phones[3], "stimmen-1", stadtportal="1")[0] == 409, "a closed round takes no ballot"
    assert act(console, csrf, "reveal", round="stimmen-1") is None
    projector = client(live, keys).get("/projector").text
    assert 'class="bars"' in projector
    bars = projector[projector.index('class="bars"'):]
    first, second = live.titles["stadtportal"], live.titles["datenaustausch"]
    assert bars.index(first) < bars.index(second), "the largest total first"

    assert act(console, csrf, "preview", round="stimmen-1") is None
    assert workshop.read_text(encoding="utf-8") == before, "a preview writes nothing"
    page = console.get("/console").text
    assert "votes: 12" in page and "votes: 9" in page, "the preview shows the diff"
    assert act(console, csrf, "write", round="stimmen-1") is None

    after = workshop.read_text(encoding="utf-8")
    votes = dict(re.findall(r"- id: ([a-z-]+)\n(?:    .*\n)*?    votes: (\d+)", after))
    # Phones 2+2+0 and paper 5 on stadtportal; 1+2 and paper 1 on datenaustausch; 0 elsewhere.
    assert votes == {
        "stadtportal": "9", "smarte-mobilitaet": "0", "infrastruktur-zukunft": "0", "datenaustausch": "4",
    }
    changed = changed_lines(before, after)
    assert sorted(changed) == sorted([
        "-    votes: 12", "+    votes: 9", "-    votes: 8", "+    votes: 0", "-    votes: 10", "+    votes: 0",
        "-    votes: 7", "+    votes: 4", '+            actual: {start: "09:02", end: "09:31"}',
    ]), changed
    begruessung = after[after.index("id: begruessung"):after.index("id: erwartungen")]
    # Started 09:02:10 (to the minute before), ended 09:30:10 (to the minute after).
    assert '            actual: {start: "09:02", end: "09:31"}\n' in begruessung, begruessung


def test_a_scoring_round_writes_the_mean_rounded_to_two_places(room: tuple[LiveRoom, Secrets], workshop: Path) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    assert act(console, csrf, "open", kind="scores", criterion="wirkung", project=["stadtportal", "datenaustausch"]) is None
    round_id = "bewertung-wirkung-1"
    phones = [phone(live, keys) for _ in range(3)]
    assert vote(*phones[0], round_id, stadtportal="5", datenaustausch="2")[0] == 303
    assert vote(*phones[1], round_id, stadtportal="4", datenaustausch="")[0] == 303  # left one out
    assert vote(*phones[2], round_id, stadtportal="4", datenaustausch="3")[0] == 303
    status, why = vote(*phones[0], round_id, stadtportal="7")
    assert status == 409 and why == "Die Bewertung von „Stadtportal mit Online-Services“ liegt zwischen 0 und 5."
    assert act(console, csrf, "close", round=round_id) is None
    assert act(console, csrf, "write", round=round_id) is None
    text = workshop.read_text(encoding="utf-8")
    # 13/3 = 4.333... -> 4.33; (2+3)/2 = 2.5.
    assert re.search(r"- id: stadtportal\n(?:    .*\n)*?    scores: \{wirkung: 4\.33,", text), text
    assert re.search(r"- id: datenaustausch\n(?:    .*\n)*?    scores: \{wirkung: 2\.5,", text)


def test_a_poll_counts_one_answer_each_and_writes_nothing(room: tuple[LiveRoom, Secrets], workshop: Path) -> None:
    live, keys = room
    before = workshop.read_text(encoding="utf-8")
    console, csrf = facilitator(live, keys)
    assert act(console, csrf, "open", kind="poll", title="Mittag jetzt?", options="Ja\nNein\n") is None
    device, token = phone(live, keys)
    assert "Mittag jetzt?" in device.get("/").text
    response = device.post("/vote", data={"csrf": token, "round": "umfrage-1", "choice": "1"}, follow_redirects=False)
    assert response.status_code == 303
    assert act(console, csrf, "close", round="umfrage-1") is None
    assert act(console, csrf, "reveal", round="umfrage-1") is None
    assert {k: int(v) for k, v in live.tally("umfrage-1").totals.items()} == {"Ja": 0, "Nein": 1}
    assert "Nein" in device.get("/").text
    assert workshop.read_text(encoding="utf-8") == before


def test_the_room_restarts_where_it_was(workshop: Path, clock: Clock) -> None:
    keys = Secrets()
    live = LiveRoom.start(workshop, now=clock)
    try:
        console, csrf = facilitator(live, keys)
        assert act(console, csrf, "start") is None
        assert act(console, csrf, "open", kind="dots", budget="3") is None
        device, token = phone(live, keys)
        assert vote(device, token, "stimmen-1", stadtportal="3")[0] == 303
    finally:
        live.close()
    again = LiveRoom.start(workshop, now=clock)
    try:
        assert again.room.phase("stimmen-1") == "open"
        assert again.room.voters("stimmen-1") == 1
        assert again.current == "stimmen-1"
        from strategy_kit.serve.timer import view

        assert view(again).current is not None and view(again).current.ref == "begruessung"  # type: ignore[union-attr]
    finally:
        again.close()


def test_clock_steps_show_on_the_projector_and_refusals_read_as_sentences(
    room: tuple[LiveRoom, Secrets], clock: Clock
) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    assert act(console, csrf, "pause") is not None, "nothing runs yet"
    assert act(console, csrf, "start") is None
    clock.advance(10)
    assert act(console, csrf, "pause") is None
    projector = client(live, keys).get("/projector").text
    assert "Begrüßung und Einführung" in projector
    assert "20:00" in projector, "30 minutes planned, 10 run: 20 left, shown while paused"
    clock.advance(5)
    assert act(console, csrf, "resume") is None
    assert act(console, csrf, "extend") is None
    projector = client(live, keys).get("/projector").text
    assert "25:00" in projector
    assert act(console, csrf, "jump", session="no-such-session") is not None
    assert act(console, csrf, "jump", session="erwartungen") is None
    assert "Erwartungen" in client(live, keys).get("/projector").text


def test_the_journal_holds_every_confirmed_ballot_and_no_name(room: tuple[LiveRoom, Secrets], workshop: Path) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="2")
    for _ in range(5):
        assert vote(*phone(live, keys), "stimmen-1", stadtportal="1")[0] == 303
    events = read_journal(journal_path(workshop)).events
    rebuilt, refused = replay(events)
    assert refused == []
    assert rebuilt.voters("stimmen-1") == 5
    assert rebuilt.tally("stimmen-1").totals["stadtportal"] == 5
    assert all(set(e) <= {"event", "at", "round", "voter", "browser", "choices", "title", "session"} for e in events)


def test_english_pages(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    device = client(live, keys)
    page = device.get("/?lang=en").text
    assert '<html lang="en">' in page and "Enter the access number" in page
    assert '<html lang="en">' in device.get("/").text, "the choice is kept"


def test_keep_ballots_false_deletes_the_raw_ballots_once_written(workshop: Path, clock: Clock) -> None:
    workshop.write_text(workshop.read_text(encoding="utf-8") + "\nlive:\n  keep_ballots: false\n", encoding="utf-8")
    keys = Secrets()
    live = LiveRoom.start(workshop, now=clock)
    try:
        console, csrf = facilitator(live, keys)
        assert act(console, csrf, "open", kind="dots", budget="3") is None
        for dots in ("1", "2", "3"):
            assert vote(*phone(live, keys), "stimmen-1", stadtportal=dots)[0] == 303
        assert act(console, csrf, "close", round="stimmen-1") is None
        assert act(console, csrf, "write", round="stimmen-1") is None
        events = read_journal(journal_path(workshop)).events
        assert [e for e in events if e["event"] == "ballot"] == []
        assert live.tally("stimmen-1").totals["stadtportal"] == 6, "the totals stay"
        assert act(console, csrf, "reveal", round="stimmen-1") is None
        assert 'class="bars"' in client(live, keys).get("/projector").text
    finally:
        live.close()
    again = LiveRoom.start(workshop, now=clock)
    try:
        assert again.tally("stimmen-1").totals["stadtportal"] == 6
    finally:
        again.close()


# -- what a first day in the room found ------------------------------------------------


def test_one_round_is_open_at_a_time(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    assert act(console, csrf, "open", kind="poll", title="Frage", options="a\nb") is None
    assert act(console, csrf, "open", kind="dots", budget="3") == "Bitte schließen Sie zuerst die offene Abstimmung „Frage“."
    assert list(live.room.rounds) == ["umfrage-1"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "dots", "budget": "abc"}, "Bitte geben Sie 1 bis 100 Stimmen je Person an."),
        ({"kind": "dots", "budget": "2.5"}, "Bitte geben Sie 1 bis 100 Stimmen je Person an."),
        ({"kind": "dots", "budget": "0"}, "Bitte geben Sie 1 bis 100 Stimmen je Person an."),
        ({"kind": "dots", "budget": "3", "cap": "50"}, "Die Höchstzahl je Maßnahme liegt zwischen 1 und den Stimmen je Person (0: keine Grenze)."),
        ({"kind": "poll", "options": "Ja\nJa"}, "Eine Umfrage braucht mindestens zwei verschiedene Antworten, eine je Zeile."),
        ({"kind": "poll", "options": "Nur eine"}, "Eine Umfrage braucht mindestens zwei verschiedene Antworten, eine je Zeile."),
    ],
)
def test_a_refused_vote_says_why_in_german_and_keeps_the_form(
    room: tuple[LiveRoom, Secrets], fields: dict[str, str], message: str
) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    response = console.post("/console/open", data={"csrf": csrf, "title": "Meine Frage", **fields}, follow_redirects=False)
    assert response.status_code == 409
    assert ALERT.search(response.text)[1] == message  # type: ignore[index]
    assert f'value="{fields["kind"]}" checked' in response.text
    assert 'value="Meine Frage"' in response.text
    assert live.room.rounds == {}


def test_a_ballot_of_only_zeros_is_empty(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3")
    status, why = vote(*phone(live, keys), "stimmen-1", stadtportal="0", datenaustausch="0")
    assert (status, why) == (409, "Der Stimmzettel ist leer.")
    assert live.room.voters("stimmen-1") == 0


def test_a_refused_ballot_comes_back_as_sent(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3")
    device, token = phone(live, keys)
    assert vote(device, token, "stimmen-1", stadtportal="1")[0] == 303
    response = device.post("/vote", data={"csrf": token, "round": "stimmen-1", "c:stadtportal": "2", "c:datenaustausch": "2"})
    assert response.status_code == 409
    assert re.search(r'name="c:stadtportal"[^>]*value="2"', response.text)
    assert re.search(r'name="c:datenaustausch"[^>]*value="2"', response.text)
    assert "Ihre Stimmen sind gespeichert" not in response.text, "a red refusal, not a green confirmation beside it"


def test_a_code_another_browser_voted_with_shows_nothing_of_its_ballot(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    asyncio_run(live.issue_codes({"ABC234DEF": "Fachbereich 1"}))
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3")
    early, late = client(live, keys), client(live, keys)
    early.get("/?code=ABC-234-DEF")
    late.get("/?code=ABC234DEF")
    late_csrf = CSRF.search(late.get("/").text)[1]  # type: ignore[index]
    assert vote(late, late_csrf, "stimmen-1", datenaustausch="3")[0] == 303
    page = early.get("/").text
    assert "datenaustausch" not in page and 'value="3"' not in page
    assert "schon in einem anderen Browser verwendet" in early.get("/?code=ABC234DEF").text


def test_written_once_unless_the_round_took_more(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3")
    assert vote(*phone(live, keys), "stimmen-1", stadtportal="1")[0] == 303
    act(console, csrf, "close", round="stimmen-1")
    assert act(console, csrf, "write", round="stimmen-1") is None
    assert act(console, csrf, "write", round="stimmen-1") == "Diese Abstimmung ist schon in die Workshop-Datei eingetragen."
    assert act(console, csrf, "reopen", round="stimmen-1") is None
    assert act(console, csrf, "write", round="stimmen-1") == "Schließen Sie die Abstimmung, bevor Sie sie eintragen."
    assert vote(*phone(live, keys), "stimmen-1", stadtportal="2")[0] == 303
    act(console, csrf, "close", round="stimmen-1")
    assert act(console, csrf, "write", round="stimmen-1") is None


def test_a_scores_bar_spans_the_criterions_scale(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="scores", criterion="wirkung", project=["stadtportal"])
    assert vote(*phone(live, keys), "bewertung-wirkung-1", stadtportal="4")[0] == 303
    act(console, csrf, "close", round="bewertung-wirkung-1")
    act(console, csrf, "reveal", round="bewertung-wirkung-1")
    assert 'data-share="80.0"' in client(live, keys).get("/projector").text


def test_the_console_breaks_a_result_down_by_groups_of_three(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    codes = {f"ABC234DE{c}": "Fachbereich 1" for c in "FGQ"} | {"ABC234DEH": "Bürgermeister", "ABC234DEJ": "Fachbereich 2",
                                                                  "ABC234DEK": "Fachbereich 2", "ABC234DEM": "Fachbereich 2"}
    asyncio_run(live.issue_codes(codes))
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3")
    for code in codes:
        assert vote(*card(live, keys, code), "stimmen-1", stadtportal="1")[0] == 303
    act(console, csrf, "close", round="stimmen-1")
    page = console.get("/console").text
    # The mayor alone is not shown; Fachbereich 1 is left out with him, or the total would give him away.
    assert "Fachbereich 2 (3 Personen haben abgestimmt)" in page
    assert "Fachbereich 1 (" not in page and "Bürgermeister (" not in page
    asyncio_run(live.issue_codes({"ABC234DEN": "Bürgermeister", "ABC234DEP": "Bürgermeister"}))
    act(console, csrf, "reopen", round="stimmen-1")
    for code in ("ABC234DEN", "ABC234DEP"):
        assert vote(*card(live, keys, code), "stimmen-1", datenaustausch="1")[0] == 303
    act(console, csrf, "close", round="stimmen-1")
    page = console.get("/console").text
    assert "Fachbereich 1 (3 Personen haben abgestimmt)" in page
    assert "Bürgermeister (3 Personen haben abgestimmt)" in page


def card(live: LiveRoom, keys: Secrets, code: str) -> tuple[TestClient, str]:
    """A phone that scanned the QR code of the card with ``code``, and its CSRF token."""
    device = client(live, keys)
    device.get(f"/?code={code}")
    return device, CSRF.search(device.get("/").text)[1]  # type: ignore[index]


def asyncio_run(coroutine: object) -> None:
    import asyncio

    asyncio.run(coroutine)  # type: ignore[arg-type]


def test_a_poll_shows_its_answers_on_the_projector_and_ties_keep_their_order(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    answers = [f"Antwort {n}" for n in range(1, 11)]
    act(console, csrf, "open", kind="poll", title="Welche?", options="\n".join(answers))
    projector = client(live, keys).get("/projector").text
    assert all(f"<li>{answer}</li>" in projector for answer in answers)
    act(console, csrf, "close", round="umfrage-1")
    act(console, csrf, "reveal", round="umfrage-1")
    shown = re.findall(r'<span class="label">([^<]+)</span>', client(live, keys).get("/projector").text)
    assert shown == answers, "nobody voted: every answer ties and keeps its place"


def test_a_cost_criterion_says_what_a_high_score_means(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="scores", criterion="aufwand")
    page = phone(live, keys)[0].get("/").text
    assert "0 heißt gering, 5 heißt hoch. Ein hoher Wert spricht hier gegen die Maßnahme." in page
    assert "Bewertung abgeben" in page


def test_the_consoles_agenda_shows_the_times_the_file_receives(room: tuple[LiveRoom, Secrets], clock: Clock) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "start")
    clock.advance(28)
    act(console, csrf, "next")
    assert '<span class="actual">tatsächlich 09:02–09:31</span>' in console.get("/console").text


def test_a_rehearsal_on_another_day_writes_the_votes_and_leaves_the_times(workshop: Path) -> None:
    rehearsal = Clock(dt.datetime(2019, 3, 4, 15, 0, tzinfo=BERLIN))  # the day before the workshop
    keys = Secrets()
    live = LiveRoom.start(workshop, now=rehearsal)
    try:
        console, csrf = facilitator(live, keys)
        act(console, csrf, "start")
        rehearsal.advance(5)
        act(console, csrf, "next")
        act(console, csrf, "open", kind="dots", budget="3")
        assert vote(*phone(live, keys), "stimmen-1", stadtportal="2")[0] == 303
        act(console, csrf, "close", round="stimmen-1")
        assert act(console, csrf, "reveal", round="stimmen-1") is None
        assert act(console, csrf, "reveal", round="stimmen-1") == "Das Ergebnis ist schon gezeigt; die Abstimmung ist abgeschlossen."
        assert act(console, csrf, "write", round="stimmen-1") is None
        text = workshop.read_text(encoding="utf-8")
        assert "actual:" not in text
        assert re.search(r"- id: stadtportal\n(?:    .*\n)*?    votes: 2\n", text)
    finally:
        live.close()


def test_closing_twice_is_said_to_the_facilitator_in_the_facilitators_words(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3")
    assert act(console, csrf, "close", round="stimmen-1") is None
    assert act(console, csrf, "close", round="stimmen-1") == "Diese Abstimmung ist schon geschlossen."


def test_after_the_last_session_the_console_offers_no_start(room: tuple[LiveRoom, Secrets], clock: Clock) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    last = live.agenda[-1].ref
    assert act(console, csrf, "jump", session=last) is None
    clock.advance(5)
    assert act(console, csrf, "next") is None
    page = console.get("/console").text
    assert 'action="/console/start"' not in page
    assert "Ende des Programms" in page


def test_the_projector_says_the_rule_and_the_paper_votes_beside_the_phones(room: tuple[LiveRoom, Secrets]) -> None:
    live, keys = room
    console, csrf = facilitator(live, keys)
    act(console, csrf, "open", kind="dots", budget="3", cap="2")
    act(console, csrf, "paper", round="stimmen-1", **{"paper:stadtportal": "4", "paper:datenaustausch": "1"})
    projector = client(live, keys).get("/projector").text
    assert '<p class="rule">3 Stimmen je Person, höchstens 2 je Maßnahme. Dazu 5 auf Papier gezählte Stimmen.</p>' in projector
    assert all(f"<li>{title}</li>" in projector for title in live.titles.values())
