"""Checking a workshop or strategy file: the entry points every command goes through.

Shape first (:mod:`strategy_kit.check.shape`), then references and domain
rules (:mod:`strategy_kit.check.rules`), counting the ids of a referenced
strategy file (:mod:`strategy_kit.check.strategy`): the user sees every
problem in one run.

Commands that work on one valid workshop load it with :func:`load_document`,
the one loader: it checks the file and returns the resolved document, the
strategy file's entries merged in (:class:`Loaded`), and says in which file
each entry is written (:meth:`Loaded.origin`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from strategy_kit.check.rules import Rules, Shared
from strategy_kit.check.shape import from_validation_error
from strategy_kit.check.strategy import (
    Reader,
    as_workshop,
    check_strategy_data,
    is_strategy,
    resolved,
    strategy_reference,
    with_found,
)
from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit, exit_status
from strategy_kit.document.model import StrategyDocument, WorkshopDocument
from strategy_kit.files.source import Source, read_source
from strategy_kit.files.yamlio import PathSegment, load_yaml, locate, plain

_T = TypeVar("_T")


@dataclass
class CheckResult:
    """What checking one file found; ``document`` is set only when it has no error."""

    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: Exit = Exit.OK
    source: Source | None = None
    #: The parsed file: round-trip data with positions, or plain data from a fast check.
    data: Any = None
    document: WorkshopDocument | None = None
    #: A strategy file's own document, or the valid strategy a workshop file refers to.
    strategy: StrategyDocument | None = None
    #: The strategy file a workshop file refers to, as read: its name and data with positions.
    shared: Shared | None = None


# -- entry points -----------------------------------------------------------------------


def check_data(
    data: Any,
    name: str,
    shared: Shared | None = None,
    *,
    is_plain: bool = False,
    folder: Path | None = None,
    text: str | None = None,
) -> tuple[WorkshopDocument | None, list[Diagnostic]]:
    """Validate loaded round-trip data: shape first, then references and rules, all reported.

    ``is_plain`` says ``data`` holds plain Python values already (a fast check's).
    ``folder`` is the file's folder on disk, which its logo and photos are read
    relative to (:mod:`strategy_kit.files.images`); without it they are not read.
    ``text`` is the file's text, for messages that quote a value as written.
    """
    document: WorkshopDocument | None = None
    diagnostics: list[Diagnostic] = []
    try:
        document = WorkshopDocument.model_validate(data if is_plain else plain(data))
    except ValidationError as exc:
        diagnostics.extend(from_validation_error(exc, data, name, text=text))
    diagnostics.extend(Rules(data, name, shared, folder=folder).run())
    diagnostics.sort(key=lambda d: (d.line, d.column, d.severity, d.message))
    if any(d.severity == "error" for d in diagnostics):
        document = None
    return document, diagnostics


def check_source(source: Source, reader: Reader | None = None, *, fast: bool = False) -> CheckResult:
    """Check already-read text; parse errors come back as diagnostics, never raised.

    A strategy file (``kind: strategy``) is checked as one; a workshop file's
    ``strategy:`` reference is read through ``reader`` (the file system unless
    given, e.g. ``git show`` for an old revision) and its ids count as known.

    With ``fast``, an ordinary file is first read by :mod:`strategy_kit.files.fastyaml`;
    when that finds any problem, or cannot vouch for the file, the file is read
    again round-trip, so diagnostics and their positions are those of the
    round-trip path. The result's ``data`` is then plain, without positions.
    """
    if fast:
        from strategy_kit.files.fastyaml import load_plain

        data = load_plain(source.text)
        if data is not None:
            result = check_loaded(data, source, reader, is_plain=True)
            if not result.diagnostics:
                return result
    dates: list[Diagnostic] = []
    try:
        data = load_yaml(source, dates=dates)
    except DiagnosticError as exc:
        return CheckResult(source.name, exc.diagnostics, exc.exit_code, source=source)
    return check_loaded(data, source, reader, found=dates)


def check_loaded(
    data: Any,
    source: Source,
    reader: Reader | None = None,
    *,
    is_plain: bool = False,
    found: Sequence[Diagnostic] = (),
) -> CheckResult:
    """Check data already parsed from ``source`` exactly as ``check`` would.

    Editors parse the file themselves; going through here means a strategy file
    is checked as a strategy, and a workshop's ids from its strategy file count.
    Images (logo, photos) are read beside a file read from disk; text handed in
    without a path, or a file read through ``reader`` (an old revision from git),
    has no folder in the working tree, so its images are not judged.
    ``found`` are the errors reading the YAML found already (impossible dates,
    :func:`~strategy_kit.files.yamlio.load_yaml`), reported with the rest.
    """
    result = CheckResult(source.name, source=source, data=data)
    folder = source.path.parent if reader is None and source.on_disk else None
    if is_strategy(data):
        result.strategy, result.diagnostics = check_strategy_data(
            data, source.name, folder=folder, is_plain=is_plain, text=source.text
        )
    else:
        reader = reader or read_source
        result.shared, result.strategy, foreign = strategy_reference(data, source, reader)
        result.document, result.diagnostics = check_data(
            data, source.name, result.shared, is_plain=is_plain, folder=folder, text=source.text
        )
        if foreign:
            result.document = None
            result.diagnostics = foreign + result.diagnostics
    if found:
        result.diagnostics = with_found(found, result.diagnostics)
        result.document = None
        if is_strategy(data):
            result.strategy = None
    result.exit_code = exit_status(result.diagnostics)
    return result


def check_file(path: Path | str, name: str | None = None, *, fast: bool = False) -> CheckResult:
    """Read and check one file; I/O problems come back as diagnostics with exit status 2."""
    shown = name if name is not None else str(path)
    try:
        source = read_source(path, shown)
    except DiagnosticError as exc:
        return CheckResult(shown, exc.diagnostics, exc.exit_code)
    return check_source(source, fast=fast)


#: From this many files on, a check is shared among the CPU cores: below it,
#: starting the workers costs more than the second core saves.
PARALLEL_FILES = 48


def _check_for_pool(path: Path) -> CheckResult:
    return report_only(check_file(path, fast=True))


def report_only(result: CheckResult) -> CheckResult:
    """The diagnostics and status of ``result``: what travels back from a worker process."""
    return CheckResult(result.name, result.diagnostics, result.exit_code)


def check_files(paths: Sequence[Path], *, jobs: int | None = None) -> Iterator[CheckResult]:
    """Check many files the way ``check`` does, in order; results hold diagnostics and status only.

    Many files are checked on all cores (see :func:`map_files`), and yielded in
    the order given, so the output is the same as one process's.
    """
    return map_files(_check_for_pool, paths, jobs=jobs)


def map_files(work: Callable[[Path], _T], paths: Sequence[Path], *, jobs: int | None = None) -> Iterator[_T]:
    """``work`` on every path, yielded in the order given; many paths on all cores.

    From :data:`PARALLEL_FILES` paths on, ``work`` runs in worker processes
    forked from this one (the models are built already), in chunks; it must be
    a module-level function, and what it returns travels back between
    processes, so it should be small. ``jobs`` defaults to the CPU count.
    """
    import multiprocessing

    if jobs is None:
        # The cores this process may use, which a container or taskset can limit.
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if len(paths) < PARALLEL_FILES or jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for path in paths:
            yield work(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(paths) // (jobs * 8))
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(work, paths, chunksize=chunk)


@dataclass(frozen=True)
class Origin:
    """Where an entry of a resolved document is written: the file's name, its parsed data, the path.

    ``data`` is round-trip data with positions, so messages about the entry
    can point at ``file:line:col`` in the file it lives in.
    """

    file: str
    data: Any
    path: tuple[PathSegment, ...]

    def position(self, *more: PathSegment, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the entry, or of ``more`` below it (the nearest that exists)."""
        return locate(self.data, (*self.path, *more), key=key)


@dataclass
class Loaded:
    """A valid workshop file and its resolved document.

    ``document`` is the workshop as every command sees it: the strategy file's
    departments, fields of action (with their maturity), criteria and projects
    merged in (:func:`strategy_kit.check.strategy.resolved`). ``check`` is the
    workshop file alone, as checked: its own data and document, for code that
    needs positions in it or edits it; nothing of the strategy belongs there.
    Loaded from a strategy file (``load_document(..., strategy=True)``),
    ``check`` is the strategy file's and ``document`` its portfolio.
    """

    check: CheckResult
    document: WorkshopDocument
    #: Where each id of a section is written, built on the first question about the section.
    _origins_of: dict[str, dict[str, Origin]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.check.name

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.check.diagnostics

    @property
    def data(self) -> Any:
        """The workshop file's own data with positions (not the strategy's): see :meth:`origin`."""
        return self.check.data

    @property
    def strategy(self) -> StrategyDocument | None:
        return self.check.strategy

    def origin(self, section: str, ident: str) -> Origin:
        """The file, data and path of the entry ``ident`` of ``section`` (``"projects"``, ...).

        Looks in the workshop file first, then in its strategy file; raises
        :class:`LookupError` for an id the resolved document does not hold.
        """
        found = self._origins(section).get(ident)
        if found is None:
            raise LookupError(f"no {section} entry {ident!r} in {self.check.name} or its strategy file")
        return found

    def _origins(self, section: str) -> dict[str, Origin]:
        """Each id of ``section`` and where it is written, indexed once per section."""
        cache = self._origins_of
        if section not in cache:
            files = [(self.check.name, self.check.data)]
            if self.check.shared is not None and self.check.shared.data is not None:
                files.append((self.check.shared.name, self.check.shared.data))
            index: dict[str, Origin] = {}
            for file, data in reversed(files):  # the workshop's own entry wins
                items = data.get(section) if isinstance(data, dict) else None
                for position, item in enumerate(items if isinstance(items, list) else []):
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        index[item["id"]] = Origin(file, data, (section, position))
            cache[section] = index
        return cache[section]


def resolve(result: CheckResult) -> Loaded:
    """The resolved view of a valid workshop file's check (``result.document`` must be set)."""
    if result.document is None:
        raise ValueError(f"{result.name} has no valid workshop document to resolve")
    return Loaded(result, resolved(result.document, result.strategy))


def load_document(path: Path | str, name: str | None = None, *, strategy: bool = False, fast: bool = False) -> Loaded:
    """Check ``path`` and return its resolved document, or raise on any error.

    The one loader of every command that needs a valid workshop (plan, report,
    rank, export, import-scores): warnings are returned for them to show,
    errors (of the workshop or of its strategy file) raise
    :class:`DiagnosticError` with the check's exit status; a strategy file
    given instead of a workshop is a usage error (exit 2), unless ``strategy``
    (``rank``, ``export``): then its document is the strategy's portfolio
    (:func:`strategy_kit.check.strategy.as_workshop`) and :meth:`Loaded.origin`
    points into the strategy file. With ``fast`` an ordinary file is read as
    ``check`` reads it (:func:`check_source`): the same document and
    diagnostics, but ``data`` without positions, for a caller that needs the
    document only.
    """
    result = check_file(path, name, fast=fast)
    if strategy and result.document is None and result.strategy is not None and is_strategy(result.data):
        return Loaded(result, as_workshop(result.strategy))
    if result.document is None and result.strategy is not None and is_strategy(result.data):
        message = "is a strategy file; this command needs a workshop file (rank and export take a strategy file)"
        raise DiagnosticError([Diagnostic(result.name, 1, 1, "error", "", message)], Exit.USAGE)
    if result.document is None:
        raise DiagnosticError(result.diagnostics, result.exit_code if result.exit_code else Exit.INVALID)
    return resolve(result)
