"""How the planner and its exports scale on a large synthetic workshop.

Prints each step's median time as a ratio to a floor measured in the same run
(a bare loop that adds up the same sessions' durations), so results compare
across machines. Run: ``python benchmarks/plan_bench.py [DAYS] [SESSIONS_PER_DAY]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from strategy_kit.compute.timing import Limits, plan
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.present.agenda import (
    Options,
    render_html,
    render_ics,
    render_json,
    render_markdown,
)


def document(days: int, per_day: int) -> WorkshopDocument:
    sessions = []
    for i in range(per_day):
        kind = "break" if i % 4 == 3 else ("group-work" if i % 5 == 0 else "plenary")
        track = ("A" if i % 2 else "B") if i % 7 in (1, 2) else None
        sessions.append(
            {
                "id": f"s-{i}",
                "title": f"Einheit {i}",
                "duration": "5m",
                "kind": kind,
                "track": track,
            }
        )
    return WorkshopDocument.model_validate(
        {
            "version": 1,
            "municipality": {"name": "Stadt Beispiel", "state": "Bayern"},
            "workshop": {"title": "Benchmark", "organiser": "Beratung", "goal": "Messen"},
            "days": [
                {
                    "date": f"2030-01-{d % 28 + 1:02d}" if d < 28 else f"2030-02-{d % 28 + 1:02d}",
                    "start": "08:00",
                    "end": "20:00",
                    "blocks": [
                        {"id": f"b{d}", "title": "Block", "goal": "Ziel", "sessions": sessions}
                    ],
                }
                for d in range(days)
            ],
        }
    )


def median(step: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    days = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    per_day = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    doc = document(days, per_day)

    def floor() -> int:
        return sum(s.duration for d in doc.days for b in d.blocks for s in b.sessions)

    limits = Limits(max_stretch=10_000, max_session=10_000)
    timetable = plan(doc, limits=limits)
    options = Options()
    base = min(median(floor, 51), median(floor, 51))
    steps = {
        "plan": lambda: plan(doc, limits=limits),
        "markdown": lambda: render_markdown(timetable, options),
        "html": lambda: render_html(timetable, options),
        "ics": lambda: render_ics(timetable, options),
        "json": lambda: render_json(timetable, options),
    }
    print(f"{days} days x {per_day} sessions; floor {base * 1e3:.2f} ms")
    for name, step in steps.items():
        print(f"{name:>9}: {median(step) / base:8.1f} x floor")


if __name__ == "__main__":
    main()
