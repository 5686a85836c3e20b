"""Resource bombs: each is refused with a diagnostic or handled, fast and in bounded memory.

Every bomb runs in a child process whose address space is capped with
``RLIMIT_AS`` (so a blow-up is a MemoryError there, not a swapping machine);
the child runs each command through ``strategy_kit.cli.main`` (the real
top-level guard) and reports exit status, CPU time and stderr. The bound is
CPU time, not wall time, so a loaded machine does not fail it, and it is five
times the slowest figure measured (SECURITY.md has the figures); the strict
speed goals live in ``benchmarks/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.spreadsheets import rezip

resource = pytest.importorskip("resource", reason="needs POSIX resource limits")
pytestmark = pytest.mark.slow

HEAD = "version: 1\nmunicipality: {name: T, state: Bayern}\nworkshop: {title: T, organiser: O, goal: G}\n"
SCORED = (
    HEAD + "fields_of_action: [{id: f, title: F}]\ncriteria:\n  - {id: c, title: C, weight: %s}\n"
    "projects:\n  - {id: p, title: P, fields: [f], scores: {c: %s}, votes: %s}\n"
    "  - {id: q, title: Q, fields: [f], scores: {c: 1}, votes: 2}\n"
)
DAY = (
    HEAD + 'days:\n  - date: 2026-03-05\n    start: "09:00"\n    end: "17:00"\n    blocks:\n'
    "      - id: a\n        title: A\n        sessions:\n          - {title: S, duration: %s}\n"
)
LAUGHS = HEAD + 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 10)
)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GIGABYTES = 1 << 30
MEMORY = 2 * GIGABYTES
CPU_SECONDS = 10.0  # per command: 5x the slowest case measured (the 2 MB line, about 1.8 s)


def deep_mappings(levels: int) -> str:
    return HEAD + "x:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, levels))


#: name: (file content, expected exit statuses, a word the diagnostic must contain or None)
BOMBS: dict[str, tuple[str, set[int], str | None]] = {
    "billion-laughs": (LAUGHS, {1}, "alias bomb"),
    "self-alias": (HEAD + "x: &a [1, *a]\n", {1}, "itself"),
    "flow-nesting-100000": (HEAD + "x: " + "[" * 100_000, {1}, "nested too deeply"),
    "flow-mappings-100000": (HEAD + "x: " + "{a: " * 100_000, {1}, "nested too deeply"),
    "block-sequences-100000": (HEAD + "x:\n" + "- " * 100_000 + "1\n", {1}, "nested too deeply"),
    # 100 000 levels of indented mappings are 5 GB, which the size limit refuses
    # unread; 1 400 levels (1 MB) reach the parser's depth limit.
    "block-mappings-1400": (deep_mappings(1400), {1}, "nested too deeply"),
    # A 2 MB line: the round-trip parser reads about 1 MB a second, so a line near
    # the 16 MB limit takes seconds per command (SECURITY.md says so).
    "line-of-2-mb": (HEAD + 'x: "' + "a" * (2 * 1024 * 1024) + '"\n', {1}, "unknown key"),
    "ten-years-in-hours": (DAY % "87600h", {1}, "longer than a day"),
    "ten-years-in-minutes": (DAY % "5256000m", {1}, "longer than a day"),
    "duration-of-4000-digits": (DAY % ("9" * 4000 + "m"), {1}, "longer than a day"),
    "score-10**5000": (SCORED % ("1", "1" + "0" * 5000, "1"), {1}, "too many digits"),
    "score-10**4000": (SCORED % ("1", "1" + "0" * 4000, "1"), {1}, "valid number"),
    "weight-10**4000": (SCORED % ("1" + "0" * 4000, "1", "1"), {1}, "valid number"),
    "votes-10**4000": (SCORED % ("1", "1", "1" + "0" * 4000), {1}, "more than 10 000"),
    "score-inf": (SCORED % ("1", ".inf", "1"), {1}, "outside the scale"),
    "score-nan": (SCORED % ("1", ".nan", "1"), {1}, "finite number"),
    "weight-inf": (SCORED % (".inf", "1", "1"), {1}, "finite number"),
    "weight-nan": (SCORED % (".nan", "1", "1"), {1}, "finite number"),
    "weight-1e309": (SCORED % ("1e309", "1", "1"), {1}, "finite number"),
    "date-beyond-9999": (HEAD + "days:\n  - {date: 99999-01-01, start: '09:00', end: '10:00'}\n", {1}, None),
}
COMMANDS = [
    ["check"], ["plan", "-f", "ics"], ["plan", "-f", "html"], ["plan", "-f", "json"], ["report", "-f", "html"],
    ["report", "-f", "md"], ["rank"], ["vote", "FILE", "p", "+1"], ["score", "FILE", "p", "c=2"], ["fmt", "--check"],
]

CHILD = r"""
import contextlib, io, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
from strategy_kit.cli import main
path, commands, report = sys.argv[2], json.loads(sys.argv[3]), []
for command in commands:
    argv = [path if part == "FILE" else part for part in command]
    if "FILE" not in command:
        argv.insert(1, path)
    err, raw = io.StringIO(), io.BytesIO()
    out = io.TextIOWrapper(raw, write_through=True)
    start = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    text = raw.getvalue().decode("utf-8", "replace")[:2000] + err.getvalue()[-2000:]
    report.append([command[0], status, time.process_time() - start, text])
print(json.dumps(report))
"""


def run_child(path: Path, commands: list[list[str]], memory: int = MEMORY) -> list[list[object]]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(memory), str(path), json.dumps(commands)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout)


@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_is_refused_or_handled_quickly_in_bounded_memory(name: str, tmp_path: Path) -> None:
    content, statuses, word = BOMBS[name]
    path = tmp_path / "bomb.yaml"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    for command, status, seconds, output in run_child(path, COMMANDS):
        assert "internal error" not in output and "Traceback" not in output, (command, output)
        assert seconds < CPU_SECONDS, (command, seconds)
        if command in ("check", "plan", "report", "rank"):
            assert status in statuses, (command, status, output)
            if word is not None and status:
                assert word in output, (command, output)
        else:
            assert status in (0, 1, 2), (command, status, output)
    if 0 not in statuses:
        assert path.read_bytes() == before, "an edit changed a refused file"


def test_a_50_mb_line_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "line.yaml"
    with path.open("wb") as handle:
        handle.write(HEAD.encode() + b'x: "')
        handle.write(b"a" * (50 * 1024 * 1024))
        handle.write(b'"\n')
    # Too little memory to hold the file even once: it must not be read at all.
    for command, status, seconds, output in run_child(path, [["check"], ["plan"], ["report"], ["rank"]], memory=MEMORY):
        assert status == 1 and "a workshop file is at most" in output, (command, output)
        assert seconds < CPU_SECONDS


def _check_seconds(count: int, directory: Path) -> float:
    from strategy_kit.check.validate import check_source
    from strategy_kit.files.source import read_source

    path = directory / f"many-{count}.yaml"
    path.write_text(
        HEAD + "fields_of_action:\n  - {id: f, title: F}\nparticipants:\n"
        + "".join(f"  - {{id: p{n}, role: R}}\n" for n in range(count))
        + "projects:\n"
        + "".join(f"  - {{id: x{n}, title: X, fields: [f], lead: p{n}}}\n" for n in range(count)),
        encoding="utf-8",
    )
    start = time.process_time()
    result = check_source(read_source(path))
    elapsed = time.process_time() - start
    assert result.document is not None
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics[:3]
    return elapsed


def test_many_ids_take_linear_time(tmp_path: Path) -> None:
    """Ten times the participants and projects cost about ten times as long, not a hundred.

    Measured in CPU time, so a loaded machine does not matter; 50 000 of each
    would take minutes in the round-trip parser (SECURITY.md has the figure for 50 000
    participants).
    """
    small = min(_check_seconds(500, tmp_path) for _ in range(2))
    large = _check_seconds(5000, tmp_path)
    assert large < small * 25, (small, large)


# -- workbooks that import-scores reads ------------------------------------------------------


def _workbook() -> bytes:
    from strategy_kit.check.validate import load_document
    from strategy_kit.present.workbook import export_xlsx

    document = load_document(EXAMPLES / "telgte.yaml").document
    assert document is not None
    return export_xlsx(document)


def _lying(data: bytes, name: str, declared: int) -> bytes:
    """``data`` with ``name``'s unpacked size written as ``declared`` in both headers (APPNOTE 4.3.7, 4.3.12)."""
    import io
    import struct
    import zipfile

    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    raw = bytearray(data)
    struct.pack_into("<I", raw, info.header_offset + 22, declared)
    position = raw.find(b"PK\x01\x02")
    while position != -1:
        length = struct.unpack_from("<H", raw, position + 28)[0]
        if raw[position + 46 : position + 46 + length] == name.encode():
            struct.pack_into("<I", raw, position + 24, declared)
        position = raw.find(b"PK\x01\x02", position + 4)
    return bytes(raw)


SHEET = "xl/worksheets/sheet1.xml"
_LAUGHS = (
    b'<!DOCTYPE worksheet [<!ENTITY l0 "lol">'
    + b"".join(b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10))
    + b"]>"
)


def _sheet(book: bytes) -> bytes:
    """The first sheet's XML without its declaration, with the laughs in its first text cell."""
    import io
    import re
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(book)).read(SHEET)
    xml = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    return re.sub(rb"<t>([^<]*)</t>", b"<t>&l9;</t>", xml, count=1)


def _renamed(book: bytes, old: str, new: str) -> bytes:
    """``book`` with part ``old`` called ``new`` in the zip, the relationships and the content types."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(book))
    short_old, short_new = old.rsplit("/", 1)[1].encode(), new.rsplit("/", 1)[1].encode()
    change = {
        name: source.read(name).replace(short_old, short_new)
        for name in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels")
    }
    change[new] = source.read(old)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != old:
                target.writestr(info.filename, change.pop(info.filename, source.read(info)))
        for name, content in change.items():
            target.writestr(name, content)
    return out.getvalue()
NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
#: name: a function of the exported Telgte workbook -> the bomb's bytes
XLSX_BOMBS = {
    # 1 GB of spaces deflate to about 1 MB; the central directory says 1 GB.
    "deflate-1-gb": lambda book: rezip(book, {SHEET: NS + b" " * GIGABYTES + b"</sheetData></worksheet>"}),
    # The same part, its sizes rewritten to 1 kB: zipfile stops there, the XML is cut.
    "lying-size": lambda book: _lying(
        rezip(book, {SHEET: NS + b" " * (200 * 1024 * 1024) + b"</sheetData></worksheet>"}), SHEET, 1024
    ),
    "billion-laughs": lambda book: rezip(book, {"xl/sharedStrings.xml": (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">'
        + b"".join(b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10))
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&l9;</t></si></sst>'
    )}),
    "100000-parts": lambda book: rezip(book, {f"xl/p{n}.xml": b"" for n in range(100_000)}),
    "row-10**12": lambda book: rezip(book, {SHEET: NS + b'<row r="1000000000000"><c r="A1000000000000" t="inlineStr">'
                                            b"<is><t>id</t></is></c></row></sheetData></worksheet>"}),
    "column-XFD-of-200000-rows": lambda book: rezip(book, {SHEET: NS + b"".join(
        b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (n, n) for n in range(1, 200_001)
    ) + b"</sheetData></worksheet>"}),
    # The laughs in a part that is not called *.xml: the content types, not the name, make it a sheet.
    "billion-laughs-in-a-bin-part": lambda book: _renamed(rezip(book, {SHEET: _LAUGHS + _sheet(book)}), SHEET, "xl/worksheets/sheet1.bin"),
    # The laughs in UTF-16, where a search for the bytes of "<!DOCTYPE" finds nothing.
    "billion-laughs-in-utf-16": lambda book: rezip(book, {SHEET: (
        _LAUGHS.decode() + _sheet(book).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    ).encode("utf-16")}),
}


#: What each workbook bomb's one error line says after "not a readable workbook: ".
XLSX_WORDS = {
    "deflate-1-gb": "unpacks to 1073",
    "lying-size": "part xl/worksheets/sheet1.xml cannot be unpacked",
    "billion-laughs": "part xl/sharedStrings.xml declares a document type",
    "100000-parts": "100013 parts",  # the export's 13 parts (comments among them) and 100 000
    "row-10**12": "sheet 'Bewertung' has rows beyond row 1048576",
    "column-XFD-of-200000-rows": "more than 1000000 cells",
    "billion-laughs-in-a-bin-part": "part xl/worksheets/sheet1.bin declares a document type",
    "billion-laughs-in-utf-16": "part xl/worksheets/sheet1.xml is not UTF-8",
}


@pytest.mark.parametrize("name", XLSX_BOMBS)
def test_a_workbook_bomb_is_refused_quickly_in_bounded_memory(name: str, tmp_path: Path) -> None:
    workshop = tmp_path / "telgte.yaml"
    workshop.write_bytes((EXAMPLES / "telgte.yaml").read_bytes())
    before = workshop.read_bytes()
    table = tmp_path / "bomb.xlsx"
    table.write_bytes(XLSX_BOMBS[name](_workbook()))
    ((_, status, seconds, output),) = run_child(workshop, [["import-scores", "FILE", str(table)]])
    assert "internal error" not in output and "Traceback" not in output, output
    assert status == 1, output
    assert seconds < CPU_SECONDS, seconds
    assert workshop.read_bytes() == before
    assert f"{table}: error: not a readable workbook: {XLSX_WORDS[name]}" in output, output
