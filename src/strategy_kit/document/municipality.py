"""When two files name the same municipality: one comparison for check, status and ``--municipality``.

Names are typed by hand, saved by different tools and copied from letterheads:
``Stadt Münster`` may arrive composed or decomposed (macOS), with a no-break
space or in capitals. The official key (AGS, eight digits) is exact, so it
decides wherever both sides have one.
"""

from __future__ import annotations

import unicodedata


def municipality_key(name: str) -> str:
    """``name`` as compared: Unicode NFKC, case folded, whitespace runs as one space, trimmed.

    NFKC makes composed and decomposed letters and a no-break space the same;
    folding after it (and normalising again, as folding may undo NFKC) makes
    ``MÜNSTER`` and ``münster`` the same.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


def same_municipality(name: str, ags: str | None, other_name: str, other_ags: str | None) -> bool:
    """Two municipalities are one: the same AGS when both have one, else the same :func:`municipality_key`."""
    if ags and other_ags:
        return ags == other_ags
    return municipality_key(name) == municipality_key(other_name)


def municipality_label(name: str, ags: str | None) -> str:
    """``Stadt Telgte (05570044)``: how a municipality is named in messages."""
    return f"{name} ({ags})" if ags else name
