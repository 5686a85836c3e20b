"""``report strategy.yaml``: the implementation report of a real git repository, against values
computed by hand.

The repository's year: the period is 1 October 2018 to 30 September 2019.
Bürgerportal moves to in progress and reaches one milestone on 10 April 2019,
misses "Pilot online" (31 August 2019, 30 days before the period's end: at
risk), gets a second measurement and is retitled; Glasfaser is done; WLAN in
Schulen is added and runs past its end (30 June 2019: late); E-Akte is
dropped. A commit after the period (November 2019) must not show.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.gitrepo import Invoke, Repo, needs_git

pytestmark = needs_git

HEAD = """\
version: 1
kind: strategy
municipality: {name: Stadt Beispiel, state: Nordrhein-Westfalen}
title: Digitale Strategie
vision: Eine digitale Stadt.
goals:
  - {id: ziel-1, title: Leistungen sind online, due: 2020-12-31}
departments:
  - {id: fb1, name: Fachbereich 1}
fields_of_action:
  - {id: rathaus, title: Digitales Rathaus}
  - {id: netz, title: Netze}
projects:
"""


def portal(title: str, status: str, first_done: bool, measured: str, progress: str = "") -> str:
    done = str(first_done).lower()
    return f"""\
  - id: portal
    title: {title}
    fields: [rathaus]
    goals: [ziel-1]
    status: {status}
{progress}    start: 2019-01-01
    end: 2020-12-31
    milestones:
      - {{date: 2019-03-31, title: Anbieter gewählt, done: {done}}}
      - {{date: 2019-08-31, title: Pilot online}}
      - {{date: 2020-06-30, title: Alle Leistungen online}}
    indicators:
      - title: Online-Leistungen
        target: 50
        measurements:
          - {{date: 2018-08-31, value: 5}}
{measured}    funding:
      years:
        - {{year: 2019, planned: 20000, spent: 8000}}
        - {{year: 2020, planned: 30000}}
"""


def akte(status: str) -> str:
    return f"  - id: akte\n    title: E-Akte\n    fields: [rathaus]\n    status: {status}\n"


def glasfaser(status: str) -> str:
    return f"  - id: glasfaser\n    title: Glasfaser\n    fields: [netz]\n    status: {status}\n    start: 2018-01-01\n"


def wlan(status: str) -> str:
    return f"""\
  - id: wlan
    title: WLAN in Schulen
    fields: [netz]
    status: {status}
    end: 2019-06-30
    next_steps:
      - {{action: Angebote einholen, owner: fb1, due: 2019-06-15}}
    funding:
      years:
        - {{year: 2019, planned: 10000, spent: 10000}}
"""


SECOND = "          - {date: 2019-04-30, value: 12}\n"


@pytest.fixture
def year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository after six commits; the last one lies after the period."""
    root = tmp_path / "strategie"
    root.mkdir()
    repo = Repo(root, monkeypatch)
    states = [
        ("2018-09-01", portal("Bürgerportal", "planned", False, "") + akte("prioritised") + glasfaser("in-progress")),
        ("2019-04-10", portal("Bürgerportal", "in-progress", True, "") + akte("prioritised") + glasfaser("done")),
        (
            "2019-05-15",
            portal("Bürgerportal", "in-progress", True, SECOND) + akte("prioritised") + glasfaser("done") + wlan("planned"),
        ),
        (
            "2019-07-01",
            portal("Bürgerportal", "in-progress", True, SECOND) + akte("dropped") + glasfaser("done") + wlan("planned"),
        ),
        (
            "2019-09-01",
            portal("Bürgerportal mit Terminbuchung", "in-progress", True, SECOND, "    progress: 30\n")
            + akte("dropped")
            + glasfaser("done")
            + wlan("planned"),
        ),
        (
            "2019-11-01",
            portal("Bürgerportal mit Terminbuchung", "in-progress", True, SECOND, "    progress: 60\n")
            + akte("dropped")
            + glasfaser("done")
            + wlan("done"),
        ),
    ]
    for date, text in states:
        (root / "strategy.yaml").write_text(HEAD + text, encoding="utf-8")
        repo.commit(date, date)
    return root


def run(cli: Invoke, *args: str) -> str:
    result = cli("report", *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_figures_of_the_year_computed_by_hand(year: Path) -> None:
    import datetime as dt

    from strategy_kit.check.repository import Repository, load_worktree
    from strategy_kit.compute.history import parse, timeline
    from strategy_kit.compute.implementation import default_period, implementation
    from strategy_kit.compute.traffic import Cause, Light
    from strategy_kit.files.history import history

    found = history(year)
    period = default_period(dt.date(2019, 9, 30))
    assert (period.start, period.end) == (dt.date(2018, 10, 1), dt.date(2019, 9, 30))
    at_end, _ = parse(found.revisions[4])
    assert at_end is not None
    result = implementation(at_end, period, timeline(found.revisions))
    measures = {m.state.id: m for m in result.measures}
    # E-Akte is dropped: not a measure the report counts, but a change it lists.
    assert list(measures) == ["portal", "glasfaser", "wlan"]
    assert measures["portal"].state.light.light is Light.AT_RISK
    assert measures["portal"].state.light.cause is Cause.MILESTONE
    assert measures["portal"].state.light.days == 30
    assert measures["wlan"].state.light.light is Light.LATE
    # Late by its end (30 June, 92 days) and by its step (15 June, 107 days > 90): the older cause.
    assert (measures["wlan"].state.light.cause, measures["wlan"].state.light.days) == (Cause.STEP, 107)
    assert measures["glasfaser"].state.light.light is Light.DONE
    assert result.lights[Light.AT_RISK] == result.lights[Light.LATE] == result.lights[Light.DONE] == 1
    # Reached on the day the commit said so; missed in the period; the 2020 one is neither.
    assert [(d, m.title) for d, m in measures["portal"].reached] == [(dt.date(2019, 4, 10), "Anbieter gewählt")]
    assert [m.title for m in measures["portal"].missed] == ["Pilot online"]
    (series,) = measures["portal"].indicators
    assert series.points == ((dt.date(2018, 8, 31), 5), (dt.date(2019, 4, 30), 12))
    assert (series.target, series.actual) == (50, 12)
    # 2018 and 2019: the portal's 2020 plan is outside the period.
    portal_budget = measures["portal"].budget
    assert portal_budget is not None and (portal_budget.planned, portal_budget.spent) == (20000, 8000)
    assert result.budget is not None and (result.budget.planned, result.budget.spent) == (30000, 18000)
    # (30 + planned's 10 + done's 100) / 3
    assert result.rollup.progress == 46.7  # 140 / 3, to one decimal
    assert [(o.action, o.days) for o in result.rollup.overdue] == [("Angebote einholen", 107)]
    (goal,) = result.goals
    assert (goal.state, goal.measures, goal.done) == ("open", ("Bürgerportal mit Terminbuchung",), 0)
    kinds = sorted((e.date.isoformat(), pid, e.kind) for pid, events in result.events.items() for e in events)
    assert kinds == [
        ("2019-04-10", "glasfaser", "status"),
        ("2019-04-10", "portal", "milestone"),
        ("2019-04-10", "portal", "status"),
        ("2019-05-15", "portal", "indicator"),
        ("2019-05-15", "wlan", "added"),
        ("2019-07-01", "akte", "dropped"),
        ("2019-09-01", "portal", "progress"),
        ("2019-09-01", "portal", "retitled"),
    ]
    # The worktree holds November's state; the period's end does not.
    assert Repository.from_results(load_worktree([year / "strategy.yaml"])).projects()[0].project.progress == 60


def test_markdown(cli: Invoke, year: Path, golden: object) -> None:
    out = run(cli, str(year / "strategy.yaml"), "--to", "2019-09-30", "-f", "md")
    golden("implementation/year.md", out)  # type: ignore[operator]
    assert "**Berichtszeitraum: 1. Oktober 2018 – 30. September 2019**" in out
    assert "- Maßnahmen: 3 (1 gefährdet, 1 verspätet, 1 erledigt)" in out
    assert "- Fortschritt des Portfolios: 46,7 %" in out
    assert "- Budget 2018–2019: 18.000\u00a0€ ausgegeben von 30.000\u00a0€ geplant" in out
    assert "Meilenstein überfällig: Pilot online, seit 31. August 2019" in out
    assert "| 1. Juli 2019 | E-Akte | verworfen |" in out
    assert "| 1. September 2019 | Bürgerportal mit Terminbuchung | umbenannt, vorher „Bürgerportal“ |" in out
    assert "| 10. April 2019 | Bürgerportal | Status: geplant → in Umsetzung |" in out
    assert "| 15. Mai 2019 | Bürgerportal | Online-Leistungen: 5 → 12 |" in out
    assert "| 15. Juni 2019 | WLAN in Schulen | Angebote einholen | Fachbereich 1 | 107 |" in out
    assert "- 10. April 2019: Anbieter gewählt" in out
    assert "- 31. August 2019: Pilot online" in out
    # The summary counts every change of the change list, by kind.
    counted = re.search(r"^- Änderungen: (.*)$", out, re.M)
    assert counted is not None
    table = out.split("## 6. Änderungen im Berichtszeitraum")[1].split("## 7.")[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Datum")]
    assert sum(int(part.rsplit(": ", 1)[1]) for part in counted.group(1).split(", ")) == len(rows) == 8
    measures = out.split("## 4. Maßnahmen")[1].split("## 5.")[0]
    assert "Alle Leistungen online" not in measures  # due after the period: neither reached nor missed
    # The budget of 2018-2019 per measure and field, the total once (computed by hand above).
    assert "| Bürgerportal mit Terminbuchung | 20.000 € | 8.000 € | 40 % |" in out
    assert "| **Summe** | **30.000 €** | **18.000 €** | **60 %** |" in out
    assert "| Netze | 10.000 € | 10.000 € | 100 % |" in out
    # The annex: a sheet per measure of chapter 4, in its order, as of the period's end.
    sheets = re.findall(r"^### Maßnahmensteckbrief (8\.\d): (.*)$", out, re.M)
    assert sheets == [("8.1", "Bürgerportal mit Terminbuchung"), ("8.2", "Glasfaser"), ("8.3", "WLAN in Schulen")]
    assert "Rang 1" not in out  # no criteria: no rank that says nothing
    assert "| Online-Leistungen | keine Angabe | 50 | 12 | keine Angabe | 31. August 2018: 5; 30. April 2019: 12 |" in out
    assert "Fortschritt: 60 %" not in out  # November's progress lies after the period
    assert "in Umsetzung · 60 %" not in out


def test_html_with_charts(cli: Invoke, year: Path, golden: object) -> None:
    out = run(cli, str(year), "--to", "2019-09-30", "-f", "html")
    golden("implementation/year.html", out)  # type: ignore[operator]
    assert out.count("<svg") == 1
    assert "Indikator Online-Leistungen: 31. August 2018 5, 30. April 2019 12; Zielwert 50" in out
    assert "Berichtszeitraum 1. Oktober 2018 – 30. September 2019" in out
    headings = re.findall(r"<h2 id=\"sec-[a-z]+\">(.*?)</h2>", out)
    assert headings == [
        "1. Das Wichtigste in Kürze",
        "2. Leitbild und Leitziele",
        "3. Handlungsfelder",
        "4. Maßnahmen",
        "5. Budget und Finanzierung",
        "6. Änderungen im Berichtszeitraum",
        "7. Überfällige nächste Schritte",
        "8. Anhang: Maßnahmensteckbriefe",
    ]
    assert "Interne Fassung" not in out


def test_a_narrower_period_lists_only_its_changes(cli: Invoke, year: Path) -> None:
    out = run(cli, str(year), "--from", "2019-05-01", "--to", "2019-07-31", "-f", "md")
    changes = out.split("## 6. Änderungen im Berichtszeitraum")[1].split("## 7.")[0]
    rows = [line for line in changes.splitlines() if line.startswith("| ") and "Datum" not in line]
    assert rows == [
        "| 15. Mai 2019 | Bürgerportal | Online-Leistungen: 5 → 12 |",
        "| 15. Mai 2019 | WLAN in Schulen | neu aufgenommen (geplant) |",
        "| 1. Juli 2019 | E-Akte | verworfen |",
    ]
    assert "**Berichtszeitraum: 1. Mai 2019 – 31. Juli 2019**" in out
    # As of 31 July, "Pilot online" (31 August) is not yet due; WLAN's end has passed.
    assert "Pilot online" not in out.split("## 8. Anhang")[0]


def test_english(cli: Invoke, year: Path) -> None:
    out = run(cli, str(year), "--to", "2019-09-30", "-f", "md", "--lang", "en")
    assert "**Reporting period: 1 October 2018 – 30 September 2019**" in out
    assert "# Implementation report: Digitale Strategie" in out
    assert "- Measures: 3 (1 at risk, 1 late, 1 done)" in out
    assert "Berichtszeitraum" not in out


def test_internal_edition_is_marked(cli: Invoke, year: Path) -> None:
    out = run(cli, str(year), "--to", "2019-09-30", "-f", "html", "--internal")
    assert out.count("Interne Fassung – nicht zur Veröffentlichung") >= 2
    assert "Öffentliche Fassung" not in out


def test_internal_items_stay_out_of_the_public_edition(cli: Invoke, year: Path) -> None:
    text = (year / "strategy.yaml").read_text(encoding="utf-8")
    (year / "strategy.yaml").write_text(
        text.replace("    title: WLAN in Schulen\n", "    title: WLAN in Schulen\n    internal: true\n"), "utf-8"
    )
    public = run(cli, str(year), "-f", "md")
    internal = run(cli, str(year), "-f", "md", "--internal")
    assert "WLAN" not in public
    assert "WLAN" in internal


def test_without_git_the_changes_say_why(cli: Invoke, year: Path, tmp_path: Path) -> None:
    plain = tmp_path / "ohne-git"
    plain.mkdir()
    shutil.copy(year / "strategy.yaml", plain / "strategy.yaml")
    out = run(cli, str(plain / "strategy.yaml"), "--to", "2019-09-30", "-f", "md")
    changes = out.split("## 6. Änderungen im Berichtszeitraum")[1].split("## 7.")[0].strip()
    assert changes.startswith("Die Änderungen fehlen, weil die Dateien nicht in einem Git-Repository liegen.")
    assert len(changes.splitlines()) == 1
    # The files on disk are the state reported: November's progress.
    assert "60 %" in out


def test_default_period_is_the_twelve_months_up_to_today(
    cli: Invoke, year: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1569801600")  # 30 September 2019, 00:00 UTC
    out = run(cli, str(year), "-f", "md")
    assert "**Berichtszeitraum: 1. Oktober 2018 – 30. September 2019**" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "2019-13-01"], "--to: '2019-13-01' is no date in the calendar (a month is 1 to 12)"),
        (["--from", "1.10.2018"], "--from '1.10.2018': write the date as year-month-day; did you mean 2018-10-01?"),
        (["--from", "2019-10-01", "--to", "2019-09-30"], "starts (2019-10-01) after it ends"),
        (["--to", "2018-01-01"], "lies before the first commit of"),
        (["-f", "json"], "written as html, md, pdf or docx"),
    ],
)
def test_usage_errors(cli: Invoke, year: Path, args: list[str], message: str) -> None:
    result = cli("report", str(year), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_workshop_file_takes_no_period(cli: Invoke) -> None:
    from tests.gitrepo import EXAMPLES

    result = cli("report", str(EXAMPLES / "strategy-repo" / "workshops" / "2019-03-auftakt.yaml"), "--to", "2019-09-30")
    assert result.exit_code == 2
    assert "--from and --to belong to the implementation report" in result.stderr


def test_an_invalid_file_exits_1(cli: Invoke, year: Path) -> None:
    (year / "strategy.yaml").write_text(HEAD + "  - {id: x, title: X, status: unknown}\n", "utf-8")
    result = cli("report", str(year), "-f", "md")
    assert result.exit_code == 1
    assert "strategy.yaml:" in result.stderr


CHAPTERS = [
    "1. Das Wichtigste in Kürze",
    "2. Leitbild und Leitziele",
    "3. Handlungsfelder",
    "4. Maßnahmen",
    "5. Budget und Finanzierung",
    "6. Änderungen im Berichtszeitraum",
    "7. Überfällige nächste Schritte",
    "8. Anhang: Maßnahmensteckbriefe",
]


@pytest.mark.slow
def test_pdf_has_the_period_on_its_cover_and_no_empty_heading(cli: Invoke, year: Path, tmp_path: Path) -> None:
    import subprocess

    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    target = tmp_path / "bericht.pdf"
    result = cli("report", str(year / "strategy.yaml"), "--to", "2019-09-30", "-o", str(target))
    assert result.exit_code == 0, result.output
    pages = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    cover = pages[0]
    assert "Umsetzungsbericht Digitale Strategie" in cover
    assert "Berichtszeitraum 1. Oktober 2018 – 30. September 2019" in cover
    text = "\f".join(pages)
    lines = [line.strip() for line in text.splitlines()]
    for chapter in CHAPTERS:
        # In the contents and as the chapter's heading, followed by content.
        at = [i for i, line in enumerate(lines) if line.startswith(chapter)]
        assert len(at) == 2, (chapter, at)
        following = next(line for line in lines[at[1] + 1 :] if line)
        assert not any(following.startswith(c) for c in CHAPTERS), chapter
    assert "Meilenstein überfällig: Pilot online" in text


@pytest.mark.slow
def test_word_has_the_same_chapters(cli: Invoke, year: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    target = tmp_path / "bericht.docx"
    result = cli("report", str(year), "--to", "2019-09-30", "-o", str(target))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == CHAPTERS
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == [
        "Stadt Beispiel",
        "Umsetzungsbericht Digitale Strategie",
        "Berichtszeitraum 1. Oktober 2018 – 30. September 2019",
    ]
    # The indicator's chart is a picture whose alt text states the data.
    alt = [d.get("descr") for d in document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert alt == ["Indikator Online-Leistungen: 31. August 2018 5, 30. April 2019 12; Zielwert 50"]
    changes = next(table for table in document.tables if table.rows[0].cells[-1].text == "Änderung")
    money = next(table for table in document.tables if table.rows[0].cells[1].text == "Planansatz")
    total = money.rows[-1]
    assert [c.text for c in total.cells] == ["Summe", "30.000\u00a0€", "18.000\u00a0€", "60 %"]
    assert all(run.bold for cell in total.cells for run in cell.paragraphs[0].runs)
    assert [c.text for c in changes.rows[6].cells] == ["1. Juli 2019", "E-Akte", "verworfen"]


FRAME = """\
report:
  document:
    version: "2019"
    status: adopted
    adopted: 2019-12-10
    publisher: Stadt Beispiel, Der Bürgermeister
    contact: digital@beispiel.invalid
  style:
    accent: "#7A1F3D"
"""


def test_a_past_year_leaves_out_an_edit_not_yet_committed(cli: Invoke, year: Path) -> None:
    """An edit made today, uncommitted, is no part of 2019: the report is the committed state."""
    strategy = year / "strategy.yaml"
    strategy.write_text(strategy.read_text("utf-8").replace("title: Glasfaser\n", "title: Glasfaser neu\n"), "utf-8")
    out = run(cli, str(year), "--from", "2019-01-01", "--to", "2019-12-31", "-f", "md")
    assert "### Glasfaser\n" in out and "Glasfaser neu" not in out
    # A period up to today reads the files on disk, the edit included.
    assert "### Glasfaser neu\n" in run(cli, str(year), "-f", "md")


def test_twelve_months_before_the_year_1_are_a_usage_error(cli: Invoke, year: Path) -> None:
    result = cli("report", str(year), "--to", "0001-06-30")
    assert result.exit_code == 2
    assert "--to 0001-06-30: the twelve months before it reach before the year 1; give --from" in result.stderr
    assert "None" not in result.stderr


def test_the_cover_takes_the_strategy_files_frame_and_logo(
    cli: Invoke, year: Path, examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``report`` and ``municipality.logo`` of the strategy file: the workshop report's cover facts."""
    strategy = year / "strategy.yaml"
    shutil.copy(examples / "fotos" / "flipchart-digitale-verwaltung.png", year / "wappen.png")
    text = strategy.read_text("utf-8")
    text = text.replace("state: Nordrhein-Westfalen}", "state: Nordrhein-Westfalen, logo: wappen.png}", 1)
    strategy.write_text(text.replace("vision: ", FRAME + "vision: ", 1), "utf-8")
    assert cli("check", str(strategy)).exit_code == 0
    Repo(year, monkeypatch).commit("Rahmen des Berichts", "2019-12-15")
    md = run(cli, str(year), "--to", "2019-12-31", "-f", "md")
    assert "Stand: 31. Dezember 2019 · Version 2019 · Beschlossen am 10. Dezember 2019 (Ratsbeschluss) · Öffentliche Fassung" in md
    assert "Herausgeber: Stadt Beispiel, Der Bürgermeister" in md
    assert "Kontakt: digital@beispiel.invalid" in md
    html = run(cli, str(year), "--to", "2019-12-31", "-f", "html")
    cover = html.split('<header class="cover"')[1].split("</header>")[0]
    assert '<img class="logo" src="data:image/png;base64,' in cover
    assert 'alt="Wappen von Stadt Beispiel"' in cover
    assert "--accent:#7a1f3d;" in html.lower()


def test_word_cover_has_the_frame_logo_and_accent(
    cli: Invoke, year: Path, examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = pytest.importorskip("docx")
    strategy = year / "strategy.yaml"
    shutil.copy(examples / "fotos" / "flipchart-digitale-verwaltung.png", year / "wappen.png")
    text = strategy.read_text("utf-8")
    text = text.replace("state: Nordrhein-Westfalen}", "state: Nordrhein-Westfalen, logo: wappen.png}", 1)
    strategy.write_text(text.replace("vision: ", FRAME + "vision: ", 1), "utf-8")
    Repo(year, monkeypatch).commit("Rahmen des Berichts", "2019-12-15")
    target = tmp_path / "bericht.docx"
    assert cli("report", str(year), "--to", "2019-12-31", "-o", str(target)).exit_code == 0
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "Stand: 31. Dezember 2019 · Version 2019 · Beschlossen am 10. Dezember 2019 (Ratsbeschluss)" in texts
    assert "Herausgeber: Stadt Beispiel, Der Bürgermeister" in texts
    alt = [d.get("descr") for d in document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert alt[0] == "Wappen von Stadt Beispiel"
    assert str(document.styles["Heading 1"].font.color.rgb) == "7A1F3D"


def test_a_new_end_date_and_fields_are_changes_of_the_period(
    cli: Invoke, year: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WLAN's end moves from 30 June to 31 December 2019 and it joins the town hall's field."""
    repo = Repo(year, monkeypatch)
    strategy = year / "strategy.yaml"
    text = strategy.read_text("utf-8")
    wlan = text.index("  - id: wlan")
    moved = text[:wlan] + text[wlan:].replace("fields: [netz]", "fields: [netz, rathaus]", 1).replace(
        "end: 2019-06-30", "end: 2019-12-31", 1
    )
    strategy.write_text(moved, "utf-8")
    repo.commit("WLAN: neuer Termin", "2019-12-01")
    out = run(cli, str(year), "--from", "2019-10-01", "--to", "2019-12-31", "-f", "md")
    assert "| 1. Dezember 2019 | WLAN in Schulen | Zeitraum: bis 30. Juni 2019 → bis 31. Dezember 2019 |" in out
    assert "| 1. Dezember 2019 | WLAN in Schulen | Handlungsfelder: Netze → Netze, Digitales Rathaus |" in out
    assert "neu terminiert: 1" in out and "Handlungsfelder geändert: 1" in out


@pytest.mark.parametrize("epoch", ["99999999999999", "253402300800", "²"])
def test_a_source_date_epoch_no_date_can_hold_is_ignored(
    cli: Invoke, year: Path, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    """Past the year 9999 (or not ASCII digits) it is ignored as 'abc' is: it crashed the report."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = cli("report", str(year), "-f", "md")
    assert result.exit_code == 0, result.output
    assert "Berichtszeitraum" in result.stdout
