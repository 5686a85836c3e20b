"""The Excel workbook (``export --format xlsx``): the Excel CSV's table with typed cells.

A CSV has no types, so a spreadsheet guesses them when it opens one: German
Excel and LibreOffice Calc read a project id ``0815`` as the number 815, a title
``März 2026`` as a date, ``12345678901234567890`` as ``1.23456789012346E+19``,
``50%``, ``1.000``, ``3,50 €``, ``05.03.2027`` and ``wahr`` as numbers, dates
and truth values. Saved again, the original text is gone. An Office Open XML
workbook (ECMA-376) says each cell's type, so nothing is guessed:

* Sheet ``Bewertung`` (English: ``Scoring``) has the rows and columns of
  :func:`strategy_kit.present.export.csv_rows` (the same ranking, points and
  progress figures): ids, titles and other text are text cells whose column
  has the number format ``@`` (Text), so a value typed into them stays text;
  rank, points, scores and votes are numbers with number formats (``0``,
  ``0.0``, ``General``) that Excel shows with the reader's decimal separator,
  a comma in German; progress is a fraction in the format ``0 %`` (``0.0 %``
  when the report shows a tenth). Rank, points, priority, time frame and
  progress are grey with a header comment (``export.computed``): strategy-kit
  computes them (:mod:`strategy_kit.compute.prioritise`), so they are values,
  never formulas; a priority or time frame derived from the points carries
  the report's ``*``. The header row (and the id and title columns) are
  frozen; each criterion's column has a data validation (:func:`_validation`)
  with an input message and an error message, for scoring in the room.
* Sheet ``Kriterien`` (``Criteria``): each criterion's id, title, weight,
  scale and direction in the report's words (``report.dir_*``); a knock-out
  criterion has no weight.
* Both sheets print on A4 landscape, one page wide, with the header row (and
  on the first sheet the id and title columns) on every page (:func:`_print_setup`).
* Document properties: the workshop's title; creator and last editor are
  ``strategy-kit``, never a person, in every export. The created and
  modified times are the first workshop day (else 1 January 1980, the
  earliest time a zip file can hold), never the time of the export, and every
  part of the zip carries that time, so the same document gives the same bytes.

Text cells follow the text policy (:func:`strategy_kit.present.text.clean`) and
are written as strings, never as formulas: a title ``=1+1`` is the text
``=1+1`` and needs no leading ``'``. A text longer than Excel's 32 767
characters a cell (:data:`MAX_CELL`) is cut there, as Excel would refuse the file. :mod:`strategy_kit.change.importscores`
reads the workbook back. openpyxl writes it; it is imported when called.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

from strategy_kit.document.options import resolve_lang, resolve_public
from strategy_kit.present.export import Cell, Number, columns, csv_rows
from strategy_kit.present.labels import label
from strategy_kit.present.text import clean, one_line

if TYPE_CHECKING:
    from strategy_kit.compute.progress import Figures
    from strategy_kit.document.model import Criterion, WorkshopDocument

#: The program named as the workbook's creator and last editor.
CREATOR = "strategy-kit"
#: The earliest time a zip entry can carry (MS-DOS date); the time of a document without days.
EPOCH = dt.datetime(1980, 1, 1)
#: The last year a zip entry's MS-DOS date can hold (1980 + 127).
LAST_ZIP_YEAR = 2107
#: Excel's limit of characters in a cell (Excel specifications and limits).
MAX_CELL = 32_767

#: Number formats of the numeric columns, by the label key of their header.
_NUMBER_FORMATS = {
    "export.rank": "0",
    "export.points": "0.0",
    "export.votes": "0",
    "export.progress": "0 %",
}
#: A progress figure with a tenth, as the report writes ``43,3 %``.
_PERCENT_TENTH = "0.0 %"
_TEXT = "@"
#: Column widths in characters; the text columns wrap (landscape A4, one page wide).
_WIDTHS = {
    "id": 22, "export.title": 30, "export.fields": 24, "export.status": 13, "export.rank": 7,
    "export.points": 8, "export.votes": 9, "export.lead": 22, "export.priority": 10,
    "export.horizon": 14, "export.progress": 12,
}
_WRAP = {"export.title", "export.fields", "export.lead", "export.horizon"}
#: Columns strategy-kit computes: grey, with a note, and never a formula (the ranking
#: rule lives in :mod:`strategy_kit.compute.prioritise` alone).
_COMPUTED = {"export.rank", "export.points", "export.priority", "export.horizon", "export.progress"}
#: The grey of computed cells (Excel's "White, Background 1, Darker 15%").
GREY = "FFD9D9D9"


def stamp(document: WorkshopDocument) -> dt.datetime:
    """The workbook's created and modified time: midnight of the first workshop day, else :data:`EPOCH`.

    :data:`EPOCH` also when the day lies outside 1980-2107, the years a zip entry's
    MS-DOS date can hold (APPNOTE.TXT 4.4.6).
    """
    days = sorted(day.date for day in document.days)
    if not days or not EPOCH.year <= days[0].year <= LAST_ZIP_YEAR:
        return EPOCH
    return dt.datetime.combine(days[0], dt.time())


def _number(value: float | int) -> str:
    """A scale bound as a validation formula writes it (ECMA-376: a period before decimals)."""
    return repr(value) if isinstance(value, float) and not value.is_integer() else str(int(value))


def _text(value: str) -> str:
    return clean(value)[:MAX_CELL]


def _put(sheet: Any, row: int, column: int, value: Cell | float, number_format: str) -> None:
    """One typed cell: a string is always a string cell (never a formula), a number a number."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Number):
        value = value.value
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"  # openpyxl reads a leading '=' as a formula otherwise
        cell.number_format = _TEXT
    elif value is not None:
        cell.value = value
        cell.number_format = number_format
    else:
        cell.number_format = number_format


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _example(low: float, high: float) -> float:
    """A score with a decimal inside the scale ``low``..``high`` for the messages: 2.5 for 0..5."""
    middle = (low + high) / 2
    return middle + 0.5 if middle.is_integer() and middle + 0.5 <= high else middle


def _whole(criterion: Criterion) -> bool:
    """A knock-out criterion on a scale of whole numbers (with a whole threshold) takes whole numbers.

    Such a criterion is a yes/no or step test (``umsetzbar`` 0 or 1); its pass
    rule (:func:`strategy_kit.compute.prioritise.rank`) compares with whole bounds.
    """
    bounds = [criterion.scale.min, criterion.scale.max]
    if criterion.threshold is not None:
        bounds.append(criterion.threshold)
    return criterion.knockout and all(float(b).is_integer() for b in bounds)


def _validation(criterion: Criterion, lang: str) -> Any:
    """The data validation of a criterion's column: its scale; decimals unless :func:`_whole`.

    Titles are the criterion id (Excel cuts both titles at 32 characters); the
    messages name the full title and stay within Excel's 255 characters.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    from strategy_kit.present.i18n import format_number

    numbers = {
        "min": format_number(criterion.scale.min, lang),
        "max": format_number(criterion.scale.max, lang),
        "example": format_number(_example(criterion.scale.min, criterion.scale.max), lang),
        # The criterion's direction in the report's words, as the criteria sheet gives it.
        "kind": label(f"report.dir_{'knockout' if criterion.knockout else criterion.direction}", lang),
    }
    whole = _whole(criterion)
    prompt, error = ("export.prompt_whole", "export.error_whole") if whole else ("export.prompt", "export.error")

    def message(key: str) -> str:
        template = label(key, lang)
        rest = len(template.format(criterion="", **numbers))
        title = one_line(criterion.title)
        if rest + len(title) > 255:
            title = title[: max(0, 254 - rest)] + "…"
        return template.format(criterion=title, **numbers)

    return DataValidation(
        type="whole" if whole else "decimal",
        operator="between",
        formula1=_number(criterion.scale.min),
        formula2=_number(criterion.scale.max),
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=criterion.id[:32],
        prompt=message(prompt),
        errorTitle=label("export.error_title", lang)[:32],
        error=message(error),
        errorStyle="stop",
    )


def _note(text: str) -> Any:
    """A cell comment by the program, never a person, wide enough to read."""
    from openpyxl.comments import Comment

    comment = Comment(text, CREATOR)
    comment.width, comment.height = 260, 110
    return comment


def _fit_rows(sheet: Any) -> None:
    """Row heights for wrapped text: Excel and Calc keep a stored row at one line.

    Lines are estimated from the characters (a column width of characters fit a
    line, for words that do not break), 15 points a line (Calibri 11).
    """
    import math

    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if not (cell.alignment.wrap_text and isinstance(cell.value, str)):
                continue
            width = sheet.column_dimensions[cell.column_letter].width or 10
            per_line = max(1, int(width))
            needed = sum(max(1, math.ceil(len(part) / per_line)) for part in cell.value.split("\n"))
            lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * min(lines, 27)  # 409 points at most


def _print_setup(sheet: Any, title: str, lang: str, *, title_columns: str | None) -> None:
    """A4 landscape, one page wide, header row (and ``title_columns``) on every page, gridlines.

    The header is the workshop's title (``&`` doubled, Excel's header code for
    itself, ECMA-376 §18.3.1.39); the footer ``Seite &P von &N``.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if title_columns:
        sheet.print_title_cols = title_columns
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = one_line(title).replace("&", "&&")[:200]
    sheet.oddFooter.center.text = label("export.page", lang)


def _scoring_sheet(
    book: Any, document: WorkshopDocument, rows: list[list[Cell]], lang: str, public: bool
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from strategy_kit.compute.prioritise import rank_document
    from strategy_kit.present.i18n import round_half_up

    # The report's marker of a priority or time frame derived from the points (present/report.py).
    entries = {e.project.id: e for e in rank_document(document, public=public).entries}
    grey = PatternFill("solid", fgColor=GREY)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    sheet = book.active
    sheet.title = label("export.sheet_scoring", lang)
    header = [str(h) for h in rows[0]]
    criteria = {c.id: c for c in document.criteria}
    keys = columns(document)
    last = len(rows)
    notes = {
        "export.votes": label("export.not_imported", lang),
        "export.priority": f"{label('export.computed', lang)}\n* {label('report.priority_rule', lang)}",
        "export.horizon": f"{label('export.computed', lang)}\n* {label('report.horizon_rule', lang)}",
    }
    for column, name in enumerate(header, start=1):
        key = keys[column - 1]
        number_format = _NUMBER_FORMATS.get(key, "General" if key in criteria else _TEXT)
        head = sheet.cell(row=1, column=column, value=_text(name))
        head.data_type = "s"
        head.number_format = _TEXT
        head.font = Font(bold=True)
        head.alignment = wrap
        for row_number, row in enumerate(rows[1:], start=2):
            value: Cell | float = row[column - 1]
            cell_format = number_format
            entry = entries.get(str(row[0]))
            if key == "export.priority" and entry is not None and entry.priority_derived and value:
                value = f"{value}*"
            elif key == "export.horizon" and entry is not None and entry.horizon_derived and value:
                value = f"{value}*"
            elif key == "export.progress" and isinstance(value, Number):
                # A fraction shown as the report writes it: "0 %", "43,3 %" (one place after the comma).
                figure = float(value.value)
                if not float(round_half_up(figure, 1)).is_integer():
                    cell_format = _PERCENT_TENTH
                value = figure / 100
            _put(sheet, row_number, column, value, cell_format)
            cell = sheet.cell(row=row_number, column=column)
            cell.alignment = wrap if key in _WRAP else top
            if key in _COMPUTED:
                cell.fill = grey
        if key in _COMPUTED:
            head.fill = grey
            head.comment = _note(notes.get(key, label("export.computed", lang)))
        elif key in notes:
            head.comment = _note(notes[key])
        dimension = sheet.column_dimensions[_letter(column)]
        # A criterion's column as wide as its id, which does not wrap.
        dimension.width = _WIDTHS.get(key, max(9, len(key) + 2) if key in criteria else 16)
        dimension.number_format = number_format  # what a user types below keeps the column's type
        criterion = criteria.get(key)
        if criterion is not None and last > 1:
            check = _validation(criterion, lang)
            check.add(f"{_letter(column)}2:{_letter(column)}{last}")
            sheet.add_data_validation(check)
    _fit_rows(sheet)
    _print_setup(sheet, document.workshop.title, lang, title_columns="A:B")
    sheet.freeze_panes = "C2"  # the header row, and the id and title beside every score


def _criteria_sheet(book: Any, document: WorkshopDocument, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    sheet = book.create_sheet(label("export.sheet_criteria", lang))
    header = ["id", label("export.title", lang), label("export.weight", lang),
              label("export.scale_min", lang), label("export.scale_max", lang),
              label("export.direction", lang), label("export.description", lang)]
    formats = [_TEXT, _TEXT, "General", "General", "General", _TEXT, _TEXT]
    widths = [18, 40, 9, 9, 9, 24, 60]
    for column, name in enumerate(header, start=1):
        _put(sheet, 1, column, name, _TEXT)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.cell(row=1, column=column).alignment = wrap
        dimension = sheet.column_dimensions[_letter(column)]
        dimension.width = widths[column - 1]
        dimension.number_format = formats[column - 1]
    for row, criterion in enumerate(document.criteria, start=2):
        # As the report's criteria table: a knock-out criterion filters and has no weight.
        direction = "knockout" if criterion.knockout else criterion.direction
        values: list[Cell | float] = [
            criterion.id,
            criterion.title,
            None if criterion.knockout else criterion.weight,
            criterion.scale.min,
            criterion.scale.max,
            label(f"report.dir_{direction}", lang),
            criterion.description,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, formats[column - 1])
            sheet.cell(row=row, column=column).alignment = wrap if column in (2, 6, 7) else top
    sheet.freeze_panes = "A2"
    _fit_rows(sheet)
    _print_setup(sheet, document.workshop.title, lang, title_columns=None)


def _fixed_times(data: bytes, when: dt.datetime) -> bytes:
    """The zip again with every entry's time ``when``: the same workbook, the same bytes."""
    stamp_ = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp_)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


def export_xlsx(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    progress: Figures | None = None,
) -> bytes:
    """The workbook's bytes: sheet ``Bewertung`` (the Excel CSV's table, typed), ``Kriterien``.

    ``lang``, ``public`` and ``progress`` as in :func:`strategy_kit.present.export.export_csv`;
    the same document always gives the same bytes.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    lang = resolve_lang(document, lang)
    public = resolve_public(document, public)
    rows = csv_rows(document, lang=lang, public=public, progress=progress)
    book = Workbook()
    _scoring_sheet(book, document, rows, lang, public)
    _criteria_sheet(book, document, lang)
    when = stamp(document)
    properties = book.properties
    properties.creator = CREATOR
    properties.lastModifiedBy = CREATOR
    properties.title = one_line(document.workshop.title)[:255]
    properties.subject = label("export.subject", lang)
    properties.language = lang
    properties.created = when
    properties.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_times(buffer.getvalue(), when)
