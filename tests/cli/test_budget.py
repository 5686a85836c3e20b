"""``strategy-kit budget``: a year's planned and spent amounts per source, set in ``funding.years``."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES
from tests.textdiff import changed
from typer.testing import Result

from strategy_kit.check.validate import check_file

Invoke = Callable[..., Result]

#: The Telgte example's portal: two sources, no budget by year yet.
SOURCES = (
    "    funding:\n"
    "      budget: 60000\n"
    "      sources:\n"
    "        - kind: own\n"
    "          amount: 20000\n"
    "        - kind: grant\n"
    "          name: Förderprogramm des Landes (Antrag 2019)\n"
    "          amount: 40000\n"
)
GRANT = "Förderprogramm des Landes (Antrag 2019)"


def with_years(path: Path, years: str) -> Path:
    """The portal's funding in ``path`` followed by ``years`` (lines of YAML under ``funding``)."""
    text = path.read_text("utf-8")
    assert text.count(SOURCES) == 1
    path.write_text(text.replace(SOURCES, SOURCES + years), "utf-8")
    return path


def test_a_new_entry_starts_the_years(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "40000", "--spent", "38500,50", "--source", "own")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "stadtportal: budget 2020 own: planned - -> 40000, spent - -> 38500.5\n"
    assert result.stderr == ""
    assert changed(before, telgte.read_text("utf-8")) == [
        "+       years:\n",
        "+         - {year: 2020, planned: 40000, spent: 38500.5, source: own}\n",
    ]
    assert check_file(telgte).exit_code == 0


def test_an_existing_entry_gets_the_amount_in_the_format_s_order(cli: Invoke, telgte: Path) -> None:
    with_years(telgte, "      years:\n        - {year: 2020, planned: 40000, source: own}\n")
    before = telgte.read_text("utf-8")
    result = cli("budget", telgte, "stadtportal", "2020", "--spent", "35000", "--source", "Eigenmittel")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "stadtportal: budget 2020 own: spent - -> 35000\n"
    assert changed(before, telgte.read_text("utf-8")) == [
        "-         - {year: 2020, planned: 40000, source: own}\n",
        "+         - {year: 2020, planned: 40000, spent: 35000, source: own}\n",
    ]
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "45000", "--spent", "35000", "--source", "own")
    assert result.stdout == "stadtportal: budget 2020 own: planned 40000 -> 45000, spent 35000 -> 35000\n"
    assert "        - {year: 2020, planned: 45000, spent: 35000, source: own}\n" in telgte.read_text("utf-8")


def test_a_kind_names_the_one_source_of_that_kind_and_its_name_finds_the_entry(cli: Invoke, telgte: Path) -> None:
    assert cli("budget", telgte, "stadtportal", "2020", "--planned", "40000", "--source", "Fördermittel").exit_code == 0
    entry = f"        - {{year: 2020, planned: 40000, source: {GRANT}}}\n"
    assert entry in telgte.read_text("utf-8")
    for source in ("grant", GRANT.upper(), f"  {GRANT} "):
        result = cli("budget", telgte, "stadtportal", "2020", "--spent", "39000", "--source", source)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith(f"stadtportal: budget 2020 {GRANT}: spent")
    text = telgte.read_text("utf-8")
    assert text.count("year: 2020") == 1
    assert f"        - {{year: 2020, planned: 40000, spent: 39000, source: {GRANT}}}\n" in text


def test_a_new_entry_goes_in_year_order_and_funding_is_created(cli: Invoke, strategy_repo: Path) -> None:
    path = strategy_repo / "strategy.yaml"
    before = path.read_text("utf-8")
    for year, amount in (("2021", "10000"), ("2019", "5000"), ("2020", "40000"), ("2022", "10000")):
        result = cli("budget", path, "smarte-mobilitaet", year, "--planned", amount, "--source", "own")
        assert result.exit_code == 0, result.stderr
    assert changed(before, path.read_text("utf-8")) == [
        "+     funding:\n",
        "+       years:\n",
        "+         - {year: 2019, planned: 5000, source: own}\n",
        "+         - {year: 2020, planned: 40000, source: own}\n",
        "+         - {year: 2021, planned: 10000, source: own}\n",
        "+         - {year: 2022, planned: 10000, source: own}\n",
    ]
    assert "    end: 2022-Q4\n    funding:\n" in path.read_text("utf-8")  # in the format's order
    result = cli("budget", path, "smarte-mobilitaet", "2020", "--spent", "100")  # no source: an entry of its own
    assert result.stdout == "smarte-mobilitaet: budget 2020: spent - -> 100\n"
    assert "        - {year: 2020, planned: 40000, source: own}\n        - {year: 2020, spent: 100}\n" in path.read_text("utf-8")


def test_comments_quotes_and_block_entries_are_kept(cli: Invoke, telgte: Path) -> None:
    with_years(
        telgte,
        "      years:  # Haushaltsplan 2020/2021\n"
        "        # Ansatz laut Haushaltsbeschluss\n"
        "        - year: 2020\n"
        "          planned: 40000 # Ansatz\n"
        '          source: "own"\n'
        "        # Förderbescheid vom 12.03.2020\n"
        "        - year: 2021\n"
        "          planned: 20000\n"
        "          source: 'Förderprogramm des Landes (Antrag 2019)'\n"
        "          note: Zweite Rate # laut Bescheid\n",
    )
    before = telgte.read_text("utf-8")
    assert cli("budget", telgte, "stadtportal", "2020", "--spent", "41250,75", "--source", "own").exit_code == 0
    assert cli("budget", telgte, "stadtportal", "2020", "--planned", "20000", "--source", "grant").exit_code == 0
    assert cli("budget", telgte, "stadtportal", "2021", "--spent", "0", "--source", "grant").exit_code == 0
    assert changed(before, telgte.read_text("utf-8")) == [
        "+           spent: 41250.75\n",
        "+         - year: 2020\n",
        "+           planned: 20000\n",
        "+           source: Förderprogramm des Landes (Antrag 2019)\n",
        "+           spent: 0\n",
    ]
    text = telgte.read_text("utf-8")
    assert (
        "          planned: 40000 # Ansatz\n"
        "          spent: 41250.75\n"
        '          source: "own"\n'
        "        - year: 2020\n"
        "          planned: 20000\n"
        "          source: Förderprogramm des Landes (Antrag 2019)\n"
        "        # Förderbescheid vom 12.03.2020\n"
        "        - year: 2021\n"
        "          planned: 20000\n"
        "          spent: 0\n"
    ) in text
    assert check_file(telgte).exit_code == 0


def test_spent_beyond_planned_is_written_with_check_s_warning(cli: Invoke, telgte: Path) -> None:
    with_years(telgte, "      years:\n        - {year: 2020, planned: 40000, source: own}\n")
    line = telgte.read_text("utf-8").splitlines().index("        - {year: 2020, planned: 40000, source: own}") + 1
    result = cli("budget", telgte, "stadtportal", "2020", "--spent", "43100", "--source", "own")
    assert result.exit_code == 0
    assert result.stdout == "stadtportal: budget 2020 own: spent - -> 43100\n"
    assert result.stderr == (
        f"{telgte}:{line}:47: warning: projects[stadtportal].funding.years[0].spent: "
        "spent 43100 EUR in 2020 is more than the 40000 EUR planned\n"
    )
    assert "spent: 43100" in telgte.read_text("utf-8")


def test_dry_run_prints_the_diff_and_writes_nothing(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "40000", "--source", "own", "--dry-run")
    assert result.exit_code == 0
    assert "+      years:\n+        - {year: 2020, planned: 40000, source: own}\n" in result.stdout
    assert telgte.read_bytes() == before


def test_an_unknown_project_is_refused_with_did_you_mean(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    result = cli("budget", telgte, "stadtportl", "2020", "--planned", "1")
    assert result.exit_code == 2
    assert "error: no project 'stadtportl'; did you mean 'stadtportal'?" in result.stderr
    assert telgte.read_bytes() == before


def test_an_unknown_source_is_refused_at_the_sources(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    line = before.decode("utf-8").splitlines().index("      sources:", 390) + 1
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "1", "--source", "Förderprogramm des Lands")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{telgte}:{line}:7: error: project 'stadtportal' has no funding source 'Förderprogramm des Lands'; "
        f"did you mean '{GRANT}'?\n",
    )
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "1", "--source", "Sponsor")
    assert result.exit_code == 1
    assert result.stderr.endswith(f"one of {GRANT}, own, third-party, grant, staff\n")
    assert telgte.read_bytes() == before


def test_a_read_only_file_is_refused_and_kept(cli: Invoke, telgte: Path) -> None:
    before = telgte.read_bytes()
    telgte.chmod(0o444)
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "40000")
    assert (result.exit_code, result.stderr) == (2, f"{telgte}:1:1: error: cannot write: the file is read-only; the file is unchanged\n")
    assert telgte.read_bytes() == before


def test_a_budget_list_shared_through_an_anchor_is_refused(cli: Invoke, telgte: Path) -> None:
    with_years(telgte, "      years: &jahre\n        - {year: 2020, planned: 40000, source: own}\n")
    text = telgte.read_text("utf-8")
    old = "    funding:\n      sources:\n        - kind: grant\n          name: Förderrichtlinie Mobilität\n"
    assert text.count(old) == 1
    telgte.write_text(text.replace(old, old.replace("    funding:\n", "    funding:\n      years: *jahre\n")), "utf-8")
    before = telgte.read_bytes()
    result = cli("budget", telgte, "stadtportal", "2020", "--spent", "1", "--source", "own")
    assert result.exit_code == 1
    assert "shared through the anchor '&jahre'" in result.stderr
    assert telgte.read_bytes() == before


def test_a_one_line_list_gets_the_entry_inside_its_brackets_in_year_order(cli: Invoke, telgte: Path) -> None:
    with_years(telgte, "      years: [{year: 2021, planned: 1000, source: own}]\n")
    result = cli("budget", telgte, "stadtportal", "2020", "--planned", "40000", "--source", "own")
    assert result.exit_code == 0, result.stderr
    assert (
        "      years: [{year: 2020, planned: 40000, source: own}, {year: 2021, planned: 1000, source: own}]\n"
        in telgte.read_text("utf-8")
    )


MERGED = """\
version: 1
municipality: {name: X, state: Bayern}
workshop: {title: T, organiser: O, goal: G}
fields_of_action:
  - id: a
    title: A
projects:
  - &base
    id: portal
    title: Portal
    fields: [a]
    funding:
      sources:
        - {kind: grant, name: Landesprogramm}
      years:
        - {year: 2020, planned: 5000, source: grant}
  - <<: *base
    id: app
    title: App
"""


def test_merged_funding_is_overridden_in_the_project_and_the_anchor_is_kept(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(MERGED, "utf-8")
    result = cli("budget", path, "portal", "2020", "--spent", "1", "--source", "grant")
    assert result.exit_code == 1
    assert "projects[portal] is shared through the anchor '&base' at 8:5" in result.stderr
    assert path.read_text("utf-8") == MERGED
    result = cli("budget", path, "app", "2020", "--spent", "4000", "--source", "Landesprogramm")
    assert result.exit_code == 0, result.stderr
    assert path.read_text("utf-8") == MERGED + (
        "    funding:\n"
        "      sources:\n"
        "        - {kind: grant, name: Landesprogramm}\n"
        "      years:\n"
        "        - {year: 2020, planned: 5000, spent: 4000, source: grant}\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--planned", "40.000"), "--planned: is '40.000' 40 or 40000? write 40 or 40000"),
        (("--spent", "1,500"), "--spent: is '1,500' 1.5 or 1500? write 1.5 or 1500"),
        (("--spent", "-500"), "--spent '-500' is negative; an amount planned or spent is 0 or more"),
        (("--spent", "100,125"), "--spent: is '100,125' 100.125 or 100125? write 100.125 or 100125"),
        (("--spent", "4000,125"), "--spent '4000,125' has 3 decimals; an amount in euros has at most 2 (cents)"),
        (("--planned", "40 000"), "--planned '40 000' is not an amount; write euros like 40000 or 40000,50"),
        (("--planned", "1234567890123456"), "--planned '1234567890123456' has more than 15 digits; write at most 15"),
        ((), "give --planned AMOUNT, --spent AMOUNT or both"),
        (("--planned", "1", "--source", " "), "--source is blank; name a kind (own, grant) or a source, or leave it out"),
    ],
)
def test_amounts_that_are_refused_before_the_file_is_read(
    cli: Invoke, telgte: Path, args: tuple[str, ...], message: str
) -> None:
    before = telgte.read_bytes()
    result = cli("budget", telgte, "stadtportal", "2020", *args)
    assert (result.exit_code, result.stderr) == (2, f"strategy-kit: error: {message}\n")
    assert telgte.read_bytes() == before


@pytest.mark.parametrize("year", ["20", "2101", "1989", "zwanzig", "２０２０"])
def test_a_year_outside_the_format_is_refused(cli: Invoke, telgte: Path, year: str) -> None:
    result = cli("budget", telgte, "stadtportal", year, "--planned", "1")
    assert (result.exit_code, result.stderr) == (
        2, f"strategy-kit: error: YEAR {year!r}: expected a budget year from 1990 to 2100, e.g. 2020\n"
    )


def test_a_workshop_points_to_the_strategy_file(cli: Invoke, strategy_repo: Path) -> None:
    workshop = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    before = workshop.read_bytes()
    result = cli("budget", workshop, "stadtportal", "2020", "--planned", "1")
    assert result.exit_code == 2
    assert "project 'stadtportal' is defined in the strategy file" in result.stderr
    assert workshop.read_bytes() == before


#: An amount as a treasurer types it: whole euros or euros and cents, comma or point; at most
#: 15 digits, never three after the separator (``1.000`` is refused as ambiguous).
AMOUNTS = st.builds(
    lambda euros, cents, comma: str(euros) if cents is None else f"{euros}{',' if comma else '.'}{cents}",
    st.integers(min_value=0, max_value=10**12),
    st.none() | st.from_regex(r"[0-9]{1,2}", fullmatch=True),
    st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planned=AMOUNTS, spent=AMOUNTS)
def test_any_amount_is_read_back_as_the_decimal_typed(cli: Invoke, tmp_path: Path, planned: str, spent: str) -> None:
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.budget import entries

    path = tmp_path / "telgte.yaml"
    shutil.copyfile(EXAMPLES / "telgte.yaml", path)
    result = cli("budget", path, "stadtportal", "2021", "--planned", planned, "--spent", spent, "--source", "grant")
    assert result.exit_code == 0, result.output
    project = next(p for p in load_document(path).document.projects if p.id == "stadtportal")
    assert project.funding is not None
    [(year, key, amounts)] = entries(project.funding)
    assert (year, key) == (2021, ("grant", GRANT))
    assert amounts.planned == Decimal(planned.replace(",", "."))
    assert amounts.spent == Decimal(spent.replace(",", "."))


def test_a_misspelt_german_kind_is_told_the_word(cli: Invoke, telgte: Path) -> None:
    """``--source Eigenmitel``: the German word for own funds, one letter short."""
    result = cli("budget", telgte, "stadtportal", "2020", "--spent", "100", "--source", "Eigenmitel")
    assert result.exit_code == 1
    assert "did you mean 'Eigenmittel'?" in result.stderr
