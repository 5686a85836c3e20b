from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategy_kit.compute.ballots import (
    Ballot,
    Room,
    Round,
    dot_vote,
    event,
    poll,
    replay,
    shown_groups,
    tally_json,
)
from strategy_kit.present.ballots import FORMAT, export_ballots
from strategy_kit.present.labels import LANGUAGES
from strategy_kit.present.text import unneutralise

AT = "2026-03-05T10:00:00+01:00"
TITLES = {"p1": "Bürgerportal", "p2": "=WLAN im Rathaus", "p3": "Open Data"}
SCORES = Round("nutzen-1", "scores", ("p1", "p2", "p3"), criterion="nutzen", low=0, high=5)


def rows(data: bytes) -> list[dict[str, str]]:
    """The CSV as Excel reads it: BOM, ``;``, CRLF; the header's first language-free reading by position."""
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    keys = ["round", "kind", "question", "criterion", "ballot", "group", "option", "title", "value"]
    assert len(table[0]) == len(keys)
    return [dict(zip(keys, row, strict=True)) for row in table[1:]]


def number(cell: str) -> float:
    return float(cell.replace(",", "."))


def code_room(sizes: Mapping[str, int]) -> tuple[Room, dict[str, str]]:
    """A room with codes of roles of ``sizes``; each code has voted in a dot vote. Returns the room and code -> role."""
    codes = {f"code-{role}-{n}": role for role, size in sizes.items() for n in range(size)}
    room = Room(codes)
    assert room.open(dot_vote("dots-1", ["p1", "p2", "p3"], 5, 3)) is None
    for n, code in enumerate(codes):
        assert room.cast(Ballot("dots-1", code, f"browser-{n:04d}", {"p1": n % 4, "p2": 1})) is None
    return room, codes


# -- the group column ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "shown"),
    [
        # 1 left out alone would show; the smallest shown role (3) is left out with it.
        ({"verwaltung": 4, "rat": 3, "buergerschaft": 1}, {"verwaltung"}),
        ({"verwaltung": 4, "rat": 3, "buergerschaft": 3}, {"verwaltung", "rat", "buergerschaft"}),
        ({"verwaltung": 2, "rat": 1}, set()),
    ],
)
def test_a_role_is_named_only_where_the_room_shows_its_figures(sizes: dict[str, int], shown: set[str]) -> None:
    room, codes = code_room(sizes)
    assert set(shown_groups(sizes)) == shown == set(room.tally("dots-1").by_role)
    lines = rows(export_ballots(room, fmt="csv", lang="de", titles=TITLES))
    ballots: dict[str, set[str]] = {}
    for line in lines:
        ballots.setdefault(line["ballot"], set()).add(line["group"])
    assert all(len(groups) == 1 for groups in ballots.values())  # one ballot, one group on each of its lines
    named = [groups.pop() for groups in ballots.values()]
    assert sorted(g for g in named if g) == sorted(role for role in codes.values() if role in shown)
    assert named.count("") == sum(n for role, n in sizes.items() if role not in shown)
    data = json.loads(export_ballots(room, fmt="json", lang="de", titles=TITLES))
    assert sorted(b["group"] or "" for b in data["rounds"][0]["ballots"]) == sorted(named)


def test_without_codes_no_group_is_named() -> None:
    room = Room()
    room.open(poll("frage", ["ja", "nein"]))
    for n in range(5):
        room.cast(Ballot("frage", f"phone-{n:03d}", f"browser-{n:03d}", {"ja" if n % 2 else "nein": 1}))
    lines = rows(export_ballots(room, fmt="csv", lang="en", titles={}))
    assert [line["group"] for line in lines] == [""] * 5
    assert [(line["ballot"], line["option"]) for line in lines] == [
        ("1", "ja"), ("2", "ja"), ("3", "nein"), ("4", "nein"), ("5", "nein"),
    ]  # fmt: skip  # by the answer in the round's order
    assert sorted((line["option"], line["title"], line["value"]) for line in lines) == [("ja", "ja", "1")] * 2 + [
        ("nein", "nein", "1")
    ] * 3


# -- nothing that names a voter; no order of casting ---------------------------------------------

KEYS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=12, max_size=40)
DOTS = st.fixed_dictionaries({"p1": st.integers(0, 2), "p2": st.integers(0, 2), "p3": st.integers(0, 1)})
SCORE = st.dictionaries(st.sampled_from(["p1", "p2", "p3"]), st.sampled_from([0, 1, 2.5, 3.0, 4, 5]), min_size=1)


def room_of(ballots: Sequence[tuple[str, str, Mapping[str, Any], Mapping[str, Any]]], codes: Mapping[str, str] | None) -> Room:
    """A room with a dot vote and a scoring round, each voter (key, browser) casting in both."""
    room = Room(codes)
    room.open(dot_vote("dots-1", ["p1", "p2", "p3"], 5, 3))
    room.open(SCORES)
    for voter, browser, dots, scores in ballots:
        assert room.cast(Ballot("dots-1", voter, browser, dots)) is None
        assert room.cast(Ballot("nutzen-1", voter, browser, scores)) is None
    return room


VOTERS = st.lists(st.tuples(KEYS, KEYS, DOTS, SCORE), min_size=1, max_size=12, unique_by=(lambda v: v[0], lambda v: v[1]))


@given(voters=VOTERS, with_codes=st.booleans(), lang=st.sampled_from(LANGUAGES))
def test_no_key_code_or_browser_token_is_in_the_file(
    voters: list[tuple[str, str, dict[str, int], dict[str, float]]], with_codes: bool, lang: str
) -> None:
    # The same votes under other keys: the bytes must not change, so no key can be in them.
    plain = [(f"voter-{n:06d}", f"browser-{n:06d}", dots, scores) for n, (_v, _b, dots, scores) in enumerate(voters)]

    def roles(ballots: list[tuple[str, str, dict[str, int], dict[str, float]]]) -> dict[str, str] | None:
        return {voter: ("verwaltung" if n % 2 else "rat") for n, (voter, *_rest) in enumerate(ballots)} if with_codes else None

    room = room_of(voters, roles(voters))
    assert room.voters("dots-1") == len(voters)
    secrets = {voter for voter, *_ in voters} | {browser for _v, browser, *_ in voters}
    for fmt in ("csv", "json"):
        data = export_ballots(room, fmt=fmt, lang=lang, titles=TITLES).decode("utf-8")
        baseline = export_ballots(room_of(plain, roles(plain)), fmt=fmt, lang=lang, titles=TITLES).decode("utf-8")
        assert data == baseline
        # A key that happens to spell a word of the file ("ballots_dele") is no leak.
        assert [s for s in secrets if s in data and s not in baseline] == []
        assert "voter-" not in baseline and "browser-" not in baseline


@given(voters=VOTERS, order=st.randoms(use_true_random=False))
def test_the_file_does_not_depend_on_the_order_of_casting(
    voters: list[tuple[str, str, dict[str, int], dict[str, float]]], order: Any
) -> None:
    shuffled = list(voters)
    order.shuffle(shuffled)
    codes = {voter: "verwaltung" for voter, *_ in voters}
    for fmt in ("csv", "json"):
        first = export_ballots(room_of(voters, codes), fmt=fmt, lang="de", titles=TITLES)
        assert export_ballots(room_of(shuffled, codes), fmt=fmt, lang="de", titles=TITLES) == first


def test_a_whole_number_score_reads_the_same_sent_as_int_or_float() -> None:
    a = room_of([("phone-aaaaaa", "browser-aaaaaa", {"p1": 1}, {"p1": 3}), ("phone-bbbbbb", "browser-bbbbbb", {"p1": 1}, {"p1": 3.0})], None)
    b = room_of([("phone-aaaaaa", "browser-aaaaaa", {"p1": 1}, {"p1": 3.0}), ("phone-bbbbbb", "browser-bbbbbb", {"p1": 1}, {"p1": 3})], None)
    for fmt in ("csv", "json"):
        assert export_ballots(a, fmt=fmt, lang="de", titles={}) == export_ballots(b, fmt=fmt, lang="de", titles={})
    assert b'"p1": 3\n' in export_ballots(a, fmt="json", lang="de", titles={})


def test_a_changed_vote_appears_once_with_its_latest_choices() -> None:
    room = Room()
    room.open(dot_vote("dots-1", ["p1", "p2", "p3"], 5))
    assert room.cast(Ballot("dots-1", "phone-one", "browser-one", {"p1": 5})) is None
    assert room.cast(Ballot("dots-1", "phone-two", "browser-two", {"p3": 1})) is None
    assert room.cast(Ballot("dots-1", "phone-one", "browser-one", {"p2": 2, "p3": 3})) is None
    assert room.cast(Ballot("dots-1", "phone-two", "browser-two", {"p3": 9})) is not None  # refused: the earlier one stays
    data = json.loads(export_ballots(room, fmt="json", lang="de", titles=TITLES))
    assert [b["choices"] for b in data["rounds"][0]["ballots"]] == [
        {"p1": 0, "p2": 0, "p3": 1},
        {"p1": 0, "p2": 2, "p3": 3},
    ]
    assert [b["ballot"] for b in data["rounds"][0]["ballots"]] == [1, 2]


# -- the CSV -------------------------------------------------------------------------------------


def test_the_csv_round_trips_in_long_form_with_paper_dots() -> None:
    room = room_of(
        [
            ("phone-aaaaaa", "browser-aaaaaa", {"p1": 2, "p2": 0, "p3": 1}, {"p1": 2.5, "p3": 4}),
            ("phone-bbbbbb", "browser-bbbbbb", {"p1": 1, "p2": 2, "p3": 0}, {"p2": 5}),
        ],
        None,
    )
    assert room.add_paper("dots-1", "p2", 7) is None
    data = export_ballots(room, fmt="csv", lang="de", titles=TITLES)
    assert data.decode("utf-8").splitlines()[0] == "\ufeffRunde;Art;Frage;Kriterium;Stimmzettel;Gruppe;Option;Titel;Wert"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    lines = rows(data)
    dots = [line for line in lines if line["round"] == "dots-1"]
    assert {line["kind"] for line in dots} == {"Stimmenvergabe"}
    # Every option on every dot ballot, ballots by their choices: (1, 2, 0) before (2, 0, 1).
    assert [(line["ballot"], line["option"], number(line["value"])) for line in dots] == [
        ("1", "p1", 1), ("1", "p2", 2), ("1", "p3", 0),
        ("2", "p1", 2), ("2", "p2", 0), ("2", "p3", 1),
        ("Papier", "p1", 0), ("Papier", "p2", 7), ("Papier", "p3", 0),
    ]  # fmt: skip
    # A title a spreadsheet would run as a formula is neutralised, and comes back whole.
    assert {unneutralise(line["title"]) for line in dots if line["option"] == "p2"} == {TITLES["p2"]}
    assert {line["title"] for line in dots if line["option"] == "p2"} == {"'" + TITLES["p2"]}
    scores = [line for line in lines if line["round"] == "nutzen-1"]
    assert {(line["kind"], line["criterion"]) for line in scores} == {("Bewertungsrunde", "nutzen")}
    # Only the projects a voter scored (a ballot that scored the first one first); the decimal comma.
    assert [(line["ballot"], line["option"], line["value"]) for line in scores] == [
        ("1", "p1", "2,5"), ("1", "p3", "4"), ("2", "p2", "5"),
    ]  # fmt: skip
    english = rows(export_ballots(room, fmt="csv", lang="en", titles=TITLES))
    assert {line["ballot"] for line in english} == {"1", "2", "paper"}
    assert export_ballots(room, fmt="csv", lang="en", titles=TITLES).decode("utf-8").startswith(
        "\ufeffRound;Kind;Question;Criterion;Ballot;Group;Option;Title;Value\r\n"
    )


# -- the JSON ------------------------------------------------------------------------------------

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "version", "rounds"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": 1},
        "rounds": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "round", "kind", "question", "phase", "criterion", "options", "budget", "cap", "scale",
                    "ballots_deleted", "ballots", "paper",
                ],
                "properties": {
                    "round": {"type": "string"},
                    "kind": {"enum": ["dots", "scores", "poll"]},
                    "question": {"type": ["string", "null"]},
                    "phase": {"enum": ["open", "closed", "revealed"]},
                    "criterion": {"type": ["string", "null"]},
                    "options": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "title"],
                            "properties": {"id": {"type": "string"}, "title": {"type": "string"}},
                        },
                    },
                    "budget": {"type": ["integer", "null"]},
                    "cap": {"type": ["integer", "null"]},
                    "scale": {
                        "type": ["object", "null"],
                        "required": ["low", "high"],
                        "properties": {"low": {"type": "number"}, "high": {"type": "number"}},
                    },
                    "ballots_deleted": {"type": "boolean"},
                    "ballots": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["ballot", "group", "choices"],
                            "properties": {
                                "ballot": {"type": "integer", "minimum": 1},
                                "group": {"type": ["string", "null"]},
                                "choices": {"type": "object", "additionalProperties": {"type": "number"}},
                            },
                        },
                    },
                    "paper": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                },
            },
        },
    },
}  # fmt: skip


def test_the_json_validates_and_keeps_numbers_as_numbers() -> None:
    room, _codes = code_room({"verwaltung": 3, "rat": 3})
    room.open(SCORES)
    room.cast(Ballot("nutzen-1", "code-rat-0", "browser-0003", {"p1": 2.5}))
    room.add_paper("dots-1", "p1", 2)
    data = export_ballots(room, fmt="json", lang="en", titles=TITLES)
    parsed = json.loads(data.decode("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(parsed)
    assert "Bürgerportal" in data.decode("utf-8")  # UTF-8, not \u escapes
    dots, scores = parsed["rounds"]
    assert (dots["round"], dots["kind"], dots["budget"], dots["cap"], dots["paper"]) == ("dots-1", "dots", 5, 3, {"p1": 2, "p2": 0, "p3": 0})
    assert dots["options"][1] == {"id": "p2", "title": "=WLAN im Rathaus"}  # JSON is no spreadsheet: nothing added
    assert scores["ballots"] == [{"ballot": 1, "choices": {"p1": 2.5}, "group": None}]  # rat had one voter here
    assert scores["scale"] == {"low": 0, "high": 5} and scores["criterion"] == "nutzen"
    # Stable: keys sorted, the same room the same bytes.
    assert list(parsed) == sorted(parsed) and list(dots) == sorted(dots)
    assert export_ballots(room, fmt="json", lang="de", titles=TITLES) == data


def test_a_round_whose_ballots_were_deleted_says_so_and_exports_no_ballot() -> None:
    events = [
        event("round-opened", AT, round=dot_vote("dots-1", ["p1", "p2"], 3).as_json()),
        event("ballot", AT, round="dots-1", voter="phone-aaaaaa", browser="browser-aaaaaa", choices={"p1": 3}),
        event("ballot", AT, round="dots-1", voter="phone-bbbbbb", browser="browser-bbbbbb", choices={"p2": 1}),
        event("paper", AT, round="dots-1", project="p2", dots=4),
        event("round-closed", AT, round="dots-1"),
        event("round-opened", AT, round=poll("frage", ["ja", "nein"]).as_json()),
        event("ballot", AT, round="frage", voter="phone-aaaaaa", browser="browser-aaaaaa", choices={"ja": 1}),
    ]
    kept, refused = replay(events)
    assert refused == []
    events.append(event("totals-written", AT, round="dots-1", totals=tally_json(kept.tally("dots-1"))))
    purged = [e for e in events if not (e["event"] == "ballot" and e["round"] == "dots-1")]
    room, refused = replay(purged)
    assert refused == []
    parsed = json.loads(export_ballots(room, fmt="json", lang="de", titles=TITLES))
    assert [(r["round"], r["ballots_deleted"], len(r["ballots"])) for r in parsed["rounds"]] == [("dots-1", True, 0), ("frage", False, 1)]
    assert parsed["rounds"][0]["paper"] == {"p1": 0, "p2": 4}  # counted in the room, no one's ballot
    lines = rows(export_ballots(room, fmt="csv", lang="de", titles=TITLES))
    assert [(line["round"], line["ballot"]) for line in lines] == [("dots-1", "Papier"), ("dots-1", "Papier"), ("frage", "1")]
    # Totals written but ballots kept: nothing deleted.
    room, _refused = replay(events)
    assert [r["ballots_deleted"] for r in json.loads(export_ballots(room, fmt="json", lang="de", titles={}))["rounds"]] == [False, False]


def test_an_empty_room_gives_a_header_or_no_round() -> None:
    assert rows(export_ballots(Room(), fmt="csv", lang="de", titles={})) == []
    assert json.loads(export_ballots(Room(), fmt="json", lang="de", titles={})) == {"format": FORMAT, "rounds": [], "version": 1}


def test_an_unknown_format_or_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="format"):
        export_ballots(Room(), fmt="xlsx", lang="de", titles={})  # type: ignore[arg-type]
    for fmt in ("csv", "json"):
        with pytest.raises(ValueError, match="language"):
            export_ballots(Room(), fmt=fmt, lang="fr", titles={})  # type: ignore[arg-type]


def test_the_example_in_the_docs_is_what_the_export_writes() -> None:
    codes = {f"code-{n}-xyz": "Verwaltung" for n in range(3)}
    room = Room(codes)
    room.open(dot_vote("abstimmung-1", ["buergerportal", "wlan"], 5, 3))
    for n, code in enumerate(codes):
        choices = {"buergerportal": 2, "wlan": 1} if n == 0 else {"wlan": 3}
        assert room.cast(Ballot("abstimmung-1", code, f"browser-{n}-xyz", choices)) is None
    room.add_paper("abstimmung-1", "buergerportal", 4)
    room.close("abstimmung-1")
    room.reveal("abstimmung-1")
    room.open(Round("nutzen-1", "scores", ("buergerportal", "wlan"), criterion="nutzen", low=0, high=5))
    room.cast(Ballot("nutzen-1", "code-0-xyz", "browser-0-xyz", {"buergerportal": 2.5}))
    titles = {"buergerportal": "Bürgerportal", "wlan": "WLAN im Rathaus"}
    asked = {"abstimmung-1": "Was zuerst?", "nutzen-1": "Nutzen"}
    docs = (Path(__file__).resolve().parents[2] / "docs" / "live.md").read_text("utf-8")
    section = docs[docs.index("### Exporting the ballots") :]
    shown_csv = section[section.index("```text\n") + 8 :].split("```", 1)[0]
    written = export_ballots(room, fmt="csv", lang="de", titles=titles, questions=asked).decode("utf-8")
    assert written == "\ufeff" + shown_csv.replace("\n", "\r\n")
    shown_json = section[section.index("```json\n") + 8 :].split("```", 1)[0]
    assert json.loads(shown_json) == json.loads(export_ballots(room, fmt="json", lang="de", titles=titles, questions=asked))
