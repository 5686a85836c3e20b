"""PDF agendas, reports and the sheet of participant codes, printed from the same HTML as the browser gets (WeasyPrint).

The HTML templates already lay out A4 pages for print (one day per page, each
measure sheet on a new page, SVG charts). This module adds only what belongs
to paper: running headers with municipality and workshop, page numbers,
document metadata and what PDF/UA-1 asks of the tag tree (:func:`complete_tags`).
WeasyPrint fetches nothing: the pages are self-contained, and any URL other
than ``data:`` (a user's template pointing at a web font or a tracking pixel)
stops the rendering with :class:`PdfError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.document.options import resolve_lang
from strategy_kit.present.agenda import build_time
from strategy_kit.present.extras import require
from strategy_kit.present.labels import label
from strategy_kit.present.text import one_line

if TYPE_CHECKING:
    from strategy_kit.compute.progress import Figures
    from strategy_kit.compute.timing import Plan
    from strategy_kit.document.model import StrategyDocument, WorkshopDocument
    from strategy_kit.present.agenda import Options
    from strategy_kit.present.assets import Frame


class PdfError(Exception):
    """The page asked for something a PDF of strategy-kit will not fetch."""


def page_css(
    *, municipality: str, title: str, lang: str, cover: bool, continued: bool = False
) -> str:
    """Running headers and page numbers as CSS margin boxes; YAML text as CSS strings.

    Each header box has its width and stays on one line (a long title ends in an
    ellipsis, ``Stadt Bad Belzig`` never wraps). With ``continued`` (the agenda,
    whose every day opens with the workshop's title) the header is empty on a page
    that has its own ``h1``, and on a day's further pages names the workshop and
    the day (the last ``h1`` and ``h2`` before them).
    """
    from tinycss2.serializer import serialize_string_value

    def string(value: str) -> str:
        return f'"{serialize_string_value(value)}"'

    # ``Seite 3 von 12``: the words around the two page counters.
    before, between = label("pdf.page", lang), label("pdf.of", lang)
    from strategy_kit.present.theme import DEFAULT

    # The theme's font and muted colour (present/theme.py), as every other running text.
    small = f'font-family: "{DEFAULT.font}", "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 8pt; color: {DEFAULT.muted};'

    line = "white-space: nowrap; overflow: hidden; text-overflow: ellipsis;"
    if continued:
        left, right = "string(sk-title, first-except)", "string(sk-day, first-except)"
    else:
        left, right = string(one_line(municipality)), string(one_line(title))
    css = f"""
@page {{
  @top-left {{ content: {left}; {small} {line} width: 40%; vertical-align: bottom; padding-bottom: 3mm; }}
  @top-right {{ content: {right}; {small} {line} width: 58%; vertical-align: bottom; text-align: right; padding-bottom: 3mm; }}
  @bottom-right {{ content: {string(before)} counter(page) {string(between)} counter(pages); {small} {line} width: 30%; text-align: right; }}
}}
"""
    if continued:
        css += "h1 { string-set: sk-title content(text); }\nh2 { string-set: sk-day content(text); }\n"
    if cover:
        css += "@page :first { @top-left { content: none; } @top-right { content: none; } }\n"
    return css


def html_to_pdf(
    html: str, *, municipality: str, title: str, lang: str, cover: bool, continued: bool = False
) -> bytes:
    """Print ``html`` to A4 PDF with headers, page numbers, title, language and creation date.

    Title and language come from the page's ``<title>`` and ``<html lang>``.
    No author is written: the one who would be named is a person.
    """
    weasyprint = require("weasyprint", "PDF output")
    require("pikepdf", "PDF output")  # complete_tags: asked before the pages are laid out
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Offline(URLFetcher):  # type: ignore[misc]
        """Refuses every URL but ``data:``, before any connection is tried."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                raise ValueError(url)
            return super().fetch(url, headers)

    fetcher = Offline(fail_on_errors=True)
    stylesheet = weasyprint.CSS(
        string=page_css(
            municipality=municipality, title=title, lang=lang, cover=cover, continued=continued
        ),
        url_fetcher=fetcher,
    )
    page = weasyprint.HTML(string=html, url_fetcher=fetcher)
    try:
        document = page.render(stylesheets=[stylesheet])
    except FatalURLFetchingError as exc:
        url = exc.__cause__.args[0] if exc.__cause__ and exc.__cause__.args else str(exc)
        raise PdfError(
            f"{url}: not fetched; a PDF holds only what the page contains (use a data: URL)"
        ) from None
    metadata = document.metadata
    metadata.authors = []
    metadata.created = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")  # SOURCE_DATE_EPOCH if set
    # Tagged PDF/UA-1, so screen readers follow headings, lists and tables (BITV 2.0
    # asks public bodies for accessible documents): WeasyPrint writes the tag tree and
    # the XMP packet (dc:title, pdfuaid:part 1); complete_tags adds what it leaves out.
    return complete_tags(
        document.write_pdf(pdf_variant="pdf/ua-1"), alt=chart_descriptions(page.etree_element)
    )


def chart_descriptions(root: Any) -> dict[str, str]:
    """Each SVG chart's ``<title>`` mapped to its ``<desc>`` (the data), from the parsed page.

    WeasyPrint gives a chart's figure the title as alternative text; the
    description is what a reader who cannot see the chart needs.
    """
    svg = "{http://www.w3.org/2000/svg}"
    found = {}
    for chart in root.iter(f"{svg}svg"):
        title, desc = chart.find(f"{svg}title"), chart.find(f"{svg}desc")
        if title is not None and desc is not None and title.text and desc.text:
            found[title.text] = desc.text
    return found


def complete_tags(data: bytes, *, alt: Mapping[str, str] | None = None) -> bytes:
    """Finish WeasyPrint's tag tree for PDF/UA-1; the same bytes in, the same bytes out.

    ``data`` is a tagged PDF as WeasyPrint writes it; the result is the same PDF with

    - a figure whose alternative text is a key of ``alt`` (a chart's title) given
      the value instead (the chart's data, :func:`chart_descriptions`);
    - every table header cell (``TH``) given ``/Scope``: ``/Row`` when its row also
      holds data cells (a header at the start of a row), else ``/Column``;
    - table parts (``THead``, ``TBody``, ``TFoot``) that hold no row left out of the tree,
      and a ``Table`` left with no row at all left out with them (an empty table
      says nothing to a screen reader);
    - the running headers and page numbers marked ``/Artifact`` (pagination): WeasyPrint
      marks them as content but links them to no element of the tree.

    The file identifier is computed from the content, so the output stays
    byte-reproducible. Raises :class:`pikepdf.PdfError` if ``data`` is no PDF.
    """
    from io import BytesIO

    import pikepdf

    Name = pikepdf.Name
    descriptions = alt or {}
    parts = (Name.THead, Name.TBody, Name.TFoot)

    def kids(element: pikepdf.Object) -> list[pikepdf.Object]:
        k = element.get(Name.K)
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    def is_element(obj: pikepdf.Object) -> bool:
        return isinstance(obj, pikepdf.Dictionary) and Name.S in obj

    def rows(element: pikepdf.Object) -> int:
        return sum(
            1 if kid.S == Name.TR else rows(kid) if kid.S in parts else 0
            for kid in kids(element)
            if is_element(kid)
        )

    reachable: set[tuple[int, int]] = set()

    def visit(element: pikepdf.Object) -> None:
        reachable.add(element.objgen)
        kept = []
        for kid in kids(element):
            if is_element(kid) and kid.S in (*parts, Name.Table) and rows(kid) == 0:
                continue  # its marked content (if any) becomes an artifact below
            kept.append(kid)
            if is_element(kid):
                visit(kid)
        if isinstance(element.get(Name.K), pikepdf.Array):
            element.K = pikepdf.Array(kept)
        if str(element.S) == "/Figure":
            title = str(element.get(Name.Alt, ""))
            if title in descriptions:
                element.Alt = pikepdf.String(descriptions[title])
        if element.S == Name.TH:
            row = element.get(Name.P)
            data_cells = row is not None and any(
                is_element(cell) and cell.S == Name.TD for cell in kids(row)
            )
            attributes = element.get(Name.A)
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = pikepdf.Dictionary(O=Name.Table)
                element.A = attributes
            attributes.Scope = Name.Row if data_cells else Name.Column

    with pikepdf.open(BytesIO(data)) as pdf:
        tree = pdf.Root.StructTreeRoot
        for top in kids(tree):
            visit(top)
        # ParentTree: page index, then the element of each marked-content id on that page.
        nums = tree.ParentTree.Nums
        orphans: dict[int, set[int]] = {}
        for index in range(0, len(nums), 2):
            key, value = int(nums[index]), nums[index + 1]
            if not isinstance(value, pikepdf.Array):
                continue
            for mcid, element in enumerate(value):
                if is_element(element) and element.objgen not in reachable:
                    orphans.setdefault(key, set()).add(mcid)
                    value[mcid] = pikepdf.Object.parse(b"null")
        pagination = pikepdf.Dictionary(Type=Name.Pagination)
        for number, mcids in sorted(orphans.items()):
            page = pdf.pages[number]
            instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
            for instruction in pikepdf.parse_content_stream(page):
                if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                    instructions.append(instruction)  # an inline image, kept as it is
                    continue
                operands, operator = list(instruction.operands), instruction.operator
                if (
                    str(operator) == "BDC"
                    and len(operands) == 2
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and int(operands[1].get(Name.MCID, -1)) in mcids
                ):
                    operands = [Name.Artifact, pagination]
                instructions.append(pikepdf.ContentStreamInstruction(operands, operator))
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        out = BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def agenda_pdf(plan: Plan, options: Options, user_dir: Path | None = None) -> bytes:
    """The HTML agenda on A4: one page per day; a day's further pages name it on top."""
    from strategy_kit.present.agenda import render_html

    doc = plan.document
    return html_to_pdf(
        render_html(plan, options, user_dir),
        municipality=doc.municipality.name,
        title=doc.workshop.title,
        lang=options.lang,
        cover=False,
        continued=True,
    )


def report_pdf(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    templates: Path | None = None,
    progress: Figures | None = None,
    include_started: bool = False,
    strategy: StrategyDocument | None = None,
    frame: Frame | None = None,
) -> bytes:
    """The HTML report on A4: the cover alone, every measure sheet from a new page.

    ``progress``, ``include_started``, ``strategy`` and ``frame`` as in
    :func:`strategy_kit.present.report.build_context`. The table of contents
    gets its page numbers from the print style sheet (``target-counter``).
    """
    from strategy_kit.present.report import render_report

    html = render_report(
        document,
        format="html",
        lang=lang,
        public=public,
        templates=templates,
        progress=progress,
        include_started=include_started,
        strategy=strategy,
        frame=frame,
    )
    return html_to_pdf(
        html,
        municipality=document.municipality.name,
        title=document.workshop.title,
        lang=resolve_lang(document, lang),
        cover=True,
    )


def codes_pdf(
    cards: Sequence[tuple[str, str | None]],
    join_url: str,
    title: str,
    lang: str,
    *,
    templates: Path | None = None,
) -> bytes:
    """The participant codes as A4 pages of cut-out cards, ten a page: PDF bytes.

    Arguments as :func:`strategy_kit.present.codes.codes_html` takes them
    (``cards``: ``(code, group)`` pairs, a group None on a spare card). The
    header names the sheet and the workshop, the footer the page. Raises
    :class:`strategy_kit.present.extras.MissingExtra` without WeasyPrint,
    :class:`PdfError` for a user's template that fetches a URL.
    """
    from strategy_kit.present.codes import codes_html

    return html_to_pdf(
        codes_html(cards, join_url, title, lang, templates=templates),
        municipality=label("live.codes.title", lang),
        title=title,
        lang=lang,
        cover=False,
    )
