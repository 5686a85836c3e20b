"""The one resolver of ``lang`` and ``public``: its rules, and that no other module derives them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from strategy_kit.check.validate import load_document
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.document.options import resolve_lang, resolve_public

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "strategy_kit"
EXAMPLE = ROOT / "examples" / "telgte.yaml"


@pytest.fixture(scope="module")
def telgte() -> WorkshopDocument:
    document = load_document(EXAMPLE).document
    assert document is not None
    return document


def with_file_options(document: WorkshopDocument, *, language: str, public: bool) -> WorkshopDocument:
    workshop = document.workshop.model_copy(update={"language": language})
    assert document.report is not None
    report = document.report.model_copy(update={"public": public})
    return document.model_copy(update={"workshop": workshop, "report": report})


def test_the_option_wins_then_the_file_then_german(telgte: WorkshopDocument) -> None:
    english = with_file_options(telgte, language="en", public=True)
    assert resolve_lang(telgte, None) == "de"
    assert resolve_lang(english, None) == "en"
    assert resolve_lang(english, "de") == "de"
    assert resolve_lang(telgte, "en") == "en"


def test_the_option_wins_then_the_file_then_internal(telgte: WorkshopDocument) -> None:
    public = with_file_options(telgte, language="de", public=True)
    internal = with_file_options(telgte, language="de", public=False)
    assert resolve_public(internal, None) is False
    assert resolve_public(telgte.model_copy(update={"report": None}), None) is False
    assert resolve_public(public, None) is True
    assert resolve_public(public, False) is False
    assert resolve_public(internal, True) is True


def test_a_published_output_is_public_unless_internal(telgte: WorkshopDocument) -> None:
    internal = with_file_options(telgte, language="de", public=False)
    assert resolve_public(internal, None, published=True) is True
    assert resolve_public(internal, False, published=True) is False


def derivations(source: str) -> list[int]:
    """Lines that read ``<x>.workshop.language`` or ``<x>.report.public``: deriving an option."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and (node.value.attr, node.attr) in {("workshop", "language"), ("report", "public")}
        ):
            found.append(node.lineno)
    return sorted(found)


def test_no_other_module_derives_lang_or_public() -> None:
    assert derivations("x = lang or document.workshop.language\ny = doc.report.public\n") == [1, 2]
    resolver = PACKAGE / "document" / "options.py"
    elsewhere = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != resolver and (lines := derivations(path.read_text(encoding="utf-8")))
    }
    assert elsewhere == {}
    assert derivations(resolver.read_text(encoding="utf-8"))
