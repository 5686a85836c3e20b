"""The one text policy: separators become a line break or a space, controls and bidi go.

The regression at the top is the case from issue 14: a session title holding a
vertical tab came out joined in DOCX and Markdown ("Begrüßungzweite Zeile"),
spaced in ICS and the terminal, and raw in HTML (a parse error).
"""

from __future__ import annotations

import io
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES, Invoke

from strategy_kit.document.characters import DROPPED
from strategy_kit.document.model import WorkshopDocument

#: The separators of the policy, each between two words of a session title.
SEPARATED = {
    "Begrüßung und Einführung": "Begrüßung\\vzweite Zeile",
    "Praxisbeispiele aus Kommunalverwaltungen": "Praxisbeispiele\\faus Verwaltungen",
    "Praxisbeispiele aus Stadtentwicklungsprozessen": "Praxisbeispiele\\u2028aus Stadtentwicklung",
    '"Arbeitsgruppe: Digitale Verwaltung"': "Arbeitsgruppe\\u2029Digitale Verwaltung",
}
#: The two words each title must show, apart: a line break or a space between, never nothing.
WORDS = [
    ("Begrüßung", "zweite"),
    ("Praxisbeispiele", "aus Verwaltungen"),
    ("Praxisbeispiele", "aus Stadtentwicklung"),
    ("Arbeitsgruppe", "Digitale Verwaltung"),
]


@pytest.fixture(scope="module")
def separated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("separated")
    target = folder / "telgte.yaml"
    shutil.copyfile(EXAMPLES / "telgte.yaml", target)
    text = target.read_text(encoding="utf-8")
    for old, new in SEPARATED.items():
        assert f"title: {old}\n" in text
        text = text.replace(f"title: {old}\n", f'title: "{new}"\n', 1)
    target.write_text(text, encoding="utf-8")
    return target


def apart(text: str) -> list[str]:
    """The word pairs of :data:`WORDS` that ``text`` does not show separated by whitespace."""
    return [f"{a}|{b}" for a, b in WORDS if not re.search(rf"{a}(?:\s|<br\s*/?>)+{b}", text)]


def html_parse_errors(document: str) -> list[str]:
    """Every parse error html5lib (a browser's parser) reports; a control character is one."""
    return html_words(document)[1]


def test_a_separator_in_a_title_is_a_break_or_a_space_in_every_agenda_format(
    cli: Invoke, separated: Path, tmp_path: Path
) -> None:
    outputs = {name: cli("plan", separated, "-f", name).stdout for name in ("text", "md", "html")}
    outputs["ics"] = cli("plan", separated, "-f", "ics").stdout_bytes.decode("utf-8")
    docx = tmp_path / "agenda.docx"
    assert cli("plan", separated, "-o", docx).exit_code == 0
    outputs["docx"] = docx_text(docx.read_bytes())
    from icalendar import Calendar

    outputs["ics"] = "\n".join(
        str(e.get("SUMMARY")) for e in Calendar.from_ical(outputs["ics"]).walk("VEVENT")
    )
    assert {name: apart(text) for name, text in outputs.items()} == {name: [] for name in outputs}
    assert html_parse_errors(outputs["html"]) == []
    for name, text in outputs.items():
        assert not re.search("[\v\f\u2028\u2029]", text), name


def docx_text(data: bytes) -> str:
    """Every paragraph of the body and its tables; a ``<w:br/>`` reads as a newline."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# -- the same visible words in every format -----------------------------------------------

#: Words around the drawn text, so each output is searched where the title stands.
BEFORE, AFTER = "Qxanfang", "Qxende"
#: Any character but lone surrogates (YAML cannot hold them), with the policy's own cases often.
alphabet = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from("\v\f\u2028\u2029\x85\r\n\t \x1b\x9b\x07\u202e\u2066\u2069\u200f<&*|#"),
)
texts = st.text(alphabet, max_size=24)


def visible_words(text: str) -> list[str]:
    """The words a reader sees: the policy's dropped characters gone, split at white space."""
    return DROPPED.sub("", text).split()


def html_words(document: str) -> tuple[list[str], list[str]]:
    """The words of a page as a browser parses it (html5lib), and the parser's errors."""
    import html5lib

    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(document)
    body = tree.find("body")
    assert body is not None
    return " ".join(body.itertext()).split(), [str(e) for e in parser.errors]


def markdown_words(document: str) -> list[str]:
    """The words GitHub-style rendering shows (markdown-it-py, tables on)."""
    from markdown_it import MarkdownIt

    return html_words(MarkdownIt("commonmark", {"html": True}).enable("table").render(document))[0]


def contains(words: list[str], expected: list[str]) -> bool:
    n = len(expected)
    return any(words[i : i + n] == expected for i in range(len(words) - n + 1))


@cache
def telgte_document() -> WorkshopDocument:
    from strategy_kit.check.validate import load_document

    document = load_document(EXAMPLES / "telgte.yaml").document
    assert document is not None
    return document


def titled(document: WorkshopDocument, title: str) -> WorkshopDocument:
    """The first session and the first ranked project (``stadtportal``) named ``title``."""
    day = document.days[0]
    block = day.blocks[0]
    session = block.sessions[0].model_copy(update={"title": title})
    block = block.model_copy(update={"sessions": [session, *block.sessions[1:]]})
    day = day.model_copy(update={"blocks": [block, *day.blocks[1:]]})
    projects = [
        p.model_copy(update={"title": title}) if p.id == "stadtportal" else p
        for p in document.projects
    ]
    return document.model_copy(update={"days": [day, *document.days[1:]], "projects": projects})


def every_format(document: WorkshopDocument) -> dict[str, list[str]]:
    """The words of each output that shows the session's or the project's title."""
    import csv

    from icalendar import Calendar

    from strategy_kit.compute.timing import plan
    from strategy_kit.present.agenda import (
        Options,
        render_html,
        render_ics,
        render_markdown,
        render_text,
    )
    from strategy_kit.present.export import export_csv
    from strategy_kit.present.report import render_report
    from strategy_kit.present.text import unneutralise
    from strategy_kit.present.word import agenda_docx, report_docx

    timetable, options = plan(document), Options()
    words: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    words["plan text"] = render_text(timetable, options).split()
    words["plan md"] = markdown_words(render_markdown(timetable, options))
    words["plan html"], errors["plan"] = html_words(render_html(timetable, options))
    events = Calendar.from_ical(render_ics(timetable, options)).walk("VEVENT")
    words["plan ics"] = " ".join(str(e.get("SUMMARY")) for e in events).split()
    words["plan docx"] = docx_text(agenda_docx(timetable, options)).split()
    words["report md"] = markdown_words(render_report(document, format="md"))
    words["report html"], errors["report"] = html_words(render_report(document, format="html"))
    words["report docx"] = docx_text(report_docx(document)).split()
    table = csv.reader(io.StringIO(export_csv(document).decode("utf-8-sig"), newline=""), delimiter=";")
    words["csv"] = " ".join(unneutralise(row[1]) for row in table).split()
    assert errors == {"plan": [], "report": []}
    return words


@pytest.mark.slow  # renders DOCX and the report for every example
@settings(max_examples=25, deadline=None)
@given(texts)
@example("Begrüßung\vzweite Zeile\fdritte\u2028vierte\u2029fünfte")
@example("\x1b[31mrot\x1b[0m \u202eevil\u202c \u2066isoliert\u2069")
@example("a\ufdd0b \U0001fffe c\ufffe")
def test_any_title_shows_the_same_visible_words_in_every_format(text: str) -> None:
    expected = [BEFORE, *visible_words(text), AFTER]
    found = every_format(titled(telgte_document(), f"{BEFORE} {text} {AFTER}"))
    assert {name: contains(words, expected) for name, words in found.items()} == dict.fromkeys(
        found, True
    ), expected


@settings(max_examples=25, deadline=None)
@given(texts)
@example("\x9b31m \u202eevil\u202c \u2028 \U0001fffe \x7f")
def test_json_keeps_any_title_exactly_and_prints_nothing_invisible(text: str) -> None:
    """JSON is data for other tools: the value as the file holds it, invisible characters escaped."""
    import json

    from strategy_kit.compute.timing import plan
    from strategy_kit.present.agenda import Options, render_json
    from strategy_kit.present.report import render_report

    document = titled(telgte_document(), text)
    agenda = render_json(plan(document), Options())
    report = render_report(document, format="json")
    assert json.loads(agenda)["days"][0]["blocks"][0]["sessions"][0]["title"] == text
    assert next(r for r in json.loads(report)["ranking"] if r["project"] == "stadtportal")["title"] == text
    for output in (agenda, report):
        assert not DROPPED.search(output)
        assert not re.search("[\x7f-\x9f\u2028\u2029]", output)


def test_the_policy_on_each_character_class() -> None:
    from strategy_kit.document.characters import escaped
    from strategy_kit.present.text import clean, one_line

    text = "a\vb\fc\u2028d\u2029e\r\nf\x85g\th\x1b[1m\x9b\u202ei\u2066j\ufdd0k\U0010ffff"
    assert clean(text) == "a\nb\nc\nd\ne\nf\ng\th[1mijk"
    assert one_line(text) == "a b c d e f g h[1mijk"
    assert escaped(text) == (
        "a\\x0bb\\x0cc\\u2028d\\u2029e\\x0d\nf\\x85g\\x09h\\x1b[1m\\x9b\\u202ei\\u2066j\\ufdd0k\\U0010ffff"
    )
    # Right-to-left letters and the marks U+200E/U+200F are text, not controls.
    assert clean("\u05e2\u05d1\u200f") == one_line("\u05e2\u05d1\u200f") == "\u05e2\u05d1\u200f"
