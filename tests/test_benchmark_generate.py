"""The benchmark's generated documents and portfolios stay valid and near the asked size.

A generated file that fails the check would make the benchmark time error
reporting instead of the whole validation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.generate import document, portfolio
from tests.conftest import Invoke
from tests.gitrepo import needs_git

from strategy_kit.check.validate import check_source
from strategy_kit.files.source import decode


@pytest.mark.parametrize("size", [1, 15_000, 120_000])
def test_documents_are_valid_and_near_the_size(size: int) -> None:
    text = document(size, index=3)
    result = check_source(decode(text.encode(), "generated.yaml"))
    assert result.diagnostics == []
    assert result.document is not None
    if size > 1:
        assert abs(len(text.encode()) - size) < 0.1 * size
    # Every kind of content grows with the size.
    small = check_source(decode(document(15_000).encode(), "small.yaml")).document
    assert small is not None
    for section in ("participants", "days", "fields_of_action", "projects"):
        if size > 15_000:
            assert len(getattr(result.document, section)) > len(getattr(small, section))


def test_portfolio_checks_clean_from_the_command_line(cli: Invoke, tmp_path: Path) -> None:
    files = portfolio(tmp_path / "land", 3, size=8_000)
    assert [f.name for f in files] == ["gemeinde-0000.yaml", "gemeinde-0001.yaml", "gemeinde-0002.yaml"]
    names = {check_source(decode(f.read_bytes(), f.name)).document.municipality.name for f in files}  # type: ignore[union-attr]
    assert len(names) == 3
    result = cli("check", tmp_path / "land")
    assert (result.exit_code, result.stdout) == (0, "3 files valid\n")


@needs_git
def test_the_county_history_moves_every_measure_and_breaks_once(tmp_path: Path) -> None:
    """The history benchmark must time every kind of event, a broken revision and a rename."""
    from benchmarks.generate import county, county_strategy

    from strategy_kit.compute.history import KINDS, timeline
    from strategy_kit.files.history import history

    for month in (0, 29, 119):
        result = check_source(decode(county_strategy(month, 100).encode(), "strategy.yaml"))
        assert result.diagnostics == []
    file = county(tmp_path / "kreis", measures=30, months=80, broken=10)
    assert file.name == "strategy.yaml"
    found = history(file)
    assert len(found.revisions) == 80
    assert list(found.revisions[0].files) == ["strategie.yaml"]
    timelines = timeline(found.revisions)
    assert [n.date.isoformat() for n in timelines.notes] == ["2016-11-01"]
    kinds = {e.kind for events in timelines.projects.values() for e in events}
    assert kinds == set(KINDS)
