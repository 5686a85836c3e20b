"""The timing engine: when every session starts and ends, and what a facilitator would object to.

Each session starts when the one before it ends, unless it has a fixed
``start``. Consecutive sessions with a ``track`` form one parallel slot inside
their block; sessions of the same track run one after another, different
tracks side by side, and the slot ends when its longest track ends.

Findings are :class:`~strategy_kit.document.diagnostics.Diagnostic` objects positioned
in the YAML file like ``check``'s. Errors mean the timetable cannot happen as
written (a fixed start before the previous session ends, a day running past
midnight, a fixed start before the day starts, one parallel slot with two
different fixed starts); everything else is a warning a facilitator may
accept: an overrun of the day's end, unplanned idle time before a fixed start,
too long without a break, an overlong session, a block without a goal, a
lead who is not there that day, a clock time that the day's switch to or
from summer time skips or repeats.

Time is elapsed time. Every computation happens in the municipality's time
zone (``workshop.timezone``, the IANA database through :mod:`zoneinfo`): the
day's ``start`` is a wall-clock time made absolute, a session lasts its
``duration`` in elapsed minutes from there, and the wall-clock times shown are
computed back from those absolute instants. On the spring switch a 120-minute
session from 01:30 therefore ends at 04:30 on the clock, and on the autumn
switch one from 01:30 ends at 02:30 the second time round. A written clock
time that does not exist (the hour the clocks skip) or exists twice (the hour
they repeat) is read as RFC 5545, section 3.3.5 reads a ``DTSTART`` with a
``TZID`` -- a skipped time with the offset before the gap, a repeated time as
its first occurrence -- and is a warning at its position, so that the plan,
its JSON and every calendar that imports its iCalendar file agree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from strategy_kit.document.diagnostics import Diagnostic, Severity
from strategy_kit.document.durations import END_OF_DAY, format_clock, format_duration
from strategy_kit.document.model import (
    Block,
    Day,
    Participant,
    Session,
    SessionKind,
    WorkshopDocument,
)
from strategy_kit.files.yamlio import PathSegment, locate

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Limits:
    """What a facilitator tolerates; both in minutes."""

    max_stretch: int = 120
    """Longest run of sessions without a session of kind ``break``."""
    max_session: int = 90
    """Longest single session (breaks excepted) before attention fades."""


@dataclass
class Totals:
    """Wall-clock minutes of a day or block.

    ``working`` is all non-break time; it splits into ``plenary`` (the whole
    room together) and ``group`` (group work, and any parallel slot, where the
    room is split). ``idle`` is unplanned time before a fixed start.
    """

    working: int = 0
    breaks: int = 0
    plenary: int = 0
    group: int = 0
    idle: int = 0

    def add(self, other: Totals) -> None:
        self.working += other.working
        self.breaks += other.breaks
        self.plenary += other.plenary
        self.group += other.group
        self.idle += other.idle


@dataclass
class PlannedSession:
    """A session with its computed times.

    ``start`` and ``end`` are aware date-times in the workshop's zone (``fold`` set on
    the repeated hour); compare or subtract them in UTC, as :func:`elapsed_minutes` does.
    """

    session: Session
    path: tuple[PathSegment, ...]
    start: dt.datetime
    end: dt.datetime
    uid: str
    day_number: int
    block_id: str
    slot: int | None = None
    """Number of the parallel slot within its day (1, 2, ...), None outside slots."""
    lead: Participant | None = None
    lead_present: bool = True


@dataclass
class PlannedBlock:
    block: Block
    path: tuple[PathSegment, ...]
    start: dt.datetime
    end: dt.datetime
    sessions: list[PlannedSession] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class PlannedDay:
    day: Day
    number: int
    path: tuple[PathSegment, ...]
    start: dt.datetime
    end: dt.datetime
    """When the last session ends (the day's start when it has none)."""
    planned_end: dt.datetime
    """The ``end`` written in the file: the time the day is booked until."""
    uid: str
    blocks: list[PlannedBlock] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)

    @property
    def overrun(self) -> int:
        """Minutes the day runs past its planned end (0 when it fits)."""
        return max(0, elapsed_minutes(self.planned_end, self.end))

    @property
    def early(self) -> int:
        """Minutes between the programme's end and the booked end (0 when it fills the day)."""
        return max(0, elapsed_minutes(self.end, self.planned_end))

    @property
    def shown_end(self) -> dt.datetime:
        """The end every agenda shows for the day: the booked ``end`` written in the file,
        or the programme's end when it runs later (the overrun is then shown too).

        A programme that ends before the booked end is said beside it (see :attr:`early`),
        so the room's booking and the calendar entry (which spans this range) agree.
        """
        return self.end if self.overrun else self.planned_end

    @property
    def sessions(self) -> list[PlannedSession]:
        return [s for b in self.blocks for s in b.sessions]


@dataclass
class Plan:
    """The computed timetable of a whole document and its findings."""

    document: WorkshopDocument
    days: list[PlannedDay]
    diagnostics: list[Diagnostic]
    limits: Limits

    @property
    def sessions(self) -> list[PlannedSession]:
        return [s for d in self.days for s in d.sessions]


def elapsed_minutes(a: dt.datetime, b: dt.datetime) -> int:
    """Whole minutes from ``a`` to ``b`` in elapsed time (aware date-times, compared in UTC).

    Python subtracts two date-times of the same ``tzinfo`` on the wall clock; across a
    switch to or from summer time that is an hour off, so both go to UTC first.
    """
    return int((b.astimezone(dt.UTC) - a.astimezone(dt.UTC)).total_seconds() // 60)


def local_time(
    zone: ZoneInfo, date: dt.date, clock: dt.time
) -> tuple[dt.datetime, str | None]:
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


def workshop_scope(document: WorkshopDocument) -> str:
    """A short hash naming this workshop in UIDs, so two workshops' sessions never collide.

    It depends on the municipality's name and the workshop's title only: moving
    a date or retiming a session keeps every UID.
    """
    key = f"{document.municipality.name}\n{document.workshop.title}".encode()
    return hashlib.sha256(key).hexdigest()[:12]


class _Planner:
    def __init__(self, document: WorkshopDocument, data: Any, name: str, limits: Limits) -> None:
        self.document = document
        self.data = data
        self.name = name
        self.limits = limits
        self.found: list[Diagnostic] = []
        self.scope = workshop_scope(document)
        self.people = {p.id: p for p in document.participants}
        self.zone = ZoneInfo(document.workshop.timezone)
        self.origin = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        """The current day's start in UTC; the planner counts minutes from it."""

    def at(self, minutes: int) -> dt.datetime:
        """The instant ``minutes`` of elapsed time after the day's start, on the local clock."""
        return (self.origin + dt.timedelta(minutes=minutes)).astimezone(self.zone)

    def hm(self, minutes: int) -> str:
        """``14:30``: the local clock ``minutes`` after the day's start."""
        return f"{self.at(minutes):%H:%M}"

    def elapsed(
        self, date: dt.date, clock: dt.time, path: tuple[PathSegment, ...] | None
    ) -> int:
        """Minutes from the day's start to a wall-clock time; warns at ``path`` if doubtful."""
        instant, doubt = local_time(self.zone, date, clock)
        if doubt is not None and path is not None:
            self.add("warning", path, doubt)
        return elapsed_minutes(self.origin, instant)

    def add(
        self, severity: Severity, path: Sequence[PathSegment], message: str, *, key: bool = False
    ) -> None:
        from strategy_kit.files.yamlio import display_path

        line, column = locate(self.data, path, key=key) if self.data is not None else (1, 1)
        shown = display_path(self.data, path, keep_last=True) if self.data is not None else ""
        self.found.append(Diagnostic(self.name, line, column, severity, shown, message))

    def run(self) -> list[PlannedDay]:
        if not self.document.days:
            self.add("warning", ("days",) if "days" in (self.data or {}) else (), "no days to plan")
        return [self.day(index, day) for index, day in enumerate(self.document.days)]

    def day(self, index: int, day: Day) -> PlannedDay:
        path: tuple[PathSegment, ...] = ("days", index)
        start_instant, doubt = local_time(self.zone, day.date, day.start)
        if doubt is not None:
            self.add("warning", (*path, "start"), doubt)
        self.origin = start_instant.astimezone(dt.UTC)
        day_start = 0
        midnight = self.elapsed(day.date, END_OF_DAY, None)
        cursor = day_start
        # Per day: how often a title without an id occurred, for stable fallback UIDs.
        seen_titles: dict[str, int] = {}
        slot_number = 0
        planned_blocks: list[PlannedBlock] = []
        units: list[
            tuple[int, int, bool, tuple[PathSegment, ...]]
        ] = []  # start, end, is_break, path
        past_midnight = False
        for b_index, block in enumerate(day.blocks):
            b_path = (*path, "blocks", b_index)
            if block.goal is None:
                self.add(
                    "warning",
                    (*b_path, "title"),
                    f"block {block.id!r} has no goal; say what it is for (goal: ...)",
                )
            if not block.sessions:
                self.add("warning", (*b_path, "id"), f"block {block.id!r} has no sessions")
            block_start = cursor
            planned: list[PlannedSession] = []
            totals = Totals()
            for group in _slots(block.sessions):
                in_slot = block.sessions[group[0]].track is not None
                if in_slot:
                    slot_number += 1
                first = block.sessions[group[0]]
                s_path = (*b_path, "sessions", group[0])
                start = cursor
                if first.start is not None:
                    start = self.fixed(first, s_path, cursor, day_start, totals, day)
                track_end: dict[str, int] = {}
                slot_end = start
                for s_index in group:
                    session = block.sessions[s_index]
                    s_path = (*b_path, "sessions", s_index)
                    track = session.track or ""
                    begin = track_end.get(track, start)
                    if session.start is not None and s_index != group[0]:
                        if track not in track_end:
                            if self.elapsed(day.date, session.start, (*s_path, "start")) != start:
                                self.add(
                                    "error",
                                    (*s_path, "start"),
                                    f"parallel tracks start together at {self.hm(start)}, but this "
                                    f"one is fixed at {format_clock(session.start)}; fix the slot's "
                                    "first session instead",
                                )
                        else:
                            # Later in its own track: an ordinary fixed start within that track.
                            begin = self.fixed(session, s_path, begin, day_start, Totals(), day)
                    end = begin + session.duration
                    track_end[track] = end
                    slot_end = max(slot_end, end)
                    planned.append(
                        self.session(
                            session,
                            s_path,
                            begin,
                            end,
                            index,
                            block,
                            seen_titles,
                            slot_number if in_slot else None,
                        )
                    )
                    if (
                        session.kind is not SessionKind.BREAK
                        and session.duration > self.limits.max_session
                    ):
                        self.add(
                            "warning",
                            (*s_path, "duration"),
                            f"the session lasts {format_duration(session.duration)}, longer than "
                            f"{format_duration(self.limits.max_session)}; split it or plan a pause "
                            "inside",
                        )
                span = slot_end - start
                is_break = all(block.sessions[i].kind is SessionKind.BREAK for i in group)
                if is_break:
                    totals.breaks += span
                else:
                    totals.working += span
                    if in_slot or any(
                        block.sessions[i].kind is SessionKind.GROUP_WORK for i in group
                    ):
                        totals.group += span
                    else:
                        totals.plenary += span
                units.append((start, slot_end, is_break, (*b_path, "sessions", group[0])))
                cursor = slot_end
                if cursor > midnight and not past_midnight:
                    past_midnight = True
                    self.add(
                        "error",
                        (*b_path, "sessions", group[-1]),
                        f"the day runs past midnight (to {self.hm(cursor)} the next day); "
                        "shorten it or move sessions to another day",
                    )
            planned_blocks.append(
                PlannedBlock(
                    block=block,
                    path=b_path,
                    start=planned[0].start if planned else self.at(block_start),
                    end=self.at(cursor),
                    sessions=planned,
                    totals=totals,
                )
            )
        if not day.blocks:
            self.add("warning", (*path, "date"), "the day has no blocks")
        self.stretches(units)
        planned_end = self.elapsed(day.date, day.end, (*path, "end"))
        if cursor > planned_end:
            self.add(
                "warning",
                (*path, "end"),
                f"the day overruns its end at {format_clock(day.end)} by "
                f"{format_duration(cursor - planned_end)} "
                f"(last session ends at {self.hm(cursor)})",
            )
        day_totals = Totals()
        for planned_block in planned_blocks:
            day_totals.add(planned_block.totals)
        return PlannedDay(
            day=day,
            number=index + 1,
            path=path,
            start=self.at(day_start),
            end=self.at(cursor),
            planned_end=self.at(planned_end),
            uid=f"day-{index + 1}-{self.scope}@strategy-kit",
            blocks=planned_blocks,
            totals=day_totals,
        )

    def fixed(
        self,
        session: Session,
        path: tuple[PathSegment, ...],
        cursor: int,
        day_start: int,
        totals: Totals,
        day: Day,
    ) -> int:
        """Check a fixed start against the time the session could start; return the start."""
        assert session.start is not None
        fixed = self.elapsed(day.date, session.start, (*path, "start"))
        shown = format_clock(session.start)
        if fixed < day_start:
            self.add(
                "error",
                (*path, "start"),
                f"fixed start {shown} lies before the day starts at {self.hm(day_start)}",
            )
        elif fixed < cursor:
            self.add(
                "error",
                (*path, "start"),
                f"fixed start {shown} lies before the previous session ends at "
                f"{self.hm(cursor)}: {format_duration(cursor - fixed)} overlap; shorten what "
                "comes before or move the fixed start",
            )
        elif fixed > cursor:
            totals.idle += fixed - cursor
            self.add(
                "warning",
                (*path, "start"),
                f"{format_duration(fixed - cursor)} unplanned before the fixed start {shown} "
                f"(the previous session ends at {self.hm(cursor)}); fill the gap or plan a break",
            )
        return fixed

    def session(
        self,
        session: Session,
        path: tuple[PathSegment, ...],
        begin: int,
        end: int,
        day_index: int,
        block: Block,
        seen_titles: dict[str, int],
        slot: int | None,
    ) -> PlannedSession:
        lead = self.people.get(session.lead) if session.lead else None
        present = True
        day = self.document.days[day_index]
        if lead is not None and lead.attendance is not None and day.date not in lead.attendance:
            present = False
            self.add(
                "warning",
                (*path, "lead"),
                f"the lead {lead.id!r} does not attend on {day.date.isoformat()} "
                "(see their attendance)",
            )
        if session.id is not None:
            key = session.id
        else:
            from strategy_kit.document.slug import slugify

            title = slugify(session.title) or "session"
            seen_titles[title] = seen_titles.get(title, 0) + 1
            count = seen_titles[title]
            key = f"day-{day_index + 1}-{title}" + (f"-{count}" if count > 1 else "")
        return PlannedSession(
            session=session,
            path=path,
            start=self.at(begin),
            end=self.at(end),
            uid=f"{key}-{self.scope}@strategy-kit",
            day_number=day_index + 1,
            block_id=block.id,
            slot=slot,
            lead=lead,
            lead_present=present,
        )

    def stretches(self, units: list[tuple[int, int, bool, tuple[PathSegment, ...]]]) -> None:
        """Warn once per stretch that runs longer than the limit without a break.

        Only sessions of kind ``break`` and unplanned gaps end a stretch.
        """
        since: int | None = None
        warned = False
        previous_end: int | None = None
        for start, end, is_break, path in units:
            # Unplanned time before a fixed start rests the room like a break (and is
            # reported as a gap of its own).
            gap = previous_end is not None and start > previous_end
            previous_end = end
            if is_break:
                since, warned = None, False
                continue
            if gap:
                since, warned = start, False
            if since is None:
                since = start
            if end - since > self.limits.max_stretch and not warned:
                warned = True
                self.add(
                    "warning",
                    path,
                    f"{format_duration(end - since)} without a break (since {self.hm(since)}) by "
                    "the end of this session; plan a break within "
                    f"{format_duration(self.limits.max_stretch)}",
                )


def _slots(sessions: Sequence[Session]) -> list[list[int]]:
    """Indexes grouped into units: one session, or a run of consecutive sessions with a track."""
    groups: list[list[int]] = []
    for index, session in enumerate(sessions):
        if session.track is not None and groups and sessions[groups[-1][0]].track is not None:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def plan(
    document: WorkshopDocument,
    *,
    data: Any = None,
    name: str = "<document>",
    limits: Limits | None = None,
) -> Plan:
    """Compute the timetable of ``document``.

    ``data`` is the round-trip YAML the document came from (``CheckResult.data``);
    with it, findings carry line and column, without it they point at 1:1.
    """
    limits = limits or Limits()
    planner = _Planner(document, data, name, limits)
    days = planner.run()
    diagnostics = sorted(planner.found, key=lambda d: (d.line, d.column, d.severity, d.message))
    return Plan(document=document, days=days, diagnostics=diagnostics, limits=limits)
