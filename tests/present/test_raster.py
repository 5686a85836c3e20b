"""The report's SVG charts as PNG: the same picture, drawn with text."""

from __future__ import annotations

import io

import pytest

from strategy_kit.present import charts

resvg = pytest.importorskip("resvg_py")


def chart() -> str:
    rows = [charts.MaturityRow("Infrastruktur", 2, 4), charts.MaturityRow("Mobilität", 1, 3)]
    return charts.maturity_chart(rows, title="Reifegrad", current_label="Ist", target_label="Soll")


def test_png_has_the_svgs_proportions_and_draws_its_text() -> None:
    from PIL import Image

    from strategy_kit.present.raster import SCALE, svg_size, svg_to_png

    svg = chart()
    width, height = svg_size(svg)
    image = Image.open(io.BytesIO(svg_to_png(svg)))
    assert image.format == "PNG" and image.size == (round(width * SCALE), round(height * SCALE))
    # Without its labels the picture has fewer dark pixels: the text is drawn.
    bare = svg.replace(">Infrastruktur<", "><").replace(">Mobilität<", "><")
    ink = [
        sum(Image.open(io.BytesIO(svg_to_png(s))).convert("L").histogram()[:128]) for s in (svg, bare)
    ]
    assert ink[0] > ink[1]


def test_a_sans_serif_family_is_found() -> None:
    from strategy_kit.present.raster import SANS_FAMILIES, sans_family

    assert sans_family() in SANS_FAMILIES


def test_svg_size_needs_width_and_height() -> None:
    from strategy_kit.present.raster import svg_size

    assert svg_size('<svg xmlns="x" width="610" height="366.5">') == (610.0, 366.5)
    with pytest.raises(ValueError, match="width and height"):
        svg_size('<svg viewBox="0 0 1 1">')
    with pytest.raises(ValueError, match="not an SVG"):
        svg_size("<png/>")
