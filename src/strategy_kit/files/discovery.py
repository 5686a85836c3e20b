"""Finding workshop files: the YAML files below a directory, and how a path is shown.

Shared by ``check`` (which walks directories itself, to report progress) and
the repository loaders (working tree and git revisions).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

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


def expand(paths: Sequence[Path]) -> list[Path]:
    """Directories become the YAML files below them; files stay as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in yaml_files(path) if is_candidate(p))
        else:
            found.append(path)
    return found
