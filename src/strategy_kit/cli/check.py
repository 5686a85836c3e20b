"""``strategy-kit check``: validate workshop files, every problem at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strategy_kit.cli.output import DiagnosticFormat

if TYPE_CHECKING:
    from strategy_kit.document.diagnostics import Diagnostic, Exit


def check(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE",
            help="Workshop or strategy files, directories (all *.yaml/*.yml in them) or globs.",
            show_default=False,
        ),
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

    A directory is also checked as the roll-up ``status DIR`` would make of it:
    a project id defined in two of its files is an error at both places. A
    directory of several municipalities is taken for a collection of unrelated
    workshops and not compared (``status`` refuses to roll it up as one).

    Exit status 0 when every file is valid, 1 when one is invalid, 2 when a
    file cannot be read.
    """
    from strategy_kit.check.repository import Member, check_members, rollup_problems
    from strategy_kit.document.diagnostics import counts, exit_status, to_github, to_json

    files, worst, diagnostics, directories = expand_arguments(files)
    seen = set(diagnostics)
    found: dict[Path, Member] = {}
    with _progress(len(files)) as advance:
        for path, (result, member) in zip(files, check_members(files), strict=True):
            # A strategy file's errors also come with every workshop that refers to it.
            fresh = [d for d in result.diagnostics if d not in seen]
            seen.update(fresh)
            diagnostics.extend(fresh)
            status = max(result.exit_code, exit_status(result.diagnostics, strict))
            worst = max(worst, status)
            if member is not None:
                found[path] = member
            advance()
    for directory, below in directories:
        ambiguous = rollup_problems([found[p] for p in below if p in found], directory, collection=True)
        diagnostics.extend(d for d in ambiguous if d not in seen)
        seen.update(ambiguous)
        worst = max(worst, exit_status(ambiguous))
    if format is DiagnosticFormat.JSON:
        typer.echo(to_json(diagnostics))
    elif format is DiagnosticFormat.GITHUB:
        if diagnostics:
            typer.echo(to_github(diagnostics))
    elif diagnostics:
        from strategy_kit.cli.output import console, print_diagnostics

        print_diagnostics(diagnostics)
        if not quiet:
            errors, warnings = counts(diagnostics)
            noun = "file" if len(files) == 1 else "files"
            console().print(
                f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
                f"in {len(files)} {noun}"
            )
    elif not quiet:
        # Plain words, so a clean run (most runs in a hook) never loads rich.
        typer.echo(f"{len(files)} {'file' if len(files) == 1 else 'files'} valid")
    raise typer.Exit(int(worst))



#: Below this many files a run is over before a progress bar would be read.
PROGRESS_THRESHOLD = 50


def expand_arguments(
    arguments: list[Path],
) -> tuple[list[Path], Exit, list[Diagnostic], list[tuple[str, list[Path]]]]:
    """Files as given; directories as every YAML file below; globs as their matches, sorted.

    An argument that matches nothing is a usage error (exit 2), reported like a
    diagnostic so ``--format json``/``github`` still show it. The last item
    names each directory with its files: each is a roll-up of its own.
    """
    import glob

    from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
    from strategy_kit.files.discovery import directory_files

    files: list[Path] = []
    problems: list[Diagnostic] = []
    directories: list[tuple[str, list[Path]]] = []
    for argument in arguments:
        text = str(argument)
        if argument.is_dir():
            try:
                found = directory_files(argument)
            except DiagnosticError as exc:
                problems.extend(exc.diagnostics)
                found = []
            files.extend(found)
            directories.append((text, found))
        elif not argument.exists() and glob.has_magic(text):
            # Path.glob cannot take an absolute pattern; a user's shell-style pattern can be one.
            found_names = glob.glob(text, recursive=True)  # noqa: PTH207
            matches = sorted(Path(m) for m in found_names if Path(m).is_file())
            if not matches:
                problems.append(Diagnostic(text, 1, 1, "error", "", "no file matches this pattern", ""))
            files.extend(matches)
        else:
            files.append(argument)
    unique = list(dict.fromkeys(files))
    return unique, Exit.USAGE if problems else Exit.OK, problems, directories


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A transient progress bar on stderr, only on a terminal and only for long runs."""
    import sys

    if total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    from strategy_kit.cli.output import console

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        yield lambda: bar.advance(task)
