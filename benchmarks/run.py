"""Speed and scale of strategy-kit, as ratios against floors measured in the same run.

Absolute seconds depend on the machine and on what else runs on it; a ratio
against a floor timed in the same run, interleaved with the command it is
compared to, does not. Each case runs as a fresh process, as a user or a CI
job runs it; the figure is the median of several runs. Run from the
repository with the environment strategy-kit is installed in:

    python benchmarks/run.py            # every case, 7 runs each; writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # 3 runs each, for a quick look

The live room (``strategy-kit serve``) is measured against a real server
process by benchmarks/live.py: its start-up as a ratio like the others, and
a room of 200 phones as figures against the targets.

Nothing here asserts: a missed target is reported, not failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import county, document, portfolio
from live import room_rows, rooms, startup, startup_row, workshop_copy

ROOT = Path(__file__).resolve().parents[1]
TELGTE = ROOT / "examples" / "telgte.yaml"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
PYTHON = sys.executable
FIVE = "import typer, rich, pydantic, ruamel.yaml, jinja2"
MB = 1_000_000
PORTFOLIO = 400
#: The county repository of the history case: measures in its strategy, monthly commits.
MEASURES = 100
MONTHS = 120


def strategy_kit() -> list[str]:
    """The installed console script, as a user runs it; the module where there is none."""
    script = Path(PYTHON).parent / "strategy-kit"
    return [str(script)] if script.exists() else [PYTHON, "-m", "strategy_kit"]


def c_loader(*paths: Path) -> list[str]:
    """Parse files with PyYAML's C loader: the floor for reading YAML at all."""
    code = (
        "import sys, yaml\n"
        "for name in sys.argv[1:]:\n"
        "    with open(name, 'rb') as f:\n"
        "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
    )
    return [PYTHON, "-c", code, *map(str, paths)]


def timelines(strategy: Path) -> list[str]:
    """Every measure's timeline over a file's history: git read, each revision checked and compared."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from strategy_kit.compute.history import timeline\n"
        "from strategy_kit.files.history import history\n"
        "found = history(Path(sys.argv[1]))\n"
        "assert found.revisions, found.reason\n"
        "timeline(found.revisions)\n"
    )
    return [PYTHON, "-c", code, str(strategy)]


def seconds(command: Sequence[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(command)[:200]} failed:\n{done.stderr.decode()}")
    return elapsed


def peak_kb(command: Sequence[str]) -> int:
    """Peak resident memory of ``command`` (KiB), measured from a fresh parent."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run([PYTHON, "-c", code, *command], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


@dataclass
class Case:
    name: str
    command: list[str]
    runs: int
    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def measure(cases: list[Case]) -> None:
    """Run the cases round-robin, so a burst of load elsewhere hits a case and its floor alike."""
    for case in cases:
        seconds(case.command)  # warm the file cache and the bytecode
    for round_ in range(max(c.runs for c in cases)):
        for case in cases:
            if round_ < case.runs:
                case.samples.append(seconds(case.command))


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.platform()}",
    ]


def markdown(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A Markdown table, its columns padded to their widest cell."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
        for row in [header, tuple("-" * w for w in widths), *rows]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs per case instead of 7")
    parser.add_argument("--runs", type=int, help="runs per case (default 7, 3 with --quick)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    big_runs = max(3, runs // 2)
    sk = strategy_kit()
    load_before = os.getloadavg()
    started = dt.datetime.now().astimezone()

    work = Path(tempfile.mkdtemp(prefix="strategy-kit-bench-"))
    try:
        one = work / "1mb.yaml"
        ten = work / "10mb.yaml"
        one.write_text(document(MB), encoding="utf-8")
        ten.write_text(document(10 * MB), encoding="utf-8")
        files = portfolio(work / "portfolio", PORTFOLIO)
        county_file = county(work / "county", MEASURES, MONTHS)
        # Generated files must stay valid, or the benchmark measures error reporting.
        for target in (one, ten, work / "portfolio"):
            done = subprocess.run([*sk, "check", "-q", str(target)], capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"benchmark: generated {target} is not valid:\n{done.stdout[:2000]}")

        def case(name: str, command: list[str], n: int = runs) -> Case:
            return Case(name, command, n, [])

        typer_floor = case('python -c "import typer"', [PYTHON, "-c", "import typer"])
        five_floor = case(f'python -c "{FIVE}"', [PYTHON, "-c", FIVE])
        version = case("strategy-kit --version", [*sk, "--version"])
        help_ = case("strategy-kit --help", [*sk, "--help"])
        check = case("strategy-kit check telgte.yaml", [*sk, "check", str(TELGTE)])
        plan = case("strategy-kit plan telgte.yaml", [*sk, "plan", str(TELGTE)])
        c_one = case("C loader, 1 MB", c_loader(one))
        check_one = case("strategy-kit check 1 MB", [*sk, "check", str(one)])
        c_ten = case("C loader, 10 MB", c_loader(ten), big_runs)
        check_ten = case("strategy-kit check 10 MB", [*sk, "check", str(ten)], big_runs)
        c_all = case(f"C loader, {PORTFOLIO} files", c_loader(*files), big_runs)
        check_all = case(f"strategy-kit check {PORTFOLIO} files", [*sk, "check", str(work / "portfolio")], big_runs)
        git_log = case(
            f"git log --follow -p, {MONTHS} revisions",
            ["git", "-C", str(county_file.parent), "log", "--follow", "-p", "--", county_file.name],
        )
        history = case(f"timelines: {MEASURES} measures, {MONTHS} revisions", timelines(county_file))
        cases = [typer_floor, version, help_, five_floor, check, plan, c_one, check_one,
                 c_ten, check_ten, c_all, check_all, git_log, history]
        measure(cases)
        (work / "live").mkdir()
        live_start = startup(workshop_copy(work / "live"), runs)
        live_rooms = rooms(work / "rooms", 1 if args.quick else 3)

        baseline_kb = statistics.median(peak_kb([*sk, "check", str(TELGTE)]) for _ in range(3))
        one_kb = statistics.median(peak_kb([*sk, "check", str(one)]) for _ in range(3))
        size_one, size_ten = one.stat().st_size, ten.stat().st_size
        portfolio_bytes = sum(f.stat().st_size for f in files)
        county_bytes = county_file.stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows: list[tuple[str, str, str, str, str]] = []

    def ratio(what: Case, floor: Case, target: float) -> None:
        value = what.median / floor.median
        rows.append((
            what.name, f"{what.median * 1000:.0f} ms", f"{floor.name} ({floor.median * 1000:.0f} ms)",
            f"{value:.2f}x", f"<= {target}x {'met' if value <= target else 'MISSED'}",
        ))

    ratio(version, typer_floor, 1.3)
    ratio(help_, typer_floor, 2.0)
    ratio(check, five_floor, 1.0)
    ratio(plan, five_floor, 1.3)
    ratio(check_one, c_one, 2.5)
    ratio(check_ten, c_ten, 2.5)
    ratio(check_all, c_all, 2.0)
    rows.append(startup_row(live_start))
    value = history.median / git_log.median
    rows.append((
        history.name, f"{history.median * 1000:.0f} ms", f"{git_log.name} ({git_log.median * 1000:.0f} ms)",
        f"{value:.2f}x", f"< 5 s {'met' if history.median < 5 else 'MISSED'}",
    ))
    growth = check_ten.median / check_one.median
    data_growth = size_ten / size_one
    rows.append((
        "growth: check 10 MB / check 1 MB", f"{growth:.2f}x time", f"{data_growth:.2f}x data",
        f"{growth / data_growth * 10:.2f}x per 10x",
        f"<= 11x {'met' if growth / data_growth * 10 <= 11 else 'MISSED'}",
    ))
    if check_one.median > check.median:  # else the machine's load drowned the difference
        net = (check_ten.median - check.median) / (check_one.median - check.median)
        rows.append((
            "growth without start-up (minus check telgte)", f"{net:.2f}x time", f"{data_growth:.2f}x data",
            f"{net / data_growth * 10:.2f}x per 10x", "(for reading)",
        ))
    over = (one_kb - baseline_kb) * 1024 / size_one
    rows.append((
        "peak memory, check 1 MB", f"{one_kb / 1024:.0f} MiB",
        f"check telgte.yaml ({baseline_kb / 1024:.0f} MiB)",
        f"+{(one_kb - baseline_kb) / 1024:.0f} MiB = {over:.1f}x file; raw {one_kb * 1024 / size_one:.0f}x",
        f"< 20x {'met' if over < 20 else 'MISSED'}",
    ))
    load_after = os.getloadavg()
    table = markdown(("case", "median", "floor (median)", "ratio", "target"), rows)
    room_table = markdown(("the live room, 200 phones", "measured", "target"), room_rows(live_rooms))
    notes = [
        f"- {runs} runs per case ({big_runs} for the 10 MB and portfolio cases), medians, "
        "cases interleaved round-robin",
        f"- documents: {size_one / MB:.2f} MB and {size_ten / MB:.2f} MB; portfolio: {PORTFOLIO} files, "
        f"{portfolio_bytes / MB:.1f} MB in all (generated by benchmarks/generate.py)",
        f"- history: a county's strategy.yaml ({county_bytes / 1000:.0f} KB at the end), {MEASURES} "
        f"measures, {MONTHS} monthly commits, one of them broken, renamed half way; "
        "3 git processes read it",
        f"- live room: start-up {runs} runs of serve and of its floor, interleaved; "
        f"{len(live_rooms)} runs of 200 phones against a real server on loopback (medians, the range in brackets)",
        f"- load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after",
    ]
    print("\n".join(table))
    print()
    print("\n".join(room_table))
    print("\n".join(notes))
    if args.no_write:
        return
    text = "\n".join([
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py`; see docs/speed.md for what each case means.",
        "",
        f"Run on {started:%Y-%m-%d %H:%M %Z}:",
        "",
        *machine(),
        *notes,
        "",
        *table,
        "",
        *room_table,
        "",
    ])
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
