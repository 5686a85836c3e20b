"""The report's measure sheets and roadmap: rows with content only, periods, money, the plan."""

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
    assert rows == {
        "high": ["hoch – Beginn sofort"],
        "medium": ["mittel – Beginn innerhalb von 2 Jahren"],
        "low": ["niedrig – Beginn innerhalb von 4 Jahren"],
    }
    english = _sheet(build_context(_document({**IDEA, "priority": "low"}), lang="en"), "Stadt-App")
    assert english["Priority"] == ["low – start within 4 years"]


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
    assert rows["Status"] == ["in Umsetzung"]
    assert rows["Fortschritt"] == [
        "50 %"
    ]  # in progress without a figure: compute/progress's default


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
        "Handlungsfelder",
        "Rang",  # no criteria: every project ranks first with 0 points
        "Status",
        "Fortschritt",
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
    assert _sheet(context, "Stadtportal")["Fortschritt"] == ["40 %"]  # the sub-measure's mean
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
def test_word_roadmap_is_the_markdown_table(lang: str) -> None:
    docx = pytest.importorskip("docx")
    import io

    from strategy_kit.present.word import report_docx

    opened = docx.Document(io.BytesIO(report_docx(_document(PORTAL, NETZ, IDEA), lang=lang)))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in opened.tables]
    plan = next(t for t in tables if t[0][0] in ("Handlungsfeld", "Field of action"))
    assert len(plan) == 3
    assert plan[1][1] == "Stadtportal" and plan[2][1] == "Glasfaser für alle Schulen"
    if lang == "de":
        assert plan[1][2:4] == ["1. Quartal 2027", "4. Quartal 2028"]
        assert plan[1][4] == "30. Juni 2027: Anbieter gewählt ✓\n31. März 2028: Portal online"
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
