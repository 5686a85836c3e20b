"""What the live room decided, written into the workshop file: votes, scores, actual session times.

One call of :func:`write_back` is one edit through the edit transaction
(:func:`strategy_kit.change.transaction.edit_file`): every value spliced into
the file's own text, comments, order and quoting kept, the result validated,
written atomically, or with ``dry_run`` only shown as a diff.

* A dot vote's totals (phone and paper dots) become each project's ``votes``.
* A scoring round's mean or median (the file's ``live.scores``) becomes the
  project's score on the round's criterion, rounded half up to
  :data:`PLACES` decimals; a project nobody scored keeps its score.
* A session's recorded start and end become its ``actual`` times, as clock
  times of its day in the workshop's time zone: the start to the minute
  before, the end to the minute after, so a session never looks shorter than it was.

:func:`close_round` is the room's whole step after a round closed: write its
totals, note them in the journal, and delete its raw ballots when the file
says ``live: {keep_ballots: false}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.change.edit import PROJECT_ORDER, record_scores
from strategy_kit.change.splice import Editor, refuse
from strategy_kit.change.transaction import EditResult, edit_file
from strategy_kit.compute.ballots import Method, Tally
from strategy_kit.document.diagnostics import Exit
from strategy_kit.document.model import LiveSettings, Session, WorkshopDocument

if TYPE_CHECKING:
    from strategy_kit.compute.ballots import Room
    from strategy_kit.files.journal import Journal

#: Decimals of a mean or median written as a score: 2.67 for 8/3.
PLACES = 2
SESSION_ORDER = tuple(Session.model_fields)


def settings(document: WorkshopDocument) -> LiveSettings:
    """The file's ``live`` section, its defaults where it has none."""
    return document.live or LiveSettings()


def score_number(value: Fraction) -> int | float:
    """A mean or median as the file writes it: half up to :data:`PLACES` decimals, a whole number as one."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = exact.quantize(Decimal(1).scaleb(-PLACES), rounding=ROUND_HALF_UP)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


@dataclass(frozen=True)
class Times:
    """A session's recorded start and end: ISO 8601 times with their offsets, as the journal keeps them."""

    start: str
    end: str


def ended_sessions(events: Iterable[Mapping[str, Any]]) -> dict[str, Times]:
    """The recorded times of every session the journal's ``events`` started and ended (one still
    running is left out), for :func:`write_back`: :func:`strategy_kit.compute.ballots.session_times`."""
    from strategy_kit.compute.ballots import session_times

    return {ref: Times(start, end) for ref, (start, end) in session_times(events).items() if end is not None}


def write_back(
    path: Path | str,
    tallies: Sequence[Tally] = (),
    sessions: Mapping[str, Times] | None = None,
    *,
    dry_run: bool = False,
) -> EditResult:
    """Write ``tallies`` (dot votes and scoring rounds; polls have no place in the file) and the
    ``sessions``' actual times into the workshop at ``path``, as one edit.

    A session is named by its ``id``, or by ``BLOCK/N`` (its block's id and its
    place in the block, 1 first). Raises
    :class:`~strategy_kit.change.splice.EditError`: an unknown project,
    criterion or session, a score outside its scale, a time not on the
    session's day, a file changed meanwhile; then nothing is written.
    """

    def change(editor: Editor) -> None:
        for tally in tallies:
            if tally.kind == "dots":
                _votes(editor, tally)
            elif tally.kind == "scores":
                _scores(editor, tally)
        for ref, times in (sessions or {}).items():
            _session(editor, ref, times)

    return edit_file(path, change, dry_run=dry_run)


def _votes(editor: Editor, tally: Tally) -> None:
    from strategy_kit.change.edit import item_index

    for project, total in tally.totals.items():
        index = item_index(editor, "projects", project, "project")
        old = editor.get(("projects", index, "votes"))
        new = int(total)
        if old != new and not (old is None and new == 0):
            editor.set_scalar(("projects", index, "votes"), new, order=PROJECT_ORDER)
        editor.notes.append(f"{project}: votes {0 if old is None else old} -> {new}")


def _scores(editor: Editor, tally: Tally) -> None:
    criterion = tally.criterion
    if criterion is None:  # pragma: no cover - a scoring round always names one
        raise refuse(editor.source, f"round {tally.round!r} names no criterion", exit_code=Exit.USAGE)
    for project, value in tally.totals.items():
        record_scores(editor, project, {criterion: score_number(value)})


def _session_at(editor: Editor, ref: str) -> tuple[tuple[Any, ...], dt.date | None]:
    """The path of the session ``ref`` names and its day's date."""
    block_ref, _, number = ref.partition("/")
    for d, day in enumerate(editor.get(("days",), None) or []):
        if not isinstance(day, dict):
            continue
        for b, block in enumerate(day.get("blocks") or []):
            if not isinstance(block, dict):
                continue
            for s, session in enumerate(block.get("sessions") or []):
                if not isinstance(session, dict):
                    continue
                if session.get("id") == ref or (
                    number.isdigit() and block.get("id") == block_ref and s == int(number) - 1
                ):
                    date = day.get("date")
                    return ("days", d, "blocks", b, "sessions", s), date if isinstance(date, dt.date) else None
    raise refuse(
        editor.source, f"no session {ref!r}; name a session by its id or as BLOCK/N", data=editor.data, at=("days",),
        exit_code=Exit.USAGE,
    )


def _session(editor: Editor, ref: str, times: Times) -> None:
    from zoneinfo import ZoneInfo

    from strategy_kit.document.durations import format_clock

    loc, day = _session_at(editor, ref)
    workshop = editor.get(("workshop",), {})
    zone = ZoneInfo(workshop.get("timezone", "Europe/Berlin") if isinstance(workshop, dict) else "Europe/Berlin")
    try:
        start = dt.datetime.fromisoformat(times.start).astimezone(zone)
        end = dt.datetime.fromisoformat(times.end).astimezone(zone)
    except ValueError as exc:
        raise refuse(editor.source, f"session {ref!r}: {exc}", exit_code=Exit.USAGE) from None
    start_minute = start.replace(second=0, microsecond=0)
    end_minute = end.replace(second=0, microsecond=0)
    if end_minute != end:
        end_minute += dt.timedelta(minutes=1)
    if day is not None and start_minute.date() != day:
        raise refuse(
            editor.source,
            f"session {ref!r} is on {day.isoformat()}; it was recorded on {start_minute.date().isoformat()}",
            data=editor.data, at=loc, exit_code=Exit.USAGE,
        )
    midnight = dt.datetime.combine(start_minute.date() + dt.timedelta(days=1), dt.time(), zone)
    if end_minute > midnight:
        raise refuse(
            editor.source, f"session {ref!r} was recorded to end on another day ({end.isoformat()})",
            data=editor.data, at=loc, exit_code=Exit.USAGE,
        )
    start_text = format_clock(start_minute.time())
    end_text = "24:00" if end_minute == midnight else format_clock(end_minute.time())
    written = editor.get((*loc, "actual"))
    if isinstance(written, dict):
        for key, text in (("start", start_text), ("end", end_text)):
            if written.get(key) != text:
                editor.set_scalar((*loc, "actual", key), text)
    else:
        editor.insert_key(loc, "actual", {"start": start_text, "end": end_text}, order=SESSION_ORDER)
    editor.notes.append(f"{ref}: ran {start_text}-{end_text}")


def close_round(
    path: Path | str,
    journal: Journal,
    room: Room,
    ident: str,
    *,
    at: str,
    sessions: Mapping[str, Times] | None = None,
    dry_run: bool = False,
) -> tuple[Tally, EditResult]:
    """Write the closed round ``ident``'s totals (and ``sessions``' times) into the workshop at ``path``.

    The score is the mean or median the file's ``live.scores`` names. After
    the file is written, a ``totals-written`` event with the totals goes into
    ``journal``; with ``live: {keep_ballots: false}`` the round's raw ballots
    are then deleted from it. ``dry_run`` changes neither. Raises
    :class:`~strategy_kit.change.splice.EditError` (nothing written) and
    ``ValueError`` for a round that is still open.
    """
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.ballots import event, tally_json

    if room.phase(ident) == "open":
        raise ValueError(f"round {ident!r} is still open; close it first")
    loaded = load_document(path)
    chosen = settings(loaded.document)
    method: Method = chosen.scores
    tally = room.tally(ident, method)
    result = write_back(path, [tally], sessions, dry_run=dry_run)
    if not dry_run:
        journal.append(event("totals-written", at, round=ident, totals=tally_json(tally)))
        if not chosen.keep_ballots:
            journal.purge_ballots()
    return tally, result
