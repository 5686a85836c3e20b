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
   A late light names the oldest of its causes (the end passed, a miss over
   a quarter old): the day the measure first slipped.
4. Otherwise a measure with a start, an end, a milestone or a next step with
   a due date is **on track**; one with none of them has no light,
   ``ohne Termin`` (:attr:`Light.UNDATED`): there is nothing to be late against.
5. A measure with sub-projects (``parent``) shows the worst of its own light
   and its active sub-projects' lights (:func:`traffic_lights`): a late
   sub-project makes its measure late. Done and dropped sub-projects do not
   count; worst is late, then at risk, then on track, then no dates. A tie
   keeps the miss overdue longest, the measure's own first.

Every light says why (:class:`Cause`, the missed item in ``subject``), so
each output gives the same reason in words and JSON gives its code.

Pure: ``today`` is passed in, nothing is read from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
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


#: How bad a light is, for the worst of a measure and its sub-projects.
SEVERITY = {Light.UNDATED: 0, Light.ON_TRACK: 1, Light.AT_RISK: 2, Light.LATE: 3}


class Cause(StrEnum):
    """Why a measure is at risk or late; JSON's reason code, labels say it (``traffic.cause-<key>``)."""

    END = "end-passed"
    MILESTONE = "milestone-overdue"
    STEP = "step-overdue"
    SUB_PROJECT = "sub-project-overdue"


@dataclass(frozen=True)
class TrafficLight:
    """A measure's light and why.

    ``cause`` is None for a light without a miss; ``subject`` names what was
    missed (the milestone's title, the step's action, the sub-project's title;
    None for the end); ``due`` is the date missed, ``days`` how many days it is
    overdue (0 when none). A light taken from a sub-project keeps its date and
    days; ``project`` is then the sub-project's id.
    """

    light: Light
    cause: Cause | None = None
    due: dt.date | None = None
    days: int = 0
    subject: str | None = None
    project: str | None = None


def traffic_light(project: Project, today: dt.date) -> TrafficLight:
    """The light of ``project`` as of ``today`` by the module's rule."""
    if project.status is Status.DONE:
        return TrafficLight(Light.DONE)
    if project.status is Status.DROPPED:
        return TrafficLight(Light.DROPPED)
    missed: list[tuple[dt.date, int, Cause, str | None]] = [
        (m.date, order, Cause.MILESTONE, m.title)
        for order, m in enumerate(project.milestones)
        if not m.done and m.date < today
    ]
    missed += [
        (s.due, len(missed) + order, Cause.STEP, s.action)
        for order, s in enumerate(project.next_steps)
        if not s.done and s.due is not None and s.due < today
    ]
    # Late: the end passed, or a miss older than LATE_AFTER days. The light names the
    # oldest of these causes, so "verspätet seit" is the day the measure first slipped,
    # as a parent names the longest overdue of its sub-measures.
    late = [m for m in missed if (today - m[0]).days > LATE_AFTER]
    if project.end is not None and last_day(project.end) < today:
        late.append((last_day(project.end), -1, Cause.END, None))  # on one day the end first
    if late:
        due, _, cause, subject = min(late)
        return TrafficLight(Light.LATE, cause, due, (today - due).days, subject)
    if missed:
        # The oldest miss; on one day the first written, milestones before steps.
        due, _, cause, subject = min(missed)
        return TrafficLight(Light.AT_RISK, cause, due, (today - due).days, subject)
    dated = (
        project.start is not None
        or project.end is not None
        or bool(project.milestones)
        or any(s.due is not None for s in project.next_steps)
    )
    return TrafficLight(Light.ON_TRACK if dated else Light.UNDATED)


def traffic_lights(projects: Iterable[Project], today: dt.date) -> dict[str, TrafficLight]:
    """Project id -> its light as of ``today``, a measure's sub-projects included (rule 5).

    ``projects`` is every project of the portfolio, sub-projects included; an
    id seen twice keeps its first project. A sub-project's light counts in its
    measure's through every level (a sub-project's own sub-projects first).
    """
    by_id: dict[str, Project] = {}
    for project in projects:
        by_id.setdefault(project.id, project)
    children: dict[str, list[str]] = {}
    for project in by_id.values():
        if project.parent in by_id and project.status not in (Status.DONE, Status.DROPPED):
            children.setdefault(project.parent, []).append(project.id)
    memo: dict[str, TrafficLight] = {}

    def light(pid: str, path: frozenset[str]) -> TrafficLight:
        if pid in memo:
            return memo[pid]
        own = traffic_light(by_id[pid], today)
        worst = own
        if own.light in SEVERITY:  # done and dropped keep their tick or nothing
            for child in children.get(pid, []):
                if child in path:  # a cycle across files; checking refuses it inside one
                    continue
                theirs = light(child, path | {child})
                if (SEVERITY[theirs.light], theirs.days) > (SEVERITY[worst.light], worst.days):
                    if theirs.light in (Light.AT_RISK, Light.LATE):
                        worst = replace(
                            theirs,
                            cause=Cause.SUB_PROJECT,
                            subject=by_id[child].title,
                            project=child,
                        )
                    else:  # dates only a sub-project has: on track, nothing missed
                        worst = TrafficLight(theirs.light)
        memo[pid] = worst
        return worst

    return {pid: light(pid, frozenset({pid})) for pid in by_id}
