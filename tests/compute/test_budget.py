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


def test_without_budget_entries_nothing_is_summed(examples: Path) -> None:
    loaded = load_document(examples / "telgte.yaml")
    result = budget(loaded.document.projects)
    assert (result.projects, result.total) == ({}, Amounts())
