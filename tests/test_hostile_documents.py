"""Hostile text in every text field comes out inert in PDF, DOCX, CSV and Decidim files.

The same hostile Telgte document as ``test_hostile_output`` (every free-text
field replaced by a string from :data:`tests.hostile.HOSTILE`), rendered into
the files a town hall opens, then read back by real readers: pypdf walks the
PDF's objects for anything that runs or fetches, poppler extracts its text,
python-docx and the zip archive show the Word file's parts, and Python's csv
module reads the spreadsheets cell by cell as a spreadsheet program would.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Invoke
from tests.hostile import (
    HOSTILE,
    csv_problems,
    docx_problems,
    hostile_document,
    pdf_problems,
    write,
)
from tests.readers import pdf_text

#: A script tag that must arrive as visible text, not vanish and not run.
VISIBLE = "<script>alert('xss')</script>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(hostile_document(0), tmp_path_factory.mktemp("hostile-documents") / "ws.yaml")


def render(cli: Invoke, argv: list[str], output: Path) -> bytes:
    result = cli(*argv, "-o", output)
    assert result.exit_code == 0, result.output
    return output.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["plan", "report"])
def test_pdf_holds_hostile_text_as_text_and_nothing_active(
    cli: Invoke, hostile: Path, tmp_path: Path, command: str
) -> None:
    pytest.importorskip("weasyprint")
    pdf = tmp_path / f"{command}.pdf"
    data = render(cli, [command, str(hostile), "--internal"], pdf)
    assert pdf_problems(data) == []
    text = " ".join(pdf_text(pdf).split())
    assert VISIBLE in text  # printed, not parsed as markup
    assert "alert(1)>" in text or "onerror=alert(1)" in text


@pytest.mark.parametrize("command", ["plan", "report"])
def test_docx_holds_hostile_text_as_text_and_nothing_active(
    cli: Invoke, hostile: Path, tmp_path: Path, command: str
) -> None:
    docx = pytest.importorskip("docx")
    data = render(cli, [command, str(hostile), "--internal"], tmp_path / f"{command}.docx")
    assert docx_problems(data) == []
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert VISIBLE in text
    assert "[klick](javascript:alert(10))" in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in body  # escaped XML, never markup


@pytest.fixture(scope="module")
def formulas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile file whose project titles are formulas, so the export has cells to neutralise."""
    doc = hostile_document(0)
    starters = [h for h in HOSTILE if h[:1] in "=+@"]
    for number, project in enumerate(doc["projects"]):
        project["title"] = starters[number % len(starters)]
    return write(doc, tmp_path_factory.mktemp("formulas") / "ws.yaml")


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ";"), ("decidim", ";")])
@pytest.mark.parametrize("mode", ["--public", "--internal"])
def test_spreadsheet_cells_never_start_a_formula(
    cli: Invoke, formulas: Path, fmt: str, delimiter: str, mode: str
) -> None:
    result = cli("export", formulas, "-f", fmt, mode)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    assert csv_problems(text, delimiter) == []
    # The neutralised cells are there (not dropped): a formula string became text.
    assert any(f"'{h}" in text or f"'{h}".replace('"', '""') in text for h in HOSTILE if h[:1] in "=+@")


def test_the_document_checkers_find_what_they_look_for(tmp_path: Path) -> None:
    """Each checker fails on a file that does hold active content, so the empty lists above mean something."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    assert pdf_problems(buffer.getvalue())

    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.part.relate_to("javascript:alert(1)", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    saved = io.BytesIO()
    document.save(saved)
    assert docx_problems(saved.getvalue())

    assert csv_problems("a;=1+1\n", ";") and csv_problems("@SUM(A1);x\n", ";")
    assert csv_problems("-2+3;x\n", ";") and not csv_problems("-2;'=1\n", ";")
    assert (EXAMPLES / "telgte.yaml").exists()
