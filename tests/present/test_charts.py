"""SVG charts: well-formed XML whatever the labels say, nothing active inside."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.present.charts import (
    MatrixLabels,
    MatrixPoint,
    MaturityRow,
    element,
    matrix_chart,
    maturity_chart,
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
