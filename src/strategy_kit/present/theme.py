"""The documents' look in one place: font, colours and sizes of every HTML, PDF and Word output.

``templates/base.css`` holds the shared typography and table rules and reads
the colours and the font from CSS custom properties; :func:`css_variables`
writes their values. Word (``present/word.py``) reads the same :class:`Theme`.
A municipality's ``report.style`` (accent colour, font) changes the report,
the status page, the agenda and their Word files alike (:func:`theme_for`).
Colours are ``#rrggbb``; sizes are points. Arial is the default font because
every town-hall PC has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strategy_kit.document.model import Style

# The format's own patterns (document/model.py), checked again here because a
# value written into a stylesheet must never end the declaration or the <style>.
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_FONT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{0,62}")


@dataclass(frozen=True)
class Theme:
    """Font family, colours (``#rrggbb``) and sizes (pt) of every document."""

    font: str = "Arial"
    #: Text.
    ink: str = "#1f2933"
    #: Notes, captions, running headers and footers.
    muted: str = "#52606d"
    #: Table rules.
    line: str = "#c8cdd3"
    #: Headings, the title's rule, chart bars.
    accent: str = "#1d5fa8"
    #: Table header cells.
    soft: str = "#eef3f9"
    body_pt: float = 10.0
    small_pt: float = 9.0
    margin_pt: float = 8.0
    title_pt: float = 24.0
    heading_pt: tuple[float, float, float] = (16.0, 13.0, 11.0)

    def hex(self, colour: str) -> str:
        """``#1d5fa8`` -> ``1D5FA8``, as Word writes a colour."""
        return colour.lstrip("#").upper()


#: The look without a ``report.style``.
DEFAULT = Theme()
#: The same, under the name Word's code has always used.
THEME = DEFAULT


def theme_for(style: Style | None) -> Theme:
    """:data:`DEFAULT` with the accent colour and font a ``report.style`` sets."""
    if style is None:
        return DEFAULT
    theme = DEFAULT
    if style.accent is not None:
        theme = replace(theme, accent=style.accent)
    if style.font is not None:
        theme = replace(theme, font=style.font)
    return theme


def css_variables(theme: Theme = DEFAULT) -> str:
    """``:root{--accent:#1d5fa8;…;--font:"Arial"}``: the custom properties base.css reads.

    Raises ``ValueError`` for a colour that is not ``#rrggbb`` or a font name
    with other characters than letters, digits, spaces and hyphens.
    """
    colours = {
        "accent": theme.accent,
        "ink": theme.ink,
        "muted": theme.muted,
        "line": theme.line,
        "soft": theme.soft,
    }
    for name, value in colours.items():
        if not _COLOUR.fullmatch(value):
            raise ValueError(f"{name} {value!r}: expected a colour like #1d5fa8")
    if not _FONT.fullmatch(theme.font):
        raise ValueError(f"font {theme.font!r}: letters, digits, spaces and hyphens only")
    declarations = "".join(f"--{name}:{value};" for name, value in colours.items())
    return f':root{{{declarations}--font:"{theme.font}"}}'
