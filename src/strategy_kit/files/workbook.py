"""Reading the cells of an Office Open XML workbook (.xlsx), with the zip checked first.

A workbook is recognised by its content, not its name: a zip file (local
header ``PK\\x03\\x04``, APPNOTE.TXT 4.3.7) holding ``[Content_Types].xml``
(ECMA-376 Part 2, Open Packaging Conventions). Before openpyxl reads a byte
of it, the zip's central directory is checked: at most :data:`MAX_ENTRIES`
parts and :data:`MAX_UNPACKED` bytes unpacked in all (the sizes the directory
declares; Python's :mod:`zipfile` never unpacks more than an entry declares),
no more than :data:`MAX_CELLS` cells are read, and no XML part may declare a
document type (``<!DOCTYPE``), which no spreadsheet writes and which entity
expansion ("billion laughs") needs. Every part is judged by its bytes, not its
name (a package may call a sheet ``sheet1.bin``), and an XML part must be UTF-8
(ECMA-376 Part 2, 8.1.4 allows UTF-16 too, but no spreadsheet program writes it,
and a search for ``<!DOCTYPE`` in UTF-16 bytes finds nothing). openpyxl itself
parses through defusedxml when it is installed, which this package depends on:
a second wall, should a part slip past these checks.

:func:`read_sheets` gives each worksheet's name and rows as openpyxl's values
(``str``, ``int``, ``float``, ``bool``, ``datetime``, ``None``; formulas as
their last computed value). Whatever is wrong raises :class:`WorkbookError`
with a message for ``file: error: not a readable workbook: ...``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

#: The first bytes of a zip file's first local header.
ZIP_MAGIC = b"PK\x03\x04"
#: The part every Open Packaging Conventions package has.
CONTENT_TYPES = "[Content_Types].xml"
#: Far more than any exported workbook unpacks to (the Telgte example: about 30 kB).
MAX_UNPACKED = 20 * 1024 * 1024
#: Far more parts than a workbook of a few sheets has.
MAX_ENTRIES = 1000
#: The last row of a worksheet (ECMA-376; Excel's specifications and limits).
MAX_ROWS = 1_048_576
#: Far more cells than a score table has (rows of the table, empty cells between values included).
MAX_CELLS = 1_000_000
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
#: An XML declaration naming its encoding (XML 1.0, 4.3.3).
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
#: The byte order marks of UTF-16 and UTF-32, which put NUL bytes between the characters.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

Value = str | int | float | bool | object | None


class WorkbookError(ValueError):
    """The bytes are not a workbook that can be read; the message says why."""


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name and its rows that hold a value, ``(row number, values from column A)``."""

    name: str
    rows: list[tuple[int, list[Value]]]


def is_workbook(raw: bytes) -> bool:
    """Whether ``raw`` is meant as a workbook: a zip file (a damaged one too).

    A zip that opens but has no ``[Content_Types].xml`` is no workbook either;
    :func:`read_sheets` says so.
    """
    return raw.startswith(ZIP_MAGIC)


def check_zip(raw: bytes) -> zipfile.ZipFile:
    """The opened zip after the checks the module describes; raises :class:`WorkbookError`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(f"not a zip file ({exc})") from None
    if len(entries) > MAX_ENTRIES:
        raise WorkbookError(f"{len(entries)} parts; a workbook has far fewer than {MAX_ENTRIES}")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise WorkbookError(
            f"unpacks to {unpacked} bytes, more than {MAX_UNPACKED // 1024 // 1024} MB; not a score table"
        )
    names = archive.namelist()
    if CONTENT_TYPES not in names:
        if "mimetype" in names and "content.xml" in names:
            raise WorkbookError("an OpenDocument file; save it as Excel 2007-365 (.xlsx) or as CSV")
        raise WorkbookError(f"a zip file without {CONTENT_TYPES}, not an Office Open XML workbook")
    for entry in entries:
        try:
            data = archive.read(entry)
        except Exception as exc:  # zlib.error, BadZipFile, NotImplementedError, ...
            raise WorkbookError(f"part {entry.filename} cannot be unpacked ({exc})") from None
        _check_part(entry.filename, data)
    return archive


def _check_part(name: str, data: bytes) -> None:
    """Refuse a part that is XML in a wide encoding or that declares a document type.

    Binary parts (images, printer settings) pass: only a part that is, or could be
    read as, XML matters to the parser.
    """
    head = data[:512]
    declared = _ENCODING.match(head)
    wide = head.startswith(_WIDE_BOMS) or head[:2] in (b"<\x00", b"\x00<")  # UTF-16/32, no BOM
    if wide or (declared and declared.group(1).lower().replace(b"-", b"") != b"utf8"):
        raise WorkbookError(f"part {name} is not UTF-8; refused")
    if _DOCTYPE.search(data):
        raise WorkbookError(f"part {name} declares a document type; refused")


def read_sheets(raw: bytes) -> list[Sheet]:
    """Every worksheet of the workbook ``raw``, values as openpyxl reads them.

    Raises :class:`WorkbookError` for a damaged, hostile or foreign file.
    """
    check_zip(raw)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheets = []
            cells = 0  # every cell openpyxl hands over, the empty ones between values too
            for sheet in book.worksheets:
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # a stored dimension may be wrong; read every row
                rows: list[tuple[int, list[Value]]] = []
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    if number > MAX_ROWS:
                        raise WorkbookError(f"sheet {sheet.title!r} has rows beyond row {MAX_ROWS}")
                    cells += len(values)
                    if cells > MAX_CELLS:
                        raise WorkbookError(f"more than {MAX_CELLS} cells; not a score table")
                    if any(value is not None for value in values):
                        rows.append((number, list(values)))
                sheets.append(Sheet(str(sheet.title), rows))
        finally:
            book.close()
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises whatever its parsers meet in a damaged part
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WorkbookError(reason[:200]) from None
    return sheets
