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


def test_document_markers_and_directives_stay_where_they_are() -> None:
    body = "workshop: {title: T, organiser: O, goal: G}\nversion: 1\nmunicipality: {name: X, state: Bayern}\n"
    text = "# Kopf\n%YAML 1.2\n--- # Anfang\n" + body + "...\n# Nach dem Ende\n"
    assert format_text(text) == (
        "# Kopf\n%YAML 1.2\n--- # Anfang\nversion: 1\n\nmunicipality: {name: X, state: Bayern}\n\n"
        "workshop: {title: T, organiser: O, goal: G}\n...\n# Nach dem Ende\n"
    )
    # In canonical order already: nothing to do, and the markers are not dropped.
    done = "---\nversion: 1\nmunicipality: {name: X, state: Bayern}\n...\n"
    assert format_text(done) == done
    assert format_text(done.replace("\n", "\r\n")) == done.replace("\n", "\r\n")


def test_a_document_start_with_content_on_its_line_gets_a_line_of_its_own() -> None:
    text = "--- {municipality: {name: X, state: Bayern}, version: 1}\n...\n"
    assert format_text(text) == "---\n{municipality: {name: X, state: Bayern}, version: 1}\n...\n"


# -- any file check accepts: fmt lays it out or says why not, and the document stays the same --

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.change.test_edit_anchors import document, sharings  # noqa: E402

from strategy_kit.check.validate import check_source  # noqa: E402
from strategy_kit.files.source import decode  # noqa: E402
from strategy_kit.files.yamlio import load_yaml, plain  # noqa: E402


def _sections(text: str) -> tuple[str, list[str]]:
    """(header comments, top-level sections each with the comment lines above it)."""
    header, *sections = re.split(r"(?m)^(?=[a-z<])", text)
    return header, sections


@st.composite
def marked_documents(draw: st.DrawFn) -> tuple[str, str, str]:
    """(head, body, tail): a valid document with anchors and merge keys, sections in any order."""
    header, sections = _sections(document(draw(sharings)))
    body = header + "".join(draw(st.permutations(sections)))
    head = draw(st.sampled_from(["", "---\n", "--- # Anfang\n", "%YAML 1.2\n---\n", "# Kopf\n%YAML 1.2\n--- \n"]))
    tail = draw(st.sampled_from(["", "...\n", "...\n# Nach dem Ende\n", "..."]))
    return head, body if body.endswith("\n") else body + "\n", tail


@pytest.mark.slow  # a property test over many generated files: the whole suite runs it
@settings(max_examples=60, deadline=None)
@given(parts=marked_documents(), windows=st.booleans())
def test_fmt_keeps_every_valid_document(parts: tuple[str, str, str], windows: bool) -> None:
    head, body, tail = parts
    text = head + body + tail
    if windows:
        text = text.replace("\n", "\r\n")
    source = decode(text.encode("utf-8"), "w.yaml")
    assert not [d for d in check_source(source).diagnostics if d.severity == "error"], text
    try:
        result = format_text(text, "w.yaml")
    except DiagnosticError as exc:
        assert exc.exit_code == 1 and all(d.line >= 1 for d in exc.diagnostics)
        return
    formatted = decode(result.encode("utf-8"), "w.yaml")
    assert not [d for d in check_source(formatted).diagnostics if d.severity == "error"], result
    assert plain(load_yaml(formatted)) == plain(load_yaml(source))
    assert sorted(iter_comments(load_yaml(formatted))) == sorted(iter_comments(load_yaml(source)))
    newline = "\r\n" if windows else "\n"
    assert result.startswith(head.replace("\n", newline)), result
    assert result.endswith(tail.replace("\n", newline) if tail.endswith("\n") else tail), result
    assert format_text(result, "w.yaml") == result


def test_an_alias_that_reordering_would_put_before_its_anchor_is_refused() -> None:
    """Sections reordered so that ``*tt`` came before ``&tt`` ended in a ComposerError."""

    text = (
        "projects:\n  - {id: p, title: &tt Portal, fields: [f]}\n"
        "version: 1\nmunicipality: {name: X, state: Bayern}\n"
        "workshop: {title: *tt, organiser: O, goal: G}\n"
        "fields_of_action: [{id: f, title: F}]\n"
    )
    with pytest.raises(DiagnosticError) as refused:
        format_text(text)
    (problem,) = refused.value.diagnostics
    assert "'*tt'" in problem.message and "&tt" in problem.message and problem.severity == "error"
    assert (problem.line, problem.column) == (5, 19)  # where the alias is written
