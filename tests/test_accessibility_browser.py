"""Every HTML document checked by axe-core (Deque's rules behind Lighthouse) in Chromium.

BITV 2.0 follows WCAG 2.1 AA; axe finds what a machine can find of it
(contrast, names of images and tables, landmarks, heading order). A violation
of impact serious or critical fails; the message names rule, element and help.
axe-core comes from ``tests/js`` (``npm ci``, pinned in its package-lock).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.browser import driven
from typer.testing import CliRunner

from strategy_kit.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
JS = Path(__file__).resolve().parent / "js"
AXE = JS / "node_modules" / "axe-core" / "axe.min.js"

#: name: the command line that writes it (the output path is added).
DOCUMENTS = {
    "report-telgte-public": ["report", "telgte.yaml", "--public"],
    "report-telgte-internal": ["report", "telgte.yaml", "--internal"],
    "report-executive-program-public": ["report", "executive-program-kickoff.yaml", "--public"],
    "report-executive-program-internal": ["report", "executive-program-kickoff.yaml", "--internal"],
    "report-telgte-en": ["report", "telgte.yaml", "--lang", "en"],
    "agenda-telgte": ["plan", "telgte.yaml"],
    "agenda-executive-program": ["plan", "executive-program-kickoff.yaml"],
    "status": ["status", "strategy-repo"],
}
SERIOUS = ("serious", "critical")


def axe_source() -> str:
    """axe.min.js, installed from the lock when missing."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed (apt-get install npm); axe-core cannot be fetched")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=JS,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE.read_text(encoding="utf-8")


def render(name: str, folder: Path) -> Path:
    command, example, *options = DOCUMENTS[name]
    source = folder / example
    if not source.exists():
        if (EXAMPLES / example).is_dir():
            shutil.copytree(EXAMPLES / example, source)
        else:
            shutil.copyfile(EXAMPLES / example, source)
    target = folder / f"{name}.html"
    args = [command, str(source), *options, "-f", "html", "-o", str(target)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return target


def violations(page: Path, source: str) -> list[dict[str, Any]]:
    """axe's violations of ``page`` (WCAG 2.0/2.1 A and AA and best practices)."""
    with driven() as browser:
        # The agenda's Content-Security-Policy forbids scripts; axe is the test's own.
        tab = browser.new_page(bypass_csp=True)
        tab.goto(page.as_uri())
        tab.add_script_tag(content=source)
        result: list[dict[str, Any]] = tab.evaluate(
            """async () => (await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                  "best-practice"]},
                resultTypes: ["violations"],
            })).violations"""
        )
    return result


def described(found: list[dict[str, Any]]) -> str:
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {' '.join(node['target'])}: "
                f"{violation['help']} ({violation['helpUrl']})"
            )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_serious_or_critical_violation(axe: str, name: str, tmp_path: Path) -> None:
    found = violations(render(name, tmp_path), axe)
    if not name.startswith("agenda"):
        # Report and status page are clean of every finding, moderate and minor too.
        assert not found, "\n" + described(found)
    serious = [v for v in found if v["impact"] in SERIOUS]
    assert not serious, "\n" + described(serious)
