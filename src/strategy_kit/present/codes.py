"""The printed sheet of participant codes: A4 pages of cards to cut out, ten a page.

Each card names the workshop, the card's group (a department or a role, or
"ohne Gruppe" for a spare card or a group of one), the code in large monospaced type, a QR code that
opens the vote with the code filled in, the join address to type, and a line
that the code is personal and the vote anonymous. A card names no person: the
group is all it says about its holder. The sheet is HTML
(``templates/live/codes.html.j2``, a user's template directory first), printed
by :func:`strategy_kit.present.pdf.codes_pdf` as every PDF is.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

#: Cards on one A4 page: two across, five down (95 x 54 mm each, about a business card).
PER_PAGE = 10


def card_url(join_url: str, code: str) -> str:
    """The address a card's QR code opens: ``join_url`` with ``?code=`` (``&code=`` after a query)."""
    return f"{join_url}{'&' if '?' in join_url else '?'}code={code}"


def short_url(join_url: str) -> str:
    """``join_url`` as a person types it: ``http://192.168.1.20:8000/join/`` gives ``192.168.1.20:8000/join``."""
    for scheme in ("http://", "https://"):
        if join_url.lower().startswith(scheme):
            join_url = join_url[len(scheme) :]
            break
    return join_url.rstrip("/")


def qr_svg(url: str, title: str) -> str:
    """``url`` as a QR code: inline SVG, one module one unit, 4 modules of quiet zone, sized by CSS.

    Error correction M (15 %), or higher where the symbol has room: a card
    creased in a pocket still reads. The dark modules are one filled path of
    rectangles, a run of a row or a column each, so no viewer draws hairlines
    between adjacent modules (as it may between stroked lines).
    """
    import segno
    from markupsafe import escape

    qr = segno.make_qr(url, error="m")
    matrix = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
    size = len(matrix)
    runs = []
    # Each dark module twice: in its row's run and in its column's run, so the runs
    # of one direction cover the seams between those of the other.
    for y, row in enumerate(matrix):
        x = 0
        for dark, run in groupby(row):
            n = len(list(run))
            if dark:
                runs.append(f"M{x} {y}h{n}v1h-{n}z")
            x += n
    for x, column in enumerate(zip(*matrix, strict=True)):
        y = 0
        for dark, run in groupby(column):
            n = len(list(run))
            if dark and n > 1:
                runs.append(f"M{x} {y}h1v{n}h-1z")
            y += n
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {size} {size}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def codes_html(
    cards: Sequence[tuple[str, str | None]], join_url: str, title: str, lang: str, *, templates: Path | None = None
) -> str:
    """The sheet as HTML, one ``<ul class="sheet">`` of up to :data:`PER_PAGE` cards a page.

    ``cards`` are ``(code, group)`` as :func:`strategy_kit.compute.codes.issue`
    gives them (the code as kept, ``K7MQ4PXR2``; the group None on a spare
    card), printed in that order; ``join_url`` is the room's join address
    (``http://192.168.1.20:8000/join``); ``title`` the workshop's title;
    ``lang`` ``de`` or ``en``; ``templates`` a user's template directory.
    """
    from markupsafe import Markup

    from strategy_kit.compute.codes import pretty
    from strategy_kit.present.labels import table
    from strategy_kit.present.render import render
    from strategy_kit.present.theme import DEFAULT, css_variables

    labels = table("live", lang)
    rows: list[dict[str, Any]] = [
        {
            "code": pretty(code),
            "group": group if group is not None else labels["codes.guest"],
            "qr": Markup(qr_svg(card_url(join_url, code), labels["codes.qr"])),
        }
        for code, group in cards
    ]
    pages = [rows[i : i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)]
    context = {
        "lang": lang,
        "title": title,
        "pages": pages,
        "join": short_url(join_url),
        "labels": labels,
        "theme_css": Markup(css_variables(DEFAULT)),
    }
    return render("live/codes.html.j2", context, kind="html", user_dir=templates)
