"""Agenda rendering from Python: arbitrary titles stay harmless, privacy, formatting helpers."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from strategy_kit.compute.timing import Plan, plan
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.present.agenda import (
    Options,
    format_minutes,
    render_html,
    render_ics,
    render_json,
    render_markdown,
    render_text,
)
from strategy_kit.present.text import clean, one_line

TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "section", "header", "h1", "h2", "h3",
    "p", "span", "table", "thead", "tbody", "tr", "th", "td", "strong", "main", "colgroup", "col",
}  # fmt: skip


def build(title: str, **participant: Any) -> Plan:
    lead = {"id": "p", "role": "Moderation", **participant}
    document = WorkshopDocument.model_validate(
        {
            "version": 1,
            "municipality": {"name": "M", "state": "Bayern"},
            "workshop": {"title": "T", "organiser": "O", "goal": "G"},
            "participants": [lead],
            "days": [
                {
                    "date": "2024-01-02",
                    "start": "09:00",
                    "end": "17:00",
                    "blocks": [
                        {
                            "id": "b",
                            "title": "B",
                            "goal": "G",
                            "sessions": [
                                {"title": title, "duration": "30m", "lead": "p", "method": title},
                                {"title": "Zwei", "duration": "30m", "internal": True},
                            ],
                        }
                    ],
                }
            ],
        }
    )
    return plan(document)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


titles = st.text(min_size=1, max_size=60).filter(lambda t: t.strip() != "")


@settings(max_examples=30, deadline=None)
@given(titles)
def test_any_title_is_one_harmless_markdown_row(title: str) -> None:
    md = render_markdown(build(title), Options())
    rows = [line for line in md.splitlines() if line.startswith("| 09:00")]
    assert len(rows) == 1
    row = rows[0]
    unescaped = row.replace("\\\\", "").replace("\\|", "")
    assert unescaped.count("|") == 6  # time, session, kind, method, lead: no session has a track
    assert "<" not in row.replace("<br>", "")


@settings(max_examples=30, deadline=None)
@given(titles)
def test_any_title_is_escaped_in_html(title: str) -> None:
    html = render_html(build(title), Options())
    parser = Tags()
    parser.feed(html)
    assert parser.tags <= TEMPLATE_TAGS
    assert str(escape(clean(title))) in html  # as the text policy shows it


@settings(max_examples=20, deadline=None)
@given(titles)
def test_any_title_round_trips_through_json_and_stays_one_line_in_text(title: str) -> None:
    timetable = build(title)
    data = json.loads(render_json(timetable, Options()))
    assert data["days"][0]["blocks"][0]["sessions"][0]["title"] == title
    text = render_text(timetable, Options())
    assert sum(1 for line in text.splitlines() if line.startswith("09:00")) == 1


def test_a_multi_line_workshop_title_makes_a_valid_calendar() -> None:
    from icalendar import Calendar

    timetable = build("Eins")
    workshop = timetable.document.workshop.model_copy(update={"title": "Zeile eins\nZeile zwei;,"})
    timetable.document = timetable.document.model_copy(update={"workshop": workshop})
    calendar = Calendar.from_ical(render_ics(timetable, Options()))
    assert str(calendar["X-WR-CALNAME"]) == "Zeile eins Zeile zwei;,"


def test_privacy_of_leads_and_internal_sessions() -> None:
    named = build("A", name="Erika Muster")
    assert "Erika Muster" in render_markdown(named, Options())
    public = render_markdown(named, Options(public=True))
    assert "Erika Muster" not in public and "Zwei" not in public and "Moderation" in public
    consented = build("A", name="Erika Muster", public=True)
    assert "Erika Muster (Moderation)" in render_markdown(consented, Options(public=True))
    data = json.loads(render_json(named, Options(public=True)))
    assert data["days"][0]["blocks"][0]["sessions"][0]["lead"]["label"] == "Moderation"
    assert len(data["days"][0]["blocks"][0]["sessions"]) == 1


def test_helpers() -> None:
    assert [format_minutes(m) for m in (5, 60, 75, 375)] == [
        "5 min",
        "1 h",
        "1 h 15 min",
        "6 h 15 min",
    ]
    assert one_line("a\n\tb\x1b[31m  c\x07") == "a b[31m c"


def test_bidi_overrides_cannot_reorder_a_terminal_line() -> None:
    # "\u202e" would display the rest of the line right to left; Hebrew letters stay.
    assert one_line("Projekt \u202egnuttlawreV\u202c und \u05e2\u05d1\u05e8\u05d9\u05ea\u2067x\u2069") == (
        "Projekt gnuttlawreV und \u05e2\u05d1\u05e8\u05d9\u05eax"
    )


def timed(start: str, end: str, minutes: list[int], date: str = "2027-03-05") -> Plan:
    """One day in Europe/Berlin booked from ``start`` to ``end`` with sessions of ``minutes``."""
    document = WorkshopDocument.model_validate(
        {
            "version": 1,
            "municipality": {"name": "M", "state": "Bayern"},
            "workshop": {"title": "T", "organiser": "O", "goal": "G", "timezone": "Europe/Berlin"},
            "days": [
                {
                    "date": date,
                    "start": start,
                    "end": end,
                    "blocks": [
                        {
                            "id": "b",
                            "title": "B",
                            "goal": "G",
                            "sessions": [
                                {"title": f"S{i}", "duration": f"{m}m"} for i, m in enumerate(minutes)
                            ],
                        }
                    ],
                }
            ],
        }
    )
    return plan(document)


def every_text_format(timetable: Plan, lang: str = "de") -> dict[str, str]:
    options = Options(lang=lang)
    ics = render_ics(timetable, Options(lang=lang, ics_mode="per-day")).decode("utf-8")
    return {
        "text": render_text(timetable, options),
        "md": render_markdown(timetable, options),
        "html": render_html(timetable, options),
        # A folded line is joined again, an escaped one read as a reader does.
        "ics": ics.replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";"),
    }


def test_every_format_shows_the_booked_time_and_says_when_the_programme_ends_earlier() -> None:
    timetable = timed("09:00", "16:30", [3 * 60, 4 * 60])  # the programme ends at 16:00
    for name, text in every_text_format(timetable).items():
        assert "09:00–16:30 Uhr · Programmende 16:00 Uhr, 30 min Puffer" in text, name
    for name, text in every_text_format(timetable, "en").items():
        assert "09:00–16:30 · programme ends 16:00, 30 min buffer" in text, name
    day = json.loads(render_json(timetable, Options()))["days"][0]
    assert (day["end"], day["planned_end"], day["shown_end"], day["early_minutes"]) == (
        "2027-03-05T16:00:00+01:00",
        "2027-03-05T16:30:00+01:00",
        "2027-03-05T16:30:00+01:00",
        30,
    )
    ics = render_ics(timetable, Options(ics_mode="per-day")).decode()
    assert "DTEND;TZID=Europe/Berlin:20270305T163000" in ics


def test_a_full_day_says_nothing_more_and_an_overrun_shows_the_real_end() -> None:
    full = every_text_format(timed("09:00", "16:00", [7 * 60]))
    assert all("09:00–16:00 Uhr" in t and "Programmende" not in t for t in full.values())
    over = timed("09:00", "15:00", [7 * 60])
    assert over.days[0].shown_end == over.days[0].end
    text = render_text(over, Options())
    assert "09:00–16:00 Uhr" in text and "überzieht um 1 h (geplantes Ende 15:00)" in text


def test_a_day_booked_until_24_00_shows_24_00() -> None:
    timetable = timed("20:00", "24:00", [90, 150])
    assert not [d for d in timetable.diagnostics if "overruns" in d.message or "midnight" in d.message]
    for name, text in every_text_format(timetable).items():
        assert "20:00–24:00 Uhr" in text, name
        assert "21:30–24:00 Uhr" in text, name
    early = every_text_format(timed("20:00", "24:00", [90]))
    assert all("20:00–24:00 Uhr · Programmende 21:30 Uhr, 2 h 30 min Puffer" in t for t in early.values())


def test_the_json_and_the_calendar_keep_the_duration_across_the_switch_to_summer_time() -> None:
    # 2027-03-28: the clocks go from 02:00 to 03:00 in Berlin; a 120-minute session from 01:30
    # lasts 120 minutes and ends at 04:30 on the clock.
    timetable = timed("01:30", "06:00", [120], date="2027-03-28")
    session = json.loads(render_json(timetable, Options()))["days"][0]["blocks"][0]["sessions"][0]
    start = dt.datetime.fromisoformat(session["start"])
    end = dt.datetime.fromisoformat(session["end"])
    assert (session["start"], session["end"]) == ("2027-03-28T01:30:00+01:00", "2027-03-28T04:30:00+02:00")
    assert end - start == dt.timedelta(minutes=session["duration_minutes"])
    # On the day of a switch every time carries its zone: the session lasts 2 h, not 3 h.
    assert "01:30 MEZ–04:30 MESZ" in render_text(timetable, Options())


def test_the_second_occurrence_of_a_repeated_hour_is_written_in_utc() -> None:
    # 2027-10-31: 02:00-03:00 happens twice; a session ending in the second pass must not be read
    # as the first.
    timetable = timed("01:30", "06:00", [90, 60], date="2027-10-31")
    ics = render_ics(timetable, Options()).decode()
    assert "DTSTART;TZID=Europe/Berlin:20271031T013000" in ics
    assert "DTEND:20271031T010000Z" in ics  # 02:00 CET, in the repeated hour
    assert "DTSTART:20271031T010000Z" in ics
    assert "DTEND;TZID=Europe/Berlin:20271031T030000" in ics


def every_human_format(timetable: Plan, lang: str) -> dict[str, str]:
    """Text, Markdown, HTML, the day's calendar description and the Word file's text."""
    import io

    import docx

    from strategy_kit.present.word import agenda_docx

    out = every_text_format(timetable, lang)
    document = docx.Document(io.BytesIO(agenda_docx(timetable, Options(lang=lang), None)))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    out["docx"] = "\n".join(parts)
    return out


def test_times_in_the_repeated_autumn_hour_carry_their_zone_in_every_human_format() -> None:
    # 2027-10-31: 02:00-03:00 happens twice. From 01:30, sessions of 1h, 1h and 30m run
    # 01:30-02:30 (summer time), 02:30-02:30 (the clocks went back) and 02:30-03:00 (winter time).
    timetable = timed("01:30", "06:00", [60, 60, 30], date="2027-10-31")
    for lang, summer, winter in (("de", "MESZ", "MEZ"), ("en", "CEST", "CET")):
        for name, text in every_human_format(timetable, lang).items():
            assert f"01:30 {summer}–02:30 {summer}" in text, (lang, name)
            assert f"02:30 {summer}–02:30 {winter}" in text, (lang, name)
            assert f"02:30 {winter}–03:00 {winter}" in text, (lang, name)
            assert f"01:30 {summer}–06:00 {winter}" in text, (lang, name)
            assert "02:30–02:30" not in text, (lang, name)


def test_a_day_without_a_switch_shows_no_zone_and_another_zone_its_own_name() -> None:
    plain = every_text_format(timed("01:30", "06:00", [60, 60, 30], date="2027-10-30"))
    assert all("MEZ" not in t and "MESZ" not in t for n, t in plain.items() if n != "ics"), plain
    document = timed("01:30", "06:00", [60, 60, 30], date="2027-11-07").document
    # The clocks go back on 2027-11-07 in New York.
    workshop = document.workshop.model_copy(update={"timezone": "America/New_York"})
    document = document.model_copy(update={"workshop": workshop})
    text = render_text(plan(document), Options())
    assert "01:30 EDT–01:30 EST" in text and "01:30 EDT–06:00 EST" in text
