"""Participant codes: what they look like, that none repeats, and the group each carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.compute import ballots, codes
from strategy_kit.compute.codes import ALPHABET, LENGTH, groups_of, issue, normalise, pretty

kept_codes = st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH)


def test_the_alphabet_has_no_look_alikes_and_a_code_at_least_40_bits() -> None:
    assert not set("01OIL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 30
    assert codes.ENTROPY_BITS >= 40
    assert round(codes.ENTROPY_BITS, 1) == 44.2


@given(kept_codes)
def test_a_printed_code_reads_back_as_kept(code: str) -> None:
    printed = pretty(code)
    assert printed.count("-") == 2 and len(printed) == LENGTH + 2
    assert normalise(printed) == code
    assert normalise(printed.lower()) == code
    assert normalise(f"  {printed.replace('-', ' ')} ") == code
    assert normalise(printed.replace("-", "\u2013")) == code  # a phone's keyboard makes an en dash
    assert ballots.KEY_PATTERN.fullmatch(code)


@pytest.mark.parametrize("typed", ["", "K7M-Q4P", "K7M-Q4P-XR22", "K7M-Q4P-XR0", "I7M-Q4P-XR2", "K7M_Q4P_XR2", "K7M-Q4P-XRü"])
def test_what_is_no_code_is_none(typed: str) -> None:
    assert normalise(typed) is None


def test_a_code_per_entry_ordered_by_group_not_by_participant() -> None:
    issued = issue(["Fachbereich 1", None, "Fachbereich 1", "Bürgermeister", None])
    assert list(issued.values()) == ["Bürgermeister", "Fachbereich 1", "Fachbereich 1", None, None]
    assert all(normalise(code) == code for code in issued)
    # Within a group the order is the codes' own (chance): the second participant of
    # Fachbereich 1 in the file is not told by the second card of Fachbereich 1.
    assert list(issued)[1:3] == sorted(list(issued)[1:3])
    assert list(issued)[3:] == sorted(list(issued)[3:])


@given(st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=20))
def test_no_code_is_issued_twice(size: int, sheets: int) -> None:
    seen: set[str] = set()
    for _ in range(sheets):
        issued = issue([None] * size, existing=seen)
        assert len(issued) == size
        assert not seen & issued.keys()
        seen |= issued.keys()
    assert len(seen) == size * sheets


def test_an_existing_code_is_never_issued_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The dice first throw the code already taken (printed form), then that of the first new card.
    throws = iter("AAAAAAAAA" "AAAAAAAAA" "BBBBBBBBB" "BBBBBBBBB" "CCCCCCCCC")
    monkeypatch.setattr(codes.secrets, "choice", lambda _alphabet: next(throws))
    assert list(issue(["x", "y"], existing=["aaa-aaa-aaa"])) == ["BBBBBBBBB", "CCCCCCCCC"]


def test_telgte_groups_are_departments_and_the_mayor_alone_is_none(examples: Path) -> None:
    from strategy_kit.check.validate import load_document

    document = load_document(examples / "telgte.yaml").document
    groups = groups_of(document)
    assert len(groups) == 15  # 17 participants; the two facilitators get no code
    assert groups[0] is None, "a group of one is no group: the card and the journal do not say it is the mayor"
    assert groups[1] == "Fachbereich 1: Zentrale Dienste und Finanzen"
    sizes = {g: groups.count(g) for g in groups}
    assert sizes == {
        None: 1,
        "Fachbereich 1: Zentrale Dienste und Finanzen": 4,
        "Fachbereich 2: Bürgerservice, Sicherheit und Ordnung": 4,
        "Fachbereich 3: Bildung, Familie und Soziales": 3,
        "Fachbereich 4: Planen, Bauen und Umwelt": 3,
    }
    # Everyone votes: each department is shown, the mayor (and three spare cards) among the hidden.
    room = ballots.Room(issue([*groups, None, None, None]))
    assert room.open(ballots.dot_vote("dots", ["a", "b"], budget=3)) is None
    for code in room.codes:
        assert room.cast(ballots.Ballot("dots", code, f"browser-{code}", {"a": 1})) is None
    assert len(room.tally("dots").by_role) == 4


def test_a_department_the_file_does_not_define_gives_the_role(examples: Path) -> None:
    from strategy_kit.check.validate import load_document

    document = load_document(examples / "telgte.yaml").document
    people = list(document.participants)
    people[1] = people[1].model_copy(update={"department": "fb9"})
    people += [people[1].model_copy(update={"id": f"dsb-{n}"}) for n in range(2)]
    groups = groups_of(document.model_copy(update={"participants": people}))
    assert groups[1] == people[1].role == "Datenschutzbeauftragte oder Datenschutzbeauftragter"
    assert groups.count(people[1].role) == 3
