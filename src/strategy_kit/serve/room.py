"""The running room: one workshop file, its journal, and the rounds rebuilt from it.

:class:`LiveRoom` is what the web application changes and shows. Every change
is one or more journal events (:func:`strategy_kit.compute.ballots.event`):
the room applies them in memory at once, in the event loop's one thread, and
the :class:`Writer` writes them to the journal, several requests' events in one
``write`` and one ``fsync`` (a group commit). A request is answered only after
its events are on the disk, so a phone never sees "counted" for a ballot a
crash could lose; and the journal's order is the order the room applied them.

If the disk refuses a write, the room goes back to what is on the disk (the
events written before) and the requests of that batch get the error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.compute.ballots import Ballot, Refusal, Round, RoundError, event, replay

if TYPE_CHECKING:
    from strategy_kit.change.transaction import EditResult
    from strategy_kit.check.validate import Loaded
    from strategy_kit.compute.ballots import Tally
    from strategy_kit.files.journal import Journal, Torn


class Writer:
    """Appends events to the journal in batches: one write and one fsync for all that queued meanwhile."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._pending: list[tuple[list[dict[str, Any]], asyncio.Future[None]]] = []
        self._task: asyncio.Task[None] | None = None
        #: Held while the journal's file is written or rewritten (the purge of raw ballots).
        self.io = asyncio.Lock()
        #: Called with the events of a batch that could not be written.
        self.on_failure: Callable[[list[dict[str, Any]]], None] = lambda _events: None
        #: Called with the number of events a batch put on the disk.
        self.on_written: Callable[[int], None] = lambda _count: None

    async def append(self, events: list[dict[str, Any]]) -> None:
        """Return once ``events`` are flushed and synced; raise ``OSError`` when the disk refused them."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((events, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush())
        await future

    async def _flush(self) -> None:
        import anyio.to_thread

        while self._pending:
            batch, self._pending = self._pending, []
            events = [e for evs, _ in batch for e in evs]
            try:
                async with self.io:
                    await anyio.to_thread.run_sync(self.journal.append_many, events)
            except (OSError, ValueError) as exc:
                # What queued behind the batch was applied after it: it goes back too.
                batch, self._pending = batch + self._pending, []
                self.on_failure(events)
                for _, future in batch:
                    if not future.done():
                        future.set_exception(OSError(f"the journal could not be written: {exc}"))
                continue
            self.on_written(len(events))
            for _, future in batch:
                if not future.done():
                    future.set_result(None)


@dataclass
class Versions:
    """Counters the screens follow: each bumps when what that screen shows changed.

    Phones follow ``phone`` only (a round opened, closed, revealed), so 200
    phones do not refetch their page for every ballot; the projector and the
    console follow ``screen``, which every ballot bumps (the count of voters).
    The phones' streams listen in ``phone_listeners`` and are not even woken
    by a ballot: 200 of them woken for each of 200 ballots kept the event
    loop from answering the ballots.
    """

    phone: int = 0
    screen: int = 0
    #: Called on every bump (the projector's and the console's streams).
    listeners: set[Callable[[], None]] = field(default_factory=set)
    #: Called when ``phone`` bumps only (the phones' streams).
    phone_listeners: set[Callable[[], None]] = field(default_factory=set)

    def bump(self, *, phone: bool) -> None:
        self.screen += 1
        if phone:
            self.phone += 1
        for listener in [*self.listeners, *(self.phone_listeners if phone else ())]:
            listener()


@dataclass(frozen=True)
class Pending:
    """A round's result not yet written to the file: the change as a unified diff."""

    round: str
    diff: str
    notes: tuple[str, ...]


class LiveRoom:
    """The room of one workshop file while ``serve`` runs.

    Made by :meth:`start`, which loads the file (a file with errors raises
    :class:`~strategy_kit.document.diagnostics.DiagnosticError`, exit 1),
    opens its journal (exit 2 when another ``serve`` holds it) and replays it.
    Its methods that change the room are coroutines of the event loop's
    thread; they return ``None`` when the change was taken and written, a
    :class:`Refusal` when it was not.
    """

    def __init__(
        self,
        path: Path,
        loaded: Loaded,
        journal: Journal,
        events: list[dict[str, Any]],
        *,
        torn: Torn | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        from zoneinfo import ZoneInfo

        self.path = path
        self.loaded = loaded
        self.journal = journal
        self.torn = torn
        self.zone = ZoneInfo(loaded.document.workshop.timezone)
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self.events: list[dict[str, Any]] = list(events)
        self._durable = len(self.events)
        self.room, self.refused = replay(self.events)
        self.writer = Writer(journal)
        self.writer.on_failure = self._rewind
        self.writer.on_written = self._written
        self.versions = Versions()
        #: A short number the phones type to join where no participant codes are used.
        self.room_code = f"{secrets.randbelow(10**4):04d}"
        self.pending: dict[str, Pending] = {}
        self._reload_titles()

    # -- making one --------------------------------------------------------------------

    @classmethod
    def start(cls, path: Path, *, now: Callable[[], dt.datetime] | None = None) -> LiveRoom:
        """Load ``path``, open its journal and replay it (see the class)."""
        from strategy_kit.check.validate import load_document
        from strategy_kit.files.journal import open_journal

        # The room needs the document only (write-back reads the file again): the fast reader saves
        # a fifth of the start-up.
        loaded = load_document(path, fast=True)
        journal, past = open_journal(path)
        try:
            return cls(path, loaded, journal, past.events, torn=past.torn, now=now)
        except BaseException:
            journal.close()
            raise

    def close(self) -> None:
        self.journal.close()

    # -- what the file says ------------------------------------------------------------

    def _reload_titles(self) -> None:
        document = self.loaded.document
        self.titles: dict[str, str] = {p.id: p.title for p in document.projects}
        self.criteria = {c.id: c for c in document.criteria}
        from strategy_kit.compute.clock import agenda
        from strategy_kit.compute.timing import plan

        self.agenda = agenda(plan(document))

    @property
    def title(self) -> str:
        return self.loaded.document.workshop.title

    def now(self) -> dt.datetime:
        """The present moment in the workshop's zone."""
        return self._now().astimezone(self.zone)

    def stamp(self) -> str:
        """The present moment as an event's ``at``: ISO 8601 with its offset, to the second."""
        return self.now().isoformat(timespec="seconds")

    # -- rounds --------------------------------------------------------------------------

    @property
    def codes_required(self) -> bool:
        return bool(self.room.codes)

    def round_title(self, ident: str) -> str:
        """What a round asks, for every screen: the poll's question, else the opening event's title."""
        from strategy_kit.compute.ballots import questions

        return questions(self.events).get(ident, ident)

    @property
    def current(self) -> str | None:
        """The round every screen shows: the one opened last (until another is opened)."""
        for item in reversed(self.events):
            if item.get("event") == "round-opened" and isinstance(item.get("round"), dict):
                ident = item["round"].get("id")
                if isinstance(ident, str) and ident in self.room.rounds:
                    return ident
        return None

    def spec(self, ident: str) -> Round:
        return self.room.rounds[ident].spec

    def next_id(self, stem: str) -> str:
        """A fresh round id ``stem-N`` (``stimmen-2``)."""
        number = 1
        while f"{stem}-{number}" in self.room.rounds:
            number += 1
        return f"{stem}-{number}"

    # -- changing the room ------------------------------------------------------------

    def _rewind(self, _failed: list[dict[str, Any]]) -> None:
        """Back to the events on the disk after a write the disk refused."""
        del self.events[self._durable :]
        self.room, self.refused = replay(self.events)
        self.versions.bump(phone=True)

    def _written(self, count: int) -> None:
        """The next ``count`` events are on the disk (batches are written in the order they were applied)."""
        self._durable += count

    async def _commit(self, events: list[dict[str, Any]], *, phone: bool) -> None:
        self.events.extend(events)
        # The screens learn of the change only once it is on the disk.
        await self.writer.append(events)
        self.versions.bump(phone=phone)

    async def open_round(self, spec: Round, title: str) -> Refusal | None:
        """Open ``spec`` (or a closed round again); ``title`` is what the screens ask."""
        refusal = self.room.open(spec)
        if refusal is not None:
            return refusal
        await self._commit([event("round-opened", self.stamp(), round=spec.as_json(), title=title[:200])], phone=True)
        return None

    async def close_round(self, ident: str) -> Refusal | None:
        refusal = self.room.close(ident)
        if refusal is not None:
            return refusal
        await self._commit([event("round-closed", self.stamp(), round=ident)], phone=True)
        return None

    async def reveal(self, ident: str) -> Refusal | None:
        if self.room.phase(ident) == "revealed":
            return Refusal("round-revealed", {"round": ident})
        refusal = self.room.reveal(ident)
        if refusal is not None:
            return refusal
        await self._commit([event("round-revealed", self.stamp(), round=ident)], phone=True)
        return None

    async def paper(self, ident: str, project: str, dots: int) -> Refusal | None:
        refusal = self.room.add_paper(ident, project, dots)
        if refusal is not None:
            return refusal
        await self._commit([event("paper", self.stamp(), round=ident, project=project, dots=dots)], phone=False)
        return None

    async def cast(self, voter: str, browser: str, ident: str, choices: Mapping[str, int | float]) -> Refusal | None:
        """Take a participant's ballot; it counts once this returns ``None``."""
        ballot = Ballot(ident, voter, browser, dict(choices))
        refusal = self.room.cast(ballot)
        if refusal is not None:
            return refusal
        await self._commit([event("ballot", self.stamp(), **ballot.as_json())], phone=False)
        return None

    async def record(self, events: Sequence[dict[str, Any]]) -> None:
        """Write events the room itself takes as they are (the agenda's clock)."""
        for item in events:
            refusal = self.room.apply(item)
            if refusal is not None:  # pragma: no cover - the clock's events are always taken
                raise RoundError(str(refusal))
        await self._commit(list(events), phone=True)

    async def issue_codes(self, codes: Mapping[str, str]) -> None:
        """Issue participant codes (code to group): from now on only a code votes."""
        await self.record([event("codes", self.stamp(), codes=dict(codes))])

    # -- results -----------------------------------------------------------------------

    def method(self) -> Any:
        from strategy_kit.change.live import settings

        return settings(self.loaded.document).scores

    def tally(self, ident: str) -> Tally:
        return self.room.tally(ident, self.method())

    def written(self, ident: str) -> bool:
        """Whether the round's totals went into the file."""
        return any(e.get("event") == "totals-written" and e.get("round") == ident for e in self.events)

    def changed_since_written(self, ident: str) -> bool:
        """Whether the round took ballots or paper votes after its totals went into the file (opened again)."""
        changed = False
        for item in self.events:
            if item.get("round") != ident:
                continue
            if item.get("event") == "totals-written":
                changed = False
            elif item.get("event") in ("ballot", "paper"):
                changed = True
        return changed

    def _sessions(self) -> Any:
        """The ended sessions' times to write: those run on their own day only.

        A session clocked on another day (a rehearsal the day before, a day moved
        in the file) has no place in the file's timetable; writing it would refuse
        the whole edit, the round's votes with it. Its times stay in the journal.
        """
        from strategy_kit.change.live import ended_sessions

        days = {slot.ref: slot.planned_start.date() for slot in self.agenda}
        return {
            ref: times for ref, times in ended_sessions(self.events).items()
            if ref in days and dt.datetime.fromisoformat(times.start).astimezone(self.zone).date() == days[ref]
        }

    async def preview(self, ident: str) -> Pending:
        """What writing the closed round ``ident`` would change in the file (a dry run).

        Raises :class:`~strategy_kit.change.splice.EditError` when it cannot be
        written, ``ValueError`` for a round still open.
        """
        import anyio.to_thread

        from strategy_kit.change.live import write_back

        if self.room.phase(ident) in (None, "open"):
            raise ValueError(f"round {ident!r} is not closed")
        tally, sessions = self.tally(ident), self._sessions()
        result: EditResult = await anyio.to_thread.run_sync(
            lambda: write_back(self.path, [tally], sessions, dry_run=True)
        )
        pending = Pending(ident, result.diff(), tuple(result.notes))
        self.pending[ident] = pending
        self.versions.bump(phone=False)
        return pending

    async def write(self, ident: str) -> EditResult:
        """Write the closed round's totals and the ended sessions' times into the file, as one edit.

        Then the journal notes the totals, and with ``live: {keep_ballots: false}``
        the round's raw ballots are deleted from it. Raises as :meth:`preview`.
        """
        import anyio.to_thread

        from strategy_kit.change.live import settings, write_back
        from strategy_kit.check.validate import load_document
        from strategy_kit.compute.ballots import tally_json

        if self.room.phase(ident) in (None, "open"):
            raise ValueError(f"round {ident!r} is not closed")
        tally, sessions = self.tally(ident), self._sessions()
        result: EditResult = await anyio.to_thread.run_sync(lambda: write_back(self.path, [tally], sessions))
        await self.record([event("totals-written", self.stamp(), round=ident, totals=tally_json(tally))])
        self.pending.pop(ident, None)
        self.loaded = await anyio.to_thread.run_sync(lambda: load_document(self.path))
        self._reload_titles()
        if not settings(self.loaded.document).keep_ballots:
            async with self.writer.io:
                await anyio.to_thread.run_sync(self.journal.purge_ballots)
                # The same rule on the events in memory; ballots queued meanwhile (a round
                # opened again) are still to be written, so they stay. The room keeps its
                # ballots: they give the totals just written.
                written = {e.get("round") for e in self.events[: self._durable] if e.get("event") == "totals-written"}
                purged = [
                    n for n, e in enumerate(self.events[: self._durable])
                    if e.get("event") == "ballot" and e.get("round") in written
                ]
                for n in reversed(purged):
                    del self.events[n]
                self._durable -= len(purged)
        self.versions.bump(phone=False)
        return result

    async def write_times(self) -> EditResult:
        """Write the ended sessions' actual times into the file (one edit)."""
        import anyio.to_thread

        from strategy_kit.change.live import write_back

        sessions = self._sessions()
        return await anyio.to_thread.run_sync(lambda: write_back(self.path, [], sessions))
