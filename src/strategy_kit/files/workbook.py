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
(``str``, ``int``, ``float``, ``bool``, ``datetime``, ``None``). A formula is
its last computed value, which Excel and LibreOffice save beside it (the
``<v>`` of the cell, ECMA-376 Part 1, 18.3.1.4); a formula saved without one
(by a program that writes formulas but never calculates, or by Excel in manual
calculation) is :class:`Uncomputed`, so it is not mistaken for an empty cell.
A formula whose result is empty text (``t="str"`` and an empty ``<v>``) is an
empty cell. Whatever is wrong raises :class:`WorkbookError` with a message for
``file: error: not a readable workbook: ...``.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from defusedxml import ElementTree  # type: ignore[import-untyped]

#: The first bytes of a zip file's first local header.
ZIP_MAGIC = b"PK\x03\x04"
#: The signature of an OLE compound file (MS-CFB 2.2): Excel 97-2003, and every encrypted workbook.
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
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
#: The end of a formula element (``</f>``, ``<x:f t="shared" si="0"/>``) that no value
#: with text follows: a cell that may lack its result. Only parts with one are parsed again.
_NO_RESULT = re.compile(
    rb"(?:</(?:[\w.-]+:)?f>|<(?:[\w.-]+:)?f(?:\s[^>]*)?/>)(?!\s*<(?:[\w.-]+:)?v(?:\s[^>]*)?>[^<])"
)
#: An XML declaration naming its encoding (XML 1.0, 4.3.3).
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
#: The byte order marks of UTF-16 and UTF-32, which put NUL bytes between the characters.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")



class WorkbookError(ValueError):
    """The bytes are not a workbook that can be read; the message says why."""


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell saved without its computed value; ``formula`` as written (``=2+1``)."""

    formula: str


Value = str | int | float | bool | datetime | Uncomputed | None


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name and its rows that hold a value, ``(row number, values from column A)``."""

    name: str
    rows: list[tuple[int, list[Value]]]


def is_workbook(raw: bytes) -> bool:
    """Whether ``raw`` is meant as a workbook: a zip file (a damaged one too), or an
    OLE compound file (an encrypted workbook, an Excel 97-2003 ``.xls``).

    A zip that opens but has no ``[Content_Types].xml`` is no workbook either, and
    an OLE file is none that can be read; :func:`read_sheets` says so.
    """
    return raw.startswith((ZIP_MAGIC, OLE_MAGIC))


def check_zip(raw: bytes) -> zipfile.ZipFile:
    """The opened zip after the checks the module describes; raises :class:`WorkbookError`."""
    if raw.startswith(OLE_MAGIC):
        raise WorkbookError(
            "a password-protected workbook or an Excel 97-2003 file (.xls); "
            "save it without a password as Excel 2007-365 (.xlsx), or as CSV"
        )
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


def _local(tag: str) -> str:
    """An XML name without its namespace: ``{http://...}sheet`` gives ``sheet``."""
    return tag.rpartition("}")[2]


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id -> (target part, type) of a part's relationships (Open Packaging Conventions, 9.3)."""
    folder, name = posixpath.split(part)
    try:
        root = ElementTree.fromstring(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    except KeyError:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for element in root:
        target = element.get("Target", "")
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        where = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id", "")] = (where, element.get("Type", ""))
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part holding its cells, as the workbook part lists them."""
    book = next(
        (target for target, kind in _relationships(archive, "").values() if kind.endswith("/officeDocument")),
        None,
    )
    if book is None or book not in archive.namelist():
        return {}
    targets = _relationships(archive, book)
    parts: dict[str, str] = {}
    for element in ElementTree.fromstring(archive.read(book)).iter():
        if _local(element.tag) != "sheet":
            continue
        # r:id, in the transitional or the strict namespace
        ident = next((v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"), "")
        if ident in targets:
            parts[element.get("name", "")] = targets[ident][0]
    return parts


def _uncomputed(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], Uncomputed]]:
    """Sheet name -> {(row, column): formula} of the formula cells saved without a result.

    Only parts where a formula may lack its result are parsed (a whole sheet of
    computed formulas costs one regular-expression scan), through defusedxml
    as openpyxl's own parse, behind :func:`check_zip`'s refusal of document types.
    """
    from openpyxl.utils.cell import coordinate_to_tuple

    found: dict[str, dict[tuple[int, int], Uncomputed]] = {}
    names = set(archive.namelist())
    for sheet, part in _sheet_parts(archive).items():
        if part not in names:
            continue
        data = archive.read(part)
        if not _NO_RESULT.search(data):
            continue  # every formula has its result: nothing to find
        cells: dict[tuple[int, int], Uncomputed] = {}
        for _, element in ElementTree.iterparse(io.BytesIO(data)):
            name = _local(element.tag)
            if name == "row":
                element.clear()  # its cells are done
            if name != "c":
                continue
            children = {_local(child.tag): child for child in element}
            formula, value = children.get("f"), children.get("v")
            if formula is None or (value is not None and value.text) or element.get("t") == "str":
                continue  # no formula, a result, or an empty text result
            reference = element.get("r")
            if reference:
                cells[coordinate_to_tuple(reference)] = Uncomputed("=" + (formula.text or ""))
        if cells:
            found[sheet] = cells
    return found
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
    archive = check_zip(raw)
    from openpyxl import load_workbook

    try:
        pending = _uncomputed(archive)
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheets = []
            cells = 0  # every cell openpyxl hands over, the empty ones between values too
            for sheet in book.worksheets:
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # a stored dimension may be wrong; read every row
                rows: list[tuple[int, list[Value]]] = []
                formulas: dict[int, dict[int, Uncomputed]] = {}
                for (row, column), formula in pending.get(str(sheet.title), {}).items():
                    formulas.setdefault(row, {})[column] = formula
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    if number > MAX_ROWS:
                        raise WorkbookError(f"sheet {sheet.title!r} has rows beyond row {MAX_ROWS}")
                    cells += len(values)
                    if cells > MAX_CELLS:
                        raise WorkbookError(f"more than {MAX_CELLS} cells; not a score table")
                    row_values: list[Value] = list(values)
                    for column, formula in formulas.get(number, {}).items():
                        row_values.extend([None] * (column - len(row_values)))
                        if row_values[column - 1] is None:
                            row_values[column - 1] = formula
                    if any(value is not None for value in row_values):
                        rows.append((number, row_values))
                sheets.append(Sheet(str(sheet.title), rows))
        finally:
            book.close()
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises whatever its parsers meet in a damaged part
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WorkbookError(reason[:200]) from None
    return sheets
