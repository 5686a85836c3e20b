"""Shared fixtures: the examples, a CLI runner that lets exceptions through, golden files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from strategy_kit.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Property tests draw the same inputs on every run and every machine, so the
# suite cannot turn red by chance on a fresh clone or in CI, and no per-example
# wall-clock deadline can fail on a loaded machine (the fuzz harness bounds CPU
# time instead). STRATEGY_KIT_HYPOTHESIS=explore draws new inputs each run and
# keeps failures in .hypothesis/ for replay: use it to hunt, then turn what it
# finds into a test.
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("STRATEGY_KIT_HYPOTHESIS", "repeatable"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def telgte(tmp_path: Path) -> Path:
    """A private copy of the Telgte example that a test may change."""
    return copy_example("telgte.yaml", tmp_path)


def copy_example(name: str, folder: Path) -> Path:
    """An example and the photos it names (``fotos/``), copied into ``folder``."""
    target = folder / name
    shutil.copyfile(EXAMPLES / name, target)
    if not (folder / "fotos").exists():
        shutil.copytree(EXAMPLES / "fotos", folder / "fotos")
    return target


Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """Run ``strategy-kit ARGS`` in-process; exceptions propagate so bugs fail loudly."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """Compare whole output with ``tests/golden/NAME``; ``--update-goldens`` rewrites it."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, actual: str | bytes) -> None:
        path = GOLDEN / name
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {name} is missing; run pytest --update-goldens")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        expected = path.read_bytes()
        if expected != data:
            if isinstance(actual, str):
                assert actual == expected.decode("utf-8"), f"output differs from golden {name}"
            assert data == expected, f"output differs from golden {name}"

    return check


@pytest.fixture
def strategy_repo(tmp_path: Path) -> Path:
    """A private copy of the example strategy repository (strategy.yaml plus workshops/)."""
    target = tmp_path / "strategy-repo"
    shutil.copytree(EXAMPLES / "strategy-repo", target)
    return target
