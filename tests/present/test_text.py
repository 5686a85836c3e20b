"""The one text policy: separators become a line break or a space, controls and bidi go.

The regression at the top is the case from issue 14: a session title holding a
vertical tab came out joined in DOCX and Markdown ("Begrüßungzweite Zeile"),
spaced in ICS and the terminal, and raw in HTML (a parse error).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Invoke

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


def strict_html_errors(document: str) -> list[str]:
    import html5lib

    parser = html5lib.HTMLParser(strict=False)
    parser.parse(document)
    return [str(e) for e in parser.errors]


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
    assert strict_html_errors(outputs["html"]) == []
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
