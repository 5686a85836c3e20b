"""Line-level comparison for tests that prove an edit changed exactly the intended lines."""

from __future__ import annotations

import difflib


def changed(old: str | bytes, new: str | bytes) -> list[str]:
    """The removed (``-``) and added (``+``) lines between two texts (or UTF-8 bytes), in order."""
    if isinstance(old, bytes):
        old = old.decode("utf-8")
    if isinstance(new, bytes):
        new = new.decode("utf-8")
    return [
        line
        for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True))
        if line[:1] in "+-"
    ]
