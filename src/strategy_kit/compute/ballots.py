"""The rounds of the live room and their rules: dot votes, scoring rounds, quick polls.

Pure: no clock, no file, no network. A :class:`Room` holds the rounds of one
workshop day and the ballots cast in them; every change to it is an event (a
plain JSON object, the journal's line, :mod:`strategy_kit.files.journal`), so
the same events replayed after a crash give the same room.

The rules:

* A round is opened, closed and revealed, in that order; a closed round may
  be opened again until it is revealed. Ballots are taken only while it is open.
* A voter is a key: an opaque random token of the phone, or a participant
  code (which carries a role). Where codes are issued, only a code votes, and
  a code votes from the first browser that used it only.
* The latest accepted ballot of a voter counts; an earlier one is replaced.
* Dots: a whole number per project, at most ``budget`` in all and at most
  ``cap`` on one project. Paper dots counted in the room add to the phone dots.
* Scores: each project a number on the criterion's scale; a project a voter
  left out is not scored by that voter. A project's score is the mean or the
  median of its scores.
* Poll: exactly one option.
* A breakdown by role is given only where codes carry roles, and only for roles
  of at least :data:`MIN_GROUP` voters; a role is left out, too, when the roles
  left out would otherwise add up to one or two voters (the total minus the
  shown roles would show them).

A refused ballot is a :class:`Refusal`: a reason key and its values, which
:func:`strategy_kit.present.live.refusal_text` words for the phone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from statistics import median
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from strategy_kit.document.model import Criterion

Kind = Literal["dots", "scores", "poll"]
Phase = Literal["open", "closed", "revealed"]
Method = Literal["mean", "median"]
R = TypeVar("R", str, str | None)

#: The fewest voters a role's own figures are shown for.
MIN_GROUP = 3
#: A voter key or a browser token: 6 to 128 letters, digits, ``-`` and ``_``.
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{6,128}")
#: More dots than anyone sticks on a board; a larger budget is a slip.
MAX_BUDGET = 100
#: Options of a round: projects of a workshop, or a poll's answers.
MAX_OPTIONS = 500
#: The agenda clock's events, which the room passes over.
SESSION_EVENTS = ("session-started", "session-paused", "session-resumed", "session-extended", "session-ended")


@dataclass(frozen=True)
class Refusal:
    """Why a ballot, a paper count or a step of a round was not taken.

    ``reason`` is a key (``over-budget``); ``values`` fill its wording
    (``{"budget": 5, "given": 7}``).
    """

    reason: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.values.items())
        return f"{self.reason} ({shown})" if shown else self.reason


class RoundError(ValueError):
    """A round defined wrongly by the facilitator (no options, a budget of 0): a usage error."""


@dataclass(frozen=True)
class Round:
    """What a round asks.

    ``options`` are project ids (dots, scores) or a poll's answers. ``budget``
    and ``cap`` are dots per voter (``cap`` on one project; None: no cap).
    ``low`` and ``high`` bound a score (the criterion's scale).
    """

    id: str
    kind: Kind
    options: tuple[str, ...]
    budget: int = 0
    cap: int | None = None
    criterion: str | None = None
    low: float = 0.0
    high: float = 5.0

    def __post_init__(self) -> None:
        if len(self.id) > 64 or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", self.id):
            raise RoundError(f"round id {self.id!r}: use lowercase letters, digits and single hyphens")
        if not self.options:
            raise RoundError(f"round {self.id!r} has nothing to vote on")
        if len(self.options) > MAX_OPTIONS:
            raise RoundError(f"round {self.id!r} has {len(self.options)} options, more than {MAX_OPTIONS}")
        if len(set(self.options)) != len(self.options):
            raise RoundError(f"round {self.id!r} names an option twice")
        if self.kind == "dots":
            if not 1 <= self.budget <= MAX_BUDGET:
                raise RoundError(f"round {self.id!r}: a budget of 1 to {MAX_BUDGET} dots per person, not {self.budget}")
            if self.cap is not None and not 1 <= self.cap <= self.budget:
                raise RoundError(f"round {self.id!r}: a cap of 1 to {self.budget} dots per project, not {self.cap}")
        if self.kind == "scores":
            if self.criterion is None:
                raise RoundError(f"round {self.id!r}: a scoring round names its criterion")
            if not (math.isfinite(self.low) and math.isfinite(self.high) and self.low < self.high):
                raise RoundError(f"round {self.id!r}: the scale {self.low}-{self.high} is empty")

    def as_json(self) -> dict[str, Any]:
        """The round as the journal keeps it (:func:`round_from_json` reads it back)."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "options": list(self.options)}
        if self.kind == "dots":
            data["budget"] = self.budget
            if self.cap is not None:
                data["cap"] = self.cap
        if self.kind == "scores":
            data.update(criterion=self.criterion, low=self.low, high=self.high)
        return data


def dot_vote(ident: str, projects: Sequence[str], budget: int, cap: int | None = None) -> Round:
    """A dot vote on ``projects``: ``budget`` dots per voter, at most ``cap`` on one project."""
    return Round(ident, "dots", tuple(projects), budget=budget, cap=cap)


def scoring(ident: str, criterion: Criterion, projects: Sequence[str]) -> Round:
    """A scoring round: each voter scores ``projects`` on ``criterion``'s scale (``scale.min`` to ``scale.max``)."""
    return Round(
        ident, "scores", tuple(projects), criterion=criterion.id, low=float(criterion.scale.min), high=float(criterion.scale.max)
    )


def poll(ident: str, options: Sequence[str]) -> Round:
    """A quick poll: one choice among ``options``."""
    return Round(ident, "poll", tuple(options))


def round_from_json(data: Mapping[str, Any]) -> Round:
    """A round from :meth:`Round.as_json`; a malformed one raises :class:`RoundError`."""
    try:
        kind = data["kind"]
        if kind not in ("dots", "scores", "poll"):
            raise RoundError(f"unknown kind of round {kind!r}")
        cap = data.get("cap")
        return Round(
            str(data["id"]),
            kind,
            tuple(str(o) for o in data["options"]),
            budget=int(data.get("budget", 0)),
            cap=None if cap is None else int(cap),
            criterion=data.get("criterion"),
            low=float(data.get("low", 0.0)),
            high=float(data.get("high", 5.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RoundError):
            raise
        raise RoundError(f"a round the journal cannot read: {exc}") from None


@dataclass(frozen=True)
class Ballot:
    """One voter's choices in one round.

    ``choices``: dots per project, a score per project, or ``{option: 1}`` in a
    poll. ``voter`` is the opaque key or participant code; ``browser`` the
    phone's own random token (a code is bound to the first that used it).
    """

    round: str
    voter: str
    browser: str
    choices: Mapping[str, int | float]

    def as_json(self) -> dict[str, Any]:
        return {"round": self.round, "voter": self.voter, "browser": self.browser, "choices": dict(self.choices)}


@dataclass
class _State:
    spec: Round
    phase: Phase = "open"
    ballots: dict[str, Mapping[str, int | float]] = field(default_factory=dict)
    paper: dict[str, int] = field(default_factory=dict)
    #: Totals written to the file (and kept in the journal when its ballots are purged).
    written: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class RoleFigures:
    """One role's share of a round: its voters and its totals (as :attr:`Tally.totals`)."""

    voters: int
    totals: Mapping[str, Fraction]


@dataclass(frozen=True)
class Tally:
    """A round's result.

    ``totals``: dots per project (phone plus paper), a score per project (mean
    or median, exact; a project nobody scored is absent), or votes per poll
    option. ``phone`` and ``paper`` split the dots; ``counted`` is how many
    voters scored each project. ``by_role`` is empty unless codes with roles
    were used (see the module's rule of at least :data:`MIN_GROUP`).
    """

    round: str
    kind: Kind
    voters: int
    totals: Mapping[str, Fraction]
    phone: Mapping[str, int] = field(default_factory=dict)
    paper: Mapping[str, int] = field(default_factory=dict)
    counted: Mapping[str, int] = field(default_factory=dict)
    method: Method = "mean"
    by_role: Mapping[str, RoleFigures] = field(default_factory=dict)
    #: The criterion of a scoring round.
    criterion: str | None = None


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def judge(spec: Round, choices: Mapping[str, Any]) -> Refusal | None:
    """Whether ``choices`` is a valid ballot of ``spec`` (the round's phase aside)."""
    if not isinstance(choices, Mapping) or not choices:
        return Refusal("empty")
    unknown = [key for key in choices if key not in spec.options]
    if unknown:
        what = "unknown-option" if spec.kind == "poll" else "unknown-project"
        return Refusal(what, {"option": str(unknown[0])[:80]})
    if spec.kind == "poll":
        (_option, value), *rest = choices.items()
        if rest or value != 1 or isinstance(value, bool):
            return Refusal("one-choice")
        return None
    if spec.kind == "dots":
        for project, dots in choices.items():
            if not _number(dots) or dots != int(dots) or dots < 0:
                return Refusal("not-dots", {"project": project})
            if spec.cap is not None and dots > spec.cap:
                return Refusal("over-cap", {"project": project, "cap": spec.cap, "given": int(dots)})
        given = sum(int(d) for d in choices.values())
        if given > spec.budget:
            return Refusal("over-budget", {"budget": spec.budget, "given": given})
        return None
    for project, score in choices.items():
        if not _number(score):
            return Refusal("not-a-score", {"project": project})
        if not spec.low <= score <= spec.high:
            return Refusal("outside-scale", {"project": project, "low": spec.low, "high": spec.high, "given": score})
    return None


class Room:
    """The rounds of a workshop day and their ballots; changed by events only.

    ``codes`` maps each issued participant code to its group (a department or
    a role; None for a spare card, counted among the hidden; empty: phones
    vote with their own tokens). Every method that changes the room returns
    ``None`` when it did, a :class:`Refusal` when it did not; :meth:`apply` does
    the same for an event read from the journal.
    """

    def __init__(self, codes: Mapping[str, str | None] | None = None) -> None:
        self.codes: dict[str, str | None] = dict(codes or {})
        self.rounds: dict[str, _State] = {}
        #: The browser each code was first used from.
        self.bound: dict[str, str] = {}

    # -- the facilitator's steps ----------------------------------------------------------

    def open(self, spec: Round) -> Refusal | None:
        """Open a new round, or open a closed one again (same id, same definition)."""
        state = self.rounds.get(spec.id)
        if state is None:
            self.rounds[spec.id] = _State(spec)
            return None
        if state.spec != spec:
            return Refusal("round-exists", {"round": spec.id})
        if state.phase == "revealed":
            return Refusal("round-revealed", {"round": spec.id})
        state.phase = "open"
        return None

    def close(self, ident: str) -> Refusal | None:
        state = self.rounds.get(ident)
        if state is None:
            return Refusal("unknown-round", {"round": ident})
        if state.phase != "open":
            return Refusal("round-not-open", {"round": ident})
        state.phase = "closed"
        return None

    def reveal(self, ident: str) -> Refusal | None:
        """Show a closed round's result; it is final from then on."""
        state = self.rounds.get(ident)
        if state is None:
            return Refusal("unknown-round", {"round": ident})
        if state.phase == "open":
            return Refusal("round-still-open", {"round": ident})
        state.phase = "revealed"
        return None

    def add_paper(self, ident: str, project: str, dots: int) -> Refusal | None:
        """Add dots counted on paper to ``project`` (negative to correct a count; never below 0)."""
        state = self.rounds.get(ident)
        if state is None:
            return Refusal("unknown-round", {"round": ident})
        if state.spec.kind != "dots":
            return Refusal("not-a-dot-vote", {"round": ident})
        if state.phase == "revealed":
            return Refusal("round-revealed", {"round": ident})
        if project not in state.spec.options:
            return Refusal("unknown-project", {"option": project[:80]})
        if not _number(dots) or dots != int(dots):
            return Refusal("not-dots", {"project": project})
        new = state.paper.get(project, 0) + int(dots)
        if new < 0:
            return Refusal("paper-below-zero", {"project": project, "paper": state.paper.get(project, 0)})
        state.paper[project] = new
        return None

    # -- a participant's ballot -----------------------------------------------------------

    def cast(self, ballot: Ballot) -> Refusal | None:
        """Take ``ballot`` if the round is open and it keeps every rule; it replaces the voter's earlier one."""
        state = self.rounds.get(ballot.round)
        if state is None:
            return Refusal("unknown-round", {"round": ballot.round[:80]})
        if state.phase != "open":
            return Refusal("round-not-open", {"round": ballot.round})
        if not KEY_PATTERN.fullmatch(ballot.browser):
            return Refusal("bad-key")
        if self.codes:
            if ballot.voter not in self.codes:
                return Refusal("unknown-code")
            owner = self.bound.get(ballot.voter)
            if owner is not None and owner != ballot.browser:
                return Refusal("code-in-use")
        elif not KEY_PATTERN.fullmatch(ballot.voter):
            return Refusal("bad-key")
        refusal = judge(state.spec, ballot.choices)
        if refusal is not None:
            return refusal
        if self.codes:
            self.bound.setdefault(ballot.voter, ballot.browser)
        state.ballots.pop(ballot.voter, None)  # the latest comes last, for a stable order
        state.ballots[ballot.voter] = dict(ballot.choices)
        return None

    def phase(self, ident: str) -> Phase | None:
        state = self.rounds.get(ident)
        return None if state is None else state.phase

    def voters(self, ident: str) -> int:
        """How many have voted in a round: shown to the facilitator, never who voted what."""
        state = self.rounds.get(ident)
        return 0 if state is None else len(state.ballots)

    # -- results -------------------------------------------------------------------------

    def tally(self, ident: str, method: Method = "mean") -> Tally:
        """The round's result (KeyError for an unknown round).

        A round whose ballots were purged from the journal after its totals
        were written gives those totals back.
        """
        state = self.rounds[ident]
        if state.written is not None and not state.ballots:
            return tally_from_json(state.written)
        spec = state.spec
        result = _totals(spec, state.ballots.values(), state.paper, method)
        by_role: dict[str, RoleFigures] = {}
        if self.codes:
            groups: dict[str | None, list[Mapping[str, int | float]]] = {}
            for voter, choices in state.ballots.items():
                # Ballots cast before codes were issued have no role: they count as left out.
                groups.setdefault(self.codes.get(voter), []).append(choices)
            sizes = {role: len(b) for role, b in groups.items()}
            for role in shown_groups(sizes):
                if role is not None:
                    by_role[role] = RoleFigures(len(groups[role]), _totals(spec, groups[role], {}, method).totals)
        return Tally(
            spec.id, spec.kind, len(state.ballots), result.totals, result.phone, dict(state.paper) if spec.kind == "dots" else {},
            result.counted, method, by_role, spec.criterion,
        )

    # -- events --------------------------------------------------------------------------

    def apply(self, event: Mapping[str, Any]) -> Refusal | None:
        """Replay one journal event (see :func:`event`); an event the room cannot take is refused."""
        kind = event.get("event")
        try:
            if kind == "round-opened":
                return self.open(round_from_json(event["round"]))
            if kind == "round-closed":
                return self.close(str(event["round"]))
            if kind == "round-revealed":
                return self.reveal(str(event["round"]))
            if kind == "ballot":
                return self.cast(
                    Ballot(str(event["round"]), str(event["voter"]), str(event["browser"]), dict(event["choices"]))
                )
            if kind == "paper":
                return self.add_paper(str(event["round"]), str(event["project"]), event["dots"])
            if kind == "codes":
                # A spare card's code carries no group: None, never the text "None".
                self.codes.update({str(c): None if r is None else str(r) for c, r in event["codes"].items()})
                return None
            if kind == "totals-written":
                state = self.rounds.get(str(event["round"]))
                if state is None:
                    return Refusal("unknown-round", {"round": str(event["round"])})
                state.written = event["totals"]
                return None
            if kind in SESSION_EVENTS:
                return None  # the agenda clock's (strategy_kit.compute.clock), not the room's
        except (KeyError, TypeError, AttributeError, RoundError):
            return Refusal("bad-event", {"event": str(kind)[:40]})
        return Refusal("bad-event", {"event": str(kind)[:40]})


def shown_groups(sizes: Mapping[R, int]) -> list[R]:
    """The groups whose figures may be shown: each of at least :data:`MIN_GROUP` voters, and those
    left out together either none or at least :data:`MIN_GROUP` (else the smallest shown one goes too).

    A group ``None`` (voters without a role) is counted among those left out, never shown.
    """
    shown = sorted(
        (role for role, n in sizes.items() if n >= MIN_GROUP and role is not None), key=lambda r: (sizes[r], str(r))
    )
    hidden = sum(n for role, n in sizes.items() if role not in shown)
    while shown and 0 < hidden < MIN_GROUP:
        role = shown.pop(0)
        hidden += sizes[role]
    return sorted(shown, key=str)


def _totals(
    spec: Round, ballots: Iterable[Mapping[str, int | float]], paper: Mapping[str, int], method: Method
) -> Tally:
    if spec.kind == "scores":
        scores: dict[str, list[Fraction]] = {}
        for choices in ballots:
            for project, score in choices.items():
                scores.setdefault(project, []).append(Fraction(score))
        totals = {p: _aggregate(scores[p], method) for p in spec.options if p in scores}
        return Tally(spec.id, spec.kind, 0, totals, counted={p: len(scores[p]) for p in totals}, method=method)
    phone = dict.fromkeys(spec.options, 0)
    for choices in ballots:
        for option, count in choices.items():
            phone[option] += int(count)
    totals = {o: Fraction(phone[o] + paper.get(o, 0)) for o in spec.options}
    return Tally(spec.id, spec.kind, 0, totals, phone=phone)


def _aggregate(values: list[Fraction], method: Method) -> Fraction:
    if method == "median":
        return Fraction(median(sorted(values)))
    return sum(values, Fraction(0)) / len(values)


def tally_json(tally: Tally) -> dict[str, Any]:
    """A tally as the journal's ``totals-written`` event keeps it (no ballot, no voter)."""
    return {
        "round": tally.round,
        "kind": tally.kind,
        "voters": tally.voters,
        "method": tally.method,
        "criterion": tally.criterion,
        "totals": {k: [v.numerator, v.denominator] for k, v in tally.totals.items()},
        "phone": dict(tally.phone),
        "paper": dict(tally.paper),
        "counted": dict(tally.counted),
        "by_role": {
            role: {"voters": f.voters, "totals": {k: [v.numerator, v.denominator] for k, v in f.totals.items()}}
            for role, f in tally.by_role.items()
        },
    }


def tally_from_json(data: Mapping[str, Any]) -> Tally:
    """The tally :func:`tally_json` wrote."""

    def fractions(values: Mapping[str, Sequence[int]]) -> dict[str, Fraction]:
        return {k: Fraction(int(v[0]), int(v[1])) for k, v in values.items()}

    return Tally(
        str(data["round"]),
        data["kind"],
        int(data["voters"]),
        fractions(data["totals"]),
        dict(data.get("phone", {})),
        dict(data.get("paper", {})),
        dict(data.get("counted", {})),
        data.get("method", "mean"),
        {r: RoleFigures(int(f["voters"]), fractions(f["totals"])) for r, f in data.get("by_role", {}).items()},
        data.get("criterion"),
    )


def event(kind: str, at: str, **values: Any) -> dict[str, Any]:
    """A journal event: ``{"event": kind, "at": at, ...values}``.

    The kinds: ``round-opened`` (``round``: :meth:`Round.as_json`),
    ``round-closed``, ``round-revealed`` (``round``: its id), ``ballot``
    (:meth:`Ballot.as_json`'s keys), ``paper`` (``round``, ``project``,
    ``dots``), ``codes`` (``codes``: code to group, or null), ``totals-written``
    (``round``, ``totals``: :func:`tally_json`), ``session-started`` and
    ``session-ended`` (``session``: its reference), ``session-paused``,
    ``session-resumed``, ``session-extended`` (``minutes``): the agenda clock's,
    :mod:`strategy_kit.compute.clock`. ``at`` is an ISO 8601 time
    with its offset, given by the caller (this module reads no clock).
    """
    return {"event": kind, "at": at, **values}


def replay(events: Iterable[Mapping[str, Any]], codes: Mapping[str, str | None] | None = None) -> tuple[Room, list[tuple[int, Refusal]]]:
    """The room the events build, and each event (by position, 0 first) it refused."""
    room = Room(codes)
    refused: list[tuple[int, Refusal]] = []
    for number, item in enumerate(events):
        refusal = room.apply(item)
        if refusal is not None:
            refused.append((number, refusal))
    return room, refused


def questions(events: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """What each round asked, by its id: the ``title`` of its latest ``round-opened`` event
    (a poll's question, a criterion's title); a round opened without one is absent."""
    asked: dict[str, str] = {}
    for item in events:
        spec = item.get("round")
        if item.get("event") == "round-opened" and isinstance(spec, Mapping) and isinstance(item.get("title"), str):
            asked[str(spec.get("id"))] = item["title"]
    return asked


def session_times(events: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, str | None]]:
    """Each session's actual start and end (ISO texts as recorded), by the session's reference.

    The first start and the last end count: a session paused and resumed ran
    from its first start to its last end; a session started but not ended has
    no end (None).
    """
    times: dict[str, tuple[str, str | None]] = {}
    for item in events:
        kind = item.get("event")
        ref, at = item.get("session"), item.get("at")
        if not isinstance(ref, str) or not isinstance(at, str):
            continue
        if kind == "session-started" and ref not in times:
            times[ref] = (at, None)
        elif kind == "session-ended" and ref in times:
            times[ref] = (times[ref][0], at)
    return times
