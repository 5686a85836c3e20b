"""The room's agenda clock: which session runs, how long it has left, and how far off plan the room is.

Pure: no clock read, no file, no network; the caller passes ``now`` and the
times of the events. The clock is the journal's ``session-*`` events
(:func:`strategy_kit.compute.ballots.event`) replayed against the agenda the
plan gives, so a server restarted from its journal shows the same clock.

The events and their rules (:func:`judge`):

* ``session-started`` (``session``: a reference) -- only when no session is
  current; the session becomes current and running.
* ``session-paused`` / ``session-resumed`` -- the current session stops / goes
  on counting; paused time is not elapsed time.
* ``session-extended`` (``minutes``: a whole number, 1 to :data:`MAX_EXTENSION`)
  -- the current session gets that much more time; it may be extended again.
* ``session-ended`` (``session``: the current session's reference) -- nothing
  is current until the next start.

A session started again later (a jump back to finish it) goes on from the
elapsed time and the extensions it had: its countdown is the time it still has.

Parallel sessions (tracks of one slot) are each their own :class:`Slot`, in
time order and, when they start together, in the order of the file. The room's
clock follows one session at a time: the facilitator starts one of them (the
one the plenary sees), and "next" goes on to the next slot in that order --
which is the next parallel session, so a room that runs its tracks side by side
jumps past them to the session after the slot.

An event the rules refuse (or one without a readable time) changes nothing on
replay; an event dated before the one before it counts as happening at that
earlier event's time, so a clock set back on the laptop never makes time run
backwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strategy_kit.compute.ballots import Refusal, event

if TYPE_CHECKING:
    from strategy_kit.compute.timing import Plan

#: The most minutes one "+N min" may add: a slip beyond that is refused.
MAX_EXTENSION = 240
#: The journal's kinds of events that move the clock.
KINDS = ("session-started", "session-paused", "session-resumed", "session-extended", "session-ended")

_SECOND = dt.timedelta(seconds=1)


class ClockError(ValueError):
    """A console action that makes no sense now (pause while nothing runs, an unknown session).

    ``refusal`` says why as a key and its values, worded for the console by
    :func:`strategy_kit.present.live.refusal_text`.
    """

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


@dataclass(frozen=True)
class Slot:
    """One session of the agenda as the clock sees it.

    ``ref`` is the session's ``id``, else ``BLOCK/N`` (the block's id and the
    session's 1-based place in it), as the write-back names sessions.
    ``kind`` is the session kind's value (``"break"``); ``planned_start`` and
    ``planned_end`` are aware times in the workshop's zone; ``day`` is 1-based.
    """

    ref: str
    title: str
    kind: str
    planned_start: dt.datetime
    planned_end: dt.datetime
    day: int
    block_title: str

    @property
    def planned_s(self) -> int:
        """The planned length in whole seconds (elapsed time, across a switch to summer time too)."""
        return int((self.planned_end - self.planned_start) // _SECOND)


def agenda(plan: Plan) -> tuple[Slot, ...]:
    """Every session of ``plan`` as a :class:`Slot`, in time order (sessions starting together in file order)."""
    slots: list[Slot] = []
    for day in plan.days:
        for block in day.blocks:
            for place, planned in enumerate(block.sessions, start=1):
                session = planned.session
                slots.append(
                    Slot(
                        ref=session.id or f"{block.block.id}/{place}",
                        title=session.title,
                        kind=session.kind.value,
                        planned_start=planned.start,
                        planned_end=planned.end,
                        day=day.number,
                        block_title=block.block.title,
                    )
                )
    # sorted() is stable: equal starts keep the file's order. Aware times compare as instants.
    return tuple(sorted(slots, key=lambda s: (s.day, s.planned_start)))


@dataclass(frozen=True)
class ClockView:
    """The clock at one moment.

    ``current`` is the session started and not yet ended (None before the first
    start, between sessions and after the last); ``running`` is False while it
    is paused or when there is none. ``started_at`` is the current session's
    first start. ``elapsed_s`` counts whole seconds it has run, paused time left
    out; ``planned_s`` is its planned length plus 60 seconds per extended
    minute; ``remaining_s`` is ``planned_s - elapsed_s``, negative in overtime.
    All three are 0 when nothing is current.

    ``next`` is the slot after the current one (or after the one ended last;
    the first slot before anything started; None after the last).

    ``delta_min`` is how far the room is off plan in whole minutes, positive
    behind plan, negative ahead of it, the seconds rounded half up away from
    zero (90 s is 2 min, -90 s is -2 min):

    * a session current: its projected end minus its planned end, the projected
      end being ``now + remaining_s`` (``now`` in overtime, as it has not ended);
      a pause therefore moves it on minute by minute;
    * nothing current, the next slot on the same day as the session ended last:
      ``now`` minus the next slot's planned start (it could start now);
    * nothing current before the day's first start: the same but never below
      0 -- a room waiting for its day to begin is on plan, not ahead;
    * finished: the last session's end minus its planned end (it stays put).

    ``finished`` is True once the last slot has ended and nothing is current.
    """

    current: Slot | None
    running: bool
    started_at: dt.datetime | None
    elapsed_s: int
    planned_s: int
    remaining_s: int
    next: Slot | None
    delta_min: int
    finished: bool


# -- the events the console's actions make --------------------------------------------------------


def _at(at: dt.datetime) -> str:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"the time of a clock event needs its offset, not {at.isoformat()}")
    return at.isoformat()


def start(ref: str, at: dt.datetime) -> dict[str, Any]:
    """``session-started`` of ``ref`` at ``at`` (aware; ValueError when naive)."""
    return event("session-started", _at(at), session=ref)


def pause(at: dt.datetime) -> dict[str, Any]:
    """``session-paused`` at ``at``."""
    return event("session-paused", _at(at))


def resume(at: dt.datetime) -> dict[str, Any]:
    """``session-resumed`` at ``at``."""
    return event("session-resumed", _at(at))


def extend(minutes: int, at: dt.datetime) -> dict[str, Any]:
    """``session-extended`` by ``minutes`` (1 to :data:`MAX_EXTENSION`; else :class:`ClockError`)."""
    refusal = _minutes(minutes)
    if refusal is not None:
        raise ClockError(refusal)
    return event("session-extended", _at(at), minutes=minutes)


def end(ref: str, at: dt.datetime) -> dict[str, Any]:
    """``session-ended`` of ``ref`` at ``at``."""
    return event("session-ended", _at(at), session=ref)


def next_step(slots: Sequence[Slot], view: ClockView, at: dt.datetime) -> list[dict[str, Any]]:
    """The console's "next": end the current session and start the next slot.

    Nothing current: start the next slot. The last session current: end it
    (the programme is then finished). Finished: :class:`ClockError` ``programme-over``.
    """
    steps: list[dict[str, Any]] = []
    if view.current is not None:
        steps.append(end(view.current.ref, at))
    elif view.next is None:
        raise ClockError(Refusal("programme-over"))
    if view.next is not None:
        steps.append(start(view.next.ref, at))
    return steps


def jump(slots: Sequence[Slot], view: ClockView, ref: str, at: dt.datetime) -> list[dict[str, Any]]:
    """The console's "jump to": end the current session (if any) and start ``ref``.

    :class:`ClockError` ``unknown-session`` for a reference not in ``slots``,
    ``already-current`` for the session that is current.
    """
    if ref not in {s.ref for s in slots}:
        raise ClockError(Refusal("unknown-session", {"session": ref[:80]}))
    if view.current is not None and view.current.ref == ref:
        raise ClockError(Refusal("already-current", {"session": ref}))
    steps = [end(view.current.ref, at)] if view.current is not None else []
    return [*steps, start(ref, at)]


def act(slots: Sequence[Slot], view: ClockView, steps: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``steps`` (made by :func:`start`, :func:`pause`, ...) as a list if each is allowed after the
    ones before it, else :class:`ClockError` with the first refusal: what the console calls
    before it writes an action's events to the journal.
    """
    known = {s.ref for s in slots}
    current = view.current.ref if view.current is not None else None
    running = view.running
    taken: list[dict[str, Any]] = []
    for step in steps:
        refusal = _rule(known, current, running, step)
        if refusal is not None:
            raise ClockError(refusal)
        current, running = _after(current, running, step)
        taken.append(dict(step))
    return taken


def judge(slots: Sequence[Slot], view: ClockView, step: Mapping[str, Any]) -> Refusal | None:
    """Whether ``step`` may happen when the clock shows ``view`` (None: it may)."""
    current = view.current.ref if view.current is not None else None
    return _rule({s.ref for s in slots}, current, view.running, step)


def _minutes(minutes: object) -> Refusal | None:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_EXTENSION:
        return Refusal("bad-minutes", {"high": MAX_EXTENSION})
    return None


def _rule(known: set[str], current: str | None, running: bool, step: Mapping[str, Any]) -> Refusal | None:
    kind = step.get("event")
    ref = step.get("session")
    if kind == "session-started":
        if not isinstance(ref, str) or ref not in known:
            return Refusal("unknown-session", {"session": str(ref)[:80]})
        if current == ref:
            return Refusal("already-current", {"session": ref})
        if current is not None:
            return Refusal("session-running", {"session": current})
        return None
    if kind == "session-ended":
        if current is None:
            return Refusal("nothing-running")
        if ref != current:
            return Refusal("not-current", {"session": str(ref)[:80]})
        return None
    if kind in ("session-paused", "session-extended", "session-resumed") and current is None:
        return Refusal("nothing-running")
    if kind == "session-paused":
        return None if running else Refusal("already-paused")
    if kind == "session-resumed":
        return None if not running else Refusal("not-paused")
    if kind == "session-extended":
        return _minutes(step.get("minutes"))
    return Refusal("bad-event", {"event": str(kind)[:40]})


def _after(current: str | None, running: bool, step: Mapping[str, Any]) -> tuple[str | None, bool]:
    kind = step.get("event")
    if kind == "session-started":
        return str(step["session"]), True
    if kind == "session-ended":
        return None, False
    if kind in ("session-paused", "session-resumed"):
        return current, kind == "session-resumed"
    return current, running


# -- the clock at a moment ------------------------------------------------------------------------


def _when(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        at = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return at if at.utcoffset() is not None else None


def _round_minutes(delta: dt.timedelta) -> int:
    """``delta`` in whole minutes, half a minute rounded away from zero (exact, in microseconds)."""
    micro = delta // dt.timedelta(microseconds=1)
    whole = (abs(micro) + 30_000_000) // 60_000_000
    return whole if micro >= 0 else -whole


def state(slots: Sequence[Slot], events: Iterable[Mapping[str, Any]], now: dt.datetime) -> ClockView:
    """The clock at ``now`` (aware) after ``events`` (the journal's; other kinds are passed over).

    The same ``slots``, events and ``now`` give the same view. ``now`` before the
    last event counts as that event's time; a naive ``now`` is a ValueError.
    """
    if now.utcoffset() is None:
        raise ValueError(f"the clock's now needs its offset, not {now.isoformat()}")
    by_ref = {s.ref: s for s in slots}
    order = {s.ref: n for n, s in enumerate(slots)}
    known = set(by_ref)
    current: str | None = None
    running = False
    since: dt.datetime | None = None  # when the current session last began to count
    last: dt.datetime | None = None  # the latest event's time
    ran: dict[str, dt.timedelta] = {}  # per session: elapsed before its latest pause or end
    extra: dict[str, int] = {}  # per session: minutes added
    first: dict[str, dt.datetime] = {}
    ended: str | None = None
    ended_at: dt.datetime | None = None
    for step in events:
        if step.get("event") not in KINDS:
            continue
        at = _when(step.get("at"))
        if at is None or _rule(known, current, running, step) is not None:
            continue
        if last is not None and at < last:
            at = last
        last = at
        kind = step["event"]
        if kind == "session-started":
            current, running, since = str(step["session"]), True, at
            first.setdefault(current, at)
        elif current is not None and running and since is not None and kind in ("session-paused", "session-ended"):
            ran[current] = ran.get(current, dt.timedelta()) + (at - since)
        if kind == "session-resumed":
            since = at
        if kind == "session-extended" and current is not None:
            extra[current] = extra.get(current, 0) + int(step["minutes"])
        current, running = _after(current, running, step)
        if kind == "session-ended":
            ended, ended_at = str(step["session"]), at
    moment = now if last is None or now >= last else last

    if current is not None:
        slot = by_ref[current]
        counted = ran.get(current, dt.timedelta())
        if running and since is not None:
            counted += moment - since
        elapsed = int(counted // _SECOND)
        planned = slot.planned_s + 60 * extra.get(current, 0)
        remaining = planned - elapsed
        projected = moment + dt.timedelta(seconds=max(remaining, 0))
        after = order[current] + 1
        return ClockView(
            current=slot, running=running, started_at=first[current], elapsed_s=elapsed, planned_s=planned,
            remaining_s=remaining, next=slots[after] if after < len(slots) else None,
            delta_min=_round_minutes(projected - slot.planned_end), finished=False,
        )
    after = order[ended] + 1 if ended is not None else 0
    following = slots[after] if after < len(slots) else None
    if following is None:
        finished = ended is not None
        delta = _round_minutes(ended_at - by_ref[ended].planned_end) if ended is not None and ended_at else 0
        return ClockView(None, False, None, 0, 0, 0, None, delta, finished)
    late = moment - following.planned_start
    if ended is None or by_ref[ended].day != following.day:
        late = max(late, dt.timedelta())
    return ClockView(None, False, None, 0, 0, 0, following, _round_minutes(late), False)
