"""What the screens' event streams are woken for: phones only when a phone's page changes."""

from __future__ import annotations

from strategy_kit.serve.room import Versions


def test_a_ballot_wakes_the_projector_not_the_phones() -> None:
    versions = Versions()
    woken: list[str] = []
    versions.listeners.add(lambda: woken.append("projector"))
    versions.phone_listeners.add(lambda: woken.append("phone"))
    versions.bump(phone=False)  # a ballot: the count of voters changed
    assert woken == ["projector"]
    assert (versions.screen, versions.phone) == (1, 0)
    woken.clear()
    versions.bump(phone=True)  # a round revealed
    assert sorted(woken) == ["phone", "projector"]
    assert (versions.screen, versions.phone) == (2, 1)
