"""Synthetic, valid workshop files of any size, and portfolios of municipalities.

The benchmark needs documents far larger than any real workshop (1 MB, 10 MB)
and directories of hundreds of files; both must stay valid so that ``check``
does the whole work (shape, references, rules) rather than stop at the first
error. Sizes grow by adding participants, days with sessions, fields of
action and scored projects in proportion, as a real file would.

    python benchmarks/generate.py document 1000000 big.yaml
    python benchmarks/generate.py portfolio 400 portfolio/
    python benchmarks/generate.py county county-repo/
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
from pathlib import Path

STATES = (
    "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
    "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
    "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
)
OVERSIGHT = ("data-protection-officer", "staff-council", "equality-officer")
KINDS = ("plenary", "input", "break", "group-work", "plenary", "break", "input", "plenary")
CRITERIA = (("wirkung", 3, "benefit"), ("dringlichkeit", 2, "benefit"), ("aufwand", 2, "cost"))


def _head(index: int, departments: int) -> list[str]:
    lines = [
        "# Synthetischer Workshop für den Benchmark (generiert).",
        "version: 1",
        "",
        "municipality:",
        f"  name: Gemeinde Beispiel {index}",
        f"  state: {STATES[index % len(STATES)]}",
        f'  ags: "{10_000_000 + index:08d}"',
        "",
        "workshop:",
        f"  title: Strategieworkshop {index}",
        "  kind: kick-off",
        "  organiser: Beratung & Partner",
        "  venue: Rathaus   # Sitzungssaal",
        "  timezone: Europe/Berlin",
        "  language: de",
        "  goal: >-",
        "    Handlungsfelder und Projekte der digitalen Verwaltung festlegen",
        "    und priorisieren.",
        "  facilitators: [moderation]",
        "",
        "departments:",
    ]
    for d in range(departments):
        lines += [f"  - id: fb{d}", f'    name: "Fachbereich {d}: Zentrale Dienste"']
    return lines


def _participants(count: int, departments: int) -> list[str]:
    lines = [
        "",
        "participants:",
        "  - id: moderation",
        "    role: Moderation",
        "    organisation: Beratung & Partner",
        "    functions: [facilitator, external-expert]",
    ]
    for p in range(count):
        function = OVERSIGHT[p] if p < len(OVERSIGHT) else "staff"
        lines += [
            f"  - id: person-{p}",
            f"    role: Sachbearbeitung Digitalisierung {p}",
            f"    department: fb{p % departments}",
            f"    functions: [{function}]",
        ]
        if p % 5 == 0:
            lines += [f"    name: Erika Mustermann {p}", f"    email: person{p}@example.org", "    public: true"]
    return lines


def _days(count: int, people: int) -> list[str]:
    lines = ["", "days:"]
    first = dt.date(2030, 1, 7)
    for d in range(count):
        lines += [
            f"  - date: {(first + dt.timedelta(days=d)).isoformat()}",
            '    start: "09:00"',
            '    end: "17:00"',
            f"    title: Tag {d + 1}",
            "    blocks:",
            f"      - id: block-{d}",
            f"        title: Block {d + 1}",
            "        goal: Ziele und Maßnahmen erarbeiten",
            "        sessions:",
        ]
        for s in range(8):
            kind = KINDS[s % len(KINDS)]
            lines += [f"          - id: s-{d}-{s}"] if kind != "break" else []
            lines += [
                f"          {'  ' if kind != 'break' else '- '}title: Einheit {s + 1} an Tag {d + 1}",
                "            duration: 45m",
                f"            kind: {kind}",
            ]
            if kind != "break":
                lines += [
                    f"            lead: person-{(d * 8 + s) % people}",
                    "            method: World Café",
                    "            outputs: [Ergebnisse, Offene Fragen]",
                ]
        lines += ["        results:", "          - Gemeinsames Verständnis"]
    return lines


def _fields(count: int) -> list[str]:
    lines = ["", "fields_of_action:"]
    for f in range(count):
        lines += [
            f"  - id: feld-{f}",
            f"    title: Handlungsfeld {f}",
            "    description: Leistungen online und medienbruchfrei anbieten.",
            "    goals:",
            "      - Die meistgenutzten Leistungen online anbieten",
            f"    maturity: {{current: {f % 3}, target: {f % 3 + 2}}}",
        ]
    lines += ["", "criteria:"]
    for ident, weight, direction in CRITERIA:
        lines += [f"  - id: {ident}", f"    title: Kriterium {ident}", f"    weight: {weight}"]
        if direction == "cost":
            lines.append("    direction: cost")
    return lines


def _projects(count: int, fields: int, people: int, departments: int) -> list[str]:
    lines = ["", "projects:"]
    for p in range(count):
        lines += [
            f"  - id: projekt-{p}",
            f"    title: Projekt {p}",
            f"    fields: [feld-{p % fields}]",
            "    description: Ein Portal für Informationen und Verwaltungsleistungen.",
            "    goal: Anliegen online erledigen.",
            f"    lead: fb{p % departments}",
            "    stakeholders: [IT-Dienstleister, Bürgerbüro]",
            "    status: prioritised",
            "    horizon: short",
            f"    scores: {{wirkung: {p % 6}, dringlichkeit: {(p * 7) % 6}, aufwand: {(p * 3) % 6}}}",
            f"    votes: {p % 13}",
            "    next_steps:",
            "      - action: Anforderungen sammeln",
            f"        owner: person-{p % people}",
            "        due: 2030-06-30",
        ]
    return lines


def _build(units: int, index: int) -> str:
    departments = max(4, min(units, 40))
    people = 3 + 2 * units
    lines = _head(index, departments)
    lines += _participants(people, departments)
    lines += _days(units, people)
    lines += _fields(units)
    lines += _projects(3 * units, units, people, departments)
    return "\n".join(lines) + "\n"


def document(size: int, index: int = 0) -> str:
    """A valid workshop file of about ``size`` bytes (at least a small complete one).

    Every kind of content grows with the size (per unit: two participants, a
    day of eight sessions, a field of action, three scored projects), so a
    large file stresses the same code paths a real one does, not one long list.
    """
    per_unit = (len(_build(11, index).encode()) - len(_build(1, index).encode())) / 10
    fixed = len(_build(1, index).encode()) - per_unit
    return _build(max(1, round((size - fixed) / per_unit)), index)


def portfolio(directory: Path, count: int, size: int = 15_000) -> list[Path]:
    """``count`` municipality files of about ``size`` bytes (the Telgte example is 15 KB)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = directory / f"gemeinde-{index:04d}.yaml"
        path.write_text(document(size, index), encoding="utf-8")
        paths.append(path)
    return paths


STAGES = ("candidate", "prioritised", "planned", "in-progress", "done")


def _measure(p: int, age: int) -> list[str]:
    """Measure ``p`` in its ``age``-th month: it moves a stage every 6 to 24 months."""
    stage = min(4, age // (6 + p % 19))
    status = "dropped" if p % 17 == 0 and age > 30 else STAGES[stage]
    progress = {2: 10, 3: min(95, 50 + (age % 12) * 4), 4: 100}.get(stage)
    title = f"Maßnahme {p}" + (" (erweitert)" if p % 23 == 0 and age > 50 else "")
    actual = 10 + min(90, ((age // 3) * (p % 7 + 1)))
    lines = [
        f"  - id: massnahme-{p}",
        f"    title: {title}",
        # Some measures are re-scoped into a second field of action, some rescheduled.
        f"    fields: [feld-{p % 8}{f', feld-{(p + 1) % 8}' if p % 13 == 0 and age > 60 else ''}]",
        f"    lead: fb{p % 6}",
        f"    status: {status}",
        f"    scores: {{wirkung: {p % 6}, dringlichkeit: {(p * 7) % 6}, aufwand: {(p * 3) % 6}}}",
        "    start: 2020-Q1",
        f"    end: {'2030-Q4' if p % 11 == 0 and age > 40 else '2029-Q4'}",
    ]
    if progress is not None and status != "dropped":
        lines.append(f"    progress: {progress}")
    lines += [
        "    milestones:",
        "      - date: 2022-06-30",
        "        title: Konzept abgestimmt",
        f"        done: {'true' if age > 12 else 'false'}",
        "      - date: 2026-06-30",
        "        title: Im Regelbetrieb",
        f"        done: {'true' if stage == 4 else 'false'}",
        "    indicators:",
        "      - title: Nutzung in Prozent",
        "        unit: '%'",
        "        baseline: 10",
        "        target: 100",
        f"        actual: {actual}",
    ]
    return lines


def county_strategy(month: int, measures: int = 100) -> str:
    """The county's ``strategy.yaml`` in month ``month`` (0 = January 2016).

    Three fifths of the measures are there from the start, the rest come one a
    month; each moves through the lifecycle at its own pace, its indicator is
    measured quarterly, some are dropped, some re-scoped under a new title or
    into a second field, some rescheduled, and a few taken out of the file
    after six years.
    """
    lines = [
        "# Synthetische Strategie eines Kreises für den Benchmark (generiert).",
        "version: 1",
        "kind: strategy",
        "municipality:",
        "  name: Kreis Beispiel",
        "  state: Nordrhein-Westfalen",
        "title: Digitale Strategie des Kreises Beispiel",
        "vision: Ein digitaler Kreis.",
        "departments:",
        *(f"  - {{id: fb{d}, name: Fachbereich {d}}}" for d in range(6)),
        "fields_of_action:",
        *(f"  - {{id: feld-{f}, title: Handlungsfeld {f}}}" for f in range(8)),
        "criteria:",
        *(
            f"  - {{id: {cid}, title: {cid.title()}, weight: {w}, direction: {d}}}"
            for cid, w, d in CRITERIA
        ),
        "projects:",
    ]
    first = measures * 3 // 5
    for p in range(measures):
        start = 0 if p < first else p - first + 1
        if month >= start and not (p % 29 == 7 and month - start > 70):
            lines += _measure(p, month - start)
    return "\n".join(lines) + "\n"


def county(directory: Path, measures: int = 100, months: int = 120, broken: int | None = 60) -> Path:
    """A git repository with ``months`` monthly commits of a county's strategy; its file.

    Written with one ``git fast-import``; committer and author dates are the
    first of each month from January 2016. The commit of month ``broken`` holds
    a file that does not parse (the next month repairs it). The file is renamed
    from ``strategie.yaml`` to ``strategy.yaml`` half way.
    """
    directory.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(directory)], check=True, env=env)
    stream: list[bytes] = []
    name = "strategie.yaml"
    for month in range(months):
        year, index = divmod(month, 12)
        when = int(dt.datetime(2016 + year, index + 1, 1, 9, tzinfo=dt.UTC).timestamp())
        text = county_strategy(month, measures)
        if month == broken:
            text = text.replace("projects:", "projects: [", 1)
        data = text.encode("utf-8")
        renamed = month == months // 2
        stream += [
            b"commit refs/heads/main\n",
            f"author Kreis <it@kreis.example> {when} +0000\n".encode(),
            f"committer Kreis <it@kreis.example> {when} +0000\n".encode(),
            b"data 15\nStand monatlich\n",
        ]
        if renamed:
            stream.append(f"D {name}\n".encode())
            name = "strategy.yaml"
        stream += [f"M 100644 inline {name}\n".encode(), f"data {len(data)}\n".encode(), data, b"\n"]
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=directory, input=b"".join(stream), check=True, env=env
    )
    subprocess.run(["git", "checkout", "-q", "main"], cwd=directory, check=True, env=env)
    return directory / name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("document", help="one workshop file of SIZE bytes")
    one.add_argument("size", type=int)
    one.add_argument("output", type=Path)
    many = sub.add_parser("portfolio", help="a directory of COUNT municipality files")
    many.add_argument("count", type=int)
    many.add_argument("output", type=Path)
    repo = sub.add_parser("county", help="a git repository with ten years of a county's strategy")
    repo.add_argument("output", type=Path)
    args = parser.parse_args()
    if args.what == "document":
        args.output.write_text(document(args.size), encoding="utf-8")
    elif args.what == "portfolio":
        portfolio(args.output, args.count)
    else:
        print(county(args.output))


if __name__ == "__main__":
    main()
