"""Scores edited in Excel, read back into the workshop file through the safe editing path.

The table is the one ``export --format xlsx`` or ``--format csv`` writes, as a
spreadsheet saves it again. A workbook is recognised by its content (a zip
with ``[Content_Types].xml``, :mod:`strategy_kit.files.workbook`), whatever
its name; the sheet the export names ``Bewertung`` (``Scoring``) is read, else
the only sheet with a score header (:func:`choose_sheet`); a number cell is its
number, a formula its computed value, a formula saved without one an error. A
CSV comes with or without a byte order mark (UTF-8; UTF-16 behind its mark, as
Excel's "Unicode-Text"; Excel's "CSV (Trennzeichen-getrennt)" saves
Windows-1252, which is read too), ``;``, ``,`` or tab between cells (Excel's
``sep=;`` first line names it), CRLF or LF, decimal commas. In both the header
row is found by one rule (:func:`find_header`), below any title rows, its
headers in any case; one ``'`` before any cell is removed (:func:`cell_text`);
rows may come in any order and columns may be added or moved. The ``id``
column names the project, a column headed by a criterion id holds its scores;
every other column is ignored.

Every problem is reported at once, at its cell: ``scores.xlsx:Bewertung!D4``
in a workbook, line and column (the spreadsheet's column, 1 = A) in a CSV;
and nothing is written unless all rows are right. The changed scores go into
the file in one edit of :func:`strategy_kit.change.edit.record_scores` through
:func:`strategy_kit.change.transaction.edit_file`: spliced, verified, validated
and written atomically, comments and formatting kept; a change refused because
a YAML anchor shares the value is followed by a note at the cell that asked
for it. A score equal to the file's is no change, so importing an unedited
export leaves the file byte for byte.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.files.workbook import Sheet, Uncomputed

if TYPE_CHECKING:
    from strategy_kit.change.splice import Editor
    from strategy_kit.change.transaction import EditResult
    from strategy_kit.check.validate import Loaded
    from strategy_kit.document.model import Criterion

#: Far more than any export; a bigger file is not one.
MAX_BYTES = 20 * 1024 * 1024
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class ScoreTable:
    """What a table asks to change, and what is wrong with it.

    ``asked`` holds, for each change ``(project, criterion)``, a note at the
    cell that asks for it, to follow a refusal of that change in the workshop file.
    """

    changes: dict[str, dict[str, int | float]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    asked: dict[tuple[str, str], Diagnostic] = field(default_factory=dict)

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
    """The CSV's text: UTF-16 behind its byte order mark (LE or BE: Excel's "Unicode-Text"),
    UTF-8 (BOM or not), else Windows-1252 as Excel saves plain CSV."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


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


def _records(text: str, delimiter: str, limit: int) -> list[tuple[int, list[str]]]:
    """The first ``limit`` records that hold anything; the csv module's error is raised."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    for cells in reader:
        if any(c.strip() for c in cells):
            records.append((reader.line_num, cells))
            if len(records) == limit:
                break
    return records


def _delimiter(text: str, criteria: Collection[str]) -> str:
    """The separator under which :func:`find_header` finds the header (``;`` wins a tie).

    A header with criterion ids wins over one with ``id`` alone; with no header
    at all the first line's separator is guessed.
    """
    fallback: str | None = None
    for delimiter in (";", ",", "\t"):
        try:
            found = find_header(_records(text, delimiter, HEADER_ROWS), criteria)
        except csv.Error:
            continue
        if found is not None and found.complete:
            return delimiter
        if found is not None and fallback is None:
            fallback = delimiter
    if fallback is not None:
        return fallback
    try:
        return csv.Sniffer().sniff(_first_line(text), delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def csv_rows(text: str, criteria: Collection[str] = ()) -> list[tuple[int, list[str]]]:
    """The CSV's records that hold anything, ``(first line, cells)``; a ``sep=`` line is no record.

    Without a ``sep=`` line the separator is the one under which the header is
    found (:func:`find_header` with ``criteria``, the workshop's criterion ids).
    """
    named = _sep_line(text)
    records = _rows(text, named)[1:] if named is not None else _rows(text, _delimiter(text, criteria))
    return [(line, cells) for line, cells in records if any(c.strip() for c in cells)]


def _cell_number(cell: str) -> int | float:
    """A score cell: ``4``, ``2,5`` or ``2.5``, maybe behind a ``'`` Excel or export put there."""
    from strategy_kit.document.numbers import read_number

    text = cell.strip()
    if text.startswith("'"):
        text = text[1:].strip()
    return read_number(text, typed=True)


def cell_text(value: object) -> str:
    """A cell as text: stripped, one leading ``'`` (a spreadsheet's text marker) removed; a number as written.

    The one rule for every cell a table is read by, ids and headers as scores:
    a spreadsheet writes ``'`` before a cell it keeps as text, and the export
    writes one before a text that would start a formula or starts with ``'``
    itself (:func:`strategy_kit.present.text.neutralise`), so removing one
    always gives back what was meant.
    """
    if value is None or isinstance(value, Uncomputed):
        return ""
    if isinstance(value, str):
        text = value.strip()
        return text[1:].strip() if text.startswith("'") else text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


#: How many rows that hold something are searched for the header; title rows above it are skipped.
HEADER_ROWS = 20
#: The message at a formula cell saved without its result.
UNCOMPUTED = "formula without a computed value; open and save the file in Excel or LibreOffice"


@dataclass(frozen=True)
class Header:
    """Where a table's header row is: its index among the rows, and whether it names a criterion."""

    index: int
    complete: bool


def find_header(rows: Sequence[tuple[int, Sequence[object]]], criteria: Collection[str]) -> Header | None:
    """The header of a table, CSV or sheet alike: among the first :data:`HEADER_ROWS` rows
    that hold something, the first with an ``id`` cell and a criterion id (in any case,
    :func:`cell_text` of each cell); else the first with an ``id`` cell; None when none has one.
    """
    folded = {c.casefold() for c in criteria}
    weak: int | None = None
    for index, (_, cells) in enumerate(rows[:HEADER_ROWS]):
        names = {cell_text(cell).casefold() for cell in cells}
        if "id" in names:
            if names & folded:
                return Header(index, complete=True)
            if weak is None:
                weak = index
    return Header(weak, complete=False) if weak is not None else None


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
    return value.strip() if isinstance(value, str) else cell_text(value)


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
    out; a cell is a CSV's text or a workbook's value. The header is the row
    :func:`find_header` finds; rows above it are titles and ignored. Headers
    are matched in any case (an exact one wins), every cell is read by
    :func:`cell_text`. ``made_by`` is the export format a missing ``id``
    column is pointed to. Criteria are the resolved document's (the strategy
    file's count); scores are written only into the workshop file, so a
    project written in the strategy file is refused with a pointer there.
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
    criteria: dict[str, Criterion] = {c.id: c for c in loaded.document.criteria}
    found = find_header(rows, criteria)
    if found is None:
        near = next(
            (
                (line, index + 1, hint)
                for line, cells in rows[:HEADER_ROWS]
                for index, cell in enumerate(cells)
                if (hint := suggest(cell_text(cell), ["id"]))
            ),
            None,
        )
        line, column, hint = (near[0], near[1], near[2] + " ") if near else (rows[0][0], 1, "; ")
        problem(line, column, f"no 'id' column{hint}expected the header row of export --format {made_by}")
        return table
    header_line, header = rows[found.index]
    names = [cell_text(cell) for cell in header]
    id_column = names.index("id") if "id" in names else [n.casefold() for n in names].index("id")
    for index, cell in enumerate(header):
        if isinstance(cell, Uncomputed):
            problem(header_line, index + 1, UNCOMPUTED)
    exact = {title for title in names if title in criteria}
    by_fold = {c.casefold(): c for c in criteria if c not in exact}
    columns: dict[int, str] = {}
    header_errors = len(table.errors)
    for index, title in enumerate(names):
        if index == id_column or not title:
            continue
        criterion = title if title in criteria else by_fold.get(title.casefold())
        if criterion is not None:
            if criterion in columns.values():
                problem(header_line, index + 1, f"criterion {criterion!r} has two columns")
                continue
            columns[index] = criterion
        elif _SLUG.fullmatch(title):
            hint = suggest(title, criteria)
            if hint:
                problem(header_line, index + 1, f"no criterion {title!r}{hint}")
            else:
                problem(header_line, index + 1, f"column {title!r} is not a criterion; ignored", severity="warning")
    if not columns and criteria and len(table.errors) == header_errors:
        problem(
            header_line, 1,
            f"no criterion column; expected a column headed by a criterion id ({', '.join(criteria)})",
        )

    projects = {p.id: p for p in loaded.document.projects}
    # Scores are written into the workshop file only; its strategy file's projects are
    # exported too, and an unchanged row of one is no change.
    own = {i: p for i, p in projects.items() if loaded.origin("projects", i).file == loaded.name}
    seen: dict[str, int] = {}
    for line, cells in rows[found.index + 1 :]:
        cell = cells[id_column] if id_column < len(cells) else None
        if isinstance(cell, Uncomputed):
            problem(line, id_column + 1, UNCOMPUTED)
            continue
        ident = cell_text(cell)
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
            if isinstance(cell, Uncomputed):
                problem(line, index + 1, UNCOMPUTED, path)
                continue
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
            elif (old := project.scores.get(criterion_id)) != value:
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
                was = "-" if old is None else f"{old:g}"
                table.asked[ident, criterion_id] = Diagnostic(
                    name, line, index + 1, "note", path, f"the change {was} -> {value:g} was asked for here",
                    place(line, index + 1),
                )
    return table


def read_scores(text: str, loaded: Loaded, *, name: str) -> ScoreTable:
    """The score changes a CSV's text asks for (:func:`check_rows` over its records)."""
    criteria = [c.id for c in loaded.document.criteria]
    try:
        rows: list[tuple[int, list[object]]] = [(line, list(cells)) for line, cells in csv_rows(text, criteria)]
    except CsvError as exc:
        table = ScoreTable()
        table.diagnostics.append(Diagnostic(name, exc.line, 1, "error", "", f"not a readable CSV file: {exc}"))
        return table
    return check_rows(rows, loaded, name=name)


def _sheet_names(key: str) -> set[str]:
    """The names the export gives a sheet, in every language, case-folded."""
    from strategy_kit.present.labels import LANGUAGES, label

    return {label(key, lang).casefold() for lang in LANGUAGES}


def choose_sheet(sheets: Sequence[Sheet], criteria: Collection[str]) -> Sheet | str:
    """The sheet that holds the scores, or why there is none to read (one line).

    A sheet qualifies when :func:`find_header` finds a header with ``id`` and a
    criterion id in it; the criteria sheet (``Kriterien``, ``Criteria``) never
    does. Of the qualifying sheets the one named as the export names it
    (``Bewertung``, ``Scoring``) is read, else the only one; two without that
    name are an error, never a guess. A sheet of that name is read even when
    its header is broken, so its problems are shown at their cells rather than
    another sheet's values imported.
    """
    scoring, listing = _sheet_names("export.sheet_scoring"), _sheet_names("export.sheet_criteria")
    usable = [s for s in sheets if s.name.casefold() not in listing]
    qualifying = [s for s in usable if (h := find_header(s.rows, criteria)) is not None and h.complete]
    named = [s for s in usable if s.name.casefold() in scoring]
    candidates = ([s for s in qualifying if s in named] or named) if named else qualifying
    if len(candidates) == 1:
        return candidates[0]
    from strategy_kit.present.labels import label

    expected = label("export.sheet_scoring", "de")
    if candidates:
        shown = ", ".join(repr(s.name) for s in candidates)
        count = "two" if len(candidates) == 2 else str(len(candidates))
        return (
            f"{count} sheets have a header row with 'id' and criterion ids: {shown}; "
            f"name the one to read {expected!r} or delete the other"
            + ("" if len(candidates) == 2 else "s")
        )
    shown = ", ".join(repr(s.name) for s in sheets)
    return (
        f"no sheet has a header row with 'id' and criterion ids (sheets: {shown}); "
        f"expected the sheet {expected!r} of export --format xlsx"
    )


def read_workbook(raw: bytes, loaded: Loaded, *, name: str) -> ScoreTable:
    """The score changes a workbook asks for: the sheet :func:`choose_sheet` picks.

    A workbook that cannot be read, or has no sheet to read, is one error,
    ``file: error: not a readable workbook: ...``; a cell's problem is at ``file:Sheet!D4``.
    """
    from strategy_kit.files.workbook import WorkbookError, read_sheets

    def whole(message: str) -> ScoreTable:
        table = ScoreTable()
        table.diagnostics.append(Diagnostic(name, 1, 1, "error", "", message, ""))
        return table

    try:
        sheets = read_sheets(raw)
    except WorkbookError as exc:
        return whole(f"not a readable workbook: {exc}")
    if not sheets:
        return whole("not a readable workbook: no sheet")
    chosen = choose_sheet(sheets, [c.id for c in loaded.document.criteria])
    if isinstance(chosen, str):
        return whole(chosen)
    sheet = chosen.name

    def place(row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        quoted = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
        return f"{quoted}!{get_column_letter(min(max(column, 1), 16384))}{row}"

    rows: list[tuple[int, list[object]]] = [(number, list(cells)) for number, cells in chosen.rows]
    return check_rows(rows, loaded, name=name, place=place, made_by="xlsx")


def _asked_for(editor: Editor, refusal: DiagnosticError, table: ScoreTable) -> list[Diagnostic]:
    """The notes at the cells that asked for the change ``refusal`` refuses as shared through an anchor.

    The edit is refused at the first changed value a YAML anchor shares
    (:meth:`strategy_kit.change.splice.Editor.refusal`); a score's path names its
    cell, a project's whole ``scores`` every cell of that project that asked.
    """
    from strategy_kit.change.splice import sharing_refusal

    for path in editor.touched:
        shared = sharing_refusal(editor.source, editor.data, path)
        if shared is None:
            continue
        if shared.diagnostics != refusal.diagnostics or len(path) < 3 or path[0] != "projects":
            return []
        project = editor.get((*path[:2], "id"))
        wanted = path[3] if len(path) > 3 else None
        return [
            note for (ident, criterion), note in table.asked.items()
            if ident == project and wanted in (None, criterion)
        ]
    return []


def import_scores(
    path: Path | str, csv_path: Path | str, *, dry_run: bool = False, csv_name: str | None = None
) -> EditResult:
    """Read ``csv_path`` (a CSV or a workbook) and record its changed scores in ``path`` in one safe edit.

    Raises :class:`DiagnosticError` with every problem of the CSV (positioned
    in it) or of the workshop file; nothing is written then.
    """
    from strategy_kit.change.edit import record_scores
    from strategy_kit.change.transaction import edit_file, open_editor
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
    editors: list[Editor] = []

    def change(editor: Editor) -> None:
        editors.append(editor)
        for project, scores in table.changes.items():
            record_scores(editor, project, scores)

    try:
        edited = edit_file(path, change, dry_run=dry_run)
    except DiagnosticError as exc:
        notes = _asked_for(editors[0], exc, table) if editors else []
        if not notes:
            raise
        # The refusal is at the workshop file's line; the cells that asked follow as notes.
        raise type(exc)([*exc.diagnostics, *notes], exc.exit_code) from None
    edited.warnings[:0] = warnings
    return edited
