"""A real headless browser (Debian's chromium) for tests of HTML output.

Tests that need it skip with the reason when chromium is missing; `.ci/run`
installs it, so they always run in CI. The flags keep Chromium off the network
(this machine has none) and give every run a profile of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def chromium() -> str:
    """The browser's path, or skip the calling test."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


#: Off the network, no GPU, no sandbox (containers run tests as root).
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def browser(workdir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium with ``args``; ``workdir`` holds its profile and HOME."""
    command = [
        chromium(),
        "--headless",
        *FLAGS,
        f"--user-data-dir={workdir / 'chromium-profile'}",
        *args,
    ]
    env = {**os.environ, "HOME": str(workdir)}
    return subprocess.run(command, capture_output=True, timeout=120, check=True, env=env)


@contextmanager
def driven() -> Iterator[Browser]:
    """The same chromium driven by Playwright (never a browser Playwright downloads)."""
    executable = chromium()
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(FLAGS))
        try:
            yield launched
        finally:
            launched.close()


def artifacts() -> Path:
    """Where tests keep what a person may want to look at: ``$STRATEGY_KIT_ARTIFACTS``."""
    default = Path(__file__).resolve().parents[1] / "test-artifacts"
    folder = Path(os.environ.get("STRATEGY_KIT_ARTIFACTS") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def print_to_pdf(page: Path, pdf: Path, workdir: Path) -> None:
    """Print ``page`` as the browser would on paper (no header or footer)."""
    browser(workdir, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())


def dump_dom(page: Path, workdir: Path) -> str:
    """The DOM after the browser parsed ``page`` (what became elements, what stayed text)."""
    return browser(workdir, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
