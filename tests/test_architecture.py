"""The package's shape: stages import downwards, chains stay short, private names stay private.

The stages and their order are an import-linter contract in pyproject.toml
(``lint-imports`` in CI, and :func:`test_the_import_contracts_hold` here).
These tests hold what the contract does not say: no import cycle; from every
module to each module it depends on, a shortest import chain (import-linter's
notion of a chain, grimp's ``find_shortest_chain``) of at most
:data:`MAX_CHAIN` modules, so no shared helper sits at the end of a long
detour; no module importing another module's private (underscore) name; and package
``__init__`` files that import nothing, so that loading one module never
drags in its siblings (the start-up test measures what a command loads).

The graph is grimp's (import-linter's own), with imports inside functions and
``TYPE_CHECKING`` blocks included: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from grimp import ImportGraph

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "strategy_kit"
#: The stages, in import order: each may import only those after it.
STAGES = ("cli", "serve", "change", "present", "compute", "check", "files", "document")
#: The longest of the shortest chains between two modules (``a -> b -> c`` is 3).
MAX_CHAIN = 6


@functools.cache
def graph() -> ImportGraph:
    import grimp

    return grimp.build_graph("strategy_kit", cache_dir=None)


def modules() -> list[str]:
    return sorted(graph().modules)


def imported_by(module: str) -> set[str]:
    return set(graph().find_modules_directly_imported_by(module))


def longest_shortest_chain() -> tuple[str, ...]:
    """The longest chain grimp finds between any module and any module it depends on."""
    worst: tuple[str, ...] = ()
    g = graph()
    for importer in modules():
        for imported in sorted(g.find_upstream_modules(importer)):
            chain = g.find_shortest_chain(importer=importer, imported=imported)
            if chain is not None and len(chain) > len(worst):
                worst = tuple(chain)
    return worst


def cycle() -> list[str]:
    """One import cycle as a list of modules (first == last), or an empty list."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for nxt in sorted(imported_by(module)):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[module] = 2
        return []

    for module in modules():
        if module not in state:
            found = visit(module)
            if found:
                return found
    return []


def test_there_is_no_import_cycle() -> None:
    assert cycle() == []


def test_every_import_chain_is_at_most_six_modules() -> None:
    """A failure names the longest chain found, module by module."""
    worst = longest_shortest_chain()
    assert len(worst) <= MAX_CHAIN, " -> ".join(worst)


def test_the_measures_see_the_graph() -> None:
    """The checks above would notice a long chain or a cycle: they read a real graph."""
    assert len(modules()) > 50
    assert "strategy_kit.document.model" in imported_by("strategy_kit.check.validate")
    assert len(longest_shortest_chain()) >= 4


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """The layers and the independence of the commands, as ``lint-imports`` checks them in CI."""
    from importlinter.cli import lint_imports

    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "0 broken" in out


def test_each_stage_is_a_package_in_the_contract() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")
    assert tuple(layers["layers"]) == STAGES
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(STAGES)
    assert {p.stem for p in PACKAGE.glob("*.py")} == {"__init__", "__main__"}


def test_stage_packages_import_nothing() -> None:
    """``import strategy_kit.present.text`` must not load the other renderers."""
    for stage in STAGES:
        tree = ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))
        if stage == "cli":
            # The entry point: the standard library at module level, commands on demand.
            loaded = [
                n
                for n in tree.body
                if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("strategy_kit")
            ]
            assert loaded == [], stage
            continue
        assert all(
            isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in tree.body
        ), f"{stage}/__init__.py holds more than a docstring"


# -- private names ------------------------------------------------------------------------------


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def python_files() -> Iterator[Path]:
    yield from sorted(PACKAGE.rglob("*.py"))
    yield from sorted((ROOT / "tests").rglob("*.py"))
    yield from sorted((ROOT / "benchmarks").glob("*.py"))


def module_name(path: Path) -> str:
    """``strategy_kit.check.rules`` or ``tests.cli.test_check``: what the file is imported as."""
    base = PACKAGE.parent if PACKAGE in path.parents else ROOT
    if base not in path.parents:
        return path.stem
    return ".".join(path.relative_to(base).with_suffix("").parts).removesuffix(".__init__")


DOTTED = re.compile(r"\bstrategy_kit(?:\.\w+)+")


def private_uses(path: Path) -> Iterator[str]:
    """``from m import _x``, ``m._x`` on an imported strategy_kit module, ``"strategy_kit.m._x"``."""
    own = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("strategy_kit"):
                continue
            for alias in node.names:
                if private(alias.name) and node.module != own:
                    yield f"{path.name}:{node.lineno}: from {node.module} import {alias.name}"
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("strategy_kit"):
                    # ``import a.b as m`` binds m to a.b; ``import a.b`` binds a.
                    aliases[alias.asname or "strategy_kit"] = alias.name if alias.asname else "strategy_kit"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            base = node.value
            parts: list[str] = []
            while isinstance(base, ast.Attribute):
                parts.insert(0, base.attr)
                base = base.value
            if isinstance(base, ast.Name) and base.id in aliases:
                target = ".".join([aliases[base.id], *parts])
                if target != own:
                    yield f"{path.name}:{node.lineno}: {target}.{node.attr}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for dotted in DOTTED.findall(node.value):
                *module, name = dotted.split(".")
                if private(name) and ".".join(module) != own:
                    yield f"{path.name}:{node.lineno}: {dotted!r}"


def test_no_module_uses_a_private_name_of_another() -> None:
    this = Path(__file__).resolve()  # its examples below are bad on purpose
    found = [use for path in python_files() if path.resolve() != this for use in private_uses(path)]
    assert found == []


def test_the_private_name_check_finds_each_kind(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from strategy_kit.check.rules import _number\n"
        "from strategy_kit.files import fmt\n"
        "import strategy_kit.check.rules as rules\n"
        "fmt._line_start\n"
        "rules._minutes\n"
        "PATCH = 'strategy_kit.check.strategy._STRATEGIES'\n"
        "from strategy_kit import __version__\n",
        encoding="utf-8",
    )
    assert len(list(private_uses(sample))) == 4
