"""``strategy-kit check`` end to end, including every kind of bad input.

Each bad input must give exactly one clear diagnostic line and the right exit
status, and never a traceback (the runner lets exceptions through, so a crash
fails the test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from strategy_kit.files.source import MAX_BYTES

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

BAD_INPUTS: list[tuple[str, bytes, int, str]] = [
    ("empty", b"", 1, "1:1: error: the file is empty"),
    ("blank", b"  \n\n", 1, "1:1: error: the file is empty"),
    ("comment", b"# only a comment\n", 1, "1:1: error: the file holds no data"),
    ("null", b"~\n", 1, "1:1: error: the file holds no data"),
    ("list", b"- version: 1\n", 1, "1:1: error: the top level is a list"),
    ("scalar", b"hello\n", 1, "1:1: error: the top level is a single value"),
    ("syntax", b"version: 1\nworkshop: [a\n", 1, "3:1: error: YAML syntax: expected ',' or ']'"),
    ("tabs", b"version: 1\nworkshop:\n\ttitle: x\n", 1, "3:1: error: YAML syntax: found character '\\t' that cannot start any token"),
    ("duplicate", b"version: 1\nversion: 1\n", 1, '2:1: error: duplicate key "version"; each key may appear once'),
    ("bomb", BOMB.encode(), 1, "error: aliases expand this document beyond 100000 values"),
    ("recursive", b"a: &a [*a]\n", 1, "1:4: error: alias *a refers to itself"),
    ("python-tag", b"version: !!python/object/apply:os.system [ls]\n", 1, "1:10: error: tag '!!python/object/apply:os.system' is not allowed"),
    ("local-tag", b"version: !include other.yaml\n", 1, "1:10: error: tag '!include' is not allowed"),
    ("documents", b"version: 1\n---\nversion: 1\n", 1, "2:1: error: several YAML documents in one file"),
    ("latin-1", "version: 1\nmunicipality:\n  name: Gütersloh\n".encode("latin-1"), 1, "3:10: error: byte 0xfc is not UTF-8"),
    ("deep", b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", 1, "1:68: error: the document is nested too deeply"),
    ("deep-block", "".join(f"{'  ' * i}k{i}:\n" for i in range(200)).encode(), 1, "error: the document is nested too deeply"),
    ("control", b"version: 1\x00\n", 1, "error: YAML syntax"),
]


@pytest.mark.parametrize(("name", "content", "status", "expected"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_clear_line(cli, tmp_path: Path, name: str, content: bytes, status: int, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    result = cli("check", "--quiet", path)
    assert result.exit_code == status
    # A note may follow the error, pointing at its cause (where a bracket was opened).
    lines = [line for line in result.stdout.splitlines() if ": note: " not in line]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"{path}:")
    assert expected in lines[0]
    assert "Traceback" not in result.output


def test_bom_is_accepted(cli, tmp_path: Path, examples: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (examples / "telgte.yaml").read_bytes())
    result = cli("check", path)
    assert result.exit_code == 0, result.stdout


def test_crlf_line_endings_are_accepted(cli, tmp_path: Path, examples: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "crlf.yaml"
    path.write_bytes((examples / "telgte.yaml").read_bytes().replace(b"\n", b"\r\n"))
    assert cli("check", path).exit_code == 0


def test_too_large_file_is_refused_without_reading_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk and no time
    result = cli("check", "-q", path)
    assert result.exit_code == 1
    assert "error: file is 16.0 MB; a workshop file is at most 16 MB" in result.stdout


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.mkdir(), "no *.yaml or *.yml files in this directory"),
        (lambda p: None, "no such file"),
        (lambda p: os.mkfifo(p), "is not a regular file"),
    ],
    ids=["directory", "missing", "fifo"],
)
def test_unusable_paths_exit_2(cli, tmp_path: Path, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "target.yaml"
    make(path)
    result = cli("check", "-q", path)
    assert result.exit_code == 2
    assert result.stdout == f"{path}: error: {expected}\n"


def test_unreadable_file_exits_2(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "secret.yaml"
    path.write_text("version: 1\n")
    original = Path.open

    def deny(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    result = cli("check", "-q", path)
    assert result.exit_code == 2
    assert result.stdout == f"{path}: error: permission denied\n"


def test_many_files_report_everything_and_the_worst_status(cli, tmp_path: Path, examples: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n")
    result = cli("check", examples / "telgte.yaml", bad, tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert f"{bad}:1:1: error: missing required key 'municipality'" in result.stdout
    assert f"{tmp_path / 'missing.yaml'}: error: no such file" in result.stdout
    assert result.stdout.rstrip().endswith("3 errors, 0 warnings in 3 files")


def test_json_format_lists_diagnostics(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.yaml"
    path.write_text("version: 1\nworkshp: {}\n")
    result = cli("check", "--format", "json", path)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {"file", "line", "column", "severity", "path", "message"} == set(data[0])
    unknown = next(d for d in data if "workshp" in d["message"])
    assert unknown == {
        "file": str(path),
        "line": 2,
        "column": 1,
        "severity": "error",
        "path": "workshp",
        "message": "unknown key 'workshp'; did you mean 'workshop'?",
    }


def test_json_format_of_a_valid_file_is_an_empty_list(cli, examples: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "-f", "json", examples / "telgte.yaml")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_github_format_writes_workflow_annotations(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.yaml"
    path.write_text("version: 1\nworkshp: {}\n")
    result = cli("check", "--format", "github", path)
    assert result.exit_code == 1
    assert f"::error file={path},line=2,col=1,title=strategy-kit::workshp: unknown key 'workshp'; did you mean 'workshop'?" in result.stdout.splitlines()


def test_strict_fails_on_warnings(cli, telgte: Path) -> None:  # type: ignore[no-untyped-def]
    telgte.write_text(telgte.read_text(encoding="utf-8").replace("functions: [equality-officer]", "functions: [staff]"), encoding="utf-8")
    assert cli("check", telgte).exit_code == 0
    result = cli("check", "--strict", telgte)
    assert result.exit_code == 1
    assert "warning: participants: no participant with function equality-officer" in result.stdout


def test_unknown_format_is_a_usage_error(cli, examples: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--format", "xml", examples / "telgte.yaml")
    assert result.exit_code == 2


def test_module_entry_point_and_no_jinja2_on_check(examples: Path) -> None:
    code = (
        "import sys\n"
        "from strategy_kit.cli import main\n"
        f"status = main(['check', {str(examples / 'telgte.yaml')!r}])\n"
        "print(status, 'jinja2' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 False"
    done = subprocess.run(
        [sys.executable, "-m", "strategy_kit", "check", str(examples / "telgte.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert (done.returncode, done.stdout) == (0, "1 file valid\n")


def imported(*args: str) -> set[str]:
    """Every module a real ``python -m strategy_kit ARGS`` process imports (``-X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "strategy_kit", *args],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and not line.rstrip().endswith("| imported package")
    }


HEAVY = ("jinja2", "ruamel.yaml", "pydantic", "babel", "icalendar", "rich")


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (["--version"], ("typer", *HEAVY)),
        (["--help"], HEAVY),
        (["check", "examples/telgte.yaml"], ("jinja2", "babel", "icalendar", "rich")),
    ],
    ids=["version", "help", "check"],
)
def test_start_up_imports_only_what_the_command_needs(args: list[str], absent: tuple[str, ...]) -> None:
    from tests.conftest import ROOT

    modules = imported(*[str(ROOT / a) if a.endswith(".yaml") else a for a in args])
    assert "strategy_kit" in modules  # the listing really is the process's imports
    assert [m for m in absent if m in modules] == []


def test_internal_errors_become_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], examples: Path) -> None:
    from strategy_kit.check import validate
    from strategy_kit.cli import main

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    # Every check goes through check_source, whichever module reads the file.
    monkeypatch.setattr(validate, "check_source", boom)
    monkeypatch.delenv("STRATEGY_KIT_DEBUG", raising=False)
    assert main(["check", str(examples / "telgte.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("strategy-kit: internal error: RuntimeError: simulated bug\n")
    assert "Traceback" not in err


def test_a_project_in_two_files_of_a_directory_is_an_error_at_both_places(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14, defect 4: ``check .`` called both files valid, and ``status .`` kept one."""
    from tests.check.test_repository import workshop, write

    folder = write(tmp_path / "repo", a=workshop(progress=80), b=workshop(progress=10))
    result = cli("check", folder, "--format", "json")
    assert result.exit_code == 1
    found = [(d["file"], d["line"], d["column"], d["message"][:50]) for d in json.loads(result.stdout)]
    assert found == [
        (str(folder / "a.yaml"), 7, 9, f"project 'stadtportal' is also defined in {folder / 'b.yaml'}:7"[:50]),
        (str(folder / "b.yaml"), 7, 9, f"project 'stadtportal' is also defined in {folder / 'a.yaml'}:7"[:50]),
    ]
    text = cli("check", folder).stdout
    assert text.endswith("2 errors, 0 warnings in 2 files\n")
    assert f"{folder / 'a.yaml'}:7:9: error: project 'stadtportal' is also defined in {folder / 'b.yaml'}:7;" in text
    # Files named one by one are checked each on its own, as before.
    assert cli("check", folder / "a.yaml", folder / "b.yaml").stdout == "2 files valid\n"


def test_a_directory_of_several_municipalities_is_checked_file_by_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Unrelated workshops may share a folder; only rolling them up into one state is refused."""
    from tests.check.test_repository import workshop, write

    folder = write(tmp_path / "repo", a=workshop(), b=workshop("Stadt Warstein"))
    assert cli("check", folder).stdout == "2 files valid\n"
    assert cli("status", folder).exit_code == 1


def test_a_workshop_of_another_municipality_than_its_strategy_fails_check(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14, defect 4: it passed check (exit 0), and then status could not roll it up."""
    from tests.check.test_repository import workshop

    (tmp_path / "ws").mkdir()
    (tmp_path / "strategy.yaml").write_text(
        "version: 1\nkind: strategy\n"
        "municipality: {name: Gemeinde Testdorf, state: Bayern, ags: '09162000'}\n"
        "title: Digitalstrategie\nvision: V\n",
        encoding="utf-8",
    )
    text = workshop("Stadt Anders").replace("version: 1\n", "version: 1\nstrategy: ../strategy.yaml\n")
    (tmp_path / "ws" / "x.yaml").write_text(text, encoding="utf-8")
    result = cli("check", tmp_path / "ws" / "x.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{tmp_path / 'ws' / 'x.yaml'}:3:22: error: municipality.name: 'Stadt Anders' is not the municipality "
        f"of the strategy file {tmp_path / 'strategy.yaml'} (Gemeinde Testdorf (09162000))"
    )


def test_impossible_dates_are_reported_with_every_other_problem(cli, strategy_repo: Path) -> None:  # type: ignore[no-untyped-def]
    """The first impossible date used to end the check: one error, the rest unseen."""
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    text = text.replace("    due: 2021-12-31\n  - id: ziel-2", "    due: 2021-02-30\n  - id: ziel-2", 1)
    text = text.replace("    due: 2020-12-31\n  - id: ziel-3", "    due: 2020-13-31\n  - id: ziel-3", 1)
    text = text.replace("    weight: 3\n", "    weight: zwei\n", 1)
    text = text.replace(
        "        target: 40\n        due: 2021-12-31\n",
        "        target: 40\n        due: 2021-12-31\n        measurements:\n          - {date: 2021-02-29, value: 3}\n",
        1,
    )
    strategy.write_text(text, encoding="utf-8")
    result = cli("check", strategy)
    assert result.exit_code == 1
    lines = text.splitlines()
    expected = [
        f"{lines.index('    due: 2021-02-30') + 1}:10",
        f"{lines.index('    due: 2020-13-31') + 1}:10",
        f"{lines.index('    weight: zwei') + 1}:13",
        f"{lines.index('          - {date: 2021-02-29, value: 3}') + 1}:20",
    ]
    found = [line.split(": error: ")[0].removeprefix(f"{strategy}:") for line in result.stdout.splitlines()[:-1]]
    assert found == expected, result.stdout
    assert "goals[ziel-1].due: '2021-02-30' is no date in the calendar (February 2021 has 28 days)" in result.stdout
    assert "goals[ziel-2].due: '2020-13-31' is no date in the calendar (a month is 1 to 12)" in result.stdout
    assert "criteria[wirkung].weight: expected a number" in result.stdout
    assert "measurements[0].date: '2021-02-29' is no date in the calendar (February 2021 has 28 days)" in result.stdout
    assert result.stdout.endswith("4 errors, 0 warnings in 1 file\n")


def test_impossible_dates_of_a_workshop_and_under_a_text_key_are_all_reported(cli, strategy_repo: Path) -> None:  # type: ignore[no-untyped-def]
    workshop = strategy_repo / "workshops" / "2019-03-auftakt.yaml"
    text = workshop.read_text(encoding="utf-8")
    text = text.replace("  - date: 2019-03-05\n", "  - date: 2019-02-30\n", 1).replace("  - date: 2019-03-06\n", "  - date: 2019-03-32\n", 1)
    text = text.replace("  title: Auftaktworkshop zur Erarbeitung einer digitalen Strategie\n", "  title: 2019-04-31\n", 1)
    workshop.write_text(text, encoding="utf-8")
    result = cli("check", workshop)
    assert result.exit_code == 1
    assert [line.split(": error: ")[1][:45] for line in result.stdout.splitlines()[:-1]] == [
        "workshop.title: '2019-04-31' is no date in th",
        "days[0].date: '2019-02-30' is no date in the ",
        "days[1].date: '2019-03-32' is no date in the ",
    ], result.stdout
    # Its strategy file's impossible dates are its errors too, each reported.
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8").replace("review: 2020-03-01", "review: 2020-02-30", 1)
    strategy.write_text(text.replace("    due: 2020-12-31\n", "    due: 2020-12-32\n", 1), encoding="utf-8")
    result = cli("check", workshop)
    assert result.stdout.endswith("5 errors, 0 warnings in 1 file\n"), result.stdout


def test_an_indicator_value_written_like_german_thousands_is_asked_about(cli, strategy_repo: Path) -> None:  # type: ignore[no-untyped-def]
    """``1.000`` is one to YAML and one thousand to a German reader; amounts were asked about, indicators not."""
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8").replace(
        "        baseline: 5\n        target: 40\n        due: 2021-12-31\n",
        "        baseline: 1.500\n        target: 40.000\n        due: 2021-12-31\n"
        "        measurements:\n          - {date: 2019-01-01, value: 1.000}\n"
        '          - date: 2020-01-01\n            value: "2,000"\n          - {date: 2021-01-01, value: 2.5}\n',
        1,
    )
    strategy.write_text(text, encoding="utf-8")
    result = cli("check", strategy)
    assert result.exit_code == 1
    indicator = "projects[stadtportal].indicators[0]"
    line = text.splitlines().index("        baseline: 1.500") + 1
    assert result.stdout.replace(f"{strategy}:", "") == (
        f"{line}:19: error: {indicator}.baseline: is '1.500' 1.5 or 1500? write 1.5 or 1500\n"
        f"{line + 1}:17: error: {indicator}.target: is '40.000' 40 or 40000? write 40 or 40000\n"
        f"{line + 4}:39: error: {indicator}.measurements[0].value: is '1.000' 1 or 1000? write 1 or 1000\n"
        f"{line + 6}:20: error: {indicator}.measurements[1].value: is '2,000' 2 or 2000? write 2 or 2000\n"
        "4 errors, 0 warnings in 1 file\n"
    )
    # The command line asks the same of the same value, and writes nothing.
    before = strategy.read_bytes()
    result = cli("measure", strategy, "stadtportal", "1", "1.000", "--date", "2019-02-01")
    assert (result.exit_code, result.stderr) == (2, "strategy-kit: error: VALUE: is '1.000' 1 or 1000? write 1 or 1000\n")
    assert strategy.read_bytes() == before


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"#12345"', "'#12345' has 5 hex digits after the #; a colour has six: write #RRGGBB, e.g. #1F5FA8"),
        ('"#1234567"', "'#1234567' has 7 hex digits after the #; a colour has six: write #RRGGBB, e.g. #1F5FA8"),
        ("red", "'red': write a colour as \"#RRGGBB\", in quotes; did you mean \"#FF0000\"?"),
        ("1d5fa8", "'1d5fa8': write a colour as \"#RRGGBB\", in quotes; did you mean \"#1d5fa8\"?"),
        ('"#abc"', "'#abc': write a colour as \"#RRGGBB\", in quotes; did you mean \"#aabbcc\"?"),
        ('"rgb(29, 95, 168)"', "'rgb(29, 95, 168)': write a colour as \"#RRGGBB\", in quotes; did you mean \"#1D5FA8\"?"),
        ('"#1d5fa8;"', "'#1d5fa8;': write a colour as \"#RRGGBB\", in quotes; did you mean \"#1d5fa8\"?"),
        ('"#1G5FA8"', "'#1G5FA8': 'G' is no hex digit (0-9, A-F); write #RRGGBB, e.g. #1F5FA8"),
        ("Dunkelblau", "'Dunkelblau' is not a colour; a colour is written #RRGGBB (six hex digits), e.g. #1F5FA8"),
        ("000000", '000000 is a number to YAML; a colour is text, #RRGGBB in quotes: did you mean accent: "#000000"?'),
        ("1e5", '1e5 is a number to YAML; a colour is text, #RRGGBB in quotes: write accent: "#1F5FA8"'),
    ],
)
def test_a_colour_in_another_form_is_answered_from_what_was_written(cli, telgte: Path, written: str, message: str) -> None:  # type: ignore[no-untyped-def]
    """The hint was the same example whatever was written; now it says what the value means or lacks."""
    text = telgte.read_text(encoding="utf-8")
    telgte.write_text(text.replace("\nreport:\n", f"\nreport:\n  style:\n    accent: {written}\n", 1), encoding="utf-8")
    result = cli("check", telgte)
    assert result.exit_code == 1
    line = text[: text.index("\nreport:\n")].count("\n") + 4
    assert result.stdout == f"{telgte}:{line}:13: error: report.style.accent: {message}\n1 error, 0 warnings in 1 file\n"


def test_a_colour_of_a_strategy_file_is_answered_from_what_was_written(cli, strategy_repo: Path) -> None:  # type: ignore[no-untyped-def]
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("\nreport:\n", "\nreport:\n  style:\n    accent: 123456\n", 1), encoding="utf-8")
    result = cli("check", strategy)
    assert result.exit_code == 1
    assert (
        'report.style.accent: 123456 is a number to YAML; a colour is text, #RRGGBB in quotes: '
        'did you mean accent: "#123456"?\n1 error' in result.stdout
    )
