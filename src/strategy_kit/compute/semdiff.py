"""What changed in a strategy, by meaning rather than by line.

A council does not read YAML diffs. This module compares two versions of a
strategy repository (or of one file) and lists the changes a committee cares
about: fields of action added, removed or renamed; projects added or removed,
their status moves, scores, votes and the resulting rank, progress, measured
indicator values and milestones reached; new next steps;
changed dates; who took part, by role only (names never appear, DSGVO).

Ranks are the report's (:func:`strategy_kit.compute.prioritise.rank_projects`,
with the votes mode and weight of the files' ``report`` block), so a council
sees the same rank in the diff as in the results report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strategy_kit.check.repository import Repository
from strategy_kit.compute.owners import owners
from strategy_kit.compute.prioritise import ranks, repository_settings
from strategy_kit.document.model import Project, WorkshopDocument

_V = TypeVar("_V")

#: Sections in the order a council reads them.
SECTIONS = ("strategy", "workshops", "fields", "projects", "next-steps", "dates", "participants")


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` says what, ``subject`` is the id or role, ``old``/``new`` the values."""

    section: str
    kind: str
    subject: str
    title: str
    old: Any = None
    new: Any = None
    detail: str = ""


# -- snapshots --------------------------------------------------------------------------


@dataclass
class _Workshop:
    title: str
    goal: str
    days: list[dt.date]
    follow_ups: dict[str, tuple[str, dt.date | None]]
    roles: Counter[str]


@dataclass
class Snapshot:
    """The parts of a repository the diff compares, in comparable shape."""

    vision: dict[str, str] = field(default_factory=dict)
    goals: dict[str, tuple[str, dt.date | None]] = field(default_factory=dict)
    review: dict[str, dt.date | None] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    workshops: dict[str, _Workshop] = field(default_factory=dict)


def snapshot(repo: Repository, *, ranked: bool = True) -> Snapshot:
    """Flatten a repository for comparison; next-step owners become department names or roles.

    Ranks are :func:`strategy_kit.compute.prioritise.ranks` over all projects
    with the repository's ``report`` settings
    (:func:`~strategy_kit.compute.prioritise.repository_settings`). Without
    ``ranked`` they are left empty, and no rank change is found: ranking is
    most of the work, and a measure's timeline does not tell its rank.
    """
    snap = Snapshot()
    for name, strategy in repo.strategies.items():
        snap.vision[name] = strategy.vision
        snap.review[name] = strategy.review
        for goal in strategy.goals:
            snap.goals[goal.id] = (goal.title, goal.due)
    snap.fields = {f.id: f.title for f in repo.fields_of_action()}
    entries = repo.projects()
    snap.projects = {e.project.id: e.project for e in entries}
    if ranked:
        snap.ranks = ranks(
            [e.project for e in entries], repo.criteria(), repository_settings(repo.workshops)
        )
    snap.owners = owners(repo)
    for name, doc in repo.workshops.items():
        snap.workshops[name] = _workshop(doc)
    return snap


def _workshop(doc: WorkshopDocument) -> _Workshop:
    follow_ups = {(f.id or f.title): (f.title, f.date) for f in doc.follow_ups}
    roles = Counter(p.role for p in doc.participants)
    return _Workshop(
        doc.workshop.title, doc.workshop.goal, [d.date for d in doc.days], follow_ups, roles
    )


# -- comparing --------------------------------------------------------------------------


def _pairs(old: dict[str, _V], new: dict[str, _V]) -> list[tuple[str, _V | None, _V | None]]:
    """Match by key; one entry on each side is the same thing even under another name."""
    if len(old) == 1 and len(new) == 1:
        (key_old, value_old), (key_new, value_new) = (
            next(iter(old.items())),
            next(iter(new.items())),
        )
        return [(key_new if key_new else key_old, value_old, value_new)]
    keys = list(old) + [k for k in new if k not in old]
    return [(k, old.get(k), new.get(k)) for k in keys]


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every change from ``old`` to ``new``, grouped by section in :data:`SECTIONS` order."""
    changes: list[Change] = []
    add = changes.append
    for name, before, after in _pairs(old.vision, new.vision):
        if before is not None and after is not None and before != after:
            add(Change("strategy", "vision-changed", name, name, before, after))
    for gid in sorted(old.goals.keys() | new.goals.keys()):
        before_goal, after_goal = old.goals.get(gid), new.goals.get(gid)
        if before_goal is None and after_goal is not None:
            add(Change("strategy", "goal-added", gid, after_goal[0]))
        elif after_goal is None and before_goal is not None:
            add(Change("strategy", "goal-removed", gid, before_goal[0]))
        elif before_goal and after_goal and before_goal[0] != after_goal[0]:
            add(
                Change(
                    "strategy", "goal-changed", gid, after_goal[0], before_goal[0], after_goal[0]
                )
            )
    for name, before_ws, after_ws in _pairs(old.workshops, new.workshops):
        if before_ws is None and after_ws is not None:
            add(
                Change(
                    "workshops",
                    "workshop-added",
                    name,
                    after_ws.title,
                    new=min(after_ws.days, default=None),
                )
            )
        elif after_ws is None and before_ws is not None:
            add(Change("workshops", "workshop-removed", name, before_ws.title))
        elif before_ws and after_ws and before_ws.goal != after_ws.goal:
            add(
                Change(
                    "workshops", "goal-changed", name, after_ws.title, before_ws.goal, after_ws.goal
                )
            )
    _fields(old, new, add)
    _projects(old, new, add)
    _next_steps(old, new, add)
    _dates(old, new, add)
    for _, before_ws, after_ws in _pairs(old.workshops, new.workshops):
        if before_ws is None or after_ws is None:
            continue
        for role in sorted(before_ws.roles.keys() | after_ws.roles.keys()):
            if before_ws.roles[role] != after_ws.roles[role]:
                add(
                    Change(
                        "participants",
                        "role-count",
                        role,
                        after_ws.title,
                        before_ws.roles[role],
                        after_ws.roles[role],
                    )
                )
    order = {s: i for i, s in enumerate(SECTIONS)}
    return sorted(changes, key=lambda c: order[c.section])


def _fields(old: Snapshot, new: Snapshot, add: Callable[[Change], None]) -> None:
    for fid, title in new.fields.items():
        if fid not in old.fields:
            add(Change("fields", "field-added", fid, title))
        elif old.fields[fid] != title:
            add(Change("fields", "field-renamed", fid, title, old.fields[fid], title))
    for fid, title in old.fields.items():
        if fid not in new.fields:
            add(Change("fields", "field-removed", fid, title))


def _projects(old: Snapshot, new: Snapshot, add: Callable[[Change], None]) -> None:
    for pid, project in new.projects.items():
        before = old.projects.get(pid)
        if before is None:
            add(Change("projects", "project-added", pid, project.title, new=project.status.value))
            continue
        title = project.title
        if before.title != title:
            add(Change("projects", "project-renamed", pid, title, before.title, title))
        if before.status != project.status:
            add(
                Change(
                    "projects",
                    "status-changed",
                    pid,
                    title,
                    before.status.value,
                    project.status.value,
                )
            )
        for criterion in sorted(before.scores.keys() | project.scores.keys()):
            a, b = before.scores.get(criterion), project.scores.get(criterion)
            if a != b:
                add(Change("projects", "score-changed", pid, title, a, b, criterion))
        if before.votes != project.votes:
            add(Change("projects", "votes-changed", pid, title, before.votes, project.votes))
        if before.progress != project.progress:
            add(
                Change(
                    "projects", "progress-changed", pid, title, before.progress, project.progress
                )
            )
        if (before.start, before.end) != (project.start, project.end):
            add(
                Change(
                    "projects",
                    "period-changed",
                    pid,
                    title,
                    (before.start, before.end),
                    (project.start, project.end),
                )
            )
        if before.fields != project.fields:
            add(Change("projects", "fields-changed", pid, title, before.fields, project.fields))
        if before.parent != project.parent:
            add(Change("projects", "parent-changed", pid, title, before.parent, project.parent))
        _indicators(before, project, add)
    for pid, project in old.projects.items():
        if pid not in new.projects:
            add(Change("projects", "project-removed", pid, project.title, old=project.status.value))
    for pid in sorted(
        old.ranks.keys() | new.ranks.keys(), key=lambda p: (new.ranks.get(p, 10**9), p)
    ):
        a, b = old.ranks.get(pid), new.ranks.get(pid)
        if a != b and (pid in new.projects and pid in old.projects):
            add(Change("projects", "rank-changed", pid, new.projects[pid].title, a, b))


def _indicators(before: Project, project: Project, add: Callable[[Change], None]) -> None:
    """Measured values that changed and milestones newly reached; both are matched by title.

    A value is the indicator's actual one (:func:`strategy_kit.compute.indicators.actual`):
    a new latest measurement is a change, as a new ``actual`` is.
    """
    from strategy_kit.compute.indicators import actual as measured

    actual = {i.title: measured(i) for i in before.indicators}
    for indicator in project.indicators:
        was = actual.get(indicator.title)
        now = measured(indicator)
        if was != now:
            add(
                Change(
                    "projects",
                    "indicator-changed",
                    project.id,
                    project.title,
                    was,
                    now,
                    indicator.title,
                )
            )
    reached = {m.title for m in before.milestones if m.done}
    for milestone in project.milestones:
        if milestone.done and milestone.title not in reached:
            add(
                Change(
                    "projects",
                    "milestone-done",
                    project.id,
                    project.title,
                    new=milestone.date,
                    detail=milestone.title,
                )
            )


def _next_steps(old: Snapshot, new: Snapshot, add: Callable[[Change], None]) -> None:
    for pid, project in new.projects.items():
        before = {s.action: s for s in old.projects[pid].next_steps} if pid in old.projects else {}
        for step in project.next_steps:
            prior = before.get(step.action)
            owner = new.owners.get(step.owner, step.owner)
            if prior is None:
                add(
                    Change(
                        "next-steps",
                        "next-step-added",
                        pid,
                        project.title,
                        new=step.due,
                        detail=f"{step.action} ({owner})",
                    )
                )
            elif step.done and not prior.done:
                add(Change("next-steps", "next-step-done", pid, project.title, detail=step.action))
        now = {s.action for s in project.next_steps}
        for action in before:
            if action not in now:
                add(Change("next-steps", "next-step-removed", pid, project.title, detail=action))


def _dates(old: Snapshot, new: Snapshot, add: Callable[[Change], None]) -> None:
    for name, before_review, after_review in _pairs(old.review, new.review):
        if name in old.review and name in new.review and before_review != after_review:
            add(
                Change(
                    "dates", "date-changed", name, "review", before_review, after_review, "review"
                )
            )
    for gid, (title, due) in new.goals.items():
        if gid in old.goals and old.goals[gid][1] != due:
            add(Change("dates", "date-changed", gid, title, old.goals[gid][1], due, "goal"))
    for name, before_ws, after_ws in _pairs(old.workshops, new.workshops):
        if before_ws is None or after_ws is None:
            continue
        if before_ws.days != after_ws.days:
            add(
                Change(
                    "dates",
                    "date-changed",
                    name,
                    after_ws.title,
                    before_ws.days,
                    after_ws.days,
                    "days",
                )
            )
        for key, (title, when) in after_ws.follow_ups.items():
            if key in before_ws.follow_ups and before_ws.follow_ups[key][1] != when:
                add(
                    Change(
                        "dates",
                        "date-changed",
                        key,
                        title,
                        before_ws.follow_ups[key][1],
                        when,
                        "follow-up",
                    )
                )
    for pid, project in new.projects.items():
        if pid not in old.projects:
            continue
        before = {s.action: s.due for s in old.projects[pid].next_steps}
        for step in project.next_steps:
            if step.action in before and before[step.action] != step.due:
                add(
                    Change(
                        "dates",
                        "date-changed",
                        pid,
                        project.title,
                        before[step.action],
                        step.due,
                        f"step:{step.action}",
                    )
                )


def diff(old: Repository, new: Repository) -> list[Change]:
    """The semantic changes from one repository state to another."""
    return compare(snapshot(old), snapshot(new))


@dataclass(frozen=True)
class Names:
    """Titles by id, so a change is said in words: fields of action, criteria, projects.

    A :class:`Change` keeps ids (what JSON gives other tools); the text of a
    change names what the ids stand for.
    """

    fields: dict[str, str] = field(default_factory=dict)
    criteria: dict[str, str] = field(default_factory=dict)
    projects: dict[str, str] = field(default_factory=dict)


def names(*repos: Repository) -> Names:
    """The titles of both sides of a diff; the later repository's title wins for an id in both."""
    out = Names()
    for repo in repos:
        out.fields.update((f.id, f.title) for f in repo.fields_of_action())
        out.criteria.update((c.id, c.title) for c in repo.criteria())
        out.projects.update((e.project.id, e.project.title) for e in repo.projects())
    return out
