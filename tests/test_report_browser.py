"""The HTML report printed by a real browser (Debian chromium): one page per measure sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.browser import print_to_pdf

from strategy_kit.check.validate import load_document
from strategy_kit.present.report import render_report

pytestmark = pytest.mark.slow


def test_each_measure_sheet_starts_on_its_own_page(examples: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    document = load_document(examples / "telgte.yaml").document
    assert document is not None
    html = tmp_path / "bericht.html"
    html.write_text(render_report(document, format="html"), encoding="utf-8")
    pdf = tmp_path / "bericht.pdf"
    print_to_pdf(html, pdf, tmp_path)

    texts = [(page.extract_text() or "").replace("\ufb00", "ff") for page in PdfReader(pdf).pages]
    # A browser prints the internal edition's mark at the top of every page too.
    mark = "Interne Fassung – nicht zur Veröffentlichung"
    assert all(text.lstrip().startswith(mark) for text in texts)
    pages = [text.lstrip().removeprefix(mark) for text in texts]
    assert len(pages) > 5
    assert pages[0].lstrip().startswith("ERGEBNISBERICHT")  # the cover stands alone
    assert "1. Zielsetzung und Ablauf" not in pages[0]
    starts = []
    for number in range(1, 5):
        heading = f"Maßnahmensteckbrief 7.{number}:"
        found = [i for i, text in enumerate(pages) if heading in text]
        assert len(found) == 1, heading
        before = pages[found[0]].split(heading)[0].strip()
        assert before in ("", "7. Maßnahmensteckbriefe"), before
        starts.append(found[0])
    assert starts == sorted(set(starts))
    # The charts are vector graphics, so their labels are text in the PDF.
    assert any("Schnelle Erfolge" in text and "Große Vorhaben" in text for text in pages)
    assert any("Digitales Rathaus" in text and "Ist" in text and "Soll" in text for text in pages)
