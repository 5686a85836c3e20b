"""The domain edits: votes, scores, a project's status, an indicator's measurement, a budget year, and new projects, participants and fields.

Each is a function of the edited file that runs through the edit transaction
(:func:`strategy_kit.change.transaction.edit_file`): the file is left
unchanged or valid, with every comment and every untouched byte in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from strategy_kit.change.splice import Editor, refuse
from strategy_kit.change.transaction import EditResult, edit_file
from strategy_kit.document.diagnostics import Exit
from strategy_kit.document.model import (
    FieldOfAction,
    Funding,
    FundingYear,
    Indicator,
    Participant,
    Project,
    StrategyDocument,
)
from strategy_kit.files.yamlio import locate

if TYPE_CHECKING:
    from strategy_kit.check.validate import Loaded

# -- the edits -----------------------------------------------------------------------------

PROJECT_ORDER = tuple(Project.model_fields)


def _index(editor: Editor, section: str, ident: str, label: str) -> int:
    from strategy_kit.document.diagnostics import suggest

    items = editor.get((section,), [])
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == ident:
            return index
    known = [i for i in ids if isinstance(i, str)]
    if editor.loaded is not None and _in_strategy(editor.loaded, section, ident):
        # Named with its line, as import-scores names it: the user goes there next.
        where = editor.loaded.origin(section, ident)
        raise refuse(
            editor.source,
            f"{label} {ident!r} is defined in the strategy file {where.file}:{where.position()[0]}; edit it there",
            data=editor.data, at=("strategy",), exit_code=Exit.USAGE,
        )
    hint = suggest(ident, known) or (f"; known: {', '.join(known)}" if known else f"; the file has no {section}")
    raise refuse(
        editor.source, f"no {label} {ident!r}{hint}", data=editor.data, at=(section,), exit_code=Exit.USAGE, key=True
    )


def item_index(editor: Editor, section: str, ident: str, label: str) -> int:
    """The place of the item ``ident`` in the list ``section``; an unknown id (or one the strategy file
    defines) is refused with a did-you-mean, as every domain edit refuses it."""
    return _index(editor, section, ident, label)


def _in_strategy(loaded: Loaded, section: str, ident: str) -> bool:
    """Whether the resolved workshop holds ``ident`` from its strategy file rather than its own."""
    try:
        return loaded.origin(section, ident).file != loaded.name
    except LookupError:
        return False


@dataclass(frozen=True)
class VoteChange:
    """``N`` sets the count, ``+N``/``-N`` add to it."""

    amount: int
    relative: bool

    @classmethod
    def parse(cls, text: str) -> VoteChange:
        """``12``, ``+3`` or ``-2``: a count read by :func:`strategy_kit.document.numbers.read_votes`."""
        from strategy_kit.document.numbers import read_votes

        raw = text.strip()
        sign = raw[:1] if raw[:1] in ("+", "-") else ""
        try:
            amount = read_votes(raw[len(sign) :])
        except ValueError as exc:
            if "is not a number" in str(exc):
                raise ValueError(f"{text!r} is not a number of votes (N, +N or -N)") from None
            raise
        return cls(-amount if sign == "-" else amount, bool(sign))


def set_votes(path: Path | str, changes: Mapping[str, VoteChange], *, dry_run: bool = False) -> EditResult:
    """Record dot votes per project: the room's count, or an addition to it."""

    from strategy_kit.document.numbers import MAX_VOTES, MAX_VOTES_TEXT, vote_count

    def change(editor: Editor) -> None:
        for ident, vote in changes.items():
            index = _index(editor, "projects", ident, "project")
            # Read as check reads it: votes: "5" is 5.
            old = vote_count(editor.get(("projects", index, "votes"), 0))
            new = old + vote.amount if vote.relative else vote.amount
            if not 0 <= new <= MAX_VOTES:
                more = "" if new < 0 else f", more than {MAX_VOTES_TEXT}"
                raise refuse(
                    editor.source,
                    f"project {ident!r} has {old} votes; {vote.amount:+d} would make {new}{more}",
                    data=editor.data,
                    at=("projects", index, "votes"),
                )
            if new != old or "votes" not in editor.get(("projects", index)):
                editor.set_scalar(("projects", index, "votes"), new, order=PROJECT_ORDER)
            editor.notes.append(f"{ident}: votes {old} -> {new}")

    return edit_file(path, change, dry_run=dry_run)


def set_scores(path: Path | str, project: str, scores: Mapping[str, int | float], *, dry_run: bool = False) -> EditResult:
    """Record scores of one project, each checked against its criterion's scale."""
    return edit_file(path, lambda editor: record_scores(editor, project, scores), dry_run=dry_run)


def record_scores(editor: Editor, project: str, scores: Mapping[str, int | float]) -> None:
    """Splice ``scores`` into ``project``'s mapping; a score outside its scale is refused."""
    from strategy_kit.check.rules import scale
    from strategy_kit.document.diagnostics import suggest
    from strategy_kit.document.numbers import decimal_text, score_value

    index = _index(editor, "projects", project, "project")
    criteria = {c["id"]: c for c in editor.get(("criteria",), []) if isinstance(c, dict)}
    # A workshop scores against its resolved criteria, its strategy file's too (ids never clash).
    resolved = editor.loaded.document.criteria if editor.loaded is not None else []
    shared = {c.id: c.model_dump() for c in resolved if c.id not in criteria}
    for criterion, value in scores.items():
        if criterion not in criteria and criterion not in shared:
            known = [*shared, *criteria]
            hint = suggest(criterion, known) or (f"; known: {', '.join(known)}" if known else "; the file defines no criteria")
            raise refuse(
                editor.source, f"no criterion {criterion!r}{hint}", data=editor.data, at=("criteria",),
                exit_code=Exit.USAGE, key=True,
            )
        low, high = scale(criteria.get(criterion) or shared[criterion])
        if not low <= value <= high:
            where = ("criteria", list(criteria).index(criterion)) if criterion in criteria else ("projects", index)
            raise refuse(
                editor.source,
                f"score {decimal_text(value)} for {criterion!r} lies outside its scale "
                f"{decimal_text(low)}-{decimal_text(high)}",
                data=editor.data,
                at=where,
            )
        base = ("projects", index)
        existing = editor.get((*base, "scores"))
        written = existing.get(criterion) if isinstance(existing, dict) else None
        # Read as check reads it: "3,5" in the file is the score 3.5 (the file is valid here).
        old = None if written is None else score_value(written)
        if existing is None:
            editor.insert_key(base, "scores", {criterion: value}, order=PROJECT_ORDER)
        elif old != value:
            editor.set_scalar((*base, "scores", criterion), value)
        was = "-" if old is None else decimal_text(old)
        editor.notes.append(f"{project}: {criterion} {was} -> {decimal_text(value)}")


def set_status(
    path: Path | str, project: str, status: str, *, force: bool = False, dry_run: bool = False
) -> EditResult:
    """Move a project to ``status`` if the lifecycle allows it (``force`` skips that check)."""
    from strategy_kit.document.lifecycle import check_transition
    from strategy_kit.document.model import Status

    def change(editor: Editor) -> None:
        index = _index(editor, "projects", project, "project")
        old = editor.get(("projects", index, "status"), Status.IDEA.value)
        try:
            check_transition(old, status, force=force)
        except ValueError as exc:
            raise refuse(
                editor.source, f"project {project!r}: {exc}", data=editor.data, at=("projects", index, "status"),
            ) from None
        if old != status:
            editor.set_scalar(("projects", index, "status"), status, order=PROJECT_ORDER)
        editor.notes.append(f"{project}: status {old} -> {status}")

    return edit_file(path, change, dry_run=dry_run)


def set_progress(path: Path | str, project: str, percent: int, *, dry_run: bool = False) -> EditResult:
    """Record how far a project is, ``percent`` from 0 to 100 (the format's ``progress``).

    The transaction validates the result, so a value the format refuses is
    reported at its place and nothing is written.
    """

    def change(editor: Editor) -> None:
        index = _index(editor, "projects", project, "project")
        at = ("projects", index, "progress")
        status = editor.get(("projects", index, "status"))
        children = [
            str(item.get("id"))
            for item in editor.get(("projects",), None) or []
            if isinstance(item, dict) and item.get("parent") == project
        ]
        # compute/progress.py does not read these values: writing one would change nothing.
        if children:
            raise refuse(
                editor.source,
                f"project {project!r} has sub-projects ({', '.join(children)}); its progress is "
                "rolled up from theirs by weight: record theirs",
                data=editor.data,
                at=("projects", index, "id"),
            )
        if status in ("done", "dropped"):
            counted = "counts 100 %" if status == "done" else "is not counted"
            raise refuse(
                editor.source,
                f"project {project!r} is {status} and {counted}; move its status first to record progress",
                data=editor.data,
                at=("projects", index, "status"),
            )
        old = editor.get(at)
        if old != percent:
            editor.set_scalar(at, percent, order=PROJECT_ORDER)
        was = "(not set)" if old is None else str(old)
        editor.notes.append(f"{project}: progress {was} -> {percent}")

    return edit_file(path, change, dry_run=dry_run)


# -- adding entities -------------------------------------------------------------------------

SECTIONS = {"project": "projects", "participant": "participants", "field": "fields_of_action"}
_MODELS: dict[str, type[BaseModel]] = {"projects": Project, "participants": Participant, "fields_of_action": FieldOfAction}


def _taken(editor: Editor, section: str) -> dict[str, str]:
    """Ids already used in ``section`` (participants share their space with departments)."""
    sections = [section] + (["departments"] if section == "participants" else [])
    taken: dict[str, str] = {}
    for name in sections:
        for item in editor.get((name,), []) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                taken[item["id"]] = name
    return taken


def _shared(editor: Editor, section: str) -> dict[str, str]:
    """Ids the strategy file defines for ``section``, each with its section (empty without one)."""
    loaded = editor.loaded
    if loaded is None:
        return {}
    sections = [section] + (["departments"] if section == "participants" else [])
    return {
        ident: name
        for name in sections
        for item in getattr(loaded.document, name, [])
        if isinstance(ident := getattr(item, "id", None), str) and _in_strategy(loaded, name, ident)
    }


def add_item(
    path: Path | str, kind: str, values: Mapping[str, Any], *, dry_run: bool = False
) -> EditResult:
    """Append a project, participant or field of action; the id is a slug of the title if absent."""
    from strategy_kit.document.slug import slugify, unique_slug

    section = SECTIONS[kind]
    label = "field of action" if kind == "field" else kind

    def change(editor: Editor) -> None:
        from strategy_kit.check.strategy import is_strategy

        if is_strategy(editor.data) and section not in StrategyDocument.model_fields:
            raise refuse(
                editor.source,
                f"a strategy file has no {section}; add the {label} to a workshop file",
                exit_code=Exit.USAGE,
            )
        item = {k: v for k, v in values.items() if v not in (None, [], "")}
        blank = [k for k, v in item.items() if isinstance(v, str) and not v.strip()]
        if blank:
            # Valid YAML, but a title of spaces is a slip of the shell, not a name.
            raise refuse(editor.source, f"--{blank[0]} is blank; give it some text", exit_code=Exit.USAGE)
        taken = _taken(editor, section)
        shared = _shared(editor, section)
        ident = item.get("id")
        if ident is None:
            basis = item.get("title") or item.get("role") or item.get("name") or kind
            # A title of emoji has no slug: number the kind instead ('project-2').
            ident = unique_slug(slugify(str(basis)) or kind, set(taken) | set(shared))
        elif ident in shared and editor.loaded is not None:
            origin = editor.loaded.origin(shared[ident], ident)
            raise refuse(
                editor.source,
                f"id {ident!r} is already used in the strategy file {origin.file}:{origin.position()[0]}; "
                "choose another --id",
                exit_code=Exit.USAGE,
            )
        elif ident in taken:
            where = _index(editor, taken[ident], ident, taken[ident])
            line, _ = locate(editor.data, (taken[ident], where, "id"))
            raise refuse(
                editor.source,
                f"id {ident!r} is already used on line {line}; choose another --id",
                data=editor.data,
                at=(taken[ident], where, "id"),
                exit_code=Exit.USAGE,
            )
        order = list(_MODELS[section].model_fields)
        item["id"] = ident
        item = dict(sorted(item.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)))
        editor.append_item(section, item)
        editor.notes.append(f"added {label} {ident!r}")

    return edit_file(path, change, dry_run=dry_run)


# -- an indicator's measurement ------------------------------------------------------------

INDICATOR_ORDER = tuple(Indicator.model_fields)


def _indicator(editor: Editor, project: str, index: int, wanted: str) -> int:
    """The position of the indicator ``wanted`` names: its title (case ignored) or its number, 1 first."""
    from strategy_kit.document.diagnostics import suggest

    items = editor.get(("projects", index, "indicators"), [])
    titles = [item.get("title") if isinstance(item, dict) else None for item in items]
    for fold in (False, True):
        matches = [
            position
            for position, title in enumerate(titles)
            if isinstance(title, str) and (title == wanted or (fold and title.casefold() == wanted.strip().casefold()))
        ]
        if len(matches) > 1:
            numbers = " and ".join(str(m + 1) for m in matches)
            raise refuse(
                editor.source,
                f"project {project!r} has {len(matches)} indicators titled {wanted!r} (numbers {numbers}); "
                "give the number instead",
                data=editor.data, at=("projects", index, "indicators", matches[1], "title"), exit_code=Exit.USAGE,
            )
        if matches:
            return matches[0]
    if wanted.strip().isdigit() and 1 <= int(wanted.strip()) <= len(items):
        return int(wanted.strip()) - 1
    if not items:
        raise refuse(
            editor.source,
            f"project {project!r} has no indicators; add one to the file first (indicators: - title: ...)",
            data=editor.data, at=("projects", index), exit_code=Exit.USAGE,
        )
    known = [t for t in titles if isinstance(t, str)]
    listed = ", ".join(f"{n} {t!r}" for n, t in enumerate(titles, start=1) if isinstance(t, str))
    hint = suggest(wanted, known) or f"; its indicators: {listed}"
    raise refuse(
        editor.source,
        f"project {project!r} has no indicator {wanted!r}{hint}",
        data=editor.data, at=("projects", index, "indicators"), exit_code=Exit.USAGE, key=True,
    )


@dataclass(frozen=True)
class NewMeasurement:
    """One measurement to record: the value in the indicator's unit, the day, where it comes from."""

    value: int | float
    date: dt.date
    source: str | None = None
    note: str | None = None


def record_measurement(
    path: Path | str, project: str, indicator: str, measured: NewMeasurement, *, dry_run: bool = False
) -> EditResult:
    """Append a measurement to a project's indicator, after its latest one.

    ``indicator`` is a title or a number (1 for the first). A date on or
    before the latest measurement is refused (exit 1): measurements are kept
    oldest first, one a day. An ``actual`` written beside the measurements is
    set to the new value, so the file keeps one answer. Raises
    :class:`~strategy_kit.change.splice.EditError`.
    """
    from strategy_kit.document.numbers import decimal_text

    def change(editor: Editor) -> None:
        index = _index(editor, "projects", project, "project")
        position = _indicator(editor, project, index, indicator)
        base: tuple[Any, ...] = ("projects", index, "indicators", position)
        title = editor.get((*base, "title"))
        written = editor.get((*base, "measurements"))
        dates = [_as_day(m.get("date")) for m in written or [] if isinstance(m, dict)]
        last = max((d for d in dates if d is not None), default=None)
        if last is not None and measured.date <= last:
            at = (*base, "measurements", dates.index(last), "date")
            line, _ = locate(editor.data, at)
            same = "already has a measurement on" if measured.date == last else "was last measured on"
            raise refuse(
                editor.source,
                f"indicator {title!r} {same} {last.isoformat()} (line {line}); a measurement of "
                f"{measured.date.isoformat()} would not be its latest: give a later --date, or edit the file by hand",
                data=editor.data, at=at,
            )
        item: dict[str, Any] = {"date": measured.date, "value": measured.value}
        item.update({k: v for k, v in (("source", measured.source), ("note", measured.note)) if v is not None})
        if written is None:
            editor.insert_key(base, "measurements", [item], order=INDICATOR_ORDER)
        else:
            editor.append_to((*base, "measurements"), item)
        value = decimal_text(measured.value)
        note = f"{project}: {title}: {value} on {measured.date.isoformat()}"
        if editor.get((*base, "actual")) is not None:
            old = editor.get((*base, "actual"))
            editor.set_scalar((*base, "actual"), measured.value)
            note += f"; actual {decimal_text(old) if isinstance(old, int | float) else old} -> {value}"
        editor.notes.append(note)

    return edit_file(path, change, dry_run=dry_run)


def _as_day(value: Any) -> dt.date | None:
    """A measurement's date as written (YAML reads ``2024-12-31 10:00`` as a datetime)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


# -- the budget by year ----------------------------------------------------------------------

FUNDING_ORDER = tuple(Funding.model_fields)
FUNDING_YEAR_ORDER = tuple(FundingYear.model_fields)


@dataclass(frozen=True)
class BudgetFigures:
    """A year's amounts to record for one source, in euros; None leaves an amount as it is.

    ``source`` is what was typed (a kind, its German word or a source's name),
    None for the entry without a source.
    """

    year: int
    planned: int | float | None = None
    spent: int | float | None = None
    source: str | None = None


def record_budget(path: Path | str, project: str, figures: BudgetFigures, *, dry_run: bool = False) -> EditResult:
    """Set the entry of a project's ``funding.years`` for ``figures.year`` and ``figures.source``.

    The entry whose year and source (as :func:`strategy_kit.document.funding.source_key`
    reads both) match gets the given amounts; without one, a new one-line entry
    is put after the entries of its year and the years before (``funding`` and
    ``years`` created when missing). A new entry names its source as the sources
    list does: a named source by its name, else its kind. An unknown source is
    refused at the project's sources (exit 1) with "did you mean". The
    warnings of ``check`` (spent more than planned) come with the result.
    Raises :class:`~strategy_kit.change.splice.EditError`.
    """
    from strategy_kit.document.diagnostics import suggest
    from strategy_kit.document.funding import KIND_WORDS, choices, source_key
    from strategy_kit.document.numbers import decimal_text

    def change(editor: Editor) -> None:
        index = _index(editor, "projects", project, "project")
        base: tuple[Any, ...] = ("projects", index)
        funding = editor.get((*base, "funding"))
        if "funding" in editor.get(base) and not isinstance(funding, dict):
            raise refuse(
                editor.source, f"project {project!r} has an empty 'funding'; write 'funding:' with its keys or remove it",
                data=editor.data, at=(*base, "funding"),
            )
        written = funding.get("sources") if isinstance(funding, dict) else None
        sources = [
            (s["kind"], s.get("name") if isinstance(s.get("name"), str) else None)
            for s in written or []
            if isinstance(s, dict) and isinstance(s.get("kind"), str)
        ]
        key = None if figures.source is None else source_key(figures.source, sources)
        if figures.source is not None and key is None:
            known = choices(sources)
            # The German words for the kinds are valid too: "Eigenmitel" is told "Eigenmittel".
            german = [word.capitalize() for word in KIND_WORDS]
            hint = suggest(figures.source, [*known, *german]) or f"; one of {', '.join(known)}"
            place = (*base, "funding", "sources") if written else (*base, "funding") if funding else base
            raise refuse(
                editor.source, f"project {project!r} has no funding source {figures.source!r}{hint}",
                data=editor.data, at=place, key=bool(written or funding),
            )
        years = funding.get("years") if isinstance(funding, dict) else None
        entries = years if isinstance(years, list) else []

        def entry_key(entry: dict[str, Any]) -> Any:
            named = entry.get("source")
            return source_key(named, sources) if isinstance(named, str) else None

        found = next(
            (i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("year") == figures.year and entry_key(e) == key),
            None,
        )
        shown = "" if key is None else f" {key[1] or key[0]}"
        amounts = {"planned": figures.planned, "spent": figures.spent}
        changes = []
        if found is not None:
            at: tuple[Any, ...] = (*base, "funding", "years", found)
            for name, value in amounts.items():
                old = editor.get((*at, name))
                if value is None:
                    continue
                if old != value:
                    editor.set_scalar((*at, name), value, order=FUNDING_YEAR_ORDER)
                was = "-" if old is None else decimal_text(old)
                changes.append(f"{name} {was} -> {decimal_text(value)}")
        else:
            item: dict[str, Any] = {"year": figures.year}
            item.update({k: v for k, v in amounts.items() if v is not None})
            if key is not None:
                item["source"] = key[1] or key[0]
            changes = [f"{name} - -> {decimal_text(value)}" for name, value in amounts.items() if value is not None]
            if isinstance(years, list):
                later = next(
                    (
                        i
                        for i, e in enumerate(entries)
                        if isinstance(e, dict) and isinstance(e.get("year"), int) and e["year"] > figures.year
                    ),
                    None,
                )
                editor.append_to((*base, "funding", "years"), item, before=later)
            elif isinstance(funding, dict):
                editor.insert_key((*base, "funding"), "years", [item], order=FUNDING_ORDER)
            else:
                editor.insert_key(base, "funding", {"years": [item]}, order=PROJECT_ORDER)
        editor.notes.append(f"{project}: budget {figures.year}{shown}: {', '.join(changes)}")

    return edit_file(path, change, dry_run=dry_run)
