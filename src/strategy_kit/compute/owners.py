"""Who a next step's owner is, as the roll-up and the diff name them: never a person's name (DSGVO)."""

from __future__ import annotations

from strategy_kit.check.repository import Repository


def owners(repo: Repository) -> dict[str, str]:
    """Owner id -> the department's name, else the participant's role.

    A department wins over a participant of the same id, and of participants
    with one id the first workshop file's (in the repository's order) wins.
    An id that is neither is missing: callers show the id as written.
    """
    named = {d.id: d.name for d in repo.departments()}
    for doc in repo.workshops.values():
        for person in doc.participants:
            named.setdefault(person.id, person.role)
    return named
