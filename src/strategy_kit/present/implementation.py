"""The implementation report (Umsetzungsbericht) in words: Markdown, HTML and PDF.

A strategy repository's year for the council: cover with the period, contents,
the summary, vision and goals, the fields of action, every measure with its
light, milestones, indicators (a chart each) and budget, what changed in the
period, and the overdue next steps. :func:`context` prepares it once (strings in
the language, chapters without content left out, numbered); the templates
``implementation.md.j2`` and ``implementation.html.j2`` lay it out, and PDF
prints the HTML. Privacy is the caller's: it passes the public edition of the
repository (no internal items), and owners are departments or roles
(:func:`strategy_kit.compute.rollup.overdue_steps`), never names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.compute.implementation import Implementation, MeasureReport
from strategy_kit.compute.traffic import LATE_AFTER, SIGNALS, Light

if TYPE_CHECKING:
    from strategy_kit.compute.budget import Amounts
    from strategy_kit.compute.history import Event
    from strategy_kit.present.theme import Theme

#: The lights a count shows, in this order: the three colours, then done and no dates.
SHOWN = (*SIGNALS, Light.DONE, Light.UNDATED)


def context(result: Implementation, lang: str, *, internal: bool = False) -> dict[str, Any]:
    """What the templates see: ``t`` (labels), ``cover``, ``sections`` (each ``id``, ``anchor``,
    ``number``, ``title``, shown only with content), and each chapter's data under its id."""
    from babel.numbers import format_currency

    from strategy_kit.present.i18n import LOCALES, format_date, format_number, format_percent
    from strategy_kit.present.labels import label, table
    from strategy_kit.present.rollup import COLOURS, SYMBOLS, reason

    t = table("implementation", lang)
    none = label("report.none", lang)

    def date(value: dt.date | None) -> str:
        return none if value is None else format_date(value, lang, "long")

    def pct(value: float | None) -> str:
        return none if value is None else format_percent(value, lang)

    def money(value: Any) -> str:
        pattern = "#,##0\u00a0¤" if lang == "de" else "¤#,##0"
        return str(format_currency(value, "EUR", format=pattern, locale=LOCALES[lang], currency_digits=False))

    def number(value: float | None, unit: str | None = None) -> str:
        if value is None:
            return none
        shown = format_number(value, lang)
        return f"{shown}\u00a0{unit}" if unit else shown

    def status(value: str) -> str:
        return label(f"lifecycle.{value}", lang)

    def light_word(key: Light) -> str:
        return label(f"traffic.{key.value}", lang)

    def lights(counts: dict[Light, int]) -> list[dict[str, Any]]:
        return [
            {"key": k.value, "symbol": SYMBOLS[k], "colour": COLOURS[k], "word": light_word(k), "n": counts[k]}
            for k in SHOWN
        ]

    def lights_text(counts: dict[Light, int]) -> str:
        return ", ".join(f"{counts[k]} {light_word(k)}" for k in SHOWN if counts[k])

    def amounts(value: Amounts) -> str:
        return t["budget_line"].format(spent=money(value.spent), planned=money(value.planned))

    period = result.period
    years = period.years
    year_text = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    period_text = f"{date(period.start)} – {date(period.end)}"
    rollup = result.rollup

    # -- the changes, by kind, oldest first ---------------------------------------------------
    def event_text(event: Event) -> str:
        values = {"old": event.old, "new": event.new, "detail": event.detail}
        if event.kind in ("added", "status"):
            values = {k: status(v) if isinstance(v, str) and k != "detail" else v for k, v in values.items()}
        elif event.kind == "progress":
            values["old"] = pct(event.old)
            values["new"] = pct(event.new)
        elif event.kind == "indicator":
            values["old"] = number(event.old)
            values["new"] = number(event.new)
        return t[f"ev-{event.kind}"].format(**values)

    changes = sorted(
        (
            {"date": e.date, "day": date(e.date), "title": e.title, "text": event_text(e)}
            for events in result.events.values()
            for e in events
        ),
        key=lambda c: (c["date"], c["title"]),
    )
    kinds = [e.kind for events in result.events.values() for e in events]
    change_counts = [
        t[f"count_{kind}"].format(n=format_number(kinds.count(kind), lang))
        for kind in ("added", "dropped", "retitled", "status", "milestone")
        if kind in kinds
    ]

    # -- the measures ------------------------------------------------------------------------
    def measure(m: MeasureReport, index: int) -> dict[str, Any]:
        from strategy_kit.present.charts import IndicatorLabels, indicator_chart

        s = m.state
        signal = s.light
        why = reason(signal, lang)
        if why and signal.due is not None:
            why = f"{why}, {label('traffic.since', lang).format(date=date(signal.due))}"
        indicators = []
        for number_, series in enumerate(m.indicators, 1):
            unit = series.unit
            chart = indicator_chart(
                series.points,
                series.target,
                IndicatorLabels(
                    title=f"{t['indicator']} {series.title}",
                    target=t["target"],
                    value=_with_unit(number, unit),
                    day=lambda d: format_date(d, lang, "long"),
                ),
                ident=f"indicator-{index}-{number_}",
            )
            indicators.append(
                {
                    "title": series.title,
                    "baseline": number(series.baseline, unit),
                    "target": number(series.target, unit),
                    "actual": number(series.actual, unit),
                    "due": date(series.due),
                    "points": [{"date": date(d), "value": number(v, unit)} for d, v in series.points],
                    "chart": chart,
                }
            )
        return {
            "anchor": f"measure-{s.id}",
            "title": s.title,
            "sub": s.parent is not None,
            "status": status(s.status.value),
            "progress": pct(s.progress),
            "light": {
                "key": signal.light.value,
                "symbol": SYMBOLS[signal.light],
                "colour": COLOURS[signal.light],
                "word": light_word(signal.light),
                "reason": why,
            },
            "reached": [{"date": date(day), "title": ms.title} for day, ms in m.reached],
            "missed": [{"date": date(ms.date), "title": ms.title} for ms in m.missed],
            "indicators": indicators,
            "budget": amounts(m.budget) if m.budget is not None else "",
        }

    measures = [measure(m, i) for i, m in enumerate(result.measures, 1)]

    # -- the chapters ------------------------------------------------------------------------
    summary = {
        "measures": format_number(len(result.measures), lang),
        "lights": lights_text(result.lights),
        "progress": pct(rollup.progress),
        "budget_title": t["budget"].format(years=year_text),
        "budget": amounts(result.budget) if result.budget is not None else "",
        "changes": ", ".join(change_counts),
    }
    goals = {
        "vision": rollup.vision or "",
        "rows": [
            {
                "title": g.title,
                "due": date(g.due),
                "measures": f"{format_number(len(g.measures), lang)} ({format_number(g.done, lang)})",
                "progress": pct(g.progress),
                "state": t[f"goal-{g.state}"],
            }
            for g in result.goals
        ],
    }
    fields = [
        {
            "title": rollup.fields.get(fid, fid),
            "lights": lights(counts),
            "progress": pct(rollup.field_progress.get(fid)),
        }
        for fid, counts in result.field_lights.items()
    ]
    history = ""
    if result.history:
        history = t["no_history"].format(reason=result.history)
    skipped = [t["skipped"].format(date=date(n.date), message=n.message) for n in result.notes]
    overdue = [
        {
            "due": date(o.due),
            "title": o.title,
            "action": o.action,
            "owner": o.owner or none,
            "days": format_number(o.days, lang),
        }
        for o in rollup.overdue
    ]
    content = {
        "summary": True,
        "goals": bool(goals["vision"] or goals["rows"]),
        "fields": bool(fields),
        "measures": bool(measures),
        "changes": True,
        "overdue": bool(overdue),
    }
    sections = []
    for number_, sid in enumerate((s for s, shown in content.items() if shown), 1):
        sections.append({"id": sid, "anchor": f"sec-{sid}", "number": number_, "title": t[f"sec_{sid}"]})
    title = t["named"].format(title=result.strategy) if result.strategy else t["title"]
    return {
        "t": t,
        "lang": lang,
        "internal_mark": label("report.internal_mark", lang) if internal else "",
        "cover": {
            "title": title,
            "municipality": result.municipality,
            "period": period_text,
            "as_of": date(period.end),
            "edition": "" if internal else t["public_edition"],
        },
        "sections": sections,
        "summary": summary,
        "goals": goals,
        "light_heads": lights(dict.fromkeys(Light, 0)),
        "fields": fields,
        "measures": measures,
        "changes": changes,
        "history": history,
        "skipped": skipped,
        "overdue": overdue,
        "traffic_rule": label("traffic.rule", lang).format(days=LATE_AFTER),
    }


def _with_unit(number: Callable[[float | None, str | None], str], unit: str | None) -> Callable[[float], str]:
    """A value as the chart writes it: the language's number and the indicator's unit."""
    return lambda value: number(value, unit)


def to_markdown(result: Implementation, lang: str = "de", *, internal: bool = False, templates: Path | None = None) -> str:
    """The report as Markdown that renders on GitHub and GitLab (charts left out: their data is in the text)."""
    from strategy_kit.present.render import render

    return render("implementation.md.j2", context(result, lang, internal=internal), kind="md", user_dir=templates)


def to_html(
    result: Implementation,
    lang: str = "de",
    *,
    internal: bool = False,
    templates: Path | None = None,
    theme: Theme | None = None,
) -> str:
    """The report as one self-contained HTML page, A4 in print, the cover on a page of its own."""
    from markupsafe import Markup

    from strategy_kit.present.render import render, safe_svg
    from strategy_kit.present.theme import DEFAULT, css_variables

    ctx = context(result, lang, internal=internal)
    for m in ctx["measures"]:
        for indicator in m["indicators"]:
            indicator["chart"] = safe_svg(indicator["chart"]) if indicator["chart"] else ""
    ctx["theme_css"] = Markup(css_variables(theme or DEFAULT))
    return render("implementation.html.j2", ctx, kind="html", user_dir=templates)


def to_pdf(
    result: Implementation,
    lang: str = "de",
    *,
    internal: bool = False,
    templates: Path | None = None,
    theme: Theme | None = None,
) -> bytes:
    """The HTML printed to tagged A4 PDF, municipality and title in the running head (not on the cover).

    Raises :class:`strategy_kit.present.extras.MissingExtra` without WeasyPrint.
    """
    from strategy_kit.present.labels import label
    from strategy_kit.present.pdf import html_to_pdf

    title = label("implementation.title", lang)
    if result.strategy:
        title = label("implementation.named", lang).format(title=result.strategy)
    return html_to_pdf(
        to_html(result, lang, internal=internal, templates=templates, theme=theme),
        municipality=result.municipality,
        title=title,
        lang=lang,
        cover=True,
    )
