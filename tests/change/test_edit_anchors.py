"""Every edit command on files that share values through anchors, aliases and merge keys.

Documents place ``&anchors``, ``*aliases`` and ``<<:`` merge keys at every
level (the document, section lists, a project, its scores, its votes, items
of a list); each edit either changes the resolved document exactly as asked
(a merged value is overridden in the item's own mapping) or is refused at a
position with the file left byte for byte; never a traceback.
"""

from __future__ import annotations

import copy
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from strategy_kit.check.validate import check_file
from strategy_kit.cli import app
from strategy_kit.document.model import Status
from strategy_kit.files.source import decode
from strategy_kit.files.yamlio import iter_comments, load_yaml, plain

PROJECTS = ("portal", "app", "akte")
CRITERIA = ("wirkung", "machbar")
POSITION = re.compile(r"^\S+:\d+:\d+: error: ", re.MULTILINE)


@dataclass(frozen=True)
class Sharing:
    """Which anchors, aliases and merge keys a generated document has."""

    root_merge: bool  # the criteria come through '<<:' at the top level
    section_anchors: bool  # anchors on section lists and their items, never aliased
    project_merge: bool  # 'app' is '<<: *base' of 'portal'
    app_scores: bool  # 'app' writes its own scores (overriding the merged ones)
    scores_alias: bool  # 'akte' has 'scores: *s' of 'portal'
    scores_merge: bool  # 'akte' has 'scores: {<<: *s, ...}' instead
    votes_alias: bool  # 'akte' has 'votes: *v' of 'portal'
    fields_alias: bool  # 'akte' has 'fields: *f' of 'portal'
    item_alias: bool  # 'akte' has 'fields: [*fa]', an alias inside a list
    flow_app: bool  # 'app' is written as a flow mapping


def document(s: Sharing) -> str:
    criteria = "  - id: wirkung\n    title: Wirkung\n  - id: machbar\n    title: Machbar\n    scale: {min: 0, max: 1}\n"
    if s.root_merge:
        top = "<<: {criteria: [{id: wirkung, title: Wirkung}, {id: machbar, title: Machbar, scale: {min: 0, max: 1}}]}\n"
        criteria_section = ""
    else:
        top = ""
        criteria_section = "criteria:" + (" &crit" if s.section_anchors else "") + "\n" + criteria
    anchor = "&base " if s.project_merge else ""
    fields = "&f [a]" if s.fields_alias else ("[&fa a]" if s.item_alias else "[a]")
    portal = (
        f"  - {anchor}\n" if anchor else "  -\n"
    ) + textwrap.indent(
        "id: portal\ntitle: Portal  # Kernprojekt\n"
        f"fields: {fields}\n"
        f"scores: {'&s ' if s.scores_alias or s.scores_merge else ''}{{wirkung: 3, machbar: 1}}\n"
        f"votes: {'&v ' if s.votes_alias else ''}2\n",
        "    ",
    )
    portal = portal.replace("  -\n    id:", "  - id:")
    if s.project_merge and s.flow_app:
        own = ", scores: {wirkung: 1}" if s.app_scores else ""
        app_item = f"  - {{<<: *base, id: app, title: App{own}}}\n"
    elif s.project_merge:
        app_item = "  - <<: *base\n    id: app\n    title: App\n" + ("    scores:\n      wirkung: 1\n" if s.app_scores else "")
    elif s.flow_app:
        app_item = "  - {id: app, title: App, fields: [a]}\n"
    else:
        app_item = "  - id: app\n    title: App\n    fields: [a]\n"
    akte_fields = "*f" if s.fields_alias else ("[*fa]" if s.item_alias else "[a]")
    akte_scores = (
        "*s" if s.scores_alias else ("{<<: *s, wirkung: 5}" if s.scores_merge else "{wirkung: 4}")
    )
    akte = (
        "  # Die E-Akte.\n  - id: akte\n    title: E-Akte\n"
        f"    fields: {akte_fields}\n    scores: {akte_scores}\n"
        + ("    votes: *v\n" if s.votes_alias else "")
    )
    participants = "participants:" + (" &people" if s.section_anchors else "") + "\n"
    participants += "  - " + ("&mod " if s.section_anchors else "") + "id: moderation\n    role: Moderation\n"
    return (
        "# Kopf der Datei.\n"
        "version: 1\n"
        "municipality: {name: Gemeinde Beispiel, state: Bayern}\n"
        "workshop:\n  title: Folgeworkshop\n  organiser: Verwaltung  # Amt\n  goal: Projekte.\n"
        + top
        + participants
        + "fields_of_action:" + (" &foa" if s.section_anchors else "") + "\n  - id: a\n    title: A\n"
        + criteria_section
        + "projects:\n"
        + portal
        + app_item
        + akte
        + "# Ende.\n"
    )


sharings = st.builds(Sharing, *[st.booleans()] * 10)
titles = st.sampled_from(["Neues Projekt", "Bürgerkonto", "Akte: digital", "'Zitat'"])
operations = st.one_of(
    st.tuples(st.just("vote"), st.sampled_from(PROJECTS), st.integers(0, 4), st.booleans()),
    st.tuples(st.just("score"), st.sampled_from(PROJECTS), st.sampled_from(CRITERIA), st.integers(0, 1)),
    st.tuples(st.just("status"), st.sampled_from(PROJECTS), st.sampled_from([s.value for s in Status])),
    st.tuples(st.just("import"), st.sampled_from(PROJECTS), st.sampled_from(CRITERIA), st.integers(0, 1)),
    st.tuples(st.just("add"), st.sampled_from(["project", "participant", "field"]), titles),
    st.tuples(st.just("fmt")),
)


def resolved(raw: bytes) -> Any:
    return plain(load_yaml(decode(raw, "w.yaml")))


def comments(raw: bytes) -> Counter[str]:
    return Counter(iter_comments(load_yaml(decode(raw, "w.yaml"))))


def project(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(p for p in data["projects"] if p["id"] == ident)


def run(path: Path, operation: tuple[Any, ...]) -> None:
    """One edit through the CLI, checked against an independent expectation."""
    before = path.read_bytes()
    data = resolved(before)
    expected = copy.deepcopy(data)
    kind = operation[0]
    section = ""
    if kind == "vote":
        _, ident, amount, relative = operation
        argv = ["vote", str(path), ident, f"+{amount}" if relative else str(amount)]
        project(expected, ident)["votes"] = project(data, ident).get("votes", 0) * relative + amount
    elif kind in ("score", "import"):
        _, ident, criterion, value = operation
        if kind == "score":
            argv = ["score", str(path), ident, f"{criterion}={value}"]
        else:
            table = path.with_suffix(".csv")
            table.write_text(f"id;{criterion}\n{ident};{value}\n", "utf-8")
            argv = ["import-scores", str(path), str(table)]
        project(expected, ident).setdefault("scores", {})[criterion] = value
    elif kind == "status":
        _, ident, status = operation
        argv = ["status", str(path), ident, status, "--force"]
        if project(data, ident).get("status", Status.IDEA.value) != status:
            project(expected, ident)["status"] = status
    elif kind == "add":
        _, what, title = operation
        section = {"project": "projects", "participant": "participants", "field": "fields_of_action"}[what]
        argv = ["add", what, str(path), "--title", title] + (["--field", "a"] if what == "project" else [])
    else:
        argv = ["fmt", str(path)]
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    output = result.output
    after = path.read_bytes()
    assert result.exit_code in (0, 1), (argv, output)
    assert "Traceback" not in output and "internal" not in output, output
    if result.exit_code == 1:
        assert after == before, (argv, output)
        assert POSITION.search(output), output
        # Every requested value is in range and every id exists: only sharing is a reason.
        assert "shared through the anchor" in output, output
        assert not POSITION.search(output).group(0).endswith(":1:1: error: "), output  # type: ignore[union-attr]
        return
    checked = check_file(path)
    assert checked.document is not None, [str(d) for d in checked.diagnostics]
    now = resolved(after)
    if section:
        added = now[section][-1]
        assert added.get("title", added.get("role")) == title
        expected[section] = [*expected.get(section, []), added]
    assert now == expected, (argv, after.decode())
    assert comments(after) == comments(before), (argv, after.decode())


@pytest.mark.slow  # a property test over many generated files: the whole suite runs it
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sharing=sharings, ops=st.lists(operations, min_size=1, max_size=3))
def test_every_edit_on_shared_values(tmp_path_factory: Any, sharing: Sharing, ops: list[tuple[Any, ...]]) -> None:
    path = tmp_path_factory.mktemp("anchors") / "w.yaml"
    path.write_text(document(sharing), "utf-8")
    assert check_file(path).document is not None, document(sharing)
    for operation in ops:
        run(path, operation)


MERGED = textwrap.dedent(
    """\
    version: 1
    municipality: {name: X, state: Bayern}
    workshop: {title: T, organiser: O, goal: G}
    fields_of_action:
      - id: a
        title: A
    criteria:
      - id: wirkung
        title: Wirkung
      - id: aufwand
        title: Aufwand
    projects:
      - &base
        id: portal
        title: Portal
        fields: [a]
        scores: {wirkung: 3, aufwand: 2}  # geschätzt
      - <<: *base
        id: app
        title: App
    """
)


@pytest.mark.parametrize(
    "argv",
    [["score", "app", "wirkung=1"], ["import-scores", "app", "wirkung=1"]],
    ids=["score", "import-scores"],
)
def test_merged_scores_are_overridden_in_the_project(tmp_path: Path, argv: list[str]) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(MERGED, "utf-8")
    if argv[0] == "import-scores":
        (tmp_path / "s.csv").write_text("id;wirkung\napp;1\n", "utf-8")
        argv = ["import-scores", str(path), str(tmp_path / "s.csv")]
    else:
        argv = [argv[0], str(path), *argv[1:]]
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == MERGED + "    scores: {wirkung: 1, aufwand: 2}\n"


def test_an_edit_of_the_anchored_project_is_refused_at_the_merge_key(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(MERGED, "utf-8")
    result = CliRunner().invoke(app, ["vote", str(path), "portal", "3"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:18:9: error: projects[portal] is shared through the anchor '&base' at 13:5 and used "
        "again here; changing it would change this place too; nothing written, edit it by hand\n"
    )
    assert path.read_text("utf-8") == MERGED


def test_an_anchored_scalar_keeps_its_anchor(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = MERGED.replace("title: Portal", "title: Portal\n    votes: &v 2").replace("title: App", "title: App\n    status: &s idea")
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(app, ["status", str(path), "app", "candidate"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == text.replace("&s idea", "&s candidate")


def test_add_to_a_section_merged_at_the_top_level_copies_it(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    merged = "<<:\n  fields_of_action:\n    - id: a\n      title: A\n"
    text = "version: 1\nmunicipality: {name: X, state: Bayern}\nworkshop: {title: T, organiser: O, goal: G}\n" + merged
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(app, ["add", "field", str(path), "--title", "Neu"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == text.replace(
        merged, "fields_of_action:\n  - {id: a, title: A}\n  - {id: neu, title: Neu}\n" + merged
    )
    assert [f["id"] for f in resolved(path.read_bytes())["fields_of_action"]] == ["a", "neu"]


def test_a_scalar_alias_gives_way_to_the_own_value(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = MERGED.replace("title: Portal", "title: Portal\n    votes: &v 2").replace("title: App", "title: App\n    votes: *v  # wie Portal")
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(app, ["vote", str(path), "app", "+3"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == text.replace("*v  # wie", "5  # wie")
    result = CliRunner().invoke(app, ["vote", str(path), "portal", "4"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "votes: &v 4" in path.read_text("utf-8")
