"""PDF/UA-1 of every PDF, read back with pikepdf: metadata, tag tree, artifacts.

BITV 2.0 asks public bodies for accessible documents; a council publishes the
report and the agenda as they come out of strategy-kit. A screen reader reads
the tag tree, not the page: these tests read it too.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from strategy_kit.cli import app
from strategy_kit.present.extras import MissingExtra, require

if TYPE_CHECKING:
    import pikepdf

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGE_NUMBER = re.compile(r"^(Seite|Page) \d+ (von|of) \d+$")

#: name: (example, command, options); each is printed as PDF and as HTML.
DOCUMENTS = {
    "telgte-public": ("telgte.yaml", "report", ["--public"]),
    "telgte-internal": ("telgte.yaml", "report", ["--internal"]),
    "executive-program": ("executive-program-kickoff.yaml", "report", []),
    "agenda": ("telgte.yaml", "plan", []),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each document's PDF and the ``<title>`` of the HTML it is printed from."""
    try:
        require("weasyprint", "PDF output")
    except MissingExtra as exc:
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("pdf-ua")
    out = {}
    for name, (example, command, options) in DOCUMENTS.items():
        source = folder / example
        if not source.exists():
            shutil.copyfile(EXAMPLES / example, source)
        paths = {}
        for suffix in ("pdf", "html"):
            target = folder / f"{name}.{suffix}"
            args = [command, str(source), *options, "-f", suffix, "-o", str(target)]
            result = CliRunner().invoke(app, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
            paths[suffix] = target
        found = re.search(r"<title>(.*?)</title>", paths["html"].read_text(encoding="utf-8"))
        assert found is not None
        from html import unescape

        out[name] = (paths["pdf"], unescape(found.group(1)))
    return out


def kids(element: Any) -> list[Any]:
    import pikepdf

    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def tag(obj: Any) -> str | None:
    """A structure element's type (``/TR``), or None for a marked-content id."""
    import pikepdf

    return str(obj.S) if isinstance(obj, pikepdf.Dictionary) and "/S" in obj else None


def elements(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every structure element reachable from the root, in reading order."""
    import pikepdf

    def walk(element: Any) -> Iterator[Any]:
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            for kid in kids(element):
                yield from walk(kid)

    for top in kids(pdf.Root.StructTreeRoot):
        yield from walk(top)


def skipped_levels(headings: list[int]) -> list[tuple[int, int]]:
    """Pairs (before, after) where a heading goes down more than one level."""
    return [(a, b) for a, b in itertools.pairwise(headings) if b > a + 1]


def test_the_heading_check_can_fail() -> None:
    assert skipped_levels([1, 2, 3, 2, 3, 4, 1, 2]) == []
    assert skipped_levels([1, 2, 4]) == [(2, 4)]
    assert skipped_levels([2, 1, 3]) == [(1, 3)]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_metadata_names_the_title_the_language_and_pdf_ua(
    printed: dict[str, tuple[Path, str]], name: str
) -> None:
    import pikepdf

    path, title = printed[name]
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("dc:title") == title
        assert meta.get("pdfuaid:part") == "1"
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "de"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_header_cell_has_a_scope(printed: dict[str, tuple[Path, str]], name: str) -> None:
    import pikepdf

    with pikepdf.open(printed[name][0]) as pdf:
        cells = [e for e in elements(pdf) if e.S == "/TH"]
        assert cells
        scopes = [str(e.A.get("/Scope")) if "/A" in e else None for e in cells]
        assert set(scopes) <= {"/Column", "/Row"}, scopes


def marked_texts(page: Any) -> list[tuple[str, str, Any]]:
    """Each text run of a pypdf page with the marked content around it: (text, tag, properties)."""
    stack: list[tuple[str, Any]] = []
    texts: list[tuple[str, str, Any]] = []

    def before(operator: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            stack.append((str(args[0]), args[1] if len(args) > 1 else None))
        elif operator == b"EMC":
            stack.pop()

    def text(value: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if value.strip():
            tag, properties = stack[-1] if stack else ("", None)
            texts.append((value.strip(), tag, properties))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_data_cell_names_its_header_cells(
    printed: dict[str, tuple[Path, str]], name: str
) -> None:
    """A screen reader announces a cell with its header: row headers (measure sheets) too."""
    import pikepdf

    with pikepdf.open(printed[name][0]) as pdf:
        found = list(elements(pdf))
        ids = {str(e.ID) for e in found if e.S == "/TH" and "/ID" in e}
        cells = [e for e in found if e.S == "/TD"]
        assert cells
        for cell in cells:
            headers = [str(h) for h in cell.A.get("/Headers", [])]
            assert headers, "a data cell without header"
            assert set(headers) <= ids


@pytest.mark.parametrize("name", DOCUMENTS)
def test_running_headers_and_page_numbers_are_artifacts(
    printed: dict[str, tuple[Path, str]], name: str
) -> None:
    """The page number is an artifact; every marked text is an element of the tree."""
    import pikepdf
    from pypdf import PdfReader

    path = printed[name][0]
    with pikepdf.open(path) as pdf:
        reachable = {e.objgen for e in elements(pdf)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(PdfReader(path).pages):
            texts = marked_texts(page)
            numbers = [(tag, value) for value, tag, _ in texts if PAGE_NUMBER.match(value)]
            assert numbers == [("/Artifact", f"Seite {number + 1} von {len(pdf.pages)}")]
            for value, tag, properties in texts:
                if tag == "/Artifact":
                    continue
                mcid = int(properties["/MCID"])
                element = tree[number][mcid]
                assert isinstance(element, pikepdf.Dictionary), value
                assert element.objgen in reachable, f"page {number + 1}: {value!r} is in no element"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_table_without_rows(printed: dict[str, tuple[Path, str]], name: str) -> None:
    import pikepdf

    with pikepdf.open(printed[name][0]) as pdf:
        for element in elements(pdf):
            if element.S == "/TBody":
                assert any(tag(k) == "/TR" for k in kids(element)), "TBody without rows"
            if element.S == "/Table":
                rows = [
                    row
                    for part in kids(element)
                    for row in ([part] if tag(part) == "/TR" else kids(part))
                    if tag(row) == "/TR"
                ]
                assert rows, "Table without rows"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_headings_never_skip_a_level_downward(
    printed: dict[str, tuple[Path, str]], name: str
) -> None:
    import pikepdf

    with pikepdf.open(printed[name][0]) as pdf:
        headings = [int(str(e.S)[2]) for e in elements(pdf) if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert headings and headings[0] == 1
    assert skipped_levels(headings) == []


@pytest.mark.parametrize("name", ["telgte-public", "telgte-internal"])
def test_charts_alternative_text_states_the_data(
    printed: dict[str, tuple[Path, str]], name: str
) -> None:
    import pikepdf

    with pikepdf.open(printed[name][0]) as pdf:
        alts = [str(e.get("/Alt", "")) for e in elements(pdf) if e.S == "/Figure"]
    # The three charts, each stating its data (a photo beside the copy has its own alt text).
    maturity, matrix, roadmap = [alt for alt in alts if not alt.startswith("Flipchart")]
    assert maturity.startswith("Reifegrad je Handlungsfeld (0–5): Infrastruktur: Ist 2, Soll 4;")
    assert "Digitales Rathaus: Ist 1, Soll 4" in maturity
    assert matrix.startswith("Wirkungs-Aufwand-Matrix: 1: Stadtportal mit Online-Services")
    assert "4: Datenaustausch – Wirkung 0,8, Aufwand 0,6 (Große Vorhaben)" in matrix
    assert roadmap.startswith("Maßnahmenplan nach Quartalen: ")
    assert "Stadtportal mit Online-Services: 2. Quartal 2019 – 4. Quartal 2020" in roadmap
