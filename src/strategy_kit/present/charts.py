"""SVG charts for reports: maturity bars, the impact/effort matrix and the roadmap.

The SVG text is built here rather than by a charting library: the libraries
that write SVG either embed JavaScript from a CDN by default (pygal) or are a
large dependency whose output changes between versions (matplotlib), while a
report must work offline, print crisply and stay byte-identical for golden
files. Every element is written by :func:`element`, which escapes attribute
values and text, so a title like ``<script>`` stays text. The charts carry no
fonts, scripts, links or external references; they scale with ``viewBox`` and
print as vectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from strategy_kit.present.metrics import text_width
from strategy_kit.present.text import one_line

INK = "#1f2933"
GRID = "#c8cdd3"
CURRENT = "#1d5fa8"
TARGET = "#9cc3ea"


def text(value: object) -> str:
    """Escape text for SVG (XML): ``& < > " '`` become entities; the text policy's one line."""
    return escape(one_line(str(value)), quote=True)


def _n(value: float) -> str:
    """Coordinates with one decimal, no trailing zeros: stable across platforms."""
    out = f"{value:.1f}"
    return out[:-2] if out.endswith(".0") else out


def element(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """One SVG element; ``content`` must already be SVG (use :func:`text` for words).

    Attribute names use ``_`` for ``-`` (``text_anchor``); numbers are rounded.
    """
    parts = [tag]
    for name, value in attrs.items():
        shown = _n(value) if isinstance(value, float) else str(value)
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{text(shown)}"')
    opening = " ".join(parts)
    if content is None:
        return f"<{opening}/>"
    return f"<{opening}>{content}</{tag}>"


def _svg(width: int, height: int, ident: str, title: str, description: str, body: list[str]) -> str:
    """The chart's frame: an image whose name is ``title`` and whose description is its data.

    ``role="img"`` with ``aria-labelledby`` makes screen readers read title and
    description and skip the drawing's single words; ``ident`` keeps the ids of
    two charts on one page apart.
    """
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="12">'
    )
    named = [
        element("title", text(title), id=f"{ident}-title"),
        element("desc", text(description), id=f"{ident}-desc"),
    ]
    return "\n".join([head, *named, *body, "</svg>"]) + "\n"


@dataclass(frozen=True)
class MaturityRow:
    """One field of action's maturity, current and target."""

    label: str
    current: float
    target: float


def maturity_chart(
    rows: Sequence[MaturityRow],
    *,
    title: str,
    current_label: str,
    target_label: str,
    maximum: int = 5,
    number: Callable[[float], str] = _n,
    ident: str = "maturity-chart",
) -> str:
    """Horizontal bars per field of action: current (dark) and target (light, outlined).

    The description a screen reader reads states the data, each field with both
    values written by ``number`` (the report passes the language's decimal comma):
    ``Reifegrad je Handlungsfeld: Digitales Rathaus: Ist 2, Soll 4; …``.
    """
    left, plot, right = 210, 380, 20
    top, row_height, bar = 56, 40, 13
    width = left + plot + right
    height = top + row_height * len(rows) + 30
    unit = plot / maximum
    body = [
        element("rect", x=left, y=8, width=12, height=12, fill=CURRENT),
        element("text", text(current_label), x=left + 18, y=18, fill=INK),
        element("rect", x=left + 150, y=8, width=12, height=12, fill=TARGET, stroke=CURRENT),
        element("text", text(target_label), x=left + 168, y=18, fill=INK),
    ]
    bottom = top + row_height * len(rows)
    for level in range(maximum + 1):
        x = float(left + level * unit)
        body.append(element("line", x1=x, y1=top - 8, x2=x, y2=bottom, stroke=GRID))
        body.append(element("text", str(level), x=x, y=bottom + 16, text_anchor="middle", fill=INK))
    for index, row in enumerate(rows):
        y = top + index * row_height
        label = text(row.label)
        body.append(element("text", label, x=left - 8, y=y + bar + 4, text_anchor="end", fill=INK))
        for offset, value, name, style in (
            (0, row.current, current_label, {"fill": CURRENT}),
            (bar + 1, row.target, target_label, {"fill": TARGET, "stroke": CURRENT}),
        ):
            tip = element("title", f"{label}: {text(name)} {_n(value)}")
            body.append(
                element(
                    "rect",
                    tip,
                    x=left,
                    y=y + offset,
                    width=float(value * unit),
                    height=bar,
                    **style,
                )
            )
    description = "; ".join(
        f"{row.label}: {current_label} {number(row.current)}, {target_label} {number(row.target)}"
        for row in rows
    )
    return _svg(width, height, ident, title, f"{title}: {description}", body)


@dataclass(frozen=True)
class MatrixPoint:
    """A project in the matrix: its mark (the rank), impact and effort in 0..1, its quadrant."""

    mark: str
    title: str
    impact: float
    effort: float
    quadrant: str = ""


@dataclass(frozen=True)
class MatrixLabels:
    """Texts of the matrix in the report's language."""

    title: str
    impact: str
    effort: str
    quick_win: str
    major_project: str
    fill_in: str
    thankless: str
    #: The axes' names in the description (``Wirkung``); the axis texts if empty.
    impact_short: str = ""
    effort_short: str = ""


def matrix_chart(
    points: Sequence[MatrixPoint],
    labels: MatrixLabels,
    *,
    number: Callable[[float], str] = _n,
    ident: str = "matrix-chart",
) -> str:
    """A 2x2 matrix, effort to the right and impact up; projects at one spot share a mark.

    The description a screen reader reads names every project with its impact,
    effort (0 to 1, written by ``number``) and quadrant:
    ``1: Stadtportal – Wirkung 0,8, Aufwand 0,3 (Quick Wins); …``.
    """
    left, top, size, inset = 60, 20, 400, 40
    width, height = left + size + 20, top + size + 50
    half = size / 2
    middle = float(top + half)
    body = []
    quadrants = [
        (0.0, 0.0, "#e3f1e0", labels.quick_win),
        (half, 0.0, "#e4edf7", labels.major_project),
        (0.0, half, "#f3f3f3", labels.fill_in),
        (half, half, "#f7e6e4", labels.thankless),
    ]
    for qx, qy, colour, name in quadrants:
        body.append(element("rect", x=left + qx, y=top + qy, width=half, height=half, fill=colour))
        baseline = top + qy + 18 if qy == 0 else float(top + size - 8)
        body.append(
            element("text", text(name), x=left + qx + 8, y=baseline, font_weight="bold", fill=INK)
        )
    body += [
        element("rect", x=left, y=top, width=size, height=size, fill="none", stroke=INK),
        element("line", x1=left + half, y1=top, x2=left + half, y2=top + size, stroke=GRID),
        element("line", x1=left, y1=middle, x2=left + size, y2=middle, stroke=GRID),
        element(
            "text",
            f"{text(labels.effort)} →",
            x=left + half,
            y=top + size + 34,
            text_anchor="middle",
            fill=INK,
        ),
        element(
            "text",
            f"{text(labels.impact)} →",
            x=20,
            y=middle,
            text_anchor="middle",
            fill=INK,
            transform=f"rotate(-90 20 {_n(middle)})",
        ),
    ]
    spots: dict[tuple[float, float], list[MatrixPoint]] = {}
    for point in points:
        x = round(left + inset + point.effort * (size - 2 * inset), 1)
        y = round(top + inset + (1 - point.impact) * (size - 2 * inset), 1)
        spots.setdefault((x, y), []).append(point)
    for (x, y), group in spots.items():
        mark = ", ".join(p.mark for p in group)
        names = "; ".join(f"{p.mark}: {p.title}" for p in group)
        radius = 11 + 5 * (len(group) - 1)
        body.append(
            element(
                "g",
                element("title", text(names))
                + element("circle", cx=x, cy=y, r=radius, fill=CURRENT)
                + element(
                    "text",
                    text(mark),
                    x=x,
                    y=y + 4,
                    text_anchor="middle",
                    fill="#ffffff",
                    font_weight="bold",
                ),
            )
        )
    description = "; ".join(
        f"{p.mark}: {p.title} – {labels.impact_short or labels.impact} {number(p.impact)}, "
        f"{labels.effort_short or labels.effort} {number(p.effort)}"
        + (f" ({p.quadrant})" if p.quadrant else "")
        for p in points
    )
    return _svg(width, height, ident, labels.title, f"{labels.title}: {description}", body)


#: A measure's bar by its status (lifecycle keys); a status not named here is drawn grey.
STATUS_COLOURS: dict[str, str] = {
    "prioritised": "#8795a8",
    "planned": TARGET,
    "in-progress": CURRENT,
    "done": "#2f855a",
}
MILESTONE = "#c05621"
TODAY = "#c53030"
BAND = "#eef1f4"


@dataclass(frozen=True)
class RoadmapMilestone:
    """A milestone on a measure's row: its day, its date as the report writes it, its title."""

    day: dt.date
    when: str
    title: str
    done: bool


@dataclass(frozen=True)
class RoadmapBar:
    """One measure: its group (field of action), label, first and last day, status.

    ``start`` and ``end`` are days (a quarter already turned into its first and
    last day); either may be ``None`` (an open bar to the edge of the axis),
    both ``None`` draws the milestones only. ``status`` is a key of
    :data:`STATUS_COLOURS`; ``status_text`` and ``period`` are the words the
    description (``<desc>``) states.
    """

    group: str
    label: str
    start: dt.date | None
    end: dt.date | None
    status: str
    status_text: str
    period: str
    milestones: tuple[RoadmapMilestone, ...] = ()


@dataclass(frozen=True)
class RoadmapLabels:
    """Texts of the roadmap in the report's language.

    ``statuses`` maps each status key to its name, in the legend's order;
    ``title`` and ``title_years`` head a chart by quarter and by year;
    ``open_end``, ``open_start`` and ``open_both`` name the dashed bar of a
    measure without an end, without a start, or both kinds in one chart.
    """

    title: str
    title_years: str
    today: str
    milestone_open: str
    milestone_done: str
    quarter: str
    statuses: Mapping[str, str]
    open_end: str
    open_start: str
    open_both: str


#: Up to this many calendar years the roadmap has a column per quarter; beyond, per year.
ROADMAP_QUARTER_YEARS = 4
ROADMAP_LEFT, ROADMAP_PLOT, ROADMAP_RIGHT = 250, 450, 20
_ROADMAP_TOP, _GROUP_ROW, _BAR_ROW, _BAR = 78, 22, 24, 12
_CHAR = 6.4  # the mean width of a character at 12 px, for the labels' room


def _shorten(value: str, room: float) -> str:
    most = max(4, int(room / _CHAR))
    return value if len(value) <= most else value[: most - 1].rstrip() + "…"


def roadmap_axis(days: Sequence[dt.date]) -> tuple[int, int, bool]:
    """The axis for these days: first year, number of years, whether it has quarter columns.

    The axis spans whole calendar years, from the year of the first day to the
    year of the last; up to :data:`ROADMAP_QUARTER_YEARS` years each quarter
    has a column, beyond that each year (so a ten-year plan stays readable in
    A4 portrait). Raises ``ValueError`` for no days.
    """
    if not days:
        raise ValueError("a roadmap needs at least one day")
    first, last = min(days).year, max(days).year
    years = last - first + 1
    return first, years, years <= ROADMAP_QUARTER_YEARS


def roadmap_x(day: dt.date, first_year: int, years: int) -> float:
    """Where ``day`` begins on the axis (px): quarters are equally wide, days share their quarter."""
    quarter = (day.month - 1) // 3
    begin = dt.date(day.year, 3 * quarter + 1, 1)
    # October to December has 92 days; no date after 31 December 9999 is ever built.
    length = 92 if quarter == 3 else (dt.date(day.year, 3 * quarter + 4, 1) - begin).days
    index = (day.year - first_year) * 4 + quarter + (day - begin).days / length
    return ROADMAP_LEFT + index * ROADMAP_PLOT / (4 * years)


def roadmap_chart(bars: Sequence[RoadmapBar], labels: RoadmapLabels, *, today: dt.date) -> str:
    """A Gantt-like plan: one row per measure under its group, bars by quarter or year.

    ``bars`` in the order shown, grouped by ``group`` (a group's header before
    its first bar). Each bar runs from the start of its first day to the end of
    its last; milestones are diamonds (filled when reached); ``today`` is a
    dashed line when it falls on the axis. The ``<desc>`` states every
    measure with its period, status and milestones. Raises ``ValueError``
    when no bar has a day.
    """
    days = [d for b in bars for d in (b.start, b.end, *(m.day for m in b.milestones)) if d]
    first, years, by_quarter = roadmap_axis(days)
    last = first + years - 1  # the axis' last year (9999 at most: no day after it is built)

    def x(day: dt.date) -> float:
        return (
            roadmap_x(day, first, years) if day.year <= last else float(ROADMAP_LEFT + ROADMAP_PLOT)
        )

    def x_end(day: dt.date) -> float:
        """Where the day ends: the next day's start, or the axis' end after its last day."""
        if (day.year, day.month, day.day) == (last, 12, 31):
            return float(ROADMAP_LEFT + ROADMAP_PLOT)
        return x(day + dt.timedelta(days=1))

    width = ROADMAP_LEFT + ROADMAP_PLOT + ROADMAP_RIGHT
    body: list[str] = []
    on_axis = first <= today.year <= last
    legend = roadmap_legend(bars, labels, today_shown=on_axis)
    keys: list[str] = []  # the legend's marks, drawn into one group
    lx, ly = 8.0, 8.0
    for name, kind in legend:
        room = 20 + text_width(name, 12) + 14  # the swatch, the name as a substitute font sets it, a gap
        if lx + room > width and lx > 8:
            lx, ly = 8.0, ly + 18
        if kind.startswith("status:"):
            colour = STATUS_COLOURS.get(kind[7:], GRID)
            keys.append(element("rect", x=lx, y=ly, width=14, height=12, fill=colour))
        elif kind == "open":
            keys.append(element("rect", x=lx, y=ly, width=14, height=12, **_OPEN_SWATCH))
        elif kind == "today":
            keys.append(
                element(
                    "line",
                    x1=lx + 7,
                    y1=ly - 1,
                    x2=lx + 7,
                    y2=ly + 13,
                    stroke=TODAY,
                    stroke_width=2,
                    stroke_dasharray="4 3",
                )
            )
        else:
            keys.append(_diamond(lx + 7, ly + 6, done=kind == "milestone:done"))
        keys.append(element("text", text(name), x=lx + 20, y=ly + 11, fill=INK))
        lx += room
    body.append(element("g", "".join(keys), class_="legend"))
    top = max(float(_ROADMAP_TOP), ly + 70)
    # The axis: a year row, and under it a quarter row when the axis has quarter columns.
    columns = years * 4 if by_quarter else years
    step = ROADMAP_PLOT / columns
    rows_height = sum(
        _GROUP_ROW if i == 0 or b.group != bars[i - 1].group else 0 for i, b in enumerate(bars)
    ) + _BAR_ROW * len(bars)
    bottom = top + rows_height
    year_width = ROADMAP_PLOT / years
    every = max(1, int(34 // year_width) + 1)
    for index in range(years):
        left = ROADMAP_LEFT + index * year_width
        if index % every == 0:
            body.append(
                element(
                    "text",
                    str(first + index),
                    x=left + year_width / 2,
                    y=top - (26 if by_quarter else 10),
                    text_anchor="middle",
                    fill=INK,
                    font_weight="bold",
                )
            )
        if index % every:
            continue  # a year without its label has no line either (a plan over centuries)
        body.append(
            element(
                "line",
                x1=left,
                y1=top - 40,
                x2=left,
                y2=bottom,
                stroke=INK if by_quarter else GRID,
                stroke_width=0.6 if by_quarter else 1,
            )
        )
    body.append(
        element(
            "line",
            x1=ROADMAP_LEFT + ROADMAP_PLOT,
            y1=top - 40,
            x2=ROADMAP_LEFT + ROADMAP_PLOT,
            y2=bottom,
            stroke=INK if by_quarter else GRID,
            stroke_width=0.6 if by_quarter else 1,
        )
    )
    if by_quarter:
        for column in range(columns):
            left = ROADMAP_LEFT + column * step
            if column % 4:
                body.append(element("line", x1=left, y1=top - 20, x2=left, y2=bottom, stroke=GRID))
            name = labels.quarter.format(number=column % 4 + 1)
            body.append(
                element(
                    "text",
                    text(name),
                    x=left + step / 2,
                    y=top - 8,
                    text_anchor="middle",
                    fill=INK,
                    font_size=10,
                )
            )
    # The rows.
    y = top
    for index, bar in enumerate(bars):
        if index == 0 or bar.group != bars[index - 1].group:
            body.append(element("rect", x=0, y=y, width=width, height=_GROUP_ROW, fill=BAND))
            body.append(
                element(
                    "text",
                    text(_shorten(bar.group, width - 16)),
                    x=8,
                    y=y + 15,
                    fill=INK,
                    font_weight="bold",
                )
            )
            y += _GROUP_ROW
        middle = y + _BAR_ROW / 2
        tip = f"{bar.label}: {bar.period} ({bar.status_text})"
        parts = [element("title", text(tip))]
        parts.append(
            element(
                "text", text(_shorten(bar.label, ROADMAP_LEFT - 24)), x=16, y=middle + 4, fill=INK
            )
        )
        colour = STATUS_COLOURS.get(bar.status, GRID)
        if _drawn(bar):
            x1 = x(bar.start) if bar.start else float(ROADMAP_LEFT)
            x2 = x_end(bar.end) if bar.end else float(ROADMAP_LEFT + ROADMAP_PLOT)
            style: dict[str, object] = {"fill": colour}
            if _open(bar):  # open towards the edge it does not name
                style = {
                    "fill": colour,
                    "fill_opacity": "0.45",
                    "stroke": colour,
                    "stroke_dasharray": "4 2",
                }
            parts.append(
                element(
                    "rect", x=x1, y=middle - _BAR / 2, width=max(x2 - x1, 2.0), height=_BAR, **style
                )
            )
        for mark in bar.milestones:
            parts.append(
                element(
                    "g",
                    element("title", text(f"{mark.when}: {mark.title}"))
                    + _diamond(x(mark.day), middle, done=mark.done),
                )
            )
        body.append(element("g", "".join(parts)))
        y += _BAR_ROW
    if on_axis:
        tx = x(today)
        body.append(
            element(
                "line",
                x1=tx,
                y1=top - 4,
                x2=tx,
                y2=bottom + 4,
                stroke=TODAY,
                stroke_width=1.5,
                stroke_dasharray="4 3",
            )
        )
        body.append(
            element(
                "text", text(labels.today), x=tx, y=bottom + 18, text_anchor="middle", fill=TODAY
            )
        )
    height = int(bottom + 26)
    heading = labels.title if by_quarter else labels.title_years
    return _svg(width, height, "roadmap-chart", heading, f"{heading}: {_roadmap_desc(bars)}", body)


#: The legend's swatch of an open bar: dashed like the bars, in no status' colour.
_OPEN_SWATCH: dict[str, object] = {
    "fill": "#ffffff",
    "stroke": INK,
    "stroke_dasharray": "4 2",
}


def _drawn(bar: RoadmapBar) -> bool:
    """Whether the measure has a bar (a start or an end); without either, its milestones only."""
    return bool(bar.start or bar.end)


def _open(bar: RoadmapBar) -> bool:
    """Whether its bar is open (dashed) towards the edge of the axis it does not name."""
    return _drawn(bar) and not (bar.start and bar.end)


def roadmap_legend(
    bars: Sequence[RoadmapBar], labels: RoadmapLabels, *, today_shown: bool
) -> list[tuple[str, str]]:
    """The legend's entries as ``(name, kind)``: exactly the marks the chart draws, no more.

    Kinds, in this order: ``status:<key>`` for each status whose colour a bar
    has (statuses in ``labels.statuses`` order, others after them, named by
    their key); ``open`` when a bar is dashed (no start or no end: named
    ``open_end``, ``open_start`` or ``open_both``); ``milestone:open`` and
    ``milestone:done`` for the diamonds drawn; ``today`` when the line is on
    the axis (``today_shown``).
    """
    coloured = {b.status for b in bars if _drawn(b)}
    shown = [key for key in labels.statuses if key in coloured]
    shown += sorted(coloured - set(labels.statuses))
    legend = [(labels.statuses.get(key, key), f"status:{key}") for key in shown]
    no_end = any(_open(b) and b.start for b in bars)
    no_start = any(_open(b) and b.end for b in bars)
    if no_end or no_start:
        name = labels.open_both if no_end and no_start else (
            labels.open_end if no_end else labels.open_start
        )
        legend.append((name, "open"))
    marks = [m for b in bars for m in b.milestones]
    if any(not m.done for m in marks):
        legend.append((labels.milestone_open, "milestone:open"))
    if any(m.done for m in marks):
        legend.append((labels.milestone_done, "milestone:done"))
    if today_shown:
        legend.append((labels.today, "today"))
    return legend


def _diamond(cx: float, cy: float, *, done: bool) -> str:
    r = 6.0
    points = " ".join(
        f"{_n(px)},{_n(py)}" for px, py in ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
    )
    return element(
        "polygon",
        points=points,
        fill=MILESTONE if done else "#ffffff",
        stroke=MILESTONE,
        stroke_width=1.5,
    )


def _roadmap_desc(bars: Sequence[RoadmapBar]) -> str:
    """Every measure with its field, period, status and milestones, for a screen reader."""
    out = []
    for bar in bars:
        line = f"{bar.group} – {bar.label}: {bar.period}, {bar.status_text}"
        if bar.milestones:
            line += (
                " ("
                + ", ".join(f"{m.title} {m.when}{' ✓' if m.done else ''}" for m in bar.milestones)
                + ")"
            )
        out.append(line)
    return "; ".join(out) + "."


@dataclass(frozen=True)
class IndicatorLabels:
    """The words of an indicator chart: its title, the target's word and how values and days read."""

    title: str
    target: str
    value: Callable[[float], str] = _n
    day: Callable[[dt.date], str] = dt.date.isoformat


def indicator_chart(
    points: Sequence[tuple[dt.date, float]],
    target: float | None,
    labels: IndicatorLabels,
    *,
    ident: str = "indicator-chart",
) -> str:
    """An indicator's measurements over time as a line with dots, the target as a dashed line.

    Small (360 x 150) to sit beside a measure's text. The value axis starts at
    zero and reaches past the highest value or the target; days are spaced by
    their distance in time (one measurement: a dot in the middle). The
    description states the data: ``Breitband: 1. März 2019 40, …; Zielwert 80``.
    Empty string without points.
    """
    if not points:
        return ""
    from strategy_kit.present.metrics import text_width

    values = [v for _, v in points] + ([target] if target is not None else [])
    high = max(max(values), 0.0) or 1.0
    high *= 1.1
    high_point = max(points, key=lambda p: p[1])
    # The value axis's labels (zero and the highest measurement, with the unit) set the left margin.
    widest = max(text_width(labels.value(v), 12) for v in (0.0, high_point[1]))
    width, height = 360 + max(0, int(widest) - 36), 150
    left, right, top, bottom = max(44, int(widest) + 10), 16, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = points[0][0], points[-1][0]
    span = (last - first).days

    def x(day: dt.date) -> float:
        if span == 0:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return top + plot_h * (1 - max(value, 0.0) / high)

    base = float(top + plot_h)
    body = [
        element("line", x1=left, y1=base, x2=left + plot_w, y2=base, stroke=GRID),
        element("line", x1=left, y1=top, x2=left, y2=base, stroke=GRID),
        element("text", text(labels.value(0)), x=left - 6, y=base + 4, text_anchor="end", fill=INK),
    ]
    if target is not None:
        ty = y(target)
        body.append(
            element("line", x1=left, y1=ty, x2=left + plot_w, y2=ty, stroke=INK, stroke_dasharray="4 3")
        )
        body.append(
            element(
                "text",
                text(f"{labels.target} {labels.value(target)}"),
                x=left + plot_w,
                y=ty - 4,
                text_anchor="end",
                fill=INK,
                font_size=10,
            )
        )
    if len(points) > 1:
        line = " ".join(f"{_n(x(d))},{_n(y(v))}" for d, v in points)
        body.append(element("polyline", points=line, fill="none", stroke=CURRENT, stroke_width=2))
    for d, v in points:
        tip = element("title", text(f"{labels.day(d)}: {labels.value(v)}"))
        body.append(element("circle", tip, cx=x(d), cy=y(v), r=3.5, fill=CURRENT))
    body.append(element("text", text(labels.day(first)), x=left, y=height - 8, fill=INK, font_size=10))
    if span:
        body.append(
            element(
                "text", text(labels.day(last)), x=left + plot_w, y=height - 8, text_anchor="end", fill=INK, font_size=10
            )
        )
    body.append(
        element(
            "text", text(labels.value(high_point[1])), x=left - 6, y=y(high_point[1]) + 4, text_anchor="end", fill=INK
        )
    )
    data = ", ".join(f"{labels.day(d)} {labels.value(v)}" for d, v in points)
    description = f"{labels.title}: {data}"
    if target is not None:
        description += f"; {labels.target} {labels.value(target)}"
    return _svg(width, height, ident, labels.title, description, body)
