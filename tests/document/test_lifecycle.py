"""The project lifecycle: forward steps, steps back that practice has, and clear refusals."""

from __future__ import annotations

import itertools

import pytest

from strategy_kit.document.lifecycle import TRANSITIONS, allowed, check_transition
from strategy_kit.document.model import Status


def test_every_status_has_its_transitions() -> None:
    assert set(TRANSITIONS) == set(Status)


def test_the_main_path_is_allowed() -> None:
    path = ["idea", "candidate", "prioritised", "planned", "in-progress", "done"]
    for old, new in itertools.pairwise(path):
        check_transition(old, new)


def test_rejected_candidates_return_to_the_pool() -> None:
    check_transition("candidate", "idea")
    check_transition("dropped", "idea")


@pytest.mark.parametrize("old", [s for s in Status if s is not Status.DONE and s is not Status.DROPPED])
def test_open_projects_can_be_dropped(old: Status) -> None:
    check_transition(old, Status.DROPPED)


def test_skipping_a_stage_is_refused_with_the_allowed_moves() -> None:
    with pytest.raises(ValueError) as caught:
        check_transition("idea", "planned")
    assert str(caught.value) == (
        "cannot move from idea to planned; from idea it may go to candidate, dropped "
        "(--force overrides the lifecycle)"
    )


def test_force_and_staying_put() -> None:
    check_transition("idea", "done", force=True)
    check_transition("done", "done")


def test_unknown_status() -> None:
    with pytest.raises(ValueError, match="unknown status 'finished'; statuses are idea, candidate"):
        check_transition("idea", "finished")
    with pytest.raises(ValueError, match="unknown status"):
        check_transition("idea", "finished", force=True)


def test_allowed_lists_forward_step_first() -> None:
    assert allowed("planned")[0] is Status.IN_PROGRESS
    assert allowed(Status.DONE) == (Status.IN_PROGRESS,)
