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
  rank, points, scores, votes and progress are numbers with number formats
  (``0``, ``0.0``, ``General``) that Excel shows with the reader's decimal
  separator, a comma in German. The header row (and the id and title
  columns) are frozen; each criterion's column has a data validation that
  accepts only numbers within the criterion's scale, with an input message
  and an error message, for scoring in the room.
* Sheet ``Kriterien`` (``Criteria``): each criterion's id, title, weight,
  scale and direction.
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
from strategy_kit.present.export import Cell, Number, csv_rows
from strategy_kit.present.labels import label
from strategy_kit.present.text import clean, one_line

if TYPE_CHECKING:
    from strategy_kit.compute.progress import Figures
    from strategy_kit.document.model import WorkshopDocument

#: The program named as the workbook's creator and last editor.
CREATOR = "strategy-kit"
#: The earliest time a zip entry can carry (MS-DOS date); the time of a document without days.
EPOCH = dt.datetime(1980, 1, 1)
#: Excel's limit of characters in a cell (Excel specifications and limits).
MAX_CELL = 32_767

#: Number formats of the numeric columns, by the label key of their header.
_NUMBER_FORMATS = {
    "export.rank": "0",
    "export.points": "0.0",
    "export.votes": "0",
    "export.progress": "0.0",
}
_TEXT = "@"
_WIDTHS = {"id": 22, "export.title": 44, "export.fields": 28, "export.lead": 24}


def stamp(document: WorkshopDocument) -> dt.datetime:
    """The workbook's created and modified time: midnight of the first workshop day, else :data:`EPOCH`."""
    days = sorted(day.date for day in document.days)
    if not days or days[0].year < EPOCH.year:
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


def _scoring_sheet(
    book: Any, document: WorkshopDocument, rows: list[list[Cell]], lang: str
) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from strategy_kit.present.i18n import format_number

    sheet = book.active
    sheet.title = label("export.sheet_scoring", lang)
    header = [str(h) for h in rows[0]]
    criteria = {c.id: c for c in document.criteria}
    # csv_rows' layout: id, five columns, the criteria, five columns.
    keys = ["id", "export.title", "export.fields", "export.status", "export.rank", "export.points",
            *criteria, "export.votes", "export.lead", "export.priority", "export.horizon",
            "export.progress"]
    last = len(rows)
    for column, name in enumerate(header, start=1):
        key = keys[column - 1]
        numeric = key in _NUMBER_FORMATS or key in criteria
        number_format = _NUMBER_FORMATS.get(key, "General" if key in criteria else _TEXT)
        head = sheet.cell(row=1, column=column, value=_text(name))
        head.data_type = "s"
        head.number_format = _TEXT
        head.font = Font(bold=True)
        for row_number, row in enumerate(rows[1:], start=2):
            _put(sheet, row_number, column, row[column - 1], number_format)
        dimension = sheet.column_dimensions[_letter(column)]
        dimension.width = _WIDTHS.get(key, 12 if numeric else 18)
        dimension.number_format = number_format  # what a user types below keeps the column's type
        criterion = criteria.get(key)
        if criterion is not None and last > 1:
            low = format_number(criterion.scale.min, lang)
            high = format_number(criterion.scale.max, lang)
            title = one_line(criterion.title)
            check = DataValidation(
                type="decimal",
                operator="between",
                formula1=_number(criterion.scale.min),
                formula2=_number(criterion.scale.max),
                allow_blank=True,
                showInputMessage=True,
                showErrorMessage=True,
                promptTitle=title[:32],  # Excel's limit for both titles
                prompt=label("export.prompt", lang).format(min=low, max=high)[:255],
                errorTitle=label("export.error_title", lang)[:32],
                error=label("export.error", lang).format(criterion=title, min=low, max=high)[:255],
                errorStyle="stop",
            )
            check.add(f"{_letter(column)}2:{_letter(column)}{last}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "C2"  # the header row, and the id and title beside every score


def _criteria_sheet(book: Any, document: WorkshopDocument, lang: str) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(label("export.sheet_criteria", lang))
    header = ["id", label("export.title", lang), label("export.weight", lang),
              label("export.scale_min", lang), label("export.scale_max", lang),
              label("export.direction", lang), label("export.description", lang)]
    formats = [_TEXT, _TEXT, "General", "General", "General", _TEXT, _TEXT]
    widths = [22, 36, 10, 10, 10, 22, 60]
    for column, name in enumerate(header, start=1):
        _put(sheet, 1, column, name, _TEXT)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        dimension = sheet.column_dimensions[_letter(column)]
        dimension.width = widths[column - 1]
        dimension.number_format = formats[column - 1]
    for row, criterion in enumerate(document.criteria, start=2):
        values: list[Cell | float] = [
            criterion.id,
            criterion.title,
            criterion.weight,
            criterion.scale.min,
            criterion.scale.max,
            label(f"export.{criterion.direction}", lang),
            criterion.description,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, formats[column - 1])
    sheet.freeze_panes = "A2"


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
    rows = csv_rows(document, lang=lang, public=resolve_public(document, public), progress=progress)
    book = Workbook()
    _scoring_sheet(book, document, rows, lang)
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
