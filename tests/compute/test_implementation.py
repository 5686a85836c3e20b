"""The implementation report's period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategy_kit.compute.implementation import default_period


@pytest.mark.parametrize(
    ("end", "start"),
    [
        (dt.date(2019, 9, 30), dt.date(2018, 10, 1)),
        (dt.date(2019, 12, 31), dt.date(2019, 1, 1)),
        (dt.date(2020, 2, 29), dt.date(2019, 3, 1)),  # a year before the 29th is the 28th
        (dt.date(2021, 2, 28), dt.date(2020, 2, 29)),
    ],
)
def test_twelve_months_up_to_the_end(end: dt.date, start: dt.date) -> None:
    period = default_period(end)
    assert (period.start, period.end) == (start, end)


def test_a_given_start_and_the_years_it_touches() -> None:
    period = default_period(dt.date(2020, 3, 31), dt.date(2018, 11, 1))
    assert list(period.years) == [2018, 2019, 2020]
    assert list(default_period(dt.date(2019, 5, 1), dt.date(2019, 5, 1)).years) == [2019]


def test_a_start_after_the_end_is_refused() -> None:
    with pytest.raises(ValueError, match="starts"):
        default_period(dt.date(2019, 1, 1), dt.date(2019, 1, 2))


GOAL_WITH_PARENT_AND_CHILD = """\
version: 1
kind: strategy
municipality: {name: Stadt Beispiel, state: Nordrhein-Westfalen}
title: Digitale Strategie
vision: Eine digitale Stadt.
goals:
  - {id: ziel-1, title: Leistungen sind online}
fields_of_action:
  - {id: rathaus, title: Digitales Rathaus}
projects:
  - {id: portal, title: Portal, fields: [rathaus], goals: [ziel-1], status: in-progress}
  - {id: antraege, title: Anträge, parent: portal, fields: [rathaus], goals: [ziel-1], status: done}
  - {id: termine, title: Termine, parent: portal, fields: [rathaus], status: in-progress, progress: 50}
"""


def test_a_goal_takes_each_measure_with_its_figure_in_the_whole_portfolio(tmp_path: Path) -> None:
    # The portal is (100 + 50) / 2 = 75 through both sub-projects; the goal names the portal
    # and one done sub-project, which counts through its parent: 75, not 100.
    from strategy_kit.check.repository import Repository, load_worktree
    from strategy_kit.compute.implementation import Period, implementation

    path = tmp_path / "strategy.yaml"
    path.write_text(GOAL_WITH_PARENT_AND_CHILD, encoding="utf-8")
    repo = Repository.from_results(load_worktree([path]))
    result = implementation(repo, Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31)), None, reason="no history")
    (goal,) = result.goals
    # Counted once, as the portal: its done sub-project is inside its light and figure.
    assert (goal.measures, goal.done, goal.progress) == (("Portal",), 0, 75.0)
    assert (sum(result.lights.values()), result.sub_projects) == (1, 2)
