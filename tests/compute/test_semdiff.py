"""The semantic diff between committed versions of the example strategy repository."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.gitrepo import EXAMPLES, Repo, needs_git

from strategy_kit.check.repository import Repository, load_revision, load_worktree
from strategy_kit.compute.prioritise import ranks
from strategy_kit.compute.semdiff import Change, diff, names
from strategy_kit.document.model import Criterion, Project
from strategy_kit.present.semdiff import to_json, to_markdown, to_text

pytestmark = needs_git

STRATEGY = "strategy.yaml"
KICKOFF = "workshops/2019-03-auftakt.yaml"
SPRINT = "workshops/2019-05-konkretisierung.yaml"


def second_version(repo: Repo) -> None:
    """What a year of work does to the strategy: the edits the diff must find, one by one."""
    repo.edit(STRATEGY, "title: Mobilität\n", "title: Smarte Mobilität\n")
    repo.edit(STRATEGY, "  - id: mobiles-arbeiten\n    title: Mobiles Arbeiten\n", "")
    repo.edit(STRATEGY, "fields: [infrastruktur, mobiles-arbeiten]", "fields: [infrastruktur]")
    repo.edit(
        STRATEGY,
        "  - id: mobilitaet\n",
        "  - id: bildung\n    title: Digitale Bildung\n  - id: mobilitaet\n",
    )
    # Datenaustausch moves from candidate to prioritised and is scored higher.
    repo.edit(
        STRATEGY,
        "    status: candidate\n"
        "    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3}\n    votes: 7\n",
        "    status: prioritised\n"
        "    scores: {wirkung: 5, dringlichkeit: 5, aufwand: 3}\n    votes: 9\n"
        "    next_steps:\n      - action: Datenschutzkonzept abstimmen\n        owner: fb1\n"
        "        due: 2019-12-31\n",
    )
    repo.edit(STRATEGY, "        due: 2019-05-31\n", "        due: 2019-07-31\n")
    # The WLAN idea leaves the kick-off's idea pool and becomes a candidate of the portfolio.
    repo.edit(
        KICKOFF,
        "  - id: wlan-schulen\n    title: WLAN in allen Schulen\n    fields: [infrastruktur]\n"
        "    status: idea\n    votes: 6\n",
        "",
    )
    (repo.root / STRATEGY).write_text(
        (repo.root / STRATEGY).read_text(encoding="utf-8")
        + "  - id: wlan-schulen\n    title: WLAN in allen Schulen\n"
        "    fields: [infrastruktur, bildung]\n"
        "    lead: fb3\n    status: candidate\n    votes: 6\n",
        encoding="utf-8",
    )
    # The first follow-up moves by a week and gains a council member (named, without consent).
    repo.edit(SPRINT, "date: 2019-05-14", "date: 2019-05-21")
    repo.edit(
        SPRINT,
        "  - id: ratsmitglied\n",
        "  - id: erika-muster\n    role: Ratsmitglied\n"
        "    name: Erika Muster\n    email: erika@example.org\n"
        "  - id: ratsmitglied\n",
    )


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Repo, str, str]]:
    """Two commits of the example repository; read-only for the tests, so built once."""
    root = tmp_path_factory.mktemp("history") / "strategie"
    shutil.copytree(EXAMPLES / "strategy-repo", root)
    with pytest.MonkeyPatch.context() as monkeypatch:
        repo = Repo(root, monkeypatch)
        first = repo.commit("Strategie nach dem Auftakt", "2019-04-01")
        second_version(repo)
        assert all(r.diagnostics == [] for r in load_worktree([root])), "the edit must stay valid"
        second = repo.commit("Stand nach dem ersten Folgeworkshop", "2019-06-01")
        monkeypatch.chdir(root)
        yield repo, first, second


@functools.cache
def at(rev: str, *paths: str) -> Repository:
    return Repository.from_results(load_revision(rev, [Path(p) for p in paths or ["."]]))


def test_diff_of_the_repository_item_by_item(history: tuple[Repo, str, str]) -> None:
    _, first, second = history
    changes = diff(at(first), at(second))
    assert changes == [
        Change("fields", "field-added", "bildung", "Digitale Bildung"),
        Change(
            "fields",
            "field-renamed",
            "mobilitaet",
            "Smarte Mobilität",
            "Mobilität",
            "Smarte Mobilität",
        ),
        Change("fields", "field-removed", "mobiles-arbeiten", "Mobiles Arbeiten"),
        Change(
            "projects",
            "fields-changed",
            "infrastruktur-zukunft",
            "Zukunftsfähige Infrastruktur",
            ["infrastruktur", "mobiles-arbeiten"],
            ["infrastruktur"],
        ),
        Change(
            "projects",
            "status-changed",
            "datenaustausch",
            "Datenaustausch",
            "candidate",
            "prioritised",
        ),
        Change(
            "projects", "score-changed", "datenaustausch", "Datenaustausch", 3, 5, "dringlichkeit"
        ),
        Change("projects", "score-changed", "datenaustausch", "Datenaustausch", 4, 5, "wirkung"),
        Change("projects", "votes-changed", "datenaustausch", "Datenaustausch", 7, 9),
        Change(
            "projects",
            "status-changed",
            "wlan-schulen",
            "WLAN in allen Schulen",
            "idea",
            "candidate",
        ),
        Change(
            "projects",
            "fields-changed",
            "wlan-schulen",
            "WLAN in allen Schulen",
            ["infrastruktur"],
            ["infrastruktur", "bildung"],
        ),
        # Stadtportal is in progress on both sides: not ranked, no rank to change.
        Change("projects", "rank-changed", "datenaustausch", "Datenaustausch", 2, 1),
        Change(
            "projects",
            "rank-changed",
            "infrastruktur-zukunft",
            "Zukunftsfähige Infrastruktur",
            1,
            2,
        ),
        Change(
            "next-steps",
            "next-step-added",
            "datenaustausch",
            "Datenaustausch",
            None,
            dt.date(2019, 12, 31),
            "Datenschutzkonzept abstimmen (Fachbereich 1: Zentrale Dienste und Finanzen)",
        ),
        Change(
            "dates",
            "date-changed",
            SPRINT,
            "Workshop: Projekte konkretisieren",
            [dt.date(2019, 5, 14)],
            [dt.date(2019, 5, 21)],
            "days",
        ),
        Change(
            "dates",
            "date-changed",
            "infrastruktur-zukunft",
            "Zukunftsfähige Infrastruktur",
            dt.date(2019, 5, 31),
            dt.date(2019, 7, 31),
            "step:IT-Infrastruktur der Standorte erfassen",
        ),
        Change(
            "participants", "role-count", "Ratsmitglied", "Workshop: Projekte konkretisieren", 1, 2
        ),
    ]


def test_a_single_file_at_two_revisions(history: tuple[Repo, str, str]) -> None:
    _, first, second = history
    changes = diff(at(first, KICKOFF), at(second, KICKOFF))
    kinds = [(c.kind, c.subject) for c in changes]
    # Seen from the kick-off alone, the idea left this file for the strategy it refers to.
    assert ("status-changed", "wlan-schulen") in kinds
    assert ("field-renamed", "mobilitaet") in kinds
    assert not any(c.section == "participants" for c in changes)


def test_no_changes_between_equal_versions(history: tuple[Repo, str, str]) -> None:
    _, _, second = history
    assert diff(at(second), at("HEAD")) == []
    assert "Keine inhaltlichen Änderungen." in to_text([])


def test_outputs_name_roles_never_people(history: tuple[Repo, str, str]) -> None:
    _, first, second = history
    changes = diff(at(first), at(second))
    for text in (to_text(changes), to_markdown(changes), to_json(changes), to_text(changes, "en")):
        assert "Ratsmitglied" in text
        assert "Erika" not in text and "erika" not in text


def test_text_reads_like_a_change_list(history: tuple[Repo, str, str]) -> None:
    _, first, second = history
    before, after = at(first), at(second)
    text = to_text(diff(before, after), old=first[:7], new=second[:7], names=names(before, after))
    assert "  umbenannt: Mobilität → Smarte Mobilität\n" in text
    assert "  Datenaustausch: Status Kandidat → priorisiert\n" in text
    assert "  Datenaustausch: Rang 2 → 1\n" in text
    assert "  Workshoptage (Workshop: Projekte konkretisieren): 14. Mai 2019 → 21. Mai 2019\n" in text
    assert (
        "  Schritt IT-Infrastruktur der Standorte erfassen (Zukunftsfähige Infrastruktur):" in text
    )
    # Criteria and fields of action by their titles, not their ids.
    assert "  Datenaustausch: Bewertung Dringlichkeit 3 → 5\n" in text
    assert "  WLAN in allen Schulen: Handlungsfelder Infrastruktur → Infrastruktur, Digitale Bildung\n" in text
    assert "dringlichkeit" not in text and "(datenaustausch)" not in text
    english = to_text(diff(before, after), "en", names=names(before, after))
    assert "  Datenaustausch: status candidate → prioritised\n" in english


def test_diff_ranks_follow_weights_directions_and_knockouts() -> None:
    criteria = [
        Criterion(id="wirkung", title="Wirkung", weight=3),
        Criterion(id="aufwand", title="Aufwand", weight=1, direction="cost"),
        Criterion(id="machbar", title="Machbar", knockout=True, scale={"min": 0, "max": 1}),
    ]
    projects = [
        Project(id="a", title="A", scores={"wirkung": 4, "aufwand": 1, "machbar": 1}),
        Project(id="b", title="B", scores={"wirkung": 5, "aufwand": 5, "machbar": 1}),
        Project(id="c", title="C", scores={"wirkung": 5, "aufwand": 0, "machbar": 0}),
        Project(id="d", title="D", scores={"wirkung": 4, "aufwand": 1, "machbar": 1}, votes=3),
        Project(id="e", title="E"),
        Project(id="f", title="F", scores={"wirkung": 5, "aufwand": 1, "machbar": 1}, status="dropped"),
        Project(id="g", title="G", scores={"wirkung": 5, "machbar": 1}),
    ]
    # a: (3*.8 + .8)/4 = .8, b: (3*1 + 0)/4 = .75, d = a but more votes; c knocked out,
    # e and g miss scores (unranked, as in the report), f dropped.
    assert ranks(projects, criteria, None) == {"d": 1, "a": 2, "b": 3}


def test_titles_cannot_reach_the_terminal_or_break_the_markdown_list() -> None:
    change = Change("projects", "project-added", "p", "Evil\x1b[2J\nsecond line\n\n- item", new="idea")
    text = to_text([change])
    assert "\x1b" not in text and "Evil[2J second line - item" in text  # ESC dropped, breaks spaced
    markdown = to_markdown([change])
    assert [line for line in markdown.splitlines() if line.startswith("- ")] == [
        "- neu: Evil\\[2J second line - item, Status Idee"
    ]


def test_indicator_values_and_milestones_reached_are_changes() -> None:
    """The yearly report reads them from the history; the diff says them as well."""
    from strategy_kit.compute.semdiff import Snapshot, compare, snapshot

    def project(actual: float | None, done: bool, ranks: bool = True) -> Project:
        return Project.model_validate(
            {
                "id": "portal",
                "title": "Portal",
                "indicators": [
                    {"title": "Online-Leistungen", "actual": actual},
                    {"title": "Zufriedenheit", "actual": 3},
                ],
                "milestones": [
                    {"date": dt.date(2020, 3, 31), "title": "Anbieter gewählt", "done": True},
                    {"date": dt.date(2020, 10, 1), "title": "Online", "done": done},
                ],
            }
        )

    changes = compare(
        Snapshot(projects={"portal": project(None, False)}),
        Snapshot(projects={"portal": project(12.5, True)}),
    )
    assert changes == [
        Change("projects", "indicator-changed", "portal", "Portal", None, 12.5, "Online-Leistungen"),
        Change("projects", "milestone-done", "portal", "Portal", new=dt.date(2020, 10, 1), detail="Online"),
    ]
    # Unchanged values and a milestone reached before are no change; nor is one undone.
    assert compare(
        Snapshot(projects={"portal": project(12.5, True)}),
        Snapshot(projects={"portal": project(12.5, False)}),
    ) == []
    repo = Repository(strategies={})
    assert snapshot(repo, ranked=False).ranks == {}
