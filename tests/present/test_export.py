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
        "id;parent/id;external_id;title/de;title/en;description/de;description/en;start_date;end_date;"
        "status/id;status/key;progress;weight;category/id"
    )
    assert text.split("\r\n", 1)[0].split(";") == decidim_header()
    results = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    by_external = {r["external_id"]: r for r in results}
    assert [r["id"] for r in results] == [str(n) for n in range(1, len(results) + 1)]
    fields = [r for r in results if r["external_id"].startswith("field-of-action:")]
    assert len(fields) == 7 and all(r["parent/id"] == "" for r in fields)
    portal = by_external["project:stadtportal"]
    assert by_external["field-of-action:digitales-rathaus"]["id"] == portal["parent/id"]
    # The project's start and end (quarters: their first and last day), not its steps' dates.
    assert (portal["start_date"], portal["end_date"]) == ("2019-04-01", "2020-12-31")
    assert portal["status/key"] == "prioritised" and portal["title/en"] == portal["title/de"]
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


# -- Decidim's importer, replayed ------------------------------------------------------------
# decidim/decidim at commit 0c33e7f15acbc90d74de16417726f097d12bb7c7,
# decidim-accountability/app/services/decidim/accountability/results_csv_importer.rb
# (ResultsCsvImporter) and app/forms/decidim/accountability/admin/result_form.rb (ResultForm).


def replay_decidim_import(data: bytes, *, default_locale: str, available_locales: list[str]) -> list[str]:
    """The rules Decidim's importer applies to each row, as problems (empty: it would import).

    ``CSV.new(file, headers: true, col_sep: ";")``; a locale's title is its
    column when present, else the default locale's (``get_locale_attributes``),
    and ``ResultForm`` requires the default locale's title; ``progress`` is
    0..100 when present; ``start_date``/``end_date`` go through ``Date.parse``
    (held here to ISO dates); a new result is looked up by ``id``, and
    ``update_parents`` maps ``parent/id`` from the rows' ids to the results
    created, so a parent must be a row of the file; ``remove_invalid_results``
    deletes a child whose parent is missing.
    """
    import datetime as dt

    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("a byte order mark becomes part of the header 'id'")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";"))
    seen: set[str] = set()
    for number, row in enumerate(table, start=2):
        for field in ("title", "description"):
            if f"{field}/{default_locale}" not in row:
                problems.append(f"row {number}: no column {field}/{default_locale}")
        titles = {
            locale: (row.get(f"title/{locale}") or "").strip() or (row.get(f"title/{default_locale}") or "").strip()
            for locale in available_locales
        }
        if not titles[default_locale]:
            problems.append(f"row {number}: title in {default_locale} is blank")
        if row["progress"] and not 0 <= float(row["progress"]) <= 100:
            problems.append(f"row {number}: progress {row['progress']} outside 0..100")
        for key in ("start_date", "end_date"):
            if row[key]:
                try:
                    dt.date.fromisoformat(row[key])
                except ValueError:
                    problems.append(f"row {number}: {key} {row[key]!r} is no ISO date")
        if not row["id"] or row["id"] in seen:
            problems.append(f"row {number}: id {row['id']!r} empty or repeated")
        if row["parent/id"] and row["parent/id"] not in seen:
            problems.append(f"row {number}: parent/id {row['parent/id']} is not a row above")
        if row["start_date"] and row["end_date"] and row["start_date"] > row["end_date"]:
            problems.append(f"row {number}: ends before it starts")
        seen.add(row["id"])
    return problems


def strategy_export() -> bytes:
    from strategy_kit.check.repository import portfolio
    from strategy_kit.compute.progress import figures

    loaded = load_document(EXAMPLES / "strategy-repo" / "strategy.yaml", strategy=True)
    return export_decidim(loaded.document, progress=figures(portfolio(loaded).projects))


@pytest.mark.parametrize("default_locale", ["de", "en"])
@pytest.mark.parametrize("which", ["workshop", "strategy"])
def test_decidim_import_rules_hold_for_every_platform_locale(which: str, default_locale: str) -> None:
    data = strategy_export() if which == "strategy" else export_decidim(load(EXAMPLES / "telgte.yaml"))
    assert replay_decidim_import(data, default_locale=default_locale, available_locales=["de", "en"]) == []
    assert replay_decidim_import(data, default_locale=default_locale, available_locales=[default_locale]) == []


def test_the_replay_can_fail() -> None:
    """A file with one title column, a child above its parent and a progress of 140 is refused."""
    data = (
        b"id;parent/id;title/de;description/de;start_date;end_date;progress\r\n"
        b"1;2;Kind;;2020-01-01;31.12.2019;140\r\n"
        b"2;;Eltern;;;;\r\n"
        b"2;;;;;;\r\n"
    )
    problems = replay_decidim_import(data, default_locale="en", available_locales=["de", "en"])
    assert "row 2: title in en is blank" in problems
    assert "row 2: parent/id 2 is not a row above" in problems
    assert "row 2: progress 140 outside 0..100" in problems
    assert "row 2: end_date '31.12.2019' is no ISO date" in problems
    assert "row 4: id '2' empty or repeated" in problems


def test_strategy_decidim_writes_every_decided_measure_parents_first() -> None:
    """Parents and sub-projects: each measure decided on once, after the row of its parent."""
    table = list(csv.DictReader(io.StringIO(strategy_export().decode("utf-8"), newline=""), delimiter=";"))
    by_external = {r["external_id"]: r for r in table}
    projects = [r["external_id"] for r in table if r["external_id"].startswith("project:")]
    assert sorted(projects) == sorted(
        f"project:{p}" for p in ("infrastruktur-zukunft", "stadtportal", "online-antraege", "terminbuchung",
                                 "smarte-mobilitaet")
    )  # the candidate Datenaustausch waits in the pool
    portal = by_external["project:stadtportal"]
    for child in ("online-antraege", "terminbuchung"):
        row = by_external[f"project:{child}"]
        assert row["parent/id"] == portal["id"] and int(row["id"]) > int(portal["id"])
    assert (portal["progress"], by_external["project:terminbuchung"]["progress"]) == ("47.5", "100")
    assert (portal["start_date"], portal["end_date"]) == ("2019-04-01", "2020-12-31")
    assert all(r["title/de"] == r["title/en"] != "" for r in table)
