"""One labels module: every word in German and English, one lookup, no second dictionary."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from strategy_kit.present.labels import LABELS, LANGUAGES, UnknownLabel, label, table

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "strategy_kit"
#: A value that names a locale (``de_DE``, ``en-GB``) is a language code, not a label.
LOCALE_TAG = re.compile(r"[a-z]{2}[-_][A-Z]{2}")


def test_every_key_has_german_and_english() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(isinstance(texts[lang], str) and texts[lang] for lang in LANGUAGES), key


def test_every_key_names_its_document() -> None:
    namespaces = {key.split(".", 1)[0] for key in LABELS}
    assert namespaces == {"agenda", "clock", "diff", "export", "lifecycle", "pdf", "report", "rollup", "traffic"}
    assert all(re.fullmatch(r"[a-z]+\.[\w.-]+", key) for key in LABELS)


def test_lookup() -> None:
    assert label("report.ranking", "de") == "Rangfolge"
    assert label("agenda.day", "en") == "Day"
    assert label("lifecycle.in-progress", "de") == "in Umsetzung"
    # The same word differs by document: a session's lead and a project's lead.
    assert label("agenda.lead", "de") == "Leitung"
    assert label("report.lead", "de") == "Federführung"
    words = table("agenda", "de")
    assert words["kind.break"] == "Pause"
    assert set(words) == {k.removeprefix("agenda.") for k in LABELS if k.startswith("agenda.")}


def test_an_unknown_key_is_an_error_not_a_fallback() -> None:
    with pytest.raises(UnknownLabel, match=r"no label 'report\.rankng'"):
        label("report.rankng", "de")
    with pytest.raises(KeyError):
        label("ranking", "de")  # no namespace
    with pytest.raises(KeyError, match=r"no label 'agenda\.dya'"):
        table("agenda", "de")["dya"]
    with pytest.raises(UnknownLabel, match="no labels in namespace 'agneda'"):
        table("agneda", "de")


def test_an_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        label("report.ranking", "fr")
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        table("report", "fr")


def _language_dicts(tree: ast.AST) -> list[tuple[int, str]]:
    """Dictionaries keyed by "de" and "en" whose values are not locale tags: label tables."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            pairs = {
                k.value: v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            }
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            pairs = {kw.arg: kw.value for kw in node.keywords if kw.arg}
        else:
            continue
        if not {"de", "en"} <= set(pairs):
            continue
        values = [pairs["de"], pairs["en"]]
        if all(
            isinstance(v, ast.Constant) and isinstance(v.value, str) and LOCALE_TAG.fullmatch(v.value)
            for v in values
        ):
            continue
        found.append((node.lineno, ast.unparse(node)[:60]))
    return found


def test_no_module_but_labels_holds_a_label_dictionary() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "present" / "labels.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(PACKAGE)}:{line}: {text}" for line, text in _language_dicts(tree)]
    assert offenders == []


def test_the_scan_finds_a_label_dictionary() -> None:
    """The structural check above can fail: each old way of writing labels is caught."""
    for source in (
        'LABELS = {"day": {"de": "Tag", "en": "Day"}}',
        'PAGE = {"de": ("Seite ", " von "), "en": ("Page ", " of ")}',
        'WORDS = dict(de="Tag", en="Day")',
    ):
        assert _language_dicts(ast.parse(source)), source
    assert not _language_dicts(ast.parse('LOCALES = {"de": "de_DE", "en": "en_GB"}'))
