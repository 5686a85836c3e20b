"""The canonical layout: examples already formatted, idempotent, comments and data kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strategy_kit.change.transaction import parse
from strategy_kit.document.diagnostics import DiagnosticError
from strategy_kit.files.fmt import canonical_keys, format_text, reorder
from strategy_kit.files.yamlio import iter_comments

ROOT = Path(__file__).resolve().parents[2]
TELGTE = (ROOT / "examples" / "telgte.yaml").read_text("utf-8")


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_examples_are_formatted(path: Path) -> None:
    text = path.read_text("utf-8")
    assert format_text(text) == text


def test_reindents_to_two_spaces_with_indented_lists() -> None:
    messy = re.sub(r"^  - id: (fb\d)\n    name:", r"- id: \1\n  name:", TELGTE, flags=re.M)
    messy = messy.replace(
        '  name: Stadt Telgte\n  state: Nordrhein-Westfalen\n  ags: "05570044"\n',
        '    name: Stadt Telgte\n    state: Nordrhein-Westfalen\n    ags: "05570044"\n',
    )
    assert messy != TELGTE
    assert format_text(messy) == TELGTE


def test_reorders_sections_with_the_comment_above_them() -> None:
    head, criteria = TELGTE.split("# Kriterien, Gewichte", 1)
    criteria, rest = criteria.split("# Die vier Projekte", 1)
    swapped = head.replace("version: 1\n", "version: 1\n\n# Kriterien, Gewichte" + criteria.rstrip("\n") + "\n", 1) + "# Die vier Projekte" + rest
    assert list(canonical_keys(["report", "version", "zzz", "days"])) == ["version", "days", "report", "zzz"]
    assert format_text(swapped) == TELGTE
    assert reorder(TELGTE) == TELGTE


def test_idempotent_and_keeps_every_comment() -> None:
    text = "version: 1  # Format\n# Kommune\nmunicipality: {name: X,   state: Bayern}\nworkshop:\n    title: T   # Titel\n    organiser: O\n    goal: G\nprojects: []\n"
    once = format_text(text)
    assert format_text(once) == once
    assert sorted(iter_comments(parse(once)[1])) == sorted(iter_comments(parse(text)[1]))
    assert "\n  title: T" in once and "# Titel\n" in once
    assert "municipality: {name: X, state: Bayern}\n" in once


def test_crlf_and_bom_are_kept() -> None:
    from strategy_kit.files.fmt import format_source
    from strategy_kit.files.source import decode

    raw = ("\ufeff" + TELGTE.replace("\n", "\r\n")).encode("utf-8")
    assert format_source(decode(raw, "t.yaml")) == TELGTE.replace("\n", "\r\n")


def test_unparsable_file_is_an_error() -> None:
    with pytest.raises(DiagnosticError, match="YAML syntax"):
        format_text("version: 1\n  bad: [\n")


@pytest.mark.parametrize(("mapping", "sequence", "offset"), [(2, 2, 0), (4, 4, 2), (3, 5, 2), (4, 6, 4), (4, 2, 0)])
def test_any_indentation_comes_back_to_the_example(mapping: int, sequence: int, offset: int) -> None:
    import io

    from strategy_kit.files.yamlio import make_yaml

    yaml = make_yaml()
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    buffer = io.StringIO()
    yaml.dump(yaml.load(TELGTE), buffer)
    assert buffer.getvalue() != TELGTE
    assert format_text(buffer.getvalue()) == TELGTE


def test_version_moved_to_the_end_comes_back_to_the_top() -> None:
    text = "# Kopf\nmunicipality: {name: X, state: Bayern}\n\n# Format\nversion: 1\n"
    assert format_text(text) == "# Kopf\n# Format\nversion: 1\n\nmunicipality: {name: X, state: Bayern}\n"


def test_the_users_german_words_and_spellings_are_kept() -> None:
    text = (
        TELGTE.replace("kind: break", "kind: Pause", 1)
        .replace("status: prioritised", "status: priorisiert", 1)
        .replace("state: Nordrhein-Westfalen", "state: NRW")
        .replace("duration: 30m", 'duration: "1:30"', 1)
    )
    assert format_text(text) == text
