"""SVG charts: well-formed XML whatever the labels say, nothing active inside."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.present.charts import (
    ROADMAP_LEFT,
    ROADMAP_PLOT,
    MatrixLabels,
    MatrixPoint,
    MaturityRow,
    RoadmapBar,
    RoadmapLabels,
    RoadmapMilestone,
    element,
    matrix_chart,
    maturity_chart,
    roadmap_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
LABELS = MatrixLabels("Matrix", "Impact", "Effort", "Quick wins", "Major", "Fill-ins", "Thankless")
# XML 1.0 cannot carry most control characters; the YAML loader refuses them too.
printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [
        "".join(node.itertext())
        for node in root.iter()
        if node.tag in (f"{SVG}text", f"{SVG}title")
    ]


@settings(max_examples=80, deadline=None)
@given(label=printable, current=st.integers(0, 5), target=st.integers(0, 5))
def test_maturity_chart_keeps_any_label_as_text(label: str, current: int, target: int) -> None:
    svg = maturity_chart(
        [MaturityRow(label, current, target)], title=label, current_label="Ist", target_label="Soll"
    )
    root = ET.fromstring(svg)  # well-formed
    assert {node.tag for node in root.iter()} <= {
        f"{SVG}{t}" for t in ("svg", "title", "desc", "rect", "text", "line")
    }
    assert " ".join(label.split()) in _texts(svg)


@settings(max_examples=80, deadline=None)
@given(title=printable, impact=st.floats(0, 1), effort=st.floats(0, 1))
def test_matrix_chart_keeps_any_title_as_text(title: str, impact: float, effort: float) -> None:
    svg = matrix_chart([MatrixPoint("1", title, impact, effort)], LABELS)
    ET.fromstring(svg)
    assert " ".join(f"1: {title}".split()) in _texts(svg)


def test_hostile_label_cannot_break_out() -> None:
    hostile = "</text><script>alert(1)</script><text x='1"
    svg = maturity_chart(
        [MaturityRow(hostile, 1, 2)], title=hostile, current_label="a", target_label="b"
    )
    assert "<script" not in svg
    root = ET.fromstring(svg)
    assert not [node for node in root.iter() if node.tag.endswith("script")]


def test_points_at_one_spot_share_a_mark() -> None:
    svg = matrix_chart(
        [
            MatrixPoint("2", "A", 0.8, 0.6),
            MatrixPoint("4", "B", 0.8, 0.6),
            MatrixPoint("3", "C", 0.8, 0.8),
        ],
        LABELS,
    )
    texts = _texts(svg)
    assert "2, 4" in texts and "3" in texts
    assert len(ET.fromstring(svg).findall(f"{SVG}g")) == 2


def test_element_escapes_attributes_and_names() -> None:
    assert (
        element("text", "x", text_anchor='"><b') == '<text text-anchor="&quot;&gt;&lt;b">x</text>'
    )
    assert element("rect", x=1.25) == '<rect x="1.2"/>'


def test_charts_are_deterministic() -> None:
    rows = [MaturityRow("A", 1, 3), MaturityRow("B", 2, 5)]
    first = maturity_chart(rows, title="t", current_label="c", target_label="s")
    assert first == maturity_chart(rows, title="t", current_label="c", target_label="s")


def _named(svg: str) -> tuple[str, str]:
    """What a screen reader reads: the elements ``aria-labelledby`` names, in order."""
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    found = {node.get("id"): "".join(node.itertext()) for node in root}
    title, desc = (found[i] for i in ids)
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return title, desc


def test_maturity_chart_describes_every_field_with_its_values() -> None:
    rows = [MaturityRow("Digitales Rathaus", 2, 4), MaturityRow("Mobilität", 1.5, 3)]
    svg = maturity_chart(
        rows,
        title="Reifegrad je Handlungsfeld",
        current_label="heute",
        target_label="Ziel",
        number=lambda v: f"{v:g}".replace(".", ","),
    )
    title, desc = _named(svg)
    assert title == "Reifegrad je Handlungsfeld"
    assert desc == (
        "Reifegrad je Handlungsfeld: Digitales Rathaus: heute 2, Ziel 4; "
        "Mobilität: heute 1,5, Ziel 3"
    )


def test_matrix_chart_describes_every_project_with_impact_effort_and_quadrant() -> None:
    labels = MatrixLabels(
        "Matrix", "Wirkung: Nutzen", "Aufwand: Kosten", "Quick Wins", "Große Projekte",
        "Lückenfüller", "Undankbare Aufgaben", impact_short="Wirkung", effort_short="Aufwand",
    )  # fmt: skip
    points = [
        MatrixPoint("1", "Stadtportal", 0.8, 0.3, "Quick Wins"),
        MatrixPoint("2", "Glasfaser", 0.75, 0.9, "Große Projekte"),
    ]
    title, desc = _named(matrix_chart(points, labels))
    assert title == "Matrix"
    assert desc == (
        "Matrix: 1: Stadtportal – Wirkung 0.8, Aufwand 0.3 (Quick Wins); "
        "2: Glasfaser – Wirkung 0.8, Aufwand 0.9 (Große Projekte)"
    )


def test_two_charts_on_one_page_have_their_own_ids() -> None:
    maturity = _named_ids(
        maturity_chart([MaturityRow("A", 1, 2)], title="t", current_label="c", target_label="s")
    )
    matrix = _named_ids(matrix_chart([MatrixPoint("1", "A", 0.5, 0.5)], LABELS))
    assert not maturity & matrix


def _named_ids(svg: str) -> set[str]:
    return set((ET.fromstring(svg).get("aria-labelledby") or "").split())


# -- the roadmap ----------------------------------------------------------------------------

PLAN = RoadmapLabels(
    title="Maßnahmenplan nach Quartalen",
    title_years="Maßnahmenplan nach Jahren",
    today="heute",
    milestone_open="Meilenstein",
    milestone_done="Meilenstein erreicht",
    quarter="Q{number}",
    statuses={"planned": "geplant", "in-progress": "in Umsetzung", "done": "erledigt"},
    open_end="offenes Ende",
    open_start="offener Beginn",
    open_both="offener Beginn oder offenes Ende",
)


def _bar(label: str, start: dt.date | None, end: dt.date | None, **more: object) -> RoadmapBar:
    values: dict[str, object] = {
        "group": "Digitales Rathaus",
        "label": label,
        "start": start,
        "end": end,
        "status": "in-progress",
        "status_text": "in Umsetzung",
        "period": "1. Quartal 2027 – 4. Quartal 2028",
        **more,
    }
    return RoadmapBar(**values)  # type: ignore[arg-type]


def _bars(svg: str) -> dict[str, tuple[float, float]]:
    """Each measure's bar as (x, width), by the measure's label."""
    out = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        label = group.find(f"{SVG}text")
        rect = group.find(f"{SVG}rect")
        if label is not None and rect is not None:
            out[label.text or ""] = (float(rect.get("x", "")), float(rect.get("width", "")))
    return out


def _diamonds(svg: str) -> list[tuple[float, str]]:
    """Each milestone's centre x and fill."""
    out = []
    for polygon in ET.fromstring(svg).iter(f"{SVG}polygon"):
        xs = [float(p.split(",")[0]) for p in polygon.get("points", "").split()]
        out.append((round((min(xs) + max(xs)) / 2, 1), polygon.get("fill", "")))
    return out


def test_roadmap_bars_sit_on_their_quarters() -> None:
    """2027 to 2028 is eight quarter columns of 450 / 8 = 56.25 px from x = 250."""
    assert (ROADMAP_LEFT, ROADMAP_PLOT) == (250, 450)
    svg = roadmap_chart(
        [
            _bar("Portal", dt.date(2027, 1, 1), dt.date(2028, 12, 31)),
            _bar("Netz", dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
            # 15 August is day 45 of the 92 days of the third quarter.
            _bar("Mitte", dt.date(2027, 8, 15), dt.date(2028, 3, 31)),
        ],
        PLAN,
        today=dt.date(2030, 1, 1),
    )
    bars = _bars(svg)
    assert bars["Portal"] == (250.0, 450.0)
    assert bars["Netz"] == (250 + 2 * 56.25, 56.2)  # the third quarter, one column wide
    x = 250 + (2 + 45 / 92) * 56.25
    assert bars["Mitte"][0] == pytest.approx(x, abs=0.05)
    assert bars["Mitte"][0] + bars["Mitte"][1] == pytest.approx(250 + 5 * 56.25, abs=0.1)
    texts = _texts(svg)
    assert texts.count("Q1") == 2 and "2027" in texts and "2028" in texts
    assert texts[0] == "Maßnahmenplan nach Quartalen"


def test_roadmap_milestones_are_diamonds_filled_when_reached() -> None:
    marks = (
        RoadmapMilestone(dt.date(2027, 4, 1), "1. April 2027", "Vergabe", True),
        RoadmapMilestone(dt.date(2028, 1, 1), "1. Januar 2028", "Start", False),
    )
    svg = roadmap_chart(
        [_bar("Portal", dt.date(2027, 1, 1), dt.date(2028, 12, 31), milestones=marks)],
        PLAN,
        today=dt.date(2030, 1, 1),
    )
    centres = _diamonds(svg)
    # The legend's two diamonds first, then the milestones: 2nd and 5th quarter's start.
    assert centres[2:] == [(306.2, "#c05621"), (475.0, "#ffffff")]
    assert "Meilenstein erreicht" in _texts(svg) and "1. April 2027: Vergabe" in _texts(svg)


def test_roadmap_draws_today_only_on_its_axis() -> None:
    bars = [_bar("Portal", dt.date(2027, 1, 1), dt.date(2028, 12, 31))]
    svg = roadmap_chart(bars, PLAN, today=dt.date(2027, 4, 1))
    root = ET.fromstring(svg)
    dashed = [
        line
        for line in root.iter(f"{SVG}line")
        if line.get("stroke") == "#c53030" and float(line.get("y2", "0")) > 100
    ]
    assert [float(line.get("x1", "")) for line in dashed] == [pytest.approx(250 + 56.25, abs=0.06)]
    assert _texts(svg).count("heute") == 2  # the legend and the line's label
    later = roadmap_chart(bars, PLAN, today=dt.date(2031, 1, 1))
    assert "heute" not in _texts(later) and "#c53030" not in later


def test_roadmap_desc_states_every_measure_and_its_period() -> None:
    marks = (RoadmapMilestone(dt.date(2027, 4, 1), "1. April 2027", "Vergabe", True),)
    svg = roadmap_chart(
        [
            _bar("Portal", dt.date(2027, 1, 1), dt.date(2028, 12, 31), milestones=marks),
            _bar(
                "Netz",
                dt.date(2027, 3, 5),
                None,
                group="Infrastruktur",
                period="ab 5. März 2027",
                status="planned",
                status_text="geplant",
            ),
        ],
        PLAN,
        today=dt.date(2030, 1, 1),
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == (
        "Maßnahmenplan nach Quartalen: Digitales Rathaus – Portal: 1. Quartal 2027 – 4. Quartal 2028, in Umsetzung"
        " (Vergabe 1. April 2027 ✓); Infrastruktur – Netz: ab 5. März 2027, geplant."
    )
    # An open end runs to the axis' edge, dashed.
    x, width = _bars(svg)["Netz"]
    assert x + width == ROADMAP_LEFT + ROADMAP_PLOT
    assert "stroke-dasharray" in svg


def test_roadmap_of_many_years_has_a_column_per_year() -> None:
    svg = roadmap_chart(
        [_bar("Lang", dt.date(2026, 1, 1), dt.date(2033, 12, 31))], PLAN, today=dt.date(2040, 1, 1)
    )
    texts = _texts(svg)
    assert texts[0] == "Maßnahmenplan nach Jahren"
    assert "Q1" not in texts
    assert [t for t in texts if t.isdigit()] == [str(year) for year in range(2026, 2034)]
    assert _bars(svg)["Lang"] == (250.0, 450.0)


def test_roadmap_needs_a_day_and_keeps_hostile_labels_as_text() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        roadmap_chart([_bar("leer", None, None)], PLAN, today=dt.date(2027, 1, 1))
    hostile = '</text><script>alert(1)</script>&"'
    svg = roadmap_chart(
        [_bar(hostile, dt.date(2027, 1, 1), dt.date(2027, 3, 31), group=hostile)],
        PLAN,
        today=dt.date(2027, 2, 1),
    )
    root = ET.fromstring(svg)
    assert not [node for node in root.iter() if node.tag.endswith("script")]
    assert any(hostile[:20] in text for text in _texts(svg))


def test_roadmap_from_year_one_to_9999_stays_small() -> None:
    """The calendar's edges: no overflow past 31 December 9999, no line per year of millennia."""
    svg = roadmap_chart(
        [_bar("Ewig", dt.date(1, 1, 1), dt.date(9999, 12, 31))], PLAN, today=dt.date(2027, 1, 1)
    )
    assert _bars(svg)["Ewig"] == (250.0, 450.0)
    assert len(svg) < 20_000


def test_a_milestone_in_the_last_quarter_of_9999_has_its_place() -> None:
    """Q4 of 9999 ends the calendar: its length is known without the day after it (which does not exist)."""
    svg = roadmap_chart(
        [_bar("Ende", dt.date(9999, 10, 1), dt.date(9999, 12, 31))], PLAN, today=dt.date(2027, 1, 1)
    )
    assert "Ende" in svg


# -- the roadmap's legend: exactly the marks drawn ----------------------------------------


def _legend(svg: str | ET.Element) -> ET.Element:
    root = ET.fromstring(svg) if isinstance(svg, str) else svg
    found = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"]
    assert len(found) == 1
    return found[0]


def _drawn_marks(svg: str) -> tuple[set[str], set[str]]:
    """What the chart draws outside its legend and what the legend shows, as the same words.

    ``status:<fill>`` a solid or pale bar in a status' colour, ``open`` a dashed
    bar, ``diamond:<fill>`` a milestone, ``today`` the dashed red line.
    """
    root = ET.fromstring(svg)
    legend = _legend(root)
    in_legend = set(legend.iter())

    def marks(nodes: list[ET.Element], *, key: bool) -> set[str]:
        out = set()
        for node in nodes:
            tag = node.tag.removeprefix(SVG)
            if tag == "rect" and node.get("height") in ("12", "14"):  # a bar or a swatch
                dashed = node.get("stroke-dasharray") is not None
                if dashed:
                    out.add("open")
                if not (key and dashed):  # the legend's open swatch names no status
                    out.add(f"status:{node.get('fill')}")
            elif tag == "polygon":
                out.add(f"diamond:{node.get('fill')}")
            elif tag == "line" and node.get("stroke") == "#c53030":
                out.add("today")
        return out

    chart = [n for n in root.iter() if n not in in_legend]
    return marks(chart, key=False), marks(list(legend.iter()), key=True)


LEGEND_CASES = {
    "closed bars only": [_bar("Portal", dt.date(2027, 1, 1), dt.date(2027, 12, 31))],
    "an open end": [
        _bar("Portal", dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
        _bar("Netz", dt.date(2027, 4, 1), None, status="planned"),
    ],
    "an open start, milestones": [
        _bar(
            "Netz",
            None,
            dt.date(2028, 3, 31),
            status="done",
            milestones=(
                RoadmapMilestone(dt.date(2027, 4, 1), "1. April 2027", "Vergabe", True),
                RoadmapMilestone(dt.date(2028, 1, 1), "1. Januar 2028", "Start", False),
            ),
        ),
    ],
    "milestones only, both open kinds": [
        # No start and no end: the milestone alone; its status' colour is drawn nowhere.
        _bar(
            "Idee",
            None,
            None,
            status="planned",
            milestones=(RoadmapMilestone(dt.date(2027, 6, 1), "1. Juni 2027", "Beschluss", False),),
        ),
        _bar("Netz", dt.date(2027, 4, 1), None),
        _bar("Alt", None, dt.date(2027, 9, 30), status="done"),
        # A status the labels do not name: drawn grey, named by its key.
        _bar("Sonder", dt.date(2027, 1, 1), dt.date(2027, 3, 31), status="paused"),
    ],
}


@pytest.mark.parametrize("case", LEGEND_CASES)
@pytest.mark.parametrize("today", [dt.date(2027, 5, 1), dt.date(2035, 1, 1)])
def test_the_roadmap_legend_lists_exactly_the_marks_drawn(case: str, today: dt.date) -> None:
    svg = roadmap_chart(LEGEND_CASES[case], PLAN, today=today)
    drawn, legend = _drawn_marks(svg)
    assert legend == drawn
    assert ("today" in drawn) is (today.year == 2027)


def test_the_roadmap_legend_names_each_mark() -> None:
    names = {
        case: [text.text for text in _legend(roadmap_chart(bars, PLAN, today=dt.date(2027, 5, 1))).iter(f"{SVG}text")]
        for case, bars in LEGEND_CASES.items()
    }
    assert names == {
        "closed bars only": ["in Umsetzung", "heute"],
        "an open end": ["geplant", "in Umsetzung", "offenes Ende", "heute"],
        "an open start, milestones": [
            "erledigt",
            "offener Beginn",
            "Meilenstein",
            "Meilenstein erreicht",
            "heute",
        ],
        "milestones only, both open kinds": [
            "in Umsetzung",
            "erledigt",
            "paused",
            "offener Beginn oder offenes Ende",
            "Meilenstein",
            "heute",
        ],
    }


def test_the_roadmap_legend_wraps_within_the_chart() -> None:
    """Long names go on a second line rather than past the chart's right edge."""
    many = RoadmapLabels(
        **{**PLAN.__dict__, "statuses": {k: v * 4 for k, v in PLAN.statuses.items()}}
    )
    svg = roadmap_chart(LEGEND_CASES["milestones only, both open kinds"], many, today=dt.date(2027, 5, 1))
    width = float(ET.fromstring(svg).get("width", ""))
    texts = list(_legend(svg).iter(f"{SVG}text"))
    assert len({t.get("y") for t in texts}) > 1
    assert all(float(t.get("x", "")) < width for t in texts)


def test_indicator_chart_states_its_data_and_draws_the_target() -> None:
    import datetime as dt

    from strategy_kit.present.charts import IndicatorLabels, indicator_chart

    labels = IndicatorLabels("Quote <b>", "Zielwert", value=lambda v: f"{v:g} %".replace(".", ","))
    svg = indicator_chart([(dt.date(2019, 1, 1), 10), (dt.date(2019, 7, 1), 12.5)], 40, labels)
    assert "<desc id=\"indicator-chart-desc\">Quote &lt;b&gt;: 2019-01-01 10 %, 2019-07-01 12,5 %; Zielwert 40 %</desc>" in svg
    assert svg.count("<circle") == 2 and svg.count("<polyline") == 1
    assert 'stroke-dasharray="4 3"' in svg  # the target
    # The target is the highest value: its line lies above both dots.
    target_y = float(svg.split('stroke-dasharray')[0].rsplit('y1="', 1)[1].split('"')[0])
    dots = [float(part.split('"')[0]) for part in svg.split('cy="')[1:]]
    assert all(target_y < y for y in dots)
    one = indicator_chart([(dt.date(2019, 1, 1), 3)], None, labels)
    assert one.count("<circle") == 1 and "<polyline" not in one and "dasharray" not in one
    assert indicator_chart([], 40, labels) == ""
