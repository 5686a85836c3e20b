"""The documents' look in one place: a report.style changes accent and font, nothing else."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.conftest import EXAMPLES

from strategy_kit.check.validate import load_document
from strategy_kit.document.model import ReportSettings, Style
from strategy_kit.present.report import render_report
from strategy_kit.present.theme import DEFAULT, Theme, css_variables, theme_for


def test_the_default_and_its_custom_properties() -> None:
    assert theme_for(None) == DEFAULT
    assert css_variables(DEFAULT) == (
        ':root{--accent:#1d5fa8;--ink:#1f2933;--muted:#52606d;--line:#c8cdd3;--soft:#eef3f9;--font:"Arial"}'
    )


def test_a_style_sets_accent_and_font_only() -> None:
    assert theme_for(Style(accent="#7a1f5c")) == replace(DEFAULT, accent="#7a1f5c")
    assert theme_for(Style(font="Source Sans 3")) == replace(DEFAULT, font="Source Sans 3")
    assert theme_for(Style()) == DEFAULT


@pytest.mark.parametrize(
    "theme",
    [
        replace(DEFAULT, accent="red;}</style><script>"),
        replace(DEFAULT, ink="#12345"),
        replace(DEFAULT, font='Arial"}body{display:none'),
        replace(DEFAULT, font=""),
    ],
)
def test_nothing_but_colours_and_font_names_reaches_the_stylesheet(theme: Theme) -> None:
    with pytest.raises(ValueError, match=r"expected a colour|letters, digits"):
        css_variables(theme)


def test_the_report_takes_its_files_style() -> None:
    loaded = load_document(EXAMPLES / "telgte.yaml")
    assert loaded.document is not None
    settings = loaded.document.report or ReportSettings()
    document = loaded.document.model_copy(
        update={"report": settings.model_copy(update={"style": Style(accent="#7a1f5c")})}
    )
    html = render_report(document, format="html", lang="de")
    assert "--accent:#7a1f5c;" in html
    # One stylesheet: the shared rules once, then the report's own.
    assert html.count("/* The documents' shared look") == 1
    assert html.index("/* The documents' shared look") < html.index("/* The report's own rules")



def test_word_writes_the_themes_colours_without_the_hash() -> None:
    assert DEFAULT.hex(DEFAULT.accent) == "1D5FA8"
