"""Reading an edited score table back: the round trip through Excel's way of saving."""

from __future__ import annotations

import csv
import functools
import io
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.spreadsheets import soffice_convert, tricky_yaml
from tests.textdiff import changed

from strategy_kit.change.importscores import HEADER_ROWS, UNCOMPUTED, import_scores, read_scores
from strategy_kit.check.validate import Loaded, load_document
from strategy_kit.document.diagnostics import DiagnosticError
from strategy_kit.present.export import export_csv
from strategy_kit.present.workbook import export_xlsx


def exported(path: Path) -> list[list[str]]:
    document = load_document(path).document
    assert document is not None
    return list(csv.reader(io.StringIO(export_csv(document).decode("utf-8-sig"), newline=""), delimiter=";"))


def save_like_excel(table: list[list[str]], target: Path, *, delimiter: str = ";", encoding: str = "utf-8-sig",
                    newline: str = "\r\n") -> Path:
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=delimiter, lineterminator=newline).writerows(table)
    target.write_bytes(stream.getvalue().encode(encoding))
    return target


def test_a_no_op_round_trip_leaves_the_file_byte_identical(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_bytes()
    result = import_scores(telgte, save_like_excel(exported(telgte), tmp_path / "s.csv"))
    assert not result.changed and not result.written
    assert telgte.read_bytes() == before


def test_edited_scores_come_back_and_nothing_else_changes(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_text("utf-8")
    table = exported(telgte)
    header, body = table[0], table[1:]
    column = {name: index for index, name in enumerate(header)}
    rows = {row[0]: row for row in body}
    rows["stadtportal"][column["aufwand"]] = "2,5"  # German decimal comma
    rows["datenaustausch"][column["foerderung"]] = "'3"  # a text-marked number
    rows["smarte-mobilitaet"][column["wirkung"]] = " 4 "  # unchanged, padded
    # Excel users sort: rows in another order, a column moved to the end, one added.
    order = ["datenaustausch", "smarte-mobilitaet", "stadtportal", "infrastruktur-zukunft"]
    move = column["Status"]
    reshaped = [[*[c for i, c in enumerate(header) if i != move], "Status", "Notiz"]]
    for ident in order:
        row = rows[ident]
        reshaped.append([*[c for i, c in enumerate(row) if i != move], row[move], "=A1"])
    result = import_scores(telgte, save_like_excel(reshaped, tmp_path / "s.csv"))
    assert result.written
    assert result.notes == ["datenaustausch: foerderung 2 -> 3", "stadtportal: aufwand 4 -> 2.5"]
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     scores: {wirkung: 5, dringlichkeit: 5, aufwand: 4, foerderung: 4, umsetzbar: 1}\n",
        "+     scores: {wirkung: 5, dringlichkeit: 5, aufwand: 2.5, foerderung: 4, umsetzbar: 1}\n",
        "-     scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 2, umsetzbar: 1}\n",
        "+     scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 3, umsetzbar: 1}\n",
    ]
    assert "# Kriterien, Gewichte und Bewertungen angenommen." in telgte.read_text("utf-8")


@pytest.mark.parametrize(
    ("delimiter", "encoding", "newline"),
    [(",", "utf-8", "\n"), ("\t", "utf-8", "\r\n"), (";", "cp1252", "\r\n")],
)
def test_other_separators_encodings_and_line_ends(
    telgte: Path, tmp_path: Path, delimiter: str, encoding: str, newline: str
) -> None:
    table = exported(telgte)
    table[1][table[0].index("wirkung")] = "3"
    result = import_scores(telgte, save_like_excel(table, tmp_path / "s.csv", delimiter=delimiter,
                                                   encoding=encoding, newline=newline))
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_every_problem_is_reported_at_its_cell_and_nothing_is_written(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_bytes()
    table = exported(telgte)
    header = table[0]
    wirkung, umsetzbar = header.index("wirkung") + 1, header.index("umsetzbar") + 1
    table[1][wirkung - 1] = "4"  # a good change, not written because of the rest
    table[2][wirkung - 1] = "7"
    table[3][umsetzbar - 1] = "-1"
    table[4][wirkung - 1] = "viel"
    table.append(["stadtportl", *table[1][1:]])
    table.append(["stadtportal", *table[1][1:]])
    table[0] = [*header, "dringlichkeitt"]
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, save_like_excel(table, tmp_path / "scores.csv"), csv_name="scores.csv")
    assert [str(d) for d in caught.value.diagnostics] == [
        f"scores.csv:1:{len(header) + 1}: error: no criterion 'dringlichkeitt'; did you mean 'dringlichkeit'?",
        f"scores.csv:3:{wirkung}: error: projects[infrastruktur-zukunft].scores.wirkung: "
        "7 is above the scale maximum 5",
        f"scores.csv:4:{umsetzbar}: error: projects[smarte-mobilitaet].scores.umsetzbar: "
        "-1 is below the scale minimum 0",
        f"scores.csv:5:{wirkung}: error: projects[datenaustausch].scores.wirkung: 'viel' is not a number",
        "scores.csv:6:1: error: no project 'stadtportl'; did you mean 'stadtportal'?",
        "scores.csv:7:1: error: project 'stadtportal' has a second row (the first is line 2)",
    ]
    assert telgte.read_bytes() == before


def test_a_file_without_an_id_column_is_refused(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Projekt;wirkung\nstadtportal;3\n", "utf-8")
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path, csv_name="x.csv")
    assert [str(d) for d in caught.value.diagnostics] == [
        "x.csv:1:1: error: no 'id' column; expected the header row of export --format csv"
    ]


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b'id;Titel;wirkung\r\nstadtportal;"zwei\r\nZeilen";3\r\nsmarte-mobilitaet;x;9\r\n')
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path, csv_name="x.csv")
    assert [(d.line, d.column) for d in caught.value.diagnostics] == [(4, 3)]


def test_a_strategy_workshop_round_trips_and_refuses_scores_of_strategy_projects(
    strategy_repo: Path, tmp_path: Path
) -> None:
    workshop = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    before = workshop.read_bytes()
    table = exported(workshop)
    assert {"stadtportal", "mobilitaetsdaten"} <= {row[0] for row in table[1:]}
    # An unedited export, the strategy's projects included, is no change.
    assert not import_scores(workshop, save_like_excel(table, tmp_path / "same.csv")).changed
    column = table[0].index("wirkung")
    row = next(row for row in table if row[0] == "stadtportal")
    row[column] = "1"
    with pytest.raises(DiagnosticError) as caught:
        import_scores(workshop, save_like_excel(table, tmp_path / "edited.csv"))
    (error,) = caught.value.diagnostics
    strategy = strategy_repo / "strategy.yaml"
    line = strategy.read_text(encoding="utf-8").splitlines().index("  - id: stadtportal") + 1
    assert error.message == (
        f"project 'stadtportal' is defined in the strategy file {strategy}:{line}; import its scores there"
    )
    assert (error.line, error.column) == (table.index(row) + 1, column + 1)
    assert workshop.read_bytes() == before


def test_excel_sep_line_names_the_separator(telgte: Path, tmp_path: Path) -> None:
    """Excel's "sep=;" first line (it writes one so a double-click splits the cells) is read."""
    for sep in (";", ","):
        table = exported(telgte)
        table[1][table[0].index("wirkung")] = "3"
        path = tmp_path / "s.csv"
        stream = io.StringIO(newline="")
        csv.writer(stream, delimiter=sep, lineterminator="\r\n").writerows(table)
        path.write_bytes(f"sep={sep}\r\n{stream.getvalue()}".encode())
        result = import_scores(telgte, path, dry_run=True)
        assert result.notes == ["stadtportal: wirkung 5 -> 3"], sep
    # Line numbers still count the sep= line.
    table = exported(telgte)
    table[2][table[0].index("wirkung")] = "9"
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(table)
    path.write_bytes(f'"sep=;"\r\n{stream.getvalue()}'.encode())
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path)
    assert [d.line for d in caught.value.diagnostics] == [4]


# -- workbooks ---------------------------------------------------------------------------------


def workbook(path: Path) -> Any:
    document = load_document(path).document
    assert document is not None
    return openpyxl.load_workbook(io.BytesIO(export_xlsx(document)))


def column(sheet: Any, name: str) -> int:
    return [c.value for c in sheet[1]].index(name) + 1


def row_of(sheet: Any, ident: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == ident)


def test_an_unedited_workbook_is_no_change(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_bytes()
    document = load_document(telgte).document
    assert document is not None
    path = tmp_path / "s.xlsx"
    path.write_bytes(export_xlsx(document))
    result = import_scores(telgte, path)
    assert not result.changed and not result.written
    assert telgte.read_bytes() == before


def test_edited_workbook_scores_come_back(telgte: Path, tmp_path: Path) -> None:
    book = workbook(telgte)
    sheet = book["Bewertung"]
    sheet.cell(row_of(sheet, "stadtportal"), column(sheet, "aufwand")).value = 2.5
    sheet.cell(row_of(sheet, "datenaustausch"), column(sheet, "foerderung")).value = "3"  # typed as text
    sheet.move_range("A1:P5", rows=2)  # rows moved down: the header need not be in row 1
    # The name says CSV; the content says workbook.
    path = tmp_path / "s.csv"
    book.save(path)
    result = import_scores(telgte, path)
    assert result.written
    assert sorted(result.notes) == ["datenaustausch: foerderung 2 -> 3", "stadtportal: aufwand 4 -> 2.5"]
    assert "aufwand: 2.5," in telgte.read_text("utf-8")


def test_workbook_problems_are_named_by_sheet_and_cell(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_bytes()
    book = workbook(telgte)
    sheet = book["Bewertung"]
    wirkung = column(sheet, "wirkung")
    letter = openpyxl.utils.get_column_letter(wirkung)
    sheet.cell(row_of(sheet, "stadtportal"), wirkung).value = 4  # good, not written because of the rest
    sheet.cell(row_of(sheet, "infrastruktur-zukunft"), wirkung).value = 7
    sheet.cell(row_of(sheet, "smarte-mobilitaet"), wirkung).value = True
    sheet.cell(row_of(sheet, "datenaustausch"), 1).value = 815
    path = tmp_path / "scores.xlsx"
    book.save(path)
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path, csv_name="scores.xlsx")
    rows = {ident: row_of(sheet, ident) for ident in ("infrastruktur-zukunft", "smarte-mobilitaet")}
    assert sorted(str(d) for d in caught.value.diagnostics) == sorted([
        f"scores.xlsx:Bewertung!{letter}{rows['infrastruktur-zukunft']}: error: "
        "projects[infrastruktur-zukunft].scores.wirkung: 7 is above the scale maximum 5",
        f"scores.xlsx:Bewertung!{letter}{rows['smarte-mobilitaet']}: error: "
        "projects[smarte-mobilitaet].scores.wirkung: 'TRUE' is not a number",
        "scores.xlsx:Bewertung!A5: error: no project '815'; "
        "known: stadtportal, smarte-mobilitaet, infrastruktur-zukunft, datenaustausch",
    ])
    assert telgte.read_bytes() == before


def test_a_number_where_an_id_was_is_reported_with_the_id(tmp_path: Path) -> None:
    """What a CSV through Excel does to '0815', said at its cell with the id it was."""
    path = tmp_path / "w.yaml"
    path.write_text(tricky_yaml(), "utf-8")
    book = workbook(path)
    sheet = book["Bewertung"]
    row = row_of(sheet, "0815")
    sheet.cell(row, 1).value = 815
    table = tmp_path / "t.xlsx"
    book.save(table)
    with pytest.raises(DiagnosticError) as caught:
        import_scores(path, table, csv_name="t.xlsx")
    (error,) = caught.value.diagnostics
    assert str(error).endswith("error: no project '815'; did you mean '0815'?")
    assert error.place == f"Bewertung!A{row}"


def test_a_damaged_workbook_is_one_error(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_bytes()
    document = load_document(telgte).document
    assert document is not None
    path = tmp_path / "s.xlsx"
    path.write_bytes(export_xlsx(document)[:2000])
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path, csv_name="s.xlsx")
    (error,) = caught.value.diagnostics
    assert str(error).startswith("s.xlsx: error: not a readable workbook: ")
    assert telgte.read_bytes() == before


def test_old_mac_line_ends_are_read(telgte: Path, tmp_path: Path) -> None:
    """A lone CR ends a line (found by the workbook fuzzer: the header check crashed on it)."""
    table = exported(telgte)
    table[1][table[0].index("wirkung")] = "3"
    result = import_scores(telgte, save_like_excel(table, tmp_path / "s.csv", newline="\r"), dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_binary_that_is_no_workbook_is_an_error_at_a_line(telgte: Path, tmp_path: Path) -> None:
    before = telgte.read_bytes()
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"QK\x03\x04\x14\x00\r\x00\x08docProps/app.xml\x00\r\x8d\n\xc7\xff;\"\r\x00")
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path, csv_name="s.xlsx")
    assert [str(d).split(": error: ")[0] for d in caught.value.diagnostics] == ["s.xlsx:1:1"]
    assert telgte.read_bytes() == before


# -- the tables people really make (issue 15 follow-up) ----------------------------------------


def saved(book: Any, path: Path) -> Path:
    book.save(path)
    return path


def refused(telgte: Path, table: Path) -> list[str]:
    """The diagnostics of an import that must fail, as printed; the workshop file stays as it was."""
    before = telgte.read_bytes()
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, table, csv_name=table.name)
    assert caught.value.exit_code == 1
    assert telgte.read_bytes() == before
    return [str(d) for d in caught.value.diagnostics]


def test_a_title_row_above_the_header_is_skipped(telgte: Path, tmp_path: Path) -> None:
    book = workbook(telgte)
    sheet = book["Bewertung"]
    sheet.cell(row_of(sheet, "stadtportal"), column(sheet, "wirkung")).value = 3
    sheet.insert_rows(1, 1)
    sheet["A1"] = "Bewertung Telgte"
    result = import_scores(telgte, saved(book, tmp_path / "i1.xlsx"), dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_a_title_line_above_the_csv_header_is_skipped(telgte: Path, tmp_path: Path) -> None:
    """The same rule as in a workbook: the header is the first row with 'id' and a criterion id."""
    table = exported(telgte)
    table[1][table[0].index("wirkung")] = "3"
    table[:0] = [["Bewertung Telgte"], ["Stand: 12. März", "", "id ist die Kennung"]]
    result = import_scores(telgte, save_like_excel(table, tmp_path / "s.csv", delimiter=","), dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_without_a_scoring_sheet_one_line_names_the_sheets(telgte: Path, tmp_path: Path) -> None:
    """The criteria sheet has an id column too; it is never read as scores."""
    book = workbook(telgte)
    del book["Bewertung"]
    book.create_sheet("Notizen")["A1"] = "id"
    assert refused(telgte, saved(book, tmp_path / "i1.xlsx")) == [
        "i1.xlsx: error: no sheet has a header row with 'id' and criterion ids "
        "(sheets: 'Kriterien', 'Notizen'); expected the sheet 'Bewertung' of export --format xlsx"
    ]


def test_the_scoring_sheet_wins_over_a_first_sheet_with_an_id_column(telgte: Path, tmp_path: Path) -> None:
    book = workbook(telgte)
    book["Bewertung"].cell(row_of(book["Bewertung"], "stadtportal"), column(book["Bewertung"], "aufwand")).value = 2
    first = book.create_sheet("Entwurf", 0)
    first.append(["id", "wirkung", "aufwand"])
    first.append(["stadtportal", 1, 1])
    result = import_scores(telgte, saved(book, tmp_path / "s.xlsx"), dry_run=True)
    assert result.notes == ["stadtportal: aufwand 4 -> 2"]


def test_the_english_scoring_sheet_wins_too(telgte: Path, tmp_path: Path) -> None:
    document = load_document(telgte).document
    assert document is not None
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(document, lang="en")))
    assert book.sheetnames == ["Scoring", "Criteria"]
    book["Scoring"].cell(row_of(book["Scoring"], "stadtportal"), column(book["Scoring"], "wirkung")).value = 2
    first = book.create_sheet("Draft", 0)
    first.append(["id", "wirkung"])
    first.append(["stadtportal", 1])
    result = import_scores(telgte, saved(book, tmp_path / "s.xlsx"), dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 2"]


def test_the_scoring_sheet_is_read_even_with_a_broken_header(telgte: Path, tmp_path: Path) -> None:
    """Its problem is shown; another sheet's values are not imported instead."""
    book = workbook(telgte)
    book["Bewertung"]["A1"] = "Kennung"
    first = book.create_sheet("Entwurf", 0)
    first.append(["id", "wirkung"])
    first.append(["stadtportal", 1])
    assert refused(telgte, saved(book, tmp_path / "s.xlsx")) == [
        "s.xlsx:Bewertung!A1: error: no 'id' column; expected the header row of export --format xlsx"
    ]


def test_two_sheets_with_scores_and_neither_named_are_an_error(telgte: Path, tmp_path: Path) -> None:
    """Never a guess: which of two score tables is meant is the user's to say."""
    book = workbook(telgte)
    book["Bewertung"].title = "Tabelle1"
    other = book.create_sheet("Tabelle2")
    other.append(["ID", "Wirkung"])
    other.append(["stadtportal", 1])
    assert refused(telgte, saved(book, tmp_path / "s.xlsx")) == [
        "s.xlsx: error: two sheets have a header row with 'id' and criterion ids: 'Tabelle1', 'Tabelle2'; "
        "name the one to read 'Bewertung' or delete the other"
    ]


def test_one_sheet_with_scores_is_read_whatever_its_name(telgte: Path, tmp_path: Path) -> None:
    book = workbook(telgte)
    sheet = book["Bewertung"]
    sheet.title = "Tabelle1"
    sheet.cell(row_of(sheet, "stadtportal"), column(sheet, "wirkung")).value = 3
    sheet.cell(row_of(sheet, "datenaustausch"), column(sheet, "wirkung")).value = 9
    assert refused(telgte, saved(book, tmp_path / "s.xlsx")) == [
        f"s.xlsx:Tabelle1!G{row_of(sheet, 'datenaustausch')}: error: projects[datenaustausch].scores.wirkung: "
        "9 is above the scale maximum 5"
    ]


def test_a_formula_without_a_computed_value_is_an_error_at_its_cell(telgte: Path, tmp_path: Path) -> None:
    """openpyxl, or Excel in manual calculation, saves a formula without its result."""
    book = workbook(telgte)
    sheet = book["Bewertung"]
    assert sheet["G1"].value == "wirkung"
    sheet["G2"] = "=2+1"
    sheet["A3"] = '="smarte-mobilitaet"'
    sheet["Q2"] = "=G2*2"  # a column that is no criterion: not read
    assert refused(telgte, saved(book, tmp_path / "s.xlsx")) == [
        "s.xlsx:Bewertung!G2: error: projects[stadtportal].scores.wirkung: "
        "formula without a computed value; open and save the file in Excel or LibreOffice",
        "s.xlsx:Bewertung!A3: error: formula without a computed value; open and save the file in Excel or LibreOffice",
    ]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CALC = SOFFICE is not None and (Path(SOFFICE).resolve().parent / "libsclo.so").exists()


@pytest.mark.slow
@pytest.mark.skipif(not CALC, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
def test_the_advice_for_a_formula_without_a_result_works(telgte: Path, tmp_path: Path) -> None:
    """Opened and saved in LibreOffice, as the error says, the formula's result is imported."""
    assert SOFFICE is not None
    book = workbook(telgte)
    book["Bewertung"]["G2"] = "=2+1"
    table = saved(book, tmp_path / "s.xlsx")
    assert refused(telgte, table)[0].endswith(UNCOMPUTED)
    again = soffice_convert(SOFFICE, table, "xlsx", tmp_path / "calc")
    assert import_scores(telgte, again, dry_run=True).notes == ["stadtportal: wirkung 5 -> 3"]


def _with_cells(data: bytes, cells: dict[str, str]) -> bytes:
    """The workbook with some cells of its first sheet written as ``cells`` says (raw XML)."""
    import re
    import zipfile

    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts[part].decode()
    for ref, new in cells.items():
        xml, count = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', new, xml)
        assert count == 1, ref
    parts[part] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def test_a_formula_with_a_computed_value_gives_that_value(telgte: Path, tmp_path: Path) -> None:
    """What Excel and LibreOffice save: the formula and its last result; an empty text result is an empty cell."""
    document = load_document(telgte).document
    assert document is not None
    path = tmp_path / "s.xlsx"
    path.write_bytes(_with_cells(export_xlsx(document), {
        "G2": '<c r="G2"><f>1+2</f><v>3</v></c>',
        "H2": '<c r="H2" t="str"><f>IF(1=1,"","x")</f><v></v></c>',
    }))
    result = import_scores(telgte, path, dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_a_quote_before_an_id_is_removed_as_before_a_score(telgte: Path, tmp_path: Path) -> None:
    table = exported(telgte)
    row = table.index(next(r for r in table if r[0] == "stadtportal"))
    table[row][0] = "'stadtportal"
    table[row][table[0].index("wirkung")] = "'3"
    table[0][0] = "'id"
    result = import_scores(telgte, save_like_excel(table, tmp_path / "s.csv"), dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_excel_unicode_text_is_read(telgte: Path, tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode-Text": UTF-16 with a byte order mark, tab-separated."""
    table = exported(telgte)
    table[1][table[0].index("wirkung")] = "3"
    table[2][1] = "Glasfaser für alle – überall"
    path = save_like_excel(table, tmp_path / "s.txt", delimiter="\t", encoding=encoding)
    path.write_bytes("\ufeff".encode(encoding) + path.read_bytes())
    result = import_scores(telgte, path, dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_headers_are_read_whatever_their_case(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("ID;Wirkung;AUFWAND;Status\nstadtportal;3;2;Idee\n", "utf-8")
    result = import_scores(telgte, path, dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3", "stadtportal: aufwand 4 -> 2"]


def test_an_exact_header_wins_over_one_in_another_case(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id;Wirkung;wirkung\nstadtportal;1;3\n", "utf-8")
    result = import_scores(telgte, path, dry_run=True)
    assert result.notes == ["stadtportal: wirkung 5 -> 3"]


def test_an_id_in_capitals_gets_a_suggestion(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id;wirkung\nSTADTPORTAL;3\n", "utf-8")
    assert refused(telgte, path) == ["s.csv:2:1: error: no project 'STADTPORTAL'; did you mean 'stadtportal'?"]


def test_a_header_without_any_criterion_is_an_error(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id;Titel;Notiz\nstadtportal;Portal;gut\n", "utf-8")
    assert refused(telgte, path) == [
        "s.csv:1:1: error: no criterion column; expected a column headed by a criterion id "
        "(wirkung, dringlichkeit, aufwand, foerderung, umsetzbar)"
    ]


def test_a_near_miss_of_id_is_suggested(telgte: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Bewertung\nTitel;ids;wirkung\nPortal;stadtportal;3\n", "utf-8")
    assert refused(telgte, path) == [
        "s.csv:2:2: error: no 'id' column; did you mean 'id'? expected the header row of export --format csv"
    ]


SHARED = """\
version: 1
municipality: {name: X, state: Bayern}
workshop: {title: T, organiser: O, goal: G}
fields_of_action:
  - id: a
    title: A
criteria:
  - id: wirkung
    title: Wirkung
  - id: aufwand
    title: Aufwand
projects:
  - id: portal
    title: Portal
    fields: [a]
    scores: &s {wirkung: 3, aufwand: 2}
  - id: app
    title: App
    fields: [a]
    scores: *s
"""


def test_an_anchor_refusal_names_the_cell_that_asked(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(SHARED, "utf-8")
    table = tmp_path / "s.csv"
    table.write_text("id;wirkung;aufwand\nportal;3;2\napp;3;1\n", "utf-8")
    result = cli("import-scores", path, table)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:20:13: error: projects[app].scores is shared through the anchor '&s' at 16:13; changing it "
        "here would change every place that uses the anchor; nothing written, write the value out here by hand",
        f"{table}:3:3: note: projects[app].scores.aufwand: the change 2 -> 1 was asked for here",
    ]
    assert path.read_text("utf-8") == SHARED


def test_an_anchor_refusal_names_the_workbook_cell(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(SHARED.replace("{wirkung: 3", "{wirkung: &w 3").replace("scores: *s", "scores: {wirkung: *w, aufwand: 5}"), "utf-8")
    book = workbook(path)
    sheet = book["Bewertung"]
    sheet.cell(row_of(sheet, "app"), column(sheet, "aufwand")).value = 4  # fine
    sheet.cell(row_of(sheet, "portal"), column(sheet, "wirkung")).value = 4  # its anchor is used by app
    table = saved(book, tmp_path / "scores.xlsx")
    with pytest.raises(DiagnosticError) as caught:
        import_scores(path, table, csv_name="scores.xlsx")
    error, note = caught.value.diagnostics
    assert "shared through the anchor '&w'" in error.message
    letter = openpyxl.utils.get_column_letter(column(sheet, "wirkung"))
    assert str(note) == (
        f"scores.xlsx:Bewertung!{letter}{row_of(sheet, 'portal')}: note: projects[portal].scores.wirkung: "
        "the change 3 -> 4 was asked for here"
    )


TELGTE = Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml"
#: Cells a title row may hold: anything but a cell that reads as 'id' (then it would be a header)
#: or Excel's separator line.
title_cells = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).filter(
    lambda cell: cell.strip().lstrip("'").strip().casefold() != "id" and "sep=" not in cell
)


@functools.cache
def telgte_table() -> tuple[Loaded, list[list[str]]]:
    """The Telgte example, loaded, and its CSV table with one score changed."""
    table = exported(TELGTE)
    table[1][table[0].index("wirkung")] = "3"
    return load_document(TELGTE), table


@given(
    titles=st.lists(st.lists(title_cells, max_size=4), max_size=HEADER_ROWS - 1),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_any_title_rows_above_the_header_are_skipped(titles: list[list[str]], delimiter: str) -> None:
    """Up to 19 rows of any text above the header: the same change is read, under any separator."""
    loaded, table = telgte_table()
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=delimiter, lineterminator="\r\n").writerows([*titles, *table])
    result = read_scores(stream.getvalue(), loaded, name="s.csv")
    assert result.errors == []
    assert result.changes == {"stadtportal": {"wirkung": 3}}


COMMA_SCORE = "    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n"


def test_a_current_score_written_with_a_decimal_comma_is_read_as_check_reads_it(
    telgte: Path, tmp_path: Path
) -> None:
    text = telgte.read_text("utf-8").replace(COMMA_SCORE, COMMA_SCORE.replace("wirkung: 4", 'wirkung: "3,5"'))
    telgte.write_text(text, "utf-8")
    table = exported(telgte)
    assert import_scores(telgte, save_like_excel(table, tmp_path / "same.csv")).notes == []
    assert telgte.read_text("utf-8") == text
    header = table[0]
    row = next(r for r in table if r[0] == "smarte-mobilitaet")
    row[header.index("wirkung")] = "2"
    row[header.index("aufwand")] = "3,5"
    result = import_scores(telgte, save_like_excel(table, tmp_path / "s.csv"))
    assert sorted(result.notes) == ["smarte-mobilitaet: aufwand 4 -> 3.5", "smarte-mobilitaet: wirkung 3.5 -> 2"]
    assert changed(text, telgte.read_text("utf-8")) == [
        '-     scores: {wirkung: "3,5", dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n',
        "+     scores: {wirkung: 2, dringlichkeit: 3, aufwand: 3.5, foerderung: 5, umsetzbar: 1}\n",
    ]


def test_an_ambiguous_or_overlong_cell_is_refused_unless_it_is_the_score_already(
    telgte: Path, tmp_path: Path
) -> None:
    text = telgte.read_text("utf-8").replace(COMMA_SCORE, COMMA_SCORE.replace("wirkung: 4", "wirkung: 3.125"))
    telgte.write_text(text, "utf-8")
    table = exported(telgte)
    header = table[0]
    rows = {r[0]: r for r in table[1:]}
    wirkung, aufwand = header.index("wirkung"), header.index("aufwand")
    assert rows["smarte-mobilitaet"][wirkung] == "3,125"  # the export's own cell: no change
    rows["stadtportal"][wirkung] = "1.000"
    rows["stadtportal"][aufwand] = "2,00000000000000001"
    rows["datenaustausch"][wirkung] = "\u0663"
    line = {ident: index + 1 for index, ident in enumerate(r[0] for r in table)}
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, save_like_excel(table, tmp_path / "s.csv"), csv_name="s.csv")
    assert [str(d) for d in caught.value.diagnostics] == [
        f"s.csv:{line['stadtportal']}:{wirkung + 1}: error: projects[stadtportal].scores.wirkung: "
        "is '1.000' 1 or 1000? write 1 or 1000",
        f"s.csv:{line['stadtportal']}:{aufwand + 1}: error: projects[stadtportal].scores.aufwand: "
        "'2,00000000000000001' has more than 15 digits; a score needs far fewer",
        f"s.csv:{line['datenaustausch']}:{wirkung + 1}: error: projects[datenaustausch].scores.wirkung: "
        "'\u0663' is not a number",
    ]
    assert telgte.read_text("utf-8") == text


def test_a_workbook_text_cell_is_read_strictly(telgte: Path, tmp_path: Path) -> None:
    book = workbook(telgte)
    sheet = book["Bewertung"]
    sheet.cell(row_of(sheet, "stadtportal"), column(sheet, "aufwand")).value = "1,000"
    sheet.cell(row_of(sheet, "datenaustausch"), column(sheet, "aufwand")).value = "1e0"
    path = tmp_path / "s.xlsx"
    book.save(path)
    with pytest.raises(DiagnosticError) as caught:
        import_scores(telgte, path, csv_name="s.xlsx")
    assert [d.message for d in caught.value.diagnostics] == [
        "is '1,000' 1 or 1000? write 1 or 1000",
        "'1e0' is not a number",
    ]


def test_a_small_score_round_trips_through_the_export_without_an_exponent(telgte: Path, tmp_path: Path) -> None:
    text = telgte.read_text("utf-8").replace(COMMA_SCORE, COMMA_SCORE.replace("wirkung: 4", "wirkung: 0.000001"))
    telgte.write_text(text, "utf-8")
    table = exported(telgte)
    row = next(r for r in table if r[0] == "smarte-mobilitaet")
    assert row[table[0].index("wirkung")] == "0,000001"
    result = import_scores(telgte, save_like_excel(table, tmp_path / "s.csv"))
    assert not result.changed and telgte.read_text("utf-8") == text
