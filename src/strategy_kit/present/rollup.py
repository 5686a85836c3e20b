"""The roll-up in words: JSON, Markdown and HTML of :class:`~strategy_kit.compute.rollup.Rollup`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from strategy_kit.compute.rollup import STATUSES, Rollup
from strategy_kit.document.model import Status
from strategy_kit.present.semdiff import change_dict


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
        "changes": [change_dict(c) for c in result.changes],
    }


# -- output -----------------------------------------------------------------------------


def context(result: Rollup, lang: str) -> dict[str, Any]:
    """What the templates see: the roll-up, labels, and formatters for dates and percentages."""
    from strategy_kit.present.i18n import format_date, format_percent
    from strategy_kit.present.labels import label, table
    from strategy_kit.present.semdiff import describe

    # ``L("overdue")`` in templates and the status command; statuses by their key (``L("done")``).
    words = table("rollup", lang)
    words.update(table("lifecycle", lang))
    none = label("report.none", lang)  # the one way a missing value reads

    def pct(value: float | None) -> str:
        return none if value is None else format_percent(value, lang)

    def date(value: dt.date | None) -> str:
        return none if value is None else format_date(value, lang, "medium")

    def status_label(status: Status) -> str:
        return label(f"lifecycle.{status.value}", lang)

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
        "L": words.__getitem__,
        "lang": lang,
        "statuses": [status_label(s) for s in STATUSES],
        "status_counts": [result.by_status[s] for s in STATUSES],
        "total": sum(result.by_status.values()),
        "rows": rows,
        "overall": pct(result.progress),
        "today": date(result.today),
        "none": none,
        "pct": pct,
        "date": date,
        "status_label": status_label,
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
