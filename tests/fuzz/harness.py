"""Run one input through every command, with a hard time bound and the checks that make a failure.

The table :data:`TARGETS` lists each (command, format) pair the fuzzer drives;
a new output format is one more row. Every run goes through the Typer app
in-process with exceptions let through, so a traceback fails the test instead
of becoming the CLI's one-line "internal error".
"""

from __future__ import annotations

import collections
import contextlib
import faulthandler
import functools
import hashlib
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from strategy_kit.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).resolve().parent / "corpus"
GOLDEN_CSV = ROOT / "tests" / "golden" / "export" / "telgte.csv"
#: The Telgte workbook as export -f xlsx writes it (tests/cli/test_export.py keeps it current).
GOLDEN_XLSX = ROOT / "tests" / "golden" / "export" / "telgte.xlsx"
#: The files mutations start from: every example, large and small.
SEEDS = sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("strategy-repo/**/*.yaml")])

#: A single command computing longer than this (CPU seconds) is a hang.
HARD_SECONDS = 20

#: How often each target ran and how many inputs each generator produced (for SECURITY.md).
RUNS: collections.Counter[str] = collections.Counter()
INPUTS: collections.Counter[str] = collections.Counter()


@dataclass(frozen=True)
class Ids:
    """Ids found in the input, so edits aim at something that may exist."""

    project: str = "x"
    criterion: str = "x"


@dataclass(frozen=True)
class Target:
    """One command line to run on a fuzzed file; ``edits`` marks commands that write it."""

    name: str
    argv: Callable[[Path, Ids], list[str]]
    edits: bool = False


def _plan(fmt: str, *extra: str) -> Callable[[Path, Ids], list[str]]:
    return lambda path, ids: ["plan", str(path), "-f", fmt, *extra]


def _report(fmt: str, *extra: str) -> Callable[[Path, Ids], list[str]]:
    return lambda path, ids: ["report", str(path), "-f", fmt, *extra]


TARGETS: list[Target] = [
    Target("check", lambda path, ids: ["check", str(path)]),
    Target("check json", lambda path, ids: ["check", str(path), "-f", "json"]),
    Target("plan text", _plan("text")),
    Target("plan md", _plan("md", "--public")),
    Target("plan html", _plan("html", "--lang", "en")),
    Target("plan ics", _plan("ics")),
    Target("plan ics per-day", _plan("ics", "--ics", "per-day", "--public")),
    Target("plan json", _plan("json")),
    Target("report html", _report("html", "--public")),
    Target("report md", _report("md", "--lang", "en")),
    Target("report json", _report("json")),
    Target("report docx", _report("docx", "--public")),
    Target("rank", lambda path, ids: ["rank", str(path)]),
    Target("export csv", lambda path, ids: ["export", str(path), "-f", "csv"]),
    Target("export decidim", lambda path, ids: ["export", str(path), "-f", "decidim", "--internal"]),
    Target("export xlsx", lambda path, ids: ["export", str(path), "-f", "xlsx", "--lang", "en"]),
    Target("export json", lambda path, ids: ["export", str(path), "-f", "json", "--internal"]),
    Target("diff", lambda path, ids: ["diff", str(EXAMPLES / "telgte.yaml"), str(path), "-f", "md"]),
    Target("diff json", lambda path, ids: ["diff", str(path), str(path), "-f", "json"]),
    Target("status roll-up", lambda path, ids: ["status", str(path.parent.parent), "-f", "json", "--today", "2020-01-01"]),
    Target("implementation report", lambda path, ids: ["report", str(path.parent.parent), "-f", "md"]),
    Target("vote", lambda path, ids: ["vote", str(path), ids.project, "+1"], edits=True),
    Target("score", lambda path, ids: ["score", str(path), ids.project, f"{ids.criterion}=1"], edits=True),
    Target("status", lambda path, ids: ["status", str(path), ids.project, "dropped"], edits=True),
    Target("fmt", lambda path, ids: ["fmt", str(path)], edits=True),
    Target("measure", lambda path, ids: ["measure", str(path), ids.project, "1", "3,5", "--date", "2030-01-01"], edits=True),
    Target("budget", lambda path, ids: ["budget", str(path), ids.project, "2030", "--spent", "1,5", "--source", "own"], edits=True),
    # The Telgte table as Excel saves it: ids that may or may not exist in the input.
    Target("import-scores", lambda path, ids: ["import-scores", str(path), str(GOLDEN_CSV)], edits=True),
    Target("import-scores xlsx", lambda path, ids: ["import-scores", str(path), str(GOLDEN_XLSX)], edits=True),
]

#: How import-scores may report a problem of a table: at a cell, a line and column, or the whole file.
TABLE_PROBLEM = r"(?::[^\s!]+![A-Z]{1,3}\d+|:\d+:\d+)?: (?:error|warning): "


def run_workbook(table: bytes, directory: Path, generator: str) -> None:
    """``import-scores`` of the Telgte example with ``table`` as its workbook: each problem
    positioned, the file unchanged unless the import succeeded, never a crash."""
    INPUTS[generator] += 1
    RUNS["import-scores mutated workbook"] += 1
    directory.mkdir(parents=True, exist_ok=True)
    workshop = directory / "telgte.yaml"
    raw = (EXAMPLES / "telgte.yaml").read_bytes()
    workshop.write_bytes(raw)
    path = directory / "t.xlsx"
    path.write_bytes(table)
    result = invoke(["import-scores", str(workshop), str(path)])
    positioned = re.compile(re.escape(str(path)) + TABLE_PROBLEM)
    output = result.output
    assert result.exit_code in (0, 1), (result.exit_code, output[-2000:])
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    if result.exit_code == 1:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines and all(positioned.match(line) for line in lines), output[-2000:]
        assert workshop.read_bytes() == raw, "a refused import changed the file"
    elif workshop.read_bytes() != raw:
        assert is_valid(workshop), "left an invalid file"
        assert comments(workshop.read_bytes()) == comments(raw), "lost or changed comments"


class Hang(BaseException):
    """A command ran past :data:`HARD_SECONDS` (a BaseException, so no handler swallows it)."""


@contextlib.contextmanager
def hard_deadline(seconds: float, what: str) -> Iterator[None]:
    """Turn a hang into a failure: a CPU-time alarm raises, and faulthandler shows where it hung.

    CPU time, not wall time (``ITIMER_PROF``), so a loaded or ``nice``'d machine
    does not count as a hang; a wall-clock alarm at ten times the bound catches
    a command that waits forever without computing.
    """
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"{what} ran longer than {seconds} s")

    previous = signal.signal(signal.SIGPROF, expire), signal.signal(signal.SIGALRM, expire)
    faulthandler.dump_traceback_later(seconds * 10 + 5, exit=False, file=sys.__stderr__)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * 10)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])


@functools.cache
def _command() -> Any:
    return typer.main.get_command(app)


def _cached_command(typer_app: Any) -> Any:
    return _command() if typer_app is app else typer.main.get_command(typer_app)


def invoke(argv: list[str]) -> Result:
    """``strategy-kit ARGV`` in-process; an exception propagates (and fails the test).

    Typer rebuilds its Click command on every invocation (30 ms, more than a
    failing command itself); the fuzzer builds it once, which makes it ten
    times faster.
    """
    original = getattr(typer.testing, "_get_command", None)
    if original is not None:
        typer.testing._get_command = _cached_command
    try:
        with hard_deadline(HARD_SECONDS, " ".join(argv[:1] + argv[2:])):
            return CliRunner().invoke(app, argv, catch_exceptions=False)
    finally:
        if original is not None:
            typer.testing._get_command = original


def find_ids(raw: bytes) -> Ids:
    """The first project and criterion id in the file, if it parses at all."""
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import load_yaml, plain

    try:
        data = plain(load_yaml(decode(raw, "fuzz.yaml")))
    except DiagnosticError:
        return Ids()

    def first(section: str) -> str:
        items = data.get(section)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
                    return str(item["id"])
        return "x"

    return Ids(first("projects"), first("criteria"))


def comments(raw: bytes) -> collections.Counter[str] | None:
    """The file's comment lines, or None when it does not load."""
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import iter_comments, load_yaml

    try:
        return collections.Counter(iter_comments(load_yaml(decode(raw, "fuzz.yaml"))))
    except DiagnosticError:
        return None


def data(raw: bytes) -> Any:
    """The file's plain data (what fmt must keep)."""
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import load_yaml, plain

    return plain(load_yaml(decode(raw, "fuzz.yaml")))


def is_valid(path: Path) -> bool:
    from strategy_kit.check.validate import check_source
    from strategy_kit.document.diagnostics import DiagnosticError
    from strategy_kit.files.source import read_source

    try:
        result = check_source(read_source(path))
    except DiagnosticError:
        return False
    # A strategy file checks clean without a workshop document.
    return not any(d.severity == "error" for d in result.diagnostics)


def workspace(directory: Path) -> Path:
    """A directory like the example repository: ``strategy.yaml`` next to ``workshops/``.

    The fuzzed file lives in ``workshops/`` so that a mutated ``strategy: ../strategy.yaml``
    still finds a real strategy file.
    """
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLES / "strategy-repo" / "strategy.yaml", directory / "strategy.yaml")
    (directory / "workshops").mkdir(exist_ok=True)
    return directory / "workshops" / "fuzz.yaml"


def run_all(raw: bytes, directory: Path, generator: str, targets: list[Target] | None = None) -> None:
    """Run ``raw`` through every target; raise AssertionError (or Hang) on the first failure."""
    INPUTS[generator] += 1
    path = workspace(directory)
    ids = find_ids(raw)
    was_valid: bool | None = None
    for target in targets if targets is not None else TARGETS:
        path.write_bytes(raw)
        RUNS[target.name] += 1
        if target.edits and was_valid is None:
            was_valid = is_valid(path)
        argv = target.argv(path, ids)
        result = invoke(argv)
        output = result.output
        assert result.exit_code in (0, 1, 2), (target.name, result.exit_code, output[-2000:])
        assert "Traceback" not in output, (target.name, output[-2000:])
        assert "internal error" not in output, (target.name, output[-2000:])
        if target.edits:
            after = path.read_bytes()
            if after != raw:
                # An edit refuses an invalid file; fmt lays out any file that parses,
                # but must not change its data or make a valid file invalid.
                assert result.exit_code == 0, (target.name, "changed the file and failed", output[-2000:])
                assert comments(after) == comments(raw), (target.name, "lost or changed comments")
                if target.name.startswith("fmt"):
                    assert data(after) == data(raw), (target.name, "changed the data")
                    assert was_valid is None or not was_valid or is_valid(path), (target.name, "made a valid file invalid")
                else:
                    assert is_valid(path), (target.name, "left an invalid file")
            leftovers = [p.name for p in path.parent.iterdir() if p.name != path.name]
            assert not leftovers, (target.name, "left files behind", leftovers)


#: The ``fmt`` family, for files with document markers, directives, anchors and merge keys
#: (:data:`tests.fuzz.strategies.MARKED`), with the edits that go through merge keys.
FMT_TARGETS: list[Target] = [
    Target("fmt", lambda path, ids: ["fmt", str(path)], edits=True),
    Target("measure", lambda path, ids: ["measure", str(path), ids.project, "1", "3,5", "--date", "2030-01-01"], edits=True),
    Target("fmt --check", lambda path, ids: ["fmt", "--check", str(path)], edits=True),
    Target("fmt --dry-run", lambda path, ids: ["fmt", "--dry-run", str(path)], edits=True),
    Target("fmt DIR", lambda path, ids: ["fmt", str(path.parent)], edits=True),
    *(t for t in TARGETS if t.edits and t.name != "fmt"),
    Target("check", lambda path, ids: ["check", str(path)]),
]


def run_fmt_family(raw: bytes, directory: Path, generator: str = "marked") -> None:
    """:func:`run_all` over :data:`FMT_TARGETS`; a file ``check`` accepts is formatted or refused.

    ``fmt`` on a valid file exits 0 (formatted, still valid, the same data) or 1
    (refused with a reason, file untouched); never 2 and never an internal error.
    """
    path = workspace(directory)
    path.write_bytes(raw)
    if is_valid(path):
        result = invoke(["fmt", str(path)])
        assert result.exit_code in (0, 1), ("fmt", result.exit_code, result.output[-2000:])
        after = path.read_bytes()
        if result.exit_code == 1:
            assert after == raw, ("fmt", "refused and changed the file")
        else:
            assert is_valid(path) and data(after) == data(raw), ("fmt", "changed a valid document")
    run_all(raw, directory, generator, FMT_TARGETS)


def corpus_name(raw: bytes, generator: str) -> str:
    return f"{generator}-{hashlib.sha256(raw).hexdigest()[:12]}.yaml"


def save_failure(raw: bytes, generator: str, corpus: Path = CORPUS) -> Path:
    """Keep an input that failed, named by its content, so every later run replays it."""
    corpus.mkdir(parents=True, exist_ok=True)
    path = corpus / corpus_name(raw, generator)
    if not path.exists():
        path.write_bytes(raw)
    return path


def is_final_example() -> bool:
    """True while Hypothesis replays the shrunk failing example (the one worth keeping)."""
    try:
        from hypothesis.control import current_build_context

        return bool(current_build_context().is_final)
    except Exception:
        return True


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.fuzz.harness FILE [GENERATOR]``: add a failing input to the corpus."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: python -m tests.fuzz.harness FILE [GENERATOR]\n")
        return 2
    saved = save_failure(Path(args[0]).read_bytes(), args[1] if len(args) > 1 else "manual")
    print(saved)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
