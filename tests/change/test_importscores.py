"""Reading an edited score table back: the round trip through Excel's way of saving."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from tests.textdiff import changed

from strategy_kit.change.importscores import import_scores
from strategy_kit.check.validate import load_document
from strategy_kit.document.diagnostics import DiagnosticError
from strategy_kit.present.export import export_csv


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
