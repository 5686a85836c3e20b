"""The budget by year summed per project, field of action, year and source, against sums by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from strategy_kit.check.validate import load_document
from strategy_kit.compute.budget import Amounts, budget
from strategy_kit.document.model import Project


def project(ident: str, fields: list[str], years: list[dict[str, object]], sources: list[dict[str, str]] | None = None) -> Project:
    funding = {"sources": sources or [], "years": years}
    return Project.model_validate({"id": ident, "title": ident, "fields": fields, "funding": funding})


SOURCES = [{"kind": "own"}, {"kind": "grant", "name": "Gigabitförderung"}, {"kind": "grant", "name": "DigitalPakt"}]


def test_sums_per_project_field_year_and_source() -> None:
    portal = project(
        "portal",
        ["verwaltung", "bildung"],
        [
            {"year": 2020, "planned": 40000, "spent": 35000, "source": "own"},
            {"year": 2020, "planned": 90000, "spent": 60000.5, "source": "Gigabitförderung"},
            {"year": 2021, "planned": 10000, "source": "Eigenmittel"},
        ],
        SOURCES,
    )
    schule = project(
        "schule",
        ["bildung"],
        [
            {"year": 2021, "planned": 0.1, "spent": 0.2, "source": "DigitalPakt"},
            {"year": 2022, "planned": 5000, "spent": 1000, "source": "grant"},  # two grants: the kind alone
            {"year": 2022, "spent": 0.1},
        ],
        SOURCES,
    )
    idea = Project.model_validate({"id": "idee", "title": "Idee", "fields": ["bildung"]})
    result = budget([portal, schule, idea])
    assert result.projects == {
        "portal": Amounts(Decimal("140000"), Decimal("95000.5")),
        "schule": Amounts(Decimal("5000.1"), Decimal("1000.3")),
    }
    assert result.project_years["portal"] == {
        2020: Amounts(Decimal("130000"), Decimal("95000.5")),
        2021: Amounts(Decimal("10000"), Decimal(0)),
    }
    # A project in two fields counts in both rows, once in the total.
    assert result.fields == {
        "verwaltung": Amounts(Decimal("140000"), Decimal("95000.5")),
        "bildung": Amounts(Decimal("145000.1"), Decimal("96000.8")),
    }
    assert result.total == Amounts(Decimal("145000.1"), Decimal("96000.8"))
    assert list(result.years) == [2020, 2021, 2022]
    assert result.years[2021] == Amounts(Decimal("10000.1"), Decimal("0.2"))
    assert result.sources == {
        ("own", None): Amounts(Decimal("50000"), Decimal("35000")),
        ("grant", "Gigabitförderung"): Amounts(Decimal("90000"), Decimal("60000.5")),
        ("grant", "DigitalPakt"): Amounts(Decimal("0.1"), Decimal("0.2")),
        ("grant", None): Amounts(Decimal("5000"), Decimal("1000")),
        None: Amounts(Decimal(0), Decimal("0.1")),
    }
    assert result.total.overspent is False and result.sources[None].overspent is True


def test_a_period_sums_only_its_years() -> None:
    portal = project(
        "portal",
        ["verwaltung"],
        [
            {"year": 2020, "planned": 40000, "spent": 35000, "source": "own"},
            {"year": 2021, "planned": 10000, "spent": 12500, "source": "own"},
            {"year": 2022, "planned": 5000, "source": "own"},
        ],
        SOURCES,
    )
    later = project("later", ["verwaltung"], [{"year": 2023, "planned": 1000}], SOURCES)
    result = budget([portal, later], years=range(2021, 2023))
    assert result.total == Amounts(Decimal("15000"), Decimal("12500"))
    assert list(result.years) == [2021, 2022]
    assert result.fields == {"verwaltung": Amounts(Decimal("15000"), Decimal("12500"))}
    assert list(result.projects) == ["portal"]  # nothing in 2021-2022: left out


def test_without_budget_entries_nothing_is_summed(examples: Path) -> None:
    loaded = load_document(examples / "telgte.yaml")
    result = budget(loaded.document.projects)
    assert (result.projects, result.total) == ({}, Amounts())


def test_a_repository_portfolio_sums_the_strategy_and_its_workshops(tmp_path: Path, examples: Path) -> None:
    import shutil

    from strategy_kit.check.repository import Repository, load_worktree

    repo = tmp_path / "repo"
    shutil.copytree(examples / "strategy-repo", repo)
    strategy = repo / "strategy.yaml"
    planned = (  # the example's infrastructure, as planned in 2019; its portal plans 2020 and 2021 (own)
        "        - {year: 2020, planned: 60000, source: Gigabitförderung}\n"
        "        - {year: 2020, planned: 20000, source: own}\n"
        "        - {year: 2021, planned: 30000, source: Gigabitförderung}\n"
        "        - {year: 2021, planned: 10000, source: own}\n"
    )
    years = (
        "        - {year: 2019, planned: 60000, spent: 50000, source: Gigabitförderung}\n"
        "        - {year: 2019, planned: 20000, spent: 25000, source: own}\n"
        "        - {year: 2020, planned: 30000, source: grant}\n"
    )
    text = strategy.read_text("utf-8")
    assert text.count(planned) == 1
    strategy.write_text(text.replace(planned, years), "utf-8")
    workshop = repo / "workshops" / "2019-09-massnahmen.yaml"
    lead = "    lead: fb4\n"
    own = "    funding:\n      years:\n        - {year: 2020, planned: 5000, spent: 4999.99}\n"
    workshop.write_text(workshop.read_text("utf-8").replace(lead, lead + own, 1), "utf-8")
    portfolio = Repository.from_results(load_worktree([repo]))
    assert all(not [d for d in r.diagnostics if d.severity == "error"] for r in load_worktree([repo]))
    result = budget(e.project for e in portfolio.projects())
    assert result.projects == {
        "stadtportal": Amounts(Decimal("50000")),
        "infrastruktur-zukunft": Amounts(Decimal("110000"), Decimal("75000")),
        "mobilitaetsdaten": Amounts(Decimal("5000"), Decimal("4999.99")),
    }
    assert result.years == {
        2019: Amounts(Decimal("80000"), Decimal("75000")),
        2020: Amounts(Decimal("75000"), Decimal("4999.99")),
        2021: Amounts(Decimal("10000")),
    }
    assert result.sources == {
        ("grant", "Gigabitförderung"): Amounts(Decimal("90000"), Decimal("50000")),
        ("own", None): Amounts(Decimal("70000"), Decimal("25000")),
        None: Amounts(Decimal("5000"), Decimal("4999.99")),
    }
    assert result.total == Amounts(Decimal("165000"), Decimal("79999.99"))
    assert result.fields == {
        "digitales-rathaus": Amounts(Decimal("50000")),
        "miteinander-vernetzt": Amounts(Decimal("50000")),
        "infrastruktur": Amounts(Decimal("110000"), Decimal("75000")),
        "mobiles-arbeiten": Amounts(Decimal("110000"), Decimal("75000")),
        "mobilitaet": Amounts(Decimal("5000"), Decimal("4999.99")),
    }
