"""PDF agendas and reports, printed from the same HTML as the browser gets (WeasyPrint).

The HTML templates already lay out A4 pages for print (one day per page, each
measure sheet on a new page, SVG charts). This module adds only what belongs
to paper: running headers with municipality and workshop, page numbers and
document metadata. WeasyPrint fetches nothing: the pages are self-contained,
and any URL other than ``data:`` (a user's template pointing at a web font or
a tracking pixel) stops the rendering with :class:`PdfError`.
"""

from __future__ import annotations

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
    from strategy_kit.document.model import WorkshopDocument
    from strategy_kit.present.agenda import Options
    from strategy_kit.present.assets import Frame


class PdfError(Exception):
    """The page asked for something a PDF of strategy-kit will not fetch."""


def page_css(*, municipality: str, title: str, lang: str, cover: bool) -> str:
    """Running headers and page numbers as CSS margin boxes; YAML text as CSS strings."""
    from tinycss2.serializer import serialize_string_value

    def string(value: str) -> str:
        return f'"{serialize_string_value(value)}"'

    # ``Seite 3 von 12``: the words around the two page counters.
    before, between = label("pdf.page", lang), label("pdf.of", lang)
    small = "font-family: Helvetica, Arial, sans-serif; font-size: 8pt; color: #52606d;"
    place = string(one_line(municipality))
    name = string(one_line(title))
    css = f"""
@page {{
  @top-left {{ content: {place}; {small} vertical-align: bottom; }}
  @top-right {{ content: {name}; {small} vertical-align: bottom; text-align: right; }}
  @bottom-right {{ content: {string(before)} counter(page) {string(between)} counter(pages); {small} }}
}}
"""
    if cover:
        css += "@page :first { @top-left { content: none; } @top-right { content: none; } }\n"
    return css


def html_to_pdf(html: str, *, municipality: str, title: str, lang: str, cover: bool) -> bytes:
    """Print ``html`` to A4 PDF with headers, page numbers, title, language and creation date.

    Title and language come from the page's ``<title>`` and ``<html lang>``.
    No author is written: the one who would be named is a person.
    """
    weasyprint = require("weasyprint", "PDF output")
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Offline(URLFetcher):  # type: ignore[misc]
        """Refuses every URL but ``data:``, before any connection is tried."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                raise ValueError(url)
            return super().fetch(url, headers)

    fetcher = Offline(fail_on_errors=True)
    stylesheet = weasyprint.CSS(
        string=page_css(municipality=municipality, title=title, lang=lang, cover=cover),
        url_fetcher=fetcher,
    )
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=[stylesheet]
        )
    except FatalURLFetchingError as exc:
        url = exc.__cause__.args[0] if exc.__cause__ and exc.__cause__.args else str(exc)
        raise PdfError(
            f"{url}: not fetched; a PDF holds only what the page contains (use a data: URL)"
        ) from None
    metadata = document.metadata
    metadata.authors = []
    metadata.created = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")  # SOURCE_DATE_EPOCH if set
    # Tagged, so screen readers follow headings, lists and tables (BITV 2.0 asks
    # public bodies for accessible documents).
    data: bytes = document.write_pdf(pdf_tags=True)
    return data


def agenda_pdf(plan: Plan, options: Options, user_dir: Path | None = None) -> bytes:
    """The HTML agenda on A4: one page per day."""
    from strategy_kit.present.agenda import render_html

    doc = plan.document
    return html_to_pdf(
        render_html(plan, options, user_dir),
        municipality=doc.municipality.name,
        title=doc.workshop.title,
        lang=options.lang,
        cover=False,
    )


def report_pdf(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    templates: Path | None = None,
    progress: Figures | None = None,
    include_started: bool = False,
    frame: Frame | None = None,
) -> bytes:
    """The HTML report on A4: the cover alone, every measure sheet from a new page.

    ``progress``, ``include_started`` and ``frame`` as in
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
        frame=frame,
    )
    return html_to_pdf(
        html,
        municipality=document.municipality.name,
        title=document.workshop.title,
        lang=resolve_lang(document, lang),
        cover=True,
    )
