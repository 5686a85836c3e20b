"""Next-step owners as the roll-up and the diff name them: departments and roles, never names."""

from __future__ import annotations

from pathlib import Path

from strategy_kit.check.repository import Repository, load_worktree
from strategy_kit.compute.owners import owners
from strategy_kit.compute.semdiff import snapshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "strategy-repo"


def test_departments_by_name_participants_by_role() -> None:
    repo = Repository.from_results(load_worktree([EXAMPLES]))
    named = owners(repo)
    departments = {d.id: d.name for d in repo.departments()}
    people = [p for doc in repo.workshops.values() for p in doc.participants]
    assert departments and people
    for did, name in departments.items():
        assert named[did] == name
    for person in people:
        if person.id not in departments:
            assert named[person.id] in {p.role for p in people if p.id == person.id}
    assert not {p.name for p in people if p.name} & set(named.values()) - set(departments.values())
    assert snapshot(repo).owners == named  # the diff names owners as the roll-up does
