"""The ranking against expectations computed by hand (Nutzwertanalyse, knock-outs, ties)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.gitrepo import EXAMPLES

from strategy_kit.compute.prioritise import (
    Quadrant,
    derive_priority,
    quadrant,
    rank,
    rank_document,
)
from strategy_kit.document.model import Criterion, Horizon, Priority, Project


def crit(cid: str, **kw: Any) -> Criterion:
    return Criterion.model_validate({"id": cid, "title": cid.title(), **kw})


def proj(pid: str, scores: dict[str, float], **kw: Any) -> Project:
    return Project.model_validate(
        {"id": pid, "title": pid, "fields": ["f"], "scores": scores, **kw}
    )


IMPACT = crit("impact", weight=3)
URGENCY = crit("urgency", weight=1)
EFFORT = crit("effort", weight=2, direction="cost")
LEGAL = crit("legal", knockout=True, scale={"min": 0, "max": 1})


def test_weighted_score_and_breakdown_by_hand() -> None:
    # a: impact 4/5*3 = 2.4, urgency 2/5*1 = 0.4, effort cost (5-1)/5*2 = 1.6 -> 4.4/6 = 73.33
    # b: impact 5/5*3 = 3.0, urgency 5/5*1 = 1.0, effort (5-5)/5*2 = 0   -> 4.0/6 = 66.67
    ranking = rank(
        [
            proj("b", {"impact": 5, "urgency": 5, "effort": 5}),
            proj("a", {"impact": 4, "urgency": 2, "effort": 1}),
        ],
        [IMPACT, URGENCY, EFFORT],
    )
    assert [(e.project.id, e.rank) for e in ranking.entries] == [("a", 1), ("b", 2)]
    a = ranking.entries[0]
    assert a.score == pytest.approx(100 * 4.4 / 6)
    assert [c.criterion for c in a.contributions] == ["impact", "urgency", "effort"]
    assert [c.points for c in a.contributions] == pytest.approx(
        [40.0, 100 * 0.4 / 6, 100 * 1.6 / 6]
    )
    assert [c.normalised for c in a.contributions] == pytest.approx([0.8, 0.4, 0.8])
    assert sum(c.points or 0 for c in a.contributions) == pytest.approx(a.score)
    assert ranking.entries[1].score == pytest.approx(200 / 3)


def test_cost_criterion_on_a_custom_scale() -> None:
    cost = crit("risk", direction="cost", scale={"min": 1, "max": 3})
    ranking = rank([proj("x", {"risk": 1}), proj("y", {"risk": 2}), proj("z", {"risk": 3})], [cost])
    assert [(e.project.id, e.score) for e in ranking.entries] == [
        ("x", 100.0),
        ("y", 50.0),
        ("z", 0.0),
    ]


def test_votes_break_ties_and_equal_votes_share_the_rank() -> None:
    projects = [
        proj("p", {"impact": 3}, votes=2),
        proj("q", {"impact": 3}, votes=5),
        proj("r", {"impact": 5}, votes=0),
        proj("s", {"impact": 3}, votes=2),
        proj("t", {"impact": 1}, votes=9),
    ]
    ranking = rank(projects, [IMPACT])
    got = [(e.project.id, e.rank, e.tied) for e in ranking.entries]
    # r first on score; q beats p and s on votes; p and s tie and keep file order; t last.
    assert got == [
        ("r", 1, False),
        ("q", 2, False),
        ("p", 3, True),
        ("s", 3, True),
        ("t", 5, False),
    ]


def test_votes_as_a_criterion() -> None:
    # impact weight 3, votes weight 1, most votes 8.
    # m: 3*(2/5) + 1*(8/8) = 2.2 -> 55; n: 3*(3/5) + 1*(2/8) = 2.05 -> 51.25
    projects = [proj("n", {"impact": 3}, votes=2), proj("m", {"impact": 2}, votes=8)]
    ranking = rank(projects, [IMPACT], votes="criterion", votes_weight=1)
    assert [(e.project.id, e.score) for e in ranking.entries] == [("m", 55.0), ("n", 51.25)]
    assert ranking.entries[0].contributions[-1].kind == "votes"
    assert ranking.entries[0].contributions[-1].points == 25.0
    # As a tie-breaker only, n would win on impact.
    assert rank(projects, [IMPACT]).entries[0].project.id == "n"


def test_votes_as_a_criterion_with_no_votes_at_all() -> None:
    ranking = rank(
        [proj("a", {"impact": 5}), proj("b", {"impact": 0})], [IMPACT], votes="criterion"
    )
    assert [e.score for e in ranking.entries] == [75.0, 0.0]


def test_equal_scores_without_votes_tie_in_file_order() -> None:
    ranking = rank([proj("z", {"impact": 4}), proj("a", {"impact": 4})], [IMPACT])
    assert [(e.project.id, e.rank, e.tied) for e in ranking.entries] == [
        ("z", 1, True),
        ("a", 1, True),
    ]


def test_ties_are_exact_not_floating_point() -> None:
    # 0.1 + 0.2 != 0.3 in binary floats; on the page these are equal scores.
    one = crit("one", scale={"min": 0, "max": 1})
    two = crit("two", scale={"min": 0, "max": 1})
    ranking = rank(
        [proj("a", {"one": 0.1, "two": 0.2}), proj("b", {"one": 0.3, "two": 0})], [one, two]
    )
    assert [e.rank for e in ranking.entries] == [1, 1]
    assert all(e.tied for e in ranking.entries)


def test_knockout_at_scale_minimum_removes_project_whatever_its_scores() -> None:
    projects = [
        proj("great-but-illegal", {"impact": 5, "legal": 0}, votes=99),
        proj("modest", {"impact": 1, "legal": 1}),
    ]
    ranking = rank(projects, [IMPACT, LEGAL])
    assert [e.project.id for e in ranking.ranked] == ["modest"]
    assert ranking.ranked[0].rank == 1
    out = ranking.knocked_out[0]
    assert out.project.id == "great-but-illegal"
    assert out.rank is None and out.score is None and out.priority is None
    assert [(k.criterion, k.score) for k in out.knockouts] == [("legal", 0)]
    # Knock-out criteria filter only: they add no points.
    assert ranking.ranked[0].score == 20.0
    assert [c.criterion for c in ranking.ranked[0].contributions] == ["impact"]


def test_knockout_threshold_is_the_lowest_passing_score() -> None:
    data = crit("privacy", knockout=True, threshold=3)
    projects = [proj("a", {"privacy": 2}), proj("b", {"privacy": 3}), proj("c", {"privacy": 5})]
    ranking = rank(projects, [data])
    assert [e.project.id for e in ranking.knocked_out] == ["a"]
    assert ranking.knocked_out[0].knockouts[0].threshold == 3
    # With only knock-out criteria everyone who passes ties at zero points.
    assert [(e.project.id, e.rank, e.score) for e in ranking.ranked] == [
        ("b", 1, 0.0),
        ("c", 1, 0.0),
    ]
    # Zero points are no basis for a priority.
    assert [e.priority for e in ranking.ranked] == [None, None]


def test_votes_only_workshop() -> None:
    projects = [
        proj("a", {}, votes=3),
        proj("b", {}, votes=9),
        proj("c", {}, votes=3, priority="high"),
    ]
    by_votes = rank(projects, [])
    assert [(e.project.id, e.rank, e.priority) for e in by_votes.entries] == [
        ("b", 1, None),
        ("a", 2, None),
        ("c", 2, Priority.HIGH),
    ]
    assert by_votes.entries[2].horizon is Horizon.SHORT
    as_points = rank(projects, [], votes="criterion")
    assert [(e.project.id, e.score, e.priority) for e in as_points.entries] == [
        ("b", 100.0, Priority.HIGH),
        ("a", pytest.approx(100 / 3), Priority.MEDIUM),
        ("c", pytest.approx(100 / 3), Priority.HIGH),
    ]


def test_votes_setting_from_the_document(examples) -> None:  # type: ignore[no-untyped-def]
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.prioritise import rank_document

    document = load_document(examples / "telgte.yaml").document
    settings_ = document.report.model_copy(update={"votes": "criterion", "votes_weight": 1})
    ranking = rank_document(document.model_copy(update={"report": settings_}))
    # (6.2 + 1 * 12/12) / 9 = 0.8; Datenaustausch: (4.8 + 7/12) / 9
    assert ranking.entries[0].score == pytest.approx(80.0)
    assert ranking.entries[-1].score == pytest.approx(100 * (4.8 + 7 / 12) / 9)


def test_missing_scores_are_reported_not_zero() -> None:
    projects = [
        proj("full", {"impact": 1, "effort": 5, "legal": 1}),
        proj("gap", {"impact": 5, "legal": 1}),
    ]
    ranking = rank(projects, [IMPACT, EFFORT, LEGAL])
    assert [e.project.id for e in ranking.ranked] == ["full"]
    gap = ranking.incomplete[0]
    assert gap.project.id == "gap"
    assert gap.missing == ("effort",)
    assert gap.rank is None and gap.score is None
    assert gap.contributions[1].score is None and gap.contributions[1].points is None


def test_missing_knockout_score_is_incomplete_but_a_failed_knockout_wins() -> None:
    projects = [
        proj("unchecked", {"impact": 5}),
        proj("failed-and-gap", {"legal": 0}),
    ]
    ranking = rank(projects, [IMPACT, LEGAL])
    assert ranking.ranked == []
    assert [e.project.id for e in ranking.incomplete] == ["unchecked"]
    assert ranking.incomplete[0].missing == ("legal",)
    assert [e.project.id for e in ranking.knocked_out] == ["failed-and-gap"]
    assert [e.state for e in ranking.entries] == ["knocked-out", "incomplete"]


def test_priority_derived_in_thirds_unless_set_and_horizon_follows() -> None:
    c = crit("c", scale={"min": 0, "max": 3})
    projects = [
        proj("top", {"c": 2}),  # exactly 2/3 -> high
        proj("mid", {"c": 1}),  # exactly 1/3 -> medium
        proj("low", {"c": 0.9}),
        proj("set", {"c": 0}, priority="high", horizon="long"),
    ]
    ranking = rank(projects, [c])
    got = {
        e.project.id: (e.priority, e.priority_derived, e.horizon, e.horizon_derived)
        for e in ranking.entries
    }
    assert got["top"] == (Priority.HIGH, True, Horizon.SHORT, True)
    assert got["mid"] == (Priority.MEDIUM, True, Horizon.MEDIUM, True)
    assert got["low"] == (Priority.LOW, True, Horizon.LONG, True)
    assert got["set"] == (Priority.HIGH, False, Horizon.LONG, False)


def test_fields_served_per_priority() -> None:
    projects = [
        proj("a", {"impact": 5}, fields=["portal", "data"]),
        proj("b", {"impact": 0}, fields=["mobility", "data"]),
    ]
    served = rank(projects, [IMPACT]).fields_by_priority()
    assert served[Priority.HIGH] == ["portal", "data"]
    assert served[Priority.LOW] == ["mobility", "data"]
    assert served[Priority.MEDIUM] == []


@pytest.mark.parametrize(
    ("impact", "effort", "expected"),
    [
        (5, 1, Quadrant.QUICK_WIN),
        (5, 5, Quadrant.MAJOR_PROJECT),
        (1, 1, Quadrant.FILL_IN),
        (1, 5, Quadrant.THANKLESS),
        (2.5, 2.5, Quadrant.MAJOR_PROJECT),  # the middle counts as high on both axes
    ],
)
def test_quadrants_from_named_criteria(impact: float, effort: float, expected: Quadrant) -> None:
    ranking = rank(
        [proj("x", {"impact": impact, "effort": effort})],
        [IMPACT, EFFORT],
        impact=IMPACT,
        effort=EFFORT,
    )
    assert ranking.entries[0].quadrant is expected


def test_effort_axis_from_a_benefit_criterion_is_inverted() -> None:
    ease = crit("ease")  # high ease means low effort
    ranking = rank(
        [proj("x", {"impact": 5, "ease": 5})], [IMPACT, ease], impact=IMPACT, effort=ease
    )
    assert ranking.entries[0].effort == 0.0
    assert ranking.entries[0].quadrant is Quadrant.QUICK_WIN


def test_no_matrix_without_named_axes() -> None:
    assert rank([proj("x", {"impact": 5})], [IMPACT]).entries[0].quadrant is None


def test_telgte_ranking(examples) -> None:  # type: ignore[no-untyped-def]
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.prioritise import rank_document

    document = load_document(examples / "telgte.yaml").document
    ranking = rank_document(document)
    # weights 3/2/2(cost)/1 of 8; e.g. Stadtportal: (3*1 + 2*1 + 2*0.2 + 1*0.8) / 8 = 77.5
    assert [(e.project.id, e.rank, e.score) for e in ranking.entries] == [
        ("stadtportal", 1, 77.5),
        ("infrastruktur-zukunft", 2, 72.5),
        ("smarte-mobilitaet", 3, 62.5),
        ("datenaustausch", 4, 60.0),
    ]
    assert [e.priority for e in ranking.entries] == [
        Priority.HIGH,
        Priority.HIGH,
        Priority.MEDIUM,
        Priority.MEDIUM,
    ]


def test_derive_priority_and_quadrant_helpers() -> None:
    from fractions import Fraction

    assert derive_priority(Fraction(1)) is Priority.HIGH
    assert derive_priority(Fraction(0)) is Priority.LOW
    assert quadrant(Fraction(0), Fraction(1)) is Quadrant.THANKLESS


scores = st.integers(min_value=0, max_value=5)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(scores, scores, st.integers(0, 20)), min_size=1, max_size=8),
    seed=st.randoms(use_true_random=False),
)
def test_ranking_does_not_depend_on_file_order(rows: list[tuple[int, int, int]], seed: Any) -> None:
    projects = [
        proj(f"p{i}", {"impact": a, "effort": b}, votes=v) for i, (a, b, v) in enumerate(rows)
    ]
    shuffled = list(projects)
    seed.shuffle(shuffled)
    first = {e.project.id: (e.rank, e.score) for e in rank(projects, [IMPACT, EFFORT]).entries}
    second = {e.project.id: (e.rank, e.score) for e in rank(shuffled, [IMPACT, EFFORT]).entries}
    assert first == second
    ranks = [e.rank for e in rank(projects, [IMPACT, EFFORT]).entries]
    assert ranks == sorted(ranks)
    assert all(0 <= (score or 0) <= 100 for _, score in first.values())
    for entry in rank(projects, [IMPACT, EFFORT]).entries:
        assert sum(c.points or 0 for c in entry.contributions) == pytest.approx(entry.score)
    scores_in_order = [e.score for e in rank(projects, [IMPACT, EFFORT]).entries]
    assert scores_in_order == sorted(scores_in_order, reverse=True)


# -- one ranking for every command ---------------------------------------------------------

#: The ``report`` block of each votes mode; None: no block, votes break ties.
VOTES_MODES: dict[str, str | None] = {
    "no-report-block": None,
    "tie-breaker": "report:\n  votes: tie-breaker\n  impact: wirkung\n  effort: aufwand\n",
    "criterion": "report:\n  votes: criterion\n  impact: wirkung\n  effort: aufwand\n",
    "criterion-weight-3": "report:\n  votes: criterion\n  votes_weight: 3\n",
}

DROPPED = """\
  - id: verworfen
    title: Verworfenes Vorhaben
    fields: [digitales-rathaus]
    status: dropped
    scores: {wirkung: 5, dringlichkeit: 5, aufwand: 0, foerderung: 5, umsetzbar: 1}
    votes: 40
"""


def telgte_with(path: Path, report: str | None) -> Path:
    """Telgte with 30 votes on Datenaustausch, a strong dropped project and ``report``."""
    text = (EXAMPLES / "telgte.yaml").read_text(encoding="utf-8")
    text = text.replace("    votes: 7\n", "    votes: 30\n", 1)
    text = text.replace("\n# Folgeworkshops", "\n" + DROPPED + "\n# Folgeworkshops", 1)
    head, block, _ = text.partition("report:\n  impact: wirkung\n  effort: aufwand\n")
    assert block, "the example's report block moved"
    path.write_text(head + (report or ""), encoding="utf-8")
    return path


def ranks_in_table(output: str, titles: dict[str, str]) -> dict[str, int]:
    """``rank``'s table read back: a row starts with the rank and the title's first word."""
    first_word = {title.split()[0]: pid for pid, title in titles.items()}
    found = {}
    for line in output.splitlines():
        match = re.match(r"\s*(\d+)=?\s+(\S+)", line)
        if match and match.group(2) in first_word:
            found[first_word[match.group(2)]] = int(match.group(1))
    return found


@pytest.mark.parametrize("mode", list(VOTES_MODES))
def test_report_rank_diff_and_export_rank_alike(cli, tmp_path: Path, mode: str) -> None:  # type: ignore[no-untyped-def]
    from strategy_kit.check.repository import Repository, load_worktree
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.semdiff import snapshot

    path = telgte_with(tmp_path / "telgte.yaml", VOTES_MODES[mode])
    document = load_document(path).document
    assert document is not None
    titles = {p.id: p.title for p in document.projects}

    report = json.loads(cli("report", path, "-f", "json").stdout)
    from_report = {e["project"]: e["rank"] for e in report["ranking"]}
    from_rank = ranks_in_table(cli("rank", path).stdout, titles)
    exported = cli("export", path, "-f", "csv").stdout_bytes.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    rank_column = rows[0].index("Rang")
    from_export = {row[0]: int(row[rank_column]) for row in rows[1:] if row[rank_column]}
    from_diff = snapshot(Repository.from_results(load_worktree([path]))).ranks

    assert from_report == from_rank == from_export == from_diff
    assert "verworfen" not in from_report
    assert [row[0] for row in rows[1 : len(from_export) + 1]] == list(from_report)
    if mode == "criterion-weight-3":
        assert from_report["datenaustausch"] == 1


def test_diff_ranks_with_the_votes_setting(tmp_path: Path) -> None:
    """Issue 14, defect 2: votes as a criterion (weight 3), 30 votes: 1st in report and diff."""
    from strategy_kit.check.repository import Repository, load_worktree
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.semdiff import snapshot

    path = telgte_with(tmp_path / "telgte.yaml", VOTES_MODES["criterion-weight-3"])
    document = load_document(path).document
    assert document is not None
    assert rank_document(document).entry("datenaustausch").rank == 1  # type: ignore[union-attr]
    assert snapshot(Repository.from_results(load_worktree([path]))).ranks["datenaustausch"] == 1


def test_a_repository_ranks_with_the_last_report_block_by_file_name() -> None:
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.prioritise import repository_settings
    from strategy_kit.document.model import ReportSettings, WorkshopDocument

    def workshop(report: dict[str, Any] | None) -> WorkshopDocument:
        telgte = load_document(EXAMPLES / "telgte.yaml").document
        assert telgte is not None
        settings_ = ReportSettings.model_validate(report) if report is not None else None
        return telgte.model_copy(update={"report": settings_})

    first = workshop({"votes": "criterion", "votes_weight": 2})
    later = workshop({"votes": "tie-breaker"})
    assert repository_settings({}) is None
    assert repository_settings({"b.yaml": first, "a.yaml": later}) == first.report
    assert repository_settings({"b.yaml": workshop(None), "a.yaml": later}) == later.report
    assert isinstance(repository_settings({"a.yaml": first}), ReportSettings)


# -- what gets ranked: projects up for decision ----------------------------------------------


def test_projects_in_progress_done_or_dropped_are_listed_apart_not_ranked() -> None:
    """Issue 15: a finished project came out 'rank 1, priority high, quick win'."""
    impact = crit("impact")
    effort = crit("effort", direction="cost")
    projects = [
        proj("finished", {"impact": 5, "effort": 0}, status="done"),
        proj("running", {"impact": 5, "effort": 1}, status="in-progress"),
        proj("gone", {"impact": 5, "effort": 0}, status="dropped"),
        proj("chosen", {"impact": 3, "effort": 2}, status="prioritised"),
        proj("planned", {"impact": 2, "effort": 2}, status="planned"),
        proj("pool", {"impact": 4, "effort": 5}),
        proj("candidate", {"impact": 1, "effort": 4}, status="candidate"),
    ]
    ranking = rank(projects, [impact, effort], impact=impact, effort=effort)
    assert [(e.project.id, e.rank) for e in ranking.ranked] == [
        ("chosen", 1), ("planned", 2), ("pool", 3), ("candidate", 4)
    ]
    assert [e.project.id for e in ranking.apart] == ["finished", "running", "gone"]
    for entry in ranking.apart:
        assert entry.state == "apart"
        assert (entry.rank, entry.score, entry.priority, entry.quadrant) == (None, None, None, None)
        assert entry.contributions == () and entry.missing == () and entry.knockouts == ()
    assert ranking.fields_by_priority()[Priority.HIGH] == []  # nothing apart serves a priority


def test_include_started_ranks_in_progress_and_done_but_never_dropped() -> None:
    projects = [
        proj("finished", {"impact": 5}, status="done"),
        proj("running", {"impact": 4}, status="in-progress"),
        proj("gone", {"impact": 5}, status="dropped"),
        proj("pool", {"impact": 3}),
    ]
    ranking = rank(projects, [IMPACT], include_started=True)
    assert ranking.include_started
    assert [(e.project.id, e.rank) for e in ranking.ranked] == [
        ("finished", 1), ("running", 2), ("pool", 3)
    ]
    assert [e.project.id for e in ranking.apart] == ["gone"]


def test_projects_apart_do_not_count_in_the_votes_normalisation() -> None:
    """Votes as a criterion are relative to the most votes among the projects up for decision."""
    up = [proj("a", {"impact": 5}, votes=10), proj("b", {"impact": 5}, votes=5)]
    alone = rank(up, [IMPACT], votes="criterion")
    crowded = rank(
        [proj("done", {"impact": 5}, votes=100, status="done"), *up], [IMPACT], votes="criterion"
    )
    assert [(e.project.id, e.score) for e in crowded.ranked] == [
        (e.project.id, e.score) for e in alone.ranked
    ]
    assert crowded.ranked[0].score == 100  # a: the most votes of those ranked: full points


def test_a_sub_project_without_scores_belongs_under_its_parent() -> None:
    projects = [
        proj("parent", {"impact": 4}),
        proj("part", {}, parent="parent"),
        proj("scored-part", {"impact": 5}, parent="parent"),
        proj("half-part", {"impact": 2}, parent="parent"),
        proj("lost", {}, parent="elsewhere"),
        proj("alone", {}),
    ]
    ranking = rank(projects, [IMPACT, URGENCY])
    assert [e.project.id for e in ranking.sub_projects] == ["part", "lost"]
    assert [e.project.id for e in ranking.parts_of("parent")] == ["part"]
    assert [e.project.id for e in ranking.orphans()] == ["lost"]
    # Scored at all: a candidate of its own, complete or not; without a parent: unscored.
    assert [e.project.id for e in ranking.incomplete] == ["parent", "scored-part", "half-part", "alone"]
    assert ranking.entry("part").state == "sub-project"  # type: ignore[union-attr]
