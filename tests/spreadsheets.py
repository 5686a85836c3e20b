"""A workshop whose ids and titles a spreadsheet would turn into numbers, dates and truth values.

German Excel and LibreOffice Calc guess a type for every CSV cell: ``0815``
becomes 815, ``März 2026`` a date, ``12345678901234567890`` 1.23456789012346E+19,
``50%``, ``1.000`` and ``3,50 €`` numbers, ``05.03.2027`` a date, ``wahr`` and
``TRUE`` truth values. The workbook export must keep every one of them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import zipfile
from pathlib import Path

#: (id, title) of each project: every id and title a spreadsheet would read as something else.
TRICKY = [
    ("0815", "März 2026"),
    ("12345678901234567890", "12345678901234567890"),
    ("50", "50%"),
    ("1000", "1.000"),
    ("3-50", "3,50 €"),
    ("05-03-2027", "05.03.2027"),
    ("wahr", "wahr"),
    ("true", "TRUE"),
    ("1e5", "=1+1"),
    ("0001", "0001"),
]
#: (criterion id, scale minimum, scale maximum); each project's scores are made from its row.
CRITERIA = [("wirkung", 0, 5), ("aufwand", 1, 10)]


def scores(row: int) -> dict[str, float]:
    """The scores of the project in row ``row`` (0-based): halves and whole numbers."""
    return {"wirkung": (row % 11) / 2, "aufwand": 1 + row % 10}


def tricky_yaml() -> str:
    """The workshop file: YAML strings JSON-quoted, so nothing is read as a number."""
    lines = [
        "version: 1",
        "municipality: {name: Musterstadt, state: Bayern}",
        'workshop: {title: "März 2026", organiser: Amt, goal: Ziel}',
        "days:",
        '  - {date: 2026-03-05, start: "09:00", end: "17:00"}',
        'fields_of_action: [{id: f, title: "1.000"}]',
        "criteria:",
    ]
    for ident, low, high in CRITERIA:
        lines.append(f"  - {{id: {ident}, title: {ident.title()}, scale: {{min: {low}, max: {high}}}}}")
    lines.append("projects:")
    for row, (ident, title) in enumerate(TRICKY):
        lines.append(
            f"  - {{id: {json.dumps(ident)}, title: {json.dumps(title, ensure_ascii=False)}, "
            f"fields: [f], status: candidate, scores: {json.dumps(scores(row))}}}"
        )
    return "\n".join(lines) + "\n"


def soffice_convert(soffice: str, source: Path, target: str, outdir: Path, *infilter: str) -> Path:
    """Open ``source`` in LibreOffice Calc headless (a profile of its own) and save it as ``target``.

    ``target`` is a ``--convert-to`` argument (``xlsx``, ``csv:...``); the result
    is written to ``outdir`` under the source's stem.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(outdir / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            *(f"--infilter={f}" for f in infilter),
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
        env={**os.environ, "HOME": str(outdir)},
    )
    return outdir / f"{source.stem}.{target.split(':')[0]}"


def rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """The workbook ``data`` with some parts replaced or added (``change``: part name -> bytes)."""
    change = dict(change)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change.pop(info.filename, source.read(info)))
        for name, content in change.items():
            target.writestr(name, content)
    return out.getvalue()
