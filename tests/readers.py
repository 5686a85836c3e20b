"""Real readers for PDF and DOCX output: poppler's tools and LibreOffice.

A test that needs one skips with the reason and the package to install when
it is missing; `.ci/run` installs them, so in CI they always run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

#: The Debian package that brings each program.
PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdfimages": "poppler-utils",
    "soffice": "libreoffice-writer-nogui",
}


def program(name: str) -> str:
    """The program's path, or skip the calling test."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {PACKAGES[name]})")
    return found


def run(name: str, *args: str | Path) -> str:
    return subprocess.run(
        [program(name), *map(str, args)], capture_output=True, check=True, timeout=120
    ).stdout.decode("utf-8")


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text of one page (1-based) or the whole file, laid out as on paper."""
    pages = ("-f", str(page), "-l", str(page)) if page is not None else ()
    return run("pdftotext", "-layout", *pages, pdf, "-")


def pdf_info(pdf: Path) -> dict[str, str]:
    """``pdfinfo``'s fields: Title, Pages, Page size, CreationDate, ..."""
    fields = {}
    for line in run("pdfinfo", "-isodates", pdf).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def pdf_pages(pdf: Path) -> list[str]:
    """Every page's text, in order."""
    return [pdf_text(pdf, n) for n in range(1, int(pdf_info(pdf)["Pages"]) + 1)]


def soffice_to_pdf(documents: list[Path], outdir: Path) -> list[Path]:
    """Convert with LibreOffice headless (one start for all) in a profile of its own."""
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            program("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, documents),
        ],
        capture_output=True,
        check=True,
        timeout=180,
        env={**os.environ, "HOME": str(outdir)},
    )
    return [outdir / f"{document.stem}.pdf" for document in documents]


def section_pages(
    pages: list[str], headings: list[str], end: str, frame: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """The first and last page (0-based) of each part that opens with one of ``headings``.

    A part runs to the next heading, the last one to the line ``end`` (the
    chapter after them) or the document's end. ``frame`` says which lines are
    the page's frame (running header, page number, edition mark), not content:
    a page the part reaches only with its frame does not count.
    """
    lines = [
        (number, line.strip())
        for number, page in enumerate(pages)
        for line in page.splitlines()
        if line.strip() and not frame(line.strip())
    ]
    starts = []
    for heading in headings:
        found = [i for i, (_, line) in enumerate(lines) if heading in line]
        assert len(found) == 1, (heading, found)
        starts.append(found[0])
    stops = [i for i, (_, line) in enumerate(lines) if line == end and i > starts[-1]]
    bounds = [*starts[1:], stops[0] if stops else len(lines)]
    return [(lines[a][0], lines[b - 1][0]) for a, b in zip(starts, bounds, strict=True)]
