"""The report's measure sheets, roadmap and matrix: rows with content only, periods, money, the plan, the axes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from strategy_kit.document.model import StrategyDocument, WorkshopDocument
from strategy_kit.present.report import build_context, render_report


def _data(*projects: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "municipality": {"name": "Stadt Beispiel", "state": "Bayern"},
        "workshop": {"title": "Maßnahmen", "organiser": "Stadt", "goal": "Planen"},
        "departments": [{"id": "it", "name": "IT-Abteilung"}],
        "fields_of_action": [
            {"id": "rathaus", "title": "Digitales Rathaus"},
            {"id": "netz", "title": "Infrastruktur"},
        ],
        "projects": list(projects),
    }


def _document(*projects: dict[str, Any]) -> WorkshopDocument:
    return WorkshopDocument.model_validate(_data(*projects))


PORTAL: dict[str, Any] = {
    "id": "portal",
    "title": "Stadtportal",
    "fields": ["rathaus", "netz"],
    "lead": "it",
    "status": "in-progress",
    "priority": "high",
    "start": "2027-Q1",
    "end": "2028-Q4",
    "milestones": [
        {"date": "2027-06-30", "title": "Anbieter gewählt", "done": True},
        {"date": "2028-03-31", "title": "Portal online"},
    ],
    "costs": {"one_off": 40000, "yearly": 5000},
    "risks": ["Schnittstellen fehlen"],
    "depends_on": ["netzausbau"],
    "goals": ["ziel-1"],
}
NETZ: dict[str, Any] = {
    "id": "netzausbau",
    "title": "Glasfaser für alle Schulen",
    "fields": ["netz"],
    "status": "planned",
    "priority": "medium",
    "start": "2026-03-05",
    "end": "2027-09-30",
}
IDEA: dict[str, Any] = {
    "id": "app",
    "title": "Stadt-App",
    "fields": ["rathaus"],
    "status": "prioritised",
}


def _sheet(context: dict[str, Any], title: str) -> dict[str, list[str]]:
    sheet = next(s for s in context["sheets"] if s["title"] == title)
    return {row["label"]: row["lines"] for row in sheet["rows"]}


def _strategy() -> StrategyDocument:
    return StrategyDocument.model_validate(
        {
            "version": 1,
            "kind": "strategy",
            "municipality": {"name": "Stadt Beispiel", "state": "Bayern"},
            "title": "Digitale Agenda",
            "vision": "Digital und nah",
            "goals": [{"id": "ziel-1", "title": "Leistungen sind online erreichbar."}],
        }
    )


# -- the measure sheet ---------------------------------------------------------------------


def test_priority_names_its_start_window() -> None:
    rows = {
        prio: _sheet(build_context(_document({**IDEA, "priority": prio})), "Stadt-App")["Priorität"]
        for prio in ("high", "medium", "low")
    }
    # Without criteria every measure would rank first with 0 points: no rank is given.
    assert rows == {
        "high": ["hoch – Beginn sofort"],
        "medium": ["mittel – Beginn innerhalb von 2 Jahren"],
        "low": ["niedrig – Beginn innerhalb von 4 Jahren"],
    }
    english = _sheet(build_context(_document({**IDEA, "priority": "low"}), lang="en"), "Stadt-App")
    assert english["Priority"] == ["low – start within 4 years"]


def test_the_priority_row_carries_rank_and_weighted_score() -> None:
    """One row says how urgent a measure is and why: priority, start window, rank, score."""
    scored = {
        **_data(IDEA, {**IDEA, "id": "b", "title": "B"}),
        "criteria": [{"id": "nutzen", "title": "Nutzen", "weight": 1, "scale": {"min": 1, "max": 5}}],
    }
    scored["projects"][0]["scores"] = {"nutzen": 5}
    scored["projects"][1]["scores"] = {"nutzen": 2}
    context = build_context(WorkshopDocument.model_validate(scored))
    assert _sheet(context, "Stadt-App")["Priorität"] == [
        "hoch* – Beginn sofort · Rang 1 (Nutzwert 100\u00a0von\u00a0100)"
    ]
    assert _sheet(context, "B")["Priorität"] == [
        "niedrig* – Beginn innerhalb von 4 Jahren · Rang 2 (Nutzwert 25\u00a0von\u00a0100)"
    ]
    assert "Rang" not in _sheet(context, "B")  # no row of its own


def test_period_by_quarter_by_date_and_open_ended() -> None:
    context = build_context(
        _document(
            PORTAL,
            NETZ,
            {**IDEA, "start": "2027-Q2"},
            {**IDEA, "id": "b", "title": "B", "end": "2029-12-31"},
        )
    )
    assert _sheet(context, "Stadtportal")["Zeitraum"] == ["1. Quartal 2027 – 4. Quartal 2028"]
    assert _sheet(context, "Glasfaser für alle Schulen")["Zeitraum"] == [
        "5. März 2026 – 30. September 2027"
    ]
    assert _sheet(context, "Stadt-App")["Zeitraum"] == ["ab 2. Quartal 2027"]
    assert _sheet(context, "B")["Zeitraum"] == ["bis 31. Dezember 2029"]
    english = build_context(_document(PORTAL), lang="en")
    assert _sheet(english, "Stadtportal")["Period"] == ["Q1 2027 – Q4 2028"]


def test_without_a_period_the_priority_alone_says_when() -> None:
    """'Zeitraum: sofort' never appears: the start window belongs to the priority."""
    md = render_report(_document({**IDEA, "priority": "high"}), format="md")
    assert "| Priorität | hoch – Beginn sofort |" in md
    # No period row on the sheet (the summary's "Beginn" column may say "sofort": a start, not a period).
    assert "| Zeitraum |" not in md and "Zeitraum: sofort" not in md


def test_costs_in_euros_and_dependencies_by_title() -> None:
    rows = _sheet(build_context(_document(PORTAL, NETZ)), "Stadtportal")
    assert rows["Kosten"] == ["einmalig: 40.000\u00a0€", "jährlich: 5.000\u00a0€", ""]
    assert rows["Abhängigkeiten"] == ["Glasfaser für alle Schulen"]
    assert rows["Risiken"] == ["Schnittstellen fehlen"]
    assert rows["Federführung"] == ["IT-Abteilung"]
    # Status and progress in one row; in progress without a figure: compute/progress's default.
    assert rows["Stand"] == ["in Umsetzung · 50 %"]
    assert "Status" not in rows and "Fortschritt" not in rows


def test_strategy_goals_by_title_when_the_strategy_is_known() -> None:
    document = _document(PORTAL, NETZ)
    assert _sheet(build_context(document), "Stadtportal")["Beitrag zu Leitzielen"] == ["ziel-1"]
    titled = build_context(document, strategy=_strategy())
    assert _sheet(titled, "Stadtportal")["Beitrag zu Leitzielen"] == [
        "Leistungen sind online erreichbar."
    ]


def test_a_row_without_content_is_left_out() -> None:
    context = build_context(_document(IDEA))
    sheet = context["sheets"][0]
    assert [row["label"] for row in sheet["rows"]] == [
        "Handlungsfeld",  # one field; no Priorität: no priority given, and without criteria no rank
        "Stand",
    ]
    assert sheet["milestones"] == sheet["indicators"] == sheet["next_steps"] == []
    for fmt in ("md", "html"):
        text = render_report(_document(IDEA), format=fmt)  # type: ignore[arg-type]
        found = re.search(r"Maßnahmensteckbrief \d+\.1", text)  # the ranking says more
        assert found is not None
        sheets = text[found.start() :]
        assert "nicht festgelegt" not in sheets and "Meilensteine" not in sheets
        assert "Indikatoren" not in sheets and "Nächste Schritte</h4>" not in sheets
        assert "Zeitraum" not in sheets and "Kosten" not in sheets


def test_milestones_are_dated_and_marked_when_reached() -> None:
    sheets = build_context(_document(PORTAL, NETZ))["sheets"]
    sheet = next(s for s in sheets if s["title"] == "Stadtportal")
    assert [(m["date"], m["title"], m["state"]) for m in sheet["milestones"]] == [
        ("30. Juni 2027", "Anbieter gewählt", "✓"),
        ("31. März 2028", "Portal online", ""),
    ]
    assert sheet["reached"]
    md = render_report(_document(PORTAL, NETZ), format="md")
    assert "| 30\\. Juni 2027 | Anbieter gewählt | ✓ |" in md


def test_parent_and_sub_measures_with_their_progress() -> None:
    part = {
        "id": "termine",
        "title": "Terminbuchung",
        "fields": ["rathaus"],
        "parent": "portal",
        "status": "in-progress",
        "progress": 40,
    }
    context = build_context(_document(PORTAL, NETZ, part))
    assert _sheet(context, "Stadtportal")["Teilmaßnahmen"] == ["Terminbuchung (in Umsetzung, 40 %)"]
    assert _sheet(context, "Stadtportal")["Stand"] == ["in Umsetzung · 40 %"]  # the sub-measure's mean
    assert _sheet(context, "Terminbuchung")["Übergeordnete Maßnahme"] == ["Stadtportal"]


def test_a_public_sheet_names_no_internal_project_or_milestone() -> None:
    secret = {**NETZ, "internal": True}
    portal = {
        **PORTAL,
        "milestones": [
            *PORTAL["milestones"],
            {"date": "2027-12-01", "title": "Geheim", "internal": True},
        ],
    }
    context = build_context(_document(portal, secret), public=True)
    assert "Abhängigkeiten" not in _sheet(context, "Stadtportal")
    assert [m["title"] for m in context["sheets"][0]["milestones"]] == [
        "Anbieter gewählt",
        "Portal online",
    ]
    assert "Geheim" not in context["roadmap"]["svg"]
    assert "Glasfaser" not in context["roadmap"]["svg"]


# -- the roadmap -----------------------------------------------------------------------------


def test_roadmap_only_when_a_measure_is_dated() -> None:
    context = build_context(_document(IDEA))
    assert "roadmap" not in context
    ids = [s.id for s in context["sections"]]
    assert "roadmap" not in ids and ids[-2:] == ["sheets", "imprint"]
    undated = {key: value for key, value in NETZ.items() if key not in ("start", "end")}
    milestone = {**undated, "milestones": [{"date": "2027-01-01", "title": "M"}]}
    assert "roadmap" not in build_context(_document(IDEA, undated))
    dated = build_context(_document(IDEA, milestone))
    assert [s.id for s in dated["sections"]][-3:] == ["roadmap", "sheets", "imprint"]


def test_roadmap_groups_by_first_field_and_lists_the_undated() -> None:
    roadmap = build_context(_document(IDEA, PORTAL, NETZ), today=dt.date(2027, 5, 1))["roadmap"]
    assert [(r["field"], r["title"]) for r in roadmap["rows"]] == [
        ("Digitales Rathaus", "Stadtportal"),
        ("Infrastruktur", "Glasfaser für alle Schulen"),
    ]
    assert roadmap["undated"] == ["Stadt-App"]
    assert roadmap["several"]  # the portal is in two fields: the note says where it stands
    desc = re.search(r"<desc[^>]*>(.*)</desc>", roadmap["svg"])
    assert desc is not None
    assert "Stadtportal: 1. Quartal 2027 – 4. Quartal 2028, in Umsetzung" in desc.group(1)
    assert "Glasfaser für alle Schulen: 5. März 2026 – 30. September 2027, geplant" in desc.group(1)


def test_roadmap_markdown_table_golden(golden: Any) -> None:
    part = {
        "id": "termine",
        "title": "Terminbuchung",
        "fields": ["rathaus"],
        "parent": "portal",
        "status": "done",
        "start": "2026-Q1",
        "end": "2026-06-30",
    }
    document = _document(PORTAL, NETZ, part, IDEA)
    for lang in ("de", "en"):
        md = render_report(document, format="md", lang=lang)
        heading = "Maßnahmenplan" if lang == "de" else "Roadmap"
        start = re.search(rf"^## \d+\. {heading}$", md, re.MULTILINE)
        assert start is not None
        section = md[start.start() : md.index("\n## ", start.end()) + 1]
        golden(f"report/roadmap.{lang}.md", section)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_word_roadmap_is_the_pdfs_chart_without_a_table_of_bars(lang: str) -> None:
    """Word has the PDF's tables: the chart's alt text states its bars, no table repeats them."""
    docx = pytest.importorskip("docx")
    import io

    from strategy_kit.present.word import report_docx

    opened = docx.Document(io.BytesIO(report_docx(_document(PORTAL, NETZ, IDEA), lang=lang)))
    # (A sheet's two-column table may begin with its row "Handlungsfeld": not a table of bars.)
    heads = [t.rows[0].cells[0].text for t in opened.tables if len(t.columns) > 2]
    assert "Handlungsfeld" not in heads and "Field of action" not in heads
    described = [d.get("descr", "") for d in opened.element.body.xpath(".//wp:docPr")]
    assert any("Stadtportal" in d and "Glasfaser für alle Schulen" in d for d in described)
    text = "\n".join(p.text for p in opened.paragraphs)
    assert ("Ohne Zeitraum: Stadt-App" if lang == "de" else "Without a period: Stadt-App") in text


def test_indicator_columns_without_values_are_left_out() -> None:
    plain = {**IDEA, "indicators": [{"title": "Online-Leistungen", "baseline": 5, "target": 40}]}
    md = render_report(_document(plain), format="md")
    assert "| Indikator | Ausgangswert | Zielwert |\n|---|---:|---:|\n" in md
    assert "Istwert" not in md
    measured = {
        **IDEA,
        "indicators": [{"title": "Online-Leistungen", "actual": 12, "due": "2027-12-31"}],
    }
    md = render_report(_document(measured), format="md")
    assert "| Indikator | Ausgangswert | Zielwert | Istwert | Fällig |" in md
    assert "| Online-Leistungen |   |   | 12 | 31\\. Dezember 2027 |" in md


def test_the_actual_value_is_the_latest_measurement() -> None:
    measured = {
        **IDEA,
        "indicators": [
            {
                "title": "Online-Leistungen",
                "unit": "Anzahl",
                "measurements": [{"date": "2026-12-31", "value": 8}, {"date": "2027-12-31", "value": "23,5"}],
            }
        ],
    }
    md = render_report(_document(measured), format="md")
    assert "| Indikator | Ausgangswert | Zielwert | Istwert |" in md
    assert "| Online-Leistungen (Anzahl) |   |   | 23,5 |" in md


# -- the roadmap's milestones, named in a table ------------------------------------------------


def _milestone_rows(md: str, heading: str) -> list[str]:
    """The Markdown table under the roadmap's heading ``### Meilensteine``, header included."""
    start = md.index(f"\n### {heading}\n")
    lines = md[start:].split("\n\n")[1].splitlines()
    return [line for line in lines if not line.startswith("|---")]


def test_the_roadmap_names_its_milestones_by_date_in_every_format() -> None:
    """The diamonds carry no words: a table under the chart says when, which measure, what."""
    late = {**NETZ, "milestones": [{"date": "2027-01-15", "title": "Ausschreibung"}]}
    document = _document(PORTAL, late, IDEA)
    roadmap = build_context(document)["roadmap"]
    # By date across the measures, not by measure.
    assert [(m["date"], m["measure"], m["title"], m["state"]) for m in roadmap["milestones"]] == [
        ("15. Januar 2027", "Glasfaser für alle Schulen", "Ausschreibung", ""),
        ("30. Juni 2027", "Stadtportal", "Anbieter gewählt", "✓"),
        ("31. März 2028", "Stadtportal", "Portal online", ""),
    ]
    assert roadmap["reached"]
    md = render_report(document, format="md")
    assert _milestone_rows(md[md.index(". Maßnahmenplan\n") :], "Meilensteine") == [
        "| Datum | Maßnahme | Meilenstein | Erreicht |",
        "| 15\\. Januar 2027 | Glasfaser für alle Schulen | Ausschreibung |  |",
        "| 30\\. Juni 2027 | Stadtportal | Anbieter gewählt | ✓ |",
        "| 31\\. März 2028 | Stadtportal | Portal online |  |",
    ]
    html = render_report(document, format="html")
    section = html[html.index('<section id="roadmap">') : html.index("</section>", html.index('<section id="roadmap">'))]
    assert "<h3>Meilensteine</h3>" in section
    cells = re.findall(r'<tr><td class="date">(.*?)</td><td>(.*?)</td><td>(.*?)</td>', section)
    assert cells == [
        ("15. Januar 2027", "Glasfaser für alle Schulen", "Ausschreibung"),
        ("30. Juni 2027", "Stadtportal", "Anbieter gewählt"),
        ("31. März 2028", "Stadtportal", "Portal online"),
    ]
    english = render_report(document, format="md", lang="en")
    assert _milestone_rows(english[english.index(". Roadmap\n") :], "Milestones")[0] == (
        "| Date | Measure | Milestone | Reached |"
    )


def test_without_a_reached_milestone_the_table_has_no_column_for_it() -> None:
    open_only = {**PORTAL, "milestones": [{"date": "2028-03-31", "title": "Portal online"}]}
    md = render_report(_document(open_only), format="md")
    assert _milestone_rows(md[md.index(". Maßnahmenplan\n") :], "Meilensteine") == [
        "| Datum | Maßnahme | Meilenstein |",
        "| 31\\. März 2028 | Stadtportal | Portal online |",
    ]


def test_without_milestones_the_roadmap_has_no_milestone_table() -> None:
    plain = {key: value for key, value in PORTAL.items() if key != "milestones"}
    context = build_context(_document(plain, NETZ))
    assert context["roadmap"]["milestones"] == [] and not context["roadmap"]["reached"]
    md = render_report(_document(plain, NETZ), format="md")
    assert "### Meilensteine" not in md
    html = render_report(_document(plain, NETZ), format="html")
    assert "<h3>Meilensteine</h3>" not in html


def test_a_public_roadmap_lists_no_internal_milestone() -> None:
    portal = {
        **PORTAL,
        "milestones": [*PORTAL["milestones"], {"date": "2027-12-01", "title": "Geheim", "internal": True}],
    }
    context = build_context(_document(portal), public=True)
    assert [m["title"] for m in context["roadmap"]["milestones"]] == ["Anbieter gewählt", "Portal online"]


def test_word_roadmap_has_the_milestone_table() -> None:
    docx = pytest.importorskip("docx")
    import io

    from strategy_kit.present.word import report_docx

    late = {**NETZ, "milestones": [{"date": "2027-01-15", "title": "Ausschreibung"}]}
    opened = docx.Document(io.BytesIO(report_docx(_document(PORTAL, late, IDEA))))
    headings = [p.text for p in opened.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert "Meilensteine" in headings
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in opened.tables]
    table = next(t for t in tables if t[0][:3] == ["Datum", "Maßnahme", "Meilenstein"])
    assert table == [
        ["Datum", "Maßnahme", "Meilenstein", "Erreicht"],
        ["15.\u00a0Januar\u00a02027", "Glasfaser für alle Schulen", "Ausschreibung", ""],
        ["30.\u00a0Juni\u00a02027", "Stadtportal", "Anbieter gewählt", "✓"],
        ["31.\u00a0März\u00a02028", "Stadtportal", "Portal online", ""],
    ]


# -- one list of rows for every format of a sheet ------------------------------------------------


def test_word_and_html_sheets_read_the_same_rows() -> None:
    """The sheet's rows come from the context once; Word and HTML show them in its order."""
    docx = pytest.importorskip("docx")
    import io

    from strategy_kit.present.word import report_docx

    document = _document(PORTAL, NETZ, IDEA)
    context = build_context(document)
    expected = [[row["label"] for row in s["rows"]] for s in context["sheets"]]
    html = render_report(document, format="html")
    sheets = re.findall(r'<section class="sheet".*?</section>', html, re.DOTALL)
    assert [re.findall(r'<th scope="row">(.*?)</th>', sheet) for sheet in sheets] == expected
    opened = docx.Document(io.BytesIO(report_docx(document)))
    # A sheet's rows are the tables without a header row: the first column holds the labels.
    keyed = [t for t in opened.tables if t.rows[0].cells[0].text in {row[0] for row in expected}]
    assert [[row.cells[0].text for row in t.rows] for t in keyed] == expected
    assert "Stand" in expected[0] and "Rang" not in expected[0] and "Fortschritt" not in expected[0]


def test_word_keeps_each_sheet_heading_with_its_table() -> None:
    """A sub-heading never ends a page: kept with its table, the table on one page, the note with it."""
    docx = pytest.importorskip("docx")
    import io

    from docx.oxml.ns import qn

    from strategy_kit.present.word import report_docx

    opened = docx.Document(io.BytesIO(report_docx(_document({**PORTAL, "priority": None, "next_steps": [{"action": "Start", "owner": "it"}]}))))
    headings = [
        p
        for p in opened.paragraphs
        if p.style is not None and p.style.name == "Heading 3" and p.text in ("Meilensteine", "Nächste Schritte")
    ]
    assert len(headings) == 2
    for heading in headings:
        assert heading.paragraph_format.keep_with_next
        table = heading._p.getnext()
        assert table.tag == qn("w:tbl")
        rows = table.findall(qn("w:tr"))
        for row in rows:
            assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        for row in rows[:-1]:  # every row keeps with the next: the table stays on one page
            assert all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in row.iter(qn("w:p")))


# -- the matrix's axes ------------------------------------------------------------------------


def _scored(impact: str, effort: str) -> WorkshopDocument:
    data = _data({**IDEA, "scores": {"a": 4, "b": 2}})
    data["criteria"] = [
        {"id": "a", "title": impact, "weight": 1},
        {"id": "b", "title": effort, "weight": 1, "direction": "cost"},
    ]
    data["report"] = {"impact": "a", "effort": "b"}
    return WorkshopDocument.model_validate(data)


def _axes(svg: str) -> list[str]:
    """The matrix's axis texts (the two ending in an arrow)."""
    return list(re.findall(r">([^<>]*→)</text>", svg))


@pytest.mark.parametrize(
    ("lang", "impact", "effort", "axes", "caption"),
    [
        # The title says the axis' word: it stands alone, no word twice.
        (
            "de",
            "Wirkung für Bürgerschaft und Verwaltung",
            "Aufwand (Kosten und Personal)",
            ["Aufwand (Kosten und Personal) →", "Wirkung für Bürgerschaft und Verwaltung →"],
            "Wirkung für Bürgerschaft und Verwaltung; Aufwand (Kosten und Personal).",
        ),
        # A title without it is named by the axis.
        (
            "de",
            "Nutzen",
            "Kosten",
            ["Aufwand: Kosten →", "Wirkung: Nutzen →"],
            "Wirkung: Nutzen; Aufwand: Kosten.",
        ),
        (
            "en",
            "Impact on residents",
            "Effort (cost and staff)",
            ["Effort (cost and staff) →", "Impact on residents →"],
            "Impact on residents; Effort (cost and staff).",
        ),
        ("en", "Benefit", "Cost", ["Effort: Cost →", "Impact: Benefit →"], "Impact: Benefit; Effort: Cost."),
    ],
)
def test_matrix_axes_name_each_criterion_once(
    lang: str, impact: str, effort: str, axes: list[str], caption: str
) -> None:
    document = _scored(impact, effort)
    matrix = build_context(document, lang=lang)["ranking"]["matrix"]
    assert _axes(matrix["svg"]) == axes
    assert matrix["caption"].startswith(caption + " ")
    for text in (*axes, *caption.removesuffix(".").split("; ")):
        words = re.findall(r"\w+", text.casefold())
        assert len(words) == len(set(words)), text  # no axis says a word twice
    md = render_report(document, format="md", lang=lang)
    assert matrix["caption"] in md
    html = render_report(document, format="html", lang=lang)
    assert f"<figcaption>{matrix['caption']}</figcaption>" in html


def test_the_roadmap_desc_states_a_measure_of_milestones_only() -> None:
    """Without start and end the description says the period is not stated, never a bare dash."""
    undated = {key: value for key, value in NETZ.items() if key not in ("start", "end")}
    marked = {**undated, "milestones": [{"date": "2027-01-15", "title": "Ausschreibung"}]}
    svg = build_context(_document(PORTAL, marked))["roadmap"]["svg"]
    desc = re.search(r"<desc[^>]*>(.*)</desc>", svg)
    assert desc is not None
    assert (
        "Infrastruktur – Glasfaser für alle Schulen: keine Angabe, geplant (Ausschreibung 15. Januar 2027)"
        in desc.group(1)
    )
    assert "Anbieter gewählt 30. Juni 2027 ✓, Portal online 31. März 2028" in desc.group(1)
