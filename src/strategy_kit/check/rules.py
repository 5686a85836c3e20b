"""The rules pass: references, duplicate ids and domain rules, over the raw data.

It works on the round-trip data rather than on the validated model, so that a
reference error is reported even when another part of the file has a type
error: the user sees every problem in one run. When a workshop refers to a
strategy file, the strategy's ids count as known (:class:`Shared`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.document.diagnostics import Diagnostic, Severity, suggest
from strategy_kit.document.model import DOCUMENT_STATUS_ALIASES, STATUS_ALIASES, Function
from strategy_kit.document.municipality import municipality_label, same_municipality
from strategy_kit.document.numbers import score_value
from strategy_kit.files.yamlio import PathSegment, display_path, locate, thousands_written

if TYPE_CHECKING:
    from strategy_kit.files.images import Kind

#: Functions whose absence a facilitator should notice before the workshop:
#: privacy (DSGVO), co-determination (Personalrat) and equality law.
OVERSIGHT_FUNCTIONS = (
    Function.DATA_PROTECTION_OFFICER,
    Function.STAFF_COUNCIL,
    Function.EQUALITY_OFFICER,
)


#: The sections a strategy file shares with the workshop files that refer to it.
SHARED_SECTIONS = (
    ("departments", "department"),
    ("fields_of_action", "field of action"),
    ("criteria", "criterion"),
    ("projects", "project"),
)

SHARED_LABELS = frozenset({*(label for _, label in SHARED_SECTIONS), "department or participant"})


@dataclass
class Shared:
    """What a referenced strategy file defines, with positions for cross-file messages."""

    name: str
    data: Any

    @property
    def unavailable(self) -> bool:
        """The file could not be used: references into it are not judged, to avoid noise."""
        return self.data is None

    def ids(self, section: str) -> dict[str, int]:
        """Ids of a section mapped to their line in the strategy file."""
        found: dict[str, int] = {}
        items = self.data.get(section) if isinstance(self.data, dict) else None
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    found.setdefault(item["id"], locate(self.data, (section, index, "id"))[0])
        return found

    def criterion_items(self) -> dict[str, Any]:
        items = self.data.get("criteria") if isinstance(self.data, dict) else None
        if not isinstance(items, list):
            return {}
        return {c["id"]: c for c in items if isinstance(c, dict) and isinstance(c.get("id"), str)}

    def merge(self, rules: Rules, *own: dict[str, Any]) -> tuple[dict[str, Any], ...]:
        """Known ids = the strategy's plus the file's own; an id defined in both is an error."""
        merged = []
        for (section, label), mine in zip(SHARED_SECTIONS, own, strict=True):
            theirs = self.ids(section)
            for ident, loc in mine.items():
                if ident in theirs:
                    rules.add(
                        "error",
                        (*loc, "id"),
                        f"{label} {ident!r} is already defined in {self.name}:{theirs[ident]}; "
                        "define it in one place",
                    )
            merged.append({**dict.fromkeys(theirs, ()), **mine})
        return tuple(merged)


def _municipality_of(data: Any) -> tuple[str, str | None] | None:
    """A file's municipality name and AGS as written; ``None`` when the shape check has more to say."""
    found = data.get("municipality") if isinstance(data, dict) else None
    name = found.get("name") if isinstance(found, dict) else None
    if not isinstance(name, str) or not isinstance(found, dict):
        return None
    ags = found.get("ags")
    return name, ags if isinstance(ags, str) and ags else None


def _euros(value: float) -> str:
    """An amount as YAML read it: ``40``, ``40.5``."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


class Rules:
    """One pass over the raw document for everything pydantic cannot see."""

    def __init__(self, data: Any, name: str, shared: Shared | None = None, *, folder: Path | None = None) -> None:
        self.data = data
        self.name = name
        self.found: list[Diagnostic] = []
        self.shared = shared
        #: The file's folder on disk, which its images are read relative to; ``None``
        #: for a file without one (an old revision read from git): no image rules then.
        self.folder = folder
        #: The strategy could not be read: references into it cannot be judged.
        self.blind = shared is not None and shared.unavailable

    def add(
        self, severity: Severity, loc: Sequence[PathSegment], message: str, *, key: bool = False, keep_last: bool = False
    ) -> None:
        line, column = locate(self.data, loc, key=key)
        shown = display_path(self.data, loc, keep_last=keep_last)
        self.found.append(Diagnostic(self.name, line, column, severity, shown, message))

    def items(self, *loc: PathSegment) -> Iterator[tuple[tuple[PathSegment, ...], dict[str, Any]]]:
        """The mapping items of the list at ``loc`` with their paths; anything else is skipped."""
        node: Any = self.data
        for segment in loc:
            if isinstance(node, dict) and segment in node:
                node = node[segment]
            elif isinstance(node, list) and isinstance(segment, int) and segment < len(node):
                node = node[segment]
            else:
                return
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, dict):
                    yield (*loc, index), item

    def ids(self, section: str, label: str) -> dict[str, tuple[PathSegment, ...]]:
        """Collect the ids of a section, reporting duplicates where the second one stands."""
        seen: dict[str, tuple[PathSegment, ...]] = {}
        for loc, item in self.items(section):
            self._collect(seen, loc, item, label)
        return seen

    def _collect(
        self, seen: dict[str, tuple[PathSegment, ...]], loc: tuple[PathSegment, ...], item: dict[str, Any], label: str
    ) -> None:
        ident = item.get("id")
        if not isinstance(ident, str):
            return
        if ident in seen:
            first_line, _ = locate(self.data, (*seen[ident], "id"))
            self.add("error", (*loc, "id"), f"duplicate {label} id {ident!r}; first used on line {first_line}")
        else:
            seen[ident] = loc

    def ref(self, loc: Sequence[PathSegment], value: object, known: Collection[str], label: str) -> None:
        if not isinstance(value, str):
            return
        # ``known`` is a dict of ids as a rule: a lookup, not a scan, keeps large files linear.
        if value in known or (self.blind and label in SHARED_LABELS):
            return
        known = list(known)
        hint = suggest(value, known)
        if not hint:
            hint = f"; known: {', '.join(sorted(known))}" if 0 < len(known) <= 8 else ""
            if not known:
                hint = f"; the document defines no {label}"
        self.add("error", loc, f"unknown {label} {value!r}{hint}")

    def run(self) -> list[Diagnostic]:
        self._keys(self.data, ())
        departments = self.ids("departments", "department")
        participants = self.ids("participants", "participant")
        fields_ = self.ids("fields_of_action", "field of action")
        criteria = self.ids("criteria", "criterion")
        projects = self.ids("projects", "project")
        self.ids("follow_ups", "follow-up")
        own_departments, own_fields = departments, fields_
        if self.shared is not None:
            departments, fields_, criteria, projects = self.shared.merge(
                self, departments, fields_, criteria, projects
            )
        for ident, loc in participants.items():
            if ident in departments:
                self.add(
                    "error",
                    (*loc, "id"),
                    f"id {ident!r} names both a department and a participant; a lead or owner "
                    "would be ambiguous",
                )
        owners = {**departments, **participants}
        self._participants(departments)
        self._workshop(participants)
        self._days(participants)
        self._criteria()
        self._projects(fields_, criteria, projects, owners)
        self._dependencies(projects)
        self._goals()
        self._periods()
        self._amounts()
        self._report(criteria)
        self._document()
        self._images()
        self._warnings(own_departments, own_fields)
        self._municipality()
        self._measurements()
        self._budget()
        return self.found

    def _amounts(self) -> None:
        """A sum in euros written ``40.000`` is forty to YAML: say so rather than print 40 €."""
        for loc, project in self.items("projects"):
            places: list[tuple[PathSegment, ...]] = [("costs", "one_off"), ("costs", "yearly"), ("funding", "budget")]
            funding = project.get("funding")
            sources = funding.get("sources") if isinstance(funding, dict) else None
            places += [("funding", "sources", i, "amount") for i in range(len(sources) if isinstance(sources, list) else 0)]
            years = funding.get("years") if isinstance(funding, dict) else None
            for i in range(len(years) if isinstance(years, list) else 0):
                places += [("funding", "years", i, "planned"), ("funding", "years", i, "spent")]
            for place in places:
                node: Any = project
                for segment in place:
                    if isinstance(node, dict):
                        node = node.get(segment)
                    elif isinstance(node, list) and isinstance(segment, int):
                        node = node[segment]
                meant = thousands_written(node)
                if meant is not None:
                    self.add(
                        "error",
                        (*loc, *place),
                        f"{float(node):.3f} is {_euros(node)} to YAML, whose dot is a decimal point; "
                        f"for {meant} euros write {meant}",
                    )

    def _municipality(self) -> None:
        """A workshop is of its strategy file's municipality, compared as ``status`` groups files.

        Otherwise it would pass here and then could not be rolled up with its
        own strategy. The AGS decides when both have one, else the name
        (:func:`~strategy_kit.document.municipality.same_municipality`).
        """
        if self.shared is None or self.shared.unavailable:
            return
        mine, theirs = _municipality_of(self.data), _municipality_of(self.shared.data)
        if mine is None or theirs is None or same_municipality(*mine, *theirs):
            return
        (name, ags), (other, other_ags) = mine, theirs
        key, shown = ("ags", ags) if ags and other_ags else ("name", name)
        self.add(
            "error",
            ("municipality", key),
            f"{shown!r} is not the municipality of the strategy file {self.shared.name} "
            f"({municipality_label(other, other_ags)}); a workshop belongs to its strategy's municipality",
        )

    def _keys(self, node: Any, loc: tuple[PathSegment, ...]) -> None:
        """Every mapping key must be text; YAML also allows numbers, lists and null."""
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str):
                    self._keys(value, (*loc, key))
                else:
                    lc = getattr(node, "lc", None)
                    line, column = locate(self.data, loc) if lc is None else (lc.key(key)[0] + 1, lc.key(key)[1] + 1)
                    shown = "null" if key is None else "a collection" if isinstance(key, Iterable) else repr(key)
                    self.found.append(
                        Diagnostic(
                            self.name, line, column, "error", display_path(self.data, loc),
                            f"key {shown} must be text{_decimal_comma_hint(node, key)}",
                        )
                    )
        elif isinstance(node, list):
            for index, item in enumerate(node):
                self._keys(item, (*loc, index))

    def _participants(self, departments: dict[str, Any]) -> None:
        # Only hashable values: a list where a date belongs is the model's error to report.
        day_dates = {d.get("date") for _, d in self.items("days") if isinstance(d.get("date"), dt.date)}
        for loc, person in self.items("participants"):
            self.ref((*loc, "department"), person.get("department"), departments, "department")
            attendance = person.get("attendance")
            if isinstance(attendance, list):
                for index, when in enumerate(attendance):
                    if isinstance(when, dt.date) and when not in day_dates:
                        self.add("error", (*loc, "attendance", index), f"{when.isoformat()} is not a workshop day")

    def _workshop(self, participants: dict[str, Any]) -> None:
        workshop = self.data.get("workshop")
        if isinstance(workshop, dict) and isinstance(workshop.get("facilitators"), list):
            for index, pid in enumerate(workshop["facilitators"]):
                self.ref(("workshop", "facilitators", index), pid, participants, "participant")

    def _days(self, participants: dict[str, Any]) -> None:
        blocks: dict[str, tuple[PathSegment, ...]] = {}
        sessions: dict[str, tuple[PathSegment, ...]] = {}
        dates: dict[object, tuple[PathSegment, ...]] = {}
        for day_loc, day in self.items("days"):
            when = day.get("date")
            if isinstance(when, dt.date):
                if when in dates:
                    self.add("error", (*day_loc, "date"), f"{when.isoformat()} appears as a day twice")
                dates.setdefault(when, day_loc)
            start, end = _clock(day.get("start")), _clock(day.get("end"), end=True)
            if start is not None and end is not None and end <= start:
                self.add("error", (*day_loc, "end"), f"the day ends at {day['end']} before it starts at {day['start']}")
            for block_loc, block in self.items(*day_loc, "blocks"):
                self._collect(blocks, block_loc, block, "block")
                for session_loc, session in self.items(*block_loc, "sessions"):
                    self._collect(sessions, session_loc, session, "session")
                    self.ref((*session_loc, "lead"), session.get("lead"), participants, "participant")
                    self._actual(session_loc, session)
            self._timeline(day_loc, day)

    def _actual(self, loc: tuple[PathSegment, ...], session: dict[str, Any]) -> None:
        """A session's recorded times: it ends after it starts."""
        actual = session.get("actual")
        if not isinstance(actual, dict):
            return
        start, end = _clock(actual.get("start")), _clock(actual.get("end"), end=True)
        if start is not None and end is not None and end <= start:
            self.add("error", (*loc, "actual", "end"), f"the session ended at {actual['end']}, not after it started at {actual['start']}")

    def _timeline(self, day_loc: tuple[PathSegment, ...], day: dict[str, Any]) -> None:
        """The timing engine's errors for a day of valid shape (:mod:`strategy_kit.document.timeline`).

        One rule for ``check`` and ``plan``: a day is laid out in elapsed time in the
        workshop's zone, so a switch to or from summer time counts as ``plan`` counts it.
        A day whose own shape is wrong, or a zone that is unknown, is the shape check's.
        """
        from zoneinfo import ZoneInfo

        from pydantic import ValidationError

        from strategy_kit.document.model import Day, time_zones
        from strategy_kit.document.timeline import errors
        from strategy_kit.files.yamlio import plain

        workshop = self.data.get("workshop") if isinstance(self.data, dict) else None
        zone = workshop.get("timezone", "Europe/Berlin") if isinstance(workshop, dict) else "Europe/Berlin"
        if zone not in time_zones():
            return
        try:
            checked = Day.model_validate(plain(day))
        except ValidationError:
            return
        index = day_loc[-1]
        assert isinstance(index, int)
        for severity, where, message in errors(checked, ZoneInfo(zone), index):
            self.add(severity, where, message, keep_last=True)

    def _criteria(self) -> None:
        for loc, criterion in self.items("criteria"):
            low, high = scale(criterion)
            if low >= high:
                self.add("error", (*loc, "scale"), f"the scale's minimum {low:g} is not below its maximum {high:g}")
                continue
            threshold = criterion.get("threshold")
            if isinstance(threshold, int | float) and not low <= threshold <= high:
                self.add("error", (*loc, "threshold"), f"threshold {threshold:g} lies outside the scale {low:g}-{high:g}")
            if threshold is not None and not criterion.get("knockout"):
                self.add("warning", (*loc, "threshold"), "a threshold only counts for a knock-out criterion (knockout: true)")

    def _projects(
        self,
        fields_: dict[str, Any],
        criteria: dict[str, tuple[PathSegment, ...]],
        projects: dict[str, Any],
        owners: dict[str, Any],
    ) -> None:
        criterion_items = {c["id"]: c for _, c in self.items("criteria") if isinstance(c.get("id"), str)}
        if self.shared is not None:
            criterion_items = {**self.shared.criterion_items(), **criterion_items}
        for loc, project in self.items("projects"):
            refs = project.get("fields")
            if refs is None or (isinstance(refs, list) and not refs):
                self.add(
                    "error",
                    (*loc, "fields") if refs is not None else loc,
                    "a project needs at least one field of action (fields: [...])",
                )
            elif isinstance(refs, list):
                for index, ref in enumerate(refs):
                    self.ref((*loc, "fields", index), ref, fields_, "field of action")
            self.ref((*loc, "lead"), project.get("lead"), owners, "department or participant")
            parent = project.get("parent")
            if parent == project.get("id") and isinstance(parent, str):
                self.add("error", (*loc, "parent"), "a project cannot be its own parent")
            else:
                self.ref((*loc, "parent"), parent, projects, "project")
            scores = project.get("scores")
            if isinstance(scores, dict):
                for criterion_id, value in scores.items():
                    if not isinstance(criterion_id, str):
                        continue
                    if criterion_id not in criterion_items and self.blind:
                        continue
                    if criterion_id not in criterion_items:
                        hint = suggest(criterion_id, criterion_items) or (
                            f"; known: {', '.join(criterion_items)}" if criterion_items else "; the document defines no criteria"
                        )
                        self.add("error", (*loc, "scores", criterion_id), f"score for unknown criterion {criterion_id!r}{hint}", key=True)
                        continue
                    low, high = scale(criterion_items[criterion_id])
                    with contextlib.suppress(ValueError):
                        value = score_value(value)  # "3,5" is the score 3.5; other text is the model's error
                    if _number(value) and not low <= value <= high:
                        self.add(
                            "error",
                            (*loc, "scores", criterion_id),
                            f"score {value:g} lies outside the scale {low:g}-{high:g} of criterion {criterion_id!r}",
                        )
            for step_loc, step in self.items(*loc, "next_steps"):
                self.ref((*step_loc, "owner"), step.get("owner"), owners, "department or participant")
        self._cycles(projects)

    def _cycles(self, projects: dict[str, tuple[PathSegment, ...]]) -> None:
        parents = {p["id"]: p.get("parent") for _, p in self.items("projects") if isinstance(p.get("id"), str)}
        reported: set[str] = set()
        for start in parents:
            seen: list[str] = []
            node: Any = start
            while isinstance(node, str) and node in parents and node not in seen:
                seen.append(node)
                node = parents[node]
            if node == start and len(seen) > 1 and not reported & set(seen):
                reported.update(seen)
                chain = " -> ".join([*seen, start])
                self.add("error", (*projects[start], "parent"), f"projects form a cycle of parents: {chain}")

    # -- a measure's dependencies, goals and period -------------------------------------

    def _statuses(self) -> dict[str, str]:
        """Each known project's status in the format's spelling (the strategy's first, the file's own win)."""
        items = [p for _, p in self.items("projects")]
        if self.shared is not None and isinstance(self.shared.data, dict):
            theirs = self.shared.data.get("projects")
            items = [*(p for p in theirs if isinstance(p, dict)), *items] if isinstance(theirs, list) else items
        found: dict[str, str] = {}
        for project in items:
            ident, status = project.get("id"), project.get("status")
            if isinstance(ident, str) and isinstance(status, str):
                found[ident] = STATUS_ALIASES.get(status, status)
        return found

    def _dependencies(self, projects: dict[str, Any]) -> None:
        """``depends_on``: known projects (the strategy's too), not itself, not a dropped one, no cycle."""
        statuses = self._statuses()
        for loc, project in self.items("projects"):
            needs = project.get("depends_on")
            if not isinstance(needs, list):
                continue
            ident = project.get("id")
            for index, need in enumerate(needs):
                where = (*loc, "depends_on", index)
                if isinstance(need, str) and need in needs[:index]:
                    self.add("warning", where, f"{need!r} is listed twice; once is enough")
                elif need == ident and isinstance(need, str):
                    self.add("error", where, "a project cannot depend on itself")
                elif isinstance(need, str) and need in projects:
                    if statuses.get(need) == "dropped" and statuses.get(str(ident)) != "dropped":
                        self.add(
                            "warning",
                            where,
                            f"project {need!r} is dropped; this one cannot wait for it: "
                            "remove the dependency or plan it anew",
                        )
                else:
                    self.ref(where, need, projects, "project")
        self._dependency_cycles()

    def _dependency_cycles(self) -> None:
        """Each cycle once, at the ``depends_on`` entry of its member written first: ``a → b → a``.

        A depth-first walk over the file's own projects; a strategy's projects
        cannot depend on a workshop's, so no cycle runs through both files.
        """
        graph: dict[str, tuple[tuple[PathSegment, ...], list[Any]]] = {}
        for loc, project in self.items("projects"):
            ident, needs = project.get("id"), project.get("depends_on")
            if isinstance(ident, str) and ident not in graph:
                graph[ident] = (loc, needs if isinstance(needs, list) else [])
        order = {ident: number for number, ident in enumerate(graph)}
        done: set[str] = set()
        reported: set[str] = set()  # members of a cycle reported: one message per knot of cycles
        for root in graph:
            if root in done:
                continue
            path = [root]
            on_path = {root: 0}
            stack = [iter(graph[root][1])]
            while stack:
                need = next(stack[-1], None)
                if need is None:
                    stack.pop()
                    left = path.pop()
                    del on_path[left]
                    done.add(left)
                    continue
                if not isinstance(need, str) or need not in graph or need == path[-1] or need in done:
                    continue
                if need not in on_path:
                    on_path[need] = len(path)
                    path.append(need)
                    stack.append(iter(graph[need][1]))
                elif need not in reported and path[-1] not in reported:
                    cycle = path[on_path[need] :]
                    reported.update(cycle)
                    self._cycle(cycle, graph, order)

    def _cycle(
        self,
        cycle: list[str],
        graph: dict[str, tuple[tuple[PathSegment, ...], list[Any]]],
        order: dict[str, int],
    ) -> None:
        first = min(range(len(cycle)), key=lambda number: order[cycle[number]])
        members = cycle[first:] + cycle[:first]
        loc, needs = graph[members[0]]
        chain = " → ".join([*members, members[0]])
        self.add(
            "error",
            (*loc, "depends_on", needs.index(members[1])),
            f"projects depend on each other in a cycle: {chain}; one of them must be able to start first",
        )

    def _goal_ids(self) -> dict[str, Any] | None:
        """The goals a project may serve: its strategy file's; ``None`` when there is no strategy file."""
        return None if self.shared is None else self.shared.ids("goals")

    def _goals(self) -> None:
        known = self._goal_ids()
        for loc, project in self.items("projects"):
            goals = project.get("goals")
            if not isinstance(goals, list) or not goals:
                continue
            if known is None:
                self.add(
                    "error",
                    (*loc, "goals"),
                    "goals are the ids of a strategy file's goals, and this file names no strategy file; "
                    "add one (strategy: ../strategy.yaml) or remove goals",
                    key=True,
                )
                continue
            if self.blind:
                continue
            for index, goal in enumerate(goals):
                if known or not isinstance(goal, str):
                    self.ref((*loc, "goals", index), goal, known, "goal")
                else:
                    where = self.shared.name if self.shared is not None else "this file"
                    self.add("error", (*loc, "goals", index), f"unknown goal {goal!r}; {where} defines no goals")

    def _periods(self) -> None:
        """A measure's end is not before its start; its milestones lie between them (a warning)."""
        from strategy_kit.document.periods import period_text

        for loc, project in self.items("projects"):
            start = self._period(loc, project, "start")
            end = self._period(loc, project, "end")
            if start is not None and end is not None and end[1] < start[0]:
                self.add(
                    "error",
                    (*loc, "end"),
                    f"the measure ends ({period_text(end[2])}) before it starts ({period_text(start[2])})",
                )
                continue
            for step_loc, milestone in self.items(*loc, "milestones"):
                if not isinstance(milestone.get("date"), dt.date):
                    continue
                when = _day(milestone["date"])
                if start is not None and when < start[0]:
                    self.add(
                        "warning",
                        (*step_loc, "date"),
                        f"milestone {when.isoformat()} lies before the measure starts ({period_text(start[2])})",
                    )
                elif end is not None and when > end[1]:
                    self.add(
                        "warning",
                        (*step_loc, "date"),
                        f"milestone {when.isoformat()} lies after the measure ends ({period_text(end[2])})",
                    )

    def _period(
        self, loc: tuple[PathSegment, ...], project: dict[str, Any], key: str
    ) -> tuple[dt.date, dt.date, Any] | None:
        """First day, last day and value of a project's ``start`` or ``end``; ``None`` if unusable.

        A wrong spelling (and a quarter of the year 0) is the model's error.
        """
        from strategy_kit.document.periods import first_day, last_day, parse_period

        value = project.get(key)
        if value is None:
            return None
        try:
            period = parse_period(value)
        except ValueError:
            return None
        return first_day(period), last_day(period), period

    # -- the report's frame and the file's images ---------------------------------------

    def _document(self) -> None:
        """``report.document``: status adopted and the adoption date go together."""
        report = self.data.get("report")
        info = report.get("document") if isinstance(report, dict) else None
        if not isinstance(info, dict):
            return
        status = info.get("status")
        if isinstance(status, str):
            status = DOCUMENT_STATUS_ALIASES.get(status, status)
            if status not in ("draft", "proposed", "adopted"):
                return  # the model names the allowed words
        adopted = info.get("adopted")
        if status == "adopted" and adopted is None:
            self.add(
                "error",
                ("report", "document", "status"),
                "an adopted report needs the council's decision date (adopted: 2027-03-15)",
            )
        if not isinstance(adopted, dt.date):
            return
        if status != "adopted":
            now = f"its status is {status}" if isinstance(status, str) else "it has no status"
            self.add(
                "error",
                ("report", "document", "adopted"),
                f"a decision date belongs to an adopted report (status: adopted), but {now}",
            )
        days = [_day(d["date"]) for _, d in self.items("days") if isinstance(d.get("date"), dt.date)]
        if days and _day(adopted) < min(days):
            self.add(
                "warning",
                ("report", "document", "adopted"),
                f"adopted on {_day(adopted).isoformat()}, before the workshop's first day "
                f"{min(days).isoformat()}; is the date right?",
            )

    def _images(self) -> None:
        """The logo and every photo, judged as a renderer reads them (:mod:`strategy_kit.files.images`).

        Only for a file on disk (:attr:`folder`): an old revision's images are
        not in the working tree, and are not read from git either.
        """
        if self.folder is None:
            return
        municipality = self.data.get("municipality")
        if isinstance(municipality, dict) and isinstance(municipality.get("logo"), str):
            self._image(("municipality", "logo"), municipality["logo"], "logo")
        for day_loc, _ in self.items("days"):
            for block_loc, _ in self.items(*day_loc, "blocks"):
                self._photos(block_loc)
                for session_loc, _ in self.items(*block_loc, "sessions"):
                    self._photos(session_loc)

    def _photos(self, loc: tuple[PathSegment, ...]) -> None:
        for photo_loc, photo in self.items(*loc, "photos"):
            if isinstance(photo.get("file"), str):
                self._image((*photo_loc, "file"), photo["file"], "photo")

    def _image(self, loc: tuple[PathSegment, ...], reference: str, kind: Kind) -> None:
        """An image that cannot be used is an error; one not there is a warning.

        A missing file leaves the document valid (the report leaves the image
        out), so the YAML can be checked and edited where the photos are not;
        ``check --strict`` still fails on it.
        """
        from strategy_kit.files.images import ImageError, MissingImage, check_image

        assert self.folder is not None
        try:
            check_image(reference, self.folder, kind)
        except MissingImage as exc:
            self.add("warning", loc, f"{exc}; the report leaves it out")
        except ImageError as exc:
            self.add("error", loc, str(exc))

    def _report(self, criteria: dict[str, Any]) -> None:
        report = self.data.get("report")
        if isinstance(report, dict):
            for axis in ("impact", "effort"):
                self.ref(("report", axis), report.get(axis), criteria, "criterion")
            if "votes_weight" in report and report.get("votes", "tie-breaker") != "criterion":
                # A weight that changes nothing is a slip: the ranking would not be what the file says.
                self.add(
                    "warning",
                    ("report", "votes_weight"),
                    "votes_weight counts only with 'votes: criterion'; with 'votes: tie-breaker' it is ignored",
                    key=True,
                )

    def _warnings(self, departments: dict[str, tuple[PathSegment, ...]], fields_: dict[str, tuple[PathSegment, ...]]) -> None:
        staffed = {p.get("department") for _, p in self.items("participants") if isinstance(p.get("department"), str)}
        for ident, loc in departments.items():
            if ident not in staffed:
                self.add("warning", (*loc, "id"), f"department {ident!r} has no participant")
        present: set[str] = set()
        for _, person in self.items("participants"):
            functions = person.get("functions")
            if isinstance(functions, list):
                present.update(f for f in functions if isinstance(f, str))
        missing = [f.value for f in OVERSIGHT_FUNCTIONS if f.value not in present]
        if missing and isinstance(self.data.get("participants"), list):
            self.add(
                "warning",
                ("participants",),
                f"no participant with function {', '.join(missing)}; involve them early "
                "(privacy, co-determination and equality are part of a digital strategy)",
                key=True,
            )
        used: set[str] = set()
        for _, project in self.items("projects"):
            refs = project.get("fields")
            if isinstance(refs, list):
                used.update(r for r in refs if isinstance(r, str))
        for ident, loc in fields_.items():
            if ident not in used:
                self.add("warning", (*loc, "id"), f"field of action {ident!r} has no project yet")
        self._maturity()

    def _maturity(self) -> None:
        for loc, item in self.items("fields_of_action"):
            maturity = item.get("maturity")
            if isinstance(maturity, dict):
                current, target = maturity.get("current"), maturity.get("target")
                if isinstance(current, int) and isinstance(target, int) and target < current:
                    self.add("warning", (*loc, "maturity", "target"), f"target maturity {target} is below the current {current}")

    # -- indicators measured over time, budget by year ----------------------------------

    def _measurements(self) -> None:
        """Each indicator's measurements: oldest first, one per day, in the indicator's unit; ``actual`` agrees."""
        for project_loc, _ in self.items("projects"):
            for loc, indicator in self.items(*project_loc, "indicators"):
                self._measurement_list(loc, indicator)

    def _indicator_values(self, loc: tuple[PathSegment, ...], indicator: dict[str, Any]) -> None:
        """``1.000`` is one to YAML and one thousand to a German reader: ask which is meant."""
        from strategy_kit.document.numbers import AmbiguousNumber, ambiguous_question, read_number

        places: list[tuple[tuple[PathSegment, ...], str]] = [((), "baseline"), ((), "target"), ((), "actual")]
        places += [(("measurements", i), "value") for i, _ in enumerate(_list(indicator.get("measurements")))]
        for where, key in places:
            node: Any = _item(indicator, where).get(key)
            question = None
            if thousands_written(node) is not None:
                question = ambiguous_question(f"{float(node):.3f}", float(node))
            elif isinstance(node, str) and key == "value":  # a quoted "1.000" or "1,000"
                try:
                    read_number(node.strip(), typed=True)
                except AmbiguousNumber as exc:
                    question = str(exc)
                except ValueError:
                    pass  # no number at all, or too many digits: the model's to say
            if question is not None:
                self.add("error", (*loc, *where, key), question)

    def _measurement_list(self, loc: tuple[PathSegment, ...], indicator: dict[str, Any]) -> None:
        self._indicator_values(loc, indicator)
        unit = indicator.get("unit")
        newest: tuple[dt.date, tuple[PathSegment, ...]] | None = None
        for m_loc, measurement in self.items(*loc, "measurements"):
            written = measurement.get("unit")
            if isinstance(written, str) and written != unit:
                if isinstance(unit, str):
                    line = locate(self.data, (*loc, "unit"))[0]
                    message = (
                        f"unit {written!r} differs from the indicator's unit {unit!r} (line {line}); "
                        "a measurement is in its indicator's unit: convert the value, or leave unit out"
                    )
                else:
                    message = f"the indicator has no unit; write unit: {written!r} on the indicator, or leave it out here"
                self.add("error", (*m_loc, "unit"), message)
            when = measurement.get("date")
            if not isinstance(when, dt.date):
                continue  # a date that is not one is the model's error
            when = _day(when)
            if newest is not None and when <= newest[0]:
                line = locate(self.data, (*newest[1], "date"))[0]
                if when == newest[0]:
                    message = (
                        f"a second measurement on {when.isoformat()} (the first is on line {line}); "
                        "a day has one value: correct the date or remove one of them"
                    )
                else:
                    message = (
                        f"the measurement of {when.isoformat()} is listed after the one of "
                        f"{newest[0].isoformat()} (line {line}); list measurements oldest first"
                    )
                self.add("error", (*m_loc, "date"), message)
                continue
            newest = when, m_loc
        self._actual_agrees(loc, indicator, newest)

    def _actual_agrees(
        self,
        loc: tuple[PathSegment, ...],
        indicator: dict[str, Any],
        newest: tuple[dt.date, tuple[PathSegment, ...]] | None,
    ) -> None:
        """``actual`` written beside measurements must be the latest one's value: one answer, not two."""
        from strategy_kit.document.numbers import decimal_text, measured_value

        written = indicator.get("actual")
        if newest is None or not _number(written) or not isinstance(written, int | float):
            return
        when, m_loc = newest
        try:
            value = measured_value(_item(self.data, m_loc).get("value"))
        except ValueError:
            return  # the model reports a value that is no number
        if not _number(value) or float(value) == float(written):
            return
        line = locate(self.data, (*m_loc, "value"))[0]
        latest, shown = decimal_text(value), decimal_text(written)
        self.add(
            "error",
            (*loc, "actual"),
            f"actual {shown} differs from the latest measurement, {latest} on {when.isoformat()} (line {line}); "
            f"the latest measurement is the actual value: remove actual or write {latest}",
        )

    def _budget(self) -> None:
        """A project's budget by year: known sources, one entry per year and source, spent within planned."""
        for project_loc, project in self.items("projects"):
            funding = project.get("funding")
            if isinstance(funding, dict):
                self._funding_years((*project_loc, "funding"), funding)

    def _funding_years(self, loc: tuple[PathSegment, ...], funding: dict[str, Any]) -> None:
        from strategy_kit.document.funding import choices, source_key

        sources = [
            (s["kind"], s.get("name") if isinstance(s.get("name"), str) else None)
            for _, s in self.items(*loc, "sources")
            if isinstance(s.get("kind"), str)
        ]
        seen: dict[tuple[int, Any], tuple[PathSegment, ...]] = {}
        years: dict[int, list[tuple[tuple[PathSegment, ...], dict[str, Any]]]] = {}
        for y_loc, entry in self.items(*loc, "years"):
            year, written = entry.get("year"), entry.get("source")
            key: Any = None
            if isinstance(written, str):
                key = source_key(written, sources)
                if key is None:
                    known = choices(sources)
                    hint = suggest(written, known) or f"; one of {', '.join(known)}"
                    self.add("error", (*y_loc, "source"), f"unknown funding source {written!r}{hint}")
                    continue
            if not isinstance(year, int) or isinstance(year, bool):
                continue
            if (year, key) in seen:
                line = locate(self.data, seen[(year, key)])[0]
                which = f" and source {written!r}" if isinstance(written, str) else " without a source"
                self.add(
                    "error",
                    (*y_loc, "year"),
                    f"a second entry for {year}{which} (the first is on line {line}); "
                    "add the amounts into one entry",
                )
                continue
            seen[(year, key)] = y_loc
            years.setdefault(year, []).append((y_loc, entry))
        self._overspent(loc, years)

    def _overspent(
        self, loc: tuple[PathSegment, ...], years: dict[int, list[tuple[tuple[PathSegment, ...], dict[str, Any]]]]
    ) -> None:
        """A warning where spent exceeds planned: per entry, per year of several entries, in total."""
        from decimal import Decimal

        def amount(entry: dict[str, Any], key: str) -> Decimal | None:
            # Exact sums of the amounts as written: 1000.10 + 2000.20 is 3000.30, not a cent more.
            value = entry.get(key)
            return Decimal(repr(value)) if _number(value) else None

        def decimal_text(value: Decimal) -> str:
            return format(value.normalize(), "f") if value else "0"

        total_planned = total_spent = Decimal(0)
        for year, entries in years.items():
            warned = False
            for y_loc, entry in entries:
                planned, spent = amount(entry, "planned"), amount(entry, "spent")
                if planned is not None and spent is not None and spent > planned:
                    warned = True
                    self.add(
                        "warning",
                        (*y_loc, "spent"),
                        f"spent {decimal_text(spent)} EUR in {year} is more than the {decimal_text(planned)} EUR planned",
                    )
            planned = sum((p for _, e in entries if (p := amount(e, "planned")) is not None), Decimal(0))
            spent = sum((s for _, e in entries if (s := amount(e, "spent")) is not None), Decimal(0))
            total_planned, total_spent = total_planned + planned, total_spent + spent
            if len(entries) > 1 and not warned and planned > 0 and spent > planned:
                self.add(
                    "warning",
                    entries[0][0],
                    f"spent {decimal_text(spent)} EUR in {year} is more than the {decimal_text(planned)} EUR planned "
                    "for the year",
                )
        if len(years) > 1 and total_planned > 0 and total_spent > total_planned:
            first, last = min(years), max(years)
            self.add(
                "warning",
                (*loc, "years"),
                f"spent {decimal_text(total_spent)} EUR in {first}-{last} is more than the "
                f"{decimal_text(total_planned)} EUR planned",
                key=True,
            )


class StrategyRules(Rules):
    """The workshop rules minus those about people: a strategy file lists none."""

    def _goal_ids(self) -> dict[str, Any]:
        """A strategy's projects serve its own goals."""
        return self.ids("goals", "goal")

    def _warnings(self, departments: dict[str, Any], fields_: dict[str, Any]) -> None:
        self._maturity()


def _number(value: object) -> bool:
    """A number these rules can compare; an int beyond float's range is left to the model's error."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not isinstance(value, int) or abs(value) <= sys.float_info.max


def scale(criterion: dict[str, Any]) -> tuple[float, float]:
    scale = criterion.get("scale")
    low, high = 0.0, 5.0
    if isinstance(scale, dict):
        if _number(scale.get("min")):
            low = float(scale["min"])
        if _number(scale.get("max")):
            high = float(scale["max"])
    return low, high


def _day(value: dt.date) -> dt.date:
    """A date as a day: YAML reads ``2027-03-05 10:00`` as a datetime, which a date cannot be compared with."""
    return value.date() if isinstance(value, dt.datetime) else value


def _clock(value: object, *, end: bool = False) -> dt.time | None:
    from strategy_kit.document.durations import parse_clock

    try:
        return parse_clock(value, end=end) if isinstance(value, str) else None
    except ValueError:
        return None


def _decimal_comma_hint(mapping: dict[Any, Any], key: Any) -> str:
    """``{wirkung: 3,5}``: YAML reads ``wirkung: 3`` and a key ``5``; say to quote the decimal."""

    def whole(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    keys = list(mapping)
    before = keys[keys.index(key) - 1] if keys.index(key) else None
    if whole(key) and mapping[key] is None and isinstance(before, str) and whole(mapping[before]):
        return f'; in a one-line mapping a comma separates entries: quote the decimal, {before}: "{mapping[before]},{key}"'
    return ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _item(data: Any, loc: Sequence[PathSegment]) -> dict[str, Any]:
    """The mapping at ``loc`` (found by :meth:`Rules.items`, so it is there)."""
    node = data
    for segment in loc:
        node = node[segment]
    return node if isinstance(node, dict) else {}
