"""PDF agendas and reports, read back with poppler (pdftotext, pdfinfo, pdftoppm, pdffonts)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.present.test_report import PRIVATE_DOC, SECRETS
from tests.readers import pdf_info, pdf_pages, pdf_text, run, section_pages
from typer.testing import CliRunner

from strategy_kit.cli import app
from strategy_kit.present.extras import MissingExtra, require

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MARK = "Interne Fassung – nicht zur Veröffentlichung"
TITLE = "Auftaktworkshop zur Erarbeitung einer digitalen Strategie"
SHEETS = (
    "Stadtportal mit Online-Services",
    "Zukunftsfähige Infrastruktur",
    "Smarte Mobilität",
    "Datenaustausch",
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF the tests read, rendered once through the command line."""
    try:
        require("weasyprint", "PDF output")
    except MissingExtra as exc:
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("pdf")
    telgte = folder / "telgte.yaml"
    shutil.copyfile(EXAMPLES / "telgte.yaml", telgte)
    shutil.copytree(EXAMPLES / "fotos", folder / "fotos")
    private = folder / "privat.yaml"
    private.write_text(PRIVATE_DOC, encoding="utf-8")
    runs = {
        "agenda": ["plan", telgte, "-o", folder / "agenda.pdf"],
        "report": ["report", telgte, "-o", folder / "bericht.pdf"],
        "report-en": ["report", telgte, "--lang", "en", "-f", "pdf", "-o", folder / "report.pdf"],
        "telgte-public": ["report", telgte, "--public", "-o", folder / "telgte-public.pdf"],
        "public-report": ["report", private, "--public", "-o", folder / "public.pdf"],
        "internal-report": ["report", private, "--internal", "-o", folder / "internal.pdf"],
        "public-agenda": ["plan", private, "--public", "-o", folder / "public-agenda.pdf"],
        "handout": ["plan", telgte, "--handout", "-o", folder / "handout.pdf"],
        "exec-agenda": ["plan", EXAMPLES / "executive-program-kickoff.yaml", "-o", folder / "exec.pdf"],
    }
    out = {}
    for name, args in runs.items():
        result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        out[name] = Path(args[-1])
    return out


def test_agenda_has_one_a4_page_per_day(pdfs: dict[str, Path]) -> None:
    info = pdf_info(pdfs["agenda"])
    assert info["Pages"] == "2"
    assert info["Page size"].endswith("(A4)")
    first, second = pdf_pages(pdfs["agenda"])
    assert "Dienstag, 5. März 2019: Innovationsworkshop" in first
    assert "Mittwoch, 6. März 2019" not in first
    assert "Mittwoch, 6. März 2019: Strategieentwicklung" in second
    assert "Begrüßung und Einführung" in first and "09:00–09:30 Uhr" in first
    for page in (first, second):
        # The day is booked until 16:30, the programme ends at 16:00: both are said.
        assert "09:00–16:30 Uhr · Programmende 16:00 Uhr, 30 min Puffer" in page
    for number, page in enumerate((first, second), start=1):
        # A day's first page has its own title: no running header repeats it above.
        assert page.strip().splitlines()[0] == "Auftaktworkshop zur Erarbeitung einer digitalen Strategie"
        assert page.count("Auftaktworkshop zur Erarbeitung") == 1
        assert page.rstrip().endswith(f"Seite {number} von 2")


def test_a4_pages_as_pictures_for_a_person(pdfs: dict[str, Path]) -> None:
    from tests.browser import artifacts

    for name in ("agenda", "handout", "exec-agenda"):
        for old in artifacts().glob(f"pdf-{name}-*.png"):
            old.unlink()
        run("pdftoppm", "-png", "-r", "60", pdfs[name], artifacts() / f"pdf-{name}")
        pictures = sorted(artifacts().glob(f"pdf-{name}-*.png"))
        assert len(pictures) == int(pdf_info(pdfs[name])["Pages"])
    # The executive programme's three blocks share one grid and fit their day's page.
    assert pdf_info(pdfs["exec-agenda"])["Pages"] == "1"


def test_the_handout_prints_no_planning_talk(pdfs: dict[str, Path]) -> None:
    first, second = pdf_pages(pdfs["handout"])
    for page in (first, second):
        assert "Puffer" not in page and "Arbeitszeit" not in page
        assert "fassung für die moderation" not in page.casefold()
        assert "09:00–16:00 Uhr" in page
    assert "fassung für die moderation" in pdf_pages(pdfs["agenda"])[0].casefold()
    # Names and headers whole: no hyphen inserted into a role or a column's name.
    text = pdf_text(pdfs["exec-agenda"])
    for broken in ("Bürgermeis-", "Paral-", "Moderati-", "Hauptgeschäftsfüh-", "Arbeitsgrup-"):
        assert broken not in text, broken
    assert "Hauptgeschäftsführer" in text and "Parallel" in text


def test_a_long_day_names_itself_on_its_further_pages(tmp_path: Path) -> None:
    text = (EXAMPLES / "telgte.yaml").read_text(encoding="utf-8")
    more = "".join(
        f"          - title: Zusatzeinheit {n}\n            duration: 15m\n" for n in range(30)
    )
    text = text.replace('end: "16:30"', 'end: "23:30"', 1)
    text = text.replace("          - id: ausblick-tag-2\n", more + "          - id: ausblick-tag-2\n", 1)
    source = tmp_path / "lang.yaml"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "lang.pdf"
    result = CliRunner().invoke(app, ["plan", str(source), "--max-stretch", "12h", "-o", str(target)])
    assert result.exit_code == 0, result.output
    pages = pdf_pages(target)
    assert len(pages) == 3
    first, further, second_day = pages
    assert first.strip().splitlines()[0] == "Auftaktworkshop zur Erarbeitung einer digitalen Strategie"
    header = further.strip().splitlines()[0]
    assert "Dienstag, 5. März 2019: Innovationsworkshop" in header
    assert "Auftaktworkshop" in header
    # The table's header row repeats on the further page.
    assert "Zeit" in further.split("Zusatzeinheit")[0]
    assert second_day.strip().splitlines()[0].startswith("Auftaktworkshop")


@pytest.mark.parametrize(
    ("extra", "band", "first_session"),
    [
        # Without the rule, these many extra sessions leave the band alone at a page's foot.
        (11, "Zusammenfassung und Ausblick", "Zusammenfassung der"),
        (19, "Arbeitsgruppen (", "Arbeitsgruppe 1: Digitale"),
    ],
)
def test_a_block_row_stays_on_the_page_of_its_first_session(
    tmp_path: Path, extra: int, band: str, first_session: str
) -> None:
    text = (EXAMPLES / "executive-program-kickoff.yaml").read_text(encoding="utf-8")
    more = "".join(f"          - title: Zusatz {n}\n            duration: 5m\n" for n in range(extra))
    anchor = "\n      - id: arbeitsgruppen\n"
    text = text.replace(anchor, "\n" + more.rstrip("\n") + anchor, 1)
    source = tmp_path / "lang.yaml"
    source.write_text(text.replace('end: "16:30"', 'end: "23:30"', 1), encoding="utf-8")
    target = tmp_path / "lang.pdf"
    args = ["plan", str(source), "--max-stretch", "12h", "--max-session", "12h", "-o", str(target)]
    assert CliRunner().invoke(app, args).exit_code == 0
    pages = pdf_pages(target)
    assert len(pages) == 2
    (page,) = [p for p in pages if band in p]
    assert first_session in page


def test_a_running_header_stays_on_one_line(tmp_path: Path) -> None:
    from strategy_kit.present.pdf import html_to_pdf

    title = "Zukunftswerkstatt Digitalisierung und Klimaschutz im ländlichen Raum 2030 plus"
    page = '<html lang="de"><title>T</title><p>Text</p></html>'
    pdf = tmp_path / "kopf.pdf"
    pdf.write_bytes(
        html_to_pdf(page, municipality="Stadt Bad Belzig", title=title, lang="de", cover=False)
    )
    lines = pdf_text(pdf).strip().splitlines()
    assert lines[0].startswith("Stadt Bad Belzig")
    assert "Belzig" not in lines[1]


def test_report_starts_every_measure_sheet_on_a_new_page(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["report"])
    assert int(pdf_info(pdfs["report"])["Pages"]) == len(pages) > 6
    cover = pages[0].strip().removeprefix(MARK).strip()
    assert cover.startswith("ERGEBNISBERICHT · AUFTAKTWORKSHOP")  # no running header on the cover
    assert "5.–6. März 2019" in cover and "Stadt Telgte (Nordrhein-Westfalen)" in cover
    starts = []
    for number, title in enumerate(SHEETS, start=1):
        heading = f"Maßnahmensteckbrief 7.{number}: {title}"
        found = [i for i, text in enumerate(pages) if heading in text]
        assert len(found) == 1, heading
        lines = [line.strip() for line in pages[found[0]].split(heading)[0].splitlines()]
        # The running header: place, the internal mark, the title (maybe on two lines).
        body = [line for line in lines if line and line != MARK and line not in TITLE]
        assert body[0].startswith("Stadt Telgte")  # the running header, then the sheet
        assert body[1:] in ([], ["7. Maßnahmensteckbriefe"]), body
        starts.append(found[0])
    assert starts == sorted(set(starts))
    assert pages[-1].rstrip().endswith(f"Seite {len(pages)} von {len(pages)}")


def _frame(line: str) -> bool:
    """The page's frame around the content: running header, edition mark, page number."""
    return (
        line == MARK
        or line.startswith("Stadt Telgte")
        or line in TITLE
        or re.search(r"(Seite|Page) \d+ (von|of) \d+$", line) is not None
    )


@pytest.mark.parametrize(("name", "lang"), [("report", "de"), ("report-en", "en")])
def test_each_measure_sheet_fits_one_page(pdfs: dict[str, Path], name: str, lang: str) -> None:
    """A sheet is printed and handed around alone: Telgte's sheets each start and end on one page."""
    from strategy_kit.present.labels import label

    pages = pdf_pages(pdfs[name])
    sheet = label("report.sheet", lang)
    headings = [f"{sheet} 7.{number}: {title}" for number, title in enumerate(SHEETS, start=1)]
    after = f"8. {label('report.sec_next', lang)}"
    spans = section_pages(pages, headings, after, _frame)
    assert [first for first, _ in spans] == sorted({first for first, _ in spans})
    assert [first == last for first, last in spans] == [True] * len(SHEETS), spans
    # The chapter after the sheets starts a page of its own: the last sheet's page is its alone.
    following = [i for i, page in enumerate(pages) if re.search(rf"^{re.escape(after)}$", page, re.MULTILINE)]
    assert following[-1] == spans[-1][1] + 1


def test_a_sheet_too_long_for_a_page_breaks_between_its_parts(tmp_path: Path) -> None:
    """Twelve milestones and six steps: the sheet takes two pages, no heading ends one."""
    from strategy_kit.check.validate import load_document
    from strategy_kit.present.pdf import report_pdf

    document = load_document(EXAMPLES / "telgte.yaml").document
    assert document is not None
    portal = document.projects[0]
    long = portal.model_copy(
        update={
            "milestones": [
                portal.milestones[0].model_copy(
                    update={"title": f"Meilenstein {m} des Portals mit einem längeren Titel"}
                )
                for m in range(12)
            ],
            "risks": [f"Risiko {i}: eine längere Beschreibung, die über eine Zeile reicht" for i in range(6)],
            "next_steps": [
                portal.next_steps[0].model_copy(update={"action": f"Schritt {i} des Portals"})
                for i in range(6)
            ],
        }
    )
    document = document.model_copy(update={"projects": [long, *document.projects[1:]]})
    pdf = tmp_path / "lang.pdf"
    pdf.write_bytes(report_pdf(document, public=False))
    pages = pdf_pages(pdf)
    first = next(i for i, text in enumerate(pages) if "Maßnahmensteckbrief 7.1:" in text)
    second = next(i for i, text in enumerate(pages) if "Maßnahmensteckbrief 7.2:" in text)
    assert second - first == 2  # the long sheet takes two pages, the next starts on a new one
    headers = {"Meilensteine": "Datum", "Indikatoren": "Indikator", "Nächste Schritte": "Schritt"}
    for page in pages[first:second]:
        lines = [line.strip() for line in page.splitlines() if line.strip() and not _frame(line.strip())]
        for index, line in enumerate(lines):
            if line in headers:  # a part's heading: its table's header row follows on the page
                assert index + 1 < len(lines) and lines[index + 1].startswith(headers[line]), line
    note = "* Priorität, wo nicht festgelegt"
    ending = [line.strip() for line in pages[second - 1].splitlines() if line.strip()]
    assert any(line.startswith(note) for line in ending)  # the note under the last table
    assert note not in pages[first]


def test_report_has_the_roadmap_before_the_sheets(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["report"])
    # The contents page names the chapter too; the chapter is the page with its chart.
    found = [i for i, text in enumerate(pages) if "6. Maßnahmenplan" in text and "Q1" in text]
    assert len(found) == 1
    page = pages[found[0]]
    # The chart is vector text: its axis, legend and rows are on the page.
    for words in ("2019", "2021", "Q1", "Q4", "priorisiert", "Meilenstein", "Infrastruktur"):
        assert words in page, words
    for title in ("Stadtportal mit Online-Services", "Zukunftsfähige Infrastruktur", "Smarte Mobilität", "Datenaustausch"):
        assert title in page, title  # every measure of Telgte has a period
    assert "Ohne Zeitraum" not in page
    # The diamonds named under the chart, by date (the table may follow on the next page).
    after = "\n".join(pages[found[0] : found[0] + 2])
    table = after[after.index("Meilensteine") :]
    assert re.search(r"Datum\s+Maßnahme\s+Meilenstein", table)
    assert "IT-Infrastruktur der Standorte erfasst" in table
    assert found[0] < next(i for i, text in enumerate(pages) if "Maßnahmensteckbrief 7.1" in text)


def test_report_in_english(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["report-en"])
    assert "Measure sheet 7.1: Stadtportal mit Online-Services" in text
    # English dates, in whatever spacing the locked CLDR data gives a range (the goldens pin it).
    assert re.search(r"5\s*–\s*6 Mar(ch)? 2019", text)
    assert re.search(r"Page 1 of \d+", text)
    assert "Maßnahmensteckbrief" not in text


def test_metadata_title_language_and_no_author(pdfs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    info = pdf_info(pdfs["report"])
    assert info["Title"] == (
        "Ergebnisbericht: Auftaktworkshop zur Erarbeitung einer digitalen Strategie – Stadt Telgte"
    )
    assert "Author" not in info
    assert PdfReader(pdfs["report"]).trailer["/Root"]["/Lang"] == "de"
    assert PdfReader(pdfs["report-en"]).trailer["/Root"]["/Lang"] == "en"
    assert pdf_info(pdfs["agenda"])["Title"].startswith("Agenda: Auftaktworkshop")


def test_pdfs_are_tagged_with_headings_and_tables_for_screen_readers(pdfs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    assert pdf_info(pdfs["report"])["Tagged"] == "yes"
    root = PdfReader(pdfs["report"]).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])

    kinds: set[str] = set()
    pending = [root["/StructTreeRoot"].get_object()]
    while pending:
        element = pending.pop()
        kinds.add(str(element.get("/S", "")))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                pending.append(kid)
    assert {"/H1", "/H2", "/Table", "/TR", "/L"} <= kinds, sorted(kinds)


def test_fonts_are_embedded_and_charts_are_vectors(pdfs: dict[str, Path]) -> None:
    fonts = run("pdffonts", pdfs["report"]).splitlines()[2:]
    assert fonts, "no fonts at all"
    for line in fonts:
        emb = line.split()[-5]  # columns: name type encoding emb sub uni object ID
        assert emb == "yes", line
    # The one raster image is the flipchart photo: the two SVG charts are drawn as
    # paths with real text.
    images = run("pdfimages", "-list", pdfs["report"]).splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [["640", "480"]]
    text = pdf_text(pdfs["report"])
    assert "Schnelle Erfolge" in text and "Große Vorhaben" in text
    assert "Digitales Rathaus" in text and "Ist" in text and "Soll" in text


def test_every_page_renders(pdfs: dict[str, Path], tmp_path: Path) -> None:
    for name in ("agenda", "report"):
        pages = int(pdf_info(pdfs[name])["Pages"])
        run("pdftoppm", "-r", "20", "-gray", pdfs[name], tmp_path / name)
        images = sorted(tmp_path.glob(f"{name}-*.pgm"))
        assert len(images) == pages
        for image in images:
            pixels = image.read_bytes().split(b"\n", 3)[3]  # P5, width height, 255, pixels
            assert min(pixels) < 128, f"{image.name} is blank"


def test_public_pdfs_name_nobody_without_consent(pdfs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    internal = pdf_text(pdfs["internal-report"])
    assert "Xylophon" in internal  # the internal edition does name her, so the check can fail
    for name in ("public-report", "public-agenda"):
        reader = PdfReader(pdfs[name])
        metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
        text = pdf_text(pdfs[name]) + metadata + " ".join(pdf_info(pdfs[name]).values())
        for secret in SECRETS:
            assert secret.lower() not in text.lower(), (name, secret)
    assert "Lea Offenherz (Digitallotsin)" in pdf_text(pdfs["public-report"])
    assert "Amtsleitung" in pdf_text(pdfs["public-report"])


def test_source_date_epoch_makes_the_file_reproducible(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdfs: dict[str, Path]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1551772800")  # 2019-03-05 08:00 UTC
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        result = CliRunner().invoke(
            app, ["plan", str(examples / "telgte.yaml"), "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert pdf_info(tmp_path / "a.pdf")["CreationDate"].startswith("2019-03-05T08:00:00")


def test_nothing_is_fetched(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    from strategy_kit.present.pdf import PdfError, html_to_pdf

    # A real local file the default fetcher would read: refused all the same.
    picture = tmp_path / "logo.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    for url in (picture.as_uri(), "http://127.0.0.1:9/logo.png", "https://example.org/x.css"):
        page = f'<html lang="de"><title>T</title><img src="{url}"></html>'
        with pytest.raises(PdfError, match=re.escape(url)):
            html_to_pdf(page, municipality="M", title="T", lang="de", cover=False)
    inline = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='9' height='9'/%3E"
    page = f'<html lang="de"><title>T</title><img src="{inline}"></html>'
    assert html_to_pdf(page, municipality="M", title="T", lang="de", cover=False)[:5] == b"%PDF-"


def test_yaml_text_cannot_break_out_of_the_page_header(pdfs: dict[str, Path]) -> None:
    from strategy_kit.present.pdf import page_css

    css = page_css(municipality='Ort"; } @page { x', title="a\\\nb", lang="de", cover=False)
    assert '"Ort\\"; } @page { x"' in css
    assert '"a\\\\ b"' in css


def test_the_contents_give_the_page_each_chapter_starts_on(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["report"])
    contents = pages[1]
    assert "\nInhalt\n" in contents
    entries = re.findall(r"^(.+?) \.{4,} (\d+)$", contents, flags=re.MULTILINE)
    headings = re.findall(r"^(?:\d+\. .+|Das Wichtigste in Kürze|Impressum)$", "\n".join(pages[2:]), flags=re.MULTILINE)
    chapters = [h for h in headings if not re.match(r"\d+\.\d", h)]
    assert [title for title, _ in entries] == chapters
    assert len(entries) == 10 and entries[0][0] == "Das Wichtigste in Kürze"
    for title, page in entries:
        found = [i + 1 for i, text in enumerate(pages) if re.search(rf"^{re.escape(title)}$", text, re.MULTILINE)]
        assert found[-1] == int(page), (title, found)


def test_the_internal_mark_is_on_every_page_and_not_in_the_public_edition(
    pdfs: dict[str, Path],
) -> None:
    internal = pdf_pages(pdfs["report"])
    assert all(MARK in page for page in internal)
    public = pdf_pages(pdfs["telgte-public"])
    assert len(public) > 6 and not any(MARK in page for page in public)


def test_the_summary_and_the_imprint_frame_the_report(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["report"])
    assert "Stand: 29. März 2019 · Version 1.0 · Entwurf" in pages[0]
    assert pages[2].count("Das Wichtigste in Kürze") == 1 and "Die wichtigsten Maßnahmen" in pages[2]
    last = pages[-1]
    assert "Impressum" in last and "Erstellt mit strategy-kit" in last
    assert "Baßfeld 4–6, 48291 Telgte" in last
    # The imprint shares its page with the last chapter: never alone on a page.
    assert "Folgetermine" in last


def test_the_flipchart_photo_is_in_the_pdf_with_its_caption(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["report"])
    caption = "Flipchart der Arbeitsgruppe Digitale Verwaltung mit der Bepunktung"
    found = [i for i, text in enumerate(pages) if caption in text]
    assert len(found) == 1
    images = run("pdfimages", "-list", pdfs["report"])
    assert any(line.split()[0] == str(found[0] + 1) for line in images.splitlines()[2:])
