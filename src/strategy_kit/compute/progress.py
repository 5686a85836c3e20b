"""Progress: one figure per project, from 0 to 100.

Progress follows Decidim's accountability component: each project has a
progress from 0 to 100; a project with sub-projects (``parent``) takes the
weighted mean of its sub-projects (``weight``, default 1), whatever its own
value says. A project without an explicit ``progress`` takes the default of
its status (:data:`STATUS_PROGRESS`). Dropped projects count nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategy_kit.document.model import Status

if TYPE_CHECKING:
    from strategy_kit.check.repository import ProjectEntry

#: Progress of a project that states none, by status.
STATUS_PROGRESS: dict[Status, int] = {
    Status.IDEA: 0,
    Status.CANDIDATE: 0,
    Status.PRIORITISED: 0,
    Status.PLANNED: 10,
    Status.IN_PROGRESS: 50,
    Status.DONE: 100,
}


def mean(pairs: list[tuple[float, float]]) -> float | None:
    """The mean of (value, weight) pairs to one decimal; None when the weights add up to nothing."""
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
                result = mean(parts)
            elif project.progress is not None:
                result = float(project.progress)
            else:
                result = float(STATUS_PROGRESS[project.status])
        memo[pid] = result
        return result

    return {pid: value(pid, frozenset({pid})) for pid in projects}
