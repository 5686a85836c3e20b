"""Diagnostics: where one points (line and column, a spreadsheet cell, the whole file);
notes travel with their error, never counted, never an exit status of their own."""

from __future__ import annotations

import json

from strategy_kit.document.diagnostics import (
    Diagnostic,
    Exit,
    counts,
    exit_status,
    suggest,
    to_github,
    to_json,
)

NOTE = Diagnostic("f.yaml", 3, 10, "note", "", "the quoted string starting here is never closed")
ERROR = Diagnostic("f.yaml", 5, 18, "error", "", "YAML syntax: mapping values are not allowed here")


def test_a_note_is_neither_an_error_nor_a_warning() -> None:
    assert counts([ERROR, NOTE]) == (1, 0)
    assert exit_status([NOTE], strict=True) is Exit.OK
    assert exit_status([ERROR, NOTE]) is Exit.INVALID


def test_a_note_is_a_github_notice() -> None:
    assert to_github([NOTE]).startswith("::notice file=f.yaml,line=3,col=10,")



def test_a_place_replaces_line_and_column() -> None:
    line = Diagnostic("w.yaml", 3, 5, "error", "projects[p]", "bad")
    cell = Diagnostic("s.xlsx", 4, 4, "error", "", "bad", "Bewertung!D4")
    whole = Diagnostic("s.xlsx", 1, 1, "error", "", "not a readable workbook: x", "")
    assert [str(d) for d in (line, cell, whole)] == [
        "w.yaml:3:5: error: projects[p]: bad",
        "s.xlsx:Bewertung!D4: error: bad",
        "s.xlsx: error: not a readable workbook: x",
    ]


def test_json_keeps_its_keys_and_adds_a_place_only_when_there_is_one() -> None:
    line = Diagnostic("w.yaml", 3, 5, "error", "", "bad")
    cell = Diagnostic("s.xlsx", 4, 4, "error", "", "bad", "Bewertung!D4")
    first, second = json.loads(to_json([line, cell]))
    assert sorted(first) == ["column", "file", "line", "message", "path", "severity"]
    assert second["place"] == "Bewertung!D4" and (second["line"], second["column"]) == (4, 4)
    assert "line=4,col=4" in to_github([cell])


def test_a_suggestion_ignores_case() -> None:
    """Ids are lowercase slugs; a spreadsheet or a caps-lock key writes them in capitals."""
    assert suggest("STADTPORTAL", ["smarte-mobilitaet", "stadtportal"]) == "; did you mean 'stadtportal'?"
    assert suggest("telgte", ["Telgte", "Warendorf"]) == "; did you mean 'Telgte'?"
    assert suggest("wirkng", ["wirkung"]) == "; did you mean 'wirkung'?"
    assert suggest("xyz", ["wirkung"]) == ""
