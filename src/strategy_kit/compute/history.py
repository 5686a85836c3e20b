"""Each measure's timeline, read from the repository's history instead of typed in again.

The yearly implementation report says when a measure was added, moved on,
reached a milestone or was dropped. Those dates are the commits' (committer
dates, see :mod:`strategy_kit.files.history`). Consecutive revisions are
compared with :func:`strategy_kit.compute.semdiff.compare`, the comparison
``diff`` makes, so a timeline and a diff never disagree about what changed.

A revision that does not pass ``check`` (someone committed a broken file) is
skipped with a :class:`Note`; the next good revision is compared with the last
good one, and its changes carry the later date.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy_kit.check.repository import Repository
from strategy_kit.check.strategy import Reader
from strategy_kit.check.validate import CheckResult, check_loaded, check_source
from strategy_kit.compute.semdiff import Change, Snapshot, compare, snapshot
from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.files.fastyaml import load_plain
from strategy_kit.files.history import Revision
from strategy_kit.files.source import Source, decode

#: What can happen to a measure, in the words a timeline uses.
KINDS = (
    "added",
    "status",
    "progress",
    "indicator",
    "milestone",
    "retitled",
    "period",
    "fields",
    "dropped",
    "removed",
)

_KIND = {
    "project-added": "added",
    "project-removed": "removed",
    "status-changed": "status",
    "progress-changed": "progress",
    "indicator-changed": "indicator",
    "milestone-done": "milestone",
    "project-renamed": "retitled",
    "period-changed": "period",
    "fields-changed": "fields",
}


@dataclass(frozen=True)
class Event:
    """One thing that happened to a measure on ``date`` in ``commit``.

    ``kind`` is one of :data:`KINDS`; ``old`` → ``new`` are the values before
    and after: statuses (``"planned"``), progress in percent (int or None),
    an indicator's measured value (float or None), titles; ``added`` has the
    status it came with as ``new``, ``removed`` the last one as ``old``, and
    ``milestone`` the milestone's date as ``new``; ``period`` (re-scheduled)
    has (start, end) pairs of periods (:mod:`strategy_kit.document.periods`),
    ``fields`` (re-scoped) the lists of field ids. ``detail`` names the
    indicator or milestone (by title); ``title`` is the measure's title then.
    """

    date: dt.date
    commit: str
    kind: str
    title: str
    old: Any = None
    new: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Note:
    """A revision left out of the timeline and why: the first error ``check`` found in it."""

    date: dt.date
    commit: str
    message: str


@dataclass
class Timeline:
    """Events per measure id, oldest first, and the revisions skipped (``notes``)."""

    projects: dict[str, list[Event]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def timeline(revisions: Sequence[Revision], *, public: bool = False) -> Timeline:
    """Every measure's events over ``revisions`` (oldest first), with notes for broken ones.

    The first good revision adds the measures it holds. A measure whose status
    becomes ``dropped`` has a ``dropped`` event (not ``status``); one that
    disappears from the files has ``removed``. A measure that comes back under
    its id is ``added`` again. With ``public``, each revision is read as a
    public edition shows it (:meth:`Repository.public`): measures, indicators
    and milestones marked ``internal`` then have no events. Pure: reads
    nothing but the revisions' bytes.
    """
    out = Timeline()
    before = Snapshot()
    files: dict[str, bytes] | None = None
    for revision in revisions:
        if revision.files == files:
            continue  # a directory's commit that changed no YAML file (a README, a picture)
        files = revision.files
        repo, problem = parse(revision)
        if repo is None:
            out.notes.append(Note(revision.day, revision.commit, problem))
            continue
        after = snapshot(repo.public() if public else repo, ranked=False)
        for change in compare(before, after):
            event = _event(change, revision)
            if event is not None:
                out.projects.setdefault(change.subject, []).append(event)
        before = after
    return out


def _event(change: Change, revision: Revision) -> Event | None:
    kind = _KIND.get(change.kind)
    if kind is None:
        return None
    if kind == "status" and change.new == "dropped":
        kind = "dropped"
    return Event(
        revision.day, revision.commit, kind, change.title, change.old, change.new, change.detail
    )


def parse(revision: Revision) -> tuple[Repository | None, str]:
    """The revision's files checked as a repository, or None and the first error in them.

    A workshop file's ``strategy:`` reference is read from the same revision.
    """
    files = revision.files

    def read(path: Path, name: str) -> Source:
        key = posixpath.normpath(path.as_posix())
        if key not in files:
            problem = Diagnostic(name, 1, 1, "error", "", "not in this revision")
            raise DiagnosticError([problem], Exit.USAGE)
        return decode(files[key], name, Path(key))

    results: list[CheckResult] = []
    for name, raw in sorted(files.items()):
        try:
            source = decode(raw, name, Path(name))
        except DiagnosticError as exc:
            results.append(CheckResult(name, exc.diagnostics, exc.exit_code))
            continue
        results.append(_check(source, read))
    for result in results:
        errors = [d for d in result.diagnostics if d.severity == "error"]
        if errors:
            return None, str(errors[0])
    return Repository.from_results(results), ""


def _check(source: Source, read: Reader) -> CheckResult:
    """``check``'s verdict, read fast: warnings need no positions, so only an error reads again.

    (:func:`check_source` with ``fast`` reads round-trip again on any warning, for its position.)
    """
    data = load_plain(source.text)
    if data is not None:
        result = check_loaded(data, source, read, is_plain=True)
        if not any(d.severity == "error" for d in result.diagnostics):
            return result
    return check_source(source, read)


def events_between(
    timelines: Timeline | Mapping[str, Sequence[Event]], start: dt.date, end: dt.date
) -> dict[str, list[Event]]:
    """The events from ``start`` to ``end`` (both days included), per measure with any.

    For a report period, e.g. ``events_between(t, date(2025, 1, 1), date(2025, 12, 31))``.
    """
    projects = timelines.projects if isinstance(timelines, Timeline) else timelines
    out: dict[str, list[Event]] = {}
    for pid, events in projects.items():
        within = [e for e in events if start <= e.date <= end]
        if within:
            out[pid] = within
    return out
