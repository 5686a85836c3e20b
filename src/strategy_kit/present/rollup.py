"""The roll-up in words: JSON, Markdown and HTML of :class:`~strategy_kit.compute.rollup.Rollup`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from strategy_kit.compute.rollup import STATUSES, Rollup
from strategy_kit.present.i18n import STATUS_NAMES


def to_dict(result: Rollup) -> dict[str, Any]:
    """JSON-ready: statuses by their key, dates in ISO form."""
    return {
        "today": result.today.isoformat(),
        "progress": result.progress,
        "by_status": {s.value: n for s, n in result.by_status.items()},
        "fields": [
            {
                "id": fid,
                "title": result.fields.get(fid, fid),
                "by_status": {s.value: n for s, n in counts.items()},
                "progress": result.field_progress.get(fid),
            }
            for fid, counts in result.by_field.items()
        ],
        "projects": [
            {
                "id": s.id,
                "title": s.title,
                "status": s.status.value,
                "fields": list(s.fields),
                "parent": s.parent,
                "children": list(s.children),
                "progress": s.progress,
                "file": s.file,
            }
            for s in result.projects
        ],
        "overdue": [
            {
                "project": o.project,
                "title": o.title,
                "action": o.action,
                "owner": o.owner,
                "due": o.due.isoformat(),
                "days_overdue": o.days,
                "file": o.file,
            }
            for o in result.overdue
        ],
        "workshops": [
            {"file": name, "title": title, "date": when.isoformat() if when else None}
            for name, title, when in result.workshops
        ],
        "since": result.since,
        "changes": [_change_dict(c) for c in result.changes],
    }


def _change_dict(change: Any) -> dict[str, Any]:
    from dataclasses import asdict

    from strategy_kit.present.semdiff import jsonable

    return {k: jsonable(v) for k, v in asdict(change).items()}


# -- output -----------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "title": {"de": "Stand der Strategie", "en": "State of the strategy"},
    "as_of": {"de": "Stand", "en": "As of"},
    "progress": {"de": "Fortschritt", "en": "Progress"},
    "overall": {"de": "Fortschritt des Portfolios", "en": "Portfolio progress"},
    "field": {"de": "Handlungsfeld", "en": "Field of action"},
    "total": {"de": "Summe", "en": "Total"},
    "projects": {"de": "Projekte", "en": "Projects"},
    "project": {"de": "Projekt", "en": "Project"},
    "status": {"de": "Status", "en": "Status"},
    "by_field": {
        "de": "Projekte je Handlungsfeld und Status",
        "en": "Projects per field of action and status",
    },
    "portfolio": {"de": "Portfolio", "en": "Portfolio"},
    "overdue": {"de": "Überfällige nächste Schritte", "en": "Overdue next steps"},
    "none_overdue": {"de": "Keine überfälligen Schritte.", "en": "No overdue steps."},
    "action": {"de": "Schritt", "en": "Step"},
    "owner": {"de": "Verantwortlich", "en": "Owner"},
    "due": {"de": "Fällig", "en": "Due"},
    "days": {"de": "Tage überfällig", "en": "Days overdue"},
    "days_short": {"de": "Tage", "en": "Days"},
    "workshops": {"de": "Workshops", "en": "Workshops"},
    "date": {"de": "Datum", "en": "Date"},
    "changes": {"de": "Änderungen seit", "en": "Changes since"},
    "no_changes": {"de": "Keine inhaltlichen Änderungen.", "en": "No changes in substance."},
    "dash": {"de": "–", "en": "–"},
    **STATUS_NAMES,
}


def context(result: Rollup, lang: str) -> dict[str, Any]:
    """What the templates see: the roll-up, labels, and formatters for dates and percentages."""
    from strategy_kit.present.i18n import Labels, format_date, format_percent
    from strategy_kit.present.semdiff import describe

    labels = Labels(LABELS, lang)

    def pct(value: float | None) -> str:
        return labels("dash") if value is None else format_percent(value, lang)

    def date(value: dt.date | None) -> str:
        return labels("dash") if value is None else format_date(value, lang, "medium")

    rows = [
        {
            "title": result.fields.get(fid, fid),
            "counts": [counts[s] for s in STATUSES],
            "total": sum(counts.values()),
            "progress": pct(result.field_progress.get(fid)),
        }
        for fid, counts in result.by_field.items()
    ]
    return {
        "r": result,
        "L": labels,
        "lang": lang,
        "statuses": [labels(s.value) for s in STATUSES],
        "status_counts": [result.by_status[s] for s in STATUSES],
        "total": sum(result.by_status.values()),
        "rows": rows,
        "overall": pct(result.progress),
        "today": date(result.today),
        "pct": pct,
        "date": date,
        "status_label": lambda s: labels(s.value),
        "changes": [describe(c, lang, str) for c in result.changes],
        "changes_md": [describe(c, lang, _md) for c in result.changes],
    }


def _md(text: str) -> str:
    from strategy_kit.present.render import md_escape

    return md_escape(text)


def to_markdown(result: Rollup, lang: str = "de") -> str:
    """The roll-up as Markdown that renders on GitHub and GitLab."""
    from strategy_kit.present.render import render

    return render("rollup.md.j2", context(result, lang), kind="md")


def to_html(result: Rollup, lang: str = "de") -> str:
    """The roll-up as one self-contained, printable HTML page."""
    from strategy_kit.present.render import render

    return render("rollup.html.j2", context(result, lang), kind="html")
