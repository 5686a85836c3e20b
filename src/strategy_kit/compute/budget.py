"""The budget by year: planned and spent amounts summed per project, field of action, year and source.

Each project's ``funding.years`` lists what was planned and spent in a year
from one source. The sums are exact decimals of the amounts as written
(``1000.10 + 2000.20`` is ``3000.30``), in euros.

How a project is counted, as the status page counts progress and statuses
(:mod:`strategy_kit.compute.rollup`): once in the portfolio's total, per year
and per source; in the row of *every* field of action it names, so a project
in two fields appears in both rows and the rows may add up to more than the
total. Every status counts, dropped too: money spent was spent. A parent
measure's amounts are its own; its sub-projects' are theirs, each counted once.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from strategy_kit.document.funding import SourceKey, source_key
from strategy_kit.document.model import Funding, Project

ZERO = Decimal(0)


@dataclass(frozen=True)
class Amounts:
    """Planned and spent, in euros; an amount not written counts as zero."""

    planned: Decimal = ZERO
    spent: Decimal = ZERO

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.planned + other.planned, self.spent + other.spent)

    @property
    def overspent(self) -> bool:
        """More spent than planned (``check`` warns about it)."""
        return self.spent > self.planned


@dataclass(frozen=True)
class Budget:
    """The sums of a set of projects.

    ``projects``: project id -> its total; ``project_years``: project id ->
    year -> amounts; ``fields``: field id -> the sum of the projects naming it;
    ``years`` and ``sources``: the portfolio per year and per source
    (``(kind, name)``; None for entries that name no source); ``total``: every
    project once. Only projects with budget entries appear; keys are sorted
    (years ascending, fields and projects in the order given).
    """

    projects: dict[str, Amounts] = field(default_factory=dict)
    project_years: dict[str, dict[int, Amounts]] = field(default_factory=dict)
    fields: dict[str, Amounts] = field(default_factory=dict)
    years: dict[int, Amounts] = field(default_factory=dict)
    sources: dict[SourceKey | None, Amounts] = field(default_factory=dict)
    total: Amounts = field(default_factory=Amounts)


def _money(value: float | None) -> Decimal:
    """A float read from YAML as the decimal that was written (``repr`` gives the shortest digits)."""
    return ZERO if value is None else Decimal(repr(value))


def entries(funding: Funding) -> list[tuple[int, SourceKey | None, Amounts]]:
    """Each budget entry as (year, source, amounts); a source ``check`` would refuse is taken as written."""
    sources = [(s.kind, s.name) for s in funding.sources]
    out = []
    for entry in funding.years:
        key: SourceKey | None = None
        if entry.source is not None:
            key = source_key(entry.source, sources) or ("", entry.source)
        out.append((entry.year, key, Amounts(_money(entry.planned), _money(entry.spent))))
    return out


def budget(projects: Iterable[Project], years: Container[int] | None = None) -> Budget:
    """Sum the budget entries of ``projects`` (see the module's text for how each counts where).

    ``years``: only the entries of these years (a report period's); None: every entry.
    A project without an entry in them is left out, as one without entries.
    """
    result = Budget()
    total = Amounts()
    by_years: dict[int, Amounts] = {}
    for project in projects:
        if project.funding is None:
            continue
        chosen = [e for e in entries(project.funding) if years is None or e[0] in years]
        if not chosen:
            continue
        own = Amounts()
        by_year: dict[int, Amounts] = {}
        for year, key, amounts in chosen:
            own += amounts
            by_year[year] = by_year.get(year, Amounts()) + amounts
            by_years[year] = by_years.get(year, Amounts()) + amounts
            result.sources[key] = result.sources.get(key, Amounts()) + amounts
        result.projects[project.id] = own
        result.project_years[project.id] = dict(sorted(by_year.items()))
        for fid in dict.fromkeys(project.fields):
            result.fields[fid] = result.fields.get(fid, Amounts()) + own
        total += own
    result.years.update(sorted(by_years.items()))
    return Budget(result.projects, result.project_years, result.fields, result.years, result.sources, total)
