"""Reading workbooks: recognised by content, the zip checked before openpyxl reads it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from tests.spreadsheets import rezip

from strategy_kit.check.validate import load_document
from strategy_kit.files.workbook import (
    MAX_ENTRIES,
    MAX_UNPACKED,
    Uncomputed,
    WorkbookError,
    check_zip,
    is_workbook,
    read_sheets,
)
from strategy_kit.present.workbook import export_xlsx

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def exported() -> bytes:
    document = load_document(EXAMPLES / "telgte.yaml").document
    assert document is not None
    return export_xlsx(document)


def test_a_workbook_is_recognised_by_its_bytes(exported: bytes) -> None:
    assert is_workbook(exported)
    assert not is_workbook(b"\xef\xbb\xbfid;wirkung\r\n")
    assert not is_workbook(b"")


def test_the_sheets_and_their_values(exported: bytes) -> None:
    sheets = read_sheets(exported)
    assert [s.name for s in sheets] == ["Bewertung", "Kriterien"]
    number, first = sheets[0].rows[1]
    assert number == 2 and first[:2] == ["stadtportal", "Stadtportal mit Online-Services"]
    assert first[6] == 5


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04not really", "not a zip file"),
        (b"", "not a zip file"),
    ],
)
def test_what_is_no_zip_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(WorkbookError, match=reason):
        check_zip(data)


def test_a_zip_without_content_types_is_no_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word.txt", "hello")
    with pytest.raises(WorkbookError, match=r"without \[Content_Types\]\.xml"):
        read_sheets(out.getvalue())


def test_an_encrypted_workbook_or_an_old_xls_is_told_how_to_save() -> None:
    """Both are OLE compound files (MS-CFB 2.2); read as CSV they said "no 'id' column"."""
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504
    assert is_workbook(ole)
    with pytest.raises(WorkbookError, match=r"password-protected workbook or an Excel 97-2003 file"):
        read_sheets(ole)


def test_an_opendocument_spreadsheet_is_told_how_to_save() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(WorkbookError, match=r"OpenDocument file; save it as Excel 2007-365 \(\.xlsx\)"):
        read_sheets(out.getvalue())


def test_declared_sizes_are_checked_before_anything_is_unpacked(exported: bytes) -> None:
    bomb = rezip(exported, {"xl/bomb.xml": b"<a/>" + b" " * (MAX_UNPACKED + 1)})
    assert len(bomb) < 200_000  # deflated: a few kilobytes claim twenty megabytes
    with pytest.raises(WorkbookError, match="unpacks to"):
        read_sheets(bomb)
    many = rezip(exported, {f"xl/x{n}.bin": b"" for n in range(MAX_ENTRIES)})
    with pytest.raises(WorkbookError, match="parts"):
        read_sheets(many)


def test_a_document_type_is_refused(exported: bytes) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>'
    )
    with pytest.raises(WorkbookError, match="document type"):
        read_sheets(rezip(exported, {"xl/sharedStrings.xml": laughs}))


def test_a_damaged_part_is_an_error_not_a_crash(exported: bytes) -> None:
    with pytest.raises(WorkbookError):
        read_sheets(rezip(exported, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row r="}))
    with pytest.raises(WorkbookError):
        read_sheets(rezip(exported, {"xl/workbook.xml": b"not xml"}))


def test_a_row_beyond_the_last_is_refused(exported: bytes) -> None:
    sheet = zipfile.ZipFile(io.BytesIO(exported)).read("xl/worksheets/sheet1.xml")
    far = sheet.replace(b'<row r="5"', b'<row r="99999999"').replace(b'r="A5"', b'r="A99999999"')
    with pytest.raises(WorkbookError, match="beyond row"):
        read_sheets(rezip(exported, {"xl/worksheets/sheet1.xml": far}))


def test_a_formula_without_its_result_is_told_apart_from_an_empty_cell(exported: bytes) -> None:
    """``<f>`` with no ``<v>`` (openpyxl, Excel in manual calculation) is :class:`Uncomputed`;
    a cached result is the value; an empty text result (``t="str"``) an empty cell."""
    sheet = zipfile.ZipFile(io.BytesIO(exported)).read("xl/worksheets/sheet1.xml")
    for cell, replacement in (
        (b"G2", b'<c r="G2"><f>2+1</f><v></v></c>'),
        (b"H2", b'<c r="H2"><f>1+1</f><v>2</v></c>'),
        (b"I2", b'<c r="I2" t="str"><f>""</f><v></v></c>'),
    ):
        sheet, found = re.subn(rb'<c r="' + cell + rb'"[^>]*>.*?</c>', replacement, sheet, count=1)
        assert found == 1, cell
    sheet = sheet.replace(b"</sheetData>", b'<row r="9"><c r="C9"><f t="shared" si="0"/></c></row></sheetData>')
    rows = dict(read_sheets(rezip(exported, {"xl/worksheets/sheet1.xml": sheet}))[0].rows)
    assert rows[2][6:9] == [Uncomputed("=2+1"), 2, None]
    assert rows[9][:3] == [None, None, Uncomputed("=")]


def test_binary_parts_of_a_real_workbook_are_read_past(exported: bytes) -> None:
    """Excel stores printer settings (a DEVMODE, UTF-16 device name) and images as parts."""
    devmode = "HP LaserJet".encode("utf-16-le") + b"\x00" * 64
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    book = rezip(exported, {"xl/printerSettings/printerSettings1.bin": devmode, "xl/media/image1.png": png})
    assert [s.name for s in read_sheets(book)] == ["Bewertung", "Kriterien"]


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><worksheet/>'.encode("utf-16"),
        '<?xml version="1.0"?><worksheet/>'.encode("utf-16-be"),
        b'<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>',
    ],
)
def test_an_xml_part_that_is_not_utf_8_is_refused(exported: bytes, xml: bytes) -> None:
    with pytest.raises(WorkbookError, match=r"part xl/worksheets/sheet2\.xml is not UTF-8"):
        read_sheets(rezip(exported, {"xl/worksheets/sheet2.xml": xml}))


def test_an_xml_part_that_declares_utf_8_is_read(exported: bytes) -> None:
    sheet = zipfile.ZipFile(io.BytesIO(exported)).read("xl/worksheets/sheet2.xml")
    for declaration in (b'<?xml version="1.0" encoding="UTF-8"?>', b"<?xml version='1.0' encoding='utf8'?>"):
        assert len(read_sheets(rezip(exported, {"xl/worksheets/sheet2.xml": declaration + sheet}))) == 2


def test_openpyxl_parses_through_defusedxml() -> None:
    """The second wall behind the checks: openpyxl switches to defusedxml when it is installed."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
