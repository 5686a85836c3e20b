"""The agenda in every output format: terminal text, Markdown, HTML, iCalendar and JSON.

All formats start from one view of the computed :class:`~strategy_kit.compute.timing.Plan`:
plain strings already in the agenda's language, leads already passed through
:func:`~strategy_kit.document.privacy.person_label`, internal sessions already dropped
for the public. Templates therefore only lay out text; escaping is their
environment's job (autoescape for HTML, the ``md``/``cell`` filters for
Markdown), and iCalendar/JSON escaping is the job of their libraries.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from strategy_kit.compute.timing import Plan, PlannedDay, PlannedSession, Totals
from strategy_kit.document.characters import json_text
from strategy_kit.document.model import SessionKind
from strategy_kit.document.privacy import person_label
from strategy_kit.present import i18n
from strategy_kit.present.i18n import format_date
from strategy_kit.present.labels import LABELS, label, table
from strategy_kit.present.text import clean, one_line

# Babel formatting is the slowest part of rendering and an agenda repeats few clock times.
format_time = lru_cache(maxsize=4096)(i18n.format_time)


def zone_name(value: dt.datetime, lang: str) -> str:
    """The abbreviation of the zone in force at ``value``: ``MESZ``/``MEZ`` in German and
    ``CEST``/``CET`` in English for Central European (Summer) Time, else :meth:`~datetime.datetime.tzname`
    as the IANA database gives it (``EDT``, ``EST``).
    """
    name = value.tzname() or ""
    key = f"clock.zone.{name}"
    return label(key, lang) if key in LABELS else name


def switches(day: PlannedDay) -> bool:
    """Whether the clocks go forward or back during ``day`` (start to shown end): its
    times then carry their zone, so a session in the repeated hour does not look empty.
    """
    return day.start.utcoffset() != day.shown_end.utcoffset()


def clock(value: dt.datetime, day: dt.date, lang: str, *, zoned: bool = False) -> str:
    """The local clock time of ``value`` on ``day``'s agenda: ``24:00`` for midnight at its
    end (ISO 8601, as a day booked until ``"24:00"`` is written), else ``09:30``; with
    ``zoned``, followed by its zone (``02:30 MESZ``, see :func:`zone_name`).
    """
    if value.date() > day and value.time() == dt.time():
        shown = "24:00"
    else:
        shown = format_time(value.time(), lang)
    if zoned:
        return label("clock.zoned", lang).format(time=shown, zone=zone_name(value, lang))
    return shown


def clock_at(value: dt.datetime, day: dt.date, lang: str, *, zoned: bool = False) -> str:
    """One clock time as a sentence says it: ``16:00 Uhr`` (de), ``16:00`` (en), ``02:30 MEZ``."""
    if zoned:
        return clock(value, day, lang, zoned=True)
    return label("clock.at", lang).format(time=clock(value, day, lang))


def clock_range(
    start: dt.datetime, end: dt.datetime, day: dt.date, lang: str, *, zoned: bool = False
) -> str:
    """``09:00–16:30 Uhr`` (de) or ``09:00–16:30`` (en), ends at midnight as ``24:00``;
    with ``zoned``, ``02:30 MESZ–02:30 MEZ`` (the zone stands for "Uhr").
    """
    key = "clock.range_zoned" if zoned else "clock.range"
    return label(key, lang).format(
        start=clock(start, day, lang, zoned=zoned), end=clock(end, day, lang, zoned=zoned)
    )


def day_times(day: PlannedDay, lang: str) -> tuple[str, str]:
    """The day's range as every agenda shows it, and what is said beside it.

    The range runs from the start to :attr:`~strategy_kit.compute.timing.PlannedDay.shown_end`
    (the booked end, or a later programme end); the note is ``Programmende 16:00 Uhr,
    30 min Puffer`` when the programme ends before the booked end (the buffer is
    :attr:`~strategy_kit.compute.timing.PlannedDay.early`), else empty.
    """
    date, zoned = day.day.date, switches(day)
    shown = clock_range(day.start, day.shown_end, date, lang, zoned=zoned)
    note = ""
    if day.early:
        note = label("agenda.programme_until", lang).format(
            time=clock_at(day.end, date, lang, zoned=zoned), buffer=format_minutes(day.early)
        )
    return shown, note


def format_minutes(minutes: int) -> str:
    """``6 h 15 min``: readable in German and English alike."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


@dataclass(frozen=True)
class Options:
    """How to present a plan: language, audience, edition, and for ICS one event per
    session or day.

    The facilitator's edition (the default) shows everything the facilitator plans
    with: the booked time and the buffer, overruns, totals, absent leads and
    internal sessions. ``handout`` is the participants' edition: the programme's
    own times and the sessions, nothing of the planning. ``projector`` is the HTML
    edition for the room's screen, with the handout's content; ``now`` (an aware
    date-time) marks the session running then. ``public`` applies privacy; both
    editions for the room are public by default, as ``plan`` resolves it
    (:func:`~strategy_kit.document.options.resolve_public` with ``published``).
    """

    lang: str = "de"
    public: bool = False
    ics_mode: str = "per-session"
    handout: bool = False
    projector: bool = False
    now: dt.datetime | None = None

    @property
    def for_the_room(self) -> bool:
        """Whether participants read this edition (handout or projector)."""
        return self.handout or self.projector


#: The agenda's table columns in order; ``time`` and ``session`` are always shown.
COLUMNS = ("time", "session", "method", "lead", "track")


def _visible(session: PlannedSession, options: Options) -> bool:
    return not ((options.public or options.for_the_room) and session.session.internal)


def columns(rows: list[dict[str, Any]]) -> list[str]:
    """The columns of one day's table: time and session, and each other column that has
    content in some row of the day (an empty ``track`` column is left out).
    """
    return [
        key
        for key in COLUMNS
        if key in ("time", "session") or any(row[key] for row in rows)
    ]


#: A line of the printed table in characters (10 pt on A4 less margins), the share
#: the session column keeps at least, and the width beyond which a short column wraps.
LINE, SESSION_LEAST, WRAP = 92, 36, 16


def _cell(row: dict[str, Any], key: str, labels: Mapping[str, str]) -> str:
    if key == "lead" and row["lead_absent"]:
        return f"{row['lead']} ({labels['absent']})"
    return one_line(str(row[key]))


def widths(rows: list[dict[str, Any]], keys: list[str], labels: Mapping[str, str]) -> dict[str, int]:
    """Each column's share of the table's width in percent, the same for every block of
    a day: the time on one line, every other column at least as wide as its longest
    word and its header (so nothing is hyphenated), at most :data:`WRAP` characters
    unless a word needs more, and the rest for the session.
    """
    least: dict[str, int] = {}
    need: dict[str, int] = {}
    for key in keys:
        if key == "session":
            continue
        texts = [_cell(row, key, labels) for row in rows] or [""]
        # Letters are wider than digits (umlauts, capitals); three characters are the padding.
        longest = round(max(len(t) for t in texts) * (1 if key == "time" else 1.1)) + 3
        word = round(max((len(w) for t in texts for w in t.split()), default=0) * 1.1) + 3
        least[key] = max(word, round(len(labels[key]) * 1.1) + 3, longest + 1 if key == "time" else 0)
        need[key] = max(least[key], longest if key == "time" else min(longest, WRAP))
    budget = LINE - SESSION_LEAST
    spare = sum(need.values()) - budget
    if spare > 0:
        slack = {k: need[k] - least[k] for k in need}
        total = sum(slack.values())
        for key in need:
            if total:
                need[key] -= min(slack[key], round(spare * slack[key] / total))
    line = max(LINE, sum(need.values()) + SESSION_LEAST)
    shares = {key: round(100 * need[key] / line) for key in need}
    return {key: shares.get(key, 100 - sum(shares.values())) for key in keys}


def same_title(block: str, day: str) -> bool:
    """Whether a block's title only repeats its day's (``Innovationsworkshop`` twice)."""
    return one_line(block).casefold() == one_line(day).casefold()


def now_parts(text: str) -> tuple[dt.date | None, dt.time]:
    """``--now`` read without the workshop: ``10:15`` or ``2019-03-05T10:15`` as (date or None, time).

    Raises :class:`ValueError` with a message for a malformed value, so a
    command can refuse it before it reads any file.
    """
    from strategy_kit.document.durations import parse_clock

    day_text, separator, clock_text = text.strip().partition("T")
    if not separator:
        day_text, clock_text = "", day_text
    try:
        clock_value = parse_clock(clock_text)
    except ValueError:
        raise ValueError(
            f"not a time: {text!r}; write '10:15' or '2019-03-05T10:15'"
        ) from None
    if not day_text:
        return None, clock_value
    try:
        return dt.date.fromisoformat(day_text), clock_value
    except ValueError:
        raise ValueError(f"not a date: {day_text!r}; write '2019-03-05T10:15'") from None


def moment(plan: Plan, text: str) -> dt.datetime:
    """The instant ``--now`` names: ``10:15`` or ``2019-03-05T10:15``, wall time in the
    workshop's zone.

    A time alone means today when today is a day of the workshop, else its first day
    (today is :func:`build_time`'s, so ``SOURCE_DATE_EPOCH`` fixes it). Raises
    :class:`ValueError` with a message for a malformed value (:func:`now_parts`) or a
    date the workshop does not have.
    """
    from zoneinfo import ZoneInfo

    from strategy_kit.document.timeline import local_time

    zone = ZoneInfo(plan.document.workshop.timezone)
    dates = [d.day.date for d in plan.days]
    date, clock_value = now_parts(text)
    if date is not None:
        if date not in dates:
            known = ", ".join(d.isoformat() for d in dates) or "none"
            raise ValueError(f"{date.isoformat()} is not a day of this workshop (days: {known})")
    else:
        today = build_time().astimezone(zone).date()
        date = today if today in dates or not dates else dates[0]
    value, _ = local_time(zone, date, clock_value)
    return value


def _is_current(s: PlannedSession, now: dt.datetime | None) -> tuple[bool, bool]:
    """Whether ``s`` runs at ``now`` and whether it is over then (compared in UTC: the
    repeated autumn hour has two instants with one wall time).
    """
    if now is None:
        return False, False
    instant = now.astimezone(dt.UTC)
    start, end = s.start.astimezone(dt.UTC), s.end.astimezone(dt.UTC)
    return start <= instant < end, end <= instant


def _lead(session: PlannedSession, options: Options) -> str:
    if session.lead is None:
        return ""
    return person_label(session.lead, public=options.public)


def _totals(totals: Totals, lang: str) -> list[dict[str, str]]:
    items = [
        ("working", totals.working),
        ("plenary", totals.plenary),
        ("group", totals.group),
        ("breaks", totals.breaks),
    ]
    if totals.idle:
        items.append(("idle", totals.idle))
    return [{"label": label(f"agenda.{k}", lang), "value": format_minutes(v)} for k, v in items]


def _totals_line(totals: Totals, lang: str) -> str:
    return " · ".join(f"{t['label']} {t['value']}" for t in _totals(totals, lang))


def context(plan: Plan, options: Options) -> dict[str, Any]:
    """The strings every text format lays out, in the agenda's language.

    In an edition for the room (handout, projector) what only the facilitator plans
    with is empty already here, so no template can show it: a day's ``time`` is the
    programme's (``09:00–16:00 Uhr``), ``programme``, ``overrun``, the totals and
    ``lead_absent`` are empty, internal sessions are left out. Each day's
    ``columns`` are the keys of :data:`COLUMNS` with content that day; a block's
    ``repeats_day`` says its title only repeats the day's.
    """
    lang = options.lang
    labels = table("agenda", lang)
    # The workshop's ``organiser`` is named as the report's cover names it, one label for both.
    labels["organiser"] = label("report.facilitation", lang)
    room = options.for_the_room
    doc = plan.document
    days = []
    for day in plan.days:
        date, zoned = day.day.date, switches(day)
        blocks: list[dict[str, Any]] = []
        for block in day.blocks:
            rows: list[dict[str, Any]] = []
            for s in block.sessions:
                if not _visible(s, options):
                    continue
                session = s.session
                current, done = _is_current(s, options.now)
                rows.append(
                    {
                        "time": clock_range(s.start, s.end, date, lang, zoned=zoned),
                        "start": clock(s.start, date, lang, zoned=zoned),
                        "end": clock(s.end, date, lang, zoned=zoned),
                        "title": session.title,
                        "kind": label(f"agenda.kind.{session.kind.value}", lang),
                        "is_break": session.kind is SessionKind.BREAK,
                        "method": session.method or "",
                        "lead": _lead(s, options),
                        "lead_absent": not room and s.lead is not None and not s.lead_present,
                        "track": session.track or "",
                        "slot": s.slot,
                        "outputs": list(session.outputs),
                        "description": session.description or "",
                        "current": current,
                        "done": done,
                    }
                )
            blocks.append(
                {
                    "id": block.block.id,
                    "title": block.block.title,
                    "repeats_day": same_title(block.block.title, day.day.title or ""),
                    "goal": block.block.goal or "",
                    "time": clock_range(block.start, block.end, date, lang, zoned=zoned),
                    "totals": [] if room else _totals(block.totals, lang),
                    "totals_line": "" if room else _totals_line(block.totals, lang),
                    "rows": rows,
                }
            )
        all_rows = [row for b in blocks for row in b["rows"]]
        shown = columns(all_rows)
        if room:
            time, programme = clock_range(day.start, day.end, date, lang, zoned=zoned), ""
        else:
            time, programme = day_times(day, lang)
        days.append(
            {
                "number": day.number,
                "date": format_date(day.day.date, lang),
                "iso_date": day.day.date.isoformat(),
                "title": day.day.title or "",
                "time": time,
                "programme": programme,
                "planned_end": clock(day.planned_end, date, lang, zoned=zoned),
                "overrun": format_minutes(day.overrun) if day.overrun and not room else "",
                "totals": [] if room else _totals(day.totals, lang),
                "totals_line": "" if room else _totals_line(day.totals, lang),
                "columns": shown,
                "widths": widths(all_rows, shown, labels),
                "blocks": blocks,
            }
        )
    from markupsafe import Markup

    from strategy_kit.present.theme import css_variables, theme_for

    return {
        # The documents' one look (present/theme.py), with the file's report.style.
        "theme_css": Markup(css_variables(theme_for(doc.report.style if doc.report else None))),
        "lang": lang,
        "edition": "projector" if options.projector else ("handout" if room else "facilitator"),
        "labels": labels,
        "workshop": {
            "title": doc.workshop.title,
            "municipality": doc.municipality.name,
            "organiser": doc.workshop.organiser,
            "venue": doc.workshop.venue or "",
            "goal": doc.workshop.goal,
        },
        "days": days,
    }


def render_markdown(plan: Plan, options: Options, user_dir: Path | None = None) -> str:
    """The agenda as Markdown tables that render on GitHub and GitLab."""
    from strategy_kit.present.render import render

    return render("agenda.md.j2", context(plan, options), kind="md", user_dir=user_dir)


def render_html(plan: Plan, options: Options, user_dir: Path | None = None) -> str:
    """One self-contained HTML page: one A4 page per day when printed; with
    ``options.projector`` one screen per day (``agenda-projector.html.j2``).
    """
    from strategy_kit.present.render import render

    name = "agenda-projector.html.j2" if options.projector else "agenda.html.j2"
    return render(name, context(plan, options), kind="html", user_dir=user_dir)


# -- iCalendar -------------------------------------------------------------------------


def build_time() -> dt.datetime:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` for reproducible files (the usual convention).

    A value that is no moment a date can hold (not ASCII digits, past the year 9999)
    is ignored as an unset one is, as reproducible-builds.org asks of a bad value.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isascii() and epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _session_description(s: PlannedSession, options: Options, block: str) -> str:
    session, lang = s.session, options.lang
    lines = [
        f"{label('agenda.block', lang)}: {block}",
        f"{label('agenda.kind', lang)}: {label('agenda.kind.' + session.kind.value, lang)}",
    ]
    if session.method:
        lines.append(f"{label('agenda.method', lang)}: {session.method}")
    lead = _lead(s, options)
    if lead:
        lines.append(f"{label('agenda.lead', lang)}: {lead}")
    if session.track:
        lines.append(f"{label('agenda.track', lang)}: {session.track}")
    if session.outputs:
        lines.append(f"{label('agenda.outputs', lang)}: " + "; ".join(session.outputs))
    if session.description:
        lines.extend(["", session.description.strip()])
    return "\n".join(lines)


def _day_description(day: PlannedDay, options: Options) -> str:
    if options.for_the_room:
        shown = clock_range(day.start, day.end, day.day.date, options.lang, zoned=switches(day))
        programme = ""
    else:
        shown, programme = day_times(day, options.lang)
    lines = [f"{shown} · {programme}" if programme else shown, ""]
    for s in day.sessions:
        if _visible(s, options):
            time = clock_range(s.start, s.end, day.day.date, options.lang, zoned=switches(day))
            track = f" [{s.session.track}]" if s.session.track else ""
            lines.append(f"{time} {one_line(s.session.title)}{track}")
    return "\n".join(lines)


def _ics_time(value: dt.datetime) -> dt.datetime:
    """``value`` as DTSTART/DTEND carry it: local time with its TZID, or UTC where a local
    time cannot say which instant it means.

    A reader takes a repeated local time (the autumn switch) as its first occurrence
    (RFC 5545, 3.3.5); an instant in the second occurrence is therefore written in UTC.
    """
    if value.replace(fold=0).astimezone(dt.UTC) != value.astimezone(dt.UTC):
        return value.astimezone(dt.UTC)
    return value


def render_ics(plan: Plan, options: Options) -> bytes:
    """An iCalendar file: one event per session (or per day) with stable UIDs and a VTIMEZONE.

    UIDs come from session ids (see :mod:`strategy_kit.compute.timing`), so importing
    the file again updates the events instead of adding copies.
    """
    from icalendar import Calendar, Event, vText

    doc = plan.document
    stamp = build_time()
    calendar = Calendar()
    calendar.add("prodid", "-//strategy-kit//agenda//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property's value type is unknown to a reader unless it is named: VALUE=TEXT makes
    # icalendar, vobject and ical.js undo the escaping of ";", ",", "\\" and newlines
    # (RFC 5545, 3.3.11 and 3.8.8.2). A calendar's name is one line.
    text = {"VALUE": "TEXT"}
    calendar.add("x-wr-calname", vText(one_line(doc.workshop.title)), parameters=text)
    calendar.add("x-wr-timezone", vText(doc.workshop.timezone), parameters=text)

    def event(uid: str, summary: str, start: dt.datetime, end: dt.datetime, text: str) -> None:
        item = Event()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("summary", summary)
        item.add("dtstart", _ics_time(start))
        item.add("dtend", _ics_time(end))
        if doc.workshop.venue:
            item.add("location", one_line(doc.workshop.venue))
        item.add("description", clean(text))
        calendar.add_component(item)

    for day in plan.days:
        if options.ics_mode == "per-day":
            title = (
                f"{doc.workshop.title}: {day.day.title}" if day.day.title else doc.workshop.title
            )
            event(
                day.uid,
                one_line(title),
                day.start,
                day.end if options.for_the_room else day.shown_end,
                _day_description(day, options),
            )
            continue
        for block in day.blocks:
            for s in block.sessions:
                if _visible(s, options):
                    event(
                        s.uid,
                        one_line(s.session.title),
                        s.start,
                        s.end,
                        _session_description(s, options, block.block.title),
                    )
    if plan.days:
        first = min(d.day.date for d in plan.days)
        last = max(d.day.date for d in plan.days)
        calendar.add_missing_timezones(
            first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1)
        )
    data: bytes = calendar.to_ical()
    return data


# -- JSON ------------------------------------------------------------------------------


def _totals_json(totals: Totals) -> dict[str, int]:
    return {
        "working_minutes": totals.working,
        "plenary_minutes": totals.plenary,
        "group_minutes": totals.group,
        "break_minutes": totals.breaks,
        "idle_minutes": totals.idle,
    }


def render_json(plan: Plan, options: Options) -> str:
    """The computed timetable for other tools: ISO times with offsets, minutes, findings."""
    from dataclasses import asdict

    doc = plan.document

    def iso(value: dt.datetime) -> str:
        # The instant with the offset in force then (+01:00 or +02:00 in Berlin).
        return value.isoformat()

    days = []
    for day in plan.days:
        blocks = []
        for block in day.blocks:
            sessions = []
            for s in block.sessions:
                if not _visible(s, options):
                    continue
                session = s.session
                sessions.append(
                    {
                        "uid": s.uid,
                        "id": session.id,
                        "title": session.title,
                        "kind": session.kind.value,
                        "method": session.method,
                        "start": iso(s.start),
                        "end": iso(s.end),
                        "duration_minutes": session.duration,
                        "fixed_start": session.start is not None,
                        "track": session.track,
                        "slot": s.slot,
                        "lead": None
                        if s.lead is None
                        else {
                            "id": s.lead.id,
                            "label": _lead(s, options),
                            "present": s.lead_present,
                        },
                        "outputs": list(session.outputs),
                        "description": session.description,
                    }
                )
            blocks.append(
                {
                    "id": block.block.id,
                    "title": block.block.title,
                    "goal": block.block.goal,
                    "start": iso(block.start),
                    "end": iso(block.end),
                    "totals": _totals_json(block.totals),
                    "sessions": sessions,
                }
            )
        days.append(
            {
                "date": day.day.date.isoformat(),
                "title": day.day.title,
                "start": iso(day.start),
                "end": iso(day.end),
                "planned_end": iso(day.planned_end),
                "shown_end": iso(day.shown_end),
                "overrun_minutes": day.overrun,
                "early_minutes": day.early,
                "totals": _totals_json(day.totals),
                "blocks": blocks,
            }
        )
    payload = {
        "format": "strategy-kit-plan",
        "version": 1,
        "workshop": {
            "title": doc.workshop.title,
            "municipality": doc.municipality.name,
            "organiser": doc.workshop.organiser,
            "venue": doc.workshop.venue,
            "timezone": doc.workshop.timezone,
            "language": options.lang,
            "public": options.public,
        },
        "limits": {
            "max_stretch_minutes": plan.limits.max_stretch,
            "max_session_minutes": plan.limits.max_session,
        },
        "days": days,
        "findings": [asdict(d) for d in plan.diagnostics],
    }
    return json_text(payload) + "\n"


# -- terminal ----------------------------------------------------------------------------


def _table(
    day: dict[str, Any], labels: Mapping[str, str]
) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, one-line cells and row kinds of a day; empty optional columns are dropped."""
    header = [labels[k] for k in ("time", "block", "session", "method", "lead", "track")]
    rows: list[list[str]] = []
    kinds: list[str] = []
    for block in day["blocks"]:
        for index, row in enumerate(block["rows"]):
            lead = row["lead"] + (f" ({labels['absent']})" if row["lead_absent"] else "")
            shown = block["title"] if index == 0 else ""
            cells = [row["time"], shown, row["title"], row["method"], lead, row["track"]]
            rows.append([one_line(c) for c in cells])
            kinds.append("break" if row["is_break"] else ("parallel" if row["slot"] else ""))
    keep = [i for i in range(len(header)) if i in (0, 2) or any(r[i] for r in rows)]
    return [header[i] for i in keep], [[r[i] for i in keep] for r in rows], kinds


def _day_heading(day: dict[str, Any]) -> str:
    title = f" · {day['title']}" if day["title"] else ""
    programme = f" · {day['programme']}" if day["programme"] else ""
    return one_line(f"{day['date']}{title} · {day['time']}{programme}")


def render_text(plan: Plan, options: Options) -> str:
    """Plain aligned columns for pipes, files and NO_COLOR: no box drawing, no escapes."""
    ctx = context(plan, options)
    labels = ctx["labels"]
    out: list[str] = [one_line(ctx["workshop"]["title"]), ""]
    for day in ctx["days"]:
        out.append(_day_heading(day))
        if day["overrun"]:
            out.append(
                f"{labels['overrun']} {day['overrun']} ({labels['planned_end']} "
                f"{day['planned_end']})"
            )
        header, cells, _ = _table(day, labels)
        rows = [header, *cells]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if index == 0:
                out.append("  ".join("-" * w for w in widths))
        if day["totals_line"]:
            out.append(day["totals_line"])
        out.append("")
    return "\n".join(out)


def print_rich(plan: Plan, options: Options) -> None:
    """A rich table per day for a colour terminal; every YAML value is plain Text, never markup."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    ctx = context(plan, options)
    labels = ctx["labels"]
    console = Console(highlight=False)
    console.print(Text(one_line(ctx["workshop"]["title"]), style="bold"))
    for day in ctx["days"]:
        table = Table(
            title=Text(_day_heading(day), style="bold"),
            box=box.SIMPLE_HEAVY,
            expand=True,
            title_justify="left",
            caption=Text(day["totals_line"]),
            caption_justify="left",
        )
        header, rows, kinds = _table(day, labels)
        for name in header:
            if name == labels["time"]:
                table.add_column(name, no_wrap=True)
            else:
                table.add_column(name, ratio=3 if name == labels["session"] else 1, overflow="fold")
        styles = {"break": "dim italic", "parallel": "cyan", "": ""}
        for cells, kind in zip(rows, kinds, strict=True):
            table.add_row(*(Text(c) for c in cells), style=styles[kind])
        console.print(table)
        if day["overrun"]:
            console.print(
                Text(
                    f"{labels['overrun']} {day['overrun']} ({labels['planned_end']} "
                    f"{day['planned_end']})",
                    style="bold red",
                )
            )
