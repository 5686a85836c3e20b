"""The live room's web application: projector, facilitator console and phones.

Pages are rendered on the server (Jinja, autoescaped: a title from the file is
text, never markup) and work as plain HTML forms; a small script per page,
shipped in the wheel, keeps them live through server-sent events and
refetches a page's changing part when the room changes.

=========================  ==========================================================
``GET /``                  a phone: join, then vote in the open round
``GET /j/{code}``          a phone joins by QR code (room number or participant code)
``POST /join``             a phone joins with a typed code
``POST /vote``             a phone's ballot (answered after it is on the disk)
``GET /projector``         the room's screen (public: it shows what the room may see)
``GET /console?token=…``   the facilitator: takes the token once, keeps it in a cookie
``POST /console/{action}`` a facilitator's step (token and CSRF token required)
``GET /events/{screen}``   server-sent events: the version of what ``screen`` shows
``GET /qr.svg``            the join address as a QR code
=========================  ==========================================================
"""

from __future__ import annotations

import asyncio
import functools
import json
import math
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strategy_kit.compute.ballots import (
    KEY_PATTERN,
    MAX_BUDGET,
    Refusal,
    RoundError,
    dot_vote,
    poll,
    scoring,
)
from strategy_kit.serve.guard import (
    BallotLimiter,
    GuessLimiter,
    Secrets,
    Shield,
    new_token,
    origin_ok,
    same,
)

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from strategy_kit.serve.room import LiveRoom

BROWSER_COOKIE = "sk_browser"
VOTER_COOKIE = "sk_voter"
TOKEN_COOKIE = "sk_console"
#: Open event streams at most (screens and phones); more are answered 503.
MAX_STREAMS = 600
#: Seconds between keep-alive comments on an idle event stream.
PING = 15.0
#: The fastest a screen is told of changes: a ballot storm makes a few refetches a second, not hundreds.
THROTTLE = 0.2


@dataclass
class Settings:
    """What the application was started with: ``join_url`` is what phones open (``http://192.168.1.20:8765/``)."""

    join_url: str
    lang: str = "de"
    secrets: Secrets | None = None


def create_app(live: LiveRoom, settings: Settings) -> Starlette:
    """The ASGI application of ``live``, wrapped in :class:`~strategy_kit.serve.guard.Shield`."""
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from strategy_kit.present.render import builtin_templates

    keys = settings.secrets or Secrets()
    handlers = _Handlers(live, settings, keys)
    routes = [
        Route("/", handlers.phone, methods=["GET"]),
        Route("/j/{code}", handlers.join_link, methods=["GET"]),
        Route("/join", handlers.join, methods=["POST"]),
        Route("/vote", handlers.vote, methods=["POST"]),
        Route("/phone/part", handlers.phone_part, methods=["GET"]),
        Route("/projector", handlers.projector, methods=["GET"]),
        Route("/projector/part", handlers.projector_part, methods=["GET"]),
        Route("/console", handlers.console, methods=["GET"]),
        Route("/console/part", handlers.console_part, methods=["GET"]),
        Route("/console/ballots.{fmt}", handlers.ballots, methods=["GET"]),
        Route("/console/{action}", handlers.act, methods=["POST"]),
        Route("/events/{screen}", handlers.events, methods=["GET"]),
        Route("/qr.svg", handlers.qr, methods=["GET"]),
        Route("/healthz", handlers.health, methods=["GET"]),
        Mount("/static", StaticFiles(directory=builtin_templates() / "live" / "static"), name="static"),
    ]
    # An uncaught exception: Starlette answers with this page, then re-raises for the server to log it.
    app = Starlette(routes=routes, exception_handlers={Exception: handlers.error})
    app.state.live = live
    app.state.secrets = keys
    from urllib.parse import urlsplit

    # Host names the room answers to besides addresses: its join address's (``--url``) and localhost.
    names = frozenset({"localhost", (urlsplit(settings.join_url).hostname or "localhost").lower()})
    return Shield(app, names=names)  # type: ignore[return-value]


@functools.cache
def _labels(lang: str) -> Mapping[str, str]:
    """The room's labels in ``lang``, built once (half the cost of a page when built per page)."""
    from strategy_kit.present.labels import table

    return table("serve", lang)


def _number(value: float, lang: str) -> str:
    from strategy_kit.present.i18n import format_number

    return format_number(value, lang)


class _Handlers:
    """The routes' functions over one room (a class, so they share it without globals)."""

    def __init__(self, live: LiveRoom, settings: Settings, keys: Secrets) -> None:
        self.live = live
        self.settings = settings
        self.keys = keys
        self.ballots_per_browser = BallotLimiter()
        self.guesses = GuessLimiter()
        self.streams = 0

    # -- rendering ---------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        chosen = request.query_params.get("lang") or request.cookies.get("sk_lang")
        return chosen if chosen in ("de", "en") else self.settings.lang

    def page(self, template: str, request: Request, status: int = 200, **context: Any) -> Response:
        from starlette.responses import HTMLResponse

        from strategy_kit.present.render import render

        lang = self.lang(request)
        context.setdefault("t", _labels(lang))
        html = render(
            f"live/{template}",
            {"lang": lang, "workshop": self.live.title, "join_url": self.settings.join_url, **context},
            kind="html",
        )
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in ("de", "en"):
            response.set_cookie("sk_lang", request.query_params["lang"], samesite="strict", httponly=True)
        return response

    def round_view(self, ident: str | None, lang: str, *, voter: str | None = None) -> dict[str, Any] | None:
        """What every screen says about the round ``ident``: its question, phase, options; results once revealed."""
        live = self.live
        if ident is None:
            return None
        spec = live.spec(ident)
        phase = live.room.phase(ident)
        titles = live.titles
        view: dict[str, Any] = {
            "id": ident,
            "kind": spec.kind,
            "title": live.round_title(ident),
            "phase": phase,
            "voters": live.room.voters(ident),
            "budget": spec.budget,
            "cap": spec.cap,
            "low": spec.low,
            "high": spec.high,
            "steps": _steps(spec.low, spec.high),
            "options": [{"id": o, "title": titles.get(o, o)} for o in spec.options],
            "written": live.written(ident),
            "paper": dict(live.room.rounds[ident].paper),
            "criterion": None,
            "pending": live.pending.get(ident),
            "mine": None,
        }
        if spec.criterion is not None and spec.criterion in live.criteria:
            criterion = live.criteria[spec.criterion]
            view["criterion"] = {"description": criterion.description, "cost": criterion.direction == "cost"}
        if voter is not None:
            state = live.room.rounds[ident]
            view["mine"] = state.ballots.get(voter)
        return view

    def results(self, ident: str, lang: str) -> list[dict[str, Any]]:
        """The round's result, largest first: title, value as written for the room, share of the largest."""
        tally = self.live.tally(ident)
        titles = self.live.titles
        spec = self.live.spec(ident)
        # Largest first; a tie keeps the order the round asked in (answer 1 before answer 10).
        place = {option: n for n, option in enumerate(spec.options)}
        rows = sorted(tally.totals.items(), key=lambda item: (-item[1], place.get(item[0], 0)))
        top = max((float(v) for _, v in rows), default=0.0) or 1.0
        out = []
        for option, value in rows:
            shown = float(value)
            # A score's bar spans the criterion's scale (4 of 0-5 is four fifths); votes, the largest count.
            share = (shown - spec.low) / (spec.high - spec.low) if spec.kind == "scores" else shown / top
            out.append(
                {
                    "title": titles.get(option, option),
                    "value": _number(round(shown, 2), lang),
                    "share": max(0.0, min(100.0, 100 * share)),
                    "paper": tally.paper.get(option, 0),
                    "counted": tally.counted.get(option),
                }
            )
        return out

    def clock(self, lang: str) -> dict[str, Any] | None:
        from strategy_kit.serve.timer import clock_view

        return clock_view(self.live, lang)

    async def error(self, request: Request, exc: Exception) -> Response:
        """The page of an uncaught exception: what happened in words, never a traceback (that goes to the log)."""
        from starlette.responses import PlainTextResponse

        try:
            return self.page("error.html.j2", request, 500)
        except Exception:  # the page itself failed: say so in plain text
            return PlainTextResponse("Internal error", status_code=500)

    # -- phones ------------------------------------------------------------------------

    def browser(self, request: Request) -> tuple[str, bool]:
        """The phone's random key from its cookie, or a new one (and whether it is new)."""
        key = request.cookies.get(BROWSER_COOKIE)
        if key and KEY_PATTERN.fullmatch(key):
            return key, False
        return new_token(), True

    def voter(self, request: Request, browser: str) -> str | None:
        """Who votes from this browser: its participant code where codes are used, else its own key once joined."""
        joined = request.cookies.get(VOTER_COOKIE)
        if not joined:
            return None
        if self.live.codes_required:
            if joined not in self.live.room.codes:
                return None
            # A code another browser voted with first is that browser's: this one sees nothing of it.
            owner = self.live.room.bound.get(joined)
            return joined if owner is None or owner == browser else None
        return browser if same(joined, self.keys.csrf("joined:" + browser)) else None

    def _remember(self, response: Response, name: str, value: str) -> None:
        response.set_cookie(name, value, httponly=True, samesite="strict", max_age=60 * 60 * 24 * 3)

    def phone_context(
        self, request: Request, browser: str, message: str | None = None, ok: bool = False,
        draft: Mapping[str, int | float] | None = None,
    ) -> dict[str, Any]:
        """The phone's page; ``draft`` is a refused ballot as sent, shown again for the voter to mend."""
        lang = self.lang(request)
        voter = self.voter(request, browser)
        current = self.live.current
        round_view = self.round_view(current, lang, voter=voter) if voter else None
        if round_view is not None:
            round_view["shown"] = dict(draft) if draft is not None else round_view["mine"]
        return {
            "joined": voter is not None,
            "codes": self.live.codes_required,
            "round": round_view,
            "results": self.results(current, lang) if current and self.live.room.phase(current) == "revealed" else None,
            "csrf": self.keys.csrf("phone:" + browser),
            "message": message,
            "ok": ok,
            "version": self.live.versions.phone,
            "code_prefill": (request.query_params.get("code") or "")[:20],
        }

    def phone_response(
        self, request: Request, message: str | None = None, ok: bool = False, status: int = 200,
        draft: Mapping[str, int | float] | None = None,
    ) -> Response:
        browser, new = self.browser(request)
        context = self.phone_context(request, browser, message, ok, draft)
        response = self.page("phone.html.j2", request, status, **context)
        if new:
            self._remember(response, BROWSER_COOKIE, browser)
        return response

    async def phone(self, request: Request) -> Response:
        typed = request.query_params.get("code")
        browser, new = self.browser(request)
        if typed and self.voter(request, browser) is None:
            # A card's QR code: join with its code at once, then show the page without it.
            from starlette.responses import RedirectResponse

            response = RedirectResponse("/", status_code=303)
            failure = await self._join(typed, browser, response, _address(request))
            if failure is None:
                if new:
                    self._remember(response, BROWSER_COOKIE, browser)
                return response
            return self.not_joined(request, failure)
        return self.phone_response(request)

    def not_joined(self, request: Request, failure: str) -> Response:
        """The join page again, saying why: a wrong room number or code, a code in use, too many tries."""
        status = 429 if failure == "too_many_codes" else 409 if failure == "code_taken" else 400
        return self.phone_response(request, _labels(self.lang(request))[failure], status=status)

    async def phone_part(self, request: Request) -> Response:
        browser, _ = self.browser(request)
        return self.page("phone-part.html.j2", request, **self.phone_context(request, browser))

    async def join_link(self, request: Request) -> Response:
        from starlette.responses import RedirectResponse

        browser, _ = self.browser(request)
        response = RedirectResponse("/", status_code=303)
        await self._join(request.path_params["code"], browser, response, _address(request))
        if not request.cookies.get(BROWSER_COOKIE):
            self._remember(response, BROWSER_COOKIE, browser)
        return response

    async def _join(self, typed: str, browser: str, response: Response, address: str) -> str | None:
        """Join this browser with a room number or a participant code: None, or the label of why not
        (``wrong_room``, ``wrong_code``, ``code_taken``, ``too_many_codes``).

        A client address that typed too many wrong codes is not let in (see :class:`GuessLimiter`).
        """
        if await self.guesses.blocked(address):
            return "too_many_codes"
        failure = self._admit(typed, browser, response)
        if failure in ("wrong_room", "wrong_code"):
            await self.guesses.wrong(address)
            if await self.guesses.blocked(address):
                return "too_many_codes"
        return failure

    def _admit(self, typed: str, browser: str, response: Response) -> str | None:
        if self.live.codes_required:
            from strategy_kit.compute.codes import normalise

            code = normalise(typed)
            if code is None or code not in self.live.room.codes:
                return "wrong_code"
            owner = self.live.room.bound.get(code)
            if owner is not None and owner != browser:
                return "code_taken"
            self._remember(response, VOTER_COOKIE, code)
            return None
        if not same("".join(ch for ch in typed if ch.isdigit())[:8], self.live.room_code):
            return "wrong_room"
        self._remember(response, VOTER_COOKIE, self.keys.csrf("joined:" + browser))
        return None

    async def join(self, request: Request) -> Response:
        from starlette.responses import RedirectResponse

        browser, new = self.browser(request)
        form = await request.form()
        if not (origin_ok(request.scope) and self.keys.csrf_ok("phone:" + browser, _field(form, "csrf"))):
            return self.phone_response(request, _labels(self.lang(request))["refused_form"], status=403)
        response = RedirectResponse("/", status_code=303)
        failure = await self._join(_field(form, "code") or "", browser, response, _address(request))
        if failure is not None:
            return self.not_joined(request, failure)
        if new:
            self._remember(response, BROWSER_COOKIE, browser)
        return response

    async def vote(self, request: Request) -> Response:
        from starlette.responses import RedirectResponse

        from strategy_kit.present.live import refusal_text

        lang = self.lang(request)
        t = _labels(lang)
        browser, _ = self.browser(request)
        form = await request.form()
        if not (origin_ok(request.scope) and self.keys.csrf_ok("phone:" + browser, _field(form, "csrf"))):
            return self.phone_response(request, t["refused_form"], status=403)
        voter = self.voter(request, browser)
        if voter is None:
            if self.live.room.bound.get(request.cookies.get(VOTER_COOKIE) or "", browser) != browser:
                return self.phone_response(request, t["code_taken"], status=409)
            return self.phone_response(request, t["join_first"], status=403)
        if not await self.ballots_per_browser.allow(browser):
            return self.phone_response(request, t["too_fast"], status=429)
        ident = _field(form, "round") or ""
        kind = self.live.spec(ident).kind if ident in self.live.room.rounds else None
        choices: dict[str, int | float] | Refusal
        if kind == "poll":
            options = self.live.spec(ident).options
            picked = _whole(_field(form, "choice"), -1)
            picked = -1 if picked is None else picked
            choices = {options[picked]: 1} if 0 <= picked < len(options) else {}
        else:
            choices = _choices(form)
            if kind == "dots" and isinstance(choices, dict):
                # A measure left at 0 is no choice; a ballot of only zeros is empty (and refused as such).
                choices = {k: v for k, v in choices.items() if v != 0}
        if isinstance(choices, Refusal):
            refusal: Refusal | None = choices
        else:
            try:
                refusal = await self.live.cast(voter, browser, ident, choices)
            except OSError:
                return self.phone_response(request, t["not_saved"], status=503)
        if refusal is not None:
            draft = choices if isinstance(choices, dict) else None
            return self.phone_response(request, refusal_text(refusal, lang, self.live.titles), status=409, draft=draft)
        return RedirectResponse("/?saved=1", status_code=303)

    # -- the projector -----------------------------------------------------------------

    def screen_context(self, request: Request) -> dict[str, Any]:
        lang = self.lang(request)
        current = self.live.current
        phase = self.live.room.phase(current) if current else None
        return {
            "round": self.round_view(current, lang),
            "results": self.results(current, lang) if current and phase == "revealed" else None,
            "clock": self.clock(lang),
            "room_code": None if self.live.codes_required else self.live.room_code,
            "codes": self.live.codes_required,
            "show_join": phase == "open" or current is None,
            "version": self.live.versions.screen,
        }

    async def projector(self, request: Request) -> Response:
        return self.page("projector.html.j2", request, **self.screen_context(request))

    async def projector_part(self, request: Request) -> Response:
        return self.page("projector-part.html.j2", request, **self.screen_context(request))

    async def qr(self, request: Request) -> Response:
        import io

        import segno
        from starlette.responses import Response

        target = self.settings.join_url.rstrip("/")
        if not self.live.codes_required:
            target += f"/j/{self.live.room_code}"
        buffer = io.BytesIO()
        segno.make(target, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False, svgns=True)
        return Response(buffer.getvalue(), media_type="image/svg+xml")

    async def health(self, request: Request) -> Response:
        from starlette.responses import PlainTextResponse

        return PlainTextResponse("ok")

    # -- the facilitator ---------------------------------------------------------------

    def facilitator(self, request: Request) -> bool:
        return same(request.cookies.get(TOKEN_COOKIE), self.keys.token)

    def console_context(
        self, request: Request, message: str | None = None, draft: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The console's page; ``draft`` is the open-a-vote form as sent, kept when it was refused."""
        lang = self.lang(request)
        live = self.live
        rounds = [self.round_view(ident, lang) for ident in live.room.rounds]
        results = {
            ident: self.results(ident, lang) for ident in live.room.rounds if live.room.phase(ident) != "open"
        }
        return {
            **self.screen_context(request),
            "rounds": list(reversed(rounds)),
            "all_results": results,
            "projects": [{"id": p, "title": t} for p, t in live.titles.items()],
            "criteria": [{"id": c.id, "title": c.title, "low": c.scale.min, "high": c.scale.max} for c in live.criteria.values()],
            "csrf": self.keys.csrf("console"),
            "message": message,
            "agenda": self.agenda(lang),
            "torn": live.torn is not None,
            "refused_events": len(live.refused),
            "draft": draft,
            "by_group": {ident: self.groups(ident, lang) for ident in results},
        }

    def groups(self, ident: str, lang: str) -> list[dict[str, Any]]:
        """A round's figures by group, for the console only: each group of at least three voters
        (:func:`strategy_kit.compute.ballots.shown_groups`), never a person's ballot."""
        tally = self.live.tally(ident)
        titles = self.live.titles
        return [
            {
                "group": group,
                "voters": figures.voters,
                "values": [(titles.get(o, o), _number(round(float(v), 2), lang)) for o, v in figures.totals.items()],
            }
            for group, figures in sorted(tally.by_role.items())
        ]

    def agenda(self, lang: str) -> list[dict[str, Any]]:
        from strategy_kit.serve.timer import agenda_rows

        return agenda_rows(self.live, lang)

    async def console(self, request: Request) -> Response:
        from starlette.responses import RedirectResponse

        token = request.query_params.get("token")
        if token is not None:
            if not same(token, self.keys.token):
                return self.page("denied.html.j2", request, 403)
            # Out of the address bar and the history: the cookie keeps it from now on.
            response = RedirectResponse("/console", status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.keys.token, httponly=True, samesite="strict")
            return response
        if not self.facilitator(request):
            return self.page("denied.html.j2", request, 403)
        return self.page("console.html.j2", request, **self.console_context(request))

    async def console_part(self, request: Request) -> Response:
        if not self.facilitator(request):
            return self.page("denied.html.j2", request, 403)
        return self.page("console-part.html.j2", request, **self.console_context(request))

    async def ballots(self, request: Request) -> Response:
        from starlette.responses import Response

        if not self.facilitator(request):
            return self.page("denied.html.j2", request, 403)
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "json"):
            return self.page("denied.html.j2", request, 404)
        from strategy_kit.compute.ballots import questions
        from strategy_kit.present.ballots import export_ballots

        data = export_ballots(
            self.live.room, fmt=fmt, lang=self.lang(request), titles=self.live.titles, questions=questions(self.live.events)
        )
        name = f"{self.live.path.stem}-stimmen.{fmt}"
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
        return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})

    async def act(self, request: Request) -> Response:
        """One facilitator step: the token, the CSRF token and the origin are checked first."""
        from starlette.responses import RedirectResponse

        from strategy_kit.document.diagnostics import DiagnosticError

        lang = self.lang(request)
        t = _labels(lang)
        if not self.facilitator(request):
            return self.page("denied.html.j2", request, 403)
        form = await request.form()
        if not (origin_ok(request.scope) and self.keys.csrf_ok("console", _field(form, "csrf"))):
            return self.page("denied.html.j2", request, 403)
        action = request.path_params["action"]
        try:
            message = await self._step(action, form, lang)
        except (RoundError, ValueError) as exc:
            message = str(exc)
        except DiagnosticError as exc:
            # As check prints it: the file, the line and the column of each problem.
            message = "; ".join(f"{d.file}:{d.line}:{d.column}: {d.message}" for d in exc.diagnostics)
        except OSError as exc:
            message = f"{t['not_saved']} ({exc})"
        if message is not None:
            draft = None
            if action == "open":
                draft = {
                    "kind": _field(form, "kind"), "budget": _field(form, "budget"), "cap": _field(form, "cap"),
                    "criterion": _field(form, "criterion"), "title": _field(form, "title"),
                    "options": _field(form, "options"), "projects": [p for p in form.getlist("project") if isinstance(p, str)],
                }
            return self.page("console.html.j2", request, 409, **self.console_context(request, message, draft))
        return RedirectResponse("/console", status_code=303)

    def open_round_other_than(self, ident: str | None) -> str | None:
        """A round still open other than ``ident``: phones show one round at a time, the newest."""
        for other, state in self.live.room.rounds.items():
            if other != ident and state.phase == "open":
                return other
        return None

    async def _open(self, form: Any, lang: str) -> str | None:
        """Open a vote from the console's form; why not, as a sentence in ``lang``, or None."""
        t = _labels(lang)
        live = self.live
        blocking = self.open_round_other_than(None)
        if blocking is not None:
            return t["close_first"].format(title=live.round_title(blocking))
        kind = _field(form, "kind")
        chosen = [p for p in form.getlist("project") if isinstance(p, str) and p in live.titles] or list(live.titles)
        if kind in ("dots", "scores") and not chosen:
            return t["no_projects"]
        if kind == "dots":
            budget = _whole(_field(form, "budget"), 3)
            cap = _whole(_field(form, "cap"), 0)
            if budget is None or not 1 <= budget <= MAX_BUDGET:
                return t["bad_budget"]
            if cap is None or not 0 <= cap <= budget:
                return t["bad_cap"]
            spec = dot_vote(live.next_id("stimmen"), chosen, budget, cap or None)
            title = (_field(form, "title") or "").strip()[:200] or t["dots_title"]
        elif kind == "scores":
            criterion = live.criteria.get(_field(form, "criterion") or "")
            if criterion is None:
                return t["choose_criterion"]
            spec = scoring(live.next_id(f"bewertung-{criterion.id}"[:50]), criterion, chosen)
            title = criterion.title
        elif kind == "poll":
            options = [line.strip()[:120] for line in (_field(form, "options") or "").splitlines() if line.strip()]
            if len(set(options)) < 2 or len(set(options)) != len(options) or len(options) > 50:
                return t["poll_options"]
            spec = poll(live.next_id("umfrage"), options)
            title = (_field(form, "title") or "").strip()[:200] or t["poll_title"]
        else:
            return t["unknown_action"]
        refusal = await live.open_round(spec, title)
        if refusal is not None:
            from strategy_kit.present.live import refusal_text

            return refusal_text(refusal, lang, live.titles)
        return None

    async def _step(self, action: str, form: Any, lang: str) -> str | None:
        """Do ``action``; a sentence why not, or None when done."""
        from strategy_kit.present.live import refusal_text
        from strategy_kit.serve.timer import clock_step

        live = self.live
        ident = _field(form, "round") or ""
        refusal: Refusal | None = None
        if action == "open":
            return await self._open(form, lang)
        if action == "reopen":
            if ident not in live.room.rounds:
                return _labels(lang)["unknown_action"]
            blocking = self.open_round_other_than(ident)
            if blocking is not None:
                return _labels(lang)["close_first"].format(title=live.round_title(blocking))
            refusal = await live.open_round(live.spec(ident), live.round_title(ident))
        elif action == "close":
            if live.room.phase(ident) in ("closed", "revealed"):
                return _labels(lang)["already_closed"]
            refusal = await live.close_round(ident)
        elif action == "reveal":
            refusal = await live.reveal(ident)
        elif action == "paper":
            for key in form:
                if key.startswith("paper:"):
                    dots = _whole(_field(form, key), 0) or 0
                    if dots:
                        refusal = await live.paper(ident, key.removeprefix("paper:"), dots)
                        if refusal is not None:
                            break
        elif action in ("preview", "write"):
            phase = live.room.phase(ident)
            if phase is None:
                return _labels(lang)["unknown_action"]
            if phase == "open":
                return _labels(lang)["not_closed"]
            if live.written(ident) and not live.changed_since_written(ident):
                return _labels(lang)["already_written"]
            if action == "preview":
                await live.preview(ident)
            else:
                await live.write(ident)
        elif action == "times":
            await live.write_times()
        else:
            return await clock_step(live, action, _field(form, "session"), lang)
        if refusal is not None:
            return refusal_text(refusal, lang, live.titles)
        return None

    # -- live updates ------------------------------------------------------------------

    async def events(self, request: Request) -> Response:
        from sse_starlette.sse import EventSourceResponse
        from starlette.responses import PlainTextResponse

        screen = request.path_params["screen"]
        if screen not in ("phone", "projector", "console"):
            return PlainTextResponse("no such screen", status_code=404)
        if screen == "console" and not self.facilitator(request):
            return PlainTextResponse("forbidden", status_code=403)
        if self.streams >= MAX_STREAMS:
            return PlainTextResponse("too many screens", status_code=503)
        return EventSourceResponse(self._stream(request, screen), ping=int(PING), send_timeout=10)

    async def _stream(self, request: Request, screen: str) -> AsyncIterator[dict[str, str]]:
        versions = self.live.versions
        changed = asyncio.Event()
        listener = changed.set
        listeners = versions.phone_listeners if screen == "phone" else versions.listeners
        listeners.add(listener)
        self.streams += 1
        try:
            seen = -1
            while True:
                version = versions.phone if screen == "phone" else versions.screen
                if version != seen:
                    seen = version
                    yield {"event": "version", "data": json.dumps({"version": version})}
                    await asyncio.sleep(THROTTLE)
                    continue
                changed.clear()
                try:
                    await asyncio.wait_for(changed.wait(), timeout=PING)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
        finally:
            listeners.discard(listener)
            self.streams -= 1


def _address(request: Request) -> str:
    """The client's address (what the rate limits count by)."""
    return request.client.host if request.client else "?"


def _field(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


def _whole(text: str | None, default: int) -> int | None:
    """A whole number typed into the console (empty: ``default``); None for anything else (``2,5``, ``abc``)."""
    text = (text or "").strip()
    if not text:
        return default
    return int(text) if text.lstrip("-").isdigit() and len(text) < 6 else None


def _steps(low: float, high: float) -> list[float] | None:
    """The whole numbers of a scale for radio buttons (0 to 5); None for a scale too wide for them."""
    if low != math.floor(low) or high != math.floor(high) or high - low > 10:
        return None
    return [float(v) for v in range(int(low), int(high) + 1)]


def _choices(form: Any) -> dict[str, int | float] | Refusal:
    """A ballot from a phone's form: ``c:PROJECT`` fields; empty ones are left out."""
    choices: dict[str, int | float] = {}
    for key in form:
        if not key.startswith("c:"):
            continue
        text = _field(form, key)
        if text is None or not text.strip():
            continue
        text = text.strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return Refusal("not-a-score", {"project": key[2:][:80]})
        if not math.isfinite(number):
            return Refusal("not-a-score", {"project": key[2:][:80]})
        choices[key[2:]] = int(number) if number == int(number) else number
    return choices
