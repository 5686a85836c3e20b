"""Tables for other programs: a CSV for Excel, a CSV for Decidim's accountability import.

Both are written with Python's :mod:`csv` module. Text cells follow the text
policy (:func:`~strategy_kit.present.text.clean`: a separator is a line break in
the cell, controls and bidi overrides go). Text cells that a spreadsheet
would read as a formula (OWASP's list: ``=``, ``+``, ``-``, ``@``, tab and
carriage return) get a leading ``'``; numbers are written as numbers. A text
that already starts with ``'`` gets one more, so
:func:`~strategy_kit.present.text.unneutralise` can always take exactly one
away and give back the original text.

The Excel CSV is what German Excel writes and opens by double-click: UTF-8 with
a byte order mark, ``;`` between cells, CRLF line ends, a decimal comma. Its
header row names each criterion by id, so :mod:`strategy_kit.change.importscores` can
read edited scores back. docs/export.md describes both layouts.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from strategy_kit.compute.progress import DECIDED, Figures, figures
from strategy_kit.document.model import (
    FieldOfAction,
    Indicator,
    NextStep,
    Project,
    Status,
    WorkshopDocument,
)
from strategy_kit.document.options import resolve_lang, resolve_public
from strategy_kit.document.periods import first_day, last_day
from strategy_kit.document.privacy import person_label
from strategy_kit.present.i18n import round_half_up
from strategy_kit.present.labels import LANGUAGES, label
from strategy_kit.present.text import clean, neutralise

if TYPE_CHECKING:
    from strategy_kit.compute.prioritise import Entry

Format = Literal["csv", "decidim"]

#: Statuses a Decidim result is made for: what was decided on (as in the roll-up's portfolio).
DECIDIM_STATUSES = DECIDED


@dataclass(frozen=True)
class Number:
    """A numeric cell: written as a number in the file's convention, never neutralised."""

    value: float | int
    decimal: str = ","

    def __str__(self) -> str:
        from strategy_kit.document.numbers import decimal_text

        # 0,000001, never 1e-06: import-scores reads the cell back as score does.
        return decimal_text(self.value).replace(".", self.decimal)


Cell = str | Number | None


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Number):
        return str(value)
    return neutralise(clean(value))  # the text policy first: a control must not hide a formula


def write_table(
    rows: Iterable[Sequence[Cell]], *, delimiter: str = ";", bom: bool = True
) -> bytes:
    """Rows as CSV bytes: UTF-8 (with BOM for Excel), CRLF, text cells neutralised."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return (("\ufeff" if bom else "") + stream.getvalue()).encode("utf-8")


def owner_text(document: WorkshopDocument, owner_id: str | None, *, public: bool) -> str:
    """A department's name or a person as privacy allows, never a participant id."""
    if owner_id is None:
        return ""
    department = document.department(owner_id)
    if department is not None:
        return department.name
    participant = document.participant(owner_id)
    if participant is not None:
        return person_label(participant, public=public)
    return owner_id


# -- the Excel CSV ---------------------------------------------------------------------------


def columns(document: WorkshopDocument) -> list[str]:
    """The table's columns in order, as keys: ``id``, the criterion ids, else ``export.*`` labels.

    One layout for the CSV (:func:`csv_rows`) and the workbook
    (:mod:`strategy_kit.present.workbook`), which styles each column by its key.
    """
    return [
        "id",
        "export.title",
        "export.fields",
        "export.status",
        "export.rank",
        "export.points",
        *(c.id for c in document.criteria),
        "export.votes",
        "export.lead",
        "export.priority",
        "export.horizon",
        "export.progress",
    ]


def table_entries(document: WorkshopDocument, *, public: bool) -> list[Entry]:
    """The projects of the table in its order: the ranking's entries but the dropped ones.

    The rows of the CSV, the workbook and the portfolio JSON; in public nothing internal.
    """
    from strategy_kit.compute.prioritise import rank_document

    ranking = rank_document(document, public=public)
    # A dropped project is no longer part of the portfolio.
    return [e for e in ranking.entries if e.project.status is not Status.DROPPED]


def csv_rows(
    document: WorkshopDocument, *, lang: str, public: bool, progress: Figures | None = None
) -> list[list[Cell]]:
    """Header and one row per project of the ranking but the dropped ones (public: nothing internal).

    Column names are the ``export.*`` labels; ``id`` and the criterion ids stay
    ids in every language, so :mod:`strategy_kit.change.importscores` reads them back.
    ``progress`` defaults to the figures over the document's own projects.
    """
    shown = (progress or figures(document.projects)).projects
    criteria = [c.id for c in document.criteria]
    header: list[Cell] = [label(k, lang) if k.startswith("export.") else k for k in columns(document)]
    fields = {f.id: f.title for f in document.fields_of_action}
    rows: list[list[Cell]] = [header]
    for entry in table_entries(document, public=public):
        project = entry.project
        scores: list[Cell] = [
            Number(project.scores[c]) if c in project.scores else None for c in criteria
        ]
        rows.append(
            [
                project.id,
                project.title,
                ", ".join(fields.get(f, f) for f in project.fields),
                label(f"lifecycle.{project.status.value}", lang),
                Number(entry.rank) if entry.rank is not None else None,
                Number(float(round_half_up(entry.score, 1))) if entry.score is not None else None,
                *scores,
                Number(project.votes),
                owner_text(document, project.lead, public=public),
                label(f"report.prio_{entry.priority.value}", lang) if entry.priority else None,
                label(f"report.hz_{entry.horizon.value}", lang) if entry.horizon else None,
                Number(figure) if (figure := shown[project.id]) is not None else None,
            ]
        )
    return rows


def export_csv(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    delimiter: str = ";",
    progress: Figures | None = None,
) -> bytes:
    """The projects with scores, rank, status and lead, as German Excel opens it.

    ``lang`` and ``public`` default as :mod:`strategy_kit.document.options` resolves them;
    ``progress`` as in :func:`csv_rows` (the CLI passes the figures over the whole strategy).
    """
    rows = csv_rows(
        document,
        lang=resolve_lang(document, lang),
        public=resolve_public(document, public),
        progress=progress,
    )
    return write_table(rows, delimiter=delimiter)


# -- Decidim ---------------------------------------------------------------------------------

#: strategy-kit status -> the key of the Decidim status to create for it.
DECIDIM_STATUS_KEYS = {
    Status.PRIORITISED: "prioritised",
    Status.PLANNED: "planned",
    Status.IN_PROGRESS: "in-progress",
    Status.DONE: "done",
}


#: The locales a title and description are written in: every language strategy-kit speaks.
#: Decidim's importer fills a locale without its column from the platform's default
#: locale's column, and refuses a result whose default locale has no title; the format
#: holds one text per entry, so each locale's column holds it and none is ever blank.
DECIDIM_LOCALES: tuple[str, ...] = LANGUAGES


def decidim_header(locales: Sequence[str] = DECIDIM_LOCALES) -> list[str]:
    """The columns of Decidim's results import (and export): a title and description per locale."""
    return [
        "id",
        "parent/id",
        "external_id",
        *(f"title/{locale}" for locale in locales),
        *(f"description/{locale}" for locale in locales),
        "start_date",
        "end_date",
        "status/id",
        "status/key",
        "progress",
        "weight",
        "category/id",
    ]


def _paragraphs(*parts: str | None) -> str:
    """Decidim descriptions are HTML: each text one escaped paragraph."""
    return "".join(f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in parts if p and p.strip())


def _start_date(project: Project) -> dt.date | None:
    """The first day of the project's ``start`` (a quarter's first day)."""
    return first_day(project.start) if project.start is not None else None


def _end_date(project: Project, *, public: bool) -> dt.date | None:
    """The last day of the project's ``end``; without one, the latest due date of its next
    steps and indicators (public: not internal ones)."""
    if project.end is not None:
        return last_day(project.end)
    items: list[NextStep | Indicator] = [*project.next_steps, *project.indicators]
    dates = [item.due for item in items if item.due is not None and not (public and item.internal)]
    return max(dates, default=None)


def decidim_projects(document: WorkshopDocument, *, public: bool) -> list[Project]:
    """The projects that become results: decided on, and nothing internal in public."""
    return [
        p
        for p in document.projects
        if p.status in DECIDIM_STATUSES and not (public and p.internal)
    ]


def decidim_rows(
    document: WorkshopDocument,
    *,
    lang: str,
    public: bool,
    progress: Figures | None = None,
    locales: Sequence[str] = DECIDIM_LOCALES,
) -> list[list[Cell]]:
    """Fields of action as parent results, each followed by its projects as child results.

    Every row comes after the row its ``parent/id`` names. Title and description
    are written once per locale of ``locales`` (the same text: the format holds
    one); ``lang`` is the language of the words strategy-kit adds (``Ziel:``).

    ``id`` is the row's number (Decidim's importer maps it to the new result's
    id, and ``parent/id`` with it); a project's parent is its parent project
    when that is exported, else its first field of action. Every progress
    figure, a field's too, is the one ``status`` shows (``progress``, by default
    the figures over the document's own projects): a field's is not the mean of
    the rows below it, which may hold sub-projects of parents not exported.
    """
    projects = decidim_projects(document, public=public)
    computed = progress or figures(document.projects)
    exported = {p.id for p in projects}
    by_field: dict[str, list[Project]] = {}
    orphans: list[Project] = []
    fields = {f.id for f in document.fields_of_action}
    for project in projects:
        if project.parent in exported:
            continue  # placed under its parent project below
        home = project.fields[0] if project.fields and project.fields[0] in fields else None
        (by_field.setdefault(home, []) if home else orphans).append(project)
    children: dict[str, list[Project]] = {}
    for project in projects:
        if project.parent in exported:
            children.setdefault(project.parent, []).append(project)

    rows: list[list[Cell]] = [list[Cell](decidim_header(locales))]
    ids: dict[str, int] = {}
    each = len(locales)

    def project_row(project: Project, parent: int | None) -> None:
        number = len(rows)
        ids[project.id] = number
        # A decided project always has a figure; an empty cell, never a crash, if one has none.
        value = computed.projects.get(project.id)
        start, end = _start_date(project), _end_date(project, public=public)
        goal = f"{label('report.sheet_goal', lang)}: {project.goal.strip()}" if project.goal and project.goal.strip() else None
        rows.append(
            [
                Number(number),
                Number(parent) if parent is not None else None,
                f"project:{project.id}",
                *[project.title] * each,
                *[_paragraphs(project.description, goal)] * each,
                start.isoformat() if start else None,
                end.isoformat() if end else None,
                None,
                DECIDIM_STATUS_KEYS[project.status],
                Number(value, ".") if value is not None else None,
                Number(project.weight, "."),
                None,
            ]
        )
        for child in children.get(project.id, []):
            if child.id not in ids:
                project_row(child, number)

    def field_row(field: FieldOfAction, members: list[Project]) -> None:
        number = len(rows)
        figure = computed.fields.get(field.id)
        goals = "".join(f"<li>{html.escape(g, quote=False)}</li>" for g in field.goals)
        rows.append(
            [
                Number(number),
                None,
                f"field-of-action:{field.id}",
                *[field.title] * each,
                *[_paragraphs(field.description) + (f"<ul>{goals}</ul>" if goals else "")] * each,
                None,
                None,
                None,
                None,
                Number(figure, ".") if figure is not None else None,
                None,
                None,
            ]
        )
        for project in members:
            project_row(project, number)

    for field in document.fields_of_action:
        field_row(field, by_field.get(field.id, []))
    for project in orphans:
        project_row(project, None)
    return rows


def export_decidim(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    delimiter: str = ";",
    progress: Figures | None = None,
) -> bytes:
    """Results for Decidim's accountability import: UTF-8 without BOM (its importer reads none).

    Public unless ``public=False``: the platform publishes what it imports. ``progress``
    as in :func:`decidim_rows`.
    """
    shown = resolve_public(document, public, published=True)
    rows = decidim_rows(
        document, lang=resolve_lang(document, lang), public=shown, progress=progress
    )
    return write_table(rows, delimiter=delimiter, bom=False)
