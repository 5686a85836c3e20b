"""The agenda's iCalendar file as three real readers see it: icalendar, vobject and ical.js.

ical.js is Mozilla's parser, the one Thunderbird uses; ``tests/js`` pins it
(``package.json`` and ``package-lock.json``) and ``read_ics.mjs`` prints what it
reads as JSON. The test installs it with ``npm ci`` when ``node_modules`` is missing
and skips, saying so, when Node.js is not installed (``.ci/run`` installs it).

Every event's start and end in UTC must be the agenda JSON's, across the switches to
and from summer time, and text with ``;``, ``,``, ``\\`` and line breaks must come back
as it was written (RFC 5545, 3.3.11).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from strategy_kit.check.validate import load_document
from strategy_kit.compute.timing import Plan, plan
from strategy_kit.present.agenda import Options, render_ics, render_json

pytestmark = pytest.mark.slow

JS = Path(__file__).parent / "js"

TITLE = 'Werkstatt; Teil 1, "digital" \\ C:\\neu'
VENUE = "Rathaus; Saal 2, Markt 1 \\ Eingang B"
DESCRIPTION = "Erste Zeile; mit Semikolon,\nzweite Zeile \\ mit Backslash\n\\n bleibt \\n"

DOCUMENT = f"""\
version: 1
municipality: {{name: Stadt Musterhausen, state: Bayern}}
workshop:
  title: {json.dumps(TITLE)}
  organiser: Beratung
  goal: Ziel
  venue: {json.dumps(VENUE)}
  timezone: Europe/Berlin
participants:
  - {{id: dsb, role: Datenschutz, functions: [data-protection-officer]}}
  - {{id: pr, role: Personalrat, functions: [staff-council]}}
  - {{id: gb, role: Gleichstellung, functions: [equality-officer]}}
days:
  - date: 2027-03-28
    start: "01:30"
    end: "06:00"
    title: Frühling; vor
    blocks:
      - id: nacht
        title: Nacht, kurz
        goal: Über die Umstellung
        sessions:
          - {{id: lang, title: {json.dumps(TITLE)}, duration: 2h, description: {json.dumps(DESCRIPTION)}}}
          - {{id: pause, title: Pause, duration: 30m, kind: break}}
  - date: 2027-10-31
    start: "01:30"
    end: "24:00"
    blocks:
      - id: herbst
        title: Herbst
        goal: Über die Umstellung zurück
        sessions:
          - {{id: eins, title: Eins; a\\b, duration: 1h30m}}
          - {{id: zwei, title: Zwei, duration: 1h}}
"""


@pytest.fixture(scope="module")
def timetable(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    path = tmp_path_factory.mktemp("ics") / "w.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    loaded = load_document(path)
    assert loaded.document is not None
    return plan(loaded.document, data=loaded.data, name=str(path))


def utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected(timetable: Plan, mode: str) -> list[dict[str, Any]]:
    """Per event: start and end in UTC as the agenda JSON says, summary and location."""
    data = json.loads(render_json(timetable, Options()))
    events = []
    for day in data["days"]:
        if mode == "per-day":
            title = f"{TITLE}: {day['title']}" if day["title"] else TITLE
            spans = [(day["start"], day["shown_end"], title)]
        else:
            spans = [
                (s["start"], s["end"], s["title"]) for b in day["blocks"] for s in b["sessions"]
            ]
        for start, end, summary in spans:
            events.append(
                {
                    "start": utc(dt.datetime.fromisoformat(start)),
                    "end": utc(dt.datetime.fromisoformat(end)),
                    "summary": summary,
                    "location": VENUE,
                }
            )
    return events


def read_icalendar(data: bytes) -> dict[str, Any]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    events = [
        {
            "start": utc(event.decoded("dtstart")),
            "end": utc(event.decoded("dtend")),
            "summary": str(event["summary"]),
            "location": str(event["location"]),
            "description": str(event["description"]),
        }
        for event in calendar.walk("VEVENT")
    ]
    return {"name": str(calendar["X-WR-CALNAME"]), "events": events}


def read_vobject(data: bytes) -> dict[str, Any]:
    import vobject

    # vobject keeps the first VTIMEZONE it read for a TZID for the whole process
    # (vobject.icalendar's registry), and the other tests' calendars of 2018 and 2019
    # know no switch in 2027: read this file as a fresh reader would.
    registry: dict[str, Any] = vars(vobject.icalendar)["__tzidMap"]
    saved = dict(registry)
    registry.clear()
    registry["UTC"] = saved["UTC"]
    try:
        calendar = vobject.readOne(data.decode("utf-8"))
    finally:
        registry.clear()
        registry.update(saved)
    events = [
        {
            "start": utc(event.dtstart.value),
            "end": utc(event.dtend.value),
            "summary": event.summary.value,
            "location": event.location.value,
            "description": event.description.value,
        }
        for event in calendar.vevent_list
    ]
    return {"name": calendar.contents["x-wr-calname"][0].value, "events": events}


def read_ical_js(data: bytes, tmp_path: Path) -> dict[str, Any]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Node.js is not installed (apt-get install nodejs npm); ical.js cannot run")
    if not (JS / "node_modules" / "ical.js").is_dir():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=JS,
            check=True,
            capture_output=True,
            timeout=300,
        )
    path = tmp_path / "agenda.ics"
    path.write_bytes(data)
    result = subprocess.run(
        [node, JS / "read_ics.mjs", path], check=True, capture_output=True, timeout=120
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    for event in parsed["events"]:
        del event["uid"]
    return parsed


@pytest.mark.parametrize("mode", ["per-session", "per-day"])
def test_three_readers_see_the_agendas_times_and_texts(
    timetable: Plan, mode: str, tmp_path: Path
) -> None:
    data = render_ics(timetable, Options(ics_mode=mode))
    want = expected(timetable, mode)
    readers = {
        "icalendar": read_icalendar(data),
        "vobject": read_vobject(data),
        "ical.js": read_ical_js(data, tmp_path),
    }
    for name, seen in readers.items():
        assert seen["name"] == TITLE, name
        shown = [{k: e[k] for k in ("start", "end", "summary", "location")} for e in seen["events"]]
        assert shown == want, name
    descriptions = [
        [e["description"] for e in seen["events"]] for seen in readers.values()
    ]
    assert descriptions[0] == descriptions[1] == descriptions[2]
    if mode == "per-session":
        assert DESCRIPTION.strip() in descriptions[0][0]


def test_the_test_document_crosses_both_switches_and_ends_at_24_00(timetable: Plan) -> None:
    first, second = timetable.days
    assert first.sessions[0].start.utcoffset() != first.sessions[0].end.utcoffset()
    assert second.sessions[0].end.fold == 1  # ends in the repeated hour
    assert utc(second.planned_end) == "2027-10-31T23:00:00Z"
