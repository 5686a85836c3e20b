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
    order = ("Stadtportal", "zukunftsfähige", "smarte", "Datenaustausch")
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
        "Ausgeschieden (K.-o.-Kriterium): smarte Mobilität: "
        "Wert 0 bei Rechtlich und technisch umsetzbar" in out
    )
    assert (
        "Nicht bewertet (fehlende Bewertungen): Datenaustausch: "
        "fehlt Dringlichkeit, Aufwand (Kosten und Personal), Förderfähigkeit" in out
    )


def test_rank_does_not_interpret_markup_in_titles(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace(
        "title: Datenaustausch", 'title: "[bold red]Daten[/]"'
    )
    telgte.write_text(text, encoding="utf-8")
    result = cli("rank", telgte)
    assert "red]Daten[/]" in result.stdout  # the cell may wrap after "[bold"


def test_rank_keeps_escape_sequences_in_titles_off_the_terminal(cli: Any, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace(
        "title: Datenaustausch", 'title: "\\e[2JDaten\\naustausch\\a"'
    )
    telgte.write_text(text, encoding="utf-8")
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
