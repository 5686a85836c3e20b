"""The rules of the live room's rounds: what a ballot may be, what counts, what is shown by role."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.compute import ballots
from strategy_kit.compute.ballots import Ballot, Refusal, Room, RoundError
from strategy_kit.document.model import Criterion, Scale


def criterion(ident: str, low: float, high: float) -> Criterion:
    return Criterion(id=ident, title=ident.title(), scale=Scale(min=low, max=high))


PROJECTS = ("stadtportal", "wlan", "datenaustausch")
BROWSER = "browser-0001"


def ballot(voter: str, choices: dict[str, Any], round_id: str = "dots", browser: str | None = None) -> Ballot:
    return Ballot(round_id, voter, browser or f"b-{voter}", choices)


def dot_room(cap: int | None = None, codes: dict[str, str] | None = None) -> Room:
    room = Room(codes)
    assert room.open(ballots.dot_vote("dots", PROJECTS, budget=5, cap=cap)) is None
    return room


def test_dots_count_phone_and_paper() -> None:
    room = dot_room()
    assert room.cast(ballot("voter-a", {"stadtportal": 3, "wlan": 2})) is None
    assert room.cast(ballot("voter-b", {"wlan": 1})) is None
    assert room.add_paper("dots", "wlan", 4) is None
    assert room.add_paper("dots", "datenaustausch", 2) is None
    tally = room.tally("dots")
    assert tally.voters == 2
    assert tally.totals == {"stadtportal": 3, "wlan": 7, "datenaustausch": 2}
    assert tally.phone == {"stadtportal": 3, "wlan": 3, "datenaustausch": 0}
    assert tally.paper == {"wlan": 4, "datenaustausch": 2}
    assert tally.by_role == {}


def test_the_latest_ballot_of_a_voter_counts() -> None:
    room = dot_room()
    room.cast(ballot("voter-a", {"stadtportal": 5}))
    room.cast(ballot("voter-a", {"wlan": 1}))
    assert room.tally("dots").totals == {"stadtportal": 0, "wlan": 1, "datenaustausch": 0}
    assert room.voters("dots") == 1


@pytest.mark.parametrize(
    ("choices", "reason"),
    [
        ({"stadtportal": 2, "wlan": 2, "datenaustausch": 2}, Refusal("over-budget", {"budget": 5, "given": 6})),
        ({"stadtportal": 3}, Refusal("over-cap", {"project": "stadtportal", "cap": 2, "given": 3})),
        ({"rathaus": 1}, Refusal("unknown-project", {"option": "rathaus"})),
        ({"wlan": 1.5}, Refusal("not-dots", {"project": "wlan"})),
        ({"wlan": -1}, Refusal("not-dots", {"project": "wlan"})),
        ({"wlan": True}, Refusal("not-dots", {"project": "wlan"})),
        ({"wlan": "2"}, Refusal("not-dots", {"project": "wlan"})),
        ({}, Refusal("empty")),
    ],
)
def test_a_wrong_dot_ballot_is_refused_with_its_reason(choices: dict[str, Any], reason: Refusal) -> None:
    room = dot_room(cap=2)
    room.cast(ballot("voter-a", {"wlan": 1}))
    assert room.cast(ballot("voter-a", choices)) == reason
    # The refused ballot replaced nothing.
    assert room.tally("dots").totals["wlan"] == 1


def test_ballots_only_while_the_round_is_open() -> None:
    room = dot_room()
    assert room.cast(ballot("voter-a", {"wlan": 1}, round_id="nope")) == Refusal("unknown-round", {"round": "nope"})
    assert room.reveal("dots") == Refusal("round-still-open", {"round": "dots"})
    assert room.close("dots") is None
    assert room.cast(ballot("voter-a", {"wlan": 1})) == Refusal("round-not-open", {"round": "dots"})
    # Opened again (late joiners), closed, revealed: then final.
    assert room.open(ballots.dot_vote("dots", PROJECTS, budget=5)) is None
    assert room.cast(ballot("voter-a", {"wlan": 1})) is None
    assert room.close("dots") is None
    assert room.reveal("dots") is None
    assert room.phase("dots") == "revealed"
    assert room.open(ballots.dot_vote("dots", PROJECTS, budget=5)) == Refusal("round-revealed", {"round": "dots"})
    assert room.add_paper("dots", "wlan", 1) == Refusal("round-revealed", {"round": "dots"})
    assert room.open(ballots.dot_vote("dots", PROJECTS, budget=3)) == Refusal("round-exists", {"round": "dots"})


def test_paper_dots_may_be_corrected_but_never_below_zero() -> None:
    room = dot_room()
    assert room.add_paper("dots", "wlan", 3) is None
    assert room.add_paper("dots", "wlan", -2) is None
    assert room.add_paper("dots", "wlan", -2) == Refusal("paper-below-zero", {"project": "wlan", "paper": 1})
    assert room.add_paper("dots", "rathaus", 1) == Refusal("unknown-project", {"option": "rathaus"})
    assert room.tally("dots").totals["wlan"] == 1
    room.open(ballots.poll("frage", ["ja", "nein"]))
    assert room.add_paper("frage", "ja", 1) == Refusal("not-a-dot-vote", {"round": "frage"})


def test_codes_vote_from_one_browser_only() -> None:
    room = dot_room(codes={"K7Q2-MX": "Verwaltung", "P4R8-ZT": "Politik"})
    assert room.cast(ballot("K7Q2-MX", {"wlan": 1}, browser="browser-one")) is None
    assert room.cast(ballot("K7Q2-MX", {"wlan": 2}, browser="browser-one")) is None
    assert room.cast(ballot("K7Q2-MX", {"wlan": 5}, browser="browser-two")) == Refusal("code-in-use")
    assert room.cast(ballot("ABCD-EF", {"wlan": 1}, browser="browser-two")) == Refusal("unknown-code")
    assert room.cast(ballot("K7Q2-MX", {"wlan": 1}, browser="x")) == Refusal("bad-key")
    assert room.tally("dots").totals["wlan"] == 2


def test_an_opaque_key_must_look_like_one() -> None:
    room = dot_room()
    assert room.cast(ballot("a b", {"wlan": 1})) == Refusal("bad-key")
    assert room.cast(ballot("x" * 129, {"wlan": 1})) == Refusal("bad-key")


def test_scores_mean_and_median_within_the_scale() -> None:
    room = Room()
    room.open(ballots.scoring("wirkung", criterion("wirkung", 1, 5), PROJECTS))
    for voter, score in (("voter-a", 1), ("voter-b", 2), ("voter-c", 5)):
        assert room.cast(ballot(voter, {"wlan": score, "stadtportal": 4}, round_id="wirkung")) is None
    assert room.cast(ballot("voter-d", {"wlan": 6}, round_id="wirkung")) == Refusal(
        "outside-scale", {"project": "wlan", "low": 1.0, "high": 5.0, "given": 6}
    )
    assert room.cast(ballot("voter-d", {"wlan": 0.5}, round_id="wirkung")).reason == "outside-scale"  # type: ignore[union-attr]
    assert room.cast(ballot("voter-d", {"wlan": float("nan")}, round_id="wirkung")) == Refusal("not-a-score", {"project": "wlan"})
    mean = room.tally("wirkung")
    assert mean.totals == {"stadtportal": 4, "wlan": Fraction(8, 3)}
    assert mean.counted == {"stadtportal": 3, "wlan": 3}
    assert "datenaustausch" not in mean.totals  # nobody scored it
    assert room.tally("wirkung", "median").totals == {"stadtportal": 4, "wlan": 2}


def test_the_median_of_an_even_count_is_the_middle_of_the_two() -> None:
    room = Room()
    room.open(ballots.scoring("wirkung", criterion("wirkung", 0, 5), PROJECTS))
    for voter, score in (("voter-a", 1), ("voter-b", 2), ("voter-c", 4), ("voter-d", 5)):
        room.cast(ballot(voter, {"wlan": score}, round_id="wirkung"))
    assert room.tally("wirkung", "median").totals == {"wlan": 3}


def test_a_poll_takes_one_choice() -> None:
    room = Room()
    room.open(ballots.poll("pause", ["jetzt", "spaeter"]))
    assert room.cast(ballot("voter-a", {"jetzt": 1}, round_id="pause")) is None
    assert room.cast(ballot("voter-b", {"jetzt": 1, "spaeter": 1}, round_id="pause")) == Refusal("one-choice")
    assert room.cast(ballot("voter-b", {"jetzt": 2}, round_id="pause")) == Refusal("one-choice")
    assert room.cast(ballot("voter-b", {"morgen": 1}, round_id="pause")) == Refusal("unknown-option", {"option": "morgen"})
    assert room.tally("pause").totals == {"jetzt": 1, "spaeter": 0}


@pytest.mark.parametrize(
    "make",
    [
        lambda: ballots.dot_vote("dots", [], budget=3),
        lambda: ballots.dot_vote("dots", PROJECTS, budget=0),
        lambda: ballots.dot_vote("dots", PROJECTS, budget=3, cap=4),
        lambda: ballots.dot_vote("dots", ["a", "a"], budget=3),
        lambda: ballots.dot_vote("Dots!", PROJECTS, budget=3),
        lambda: ballots.scoring("s", criterion("wirkung", 5, 5), PROJECTS),
    ],
)
def test_a_round_defined_wrongly_is_refused(make: Any) -> None:
    with pytest.raises(RoundError):
        make()


def test_by_role_only_for_groups_of_three_and_never_by_subtraction() -> None:
    codes = {f"code-{n:03d}": role for n, role in enumerate(["Verwaltung"] * 5 + ["Politik"] * 3 + ["Bürgerschaft"])}
    room = dot_room(codes=codes)
    for code in codes:
        room.cast(ballot(code, {"wlan": 1}))
    tally = room.tally("dots")
    # Bürgerschaft has one voter; showing Verwaltung and Politik would show that one by subtraction.
    assert set(tally.by_role) == {"Verwaltung"}
    assert tally.by_role["Verwaltung"].voters == 5
    assert tally.by_role["Verwaltung"].totals["wlan"] == 5


def test_voters_from_before_the_codes_count_as_left_out() -> None:
    room = dot_room()
    for n in range(2):
        assert room.cast(ballot(f"voter-{n}", {"wlan": 1})) is None
    assert room.apply(ballots.event("codes", "t", codes={f"code-{n:03d}": "Politik" for n in range(3)})) is None
    for n in range(3):
        assert room.cast(ballot(f"code-{n:03d}", {"stadtportal": 1})) is None
    tally = room.tally("dots")
    assert tally.voters == 5
    # Politik's 3 and the 2 without a role: showing Politik would show the other two by subtraction.
    assert tally.by_role == {}
    assert ballots.shown_groups({"Politik": 3, None: 3}) == ["Politik"]
    assert ballots.shown_groups({None: 5}) == []


def test_spare_codes_without_a_group_vote_and_count_among_the_hidden() -> None:
    codes: dict[str, str | None] = {f"code-{n:03d}": "Fachbereich 1" for n in range(3)}
    codes.update({f"spare-{n:03d}": None for n in range(3)})
    room = Room()
    # As the journal keeps them: a spare card's group is JSON null, never the text "None".
    assert room.apply(ballots.event("codes", "t", codes=codes)) is None
    assert room.codes["spare-000"] is None
    assert room.open(ballots.dot_vote("dots", PROJECTS, budget=5)) is None
    for code in codes:
        assert room.cast(ballot(code, {"wlan": 1})) is None
    tally = room.tally("dots")
    assert tally.voters == 6
    assert set(tally.by_role) == {"Fachbereich 1"}
    assert "None" not in tally.by_role
    # Two spare cards used would show their votes by subtraction: then no group is shown.
    room = Room(codes)
    assert room.open(ballots.dot_vote("dots", PROJECTS, budget=5)) is None
    for code in [*list(codes)[:3], "spare-000", "spare-001"]:
        assert room.cast(ballot(code, {"wlan": 1})) is None
    assert room.tally("dots").by_role == {}


@pytest.mark.parametrize(
    ("sizes", "shown"),
    [
        ({"a": 3, "b": 3}, ["a", "b"]),
        ({"a": 3, "b": 2}, []),
        ({"a": 5, "b": 3, "c": 1}, ["a"]),
        ({"a": 5, "b": 1, "c": 1, "d": 1}, ["a"]),
        ({"a": 2}, []),
        ({"a": 4}, ["a"]),
    ],
)
def test_shown_groups(sizes: dict[str, int], shown: list[str]) -> None:
    assert ballots.shown_groups(sizes) == shown


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.integers(0, 12), max_size=8))
def test_no_hidden_remainder_of_one_or_two(sizes: dict[str, int]) -> None:
    shown = ballots.shown_groups(sizes)
    hidden = sum(n for role, n in sizes.items() if role not in shown)
    assert all(sizes[role] >= ballots.MIN_GROUP for role in shown)
    assert hidden == 0 or hidden >= ballots.MIN_GROUP or not shown


def test_a_tally_goes_through_json_unchanged() -> None:
    codes = {f"code-{n:03d}": "Verwaltung" for n in range(3)}
    room = Room(codes)
    room.open(ballots.scoring("wirkung", criterion("wirkung", 0, 5), PROJECTS))
    for n, code in enumerate(codes):
        room.cast(ballot(code, {"wlan": n + 1}, round_id="wirkung"))
    tally = room.tally("wirkung")
    assert ballots.tally_from_json(ballots.tally_json(tally)) == tally


def test_replay_builds_the_same_room_and_reports_bad_events() -> None:
    spec = ballots.dot_vote("dots", PROJECTS, budget=5)
    events = [
        ballots.event("codes", "t", codes={"code-001": "Politik"}),
        ballots.event("round-opened", "t", round=spec.as_json()),
        ballots.event("ballot", "t", **ballot("code-001", {"wlan": 2}).as_json()),
        ballots.event("paper", "t", round="dots", project="wlan", dots=3),
        ballots.event("round-closed", "t", round="dots"),
        ballots.event("ballot", "t", **ballot("code-001", {"wlan": 3}).as_json()),
        {"event": "ballot", "round": "dots"},
        {"event": "launch"},
        ballots.event("round-revealed", "t", round="dots"),
    ]
    room, refused = ballots.replay(events)
    assert room.tally("dots").totals["wlan"] == 5
    assert room.phase("dots") == "revealed"
    assert refused == [
        (5, Refusal("round-not-open", {"round": "dots"})),
        (6, Refusal("bad-event", {"event": "ballot"})),
        (7, Refusal("bad-event", {"event": "launch"})),
    ]


def test_purged_ballots_leave_the_written_totals() -> None:
    spec = ballots.dot_vote("dots", PROJECTS, budget=5)
    room = Room()
    room.open(spec)
    room.cast(ballot("voter-a", {"wlan": 2}))
    room.close("dots")
    written = ballots.tally_json(room.tally("dots"))
    after, refused = ballots.replay(
        [
            ballots.event("round-opened", "t", round=spec.as_json()),
            ballots.event("round-closed", "t", round="dots"),
            ballots.event("totals-written", "t", round="dots", totals=written),
        ]
    )
    assert refused == []
    assert after.tally("dots") == room.tally("dots")


def test_session_times_first_start_last_end() -> None:
    events = [
        ballots.event("session-started", "2019-03-05T09:02:00+01:00", session="begruessung"),
        ballots.event("session-ended", "2019-03-05T09:20:00+01:00", session="begruessung"),
        ballots.event("session-started", "2019-03-05T09:25:00+01:00", session="begruessung"),
        ballots.event("session-ended", "2019-03-05T09:40:00+01:00", session="begruessung"),
        ballots.event("session-started", "2019-03-05T09:41:00+01:00", session="impuls"),
        ballots.event("session-ended", "2019-03-05T09:50:00+01:00", session="never-started"),
    ]
    assert ballots.session_times(events) == {
        "begruessung": ("2019-03-05T09:02:00+01:00", "2019-03-05T09:40:00+01:00"),
        "impuls": ("2019-03-05T09:41:00+01:00", None),
    }


def test_the_clocks_events_pass_the_room_by() -> None:
    at = "2019-03-05T09:02:00+01:00"
    events = [
        ballots.event("session-started", at, session="begruessung"),
        ballots.event("session-paused", at),
        ballots.event("session-resumed", at),
        ballots.event("session-extended", at, minutes=5),
        ballots.event("session-ended", at, session="begruessung"),
    ]
    room, refused = ballots.replay(events)
    assert refused == []
    assert room.rounds == {}
    assert ballots.replay([ballots.event("session-skipped", at)])[1] == [(0, Refusal("bad-event", {"event": "session-skipped"}))]


# -- the property: totals are a naive recount ------------------------------------------------------

VOTERS = [f"voter-{n}" for n in range(6)]
BUDGET, CAP = 5, 3

operation = st.one_of(
    st.tuples(
        st.just("ballot"),
        st.sampled_from([*VOTERS, "bad key"]),
        st.dictionaries(st.sampled_from([*PROJECTS, "rathaus"]), st.integers(-1, 6), max_size=4),
    ),
    st.tuples(st.just("paper"), st.sampled_from([*PROJECTS, "rathaus"]), st.integers(-3, 6)),
    st.tuples(st.just("close")),
    st.tuples(st.just("open")),
)


def _valid(choices: dict[str, int]) -> bool:
    return (
        bool(choices)
        and all(p in PROJECTS and 0 <= n <= CAP for p, n in choices.items())
        and sum(choices.values()) <= BUDGET
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(operation, max_size=60))
def test_totals_are_the_latest_valid_ballot_per_voter_plus_paper(operations: list[tuple[Any, ...]]) -> None:
    spec = ballots.dot_vote("dots", PROJECTS, budget=BUDGET, cap=CAP)
    room = Room()
    room.open(spec)
    is_open = True
    latest: dict[str, dict[str, int]] = {}
    paper = dict.fromkeys(PROJECTS, 0)
    events = [ballots.event("round-opened", "t", round=spec.as_json())]
    for op in operations:
        if op[0] == "ballot":
            _, voter, choices = op
            accepted = room.cast(ballot(voter, choices)) is None
            expected = is_open and voter != "bad key" and _valid(choices)
            assert accepted == expected
            if accepted:
                latest[voter] = choices
                events.append(ballots.event("ballot", "t", **ballot(voter, choices).as_json()))
        elif op[0] == "paper":
            _, project, dots = op
            accepted = room.add_paper("dots", project, dots) is None
            assert accepted == (project in PROJECTS and paper[project] + dots >= 0)
            if accepted:
                paper[project] += dots
                events.append(ballots.event("paper", "t", round="dots", project=project, dots=dots))
        elif op[0] == "close":
            if room.close("dots") is None:
                is_open = False
                events.append(ballots.event("round-closed", "t", round="dots"))
        elif room.open(spec) is None:
            is_open = True
            events.append(ballots.event("round-opened", "t", round=spec.as_json()))
    recount = {p: sum(c.get(p, 0) for c in latest.values()) + paper[p] for p in PROJECTS}
    tally = room.tally("dots")
    assert tally.totals == recount
    assert tally.voters == len(latest)
    assert all(sum(c.values()) <= BUDGET for c in latest.values())
    assert sum(tally.phone.values()) <= BUDGET * len(latest)
    # The journal's events replay to the same result.
    again, refused = ballots.replay(events)
    assert refused == []
    assert again.tally("dots") == tally


CODES = {f"code-{n:02d}": role for n, role in enumerate(["Verwaltung"] * 4 + ["Politik"] * 3 + ["Bürgerschaft"] * 2)}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*CODES, "code-99"]),
            st.sampled_from(["browser-a", "browser-b", "browser-c"]),
            st.dictionaries(st.sampled_from(PROJECTS), st.integers(0, 4), max_size=3),
        ),
        max_size=40,
    )
)
def test_with_codes_one_browser_per_code_and_roles_never_below_three(casts: list[tuple[str, str, dict[str, int]]]) -> None:
    room = Room(CODES)
    room.open(ballots.dot_vote("dots", PROJECTS, budget=BUDGET))
    owner: dict[str, str] = {}
    latest: dict[str, dict[str, int]] = {}
    for code, browser, choices in casts:
        valid = code in CODES and bool(choices) and sum(choices.values()) <= BUDGET and owner.get(code, browser) == browser
        assert (room.cast(Ballot("dots", code, browser, choices)) is None) == valid
        if valid:
            owner.setdefault(code, browser)
            latest[code] = choices
    tally = room.tally("dots")
    assert tally.totals == {p: sum(c.get(p, 0) for c in latest.values()) for p in PROJECTS}
    assert all(figures.voters >= ballots.MIN_GROUP for figures in tally.by_role.values())
    hidden = tally.voters - sum(f.voters for f in tally.by_role.values())
    assert hidden == 0 or hidden >= ballots.MIN_GROUP or not tally.by_role
    for role, figures in tally.by_role.items():
        assert figures.totals == {
            p: sum(c.get(p, 0) for code, c in latest.items() if CODES[code] == role) for p in PROJECTS
        }


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(VOTERS),
            st.dictionaries(
                st.sampled_from([*PROJECTS, "rathaus"]),
                st.one_of(st.integers(-1, 7), st.floats(allow_nan=True, allow_infinity=True)),
                max_size=3,
            ),
        ),
        max_size=40,
    ),
    st.sampled_from(["mean", "median"]),
)
def test_scores_are_the_mean_or_median_of_the_latest_valid_ballots(
    casts: list[tuple[str, dict[str, float]]], method: ballots.Method
) -> None:
    import math
    import statistics

    room = Room()
    room.open(ballots.scoring("wirkung", criterion("wirkung", 1, 5), PROJECTS))
    latest: dict[str, dict[str, float]] = {}
    for voter, choices in casts:
        valid = bool(choices) and all(p in PROJECTS and math.isfinite(v) and 1 <= v <= 5 for p, v in choices.items())
        assert (room.cast(ballot(voter, choices, round_id="wirkung")) is None) == valid
        if valid:
            latest[voter] = choices
    tally = room.tally("wirkung", method)
    for project in PROJECTS:
        scores = [Fraction(c[project]) for c in latest.values() if project in c]
        if not scores:
            assert project not in tally.totals
            continue
        expected = statistics.median(scores) if method == "median" else statistics.mean(scores)
        assert tally.totals[project] == expected
        assert tally.counted[project] == len(scores)
        assert 1 <= tally.totals[project] <= 5
