"""How wide a word is in Arial, without the font: Helvetica's published advance widths.

Word and LibreOffice break a word that does not fit its table column anywhere,
without a hyphen ("Stimme|n"), so the Word writer gives every column at least
the width of its longest word. Arial has Helvetica's widths (Adobe's AFM files,
units of 1/1000 em); a letter outside the table counts as its base letter
(``ä`` as ``a``) or, failing that, as a digit. A machine without Arial lays
the text out in a substitute such as DejaVu Sans, up to :data:`SUBSTITUTE`
wider, so the widths here carry that margin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_ASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip

_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)  # fmt: skip

WIDTHS = {False: dict(zip(_ASCII, _REGULAR, strict=True)), True: dict(zip(_ASCII, _BOLD, strict=True))}

#: Beyond ASCII: ``ß``, dashes, quotes, the euro sign (both weights alike).
_EXTRA = {"ß": 611, "–": 556, "—": 1000, "„": 333, "“": 333, "”": 333, "‚": 222, "‘": 222,
          "’": 222, "€": 556, "…": 1000, "·": 278, "→": 1000, "×": 584}  # fmt: skip

#: How much wider than Arial a substitute font may set the same text.
SUBSTITUTE = 1.15


def _char(char: str, bold: bool) -> int:
    table = WIDTHS[bold]
    if char in table:
        return table[char]
    if char in _EXTRA:
        return _EXTRA[char]
    base = unicodedata.normalize("NFD", char)[:1]
    return table.get(base, table["0"])


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` on one line at ``size`` pt, the substitute's margin included."""
    return sum(_char(c, bold) for c in text) * size / 1000 * SUBSTITUTE


#: The pieces a line may break between: at spaces, and after a hyphen ("Online-|Services").
_PIECE = re.compile(r"[^\s-]*-+|[^\s-]+")


def longest_word(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of the widest piece of ``text`` that a line cannot break inside."""
    return max((text_width(w, size, bold=bold) for w in _PIECE.findall(text)), default=0.0)


def longest_line(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of the widest line of ``text`` if nothing wrapped."""
    return max((text_width(line, size, bold=bold) for line in text.split("\n")), default=0.0)


def column_widths(
    minimum: Sequence[float],
    natural: Sequence[float],
    total: float,
    weights: Sequence[float] | None = None,
) -> list[float]:
    """Share ``total`` points between columns, none narrower than its ``minimum``.

    ``minimum`` is a column's longest word, ``natural`` its longest line (both
    with the cell's padding). Without ``weights`` the share follows a browser's
    automatic table layout: columns get their natural width if all fit, and
    otherwise their minimum plus a part of the rest in proportion to how much
    more they would like. With ``weights`` the share follows them, and a column
    below its minimum is raised to it at the cost of the others. When even the
    minimums exceed ``total`` they are scaled down (then Word hyphenates).
    """
    floor = sum(minimum)
    if floor >= total:
        return [m * total / floor for m in minimum]
    if weights is None:
        wanted = [max(n, m) for n, m in zip(natural, minimum, strict=True)]
        if sum(wanted) <= total:
            return [w * total / sum(wanted) for w in wanted]
        extra = [w - m for w, m in zip(wanted, minimum, strict=True)]
        return [m + (total - floor) * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]
    fixed: dict[int, float] = {}
    while True:  # fix the columns below their minimum, share the rest by weight; at most n rounds
        free = [i for i in range(len(minimum)) if i not in fixed]
        rest = total - sum(fixed.values())
        share = sum(weights[i] for i in free)
        widths = {i: rest * weights[i] / share for i in free}
        below = [i for i in free if widths[i] < minimum[i]]
        if not below:
            return [fixed[i] if i in fixed else widths[i] for i in range(len(minimum))]
        for i in below:
            fixed[i] = minimum[i]
