"""A strategy repository: one ``strategy.yaml`` and the workshop files that refer to it.

The same files can be read from the working tree or from any git revision;
either way they come back as one :class:`Repository` whose projects, fields of
action and criteria are the union over all files, each project remembering the
file it is written in. The semantic diff and the status roll-up both work on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from strategy_kit.check.strategy import Reader, as_workshop, is_strategy, reference_name
from strategy_kit.check.validate import (
    CheckResult,
    Loaded,
    check_file,
    check_source,
    map_files,
    report_only,
)
from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit, suggest
from strategy_kit.document.model import (
    Criterion,
    Department,
    FieldOfAction,
    Participant,
    Project,
    StrategyDocument,
    WorkshopDocument,
)
from strategy_kit.document.municipality import municipality_key, municipality_label
from strategy_kit.files.discovery import YAML_SUFFIXES, display_name, expand, is_candidate
from strategy_kit.files.source import Source, decode, read_source
from strategy_kit.files.yamlio import load_yaml, locate

_Item = TypeVar("_Item", FieldOfAction, Criterion, Department)


class MunicipalityChoice(ValueError):
    """``--municipality`` names no municipality of the files, or several: a usage error without a place."""


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

    def public(self) -> Repository:
        """The same repository with nothing marked ``internal``: what a public status page may show.

        Internal projects go, with their sub-projects (at any depth), and so do
        internal next steps, indicators and milestones of the projects that stay.
        """
        hidden = {p.id for _, doc in self._documents() for p in doc.projects if p.internal}
        parents = {p.id: p.parent for _, doc in self._documents() for p in doc.projects}

        def hides(pid: str | None, depth: int = 0) -> bool:
            # A cycle of parents is refused by check; the depth bound keeps this total anyway.
            return pid is not None and depth < len(parents) + 1 and (pid in hidden or hides(parents.get(pid), depth + 1))

        def keep(doc: Any) -> Any:
            projects = [
                p.model_copy(
                    update={
                        "next_steps": [s for s in p.next_steps if not s.internal],
                        "indicators": [i for i in p.indicators if not i.internal],
                        "milestones": [m for m in p.milestones if not m.internal],
                    }
                )
                for p in doc.projects
                if not hides(p.id)
            ]
            return doc.model_copy(update={"projects": projects})

        return Repository(
            strategies={name: keep(doc) for name, doc in self.strategies.items()},
            workshops={name: keep(doc) for name, doc in self.workshops.items()},
        )

    def _documents(self) -> list[tuple[str, StrategyDocument | WorkshopDocument]]:
        return [*self.strategies.items(), *sorted(self.workshops.items())]

    def projects(self) -> list[ProjectEntry]:
        """All projects, strategy portfolios first; an id seen twice keeps its first place.

        ``status`` refuses such a roll-up first (:func:`rollup_problems`); an old
        revision read for a diff may still hold one.
        """
        seen: dict[str, ProjectEntry] = {}
        for name, doc in self._documents():
            for project in doc.projects:
                seen.setdefault(project.id, ProjectEntry(project, name))
        return list(seen.values())

    def as_document(self) -> WorkshopDocument | None:
        """The whole portfolio as one document, for pages that lay out one document's projects.

        The strategy file's frame (:func:`strategy_kit.check.strategy.as_workshop`:
        municipality, title, vision) with every project once (:meth:`projects`),
        and the fields, criteria, departments and participants of all files, so an
        owner is named as in the workshop that set it (privacy is the page's).
        None without a strategy file.
        """
        strategy = next(iter(self.strategies.values()), None)
        if strategy is None:
            return None
        # An id names one person across the workshops (the staff council's member); the
        # entry that gives the name wins, so an internal page can say who leads a measure.
        participants: dict[str, Participant] = {}
        for _, doc in sorted(self.workshops.items()):
            for person in doc.participants:
                known = participants.get(person.id)
                if known is None or (known.name is None and person.name is not None):
                    participants[person.id] = person
        return as_workshop(strategy).model_copy(
            update={
                "projects": [e.project for e in self.projects()],
                "fields_of_action": self.fields_of_action(),
                "criteria": self.criteria(),
                "departments": self.departments(),
                "participants": list(participants.values()),
            }
        )

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


@dataclass(frozen=True)
class Portfolio:
    """The projects a workshop's progress figures are computed over, and the files left out.

    ``skipped`` holds one warning per file of the same strategy that has
    errors: its projects are missing from ``projects``.
    """

    projects: list[Project]
    skipped: list[Diagnostic] = field(default_factory=list)


def _refers_to(data: object, path: Path, strategy: Path) -> bool:
    """The file at ``path`` (its data as read) names ``strategy`` as its strategy file."""
    ref = data.get("strategy") if isinstance(data, dict) else None
    return isinstance(ref, str) and (path.parent / ref).resolve() == strategy


def portfolio(loaded: Loaded) -> Portfolio:
    """The projects the roll-up of ``loaded``'s strategy repository sees.

    That is ``loaded``'s own resolved projects first (a sibling never decides
    the figure of a project the workshop itself holds), then the projects of
    every other workshop file below the strategy file's directory that refers
    to the same strategy file (:meth:`Repository.projects`); for a strategy
    file (loaded as its portfolio), its own projects, then those of every
    workshop below its directory that refers to it. A workshop
    without a strategy file (or not read from disk) has its own resolved
    projects. A file of the same strategy with errors does not stop the
    caller: its projects are left out and it is named in a warning (so is a
    file that cannot be read as YAML, which may be one); a project written in
    two of these files is a warning at each place (``status`` refuses it).
    Reads the other YAML files of that directory tree once each (the loaded
    file and the strategy file are not read again), so only commands that show
    progress (report, export) ask for it.
    """
    own = loaded.check.source.path if loaded.check.source is not None else None
    if own is None:
        return Portfolio(list(loaded.document.projects))
    own = own.resolve()
    if is_strategy(loaded.data):  # the strategy file itself: every workshop that refers to it
        strategy = own
    elif loaded.document.strategy and loaded.strategy is not None:
        strategy = (own.parent / loaded.document.strategy).resolve()
    else:
        return Portfolio(list(loaded.document.projects))
    chosen: list[CheckResult] = []
    skipped: list[Diagnostic] = []
    for path in expand([strategy.parent]):
        where = path.resolve()
        if where in (own, strategy):
            continue
        result = check_file(path, display_name(path))
        ours = _refers_to(result.data, where, strategy)
        if result.document is None and (ours or result.data is None):  # unreadable: may be ours
            message = "has errors; its projects are left out of the progress figures"
            skipped.append(Diagnostic(result.name, 1, 1, "warning", "", message))
        elif result.document is not None and ours:
            chosen.append(result)
    skipped += [replace(clash, severity="warning") for clash in duplicate_projects(members([loaded.check, *chosen]))]
    projects = list(loaded.document.projects)
    seen = {p.id for p in projects}
    for entry in Repository.from_results(chosen).projects():
        if entry.project.id not in seen:
            seen.add(entry.project.id)
            projects.append(entry.project)
    return Portfolio(projects, skipped)


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
    """The errors among the results, each once, for commands that need every file valid.

    A strategy file's errors come with the check of every workshop that refers
    to it (a workshop checked alone must show them); over a repository they are
    one problem each, reported once, in the order first found.
    """
    return list(dict.fromkeys(d for r in results for d in r.diagnostics if d.severity == "error"))


def load_repository(directory: Path, municipality: str | None = None) -> Repository:
    """The strategy repository ``directory`` holds on disk, every file valid and one roll-up.

    The files are found as ``check DIR`` finds them; ``municipality`` (a name
    or an AGS) picks one municipality's files (:func:`pick`). Raises
    :class:`DiagnosticError` with exit status 2 when the directory holds no YAML
    file or cannot be read, 1 when a file is invalid or the files are no one
    roll-up (:func:`rollup_problems`); :class:`MunicipalityChoice` (2) as :func:`pick` does.
    """
    from strategy_kit.files.discovery import directory_files

    results = load_worktree(directory_files(directory))
    errors = problems(results)
    if errors:
        raise DiagnosticError(errors, Exit.INVALID)
    if municipality is not None:
        results = pick(results, municipality)
    ambiguous = rollup_problems(members(results), str(directory))
    if ambiguous:
        raise DiagnosticError(ambiguous, Exit.INVALID)
    return Repository.from_results(results)


# -- what may be rolled up together --------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """What one valid file brings to a roll-up: whose it is, the project ids it defines.

    ``projects`` are the ids in file order (their index locates them in the
    file); ``strategy`` is the strategy file a workshop refers to, whose
    projects every workshop that refers to it shares. ``path`` is where the
    file can be read again to place a diagnostic (``None`` for a git revision).
    """

    name: str
    path: Path | None
    municipality: str
    ags: str | None
    projects: tuple[str, ...]
    strategy: Member | None = None

    def label(self) -> str:
        """``Stadt Telgte (05570044)``: how the municipality is named in messages."""
        return municipality_label(self.municipality, self.ags)


def member(result: CheckResult) -> Member | None:
    """What a checked file brings to a roll-up; ``None`` for a file with errors."""
    path = result.source.path if result.source is not None else None
    document = result.document
    if document is not None:
        shared = None
        if result.strategy is not None and document.strategy:
            shared = Member(
                reference_name(result.name, document.strategy),
                path.parent / document.strategy if path is not None else None,
                result.strategy.municipality.name,
                result.strategy.municipality.ags,
                tuple(p.id for p in result.strategy.projects),
            )
        municipality = document.municipality
        ids = tuple(p.id for p in document.projects)
        return Member(result.name, path, municipality.name, municipality.ags, ids, shared)
    if result.strategy is not None and is_strategy(result.data):
        municipality = result.strategy.municipality
        ids = tuple(p.id for p in result.strategy.projects)
        return Member(result.name, path, municipality.name, municipality.ags, ids)
    return None


def members(results: Iterable[CheckResult]) -> list[Member]:
    """The members of the valid files among ``results``."""
    return [found for result in results if (found := member(result)) is not None]


def _check_member(path: Path) -> tuple[CheckResult, Member | None]:
    result = check_file(path, fast=True)
    return report_only(result), member(result)


def check_members(paths: Sequence[Path], *, jobs: int | None = None) -> Iterator[tuple[CheckResult, Member | None]]:
    """:func:`~strategy_kit.check.validate.check_files` with each file's :class:`Member`, in order."""
    return map_files(_check_member, paths, jobs=jobs)


def _files(members: Iterable[Member]) -> list[Member]:
    """Each file once: a strategy file shared by many workshops, and found in the directory too, counts once.

    A file on disk is the same file however it is named (``strategy.yaml``,
    ``workshops/../strategy.yaml``, an absolute path): the first name given stays.
    """
    found: dict[str, Member] = {}
    for m in members:
        if m.strategy is not None:
            found.setdefault(_identity(m.strategy), m.strategy)
        found.setdefault(_identity(m), m)
    return sorted(found.values(), key=lambda m: m.name)


def _identity(file: Member) -> str:
    """The file a member is: its real path on disk, else (a git revision's) its name."""
    return str(file.path.resolve()) if file.path is not None else file.name


@dataclass
class Grouping:
    """The files of a roll-up by municipality, and those that cannot be placed.

    ``groups`` hold the files of one municipality each, in order of name.
    ``unplaced`` pairs a file without an AGS whose name is that of files with
    several different AGS with those candidate groups: which one it belongs to
    is not for the file order to decide.
    """

    groups: list[list[Member]] = field(default_factory=list)
    unplaced: list[tuple[Member, list[list[Member]]]] = field(default_factory=list)


def group(members: Iterable[Member]) -> Grouping:
    """The files grouped by municipality: by AGS, else by name (:func:`municipality_key`).

    Files with an AGS are grouped by it. A file without one joins the group
    whose files with an AGS bear its name; when no such file has an AGS, it
    groups with the files of its name; when they carry several AGS, it is
    unplaced. The result does not depend on the order of the files; the
    groups are found through dictionaries, so a folder of thousands of
    municipalities (a benchmark's) takes linear time.
    """
    files = _files(members)
    by_ags: dict[str, list[Member]] = {}
    ags_of_name: dict[str, dict[str, None]] = {}  # a name's AGS, in order of first file
    for m in files:
        if m.ags:
            by_ags.setdefault(m.ags, []).append(m)
            ags_of_name.setdefault(municipality_key(m.municipality), {})[m.ags] = None
    by_name: dict[str, list[Member]] = {}
    result = Grouping()
    for m in files:
        if m.ags:
            continue
        keys = list(ags_of_name.get(municipality_key(m.municipality), {}))
        if not keys:
            by_name.setdefault(municipality_key(m.municipality), []).append(m)
        elif len(keys) == 1:
            by_ags[keys[0]].append(m)
        else:
            result.unplaced.append((m, [by_ags[ags] for ags in keys]))
    found = [*by_ags.values(), *by_name.values()]
    for files_of_one in found:
        files_of_one.sort(key=lambda m: m.name)
    result.groups = sorted(found, key=lambda g: g[0].name)
    for _, candidates in result.unplaced:
        candidates.sort(key=lambda g: g[0].name)
    return result


#: How many files a message names per municipality before it counts the rest.
_SHOWN_FILES = 3


def _label(files: list[Member]) -> str:
    """A group's municipality by name, with the AGS when one of its files has it."""
    return next((m for m in files if m.ags), files[0]).label()


def _names(files: list[Member]) -> str:
    """The first files by name, and how many more."""
    names = ", ".join(m.name for m in files[:_SHOWN_FILES])
    if len(files) > _SHOWN_FILES:
        names += f" and {len(files) - _SHOWN_FILES} more"
    return names


def _mixed(groups: list[list[Member]], where: str) -> Diagnostic:
    parts = [f"{_label(files)}: {_names(files)}" for files in groups]
    message = (
        f"files of {len(groups)} municipalities cannot be rolled up into one: "
        f"{'; '.join(parts)}; choose one with --municipality"
    )
    return Diagnostic(where, 1, 1, "error", "", message)


def _where(file: Member, *locs: tuple[str | int, ...]) -> list[tuple[int, int]]:
    """Where each of ``locs`` stands in ``file``, read again (only files with a problem are)."""
    unknown = [(1, 1)] * len(locs)
    if file.path is None:
        return unknown
    try:
        data = load_yaml(read_source(file.path, file.name))
    except DiagnosticError:
        return unknown
    return [locate(data, loc) for loc in locs]


def _positions(file: Member) -> list[tuple[int, int]]:
    """Where each project id stands in ``file``."""
    return _where(file, *(("projects", index, "id") for index in range(len(file.projects))))


def _unplaced(file: Member, candidates: list[list[Member]]) -> Diagnostic:
    """A file without an AGS whose name fits several municipalities: an error at its name."""
    ((line, column),) = _where(file, ("municipality", "name"))
    parts = [f"{_label(g)}: {_names(g)}" for g in candidates]
    message = (
        f"{file.municipality!r} without an AGS could be any of {len(candidates)} municipalities "
        f"here: {'; '.join(parts)}; give this file its municipality.ags"
    )
    return Diagnostic(file.name, line, column, "error", "municipality.name", message)


def duplicate_projects(members: Iterable[Member]) -> list[Diagnostic]:
    """A project id defined in two files of one roll-up: an error at every place it stands.

    A strategy file's projects count once however many workshops refer to it;
    within one file (and between a workshop and its own strategy file) the
    rules pass reports duplicates already.
    """
    places: dict[str, list[tuple[Member, int]]] = {}
    for file in _files(members):
        for index, ident in enumerate(file.projects):
            places.setdefault(ident, []).append((file, index))
    clashes = {ident: found for ident, found in places.items() if len({f.name for f, _ in found}) > 1}
    if not clashes:
        return []
    positions: dict[str, list[tuple[int, int]]] = {}
    for found in clashes.values():
        for file, _ in found:
            if file.name not in positions:
                positions[file.name] = _positions(file)
    diagnostics = []
    for ident, found in clashes.items():
        for file, index in found:
            line, column = positions[file.name][index]
            others = [
                f"{other.name}:{positions[other.name][i][0]}" for other, i in found if other.name != file.name
            ]
            elsewhere = ", ".join(others[:-1]) + " and " + others[-1] if len(others) > 1 else others[0]
            message = (
                f"project {ident!r} is also defined in {elsewhere}; a roll-up counts each project "
                "once, so define it in one file (shared ones in the strategy file)"
            )
            diagnostics.append(Diagnostic(file.name, line, column, "error", "", message))
    return sorted(diagnostics)


def rollup_problems(members: Sequence[Member], where: str, *, collection: bool = False) -> list[Diagnostic]:
    """Why these files cannot be rolled up into one state, as errors; empty when they can.

    A file that cannot be placed (:func:`group`) is an error at its
    municipality's name, naming the candidates. Files of several
    municipalities are one error at ``where`` (the directory) naming each
    municipality with its files; otherwise each project id defined in two
    files is an error at both places. With ``collection`` (``check DIR``: a
    folder of unrelated workshops may be checked), neither is an error, and
    then no ids are compared either: which files belong together is decided
    only when they are rolled up (``status --municipality``).
    """
    grouping = group(members)
    if collection and (grouping.unplaced or len(grouping.groups) > 1):
        return []
    found = [_unplaced(file, candidates) for file, candidates in grouping.unplaced]
    if len(grouping.groups) > 1:
        found.append(_mixed(grouping.groups, where))
    return found or duplicate_projects(members)


def pick(results: Sequence[CheckResult], wanted: str) -> list[CheckResult]:
    """The results of one municipality, named by its AGS or its name (:func:`municipality_key`).

    A municipality is a group of :func:`group`: asking for the AGS a strategy
    file records also picks the workshops that name the same municipality
    without one. Files with errors are never picked.

    Raises :class:`MunicipalityChoice` (a usage error, exit status 2) when no
    file is of that municipality (with "did you mean") or when the name is that
    of several municipalities (then the AGS tells them apart), and
    :class:`DiagnosticError` (exit status 1) when a file that cannot be placed
    may be of the municipality chosen.
    """
    grouping = group(members(results))
    key = wanted.strip()
    name = municipality_key(key)
    chosen = [
        files
        for files in grouping.groups
        if any(key == m.ags or name == municipality_key(m.municipality) for m in files)
    ]
    if not chosen:
        names = [n for files in grouping.groups for m in files for n in (m.municipality, m.ags) if n]
        known = ", ".join(_label(files) for files in grouping.groups) or "none"
        raise MunicipalityChoice(
            f"no file here is of municipality {wanted!r} (found: {known}){suggest(wanted, names)}"
        )
    if len(chosen) > 1:
        raise MunicipalityChoice(
            f"--municipality {wanted!r} names {len(chosen)} municipalities: "
            f"{', '.join(_label(files) for files in chosen)}; choose one by its AGS"
        )
    (files,) = chosen
    doubtful = [
        _unplaced(file, candidates)
        for file, candidates in grouping.unplaced
        if any(candidate is files for candidate in candidates)
    ]
    if doubtful:
        raise DiagnosticError(doubtful, Exit.INVALID)
    names_ = {m.name for m in files}
    return [result for result in results if result.name in names_]
