"""The Excel workbook: typed cells, the CSV's figures, validation, properties, the same bytes each time."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.spreadsheets import CRITERIA, TRICKY, tricky_yaml

from strategy_kit.check.validate import load_document
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.present.export import Number, csv_rows
from strategy_kit.present.text import clean
from strategy_kit.present.workbook import CREATOR, EPOCH, export_xlsx

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(path: Path) -> WorkshopDocument:
    document = load_document(path).document
    assert document is not None
    return document


def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def tricky(tmp_path: Path) -> WorkshopDocument:
    path = tmp_path / "w.yaml"
    path.write_text(tricky_yaml(), "utf-8")
    return load(path)


def test_ids_and_titles_are_text_cells_and_scores_numbers(tricky: WorkshopDocument) -> None:
    sheet = book(export_xlsx(tricky))["Bewertung"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["id", "Titel"]
    column = {name: index for index, name in enumerate(header)}
    found = {}
    for row in sheet.iter_rows(min_row=2):
        ident, title = row[0], row[1]
        assert ident.data_type == "s" and title.data_type == "s", (ident.value, title.value)
        assert ident.number_format == "@" and title.number_format == "@"
        found[ident.value] = title.value
        for criterion, _, _ in CRITERIA:
            score = row[column[criterion]]
            assert score.data_type == "n" and isinstance(score.value, int | float)
        assert row[column["Punkte"]].number_format == "0.0"
        assert row[column["Rang"]].number_format == "0"
    assert found == dict(TRICKY)  # '=1+1' too: a string, never a formula


def test_the_same_rows_and_figures_as_the_csv(tricky: WorkshopDocument) -> None:
    sheet = book(export_xlsx(tricky, lang="en"))["Scoring"]
    expected = [
        [c.value if isinstance(c, Number) else (c if c != "" else None) for c in row]
        for row in csv_rows(tricky, lang="en", public=False)
    ]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == expected


def test_frozen_header_widths_and_a_text_column_for_typing(tricky: WorkshopDocument) -> None:
    sheet = book(export_xlsx(tricky))["Bewertung"]
    assert sheet.freeze_panes == "C2"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["E"].width
    # The columns' own formats: a value typed into a new row keeps the column's type.
    formats = {letter: sheet.column_dimensions[letter].number_format for letter in "ABFG"}
    assert formats == {"A": "@", "B": "@", "F": "0.0", "G": "General"}


def test_each_criterion_column_accepts_only_its_scale(tricky: WorkshopDocument) -> None:
    sheet = book(export_xlsx(tricky))["Bewertung"]
    header = [c.value for c in sheet[1]]
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    for criterion, low, high in CRITERIA:
        letter = openpyxl.utils.get_column_letter(header.index(criterion) + 1)
        check = checks[f"{letter}2:{letter}{len(TRICKY) + 1}"]
        assert (check.type, check.operator, check.formula1, check.formula2) == ("decimal", "between", str(low), str(high))
        assert check.showErrorMessage and check.showInputMessage and check.errorStyle == "stop"
        assert f"von {low} bis {high}" in check.prompt and f"von {low} bis {high}" in check.error
    assert len(checks) == len(CRITERIA)


def test_the_criteria_sheet(tricky: WorkshopDocument) -> None:
    sheet = book(export_xlsx(tricky, lang="en"))["Criteria"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["id", "Title", "Weight", "Scale from", "Scale to", "Direction", "Description"]
    assert rows[1:] == [[c, c.title(), 1, lo, hi, "higher is better", None] for c, lo, hi in CRITERIA]


def test_properties_name_the_program_and_the_workshop_day(tricky: WorkshopDocument) -> None:
    properties = book(export_xlsx(tricky)).properties
    assert properties.creator == CREATOR and properties.lastModifiedBy == CREATOR
    assert properties.title == "März 2026"
    assert properties.created == properties.modified == dt.datetime(2026, 3, 5)


def test_identical_input_gives_identical_bytes(tricky: WorkshopDocument) -> None:
    first = export_xlsx(tricky)
    assert export_xlsx(tricky) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 5, 0, 0, 0)}


def test_a_document_without_days_is_dated_1980(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(tricky_yaml().replace('  - {date: 2026-03-05, start: "09:00", end: "17:00"}\n', "").replace("days:\n", ""), "utf-8")
    assert book(export_xlsx(load(path))).properties.created == EPOCH


def test_the_properties_name_no_person_and_not_the_library() -> None:
    document = load(EXAMPLES / "telgte.yaml")
    for public in (True, False):
        with zipfile.ZipFile(io.BytesIO(export_xlsx(document, public=public))) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8")
        assert 'elements/1.1/">strategy-kit</dc:creator>' in core
        assert "<cp:lastModifiedBy>strategy-kit</cp:lastModifiedBy>" in core
        assert "openpyxl" not in core


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda t: clean(t).strip()))
def test_any_title_comes_back_as_the_same_text(title: str) -> None:
    from strategy_kit.present.text import clean

    path = Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml"
    document = load(path)
    first = document.projects[0].model_copy(update={"title": title})
    changed = document.model_copy(update={"projects": [first, *document.projects[1:]]})
    sheet = book(export_xlsx(changed))["Bewertung"]
    titles = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    cell = titles[changed.projects[0].id]
    assert cell.data_type == "s" and cell.value == clean(title)
    json.dumps(cell.value)
