"""``strategy-kit rank``: the ranking table in the terminal."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def test_rank_telgte(cli: Any, telgte: Path) -> None:
    result = cli("rank", telgte)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Rangfolge"
    order = ("Stadtportal", "Zukunftsfähige", "Smarte", "Datenaustausch")
    positions = [result.stdout.index(name) for name in order]
    assert positions == sorted(positions)
    assert "77,5" in result.stdout and "72,5" in result.stdout
    assert "K3: Aufwand (Kosten und Personal) (×2, Kosten (niedrig ist gut))" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_rank_in_english(cli: Any, telgte: Path) -> None:
    result = cli("rank", telgte, "--lang", "en")
    assert result.stdout.splitlines()[0] == "Ranking"
    assert "77.5" in result.stdout


def test_rank_lists_knocked_out_and_unscored_projects(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8")
    text = text.replace(
        "scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}",
        "scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 0}",
    )
    text = text.replace(
        "scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 2, umsetzbar: 1}",
        "scores: {wirkung: 4, umsetzbar: 1}",
    )
    telgte.write_text(text, encoding="utf-8")
    result = cli("rank", telgte)
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    line = text.splitlines().index("    scores: {wirkung: 4, umsetzbar: 1}") + 1
    assert result.stderr == (
        f"{telgte}:{line}:13: warning: projects[datenaustausch]: "
        "not ranked: no score for dringlichkeit, aufwand, foerderung\n"
    )
    assert (
        "Ausgeschieden (K.-o.-Kriterium): Smarte Mobilität: "
        "Wert 0 bei Rechtlich und technisch umsetzbar" in out
    )
    assert (
        "Nicht bewertet (fehlende Bewertungen): Datenaustausch: "
        "ohne Bewertung für Dringlichkeit, Aufwand (Kosten und Personal), Förderfähigkeit" in out
    )


def test_votes_as_a_criterion_have_their_own_column_heading(cli: Any, telgte: Path) -> None:
    """The points votes earn (K5, one more criterion) and the votes themselves (Stimmen)."""
    text = telgte.read_text(encoding="utf-8").replace("\nreport:\n", "\nreport:\n  votes: criterion\n", 1)
    assert "votes: criterion" in text
    telgte.write_text(text, encoding="utf-8")
    for lang, heading, key in (("de", "Stimmen", "K5"), ("en", "Votes", "C5")):
        out = cli("rank", telgte, "--lang", lang).stdout
        header = next(line for line in out.splitlines() if key in line)
        assert header.split().count(heading) == 1 and header.split().count(key) == 1, header
        assert f"{key}: {heading} (×1, " in out  # the legend says what K5 is
        report = cli("report", telgte, "-f", "md", "--lang", lang).stdout
        row = next(line for line in report.splitlines() if line.startswith("|") and f" {key} |" in line)
        cells = [cell.strip() for cell in row.split("|")]
        assert cells.count(heading) == 1 and cells.count(key) == 1, row
        assert f"| {key} | {heading} | 1 |" in report  # the criteria table names it


def _at_width_80(cli: Any, monkeypatch: Any, *args: Any) -> list[str]:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("rank", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def test_rank_fits_80_columns_with_votes_as_a_criterion(cli: Any, telgte: Path, monkeypatch: Any) -> None:
    """Every line fits 80 columns, every heading whole on the one header line, nothing cut."""
    text = telgte.read_text(encoding="utf-8").replace("\nreport:\n", "\nreport:\n  votes: criterion\n", 1)
    telgte.write_text(text, encoding="utf-8")
    for lang, headings in (
        ("de", ["Rang", "Maßnahme", "K1", "K2", "K3", "K4", "K5", "Nutzwert", "Stimmen", "Priorität", "Quadrant"]),
        ("en", ["Rank", "Measure", "C1", "C2", "C3", "C4", "C5", "Score", "Votes", "Priority", "Quadrant"]),
    ):
        lines = _at_width_80(cli, monkeypatch, telgte, "--lang", lang)
        assert max(len(line) for line in lines) <= 80, "\n".join(lines)
        header = lines.index(next(line for line in lines if line.startswith(f"{headings[0]} ")))
        assert lines[header].split() == headings, lines[header]
        assert set(lines[header + 1]) == {"─"}  # the rule right below: the header did not wrap
        assert all(line == line.rstrip() or len(line) == 80 for line in lines)
    assert "Stadtportal mit" in "\n".join(lines) and "Major" in "\n".join(lines)


def test_rank_overflows_rather_than_drops_columns_on_a_narrow_terminal(
    cli: Any, telgte: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    out = cli("rank", telgte).stdout
    assert "Priorität" in out and "Quadrant" in out


def test_rank_does_not_interpret_markup_in_titles(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace(
        "title: Datenaustausch", 'title: "[bold red]Daten[/]"'
    )
    telgte.write_text(text, encoding="utf-8")
    result = cli("rank", telgte)
    assert "red]Daten[/]" in result.stdout  # the cell may wrap after "[bold"


def test_rank_keeps_escape_sequences_in_titles_off_the_terminal(
    cli: Any, telgte: Path, monkeypatch: Any
) -> None:
    text = telgte.read_text(encoding="utf-8").replace(
        "title: Datenaustausch", 'title: "\\e[2JDaten\\naustausch\\a"'
    )
    telgte.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "120")  # the title on one line, whatever the headings' widths
    result = cli("rank", telgte)
    assert result.exit_code == 0
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", result.stdout)
    assert "[2JDaten austausch" in result.stdout


COLOUR = re.compile(r"\x1b\[(?:[\d;]*;)?(?:3[0-8]|9[0-7])[;m]")


def _terminal_output(telgte: Path, monkeypatch: Any) -> str:
    """What ``rank`` prints on a real colour terminal (rich reads NO_COLOR itself)."""
    import io

    from rich.console import Console

    from strategy_kit.cli import output
    from strategy_kit.cli.rank import rank

    buffer = io.StringIO()

    def terminal(stderr: bool = False) -> Console:
        return Console(file=buffer, force_terminal=True, color_system="standard", width=140)

    monkeypatch.setattr(output, "console", terminal)
    rank(telgte)
    return buffer.getvalue()


def test_rank_colours_on_a_terminal_and_none_with_no_color(telgte: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert COLOUR.search(_terminal_output(telgte, monkeypatch))
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _terminal_output(telgte, monkeypatch)
    assert "Stadtportal" in plain
    assert not COLOUR.search(plain)


def test_rank_golden(cli: Any, examples: Path, golden: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = cli("rank", examples / "telgte.yaml")
    assert result.exit_code == 0
    golden("rank/telgte.de.txt", result.stdout)


MASSNAHMEN = Path("workshops") / "2019-09-massnahmen.yaml"

STRATEGY = """\
version: 1
kind: strategy
municipality: {name: Musterstadt, state: Nordrhein-Westfalen}
title: Digitale Agenda
vision: Digital und nah.
fields_of_action:
  - id: verwaltung
    title: Verwaltung
criteria:
  - id: nutzen
    title: Nutzen
    weight: 2
  - id: rechtlich
    title: Rechtlich zulässig
    scale: {min: 0, max: 1}
    knockout: true
"""

WORKSHOP = """\
version: 1
strategy: strategy.yaml
municipality: {name: Musterstadt, state: Nordrhein-Westfalen}
workshop: {title: Priorisierung, organiser: Beratung, goal: Projekte priorisieren}
projects:
  - id: portal
    title: Bürgerportal
    fields: [verwaltung]
    scores: {nutzen: 5, rechtlich: 0}
  - id: wlan
    title: WLAN im Rathaus
    fields: [verwaltung]
    scores: {nutzen: 2, rechtlich: 1}
"""


def test_rank_uses_the_criteria_and_projects_of_the_strategy_file(cli: Any, strategy_repo: Path) -> None:
    result = cli("rank", strategy_repo / MASSNAHMEN)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "K1: Wirkung für Bürgerschaft und Verwaltung (×3" in out
    assert "K3: Aufwand (Kosten und Personal) (×2, Kosten (niedrig ist gut))" in out
    first = next(line for line in out.splitlines() if line.strip().startswith("1 "))
    assert "Zukunftsfähige Infrastruktur" in first and "74,3" in first
    # In progress: listed apart with its sub-projects, ranked first with --all.
    assert "  - Stadtportal mit Online-Services (in Umsetzung); Teilmaßnahmen:" in out
    everything = cli("rank", "--all", strategy_repo / MASSNAHMEN).stdout.splitlines()
    first = next(i for i, line in enumerate(everything) if line.strip().startswith("1 "))
    assert "Stadtportal mit Online-Services" in everything[first] and "77,1" in everything[first]
    assert everything[first + 1].strip() == "└ Online-Anträge"


def test_a_knockout_criterion_of_the_strategy_file_knocks_a_project_out(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    (tmp_path / "workshop.yaml").write_text(WORKSHOP, encoding="utf-8")
    result = cli("rank", tmp_path / "workshop.yaml")
    assert result.exit_code == 0, result.stderr
    ranked = [line for line in result.stdout.splitlines() if re.match(r"\s*\d+=? ", line)]
    assert len(ranked) == 1 and "WLAN im Rathaus" in ranked[0], result.stdout
    assert "Ausgeschieden (K.-o.-Kriterium): Bürgerportal: Wert 0 bei Rechtlich zulässig" in result.stdout


def test_a_missing_score_of_a_strategy_project_is_warned_about_in_the_strategy_file(
    cli: Any, strategy_repo: Path
) -> None:
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    # Online-Anträge as a project of its own, up for decision, without scores.
    part = "    parent: stadtportal\n    lead: fb2\n    status: in-progress\n"
    assert text.count(part) == 1
    strategy.write_text(text.replace(part, "    lead: fb2\n    status: candidate\n"), encoding="utf-8")
    result = cli("rank", strategy_repo / MASSNAHMEN)
    line = text.splitlines().index("  - id: online-antraege") + 1
    assert result.stderr == (
        f"{strategy}:{line}:5: warning: projects[online-antraege]: "
        "not ranked: no score for wirkung, dringlichkeit, aufwand\n"
    )


def test_a_sub_project_without_scores_is_shown_under_its_parent_not_warned_about(
    cli: Any, strategy_repo: Path, monkeypatch: Any
) -> None:
    """Online-Anträge (strategy file) and Offene Mobilitätsdaten (workshop) have a parent, no scores."""
    lines = _at_width_80(cli, monkeypatch, strategy_repo / MASSNAHMEN)
    result = cli("rank", strategy_repo / MASSNAHMEN)
    assert "online-antraege" not in result.stderr and "mobilitaetsdaten" not in result.stderr
    parent = next(i for i, line in enumerate(lines) if "Smarte Mobilität" in line)
    assert lines[parent + 1].split() == ["└", "Offene", "Mobilitätsdaten"]  # no rank, no points
    assert "Offene Mobilitätsdaten" not in "\n".join(lines[parent + 2 :])
    report = cli("report", strategy_repo / MASSNAHMEN, "-f", "md").stdout
    assert "| Smarte Mobilität (Teilmaßnahmen: Offene Mobilitätsdaten) |" in report
    assert "- Stadtportal mit Online-Services (in Umsetzung); Teilmaßnahmen: Online-Anträge, " in report


def test_points_are_rounded_half_up_in_every_output(cli: Any, telgte: Path) -> None:
    """61.25 points show as 61,3 (DIN 1333), not 61,2 (Babel's and Python's half-even)."""
    old = "scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 2, umsetzbar: 1}"
    text = telgte.read_text(encoding="utf-8")
    assert old in text
    telgte.write_text(text.replace(old, old.replace("foerderung: 2,", "foerderung: 2.5,")), encoding="utf-8")
    row = next(line for line in cli("rank", telgte).stdout.splitlines() if "Datenaustausch" in line)
    assert {"6,3", "61,3"} <= set(row.split()), row  # Förderfähigkeit 6.25, total 61.25
    report = cli("report", telgte, "-f", "md").stdout
    assert "**61,3**" in report and "| 6,3 |" in report
    csv = cli("export", telgte, "--format", "csv").stdout
    assert ";61,3;" in next(line for line in csv.splitlines() if line.startswith("datenaustausch"))
    data = __import__("json").loads(cli("report", telgte, "-f", "json").stdout)
    assert [e["score"] for e in data["ranking"] if e["project"] == "datenaustausch"] == [61.25]


def test_rank_strategy_golden(cli: Any, examples: Path, golden: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = cli("rank", examples / "strategy-repo" / "strategy.yaml")
    assert result.exit_code == 0, result.stderr
    golden("rank/strategy.de.txt", result.stdout)


def test_rank_strategy_ranks_the_open_measures_by_the_one_ranking(cli: Any, strategy_repo: Path) -> None:
    """The strategy file ranks as a workshop that refers to it: same table, same rule 0.

    Open measures (idea to planned) are ranked; in progress and done ones stand
    apart unless --all; a dropped one is never ranked, not even with --all.
    """
    strategy = strategy_repo / "strategy.yaml"
    ranked = cli("rank", strategy)
    assert ranked.exit_code == 0, ranked.stderr
    via_workshop = cli("rank", strategy_repo / MASSNAHMEN).stdout
    table = [line for line in ranked.stdout.splitlines() if re.match(r"\s*\d+=? ", line)]
    assert [line for line in via_workshop.splitlines() if re.match(r"\s*\d+=? ", line)][:3] == table
    text = strategy.read_text(encoding="utf-8")
    part = "    lead: fb1\n    status: candidate\n"
    assert text.count(part) == 1
    strategy.write_text(
        text.replace(part, "    lead: fb1\n    status: dropped\n")
        .replace("    lead: fb4\n    status: prioritised\n", "    lead: fb4\n    status: done\n"),
        encoding="utf-8",
    )
    out = cli("rank", strategy).stdout
    rows = [line for line in out.splitlines() if re.match(r"\s*\d+=? ", line)]
    assert len(rows) == 1 and "Zukunftsfähige Infrastruktur" in rows[0]
    assert "  - Smarte Mobilität (erledigt)" in out and "  - Datenaustausch (verworfen)" in out
    everything = cli("rank", "--all", strategy).stdout
    rows = [line for line in everything.splitlines() if re.match(r"\s*\d+=? ", line)]
    assert [r.split()[1] for r in rows] == ["Stadtportal", "Zukunftsfähige", "Smarte"]
    assert "Datenaustausch (verworfen)" in everything


def test_rank_strategy_with_errors_is_a_compiler_message(cli: Any, strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("    progress: 40\n", "    progress: 140\n"), encoding="utf-8")
    line = text.splitlines().index("    progress: 40") + 1
    result = cli("rank", strategy)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{strategy}:{line}:15: error: projects[online-antraege].progress")
