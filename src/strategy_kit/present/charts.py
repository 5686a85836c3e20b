"""SVG charts for reports: maturity bars and the impact/effort matrix.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

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
