"""Shared fixtures: the examples, a CLI runner that lets exceptions through, golden files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from strategy_kit.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


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
    target = tmp_path / "telgte.yaml"
    shutil.copyfile(EXAMPLES / "telgte.yaml", target)
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
