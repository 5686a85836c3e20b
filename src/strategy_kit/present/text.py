"""Text safety shared by the output formats and the commands that print.

One policy for text from a workshop file, wherever it lands (issue 14): a
vertical tab, form feed, line or paragraph separator, and in a multi-line
field a line end, becomes a line break where the format has one
(:func:`clean`: HTML, DOCX, an iCalendar description) and a space where it has
none (:func:`one_line`: a terminal line, a Markdown cell, a title in a
calendar or a PDF's properties), never nothing, so no two words run together.
Every other control character and every bidi override, embedding or isolate
is dropped: in a document it is noise at best, and in a terminal it recolours
or reorders the line. Diagnostics show the same characters escaped instead
(:func:`strategy_kit.document.characters.escaped`); the classes are defined once in
:mod:`strategy_kit.document.characters`.

JSON keeps every value as the file holds it: it is data for other tools, which
must read back exactly what was written, and a tool renders it by its own
rules. The invisible characters are written there as ``\\u`` escapes
(:func:`strategy_kit.document.characters.json_text`), lossless and inert in a terminal.
A spreadsheet cell is never evaluated as a formula (and can be read back).
"""

from __future__ import annotations

from strategy_kit.document.characters import BREAK, DROPPED


def clean(text: str) -> str:
    """``text`` as a document shows it: each break a ``\\n``, invisible characters gone.

    Tabs and spaces stay; the format decides what a ``\\n`` becomes (a ``<w:br/>``
    in Word, an escaped line end in iCalendar, white space in flowing HTML).
    """
    return BREAK.sub("\n", DROPPED.sub("", text))


def one_line(text: str) -> str:
    """``text`` on one line: breaks and runs of white space become one space, invisible characters go.

    For a terminal line, a Markdown cell, a calendar's summary: no escape
    sequence, bidi override or line break survives, and no two words run together.
    """
    return " ".join(DROPPED.sub("", text).split())


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
