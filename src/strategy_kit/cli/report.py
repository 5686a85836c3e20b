"""``strategy-kit report``: the results report as HTML, Markdown or JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import (
    ForceOption,
    LangOption,
    OutputOption,
    PublicOption,
    TemplatesOption,
)


class ReportFormat(StrEnum):
    """Output formats of the report."""

    HTML = "html"
    MD = "md"
    JSON = "json"


def report(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file.", show_default=False)],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="html, md or json; default: from -o's suffix, else html."
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    public: PublicOption = None,
    templates: TemplatesOption = None,
) -> None:
    """Write the workshop's results report: goal, participants, starting situation,
    fields of action, the explained ranking, a measure sheet per prioritised project
    and the next steps.
    """
    from strategy_kit.cli.output import fail, format_for, load_or_exit, write_output

    chosen = format_for(format, output, ReportFormat, ReportFormat.HTML)
    result = load_or_exit(file)
    document = result.document
    assert document is not None

    import jinja2

    from strategy_kit.cli.output import print_diagnostics
    from strategy_kit.cli.rank import unranked_warnings
    from strategy_kit.prioritise import rank_document
    from strategy_kit.report import is_public, render_report

    ranking = rank_document(document, public=is_public(document, public))
    print_diagnostics(unranked_warnings(result, ranking), stderr=True)

    try:
        text = render_report(
            document,
            format=chosen.value,
            lang=lang.value if lang else None,
            public=public,
            templates=templates,
        )
    except jinja2.TemplateSyntaxError as exc:
        fail(f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}")
        raise typer.Exit(2) from None
    except jinja2.TemplateError as exc:
        fail(f"template error: {exc}")
        raise typer.Exit(2) from None
    write_output(text, output, force=force)
