"""The printed sheet of participant codes: what each card says, its QR code, ten cards a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import segno
from tests.readers import pdf_info

from strategy_kit.compute.codes import groups_of, issue, pretty
from strategy_kit.present.codes import PER_PAGE, card_url, codes_html, qr_svg, short_url
from strategy_kit.present.extras import MissingExtra, require
from strategy_kit.present.pdf import codes_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
JOIN = "http://192.168.178.20:8000/join"
TITLE = "Auftaktworkshop zur Erarbeitung einer digitalen Strategie"


def telgte_cards() -> list[tuple[str, str | None]]:
    from strategy_kit.check.validate import load_document

    document = load_document(EXAMPLES / "telgte.yaml").document
    return list(issue([*groups_of(document), None, None, None]).items())


def dark_modules(svg: str) -> set[tuple[int, int]]:
    """The modules the SVG paints, read back from its rectangles (``M x y h n v m h -n z``)."""
    (path,) = re.findall(r'<path fill="#000" d="([^"]*)"', svg)
    dark = set()
    for x, y, w, h in re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z", path):
        dark |= {(int(x) + i, int(y) + j) for i in range(int(w)) for j in range(int(h))}
    assert path.count("M") == len(re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z", path))
    return dark


def pdf_words(pdf: Path) -> str:
    """The PDF's text in the order it is drawn (card by card), spaces collapsed."""
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


def matrix_modules(url: str) -> set[tuple[int, int]]:
    qr = segno.make_qr(url, error="m")
    return {(x, y) for y, row in enumerate(qr.matrix_iter(scale=1, border=4)) for x, bit in enumerate(row) if bit}


def test_the_qr_code_paints_the_symbol_of_the_cards_address() -> None:
    url = card_url(JOIN, "K7MQ4PXR2")
    assert url == "http://192.168.178.20:8000/join?code=K7MQ4PXR2"
    svg = qr_svg(url, "QR")
    assert dark_modules(svg) == matrix_modules(url)
    assert dark_modules(svg) != matrix_modules(card_url(JOIN, "K7MQ4PXR3"))
    size = segno.make_qr(url, error="m").symbol_size(scale=1, border=4)[0]
    assert f'viewBox="0 0 {size} {size}"' in svg
    # Every painted module lies inside the quiet zone of 4 modules.
    assert all(4 <= x < size - 4 and 4 <= y < size - 4 for x, y in dark_modules(svg))


def test_addresses_as_opened_and_as_typed() -> None:
    assert card_url("http://host:8000/join?room=a", "K7MQ4PXR2") == "http://host:8000/join?room=a&code=K7MQ4PXR2"
    assert short_url("http://192.168.178.20:8000/join/") == "192.168.178.20:8000/join"
    assert short_url("HTTPS://raum.example/join") == "raum.example/join"


def test_each_card_has_its_code_group_and_qr_and_no_person() -> None:
    cards = telgte_cards()
    html = codes_html(cards, JOIN, TITLE, "de")
    assert html.count('<li class="card">') == 18
    assert html.count('<ul class="sheet">') == 2
    by_code = {re.findall(r'class="code">([^<]*)<', card)[0]: card for card in html.split('<li class="card">')[1:]}
    for code, group in cards:
        assert html.count(pretty(code)) == 1
        assert f'class="group">{group or "ohne Gruppe"}</div>' in by_code[pretty(code)]
        assert dark_modules(qr_svg(card_url(JOIN, code), "x")) == matrix_modules(card_url(JOIN, code))
        assert qr_svg(card_url(JOIN, code), "QR-Code: Abstimmung mit diesem Code öffnen") in html
    assert html.count(">ohne Gruppe<") == 4  # three spare cards and the mayor, a group of one
    assert html.count("Persönlicher Code: nicht weitergeben. Ihre Stimme bleibt anonym.") == 18
    assert html.count("192.168.178.20:8000/join</b>") == 18
    # A card says the department, never the role of a person in it.
    assert "Fachbereich 4: Planen, Bauen und Umwelt" in html
    for role in ("Datenschutzbeauftragte", "Klimaschutzmanagement", "Personalrat", "Moderation"):
        assert role not in html


def test_english_cards_and_escaped_titles() -> None:
    html = codes_html([("K7MQ4PXR2", None), ("P4R8ZTQ2M", "<b>Rat</b>")], JOIN, "A & <i>B</i>", "en")
    assert ">no group<" in html and "Personal code: do not pass it on." in html
    assert "&lt;b&gt;Rat&lt;/b&gt;" in html and "A &amp; &lt;i&gt;B&lt;/i&gt;" in html
    assert "<b>Rat</b>" not in html


def test_a_users_template_comes_first(tmp_path: Path) -> None:
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "codes.html.j2").write_text(
        "{% for page in pages %}{% for card in page %}[{{ card.code }}]{% endfor %}{% endfor %}", encoding="utf-8"
    )
    assert codes_html([("K7MQ4PXR2", None)], JOIN, TITLE, "de", templates=tmp_path) == "[K7M-Q4P-XR2]"


@pytest.fixture(scope="module")
def weasyprint() -> None:
    try:
        require("weasyprint", "PDF output")
    except MissingExtra as exc:
        pytest.skip(str(exc))


@pytest.mark.slow
@pytest.mark.usefixtures("weasyprint")
def test_the_pdf_holds_every_code_and_group(tmp_path: Path) -> None:
    cards = telgte_cards()
    pdf = tmp_path / "codes.pdf"
    pdf.write_bytes(codes_pdf(cards, JOIN, TITLE, "de"))
    info = pdf_info(pdf)
    assert info["Pages"] == "2"
    assert info["Page size"].endswith("(A4)")
    assert info["Title"] == f"Teilnahmecodes: {TITLE}"
    text = pdf_words(pdf)
    for code, group in cards:
        assert pretty(code) in text
        assert (group or "ohne Gruppe") in text
    assert text.count("Persönlicher Code: nicht weitergeben. Ihre Stimme bleibt anonym.") == 18


@pytest.mark.slow
@pytest.mark.usefixtures("weasyprint")
@pytest.mark.parametrize(("count", "pages"), [(1, 1), (PER_PAGE, 1), (PER_PAGE + 1, 2), (3 * PER_PAGE, 3)])
def test_ten_cards_a_page(tmp_path: Path, count: int, pages: int) -> None:
    long_group = "Fachbereich 2: Bürgerservice, Sicherheit und Ordnung, Standesamt und Feuerwehr"
    cards = list(issue([long_group] * count).items())
    pdf = tmp_path / "codes.pdf"
    pdf.write_bytes(codes_pdf(cards, JOIN, TITLE, "en"))
    assert pdf_info(pdf)["Pages"] == str(pages)
    text = pdf_words(pdf)
    assert all(pretty(code) in text for code, _ in cards)


@pytest.mark.slow
@pytest.mark.usefixtures("weasyprint")
def test_the_pdf_is_tagged_with_a_list_of_cards_and_each_qr_code_described(tmp_path: Path) -> None:
    import pikepdf

    cards = telgte_cards()
    pdf_path = tmp_path / "codes.pdf"
    pdf_path.write_bytes(codes_pdf(cards, JOIN, TITLE, "en"))
    found: list[tuple[str, str | None]] = []

    def walk(element: object) -> None:
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            found.append((str(element.S), str(element.Alt) if "/Alt" in element else None))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    with pikepdf.open(pdf_path) as pdf:
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        assert str(pdf.Root.Lang) == "en"
        walk(pdf.Root.StructTreeRoot.K[0] if isinstance(pdf.Root.StructTreeRoot.K, pikepdf.Array) else pdf.Root.StructTreeRoot.K)
    assert [s for s, _ in found].count("/L") == 2  # one list of cards a page
    assert [s for s, _ in found].count("/LI") == len(cards)
    assert [alt for s, alt in found if s == "/Figure"] == ["QR code: open the vote with this code"] * len(cards)
