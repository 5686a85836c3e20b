"""New workshop files from templates: kick-off, design sprint, follow-up.

A template is an agenda skeleton drawn from the reference cases (the Telgte
kick-off, the design sprints and follow-up workshops of municipal programmes)
plus the people a strategy process needs from the start: a facilitator, the
head of every department, and the data protection officer, the staff council
and the equality officer. The new file is validated before it is written and
is never written over an existing file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.document.model import FederalState, federal_state

TEMPLATES = ("kick-off", "design-sprint", "follow-up")
DEFAULT_FILE = "workshop.yaml"
DEFAULT_SCHEMA = "workshop.schema.json"

# (title, duration, kind, method or None, fixed start or None)
_Session = tuple[str, str, str, str | None, str | None]
_Day = tuple[str, str, str, str, str, str, list[_Session]]  # title, start, end, block id, block title, block goal, sessions

_LUNCH: _Session = ("Mittagspause", "45m", "break", None, "12:30")
_COFFEE: _Session = ("Kaffeepause", "15m", "break", None, None)

AGENDAS: dict[str, list[_Day]] = {
    "kick-off": [
        (
            "Innovationsworkshop", "09:00", "16:30", "innovation", "Innovationsworkshop",
            "Ausgangslage, Erwartungen und Chancen der Digitalisierung gemeinsam erfassen.",
            [
                ("Begrüßung und Einführung", "30m", "plenary", None, None),
                ("Erwartungen an die digitale Kommune", "45m", "plenary", "Kartenabfrage", None),
                _COFFEE,
                ("Praxisbeispiele aus Kommunalverwaltungen", "1h", "input", "Impulsvortrag mit Diskussion", None),
                ("Ausgangssituation: Reifegrad je Handlungsfeld", "1h", "group-work", "Selbsteinschätzung", None),
                _LUNCH,
                ("Arbeitsgruppen: Chancen und Hürden", "1h15m", "group-work", "Gallery Walk", None),
                _COFFEE,
                ("Ergebnisse der Arbeitsgruppen im Plenum", "45m", "plenary", None, None),
                ("Rückblick und Ausblick", "30m", "plenary", None, None),
            ],
        ),
        (
            "Strategieentwicklung", "09:00", "16:30", "strategie", "Strategieentwicklung",
            "Zielsetzung, Handlungsfelder und priorisierte Projekte der Strategie erarbeiten.",
            [
                ("Rückblick auf den ersten Tag", "15m", "plenary", None, None),
                ("Zielsetzung der Digitalisierungsstrategie", "45m", "plenary", "Moderierte Diskussion", None),
                ("Handlungsfelder festlegen", "1h", "plenary", "Clustern", None),
                _COFFEE,
                ("Projektideen je Handlungsfeld", "1h15m", "group-work", "World Café", None),
                _LUNCH,
                ("Priorisierung: Bepunktung und Bewertung", "1h", "plenary", "Bepunktung und Nutzwertanalyse", None),
                _COFFEE,
                ("Maßnahmensteckbriefe entwerfen", "1h", "group-work", "Steckbrief", None),
                ("Nächste Schritte und Abschluss", "30m", "plenary", None, None),
            ],
        ),
    ],
    "design-sprint": [
        (
            "Design-Sprint", "09:00", "16:30", "sprint", "Design-Sprint",
            "Eine Fragestellung an einem Tag vom Problem bis zum getesteten Prototyp bearbeiten.",
            [
                ("Einstieg und Fragestellung", "15m", "plenary", None, None),
                ("Verstehen: Problem und Nutzende", "1h15m", "input", "Expertenbefragung", None),
                _COFFEE,
                ("Ideen skizzieren", "1h15m", "group-work", "Crazy 8s", None),
                ("Entscheiden", "30m", "plenary", "Bepunktung", None),
                _LUNCH,
                ("Prototyp bauen", "1h30m", "group-work", "Papierprototyp", None),
                _COFFEE,
                ("Testen mit Nutzenden", "1h", "group-work", "Nutzertest", None),
                ("Ergebnisse und nächste Schritte", "30m", "plenary", None, None),
            ],
        ),
    ],
    "follow-up": [
        (
            "Folgeworkshop", "09:00", "13:00", "konkretisierung", "Projekte konkretisieren",
            "Priorisierte Projekte zu Maßnahmen mit Verantwortlichen und Terminen ausarbeiten.",
            [
                ("Begrüßung und Rückblick", "30m", "plenary", None, None),
                ("Stand der Projekte", "45m", "plenary", "Kurzberichte", None),
                _COFFEE,
                ("Projekte konkretisieren", "1h15m", "group-work", "Maßnahmensteckbrief", None),
                _COFFEE,  # a break within every 2h, as ``plan`` asks
                ("Priorisierung überprüfen", "30m", "plenary", "Bepunktung", None),
                ("Nächste Schritte", "30m", "plenary", None, None),
            ],
        ),
    ],
}

TITLES = {
    "kick-off": "Auftaktworkshop zur Digitalisierungsstrategie",
    "design-sprint": "Design-Sprint zur Digitalisierungsstrategie",
    "follow-up": "Folgeworkshop zur Digitalisierungsstrategie",
}
GOAL = "Die Voraussetzungen für eine nachhaltige digitale Verwaltung und Stadtgesellschaft schaffen."


@dataclass
class InitOptions:
    """Everything a new workshop file needs; the CLI fills it from options or prompts."""

    municipality: str
    state: str
    dates: list[dt.date]
    departments: list[str] = field(default_factory=list)
    template: str = "kick-off"
    organiser: str | None = None
    title: str | None = None
    goal: str | None = None
    venue: str | None = None
    schema: str = DEFAULT_SCHEMA


def parse_state(text: str) -> FederalState:
    """A Land from its name or an abbreviation ('NW', 'NRW', 'nordrhein-westfalen').

    The same table as the file's ``state`` key (:data:`~strategy_kit.document.model.STATE_ABBREVIATIONS`).
    """
    return federal_state(text)


def workshop_dates(first: Sequence[dt.date], count: int) -> list[dt.date]:
    """The given dates, continued on the following weekdays up to ``count`` days."""
    dates = sorted(set(first))
    if not dates:
        raise ValueError("at least one date is needed")
    while len(dates) < count:
        day = dates[-1] + dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        dates.append(day)
    return dates


def build(options: InitOptions) -> str:
    """The YAML text of a new workshop file (with ``\\n`` line endings)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

    from strategy_kit.document.slug import slugify, unique_slug
    from strategy_kit.files.fmt import dump

    if options.template not in AGENDAS:
        raise ValueError(f"unknown template {options.template!r}; one of {', '.join(TEMPLATES)}")
    state = parse_state(options.state)
    agenda = AGENDAS[options.template]
    dates = workshop_dates(options.dates, len(agenda))

    def flow(items: list[Any]) -> CommentedSeq:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    taken: set[str] = set()
    departments = []
    for name in options.departments:
        ident = unique_slug(name, taken)
        taken.add(ident)
        departments.append(CommentedMap([("id", ident), ("name", name)]))
    participants = [
        CommentedMap(
            [
                ("id", "moderation"),
                ("role", "Moderation"),
                *([("organisation", options.organiser)] if options.organiser else []),
                ("functions", flow(["facilitator"])),
            ]
        )
    ]
    taken.add("moderation")
    for department in departments:
        ident = unique_slug(f"leitung {department['id']}", taken)
        taken.add(ident)
        participants.append(
            CommentedMap(
                [
                    ("id", ident),
                    ("role", f"Leitung {department['name']}"),
                    ("department", department["id"]),
                    ("functions", flow(["department-head"])),
                ]
            )
        )
    for ident, role, function in (
        ("datenschutz", "Datenschutzbeauftragte oder Datenschutzbeauftragter", "data-protection-officer"),
        ("personalrat", "Personalrat", "staff-council"),
        ("gleichstellung", "Gleichstellungsbeauftragte", "equality-officer"),
    ):
        ident = unique_slug(ident, taken)
        taken.add(ident)
        participants.append(CommentedMap([("id", ident), ("role", role), ("functions", flow([function]))]))

    days = []
    sessions_seen: set[str] = set()
    for when, (day_title, start, end, block_id, block_title, goal, sessions) in zip(dates, agenda, strict=False):
        items = []
        for title, duration, kind, method, fixed in sessions:
            session = CommentedMap()
            if kind != "break":
                ident = unique_slug(slugify(title, 30), sessions_seen)
                sessions_seen.add(ident)
                session["id"] = ident
            session["title"] = title
            session["duration"] = duration
            if fixed:
                session["start"] = Quoted(fixed)
            session["kind"] = kind
            if method:
                session["method"] = method
            if kind != "break":
                session["lead"] = "moderation"
            items.append(session)
        block = CommentedMap([("id", block_id), ("title", block_title), ("goal", goal), ("sessions", items)])
        days.append(
            CommentedMap(
                [("date", when), ("start", Quoted(start)), ("end", Quoted(end)), ("title", day_title), ("blocks", [block])]
            )
        )

    workshop = CommentedMap()
    workshop["title"] = options.title or f"{TITLES[options.template]} der {options.municipality}"
    workshop["kind"] = options.template
    workshop["organiser"] = options.organiser or options.municipality
    if options.venue:
        workshop["venue"] = options.venue
    workshop["timezone"] = "Europe/Berlin"
    workshop["language"] = "de"
    workshop["goal"] = options.goal or GOAL
    workshop["facilitators"] = flow(["moderation"])

    criteria = [
        CommentedMap([("id", "wirkung"), ("title", "Wirkung für Bürgerschaft und Verwaltung"), ("weight", 3)]),
        CommentedMap([("id", "dringlichkeit"), ("title", "Dringlichkeit"), ("weight", 2)]),
        CommentedMap(
            [("id", "aufwand"), ("title", "Aufwand (Kosten und Personal)"), ("weight", 2), ("direction", "cost")]
        ),
        CommentedMap(
            [
                ("id", "umsetzbar"),
                ("title", "Rechtlich und technisch umsetzbar"),
                ("scale", _flow_map({"min": 0, "max": 1})),
                ("knockout", True),
            ]
        ),
    ]

    root = CommentedMap()
    root["version"] = 1
    root["municipality"] = CommentedMap([("name", options.municipality), ("state", state.value)])
    root["workshop"] = workshop
    if departments:
        root["departments"] = departments
    root["participants"] = participants
    root["days"] = days
    root["criteria"] = criteria
    root["report"] = CommentedMap([("impact", "wirkung"), ("effort", "aufwand")])

    header = (
        f"yaml-language-server: $schema={options.schema}\n\n"
        f"{TITLES[options.template]}: {options.municipality}.\n"
        "Prüfen: strategy-kit check; Handlungsfelder und Projekte ergänzen:\n"
        "strategy-kit add field|project; Namen nur mit Einwilligung (public: true)."
    )
    _quote_all(root)
    root.yaml_set_start_comment(header)
    comments = {
        "participants": "Nach Rolle; Namen sind freiwillig und bleiben ohne Einwilligung intern.",
        "days": "Uhrzeiten ergeben sich aus den Dauern; 'start' fixiert eine Einheit.",
        "criteria": "Kriterien der Priorisierung (Nutzwertanalyse), Skala 0-5.",
    }
    for key, comment in comments.items():
        root.yaml_set_comment_before_after_key(key, before=comment)
    return _blank_lines(dump(root))


def _quote_all(node: Any) -> None:
    """Double quotes wherever a value needs quoting, in place."""
    from strategy_kit.change.splice import double_quoted

    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, dict | list):
            _quote_all(value)
        else:
            node[key] = double_quoted(value)


def _blank_lines(text: str) -> str:
    """A blank line before each top-level section (and its comment), as in the examples."""
    lines = text.split("\n")
    out: list[str] = []
    seen_key = False
    for line in lines:
        top = line[:1].isalpha()
        if top and seen_key:
            start = len(out)
            while start > 0 and out[start - 1].startswith("#"):
                start -= 1
            if start > 0 and out[start - 1] != "":
                out.insert(start, "")
        seen_key = seen_key or top
        out.append(line)
    return "\n".join(out)


def _flow_map(values: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(values)
    mapping.fa.set_flow_style()
    return mapping


def create_exclusive(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file ``path``; fail if it exists, even if it appears meanwhile.

    The data is written and fsynced under a temporary name, then hard-linked
    to ``path`` (which fails atomically if ``path`` exists) so no reader ever
    sees a half-written file.
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        Path(temp).chmod(0o666 & ~umask)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            # No hard links on this file system: fall back to exclusive creation.
            with path.open("xb") as target:
                target.write(data)
                target.flush()
                os.fsync(target.fileno())
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temp).unlink()


def target_path(directory: Path, file_name: str) -> Path:
    """The new file's path; ``file_name`` must be a plain name (the schema goes beside it)."""
    if not file_name or Path(file_name).name != file_name or file_name in (".", ".."):
        raise ValueError(f"--file-name {file_name!r}: give a file name, not a path; the directory is DIR")
    return directory / file_name


def init_workshop(directory: Path, options: InitOptions, file_name: str = DEFAULT_FILE) -> list[Path]:
    """Create the workshop file (and the schema beside it); return what was written."""
    from strategy_kit.check.validate import check_data
    from strategy_kit.files.yamlio import make_yaml

    target = target_path(directory, file_name)
    if target.exists():
        raise DiagnosticError(
            [Diagnostic(str(target), 1, 1, "error", "", "exists already; init never overwrites a file")],
            Exit.USAGE,
        )
    text = build(options)
    _, diagnostics = check_data(make_yaml().load(text), str(target))
    if any(d.severity == "error" for d in diagnostics):  # pragma: no cover - a template bug
        raise DiagnosticError(diagnostics, Exit.INVALID)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # A file in the way, a missing or read-only parent: one line, not a traceback.
        why = "is a file, not a directory" if directory.is_file() else f"cannot create: {exc.strerror or exc}"
        raise DiagnosticError([Diagnostic(str(directory), 1, 1, "error", "", why)], Exit.USAGE) from None
    try:
        create_exclusive(target, text.encode("utf-8"))
    except FileExistsError:
        raise DiagnosticError(
            [Diagnostic(str(target), 1, 1, "error", "", "exists already; init never overwrites a file")],
            Exit.USAGE,
        ) from None
    except OSError as exc:
        message = f"cannot write: {exc.strerror or exc}"
        raise DiagnosticError([Diagnostic(str(target), 1, 1, "error", "", message)], Exit.USAGE) from None
    written = [target]
    schema = directory / options.schema
    if options.schema == DEFAULT_SCHEMA and not schema.exists():
        from strategy_kit.document.schema import schema_text

        with contextlib.suppress(FileExistsError):
            create_exclusive(schema, schema_text().encode("utf-8"))
            written.append(schema)
    return written
