"""``strategy-kit export``: the projects as an Excel workbook, a CSV, Decidim's accountability import or JSON."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import ForceOption, LangOption, OutputOption


class ExportFormat(StrEnum):
    """What ``export`` writes."""

    CSV = "csv"
    XLSX = "xlsx"
    DECIDIM = "decidim"
    JSON = "json"


class Separator(StrEnum):
    """The character between cells."""

    SEMICOLON = ";"
    COMMA = ","


def export(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="The workshop file, or a strategy file (kind: strategy) for its whole portfolio.",
            show_default=False,
        ),
    ],
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx (an Excel workbook for people: typed cells, scoring in the room), "
            "csv (the same table for programs: scores, rank, status, lead), decidim "
            "(accountability results) or json (the portfolio for an open-data portal, "
            "schema/portfolio.schema.json) [default: xlsx for -o *.xlsx, json for -o *.json, else csv].",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--internal",
            help="Public: roles instead of names unless consented, nothing marked internal "
            "[default: decidim and json public; xlsx and csv the file's report.public, else internal].",
        ),
    ] = None,
    separator: Annotated[
        str,
        typer.Option(
            "--separator",
            help="Cell separator: ';' (German Excel, Decidim's default) or ',' "
            "(a Decidim platform set to DECIDIM_DEFAULT_CSV_COL_SEP=',').",
        ),
    ] = Separator.SEMICOLON.value,
) -> None:
    """Export the projects: as an Excel workbook or CSV (read edited scores back
    with import-scores), as results for a Decidim accountability component, or
    as JSON for an open-data portal. A strategy file exports its whole portfolio,
    with progress over every workshop file that refers to it.
    """
    from strategy_kit.cli.output import binary_output, load_or_exit, progress_figures, write_output

    if separator not in {s.value for s in Separator}:
        from strategy_kit.cli.editing import usage

        raise usage(f"--separator {separator!r}: use ';' (German Excel, Decidim's default) or ','")

    if format is None:
        suffix = output.suffix.lower() if output is not None else ""
        format = {".xlsx": ExportFormat.XLSX, ".json": ExportFormat.JSON}.get(suffix, ExportFormat.CSV)
    if format is ExportFormat.XLSX:
        binary_output(output, "xlsx")
    loaded = load_or_exit(file, strategy=True)
    chosen = lang.value if lang else None
    figures = progress_figures(loaded)
    data: bytes
    if format is ExportFormat.XLSX:
        from strategy_kit.present.workbook import export_xlsx

        data = export_xlsx(loaded.document, lang=chosen, public=public, progress=figures)
    elif format is ExportFormat.JSON:
        from strategy_kit.present.portfolio import export_json

        data = export_json(loaded.document, strategy=loaded.strategy, public=public, progress=figures)
    else:
        from strategy_kit.present.export import export_csv, export_decidim

        write = export_decidim if format is ExportFormat.DECIDIM else export_csv
        data = write(
            loaded.document, lang=chosen, public=public, delimiter=separator, progress=figures
        )
    write_output(data, output, force=force)
