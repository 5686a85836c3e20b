"""Finding workshop files: the YAML files below a directory, and how a path is shown.

Shared by ``check`` (which walks directories itself, to report progress) and
the repository loaders (working tree and git revisions).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(directory: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``directory``, sorted, hidden directories skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / f
            for f in sorted(files)
            if f.endswith(YAML_SUFFIXES) and not f.startswith(".")
        )
    return found


def is_candidate(path: Path) -> bool:
    """Configuration files of other tools share the suffix; these are not ours to read."""
    return path.name not in {".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".gitlab-ci.yml"}


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to the current directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    # Outside it, '../../etc/x.yaml' is harder to read than what the user typed.
    return str(path) if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def candidates(directory: Path) -> list[Path]:
    """The workshop files below ``directory``: :func:`yaml_files` that are :func:`is_candidate`."""
    return [p for p in yaml_files(directory) if is_candidate(p)]


#: What ``check`` and ``status`` say of a directory that holds no workshop file.
NO_YAML_FILES = "no *.yaml or *.yml files in this directory"


def directory_files(directory: Path) -> list[Path]:
    """The workshop files below ``directory`` (:func:`candidates`), for a command that needs some.

    Raises :class:`DiagnosticError` (exit status 2, at ``directory``) when there
    are none: an empty roll-up or check would pass for a valid one.
    """
    found = candidates(directory)
    if not found:
        problem = Diagnostic(str(directory), 1, 1, "error", "", NO_YAML_FILES, "")
        raise DiagnosticError([problem], Exit.USAGE)
    return found


def expand(paths: Sequence[Path]) -> list[Path]:
    """Directories become the YAML files below them (:func:`candidates`); files stay as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(candidates(path))
        else:
            found.append(path)
    return found


def expand_arguments(arguments: Sequence[Path]) -> tuple[list[Path], list[Diagnostic], list[tuple[str, list[Path]]]]:
    """The files named on a command line: ``(files, problems, directories)``.

    Files stay as given; a directory becomes every workshop file below it
    (:func:`directory_files`); a glob its matching files, sorted. An argument that
    matches nothing is a problem (a usage error, exit status 2, which the caller
    reports like a diagnostic so ``--format json``/``github`` still show it). Each
    directory is named with its files, since ``check`` rolls each up on its own.
    One rule for every command that takes files (``check``, ``fmt``).
    """
    import glob

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
    return list(dict.fromkeys(files)), problems, directories
