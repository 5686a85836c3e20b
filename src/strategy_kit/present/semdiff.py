"""What changed, in words: a strategy diff as text for a terminal, Markdown and JSON.

Names never appear: next-step owners are departments or roles, and
participants are counted by role (DSGVO).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from strategy_kit.compute.semdiff import SECTIONS, Change
from strategy_kit.document.characters import json_text
from strategy_kit.document.model import Status
from strategy_kit.present.i18n import STATUS_NAMES

LABELS: dict[str, dict[str, str]] = {
    "title": {"de": "Änderungen an der Strategie", "en": "Changes to the strategy"},
    "compared": {"de": "Vergleich", "en": "Compared"},
    "none": {"de": "Keine inhaltlichen Änderungen.", "en": "No changes in substance."},
    "strategy": {"de": "Strategie", "en": "Strategy"},
    "workshops": {"de": "Workshops", "en": "Workshops"},
    "fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "projects": {"de": "Projekte", "en": "Projects"},
    "next-steps": {"de": "Nächste Schritte", "en": "Next steps"},
    "dates": {"de": "Termine", "en": "Dates"},
    "participants": {"de": "Teilnehmende (nach Rolle)", "en": "Participants (by role)"},
    "vision-changed": {"de": "Leitbild geändert", "en": "Vision changed"},
    "goal-added": {"de": "Ziel neu", "en": "Goal added"},
    "goal-removed": {"de": "Ziel entfallen", "en": "Goal removed"},
    "goal-changed": {"de": "Ziel geändert", "en": "Goal changed"},
    "workshop-added": {"de": "Workshop neu", "en": "Workshop added"},
    "workshop-removed": {"de": "Workshop entfallen", "en": "Workshop removed"},
    "field-added": {"de": "neu", "en": "added"},
    "field-removed": {"de": "entfallen", "en": "removed"},
    "field-renamed": {"de": "umbenannt", "en": "renamed"},
    "project-added": {"de": "neu", "en": "added"},
    "project-removed": {"de": "entfallen", "en": "removed"},
    "project-renamed": {"de": "umbenannt", "en": "renamed"},
    "status-changed": {"de": "Status", "en": "status"},
    "score-changed": {"de": "Bewertung", "en": "score"},
    "votes-changed": {"de": "Stimmen", "en": "votes"},
    "rank-changed": {"de": "Rang", "en": "rank"},
    "progress-changed": {"de": "Fortschritt", "en": "progress"},
    "parent-changed": {"de": "übergeordnetes Projekt", "en": "parent project"},
    "fields-changed": {"de": "Handlungsfelder", "en": "fields of action"},
    "next-step-added": {"de": "neu", "en": "new"},
    "next-step-done": {"de": "erledigt", "en": "done"},
    "next-step-removed": {"de": "entfallen", "en": "removed"},
    "due": {"de": "fällig", "en": "due"},
    "date-changed": {"de": "verschoben", "en": "moved"},
    "days": {"de": "Workshoptage", "en": "workshop days"},
    "review": {"de": "Überprüfung der Strategie", "en": "strategy review"},
    "goal": {"de": "Zieldatum", "en": "goal date"},
    "follow-up": {"de": "Folgetermin", "en": "follow-up"},
    "step": {"de": "Schritt", "en": "step"},
    "role-count": {"de": "Anzahl", "en": "number"},
    "unranked": {"de": "ohne Rang", "en": "unranked"},
    "nothing": {"de": "—", "en": "—"},
    **STATUS_NAMES,
}


def _value(value: Any, lang: str, kind: str = "") -> str:
    from strategy_kit.present.i18n import format_date, format_number

    text = LABELS["nothing"][lang]
    if value is None:
        text = LABELS["unranked"][lang] if kind == "rank-changed" else LABELS["nothing"][lang]
    elif isinstance(value, list):
        text = ", ".join(_value(v, lang) for v in value) or LABELS["nothing"][lang]
    elif isinstance(value, dt.date):
        text = format_date(value, lang, "medium")
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int | float):
        text = format_number(value, lang)
        if kind == "progress-changed":
            text += " %"
    elif kind == "status-changed" or value in {s.value for s in Status}:
        text = LABELS[str(value)][lang]
    else:
        text = str(value)
    return text


def describe(change: Change, lang: str, quote: Callable[[str], str]) -> str:
    """One change as a sentence fragment; ``quote`` marks up titles and ids."""
    label = LABELS[change.kind][lang]
    subject = (
        f"{quote(change.title)} ({quote(change.subject)})"
        if change.subject != change.title
        else quote(change.title)
    )
    kind = change.kind
    arrow = f"{quote(_value(change.old, lang, kind))} → {quote(_value(change.new, lang, kind))}"
    if kind in {"field-added", "field-removed", "goal-added", "goal-removed", "workshop-removed"}:
        return f"{label}: {subject}"
    if kind == "workshop-added":
        when = f", {_value(change.new, lang)}" if change.new else ""
        return f"{label}: {quote(change.title)}{when}"
    if kind == "project-added":
        status = _value(change.new, lang, "status-changed")
        return f"{label}: {subject}, {LABELS['status-changed'][lang]} {status}"
    if kind == "project-removed":
        return f"{label}: {subject}"
    if kind in {"field-renamed", "project-renamed", "goal-changed", "vision-changed"}:
        before, after = quote(str(change.old)), quote(str(change.new))
        return f"{label}: {before} → {after} ({quote(change.subject)})"
    if kind == "score-changed":
        return f"{subject}: {label} {quote(change.detail)} {arrow}"
    if kind == "next-step-added":
        due = f", {LABELS['due'][lang]} {_value(change.new, lang)}" if change.new else ""
        return f"{subject}: {label}: {quote(change.detail)}{due}"
    if kind in {"next-step-done", "next-step-removed"}:
        return f"{subject}: {label}: {quote(change.detail)}"
    if kind == "date-changed":
        what, _, step = change.detail.partition(":")
        if what == "review":
            return f"{LABELS[what][lang]}: {arrow}"
        if what == "step":
            return f"{LABELS[what][lang]} {quote(step)} ({quote(change.title)}): {arrow}"
        return f"{LABELS[what][lang]} ({quote(change.title)}): {arrow}"
    if kind == "role-count":
        return f"{quote(change.subject)} ({quote(change.title)}): {arrow}"
    return f"{subject}: {label} {arrow}"


def to_text(changes: Sequence[Change], lang: str = "de", *, old: str = "", new: str = "") -> str:
    """Plain text for a terminal: one indented line per change under each section.

    Titles are put on one line without control characters: a title holding an
    escape sequence must not recolour or clear the reader's terminal.
    """
    from strategy_kit.present.text import one_line

    lines = [f"{LABELS['compared'][lang]}: {old} → {new}"] if old or new else []
    if not changes:
        lines.append(LABELS["none"][lang])
    for section in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            lines.append(f"{LABELS[section][lang]}:")
            lines.extend(f"  {describe(c, lang, one_line)}" for c in items)
    return "\n".join(lines) + "\n"


def to_markdown(
    changes: Sequence[Change], lang: str = "de", *, old: str = "", new: str = ""
) -> str:
    """Markdown for a council submission or a merge request (renders on GitHub and GitLab)."""
    from strategy_kit.present.render import md_escape
    from strategy_kit.present.text import one_line

    def quote(text: str) -> str:
        # A line break in a title would end the list item and start a paragraph.
        return md_escape(one_line(text))

    out = [f"## {LABELS['title'][lang]}", ""]
    if old or new:
        out += [
            f"{LABELS['compared'][lang]}: `{old.replace('`', '')}` → `{new.replace('`', '')}`",
            "",
        ]
    if not changes:
        out += [LABELS["none"][lang], ""]
    for section in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            out += [f"### {LABELS[section][lang]}", ""]
            out += [f"- {describe(c, lang, quote)}" for c in items]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def to_json(changes: Sequence[Change], *, old: str = "", new: str = "") -> str:
    """Stable JSON for other tools: the compared sides and the list of changes."""
    items = [{k: jsonable(v) for k, v in asdict(c).items()} for c in changes]
    return json_text({"old": old, "new": new, "changes": items}) + "\n"
