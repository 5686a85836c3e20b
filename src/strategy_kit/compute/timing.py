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

The arithmetic of a day and the errors that make it impossible live one stage
down, in :mod:`strategy_kit.document.timeline`, which ``check`` applies too: a
file ``check`` passes is a file this engine lays out without an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from strategy_kit.document.diagnostics import Diagnostic, Severity
from strategy_kit.document.durations import format_clock, format_duration
from strategy_kit.document.model import (
    Block,
    Day,
    Participant,
    Session,
    SessionKind,
    WorkshopDocument,
)
from strategy_kit.document.timeline import elapsed_minutes, is_break, lay_out
from strategy_kit.files.yamlio import PathSegment, locate


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
        layout = lay_out(day, self.zone, index)
        for severity, where, message in layout.findings:
            self.add(severity, where, message)
        at = layout.at
        # Per day: how often a title without an id occurred, for stable fallback UIDs.
        seen_titles: dict[str, int] = {}
        placed = {(p.block, p.index): p for p in layout.sessions}
        planned_blocks: list[PlannedBlock] = []
        units: list[tuple[int, int, bool, tuple[PathSegment, ...]]] = []
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
            planned: list[PlannedSession] = []
            for s_index, session in enumerate(block.sessions):
                s_path = (*b_path, "sessions", s_index)
                spot = placed[(b_index, s_index)]
                planned.append(
                    self.session(
                        session, s_path, at(spot.begin), at(spot.end), index, block, seen_titles, spot.slot
                    )
                )
                if session.kind is not SessionKind.BREAK and session.duration > self.limits.max_session:
                    self.add(
                        "warning",
                        (*s_path, "duration"),
                        f"the session lasts {format_duration(session.duration)}, longer than "
                        f"{format_duration(self.limits.max_session)}; split it or plan a pause "
                        "inside",
                    )
            totals = Totals()
            for unit in (u for u in layout.units if u.block == b_index):
                span = unit.end - unit.start
                totals.idle += unit.idle
                pause = is_break(block.sessions, unit)
                if pause:
                    totals.breaks += span
                else:
                    totals.working += span
                    if block.sessions[unit.indexes[0]].track is not None or any(
                        block.sessions[i].kind is SessionKind.GROUP_WORK for i in unit.indexes
                    ):
                        totals.group += span
                    else:
                        totals.plenary += span
                units.append((unit.start, unit.end, pause, (*b_path, "sessions", unit.indexes[0])))
            block_start, block_end = layout.blocks[b_index]
            planned_blocks.append(
                PlannedBlock(
                    block=block,
                    path=b_path,
                    start=planned[0].start if planned else at(block_start),
                    end=at(block_end),
                    sessions=planned,
                    totals=totals,
                )
            )
        if not day.blocks:
            self.add("warning", (*path, "date"), "the day has no blocks")
        self.stretches(units, layout.hm)
        cursor, planned_end = layout.end, layout.planned_end
        if cursor > planned_end:
            self.add(
                "warning",
                (*path, "end"),
                f"the day overruns its end at {format_clock(day.end)} by "
                f"{format_duration(cursor - planned_end)} "
                f"(last session ends at {layout.hm(cursor)})",
            )
        day_totals = Totals()
        for planned_block in planned_blocks:
            day_totals.add(planned_block.totals)
        return PlannedDay(
            day=day,
            number=index + 1,
            path=path,
            start=at(0),
            end=at(cursor),
            planned_end=at(planned_end),
            uid=f"day-{index + 1}-{self.scope}@strategy-kit",
            blocks=planned_blocks,
            totals=day_totals,
        )

    def session(
        self,
        session: Session,
        path: tuple[PathSegment, ...],
        begin: dt.datetime,
        end: dt.datetime,
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
            start=begin,
            end=end,
            uid=f"{key}-{self.scope}@strategy-kit",
            day_number=day_index + 1,
            block_id=block.id,
            slot=slot,
            lead=lead,
            lead_present=present,
        )

    def stretches(
        self,
        units: list[tuple[int, int, bool, tuple[PathSegment, ...]]],
        hm: Callable[[int], str],
    ) -> None:
        """Warn once per stretch that runs longer than the limit without a break.

        Only sessions of kind ``break`` and unplanned gaps end a stretch.
        """
        since: int | None = None
        warned = False
        previous_end: int | None = None
        for start, end, pause, path in units:
            # Unplanned time before a fixed start rests the room like a break (and is
            # reported as a gap of its own).
            gap = previous_end is not None and start > previous_end
            previous_end = end
            if pause:
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
                    f"{format_duration(end - since)} without a break (since {hm(since)}) by "
                    "the end of this session; plan a break within "
                    f"{format_duration(self.limits.max_stretch)}",
                )


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
