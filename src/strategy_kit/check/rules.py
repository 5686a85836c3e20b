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
from typing import Any

from strategy_kit.document.diagnostics import Diagnostic, Severity, suggest
from strategy_kit.document.model import Function
from strategy_kit.document.municipality import municipality_label, same_municipality
from strategy_kit.document.numbers import score_value
from strategy_kit.files.yamlio import PathSegment, display_path, locate

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


class Rules:
    """One pass over the raw document for everything pydantic cannot see."""

    def __init__(self, data: Any, name: str, shared: Shared | None = None) -> None:
        self.data = data
        self.name = name
        self.found: list[Diagnostic] = []
        self.shared = shared
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
        self._report(criteria)
        self._warnings(own_departments, own_fields)
        self._municipality()
        return self.found

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
            self._timeline(day_loc, day)

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


class StrategyRules(Rules):
    """The workshop rules minus those about people: a strategy file lists none."""

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
