"""What the commands that change a workshop file share: their options, running an edit, printing its result.

``vote``, ``score``, ``add``, ``status FILE PROJECT STATUS`` and
``import-scores`` are thin wrappers over :mod:`strategy_kit.change`: parse the
arguments, call one library function, print the result or the refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from strategy_kit.change.transaction import EditResult

DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the change as a unified diff; write nothing.")
]
FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file to edit.", show_default=False)]

#: Lets ``vote FILE portal -2`` pass ``-2`` as an argument rather than an unknown option.
NUMBERS_AS_ARGS = {"ignore_unknown_options": True}


def run_edit(action: Callable[[], EditResult], *, dry_run: bool) -> None:
    """Run a library edit; print notes, the diff for ``--dry-run``, or the refusal."""
    from strategy_kit.cli.output import console, print_diagnostics
    from strategy_kit.document.diagnostics import DiagnosticError

    try:
        result = action()
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except ValueError as exc:
        from strategy_kit.cli.output import fail

        fail(str(exc))
        raise typer.Exit(2) from None
    if result.warnings:
        print_diagnostics(result.warnings, stderr=True)
    if dry_run:
        typer.echo(result.diff(), nl=False)
        return
    out = console()
    for note in result.notes:
        out.print(note, markup=False)
    if not result.changed:
        out.print(f"{result.source.name}: unchanged", markup=False)


def usage(message: str) -> typer.Exit:
    """Say what is wrong with the arguments; the caller raises the returned exit (status 2)."""
    from strategy_kit.cli.output import fail

    fail(message)
    return typer.Exit(2)
