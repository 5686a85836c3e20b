"""Scores edited in Excel, read back into the workshop file through the safe editing path.

The table is the one ``export --format xlsx`` or ``--format csv`` writes, as a
spreadsheet saves it again. A workbook is recognised by its content (a zip
with ``[Content_Types].xml``, :mod:`strategy_kit.files.workbook`), whatever
its name; its first sheet with an ``id`` column is read (``Bewertung``), a
number cell as its number. A CSV comes with or without a byte order mark
(Excel's "CSV (Trennzeichen-getrennt)" saves Windows-1252, which is read
too), ``;``, ``,`` or tab between cells (Excel's ``sep=;`` first line names
it), CRLF or LF, decimal commas, ``'`` before a cell. In both, rows may come
in any order and columns may be added or moved. The ``id`` column names the
project, a column headed by a criterion id holds its scores; every other
column is ignored.

Every problem is reported at once, at its cell: ``scores.xlsx:Bewertung!D4``
in a workbook, line and column (the spreadsheet's column, 1 = A) in a CSV;
and nothing is written unless all rows are right. The changed scores go into the file in one edit of
:func:`strategy_kit.change.edit.set_many_scores`: spliced, verified, validated and
written atomically, comments and formatting kept. A score equal to the file's
is no change, so importing an unedited export leaves the file byte for byte.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
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


def read_bytes(path: Path | str, name: str | None = None) -> bytes:
    """The table file's bytes, at most :data:`MAX_BYTES`; a problem is a :class:`DiagnosticError`."""
    shown = name if name is not None else str(path)

    def fail(message: str, exit_code: Exit = Exit.USAGE) -> DiagnosticError:
        # An I/O error is about the file as a whole: no line and column (as read_source says it).
        return DiagnosticError([Diagnostic(shown, 1, 1, "error", "", message, "")], exit_code)

    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a directory, not a CSV or workbook file") from None
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise fail(f"larger than {MAX_BYTES // 1024 // 1024} MB; not a score table", Exit.INVALID)
    return raw


def decode(raw: bytes) -> str:
    """The CSV's text: UTF-8 (BOM or not), else Windows-1252 as Excel saves plain CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_text(path: Path | str, name: str | None = None) -> str:
    """The CSV's text (:func:`read_bytes`, then :func:`decode`)."""
    return decode(read_bytes(path, name))


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CsvError(line, str(exc)) from None
    return rows


class CsvError(ValueError):
    """A record the csv module cannot read, at its first line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


_SEP_LINE = re.compile(r'"?sep=([;,\t|])"?[;,\t|]*')


_LINE_END = re.compile(r"\r\n|\r|\n")


def _first_line(text: str) -> str:
    """The text up to the first line end: CR LF, LF or a lone CR (old Mac files)."""
    return _LINE_END.split(text, maxsplit=1)[0]


def _sep_line(text: str) -> str | None:
    """The separator Excel's first line ``sep=;`` names, or None when there is none."""
    found = _SEP_LINE.fullmatch(_first_line(text).strip(" "))
    return found.group(1) if found else None


def _delimiter(text: str) -> str:
    """The separator under which the header has an ``id`` column (``;`` wins a tie)."""
    first = _first_line(text)
    for delimiter in (";", ",", "\t"):
        try:
            header = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        if "id" in (cell.strip() for cell in header):
            return delimiter
    try:
        return csv.Sniffer().sniff(first, delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """The CSV's records that hold anything, ``(first line, cells)``; a ``sep=`` line is no record."""
    named = _sep_line(text)
    records = _rows(text, named)[1:] if named is not None else _rows(text, _delimiter(text))
    return [(line, cells) for line, cells in records if any(c.strip() for c in cells)]


def _cell_number(cell: str) -> int | float:
    """A score cell: ``4``, ``2,5`` or ``2.5``, maybe behind a ``'`` Excel or export put there."""
    from strategy_kit.document.numbers import read_number

    text = cell.strip()
    if text.startswith("'"):
        text = text[1:].strip()
    return read_number(text, typed=True)


def _text(value: object) -> str:
    """A cell as text: a string stripped (one neutralising ``'`` gone), a number as written."""
    from strategy_kit.present.text import unneutralise

    if value is None:
        return ""
    if isinstance(value, str):
        return unneutralise(value.strip())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _score(value: object) -> int | float:
    """A score cell's number; ValueError when it holds none."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("not a number")
    if isinstance(value, str):
        return _cell_number(value)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _shown(value: object) -> str:
    return value.strip() if isinstance(value, str) else _text(value)


#: (row or line, column) -> a spreadsheet cell's name (``Bewertung!D4``), or None for line:column.
Place = Callable[[int, int], str | None]


def _line_and_column(line: int, column: int) -> str | None:
    return None


def check_rows(
    rows: list[tuple[int, list[object]]],
    loaded: Loaded,
    *,
    name: str,
    place: Place = _line_and_column,
    made_by: str = "csv",
) -> ScoreTable:
    """The score changes a table's rows ask for, checked against the loaded workshop; every problem at once.

    ``rows`` are ``(line or row, cells from column 1)``, the empty ones left
    out; a cell is a CSV's text or a workbook's value; ``made_by`` is the
    export format a missing ``id`` column is pointed to. Criteria are the
    resolved document's (the strategy file's count); scores are written only
    into the workshop file, so a project written in the strategy file is
    refused with a pointer there.
    """
    from strategy_kit.document.diagnostics import suggest
    from strategy_kit.document.numbers import AmbiguousNumber, UnclearNumber, decimal_text

    table = ScoreTable()

    def problem(line: int, column: int, message: str, path: str = "", severity: str = "error") -> None:
        table.diagnostics.append(
            Diagnostic(
                name, line, column, "error" if severity == "error" else "warning", path, message,
                place(line, column),
            )
        )

    if not rows:
        problem(1, 1, "the file is empty; expected a header row with 'id' and criterion ids")
        return table
    header_line, header = rows[0]
    names = [_text(cell) for cell in header]
    if "id" not in names:
        problem(header_line, 1, f"no 'id' column; expected the header row of export --format {made_by}")
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
        ident = _text(cells[id_column]) if id_column < len(cells) else ""
        if not ident:
            problem(line, id_column + 1, "no project id in this row")
            continue
        project = projects.get(ident)
        if project is None:
            hint = suggest(ident, own) or (f"; known: {', '.join(own)}" if own else "")
            problem(line, id_column + 1, f"no project {ident!r}{hint}")
            continue
        if ident in seen:
            first = place(seen[ident], id_column + 1) or f"line {seen[ident]}"
            problem(line, id_column + 1, f"project {ident!r} has a second row (the first is {first})")
            continue
        seen[ident] = line
        for index, criterion_id in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue  # an empty cell leaves the score as it is
            path = f"projects[{ident}].scores.{criterion_id}"
            try:
                value = _score(cell)
            except AmbiguousNumber as exc:
                if project.scores.get(criterion_id) == exc.value:
                    continue  # the export's own cell of a score like 3.125: no change
                problem(line, index + 1, str(exc), path)
                continue
            except UnclearNumber as exc:
                problem(line, index + 1, str(exc), path)
                continue
            except ValueError:
                problem(line, index + 1, f"{_shown(cell)!r} is not a number", path)
                continue
            scale = criteria[criterion_id].scale
            if value > scale.max:
                problem(
                    line, index + 1, f"{decimal_text(value)} is above the scale maximum {decimal_text(scale.max)}", path
                )
            elif value < scale.min:
                problem(
                    line, index + 1, f"{decimal_text(value)} is below the scale minimum {decimal_text(scale.min)}", path
                )
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


def read_scores(text: str, loaded: Loaded, *, name: str) -> ScoreTable:
    """The score changes a CSV's text asks for (:func:`check_rows` over its records)."""
    try:
        rows: list[tuple[int, list[object]]] = [(line, list(cells)) for line, cells in csv_rows(text)]
    except CsvError as exc:
        table = ScoreTable()
        table.diagnostics.append(Diagnostic(name, exc.line, 1, "error", "", f"not a readable CSV file: {exc}"))
        return table
    return check_rows(rows, loaded, name=name)


def read_workbook(raw: bytes, loaded: Loaded, *, name: str) -> ScoreTable:
    """The score changes a workbook asks for: its first sheet with an ``id`` column.

    A workbook that cannot be read is one error, ``file: error: not a readable
    workbook: ...``; a cell's problem is at ``file:Sheet!D4``.
    """
    from strategy_kit.files.workbook import WorkbookError, read_sheets

    try:
        sheets = read_sheets(raw)
    except WorkbookError as exc:
        table = ScoreTable()
        table.diagnostics.append(
            Diagnostic(name, 1, 1, "error", "", f"not a readable workbook: {exc}", "")
        )
        return table
    if not sheets:
        table = ScoreTable()
        table.diagnostics.append(Diagnostic(name, 1, 1, "error", "", "not a readable workbook: no sheet", ""))
        return table
    chosen = next(
        (s for s in sheets if s.rows and "id" in (_text(v) for v in s.rows[0][1])), sheets[0]
    )
    sheet = chosen.name

    def place(row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        quoted = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
        return f"{quoted}!{get_column_letter(min(max(column, 1), 16384))}{row}"

    return check_rows(list(chosen.rows), loaded, name=name, place=place, made_by="xlsx")


def import_scores(
    path: Path | str, csv_path: Path | str, *, dry_run: bool = False, csv_name: str | None = None
) -> EditResult:
    """Read ``csv_path`` (a CSV or a workbook) and record its changed scores in ``path`` in one safe edit.

    Raises :class:`DiagnosticError` with every problem of the CSV (positioned
    in it) or of the workshop file; nothing is written then.
    """
    from strategy_kit.change.edit import set_many_scores
    from strategy_kit.change.transaction import open_editor
    from strategy_kit.check.validate import load_document

    loaded = load_document(path)
    shown = csv_name if csv_name is not None else str(csv_path)
    raw = read_bytes(csv_path, csv_name)
    from strategy_kit.files.workbook import is_workbook

    if is_workbook(raw):
        table = read_workbook(raw, loaded, name=shown)
    else:
        table = read_scores(decode(raw), loaded, name=shown)
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
