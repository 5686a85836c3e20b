"""``strategy-kit export``: the projects as a CSV for Excel or for Decidim's accountability import."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import ForceOption, LangOption, OutputOption


class ExportFormat(StrEnum):
    """What ``export`` writes."""

    CSV = "csv"
    DECIDIM = "decidim"


class Separator(StrEnum):
    """The character between cells."""

    SEMICOLON = ";"
    COMMA = ","


def export(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file.", show_default=False)],
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv (Excel: scores, rank, status, lead) or decidim (accountability results). "
            "Both end in .csv, so -o's suffix does not choose.",
        ),
    ] = ExportFormat.CSV,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--internal",
            help="Public: roles instead of names unless consented, nothing marked internal "
            "[default: decidim public; csv the file's report.public, else internal].",
        ),
    ] = None,
    separator: Annotated[
        Separator,
        typer.Option(
            "--separator",
            help="Cell separator: ';' (German Excel, Decidim's default) or ',' "
            "(a Decidim platform set to DECIDIM_DEFAULT_CSV_COL_SEP=',').",
        ),
    ] = Separator.SEMICOLON,
) -> None:
    """Export the projects as CSV: for Excel (read edited scores back with
    import-scores) or as results for a Decidim accountability component.
    """
    from strategy_kit.cli.output import load_or_exit, progress_figures, write_output
    from strategy_kit.present.export import export_csv, export_decidim

    loaded = load_or_exit(file)
    chosen = lang.value if lang else None
    write = export_decidim if format is ExportFormat.DECIDIM else export_csv
    data = write(
        loaded.document,
        lang=chosen,
        public=public,
        delimiter=separator.value,
        progress=progress_figures(loaded),
    )
    write_output(data, output, force=force)
