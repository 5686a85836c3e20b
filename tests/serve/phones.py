"""Simulated phones and a facilitator for a real room (:mod:`tests.serve.server`), over plain HTTP.

A :class:`Phone` is one browser: its own HTTP client and cookie jar, and, if
given, its own source address (``127.0.0.N`` on loopback), as each phone in a
room has its own address on the Wi-Fi and the room's limit per address does
not see fifty phones as one flood. It does what the forms do: fetch the page
for its CSRF token, join with the room number, post a ballot. A
:class:`Facilitator` takes the console's token and posts its actions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import httpx2

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
COUNT = re.compile(r'<p class="count">[^<]*<strong>(\d+)</strong>')
ROUND = re.compile(r'name="round" value="([^"]+)"')
BAR = re.compile(r'<li><span class="label">(.*?)</span>.*?<strong class="value">(.*?)</strong></li>', re.S)
SAVED = "/?saved=1"


def _client(base: str, local_address: str | None) -> httpx2.Client:
    transport = httpx2.HTTPTransport(local_address=local_address) if local_address else None
    return httpx2.Client(base_url=base, follow_redirects=False, timeout=15.0, transport=transport)


def csrf_of(page: str) -> str:
    match = CSRF.search(page)
    assert match, f"no CSRF field in the page:\n{page[:2000]}"
    return match.group(1)


class Phone:
    """One participant's browser."""

    def __init__(self, base: str, local_address: str | None = None) -> None:
        self.client = _client(base, local_address)
        self.csrf = ""
        #: The round the phone's page offers a ballot in, once joined (None: no round open).
        self.round: str | None = None

    @property
    def browser(self) -> str:
        """The phone's key (its ``sk_browser`` cookie): the voter where no codes are used."""
        key = self.client.cookies.get("sk_browser")
        assert key, "the phone has no browser cookie yet"
        return str(key)

    def join(self, code: str) -> None:
        """Open the page and join with ``code`` (the room number), then open the page with the ballot.

        Fails the test when refused.
        """
        self.csrf = csrf_of(self.client.get("/").text)
        response = self.client.post("/join", data={"csrf": self.csrf, "code": code})
        assert response.status_code == 303, (response.status_code, response.text[:2000])
        found = ROUND.search(self.client.get("/").text)
        self.round = found.group(1) if found else None

    def vote(self, ident: str, choices: Mapping[str, int | float]) -> httpx2.Response:
        """Post a ballot as the dot form does (``c:PROJECT`` = dots); the server's answer."""
        data = {"csrf": self.csrf, "round": ident, **{f"c:{k}": str(v) for k, v in choices.items()}}
        return self.client.post("/vote", data=data)

    def close(self) -> None:
        self.client.close()


def confirmed(response: httpx2.Response) -> bool:
    """Whether the answer is the confirmation a phone shows as "saved": 303 to ``/?saved=1``."""
    return response.status_code == 303 and response.headers.get("location") == SAVED


class Facilitator:
    """The console, entered through the printed address with its token."""

    def __init__(self, console_url: str, base: str) -> None:
        self.client = _client(base, None)
        entered = self.client.get(console_url)
        assert entered.status_code == 303, entered.status_code
        self.csrf = csrf_of(self.client.get("/console").text)

    def act(self, action: str, **fields: str) -> None:
        """``POST /console/ACTION``; fails the test unless the room took it (303)."""
        response = self.client.post(f"/console/{action}", data={"csrf": self.csrf, **fields})
        assert response.status_code == 303, (action, response.status_code, response.text[-3000:])

    def close(self) -> None:
        self.client.close()


def projector(base: str) -> tuple[int | None, dict[str, str]]:
    """What the projector shows of the current round: the number of voters, and the bars (title to value) once revealed."""
    page = httpx2.get(base + "/projector/part", timeout=15.0).text
    count = COUNT.search(page)
    bars = {html.unescape(title): html.unescape(value) for title, value in BAR.findall(page)}
    return (int(count.group(1)) if count else None), bars
