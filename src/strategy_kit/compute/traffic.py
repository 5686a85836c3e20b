"""A measure's traffic light: on track, at risk or late, as of a given day.

Politicians ask for implementation status at a glance (Kreis Warendorf
reports each measure with a traffic light). The status page shows it, and a
yearly implementation report is to take it from here too, so the rule is
written once (docs/git.md states it for users):

1. ``done`` has no light but a tick (:attr:`Light.DONE`); ``dropped`` has none
   (:attr:`Light.DROPPED`).
2. The end (a date, or a quarter's last day) has passed and the measure is
   not done: **late**.
3. A milestone not reached by its date, or a next step not done by its due
   date: **at risk**; when the oldest of them is more than :data:`LATE_AFTER`
   days (a quarter) overdue: **late**. Due *today* is not yet overdue.
4. Otherwise a measure with a start, an end, a milestone or a next step with
   a due date is **on track**; one with none of them has no light,
   ``ohne Termin`` (:attr:`Light.UNDATED`): there is nothing to be late against.

Pure: ``today`` is passed in, nothing is read from the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from strategy_kit.document.model import Project, Status
from strategy_kit.document.periods import last_day

#: Days a milestone or next step may be overdue before the measure counts as late.
LATE_AFTER = 90


class Light(StrEnum):
    """The light's key; labels say it in words (``traffic.<key>``)."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    LATE = "late"
    DONE = "done"
    DROPPED = "dropped"
    UNDATED = "undated"


#: The three colours of a light; the other keys show no light.
SIGNALS = (Light.ON_TRACK, Light.AT_RISK, Light.LATE)


@dataclass(frozen=True)
class TrafficLight:
    """A measure's light and why: ``cause`` is ``end``, ``milestone`` or ``step`` (or None),
    ``due`` the date missed, ``days`` how many days it is overdue (0 when none)."""

    light: Light
    cause: str | None = None
    due: dt.date | None = None
    days: int = 0


def traffic_light(project: Project, today: dt.date) -> TrafficLight:
    """The light of ``project`` as of ``today`` by the module's rule."""
    if project.status is Status.DONE:
        return TrafficLight(Light.DONE)
    if project.status is Status.DROPPED:
        return TrafficLight(Light.DROPPED)
    if project.end is not None:
        end = last_day(project.end)
        if end < today:
            return TrafficLight(Light.LATE, "end", end, (today - end).days)
    missed = [(m.date, "milestone") for m in project.milestones if not m.done and m.date < today]
    missed += [
        (s.due, "step") for s in project.next_steps if not s.done and s.due is not None and s.due < today
    ]
    if missed:
        due, cause = min(missed)
        days = (today - due).days
        return TrafficLight(Light.LATE if days > LATE_AFTER else Light.AT_RISK, cause, due, days)
    dated = (
        project.start is not None
        or project.end is not None
        or bool(project.milestones)
        or any(s.due is not None for s in project.next_steps)
    )
    return TrafficLight(Light.ON_TRACK if dated else Light.UNDATED)
