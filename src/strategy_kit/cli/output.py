"""Printing for commands: diagnostics, messages, and files that must not be overwritten."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console

    from strategy_kit.check.repository import Repository
    from strategy_kit.check.validate import Loaded
    from strategy_kit.compute.progress import Figures
    from strategy_kit.document.diagnostics import Diagnostic



class Lang(StrEnum):
    """Language of rendered output; commands default to the workshop's own."""

    DE = "de"
    EN = "en"


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of standard output."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]
#: ``rank`` and ``report``: rule 0 of :mod:`strategy_kit.compute.prioritise` with ``include_started``.
AllOption = Annotated[
    bool, typer.Option("--all", help="Rank projects in progress and done as well (dropped ones stay apart).")
]
LangOption = Annotated[
    Lang | None, typer.Option("--lang", help="de or en [default: the workshop's language].")
]
PublicOption = Annotated[
    bool | None,
    typer.Option(
        "--public/--internal",
        help="Public: roles instead of names unless consented, nothing marked internal "
        "[default: the file's report.public, else internal].",
    ),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="A directory of templates searched before the built-in ones.",
        exists=True,
        file_okay=False,
        dir_okay=True,
    ),
]


DocxTemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--docx-template",
        metavar="FILE",
        help="With --format docx: a Word document or template (.docx, .dotx) whose styles, "
        "headers and footers the output keeps.",
    ),
]


F = TypeVar("F", bound=StrEnum)

#: What a file's suffix says about the format a user wants in it.
_SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".ics": "ics",
    ".txt": "text",
    ".pdf": "pdf",
    ".docx": "docx",
}


def format_for(chosen: F | None, output: Path | None, formats: type[F], default: F) -> F:
    """``-f`` when given, else the format ``-o``'s suffix names (``agenda.ics``), else ``default``."""
    if chosen is not None:
        return chosen
    named = _SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    return formats(named) if named in {f.value for f in formats} else default


class DiagnosticFormat(StrEnum):
    """How diagnostics are printed."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"

_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and prints plainly when not on a terminal."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def print_diagnostics(diagnostics: Sequence[Diagnostic], *, stderr: bool = False) -> None:
    """``file:line:col: error: path: message`` lines, the severity coloured on a terminal."""
    from rich.markup import escape

    from strategy_kit.document.characters import escaped

    out = console(stderr)
    for d in diagnostics:
        where = f"{d.path}: " if d.path else ""
        out.print(
            f"{escape(escaped(d.where))}: [{_STYLE[d.severity]}]{d.severity}[/]: "
            f"{escape(escaped(where + d.message))}"
        )


def fail(message: str) -> None:
    """One line on stderr in the same shape as a diagnostic without a position."""
    from strategy_kit.document.characters import escaped

    sys.stderr.write(f"strategy-kit: error: {escaped(message)}\n")


def day_option(value: str, option: str) -> dt.date:
    """The day an option names (``--today 2019-10-01``); any other text is a usage error, exit 2.

    Read as every date of a file is (:func:`~strategy_kit.document.periods.parse_date`):
    ``1.10.2019`` is answered with "did you mean 2019-10-01?".
    """
    from strategy_kit.document.periods import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise bad_date(value, option, exc) from None


def bad_date(value: str, option: str, problem: ValueError) -> typer.Exit:
    """Print why ``value`` given to ``option`` is no date; the exit (2) to raise."""
    message = str(problem)
    fail(f"{option}: {message}" if message.startswith(repr(value)) else f"{option} {value!r}: {message}")
    return typer.Exit(2)


def rendered(render: Callable[[], str | bytes], *refused: type[Exception]) -> str | bytes:
    """What ``render()`` makes; a document it cannot make ends the command with exit status 2.

    A template that does not parse or fails (with its file and line where
    known), and the exceptions ``refused`` names (a missing optional library,
    the PDF engine failing: the renderer's own, imported by the caller) are
    each one line on stderr.
    """
    import jinja2

    try:
        return render()
    except refused as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    except jinja2.TemplateSyntaxError as exc:
        fail(f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}")
        raise typer.Exit(2) from None
    except jinja2.TemplateError as exc:
        fail(f"template error: {exc}")
        raise typer.Exit(2) from None


def binary_output(output: Path | None, format: str) -> None:
    """Refuse to print a PDF or DOCX onto a terminal; a pipe or ``-o FILE`` is fine."""
    import typer

    if output is None and sys.stdout.isatty():
        fail(f"{format} is a binary format; write it to a file with -o FILE")
        raise typer.Exit(2)


def write_output(content: str | bytes, output: Path | None, *, force: bool) -> None:
    """Print to stdout, or write ``output`` atomically; refuse to overwrite without ``force``.

    Exits with status 2 (a usage problem) when the file exists and ``force`` is off.
    """
    import typer

    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            typer.echo(content, nl=not content.endswith("\n"))
        return
    from strategy_kit.files.atomic import write_bytes_atomic

    if output.is_dir():
        fail(f"{output}: is a directory")
        raise typer.Exit(2)
    if _links_to_a_file(output):
        # Even with --force: a link planted in a shared output directory
        # (agenda.html -> ~/.bashrc) must not make a report overwrite its target.
        fail(f"{output}: is a symbolic link; outputs are never written through one, remove it or choose another -o")
        raise typer.Exit(2)
    if output.is_file() and not force:  # a device or pipe (/dev/null) holds nothing to lose
        fail(f"{output}: exists; use --force to overwrite it")
        raise typer.Exit(2)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        write_bytes_atomic(output, data)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(2) from None


def _links_to_a_file(path: Path) -> bool:
    """A symbolic link to a file or to nothing yet; a link to a device (/dev/stdout) is fine."""
    import stat

    if not path.is_symlink():
        return False
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def load_or_exit(
    path: Path, *, strict: bool = False, quiet: bool = False, strategy: bool = False
) -> Loaded:
    """Load a valid workshop through the one loader (the resolved document); print problems to stderr.

    Errors (and warnings under ``strict``) end the command with the check's exit
    status; plain warnings are printed and the command goes on. ``strategy``
    accepts a strategy file as its portfolio (``rank``, ``export``).
    """
    import typer

    from strategy_kit.check.validate import load_document
    from strategy_kit.document.diagnostics import DiagnosticError, exit_status

    try:
        result = load_document(path, strategy=strategy)
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(int(exc.exit_code)) from None
    if result.diagnostics and not quiet:
        print_diagnostics(result.diagnostics, stderr=True)
    if strict and exit_status(result.diagnostics, strict=True):
        raise typer.Exit(1)
    return result


def repository_or_exit(directory: Path, municipality: str | None = None) -> Repository:
    """The strategy repository on disk that ``status`` and the implementation report read.

    Every problem is printed to stderr and ends the command: 1 for invalid files
    or files that are no one roll-up, 2 for a directory without YAML files or a
    ``--municipality`` that names none or several
    (:func:`strategy_kit.check.repository.load_repository`).
    """
    import typer

    from strategy_kit.check.repository import MunicipalityChoice, load_repository
    from strategy_kit.document.diagnostics import DiagnosticError

    try:
        return load_repository(directory, municipality)
    except MunicipalityChoice as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(int(exc.exit_code)) from None


def progress_figures(loaded: Loaded) -> Figures:
    """The progress figures ``status`` would show for ``loaded``'s strategy repository.

    Reads the sibling workshop files (:func:`strategy_kit.check.repository.portfolio`);
    those with errors are named in a warning on stderr and left out.
    """
    from strategy_kit.check.repository import portfolio
    from strategy_kit.compute.progress import figures

    found = portfolio(loaded)
    print_diagnostics(found.skipped, stderr=True)
    return figures(found.projects)
