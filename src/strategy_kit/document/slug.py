"""Ids for humans: lowercase slugs made from German titles."""

from __future__ import annotations

import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str, max_length: int = 40) -> str:
    """Turn 'Stadtportal mit Online-Services' into 'stadtportal-mit-online-services'.

    German umlauts are spelled out (ae, oe, ue, ss) as Germans do in URLs,
    rather than dropped as a plain ASCII fold would.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


def unique_slug(text: str, taken: set[str]) -> str:
    """A slug of ``text`` not in ``taken``, numbered when it collides."""
    base = slugify(text) or "item"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
