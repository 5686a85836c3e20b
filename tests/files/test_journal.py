"""The live room's journal: durable appends, a torn last line survived, damage reported at its line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from strategy_kit.compute import ballots
from strategy_kit.document.diagnostics import DiagnosticError, Exit
from strategy_kit.files import journal


def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    return path


def test_the_journal_lies_beside_the_workshop(tmp_path: Path) -> None:
    assert journal.journal_path(tmp_path / "telgte.yaml") == tmp_path / ".strategy-kit" / "telgte.yaml.journal.jsonl"


def test_append_writes_one_line_per_event_and_replay_reads_them(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    with journal.open_journal(file)[0] as log:
        log.append({"event": "round-opened", "at": "2019-03-05T10:00:00+01:00", "round": {"id": "dots"}})
        log.append({"event": "ballot", "round": "dots", "voter": "käse-1", "choices": {"wlan": 2}})
    path = journal.journal_path(file)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert json.loads(lines[1]) == {"event": "ballot", "round": "dots", "voter": "käse-1", "choices": {"wlan": 2}}
    assert [e["event"] for e in journal.replay(path).events] == ["round-opened", "ballot"]
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)


def test_a_missing_journal_is_empty(tmp_path: Path) -> None:
    assert journal.replay(tmp_path / "none.jsonl") == journal.Replay()


def test_a_torn_last_line_is_reported_and_cut_off_before_appending(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    path = journal.journal_path(file)
    path.parent.mkdir()
    path.write_bytes(b'{"event":"a"}\n{"event":"b"}\n{"event":"ballot","vo')
    replayed = journal.replay(path)
    assert [e["event"] for e in replayed.events] == ["a", "b"]
    assert replayed.torn == journal.Torn(line=3, offset=28, size=21)
    log, past = journal.open_journal(file)
    with log:
        assert past.torn == replayed.torn
        log.append({"event": "c"})
    assert path.read_bytes() == b'{"event":"a"}\n{"event":"b"}\n{"event":"c"}\n'


def test_a_last_line_without_its_newline_is_ended_before_appending(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    path = journal.journal_path(file)
    path.parent.mkdir()
    path.write_bytes(b'{"event":"a"}')
    with journal.open_journal(file)[0] as log:
        log.append({"event": "b"})
    assert [e["event"] for e in journal.replay(path).events] == ["a", "b"]


def test_zeros_after_a_power_cut_are_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"event":"a"}\n\x00\x00\x00\x00')
    replayed = journal.replay(path)
    assert [e["event"] for e in replayed.events] == ["a"]
    assert replayed.torn is not None


@pytest.mark.parametrize(
    ("middle", "message"),
    [(b'{"event":', "not JSON"), (b"[1, 2]", "not an event"), (b"\xff\xfe", "not UTF-8"), (b'{"round": 1}', "not an event")],
)
def test_a_damaged_line_in_the_middle_is_an_error_at_its_line(tmp_path: Path, middle: bytes, message: str) -> None:
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"event":"a"}\n\n' + middle + b'\n{"event":"b"}\n')
    with pytest.raises(DiagnosticError) as caught:
        journal.replay(path)
    assert caught.value.exit_code == Exit.INVALID
    assert str(caught.value).startswith(f"{path}:3:1: error: {message}")


def test_a_second_process_cannot_open_the_same_journal(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    with journal.open_journal(file)[0]:
        with pytest.raises(DiagnosticError) as caught:
            journal.open_journal(file)
        assert caught.value.exit_code == Exit.USAGE
        assert "another process keeps this journal open" in str(caught.value)
        with pytest.raises(DiagnosticError):
            journal.purge_ballots(file)
    journal.open_journal(file)[0].close()


def test_an_event_that_is_not_json_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    with journal.open_journal(file)[0] as log, pytest.raises(ValueError):
        log.append({"event": "ballot", "choices": {"wlan": float("nan")}})
    assert journal.journal_path(file).read_bytes() == b""


def test_purge_removes_the_ballots_of_written_rounds_only(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    dots = ballots.dot_vote("dots", ["wlan", "portal"], budget=3)
    poll = ballots.poll("frage", ["ja", "nein"])
    room = ballots.Room()
    with journal.open_journal(file)[0] as log:

        def record(item: dict[str, object]) -> None:
            assert room.apply(item) is None
            log.append(item)

        record(ballots.event("round-opened", "t", round=dots.as_json()))
        record(ballots.event("round-opened", "t", round=poll.as_json()))
        for n in range(4):
            record(ballots.event("ballot", "t", **ballots.Ballot("dots", f"voter-{n}", f"browser-{n}", {"wlan": n % 3}).as_json()))
            record(ballots.event("ballot", "t", **ballots.Ballot("frage", f"voter-{n}", f"browser-{n}", {"ja": 1}).as_json()))
        record(ballots.event("round-closed", "t", round="dots"))
        record(ballots.event("totals-written", "t", round="dots", totals=ballots.tally_json(room.tally("dots"))))
    path = journal.journal_path(file)
    assert journal.purge_ballots(file) == 4
    events = journal.replay(path).events
    assert [e["round"] for e in events if e["event"] == "ballot"] == ["frage"] * 4
    assert "voter-0" not in path.read_text("utf-8").split('"round":"dots"')[-1]
    again, refused = ballots.replay(events)
    assert refused == []
    assert again.tally("dots") == room.tally("dots")
    assert again.tally("frage") == room.tally("frage")
    assert journal.purge_ballots(file) == 0
    assert journal.purge_ballots(tmp_path / "other.yaml") == 0


# -- a real kill -----------------------------------------------------------------------------

VOTER_SCRIPT = textwrap.dedent(
    """
    import sys
    from strategy_kit.compute import ballots
    from strategy_kit.files import journal

    spec = ballots.dot_vote("dots", ["wlan", "portal", "daten"], budget=5)
    log, past = journal.open_journal(sys.argv[1])
    room, _ = ballots.replay(past.events)
    if room.phase("dots") is None:
        log.append(ballots.event("round-opened", "t", round=spec.as_json()))
        room.open(spec)
    sequence = 0
    while True:
        for voter in range(50):
            sequence += 1
            # Each voter changes the ballot again and again: the latest counts.
            ballot = ballots.Ballot("dots", f"voter-{voter:02d}", f"browser-{voter:02d}", {"wlan": sequence % 4, "portal": 1})
            assert room.cast(ballot) is None
            log.append(ballots.event("ballot", str(sequence), **ballot.as_json()))
            print(f"{voter:02d} {sequence}", flush=True)
    """
)


def _confirmed(stdout: bytes) -> dict[str, int]:
    """The latest confirmed ballot (its sequence number) of each voter; a cut-off last line is no confirmation."""
    latest: dict[str, int] = {}
    for line in stdout.split(b"\n")[:-1]:
        voter, sequence = line.decode().split()
        latest[f"voter-{voter}"] = int(sequence)
    return latest


@pytest.mark.parametrize("stop_after", [37, 180, 611])
def test_sigkill_mid_vote_loses_no_confirmed_ballot_and_counts_none_twice(tmp_path: Path, stop_after: int) -> None:
    file = workshop(tmp_path)
    with subprocess.Popen([sys.executable, "-c", VOTER_SCRIPT, str(file)], stdout=subprocess.PIPE) as process:
        assert process.stdout is not None
        out = b""
        while out.count(b"\n") < stop_after:
            chunk = os.read(process.stdout.fileno(), 65536)
            assert chunk, "the voting process ended early"
            out += chunk
        process.send_signal(signal.SIGKILL)
        out += process.stdout.read()
    assert process.returncode == -signal.SIGKILL
    confirmed = _confirmed(out)
    assert len(confirmed) == min(50, len(out.split(b"\n")) - 1)
    path = journal.journal_path(file)
    for _ in range(2):  # replaying changes nothing: the second reads what the first read
        events = journal.replay(path).events
        ballots_in = [e for e in events if e["event"] == "ballot"]
        sequences = [int(e["at"]) for e in ballots_in]
        assert len(sequences) == len(set(sequences))  # no ballot twice
        assert sequences == sorted(sequences)
        room, refused = ballots.replay(events)
        assert refused == []
        last = {e["voter"]: int(e["at"]) for e in ballots_in}
        # Every confirmed ballot is there; an unconfirmed one at most as the very last.
        for voter, sequence in confirmed.items():
            assert last[voter] >= sequence
        assert set(sequences) - set(range(1, max(confirmed.values()) + 1)) <= {max(confirmed.values()) + 1}
        tally = room.tally("dots")
        assert tally.voters == len(last)
        assert tally.totals["portal"] == len(last)
        assert tally.totals["wlan"] == sum(s % 4 for s in last.values())
    # The room goes on after the restart: the journal takes new events on a line of their own.
    with journal.open_journal(file)[0] as log:
        log.append(ballots.event("round-closed", "t", round="dots"))
    assert journal.replay(path).events[-1]["event"] == "round-closed"


def test_git_leaves_the_journal_out(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    journal.open_journal(file)[0].close()
    assert (tmp_path / ".strategy-kit" / ".gitignore").read_text("utf-8") == "*\n"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    listed = subprocess.run(["git", "-C", str(tmp_path), "ls-files"], check=True, capture_output=True, text=True).stdout
    assert listed == "workshop.yaml\n"


def test_a_purge_that_fails_leaves_the_journal_open_for_appending(tmp_path: Path) -> None:
    file = workshop(tmp_path)
    log, _ = journal.open_journal(file)
    with log:
        log.append({"event": "a"})
        with journal.journal_path(file).open("ab") as handle:
            handle.write(b"broken\n")
        log.append({"event": "totals-written", "round": "dots"})
        with pytest.raises(DiagnosticError, match=":2:1: error: not JSON"):
            log.purge_ballots()
        log.append({"event": "b"})
    assert journal.journal_path(file).read_bytes().endswith(b'{"event":"b"}\n')
