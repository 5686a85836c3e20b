"""``strategy-kit export`` and ``import-scores`` from the command line."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from tests.spreadsheets import CRITERIA, TRICKY, scores, soffice_convert, tricky_yaml
from typer.testing import Result

Invoke = Callable[..., Result]


def test_telgte_csv_golden(cli: Invoke, examples: Path, tmp_path: Path,
                           golden: Callable[[str, str | bytes], None]) -> None:
    out = tmp_path / "telgte.csv"
    result = cli("export", examples / "telgte.yaml", "-o", out)
    assert result.exit_code == 0, result.stderr
    golden("export/telgte.csv", out.read_bytes())


def test_telgte_decidim_golden(cli: Invoke, examples: Path, tmp_path: Path,
                               golden: Callable[[str, str | bytes], None]) -> None:
    out = tmp_path / "results.csv"
    result = cli("export", examples / "telgte.yaml", "--format", "decidim", "-o", out)
    assert result.exit_code == 0, result.stderr
    golden("export/telgte.decidim.csv", out.read_bytes())
    comma = cli("export", examples / "telgte.yaml", "-f", "decidim", "--separator", ",").stdout
    assert comma.splitlines()[0] == (
        "id,parent/id,external_id,title/de,title/en,description/de,description/en,start_date,end_date,"
        "status/id,status/key,progress,weight,category/id"
    )


def test_export_refuses_to_overwrite(cli: Invoke, examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    out.write_text("keep", "utf-8")
    result = cli("export", examples / "telgte.yaml", "-o", out)
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert out.read_text("utf-8") == "keep"
    assert cli("export", examples / "telgte.yaml", "-o", out, "--force").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid;")


def test_import_dry_run_prints_the_diff_and_writes_nothing(cli: Invoke, telgte: Path, tmp_path: Path) -> None:
    table = tmp_path / "s.csv"
    assert cli("export", telgte, "-o", table).exit_code == 0
    text = table.read_bytes().decode("utf-8-sig")
    table.write_bytes(text.replace("stadtportal;Stadtportal mit Online-Services;Digitales Rathaus, "
                                   "Miteinander vernetzt;priorisiert;1;77,5;5;5;4",
                                   "stadtportal;Stadtportal mit Online-Services;Digitales Rathaus, "
                                   "Miteinander vernetzt;priorisiert;1;77,5;5;5;3,5").encode("utf-8"))
    before = telgte.read_bytes()
    result = cli("import-scores", telgte, table, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "+    scores: {wirkung: 5, dringlichkeit: 5, aufwand: 3.5, foerderung: 4, umsetzbar: 1}" in result.stdout
    assert telgte.read_bytes() == before
    result = cli("import-scores", telgte, table)
    assert (result.exit_code, result.stdout) == (0, "stadtportal: aufwand 4 -> 3.5\n")
    result = cli("import-scores", telgte, table)
    assert (result.exit_code, result.stdout) == (0, f"{telgte}: unchanged\n")


def test_import_exit_statuses(cli: Invoke, telgte: Path, tmp_path: Path) -> None:
    missing = cli("import-scores", telgte, tmp_path / "nope.csv")
    assert missing.exit_code == 2 and f"{tmp_path / 'nope.csv'}: error: no such file\n" == missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("id;wirkung\nstadtportal;6\n", "utf-8")
    result = cli("import-scores", telgte, bad)
    assert result.exit_code == 1
    assert result.stderr == f"{bad}:2:2: error: projects[stadtportal].scores.wirkung: 6 is above the scale maximum 5\n"
    extra = tmp_path / "extra.csv"
    extra.write_text("id;wirkung;notiz\nstadtportal;4;x\n", "utf-8")
    result = cli("import-scores", telgte, extra)
    assert result.exit_code == 0
    assert result.stderr == f"{extra}:1:3: warning: column 'notiz' is not a criterion; ignored\n"
    assert result.stdout == "stadtportal: wirkung 5 -> 4\n"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Calc is a package of its own (libreoffice-calc-nogui); Writer alone cannot open a CSV.
CALC = SOFFICE is not None and (Path(SOFFICE).resolve().parent / "libsclo.so").exists()


@pytest.mark.slow
@pytest.mark.skipif(not CALC, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
def test_a_spreadsheet_reads_numbers_as_numbers_and_titles_as_text(cli: Invoke, telgte: Path, tmp_path: Path) -> None:
    text = telgte.read_text("utf-8").replace("title: Datenaustausch\n", 'title: "=1+1"\n')
    telgte.write_text(text, "utf-8")
    source = tmp_path / "telgte.csv"
    assert cli("export", telgte, "-o", source).exit_code == 0
    # What Excel does on double-click in Germany: ';' separated, '"' quoted, UTF-8 (76), German locale (1031).
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1031", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    with zipfile.ZipFile(tmp_path / "telgte.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = re.findall(r"<si><t[^>]*>(.*?)</t></si>", book.read("xl/sharedStrings.xml").decode("utf-8"))
    cells = dict(re.findall(r'<c r="([A-Z]+\d+)"([^>]*)>', sheet))
    values = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*><v>([^<]*)</v>', sheet))
    # Row 2 is the Stadtportal: rank (E), points (F) and scores (G..K) are numbers.
    for ref, value in {"E2": "1", "F2": "77.5", "G2": "5", "I2": "4", "L2": "12"}.items():
        assert 't="s"' not in cells[ref] and values[ref] == value, ref
    # The hostile title is text, not a formula, and reads back with its neutralising quote.
    assert "<f>" not in sheet
    assert "&apos;=1+1" in strings or "'=1+1" in strings


def test_decidim_export_of_a_strategy_workshop_has_its_projects(cli: Invoke, strategy_repo: Path) -> None:
    result = cli("export", strategy_repo / "workshops" / "2019-09-massnahmen.yaml", "-f", "decidim")
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert any(";project:stadtportal;Stadtportal mit Online-Services;" in row for row in rows)
    assert any(";field-of-action:infrastruktur;Infrastruktur;" in row for row in rows)


# -- the workbook --------------------------------------------------------------------------


def test_xlsx_is_chosen_by_format_or_by_the_output_name(cli: Invoke, examples: Path, tmp_path: Path) -> None:
    named = tmp_path / "bewertung.xlsx"
    assert cli("export", examples / "telgte.yaml", "-o", named).exit_code == 0
    chosen = tmp_path / "x.dat"
    assert cli("export", examples / "telgte.yaml", "-f", "xlsx", "-o", chosen).exit_code == 0
    assert named.read_bytes() == chosen.read_bytes()
    with zipfile.ZipFile(named) as book:
        assert "xl/workbook.xml" in book.namelist()
    english = cli("export", examples / "telgte.yaml", "-f", "xlsx", "--lang", "en").stdout_bytes
    assert b"Scoring" in zipfile.ZipFile(io.BytesIO(english)).read("xl/workbook.xml")
    # A .csv name keeps the CSV.
    plain = tmp_path / "x.csv"
    assert cli("export", examples / "telgte.yaml", "-o", plain).exit_code == 0
    assert plain.read_bytes().startswith(b"\xef\xbb\xbfid;")


def test_import_of_a_damaged_workbook_exits_1_with_one_line(cli: Invoke, telgte: Path, tmp_path: Path) -> None:
    table = tmp_path / "s.xlsx"
    assert cli("export", telgte, "-o", table).exit_code == 0
    table.write_bytes(table.read_bytes()[:-100])
    result = cli("import-scores", telgte, table)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{table}: error: not a readable workbook: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.slow
@pytest.mark.skipif(not CALC, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
def test_ids_titles_and_scores_survive_libreoffice_calc(cli: Invoke, tmp_path: Path) -> None:
    """Export, open and save in Calc (xlsx, then a German ';' CSV), import: nothing changed."""
    assert SOFFICE is not None
    workshop = tmp_path / "w.yaml"
    workshop.write_text(tricky_yaml(), "utf-8")
    before = workshop.read_bytes()
    exported = tmp_path / "bewertung.xlsx"
    assert cli("export", workshop, "-o", exported).exit_code == 0

    saved = soffice_convert(SOFFICE, exported, "xlsx", tmp_path / "calc")
    book = openpyxl.load_workbook(saved, data_only=True)
    sheet = book["Bewertung"]
    header = [c.value for c in sheet[1]]
    found = {
        row[0].value: (row[1].value, {c: row[header.index(c)].value for c, _, _ in CRITERIA})
        for row in sheet.iter_rows(min_row=2)
    }
    assert found == {ident: (title, scores(n)) for n, (ident, title) in enumerate(TRICKY)}
    assert all(isinstance(title, str) for title, _ in found.values())
    result = cli("import-scores", workshop, saved)
    assert (result.exit_code, result.stdout) == (0, f"{workshop}: unchanged\n"), result.output

    # ';' between cells, '"' quotes, UTF-8 (76), German locale (1031): what a German user saves.
    text = soffice_convert(SOFFICE, saved, "csv:Text - txt - csv (StarCalc):59,34,76,1,,1031", tmp_path / "csv")
    rows = list(csv.reader(io.StringIO(text.read_text("utf-8-sig"), newline=""), delimiter=";"))
    assert {row[0]: row[1] for row in rows[1:]} == dict(TRICKY)
    result = cli("import-scores", workshop, text)
    assert (result.exit_code, result.stdout) == (0, f"{workshop}: unchanged\n"), result.output

    # A score changed in Calc's workbook comes back, and nothing else.
    edit = openpyxl.load_workbook(saved)
    first = edit["Bewertung"]
    row = next(r for r in range(2, first.max_row + 1) if first.cell(r, 1).value == "0815")
    first.cell(row, header.index("wirkung") + 1).value = 3.5
    edit.save(saved)
    again = soffice_convert(SOFFICE, saved, "xlsx", tmp_path / "again")
    result = cli("import-scores", workshop, again)
    assert (result.exit_code, result.stdout) == (0, "0815: wirkung 0 -> 3.5\n"), result.output
    assert workshop.read_bytes() != before


def test_telgte_xlsx_golden(cli: Invoke, examples: Path, tmp_path: Path,
                            golden: Callable[[str, str | bytes], None]) -> None:
    """The same bytes every time; the fuzzer mutates this file (tests/fuzz/harness.py)."""
    out = tmp_path / "telgte.xlsx"
    assert cli("export", examples / "telgte.yaml", "-o", out).exit_code == 0
    golden("export/telgte.xlsx", out.read_bytes())


def test_a_missing_table_is_an_io_error_without_a_position(cli: Invoke, telgte: Path, tmp_path: Path) -> None:
    for name in ("nonexist.xlsx", "nonexist.csv"):
        result = cli("import-scores", telgte, tmp_path / name)
        assert (result.exit_code, result.stderr) == (2, f"{tmp_path / name}: error: no such file\n")
    check = cli("check", tmp_path / "nonexist.yaml")
    assert check.stdout.startswith(f"{tmp_path / 'nonexist.yaml'}: error: no such file\n")


@pytest.mark.parametrize("separator", ["|", "tab", ";;"])
def test_an_unknown_separator_is_a_usage_error_naming_the_separators(cli: Invoke, telgte: Path, separator: str) -> None:
    result = cli("export", telgte, "--separator", separator)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"strategy-kit: error: --separator {separator!r}: use ';' (German Excel, Decidim's default) or ','\n"
    )


# -- a strategy file: the whole portfolio -----------------------------------------------------

STRATEGY_FORMATS = [("csv", "strategy.csv"), ("decidim", "strategy.decidim.csv"),
                    ("xlsx", "strategy.xlsx"), ("json", "strategy.json")]


@pytest.mark.parametrize(("fmt", "name"), STRATEGY_FORMATS)
def test_strategy_portfolio_goldens(cli: Invoke, examples: Path, tmp_path: Path, fmt: str, name: str,
                                    golden: Callable[[str, str | bytes], None]) -> None:
    out = tmp_path / name
    result = cli("export", examples / "strategy-repo" / "strategy.yaml", "-f", fmt, "-o", out)
    assert result.exit_code == 0, result.stderr
    golden(f"export/{name}", out.read_bytes())


def test_strategy_progress_is_the_repositorys(cli: Invoke, strategy_repo: Path, tmp_path: Path) -> None:
    """Online-Bezahlen (planned, 10 %) is written in a workshop: it counts in the Stadtportal's figure."""
    import json

    strategy = strategy_repo / "strategy.yaml"
    projects = {p["id"]: p for p in json.loads(cli("export", strategy, "-f", "json").stdout)["projects"]}
    # Online-Anträge 40 % (weight 2), Terminbuchung done, Online-Bezahlen planned: (80 + 100 + 10) / 4.
    assert projects["stadtportal"]["progress"] == 47.5
    assert "online-bezahlen" not in projects  # a row of the workshop's export, not of the strategy's
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(strategy, alone / "strategy.yaml")
    projects = {p["id"]: p for p in json.loads(cli("export", alone / "strategy.yaml", "-f", "json").stdout)["projects"]}
    assert projects["stadtportal"]["progress"] == 60  # (80 + 100) / 3
    table = cli("export", strategy, "-f", "csv").stdout_bytes.decode("utf-8")
    assert "stadtportal;Stadtportal mit Online-Services;" in table and ";47,5\r\n" in table


@pytest.mark.parametrize(("fmt", "name"), STRATEGY_FORMATS)
def test_strategy_with_errors_writes_nothing(cli: Invoke, strategy_repo: Path, fmt: str, name: str) -> None:
    strategy = strategy_repo / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("    progress: 40\n", "    progress: 140\n"), encoding="utf-8")
    line = text.splitlines().index("    progress: 40") + 1
    out = strategy_repo / name
    result = cli("export", strategy, "-f", fmt, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.startswith(f"{strategy}:{line}:15: error: projects[online-antraege].progress")


def test_json_is_chosen_by_the_output_suffix(cli: Invoke, examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "portfolio.json"
    assert cli("export", examples / "strategy-repo" / "strategy.yaml", "-o", out).exit_code == 0
    assert out.read_text("utf-8").startswith('{\n  "format": "strategy-kit/portfolio",\n  "version": 1,')


def test_json_is_the_same_in_every_output_language(cli: Invoke, examples: Path) -> None:
    strategy = examples / "strategy-repo" / "strategy.yaml"
    german = cli("export", strategy, "-f", "json").stdout
    assert '"language": "de"' in german and '"status": "in-progress"' in german
    assert cli("export", strategy, "-f", "json", "--lang", "en").stdout == german


@pytest.mark.parametrize("spelling", ["absolute", "workshops/../strategy.yaml"])
def test_a_strategy_file_named_another_way_is_not_its_own_duplicate(
    cli: Invoke, strategy_repo: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """Named otherwise than its workshops name it, the strategy file was counted twice:
    every project of it "also defined in" itself, each warned about at both names."""
    monkeypatch.chdir(strategy_repo)
    strategy = strategy_repo / "strategy.yaml" if spelling == "absolute" else Path(spelling)
    result = cli("export", strategy, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    # A project written in two workshop files is still a warning, once at each place.
    kickoff = strategy_repo / "workshops" / "2019-05-konkretisierung.yaml"
    shutil.copyfile(kickoff, strategy_repo / "workshops" / "kopie.yaml")
    lines = cli("export", strategy, "-f", "json").stderr.splitlines()
    assert len(lines) == 2 and all("project 'online-bezahlen' is also defined in workshops/" in line for line in lines), lines
