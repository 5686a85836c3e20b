"""The roll-up in words: JSON, Markdown and HTML of :class:`~strategy_kit.compute.rollup.Rollup`.

The status page names the municipality and its strategy, explains its sums
and its portfolio figure in a note with the numbers it is computed from, shows
each project's weight, and each project's traffic light
(:mod:`strategy_kit.compute.traffic`) as a coloured symbol *and* a word, so
it reads in black and white and to a screen reader, with its reason. Word and PDF lay out
the same :func:`context`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.compute.rollup import STATUSES, ProjectState, Rollup
from strategy_kit.compute.traffic import LATE_AFTER, SIGNALS, Light, TrafficLight
from strategy_kit.document.model import Status
from strategy_kit.present.semdiff import change_dict

if TYPE_CHECKING:
    from strategy_kit.present.theme import Theme

#: A light's symbol: a shape of its own for each colour, so colour is never the only sign.
SYMBOLS = {
    Light.ON_TRACK: "●",
    Light.AT_RISK: "▲",
    Light.LATE: "■",
    Light.DONE: "✓",
    Light.DROPPED: "–",
    Light.UNDATED: "○",
}

#: A light's colour (HTML, PDF and Word alike); dark enough for text contrast on white.
COLOURS = {
    Light.ON_TRACK: "#2e7d32",
    Light.AT_RISK: "#a15c00",
    Light.LATE: "#c62828",
    Light.DONE: "#2e7d32",
    Light.DROPPED: "#52606d",
    Light.UNDATED: "#52606d",
}


def reason(signal: TrafficLight, lang: str) -> str:
    """Why a light is not green, in a few words ("Schritt überfällig: Zahlungsanbieter vergleichen");
    empty for a light without a miss."""
    from strategy_kit.present.labels import label

    if signal.cause is None:
        return ""
    return label(f"traffic.cause-{signal.cause.value}", lang).format(subject=signal.subject or "")


def reason_dict(signal: TrafficLight, lang: str) -> dict[str, Any] | None:
    """A light's reason for tools: its code (:class:`~strategy_kit.compute.traffic.Cause`),
    the words of :func:`reason`, what was missed, the date missed and the days since; None without one."""
    if signal.cause is None:
        return None
    return {
        "code": signal.cause.value,
        "text": reason(signal, lang),
        "subject": signal.subject,
        "project": signal.project,
        "due": signal.due.isoformat() if signal.due else None,
        "days_overdue": signal.days,
    }


def to_dict(result: Rollup, lang: str = "de") -> dict[str, Any]:
    """JSON-ready: statuses by their key, dates in ISO form; a light's reason text in ``lang``."""
    return {
        "today": result.today.isoformat(),
        "municipality": result.municipality,
        "strategy": result.strategy,
        "progress": result.progress,
        "by_status": {s.value: n for s, n in result.by_status.items()},
        "fields": [
            {
                "id": fid,
                "title": result.fields.get(fid, fid),
                "by_status": {s.value: n for s, n in counts.items()},
                "progress": result.field_progress.get(fid),
                "counted": result.tally.by_field.get(fid, 0),
            }
            for fid, counts in result.by_field.items()
        ],
        # What the portfolio figure counts: the top-level measures decided on, by weight.
        "counted": {
            "projects": result.tally.counted,
            "weights": result.tally.weights,
            "sub_projects": result.tally.sub_projects,
            "pool": result.tally.pool,
            "dropped": result.tally.dropped,
        },
        "projects": [
            {
                "id": s.id,
                "title": s.title,
                "status": s.status.value,
                "fields": list(s.fields),
                "parent": s.parent,
                "children": list(s.children),
                "progress": s.progress,
                "weight": s.weight,
                "light": s.light.light.value,
                "reason": reason_dict(s.light, lang),
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
    """What the templates see: the roll-up, labels, notes, lights and formatters.

    Dates are written ``1. Oktober 2019``; ``light(project)`` gives a project's
    light as ``{"key", "symbol", "colour", "word", "reason", "note"}`` (the
    reason in a few words, the note with the date missed); ``weight(project)``
    the weight it counts with, empty when it counts in no figure;
    ``overall_note`` states what the portfolio figure counts with the
    computation's numbers (:attr:`~strategy_kit.compute.rollup.Rollup.tally`),
    ``counted`` how many; ``sum_notes`` explain why the total is not the sum of
    the field rows (empty when it is).
    """
    from strategy_kit.compute.progress import STATUS_PROGRESS
    from strategy_kit.present.i18n import format_count, format_date, format_number, format_percent
    from strategy_kit.present.labels import label, table
    from strategy_kit.present.semdiff import describe

    # ``L("overdue")`` in templates and the status command; statuses by their key (``L("done")``).
    words = table("rollup", lang)
    words.update(table("lifecycle", lang))
    none = label("report.none", lang)  # the one way a missing value reads

    def pct(value: float | None) -> str:
        return none if value is None else format_percent(value, lang)

    def date(value: dt.date | None) -> str:
        return none if value is None else format_date(value, lang, "long")

    def status_label(status: Status) -> str:
        return label(f"lifecycle.{status.value}", lang)

    def light(project: ProjectState) -> dict[str, str]:
        signal: TrafficLight = project.light
        why = reason(signal, lang)
        note = why
        if why and signal.due is not None:
            note = f"{why}, {label('traffic.since', lang).format(date=date(signal.due))}"
        return {
            "key": signal.light.value,
            "symbol": SYMBOLS[signal.light],
            "colour": COLOURS[signal.light],
            # Dropped: no light, and no word beside the status that already says it.
            "word": "" if signal.light is Light.DROPPED else label(f"traffic.{signal.light.value}", lang),
            # The cause in a few words (the terminal), and with the date missed (the documents).
            "reason": why,
            "note": note,
        }

    def weight(project: ProjectState) -> str:
        """The weight it counts with; empty when it counts in no figure (the cell does not apply)."""
        return "" if project.weight is None else format_number(project.weight, lang)

    rows = [
        {
            "title": result.fields.get(fid, fid),
            "counts": [counts[s] for s in STATUSES],
            "total": sum(counts.values()),
            "progress": pct(result.field_progress.get(fid)),
            "counted": result.tally.by_field.get(fid, 0),
        }
        for fid, counts in result.by_field.items()
    ]
    total = sum(result.by_status.values())
    shared = [p.title for p in result.projects if len(set(p.fields)) > 1]
    unfiled = [p.title for p in result.projects if not p.fields]
    sum_notes = []
    if shared or unfiled:
        sum_notes.append(label("rollup.sum_note", lang))
        if shared:
            sum_notes.append(label("rollup.sum_shared", lang).format(projects=", ".join(shared)))
        if unfiled:
            sum_notes.append(label("rollup.sum_unfiled", lang).format(projects=", ".join(unfiled)))
    defaults = ", ".join(
        f"{status_label(s)} {format_percent(STATUS_PROGRESS[s], lang)}"
        for s in (Status.PLANNED, Status.IN_PROGRESS)
    )
    tally = result.tally
    overall_note = label("rollup.overall_note", lang).format(
        counted=format_number(tally.counted, lang),
        total=format_number(total, lang),
        weights=format_number(tally.weights, lang),
        defaults=defaults,
    )
    if tally.sub_projects:
        overall_note += " " + label("rollup.sub_note", lang).format(n=format_number(tally.sub_projects, lang))
    parts = [
        label(f"rollup.not_counted_{key}", lang).format(n=format_number(n, lang))
        for key, n in (("pool", tally.pool), ("dropped", tally.dropped))
        if n
    ]
    if parts:
        overall_note += " " + label("rollup.not_counted", lang).format(parts=", ".join(parts))
    overall_note += " " + label("rollup.field_note", lang)
    since = since_md = result.since
    if since is not None:
        since_md = _md(since)
        with contextlib.suppress(ValueError):  # a git revision is shown as written
            # A date in words; Markdown needs no escape for it ("1\. Mai" would show the backslash).
            since = since_md = date(dt.date.fromisoformat(since))
    counted = {key: sum(p.light.light is key for p in result.projects) for key in Light}
    shown = [*SIGNALS, Light.UNDATED, Light.DONE]
    lights_summary = ", ".join(
        f"{counted[key]} {label(f'traffic.{key.value}', lang)}" for key in shown if counted[key]
    )
    return {
        "r": result,
        "L": words.__getitem__,
        "T": table("traffic", lang).__getitem__,
        "lang": lang,
        "municipality": result.municipality,
        "strategy": result.strategy,
        "vision": result.vision,
        "statuses": [status_label(s) for s in STATUSES],
        "status_counts": [result.by_status[s] for s in STATUSES],
        "total": total,
        "rows": rows,
        "sum_notes": sum_notes,
        "overall": pct(result.progress),
        "overall_note": overall_note,
        "counted": format_number(tally.counted, lang),
        "light": light,
        "weight": weight,
        "lights_summary": lights_summary,
        "traffic_rule": label("traffic.rule", lang).format(days=LATE_AFTER),
        "today": date(result.today),
        "none": none,
        "since": since,
        "since_md": since_md,
        # The internal edition says so on every page; the public one leaves internal items out.
        "internal_mark": label("report.internal_mark", lang) if result.internal else "",
        "pct": pct,
        # Whole numbers as the language writes them: 2.740 days, not 2740.
        "count": lambda value: format_number(value, lang),
        "date": date,
        "status_label": status_label,
        # ``1 Idee, 2 Kandidaten, 1 geplant``: the counts of ``status_counts``' shape, none left out
        # but the zeros.
        "breakdown": lambda counts: ", ".join(
            format_count(n, f"lifecycle.{s.value}", lang)
            for n, s in zip(counts, STATUSES, strict=True)
            if n
        ),
        "changes": [describe(c, lang, str, result.names) for c in result.changes],
        "changes_md": [describe(c, lang, _md, result.names) for c in result.changes],
    }


def _md(text: str) -> str:
    from strategy_kit.present.render import md_escape

    return md_escape(text)


def to_markdown(result: Rollup, lang: str = "de", templates: Path | None = None) -> str:
    """The roll-up as Markdown that renders on GitHub and GitLab; ``templates`` searched first."""
    from strategy_kit.present.render import render

    return render("rollup.md.j2", context(result, lang), kind="md", user_dir=templates)


def to_html(
    result: Rollup, lang: str = "de", templates: Path | None = None, theme: Theme | None = None
) -> str:
    """The roll-up as one self-contained HTML page, A4 portrait in print, in ``theme``'s look.

    ``templates`` is searched first (its ``base.css`` or ``rollup.html.j2``).
    """
    from markupsafe import Markup

    from strategy_kit.present.render import render
    from strategy_kit.present.theme import DEFAULT, css_variables

    ctx = context(result, lang)
    # css_variables admits only colours and font names: safe inside <style>.
    ctx["theme_css"] = Markup(css_variables(theme or DEFAULT))
    return render("rollup.html.j2", ctx, kind="html", user_dir=templates)


def to_pdf(
    result: Rollup, lang: str = "de", templates: Path | None = None, theme: Theme | None = None
) -> bytes:
    """The HTML page printed to A4 PDF, the municipality and the strategy in the running head.

    Raises :class:`strategy_kit.present.extras.MissingExtra` without WeasyPrint and
    :class:`strategy_kit.present.pdf.PdfError` when a template asks for a URL.
    """
    from strategy_kit.present.labels import label
    from strategy_kit.present.pdf import html_to_pdf

    return html_to_pdf(
        to_html(result, lang, templates, theme),
        municipality=result.municipality,
        title=result.strategy or label("rollup.title", lang),
        lang=lang,
        cover=False,
    )
