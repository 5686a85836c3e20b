"""Hypothesis strategies for hostile workshop files: YAML-ish texts, mutated documents, mutated bytes."""

from __future__ import annotations

import copy
import datetime as dt
import io
from functools import cache
from typing import Any

from hypothesis import strategies as st
from tests.fuzz.harness import SEEDS
from tests.hostile import HOSTILE

# -- (a) texts built from YAML's own tokens -------------------------------------------------

KEYS = [
    "version", "municipality", "workshop", "participants", "days", "blocks", "sessions",
    "projects", "criteria", "scores", "votes", "id", "title", "name", "duration", "start",
    "end", "date", "weight", "scale", "min", "max", "status", "fields", "fields_of_action",
    "strategy", "report", "public", "email", "lead", "parent", "next_steps", "due",
]
SCALARS = [
    "1", "0", "-1", "1.5", "3,5", "1e309", "-1e309", ".inf", "-.inf", ".nan", "0x1F", "0o17", "0b1",
    "9" * 400, "1_000", "~", "null", "yes", "no", "on", "true", "False", "2019-03-05",
    "2019-13-45", "2019-02-30", "2019-03-05T09:00:00Z", "09:00", "25:61", "24:00", "0m",
    "87600h", "5256000m", "-5m", "1h-30m", "1h30m", "90", "ö", "Stadt Telgte", "../strategy.yaml",
    "/etc/passwd", "*", "&", "!", "%", "@", "`", "|", ">", "'", '"',
]
STRUCTURE = [
    "\n", "\n", "\n", "\n  ", "\n    ", "\n      ", "  ", " ", ": ", ":", "- ", "-", "? ",
    "[", "]", "{", "}", ", ", ",", "&a ", "&b ", "*a", "*b", "<<: *a", "<<: ", "!!str ", "!!int ",
    "!!float ", "!!map ", "!!seq ", "!!binary ", "!!set ", "!!omap ", "!!python/object:os.system ",
    "!!python/name:builtins.eval ", "!local ", "!<tag:x> ", "'", '"', "''", '""', '"\\u0000"',
    '"\\x1b[31m"', '"\\uD800"', "|", "|-", "|+", ">", ">-", "|2", "# comment", " # c", "#", "\ufeff",
    "\r\n", "\r", "\t", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u202e",
    "---", "...", "--- ", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "%FOO\n",
]
token = st.one_of(
    st.sampled_from(STRUCTURE),
    st.sampled_from(KEYS).map(lambda k: k + ": "),
    st.sampled_from(SCALARS),
    st.sampled_from(HOSTILE),
    st.text(max_size=6),
)
#: A prefix that gets past "no version" so the validator, not only the parser, is exercised.
PREFIX = st.sampled_from(
    ["", "version: 1\n", "version: 1\nmunicipality: {name: T, state: Bayern}\n"
     "workshop: {title: T, organiser: O, goal: G}\n"]
)


@st.composite
def yaml_texts(draw: st.DrawFn) -> bytes:
    """Text made of YAML's syntax: indentation, flow brackets, anchors, tags, scalars, controls."""
    text = draw(PREFIX) + "".join(draw(st.lists(token, max_size=60)))
    return text.encode("utf-8", "surrogatepass")


# -- (b) documents from the examples' data, mutated ------------------------------------------


@cache
def seed_documents() -> tuple[dict[str, Any], ...]:
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import load_yaml, plain

    return tuple(plain(load_yaml(decode(path.read_bytes(), path.name))) for path in SEEDS)


ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, -(10**9), 10**18, 10**300, -(10**300), 1e308, -1e308, 1e-320,
    float("inf"), float("-inf"), float("nan"), 0.1, "", " ", "x" * 5000, [], {}, [None], {"": None},
    "87600h", "5256000m", "0m", "-5m", "1h-30m", "99h99m", "00:00", "23:59", "24:00", "99:99",
    "9:5", "09:00:00", "2019-02-29", "0001-01-01", "9999-12-31", dt.date(1, 1, 1),
    dt.date(9999, 12, 31), dt.datetime(2019, 3, 5, 9, 0), "../../etc/passwd", "/dev/zero",
    "ö" * 3, "🇩🇪", "\u202e", *HOSTILE,
]
UNKNOWN_KEYS = ["extra", "Title", "id ", "__class__", "<script>", "€", "titel", "notes"]


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a nested structure (the root is the empty path)."""
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_places(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_places(child, (*path, index)))
    return found


def _at(root: Any, path: tuple[Any, ...]) -> Any:
    for segment in path:
        root = root[segment]
    return root


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """An example's data with a few changes of type, key, id or value, dumped as YAML."""
    from strategy_kit.files.yamlio import make_yaml

    doc = copy.deepcopy(draw(st.sampled_from(seed_documents())))
    for _ in range(draw(st.integers(0, 5))):
        places = _places(doc)
        where = draw(st.sampled_from(places))
        target = _at(doc, where)
        action = draw(st.sampled_from(["replace", "delete", "unknown-key", "duplicate", "swap-id", "empty"]))
        if action == "replace" and where:
            _at(doc, where[:-1])[where[-1]] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "delete" and where:
            parent = _at(doc, where[:-1])
            del parent[where[-1]]
        elif action == "unknown-key" and isinstance(target, dict):
            target[draw(st.sampled_from(UNKNOWN_KEYS))] = draw(st.sampled_from(ODD_VALUES[:20]))
        elif action == "duplicate" and isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
        elif action == "swap-id" and isinstance(target, dict) and "id" in target:
            target["id"] = draw(st.sampled_from(["", "x", "strategy", "p1", "a b", "ö", "../x", "-", *HOSTILE[:8]]))
        elif action == "empty" and isinstance(target, list | dict):
            target.clear()
    stream = io.StringIO()
    make_yaml().dump(doc, stream)
    return stream.getvalue().encode("utf-8", "surrogatepass")


# -- (c) bytes of the examples, flipped, inserted, deleted, spliced --------------------------

INTERESTING_BYTES = [b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\r", b"\n", b"\t", b":", b"-", b"[",
                     b"{", b"&", b"*", b"!", b"#", b"'", b'"', b"|", b">", b"%", b"\x1b", b" "]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """An example file with a few bytes flipped, inserted, deleted or a span copied elsewhere."""
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.one_of(st.sampled_from(INTERESTING_BYTES), st.binary(min_size=1, max_size=4)))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "splice" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + draw(st.integers(1, 200))]
    return bytes(data)


GENERATORS = {"text": yaml_texts(), "document": mutated_documents(), "bytes": mutated_bytes()}


# -- (d) the examples with document markers, anchors, aliases and merge keys inserted --------
#
# Text mutations, so that the file keeps its comments and layout: what ``fmt`` and the
# edit commands must carry through untouched. Most inputs stay valid.

HEADS = ["", "---\n", "--- # Anfang\n", "%YAML 1.2\n---\n", "# Kopf\n%YAML 1.2\n--- \n", "%YAML 1.1\n---\n"]
TAILS = ["", "...\n", "...\n# Nach dem Ende\n", "...", "\n...\n"]


def _merge_first_project(text: str) -> str:
    """The first project anchored as ``&base``; a project merging it appended to the section."""
    start = text.find("\nprojects:\n  - id: ")
    if start < 0:
        return text
    text = text[:start] + "\nprojects:\n  - &base\n    id: " + text[start + len("\nprojects:\n  - id: ") :]
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    merged = "\n  - <<: *base\n    id: fuzz-merged\n    title: Zusammengeführt"
    return text[:end] + merged + text[end:]


def _alias_second(text: str, key: str, anchor: str) -> str:
    """The first ``key: value`` anchored, the second one replaced by its alias."""
    first = text.find(f"    {key}: ")
    second = text.find(f"    {key}: ", first + 1) if first >= 0 else -1
    if second < 0:
        return text
    line_end = text.find("\n", second)
    line_end = len(text) if line_end < 0 else line_end
    value_at = first + len(f"    {key}: ")
    text = text[:second] + f"    {key}: *{anchor}" + text[line_end:]
    return text[:value_at] + f"&{anchor} " + text[value_at:]


def _version_last(text: str) -> str:
    """``version: 1`` moved to the end: ``fmt`` has to reorder."""
    if "\nversion: 1\n" not in text:
        return text
    return text.replace("\nversion: 1\n", "\n", 1).rstrip("\n") + "\nversion: 1\n"


MARKED_MUTATIONS = {
    "merge": _merge_first_project,
    "scores": lambda text: _alias_second(text, "scores", "sc"),
    "votes": lambda text: _alias_second(text, "votes", "vv"),
    "fields": lambda text: _alias_second(text, "fields", "ff"),
    "reorder": _version_last,
}


@st.composite
def marked_documents(draw: st.DrawFn) -> bytes:
    """An example with document markers, a directive and anchors, aliases or merge keys."""
    text = draw(st.sampled_from(SEEDS)).read_text("utf-8")
    for name in draw(st.lists(st.sampled_from(sorted(MARKED_MUTATIONS)), unique=True)):
        text = MARKED_MUTATIONS[name](text)
    text = draw(st.sampled_from(HEADS)) + text + draw(st.sampled_from(TAILS))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


MARKED = marked_documents()


# -- (e) workbooks for import-scores ---------------------------------------------------------


def _rezip(parts: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@cache
def _workbook_parts() -> dict[str, bytes]:
    import zipfile

    from tests.fuzz.harness import GOLDEN_XLSX

    with zipfile.ZipFile(GOLDEN_XLSX) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> bytes:
    """The Telgte workbook with bytes changed: in the zip itself, or in one XML part, zipped again."""
    from tests.fuzz.harness import GOLDEN_XLSX

    inside = draw(st.booleans())
    parts = dict(_workbook_parts())
    name = draw(st.sampled_from(sorted(parts))) if inside else ""
    data = bytearray(parts[name] if inside else GOLDEN_XLSX.read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.one_of(
                st.sampled_from([b"<", b">", b'"', b"&", b"r=\"A0\"", b"<c r=\"ZZZZ9\"><v>1</v></c>", b"\x00"]),
                st.binary(min_size=1, max_size=4),
            ))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "splice" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + draw(st.integers(1, 200))]
    if not inside:
        return bytes(data)
    parts[name] = bytes(data)
    return _rezip(parts)


CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "id", "wirkung", "stadtportal", "0815", "2,5", "'3", "=1+1", "#DIV/0!", "1e309", "ö" * 40]),
    st.text(max_size=12),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)),
)


@st.composite
def workbook_cells(draw: st.DrawFn) -> bytes:
    """The Telgte workbook with cells (header, ids, scores, anywhere) set to any value openpyxl writes."""
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError
    from tests.fuzz.harness import GOLDEN_XLSX

    book = openpyxl.load_workbook(GOLDEN_XLSX)
    sheet = book.worksheets[draw(st.integers(0, len(book.worksheets) - 1))]
    for _ in range(draw(st.integers(1, 8))):
        row, column = draw(st.integers(1, 8)), draw(st.integers(1, 18))
        value = draw(CELL_VALUES)
        try:
            sheet.cell(row, column).value = value
        except (ValueError, IllegalCharacterError):
            continue  # a value openpyxl refuses to write (a control character)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOK_GENERATORS = {"workbook bytes": mutated_workbooks(), "workbook cells": workbook_cells()}
