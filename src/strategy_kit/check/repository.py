"""A strategy repository: one ``strategy.yaml`` and the workshop files that refer to it.

The same files can be read from the working tree or from any git revision;
either way they come back as one :class:`Repository` whose projects, fields of
action and criteria are the union over all files, each project remembering the
file it is written in. The semantic diff and the status roll-up both work on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from strategy_kit.check.strategy import Reader, reference_name
from strategy_kit.check.validate import CheckResult, check_file, check_source
from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.document.model import (
    Criterion,
    Department,
    FieldOfAction,
    Project,
    StrategyDocument,
    WorkshopDocument,
)
from strategy_kit.files.discovery import YAML_SUFFIXES, display_name, expand, is_candidate
from strategy_kit.files.source import Source, decode

_Item = TypeVar("_Item", FieldOfAction, Criterion, Department)


@dataclass(frozen=True)
class ProjectEntry:
    """A project and the file it is written in."""

    project: Project
    file: str


@dataclass
class Repository:
    """The valid documents of a strategy repository, by display name."""

    strategies: dict[str, StrategyDocument] = field(default_factory=dict)
    workshops: dict[str, WorkshopDocument] = field(default_factory=dict)

    @classmethod
    def from_results(cls, results: Iterable[CheckResult]) -> Repository:
        repo = cls()
        for result in results:
            if result.document is not None:
                repo.workshops[result.name] = result.document
                if result.strategy is not None and result.document.strategy:
                    name = reference_name(result.name, result.document.strategy)
                    repo.strategies.setdefault(name, result.strategy)
            elif result.strategy is not None:
                repo.strategies[result.name] = result.strategy
        return repo

    def _documents(self) -> list[tuple[str, StrategyDocument | WorkshopDocument]]:
        return [*self.strategies.items(), *sorted(self.workshops.items())]

    def projects(self) -> list[ProjectEntry]:
        """All projects, strategy portfolios first; an id seen twice keeps its first place."""
        seen: dict[str, ProjectEntry] = {}
        for name, doc in self._documents():
            for project in doc.projects:
                seen.setdefault(project.id, ProjectEntry(project, name))
        return list(seen.values())

    def fields_of_action(self) -> list[FieldOfAction]:
        return _unique(f for _, doc in self._documents() for f in doc.fields_of_action)

    def criteria(self) -> list[Criterion]:
        return _unique(c for _, doc in self._documents() for c in doc.criteria)

    def departments(self) -> list[Department]:
        return _unique(d for _, doc in self._documents() for d in doc.departments)


def _unique(items: Iterable[_Item]) -> list[_Item]:
    seen: dict[str, _Item] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def load_worktree(paths: Sequence[Path]) -> list[CheckResult]:
    """Check the files (directories expanded) as they are on disk."""
    return [check_file(path, display_name(path)) for path in expand(paths)]


def git_reader(rev: str) -> Reader:
    """A reader for :func:`check_source` that reads files as committed in ``rev``."""
    from strategy_kit.files.gitio import GitError, show

    def read(path: Path, name: str) -> Source:
        try:
            raw = show(rev, path)
        except GitError as exc:
            raise DiagnosticError(
                [Diagnostic(name, 1, 1, "error", "", f"at {rev}: {exc}")], Exit.USAGE
            ) from None
        return decode(raw, name, path)

    return read


def load_revision(rev: str, paths: Sequence[Path]) -> list[CheckResult]:
    """Check the files (directories expanded with ``git ls-tree``) as committed in ``rev``.

    A file given by name that does not exist in ``rev`` is an error; files that
    a directory held only later are simply not there.
    """
    from strategy_kit.files.gitio import list_files

    read = git_reader(rev)
    results = []
    for path in paths:
        if path.is_dir() or (not path.exists() and not path.suffix):
            try:
                files = [
                    p
                    for p in list_files(rev, path)
                    if p.name.endswith(YAML_SUFFIXES) and is_candidate(p)
                ]
            except Exception as exc:
                raise DiagnosticError(
                    [Diagnostic(display_name(path), 1, 1, "error", "", f"at {rev}: {exc}")],
                    Exit.USAGE,
                ) from None
        else:
            files = [path]
        for file in files:
            name = display_name(file)
            try:
                source = read(file, name)
            except DiagnosticError as exc:
                results.append(CheckResult(name, exc.diagnostics, exc.exit_code))
                continue
            results.append(check_source(source, read))
    return results


def problems(results: Iterable[CheckResult]) -> list[Diagnostic]:
    """The errors among the results, for commands that need every file valid."""
    return [d for r in results for d in r.diagnostics if d.severity == "error"]
