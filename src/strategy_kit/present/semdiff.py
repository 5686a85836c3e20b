"""What changed, in words: a strategy diff as text for a terminal, Markdown and JSON.

Names never appear: next-step owners are departments or roles, and
participants are counted by role (DSGVO).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from strategy_kit.compute.semdiff import SECTIONS, Change, Names
from strategy_kit.document.characters import json_text
from strategy_kit.document.model import Status
from strategy_kit.present.i18n import format_span
from strategy_kit.present.labels import label


def _value(value: Any, lang: str, kind: str = "") -> str:
    from strategy_kit.present.i18n import format_date, format_number, format_percent

    text = label("report.none", lang)
    if value is None:
        text = label("diff.unranked", lang) if kind == "rank-changed" else label("report.none", lang)
    elif isinstance(value, list):
        text = ", ".join(_value(v, lang) for v in value) or label("report.none", lang)
    elif isinstance(value, dt.date):
        text = format_date(value, lang, "long")
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int | float) and kind == "progress-changed":
        text = format_percent(value, lang)
    elif isinstance(value, int | float):
        text = format_number(value, lang)
    elif kind == "status-changed" or value in {s.value for s in Status}:
        text = label(f"lifecycle.{value}", lang)
    else:
        text = str(value)
    return text


def describe(change: Change, lang: str, quote: Callable[[str], str], names: Names | None = None) -> str:
    """One change as a sentence fragment in words: titles, not ids; dates as ``5. März 2019``.

    ``quote`` marks up titles; ``names`` turns the ids a change holds (a
    criterion, fields of action, a parent project) into their titles, an id
    without one is shown as it is. The status page, ``diff`` and their
    Markdown all say a change with this one function.
    """
    known = names or Names()
    name = label(f"diff.{change.kind}", lang)
    subject = quote(change.title)
    kind = change.kind
    old, new = change.old, change.new
    if kind == "fields-changed":
        old = [known.fields.get(v, v) for v in old or []]
        new = [known.fields.get(v, v) for v in new or []]
    elif kind == "parent-changed":
        old = known.projects.get(old, old) if old else old
        new = known.projects.get(new, new) if new else new

    def shown(value: Any) -> str:
        # Dates and numbers are written by the program: quoting would escape "14. Mai" as a list.
        text = _value(value, lang, kind)
        written = dt.date | int | float
        if isinstance(value, written) or (
            isinstance(value, list) and value and all(isinstance(v, written) for v in value)
        ):
            return text
        return quote(text)

    arrow = f"{shown(old)} → {shown(new)}"
    if kind in {"field-added", "field-removed", "goal-added", "goal-removed", "workshop-removed"}:
        return f"{name}: {subject}"
    if kind == "workshop-added":
        when = f", {_value(change.new, lang)}" if change.new else ""
        return f"{name}: {quote(change.title)}{when}"
    if kind == "project-added":
        status = _value(change.new, lang, "status-changed")
        return f"{name}: {subject}, {label('diff.status-changed', lang)} {status}"
    if kind == "project-removed":
        return f"{name}: {subject}"
    if kind in {"field-renamed", "project-renamed", "goal-changed", "vision-changed"}:
        return f"{name}: {quote(str(change.old))} → {quote(str(change.new))}"
    if kind == "period-changed":
        none = label("report.none", lang)
        before = format_span(old, lang) or none
        after = format_span(new, lang) or none
        return f"{subject}: {name} {quote(before)} → {quote(after)}"
    if kind == "score-changed":
        criterion = known.criteria.get(change.detail, change.detail)
        return f"{subject}: {name} {quote(criterion)} {arrow}"
    if kind == "next-step-added":
        due = f", {label('diff.due', lang)} {_value(change.new, lang)}" if change.new else ""
        return f"{subject}: {name}: {quote(change.detail)}{due}"
    if kind == "indicator-changed":
        return f"{subject}: {name} {quote(change.detail)} {arrow}"
    if kind == "milestone-done":
        return f"{subject}: {name}: {quote(change.detail)}"
    if kind in {"next-step-done", "next-step-removed"}:
        return f"{subject}: {name}: {quote(change.detail)}"
    if kind == "date-changed":
        what, _, step = change.detail.partition(":")
        if what == "review":
            return f"{label('diff.' + what, lang)}: {arrow}"
        if what == "step":
            return f"{label('diff.' + what, lang)} {quote(step)} ({quote(change.title)}): {arrow}"
        return f"{label('diff.' + what, lang)} ({quote(change.title)}): {arrow}"
    if kind == "role-count":
        return f"{quote(change.subject)} ({quote(change.title)}): {arrow}"
    return f"{subject}: {name} {arrow}"


def to_text(
    changes: Sequence[Change],
    lang: str = "de",
    *,
    old: str = "",
    new: str = "",
    names: Names | None = None,
) -> str:
    """Plain text for a terminal: one indented line per change under each section.

    Titles are put on one line without control characters: a title holding an
    escape sequence must not recolour or clear the reader's terminal.
    """
    from strategy_kit.present.text import one_line

    lines = [f"{label('diff.compared', lang)}: {old} → {new}"] if old or new else []
    if not changes:
        lines.append(label("diff.none", lang))
    for section in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            lines.append(f"{label('diff.' + section, lang)}:")
            lines.extend(f"  {describe(c, lang, one_line, names)}" for c in items)
    return "\n".join(lines) + "\n"


def to_markdown(
    changes: Sequence[Change],
    lang: str = "de",
    *,
    old: str = "",
    new: str = "",
    names: Names | None = None,
) -> str:
    """Markdown for a council submission or a merge request (renders on GitHub and GitLab)."""
    from strategy_kit.present.render import md_escape

    def quote(text: str) -> str:
        # md_escape puts the title on one line: a break would end the list item.
        return md_escape(text)

    out = [f"## {label('diff.title', lang)}", ""]
    if old or new:
        out += [
            f"{label('diff.compared', lang)}: `{old.replace('`', '')}` → `{new.replace('`', '')}`",
            "",
        ]
    if not changes:
        out += [label("diff.none", lang), ""]
    for section in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            out += [f"### {label('diff.' + section, lang)}", ""]
            out += [f"- {describe(c, lang, quote, names)}" for c in items]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _jsonable(value: Any) -> Any:
    from strategy_kit.document.periods import Quarter, period_text

    if isinstance(value, dt.date | Quarter):
        return period_text(value)
    if isinstance(value, list | tuple):  # a period is a (start, end) pair: a JSON list
        return [_jsonable(v) for v in value]
    return value


def change_dict(change: Change) -> dict[str, Any]:
    """One change for JSON: its fields by name, dates as ISO strings (``diff`` and ``status --since``)."""
    # Not dataclasses.asdict: it would turn a quarter into {"year", "number"}, not 2027-Q1.
    return {f.name: _jsonable(getattr(change, f.name)) for f in fields(change)}


def to_json(changes: Sequence[Change], *, old: str = "", new: str = "") -> str:
    """Stable JSON for other tools: the compared sides and the list of changes."""
    items = [change_dict(c) for c in changes]
    return json_text({"old": old, "new": new, "changes": items}) + "\n"
