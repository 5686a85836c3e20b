"""``strategy-kit import-scores``: scores edited in Excel back into the workshop file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit


def import_scores(
    file: FileArg,
    table: Annotated[
        Path,
        typer.Argument(
            metavar="TABLE",
            help="A workbook (.xlsx, recognised by its content) or CSV written by export, "
            "edited and saved by a spreadsheet.",
            show_default=False,
        ),
    ],
    dry_run: DryRun = False,
) -> None:
    """Read scores back from an exported workbook or CSV: the 'id' column names
    the project, each criterion-id column its score. The header row may sit below title rows;
    a workbook's sheet 'Bewertung' (or 'Scoring') is read, else its only sheet with such a
    header. All rows are checked first; any problem and nothing is written. Unchanged scores
    are no edit.
    """
    from strategy_kit.change.importscores import import_scores as run_import

    run_edit(lambda: run_import(file, table, dry_run=dry_run), dry_run=dry_run)
