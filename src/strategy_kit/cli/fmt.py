"""``strategy-kit fmt``: the canonical layout, every comment kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from strategy_kit.document.diagnostics import Diagnostic


def fmt(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="Workshop or strategy files, directories (all *.yaml/*.yml in them) or globs.",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 when a file is not formatted (for CI)."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Print the changes as a unified diff; write nothing.")
    ] = False,
) -> None:
    """Format workshop files: canonical key order and indentation, comments kept.

    Directories and globs are walked as ``check`` walks them. Exit status 0
    when all is well (with --check: every file already formatted), 1 when a
    file is not formatted (--check) or cannot be parsed, 2 when a file cannot
    be read or written, or a directory or pattern holds no YAML file.
    """
    from strategy_kit.change.transaction import lock_or_refuse, unified_diff, write_back
    from strategy_kit.cli.output import console, print_diagnostics
    from strategy_kit.document.diagnostics import DiagnosticError, Exit
    from strategy_kit.files.fmt import format_source
    from strategy_kit.files.source import read_source

    out = console()
    paths, problems = _expand(files)
    if problems:
        print_diagnostics(problems, stderr=True)
    worst = Exit.USAGE if problems else Exit.OK
    for path in paths:
        try:
            with lock_or_refuse(path):
                source = read_source(path)
                text = format_source(source)
                if text == source.text:
                    continue
                if check:
                    out.print(f"{source.name}: not formatted (run strategy-kit fmt)", markup=False)
                    worst = max(worst, Exit.INVALID)
                elif dry_run:
                    typer.echo(unified_diff(source.text, text, source.name), nl=False)
                else:
                    write_back(source, text)
                    out.print(f"{source.name}: formatted", markup=False)
        except DiagnosticError as exc:
            print_diagnostics(exc.diagnostics, stderr=True)
            worst = max(worst, exc.exit_code)
    raise typer.Exit(int(worst))


def _expand(arguments: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files as given, directories as the workshop files below them, globs as their matches.

    The same discovery as ``check`` (:func:`strategy_kit.files.discovery.directory_files`):
    a directory or pattern without a YAML file is a problem (exit status 2).
    """
    import glob

    from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError
    from strategy_kit.files.discovery import directory_files

    files: list[Path] = []
    problems: list[Diagnostic] = []
    for argument in arguments:
        text = str(argument)
        if argument.is_dir():
            try:
                files.extend(directory_files(argument))
            except DiagnosticError as exc:
                problems.extend(exc.diagnostics)
        elif not argument.exists() and glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file())  # noqa: PTH207
            if not matches:
                problems.append(Diagnostic(text, 1, 1, "error", "", "no file matches this pattern", ""))
            files.extend(matches)
        else:
            files.append(argument)
    return list(dict.fromkeys(files)), problems
