"""``strategy-kit status``: the roll-up of a strategy repository in every format."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.browser import dump_dom
from tests.check.test_repository import MUENSTER, workshop, write, write_alphas
from tests.compute.test_semdiff import second_version
from tests.gitrepo import EXAMPLES, Invoke, Repo, needs_git

REPO = EXAMPLES / "strategy-repo"
TODAY = ("--today", "2019-10-01")


def test_markdown(cli: Invoke, golden: Callable[[str, str], None]) -> None:
    result = cli("status", REPO, *TODAY, "--format", "md")
    assert result.exit_code == 0, result.output
    golden("status/strategy-repo.md", result.stdout)


def test_markdown_in_english(cli: Invoke) -> None:
    result = cli("status", REPO, *TODAY, "--format", "md", "--lang", "en")
    assert "Portfolio progress: **19.2 %**" in result.stdout
    assert (
        "| Online bezahlen | planned | ▲ at risk (step overdue: Zahlungsanbieter vergleichen, "
        "since 31 August 2019) | 1 | 10 % |"
    ) in result.stdout.replace("↳ ", "")


def test_html(cli: Invoke, golden: Callable[[str, str], None]) -> None:
    result = cli("status", REPO, *TODAY, "--format", "html")
    assert result.exit_code == 0, result.output
    golden("status/strategy-repo.html", result.stdout)


def test_terminal_table(
    cli: Invoke, golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("status", REPO, *TODAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Stadt Telgte · Digitale Strategie der Stadt Telgte\n"
        "Stand der Strategie · Stand 1. Oktober 2019 · Fortschritt des Portfolios: 19,2 %\n"
    )
    assert max(len(line) for line in out.splitlines()) <= 80
    golden("status/strategy-repo.txt", out)


@pytest.mark.parametrize(
    ("lang", "total"),
    [
        ("de", "2 Ideen, 2 Kandidaten, 1 priorisiert, 2 geplant, 2 in Umsetzung, 1 erledigt, 1 verworfen"),
        ("en", "2 ideas, 2 candidates, 1 prioritised, 2 planned, 2 in progress, 1 done, 1 dropped"),
    ],
)
def test_the_status_counts_read_in_their_number(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, lang: str, total: str
) -> None:
    """"2 Idee, 2 Kandidat" is wrong: a count takes the plural, one the singular."""
    monkeypatch.setenv("COLUMNS", "400")  # each row on one line
    out = cli("status", REPO, *TODAY, "--lang", lang).stdout
    assert total in out
    assert ("1 Idee, 1 Kandidat, 1 geplant" if lang == "de" else "1 idea, 1 candidate, 1 planned") in out


def test_json(cli: Invoke) -> None:
    data = json.loads(cli("status", REPO, *TODAY, "--format", "json").stdout)
    assert data["progress"] == 19.2
    assert sum(data["by_status"].values()) == 11
    assert len(data["overdue"]) == 3


def test_output_file_is_not_overwritten(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "stand.md"
    assert cli("status", REPO, *TODAY, "-f", "md", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Stadt Telgte\n\n## Digitale Strategie")
    assert cli("status", REPO, *TODAY, "-f", "md", "-o", target).exit_code == 2
    assert cli("status", REPO, *TODAY, "-o", tmp_path / "t.txt").exit_code == 0
    assert "19,2 %" in (tmp_path / "t.txt").read_text(encoding="utf-8")


def test_usage_errors(cli: Invoke, tmp_path: Path) -> None:
    assert cli("status", tmp_path / "nirgends").exit_code == 2
    result = cli("status", REPO, "--today", "1.10.2019")
    assert result.exit_code == 2
    assert result.stderr == "strategy-kit: error: --today '1.10.2019': write the date as year-month-day; did you mean 2019-10-01?\n"


def test_invalid_file_stops_with_diagnostics(cli: Invoke, strategy_repo: Path) -> None:
    kickoff = strategy_repo / "workshops" / "2019-03-auftakt.yaml"
    kickoff.write_text(
        kickoff.read_text(encoding="utf-8").replace("status: idea", "status: ideas", 1),
        encoding="utf-8",
    )
    result = cli("status", strategy_repo)
    assert result.exit_code == 1
    assert "2019-03-auftakt.yaml:" in result.stderr and "'ideas' is not allowed" in result.stderr


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    root = tmp_path / "strategie"
    shutil.copytree(REPO, root)
    repo = Repo(root, monkeypatch)
    repo.commit("Strategie nach dem Auftakt", "2019-04-01")
    second_version(repo)
    repo.commit("Stand nach dem ersten Folgeworkshop", "2019-06-01")
    monkeypatch.chdir(root)
    return repo


@needs_git
def test_changes_since_a_date(cli: Invoke, history: Repo) -> None:
    result = cli("status", ".", *TODAY, "--since", "2019-05-01", "--format", "md")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "### Änderungen seit 1. Mai 2019" in out
    assert "- Datenaustausch: Status Kandidat → priorisiert" in out
    assert "- umbenannt: Mobilität → Smarte Mobilität" in out
    # Titles, not ids, of criteria and fields of action; dates in words.
    assert "- Datenaustausch: Bewertung Dringlichkeit 3 → 5" in out
    assert "- Zukunftsfähige Infrastruktur: Handlungsfelder Infrastruktur, Mobiles Arbeiten → Infrastruktur" in out
    assert "- Datenaustausch: neu: Datenschutzkonzept abstimmen (Fachbereich 1: Zentrale Dienste und Finanzen), fällig 31. Dezember 2019" in out


@needs_git
def test_changes_since_a_revision_and_before_history(cli: Invoke, history: Repo) -> None:
    assert "  Keine inhaltlichen Änderungen." in cli("status", *TODAY, "--since", "HEAD").stdout
    data = json.loads(cli("status", *TODAY, "--since", "2019-01-01", "-f", "json").stdout)
    assert data["since"] == "2019-01-01"
    assert sum(c["kind"] == "workshop-added" for c in data["changes"]) == 3


@needs_git
def test_since_needs_git_history(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    shutil.copytree(REPO, plain)
    result = cli("status", plain, "--since", "2019-05-01")
    assert result.exit_code == 2
    assert "--since 2019-05-01: not a git repository" in result.stderr


SINCE_NO_DATE = [
    ("2019-13-01", "--since: '2019-13-01' is no date in the calendar (a month is 1 to 12); write a date as year-month-day"),
    ("01.04.2019", "--since '01.04.2019': write the date as year-month-day; did you mean 2019-04-01?"),
    ("31.02.2019", "--since: '31.02.2019' is no date in the calendar (February 2019 has 28 days); write a date as year-month-day"),
]


@needs_git
@pytest.mark.parametrize(("since", "message"), SINCE_NO_DATE)
def test_since_no_date_is_a_usage_error_outside_git(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, since: str, message: str
) -> None:
    """It said the folder was not in git, which was true and beside the point."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    shutil.copytree(REPO, plain)
    result = cli("status", plain, "--since", since)
    assert (result.exit_code, result.stderr) == (2, f"strategy-kit: error: {message}\n")


@needs_git
@pytest.mark.parametrize(("since", "message"), SINCE_NO_DATE)
def test_since_no_date_is_a_usage_error_in_git(cli: Invoke, history: Repo, since: str, message: str) -> None:
    """It said git knew no revision of that name; a tag of that name is still one."""
    result = cli("status", ".", *TODAY, "--since", since)
    assert (result.exit_code, result.stderr) == (2, f"strategy-kit: error: {message}\n")
    history.git("tag", since)
    result = cli("status", ".", *TODAY, "--since", since)
    assert result.exit_code == 0, result.stderr
    assert f"Änderungen seit {since}:" in result.stdout


@pytest.mark.slow
def test_html_renders_in_a_real_browser(cli: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "stand.html"
    assert cli("status", REPO, *TODAY, "-f", "html", "-o", page).exit_code == 0
    dom = dump_dom(page, tmp_path)
    assert '<p class="kicker">Stadt Telgte</p><h1>Digitale Strategie der Stadt Telgte</h1>' in dom
    assert dom.count('<tr class="sub">') == 4
    assert "Fortschritt des Portfolios: <strong>19,2 %</strong>" in dom


#: Each table's and the page's width against what is visible, as a browser lays them out.
TABLE_WIDTHS = """() => ({
  page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
  tables: [...document.querySelectorAll('table')].map(t => [t.className, t.scrollWidth, t.clientWidth,
    t.getBoundingClientRect().right]),
})"""


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_column_is_cut_off_at_a4_width(cli: Invoke, tmp_path: Path, lang: str) -> None:
    from tests.browser import artifacts, driven

    page_file = tmp_path / "stand.html"
    assert cli("status", REPO, *TODAY, "-f", "html", "--lang", lang, "-o", page_file).exit_code == 0
    with driven() as browser:
        context = browser.new_context(viewport={"width": 794, "height": 1123})
        page = context.new_page()
        page.goto(page_file.as_uri())
        found = page.evaluate(TABLE_WIDTHS)
        page.screenshot(path=str(artifacts() / f"status-a4-{lang}.png"), full_page=True)
        context.close()
    scroll, client = found["page"]
    assert client == 794 and scroll <= client, found
    assert len(found["tables"]) == 3  # fields, portfolio, overdue steps
    for name, table_scroll, table_client, right in found["tables"]:
        assert table_scroll <= table_client, (name, table_scroll, table_client)
        assert right <= client, (name, right)


def test_titles_that_look_like_rich_markup_are_printed_as_written(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(
        """version: 1
municipality: {name: M, state: Bayern}
workshop: {title: "[/] W", organiser: O, goal: G}
departments: [{id: d1, name: D}]
participants: [{id: x, role: "[/]", department: d1}]
fields_of_action: [{id: f, title: "[/]"}]
projects:
  - {id: p, title: "[/bold]", fields: [f], next_steps: [{action: "[red]\\e[2J", owner: d1, due: 2000-01-01}]}
""",
        encoding="utf-8",
    )
    result = cli("status", tmp_path, "--today", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert "  [/]  " in result.stdout and "[/bold]" in result.stdout and "[red][2J" in result.stdout  # ESC dropped by the text policy
    assert "\x1b" not in result.stdout


# -- what may be rolled up together --------------------------------------------------------


def test_a_project_in_two_files_stops_the_roll_up_with_both_places(cli: Invoke, tmp_path: Path) -> None:
    """Issue 14, defect 4: ``status .`` showed one Stadtportal (80 %) and said nothing of the other."""
    from tests.check.test_repository import workshop, write

    folder = write(tmp_path / "repo", a=workshop(progress=80), b=workshop(progress=10))
    result = cli("status", folder, *TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""  # no report
    a, b = folder / "a.yaml", folder / "b.yaml"
    assert result.stderr.splitlines() == [
        f"{a}:7:9: error: project 'stadtportal' is also defined in {b}:7; a roll-up counts each "
        "project once, so define it in one file (shared ones in the strategy file)",
        f"{b}:7:9: error: project 'stadtportal' is also defined in {a}:7; a roll-up counts each "
        "project once, so define it in one file (shared ones in the strategy file)",
    ]


def test_projects_shared_through_the_strategy_file_are_no_clash(cli: Invoke, strategy_repo: Path) -> None:
    result = cli("status", strategy_repo, *TODAY, "-f", "json")
    assert result.exit_code == 0, result.output
    assert sum(json.loads(result.stdout)["by_status"].values()) == 11


@pytest.fixture
def two_municipalities(strategy_repo: Path) -> Path:
    """The Telgte repository with the Warstein kick-off put into it."""
    shutil.copy(EXAMPLES / "executive-program-kickoff.yaml", strategy_repo)
    return strategy_repo


def test_files_of_several_municipalities_are_not_rolled_up(cli: Invoke, two_municipalities: Path) -> None:
    """Issue 14, defect 4: the files of several municipalities made one "Stand der Strategie"."""
    result = cli("status", two_municipalities, *TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    repo = two_municipalities
    workshops = repo / "workshops"
    assert result.stderr.splitlines() == [
        f"{repo}:1:1: error: files of 2 municipalities cannot be rolled up into one: "
        f"Stadt Warstein: {repo / 'executive-program-kickoff.yaml'}; "
        f"Stadt Telgte (05570044): {repo / 'strategy.yaml'}, {workshops / '2019-03-auftakt.yaml'}, "
        f"{workshops / '2019-05-konkretisierung.yaml'} and 1 more; choose one with --municipality"
    ]


@pytest.mark.parametrize("wanted", ["Stadt Telgte", "stadt telgte", "05570044"])
def test_municipality_picks_one(cli: Invoke, two_municipalities: Path, wanted: str) -> None:
    result = cli("status", two_municipalities, *TODAY, "--municipality", wanted, "-f", "md")
    assert result.exit_code == 0, result.output
    # Byte for byte the roll-up of the repository without the Warstein file.
    assert result.stdout == cli("status", REPO, *TODAY, "-f", "md").stdout


def test_municipality_picks_the_other_one(cli: Invoke, two_municipalities: Path) -> None:
    result = cli("status", two_municipalities, *TODAY, "--municipality", "Stadt Warstein", "-f", "json")
    assert result.exit_code == 0, result.output
    workshops = json.loads(result.stdout)["workshops"]
    assert [w["file"] for w in workshops] == [str(two_municipalities / "executive-program-kickoff.yaml")]


def test_an_unknown_municipality_is_a_usage_error_with_a_suggestion(cli: Invoke, two_municipalities: Path) -> None:
    result = cli("status", two_municipalities, *TODAY, "--municipality", "Telgte")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "strategy-kit: error: no file here is of municipality 'Telgte' "
        "(found: Stadt Warstein, Stadt Telgte (05570044)); did you mean 'Stadt Telgte'?\n"
    )


def test_municipality_belongs_to_the_roll_up(cli: Invoke, strategy_repo: Path) -> None:
    kickoff = strategy_repo / "workshops" / "2019-03-auftakt.yaml"
    result = cli("status", kickoff, "stadtportal", "done", "--municipality", "Stadt Telgte")
    assert result.exit_code == 2
    assert "--municipality only apply to the roll-up" in result.stderr


@needs_git
def test_changes_since_compare_the_same_municipality(cli: Invoke, history: Repo) -> None:
    shutil.copy(EXAMPLES / "executive-program-kickoff.yaml", history.root)
    history.commit("Warstein dazu", "2019-07-01")
    result = cli("status", ".", *TODAY, "--since", "2019-05-01", "--municipality", "05570044", "-f", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    # Only Telgte's changes: the Warstein kick-off is in neither state compared.
    assert "Executive Program" not in json.dumps(changes, ensure_ascii=False)
    assert any("datenaustausch" in json.dumps(c) for c in changes)
    warstein = cli("status", ".", *TODAY, "--since", "2019-05-01", "--municipality", "Stadt Warstein", "-f", "json")
    kinds = {c["kind"] for c in json.loads(warstein.stdout)["changes"]}
    # The Warstein file did not exist on 2019-05-01; Telgte's files are not "removed".
    assert "workshop-added" in kinds
    assert not any(kind.endswith("removed") for kind in kinds), kinds


# -- issue 14, defect 4: the cases a roll-up still got wrong ----------------------------------


@pytest.fixture
def alphas(tmp_path: Path) -> Path:
    return write_alphas(tmp_path / "alphas")


def test_unicode_spellings_of_one_name_roll_up_as_one(cli: Invoke, tmp_path: Path) -> None:
    files = {name: workshop(spelling, project=name) for name, spelling in zip("abcd", MUENSTER, strict=True)}
    folder = write(tmp_path / "ms", **files)
    result = cli("status", folder, *TODAY, "-f", "json")
    assert result.exit_code == 0, result.output
    picked = cli("status", folder, *TODAY, "--municipality", "stadt m\u00fcnster", "-f", "json")
    assert picked.exit_code == 0, picked.output
    assert len(json.loads(picked.stdout)["workshops"]) == 4
    assert picked.stdout == result.stdout


def test_a_file_without_an_ags_is_not_placed_by_file_name_order(cli: Invoke, alphas: Path) -> None:
    result = cli("status", alphas, *TODAY)
    assert result.exit_code == 1
    assert f"{alphas / 'e.yaml'}:2:22: error: municipality.name: 'Stadt Alpha' without an AGS" in result.stderr
    for ags in ("09162000", "09162999"):
        picked = cli("status", alphas, *TODAY, "--municipality", ags)
        assert picked.exit_code == 1
        assert picked.stderr.startswith(f"{alphas / 'e.yaml'}:2:22: error: ")
        assert f"Stadt Alpha (09162000): {alphas / 'a.yaml'}; Stadt Alpha (09162999)" in picked.stderr


def test_a_name_of_several_municipalities_asks_for_the_ags(cli: Invoke, alphas: Path) -> None:
    (alphas / "e.yaml").unlink()
    result = cli("status", alphas, *TODAY, "--municipality", "Stadt Alpha")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "strategy-kit: error: --municipality 'Stadt Alpha' names 2 municipalities: "
        "Stadt Alpha (09162000), Stadt Alpha (09162999); choose one by its AGS\n"
    )


def test_a_directory_without_yaml_files_is_a_usage_error_as_in_check(cli: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    result = cli("status", empty, *TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    checked = cli("check", empty)
    assert checked.exit_code == 2
    assert result.stderr == checked.stdout.splitlines()[0] + "\n"


# -- the status page as a document -------------------------------------------------------


def test_word_document_names_the_strategy_and_lights_each_project(cli: Invoke, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn
    target = tmp_path / "stand.docx"
    result = cli("status", REPO, *TODAY, "-o", target)  # the format from the suffix
    assert result.exit_code == 0, result.output
    document = docx.Document(str(target))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:2] == ["Stadt Telgte", "Digitale Strategie der Stadt Telgte"]
    assert "Stand: 1. Oktober 2019" in paragraphs[2]
    assert any(p.startswith("Leitbild: Die Voraussetzungen") for p in paragraphs)
    assert any(p.startswith("¹ Die Summe zählt jede Maßnahme einmal.") for p in paragraphs)
    fields, portfolio, overdue = document.tables
    assert fields.rows[-1].cells[0].text == "Summe¹"
    # Like the report: who and what in the header, "Seite X von Y" as Word fields in the footer.
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Stadt Telgte\tDigitale Strategie der Stadt Telgte"
    codes = [t.text.strip() for t in section.footer.paragraphs[0]._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"] and section.footer.paragraphs[0].text.startswith("Seite ")
    rows = {row.cells[0].text: row.cells[2] for row in portfolio.rows[1:]}
    late = rows["Zukunftsfähige Infrastruktur"]
    assert late.text == "■ verspätet\nSchritt überfällig: IT-Infrastruktur der Standorte erfassen, seit 31. Mai 2019"
    # A measure shows the worst light of its open sub-projects, and which one it is.
    assert rows["Stadtportal mit Online-Services"].text == (
        "▲ gefährdet\nTeilmaßnahme überfällig: Online bezahlen, seit 31. August 2019"
    )
    assert [row.cells[3].text for row in portfolio.rows[:4]] == ["Gewicht", "1", "2", "1"]
    assert fields.rows[0].cells[-2].text == "davon gezählt" and fields.rows[-1].cells[-2].text == "3"
    # The status names are written upwards: they do not widen their columns, the fields' names get the room.
    widths = [column.width for column in fields.columns]
    assert widths[0] > 3 * max(widths[1:-1]), widths
    symbol = late.paragraphs[0].runs[0]
    assert symbol.text == "■" and str(symbol.font.color.rgb) == "C62828"  # colour and shape
    assert rows["↳ Online-Terminbuchung im Bürgerbüro"].text == "✓ erledigt"
    assert rows["Datenaustausch"].text == "○ ohne Termin"
    assert overdue.rows[1].cells[0].text == "31. Mai 2019"
    assert document.core_properties.author == "Stadt Telgte"


@pytest.mark.slow
def test_pdf_names_the_municipality(cli: Invoke, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    target = tmp_path / "stand.pdf"
    assert cli("status", REPO, *TODAY, "-f", "pdf", "-o", target).exit_code == 0, target
    reader = pypdf.PdfReader(str(target))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Stadt Telgte" in text and "Digitale Strategie der Stadt Telgte" in text
    assert "verspätet" in text and "Seite 1 von" in text
    assert reader.metadata is not None and reader.metadata.title.startswith("Stand der Umsetzung")


def test_the_sum_is_explained_only_when_it_differs_from_the_rows(cli: Invoke, tmp_path: Path) -> None:
    one_field = write(tmp_path / "one", a=workshop())
    out = cli("status", one_field, *TODAY, "-f", "md").stdout
    assert "¹" not in out and "Die Summe zählt" not in out
    two_fields = write(
        tmp_path / "two",
        a=workshop().replace("fields_of_action: [{id: f, title: F}]", "fields_of_action: [{id: f, title: F}, {id: g, title: G}]")
        .replace("fields: [f]", "fields: [f, g]"),
    )
    out = cli("status", two_fields, *TODAY, "-f", "md").stdout
    assert "| **Summe**¹ |" in out
    assert "¹ Die Summe zählt jede Maßnahme einmal. In mehreren Handlungsfeldern und daher in mehreren Zeilen: Stadtportal." in out
    html = cli("status", two_fields, *TODAY, "-f", "html").stdout
    assert "<sup>1</sup> Die Summe zählt jede Maßnahme einmal." in html


def test_the_portfolio_figure_is_explained_with_its_own_numbers(cli: Invoke) -> None:
    for fmt in ("table", "md", "html"):
        out = " ".join(cli("status", REPO, *TODAY, "-f", fmt).stdout.split())
        assert "ist der nach Gewicht gemittelte Fortschritt der Maßnahmen der obersten Ebene" in out, fmt
        assert "gezählt 3 von 11, Gewichte zusammen 3 (Spalte „Gewicht“)" in out, fmt
        assert "(geplant 10 %, in Umsetzung 50 %)" in out, fmt
        assert "Teilmaßnahmen (4) zählen nur über ihre Maßnahme" in out, fmt
        assert "Nicht gezählt: Ideen und Kandidaten (3), verworfene Maßnahmen (1)." in out, fmt


def _weighted(strategy_repo: Path, old: str, new: str) -> None:
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    strategy.write_text(text.replace(old, new), encoding="utf-8")


def test_a_weight_changes_the_figure_its_note_and_its_column(cli: Invoke, strategy_repo: Path) -> None:
    """The note's numbers are the computation's: weight 3 for the Stadtportal moves all of them."""
    _weighted(strategy_repo, "    status: in-progress\n    scores: {wirkung: 5", "    status: in-progress\n    weight: 3\n    scores: {wirkung: 5")
    data = json.loads(cli("status", strategy_repo, *TODAY, "-f", "json").stdout)
    assert data["progress"] == round((47.5 * 3 + 10 + 0) / 5, 1) == 30.5
    assert data["counted"] == {"projects": 3, "weights": 5, "sub_projects": 4, "pool": 3, "dropped": 1}
    assert {p["id"]: p["weight"] for p in data["projects"]}["stadtportal"] == 3
    md = cli("status", strategy_repo, *TODAY, "-f", "md").stdout
    assert "Fortschritt des Portfolios: **30,5 %**" in md
    assert "gezählt 3 von 11, Gewichte zusammen 5 (Spalte „Gewicht“)" in md
    assert "| Stadtportal mit Online-Services | in Umsetzung | ▲ gefährdet (Teilmaßnahme" in md
    assert "| 3 | 47,5 % |" in md
    assert "| **Summe**¹ | **2** | **2** | **1** | **2** | **2** | **1** | **1** | **11** | **3** | **30,5 %** |" in md


def test_a_status_changes_the_counts_the_note_and_the_columns(cli: Invoke, strategy_repo: Path) -> None:
    """Datenaustausch from candidate to planned: one more counted, one fewer in the pool."""
    _weighted(strategy_repo, "    status: candidate\n", "    status: planned\n")
    md = cli("status", strategy_repo, *TODAY, "-f", "md").stdout
    assert "gezählt 4 von 11, Gewichte zusammen 4" in md
    assert "Nicht gezählt: Ideen und Kandidaten (2), verworfene Maßnahmen (1)." in md
    # Digitales Rathaus: Stadtportal and now Datenaustausch count; (47,5 + 10) / 2.
    assert "| Digitales Rathaus | 1 | 0 | 0 | 2 | 2 | 1 | 0 | 6 | 2 | 28,8 % |" in md
    assert "| **Summe**¹ | **2** | **1** | **1** | **3** | **2** | **1** | **1** | **11** | **4** | **16,9 %** |" in md
    assert "| Datenaustausch | geplant | ○ ohne Termin | 1 | 10 % |" in md


def test_the_light_says_why_in_every_format(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    table = cli("status", REPO, *TODAY).stdout
    # The cause under the light, folded in its column (the golden file shows the layout).
    assert table.count("Schritt überfällig:") == 3 and table.count("Teilmaßnahme überfällig:") == 1
    assert "▲ gefährdet" in table.split("Teilmaßnahme überfällig:")[0].splitlines()[-2]
    html = cli("status", REPO, *TODAY, "-f", "html").stdout
    assert '<span class="note">Schritt überfällig: Zahlungsanbieter vergleichen, seit 31. August 2019</span>' in html
    data = json.loads(cli("status", REPO, *TODAY, "-f", "json").stdout)
    by_id = {p["id"]: p for p in data["projects"]}
    assert by_id["stadtportal"]["light"] == "at-risk"
    assert by_id["stadtportal"]["reason"] == {
        "code": "sub-project-overdue",
        "text": "Teilmaßnahme überfällig: Online bezahlen",
        "subject": "Online bezahlen",
        "project": "online-bezahlen",
        "due": "2019-08-31",
        "days_overdue": 31,
    }
    assert by_id["infrastruktur-zukunft"]["reason"]["code"] == "step-overdue"
    assert by_id["online-antraege"]["reason"] is None
    english = json.loads(cli("status", REPO, *TODAY, "-f", "json", "--lang", "en").stdout)
    assert english["projects"][0]["reason"]["text"] == "sub-measure overdue: Online bezahlen"


def test_a_style_of_a_workshop_file_sets_the_accent(cli: Invoke, strategy_repo: Path, tmp_path: Path) -> None:
    last = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    text = last.read_text(encoding="utf-8")
    assert text.count("\nreport:\n") == 1
    styled = text.replace("\nreport:\n", "\nreport:\n  style: {accent: '#7a1f5c', font: Verdana}\n")
    last.write_text(styled, encoding="utf-8")
    html = cli("status", strategy_repo, *TODAY, "-f", "html").stdout
    assert ':root{--accent:#7a1f5c;--ink:#1f2933;--muted:#52606d;--line:#c8cdd3;--soft:#eef3f9;--font:"Verdana"}' in html


def test_own_templates_replace_the_shared_stylesheet(cli: Invoke, tmp_path: Path) -> None:
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "base.css").write_text("body { font-family: var(--font), serif; }\n", encoding="utf-8")
    html = cli("status", REPO, *TODAY, "-f", "html", "--templates", own).stdout
    assert "body { font-family: var(--font), serif; }" in html
    assert "Liberation Sans" not in html
    assert cli("status", REPO, *TODAY, "--templates", own, "-f", "md").exit_code == 0


@needs_git
def test_changes_in_word_and_html_have_titles_and_german_dates(cli: Invoke, history: Repo, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    target = tmp_path / "stand.docx"
    assert cli("status", ".", *TODAY, "--since", "2019-05-01", "-o", target).exit_code == 0
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "Änderungen seit 1. Mai 2019" in paragraphs
    assert "Datenaustausch: Bewertung Dringlichkeit 3 → 5" in paragraphs
    html = cli("status", ".", *TODAY, "--since", "2019-05-01", "-f", "html").stdout
    assert "<h2>Änderungen seit 1. Mai 2019</h2>" in html
    assert "<li>Workshoptage (Workshop: Projekte konkretisieren): 14. Mai 2019 → 21. Mai 2019</li>" in html


def test_the_status_page_is_public_unless_asked_for_the_internal_edition(
    cli: Invoke, strategy_repo: Path, tmp_path: Path
) -> None:
    """An internal project, and its sub-projects, are on no public page; the internal edition says what it is."""
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    assert text.count("  - id: stadtportal\n") == 1
    strategy.write_text(text.replace("  - id: stadtportal\n", "  - id: stadtportal\n    internal: true\n"), encoding="utf-8")
    for fmt in ("table", "md", "html", "json"):
        public = cli("status", strategy_repo, *TODAY, "-f", fmt).stdout
        assert "Stadtportal" not in public and "Online-Anträge" not in public, fmt
        assert "Interne Fassung" not in public
        internal = cli("status", strategy_repo, *TODAY, "-f", fmt, "--internal").stdout
        assert "Stadtportal" in internal and "Online-Anträge" in internal, fmt
        if fmt != "json":
            assert "Interne Fassung – nicht zur Veröffentlichung" in internal, fmt


@pytest.mark.parametrize("command", ["status", "check"])
def test_an_error_of_the_strategy_file_is_reported_once(cli: Invoke, strategy_repo: Path, command: str) -> None:
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    assert "\nreview: 2020-03-01\n" in text
    strategy.write_text(text.replace("\nreview: 2020-03-01\n", "\nreview: 01.03.2020\n", 1), encoding="utf-8")
    assert len(list((strategy_repo / "workshops").glob("*.yaml"))) == 3  # each refers to the strategy file
    result = cli(command, strategy_repo)
    assert result.exit_code == 1
    shown = result.stderr if command == "status" else result.stdout
    lines = [line for line in shown.splitlines() if ": error: " in line]
    assert lines == [f"{strategy_repo}/strategy.yaml:30:9: error: review: write the date as year-month-day; did you mean 2020-03-01?"]


def test_status_and_the_implementation_report_refuse_a_repository_alike(cli: Invoke, tmp_path: Path) -> None:
    """Both read a repository through one loader: the same problems, the same words and exit status."""
    folder = write(tmp_path / "zwei", a=workshop(), b=workshop())
    status = cli("status", folder, *TODAY)
    report = cli("report", folder, "-f", "md", "--to", "2019-12-31")
    assert status.exit_code == report.exit_code == 1
    assert status.stderr == report.stderr
    assert f"{folder / 'a.yaml'}:7:9: error: project 'stadtportal' is also defined in" in status.stderr
    empty = write(tmp_path / "leer")
    assert cli("status", empty).stderr == cli("report", empty, "-f", "md").stderr != ""


def test_a_broken_template_ends_status_and_the_implementation_report_alike(
    cli: Invoke, history: Repo, tmp_path: Path
) -> None:
    """One place says what a template that does not parse or fails is: file, line, exit 2."""
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rollup.md.j2").write_text("# Stand\n{% if %}\n", encoding="utf-8")
    (own / "implementation.md.j2").write_text("# Bericht\n\n{% for %}\n", encoding="utf-8")
    status = cli("status", ".", *TODAY, "-f", "md", "--templates", own)
    assert status.exit_code == 2
    assert status.stderr.startswith(f"strategy-kit: error: {own / 'rollup.md.j2'}:2: template error: ")
    report = cli("report", ".", "-f", "md", "--to", "2019-09-30", "--templates", own)
    assert report.exit_code == 2
    assert report.stderr.startswith(f"strategy-kit: error: {own / 'implementation.md.j2'}:3: template error: ")
    (own / "rollup.md.j2").write_text("{{ nichts.da.drin }}\n", encoding="utf-8")
    status = cli("status", ".", *TODAY, "-f", "md", "--templates", own)
    assert (status.exit_code, status.stderr) == (2, "strategy-kit: error: template error: 'nichts' is undefined\n")
