"""``strategy-kit check``: validate workshop files, every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strategy_kit.cli.output import DiagnosticFormat


def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Workshop files to check.", show_default=False),
    ],
    format: Annotated[
        DiagnosticFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json (a list of diagnostics) or github (workflow annotations).",
        ),
    ] = DiagnosticFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only, no summary.")] = False,
) -> None:
    """Check workshop files: shape, references and domain rules.

    Exit status 0 when every file is valid, 1 when one is invalid, 2 when a
    file cannot be read.
    """
    from strategy_kit.diagnostics import Exit, counts, exit_status, to_github, to_json
    from strategy_kit.validate import check_file

    diagnostics = []
    worst = Exit.OK
    for path in files:
        result = check_file(path)
        diagnostics.extend(result.diagnostics)
        status = max(result.exit_code, exit_status(result.diagnostics, strict))
        worst = max(worst, status)
    if format is DiagnosticFormat.JSON:
        typer.echo(to_json(diagnostics))
    elif format is DiagnosticFormat.GITHUB:
        if diagnostics:
            typer.echo(to_github(diagnostics))
    else:
        from strategy_kit.cli.output import console, print_diagnostics

        print_diagnostics(diagnostics)
        if not quiet:
            errors, warnings = counts(diagnostics)
            noun = "file" if len(files) == 1 else "files"
            if errors or warnings:
                console().print(
                    f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
                    f"in {len(files)} {noun}"
                )
            else:
                console().print(f"{len(files)} {noun} valid")
    raise typer.Exit(int(worst))

