"""The live room's threat model (SECURITY.md, "The live room"), one test per threat.

Most tests drive the application in-process through Starlette's TestClient
(``client=(ADDRESS, PORT)`` sets the address the rate limit sees); the
command's own exits run ``strategy-kit serve`` as a child process.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from tests.conftest import copy_example
from tests.hostile import hostile_document, write

from strategy_kit.serve.app import Settings, create_app
from strategy_kit.serve.guard import CONTENT_SECURITY_POLICY, MAX_BODY, Secrets
from strategy_kit.serve.room import LiveRoom

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ALERT = re.compile(r'role="alert">([^<]*)<')
_addresses = count(2)


def _address() -> tuple[str, int]:
    """A client address of its own, so that one test's requests never meet another's rate limit."""
    n = next(_addresses)
    return (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}", 40000)


@dataclass
class Room:
    """A room in-process: the file, the running room, its secrets and the application."""

    path: Path
    live: LiveRoom
    keys: Secrets
    app: Any

    def client(self, address: tuple[str, int] | None = None) -> TestClient:
        return TestClient(self.app, client=address or _address(), follow_redirects=False)

    def facilitator(self) -> tuple[TestClient, str]:
        """A console with its cookie, and its CSRF token."""
        fac = self.client()
        assert fac.get(f"/console?token={self.keys.token}").status_code == 303
        page = fac.get("/console")
        assert page.status_code == 200
        return fac, _csrf(page.text)

    def phone(self, code: str | None = None) -> tuple[TestClient, str]:
        """A phone that has joined with the room number (or ``code``), and its CSRF token."""
        phone = self.client()
        csrf = _csrf(phone.get("/").text)
        joined = phone.post("/join", data={"csrf": csrf, "code": code or self.live.room_code})
        assert joined.status_code == 303, joined.text
        return phone, csrf

    def state(self) -> tuple[bytes, int]:
        """What a forged request must not change: the file's bytes and the room's events."""
        return self.path.read_bytes(), len(self.live.events)


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    assert match, html[:500]
    return match.group(1)


def _alert(html: str) -> str:
    match = ALERT.search(html)
    assert match, html[:800]
    return match.group(1)


def _start(path: Path) -> Room:
    live = LiveRoom.start(path)
    keys = Secrets()
    return Room(path, live, keys, create_app(live, Settings("http://testserver/", "de", keys)))


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    made = _start(copy_example("telgte.yaml", tmp_path))
    try:
        yield made
    finally:
        made.live.close()


def _open_dots(room: Room, budget: int = 3) -> tuple[TestClient, str]:
    fac, csrf = room.facilitator()
    assert fac.post("/console/open", data={"csrf": csrf, "kind": "dots", "budget": str(budget)}).status_code == 303
    return fac, csrf


def _projects(room: Room) -> list[str]:
    return list(room.live.titles)


# -- a participant voting twice --------------------------------------------------------


def test_a_participant_code_votes_from_one_browser_only(room: Room) -> None:
    room.live.room.codes.update({"ABC234DEF": "fb1"})
    _open_dots(room)
    first, second = [room.client() for _ in range(2)]
    ballot = {"round": "stimmen-1", f"c:{_projects(room)[0]}": "2"}
    for phone in (first, second):
        csrf = _csrf(phone.get("/").text)
        # The cookie a join with the code would set: the code itself.
        phone.cookies.set("sk_voter", "ABC234DEF")
        phone.headers["x-csrf"] = csrf
    assert first.post("/vote", data={"csrf": first.headers["x-csrf"], **ballot}).status_code == 303
    refused = second.post("/vote", data={"csrf": second.headers["x-csrf"], **ballot})
    assert refused.status_code == 409
    assert room.live.room.voters("stimmen-1") == 1


def test_a_code_bound_to_one_browser_does_not_join_another(room: Room) -> None:
    room.live.room.codes.update({"ABC234DEF": "fb1"})
    _open_dots(room)
    first, csrf = room.phone("ABC234DEF")
    assert first.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"}).status_code == 303
    second = room.client()
    csrf2 = _csrf(second.get("/").text)
    taken = second.post("/join", data={"csrf": csrf2, "code": "ABC234DEF"})
    assert taken.status_code == 409
    assert "schon in einem anderen Browser verwendet" in taken.text


def test_without_codes_a_browser_changes_its_ballot_and_counts_once(room: Room) -> None:
    _open_dots(room)
    phone, csrf = room.phone()
    project = _projects(room)[0]
    for dots in ("1", "2", "3"):
        assert phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{project}": dots}).status_code == 303
    assert room.live.room.voters("stimmen-1") == 1
    assert room.live.tally("stimmen-1").totals[project] == 3


def test_without_codes_a_browser_without_cookies_is_a_new_voter(room: Room) -> None:
    # Not defended, and said so in SECURITY.md: without codes the room cannot tell a person
    # with a second phone or cleared cookies from a new one. Codes are the answer where it matters.
    _open_dots(room)
    for _ in range(2):
        phone, csrf = room.phone()
        assert phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"}).status_code == 303
    assert room.live.room.voters("stimmen-1") == 2


def test_a_forged_joined_cookie_does_not_vote(room: Room) -> None:
    _open_dots(room)
    phone = room.client()
    csrf = _csrf(phone.get("/").text)
    phone.cookies.set("sk_voter", "x" * 64)
    response = phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"})
    assert response.status_code == 403
    assert room.live.room.voters("stimmen-1") == 0


def test_a_wrong_room_number_does_not_join(room: Room) -> None:
    phone = room.client()
    csrf = _csrf(phone.get("/").text)
    wrong = f"{(int(room.live.room_code) + 1) % 10000:04d}"
    assert phone.post("/join", data={"csrf": csrf, "code": wrong}).status_code == 400
    assert "sk_voter" not in phone.cookies


def test_guessing_the_room_number_is_slowed_down(room: Room) -> None:
    address = _address()
    guesser = room.client(address)
    csrf = _csrf(guesser.get("/").text)
    wrong = [f"{(int(room.live.room_code) + n) % 10000:04d}" for n in range(1, 21)]
    # The twentieth wrong code is answered with the wait.
    assert [guesser.post("/join", data={"csrf": csrf, "code": code}).status_code for code in wrong] == [400] * 19 + [429]
    # The 21st try is not even tried, right or wrong; nor by link, nor from a fresh browser on that address.
    assert guesser.post("/join", data={"csrf": csrf, "code": room.live.room_code}).status_code == 429
    fresh = room.client(address)
    assert fresh.get(f"/j/{room.live.room_code}").status_code == 303
    assert "sk_voter" not in fresh.cookies
    assert fresh.get(f"/?code={room.live.room_code}").status_code == 429
    assert "sk_voter" not in fresh.cookies
    # Another address joins as before.
    room.phone()


def test_a_closed_round_takes_no_ballot(room: Room) -> None:
    fac, fcsrf = _open_dots(room)
    phone, csrf = room.phone()
    assert fac.post("/console/close", data={"csrf": fcsrf, "round": "stimmen-1"}).status_code == 303
    before = room.state()
    response = phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"})
    assert response.status_code == 409
    assert room.state() == before


def test_a_ballot_over_the_budget_is_refused(room: Room) -> None:
    _open_dots(room, budget=3)
    phone, csrf = room.phone()
    first, second = _projects(room)[:2]
    response = phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{first}": "3", f"c:{second}": "1"})
    assert response.status_code == 409
    assert _alert(response.text)
    assert room.live.room.voters("stimmen-1") == 0


@pytest.mark.parametrize("ident", ["stimmen-99", "", "<script>", "x" * 5000])
def test_a_ballot_for_an_unknown_round_is_refused(room: Room, ident: str) -> None:
    _open_dots(room)
    phone, csrf = room.phone()
    before = room.state()
    response = phone.post("/vote", data={"csrf": csrf, "round": ident, f"c:{_projects(room)[0]}": "1"})
    assert response.status_code == 409
    assert "<script>" not in response.text
    assert room.state() == before


def test_a_ballot_per_browser_and_minute_is_limited(room: Room) -> None:
    _open_dots(room)
    phone, csrf = room.phone()
    statuses = [
        phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": str(i % 3 + 1)}).status_code
        for i in range(31)
    ]
    assert statuses[:30] == [303] * 30
    assert statuses[30] == 429


# -- seeing others' votes --------------------------------------------------------------


def test_results_stay_hidden_until_the_reveal(room: Room) -> None:
    fac, fcsrf = _open_dots(room)
    phone, csrf = room.phone()
    project = _projects(room)[0]
    title = room.live.titles[project]
    assert phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{project}": "3"}).status_code == 303
    other, _ = room.phone()
    screens = {"projector": "/projector", "projector part": "/projector/part", "phone": "/", "phone part": "/phone/part"}

    def shown() -> dict[str, str]:
        return {name: other.get(address).text for name, address in screens.items()}

    for phase in ("open", "closed"):
        for name, html in shown().items():
            assert 'class="bars"' not in html and 'class="results"' not in html, (phase, name)
            if name.startswith("projector"):
                # While the round runs the projector lists the choices, without a figure; once it is
                # closed it names no measure until the reveal.
                listed = html.split('class="poll-options"', 1)[1].split("</ol>", 1)[0] if phase == "open" else ""
                assert title not in html.replace(listed, ""), (phase, name)
        if phase == "open":
            assert fac.post("/console/close", data={"csrf": fcsrf, "round": "stimmen-1"}).status_code == 303
    assert fac.post("/console/reveal", data={"csrf": fcsrf, "round": "stimmen-1"}).status_code == 303
    revealed = shown()
    assert 'class="bars"' in revealed["projector"] and title in revealed["projector part"]
    assert 'class="results"' in revealed["phone"]


def test_a_phone_sees_its_own_ballot_only(room: Room) -> None:
    _open_dots(room)
    first, csrf1 = room.phone()
    second, _ = room.phone()
    project = _projects(room)[0]
    assert first.post("/vote", data={"csrf": csrf1, "round": "stimmen-1", f"c:{project}": "3"}).status_code == 303
    mine = first.get("/phone/part").text
    theirs = second.get("/phone/part").text
    assert re.search(r'name="c:' + re.escape(project) + r'"[^>]*value="3"', mine)
    assert not re.search(r'name="c:' + re.escape(project) + r'"[^>]*value="3"', theirs)


def test_the_facilitator_sees_counts_not_ballots(room: Room) -> None:
    fac, _ = _open_dots(room)
    phone, csrf = room.phone()
    browser = phone.cookies["sk_browser"]
    assert phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "2"}).status_code == 303
    page = fac.get("/console").text
    assert "<strong>1</strong>" in page
    assert browser not in page and phone.cookies["sk_voter"] not in page


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_ballots_export_names_no_browser_and_no_code(room: Room, fmt: str) -> None:
    room.live.room.codes.update({"ABC234DEF": "fb1"})
    fac, _ = _open_dots(room)
    phone = room.client()
    csrf = _csrf(phone.get("/").text)
    phone.cookies.set("sk_voter", "ABC234DEF")
    assert phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "2"}).status_code == 303
    exported = fac.get(f"/console/ballots.{fmt}")
    assert exported.status_code == 200
    assert phone.cookies["sk_browser"] not in exported.text and "ABC234DEF" not in exported.text


# -- acting as the facilitator ---------------------------------------------------------


def test_the_token_has_256_bits() -> None:
    import base64

    token = Secrets().token
    assert len(base64.urlsafe_b64decode(token + "=")) == 32
    assert Secrets().token != token


def test_the_token_is_compared_in_constant_time(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    import hmac

    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    guess = Secrets().token
    assert room.client().get(f"/console?token={guess}").status_code == 403
    stranger = room.client()
    stranger.cookies.set("sk_console", guess)
    assert stranger.post("/console/start", data={"csrf": "x"}).status_code == 403
    assert [a for a, b in compared if b == room.keys.token.encode()] == [guess.encode()] * 2


def test_the_console_cookie_is_httponly_and_strict(room: Room) -> None:
    fac = room.client()
    response = fac.get(f"/console?token={room.keys.token}")
    assert response.status_code == 303 and response.headers["location"] == "/console"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def _forgeries(room: Room) -> list[tuple[str, TestClient, dict[str, str]]]:
    """A facilitator's step as it comes from someone who is not the facilitator."""
    fac, csrf = room.facilitator()
    phone, phone_csrf = room.phone()
    no_cookie = room.client()
    wrong = room.client()
    wrong.cookies.set("sk_console", Secrets().token)
    foreign = room.client()
    foreign.cookies.set("sk_console", room.keys.token)
    foreign.headers["origin"] = "http://evil.example"
    return [
        ("no cookie", no_cookie, {"csrf": csrf}),
        ("wrong token", wrong, {"csrf": csrf}),
        ("a phone's own CSRF token", phone, {"csrf": phone_csrf}),
        ("cookie without CSRF", fac, {}),
        ("cookie with a wrong CSRF", fac, {"csrf": Secrets().csrf("console")}),
        ("cookie with a phone's CSRF", fac, {"csrf": phone_csrf}),
        ("a foreign Origin", foreign, {"csrf": csrf}),
    ]


ACTIONS = {
    "open": {"kind": "dots", "budget": "3"},
    "close": {"round": "stimmen-1"},
    "reveal": {"round": "stimmen-1"},
    "paper": {"round": "stimmen-1", "paper:stadtportal": "5"},
    "start": {},
    "next": {},
    "write": {"round": "stimmen-1"},
    "times": {},
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_forged_facilitator_request_is_refused_and_changes_nothing(room: Room, action: str) -> None:
    fac, csrf = room.facilitator()
    if action != "open":
        assert fac.post("/console/open", data={"csrf": csrf, "kind": "dots", "budget": "3"}).status_code == 303
        if action in ("reveal", "write"):
            assert fac.post("/console/close", data={"csrf": csrf, "round": "stimmen-1"}).status_code == 303
    for name, client, fields in _forgeries(room):
        before = room.state()
        response = client.post(f"/console/{action}", data={**ACTIONS[action], **fields})
        assert response.status_code == 403, name
        assert room.state() == before, name
        assert room.keys.token not in response.text, name


@pytest.mark.parametrize(
    "address", ["/console", "/console/part", "/console/ballots.csv", "/console/ballots.json", "/events/console"]
)
def test_console_pages_need_the_token(room: Room, address: str) -> None:
    stranger = room.client()
    assert stranger.get(address).status_code == 403
    stranger.cookies.set("sk_console", Secrets().token)
    assert stranger.get(address).status_code == 403
    assert stranger.get("/console?token=" + Secrets().token).status_code == 403


def test_the_token_appears_only_in_the_console_redirect(room: Room) -> None:
    fac, csrf = _open_dots(room)
    phone, pcsrf = room.phone()
    assert phone.post("/vote", data={"csrf": pcsrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"}).status_code == 303
    token = room.keys.token
    responses = [
        fac.get("/console"), fac.get("/console/part"), fac.post("/console/close", data={"csrf": csrf, "round": "stimmen-1"}),
        fac.post("/console/bogus", data={"csrf": csrf}), fac.get("/projector"), fac.get("/projector/part"),
        phone.get("/"), phone.get("/phone/part"), phone.get("/qr.svg"), phone.get("/static/live.js"),
        phone.get("/healthz"), phone.get("/console"), phone.get("/no/such/page"),
    ]
    for response in responses:
        headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
        assert token not in response.text and token not in headers, response.url
    # The redirect sets the cookie; its address no longer holds the token.
    redirect = room.client().get(f"/console?token={token}")
    assert redirect.headers["location"] == "/console"


def test_a_page_elsewhere_cannot_post_a_ballot(room: Room) -> None:
    _open_dots(room)
    phone, csrf = room.phone()
    phone.headers["origin"] = "http://evil.example"
    response = phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"})
    assert response.status_code == 403
    assert room.live.room.voters("stimmen-1") == 0


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "testserver.evil.example", "127.0.0.1.nip.io"])
def test_a_name_pointed_at_the_room_is_not_served(room: Room, host: str) -> None:
    # DNS rebinding: a page on evil.example whose name now resolves to the room's address.
    _open_dots(room)
    phone, csrf = room.phone()
    phone.headers["host"] = host
    phone.headers["origin"] = f"http://{host}"
    before = room.state()
    assert phone.get("/").status_code == 400
    response = phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"})
    assert response.status_code == 400
    assert room.state() == before


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "192.168.1.20:8765", "[::1]:8765", "localhost:8765", "testserver", "10.0.0.5"])
def test_addresses_and_the_join_name_are_served(room: Room, host: str) -> None:
    assert room.client().get("/", headers={"host": host}).status_code == 200


def test_a_phone_needs_its_own_csrf_token(room: Room) -> None:
    _open_dots(room)
    phone, _ = room.phone()
    _, other_csrf = room.phone()
    for fields in ({}, {"csrf": other_csrf}, {"csrf": "0" * 64}):
        response = phone.post("/vote", data={"round": "stimmen-1", f"c:{_projects(room)[0]}": "1", **fields})
        assert response.status_code == 403
    assert room.live.room.voters("stimmen-1") == 0


# -- flooding ---------------------------------------------------------------------------


def test_an_oversized_body_is_refused_by_its_length(room: Room) -> None:
    _open_dots(room)
    phone, csrf = room.phone()
    before = room.state()
    response = phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", "pad": "x" * (MAX_BODY + 1)})
    assert response.status_code == 413
    assert room.state() == before


def test_an_oversized_chunked_body_is_refused_as_it_grows(room: Room) -> None:
    _open_dots(room)
    phone, csrf = room.phone()
    before = room.state()

    def chunks() -> Iterator[bytes]:
        yield f"csrf={csrf}&round=stimmen-1&pad=".encode()
        for _ in range(MAX_BODY // 1024 + 2):
            yield b"x" * 1024

    response = phone.post(
        "/vote", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert room.state() == before


def test_a_client_over_the_rate_is_answered_429(room: Room) -> None:
    flood = room.client()
    responses = [flood.get("/healthz") for _ in range(200)]
    refused = [r for r in responses if r.status_code == 429]
    assert refused
    assert refused[0].headers["retry-after"] == "1"
    # Another address is not held back by the flood.
    assert room.client().get("/healthz").status_code == 200


def test_event_streams_are_capped(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    from strategy_kit.serve import app as app_module

    monkeypatch.setattr(app_module, "MAX_STREAMS", 0)
    assert room.client().get("/events/projector").status_code == 503
    assert room.client().get("/events/elsewhere").status_code == 404


# -- hostile text in the file ---------------------------------------------------------

HOSTILE_TITLES = [
    "<script>alert('title')</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }} {% raw %}",
    "\u202eevil\u202c RTL",
    "' onmouseover='alert(8)",
    "</textarea></title><script>alert(4)</script>",
]


@pytest.fixture
def hostile_room(tmp_path: Path) -> Iterator[Room]:
    doc = hostile_document()
    projects = doc["projects"]
    while len(projects) < len(HOSTILE_TITLES):
        projects.append({**projects[0], "id": f"projekt-{len(projects)}"})
    for project, title in zip(projects, HOSTILE_TITLES, strict=True):
        project["title"] = title
    made = _start(write(doc, tmp_path / "hostile.yaml"))
    try:
        yield made
    finally:
        made.live.close()


def _active(html: str) -> list[str]:
    """What a browser would run in ``html`` beyond the room's own script (html5lib builds the tree)."""
    import html5lib

    problems = []
    for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "script" and element.get("src") != "/static/live.js":
            problems.append("a script element")
        if tag in {"iframe", "object", "embed", "base", "svg"}:
            problems.append(f"<{tag}>")
        if tag == "img" and not (element.get("src") or "").startswith("/qr.svg"):
            problems.append("an image from elsewhere")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{name}= on <{tag}>")
            if re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                problems.append(f"{name}={value!r}")
    return problems


def _text(html: str) -> str:
    import html5lib

    return "".join(html5lib.parse(html, namespaceHTMLElements=False).itertext())


def test_hostile_titles_are_text_on_every_screen(hostile_room: Room) -> None:
    room = hostile_room
    fac, csrf = room.facilitator()
    ids = _projects(room)[: len(HOSTILE_TITLES)]
    opened = fac.post(
        "/console/open",
        data={"csrf": csrf, "kind": "dots", "budget": "3", "project": ids, "title": HOSTILE_TITLES[1]},
    )
    assert opened.status_code == 303
    phone, pcsrf = room.phone()
    assert phone.post("/vote", data={"csrf": pcsrf, "round": "stimmen-1", f"c:{ids[0]}": "2", f"c:{ids[1]}": "1"}).status_code == 303
    # Pages that list every project's title, and the round's title.
    listing = {"phone": phone.get("/").text, "console": fac.get("/console").text}
    assert fac.post("/console/close", data={"csrf": csrf, "round": "stimmen-1"}).status_code == 303
    assert fac.post("/console/reveal", data={"csrf": csrf, "round": "stimmen-1"}).status_code == 303
    listing |= {"projector": fac.get("/projector").text, "projector part": fac.get("/projector/part").text,
                "phone with results": phone.get("/phone/part").text, "console with results": fac.get("/console/part").text}
    poll = fac.post(
        "/console/open", data={"csrf": csrf, "kind": "poll", "title": HOSTILE_TITLES[0], "options": "\n".join(HOSTILE_TITLES)}
    )
    assert poll.status_code == 303
    listing |= {"poll on the phone": phone.get("/").text}
    assert fac.post("/console/close", data={"csrf": csrf, "round": "umfrage-1"}).status_code == 303
    assert fac.post("/console/reveal", data={"csrf": csrf, "round": "umfrage-1"}).status_code == 303
    listing |= {"projector with poll results": fac.get("/projector/part").text, "phone with poll results": phone.get("/phone/part").text}
    shown = [title.replace("\u202e", "").replace("\u202c", "") for title in HOSTILE_TITLES]
    for name, html in listing.items():
        assert _active(html) == [], name
        assert "\u202e" not in html, name
        text = _text(html)
        for title in shown:
            # Every title reads as typed: as text, neither markup nor a template expression (no "49").
            assert title in text, (name, title)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in listing["projector with poll results"]


# -- headers -----------------------------------------------------------------------------


def test_every_response_carries_the_policy_and_the_headers(room: Room) -> None:
    fac, csrf = _open_dots(room)
    phone, pcsrf = room.phone()
    flood = room.client()
    responses = [
        phone.get("/"), phone.get("/phone/part"), phone.get("/j/0000"), phone.post("/vote", data={"csrf": pcsrf}),
        phone.post("/vote", data={"csrf": "bad"}), phone.get("/projector"), phone.get("/projector/part"),
        phone.get("/qr.svg"), phone.get("/static/live.js"), phone.get("/static/live.css"), phone.get("/static/nothing"),
        phone.get("/console"), phone.get("/nowhere"), phone.put("/vote"), phone.get("/healthz"),
        fac.get("/console"), fac.post("/console/open", data={"csrf": csrf, "kind": "nonsense"}),
        phone.post("/vote", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/x-www-form-urlencoded"}),
        *[flood.get("/healthz") for _ in range(130)],
    ]
    assert {r.status_code for r in responses} >= {200, 303, 403, 404, 405, 409, 413, 429}
    for response in responses:
        headers = response.headers
        where = f"{response.request.method} {response.url} {response.status_code}"
        assert headers.get_list("content-security-policy") == [CONTENT_SECURITY_POLICY], where
        assert headers["x-content-type-options"] == "nosniff", where
        assert headers["referrer-policy"] == "same-origin", where
        assert headers["x-frame-options"] == "DENY", where
        assert "no-store" in headers["cache-control"], where
        assert "frame-ancestors 'none'" in headers["content-security-policy"], where


def test_the_policy_allows_no_inline_script_and_nothing_from_elsewhere() -> None:
    rules = dict(rule.strip().split(" ", 1) for rule in CONTENT_SECURITY_POLICY.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == "'self'"
    assert rules["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY


def test_no_page_has_inline_script_or_style(room: Room) -> None:
    import html5lib

    fac, _ = _open_dots(room)
    phone, _ = room.phone()
    for html in (phone.get("/").text, fac.get("/console").text, fac.get("/projector").text, room.client().get("/").text):
        for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
            if element.tag == "script":
                assert element.get("src") and not (element.text or "").strip()
            assert element.tag != "style" and "style" not in element.attrib


# -- anonymity -----------------------------------------------------------------------------


def test_the_join_page_asks_for_no_name(room: Room) -> None:
    import html5lib

    page = room.client().get("/").text
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    fields = {(e.get("name"), e.get("type") or "text") for e in tree.iter() if e.tag in ("input", "textarea", "select")}
    assert fields == {("csrf", "hidden"), ("code", "text")}
    assert 'autocomplete="off"' in page


def test_the_journal_holds_no_address_or_name(room: Room) -> None:
    _open_dots(room)
    phone = room.client(("192.168.77.66", 51234))
    csrf = _csrf(phone.get("/", headers={"user-agent": "Mozilla/5.0 (iPhone; Erika Mustermann)"}).text)
    assert phone.post("/join", data={"csrf": csrf, "code": room.live.room_code}).status_code == 303
    assert phone.post("/vote", data={"csrf": csrf, "round": "stimmen-1", f"c:{_projects(room)[0]}": "1"}).status_code == 303
    journal = room.live.journal.path.read_text(encoding="utf-8")
    assert "192.168.77.66" not in journal and "Mustermann" not in journal and "iPhone" not in journal


# -- no traceback ---------------------------------------------------------------------------


def test_an_error_in_a_handler_is_an_error_page_and_reaches_the_server(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret detail 1234")

    fac, csrf = _open_dots(room)
    assert fac.post("/console/close", data={"csrf": csrf, "round": "stimmen-1"}).status_code == 303
    monkeypatch.setattr(LiveRoom, "tally", broken)
    # The exception goes on to the server, which logs it with its traceback ...
    with pytest.raises(RuntimeError, match="secret detail"):
        fac.get("/console")
    # ... and the browser gets a page that says what happened, without the details.
    client = TestClient(room.app, raise_server_exceptions=False, client=_address())
    client.cookies.set("sk_console", room.keys.token)
    response = client.get("/console")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "Ein Fehler ist aufgetreten" in response.text
    for leak in ("Traceback", "secret detail", "RuntimeError", "tally", room.keys.token):
        assert leak not in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert _active(response.text) == []


# -- arbitrary requests ----------------------------------------------------------------------

_names = st.one_of(
    st.sampled_from(["csrf", "round", "code", "choice", "kind", "budget", "cap", "criterion", "project", "title",
                     "options", "session", "c:stadtportal", "paper:stadtportal", "c:", "paper:"]),
    st.text(max_size=20),
    st.text(max_size=12).map(lambda s: "c:" + s),
    st.text(max_size=12).map(lambda s: "paper:" + s),
)
_values = st.one_of(
    st.sampled_from(["", "0", "-1", "3", "1e308", "nan", "inf", "-0", "2,5", "99999999999999999999", "stimmen-1",
                     "umfrage-1", "bewertung-wirkung-1", "dots", "scores", "poll", "wirkung", "stadtportal"]),
    st.text(max_size=40),
)
_forms = st.lists(st.tuples(_names, _values), max_size=8)
_actions = st.one_of(
    st.sampled_from(["open", "close", "reopen", "reveal", "paper", "preview", "write", "times", "start", "pause",
                     "resume", "next", "extend", "jump"]),
    st.text(alphabet=st.characters(categories=["L", "N", "P"]), min_size=1, max_size=12),
)
FORM = {"content-type": "application/x-www-form-urlencoded"}
#: ``STRATEGY_KIT_FUZZ=long`` (as for the command fuzzing) draws many more requests.
_FUZZ = settings(max_examples=2000 if os.environ.get("STRATEGY_KIT_FUZZ") == "long" else 60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def busy_room(room: Room) -> Room:
    """A room with a dot vote open, a scoring round closed and a poll revealed."""
    fac, csrf = room.facilitator()
    # One round open at a time: each is closed before the next is opened.
    steps: list[tuple[str, dict[str, str]]] = [
        ("open", {"kind": "scores", "criterion": "wirkung"}), ("close", {"round": "bewertung-wirkung-1"}),
        ("open", {"kind": "poll", "options": "ja\nnein"}), ("close", {"round": "umfrage-1"}),
        ("reveal", {"round": "umfrage-1"}), ("open", {"kind": "dots", "budget": "3"}),
    ]
    for action, fields in steps:
        assert fac.post(f"/console/{action}", data={"csrf": csrf, **fields}).status_code == 303, (action, fields)
    return room


@_FUZZ
@given(form=_forms, target=st.sampled_from(["/vote", "/join"]), joined=st.booleans())
def test_arbitrary_phone_forms_never_fail(busy_room: Room, form: list[tuple[str, str]], target: str, joined: bool) -> None:
    room = busy_room
    if joined:
        phone, csrf = room.phone()
    else:
        phone = room.client()
        csrf = _csrf(phone.get("/").text)
    fields = [("csrf", csrf), *form] if all(name != "csrf" for name, _ in form) else form
    before = room.path.read_bytes()
    response = phone.post(target, content=urlencode(fields), headers=FORM)
    assert response.status_code in (303, 400, 403, 409, 429), response.text[:300]
    assert room.path.read_bytes() == before


@_FUZZ
@given(code=st.text(max_size=40), codes=st.booleans())
def test_arbitrary_codes_in_join_links_never_fail(busy_room: Room, code: str, codes: bool) -> None:
    room = busy_room
    if codes:
        room.live.room.codes.setdefault("ABC234DEF", "fb1")
    phone = room.client()
    for address in (f"/?code={quote(code, safe='')}", f"/j/{quote(code, safe='')}"):
        # 307: Starlette's redirect of a trailing slash ("/j/0/").
        assert phone.get(address).status_code in (200, 303, 307, 400, 404, 429)


@_FUZZ
@given(form=_forms, action=_actions, valid=st.booleans())
def test_arbitrary_console_forms_never_fail_nor_change_the_file_without_the_token(
    busy_room: Room, form: list[tuple[str, str]], action: str, valid: bool
) -> None:
    room = busy_room
    if valid:
        client, csrf = room.facilitator()
        fields = [("csrf", csrf), *((k, v) for k, v in form if k != "csrf")]
    else:
        client = room.client()
        client.cookies.set("sk_console", room.keys.token[:-1] + "A")
        fields = form
    before = room.state()
    response = client.post(f"/console/{quote(action, safe='/')}", content=urlencode(fields), headers=FORM)
    # 307: Starlette's redirect of a path with a doubled slash (action "/").
    assert response.status_code in ((303, 307, 404, 405, 409) if valid else (307, 403, 404, 405)), response.text[:300]
    if not valid:
        assert room.state() == before


@_FUZZ
@given(
    body=st.binary(max_size=300),
    kind=st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data",
                          "text/plain", "application/json", "application/x-www-form-urlencoded; charset=latin-1"]),
    target=st.sampled_from(["/vote", "/join", "/console/open", "/console/paper"]),
)
def test_arbitrary_bodies_never_fail(busy_room: Room, body: bytes, kind: str, target: str) -> None:
    room = busy_room
    client, _ = room.facilitator() if target.startswith("/console") else room.phone()
    before = room.state()
    response = client.post(target, content=body, headers={"content-type": kind})
    assert response.status_code in (400, 403, 409), response.text[:300]
    assert room.state() == before


# -- the command -------------------------------------------------------------------------------


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strategy_kit", "serve", *args], capture_output=True, text=True, timeout=60
    )


def test_serve_on_an_invalid_file_exits_1_with_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nworkshop:\n  title: [unclosed\n", encoding="utf-8")
    result = _serve(str(bad), "--port", "0")
    assert result.returncode == 1, result.stderr
    assert re.search(r"bad\.yaml:\d+:\d+: error: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_serve_on_a_port_in_use_exits_2(tmp_path: Path) -> None:
    path = copy_example("telgte.yaml", tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = _serve(str(path), "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2, result.stderr
    assert "cannot listen on 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_second_serve_of_the_same_file_exits_2(tmp_path: Path) -> None:
    from tests.serve.server import running

    path = copy_example("telgte.yaml", tmp_path)
    with running(path):
        result = _serve(str(path), "--port", "0")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip().count("\n") < 3, result.stderr


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from Linux's /proc/net/tcp")
def test_serve_binds_to_loopback_unless_told(tmp_path: Path) -> None:
    from tests.serve.server import running

    path = copy_example("telgte.yaml", tmp_path)
    with running(path) as served:
        assert served.base.startswith("http://127.0.0.1:")
        port = int(served.base.rsplit(":", 1)[1])
        listening = Path("/proc/net/tcp").read_text()
        wildcard = f"00000000:{port:04X}"
        assert wildcard not in listening
        assert f"0100007F:{port:04X}" in listening


def test_security_md_names_only_tests_that_exist() -> None:
    root = Path(__file__).resolve().parents[2]
    text = (root / "SECURITY.md").read_text(encoding="utf-8")
    section = text.split("## The live room (`serve`) on a shared Wi-Fi", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(test_\w+)`", section))
    defined = set(re.findall(r"^def (test_\w+)", Path(__file__).read_text(encoding="utf-8"), re.MULTILINE))
    assert len(named) > 30
    assert named <= defined, sorted(named - defined)
