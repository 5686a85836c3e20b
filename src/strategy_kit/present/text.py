"""Text safety shared by the output formats and the commands that print.

One place for the rules that keep text from a workshop file harmless where it
lands: a terminal line that cannot be recoloured or reordered, and a
spreadsheet cell that is never evaluated as a formula (and can be read back).
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Bidirectional embeddings, overrides and isolates: they can make a terminal line
#: read differently from what it holds. Right-to-left letters themselves stay.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """Collapse whitespace and drop control characters (terminal escapes, bidi overrides)."""
    return " ".join(_CONTROL.sub(" ", _BIDI.sub("", text)).split())


#: Cell starts a spreadsheet may read as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The prefix that makes such a cell plain text.
QUOTE = "'"


def neutralise(text: str) -> str:
    """``text`` as a cell no spreadsheet evaluates; :func:`unneutralise` undoes it."""
    if text.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + text
    return text


def unneutralise(cell: str) -> str:
    """The text :func:`neutralise` was given: one ``'`` before a formula start or ``'`` goes."""
    if cell.startswith(QUOTE) and cell[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return cell[1:]
    return cell
