"""The documents' theme: one set of choices that Word uses and the CSS can read."""

from __future__ import annotations

import re
from pathlib import Path

from strategy_kit.present.theme import THEME, Theme, css_properties

STYLE = Path(__file__).resolve().parents[2] / "templates" / "report" / "style.css"


def properties(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{([^}]*)\}", css)
    assert root is not None
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", root.group(1)))


def test_css_properties_carry_every_choice() -> None:
    found = properties(css_properties())
    assert found == {
        "font": "Arial, Helvetica, sans-serif",
        "ink": "#1f2933",
        "muted": "#52606d",
        "line": "#c8cdd3",
        "accent": "#1d5fa8",
        "soft": "#eef3f9",
    }


def test_the_report_stylesheet_agrees_with_the_theme() -> None:
    """Until the stylesheet reads css_properties(), its colours must be the theme's."""
    stylesheet = properties(STYLE.read_text(encoding="utf-8"))
    ours = properties(css_properties())
    assert stylesheet and {k: ours[k] for k in stylesheet} == stylesheet


def test_another_theme_changes_the_css() -> None:
    dark = Theme(accent="#000000", font="Verdana")
    assert "--accent: #000000;" in css_properties(dark)
    assert "--font: Verdana, Helvetica, sans-serif;" in css_properties(dark)
    assert THEME.hex(THEME.accent) == "1D5FA8"
