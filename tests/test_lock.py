"""The lock (``requirements/constraints.txt``) pins every dependency pyproject.toml names.

The README's Quickstart and ``.ci/run`` install with ``-c requirements/constraints.txt``,
so a new release of a library changes nothing until ``bash requirements/upgrade``
is run and its changed goldens are committed. This test keeps the lock and
pyproject.toml in step: a dependency of any extra missing from the lock, a pin
below its lower bound, or a line that is not an exact pin fails it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "constraints.txt"
PROJECT = "strategy-kit"


def declared() -> list[Requirement]:
    """Every requirement of pyproject.toml: the runtime and each extra (self-references left out)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    texts = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        texts.extend(extra)
    return [r for r in map(Requirement, texts) if canonicalize_name(r.name) != PROJECT]


def pins(text: str) -> tuple[dict[str, list[Version]], list[str]]:
    """The lock's pins by normalised name (a name may be pinned per platform), and its bad lines."""
    found: dict[str, list[Version]] = {}
    bad: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        specifiers = list(requirement.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != "==" or "*" in specifiers[0].version:
            bad.append(f"line {number}: {line!r} is not an exact pin (name==version)")
            continue
        found.setdefault(canonicalize_name(requirement.name), []).append(Version(specifiers[0].version))
    return found, bad


def problems(lock_text: str, requirements: list[Requirement]) -> list[str]:
    """What is wrong between the lock and pyproject.toml, one sentence a problem."""
    found, bad = pins(lock_text)
    out = list(bad)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        if name not in found:
            out.append(f"{name}: named in pyproject.toml ({requirement}) but not pinned in the lock")
            continue
        for version in found[name]:
            if not requirement.specifier.contains(version, prereleases=True):
                out.append(f"{name}: the lock pins {version}, pyproject.toml asks for {requirement.specifier}")
    return out


def test_every_dependency_is_pinned_within_its_bounds() -> None:
    assert problems(LOCK.read_text("utf-8"), declared()) == []


def test_the_lock_covers_every_extra_the_quickstart_installs() -> None:
    names = {canonicalize_name(r.name) for r in declared()}
    # One from the runtime, each extra, and the test tools, so a lock compiled
    # without --all-extras cannot pass.
    assert {"babel", "weasyprint", "python-docx", "pytest", "playwright"} <= names
    found, _ = pins(LOCK.read_text("utf-8"))
    assert {"babel", "weasyprint", "python-docx", "pytest", "playwright"} <= set(found)


@pytest.mark.parametrize("name", ["babel", "weasyprint", "python-docx", "pytest"])
def test_a_deleted_pin_is_named(name: str) -> None:
    lines = LOCK.read_text("utf-8").splitlines()
    kept = [line for line in lines if canonicalize_name(line.split("==")[0].strip() or "-") != name]
    assert len(kept) < len(lines)
    found = problems("\n".join(kept), declared())
    assert any(problem.startswith(f"{name}: named in pyproject.toml") for problem in found), found


def test_a_pin_below_the_lower_bound_is_named() -> None:
    text = LOCK.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("babel=="))
    found = problems(text.replace(old, "babel==2.0"), declared())
    assert any(problem.startswith("babel: the lock pins 2.0") for problem in found), found


def test_a_range_is_not_a_pin() -> None:
    found = problems("rich>=13\n", [Requirement("rich>=13")])
    assert found[0] == "line 1: 'rich>=13' is not an exact pin (name==version)"



def test_the_build_backend_is_pinned() -> None:
    """pip builds the wheel in an isolated environment that ``-c`` does not reach."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["build-system"]["requires"]
    for text in build:
        specifiers = list(Requirement(text).specifier)
        assert [s.operator for s in specifiers] == ["=="], text
