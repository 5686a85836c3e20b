"""The report's SVG charts as PNG pictures, for Word, which shows no SVG of its own.

The picture is rendered from the very SVG the HTML and PDF show
(:mod:`strategy_kit.present.charts`), so the three formats cannot drift.

The rasteriser is resvg through ``resvg-py``. Of the candidates:

- ``resvg-py`` (MIT; resvg itself MIT/Apache-2.0): one 1.4 MB abi3 wheel for
  CPython 3.10+ on Linux, Windows and macOS, no system library, typed; resvg
  is the reference among SVG renderers for conformance and lays text out with
  the system's fonts (Arial on a town-hall PC).
- CairoSVG (LGPL-3.0): pure Python, but needs the cairo C library at run time,
  which Windows lacks and which ``pip`` cannot install.
- vl-convert-python (BSD-3): renders through resvg too, but is a 33 MB wheel
  that carries a JavaScript engine for Vega-Lite we do not use.

resvg draws no text whose font family it cannot find; the chart asks for
Helvetica, Arial, sans-serif, so on a machine with neither the generic
family is pointed at the first sans-serif that is installed
(:func:`sans_family`).
"""

from __future__ import annotations

import functools
import re

from strategy_kit.present.extras import require

#: Pixels per CSS pixel: 2 × 96 dpi = 192 dpi at the chart's own size, sharp in print; more
#: costs time (about 0.1 s a chart at 2, 0.2 s at 2.5) and bytes.
SCALE = 2.0

#: Sans-serif families tried, in order, when resvg's default (Arial) is missing.
SANS_FAMILIES = ("Arial", "Helvetica", "Liberation Sans", "Arimo", "DejaVu Sans", "Noto Sans",
                 "FreeSans", "Verdana")  # fmt: skip

_PROBE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" font-family="{family}">'
    '<text x="1" y="14" font-size="14">{text}</text></svg>'
)


@functools.cache
def sans_family() -> str | None:
    """The first of :data:`SANS_FAMILIES` resvg can draw with; None if there is none."""
    resvg = require("resvg_py", "Charts in DOCX output")
    blank = resvg.svg_to_bytes(svg_string=_PROBE.format(family="sans-serif", text=""))
    for family in SANS_FAMILIES:
        if resvg.svg_to_bytes(svg_string=_PROBE.format(family=family, text="H")) != blank:
            return family  # something was drawn
    return None


def svg_size(svg: str) -> tuple[float, float]:
    """The ``width`` and ``height`` of the root ``<svg>`` in CSS pixels."""
    root = re.search(r"<svg\b[^>]*>", svg)
    if root is None:
        raise ValueError("not an SVG image")
    found = {
        name: re.search(rf'\s{name}="([0-9.]+)"', root.group(0)) for name in ("width", "height")
    }
    if found["width"] is None or found["height"] is None:
        raise ValueError("the SVG image has no width and height")
    return float(found["width"].group(1)), float(found["height"].group(1))


def svg_to_png(svg: str, scale: float = SCALE) -> bytes:
    """PNG bytes of ``svg`` at ``scale`` device pixels per CSS pixel, on white.

    Raises :class:`~strategy_kit.present.extras.MissingExtra` without resvg-py.
    """
    resvg = require("resvg_py", "Charts in DOCX output")
    family = sans_family()
    fonts = {"sans_serif_family": family} if family else {}
    png: bytes = resvg.svg_to_bytes(
        svg_string=svg, zoom=scale, background="white", **fonts
    )
    return png


def svg_to_png_within(svg: str, width: int | None, height: int | None, most: int = 1200) -> bytes:
    """PNG bytes of a logo's ``svg`` at most ``most`` device pixels on its longer side.

    ``width`` and ``height`` are the sizes the file declares (as
    :func:`strategy_kit.files.images.read_image` read them; ``None`` when it
    declares none): only their ratio counts, so an SVG that declares a hundred
    million pixels is drawn at the same small size as one that declares a
    hundred. Raises :class:`~strategy_kit.present.extras.MissingExtra` without resvg-py.
    """
    resvg = require("resvg_py", "Images in DOCX output")
    wide, high = width or most, height or most
    scale = most / max(wide, high)
    family = sans_family()
    fonts = {"sans_serif_family": family} if family else {}
    png: bytes = resvg.svg_to_bytes(
        svg_string=svg,
        width=max(1, round(wide * scale)),
        height=max(1, round(high * scale)),
        background="white",
        **fonts,
    )
    return png
