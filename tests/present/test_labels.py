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
    assert namespaces == {"agenda", "clock", "diff", "export", "implementation", "lifecycle", "live", "pdf", "report", "rollup", "serve", "traffic"}
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


# -- the wording's rules (the top of present/labels.py, docs/language.md) -------------------

#: German gender short forms a screen reader reads as punctuation or a pause:
#: Bürgermeister/in, Bürger/-innen, Bürger:in, Bürger*in, Bürger_in, BürgerIn.
SHORT_FORM = re.compile(r"\w/-?\w|\w[:*_]\w|[a-zäöüß]In(?:nen)?\b")


def test_the_short_form_scan_finds_every_short_form() -> None:
    for text in ("Bürgermeister/in", "Datenschutzbeauftragte/r", "Bürger/-innen", "Bürger:in",
                 "Bürger*innen", "Bürger_in", "BürgerIn", "BürgerInnen"):
        assert SHORT_FORM.search(text), text
    for text in ("Bürgermeisterin oder Bürgermeister", "Mitarbeitende", "IT", "Fachbereich / Organisation"):
        assert not SHORT_FORM.search(text), text


def test_role_labels_use_one_gender_inclusive_style() -> None:
    from strategy_kit.document.model import Function

    roles = {function.value: label(f"report.fn_{function.value}", "de") for function in Function}
    for function, text in roles.items():
        assert not SHORT_FORM.search(text), (function, text)
        if " oder " in text:  # the paired form: the feminine first, both spelt out
            feminine, masculine = text.split(" oder ")
            assert feminine in (f"{masculine}in", masculine.removesuffix("r")), (function, text)
    assert roles["mayor"] == "Bürgermeisterin oder Bürgermeister"
    assert roles["citizen"] == "Bürgerin oder Bürger"
    assert roles["staff"] == "Mitarbeitende"  # neutral where German has a neutral form
    assert roles["department-head"] == "Fachbereichsleitung"


def test_no_label_uses_a_gender_short_form() -> None:
    offenders = [(key, texts["de"]) for key, texts in LABELS.items() if SHORT_FORM.search(texts["de"])]
    assert offenders == []


def test_init_writes_the_roles_in_the_same_style() -> None:
    from strategy_kit.change import init

    source = Path(init.__file__).read_text(encoding="utf-8")
    roles = re.findall(r'\("\w+", "([^"]+)", "[a-z-]+"\)', source)
    assert "Datenschutzbeauftragte oder Datenschutzbeauftragter" in roles
    assert [role for role in roles if SHORT_FORM.search(role)] == []


def test_quadrants_have_the_names_german_consultancies_use() -> None:
    from strategy_kit.compute.prioritise import Quadrant

    names = {q.value: (label(f"report.q_{q.value}", "de"), label(f"report.q_{q.value}", "en")) for q in Quadrant}
    assert names == {
        "quick-win": ("Schnelle Erfolge", "Quick wins"),
        "major-project": ("Große Vorhaben", "Major projects"),
        "fill-in": ("Kleinprojekte", "Fill-ins"),
        "thankless": ("Zurückstellen", "Thankless tasks"),
    }


def test_punkte_never_names_the_weighted_score() -> None:
    """The weighted score is the Nutzwert; "Punkte" are what people stick on a board to vote."""
    for key in ("report.points", "report.points_short", "export.points"):
        assert label(key, "de") == "Nutzwert", key
    assert label("report.points", "en") == label("export.points", "en") == "Weighted score"
    assert label("report.votes", "de") == label("export.votes", "de") == "Stimmen"
    offenders = [
        key
        for key, texts in LABELS.items()
        if re.search(r"punkt|pkt", texts["de"], re.IGNORECASE)
        # "decimals with a point" is the decimal point of a number typed into the workbook.
        or re.search(r"\bpoints?\b|\bpts\b", texts["en"].replace("with a point", ""), re.IGNORECASE)
    ]
    assert offenders == []


def test_one_term_per_thing() -> None:
    """Handlungsfeld, Maßnahme, Zeithorizont; English: field of action, measure, time horizon."""
    offenders = []
    for key, texts in LABELS.items():
        # A placeholder's name ({projects}) is not a word the reader sees.
        de, en = (re.sub(r"\{\w+\}", "", texts[lang]) for lang in ("de", "en"))
        # "Zeitraum" names a real date range only: a measure's start to end.
        ranges = ("report.period", "report.roadmap_undated", "implementation.period", "implementation.ev-period", "diff.period-changed")
        if "Themenfeld" in de or ("Zeitraum" in de and key not in ranges) or "time frame" in en.lower():
            offenders.append(key)
        # The matrix's quadrants keep their terms of art ("Kleinprojekte", "Major projects").
        if re.search(r"projekt", de, re.IGNORECASE) and key != "report.q_fill-in":
            offenders.append(key)
        if re.search(r"project", en, re.IGNORECASE) and key != "report.q_major-project":
            offenders.append(key)
    assert offenders == []
    assert label("report.time_frame", "de") == label("export.horizon", "de") == "Zeithorizont"
    assert label("report.project", "de") == label("rollup.project", "de") == "Maßnahme"


def test_a_missing_value_reads_one_way() -> None:
    none = {lang: label("report.none", lang) for lang in LANGUAGES}
    assert none == {"de": "keine Angabe", "en": "not stated"}
    # Older keys other code may still use name the same text.
    for key in ("report.not_set", "report.open_date", "rollup.dash", "diff.nothing"):
        assert {lang: label(key, lang) for lang in LANGUAGES} == none, key
    other_forms = {"", "-", "–", "—", "nicht festgelegt", "not set", "keine", "none", "to be fixed"}
    assert [key for key, texts in LABELS.items() if set(texts.values()) & other_forms] == []


def test_every_plural_belongs_to_a_label_in_both_languages() -> None:
    from strategy_kit.present.labels import PLURALS

    for key, texts in PLURALS.items():
        assert key in LABELS, key
        assert set(texts) == set(LANGUAGES) and all(texts.values()), key
    # A status count reads in every document that counts statuses (status, roll-up).
    assert {k for k in LABELS if k.startswith("lifecycle.")} <= set(PLURALS)


@pytest.mark.parametrize(
    ("key", "count", "de", "en"),
    [
        ("lifecycle.idea", 1, "Idee", "idea"),
        ("lifecycle.idea", 2, "Ideen", "ideas"),
        ("lifecycle.idea", 0, "Ideen", "ideas"),
        ("lifecycle.candidate", 1, "Kandidat", "candidate"),
        ("lifecycle.candidate", 2, "Kandidaten", "candidates"),
        ("lifecycle.planned", 2, "geplant", "planned"),
        ("lifecycle.in-progress", 3, "in Umsetzung", "in progress"),
    ],
)
def test_a_count_takes_the_form_of_its_number(key: str, count: int, de: str, en: str) -> None:
    from strategy_kit.present.labels import count_label

    assert (count_label(key, count, "de"), count_label(key, count, "en")) == (de, en)


def test_a_count_before_a_word_without_a_plural_is_an_error() -> None:
    from strategy_kit.present.labels import count_label

    with pytest.raises(UnknownLabel, match=r"no plural of 'report\.ranking'"):
        count_label("report.ranking", 2, "de")
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        count_label("lifecycle.idea", 2, "fr")
