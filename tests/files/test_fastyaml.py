"""The fast read for ``check`` gives exactly what the round-trip loader gives, or steps aside.

``load_plain`` may return ``None`` for anything (the caller then reads the file
round-trip), but when it returns data, that data must equal the round-trip
loader's (YAML 1.2: ``yes`` is text, ``0777`` not octal, ...), and ``check``
must report the same either way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES
from tests.test_robustness import as_yaml, documents

from strategy_kit.check.validate import check_source
from strategy_kit.document.diagnostics import DiagnosticError
from strategy_kit.files.fastyaml import load_plain
from strategy_kit.files.source import decode
from strategy_kit.files.yamlio import load_yaml, plain


def round_trip(text: str) -> Any:
    return plain(load_yaml(decode(text.encode("utf-8"), "f.yaml")))


def same_as_round_trip(text: str) -> bool:
    """True when the fast path read ``text``; fails the test when it read it differently."""
    fast = load_plain(text)
    if fast is None:
        return False
    try:
        expected = round_trip(text)
    except DiagnosticError as exc:
        raise AssertionError(f"fast path accepted what round-trip refuses: {exc.diagnostics}") from None
    assert fast == expected
    assert [type(v) for v in fast.values()] == [type(v) for v in expected.values()]
    return True


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_example_reads_the_same(path: Path) -> None:
    assert same_as_round_trip(path.read_text(encoding="utf-8"))


def test_a_generated_large_document_reads_the_same() -> None:
    assert same_as_round_trip(document(200_000))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: yes\n", "yes"),  # YAML 1.1 would say True
        ("a: on\n", "on"),
        ("a: True\n", True),
        ("a: 0777\n", None),  # octal in 1.1, 777 in ruamel's 1.2: left to the round-trip loader
        ("a: 12\n", 12),
        ("a: -1.50\n", -1.5),
        ("a: 1e3\n", None),
        ("a: 2019-03-05\n", dt.date(2019, 3, 5)),
        ("a: 2019-02-30\n", None),  # impossible: reported with its place
        ("a: 2019-03-05 10:00:00\n", None),
        ("a: ~\n", None),
        ("a: '1'\n", "1"),
        ("a: |\n  two\n  lines\n", "two\nlines\n"),
    ],
)
def test_scalars_resolve_as_yaml_1_2(text: str, value: object) -> None:
    fast = load_plain(text)
    if value is None and "~" not in text:
        assert fast is None
    else:
        assert fast == {"a": value}
        assert fast == round_trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # anchors and aliases (alias bombs)
        "a: {b: 1}\nc:\n  <<: {b: 2}\n",  # merge keys
        "a: !!python/object:os.system x\n",  # tags
        "%YAML 1.1\n---\na: yes\n",  # a directive that changes how scalars read
        "a: 1\na: 2\n",  # duplicate keys
        "1: a\n",  # keys that are not text
        "a: 1\n---\nb: 2\n",  # several documents
        "- a\n",  # a top level that is not a mapping
        "a:\n\tb: 1\n",  # tabs
        "a: b\x07\n",  # control characters
        "a: " + "[" * 100 + "]" * 100 + "\n",  # deep nesting
        "a: [\n",  # syntax errors
        "",
    ],
)
def test_the_unusual_is_left_to_the_round_trip_loader(text: str) -> None:
    assert load_plain(text) is None


# Plain scalars written as they are, so the fast path resolves them itself.
PLAIN = st.sampled_from([
    "a", "Stadt Telgte", "yes", "no", "on", "off", "y", "True", "FALSE", "null", "Null", "~", "",
    "0", "1", "-1", "+1", "01", "0777", "0o17", "0x1F", "0b11", "1_000", "1.5", "-0.0", "1.", ".5",
    "1e3", "1.0e+3", ".inf", "-.Inf", ".nan", "2019-03-05", "2019-3-5", "2019-02-30", "12:30",
    "2019-03-05T10:00:00Z", "ä ö ü ß", "a #no comment", "a#b", "=", "<<", "x-y", "-x", "1-2",
    "2019-03-05 # comment",
])
QUOTED = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12).map(
    lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
) | st.text(max_size=12).map(lambda s: "'" + s.replace("'", "''") + "'")
KEYS = st.sampled_from(["a", "b", "id", "title", "yes", "1", "'q'", '"d"', "x y", "<<", "null"])


def block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines += [f"{pad}{key}:", *block(item, indent + 2)]
            else:
                lines.append(f"{pad}{key}: {flow(item)}")
        return lines
    lines = []
    for item in value:
        if isinstance(item, (dict, list)) and item:
            inner = block(item, indent + 2)
            lines += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        else:
            lines.append(f"{pad}- {flow(item)}")
    return lines


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


trees = st.recursive(
    PLAIN | QUOTED,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, trees, min_size=1, max_size=4), st.booleans())
def test_generated_yaml_reads_the_same_or_not_at_all(data: dict[str, Any], flow_style: bool) -> None:
    text = flow(data) + "\n" if flow_style else "\n".join(block(data, 0)) + "\n"
    same_as_round_trip(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_check_reports_the_same_on_both_paths(doc: dict[str, Any]) -> None:
    text = as_yaml(doc)
    source = decode(text.encode("utf-8"), "doc.yaml")
    fast, slow = check_source(source, fast=True), check_source(source)
    assert (fast.diagnostics, fast.exit_code, fast.document) == (slow.diagnostics, slow.exit_code, slow.document)
    same_as_round_trip(text)
