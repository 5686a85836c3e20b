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
        assert row[column["Nutzwert"]].number_format == "0.0"
        assert row[column["Rang"]].number_format == "0"
    assert found == dict(TRICKY)  # '=1+1' too: a string, never a formula


def test_the_same_rows_and_figures_as_the_csv(tricky: WorkshopDocument) -> None:
    """The CSV's cells; progress as a fraction, a derived priority and time frame marked ``*``."""
    from strategy_kit.compute.prioritise import rank_document

    sheet = book(export_xlsx(tricky, lang="en"))["Scoring"]
    derived = {e.project.id: e for e in rank_document(tricky, public=False).entries}
    expected = [
        [c.value if isinstance(c, Number) else (c if c != "" else None) for c in row]
        for row in csv_rows(tricky, lang="en", public=False)
    ]
    for row in expected[1:]:
        entry = derived[str(row[0])]
        row[-3] = f"{row[-3]}*" if entry.priority_derived else row[-3]
        row[-2] = f"{row[-2]}*" if entry.horizon_derived else row[-2]
        row[-1] = row[-1] / 100 if row[-1] is not None else None
    assert any(str(row[-3]).endswith("*") for row in expected[1:])
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
    assert rows[1:] == [[c, c.title(), 1, lo, hi, "Benefit (high is good)", None] for c, lo, hi in CRITERIA]


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


def test_a_workshop_after_2107_is_dated_1980_since_a_zip_cannot_say_later(tmp_path: Path) -> None:
    """A zip entry's date ends in 2107 (APPNOTE 4.4.6, MS-DOS date); 2150 ended in an internal error."""
    path = tmp_path / "w.yaml"
    path.write_text(tricky_yaml().replace("date: 2026-03-05", "date: 2150-03-05"), "utf-8")
    assert book(export_xlsx(load(path))).properties.created == EPOCH


def test_the_properties_name_no_person_and_not_the_library() -> None:
    document = load(EXAMPLES / "telgte.yaml")
    for public in (True, False):
        with zipfile.ZipFile(io.BytesIO(export_xlsx(document, public=public))) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8")
        assert 'elements/1.1/">strategy-kit</dc:creator>' in core
        assert "<cp:lastModifiedBy>strategy-kit</cp:lastModifiedBy>" in core
        assert "openpyxl" not in core


@pytest.mark.slow  # a property test over many generated files: the whole suite runs it
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


# -- fit for a town hall -----------------------------------------------------------------------

TELGTE = EXAMPLES / "telgte.yaml"


def columns(sheet: Any) -> dict[str, str]:
    """Header -> column letter."""
    return {str(c.value): c.column_letter for c in sheet[1]}


def test_a_knockout_criterion_has_no_weight_and_the_reports_direction() -> None:
    for lang, benefit, cost, knockout in (
        ("de", "Nutzen (hoch ist gut)", "Kosten (niedrig ist gut)", "K.-o.-Kriterium"),
        ("en", "Benefit (high is good)", "Cost (low is good)", "Knock-out criterion"),
    ):
        workbook = book(export_xlsx(load(TELGTE), lang=lang))
        sheet = workbook.worksheets[1]
        rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
        assert rows["umsetzbar"][2:6] == [None, 0, 1, knockout]
        assert rows["wirkung"][2:6] == [3, 0, 5, benefit]
        assert rows["aufwand"][5] == cost


def test_validation_of_decimals_knockouts_and_short_titles() -> None:
    sheet = book(export_xlsx(load(TELGTE)))["Bewertung"]
    letters = columns(sheet)
    checks = {str(v.sqref)[0]: v for v in sheet.data_validations.dataValidation}
    wirkung = checks[letters["wirkung"]]
    assert (wirkung.type, wirkung.formula1, wirkung.formula2) == ("decimal", "0", "5")
    assert "Dezimalstellen mit Komma, z. B. 2,5" in wirkung.error
    assert "Dezimalstellen mit Komma, z. B. 2,5" in wirkung.prompt
    assert wirkung.promptTitle == "wirkung"  # the column's header; Excel cuts titles at 32
    assert "Wirkung" in wirkung.prompt  # the full title is in the message
    # Which end of the scale is good, in the report's words (a clerk scored effort the wrong way round).
    assert "Verwaltung – Nutzen (hoch ist gut)\n" in wirkung.prompt
    assert "– Kosten (niedrig ist gut)\n" in checks[letters["aufwand"]].prompt
    knockout = checks[letters["umsetzbar"]]
    assert (knockout.type, knockout.formula1, knockout.formula2) == ("whole", "0", "1")
    assert "K.-o.-Kriterium" in knockout.prompt and "ganze Zahl" in knockout.error
    assert "Rechtlich und technisch umsetzbar" in knockout.prompt
    for check in checks.values():
        assert len(check.promptTitle) <= 32 and len(check.errorTitle) <= 32
        assert len(check.prompt) <= 255 and len(check.error) <= 255
    english = book(export_xlsx(load(TELGTE), lang="en"))["Scoring"]
    assert any("decimals with a point, e.g. 2.5" in v.error for v in english.data_validations.dataValidation)


def test_a_long_title_stays_out_of_the_prompt_title(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    long = "Wirkung für Bürgerschaft, Verwaltung und Wirtschaft in der ganzen Stadt"
    path.write_text(tricky_yaml().replace("title: Wirkung,", f'title: "{long}",'), "utf-8")
    sheet = book(export_xlsx(load(path)))["Bewertung"]
    check = next(v for v in sheet.data_validations.dataValidation if "Wirkung" in v.prompt)
    assert check.promptTitle == "wirkung" and long in check.prompt


def test_votes_are_marked_as_not_imported() -> None:
    sheet = book(export_xlsx(load(TELGTE)))["Bewertung"]
    head = sheet[f"{columns(sheet)['Stimmen']}1"]
    assert head.comment is not None and "import-scores" in head.comment.text
    assert head.comment.author == CREATOR


def test_computed_columns_are_grey_with_a_note_in_both_languages() -> None:
    for lang, names, note in (
        ("de", ("Nutzwert", "Rang", "Priorität", "Zeithorizont", "Fortschritt"), "wird von strategy-kit berechnet"),
        ("en", ("Weighted score", "Rank", "Priority", "Time horizon", "Progress"), "computed by strategy-kit"),
    ):
        sheet = book(export_xlsx(load(TELGTE), lang=lang)).worksheets[0]
        letters = columns(sheet)
        for name in names:
            head = sheet[f"{letters[name]}1"]
            assert head.comment is not None and note in head.comment.text.lower(), (lang, name)
            for row in range(1, sheet.max_row + 1):
                fill = sheet[f"{letters[name]}{row}"].fill
                assert fill.fill_type == "solid" and fill.fgColor.rgb.endswith("D9D9D9"), (name, row)
        # Scores typed by people stay white, and no figure is an Excel formula.
        assert sheet[f"{letters['wirkung']}2"].fill.fill_type is None
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_a_derived_priority_carries_the_reports_marker() -> None:
    sheet = book(export_xlsx(load(TELGTE)))["Bewertung"]
    letter = columns(sheet)["Priorität"]
    assert [sheet[f"{letter}{r}"].value for r in range(2, 6)] == ["hoch*", "hoch*", "mittel*", "mittel*"]
    assert "(mit * markiert)" in sheet[f"{letter}1"].comment.text


def test_progress_is_a_fraction_shown_as_percent(tmp_path: Path) -> None:
    document = load(TELGTE)
    from strategy_kit.document.model import Status

    first = document.projects[0].model_copy(update={"status": Status.DONE})
    document = document.model_copy(update={"projects": [first, *document.projects[1:]]})
    sheet = book(export_xlsx(document))["Bewertung"]
    letter = columns(sheet)["Fortschritt"]
    cells = {sheet[f"A{r}"].value: sheet[f"{letter}{r}"] for r in range(2, sheet.max_row + 1)}
    done = cells[first.id]
    assert done.value == 1 and done.number_format == "0 %"
    assert cells["datenaustausch"].value == 0 and cells["datenaustausch"].number_format == "0 %"
    assert sheet.column_dimensions[letter].number_format == "0 %"


def test_progress_keeps_the_reports_decimal() -> None:
    from strategy_kit.compute.progress import Figures

    document = load(TELGTE)
    figures = Figures({p.id: 43.25 for p in document.projects}, {}, None)
    sheet = book(export_xlsx(document, progress=figures))["Bewertung"]
    cell = sheet[f"{columns(sheet)['Fortschritt']}2"]
    assert cell.value == pytest.approx(0.4325) and cell.number_format == "0.0 %"


def test_the_sheets_print_on_a4_landscape_one_page_wide() -> None:
    for lang, page in (("de", "Seite &P von &N"), ("en", "Page &P of &N")):
        workbook = book(export_xlsx(load(TELGTE), lang=lang))
        for sheet in workbook.worksheets:
            setup = sheet.page_setup
            assert setup.orientation == "landscape" and int(setup.paperSize) == int(sheet.PAPERSIZE_A4)
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.print_title_rows == "$1:$1"
            assert sheet.print_options.gridLines
            assert sheet.oddFooter.center.text == page
        assert workbook.worksheets[0].print_title_cols == "$A:$B"
        title = workbook.worksheets[0].oddHeader.center.text
        assert title == load(TELGTE).workshop.title.replace("&", "&&")


def test_long_text_columns_wrap() -> None:
    sheet = book(export_xlsx(load(TELGTE)))["Bewertung"]
    letters = columns(sheet)
    for name in ("Titel", "Handlungsfelder", "Federführung"):
        assert sheet[f"{letters[name]}2"].alignment.wrap_text, name
        assert 20 <= sheet.column_dimensions[letters[name]].width <= 44
    criteria = book(export_xlsx(load(TELGTE)))["Kriterien"]
    assert criteria["B2"].alignment.wrap_text and criteria["G2"].alignment.wrap_text


def test_an_ampersand_in_the_title_prints_as_one() -> None:
    document = load(TELGTE)
    workshop = document.workshop.model_copy(update={"title": "Stadt & Land"})
    sheet = book(export_xlsx(document.model_copy(update={"workshop": workshop})))["Bewertung"]
    assert sheet.oddHeader.center.text == "Stadt && Land"
