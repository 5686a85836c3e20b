"""``strategy-kit status``: the roll-up of a strategy repository, or one project's move.

Two jobs share the name because both answer "where do our projects stand":
``status [DIR]`` reports, ``status FILE PROJECT STATUS`` records a decision.
The number of arguments tells them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import Lang
from strategy_kit.cli.rollup import StatusFormat


def status(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="DIR|FILE",
            help="The strategy repository to roll up (default: here), or the workshop file of a move.",
            show_default=False,
        ),
    ] = Path(),
    project: Annotated[
        str | None, typer.Argument(metavar="PROJECT", help="Move: the project id.", show_default=False)
    ] = None,
    new_status: Annotated[
        str | None,
        typer.Argument(metavar="STATUS", help="Move: the new status.", show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Roll-up: also list what changed since a date (2019-06-01) or git revision."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Roll-up: the date next steps are overdue against (default: today)."),
    ] = None,
    format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="Roll-up: table (terminal), md, html or json.")
    ] = StatusFormat.TABLE,
    lang: Annotated[Lang, typer.Option("--lang", help="Roll-up: language of the output.")] = Lang.DE,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Roll-up: write to this file instead of standard output."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Roll-up: overwrite the output file. Move: allow a move the lifecycle does not (corrections).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Move: print the change as a unified diff; write nothing.")
    ] = False,
) -> None:
    """Where projects stand: roll up a strategy repository, or move one project.

    strategy-kit status [DIR]: projects per status and field of action, progress
    (0-100, sub-projects weighted), overdue next steps, changes --since.

    strategy-kit status FILE PROJECT STATUS: move a project along its lifecycle
    (idea, candidate, prioritised, planned, in-progress, done, dropped); refused
    moves name the allowed ones.
    """
    from strategy_kit.cli.output import fail

    if project is None and new_status is None:
        if dry_run:
            fail("--dry-run belongs to a move: status FILE PROJECT STATUS")
            raise typer.Exit(2)
        from strategy_kit.cli.rollup import rollup_status

        rollup_status(target, since=since, today=today, format=format, lang=lang, output=output, force=force)
        return
    if project is None or new_status is None:
        fail("a move needs the file, the project and the new status: status FILE PROJECT STATUS")
        raise typer.Exit(2)
    roll_up_only = {"--since": since, "--today": today, "--output": output}
    used = [name for name, value in roll_up_only.items() if value is not None]
    if format is not StatusFormat.TABLE:
        used.append("--format")
    if used:
        fail(f"{', '.join(used)} only apply to the roll-up (status [DIR]), not to a move")
        raise typer.Exit(2)
    from strategy_kit.cli.edit import move_status

    move_status(target, project, new_status, force=force, dry_run=dry_run)
