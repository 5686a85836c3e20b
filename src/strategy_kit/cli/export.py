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
    from strategy_kit.document.options import resolve_lang, resolve_public
    from strategy_kit.present.export import csv_rows, decidim_rows, write_table

    loaded = load_or_exit(file)
    document = loaded.document
    language = resolve_lang(document, lang.value if lang else None)
    progress = progress_figures(loaded)
    if format is ExportFormat.DECIDIM:
        shown = resolve_public(document, public, published=True)
        rows = decidim_rows(document, lang=language, public=shown, progress=progress)
        data = write_table(rows, delimiter=separator.value, bom=False)
    else:
        rows = csv_rows(
            document, lang=language, public=resolve_public(document, public), progress=progress
        )
        data = write_table(rows, delimiter=separator.value)
    write_output(data, output, force=force)
