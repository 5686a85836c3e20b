"""Word documents, opened again with python-docx and converted by LibreOffice headless."""

from __future__ import annotations

import io
import itertools
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.present.test_report import PRIVATE_DOC, SECRETS
from tests.readers import pdf_info, pdf_text, soffice_to_pdf
from typer.testing import CliRunner, Result

from strategy_kit.check.validate import load_document
from strategy_kit.cli import app
from strategy_kit.compute.prioritise import rank_document
from strategy_kit.document.model import SessionKind
from strategy_kit.present.extras import MissingExtra, require

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NUMBERED = [
    "1. Zielsetzung und Ablauf",
    "2. Teilnehmende",
    "3. Ausgangssituation",
    "4. Handlungsfelder",
    "5. Priorisierte Projekte",
    "6. Maßnahmensteckbriefe",
    "7. Nächste Schritte und Folgetermine",
]
#: Word's chapters: the summary first, the imprint last, no printed contents (a TOC field).
SECTIONS = ["Das Wichtigste in Kürze", *NUMBERED, "Impressum"]


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        require("docx", "DOCX output")
    except MissingExtra as exc:
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("docx")
    shutil.copyfile(EXAMPLES / "telgte.yaml", folder / "telgte.yaml")
    (folder / "privat.yaml").write_text(PRIVATE_DOC, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def docs(folder: Path) -> dict[str, Path]:
    """Every DOCX the tests read, written once through the command line."""
    telgte, private = folder / "telgte.yaml", folder / "privat.yaml"
    runs = {
        "agenda": ["plan", telgte, "-o", folder / "agenda.docx"],
        "report": ["report", telgte, "-o", folder / "bericht.docx"],
        "public-report": ["report", private, "--public", "-f", "docx", "-o", folder / "p.docx"],
        "internal-report": ["report", private, "--internal", "-o", folder / "i.docx"],
        "public-agenda": ["plan", private, "--public", "-o", folder / "pa.docx"],
    }
    out = {}
    for name, args in runs.items():
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        out[name] = Path(args[-1])
    return out


def opened(path: Path) -> Any:
    import docx

    return docx.Document(str(path))


def headings(document: Any) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name == "Title" or p.style.name.startswith("Heading")
    ]


def every_text(document: Any) -> str:
    """Body paragraphs, table cells, headers and footers, and the document properties."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    props = document.core_properties
    parts += [str(getattr(props, name) or "") for name in (
        "author", "title", "subject", "keywords", "comments", "last_modified_by", "category"
    )]
    return "\n".join(parts)


def rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_agenda_has_a_heading_and_a_table_per_day(docs: dict[str, Path]) -> None:
    document = opened(docs["agenda"])
    assert headings(document) == [
        ("Title", "Agenda: Auftaktworkshop zur Erarbeitung einer digitalen Strategie"),
        ("Heading 1", "Dienstag, 5. März 2019: Innovationsworkshop"),
        ("Heading 1", "Mittwoch, 6. März 2019: Strategieentwicklung"),
    ]
    second_day = next(p for p in document.paragraphs if p.text.startswith("Mittwoch"))
    assert second_day.paragraph_format.page_break_before
    plan = load_document(EXAMPLES / "telgte.yaml").document
    assert plan is not None
    assert len(document.tables) == len(plan.days) == 2
    for table, day in zip(document.tables, plan.days, strict=True):
        cells = rows(table)
        assert cells[0][:2] == ["Zeit", "Einheit"] and "Leitung" in cells[0]
        # A band row across the table per block, then one row per session.
        sessions = [s for b in day.blocks for s in b.sessions]
        bands = [row for row in cells if len(set(row)) == 1]
        assert [row[0].split(" (")[0] for row in bands] == [b.title for b in day.blocks]
        sessions_rows = [row for row in cells[1:] if len(set(row)) > 1]
        assert len(cells) == 1 + len(day.blocks) + len(sessions)
        assert [row[1].splitlines()[0] for row in sessions_rows] == [s.title for s in sessions]
        breaks = [
            row for row, s in zip(sessions_rows, sessions, strict=True) if s.kind is SessionKind.BREAK
        ]
        assert breaks and all(row[0].endswith("Uhr") for row in breaks)
    first = rows(document.tables[0])
    assert first[1][0] == "Innovationsworkshop (09:00–16:00 Uhr)\nZiel: Themen der Digitalisierung" \
        " kennenlernen und verstehen, an praktischen Beispielen aus Kommunalverwaltungen und" \
        " Stadtentwicklungsprozessen."
    assert first[2][:2] == ["09:00–09:30 Uhr", "Begrüßung und Einführung"]


def test_agenda_shows_the_booked_time_and_when_the_programme_ends(docs: dict[str, Path]) -> None:
    # Telgte books both days until 16:30; the programme ends at 16:00.
    texts = [p.text for p in opened(docs["agenda"]).paragraphs]
    assert texts.count("09:00–16:30 Uhr · Programmende 16:00 Uhr, 30 min Puffer") == 2
    assert not any("09:00–16:00 Uhr" in t for t in texts)


def test_report_headings_follow_the_sections(docs: dict[str, Path]) -> None:
    found = headings(opened(docs["report"]))
    assert found[0] == ("Title", "Auftaktworkshop zur Erarbeitung einer digitalen Strategie")
    assert [text for style, text in found if style == "Heading 1"] == SECTIONS
    sheets = [text for style, text in found if text.startswith("Maßnahmensteckbrief 6.")]
    assert sheets == [
        "Maßnahmensteckbrief 6.1: Stadtportal mit Online-Services",
        "Maßnahmensteckbrief 6.2: zukunftsfähige Infrastruktur",
        "Maßnahmensteckbrief 6.3: smarte Mobilität",
        "Maßnahmensteckbrief 6.4: Datenaustausch",
    ]
    assert {style for style, text in found if text in sheets} == {"Heading 2"}
    # Heading levels never skip one, so the navigation pane shows a clean tree.
    levels = [int(style[-1]) for style, _ in found if style.startswith("Heading")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    pages = [p for p in opened(docs["report"]).paragraphs if p.paragraph_format.page_break_before]
    assert [p.text for p in pages] == [SECTIONS[0], NUMBERED[0], NUMBERED[5], *sheets[1:], NUMBERED[6]]


def test_report_ranking_table(docs: dict[str, Path]) -> None:
    document = opened(docs["report"])
    telgte = load_document(EXAMPLES / "telgte.yaml").document
    assert telgte is not None
    ranked = rank_document(telgte).ranked
    columns = [c for c in telgte.criteria if not c.knockout]
    criteria = [f"K{n}" for n in range(1, len(columns) + 1)]
    header = ["Rang", "Projekt", *criteria, "Punkte", "Stimmen", "Priorität"]
    tables = [rows(t) for t in document.tables if rows(t)[0] == header]
    assert len(tables) == 1
    ranking = tables[0]
    assert len(ranking) == 1 + len(ranked)
    assert [row[1] for row in ranking[1:]] == [e.project.title for e in ranked]
    assert ranking[1][0] == "1" and ranking[1][-3] == "77,5"
    assert document.tables[0].style.name == "Table Grid"


def test_core_properties_name_the_municipality_not_a_person(docs: dict[str, Path]) -> None:
    props = opened(docs["report"]).core_properties
    assert props.title == (
        "Ergebnisbericht: Auftaktworkshop zur Erarbeitung einer digitalen Strategie – Stadt Telgte"
    )
    assert props.language == "de-DE"
    assert props.author == "Stadt Telgte"
    assert props.last_modified_by == "Stadt Telgte"
    assert opened(docs["agenda"]).core_properties.language == "de-DE"


def test_public_documents_name_nobody_without_consent(docs: dict[str, Path]) -> None:
    assert "Xylophon" in every_text(opened(docs["internal-report"]))
    for name in ("public-report", "public-agenda"):
        text = every_text(opened(docs[name])).lower()
        for secret in SECRETS:
            assert secret.lower() not in text, (name, secret)
    public = every_text(opened(docs["public-report"]))
    assert "Lea Offenherz (Digitallotsin)" in public and "Amtsleitung" in public


def test_english_labels(folder: Path) -> None:
    out = folder / "en.docx"
    assert invoke("report", folder / "telgte.yaml", "--lang", "en", "-o", out).exit_code == 0
    found = [text for style, text in headings(opened(out)) if style == "Heading 1"]
    assert found[0] == "Summary at a glance" and found[-1] == "Imprint"
    assert found[1] == "1. Goal and process" and found[6] == "6. Measure sheets"
    assert opened(out).core_properties.language == "en-GB"


# -- corporate templates ------------------------------------------------------------------


def _corporate(path: Path, *, strip_styles: bool = False) -> Path:
    """A municipality's template: its own heading font, a header, a footer, body text."""
    import docx
    from docx.shared import RGBColor

    template = docx.Document()
    template.styles["Heading 1"].font.name = "Corporate Sans"
    template.styles["Heading 1"].font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    section = template.sections[0]
    section.header.paragraphs[0].text = "Stadtverwaltung Musterstadt · Der Bürgermeister"
    section.footer.paragraphs[0].text = "Musterstadt, Marktplatz 1"
    template.add_paragraph("Platzhaltertext der Vorlage")
    template.core_properties.author = "Max Mustermann"
    template.core_properties.comments = "Vorlage von Max Mustermann"
    if strip_styles:
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Table Grid", "List Bullet"):
            element = template.styles[name].element
            element.getparent().remove(element)
    template.save(str(path))
    return path


def _as_dotx(docx_path: Path, target: Path) -> Path:
    """The same file as a Word template (.dotx): only the main part's content type differs."""
    out = io.BytesIO()
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(item, data)
    target.write_bytes(out.getvalue())
    return target


@pytest.fixture
def templates(folder: Path, tmp_path: Path) -> Iterator[dict[str, Path]]:
    plain = _corporate(tmp_path / "vorlage.docx")
    yield {
        "docx": plain,
        "dotx": _as_dotx(plain, tmp_path / "vorlage.dotx"),
        "bare": _corporate(tmp_path / "bare.docx", strip_styles=True),
    }


@pytest.mark.parametrize("kind", ["docx", "dotx"])
def test_corporate_template_keeps_styles_headers_and_footers(
    folder: Path, templates: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "bericht.docx"
    result = invoke(
        "report", folder / "telgte.yaml", "--docx-template", templates[kind], "-o", out
    )
    assert result.exit_code == 0, result.output
    document = opened(out)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Stadtverwaltung Musterstadt · Der Bürgermeister"
    assert section.footer.paragraphs[0].text == "Musterstadt, Marktplatz 1"
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Corporate Sans"
    assert str(heading.font.color.rgb) == "8B0000"
    text = every_text(document)
    assert "Platzhaltertext" not in text and "Mustermann" not in text
    assert [t for s, t in headings(document) if s == "Heading 1"] == SECTIONS


def test_template_without_the_styles_gets_plain_ones(
    folder: Path, templates: dict[str, Path], tmp_path: Path
) -> None:
    import docx
    from docx.oxml.ns import qn

    assert "Heading 1" not in docx.Document(str(templates["bare"])).styles
    out = tmp_path / "agenda.docx"
    result = invoke("plan", folder / "telgte.yaml", "--docx-template", templates["bare"], "-o", out)
    assert result.exit_code == 0, result.output
    document = opened(out)
    assert [s for s, _ in headings(document)] == ["Title", "Heading 1", "Heading 1"]
    level = document.styles["Heading 1"].element.pPr.find(qn("w:outlineLvl"))
    assert level is not None and level.get(qn("w:val")) == "0"  # the navigation pane sees it
    assert document.tables[0].style is None or document.tables[0].style.name != "Table Grid"
    assert rows(document.tables[0])[0][0] == "Zeit"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Kein Word-Dokument\n", "not a Word document or template (.docx or .dotx)"),
        (None, "cannot read"),
    ],
)
def test_unusable_template_is_one_line_exit_2(
    folder: Path, tmp_path: Path, content: bytes | None, message: str
) -> None:
    template = tmp_path / "vorlage.docx"
    if content is not None:
        template.write_bytes(content)
    out = tmp_path / "x.docx"
    result = invoke("report", folder / "telgte.yaml", "--docx-template", template, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"strategy-kit: error: {template}: {message}")
    assert not out.exists()


# -- LibreOffice ---------------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_opens_and_converts_both_documents(
    docs: dict[str, Path], tmp_path: Path
) -> None:
    agenda, report = soffice_to_pdf([docs["agenda"], docs["report"]], tmp_path)
    assert pdf_info(agenda)["Pages"] == "2"  # the page break before the second day holds
    text = pdf_text(agenda)
    assert "Dienstag, 5. März 2019: Innovationsworkshop" in text
    assert "Begrüßung und Einführung" in text
    text = pdf_text(report)
    for section in SECTIONS:
        assert section in text
    assert "Stadtportal mit Online-Services" in text and "77,5" in text
    assert int(pdf_info(report)["Pages"]) > 6
