"""Word documents, opened again with python-docx and converted by LibreOffice headless."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import copy_example
from tests.present.test_report import PRIVATE_DOC, SECRETS
from tests.readers import pdf_info, pdf_text, section_pages, soffice_to_pdf
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
    "5. Priorisierung der Maßnahmen",
    "6. Maßnahmenplan",
    "7. Maßnahmensteckbriefe",
    "8. Nächste Schritte und Folgetermine",
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
    copy_example("telgte.yaml", folder)
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
        # Long titles of leads ("Hauptgeschäftsführer des DStGB") in a narrow column.
        "exec-agenda": ["plan", EXAMPLES / "executive-program-kickoff.yaml", "-o", folder / "e.docx"],
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
        # A band row across the table per block, then one row per session. Telgte's
        # blocks only repeat their day's title: the band holds the goal alone.
        sessions = [s for b in day.blocks for s in b.sessions]
        bands = [row for row in cells if len(set(row)) == 1]
        assert [row[0] for row in bands] == [f"Ziel: {b.goal}" for b in day.blocks]
        assert "Parallel" in cells[0] if any(s.track for s in sessions) else "Parallel" not in cells[0]
        sessions_rows = [row for row in cells[1:] if len(set(row)) > 1]
        assert len(cells) == 1 + len(day.blocks) + len(sessions)
        assert [row[1].splitlines()[0] for row in sessions_rows] == [s.title for s in sessions]
        breaks = [
            row for row, s in zip(sessions_rows, sessions, strict=True) if s.kind is SessionKind.BREAK
        ]
        assert breaks and all(row[0].endswith("Uhr") for row in breaks)
    first = rows(document.tables[0])
    assert first[1][0] == "Ziel: Themen der Digitalisierung" \
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
    sheets = [text for style, text in found if text.startswith("Maßnahmensteckbrief 7.")]
    assert sheets == [
        "Maßnahmensteckbrief 7.1: Stadtportal mit Online-Services",
        "Maßnahmensteckbrief 7.2: Zukunftsfähige Infrastruktur",
        "Maßnahmensteckbrief 7.3: Smarte Mobilität",
        "Maßnahmensteckbrief 7.4: Datenaustausch",
    ]
    assert {style for style, text in found if text in sheets} == {"Heading 2"}
    # Heading levels never skip one, so the navigation pane shows a clean tree.
    levels = [int(style[-1]) for style, _ in found if style.startswith("Heading")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    pages = [p for p in opened(docs["report"]).paragraphs if p.paragraph_format.page_break_before]
    assert [p.text for p in pages] == ["Inhalt", SECTIONS[0], NUMBERED[0], *NUMBERED[5:7], *sheets[1:], NUMBERED[7]]


def test_report_ranking_table(docs: dict[str, Path]) -> None:
    document = opened(docs["report"])
    telgte = load_document(EXAMPLES / "telgte.yaml").document
    assert telgte is not None
    ranked = rank_document(telgte).ranked
    columns = [c for c in telgte.criteria if not c.knockout]
    criteria = [f"K{n}" for n in range(1, len(columns) + 1)]
    header = ["Rang", "Maßnahme", *criteria, "Nutzwert", "Stimmen", "Priorität"]
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
    assert found[1] == "1. Goal and process" and found[6] == "6. Roadmap" and found[7] == "7. Measure sheets"
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
    # Each measure sheet on one page, as in the PDF (the contents list the sheets too: after them).
    pages = [pdf_text(report, n) for n in range(1, int(pdf_info(report)["Pages"]) + 1)]
    chapter = max(i for i, page in enumerate(pages) if "7. Maßnahmensteckbriefe" in page)
    titles = ["Stadtportal mit Online-Services", "Zukunftsfähige Infrastruktur", "Smarte Mobilität", "Datenaustausch"]
    headings = [f"Maßnahmensteckbrief 7.{n}: {title}" for n, title in enumerate(titles, start=1)]

    def frame(line: str) -> bool:
        return line.startswith(("Stadt Telgte", "Interne Fassung")) or re.fullmatch(r"Seite \d+ von \d+", line) is not None

    spans = section_pages(pages[chapter:], headings, "8. Nächste Schritte und Folgetermine", frame)
    assert all(first == last for first, last in spans), spans


# -- frame: header, footer, contents, settings ---------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def field_codes(element: Any) -> list[str]:
    """The instructions of the complex fields below ``element``, in order."""
    return [code.text.strip() for code in element.iter(f"{W}instrText")]


def complex_fields(element: Any) -> list[list[str]]:
    """Each field's marks in order (``begin``, ``separate``, ``end``): real fields Word updates."""
    marks = [m.get(f"{W}fldCharType") for m in element.iter(f"{W}fldChar")]
    out: list[list[str]] = []
    depth = 0
    for mark in marks:
        if mark == "begin":
            if depth == 0:
                out.append([])
            depth += 1
        out[-1].append(mark)
        if mark == "end":
            depth -= 1
    return out


@pytest.mark.parametrize("name", ["agenda", "report"])
def test_footer_counts_pages_in_word_fields(docs: dict[str, Path], name: str) -> None:
    section = opened(docs[name]).sections[0]
    footer = section.footer
    assert not footer.is_linked_to_previous
    paragraph = footer.paragraphs[0]
    assert field_codes(paragraph._p) == ["PAGE", "NUMPAGES"]
    assert complex_fields(paragraph._p) == [["begin", "separate", "end"]] * 2
    # "Seite " PAGE " von " NUMPAGES, the words from labels.py (cached results "1").
    assert paragraph.text == "Seite 1 von 1"
    header = section.header.paragraphs[0].text
    assert header == "Stadt Telgte\tAuftaktworkshop zur Erarbeitung einer digitalen Strategie"
    # The report's cover has an empty header and footer of its own; the agenda has no cover.
    assert section.different_first_page_header_footer is (name == "report")
    if name == "report":
        assert not section.first_page_header.is_linked_to_previous
        first = section.first_page_header.paragraphs + section.first_page_footer.paragraphs
        # Telgte's report is internal by default: the cover carries the internal mark, nothing else.
        assert [p.text for p in first if p.text] == ["Interne Fassung – nicht zur Veröffentlichung"]
        assert not any(field_codes(p._p) for p in first)


def test_the_internal_edition_is_marked_on_every_page_and_the_public_one_nowhere(
    docs: dict[str, Path],
) -> None:
    mark = "Interne Fassung – nicht zur Veröffentlichung"
    internal = opened(docs["internal-report"]).sections[0]
    for header in (internal.header, internal.first_page_header):
        assert mark in [p.text for p in header.paragraphs]
    public = opened(docs["public-report"]).sections[0]
    texts = [p.text for h in (public.header, public.first_page_header) for p in h.paragraphs]
    assert mark not in texts


def test_english_footer_and_language(folder: Path) -> None:
    out = folder / "en-footer.docx"
    assert invoke("report", folder / "telgte.yaml", "--lang", "en", "-o", out).exit_code == 0
    document = opened(out)
    assert document.sections[0].footer.paragraphs[0].text == "Page 1 of 1"
    assert [p.text for p in document.paragraphs if p.style.name == "TOC Heading"] == ["Contents"]
    assert 'w:lang w:val="en-GB"' in part_xml(out, "word/styles.xml")
    assert 'w:val="de-DE"' not in part_xml(out, "word/styles.xml")


def test_report_has_a_table_of_contents_word_fills(docs: dict[str, Path]) -> None:
    document = opened(docs["report"])
    body = document.element.body
    assert field_codes(body).count('TOC \\o "1-1" \\h \\z \\u') == 1
    toc = next(f for f in complex_fields(body))
    assert toc == ["begin", "separate", "end"]
    titles = [p for p in document.paragraphs if p.style.name == "TOC Heading"]
    assert [p.text for p in titles] == ["Inhalt"]
    # After the cover, on a page of its own; the heading is not an entry of its own.
    assert titles[0].paragraph_format.page_break_before
    index = next(i for i, p in enumerate(document.paragraphs) if p.style.name == "TOC Heading")
    before = {p.style.name for p in document.paragraphs[:index]}
    assert "Title" in before and not any(name.startswith("Heading") for name in before)
    # Until Word rebuilds it, the field shows the chapters as the PDF's contents list them,
    # each linked to a bookmark on its heading; sections within a chapter are not entries.
    entries = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("toc ")]
    shown = [("toc 1", t) for s, t in headings(document) if s == "Heading 1"]
    assert entries == shown and len(entries) > 5
    assert ("toc 1", "Das Wichtigste in Kürze") in entries and ("toc 1", "Impressum") in entries
    anchors = [link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")]
    marks = {m.get(f"{W}name") for m in body.iter(f"{W}bookmarkStart")}
    assert len(anchors) == len(entries) and set(anchors) == marks
    settings = part_xml(docs["report"], "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    assert "<w:autoHyphenation/>" in settings
    # The agenda has no contents and no reason to ask Word to update fields on opening.
    assert "updateFields" not in part_xml(docs["agenda"], "word/settings.xml")
    assert "<w:autoHyphenation/>" in part_xml(docs["agenda"], "word/settings.xml")


@pytest.mark.parametrize("name", ["agenda", "report"])
def test_settings_and_styles_keep_the_schema_order(docs: dict[str, Path], name: str) -> None:
    """A strict validator wants w:settings children in the schema's order."""
    settings = part_xml(docs[name], "word/settings.xml")
    order = ["w:zoom", "w:proofState", "w:defaultTabStop", "w:autoHyphenation",
             "w:characterSpacingControl", "w:updateFields", "w:compat", "m:mathPr",
             "w:themeFontLang"]  # fmt: skip
    found = [tag for tag in order if f"<{tag}" in settings]
    assert found == sorted(found, key=settings.index)
    assert "w:autoHyphenation" in found


@pytest.mark.parametrize("name", ["agenda", "report", "public-report"])
def test_header_rows_are_marked_valueless(docs: dict[str, Path], name: str) -> None:
    document = opened(docs[name])
    marks = list(document.element.body.iter(f"{W}tblHeader"))
    assert marks and all(dict(m.attrib) == {} for m in marks)
    assert 'w:tblHeader w:val' not in part_xml(docs[name], "word/document.xml")
    # Only a table's first row repeats, and only where the table has a header row.
    for table in document.tables:
        flagged = [i for i, row in enumerate(table.rows) if row._tr.find(f"{W}trPr/{W}tblHeader") is not None]
        assert flagged in ([], [0])


@pytest.mark.parametrize("name", ["agenda", "report"])
def test_every_style_and_run_is_arial(docs: dict[str, Path], name: str) -> None:
    styles = part_xml(docs[name], "word/styles.xml")
    document = part_xml(docs[name], "word/document.xml")
    fonts = re.findall(r"<w:rFonts ([^>]*)/>", styles + document)
    assert fonts
    for attributes in fonts:
        assert "Theme" not in attributes and "theme" not in attributes, attributes
        assert set(re.findall(r'w:\w+="([^"]*)"', attributes)) == {"Arial"}, attributes
    opened_doc = opened(docs[name])
    assert opened_doc.styles["Normal"].font.size.pt == 10
    heading = opened_doc.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "1D5FA8" and heading.font.name == "Arial"
    grid = opened_doc.styles["Table Grid"].element
    assert {b.get(f"{W}color") for b in grid.find(f"{W}tblPr/{W}tblBorders")} == {"C8CDD3"}
    assert grid.find(f".//{W}tblStylePr[@{W}type='firstRow']/{W}tcPr/{W}shd").get(f"{W}fill") == "EEF3F9"


def test_language_is_set_on_the_styles(docs: dict[str, Path]) -> None:
    styles = opened(docs["report"]).styles
    defaults = styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "de-DE"
    normal = styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert normal is not None and normal.get(f"{W}val") == "de-DE"


# -- charts -------------------------------------------------------------------------------


def test_each_chart_caption_follows_its_picture(docs: dict[str, Path]) -> None:
    from PIL import Image

    document = opened(docs["report"])
    paragraphs = document.paragraphs
    captions = [i for i, p in enumerate(paragraphs) if p.style.name == "Caption"]
    assert [paragraphs[i].text for i in captions] == [
        "Reifegrad je Handlungsfeld (0–5)",
        "Wirkung für Bürgerschaft und Verwaltung; Aufwand (Kosten und Personal)."
        " Die Mitte jeder Skala zählt als hoch.",
        "Eine Maßnahme in mehreren Handlungsfeldern steht unter ihrem ersten.",
    ]
    descriptions = []
    for index in captions:
        picture = paragraphs[index - 1]
        inline = picture._p.find(f".//{{{WP}}}inline")
        assert inline is not None, paragraphs[index].text
        assert picture.paragraph_format.keep_with_next
        blip = inline.find(f".//{{{A}}}blip")
        part = document.part.related_parts[blip.get(f"{{{R}}}embed")]
        image = Image.open(io.BytesIO(part.blob))
        image.load()
        assert image.format == "PNG" and image.width > 900 and image.height > 400
        assert len(image.convert("L").getcolors(maxcolors=4096) or range(4097)) > 10  # drawn, not blank
        width_mm = int(inline.find(f"{{{WP}}}extent").get("cx")) / 36000
        assert 100 < width_mm <= 170.01  # the text width of A4 with 20 mm margins
        descriptions.append(inline.find(f"{{{WP}}}docPr").get("descr"))
    maturity, matrix, roadmap = descriptions
    assert roadmap.startswith("Maßnahmenplan")
    # The same words as the SVG's <desc> in HTML and the PDF's /Alt: the data, not only the title.
    assert maturity.startswith("Reifegrad je Handlungsfeld (0–5): Infrastruktur: Ist 2, Soll 4;")
    assert "Mobilität: Ist 1, Soll 3" in maturity
    assert matrix.startswith("Wirkungs-Aufwand-Matrix: 1: Stadtportal mit Online-Services – Wirkung")


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_chart_description_prefers_the_svgs_own() -> None:
    from strategy_kit.present.word import chart_description

    svg = '<svg><title>T</title><desc>Ist 2 &amp; Soll 4</desc></svg>'
    assert chart_description(svg) == "Ist 2 & Soll 4"
    assert chart_description("<svg><title>T</title></svg>") == "T"


# -- words broken without a hyphen -----------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def silent_breaks(lines: list[str], source: str) -> list[str]:
    """Line ends where a word of ``source`` was cut without a hyphen (``Stimm|en``).

    A break is silent when the last letters of a line and the first of the next
    together form a word of the source while neither part is one on its own.
    """
    words = set(_WORD.findall(source))
    found = []
    for line, following in itertools.pairwise(lines):
        end = re.search(r"([^\W\d_]+)\s*$", line)
        start = re.match(r"\s*([^\W\d_]+)", following)
        if not (end and start):
            continue
        head, tail = end.group(1), start.group(1)
        if head + tail in words and head not in words and tail not in words:
            found.append(f"{head}|{tail}")
    return found


def test_silent_breaks_are_found() -> None:
    source = "Stimmen Hauptgeschäftsführer Rang Projekt"
    assert silent_breaks(["Rang Stimm", "en Projekt"], source) == ["Stimm|en"]
    assert silent_breaks(["Hauptgeschäftsfü", "hrer"], source) == ["Hauptgeschäftsfü|hrer"]
    assert silent_breaks(["Rang", "Projekt", "Stimmen"], source) == []


@pytest.mark.slow
def test_libreoffice_breaks_no_word_and_numbers_pages(docs: dict[str, Path], tmp_path: Path) -> None:
    from tests.readers import run

    names = ["agenda", "exec-agenda", "report", "public-report"]
    pdfs = soffice_to_pdf([docs[n] for n in names], tmp_path)
    for name, pdf in zip(names, pdfs, strict=True):
        source = every_text(opened(docs[name]))
        lines = run("pdftotext", pdf, "-").splitlines()
        assert silent_breaks(lines, source) == [], name
        pages = int(pdf_info(pdf)["Pages"])
        text = pdf_text(pdf)
        first = 2 if "report" in name else 1  # the report's cover has no footer
        assert f"Seite {first} von {pages}" in text and f"Seite {pages} von {pages}" in text
        municipality = opened(docs[name]).sections[0].header.paragraphs[0].text.split("\t")[0]
        assert municipality in pdf_text(pdf, pages).splitlines()[0]
        if "report" in name:
            assert "Seite" not in pdf_text(pdf, 1) and municipality not in pdf_text(pdf, 1).splitlines()[0]


def test_template_without_header_gets_ours_and_keeps_its_look(folder: Path, tmp_path: Path) -> None:
    import docx

    plain = tmp_path / "ohne-kopf.docx"
    template = docx.Document()
    template.styles["Normal"].font.name = "Corporate Serif"
    template.save(str(plain))
    out = tmp_path / "bericht.docx"
    result = invoke("report", folder / "telgte.yaml", "--docx-template", plain, "-o", out)
    assert result.exit_code == 0, result.output
    document = opened(out)
    section = document.sections[0]
    assert section.header.paragraphs[0].text.startswith("Stadt Telgte\t")
    assert field_codes(section.footer.paragraphs[0]._p) == ["PAGE", "NUMPAGES"]
    assert document.styles["Normal"].font.name == "Corporate Serif"  # the theme is not forced
