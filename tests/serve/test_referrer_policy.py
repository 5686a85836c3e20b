"""The referrer policy lets a browser name this room as the origin of its own forms.

Under ``no-referrer`` Chromium posts a same-origin form with ``Origin: null``
(the Fetch standard's rule for that policy), and the origin check cannot tell
it from another site's form: every console step and ballot from a real browser
was refused. ``same-origin`` sends the true origin to this room and nothing to
any other site. The browser itself is exercised in ``test_e2e_browser.py``.
"""

from __future__ import annotations

from strategy_kit.serve.guard import HEADERS, origin_ok


def test_the_policy_names_this_room_to_itself_only() -> None:
    assert dict(HEADERS)[b"referrer-policy"] == b"same-origin"


def test_the_origin_a_browser_sends_under_it_passes_and_null_does_not() -> None:
    def post(origin: bytes) -> dict[str, object]:
        return {"method": "POST", "scheme": "http", "headers": [(b"host", b"192.168.1.20:8765"), (b"origin", origin)]}

    assert origin_ok(post(b"http://192.168.1.20:8765"))
    assert not origin_ok(post(b"null"))
    assert not origin_ok(post(b"http://evil.example"))
