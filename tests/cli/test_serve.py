"""``strategy-kit serve``: its offline jobs (codes, ballots) and its start-up, through the command line."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import httpx2 as httpx
import pytest
from tests.serve.server import running
from typer.testing import CliRunner

from strategy_kit.cli import app
from strategy_kit.compute.ballots import Ballot, dot_vote, event
from strategy_kit.files.journal import journal_path, open_journal
from strategy_kit.files.journal import replay as read_journal

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "telgte.yaml"
    shutil.copy(ROOT / "examples" / "telgte.yaml", path)
    return path


@pytest.mark.slow
def test_codes_prints_a_card_per_participant_and_issues_them_in_the_journal(workshop: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "codes.pdf"
    result = runner.invoke(
        app, ["serve", str(workshop), "--codes", str(out), "--spare", "2", "--host", "10.0.0.5"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "17 participant codes" in result.output
    events = read_journal(journal_path(workshop)).events
    assert [e["event"] for e in events] == ["codes"]
    codes = events[0]["codes"]
    assert len(codes) == 17 and sum(group is None for group in codes.values()) == 3  # two spare cards, the mayor
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("-", "")
    assert all(code in text for code in codes)
    assert "10.0.0.5:8765" in "".join(page.extract_text() for page in PdfReader(out).pages)
    # Issued again, the old codes stay valid and new ones come on top.
    again = runner.invoke(
        app, ["serve", str(workshop), "--codes", str(out), "--force", "--url", "http://10.0.0.5:8765/"], catch_exceptions=False
    )
    assert again.exit_code == 0, again.output
    issued = [e["codes"] for e in read_journal(journal_path(workshop)).events]
    assert len(issued) == 2 and not set(issued[0]) & set(issued[1])


def test_codes_will_not_overwrite_a_file_without_force(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "codes.pdf"
    out.write_bytes(b"mine")
    result = runner.invoke(app, ["serve", str(workshop), "--codes", str(out), "--host", "10.0.0.5"], catch_exceptions=False)
    assert result.exit_code == 2
    assert out.read_bytes() == b"mine"
    assert read_journal(journal_path(workshop)).events == [], "no code issued that nobody can read"


def _vote_in_journal(workshop: Path) -> None:
    journal, _ = open_journal(workshop)
    with journal:
        journal.append(event("round-opened", "2019-03-05T10:00:00+01:00", round=dot_vote("stimmen-1", ["stadtportal", "datenaustausch"], 3).as_json()))
        for n, dots in enumerate(({"stadtportal": 2, "datenaustausch": 1}, {"stadtportal": 3})):
            key = f"browser-key-{n}"
            journal.append(event("ballot", "2019-03-05T10:01:00+01:00", **Ballot("stimmen-1", key, key, dots).as_json()))


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_ballots_exports_the_journal_without_keys(workshop: Path, tmp_path: Path, suffix: str) -> None:
    _vote_in_journal(workshop)
    out = tmp_path / f"stimmen.{suffix}"
    result = runner.invoke(app, ["serve", str(workshop), "--ballots", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert b"browser-key" not in data
    if suffix == "json":
        rounds = json.loads(data)["rounds"]
        assert [len(r["ballots"]) for r in rounds] == [2]
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "Runde" and len(rows) == 1 + 2 * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "--lang 'fr': use de or en"),
        (["--ballots", "out.txt"], "name a .csv or a .json file"),
        (["--port", "70000"], "65535"),
        (["--url", "javascript:alert(1)"], "give the address phones open"),
        (["--codes", "codes.pdf"], "the cards need the address phones reach"),
    ],
)
def test_usage_errors_exit_2(workshop: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["serve", str(workshop), *args], catch_exceptions=False)
    assert result.exit_code == 2
    assert message in result.output


def test_a_symbolic_link_to_a_served_file_shares_its_journal(workshop: Path) -> None:
    link = workshop.with_name("link.yaml")
    link.symlink_to(workshop.name)
    assert journal_path(link) == journal_path(workshop)
    journal, _ = open_journal(workshop)
    with journal:
        result = runner.invoke(app, ["serve", str(link), "--port", "0"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "another process keeps this journal open" in result.output


def test_a_file_with_errors_is_reported_like_check_and_starts_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("workshop:\n  title: x\ndays: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", str(broken), "--port", "0"], catch_exceptions=False)
    assert result.exit_code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: error: ", result.output), result.output
    assert not journal_path(broken).exists()


@pytest.mark.slow
def test_serve_prints_its_addresses_and_answers_on_them(workshop: Path) -> None:
    with running(workshop) as served:
        assert served.join.startswith("http://127.0.0.1:")
        assert served.room_code is not None and re.fullmatch(r"\d{4}", served.room_code)
        assert len(served.token) >= 40
        # The benchmark reads the same lines: it must find them too, or it waits for ever.
        from benchmarks.live import CONSOLE, READY, ROOM

        printed = "".join(served.output)
        assert CONSOLE.search(printed) and ROOM.search(printed)
        assert served.process.stdout is not None
        rest: list[str] = []
        while len(rest) < 5 and not any(READY in line for line in rest):
            rest.append(served.process.stdout.readline())
        assert READY in rest[-1], rest
        with httpx.Client() as browser:
            assert browser.get(served.projector).status_code == 200
            assert browser.get(served.base + "/console").status_code == 403, "no token, no console"
            page = browser.get(served.console, follow_redirects=True)
            assert page.status_code == 200 and "Abstimmung öffnen" in page.text
            assert served.token not in page.text, "the token stays in its cookie"
