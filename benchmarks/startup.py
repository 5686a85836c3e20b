"""Start-up and check speed, as ratios against floors measured in the same run.

Absolute seconds depend on the machine; ratios against ``python -c pass`` (the
interpreter's own start) and against importing only the CLI framework tell
whether strategy-kit adds cost where it should not. Run:

    python benchmarks/startup.py [--runs 15]

Nothing here asserts: the numbers are for people comparing revisions.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TELGTE = ROOT / "examples" / "telgte.yaml"


def median_seconds(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    python = sys.executable
    floor = median_seconds([python, "-c", "pass"], runs)
    framework = median_seconds([python, "-c", "import typer"], runs)
    cases = {
        "strategy-kit --version": [python, "-m", "strategy_kit", "--version"],
        "strategy-kit --help": [python, "-m", "strategy_kit", "--help"],
        "strategy-kit check telgte.yaml": [python, "-m", "strategy_kit", "check", str(TELGTE)],
        "import typer, pydantic, ruamel.yaml, jinja2, rich": [
            python, "-c", "import typer, pydantic, ruamel.yaml, jinja2, rich",
        ],
    }
    print(f"floor: python -c pass            {floor * 1000:7.1f} ms")
    print(f"floor: python -c 'import typer'  {framework * 1000:7.1f} ms")
    print(f"{'case':50} {'ms':>8} {'x pass':>8} {'x typer':>8}")
    for name, command in cases.items():
        seconds = median_seconds(command, runs)
        print(f"{name:50} {seconds * 1000:8.1f} {seconds / floor:8.2f} {seconds / framework:8.2f}")


if __name__ == "__main__":
    main()
