"""``strategy-kit report``: the results report as HTML, Markdown, JSON, PDF or DOCX."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strategy_kit.cli.output import (
    AllOption,
    DocxTemplateOption,
    ForceOption,
    LangOption,
    OutputOption,
    PublicOption,
    TemplatesOption,
)

if TYPE_CHECKING:
    from strategy_kit.compute.progress import Figures
    from strategy_kit.document.model import StrategyDocument, WorkshopDocument
    from strategy_kit.present.assets import Frame
    from strategy_kit.present.report import Format


class ReportFormat(StrEnum):
    """Output formats of the report."""

    HTML = "html"
    MD = "md"
    JSON = "json"
    PDF = "pdf"
    DOCX = "docx"


def report(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file.", show_default=False)],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html, md, json, pdf or docx; default: from -o's suffix, else html.",
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    public: PublicOption = None,
    templates: TemplatesOption = None,
    docx_template: DocxTemplateOption = None,
    everything: AllOption = False,
) -> None:
    """Write the workshop's results report: cover, contents, a one-page summary,
    goal and the room's results, participants, starting situation, fields of
    action, the explained ranking of the projects up for decision, the roadmap of
    dated measures, a measure sheet per prioritised project, the next steps and
    the imprint. Chapters without content are left out; images are read beside FILE.
    """
    from strategy_kit.cli.output import (
        binary_output,
        fail,
        format_for,
        load_or_exit,
        progress_figures,
        write_output,
    )

    chosen = format_for(format, output, ReportFormat, ReportFormat.HTML)
    if chosen in (ReportFormat.PDF, ReportFormat.DOCX):
        binary_output(output, chosen.value.upper())
    loaded = load_or_exit(file)
    document = loaded.document

    import jinja2

    from strategy_kit.cli.output import print_diagnostics
    from strategy_kit.compute.prioritise import rank_document, unranked_warnings
    from strategy_kit.document.options import resolve_public

    ranking = rank_document(
        document, public=resolve_public(document, public), include_started=everything
    )
    print_diagnostics(unranked_warnings(loaded, ranking), stderr=True)
    progress = progress_figures(loaded)

    from strategy_kit.present.assets import load_frame
    from strategy_kit.present.extras import MissingExtra
    from strategy_kit.present.pdf import PdfError
    from strategy_kit.present.word import DocxTemplateError

    content: str | bytes
    try:
        content = _render(
            document,
            chosen,
            lang.value if lang else None,
            public,
            templates,
            docx_template,
            progress,
            include_started=everything,
            strategy=loaded.strategy,
            frame=load_frame(document, file),
        )
    except (MissingExtra, PdfError, DocxTemplateError) as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    except jinja2.TemplateSyntaxError as exc:
        fail(f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}")
        raise typer.Exit(2) from None
    except jinja2.TemplateError as exc:
        fail(f"template error: {exc}")
        raise typer.Exit(2) from None
    write_output(content, output, force=force)


def _render(
    document: WorkshopDocument,
    format: ReportFormat,
    lang: str | None,
    public: bool | None,
    templates: Path | None,
    docx_template: Path | None,
    progress: Figures,
    *,
    include_started: bool,
    strategy: StrategyDocument | None,
    frame: Frame,
) -> str | bytes:
    if format is ReportFormat.PDF:
        from strategy_kit.present.pdf import report_pdf

        return report_pdf(
            document,
            lang=lang,
            public=public,
            templates=templates,
            progress=progress,
            include_started=include_started,
            strategy=strategy,
            frame=frame,
        )
    if format is ReportFormat.DOCX:
        from strategy_kit.present.word import report_docx

        return report_docx(
            document,
            lang=lang,
            public=public,
            template=docx_template,
            progress=progress,
            include_started=include_started,
            strategy=strategy,
            frame=frame,
        )
    from strategy_kit.present.report import render_report

    text: Format = "md" if format is ReportFormat.MD else "json"
    if format is ReportFormat.HTML:
        text = "html"
    return render_report(
        document,
        format=text,
        lang=lang,
        public=public,
        templates=templates,
        progress=progress,
        include_started=include_started,
        strategy=strategy,
        frame=frame,
    )
