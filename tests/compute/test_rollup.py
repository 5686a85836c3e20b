"""The roll-up of the example strategy repository against figures computed by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategy_kit.check.repository import ProjectEntry, Repository, load_worktree
from strategy_kit.compute.progress import project_progress
from strategy_kit.compute.rollup import Rollup, rollup, tree_order
from strategy_kit.compute.traffic import Cause, Light
from strategy_kit.document.model import Project, Status
from strategy_kit.present.rollup import to_dict

TODAY = dt.date(2019, 10, 1)


@pytest.fixture(scope="module")
def result() -> Rollup:
    examples = Path(__file__).resolve().parents[2] / "examples" / "strategy-repo"
    return rollup(Repository.from_results(load_worktree([examples])), TODAY)


def test_projects_per_status(result: Rollup) -> None:
    # strategy.yaml: 6 projects; kick-off: 2 ideas; May: 1 sub-project; September: 2.
    assert {s.value: n for s, n in result.by_status.items()} == {
        "idea": 2,  # digitale-ratsarbeit, wlan-schulen
        "candidate": 2,  # datenaustausch, mobilitaetsdaten
        "prioritised": 1,  # smarte-mobilitaet
        "planned": 2,  # infrastruktur-zukunft, online-bezahlen
        "in-progress": 2,  # stadtportal, online-antraege
        "done": 1,  # terminbuchung
        "dropped": 1,  # papierlose-verwaltung
    }


def test_projects_per_field_of_action(result: Rollup) -> None:
    rathaus = {s.value: n for s, n in result.by_field["digitales-rathaus"].items() if n}
    assert rathaus == {"idea": 1, "candidate": 1, "planned": 1, "in-progress": 2, "done": 1}
    assert sum(result.by_field["mobilitaet"].values()) == 2
    assert list(result.by_field) == [
        "infrastruktur",
        "digitales-rathaus",
        "miteinander-vernetzt",
        "personal-und-organisation",
        "nachhaltigkeit",
        "mobiles-arbeiten",
        "mobilitaet",
    ]


def test_progress_rolls_up_sub_projects_by_weight(result: Rollup) -> None:
    progress = {p.id: p.progress for p in result.projects}
    # Online-Anträge 40 % (weight 2), Terminbuchung done 100 %, Online bezahlen planned 10 %.
    assert progress["stadtportal"] == (40 * 2 + 100 + 10) / 4 == 47.5
    assert progress["smarte-mobilitaet"] == 0  # its one sub-project is a candidate
    assert progress["infrastruktur-zukunft"] == 10  # planned, no own figure
    assert progress["papierlose-verwaltung"] is None  # dropped
    # Portfolio = decided top-level projects: Stadtportal, Infrastruktur, Smarte Mobilität.
    assert result.progress == round((47.5 + 10 + 0) / 3, 1) == 19.2
    assert result.field_progress["digitales-rathaus"] == 47.5
    assert result.field_progress["personal-und-organisation"] is None


def test_what_the_figures_count(result: Rollup) -> None:
    weights = {p.id: p.weight for p in result.projects}
    # Top-level projects decided on in the portfolio, decided sub-projects in their parent.
    assert weights == {
        "stadtportal": 1,
        "online-antraege": 2,
        "terminbuchung": 1,
        "online-bezahlen": 1,
        "infrastruktur-zukunft": 1,
        "smarte-mobilitaet": 1,
        "mobilitaetsdaten": None,  # a candidate
        "datenaustausch": None,
        "digitale-ratsarbeit": None,
        "wlan-schulen": None,
        "papierlose-verwaltung": None,
    }
    tally = result.tally
    assert (tally.counted, tally.weights, tally.sub_projects, tally.pool, tally.dropped) == (3, 3, 4, 3, 1)
    assert tally.counted + tally.sub_projects + tally.pool + tally.dropped == len(result.projects)
    assert tally.by_field == {
        "infrastruktur": 1,
        "digitales-rathaus": 1,  # the Stadtportal; its sub-projects count through it
        "miteinander-vernetzt": 1,
        "personal-und-organisation": 0,
        "nachhaltigkeit": 1,
        "mobiles-arbeiten": 1,
        "mobilitaet": 1,
    }


def test_a_measure_shows_the_light_of_its_late_sub_project(result: Rollup) -> None:
    lights = {p.id: p.light for p in result.projects}
    assert lights["stadtportal"].light is Light.AT_RISK  # on track on its own
    assert (lights["stadtportal"].cause, lights["stadtportal"].project) == (Cause.SUB_PROJECT, "online-bezahlen")
    assert lights["smarte-mobilitaet"].cause is Cause.STEP  # its sub-project is a candidate without dates


def test_overdue_steps_name_units_not_people(result: Rollup) -> None:
    assert [(o.project, o.due, o.days, o.owner) for o in result.overdue] == [
        (
            "infrastruktur-zukunft",
            dt.date(2019, 5, 31),
            123,
            "Fachbereich 1: Zentrale Dienste und Finanzen",
        ),
        (
            "online-bezahlen",
            dt.date(2019, 8, 31),
            31,
            "Fachbereich 1: Zentrale Dienste und Finanzen",
        ),
        ("smarte-mobilitaet", dt.date(2019, 9, 30), 1, "Fachbereich 4: Planen, Bauen und Umwelt"),
    ]


def test_overdue_depends_on_today() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples" / "strategy-repo"
    repo = Repository.from_results(load_worktree([examples]))
    assert rollup(repo, dt.date(2019, 5, 31)).overdue == []
    # The dropped project's step (due 31 Oct) never counts; done steps neither.
    assert len(rollup(repo, dt.date(2020, 1, 1)).overdue) == 3


def test_sub_projects_follow_their_parent(result: Rollup) -> None:
    ids = [p.id for p in result.projects]
    assert ids[:5] == [
        "stadtportal",
        "online-antraege",
        "terminbuchung",
        "online-bezahlen",
        "infrastruktur-zukunft",
    ]
    assert ids.index("mobilitaetsdaten") == ids.index("smarte-mobilitaet") + 1


def test_workshops_in_date_order(result: Rollup) -> None:
    assert [w[2] for w in result.workshops] == [
        dt.date(2019, 3, 5),
        dt.date(2019, 5, 14),
        dt.date(2019, 9, 17),
    ]


def test_json_shape(result: Rollup) -> None:
    data = to_dict(result)
    assert data["progress"] == 19.2 and data["today"] == "2019-10-01"
    assert data["overdue"][0]["due"] == "2019-05-31"
    assert data["projects"][0]["children"] == [
        "online-antraege",
        "terminbuchung",
        "online-bezahlen",
    ]


def entry(pid: str, **values: object) -> ProjectEntry:
    return ProjectEntry(
        Project.model_validate({"id": pid, "title": pid.upper(), "fields": ["f"], **values}), "x"
    )


def test_progress_prefers_children_and_skips_dropped_ones() -> None:
    entries = [
        entry("a", status="in-progress", progress=90),
        entry("b", parent="a", status="in-progress", progress=20, weight=3),
        entry("c", parent="a", status="done"),
        entry("d", parent="a", status="dropped", progress=0),
        entry("e", status="idea"),
    ]
    progress = project_progress(e.project for e in entries)
    assert progress["a"] == (20 * 3 + 100) / 4
    assert progress["d"] is None and progress["e"] == 0


def test_cycle_across_files_does_not_hang() -> None:
    entries = [entry("a", parent="b", status="planned"), entry("b", parent="a", status="done")]
    progress = project_progress(e.project for e in entries)
    assert set(progress) == {"a", "b"}
    assert [e.project.id for e in tree_order(entries)] == ["a", "b"]


def test_statuses_cover_the_model() -> None:
    from strategy_kit.compute.progress import STATUS_PROGRESS

    assert set(STATUS_PROGRESS) == set(Status) - {Status.DROPPED}
