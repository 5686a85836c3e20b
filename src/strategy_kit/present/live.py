"""The live room's words: why a ballot or a step was not taken, and the projector's agenda clock, in German or English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from strategy_kit.compute.ballots import Refusal

if TYPE_CHECKING:
    from strategy_kit.compute.clock import ClockView


def refusal_text(refusal: Refusal, lang: str, titles: Mapping[str, str] | None = None) -> str:
    """``refusal`` as a sentence for the phone: ``Für „Bürgerportal“ sind höchstens 2 Stimmen erlaubt.``

    ``titles`` maps a project id to the title shown (else the id is shown);
    numbers are written as :func:`strategy_kit.present.i18n.format_number`
    writes them (``2,5``). Raises :class:`~strategy_kit.present.labels.UnknownLabel`
    for a reason without its wording, ``ValueError`` for a language other than de and en.
    """
    from strategy_kit.present.i18n import format_number
    from strategy_kit.present.labels import label

    values: dict[str, str] = {}
    for key, value in refusal.values.items():
        if key == "project" and isinstance(value, str):
            values[key] = (titles or {}).get(value, value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[key] = format_number(value, lang)
        else:
            values[key] = str(value)
    return label(f"live.refused.{refusal.reason}", lang).format_map(values)


def countdown(seconds: int) -> str:
    """A countdown as the projector shows it: ``12:34`` (minutes and seconds), ``1:02:03`` from an
    hour on, ``-01:05`` in overtime (``seconds`` below 0)."""
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes:02d}:{secs:02d}"


def delta_text(minutes: int, lang: str) -> str:
    """How far off plan: ``3 Min. hinter Plan`` (``minutes`` > 0), ``2 Min. vor Plan`` (< 0), ``im Plan`` (0)."""
    from strategy_kit.present.i18n import format_number
    from strategy_kit.present.labels import label

    if minutes == 0:
        return label("live.clock.on_plan", lang)
    key = "live.clock.behind" if minutes > 0 else "live.clock.ahead"
    return label(key, lang).format(n=format_number(abs(minutes), lang))


def clock_text(view: ClockView, lang: str) -> dict[str, str]:
    """The projector's strings for ``view`` (:func:`strategy_kit.compute.clock.state`), in ``lang``.

    Keys, each a string ("" where there is nothing to show):

    * ``title``: the current session's title;
    * ``countdown``: its time left (:func:`countdown`), "" when none is current;
    * ``status``: ``noch``, ``Überziehung`` (overtime), ``Pause`` (paused),
      ``Noch nicht begonnen`` (none current) or ``Ende des Programms``;
    * ``delta``: :func:`delta_text` of ``view.delta_min``;
    * ``next``: ``Als Nächstes: Mittagspause, 12:30 Uhr`` (with the weekday when the
      next session is on another day than the current one);
      ``next_title`` and ``next_time`` (``12:30 Uhr``) apart.

    ``ValueError`` for a language other than de and en.
    """
    from strategy_kit.present.agenda import clock_at
    from strategy_kit.present.i18n import format_date
    from strategy_kit.present.labels import label

    current, following = view.current, view.next
    if view.finished:
        status = label("live.clock.finished", lang)
    elif current is None:
        status = label("live.clock.waiting", lang)
    elif not view.running:
        status = label("live.clock.paused", lang)
    elif view.remaining_s < 0:
        status = label("live.clock.overtime", lang)
    else:
        status = label("live.clock.remaining", lang)
    texts = {
        "title": current.title if current is not None else "",
        "countdown": countdown(view.remaining_s) if current is not None else "",
        "status": status,
        "delta": delta_text(view.delta_min, lang),
        "next": "",
        "next_title": "",
        "next_time": "",
    }
    if following is not None:
        start = following.planned_start
        time = clock_at(start, start.date(), lang)
        if current is not None and current.day != following.day:
            day = format_date(start.date(), lang, format="EEEE")
            line = label("live.clock.next_on", lang).format(title=following.title, day=day, time=time)
        else:
            line = label("live.clock.next_at", lang).format(title=following.title, time=time)
        texts.update(next=line, next_title=following.title, next_time=time)
    return texts
