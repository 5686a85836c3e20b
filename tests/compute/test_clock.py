"""The agenda clock: the room's session, its countdown and how far off plan, from the journal's events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import load_document
from strategy_kit.compute import ballots, clock
from strategy_kit.compute.ballots import Refusal
from strategy_kit.compute.clock import ClockError, ClockView, Slot
from strategy_kit.compute.timing import plan

TELGTE = Path(__file__).parents[2] / "examples" / "telgte.yaml"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def slots() -> tuple[Slot, ...]:
    return clock.agenda(plan(load_document(TELGTE).document))


def at(hour: int, minute: int, second: int = 0, day: int = 5) -> dt.datetime:
    return dt.datetime(2019, 3, day, hour, minute, second, tzinfo=BERLIN)


def test_the_agenda_is_every_session_in_time_order(slots: tuple[Slot, ...]) -> None:
    assert len(slots) == 21
    first = slots[0]
    assert first == Slot(
        "begruessung", "Begrüßung und Einführung", "plenary", at(9, 0), at(9, 30), 1, "Innovationsworkshop"
    )
    assert first.planned_s == 1800
    # A session without an id is named by its block and place, as the write-back names it.
    assert slots[2].ref == "innovation/3" and slots[2].kind == "break" and slots[2].title == "Kaffeepause"
    # The two parallel groups are both slots, in the file's order, starting together.
    groups = slots[6:8]
    assert [s.ref for s in groups] == ["ag-verwaltung", "ag-stadtgesellschaft"]
    assert groups[0].planned_start == groups[1].planned_start == at(13, 15)
    assert slots[11].ref == "rueckblick-tag-1" and slots[11].day == 2
    starts = [s.planned_start for s in slots]
    assert starts == sorted(starts)


def test_before_the_first_start_the_first_session_is_next(slots: tuple[Slot, ...]) -> None:
    view = clock.state(slots, [], at(8, 30))
    assert view == ClockView(None, False, None, 0, 0, 0, slots[0], 0, False)
    # Waiting for the day to begin is on plan; starting late is behind it.
    assert clock.state(slots, [], at(9, 7, 31)).delta_min == 8


def test_a_session_counts_down_and_runs_over(slots: tuple[Slot, ...]) -> None:
    events = [clock.start("begruessung", at(9, 2))]
    view = clock.state(slots, events, at(9, 12, 30))
    assert view.current == slots[0] and view.running and view.started_at == at(9, 2)
    assert (view.elapsed_s, view.planned_s, view.remaining_s) == (630, 1800, 1170)
    assert view.next == slots[1]
    # Projected end 09:32 against 09:30 planned.
    assert view.delta_min == 2
    over = clock.state(slots, events, at(9, 33, 5))
    assert over.remaining_s == -65
    assert over.delta_min == 3  # it has not ended: its end is now at the earliest, 3 min 5 s late


def test_pauses_do_not_count_and_extensions_add_time(slots: tuple[Slot, ...]) -> None:
    events = [
        clock.start("begruessung", at(9, 0)),
        clock.pause(at(9, 10)),
        clock.resume(at(9, 15)),
        clock.extend(5, at(9, 20)),
        clock.extend(5, at(9, 21)),
    ]
    view = clock.state(slots, events, at(9, 25))
    assert view.elapsed_s == 20 * 60
    assert view.planned_s == 40 * 60
    assert view.remaining_s == 20 * 60
    assert view.delta_min == 15  # projected 09:45 against 09:30
    paused = clock.state(slots, [*events, clock.pause(at(9, 25))], at(9, 40))
    assert not paused.running and paused.elapsed_s == 20 * 60
    assert paused.delta_min == 30  # the pause moves the projected end on


def test_ahead_of_plan_is_negative_and_rounds_half_away_from_zero(slots: tuple[Slot, ...]) -> None:
    events = [clock.start("begruessung", at(8, 58, 30))]
    assert clock.state(slots, events, at(9, 0)).delta_min == -2  # -90 s
    assert clock.state(slots, events, at(9, 0, 1)).delta_min == -2  # projected 09:28:30
    events = [clock.start("begruessung", at(8, 58, 31))]
    assert clock.state(slots, events, at(9, 0)).delta_min == -1  # -89 s


def test_next_ends_the_current_and_starts_the_following(slots: tuple[Slot, ...]) -> None:
    view = clock.state(slots, [], at(9, 0))
    events = clock.next_step(slots, view, at(9, 0))
    assert events == [ballots.event("session-started", "2019-03-05T09:00:00+01:00", session="begruessung")]
    view = clock.state(slots, events, at(9, 25))
    step = clock.next_step(slots, view, at(9, 25))
    assert step == [
        ballots.event("session-ended", "2019-03-05T09:25:00+01:00", session="begruessung"),
        ballots.event("session-started", "2019-03-05T09:25:00+01:00", session="erwartungen"),
    ]
    events += step
    view = clock.state(slots, events, at(9, 30))
    assert view.current == slots[1] and view.elapsed_s == 300
    assert view.delta_min == -5
    # The written-back times are the journal's first start and last end.
    assert ballots.session_times(events)["begruessung"] == ("2019-03-05T09:00:00+01:00", "2019-03-05T09:25:00+01:00")


def test_between_sessions_the_room_waits_for_the_next(slots: tuple[Slot, ...]) -> None:
    events = [clock.start("begruessung", at(9, 0)), clock.end("begruessung", at(9, 20))]
    view = clock.state(slots, events, at(9, 22))
    assert view.current is None and not view.running and view.next == slots[1]
    assert view.delta_min == -8  # erwartungen could start now, 8 minutes early
    assert not view.finished


def test_parallel_groups_one_after_the_other_in_the_clock(slots: tuple[Slot, ...]) -> None:
    events = clock.jump(slots, clock.state(slots, [], at(13, 15)), "ag-verwaltung", at(13, 15))
    view = clock.state(slots, events, at(13, 20))
    assert view.next is not None and view.next.ref == "ag-stadtgesellschaft"
    # A room running both groups side by side jumps past the second to the break.
    events += clock.jump(slots, view, "innovation/9", at(14, 30))
    assert clock.state(slots, events, at(14, 31)).current == slots[8]


def test_a_session_taken_up_again_goes_on_from_where_it_stopped(slots: tuple[Slot, ...]) -> None:
    events = [
        clock.start("begruessung", at(9, 0)),
        clock.extend(10, at(9, 5)),
        clock.end("begruessung", at(9, 10)),
        clock.start("erwartungen", at(9, 10)),
        clock.end("erwartungen", at(9, 20)),
        clock.start("begruessung", at(9, 20)),
    ]
    view = clock.state(slots, events, at(9, 25))
    assert view.current == slots[0] and view.started_at == at(9, 0)
    assert (view.elapsed_s, view.planned_s) == (15 * 60, 40 * 60)


def test_the_day_ends_and_the_next_day_waits(slots: tuple[Slot, ...]) -> None:
    last_of_day = slots[10]
    events = clock.jump(slots, clock.state(slots, [], at(15, 30)), last_of_day.ref, at(15, 30))
    events.append(clock.end(last_of_day.ref, at(16, 5)))
    evening = clock.state(slots, events, at(18, 0))
    assert evening.next == slots[11] and not evening.finished
    assert evening.delta_min == 0  # not "900 minutes ahead" of tomorrow morning
    morning = clock.state(slots, events, at(9, 3, day=6))
    assert morning.delta_min == 3


def test_after_the_last_session_the_programme_is_over(slots: tuple[Slot, ...]) -> None:
    events = clock.jump(slots, clock.state(slots, [], at(15, 30, day=6)), "naechste-schritte", at(15, 30, day=6))
    view = clock.state(slots, events, at(15, 58, day=6))
    assert view.next is None
    events += clock.next_step(slots, view, at(15, 58, day=6))
    assert events[-1] == clock.end("naechste-schritte", at(15, 58, day=6))
    done = clock.state(slots, events, at(17, 0, day=6))
    assert done == ClockView(None, False, None, 0, 0, 0, None, -2, True)
    with pytest.raises(ClockError) as refused:
        clock.next_step(slots, done, at(17, 0, day=6))
    assert refused.value.refusal == Refusal("programme-over")


def test_nonsense_is_refused(slots: tuple[Slot, ...]) -> None:
    idle = clock.state(slots, [], at(9, 0))
    for step, reason in [
        (clock.pause(at(9, 0)), "nothing-running"),
        (clock.resume(at(9, 0)), "nothing-running"),
        (clock.end("begruessung", at(9, 0)), "nothing-running"),
        (clock.start("rathaus", at(9, 0)), "unknown-session"),
    ]:
        with pytest.raises(ClockError) as refused:
            clock.act(slots, idle, [step])
        assert refused.value.refusal.reason == reason
        assert clock.judge(slots, idle, step) == refused.value.refusal
    running = clock.state(slots, [clock.start("begruessung", at(9, 0))], at(9, 1))
    assert clock.judge(slots, running, clock.resume(at(9, 1))) == Refusal("not-paused")
    assert clock.judge(slots, running, clock.start("erwartungen", at(9, 1))) == Refusal(
        "session-running", {"session": "begruessung"}
    )
    assert clock.judge(slots, running, clock.end("erwartungen", at(9, 1))) == Refusal(
        "not-current", {"session": "erwartungen"}
    )
    paused = clock.state(slots, [clock.start("begruessung", at(9, 0)), clock.pause(at(9, 1))], at(9, 2))
    assert clock.judge(slots, paused, clock.pause(at(9, 2))) == Refusal("already-paused")
    assert clock.act(slots, paused, [clock.extend(5, at(9, 2)), clock.resume(at(9, 2))])[1]["event"] == "session-resumed"
    with pytest.raises(ClockError, match="unknown-session"):
        clock.jump(slots, running, "rathaus", at(9, 1))
    with pytest.raises(ClockError, match="already-current"):
        clock.jump(slots, running, "begruessung", at(9, 1))
    for minutes in (0, -5, 241, True, 2.5):
        with pytest.raises(ClockError, match="bad-minutes"):
            clock.extend(minutes, at(9, 1))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="offset"):
        clock.start("begruessung", dt.datetime(2019, 3, 5, 9))
    with pytest.raises(ValueError, match="offset"):
        clock.state(slots, [], dt.datetime(2019, 3, 5, 9))
    assert isinstance(ClockError(Refusal("x")), ValueError)


def test_replay_passes_over_what_the_rules_refuse_and_other_events(slots: tuple[Slot, ...]) -> None:
    good = [clock.start("begruessung", at(9, 0)), clock.pause(at(9, 10))]
    noisy = [
        ballots.event("round-opened", "2019-03-05T09:01:00+01:00", round={"id": "x"}),
        clock.resume(at(9, 1)),  # not paused: passed over
        good[0],
        ballots.event("session-paused", "not a time"),
        ballots.event("session-paused", "2019-03-05T09:05:00"),  # no offset
        clock.start("erwartungen", at(9, 5)),  # another runs: passed over
        good[1],
    ]
    assert clock.state(slots, noisy, at(9, 30)) == clock.state(slots, good, at(9, 30))


def test_a_clock_set_back_never_runs_time_backwards(slots: tuple[Slot, ...]) -> None:
    events = [clock.start("begruessung", at(9, 10)), clock.pause(at(9, 5))]
    view = clock.state(slots, events, at(9, 0))
    assert view.elapsed_s == 0 and view.remaining_s == 1800


# -- the properties ------------------------------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["next", "pause", "resume", "extend", "jump", "end"]),
        st.integers(1, 15 * 60),  # seconds since the step before
        st.integers(0, 20),  # which slot a jump goes to; minutes of an extension
    ),
    max_size=25,
)


def run(slots: tuple[Slot, ...], actions: list[tuple[str, int, int]]) -> tuple[list[dict[str, Any]], dt.datetime, list[tuple[dt.datetime, int]]]:
    """The events the console makes for ``actions`` (the refused ones left out), the time
    after the last, and every extension with its time."""
    now = at(8, 50)
    events: list[dict[str, Any]] = []
    extensions: list[tuple[dt.datetime, int]] = []
    for action, seconds, number in actions:
        now += dt.timedelta(seconds=seconds)
        view = clock.state(slots, events, now)
        try:
            if action == "next":
                steps = clock.next_step(slots, view, now)
            elif action == "jump":
                steps = clock.jump(slots, view, slots[number].ref, now)
            elif action == "pause":
                steps = clock.act(slots, view, [clock.pause(now)])
            elif action == "resume":
                steps = clock.act(slots, view, [clock.resume(now)])
            elif action == "extend":
                steps = clock.act(slots, view, [clock.extend(number + 1, now)])
                extensions.append((now, number + 1))
            else:
                steps = clock.act(slots, view, [clock.end(view.current.ref if view.current else "x", now)])
        except ClockError:
            continue
        events += steps
    return events, now, extensions


@settings(max_examples=150, deadline=None)
@given(ACTIONS, st.integers(0, 3600))
def test_any_run_of_the_console_keeps_the_clock_sound(slots: tuple[Slot, ...], actions: list[tuple[str, int, int]], later: int) -> None:
    events, now, _ = run(slots, actions)
    moment = now + dt.timedelta(seconds=later)
    view = clock.state(slots, events, moment)
    assert view.elapsed_s >= 0
    assert view.remaining_s == view.planned_s - view.elapsed_s
    assert view.running <= (view.current is not None)
    assert clock.state(slots, list(events), moment) == view  # the same events, the same clock
    if view.current is not None:
        assert view.started_at is not None and view.started_at <= moment
        assert view.elapsed_s <= (moment - view.started_at).total_seconds()
    if not view.running:
        # Nothing counts while paused or idle.
        assert clock.state(slots, events, moment + dt.timedelta(hours=1)).elapsed_s == view.elapsed_s
    if view.finished:
        assert view.current is None and view.next is None


@settings(max_examples=100, deadline=None)
@given(ACTIONS, st.lists(st.integers(1, clock.MAX_EXTENSION), max_size=4))
def test_extensions_add_exactly_their_minutes(slots: tuple[Slot, ...], actions: list[tuple[str, int, int]], minutes: list[int]) -> None:
    events, now, _ = run(slots, actions)
    before = clock.state(slots, events, now)
    if before.current is None:
        return
    more = [clock.extend(m, now) for m in minutes]
    after = clock.state(slots, events + more, now)
    assert after.planned_s == before.planned_s + 60 * sum(minutes)
    assert after.elapsed_s == before.elapsed_s


@settings(max_examples=100, deadline=None)
@given(ACTIONS, st.integers(1, 7200))
def test_a_pause_stops_the_count(slots: tuple[Slot, ...], actions: list[tuple[str, int, int]], pause_s: int) -> None:
    events, now, _ = run(slots, actions)
    view = clock.state(slots, events, now)
    if not view.running:
        return
    paused = [*events, clock.pause(now), clock.resume(now + dt.timedelta(seconds=pause_s))]
    later = now + dt.timedelta(seconds=pause_s + 60)
    assert clock.state(slots, paused, later).elapsed_s == view.elapsed_s + 60
    assert clock.state(slots, events, later).elapsed_s == view.elapsed_s + pause_s + 60
