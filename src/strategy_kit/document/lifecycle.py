"""The lifecycle a project moves through, modelled on municipal practice.

Gütersloh's Digitale Agenda runs proposals from an idea pool to candidates
(chosen by a committee; rejected ones go back to the pool), through a
development stage (budget, funding, cost and dates checked) to implementation,
reviewed every year. strategy-kit's statuses map onto that:

``idea`` (pool) -> ``candidate`` -> ``prioritised`` (chosen in the workshop)
-> ``planned`` (development stage done) -> ``in-progress`` -> ``done``.

Steps back are allowed where practice has them (a candidate rejected to the
pool, a plan postponed, work paused, a finished project reopened); any open
project can be ``dropped``, and a dropped one can return to the pool.
"""

from __future__ import annotations

from strategy_kit.document.model import STATUS_ALIASES, Status, canonical

S = Status
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    S.IDEA: (S.CANDIDATE, S.DROPPED),
    S.CANDIDATE: (S.PRIORITISED, S.IDEA, S.DROPPED),
    S.PRIORITISED: (S.PLANNED, S.CANDIDATE, S.DROPPED),
    S.PLANNED: (S.IN_PROGRESS, S.PRIORITISED, S.DROPPED),
    S.IN_PROGRESS: (S.DONE, S.PLANNED, S.DROPPED),
    S.DONE: (S.IN_PROGRESS,),
    S.DROPPED: (S.IDEA,),
}
"""Allowed next statuses, forward step first."""


def allowed(current: Status | str) -> tuple[Status, ...]:
    """The statuses a project in ``current`` may move to."""
    return TRANSITIONS[Status(canonical(current, STATUS_ALIASES))]


def check_transition(current: Status | str, target: Status | str, *, force: bool = False) -> None:
    """Raise ``ValueError`` saying what is allowed when ``current -> target`` is not.

    Either may be a German word of :data:`~strategy_kit.document.model.STATUS_ALIASES`.
    """
    values = [s.value for s in Status]
    target = canonical(target, STATUS_ALIASES)
    if target not in values:
        raise ValueError(f"unknown status {str(target)!r}; statuses are {', '.join(values)}")
    old, new = Status(canonical(current, STATUS_ALIASES)), Status(target)
    if force or old is new or new in TRANSITIONS[old]:
        return
    options = ", ".join(s.value for s in TRANSITIONS[old])
    raise ValueError(
        f"cannot move from {old.value} to {new.value}; from {old.value} it may go to {options} "
        "(--force overrides the lifecycle)"
    )
