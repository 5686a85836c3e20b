"""The state of a whole strategy repository: projects per status and field, progress, overdue steps.

Each project's progress is :func:`strategy_kit.compute.progress.project_progress`,
the figure the report and both CSV exports show.

The overall figure and the figure per field of action are the weighted mean
over the top-level projects of the portfolio, i.e. those decided on
(:data:`strategy_kit.compute.progress.DECIDED`: prioritised, planned, in
progress, done); ideas and candidates wait in the pool and do not pull the
figure down, as they do not pull down a parent's figure. Both come from
:func:`~strategy_kit.compute.progress.figures`, which Decidim's field rows
use too, as do the weights each project counts with and which projects the
figures count (:class:`Tally`), so the page that explains a figure states
the computation's own numbers.

Each project's light is :func:`strategy_kit.compute.traffic.traffic_lights`:
a measure's own and its active sub-projects'.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from strategy_kit.check.repository import ProjectEntry, Repository
from strategy_kit.compute.owners import owners
from strategy_kit.compute.progress import figures
from strategy_kit.compute.semdiff import Names
from strategy_kit.compute.traffic import TrafficLight, traffic_lights
from strategy_kit.document.model import Status

STATUSES = tuple(Status)


@dataclass(frozen=True)
class ProjectState:
    """One project as the roll-up sees it."""

    id: str
    title: str
    status: Status
    fields: tuple[str, ...]
    file: str
    parent: str | None
    progress: float | None
    children: tuple[str, ...]
    light: TrafficLight
    #: The weight it counts with in the portfolio's or its parent's figure; None: it counts in none.
    weight: float | None = None


@dataclass(frozen=True)
class Tally:
    """What the portfolio's figure counts, from the computation that made it.

    ``counted``: top-level projects decided on (they make the figure), with
    ``weights`` their weights' sum; not counted directly: ``sub_projects`` (any
    status; the decided ones count through their parent), ``pool`` (top-level
    ideas and candidates), ``dropped`` (top-level dropped projects).
    ``by_field``: field id -> how many counted projects name it.
    """

    counted: int = 0
    weights: float = 0
    sub_projects: int = 0
    pool: int = 0
    dropped: int = 0
    by_field: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class OverdueStep:
    """A next step not done by its due date; ``owner`` is a department name or a role."""

    project: str
    title: str
    action: str
    owner: str
    due: dt.date
    days: int
    file: str


@dataclass
class Rollup:
    """Everything ``strategy-kit status`` shows, ready for any output format."""

    today: dt.date
    projects: list[ProjectState]
    fields: dict[str, str]
    by_status: dict[Status, int]
    by_field: dict[str, dict[Status, int]]
    progress: float | None
    field_progress: dict[str, float | None]
    overdue: list[OverdueStep]
    workshops: list[tuple[str, str, dt.date | None]]
    #: Whose strategy: the municipality's name, the strategy's title and vision (None without a strategy file).
    municipality: str = ""
    strategy: str | None = None
    vision: str | None = None
    since: str | None = None
    #: The internal edition (``status --internal``): marked so on every page.
    internal: bool = False
    changes: list[Any] = field(default_factory=list)
    #: The titles the changes' ids stand for (:func:`strategy_kit.compute.semdiff.names`).
    names: Names = field(default_factory=Names)
    #: What the progress figures count (see :class:`Tally`).
    tally: Tally = field(default_factory=Tally)


@dataclass(frozen=True)
class Tree:
    """Projects in tree order and, per project id, the ids of its sub-projects in that order."""

    entries: list[ProjectEntry]
    children: dict[str, tuple[str, ...]]


def project_tree(entries: list[ProjectEntry]) -> Tree:
    """Each top-level project followed by its sub-projects, depth first, file order kept.

    An id seen twice keeps its first entry in that order; projects in a cycle
    across files come last, in file order.
    """
    ids = {e.project.id for e in entries}
    children: dict[str | None, list[ProjectEntry]] = {}
    for e in entries:
        parent = e.project.parent if e.project.parent in ids else None
        children.setdefault(parent, []).append(e)
    ordered: list[ProjectEntry] = []
    seen: set[str] = set()

    def visit(parent: str | None) -> None:
        for e in children.get(parent, []):
            if e.project.id not in seen:
                seen.add(e.project.id)
                ordered.append(e)
                visit(e.project.id)

    visit(None)
    ordered.extend(e for e in entries if e.project.id not in seen)  # cycles across files
    kept = {id(e) for e in ordered}
    return Tree(
        ordered,
        {
            parent: tuple(e.project.id for e in kids if id(e) in kept)
            for parent, kids in children.items()
            if parent is not None
        },
    )


def tree_order(entries: list[ProjectEntry]) -> list[ProjectEntry]:
    """Each top-level project followed by its sub-projects (see :func:`project_tree`)."""
    return project_tree(entries).entries


def rollup(repo: Repository, today: dt.date) -> Rollup:
    """Count, roll up, light each project (:mod:`strategy_kit.compute.traffic`) and find
    what is overdue as of ``today``."""
    tree = project_tree(repo.projects())
    entries = tree.entries
    computed = figures([e.project for e in entries])
    lights = traffic_lights([e.project for e in entries], today)
    states = [
        ProjectState(
            e.project.id,
            e.project.title,
            e.project.status,
            tuple(e.project.fields),
            e.file,
            e.project.parent,
            computed.projects[e.project.id],
            tree.children.get(e.project.id, ()),
            lights[e.project.id],
            computed.weights.get(e.project.id),
        )
        for e in entries
    ]
    fields = {f.id: f.title for f in repo.fields_of_action()}
    by_status = Counter(s.status for s in states)
    by_field: dict[str, dict[Status, int]] = {fid: dict.fromkeys(STATUSES, 0) for fid in fields}
    for state in states:
        for fid in state.fields:
            by_field.setdefault(fid, dict.fromkeys(STATUSES, 0))[state.status] += 1
    field_figures = {fid: computed.fields.get(fid) for fid in by_field}
    counted = set(computed.counted)
    ids = {s.id for s in states}
    top = [s for s in states if s.parent is None or s.parent not in ids]
    by_field_counted = dict.fromkeys(by_field, 0)
    for state in top:
        if state.id in counted:
            for fid in dict.fromkeys(state.fields):
                by_field_counted[fid] = by_field_counted.get(fid, 0) + 1
    tally = Tally(
        counted=len(counted),
        weights=sum(computed.weights[pid] for pid in counted),
        sub_projects=len(states) - len(top),
        pool=sum(s.status in (Status.IDEA, Status.CANDIDATE) for s in top),
        dropped=sum(s.status is Status.DROPPED for s in top),
        by_field=by_field_counted,
    )
    strategy = next(iter(repo.strategies.values()), None)
    places = [doc.municipality.name for doc in repo.strategies.values()]
    places += [repo.workshops[name].municipality.name for name in sorted(repo.workshops)]
    return Rollup(
        today=today,
        projects=states,
        fields=fields,
        by_status={status: by_status.get(status, 0) for status in STATUSES},
        by_field=by_field,
        progress=computed.overall,
        field_progress=field_figures,
        overdue=overdue_steps(repo, today),
        workshops=sorted(
            (
                (name, doc.workshop.title, min((d.date for d in doc.days), default=None))
                for name, doc in repo.workshops.items()
            ),
            key=lambda w: (w[2] or dt.date.max, w[0]),
        ),
        municipality=places[0] if places else "",
        strategy=strategy.title if strategy else None,
        vision=strategy.vision if strategy else None,
        tally=tally,
    )


def overdue_steps(repo: Repository, today: dt.date) -> list[OverdueStep]:
    """Open next steps due before ``today`` of projects still alive, the oldest first.

    Owners are shown as department names or participant roles, never names.
    """
    named = owners(repo)
    found = []
    for entry in repo.projects():
        project = entry.project
        if project.status in (Status.DONE, Status.DROPPED):
            continue
        for step in project.next_steps:
            if not step.done and step.due is not None and step.due < today:
                found.append(
                    OverdueStep(
                        project.id,
                        project.title,
                        step.action,
                        named.get(step.owner, step.owner),
                        step.due,
                        (today - step.due).days,
                        entry.file,
                    )
                )
    return sorted(found, key=lambda s: (s.due, s.project, s.action))
