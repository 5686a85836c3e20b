"""The live room's raw ballots as a file for the organisers' own evaluation: CSV or JSON.

What is in the file: per round its id, kind, criterion and options, and each
ballot that counts (the latest of each voter; an earlier one it replaced and a
refused one are not ballots) as a number 1, 2, … within its round, the voter's
role where the room would show that role's figures anyway, and the choices;
the dots counted on paper as one more ballot, ``Papier``; for a round whose
ballots were deleted after its totals were written, only that they were.

What is not, and why (DSGVO, Art. 5 (1) c and e: data minimisation, storage
limitation): no voter key, no participant code, no browser token, no time.
The ballots are numbered in an order made from their choices alone (the
order of the options, each ballot's value for each), never in the order they
were cast, so the file does not tell who voted when, and one journal always
gives the same bytes. (Two files taken at different times of an open round
differ by the ballots cast in between: take the file after the round closed.) A role is named only
where :func:`~strategy_kit.compute.ballots.shown_groups` shows it (at least
three voters, and the roles left out not one or two voters together): a role
of one person would name that person's ballot. Without a key, a code or a time
nothing links a line to a phone, a code list or a person: the file is made to
hold no personal data, so the organisers may keep it and pass it on. The
limit of any result by groups stays: a shown role whose voters all voted
alike shows each one's vote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from strategy_kit.compute.ballots import Phase, Round, shown_groups
from strategy_kit.present.labels import label

if TYPE_CHECKING:
    from strategy_kit.compute.ballots import Room
    from strategy_kit.present.export import Cell

#: The JSON file's ``format`` and ``version``: a reader checks both.
FORMAT = "strategy-kit-ballots"
VERSION = 1

Value = int | float


@dataclass(frozen=True)
class AnonymousBallot:
    """One counted ballot without its voter: its number in the round, the shown role or None, the choices.

    ``choices``: dots on every option of a dot vote (0 where none), the score of
    each scored project, ``{option: 1}`` in a poll; a whole number as an int.
    """

    number: int
    group: str | None
    choices: Mapping[str, Value]


@dataclass(frozen=True)
class RoundBallots:
    """A round's counted ballots in their canonical order, its paper dots, and whether its ballots were deleted.

    ``paper``: dots per option of a dot vote where any were counted on paper
    (every option, 0 where none), else empty.
    """

    spec: Round
    phase: Phase
    ballots: tuple[AnonymousBallot, ...]
    paper: Mapping[str, int]
    deleted: bool


def _plain(value: Value) -> Value:
    """3.0 as 3: the same choice reads the same whatever number type the phone sent."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _choices(spec: Round, choices: Mapping[str, Value]) -> dict[str, Value]:
    if spec.kind == "dots":
        return {o: int(choices.get(o, 0)) for o in spec.options}
    return {o: _plain(choices[o]) for o in spec.options if o in choices}


def _order(spec: Round, choices: Mapping[str, Value], group: str | None) -> tuple[Any, ...]:
    """The canonical sort key: each option's value in the round's order (given before absent), then the role.

    A poll's ballots come by their answer in the round's order, a scoring
    round's first those that scored the first project.
    """
    return (tuple((0, choices[o]) if o in choices else (1, 0) for o in spec.options), group or "")


def anonymous_ballots(room: Room) -> list[RoundBallots]:
    """Every round of ``room`` in the order it was opened, its counted ballots stripped of voter and order.

    Pure: reads the room, changes nothing.
    """
    result: list[RoundBallots] = []
    for state in room.rounds.values():
        spec = state.spec
        roles = {voter: room.codes.get(voter) for voter in state.ballots}
        sizes: dict[str | None, int] = {}
        for role in roles.values():
            sizes[role] = sizes.get(role, 0) + 1
        shown = set(shown_groups(sizes)) if room.codes else set()
        plain = [
            (_choices(spec, choices), roles[voter] if roles[voter] in shown else None)
            for voter, choices in state.ballots.items()
        ]
        plain.sort(key=lambda item: _order(spec, item[0], item[1]))
        ballots = tuple(AnonymousBallot(n, group, choices) for n, (choices, group) in enumerate(plain, 1))
        paper = {o: state.paper.get(o, 0) for o in spec.options} if spec.kind == "dots" and state.paper else {}
        written = state.written
        deleted = written is not None and not state.ballots and int(written.get("voters", 0)) > 0
        result.append(RoundBallots(spec, state.phase, ballots, paper, deleted))
    return result


def csv_rows(
    rounds: list[RoundBallots], *, lang: str, titles: Mapping[str, str], questions: Mapping[str, str] | None = None
) -> list[list[Cell]]:
    """Header and one row per ballot and option it gives a value (long form); paper dots as ballot ``Papier``."""
    from strategy_kit.present.export import Number

    header: list[Cell] = [
        label("live.export.round", lang),
        label("live.export.kind", lang),
        label("serve.question", lang),
        label("serve.criterion", lang),
        label("live.export.ballot", lang),
        label("live.export.group", lang),
        label("live.export.option", lang),
        label("export.title", lang),
        label("live.export.value", lang),
    ]
    rows: list[list[Cell]] = [header]
    for item in rounds:
        spec = item.spec
        first: list[Cell] = [spec.id, label(f"serve.kind_{spec.kind}", lang), (questions or {}).get(spec.id), spec.criterion]
        lines: list[tuple[Cell, str | None, Mapping[str, Value]]] = [
            (Number(b.number), b.group, b.choices) for b in item.ballots
        ]
        if item.paper:
            lines.append((label("serve.paper", lang), None, item.paper))
        for ballot, group, choices in lines:
            rows.extend([*first, ballot, group, o, titles.get(o, o), Number(v)] for o, v in choices.items())
    return rows


def json_data(
    rounds: list[RoundBallots], *, titles: Mapping[str, str], questions: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The JSON file's content: ``{"format", "version", "rounds": [...]}`` (docs/live.md shows one)."""
    data: list[dict[str, Any]] = []
    for item in rounds:
        spec = item.spec
        data.append(
            {
                "round": spec.id,
                "kind": spec.kind,
                "question": (questions or {}).get(spec.id),
                "phase": item.phase,
                "criterion": spec.criterion,
                "options": [{"id": o, "title": titles.get(o, o)} for o in spec.options],
                "budget": spec.budget if spec.kind == "dots" else None,
                "cap": spec.cap,
                "scale": {"low": _plain(spec.low), "high": _plain(spec.high)} if spec.kind == "scores" else None,
                "ballots_deleted": item.deleted,
                "ballots": [
                    {"ballot": b.number, "group": b.group, "choices": dict(b.choices)} for b in item.ballots
                ],
                "paper": dict(item.paper),
            }
        )
    return {"format": FORMAT, "version": VERSION, "rounds": data}


def export_ballots(
    room: Room,
    *,
    fmt: Literal["csv", "json"],
    lang: str,
    titles: Mapping[str, str],
    questions: Mapping[str, str] | None = None,
) -> bytes:
    """The counted ballots of every round of ``room`` as CSV or JSON bytes, anonymous (see the module).

    ``titles`` maps an option (a project id) to the title written beside it;
    an option without one is its own title (a poll's answer). ``questions``
    maps a round's id to what it asked (the screens' title). CSV: as the
    project's Excel CSV (:func:`strategy_kit.present.export.write_table`: UTF-8
    with BOM, ``;``, CRLF, decimal comma, formulas neutralised), long form
    with the columns round, kind, question, criterion, ballot, group, option, title,
    value, headed in ``lang``. JSON: UTF-8, keys sorted, numbers as numbers,
    :func:`json_data`'s shape; ``lang`` is not used (ids, not words).

    Raises ``ValueError`` for another ``fmt`` or a language other than de and en.
    """
    rounds = anonymous_ballots(room)
    if fmt == "csv":
        from strategy_kit.present.export import write_table

        return write_table(csv_rows(rounds, lang=lang, titles=titles, questions=questions))
    if fmt == "json":
        label("live.export.round", lang)  # the same languages as the CSV
        text = json.dumps(json_data(rounds, titles=titles, questions=questions), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
        return (text + "\n").encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; use 'csv' or 'json'")
