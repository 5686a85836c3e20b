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
from strategy_kit.document.model import Status

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

    from strategy_kit.present.i18n import (
        LOCALES,
        format_date,
        format_number,
        format_percent,
        format_span,
    )
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
        elif event.kind == "period":
            values["old"] = format_span(event.old, lang) or none
            values["new"] = format_span(event.new, lang) or none
        elif event.kind == "fields":
            titles = rollup.fields
            values["old"] = ", ".join(titles.get(f, f) for f in event.old or []) or none
            values["new"] = ", ".join(titles.get(f, f) for f in event.new or []) or none
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
        for kind in ("added", "dropped", "removed", "retitled", "period", "fields", "status", "progress", "indicator", "milestone")
        if kind in kinds
    ]

    # -- the measures ------------------------------------------------------------------------
    def measure(m: MeasureReport, index: int) -> dict[str, Any]:
        from strategy_kit.present.charts import IndicatorLabels, indicator_chart

        s = m.state
        signal = s.light
        why = reason(signal, lang)
        if why and signal.due is not None:
            # "seit 30. Juni 2021" stays on one line, in Word's paragraphs too.
            since = date(signal.due).replace(" ", "\u00a0")
            why = f"{why}, {label('traffic.since', lang).format(date=since)}"
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

    # -- the budget of the period's years ----------------------------------------------------
    finances = _finances(result, t, lang, money, pct, none, year_text)

    # -- the annex: the measure sheets as of the period's end ---------------------------------
    sheet_labels: Any = {}
    sheets: list[dict[str, Any]] = []
    if result.portfolio is not None:
        from strategy_kit.compute.progress import DECIDED
        from strategy_kit.present.report import measure_sheets

        sheet_labels, sheets = measure_sheets(
            result.portfolio,
            lang=lang,
            public=not internal,
            statuses=DECIDED,
            strategy=result.strategy_file,
            today=period.end,
            order=[m.state.id for m in result.measures],
        )

    # -- the chapters ------------------------------------------------------------------------
    from strategy_kit.present.i18n import format_count

    subs = result.sub_projects
    summary = {
        "measures": format_number(len(result.measures) - subs, lang),
        "sub_measures": t["sub_measures"].format(n=format_count(subs, "report.sub_project", lang)) if subs else "",
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
        # Git's own words are English: a known reason is said in the page's language.
        known = f"no_history_{result.history_why}"
        history = t[known] if known in t else t["no_history"].format(reason=result.history)
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
        "finances": bool(finances["measures"]),
        "changes": True,
        "overdue": bool(overdue),
        "sheets": bool(sheets),
    }
    sections = []
    for number_, sid in enumerate((s for s, shown in content.items() if shown), 1):
        sections.append({"id": sid, "anchor": f"sec-{sid}", "number": number_, "title": t[f"sec_{sid}"]})
    title = t["named"].format(title=result.strategy) if result.strategy else t["title"]
    return {
        "t": t,
        "lang": lang,
        "internal_mark": label("report.internal_mark", lang) if internal else "",
        "cover": _cover(result, lang, internal=internal, title=title, period=period_text, date=date),
        "sections": sections,
        "summary": summary,
        "goals": goals,
        "light_heads": lights(dict.fromkeys(Light, 0)),
        "fields": fields,
        "measures": measures,
        "finances": finances,
        "sheets": sheets,
        "sheet_t": sheet_labels,
        "changes": changes,
        "history": history,
        "skipped": skipped,
        "overdue": overdue,
        "traffic_rule": label("traffic.rule", lang).format(days=LATE_AFTER),
        "fields_note": t["fields_note"],
    }


def _cover(
    result: Implementation, lang: str, *, internal: bool, title: str, period: str, date: Callable[[dt.date], str]
) -> dict[str, Any]:
    """The cover's facts from the strategy file's ``report.document`` and logo, as the workshop report's cover.

    The date (Stand) is ``report.document.date``, else the period's last day.
    ``logo`` is the image (Word), ``logo_src`` its data: URL (HTML, PDF).
    """
    from strategy_kit.present.assets import read_image
    from strategy_kit.present.labels import label
    from strategy_kit.present.report import document_status

    strategy = result.strategy_file
    info = strategy.report.document if strategy is not None and strategy.report is not None else None
    name = strategy.municipality.logo if strategy is not None else None
    logo = read_image(result.folder, name, "logo") if name and result.folder is not None else None
    return {
        "title": title,
        "municipality": result.municipality,
        "period": period,
        "as_of": date(info.date if info is not None and info.date is not None else result.period.end),
        "version": (info.version or "") if info else "",
        "status": document_status(info, lang),
        "publisher": (info.publisher or "") if info else "",
        "contact": (info.contact or "") if info else "",
        "logo": logo,
        "logo_src": logo.url if logo else "",
        "logo_alt": label("report.logo", lang).format(name=result.municipality),
        "edition": "" if internal else label("implementation.public_edition", lang),
    }


def _finances(
    result: Implementation,
    t: Any,
    lang: str,
    money: Callable[[Any], str],
    pct: Callable[[float | None], str],
    none: str,
    years: str,
) -> dict[str, Any]:
    """The chapter "Budget und Finanzierung": the period's years by measure, field, year and source.

    Each table is a list of rows ``{"title", "planned", "spent", "share", "over"}``
    (``share`` spent over planned in per cent, ``over`` when more was spent);
    the tables by year and by source only when they have more than one row or
    name a source. Empty ``measures``: no budget entry in the period's years.
    """
    from strategy_kit.present.labels import label

    budget = result.finances
    rollup = result.rollup

    def row(title: str, amounts: Amounts) -> dict[str, Any]:
        share = pct(float(amounts.spent * 100 / amounts.planned)) if amounts.planned else none
        return {
            "title": title,
            "planned": money(amounts.planned),
            "spent": money(amounts.spent),
            "share": share,
            "over": amounts.overspent,
        }

    def source(key: tuple[str, str | None] | None) -> str:
        if key is None:
            return str(t["no_source"])
        kind, name = key
        if not kind:
            return name or str(t["no_source"])
        word = label(f"report.fund_{kind}", lang)
        return f"{word}: {name}" if name else word

    titles = {s.id: s.title for s in rollup.projects}
    spending = [s for s in rollup.projects if s.id in budget.projects]
    order = {fid: i for i, fid in enumerate(rollup.fields)}
    fields = sorted(budget.fields.items(), key=lambda item: order.get(item[0], len(order)))
    sources = list(budget.sources.items())
    named = len(sources) > 1 or (sources and sources[0][0] is not None)
    return {
        "measures": [row(titles.get(pid, pid), amounts) for pid, amounts in budget.projects.items()],
        "fields": [row(rollup.fields.get(fid, fid), amounts) for fid, amounts in fields],
        "years": [row(str(year), amounts) for year, amounts in budget.years.items()]
        if len(budget.years) > 1
        else [],
        "sources": [row(source(key), amounts) for key, amounts in sources] if named else [],
        "total": row(t["total"], budget.total),
        "note": t["finances_note"].format(
            years=t["of_year" if "–" not in years else "of_years"].format(years=years),
            dropped=t["finances_dropped"] if any(s.status is Status.DROPPED for s in spending) else "",
            several=t["finances_several"] if any(len(set(s.fields)) > 1 for s in spending) else "",
        ),
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
    from strategy_kit.present.theme import css_variables, theme_for

    ctx = context(result, lang, internal=internal)
    for m in ctx["measures"]:
        for indicator in m["indicators"]:
            indicator["chart"] = safe_svg(indicator["chart"]) if indicator["chart"] else ""
    if theme is None:
        strategy = result.strategy_file
        theme = theme_for(strategy.report.style if strategy is not None and strategy.report else None)
    ctx["theme_css"] = Markup(css_variables(theme))
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
