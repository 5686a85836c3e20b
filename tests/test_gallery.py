"""Every document of every example, rendered in every format, looked at as a reader does.

For each example (Telgte, the Executive Program kick-off, each workshop of the
strategy repository) the report and the agenda are written as HTML, PDF and
Word, the strategy repository's status report too, and the Umsetzungsbericht of
its second year from the history examples/strategy-history.sh gives it. Their pages are saved
as PNG under ``test-artifacts/gallery/`` (A4 pages; HTML also at 1920x1080) for
a person to look at, and the tests hold what a reader checks: A4 paper, the
same chapters in every format, no heading without content, no word broken
without a hyphen, nothing cut off at A4 width.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.browser import artifacts, driven
from tests.readers import pdf_info, program, run, soffice_to_pdf
from typer.testing import CliRunner

from strategy_kit.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WORKSHOPS = {
    "telgte": EXAMPLES / "telgte.yaml",
    "executive-program": EXAMPLES / "executive-program-kickoff.yaml",
    **{
        f"repo-{path.stem}": path
        for path in sorted((EXAMPLES / "strategy-repo" / "workshops").glob("*.yaml"))
    },
}
FORMATS = ("html", "pdf", "docx")
#: A4 in PostScript points, as pdfinfo prints it.
A4 = re.compile(r"^595(\.\d+)? x 841(\.\d+)?|^595(\.\d+)? x 842")


@dataclass(frozen=True)
class Rendered:
    """One document of one example in one format, and where its pages went."""

    example: str
    document: str
    format: str
    path: Path


def _write(args: list[str], out: Path) -> Path:
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--force"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def _render(example: str, source: Path, document: str, fmt: str, folder: Path) -> Rendered:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{document}.{fmt}"
    if document == "report":
        _write(["report", str(source), "-f", fmt, "--public"], out)
    elif document == "agenda":
        _write(["plan", str(source), "-f", fmt], out)
    elif document == "implementation":
        # The Umsetzungsbericht of the example's second year, from its history in git.
        _write(["report", str(source), "--from", "2020-10-01", "--to", "2021-09-30", "-f", fmt], out)
    else:
        _write(["status", str(source), "-f", fmt], out)
    return Rendered(example, document, fmt, out)


def _strategy_with_history(folder: Path) -> Path:
    """The example repository with two years of history (examples/strategy-history.sh)."""
    import os
    import sys

    target = folder / "telgte-strategie"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("SOURCE_DATE_EPOCH", None)
    script = EXAMPLES / "strategy-history.sh"
    subprocess.run(["bash", str(script), str(target)], check=True, env=env, capture_output=True, timeout=300)
    return target


def _pages_to_png(pdf: Path, target: Path, stem: str) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [program("pdftoppm"), "-png", "-r", "60", str(pdf), str(target / stem)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(target.glob(f"{stem}-*.png"))


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str, str], Path]]:
    """Every example's documents in every format, as PDFs (Word through LibreOffice)."""
    work = tmp_path_factory.mktemp("gallery")
    shelf = artifacts() / "gallery"
    shutil.rmtree(shelf, ignore_errors=True)
    pdfs: dict[tuple[str, str, str], Path] = {}
    words: list[tuple[str, str, Path]] = []
    jobs = [(name, path, doc) for name, path in WORKSHOPS.items() for doc in ("report", "agenda")]
    jobs.append(("strategy-repo", EXAMPLES / "strategy-repo", "status"))
    jobs.append(("strategy-history", _strategy_with_history(work), "implementation"))
    with driven() as browser:
        for example, source, document in jobs:
            folder = work / example
            for fmt in FORMATS:
                rendered = _render(example, source, document, fmt, folder)
                if fmt == "pdf":
                    pdfs[(example, document, "pdf")] = rendered.path
                elif fmt == "docx":
                    words.append((example, document, rendered.path))
                else:
                    page = browser.new_page(viewport={"width": 1920, "height": 1080})
                    page.goto(rendered.path.as_uri())
                    page.screenshot(path=str(shelf / example / f"{document}-html-1920x1080.png"))
                    page.set_viewport_size({"width": 794, "height": 1123})
                    page.screenshot(path=str(shelf / example / f"{document}-html-a4.png"), full_page=True)
                    page.close()
        converted = work / "word"
        converted.mkdir()
        for example, document, path in words:
            copy = converted / f"{example}--{document}.docx"
            shutil.copyfile(path, copy)
        for pdf in soffice_to_pdf(sorted(converted.glob("*.docx")), converted):
            example, document = pdf.stem.split("--")
            pdfs[(example, document, "docx")] = pdf
    for (example, document, fmt), pdf in pdfs.items():
        _pages_to_png(pdf, shelf / example, f"{document}-{fmt}")
    yield pdfs


def test_every_page_of_every_document_is_a4(gallery: dict[tuple[str, str, str], Path]) -> None:
    for key, pdf in gallery.items():
        size = pdf_info(pdf)["Page size"]
        assert A4.match(size), (key, size)


def _line_breaks(text: str) -> Iterator[tuple[str, str]]:
    lines = [line.strip() for line in text.splitlines()]
    for line, following in itertools.pairwise(lines):
        if not line or not following:
            continue
        end = re.search(r"([^\W\d_]+)$", line)
        start = re.match(r"^([^\W\d_]+)", following)
        if end and start:
            yield end.group(1), start.group(1)


def test_no_word_is_broken_without_a_hyphen(gallery: dict[tuple[str, str, str], Path]) -> None:
    found = {}
    for key, pdf in gallery.items():
        # Reading order, not layout: a table cell's lines follow each other.
        text = run("pdftotext", pdf, "-").replace("\u00ad", "").replace("\f", "\n")
        words = set(re.findall(r"\w+", text))
        broken = [f"{end}|{start}" for end, start in _line_breaks(text) if f"{end}{start}" in words]
        if broken:
            found[key] = broken
    assert not found


def _plain(html: str) -> str:
    import html as entities

    return " ".join(entities.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _chapters_html(path: Path) -> list[str]:
    return [_plain(h) for h in re.findall(r"<h2\b[^>]*>(.*?)</h2>", path.read_text(encoding="utf-8"), re.S)]


def _chapters_md(path: Path) -> list[str]:
    return [line[3:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]


def _chapters_docx(path: Path) -> list[str]:
    from docx import Document

    return [p.text.strip() for p in Document(str(path)).paragraphs if p.style is not None and p.style.name == "Heading 1"]


def _chapters_pdf(path: Path) -> list[str]:
    from pypdf import PdfReader

    items: list[Any] = list(PdfReader(path).outline)
    # The title (h1) is the one top bookmark when the cover carries it; chapters are its children.
    if len(items) == 2 and isinstance(items[1], list):
        items = items[1]
    return [" ".join(str(item.title).split()) for item in items if not isinstance(item, list)]


@pytest.mark.parametrize("example", sorted(WORKSHOPS))
def test_the_report_has_the_same_chapters_in_every_format(example: str, tmp_path: Path) -> None:
    source = WORKSHOPS[example]
    chapters = {
        fmt: reader(_render(example, source, "report", fmt, tmp_path).path)
        for fmt, reader in (
            ("html", _chapters_html),
            ("md", _chapters_md),
            ("docx", _chapters_docx),
            ("pdf", _chapters_pdf),
        )
    }
    # The contents are a chapter of their own in HTML, Markdown and PDF; in Word a TOC field.
    chapters = {fmt: [c for c in found if c not in ("Inhalt", "Contents")] for fmt, found in chapters.items()}
    assert len(chapters["html"]) >= 3, chapters
    for fmt, found in chapters.items():
        assert found == chapters["html"], (fmt, found, chapters["html"])


def test_the_roadmap_is_in_every_format_of_the_report(tmp_path: Path) -> None:
    """The Maßnahmenplan: a chart in HTML and PDF, the same chart as a picture in Word, a table in Markdown."""
    from docx import Document

    source = WORKSHOPS["telgte"]
    html = _render("telgte", source, "report", "html", tmp_path).path.read_text(encoding="utf-8")
    assert 'aria-labelledby="roadmap-chart-title roadmap-chart-desc"' in html
    pdf = run("pdftotext", _render("telgte", source, "report", "pdf", tmp_path).path, "-")
    assert "6. Maßnahmenplan" in pdf and "Datenaustausch" in pdf.split("6. Maßnahmenplan")[-1]
    word = Document(str(_render("telgte", source, "report", "docx", tmp_path).path))
    paragraphs = word.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.style is not None and p.style.name == "Heading 1" and p.text == "6. Maßnahmenplan")
    assert paragraphs[at + 1]._p.xpath(".//pic:pic")  # the chart, then its caption and milestones
    md = _render("telgte", source, "report", "md", tmp_path).path.read_text(encoding="utf-8")
    assert "## 6. Maßnahmenplan" in md and "| Handlungsfeld | Maßnahme | Beginn | Ende |" in md


@pytest.mark.parametrize("document", ["report", "status"])
def test_no_table_is_cut_off_at_a4_width(document: str, tmp_path: Path) -> None:
    source = EXAMPLES / "strategy-repo" if document == "status" else WORKSHOPS["telgte"]
    page_file = _render("telgte", source, document, "html", tmp_path).path
    with driven() as browser:
        page = browser.new_page(viewport={"width": 794, "height": 1123})
        page.goto(page_file.as_uri())
        cut = page.evaluate(
            """() => [...document.querySelectorAll('table')]
                .filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > innerWidth)
                .map(t => (t.querySelector('th') || t).textContent.trim().slice(0, 40))"""
        )
        page.close()
    assert cut == []
