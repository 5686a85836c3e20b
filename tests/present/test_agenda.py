"""Agenda rendering from Python: arbitrary titles stay harmless, privacy, formatting helpers."""

from __future__ import annotations

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
    "p", "span", "table", "thead", "tbody", "tr", "th", "td", "strong",
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
    assert unescaped.count("|") == 7
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
