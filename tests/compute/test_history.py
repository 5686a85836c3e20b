"""Each measure's timeline from a real repository's history, against events written by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.gitrepo import Repo, needs_git

from strategy_kit.compute.history import Event, Timeline, events_between, timeline
from strategy_kit.files.history import Revision, history

pytestmark = needs_git

HEAD = """\
version: 1
kind: strategy
municipality: {name: Stadt Beispiel, state: Nordrhein-Westfalen}
title: Digitale Strategie
vision: Eine digitale Stadt.
departments:
  - {id: fb1, name: Fachbereich 1}
fields_of_action:
  - {id: rathaus, title: Digitales Rathaus}
projects:
"""


def measure(pid: str, title: str, status: str, extra: str = "") -> str:
    return f"  - id: {pid}\n    title: {title}\n    fields: [rathaus]\n    status: {status}\n{extra}"


def portal(progress: int, actual: float, done: bool) -> str:
    return (
        f"    progress: {progress}\n"
        "    indicators:\n"
        "      - {title: Online-Leistungen, target: 50, actual: " + f"{actual}" + "}\n"
        "    milestones:\n"
        "      - {date: 2020-10-01, title: Portal online, done: " + f"{str(done).lower()}" + "}\n"
    )


@pytest.fixture
def years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Repo, list[str]]:
    """Two years of a strategy: moves, a rename of the file, a broken commit, a drop, a removal."""
    repo = Repo(tmp_path, monkeypatch)
    file = tmp_path / "strategy.yaml"

    def commit(text: str, date: str, name: str = "strategy.yaml") -> str:
        (tmp_path / name).write_text(HEAD + text, encoding="utf-8")
        return repo.commit(date, date)

    commits = [
        commit(
            measure("akte", "E-Akte", "candidate")
            + measure("portal", "Bürgerportal", "planned", portal(10, 5, False)),
            "2020-01-15",
        ),
        commit(
            measure("akte", "E-Akte", "prioritised")
            + measure("portal", "Bürgerportal", "in-progress", portal(30, 12, False)),
            "2020-03-01",
        ),
    ]
    repo.git("mv", "strategy.yaml", "strategie.yaml")
    file = tmp_path / "strategie.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("done: false", "done: true"), "utf-8")
    commits.append(repo.commit("renamed", "2020-06-01"))
    file.write_text(file.read_text(encoding="utf-8").replace("projects:\n", "projects: [\n"), "utf-8")
    commits.append(repo.commit("broken", "2020-09-01"))
    commits.append(
        commit(
            measure("akte", "E-Akte", "dropped")
            + measure("portal", "Bürgerportal mit Terminbuchung", "in-progress", portal(30, 12, True))
            + measure("wlan", "WLAN in Schulen", "idea"),
            "2021-02-01",
            "strategie.yaml",
        )
    )
    commits.append(
        commit(
            measure("akte", "E-Akte", "dropped")
            + measure("portal", "Bürgerportal mit Terminbuchung", "done", portal(100, 48, True)),
            "2021-05-01",
            "strategie.yaml",
        )
    )
    return repo, commits


def test_every_measures_timeline_over_two_years(years: tuple[Repo, list[str]]) -> None:
    repo, (first, second, renamed, broken, repaired, last) = years
    found = history(repo.root / "strategie.yaml")
    assert len(found.revisions) == 6

    result = timeline(found.revisions)

    day = dt.date.fromisoformat
    assert result.projects == {
        "akte": [
            Event(day("2020-01-15"), first, "added", "E-Akte", new="candidate"),
            Event(day("2020-03-01"), second, "status", "E-Akte", "candidate", "prioritised"),
            Event(day("2021-02-01"), repaired, "dropped", "E-Akte", "prioritised", "dropped"),
        ],
        "portal": [
            Event(day("2020-01-15"), first, "added", "Bürgerportal", new="planned"),
            Event(day("2020-03-01"), second, "status", "Bürgerportal", "planned", "in-progress"),
            Event(day("2020-03-01"), second, "progress", "Bürgerportal", 10, 30),
            Event(day("2020-03-01"), second, "indicator", "Bürgerportal", 5, 12, "Online-Leistungen"),
            Event(day("2020-06-01"), renamed, "milestone", "Bürgerportal", new=day("2020-10-01"),
                  detail="Portal online"),
            Event(day("2021-02-01"), repaired, "retitled", "Bürgerportal mit Terminbuchung",
                  "Bürgerportal", "Bürgerportal mit Terminbuchung"),
            Event(day("2021-05-01"), last, "status", "Bürgerportal mit Terminbuchung",
                  "in-progress", "done"),
            Event(day("2021-05-01"), last, "progress", "Bürgerportal mit Terminbuchung", 30, 100),
            Event(day("2021-05-01"), last, "indicator", "Bürgerportal mit Terminbuchung", 12, 48,
                  "Online-Leistungen"),
        ],
        "wlan": [
            Event(day("2021-02-01"), repaired, "added", "WLAN in Schulen", new="idea"),
            Event(day("2021-05-01"), last, "removed", "WLAN in Schulen", old="idea"),
        ],
    }
    (note,) = result.notes
    assert (note.date, note.commit) == (day("2020-09-01"), broken)
    assert note.message.startswith("strategie.yaml:11:3: error: YAML syntax"), note.message


def test_a_report_period_takes_the_events_of_its_days(years: tuple[Repo, list[str]]) -> None:
    repo, _ = years
    result = timeline(history(repo.root / "strategie.yaml").revisions)
    year = events_between(result, dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert {pid: [e.kind for e in events] for pid, events in year.items()} == {
        "akte": ["dropped"],
        "portal": ["retitled", "status", "progress", "indicator"],
        "wlan": ["added", "removed"],
    }
    # Both ends count; a period without events has no measures.
    assert [e.kind for e in events_between(result.projects, dt.date(2020, 3, 1), dt.date(2020, 6, 1))["portal"]] == [
        "status", "progress", "indicator", "milestone"
    ]
    assert events_between(result, dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == {}


def test_a_workshop_and_its_strategy_are_read_from_the_same_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path, monkeypatch)
    (tmp_path / "workshops").mkdir()
    (tmp_path / "strategy.yaml").write_text(HEAD + measure("akte", "E-Akte", "candidate"), "utf-8")
    # Valid with a warning (no data-protection officer): warnings do not keep a revision out.
    workshop = (
        "version: 1\nstrategy: ../strategy.yaml\n"
        "municipality: {name: Stadt Beispiel, state: Nordrhein-Westfalen}\n"
        "workshop: {title: Auftakt, kind: kick-off, organiser: Stadt, goal: Ideen sammeln,"
        " facilitators: [moderation]}\n"
        "participants:\n  - {id: moderation, role: Moderation, functions: [facilitator]}\n"
        "days:\n  - date: 2020-03-05\n    start: '09:00'\n    end: '10:00'\n    blocks:\n"
        "      - id: b\n        title: Auftakt\n        sessions:\n"
        "          - {id: s, title: Begrüßung, duration: 30m}\n"
        "projects:\n" + measure("idee", "Open Data", "idea")
    )
    (tmp_path / "workshops" / "auftakt.yaml").write_text(workshop, "utf-8")
    first = repo.commit("first", "2020-03-05")
    (tmp_path / "README.md").write_text("Strategie\n", "utf-8")
    repo.commit("a README, no YAML", "2020-03-20")
    text = (tmp_path / "strategy.yaml").read_text("utf-8")
    (tmp_path / "strategy.yaml").write_text(text.replace("candidate", "planned"), "utf-8")
    second = repo.commit("second", "2020-04-01")

    found = history(tmp_path)
    assert len(found.revisions) == 3
    result = timeline(found.revisions)

    assert result.notes == []
    assert result.projects == {
        "akte": [
            Event(dt.date(2020, 3, 5), first, "added", "E-Akte", new="candidate"),
            Event(dt.date(2020, 4, 1), second, "status", "E-Akte", "candidate", "planned"),
        ],
        "idee": [Event(dt.date(2020, 3, 5), first, "added", "Open Data", new="idea")],
    }


def test_no_history_is_an_empty_timeline_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "strategy.yaml").write_text(HEAD, "utf-8")
    found = history(tmp_path / "strategy.yaml")
    assert found.reason.startswith("no history: not a git repository")
    assert timeline(found.revisions) == Timeline()


def test_a_file_not_utf8_or_not_a_strategy_is_a_note_not_a_crash() -> None:
    day = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    revisions = [
        Revision("a" * 40, day, {"strategy.yaml": b"\xff\xfe"}),
        Revision("b" * 40, day, {"strategy.yaml": b"- a list\n"}),
        Revision("c" * 40, day, {"strategy.yaml": (HEAD + measure("x", "X", "idea")).encode()}),
    ]
    result = timeline(revisions)
    assert [n.commit[0] for n in result.notes] == ["a", "b"]
    assert "not UTF-8" in result.notes[0].message
    assert [e.kind for e in result.projects["x"]] == ["added"]


def test_reading_and_comparing_a_history_starts_three_git_processes(
    years: tuple[Repo, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """rev-parse, log and one cat-file; comparing starts none (the revisions' count does not matter:
    tests/files/test_history.py grows a history tenfold)."""
    import subprocess
    from typing import Any

    repo, _ = years
    started: list[str] = []
    real = subprocess.run

    def counting(args: list[str], **kwargs: Any) -> Any:
        started.append(Path(args[0]).name + " " + args[1])
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    result = timeline(history(repo.root / "strategie.yaml").revisions)
    assert len(result.projects) == 3
    assert started == ["git rev-parse", "git log", "git cat-file"]


def test_a_public_timeline_leaves_out_what_is_internal() -> None:
    def revision(actual: int, month: int) -> Revision:
        text = HEAD + measure(
            "portal", "Bürgerportal", "in-progress",
            "    indicators:\n"
            f"      - {{title: Online-Leistungen, actual: {actual}}}\n"
            f"      - {{title: Krankenstand im Team, actual: {actual}, internal: true}}\n",
        ) + measure("intern", "Interne Vorstudie", "idea", "    internal: true\n")
        return Revision(f"{month}" * 40, dt.datetime(2020, month, 1, tzinfo=dt.UTC), {"strategy.yaml": text.encode()})

    revisions = [revision(1, 1), revision(2, 2)]
    assert {e.detail for e in timeline(revisions).projects["portal"] if e.kind == "indicator"} == {
        "Online-Leistungen", "Krankenstand im Team"
    }
    public = timeline(revisions, public=True)
    assert list(public.projects) == ["portal"]
    assert [(e.kind, e.detail) for e in public.projects["portal"]] == [
        ("added", ""), ("indicator", "Online-Leistungen")
    ]


def test_a_measure_rescheduled_or_rescoped_says_so() -> None:
    """A new end date (the usual slip) and another field of action are events of the timeline."""

    def revision(end: str, fields: str, month: int) -> Revision:
        text = HEAD.replace(
            "  - {id: rathaus, title: Digitales Rathaus}\n",
            "  - {id: rathaus, title: Digitales Rathaus}\n  - {id: netz, title: Netze}\n",
        ) + (
            "  - id: portal\n    title: Bürgerportal\n    status: in-progress\n"
            f"    fields: [{fields}]\n    start: 2020-Q1\n    end: {end}\n"
        )
        return Revision(f"{month:x}" * 40, dt.datetime(2020, month, 1, tzinfo=dt.UTC), {"strategy.yaml": text.encode()})

    from strategy_kit.document.periods import Quarter

    result = timeline([revision("2020-Q4", "rathaus", 1), revision("2021-Q2", "rathaus, netz", 6)])
    events = [(e.kind, e.old, e.new) for e in result.projects["portal"] if e.kind != "added"]
    assert events == [
        ("period", (Quarter(2020, 1), Quarter(2020, 4)), (Quarter(2020, 1), Quarter(2021, 2))),
        ("fields", ["rathaus"], ["rathaus", "netz"]),
    ]
