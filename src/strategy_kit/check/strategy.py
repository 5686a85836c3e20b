"""Strategy files: reading the one a workshop refers to, checking it once per run, merging it in.

A workshop file names its strategy (``strategy: ../strategy.yaml``); the
strategy's departments, fields of action, criteria and projects then count as
the workshop's own. A strategy file that cannot be read (missing, not a
strategy file) is reported at the workshop's ``strategy`` key; errors inside
it, those of its YAML included, appear under the strategy's own name at their
place, the same for every workshop that refers to it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from strategy_kit.check.rules import Shared, StrategyRules
from strategy_kit.check.shape import from_validation_error
from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError
from strategy_kit.document.model import StrategyDocument, Workshop, WorkshopDocument
from strategy_kit.files.source import Source
from strategy_kit.files.yamlio import load_yaml, locate, plain

Reader = Callable[[Path, str], Source]


def is_strategy(data: Any) -> bool:
    """A strategy file says so (``kind: strategy``); everything else is a workshop file."""
    return isinstance(data, dict) and data.get("kind") == "strategy"


def reference_name(referrer: str, ref: str) -> str:
    """How a referenced file is named in messages: relative to where the referrer is named."""
    return os.path.normpath(Path(referrer).parent / ref)


def check_strategy_data(
    data: Any, name: str, *, folder: Path | None = None, is_plain: bool = False, text: str | None = None
) -> tuple[StrategyDocument | None, list[Diagnostic]]:
    """Check a strategy file's data: its shape, then the workshop rules that apply to it.

    ``folder`` is the file's folder on disk, for its logo; without it the logo is not read.
    ``is_plain`` says ``data`` holds plain Python values already (a fast check's).
    ``text`` is the file's text, for messages that quote a value as written.
    """
    document: StrategyDocument | None = None
    diagnostics: list[Diagnostic] = []
    try:
        document = StrategyDocument.model_validate(data if is_plain else plain(data))
    except ValidationError as exc:
        diagnostics.extend(from_validation_error(exc, data, name, StrategyDocument, text=text))
    diagnostics.extend(StrategyRules(data, name, folder=folder).run())
    diagnostics.sort(key=lambda d: (d.line, d.column, d.severity, d.message))
    if any(d.severity == "error" for d in diagnostics):
        document = None
    return document, diagnostics


def with_found(found: Sequence[Diagnostic], diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The errors reading the YAML ``found`` (impossible dates) and the check's, each once, in file order.

    An impossible date under a date key is the model's error as well, with the
    same message at the same place; under any other key only reading finds it.
    """
    merged = list(diagnostics)
    # Compared by place and words: the two may name the place's path differently (an id that is no text).
    seen = {(d.file, d.line, d.column, d.message) for d in merged}
    merged += [d for d in found if (d.file, d.line, d.column, d.message) not in seen]
    merged.sort(key=lambda d: (d.line, d.column, d.severity, d.message))
    return merged


#: Parsed strategy files by (name, bytes): a directory of workshops shares one strategy,
#: which is then parsed once per run rather than once per workshop.
_STRATEGIES: dict[tuple[str, bytes], tuple[Shared, StrategyDocument | None, list[Diagnostic]]] = {}


def strategy_reference(
    data: Any, source: Source, reader: Reader
) -> tuple[Shared | None, StrategyDocument | None, list[Diagnostic]]:
    """Load the strategy file a workshop refers to; problems point at the ``strategy`` key."""
    ref = data.get("strategy") if isinstance(data, dict) else None
    if not isinstance(ref, str) or not ref.strip():
        return None, None, []
    line, column = locate(data, ("strategy",))
    name = reference_name(source.name, ref)
    try:
        target = reader(source.path.parent / ref, name)
    except DiagnosticError as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        why = f": {first.message}" if first else ""
        message = f"cannot use strategy file {ref!r}{why}"
        problem = Diagnostic(source.name, line, column, "error", "strategy", message)
        return Shared(name, None), None, [problem]
    key = (target.name, target.raw)
    if key in _STRATEGIES:
        return _STRATEGIES[key]
    dates: list[Diagnostic] = []
    try:
        target_data = load_yaml(target, dates=dates)
    except DiagnosticError as exc:
        # Where the strategy file cannot be read as YAML is a place in it, reported
        # under its name like its other errors, the same for every workshop.
        return _remember(key, (Shared(name, None), None, [d for d in exc.diagnostics if d.severity == "error"]))
    if not is_strategy(target_data):
        message = f"{ref!r} is not a strategy file (it has no 'kind: strategy')"
        problem = Diagnostic(source.name, line, column, "error", "strategy", message)
        return Shared(name, None), None, [problem]
    document, diagnostics = check_strategy_data(target_data, name, text=target.text)
    if dates:
        document, diagnostics = None, with_found(dates, diagnostics)
    errors = [d for d in diagnostics if d.severity == "error"]
    return _remember(key, (Shared(name, target_data), document, errors))


def _remember(
    key: tuple[str, bytes], checked: tuple[Shared, StrategyDocument | None, list[Diagnostic]]
) -> tuple[Shared, StrategyDocument | None, list[Diagnostic]]:
    if len(_STRATEGIES) >= 32:
        _STRATEGIES.clear()
    _STRATEGIES[key] = checked
    return checked


def resolved(document: WorkshopDocument, strategy: StrategyDocument | None) -> WorkshopDocument:
    """The workshop with its strategy's departments, fields, criteria and projects merged in.

    The strategy's entries come first; ids never clash because checking refuses that.
    """
    if strategy is None:
        return document
    return document.model_copy(
        update={
            "departments": [*strategy.departments, *document.departments],
            "fields_of_action": [*strategy.fields_of_action, *document.fields_of_action],
            "criteria": [*strategy.criteria, *document.criteria],
            "projects": [*strategy.projects, *document.projects],
        }
    )


def as_workshop(strategy: StrategyDocument) -> WorkshopDocument:
    """The strategy file's portfolio as the document every command reads: a workshop without days.

    ``rank`` and ``export`` of a strategy file rank and write through the same
    code as for a workshop, so no second ranking or table exists. The view has
    no days, participants or ``report`` block (a strategy file has none): its
    language is the format's default (``de``), it names no person, and its
    workshop title, organiser and goal are the strategy's title, municipality
    and vision.
    """
    return WorkshopDocument(
        version=1,
        municipality=strategy.municipality,
        workshop=Workshop(
            title=strategy.title, organiser=strategy.municipality.name, goal=strategy.vision
        ),
        departments=strategy.departments,
        fields_of_action=strategy.fields_of_action,
        criteria=strategy.criteria,
        projects=strategy.projects,
    )
