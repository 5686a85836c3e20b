"""Every read-only command survives any valid document.

The promise is that a user never sees a traceback, whatever the input. ``check``
is fuzzed with broken files elsewhere; here Hypothesis builds documents that are
valid by construction (and checked to be), with the shapes that real files
rarely have: nothing but the required keys, empty days and blocks, one
criterion, ties everywhere, every project knocked out, tiny and huge weights,
negative scales, titles full of markup, emoji, right-to-left text and control
characters. Then plan (every format), report (every format) and rank run
in-process with exceptions let through, and must end with status 0 or 1; diff,
fmt and the editing commands must leave the file valid. Named edge cases at the
end pin the shapes Hypothesis may not draw on a short run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from strategy_kit.check.validate import check_source
from strategy_kit.files.source import decode

Invoke = Callable[..., Result]

#: Titles that have broken renderers elsewhere: markup of every output format,
#: template syntax, bidirectional text, emoji, control characters, length.
NASTY = [
    "{{ 7 * 7 }} {% raw %}",
    "[/] [bold red]rich markup[/bold red] [link=x]",
    "<script>alert(1)</script>",
    "a | b | c",
    "`code` ``x`` ```",
    "line one\nline two\n\n- item",
    "ضعف الإنترنت في المدينة",
    "עברית \u202e מימין לשמאל",
    "🏛️ Rathaus 👩‍💻 digital 🇩🇪",
    "tab\there\x07bell\x1bescape\x7f",
    "# heading * star _under_ [link](x) \\",
    "BEGIN:VEVENT\r\nSUMMARY:x;,",
    "&amp; &lt; \" ' %s {0}",
    "x" * 600,
    " leading and trailing ",
    "Ä" * 3,
]
title = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1, max_size=40),
)
slug = st.from_regex(r"\A[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?\Z")
clock = st.one_of(
    st.sampled_from(["00:00", "23:59", "12:30"]),
    st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
)
duration = st.one_of(st.sampled_from(["1m", "5m", "24h", "1h30m"]), st.integers(1, 300).map(lambda m: f"{m}m"))
weight = st.sampled_from([0.001, 0.5, 1, 3, 1e6, 1e12])
scale = st.sampled_from([None, {"min": 0, "max": 5}, {"min": -5, "max": 5}, {"min": 1, "max": 10}, {"min": 0, "max": 0.001}, {"min": -1e9, "max": 1e9}])


@st.composite
def sessions(draw: st.DrawFn, leads: list[str]) -> dict[str, Any]:
    session: dict[str, Any] = {"title": draw(title), "duration": draw(duration)}
    if draw(st.booleans()):
        session["start"] = draw(clock)
    session["kind"] = draw(st.sampled_from(["plenary", "keynote", "input", "group-work", "break", "other"]))
    if draw(st.booleans()):
        session["track"] = draw(st.sampled_from(["A", "B", "Gruppe 🅰"]))
    if leads and draw(st.booleans()):
        session["lead"] = draw(st.sampled_from(leads))
    if draw(st.booleans()):
        session["internal"] = True
    if draw(st.booleans()):
        session.update(outputs=[draw(title)], method=draw(title), description=draw(title))
    return session


@st.composite
def days(draw: st.DrawFn, leads: list[str]) -> list[dict[str, Any]]:
    dates = draw(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), max_size=3, unique=True))
    result = []
    for index, date in enumerate(sorted(dates)):
        start, end = sorted(draw(st.lists(clock, min_size=2, max_size=2, unique=True)))
        day: dict[str, Any] = {"date": date.isoformat(), "start": start, "end": end}
        if draw(st.booleans()):
            day["title"] = draw(title)
        blocks = []
        for number in range(draw(st.integers(0, 3))):
            block: dict[str, Any] = {"id": f"b{index}-{number}", "title": draw(title)}
            if draw(st.booleans()):
                block.update(goal=draw(title), results=[draw(title)])
            count = draw(st.sampled_from([0, 1, 3, 25]))
            if count or draw(st.booleans()):
                block["sessions"] = [draw(sessions(leads)) for _ in range(count)]
            blocks.append(block)
        if blocks or draw(st.booleans()):
            day["blocks"] = blocks
        result.append(day)
    return result


@st.composite
def criteria(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = draw(st.lists(slug, max_size=3, unique=True))
    result = []
    for cid in ids:
        criterion: dict[str, Any] = {"id": cid, "title": draw(title), "weight": draw(weight)}
        chosen = draw(scale)
        if chosen is not None:
            criterion["scale"] = chosen
        criterion["direction"] = draw(st.sampled_from(["benefit", "cost"]))
        if draw(st.booleans()):
            criterion["knockout"] = True
            if draw(st.booleans()):
                low, high = (chosen or {"min": 0, "max": 5}).values()
                criterion["threshold"] = draw(st.sampled_from([low, high, (low + high) / 2]))
        result.append(criterion)
    return result


def score_for(draw: st.DrawFn, criterion: dict[str, Any]) -> float:
    low, high = criterion.get("scale", {"min": 0, "max": 5}).values()
    return draw(st.sampled_from([low, high, low, (low + high) / 2]))


def participant(draw: st.DrawFn, pid: str, departments: list[str]) -> dict[str, Any]:
    person: dict[str, Any] = {"id": pid, "role": draw(title), "name": draw(title), "public": draw(st.booleans())}
    if departments and draw(st.booleans()):
        person["department"] = draw(st.sampled_from(departments))
    if draw(st.booleans()):
        person["functions"] = draw(st.lists(st.sampled_from(["mayor", "staff-council", "it", "facilitator"]), unique=True))
        person["email"] = "a.b@example.org"
        person["organisation"] = draw(title)
    return person


def extras(draw: st.DrawFn, project: dict[str, Any], owners: list[str], earlier: list[str]) -> None:
    """The optional parts of a measure sheet, each with unusual values."""
    project.update(goal=draw(title), description=draw(title), stakeholders=[draw(title)])
    project["horizon"] = draw(st.sampled_from(["short", "medium", "long"]))
    project["priority"] = draw(st.sampled_from(["high", "medium", "low"]))
    project["funding"] = {
        "budget": draw(st.sampled_from([0, 0.01, 1e15])),
        "sources": [{"kind": "grant", "name": draw(title), "amount": draw(st.sampled_from([0, 123456.789]))}],
        "note": draw(title),
    }
    project["indicators"] = [
        {"title": draw(title), "unit": draw(st.sampled_from(["%", "€", "|", ""])), "baseline": -1.5, "target": 0, "actual": 1e9}
    ]
    project["progress"] = draw(st.sampled_from([0, 50, 100]))
    if owners:
        project["lead"] = draw(st.sampled_from(owners))
        project["next_steps"] = [
            {"action": draw(title), "owner": draw(st.sampled_from(owners)), "due": draw(st.dates()).isoformat(), "done": draw(st.booleans())}
        ]
    if earlier and draw(st.booleans()):
        project["parent"] = draw(st.sampled_from(earlier))
        project["weight"] = draw(weight)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": 1,
        "municipality": {"name": draw(title), "state": "Bayern"},
        "workshop": {"title": draw(title), "organiser": draw(title), "goal": draw(title)},
    }
    if draw(st.booleans()):
        doc["workshop"]["language"] = draw(st.sampled_from(["de", "en"]))
    if draw(st.booleans()):
        doc["workshop"].update(venue=draw(title), description=draw(title), kind=draw(st.sampled_from(["design-sprint", "other"])))
    departments = draw(st.lists(slug.map(lambda s: "d-" + s), max_size=2, unique=True))
    if departments:
        doc["departments"] = [{"id": did, "name": draw(title)} for did in departments]
    people = draw(st.lists(slug, max_size=3, unique=True))
    if people:
        doc["participants"] = [participant(draw, pid, departments) for pid in people]
        if draw(st.booleans()):
            doc["workshop"]["facilitators"] = [people[0]]
    if draw(st.booleans()):
        doc["days"] = draw(days(people))
    fields = draw(st.lists(slug, max_size=3, unique=True))
    if fields:
        doc["fields_of_action"] = [{"id": fid, "title": draw(title)} for fid in fields]
        if draw(st.booleans()):
            doc["fields_of_action"][0]["maturity"] = {"current": draw(st.integers(0, 5)), "target": draw(st.integers(0, 5))}
    crits = draw(criteria())
    if crits:
        doc["criteria"] = crits
    if fields:
        projects = []
        for pid in draw(st.lists(slug.map(lambda s: "p-" + s), max_size=4, unique=True)):
            project: dict[str, Any] = {"id": pid, "title": draw(title), "fields": [draw(st.sampled_from(fields))]}
            scored = [c for c in crits if draw(st.booleans())]
            if scored:
                project["scores"] = {c["id"]: score_for(draw, c) for c in scored}
            if draw(st.booleans()):
                project["votes"] = draw(st.sampled_from([0, 1, 5, 10**9]))
            project["status"] = draw(
                st.sampled_from(["idea", "candidate", "prioritised", "planned", "in-progress", "done", "dropped"])
            )
            if draw(st.booleans()):
                project["internal"] = True
            if draw(st.booleans()):
                extras(draw, project, [*people, *departments], [p["id"] for p in projects])
            projects.append(project)
        if projects:
            doc["projects"] = projects
    if draw(st.booleans()):
        doc["follow_ups"] = [
            {"title": draw(title), "date": draw(st.dates()).isoformat(), "audience": draw(title), "internal": draw(st.booleans())}
        ]
    if crits and draw(st.booleans()):
        doc["report"] = {
            "impact": draw(st.sampled_from(crits))["id"],
            "effort": draw(st.sampled_from(crits))["id"],
            "votes": draw(st.sampled_from(["tie-breaker", "criterion"])),
            "public": draw(st.booleans()),
        }
    return doc


#: Characters YAML refuses even inside quotes unless escaped (DEL, C1 controls, non-characters).
NOT_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")


def as_yaml(doc: dict[str, Any]) -> str:
    """JSON is YAML; escape what YAML would refuse so every title reaches the commands."""
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_valid(text: str) -> bool:
    result = check_source(decode(text.encode("utf-8"), "fuzz.yaml"))
    return result.document is not None and not any(d.severity == "error" for d in result.diagnostics)


def valid_file(doc: dict[str, Any], directory: Path) -> Path:
    """Write the document and skip the example unless it checks clean of errors."""
    text = as_yaml(doc)
    assume(is_valid(text))
    path = directory / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    return path


#: Modest by default to keep the suite fast; raise it to hunt (e.g. 300 on a quiet machine).
EXAMPLES = int(os.environ.get("STRATEGY_KIT_FUZZ_EXAMPLES", "6"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.slow
@SETTINGS
@given(doc=documents(), lang=st.sampled_from(["de", "en"]), public=st.sampled_from(["--public", "--internal"]))
def test_plan_survives_any_valid_document(cli: Invoke, tmp_path: Path, doc: dict[str, Any], lang: str, public: str) -> None:
    path = valid_file(doc, tmp_path)
    for fmt in ("text", "md", "html", "ics", "json"):
        result = cli("plan", path, "-f", fmt, "--lang", lang, public)
        assert result.exit_code in (0, 1), (fmt, result.output)
    assert cli("plan", path, "-f", "ics", "--ics", "per-day").exit_code in (0, 1)


@pytest.mark.slow
@SETTINGS
@given(doc=documents(), lang=st.sampled_from(["de", "en"]), public=st.sampled_from(["--public", "--internal"]))
def test_report_and_rank_survive_any_valid_document(
    cli: Invoke, tmp_path: Path, doc: dict[str, Any], lang: str, public: str
) -> None:
    path = valid_file(doc, tmp_path)
    for fmt in ("html", "md", "json"):
        result = cli("report", path, "-f", fmt, "--lang", lang, public)
        assert result.exit_code in (0, 1), (fmt, result.output)
    result = cli("rank", path, "--lang", lang, public)
    assert result.exit_code in (0, 1), result.output


@pytest.mark.slow
@SETTINGS
@given(doc=documents(), lang=st.sampled_from(["de", "en"]))
def test_diff_fmt_and_edits_survive_any_valid_document(cli: Invoke, tmp_path: Path, doc: dict[str, Any], lang: str) -> None:
    path = valid_file(doc, tmp_path)
    for fmt in ("text", "md", "json"):
        result = cli("diff", path, path, "-f", fmt, "--lang", lang, "--exit-code")
        assert result.exit_code == 0, (fmt, result.output)
    for fmt in ("table", "html"):
        result = cli("status", tmp_path, "-f", fmt, "--today", "2050-01-01")
        assert result.exit_code in (0, 1), (fmt, result.output)
    assert cli("fmt", path).exit_code == 0
    assert cli("fmt", path, "--check").exit_code == 0
    for project in doc.get("projects", [])[:2]:  # each edit checks the whole file twice
        assert cli("vote", path, project["id"], "+1").exit_code in (0, 1)
        assert cli("status", path, project["id"], "dropped").exit_code in (0, 1)
        for criterion in doc.get("criteria", [])[:2]:
            low = criterion.get("scale", {"min": 0})["min"]
            result = cli("score", path, project["id"], f"{criterion['id']}={low}", "--dry-run")
            assert result.exit_code in (0, 1), result.output
    assert cli("add", "participant", path, "--role", "Gast 🎉 | <b>").exit_code in (0, 1)
    assert cli("check", path).exit_code == 0, "an edit left the file invalid"


def test_the_generator_reaches_valid_documents() -> None:
    """Guard against a generator that only ever produces rejected documents."""
    found = []

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(doc=documents())
    def collect(doc: dict[str, Any]) -> None:
        result = check_source(decode(as_yaml(doc).encode("utf-8"), "fuzz.yaml"))
        if result.document is not None:
            found.append(doc)

    collect()
    if not found:
        pytest.fail("no generated document was valid")


# -- the unusual documents by name: each must pass every command, whatever Hypothesis draws ------------

REQUIRED = {
    "version": 1,
    "municipality": {"name": "Gemeinde Ö", "state": "Bayern"},
    "workshop": {"title": "T", "organiser": "O", "goal": "G"},
}
FIELDS = {"fields_of_action": [{"id": "f", "title": "F"}]}


def with_projects(criteria: list[dict[str, Any]], *scores: dict[str, float], votes: int = 0) -> dict[str, Any]:
    projects = [
        {"id": f"p{n}", "title": f"P{n}", "fields": ["f"], "votes": votes, **({"scores": s} if s else {})}
        for n, s in enumerate(scores)
    ]
    return {**REQUIRED, **FIELDS, "criteria": criteria, "projects": projects}


def day(*blocks: dict[str, Any], start: str = "09:00", end: str = "17:00") -> dict[str, Any]:
    return {"date": "2026-03-05", "start": start, "end": end, "blocks": list(blocks)}


EDGE_CASES: dict[str, dict[str, Any]] = {
    "only-required-keys": REQUIRED,
    "empty-lists": {**REQUIRED, "participants": [], "days": [], "criteria": [], "projects": [], "fields_of_action": []},
    "day-without-blocks": {**REQUIRED, "days": [day()]},
    "blocks-without-sessions": {**REQUIRED, "days": [day({"id": "a", "title": "A"}, {"id": "b", "title": "B", "sessions": []})]},
    "midnight-to-midnight": {
        **REQUIRED,
        "days": [
            day(
                {"id": "a", "title": "A", "sessions": [
                    {"title": "Start", "duration": "1m", "start": "00:00"},
                    {"title": "Spät", "duration": "1m", "start": "23:58"},
                ]},
                start="00:00", end="23:59",
            )
        ],
    },
    "many-sessions": {
        **REQUIRED,
        "days": [day({"id": "a", "title": "A", "sessions": [{"title": f"S{n}", "duration": "1m"} for n in range(60)]})],
    },
    "single-criterion-ties": with_projects([{"id": "c", "title": "C"}], {"c": 3}, {"c": 3}, {"c": 3}, votes=2),
    "all-knocked-out": with_projects(
        [{"id": "k", "title": "K", "knockout": True, "threshold": 5}, {"id": "c", "title": "C"}],
        {"k": 1, "c": 5}, {"k": 0, "c": 0},
    ),
    "tiny-and-huge-weights": with_projects(
        [{"id": "a", "title": "A", "weight": 0.001}, {"id": "b", "title": "B", "weight": 1e300}],
        {"a": 5, "b": 0}, {"a": 0, "b": 5},
    ),
    "negative-scale-cost": with_projects(
        [{"id": "r", "title": "Risiko", "scale": {"min": -5, "max": 5}, "direction": "cost"}], {"r": -5}, {"r": 5}, {}
    ),
    "projects-without-scores": with_projects([{"id": "c", "title": "C"}], {}, {}),
    "votes-as-criterion": {
        **with_projects([{"id": "c", "title": "C"}], {"c": 1}, {"c": 1}, votes=0),
        "report": {"votes": "criterion", "votes_weight": 0.001, "impact": "c", "effort": "c", "public": True},
    },
    "named-participants-in-public": {
        **REQUIRED,
        "participants": [
            {"id": "a", "role": "Rolle", "name": "Erika <b>Muster</b>", "public": True, "email": "e@x.de"},
            {"id": "b", "role": "Rolle", "name": "Max | Muster", "public": False},
        ],
        "report": {"public": True},
    },
    "nasty-titles": {
        **REQUIRED,
        "workshop": {"title": "\n".join(NASTY), "organiser": NASTY[1], "goal": NASTY[2], "venue": NASTY[4]},
        **FIELDS,
        "days": [day({"id": "a", "title": NASTY[3], "goal": NASTY[6], "sessions": [
            {"title": text, "duration": "5m", "method": text, "outputs": [text]} for text in NASTY
        ]})],
        "projects": [{"id": f"p{n}", "title": text, "fields": ["f"], "goal": text} for n, text in enumerate(NASTY)],
    },
}


@pytest.mark.parametrize("name", EDGE_CASES)
def test_every_command_survives_an_unusual_document(cli: Invoke, tmp_path: Path, name: str) -> None:
    text = as_yaml(EDGE_CASES[name])
    assert is_valid(text), check_source(decode(text.encode("utf-8"), "fuzz.yaml")).diagnostics
    path = tmp_path / "edge.yaml"
    path.write_text(text, encoding="utf-8")
    for fmt in ("text", "md", "html", "ics", "json"):
        assert cli("plan", path, "-f", fmt).exit_code in (0, 1), fmt
    for fmt in ("text", "md", "html"):
        assert cli("plan", path, "-f", fmt, "--lang", "en", "--public").exit_code in (0, 1), fmt
    for fmt in ("html", "md", "json"):
        assert cli("report", path, "-f", fmt, "--public").exit_code == 0, fmt
        assert cli("report", path, "-f", fmt, "--lang", "en", "--internal").exit_code == 0, fmt
    for lang in ("de", "en"):
        assert cli("rank", path, "--lang", lang).exit_code == 0
    assert cli("diff", path, path, "--lang", "en", "-f", "md", "--exit-code").exit_code == 0
    for fmt in ("table", "md", "html"):
        assert cli("status", tmp_path, "-f", fmt).exit_code in (0, 1), fmt
    assert cli("fmt", path).exit_code == 0
