"""Reading an edited score table back: the round trip through Excel's way of saving."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.spreadsheets import tricky_yaml
from tests.textdiff import changed

from strategy_kit.change.importscores import import_scores
from strategy_kit.check.validate import load_document
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
