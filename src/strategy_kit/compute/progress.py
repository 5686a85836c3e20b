"""Progress: one figure per project, from 0 to 100, the same in every output.

The roll-up (``status``), the report's JSON, the Excel CSV and the Decidim
export all take a project's figure from :func:`project_progress`, so a council
and a participation platform publish the same number. The rule, after
Decidim's accountability component (docs/git.md states it for users):

1. A ``done`` project is 100, whatever its ``progress:`` says.
2. A ``dropped`` project has no figure (None) and is left out of every average.
3. A project with sub-projects (``parent``) that are decided on
   (:data:`DECIDED`: prioritised, planned, in progress, done) takes their mean
   weighted by ``weight`` (default 1), rounded to one decimal, whatever its own
   ``progress:`` says. Ideas and candidates wait in the pool and are left out,
   as the portfolio figure of :mod:`strategy_kit.compute.rollup` leaves them out.
4. Otherwise its own ``progress:``, else the default of its status
   (:data:`STATUS_PROGRESS`).

The portfolio's figure, overall and per field of action
(:func:`portfolio_progress`, :func:`field_progress`), is the mean of the
figures of its top-level projects decided on, weighted by ``weight``; the
roll-up and Decidim's field rows both take it from here. Which projects make
the portfolio is the caller's: a workshop that names a strategy file is
figured over its strategy repository (:func:`strategy_kit.check.repository.portfolio`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from strategy_kit.document.model import Project, Status

#: Progress of a project that states none, by status.
STATUS_PROGRESS: dict[Status, int] = {
    Status.IDEA: 0,
    Status.CANDIDATE: 0,
    Status.PRIORITISED: 0,
    Status.PLANNED: 10,
    Status.IN_PROGRESS: 50,
    Status.DONE: 100,
}

#: Statuses of projects decided on: they count in a parent's and the portfolio's figure.
DECIDED = (Status.PRIORITISED, Status.PLANNED, Status.IN_PROGRESS, Status.DONE)


def mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """The mean of (value, weight) pairs to one decimal; None when the weights add up to nothing."""
    pairs = list(pairs)
    weights = sum(w for _, w in pairs)
    return round(sum(v * w for v, w in pairs) / weights, 1) if weights else None


def project_progress(projects: Iterable[Project]) -> dict[str, float | None]:
    """Project id -> its figure in 0..100 by the module's rule; None for dropped projects.

    ``projects`` is every project of the document or repository, sub-projects
    and pool included (the rule leaves out what does not count); an id seen
    twice keeps its first project.
    """
    return _rolled_up(projects)[0]


def _rolled_up(projects: Iterable[Project]) -> tuple[dict[str, float | None], dict[str, float]]:
    """Each project's figure, and the weight of each sub-project its parent's figure is made of."""
    by_id: dict[str, Project] = {}
    for project in projects:
        by_id.setdefault(project.id, project)
    children: dict[str, list[str]] = {}
    for project in by_id.values():
        if project.parent in by_id and project.status in DECIDED:
            children.setdefault(project.parent, []).append(project.id)
    memo: dict[str, float | None] = {}
    used: dict[str, float] = {}

    def value(pid: str, path: frozenset[str]) -> float | None:
        if pid in memo:
            return memo[pid]
        project = by_id[pid]
        result: float | None
        if project.status is Status.DONE:
            result = 100.0
        elif project.status is Status.DROPPED:
            result = None
        else:
            parts: list[tuple[str, float, float]] = []
            for child in children.get(pid, []):
                if child in path:  # a cycle across files; checking refuses it inside one
                    continue
                progress = value(child, path | {child})
                if progress is not None:
                    parts.append((child, progress, by_id[child].weight))
            own = project.progress if project.progress is not None else STATUS_PROGRESS[project.status]
            result = mean((v, w) for _, v, w in parts) if parts else float(own)
            used.update((child, w) for child, _, w in parts)
        memo[pid] = result
        return result

    return {pid: value(pid, frozenset({pid})) for pid in by_id}, used


def _top_level(
    projects: Sequence[Project], progress: Mapping[str, float | None]
) -> list[tuple[Project, float]]:
    """The portfolio's top-level projects decided on that have a figure, with it.

    A project whose parent is not among ``projects`` counts as top-level.
    """
    ids = {p.id for p in projects}
    return [
        (p, figure)
        for p in projects
        if (p.parent is None or p.parent not in ids)
        and p.status in DECIDED
        and (figure := progress.get(p.id)) is not None
    ]


def portfolio_progress(
    projects: Sequence[Project], progress: Mapping[str, float | None]
) -> float | None:
    """The portfolio's figure in 0..100 (see the module); None when nothing decided on has one.

    ``progress`` is :func:`project_progress` of the same ``projects``.
    """
    return mean((figure, p.weight) for p, figure in _top_level(projects, progress))


def field_progress(
    projects: Sequence[Project], progress: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Field id -> the portfolio's figure over the top-level projects that name the field.

    A project counts in every field it names; a field that no top-level project
    decided on names is missing (its figure is None).
    """
    parts: dict[str, list[tuple[float, float]]] = {}
    for project, figure in _top_level(projects, progress):
        for fid in dict.fromkeys(project.fields):
            parts.setdefault(fid, []).append((figure, project.weight))
    return {fid: mean(pairs) for fid, pairs in parts.items()}


@dataclass(frozen=True)
class Figures:
    """A portfolio's figures, computed once for every output of a command.

    ``projects``: project id -> :func:`project_progress`; ``fields``: field id ->
    :func:`field_progress` (a field missing there has no figure); ``overall``:
    :func:`portfolio_progress`, None when nothing decided on has a figure.
    ``weights``: project id -> the weight it counts with, in the portfolio's
    figure (a top-level project decided on, the ``counted`` ones in portfolio
    order) or in its parent's (a sub-project decided on); a project missing
    there counts in no figure (an idea, a candidate, a dropped project, a
    sub-project of a done or dropped parent). Pages that explain a figure take
    these, so the explanation is the computation's.
    """

    projects: Mapping[str, float | None]
    fields: Mapping[str, float | None]
    overall: float | None
    weights: Mapping[str, float] = field(default_factory=dict)
    counted: tuple[str, ...] = ()


def figures(projects: Sequence[Project]) -> Figures:
    """The figures of every project and field of the portfolio ``projects`` (see the module)."""
    progress, weights = _rolled_up(projects)
    top = _top_level(projects, progress)
    weights.update((p.id, p.weight) for p, _ in top)
    return Figures(
        progress,
        field_progress(projects, progress),
        portfolio_progress(projects, progress),
        weights,
        tuple(p.id for p, _ in top),
    )
