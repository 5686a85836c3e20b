"""``strategy-kit progress``: how far a project is, in percent."""

from __future__ import annotations

from typing import Annotated

import typer

from strategy_kit.cli.editing import DryRun, FileArg, run_edit, usage


def progress(
    file: FileArg,
    project: Annotated[str, typer.Argument(metavar="PROJECT", help="The project id.", show_default=False)],
    percent: Annotated[
        str,
        typer.Argument(metavar="PERCENT", help="A whole number from 0 to 100, e.g. 40 or 40%.", show_default=False),
    ],
    dry_run: DryRun = False,
) -> None:
    """Record how far a project is (0-100 %); a parent's figure is rolled up from its sub-projects."""
    text = percent.strip().removesuffix("%").strip()
    if not text.isdecimal() or not text.isascii():
        raise usage(f"{percent!r}: expected a whole number from 0 to 100, e.g. 40")
    value = int(text)
    if value > 100:
        raise usage(f"{percent!r}: progress is at most 100")
    from strategy_kit.change.edit import set_progress

    run_edit(lambda: set_progress(file, project, value, dry_run=dry_run), dry_run=dry_run)
