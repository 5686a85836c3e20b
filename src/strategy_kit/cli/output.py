"""Printing for commands: diagnostics, messages, and files that must not be overwritten."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from strategy_kit.diagnostics import Diagnostic



class DiagnosticFormat(str, Enum):
    """How diagnostics are printed."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"

_STYLE = {"error": "bold red", "warning": "yellow"}


def console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and prints plainly when not on a terminal."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def print_diagnostics(diagnostics: Sequence[Diagnostic], *, stderr: bool = False) -> None:
    """``file:line:col: error: path: message`` lines, the severity coloured on a terminal."""
    from rich.markup import escape

    out = console(stderr)
    for d in diagnostics:
        where = f"{d.path}: " if d.path else ""
        out.print(
            f"{escape(d.file)}:{d.line}:{d.column}: [{_STYLE[d.severity]}]{d.severity}[/]: "
            f"{escape(where + d.message)}"
        )


def fail(message: str) -> None:
    """One line on stderr in the same shape as a diagnostic without a position."""
    sys.stderr.write(f"strategy-kit: error: {message}\n")
