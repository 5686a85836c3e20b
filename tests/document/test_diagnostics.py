"""Notes travel with their error: never counted, never an exit status of their own."""

from __future__ import annotations

from strategy_kit.document.diagnostics import Diagnostic, Exit, counts, exit_status, to_github

NOTE = Diagnostic("f.yaml", 3, 10, "note", "", "the quoted string starting here is never closed")
ERROR = Diagnostic("f.yaml", 5, 18, "error", "", "YAML syntax: mapping values are not allowed here")


def test_a_note_is_neither_an_error_nor_a_warning() -> None:
    assert counts([ERROR, NOTE]) == (1, 0)
    assert exit_status([NOTE], strict=True) is Exit.OK
    assert exit_status([ERROR, NOTE]) is Exit.INVALID


def test_a_note_is_a_github_notice() -> None:
    assert to_github([NOTE]).startswith("::notice file=f.yaml,line=3,col=10,")
