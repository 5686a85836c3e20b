"""The agenda clock in the running room: its view for the screens and the console's steps.

The clock itself is :mod:`strategy_kit.compute.clock` (a replay of the
journal's session events against the planned agenda); this module only reads
it for the pages and turns the console's buttons into its events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strategy_kit.compute.clock import ClockView, Slot
    from strategy_kit.serve.room import LiveRoom

#: Minutes the console's "+5 min" adds.
EXTENSION = 5


def slots(live: LiveRoom) -> tuple[Slot, ...]:
    """The planned agenda of the room's file (made again after each write to the file)."""
    return live.agenda


def view(live: LiveRoom) -> ClockView:
    from strategy_kit.compute.clock import state

    return state(slots(live), live.events, live.now())


def clock_view(live: LiveRoom, lang: str) -> dict[str, Any]:
    """What the projector and the console show of the clock: texts and the seconds left."""
    from strategy_kit.present.live import clock_text

    now = view(live)
    texts = clock_text(now, lang)
    # Off plan by minutes only on the day the agenda plans: in a rehearsal on another
    # day the plan is days away, and "4.072.145 Min. hinter Plan" says nothing.
    slot = now.current or now.next
    on_its_day = slot is None or slot.planned_start.date() == live.now().astimezone(live.zone).date()
    behind = now.delta_min if on_its_day else 0
    return {
        "current": texts["title"],
        "countdown": texts["countdown"],
        "status": texts["status"],
        "paused": texts["status"],
        "delta": texts["delta"] if on_its_day else "",
        "delta_class": "behind" if behind > 0 else "ahead" if behind < 0 else "",
        "next": texts["next"],
        "headline": texts["status"],
        "running": now.running,
        "remaining_s": now.remaining_s,
        "overtime": now.current is not None and now.remaining_s < 0,
        "finished": now.finished,
    }


def agenda_rows(live: LiveRoom, lang: str) -> list[dict[str, Any]]:
    """The console's agenda: each session's planned time, title, and its actual times once recorded."""
    from strategy_kit.compute.ballots import session_times
    from strategy_kit.present.agenda import clock_at

    now = view(live)
    ran = session_times(live.events)
    rows = []
    for slot in slots(live):
        actual = ""
        if slot.ref in ran:
            start, end = ran[slot.ref]
            actual = _clock(start, live) + ("–" + _clock(end, live, up=True) if end else "–")
        rows.append(
            {
                "ref": slot.ref,
                "time": clock_at(slot.planned_start, slot.planned_start.date(), lang).removesuffix(" Uhr"),
                "title": slot.title,
                "current": now.current is not None and now.current.ref == slot.ref,
                "done": slot.ref in ran and ran[slot.ref][1] is not None,
                "actual": actual,
            }
        )
    return rows


def _clock(text: str, live: LiveRoom, *, up: bool = False) -> str:
    """A recorded time to the minute as the file receives it (:mod:`strategy_kit.change.live`):
    a start to the minute before, an end (``up``) to the minute after."""
    import datetime as dt

    moment = dt.datetime.fromisoformat(text).astimezone(live.zone)
    minute = moment.replace(second=0, microsecond=0)
    if up and minute != moment:
        minute += dt.timedelta(minutes=1)
    return minute.strftime("%H:%M")


async def clock_step(live: LiveRoom, action: str, session: str | None, lang: str) -> str | None:
    """Do the console's clock ``action`` (start, pause, resume, next, extend, jump); why not, or None."""
    from strategy_kit.compute import clock
    from strategy_kit.present.labels import label
    from strategy_kit.present.live import refusal_text

    agenda, now, at = slots(live), view(live), live.now().replace(microsecond=0)
    try:
        if action == "start":
            steps = clock.next_step(agenda, now, at) if session is None else clock.jump(agenda, now, session, at)
        elif action == "next":
            steps = clock.next_step(agenda, now, at)
        elif action == "jump":
            steps = clock.jump(agenda, now, session or "", at)
        elif action == "pause":
            steps = clock.act(agenda, now, [clock.pause(at)])
        elif action == "resume":
            steps = clock.act(agenda, now, [clock.resume(at)])
        elif action == "extend":
            steps = clock.act(agenda, now, [clock.extend(EXTENSION, at)])
        else:
            return label("serve.unknown_action", lang)
    except clock.ClockError as exc:
        return refusal_text(exc.refusal, lang)
    await live.record(steps)
    return None
