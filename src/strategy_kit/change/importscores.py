"""Scores edited in Excel, read back into the workshop file through the safe editing path.

The CSV is the one ``export --format csv`` writes, as a spreadsheet saves it
again: with or without a byte order mark (Excel's "CSV (Trennzeichen-getrennt)"
saves Windows-1252, which is read too), ``;``, ``,`` or tab between cells,
CRLF or LF, decimal commas, ``'`` before a cell, rows in any order, columns
added or moved. The ``id`` column names the project, a column headed by a
criterion id holds its scores; every other column is ignored.

Every problem in the CSV is reported at once, at its line and column (the
spreadsheet's column, 1 = A), and nothing is written unless all rows are
right. The changed scores go into the file in one edit of
:func:`strategy_kit.change.edit.set_many_scores`: spliced, verified, validated and
written atomically, comments and formatting kept. A score equal to the file's
is no change, so importing an unedited export leaves the file byte for byte.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit

if TYPE_CHECKING:
    from strategy_kit.change.transaction import EditResult
    from strategy_kit.check.validate import Loaded
    from strategy_kit.document.model import Criterion

#: Far more than any export; a bigger file is not one.
MAX_BYTES = 20 * 1024 * 1024
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class ScoreTable:
    """What a CSV asks to change, and what is wrong with it."""

    changes: dict[str, dict[str, int | float]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def read_text(path: Path | str, name: str | None = None) -> str:
    """The CSV's text: UTF-8 (BOM or not), else Windows-1252 as Excel saves plain CSV."""
    shown = name if name is not None else str(path)

    def fail(message: str, exit_code: Exit = Exit.USAGE) -> DiagnosticError:
        return DiagnosticError([Diagnostic(shown, 1, 1, "error", "", message)], exit_code)

    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a directory, not a CSV file") from None
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise fail(f"larger than {MAX_BYTES // 1024 // 1024} MB; not a score table", Exit.INVALID)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
    return rows


def _delimiter(text: str) -> str:
    """The separator under which the header has an ``id`` column (``;`` wins a tie)."""
    first = text.split("\n", 1)[0]
    for delimiter in (";", ",", "\t"):
        header = next(csv.reader([first], delimiter=delimiter), [])
        if "id" in (cell.strip() for cell in header):
            return delimiter
    try:
        return csv.Sniffer().sniff(first, delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def _cell_number(cell: str) -> int | float:
    """A score cell: ``4``, ``2,5`` or ``2.5``, maybe behind a ``'`` Excel or export put there."""
    from strategy_kit.change.edit import parse_number

    text = cell.strip()
    if text.startswith("'"):
        text = text[1:].strip()
    return parse_number(text)


def read_scores(text: str, loaded: Loaded, *, name: str) -> ScoreTable:
    """The score changes a CSV asks for, checked against the loaded workshop; every problem at once.

    Criteria are the resolved document's (the strategy file's count); scores
    are written only into the workshop file, so a project written in the
    strategy file is refused with a pointer there.
    """
    from strategy_kit.document.diagnostics import suggest
    from strategy_kit.present.text import unneutralise

    table = ScoreTable()

    def problem(line: int, column: int, message: str, path: str = "", severity: str = "error") -> None:
        table.diagnostics.append(
            Diagnostic(name, line, column, "error" if severity == "error" else "warning", path, message)
        )

    rows = [(line, cells) for line, cells in _rows(text, _delimiter(text)) if any(c.strip() for c in cells)]
    if not rows:
        problem(1, 1, "the file is empty; expected a header row with 'id' and criterion ids")
        return table
    header_line, header = rows[0]
    names = [unneutralise(cell.strip()) for cell in header]
    if "id" not in names:
        problem(header_line, 1, "no 'id' column; expected the header row of export --format csv")
        return table
    id_column = names.index("id")
    criteria: dict[str, Criterion] = {c.id: c for c in loaded.document.criteria}
    columns: dict[int, str] = {}
    for index, title in enumerate(names):
        if index == id_column:
            continue
        if title in criteria:
            if title in columns.values():
                problem(header_line, index + 1, f"criterion {title!r} has two columns")
                continue
            columns[index] = title
        elif _SLUG.fullmatch(title):
            hint = suggest(title, criteria)
            if hint:
                problem(header_line, index + 1, f"no criterion {title!r}{hint}")
            else:
                problem(header_line, index + 1, f"column {title!r} is not a criterion; ignored", severity="warning")

    projects = {p.id: p for p in loaded.document.projects}
    # Scores are written into the workshop file only; its strategy file's projects are
    # exported too, and an unchanged row of one is no change.
    own = {i: p for i, p in projects.items() if loaded.origin("projects", i).file == loaded.name}
    seen: dict[str, int] = {}
    for line, cells in rows[1:]:
        ident = unneutralise(cells[id_column].strip()) if id_column < len(cells) else ""
        if not ident:
            problem(line, id_column + 1, "no project id in this row")
            continue
        project = projects.get(ident)
        if project is None:
            hint = suggest(ident, own) or (f"; known: {', '.join(own)}" if own else "")
            problem(line, id_column + 1, f"no project {ident!r}{hint}")
            continue
        if ident in seen:
            problem(line, id_column + 1, f"project {ident!r} has a second row (the first is line {seen[ident]})")
            continue
        seen[ident] = line
        for index, criterion_id in columns.items():
            cell = cells[index] if index < len(cells) else ""
            if not cell.strip():
                continue  # an empty cell leaves the score as it is
            path = f"projects[{ident}].scores.{criterion_id}"
            try:
                value = _cell_number(cell)
            except ValueError:
                problem(line, index + 1, f"{cell.strip()!r} is not a number", path)
                continue
            scale = criteria[criterion_id].scale
            if value > scale.max:
                problem(line, index + 1, f"{value:g} is above the scale maximum {scale.max:g}", path)
            elif value < scale.min:
                problem(line, index + 1, f"{value:g} is below the scale minimum {scale.min:g}", path)
            elif project.scores.get(criterion_id) != value:
                if ident not in own:
                    where = loaded.origin("projects", ident)
                    problem(
                        line,
                        index + 1,
                        f"project {ident!r} is defined in the strategy file {where.file}:{where.position()[0]}; "
                        "import its scores there",
                        path,
                    )
                    continue
                table.changes.setdefault(ident, {})[criterion_id] = value
    return table


def import_scores(
    path: Path | str, csv_path: Path | str, *, dry_run: bool = False, csv_name: str | None = None
) -> EditResult:
    """Read ``csv_path`` and record its changed scores in ``path`` in one safe edit.

    Raises :class:`DiagnosticError` with every problem of the CSV (positioned
    in it) or of the workshop file; nothing is written then.
    """
    from strategy_kit.change.edit import set_many_scores
    from strategy_kit.change.transaction import open_editor
    from strategy_kit.check.validate import load_document

    loaded = load_document(path)
    text = read_text(csv_path, csv_name)
    table = read_scores(text, loaded, name=csv_name if csv_name is not None else str(csv_path))
    if table.errors:
        raise DiagnosticError(table.diagnostics, Exit.INVALID)
    warnings = [d for d in table.diagnostics if d.severity == "warning"]
    if not table.changes:
        editor = open_editor(path)
        from strategy_kit.change.transaction import EditResult

        return EditResult(editor.source, editor.text, [], warnings, written=False)
    edited = set_many_scores(path, table.changes, dry_run=dry_run)
    edited.warnings[:0] = warnings
    return edited
