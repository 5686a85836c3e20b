"""The state of a whole strategy repository: projects per status and field, progress, overdue steps.

Progress follows Decidim's accountability component: each project has a
progress from 0 to 100; a project with sub-projects (``parent``) takes the
weighted mean of its sub-projects (``weight``, default 1), whatever its own
value says. A project without an explicit ``progress`` takes the default of
its status (:data:`STATUS_PROGRESS`). Dropped projects count nowhere.

The overall figure and the figure per field of action are the weighted mean
over the top-level projects of the portfolio, i.e. those decided on
(prioritised, planned, in progress, done); ideas and candidates wait in the
pool and do not pull the figure down.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from strategy_kit.check.repository import ProjectEntry, Repository
from strategy_kit.document.model import Status
from strategy_kit.present.i18n import STATUS_NAMES

#: Progress of a project that states none, by status.
STATUS_PROGRESS: dict[Status, int] = {
    Status.IDEA: 0,
    Status.CANDIDATE: 0,
    Status.PRIORITISED: 0,
    Status.PLANNED: 10,
    Status.IN_PROGRESS: 50,
    Status.DONE: 100,
}

#: Statuses whose top-level projects make up the portfolio's progress.
PORTFOLIO = (Status.PRIORITISED, Status.PLANNED, Status.IN_PROGRESS, Status.DONE)
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
    since: str | None = None
    changes: list[Any] = field(default_factory=list)


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    weights = sum(w for _, w in pairs)
    return round(sum(v * w for v, w in pairs) / weights, 1) if weights else None


def project_progress(entries: list[ProjectEntry]) -> dict[str, float | None]:
    """Each project's progress, sub-projects rolled up by weight; None for dropped ones."""
    projects = {e.project.id: e.project for e in entries}
    children: dict[str, list[str]] = {}
    for project in projects.values():
        if project.parent in projects:
            children.setdefault(project.parent, []).append(project.id)
    memo: dict[str, float | None] = {}

    def value(pid: str, path: frozenset[str]) -> float | None:
        if pid in memo:
            return memo[pid]
        project = projects[pid]
        result: float | None
        if project.status is Status.DROPPED:
            result = None
        else:
            parts = []
            for child in children.get(pid, []):
                if child in path:  # a cycle across files; checking refuses it inside one
                    continue
                progress = value(child, path | {child})
                if progress is not None:
                    parts.append((progress, projects[child].weight))
            if parts:
                result = _mean(parts)
            elif project.progress is not None:
                result = float(project.progress)
            else:
                result = float(STATUS_PROGRESS[project.status])
        memo[pid] = result
        return result

    return {pid: value(pid, frozenset({pid})) for pid in projects}


def tree_order(entries: list[ProjectEntry]) -> list[ProjectEntry]:
    """Each top-level project followed by its sub-projects, depth first, file order kept."""
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
    return ordered


def rollup(repo: Repository, today: dt.date) -> Rollup:
    """Count, roll up and find what is overdue as of ``today``."""
    entries = tree_order(repo.projects())
    progress = project_progress(entries)
    ids = {e.project.id for e in entries}
    kids: dict[str, list[str]] = {}
    for e in entries:
        if e.project.parent in ids:
            kids.setdefault(e.project.parent, []).append(e.project.id)
    states = [
        ProjectState(
            e.project.id,
            e.project.title,
            e.project.status,
            tuple(e.project.fields),
            e.file,
            e.project.parent,
            progress[e.project.id],
            tuple(kids.get(e.project.id, [])),
        )
        for e in entries
    ]
    fields = {f.id: f.title for f in repo.fields_of_action()}
    by_status = Counter(s.status for s in states)
    by_field: dict[str, dict[Status, int]] = {fid: dict.fromkeys(STATUSES, 0) for fid in fields}
    for state in states:
        for fid in state.fields:
            by_field.setdefault(fid, dict.fromkeys(STATUSES, 0))[state.status] += 1
    top = [
        (s, e.project.weight)
        for s, e in zip(states, entries, strict=True)
        if (s.parent is None or s.parent not in ids)
        and s.status in PORTFOLIO
        and s.progress is not None
    ]
    overall = _mean([(s.progress, w) for s, w in top if s.progress is not None])
    field_progress = {
        fid: _mean([(s.progress, w) for s, w in top if fid in s.fields and s.progress is not None])
        for fid in by_field
    }
    return Rollup(
        today=today,
        projects=states,
        fields=fields,
        by_status={status: by_status.get(status, 0) for status in STATUSES},
        by_field=by_field,
        progress=overall,
        field_progress=field_progress,
        overdue=overdue_steps(repo, today),
        workshops=sorted(
            (
                (name, doc.workshop.title, min((d.date for d in doc.days), default=None))
                for name, doc in repo.workshops.items()
            ),
            key=lambda w: (w[2] or dt.date.max, w[0]),
        ),
    )


def overdue_steps(repo: Repository, today: dt.date) -> list[OverdueStep]:
    """Open next steps due before ``today`` of projects still alive, the oldest first.

    Owners are shown as department names or participant roles, never names.
    """
    owners = {d.id: d.name for d in repo.departments()}
    for doc in repo.workshops.values():
        for person in doc.participants:
            owners.setdefault(person.id, person.role)
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
                        owners.get(step.owner, step.owner),
                        step.due,
                        (today - step.due).days,
                        entry.file,
                    )
                )
    return sorted(found, key=lambda s: (s.due, s.project, s.action))


def to_dict(result: Rollup) -> dict[str, Any]:
    """JSON-ready: statuses by their key, dates in ISO form."""
    return {
        "today": result.today.isoformat(),
        "progress": result.progress,
        "by_status": {s.value: n for s, n in result.by_status.items()},
        "fields": [
            {
                "id": fid,
                "title": result.fields.get(fid, fid),
                "by_status": {s.value: n for s, n in counts.items()},
                "progress": result.field_progress.get(fid),
            }
            for fid, counts in result.by_field.items()
        ],
        "projects": [
            {
                "id": s.id,
                "title": s.title,
                "status": s.status.value,
                "fields": list(s.fields),
                "parent": s.parent,
                "children": list(s.children),
                "progress": s.progress,
                "file": s.file,
            }
            for s in result.projects
        ],
        "overdue": [
            {
                "project": o.project,
                "title": o.title,
                "action": o.action,
                "owner": o.owner,
                "due": o.due.isoformat(),
                "days_overdue": o.days,
                "file": o.file,
            }
            for o in result.overdue
        ],
        "workshops": [
            {"file": name, "title": title, "date": when.isoformat() if when else None}
            for name, title, when in result.workshops
        ],
        "since": result.since,
        "changes": [_change_dict(c) for c in result.changes],
    }


def _change_dict(change: Any) -> dict[str, Any]:
    from dataclasses import asdict

    from strategy_kit.compute.semdiff import jsonable

    return {k: jsonable(v) for k, v in asdict(change).items()}


# -- output -----------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "title": {"de": "Stand der Strategie", "en": "State of the strategy"},
    "as_of": {"de": "Stand", "en": "As of"},
    "progress": {"de": "Fortschritt", "en": "Progress"},
    "overall": {"de": "Fortschritt des Portfolios", "en": "Portfolio progress"},
    "field": {"de": "Handlungsfeld", "en": "Field of action"},
    "total": {"de": "Summe", "en": "Total"},
    "projects": {"de": "Projekte", "en": "Projects"},
    "project": {"de": "Projekt", "en": "Project"},
    "status": {"de": "Status", "en": "Status"},
    "by_field": {
        "de": "Projekte je Handlungsfeld und Status",
        "en": "Projects per field of action and status",
    },
    "portfolio": {"de": "Portfolio", "en": "Portfolio"},
    "overdue": {"de": "Überfällige nächste Schritte", "en": "Overdue next steps"},
    "none_overdue": {"de": "Keine überfälligen Schritte.", "en": "No overdue steps."},
    "action": {"de": "Schritt", "en": "Step"},
    "owner": {"de": "Verantwortlich", "en": "Owner"},
    "due": {"de": "Fällig", "en": "Due"},
    "days": {"de": "Tage überfällig", "en": "Days overdue"},
    "days_short": {"de": "Tage", "en": "Days"},
    "workshops": {"de": "Workshops", "en": "Workshops"},
    "date": {"de": "Datum", "en": "Date"},
    "changes": {"de": "Änderungen seit", "en": "Changes since"},
    "no_changes": {"de": "Keine inhaltlichen Änderungen.", "en": "No changes in substance."},
    "dash": {"de": "–", "en": "–"},
    **STATUS_NAMES,
}


def context(result: Rollup, lang: str) -> dict[str, Any]:
    """What the templates see: the roll-up, labels, and formatters for dates and percentages."""
    from strategy_kit.compute.semdiff import describe
    from strategy_kit.present.i18n import Labels, format_date, format_number

    labels = Labels(LABELS, lang)

    def pct(value: float | None) -> str:
        return labels("dash") if value is None else f"{format_number(value, lang, '#,##0.#')} %"

    def date(value: dt.date | None) -> str:
        return labels("dash") if value is None else format_date(value, lang, "medium")

    rows = [
        {
            "title": result.fields.get(fid, fid),
            "counts": [counts[s] for s in STATUSES],
            "total": sum(counts.values()),
            "progress": pct(result.field_progress.get(fid)),
        }
        for fid, counts in result.by_field.items()
    ]
    return {
        "r": result,
        "L": labels,
        "lang": lang,
        "statuses": [labels(s.value) for s in STATUSES],
        "status_counts": [result.by_status[s] for s in STATUSES],
        "total": sum(result.by_status.values()),
        "rows": rows,
        "overall": pct(result.progress),
        "today": date(result.today),
        "pct": pct,
        "date": date,
        "status_label": lambda s: labels(s.value),
        "changes": [describe(c, lang, str) for c in result.changes],
        "changes_md": [describe(c, lang, _md) for c in result.changes],
    }


def _md(text: str) -> str:
    from strategy_kit.present.render import md_escape

    return md_escape(text)


def to_markdown(result: Rollup, lang: str = "de") -> str:
    """The roll-up as Markdown that renders on GitHub and GitLab."""
    from strategy_kit.present.render import render

    return render("rollup.md.j2", context(result, lang), kind="md")


def to_html(result: Rollup, lang: str = "de") -> str:
    """The roll-up as one self-contained, printable HTML page."""
    from strategy_kit.present.render import render

    return render("rollup.html.j2", context(result, lang), kind="html")
