"""Synthetic, valid workshop files of any size, and portfolios of municipalities.

The benchmark needs documents far larger than any real workshop (1 MB, 10 MB)
and directories of hundreds of files; both must stay valid so that ``check``
does the whole work (shape, references, rules) rather than stop at the first
error. Sizes grow by adding participants, days with sessions, fields of
action and scored projects in proportion, as a real file would.

    python benchmarks/generate.py document 1000000 big.yaml
    python benchmarks/generate.py portfolio 400 portfolio/
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("document", help="one workshop file of SIZE bytes")
    one.add_argument("size", type=int)
    one.add_argument("output", type=Path)
    many = sub.add_parser("portfolio", help="a directory of COUNT municipality files")
    many.add_argument("count", type=int)
    many.add_argument("output", type=Path)
    args = parser.parse_args()
    if args.what == "document":
        args.output.write_text(document(args.size), encoding="utf-8")
    else:
        portfolio(args.output, args.count)


if __name__ == "__main__":
    main()
