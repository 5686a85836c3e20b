"""The look every rendered document shares: one font, one set of colours, one set of sizes.

Word (``present/word.py``) reads :data:`THEME` directly; the HTML and the PDF
printed from it read the same choices as CSS custom properties
(:func:`css_properties`), so a change of colour or font is made here once.
Colours are ``#rrggbb``; sizes are points. Arial is the font because every
town-hall PC has it; a browser or a PDF falls back to Helvetica, then to any
sans-serif.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """Font, colours (``#rrggbb``) and sizes (pt) of agenda and report."""

    font: str = "Arial"
    fallbacks: tuple[str, ...] = ("Helvetica", "sans-serif")
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

    @property
    def font_stack(self) -> str:
        """``Arial, Helvetica, sans-serif``: the CSS ``font-family`` value."""
        return ", ".join((self.font, *self.fallbacks))

    def hex(self, colour: str) -> str:
        """``#1d5fa8`` -> ``1D5FA8``, as Word writes a colour."""
        return colour.lstrip("#").upper()


#: The one theme of strategy-kit's documents.
THEME = Theme()


def css_properties(theme: Theme = THEME) -> str:
    """The theme as a CSS rule: ``:root { --font: Arial, …; --ink: #1f2933; … }``.

    The names are those the report's stylesheet already uses (``--ink``,
    ``--muted``, ``--line``, ``--accent``, ``--soft``) plus ``--font``.
    """
    values = {
        "font": theme.font_stack,
        "ink": theme.ink,
        "muted": theme.muted,
        "line": theme.line,
        "accent": theme.accent,
        "soft": theme.soft,
    }
    return ":root { " + " ".join(f"--{name}: {value};" for name, value in values.items()) + " }"
