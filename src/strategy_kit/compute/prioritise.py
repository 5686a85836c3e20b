"""Prioritisation: a reproducible, explained ranking of projects (Nutzwertanalyse).

The rules, in the order they apply (docs/report.md says the same for users):

0. Only projects up for decision are ranked (:data:`UP_FOR_DECISION`: idea,
   candidate, prioritised, planned; the ranking is what prioritising is
   decided on, so a prioritised or planned project keeps its rank and the
   report can say why it was chosen). A project in progress, done or dropped
   is past that decision: it is listed apart (:attr:`Ranking.apart`), with no
   rank, points, derived priority or quadrant. ``include_started`` (``rank``
   and ``report --all``) ranks projects in progress and done as well; a
   dropped project is never ranked. A sub-project (``parent``) without any
   score, whatever its status but dropped, is part of its parent, not a
   candidate of its own: it is listed under its parent (:meth:`Ranking.parts_of`),
   never warned about as unscored. Neither projects listed apart nor such
   sub-projects count in any normalisation: votes as a criterion are relative
   to the most votes among the projects up for decision (with
   ``include_started``, those in progress and done count), so finishing a
   project does not change the others' points.
1. Knock-out criteria come first. A project fails one when its score is below
   the criterion's ``threshold``, or, without a threshold, when it scores the
   scale's minimum. A failed knock-out removes the project from the ranking,
   whatever its other scores. Knock-out criteria only filter; they add no points.
2. Every other criterion is normalised to 0..1 on its own scale:
   ``(score - min) / (max - min)`` for a benefit criterion and
   ``(max - score) / (max - min)`` for a cost criterion (effort, risk), so that
   less effort counts as more value.
3. The score is the weighted mean of the normalised values times 100 (0..100
   points). Each criterion's share of those points is the breakdown.
4. A project without a score for a criterion it needs is not ranked and is
   listed with the missing criteria: a missing score is never read as zero.
5. Votes are a tie-breaker by default (more votes ranks first among equal
   scores); with ``report.votes: criterion`` they count as one more benefit
   criterion, normalised by the most votes any project up for decision
   received (rule 0), with weight
   ``report.votes_weight``. Every command ranks through :func:`rank_projects`
   with the document's own ``report`` block, so no two outputs can rank apart.
6. Equal projects share a rank (1, 2, 2, 4) and keep the order of the file.

Arithmetic is exact (fractions from the decimal text of each number), so a tie
in the file is a tie in the ranking, on every machine.

Priority, unless set by hand: high from 2/3 of the points, medium from 1/3,
low below; none when no criterion gives points. The horizon, unless set,
follows the priority (high: short, medium: medium, low: long), as in common
measure-sheet templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from strategy_kit.document.model import (
    Criterion,
    Horizon,
    Priority,
    Project,
    ReportSettings,
    Status,
    WorkshopDocument,
)

if TYPE_CHECKING:
    from strategy_kit.check.validate import Loaded
    from strategy_kit.document.diagnostics import Diagnostic

VOTES = "votes"
#: Statuses of the projects a ranking is for (rule 0); the rest is listed apart.
UP_FOR_DECISION = (Status.IDEA, Status.CANDIDATE, Status.PRIORITISED, Status.PLANNED)
#: Statuses ``include_started`` ranks as well (``--all``).
STARTED = (Status.IN_PROGRESS, Status.DONE)
HIGH_FROM = Fraction(2, 3)
MEDIUM_FROM = Fraction(1, 3)
HORIZON_OF: dict[Priority, Horizon] = {
    Priority.HIGH: Horizon.SHORT,
    Priority.MEDIUM: Horizon.MEDIUM,
    Priority.LOW: Horizon.LONG,
}


class Quadrant(StrEnum):
    """The four fields of an impact/effort matrix."""

    QUICK_WIN = "quick-win"
    MAJOR_PROJECT = "major-project"
    FILL_IN = "fill-in"
    THANKLESS = "thankless"


def _exact(value: float) -> Fraction:
    """The number as written in the file (0.1 stays one tenth), not its binary float."""
    return Fraction(repr(float(value)))


@dataclass(frozen=True)
class Contribution:
    """One criterion's part of a project's score."""

    criterion: str
    title: str
    kind: Literal["criterion", "votes"]
    weight: float
    score: float | None
    normalised: float | None
    points: float | None


@dataclass(frozen=True)
class KnockedOut:
    """A failed knock-out criterion and why."""

    criterion: str
    title: str
    score: float
    threshold: float | None
    minimum: float


@dataclass(frozen=True)
class Entry:
    """A project's place in the ranking with everything needed to explain it."""

    project: Project
    rank: int | None
    tied: bool
    score: float | None
    contributions: tuple[Contribution, ...]
    knockouts: tuple[KnockedOut, ...]
    missing: tuple[str, ...]
    priority: Priority | None
    priority_derived: bool
    horizon: Horizon | None
    horizon_derived: bool
    impact: float | None = None
    effort: float | None = None
    quadrant: Quadrant | None = None
    exact: Fraction | None = field(default=None, repr=False, compare=False)
    #: Why the project is not a candidate (rule 0): its status, or a sub-project without scores.
    outside: Literal["apart", "sub-project"] | None = None

    @property
    def state(self) -> Literal["ranked", "knocked-out", "incomplete", "apart", "sub-project"]:
        if self.outside is not None:
            return self.outside
        if self.knockouts:
            return "knocked-out"
        if self.missing:
            return "incomplete"
        return "ranked"


@dataclass(frozen=True)
class Ranking:
    """The whole result: ranked entries first (by rank), then knocked out, then incomplete,
    then the projects apart (in file order) and the sub-projects without scores.

    ``include_started``: whether projects in progress and done were ranked too.
    """

    entries: tuple[Entry, ...]
    criteria: tuple[Criterion, ...]
    knockout_criteria: tuple[Criterion, ...]
    votes: Literal["tie-breaker", "criterion"]
    votes_weight: float
    impact: Criterion | None
    effort: Criterion | None
    include_started: bool = False

    @property
    def ranked(self) -> list[Entry]:
        return [e for e in self.entries if e.state == "ranked"]

    @property
    def knocked_out(self) -> list[Entry]:
        return [e for e in self.entries if e.state == "knocked-out"]

    @property
    def incomplete(self) -> list[Entry]:
        return [e for e in self.entries if e.state == "incomplete"]

    @property
    def apart(self) -> list[Entry]:
        """Projects in progress, done or dropped (rule 0), in file order."""
        return [e for e in self.entries if e.state == "apart"]

    @property
    def says_scope(self) -> bool:
        """Whether a reader needs the rule of what is ranked: ``--all`` was given, or a
        project in progress or done is listed apart (dropped ones are never ranked)."""
        return self.include_started or any(e.project.status in STARTED for e in self.apart)

    @property
    def sub_projects(self) -> list[Entry]:
        """Sub-projects without scores, in file order; each belongs under its parent."""
        return [e for e in self.entries if e.state == "sub-project"]

    def parts_of(self, project_id: str) -> list[Entry]:
        """The sub-projects without scores below ``project_id``: its own, each followed by theirs.

        A cycle of parents (only possible across files) ends where it closes.
        """
        found: list[Entry] = []
        seen = {project_id}

        def below(parent: str) -> None:
            for entry in self.sub_projects:
                if entry.project.parent == parent and entry.project.id not in seen:
                    seen.add(entry.project.id)
                    found.append(entry)
                    below(entry.project.id)

        below(project_id)
        return found

    def orphans(self) -> list[Entry]:
        """Sub-projects without scores whose parent is not in the ranking (not shown here)."""
        ids = {e.project.id for e in self.entries}
        return [e for e in self.sub_projects if e.project.parent not in ids]

    def entry(self, project_id: str) -> Entry | None:
        return next((e for e in self.entries if e.project.id == project_id), None)

    def fields_by_priority(self) -> dict[Priority, list[str]]:
        """Which fields of action each priority serves (ids in first-seen order).

        Only projects up for decision count (ranked, knocked out, incomplete);
        those listed apart and sub-projects without scores do not.
        """
        served: dict[Priority, list[str]] = {p: [] for p in Priority}
        for entry in self.entries:
            if entry.priority is None or entry.outside is not None:
                continue
            for field_id in entry.project.fields:
                if field_id not in served[entry.priority]:
                    served[entry.priority].append(field_id)
        return served


def _passes(criterion: Criterion, score: Fraction) -> bool:
    if criterion.threshold is not None:
        return score >= _exact(criterion.threshold)
    return score > _exact(criterion.scale.min)


def _normalise(criterion: Criterion, score: Fraction) -> Fraction:
    low, high = _exact(criterion.scale.min), _exact(criterion.scale.max)
    share = (score - low) / (high - low)
    return 1 - share if criterion.direction == "cost" else share


def _level(criterion: Criterion | None, project: Project, *, effort: bool) -> Fraction | None:
    """How high a project sits on a matrix axis (0..1): impact up, effort to the right."""
    if criterion is None or criterion.id not in project.scores:
        return None
    low, high = _exact(criterion.scale.min), _exact(criterion.scale.max)
    level = (_exact(project.scores[criterion.id]) - low) / (high - low)
    inverted = (criterion.direction == "benefit") if effort else (criterion.direction == "cost")
    return 1 - level if inverted else level


def quadrant(impact: Fraction, effort: Fraction) -> Quadrant:
    """The matrix field: the middle of each scale counts as high."""
    half = Fraction(1, 2)
    if impact >= half:
        return Quadrant.MAJOR_PROJECT if effort >= half else Quadrant.QUICK_WIN
    return Quadrant.THANKLESS if effort >= half else Quadrant.FILL_IN


def derive_priority(points: Fraction) -> Priority:
    """Priority from a score share in 0..1 (thirds of the points)."""
    if points >= HIGH_FROM:
        return Priority.HIGH
    if points >= MEDIUM_FROM:
        return Priority.MEDIUM
    return Priority.LOW


def rank(
    projects: Sequence[Project],
    criteria: Sequence[Criterion],
    *,
    votes: Literal["tie-breaker", "criterion"] = "tie-breaker",
    votes_weight: float = 1,
    impact: Criterion | None = None,
    effort: Criterion | None = None,
    include_started: bool = False,
) -> Ranking:
    """Rank ``projects`` by ``criteria``; see the module docstring for the rules.

    ``include_started`` ranks projects in progress and done too (rule 0).
    """
    outside = {p.id: where for p in projects if (where := standing(p, include_started=include_started))}
    apart = [p for p in projects if p.id in outside]
    projects = [p for p in projects if p.id not in outside]
    knockouts = tuple(c for c in criteria if c.knockout)
    weighted = tuple(c for c in criteria if not c.knockout)
    most_votes = max((p.votes for p in projects), default=0)
    weights = [_exact(c.weight) for c in weighted]
    if votes == "criterion":
        weights.append(_exact(votes_weight))
    total_weight = sum(weights, Fraction(0))

    drafts: list[
        tuple[int, Project, Fraction | None, list[Contribution], list[KnockedOut], list[str]]
    ] = []
    for position, project in enumerate(projects):
        failed = [
            KnockedOut(c.id, c.title, project.scores[c.id], c.threshold, c.scale.min)
            for c in knockouts
            if c.id in project.scores and not _passes(c, _exact(project.scores[c.id]))
        ]
        missing = [c.id for c in criteria if c.id not in project.scores]
        parts: list[Contribution] = []
        total = Fraction(0)
        for criterion, weight in zip(weighted, weights, strict=False):
            if criterion.id not in project.scores:
                parts.append(
                    Contribution(
                        criterion.id,
                        criterion.title,
                        "criterion",
                        criterion.weight,
                        None,
                        None,
                        None,
                    )
                )
                continue
            norm = _normalise(criterion, _exact(project.scores[criterion.id]))
            share = weight * norm / total_weight if total_weight else Fraction(0)
            total += share
            parts.append(
                Contribution(
                    criterion.id,
                    criterion.title,
                    "criterion",
                    criterion.weight,
                    project.scores[criterion.id],
                    float(norm),
                    float(share * 100),
                )
            )
        if votes == "criterion":
            norm = Fraction(project.votes, most_votes) if most_votes else Fraction(0)
            share = weights[-1] * norm / total_weight
            total += share
            parts.append(
                Contribution(
                    VOTES,
                    VOTES,
                    "votes",
                    votes_weight,
                    project.votes,
                    float(norm),
                    float(share * 100),
                )
            )
        complete = not failed and not missing
        drafts.append((position, project, total if complete else None, parts, failed, missing))

    def key(
        draft: tuple[
            int, Project, Fraction | None, list[Contribution], list[KnockedOut], list[str]
        ],
    ) -> tuple[Fraction, int]:
        _, project, total, *_ = draft
        assert total is not None
        return (-total, -project.votes if votes == "tie-breaker" else 0)

    ranked = sorted((d for d in drafts if d[2] is not None), key=lambda d: (key(d), d[0]))
    keys = [key(d) for d in ranked]
    entries: list[Entry] = []
    for draft in ranked:
        own = key(draft)
        place = 1 + sum(1 for k in keys if k < own)
        tied = keys.count(own) > 1
        entries.append(_entry(draft, place, tied, impact, effort))
    if not total_weight:
        # Nothing gives points (only knock-outs, or no criteria): there is no basis
        # for a derived priority, only for the order by votes.
        entries = [replace(e, priority=e.project.priority, priority_derived=False) for e in entries]
        entries = [_rehorizon(e) for e in entries]
    for state in ("knocked-out", "incomplete"):
        for draft in drafts:
            if draft[2] is None and (bool(draft[4]) == (state == "knocked-out")):
                entries.append(_entry(draft, None, False, impact, effort))
    for kind in ("apart", "sub-project"):
        entries += [_outside(p, kind) for p in apart if outside[p.id] == kind]
    return Ranking(
        tuple(entries), weighted, knockouts, votes, votes_weight, impact, effort, include_started
    )


def standing(
    project: Project, *, include_started: bool = False
) -> Literal["apart", "sub-project"] | None:
    """Why ``project`` is not a candidate of the ranking (rule 0), or None when it is one.

    ``apart``: dropped; or in progress or done (unless ``include_started``).
    ``sub-project``: not dropped, with a ``parent`` and no score at all, whatever
    its status: it is shown with its parent, wherever that is listed.
    """
    if project.status is Status.DROPPED:
        return "apart"
    if project.parent is not None and not project.scores:
        return "sub-project"
    if project.status not in UP_FOR_DECISION and not (include_started and project.status in STARTED):
        return "apart"
    return None


def _outside(project: Project, kind: Literal["apart", "sub-project"]) -> Entry:
    """An entry with no rank and nothing derived: only a priority and horizon set by hand."""
    horizon, derived = project.horizon, False
    if horizon is None and project.priority is not None:
        horizon, derived = HORIZON_OF[project.priority], True
    return Entry(
        project=project,
        rank=None,
        tied=False,
        score=None,
        contributions=(),
        knockouts=(),
        missing=(),
        priority=project.priority,
        priority_derived=False,
        horizon=horizon,
        horizon_derived=derived,
        outside=kind,
    )


def _entry(
    draft: tuple[int, Project, Fraction | None, list[Contribution], list[KnockedOut], list[str]],
    place: int | None,
    tied: bool,
    impact_criterion: Criterion | None,
    effort_criterion: Criterion | None,
) -> Entry:
    _, project, total, parts, failed, missing = draft
    priority, priority_derived = project.priority, False
    if priority is None and total is not None:
        priority, priority_derived = derive_priority(total), True
    horizon, horizon_derived = project.horizon, False
    if horizon is None and priority is not None:
        horizon, horizon_derived = HORIZON_OF[priority], True
    impact = _level(impact_criterion, project, effort=False)
    effort = _level(effort_criterion, project, effort=True)
    return Entry(
        project=project,
        rank=place,
        tied=tied,
        score=float(total * 100) if total is not None else None,
        contributions=tuple(parts),
        knockouts=tuple(failed),
        missing=tuple(missing),
        priority=priority,
        priority_derived=priority_derived,
        horizon=horizon,
        horizon_derived=horizon_derived,
        impact=float(impact) if impact is not None else None,
        effort=float(effort) if effort is not None else None,
        quadrant=quadrant(impact, effort) if impact is not None and effort is not None else None,
        exact=total,
    )


def _rehorizon(entry: Entry) -> Entry:
    if entry.project.horizon is not None or entry.priority is None:
        return replace(entry, horizon=entry.project.horizon, horizon_derived=False)
    return replace(entry, horizon=HORIZON_OF[entry.priority], horizon_derived=True)


def rankable(projects: Iterable[Project], *, public: bool = False) -> list[Project]:
    """The projects a ranking shows: in public nothing internal (not even listed apart)."""
    return [p for p in projects if not (public and p.internal)]


def rank_projects(
    projects: Iterable[Project],
    criteria: Sequence[Criterion],
    settings: ReportSettings | None,
    *,
    public: bool = False,
    include_started: bool = False,
) -> Ranking:
    """The one ranking every command shows: ``settings`` is a document's ``report`` block.

    Its ``votes`` mode and ``votes_weight`` decide how votes count, its
    ``impact`` and ``effort`` name the matrix axes; without it votes break
    ties. Projects in progress, done or dropped are listed apart, unranked
    (``include_started``: in progress and done are ranked); in public internal
    projects are left out.
    ``report``, ``rank``, ``export`` (through :func:`rank_document`) and
    ``diff`` and ``status --since`` (through :func:`ranks`) all come here, so
    they cannot disagree.
    """
    by_id = {c.id: c for c in criteria}
    impact = by_id.get(settings.impact) if settings and settings.impact else None
    effort = by_id.get(settings.effort) if settings and settings.effort else None
    return rank(
        rankable(projects, public=public),
        criteria,
        votes=settings.votes if settings else "tie-breaker",
        votes_weight=settings.votes_weight if settings else 1,
        impact=impact,
        effort=effort,
        include_started=include_started,
    )


def rank_document(
    document: WorkshopDocument, *, public: bool = False, include_started: bool = False
) -> Ranking:
    """Rank a document's projects with its criteria and report settings (see :func:`rank_projects`)."""
    return rank_projects(
        document.projects,
        document.criteria,
        document.report,
        public=public,
        include_started=include_started,
    )


def ranks(
    projects: Iterable[Project], criteria: Sequence[Criterion], settings: ReportSettings | None
) -> dict[str, int]:
    """Project id -> rank of :func:`rank_projects` (internal view); unranked projects absent.

    Projects in progress, done and dropped are unranked, as in every output by default.
    """
    ranking = rank_projects(projects, criteria, settings)
    return {e.project.id: e.rank for e in ranking.ranked if e.rank is not None}


def repository_settings(workshops: Mapping[str, WorkshopDocument]) -> ReportSettings | None:
    """The ``report`` block a whole repository is ranked with.

    The strategy file has none, so it comes from the workshop files: the last
    one in name order that has a ``report`` block (files named by date, as
    ``2019-09-massnahmen.yaml``, make that the latest workshop). A one-file
    repository is ranked exactly as that file's report ranks it.
    """
    chosen = [doc.report for _, doc in sorted(workshops.items()) if doc.report is not None]
    return chosen[-1] if chosen else None


def unranked_warnings(loaded: Loaded, ranking: Ranking) -> list[Diagnostic]:
    """A warning at each project that misses scores: it is left out, never scored as zero.

    The warning points into the file the project is written in: the workshop
    file, or the strategy file it refers to.
    """
    from strategy_kit.document.diagnostics import Diagnostic

    warnings = []
    for entry in ranking.incomplete:
        where = loaded.origin("projects", entry.project.id)
        line, column = where.position("scores") if entry.project.scores else where.position()
        names = ", ".join(entry.missing)
        warnings.append(
            Diagnostic(
                where.file,
                line,
                column,
                "warning",
                f"projects[{entry.project.id}]",
                f"not ranked: no score for {names}",
            )
        )
    return warnings
