"""Compiler-style diagnostics and their reporters (text, JSON, GitHub annotations).

Every layer (reading, parsing, validating, planning) speaks in Diagnostics so
the CLI can print them all at once and pick the exit status in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import IntEnum
from typing import Literal

from strategy_kit.document.characters import escaped, json_text

#: A note belongs to the error before it and says where its cause lies
#: (``note: the quoted string starting here is never closed``); it is neither
#: counted nor decides an exit status.
Severity = Literal["error", "warning", "note"]


class Exit(IntEnum):
    """The exit statuses every command shares."""

    OK = 0
    INVALID = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: ``file:line:col: severity: path: message``.

    ``line`` and ``column`` are 1-based, as editors and compilers count.
    ``path`` names list items by id where they have one (``projects[portal]``).
    ``place``, when given, is shown instead of line and column: a spreadsheet
    cell (``Bewertung!D4``; ``line`` and ``column`` are then its row and column),
    or ``""`` for the file as a whole.
    """

    file: str
    line: int
    column: int
    severity: Severity
    path: str
    message: str
    place: str | None = None

    @property
    def where(self) -> str:
        """``file:line:col``, ``file:Sheet!A1`` or ``file``."""
        if self.place is None:
            return f"{self.file}:{self.line}:{self.column}"
        return f"{self.file}:{self.place}" if self.place else self.file

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.where}: {self.severity}: {where}{self.message}"


class DiagnosticError(Exception):
    """Raised when a file cannot be used at all; carries what to print and how to exit."""

    def __init__(self, diagnostics: Sequence[Diagnostic], exit_code: Exit = Exit.INVALID) -> None:
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = list(diagnostics)
        self.exit_code = exit_code


def exit_status(diagnostics: Iterable[Diagnostic], strict: bool = False) -> Exit:
    """1 when anything is an error (or a warning under ``--strict``), else 0."""
    for diagnostic in diagnostics:
        if diagnostic.severity == "error" or (strict and diagnostic.severity == "warning"):
            return Exit.INVALID
    return Exit.OK


def counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings); notes are part of the error they follow."""
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.severity == "error":
            errors += 1
        elif diagnostic.severity == "warning":
            warnings += 1
    return errors, warnings


def suggest(value: object, choices: Iterable[str]) -> str:
    """`` did you mean 'x'?`` for a near miss in any case (``STADTPORTAL``), or an empty string."""
    import difflib

    if not isinstance(value, str):
        return ""
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(choice.casefold(), choice)
    matches = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean {folded[matches[0]]!r}?" if matches else ""


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of diagnostics with stable keys for other tools."""
    rows = [asdict(d) for d in diagnostics]
    for row in rows:
        if row["place"] is None:
            del row["place"]  # the usual file:line:col keeps its keys
    return json_text(rows)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def to_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so problems show on the pull request's lines."""
    lines = []
    for d in diagnostics:
        message = escaped(f"{d.path}: {d.message}" if d.path else d.message)
        # GitHub's workflow commands are error, warning and notice.
        command = "notice" if d.severity == "note" else d.severity
        lines.append(
            f"::{command} file={_github_escape(escaped(d.file), prop=True)},line={d.line},"
            f"col={d.column},title={_github_escape('strategy-kit', prop=True)}::"
            f"{_github_escape(message)}"
        )
    return "\n".join(lines)
