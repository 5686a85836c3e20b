"""Hostile text in every text field comes out inert in every output format.

Every free-text field of the Telgte example is replaced by a string from
:data:`tests.hostile.HOSTILE`; each output is then read by a real parser
(html5lib as a browser would, markdown-it-py, icalendar, json) and by a check
for terminal control sequences. A new format adds a row to :data:`OUTPUTS`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Invoke
from tests.hostile import (
    HOSTILE,
    hostile_document,
    html_problems,
    ics_events,
    ics_problems,
    json_problems,
    markdown_problems,
    terminal_problems,
    write,
)


@pytest.fixture(scope="module", params=[0, 19], ids=lambda n: f"offset{n}")
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rotations of the list, so each string lands in many different fields."""
    return write(hostile_document(request.param), tmp_path_factory.mktemp("hostile") / "ws.yaml")


def html(output: str) -> list[str]:
    return html_problems(output)


def text(output: str) -> list[str]:
    return terminal_problems(output)


def md(output: str) -> list[str]:
    return markdown_problems(output) + terminal_problems(output)


def js(output: str) -> list[str]:
    return json_problems(output)


#: (name, argv after the file, checker of stdout)
OUTPUTS: list[tuple[str, list[str], Callable[[str], list[str]]]] = [
    ("plan text", ["plan", "{file}", "-f", "text"], text),
    ("plan md", ["plan", "{file}", "-f", "md"], md),
    ("plan html", ["plan", "{file}", "-f", "html"], html),
    ("plan json", ["plan", "{file}", "-f", "json"], js),
    ("report html", ["report", "{file}", "-f", "html"], html),
    ("report md", ["report", "{file}", "-f", "md"], md),
    ("report json", ["report", "{file}", "-f", "json"], js),
    ("rank", ["rank", "{file}"], text),
    ("export json", ["export", "{file}", "-f", "json"], js),
    ("diff text", ["diff", str(EXAMPLES / "telgte.yaml"), "{file}"], text),
    ("diff md", ["diff", str(EXAMPLES / "telgte.yaml"), "{file}", "-f", "md"], md),
    ("diff json", ["diff", str(EXAMPLES / "telgte.yaml"), "{file}", "-f", "json"], js),
    ("check", ["check", "{file}"], text),
    ("status table", ["status", "{dir}"], text),
    ("status md", ["status", "{dir}", "-f", "md"], md),
    ("status html", ["status", "{dir}", "-f", "html"], html),
    ("status json", ["status", "{dir}", "-f", "json"], js),
    ("implementation md", ["report", "{dir}", "-f", "md"], md),
    ("implementation html", ["report", "{dir}", "-f", "html"], html),
]


@pytest.mark.parametrize("mode", ["--public", "--internal"])
@pytest.mark.parametrize(("name", "argv", "checker"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_hostile_text_is_inert(
    cli: Invoke, hostile: Path, name: str, argv: list[str], checker: Callable[[str], list[str]], mode: str
) -> None:
    args = [a.replace("{file}", str(hostile)).replace("{dir}", str(hostile.parent)) for a in argv]
    if args[0] in ("plan", "report", "rank"):
        args.append(mode)
    result = cli(*args)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    assert checker(result.stdout) == [], name


def test_the_checkers_find_what_they_look_for() -> None:
    """Each checker fails on the raw hostile strings, so an empty list above means something."""
    raw = "\n".join(HOSTILE)
    assert len(html_problems(f"<p>{raw}</p>")) >= 5
    assert markdown_problems(raw)
    assert terminal_problems(raw)
    assert json_problems("{'a': 1}")
    assert ics_problems(b"BEGIN:VCALENDAR\nSUMMARY:eingeschleust\r\n" + b"x" * 80 + b"\r\n")
    assert markdown_problems("| a | b |\n| - | - |\n| x | y | z |\n")


@pytest.mark.parametrize("mode", [["--ics", "per-session"], ["--ics", "per-day", "--public"]])
def test_hostile_text_cannot_add_or_break_calendar_events(cli: Invoke, hostile: Path, mode: list[str]) -> None:
    expected = len(ics_events(cli("plan", EXAMPLES / "telgte.yaml", "-f", "ics", *mode).stdout_bytes))
    result = cli("plan", hostile, "-f", "ics", *mode)
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert ics_problems(data) == []
    events = ics_events(data)
    assert len(events) == expected
    import vobject

    assert len(list(vobject.readOne(data.decode("utf-8")).vevent_list)) == expected
    summaries = " ".join(str(e.get("SUMMARY")) + str(e.get("DESCRIPTION", "")) for e in events)
    for needle in ("END:VEVENT", "SUMMARY:eingeschleust"):
        if needle in summaries:
            assert all(str(e.get("SUMMARY")) != "eingeschleust" for e in events)
    assert not any(str(e.get("SUMMARY")) == "eingeschleust" for e in events)


def test_json_keeps_hostile_text_exactly(cli: Invoke, hostile: Path) -> None:
    """Valid JSON that still holds the text unchanged: escaping belongs to whoever renders it."""
    data = json.loads(cli("report", hostile, "-f", "json", "--internal").stdout)
    found = json.dumps(data, ensure_ascii=False)
    assert sum(s in found for s in (json.dumps(h, ensure_ascii=False)[1:-1] for h in HOSTILE)) >= 10


def test_diagnostics_quote_user_text_without_terminal_control(cli: Invoke, tmp_path: Path) -> None:
    """An unknown id, a bad duration and an unknown key quote what the user wrote, made harmless."""
    doc = hostile_document()
    session = doc["days"][0]["blocks"][0]["sessions"][0]
    session["lead"] = "\x1b]8;;https://evil.example\x1b\\klick\x1b]8;;\x1b\\\u202e\x07"
    session["duration"] = "\x1b[2J5m"
    doc["workshop"]["\x1b[31mkey\u202e"] = 1
    doc["projects"][0]["fields"] = ["\x9b31m\x1b[1m"]
    path = write(doc, tmp_path / "bad.yaml")
    for argv in (["check", path], ["check", path, "-f", "github"], ["plan", path], ["report", path], ["rank", path]):
        result = cli(*argv)
        assert result.exit_code == 1, result.output
        assert terminal_problems(result.output) == [], (argv[0], result.output)
    result = cli("vote", path, "\x1b[31mprojekt\u202e", "+1")
    assert result.exit_code in (1, 2) and terminal_problems(result.output) == []


def test_a_date_in_hostile_document_is_not_a_string_by_accident() -> None:
    """The JSON dump turns dates into strings; the model must read them back as dates."""
    doc = hostile_document()
    assert isinstance(doc["days"][0]["date"], dt.date)
