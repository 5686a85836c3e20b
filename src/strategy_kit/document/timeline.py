"""When the sessions of one day start and end, and whether that can happen: the one rule.

``check`` (:mod:`strategy_kit.check.rules`) and the timing engine
(:mod:`strategy_kit.compute.timing`) both lay a day out here, so a file
``check`` passes is a file ``plan`` can lay out, and both say why not in the
same words at the same place.

Each session starts when the one before it ends, unless it has a fixed
``start``. Consecutive sessions with a ``track`` form one parallel slot;
sessions of the same track run one after another, different tracks side by
side, and the slot ends when its longest track ends.

Time is elapsed time in the workshop's zone (the IANA database through
:mod:`zoneinfo`): the day's ``start`` is a wall-clock time made absolute, a
session lasts its ``duration`` in elapsed minutes from there, and wall-clock
times are computed back from those instants. A written clock time that does
not exist (the hour the clocks skip) or exists twice (the hour they repeat)
is read as RFC 5545, section 3.3.5 reads a ``DTSTART`` with a ``TZID``: a
skipped time with the offset before the gap, a repeated time as its first
occurrence.

Findings are ``(severity, path, message)`` with the path into the document
(``("days", 0, "blocks", 1, "sessions", 2, "start")``); the caller positions
them in its file. Errors: a fixed start before the previous session ends or
before the day starts, parallel tracks with different fixed starts, a day
running past midnight. Warnings: unplanned time before a fixed start, a
written time that the switch to or from summer time skips or repeats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from strategy_kit.document.durations import END_OF_DAY, format_clock, format_duration
from strategy_kit.document.model import Day, Session, SessionKind

Path = tuple[str | int, ...]
Finding = tuple[Literal["error", "warning"], Path, str]


def elapsed_minutes(a: dt.datetime, b: dt.datetime) -> int:
    """Whole minutes from ``a`` to ``b`` in elapsed time (aware date-times, compared in UTC).

    Python subtracts two date-times of the same ``tzinfo`` on the wall clock; across a
    switch to or from summer time that is an hour off, so both go to UTC first.
    """
    return int((b.astimezone(dt.UTC) - a.astimezone(dt.UTC)).total_seconds() // 60)


def local_time(zone: ZoneInfo, date: dt.date, clock: dt.time) -> tuple[dt.datetime, str | None]:
    """The instant a wall-clock time on ``date`` names in ``zone``, and why it is doubtful.

    ``24:00`` (:data:`~strategy_kit.document.durations.END_OF_DAY`) is midnight at the
    end of ``date``. A time the clocks skip is read with the offset before the gap, a
    time they repeat as its first occurrence (RFC 5545, 3.3.5); the second element
    then says so in words, else it is None. The result is normalised: its wall clock
    and ``fold`` are those of the instant (a skipped 02:30 comes back as 03:30).
    """
    if clock == END_OF_DAY:
        naive = dt.datetime.combine(date + dt.timedelta(days=1), dt.time())
    else:
        naive = dt.datetime.combine(date, clock)
    first = naive.replace(tzinfo=zone)
    second = naive.replace(tzinfo=zone, fold=1)
    instant = first.astimezone(dt.UTC).astimezone(zone)
    shown = format_clock(clock)
    if first.utcoffset() == second.utcoffset():
        return instant, None
    if instant.replace(tzinfo=None) != naive:
        return instant, (
            f"{shown} does not exist on {date.isoformat()} in {zone.key}: the clocks go "
            f"forward; it is read as {instant:%H:%M} {instant:%Z}, as calendars do "
            "(RFC 5545, 3.3.5)"
        )
    return instant, (
        f"{shown} occurs twice on {date.isoformat()} in {zone.key}: the clocks go back; it "
        f"is read as the first, {instant:%H:%M} {instant:%Z}, as calendars do (RFC 5545, 3.3.5)"
    )


@dataclass(frozen=True)
class Placed:
    """One session laid out: minutes from the day's start to its start and end."""

    block: int
    index: int
    begin: int
    end: int
    slot: int | None
    """Number of the parallel slot within its day (1, 2, ...), None outside slots."""


@dataclass(frozen=True)
class Unit:
    """A session alone, or a parallel slot: what follows one another on the day."""

    block: int
    indexes: tuple[int, ...]
    start: int
    end: int
    idle: int
    """Unplanned minutes before the unit's fixed start."""


@dataclass
class DayLayout:
    """A day laid out in minutes of elapsed time from its start (``origin``, in UTC)."""

    zone: ZoneInfo
    origin: dt.datetime
    planned_end: int
    """The ``end`` written in the file."""
    end: int = 0
    """When the last session ends (0 when there is none)."""
    sessions: list[Placed] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)
    """Each block's (start, end): the time before its first session and after its last."""
    findings: list[Finding] = field(default_factory=list)

    def at(self, minutes: int) -> dt.datetime:
        """The instant ``minutes`` of elapsed time after the day's start, on the local clock."""
        return (self.origin + dt.timedelta(minutes=minutes)).astimezone(self.zone)

    def hm(self, minutes: int) -> str:
        """``14:30``: the local clock ``minutes`` after the day's start."""
        return f"{self.at(minutes):%H:%M}"


def slots(sessions: Sequence[Session]) -> list[list[int]]:
    """Indexes grouped into units: one session, or a run of consecutive sessions with a track."""
    groups: list[list[int]] = []
    for index, session in enumerate(sessions):
        if session.track is not None and groups and sessions[groups[-1][0]].track is not None:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def lay_out(day: Day, zone: ZoneInfo, index: int) -> DayLayout:
    """Lay out ``day`` (the ``index``-th of the document) in ``zone``; findings included."""
    return _Layout(day, zone, index).run()


def errors(day: Day, zone: ZoneInfo, index: int) -> list[Finding]:
    """Why ``day`` cannot happen as written: the errors of :func:`lay_out`."""
    return [f for f in lay_out(day, zone, index).findings if f[0] == "error"]


class _Layout:
    def __init__(self, day: Day, zone: ZoneInfo, index: int) -> None:
        self.day = day
        self.path: Path = ("days", index)
        start, doubt = local_time(zone, day.date, day.start)
        self.out = DayLayout(zone=zone, origin=start.astimezone(dt.UTC), planned_end=0)
        if doubt is not None:
            self.out.findings.append(("warning", (*self.path, "start"), doubt))

    def elapsed(self, clock: dt.time, path: Path | None) -> int:
        """Minutes from the day's start to a wall-clock time; warns at ``path`` if doubtful."""
        instant, doubt = local_time(self.out.zone, self.day.date, clock)
        if doubt is not None and path is not None:
            self.out.findings.append(("warning", path, doubt))
        return elapsed_minutes(self.out.origin, instant)

    def run(self) -> DayLayout:
        out, day = self.out, self.day
        midnight = self.elapsed(END_OF_DAY, None)
        cursor = 0
        slot_number = 0
        past_midnight = False
        for b_index, block in enumerate(day.blocks):
            b_path = (*self.path, "blocks", b_index)
            block_start = cursor
            for group in slots(block.sessions):
                in_slot = block.sessions[group[0]].track is not None
                if in_slot:
                    slot_number += 1
                first = block.sessions[group[0]]
                start, idle = cursor, 0
                if first.start is not None:
                    start = self.fixed(first, (*b_path, "sessions", group[0]), cursor)
                    idle = max(0, start - cursor)
                track_end: dict[str, int] = {}
                slot_end = start
                for s_index in group:
                    session = block.sessions[s_index]
                    s_path = (*b_path, "sessions", s_index)
                    track = session.track or ""
                    begin = track_end.get(track, start)
                    if session.start is not None and s_index != group[0]:
                        if track not in track_end:
                            if self.elapsed(session.start, (*s_path, "start")) != start:
                                out.findings.append(
                                    (
                                        "error",
                                        (*s_path, "start"),
                                        f"parallel tracks start together at {out.hm(start)}, but "
                                        f"this one is fixed at {format_clock(session.start)}; fix "
                                        "the slot's first session instead",
                                    )
                                )
                        else:
                            # Later in its own track: an ordinary fixed start within that track.
                            begin = self.fixed(session, s_path, begin)
                    end = begin + session.duration
                    track_end[track] = end
                    slot_end = max(slot_end, end)
                    out.sessions.append(
                        Placed(b_index, s_index, begin, end, slot_number if in_slot else None)
                    )
                out.units.append(Unit(b_index, tuple(group), start, slot_end, idle))
                cursor = slot_end
                if cursor > midnight and not past_midnight:
                    past_midnight = True
                    out.findings.append(
                        (
                            "error",
                            (*b_path, "sessions", group[-1]),
                            f"the day runs past midnight (to {out.hm(cursor)} the next day); "
                            "shorten it or move sessions to another day",
                        )
                    )
            out.blocks.append((block_start, cursor))
        out.end = cursor
        out.planned_end = self.elapsed(day.end, (*self.path, "end"))
        return out

    def fixed(self, session: Session, path: Path, cursor: int) -> int:
        """Check a fixed start against the time the session could start; return the start."""
        assert session.start is not None
        out = self.out
        fixed = self.elapsed(session.start, (*path, "start"))
        shown = format_clock(session.start)
        if fixed < 0:
            out.findings.append(
                (
                    "error",
                    (*path, "start"),
                    f"fixed start {shown} lies before the day starts at {out.hm(0)}",
                )
            )
        elif fixed < cursor:
            out.findings.append(
                (
                    "error",
                    (*path, "start"),
                    f"fixed start {shown} lies before the previous session ends at "
                    f"{out.hm(cursor)}: {format_duration(cursor - fixed)} overlap; shorten what "
                    "comes before or move the fixed start",
                )
            )
        elif fixed > cursor:
            out.findings.append(
                (
                    "warning",
                    (*path, "start"),
                    f"{format_duration(fixed - cursor)} unplanned before the fixed start {shown} "
                    f"(the previous session ends at {out.hm(cursor)}); fill the gap or plan a break",
                )
            )
        return fixed


def is_break(sessions: Sequence[Session], unit: Unit) -> bool:
    """Whether every session of ``unit`` is of kind ``break``."""
    return all(sessions[i].kind is SessionKind.BREAK for i in unit.indexes)
