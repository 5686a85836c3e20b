"""Properties of the semantic diff and the roll-up over arbitrary portfolios."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.repository import Repository
from strategy_kit.compute.prioritise import ranks
from strategy_kit.compute.rollup import rollup
from strategy_kit.compute.semdiff import diff
from strategy_kit.document.model import Criterion, Project, Status, StrategyDocument

IDS = [f"p{i}" for i in range(8)]
CRITERIA = [
    Criterion(id="wirkung", title="Wirkung", weight=3),
    Criterion(id="aufwand", title="Aufwand", weight=2, direction="cost"),
]


@st.composite
def portfolios(draw: st.DrawFn) -> list[Project]:
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS)))
    projects = []
    for pid in ids:
        scores = draw(st.dictionaries(st.sampled_from(["wirkung", "aufwand"]), st.integers(0, 5)))
        parent = draw(st.none() | st.sampled_from(IDS))
        projects.append(
            Project(
                id=pid,
                title=pid.upper(),
                fields=["f"],
                status=draw(st.sampled_from(list(Status))),
                votes=draw(st.integers(0, 20)),
                scores=scores,
                parent=parent if parent != pid else None,
                progress=draw(st.none() | st.integers(0, 100)),
                weight=draw(st.sampled_from([0.5, 1, 2])),
            )
        )
    return projects


def repository(projects: list[Project]) -> Repository:
    strategy = StrategyDocument.model_validate(
        {
            "version": 1,
            "kind": "strategy",
            "municipality": {"name": "Stadt X", "state": "Bayern"},
            "title": "Strategie",
            "vision": "Digital",
            "fields_of_action": [{"id": "f", "title": "Feld"}],
            "criteria": [c.model_dump() for c in CRITERIA],
            "projects": [p.model_dump() for p in projects],
        }
    )
    return Repository(strategies={"strategy.yaml": strategy})


@settings(max_examples=30, deadline=None)
@given(portfolios())
def test_a_version_does_not_differ_from_itself(projects: list[Project]) -> None:
    assert diff(repository(projects), repository(projects)) == []


@settings(max_examples=30, deadline=None)
@given(portfolios(), st.data())
def test_status_moves_are_reported_exactly(projects: list[Project], data: st.DataObject) -> None:
    moved = {}
    changed = []
    for project in projects:
        status = data.draw(st.sampled_from(list(Status)))
        if status != project.status:
            moved[project.id] = (project.status.value, status.value)
        changed.append(project.model_copy(update={"status": status}))
    found = {
        c.subject: (c.old, c.new)
        for c in diff(repository(projects), repository(changed))
        if c.kind == "status-changed"
    }
    assert found == moved


@settings(max_examples=30, deadline=None)
@given(portfolios())
def test_ranks_are_competition_ranks_without_dropped_projects(projects: list[Project]) -> None:
    found = ranks(projects, CRITERIA, None)
    ordered = sorted(found.values())
    # 1, 2, 2, 4: a shared rank only for an exact tie, the next rank skips.
    assert all(r in (ordered[i - 1], i + 1) if i else r == 1 for i, r in enumerate(ordered))
    dropped = {p.id for p in projects if p.status is Status.DROPPED}
    assert not dropped & found.keys()


@settings(max_examples=30, deadline=None)
@given(portfolios())
def test_rollup_stays_within_bounds_even_with_parent_cycles(projects: list[Project]) -> None:
    result = rollup(repository(projects), dt.date(2020, 1, 1))
    assert sum(result.by_status.values()) == len(projects)
    assert sorted(p.id for p in result.projects) == sorted(p.id for p in projects)
    for value in [result.progress, *(p.progress for p in result.projects)]:
        assert value is None or 0 <= value <= 100
