"""The live room's defences on a shared Wi-Fi (SECURITY.md, "The live room").

* The facilitator's secret token (:func:`new_token`, 256 bits) comes once in
  the console's address; the console keeps it in an ``HttpOnly``,
  ``SameSite=Strict`` cookie. Every facilitator request shows it, compared in
  constant time (:func:`same`).
* Every form carries a CSRF token bound to its browser (:class:`Secrets.csrf`,
  an HMAC of the server's key), and a request whose ``Origin`` names another
  site is refused: a page elsewhere cannot make a browser vote or act as the
  facilitator.
* :class:`Shield` is the outermost layer: the response headers (a strict
  Content-Security-Policy: scripts and styles from this server only, nothing
  framed, nothing cached), a limit on the size of a request's body and a rate
  limit per client address (a moving window, :class:`MovingWindow`, from the
  well-kept ``limits`` package's asyncio variant).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

#: The largest request body taken: a ballot of 500 projects is about 10 KB.
MAX_BODY = 32 * 1024
#: Requests per client address and second (a phone sends one every few seconds; a
#: room of 200 behind one address of a guest network stays under it).
RATE = "120/second"
#: Ballots per browser and minute: changing one's mind is fine, flooding is not.
BALLOT_RATE = "30/minute"

#: Wrong codes per client address and minute: typos pass, guessing the four-digit
#: room number (10 000 tries) takes hours instead of a minute.
JOIN_RATE = "20/minute"

#: The room's pages: their own scripts and styles only, no inline script, nothing
#: from elsewhere, not framed, forms posted to the room only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # The console's address holds its token: no other site is told an address of this one.
    # Not "no-referrer": under it a browser sends "Origin: null" with every form, and
    # origin_ok could not tell this room's own forms from another site's.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def new_token() -> str:
    """A secret of 256 bits as 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def same(given: str | None, expected: str) -> bool:
    """Whether ``given`` is ``expected``, in time that does not depend on where they differ."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8"))


@dataclass(frozen=True)
class Secrets:
    """The room's secrets: the facilitator's token and the key its CSRF tokens are made with."""

    token: str = field(default_factory=new_token)
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @classmethod
    def kept(cls, workshop: Any) -> tuple[Secrets, str]:
        """The room's secrets and room number, kept beside the workshop's journal
        (:func:`strategy_kit.files.journal.room_keys`): the same on every start."""
        import re

        from strategy_kit.files.journal import room_keys

        def make() -> dict[str, str]:
            return {"token": new_token(), "key": secrets.token_hex(32), "room": f"{secrets.randbelow(10**4):04d}"}

        def valid(data: dict[str, str]) -> bool:
            return (
                len(data.get("token", "")) >= 32
                and re.fullmatch(r"[0-9a-f]{64}", data.get("key", "")) is not None
                and re.fullmatch(r"[0-9]{4}", data.get("room", "")) is not None
            )

        data = room_keys(workshop, make, valid)
        return cls(data["token"], bytes.fromhex(data["key"])), data["room"]

    def csrf(self, subject: str) -> str:
        """The CSRF token of ``subject`` (``"console"``, or ``"phone:"`` and a browser's key)."""
        return hmac.new(self.key, subject.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_ok(self, subject: str, given: str | None) -> bool:
        return same(given, self.csrf(subject))


def origin_ok(scope: Scope) -> bool:
    """A request's ``Origin`` (if the browser sent one) names this host: no other site posts here."""
    headers: dict[bytes, bytes] = dict(scope.get("headers") or [])
    origin = headers.get(b"origin")
    if origin is None or (origin == b"null" and scope.get("method") == "GET"):
        return True
    host = headers.get(b"host", b"")
    scheme = str(scope.get("scheme", "http"))
    return bool(origin.decode("latin-1") == f"{scheme}://{host.decode('latin-1')}")


def host_ok(scope: Scope, names: frozenset[str]) -> bool:
    """A request's ``Host`` is an address (``192.168.1.20:8765``, ``[::1]``) or one of ``names``.

    A web page elsewhere whose name its owner pointed at the room's address
    (DNS rebinding) would otherwise be the room's own origin in a participant's
    browser, past the ``Origin`` check; it always names itself in ``Host``.
    """
    import ipaddress

    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    if not host:
        return True
    name = host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return name.rstrip(".") in names
    return True


class Shield:
    """The outermost ASGI layer: headers, host names, body size and the rate per client address.

    A request over :data:`MAX_BODY` is answered 413 before its body is read
    (by its ``Content-Length``) or as soon as it grows past it (a chunked
    one); a client over :data:`RATE` is answered 429 with ``Retry-After``; a
    ``Host`` that is neither an address nor one of ``names`` (see :func:`host_ok`) 400.
    """

    def __init__(
        self, app: ASGIApp, *, rate: str = RATE, max_body: int = MAX_BODY, names: frozenset[str] = frozenset({"localhost"})
    ) -> None:
        self.app = app
        self.names = names
        self.max_body = max_body
        self.limiter = MovingWindow(rate)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client") or ("?", 0)
        if not await self.limiter.hit(str(client[0])):
            await _plain(send, 429, "Too many requests; wait a moment.", [(b"retry-after", b"1")])
            return
        if not host_ok(scope, self.names):
            await _plain(send, 400, "This room is not served under that name; use the address it printed.")
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, "The request is too large.")
            return

        received = 0
        too_large = False

        async def limited() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _TooLarge
            return message

        started = False

        async def secured(message: Message) -> None:
            nonlocal started
            if too_large:
                # Starlette answers the exception with its 500 before it re-raises it; the 413 is the answer.
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, limited, secured)
        except _TooLarge:
            if not started:
                await _plain(send, 413, "The request is too large.")


class _TooLarge(Exception):
    pass


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
                *(extra or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class MovingWindow:
    """At most N hits per key in any window of the rate's length (``"120/second"``).

    ``limits``' asyncio variant (``limits.aio``): its in-memory storage expires
    old hits with a task of the event loop, never a thread. (The synchronous
    storage starts a timer thread whenever its previous one has ended; in the
    room's event loop that meant a thread for most requests, and most of a
    ballot's 99th percentile with 200 phones: benchmarks/live.py.)
    """

    def __init__(self, rate: str) -> None:
        from limits import parse
        from limits.aio.storage import MemoryStorage
        from limits.aio.strategies import MovingWindowRateLimiter

        self.item = parse(rate)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def hit(self, key: str) -> bool:
        """Count a hit of ``key``; False (and not counted) when the key has had its N in the window."""
        return bool(await self.limiter.hit(self.item, key))

    async def test(self, key: str) -> bool:
        """Whether a hit of ``key`` would be taken now, without counting one."""
        return bool(await self.limiter.test(self.item, key))


class BallotLimiter:
    """At most :data:`BALLOT_RATE` ballots per browser key (a moving window)."""

    def __init__(self, rate: str = BALLOT_RATE) -> None:
        self.limiter = MovingWindow(rate)

    async def allow(self, browser: str) -> bool:
        return await self.limiter.hit(browser)


class GuessLimiter:
    """At most :data:`JOIN_RATE` wrong codes per client address (a moving window); right ones are free."""

    def __init__(self, rate: str = JOIN_RATE) -> None:
        self.limiter = MovingWindow(rate)

    async def blocked(self, address: str) -> bool:
        """Whether ``address`` used up its wrong codes: then no code is tried, not even a right one."""
        return not await self.limiter.test(address)

    async def wrong(self, address: str) -> None:
        await self.limiter.hit(address)
