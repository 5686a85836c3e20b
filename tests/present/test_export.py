"""CSV for Excel and Decidim: bytes as Excel writes them, formulas neutralised, privacy kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import load_document
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.present.export import (
    Number,
    decidim_header,
    export_csv,
    export_decidim,
    write_table,
)
from strategy_kit.present.text import FORMULA_STARTS, clean, neutralise, unneutralise

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOSTILE = ['=HYPERLINK("http://evil.example","klick")', "+1", "-2+3", "@SUM(A1:A9)", "\tTab", "\rCR"]


def load(path: Path) -> WorkshopDocument:
    document = load_document(path).document
    assert document is not None
    return document


def rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def with_titles(tmp_path: Path, titles: list[str]) -> Path:
    """Telgte with its four project titles replaced (YAML double-quoted, so any text fits)."""
    import json

    text = (EXAMPLES / "telgte.yaml").read_text("utf-8")
    old = [
        "title: Stadtportal mit Online-Services",
        "title: Smarte Mobilität",
        "title: Zukunftsfähige Infrastruktur",
        "title: Datenaustausch\n",
    ]
    for before, title in zip(old, titles, strict=False):
        end = "\n" if before.endswith("\n") else ""
        text = text.replace(before, "title: " + json.dumps(title, ensure_ascii=False) + end, 1)
    target = tmp_path / "telgte.yaml"
    target.write_text(text, "utf-8")
    return target


def test_bytes_are_what_german_excel_writes() -> None:
    data = export_csv(load(EXAMPLES / "telgte.yaml"))
    assert data.startswith(b"\xef\xbb\xbfid;Titel;Handlungsfelder;Status;Rang;Nutzwert;wirkung;")
    body = data[3:]
    assert body.count(b"\r\n") == 5 and b"\n" not in body.replace(b"\r\n", b"")
    table = rows(data)
    assert table[1][:6] == ["stadtportal", "Stadtportal mit Online-Services",
                            "Digitales Rathaus, Miteinander vernetzt", "priorisiert", "1", "77,5"]
    # Whole numbers stay whole: no 5,0 for a score of 5.
    assert table[1][6:11] == ["5", "5", "4", "4", "1"]


def test_english_labels_keep_ids_and_the_decimal_comma() -> None:
    table = rows(export_csv(load(EXAMPLES / "telgte.yaml"), lang="en"))
    assert table[0][:6] == ["id", "Title", "Fields of action", "Status", "Rank", "Weighted score"]
    assert "wirkung" in table[0] and table[1][3] == "prioritised" and table[1][5] == "77,5"


def test_numbers_are_not_neutralised_text_is() -> None:
    data = write_table([["-5", Number(-5), Number(2.5), Number(3.0), "@x", "'plain"]])
    assert rows(data) == [["'-5", "-5", "2,5", "3", "'@x", "''plain"]]


@pytest.mark.parametrize("title", HOSTILE)
def test_formula_starts_are_neutralised_in_both_formats(tmp_path: Path, title: str) -> None:
    document = load(with_titles(tmp_path, [title]))
    excel = rows(export_csv(document))
    assert excel[1][1] == neutralise(clean(title))  # a CR is a line break by the text policy
    decidim = list(csv.DictReader(io.StringIO(export_decidim(document).decode("utf-8"), newline=""), delimiter=";"))
    portal = next(r for r in decidim if r["external_id"] == "project:stadtportal")
    assert portal["title/de"] == neutralise(clean(title))


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_title_survives_as_text_and_never_as_formula(title: str) -> None:
    cell = rows(write_table([["id", "Titel"], ["p", title]]))[1][1]
    assert unneutralise(cell) == clean(title)
    assert not cell.startswith(FORMULA_STARTS)
    assert unneutralise(neutralise(title)) == title


def test_public_export_shows_roles_not_names(tmp_path: Path) -> None:
    text = (EXAMPLES / "telgte.yaml").read_text("utf-8")
    text = text.replace(
        "  - id: it-koordination\n    role: IT-Koordination\n",
        "  - id: it-koordination\n    role: IT-Koordination\n    name: Erika Mustermann\n"
        "    email: erika@example.org\n",
    )
    text = text.replace("    lead: fb1\n    stakeholders: [Datenschutzbeauftragte oder Datenschutzbeauftragter, Personalrat]\n",
                        "    lead: fb1\n    internal: true\n    stakeholders: [Datenschutzbeauftragte oder Datenschutzbeauftragter, Personalrat]\n")
    path = tmp_path / "telgte.yaml"
    path.write_text(text, "utf-8")
    document = load(path)
    public = export_csv(document, public=True).decode("utf-8")
    internal = export_csv(document, public=False).decode("utf-8")
    assert "Erika" not in public and "erika@" not in public and "IT-Koordination" in public
    assert "Erika Mustermann" in internal and "erika@" not in internal
    assert "datenaustausch" not in public and "datenaustausch" in internal
    decidim = export_decidim(document).decode("utf-8")
    assert "Erika" not in decidim and "datenaustausch" not in decidim
    assert "project:datenaustausch" in export_decidim(document, public=False).decode("utf-8")


def test_decidim_header_and_rows_parse_as_its_importer_reads_them() -> None:
    data = export_decidim(load(EXAMPLES / "telgte.yaml"))
    assert not data.startswith(b"\xef\xbb\xbf")  # Decidim's importer would read a BOM into 'id'
    text = data.decode("utf-8")
    assert text.split("\r\n", 1)[0] == (
        "id;parent/id;external_id;title/de;description/de;start_date;end_date;"
        "status/id;status/key;progress;weight;category/id"
    )
    assert text.split("\r\n", 1)[0].split(";") == decidim_header("de")
    results = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    by_external = {r["external_id"]: r for r in results}
    assert [r["id"] for r in results] == [str(n) for n in range(1, len(results) + 1)]
    fields = [r for r in results if r["external_id"].startswith("field-of-action:")]
    assert len(fields) == 7 and all(r["parent/id"] == "" for r in fields)
    portal = by_external["project:stadtportal"]
    assert by_external["field-of-action:digitales-rathaus"]["id"] == portal["parent/id"]
    assert portal["end_date"] == "2019-06-30" and portal["status/key"] == "prioritised"
    assert portal["progress"] == "0" and portal["status/id"] == ""
    assert portal["description/de"].startswith("<p>Ein Portal für Informationen")


def test_decidim_progress_follows_status_and_sub_projects(tmp_path: Path) -> None:
    text = (EXAMPLES / "telgte.yaml").read_text("utf-8")
    text = text.replace("status: prioritised\n    horizon: short\n    scores: {wirkung: 5",
                        "status: in-progress\n    horizon: short\n    scores: {wirkung: 5", 1)
    text = text.replace("    status: prioritised\n    horizon: medium\n    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3",
                        "    parent: stadtportal\n    status: done\n    horizon: medium\n"
                        "    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3", 1)
    text = text.replace("    status: prioritised\n    horizon: medium\n    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4",
                        "    status: idea\n    horizon: medium\n    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4", 1)
    path = tmp_path / "telgte.yaml"
    path.write_text(text, "utf-8")
    results = list(csv.DictReader(io.StringIO(export_decidim(load(path)).decode("utf-8"), newline=""), delimiter=";"))
    by_external = {r["external_id"]: r for r in results}
    assert "project:smarte-mobilitaet" not in by_external  # an idea is no result yet
    portal, exchange = by_external["project:stadtportal"], by_external["project:datenaustausch"]
    assert (exchange["parent/id"], exchange["progress"], exchange["status/key"]) == (portal["id"], "100", "done")
    # A project with sub-projects takes their weighted mean, as in the roll-up and in Decidim.
    assert (portal["progress"], portal["status/key"]) == ("100", "in-progress")
    assert by_external["field-of-action:digitales-rathaus"]["progress"] == "100"
    assert by_external["field-of-action:infrastruktur"]["progress"] == "0"


def test_both_exports_take_the_progress_figures_they_are_given() -> None:
    """The CLI passes the strategy's figures: the library functions must write them, not their own."""
    from dataclasses import replace

    from strategy_kit.compute.progress import figures

    document = load(EXAMPLES / "telgte.yaml")
    own = figures(document.projects)
    given = replace(own, projects=dict.fromkeys(own.projects, 42.0), fields=dict.fromkeys(own.fields, 24.0))
    excel = rows(export_csv(document, progress=given))
    assert {row[-1] for row in excel[1:]} == {"42"}
    decidim = list(csv.DictReader(io.StringIO(export_decidim(document, progress=given).decode("utf-8"), newline=""), delimiter=";"))
    assert {row["progress"] for row in decidim} == {"24", "42"}


def test_dropped_projects_are_left_out_of_both_tables(tmp_path: Path) -> None:
    """The docs say so; projects in progress and done are exported after the ranked ones."""
    from strategy_kit.present.workbook import export_xlsx

    text = (EXAMPLES / "telgte.yaml").read_text("utf-8")
    parts = text.split("    status: prioritised\n")
    text = "    status: prioritised\n".join(parts[:3]) + "    status: dropped\n" + parts[3]
    text += "    status: done\n" + parts[4]
    path = tmp_path / "w.yaml"
    path.write_text(text, "utf-8")
    document = load(path)
    dropped, done = (p.id for p in document.projects if p.status.value in ("dropped", "done"))
    csv_ids = [row[0] for row in rows(export_csv(document))[1:]]
    assert dropped not in csv_ids and csv_ids[-1] == done
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx(document))).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == csv_ids
