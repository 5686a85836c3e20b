"""The yearly implementation report's figures: a strategy repository over a report period.

A council is told once a year how its digital strategy goes: which measures
are on track, which milestones were reached or missed in the year, how the
indicators moved, what was spent, and what changed. Every figure comes from
the one rule that answers it elsewhere: the traffic light and the overdue
steps from :mod:`strategy_kit.compute.rollup` (as of the period's last day),
progress from :mod:`strategy_kit.compute.progress`, the budget from
:mod:`strategy_kit.compute.budget`, an indicator's actual value from
:mod:`strategy_kit.compute.indicators`, and the changes from the history's
timeline (:mod:`strategy_kit.compute.history`).

Pure: the repository as of the period's end and its timeline are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from strategy_kit.check.repository import Repository
from strategy_kit.compute.budget import Amounts, Budget, budget
from strategy_kit.compute.history import Event, Note, Timeline, events_between
from strategy_kit.compute.indicators import actual
from strategy_kit.compute.progress import DECIDED, portfolio_progress
from strategy_kit.compute.rollup import ProjectState, Rollup, rollup
from strategy_kit.compute.traffic import Light
from strategy_kit.document.model import Milestone, Status, StrategyDocument, WorkshopDocument


@dataclass(frozen=True)
class Period:
    """The report period: ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date

    @property
    def years(self) -> range:
        """The calendar years the period touches (the budget's years it sums)."""
        return range(self.start.year, self.end.year + 1)


def default_period(end: dt.date, start: dt.date | None = None) -> Period:
    """The twelve months up to ``end`` unless ``start`` is given: ``2019-09-30`` -> 1 October 2018 to then.

    Raises ValueError when ``start`` lies after ``end``.
    """
    if start is None:
        if end.year == dt.MINYEAR:
            raise ValueError("the twelve months before it reach before the year 1; give --from")
        try:
            before = end.replace(year=end.year - 1)
        except ValueError:  # 29 February: a year before is the 28th
            before = end.replace(year=end.year - 1, day=28)
        start = before + dt.timedelta(days=1)
    if start > end:
        raise ValueError(f"the period starts ({start.isoformat()}) after it ends ({end.isoformat()})")
    return Period(start, end)


@dataclass(frozen=True)
class Series:
    """An indicator's measurements up to the period's end (oldest first) against its target.

    ``points`` are (day, value); ``actual`` is the one actual value every output shows.
    """

    title: str
    unit: str | None
    baseline: float | None
    target: float | None
    due: dt.date | None
    points: tuple[tuple[dt.date, float], ...]
    actual: float | None


@dataclass(frozen=True)
class MeasureReport:
    """One measure over the period.

    ``reached``: milestones reached in the period (the day they were recorded
    as reached when the history knows it, else their date); ``missed``:
    milestones due in the period before its last day and not reached.
    ``budget``: planned and spent in the period's years, None without budget
    entries in them. ``events``: the timeline's events in the period.
    """

    state: ProjectState
    reached: tuple[tuple[dt.date, Milestone], ...]
    missed: tuple[Milestone, ...]
    indicators: tuple[Series, ...]
    budget: Amounts | None
    events: tuple[Event, ...]


@dataclass(frozen=True)
class GoalState:
    """A strategy goal: its measures decided on, how many are done, its progress and state.

    ``state`` is ``reached`` (every measure done), ``overdue`` (due before the
    period's end and not reached) or ``open``.
    """

    id: str
    title: str
    due: dt.date | None
    measures: tuple[str, ...]
    done: int
    progress: float | None
    state: str


@dataclass
class Implementation:
    """Everything the implementation report shows, ready for any output format.

    ``rollup`` is the repository's state as of ``period.end``; ``measures``
    the measures decided on (sub-projects included) in the roll-up's tree
    order; ``lights`` counts their lights; ``field_lights`` the same per field
    of action; ``finances`` the period's years summed per
    measure, field of action, year and source (:func:`budget`, every status
    counted: money spent was spent); ``events`` the period's events per measure
    id; ``history`` says why there is no history (empty when there is one);
    ``portfolio`` the repository as one document and ``strategy_file`` its
    strategy file (the measure sheets' source), None without a strategy file;
    ``folder`` the repository's folder on disk (its logo is read from there).
    """

    period: Period
    rollup: Rollup
    measures: list[MeasureReport]
    goals: list[GoalState]
    lights: dict[Light, int]
    field_lights: dict[str, dict[Light, int]]
    sub_projects: int = 0
    finances: Budget = field(default_factory=Budget)
    events: dict[str, list[Event]] = field(default_factory=dict)
    history: str = ""
    history_why: str = ""
    notes: list[Note] = field(default_factory=list)
    strategy: str | None = None
    municipality: str = ""
    portfolio: WorkshopDocument | None = None
    strategy_file: StrategyDocument | None = None
    folder: Path | None = None

    @property
    def budget(self) -> Amounts | None:
        """The portfolio's planned and spent in the period's years; None without an entry in them."""
        return self.finances.total if self.finances.years else None


def implementation(
    repo: Repository,
    period: Period,
    history: Timeline | None,
    *,
    reason: str = "",
    why: str = "",
    folder: Path | None = None,
) -> Implementation:
    """The report's figures for ``repo`` as of ``period.end``.

    ``history`` is the repository's timeline (read with the same edition,
    public or internal, as ``repo``); None with ``reason`` (``"no history: …"``)
    when the files are not in git, and ``why`` its code (:class:`strategy_kit.files.history.History`). ``folder``: where the strategy file lies, for its logo.
    """
    state = rollup(repo, period.end)
    events = events_between(history, period.start, period.end) if history is not None else {}
    by_id = {e.project.id: e.project for e in repo.projects()}
    decided = [s for s in state.projects if s.status in DECIDED]
    sums = budget((by_id[s.id] for s in state.projects), years=period.years)
    measures = []
    for s in decided:
        project = by_id[s.id]
        done_on = {
            e.detail: e.date for e in (history.projects.get(s.id, []) if history else []) if e.kind == "milestone"
        }
        reached = tuple(
            (done_on.get(m.title, m.date), m)
            for m in project.milestones
            if m.done and period.start <= done_on.get(m.title, m.date) <= period.end
        )
        missed = tuple(
            m for m in project.milestones if not m.done and period.start <= m.date < period.end
        )
        series = tuple(
            Series(
                i.title,
                i.unit,
                i.baseline,
                i.target,
                i.due,
                tuple((m.date, m.value) for m in sorted(i.measurements, key=lambda m: m.date) if m.date <= period.end),
                actual(i),
            )
            for i in project.indicators
        )
        measures.append(MeasureReport(s, reached, missed, series, sums.projects.get(s.id), tuple(events.get(s.id, ()))))
    # Counted as progress counts them: the measures, each with its sub-projects inside its
    # light (the worst of its own and its open ones') and its figure.
    top = _top(decided)
    lights = _count(top)
    field_lights = {fid: _count([s for s in top if fid in s.fields]) for fid in state.fields}
    return Implementation(
        period=period,
        rollup=state,
        measures=measures,
        goals=goals(repo, period, decided),
        lights=lights,
        sub_projects=len(decided) - len(top),
        field_lights={fid: counts for fid, counts in field_lights.items() if sum(counts.values())},
        finances=sums,
        events=events,
        history=reason if history is None else "",
        history_why=why if history is None else "",
        notes=[n for n in history.notes if period.start <= n.date <= period.end] if history else [],
        strategy=state.strategy,
        municipality=state.municipality,
        portfolio=repo.as_document(),
        strategy_file=next(iter(repo.strategies.values()), None),
        folder=folder,
    )


def _top(states: Sequence[ProjectState]) -> list[ProjectState]:
    """The measures among ``states`` that are no sub-project of another one among them."""
    ids = {s.id for s in states}
    return [s for s in states if s.parent is None or s.parent not in ids]


def _count(states: Sequence[ProjectState]) -> dict[Light, int]:
    counts = dict.fromkeys(Light, 0)
    for s in states:
        counts[s.light.light] += 1
    return counts


def goals(repo: Repository, period: Period, decided: Sequence[ProjectState]) -> list[GoalState]:
    """Each goal of the strategy file with the decided measures naming it.

    A goal's progress is the portfolio rule (:func:`portfolio_progress`) over
    its measures, each with its figure in the whole portfolio: a sub-project
    whose parent names the goal too counts through its parent, so a parent
    at 77,5 % with one sub-project done reads 77,5 %, not 100 %.
    """
    strategy = next(iter(repo.strategies.values()), None)
    if strategy is None:
        return []
    projects = [e.project for e in repo.projects()]
    ids = {s.id for s in decided}
    whole = {s.id: s.progress for s in decided}
    out = []
    for goal in strategy.goals:
        mine = [p for p in projects if p.id in ids and goal.id in p.goals]
        # A sub-project naming the goal beside its parent counts through the parent.
        named = {p.id for p in mine}
        counted = [p for p in mine if p.parent is None or p.parent not in named]
        done = sum(p.status is Status.DONE for p in counted)
        if counted and done == len(counted):
            state = "reached"
        elif goal.due is not None and goal.due < period.end:
            state = "overdue"
        else:
            state = "open"
        out.append(
            GoalState(
                goal.id,
                goal.title,
                goal.due,
                tuple(p.title for p in counted),
                done,
                portfolio_progress(mine, whole) if mine else None,
                state,
            )
        )
    return out
