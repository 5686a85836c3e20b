"""The results report: golden files, privacy, hostile text, templates, self-containment."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from strategy_kit.check.validate import load_document
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.present.report import build_context, render_report

FORMATS = ("html", "md", "json")


@cache
def _telgte(path: Path) -> WorkshopDocument:
    document = load_document(path).document
    assert document is not None
    return document


def telgte_document(examples: Path) -> WorkshopDocument:
    """The example, loaded once: documents are frozen, so tests cannot change it."""
    return _telgte(examples / "telgte.yaml")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_telgte_golden(examples: Path, golden: Any, fmt: str, lang: str) -> None:
    text = render_report(telgte_document(examples), format=fmt, lang=lang)  # type: ignore[arg-type]
    golden(f"report/telgte.{lang}.{fmt}", text)


def test_telgte_has_what_a_town_hall_needs(examples: Path) -> None:
    html = render_report(telgte_document(examples), format="html")
    for title in (
        "Stadtportal mit Online-Services",
        "Smarte Mobilität",
        "Zukunftsfähige Infrastruktur",
        "Datenaustausch",
    ):
        assert title in html
    assert html.count("Maßnahmensteckbrief 7.") == 4
    for field in (
        "Infrastruktur",
        "Digitales Rathaus",
        "Miteinander vernetzt",
        "Personal und Organisation",
        "Nachhaltigkeit",
        "Mobiles Arbeiten",
        "Mobilität",
    ):
        assert f"{field}</h3>" in html
    assert html.count("<svg") == 3  # maturity, matrix, roadmap
    assert "5.–6. März 2019" in html
    assert "77,5" in html


def test_language_defaults_to_the_workshop_and_can_be_switched(examples: Path) -> None:
    document = telgte_document(examples)
    assert "Maßnahmensteckbrief" in render_report(document, format="md")
    english = render_report(document, format="md", lang="en")
    assert "Measure sheet" in english and "Maßnahmensteckbrief" not in english
    assert re.search(r"5\s*–\s*6 Mar 2019", english)


def test_html_is_self_contained(examples: Path) -> None:
    html = render_report(telgte_document(examples), format="html")
    urls = re.findall(r"(?:https?:)?//[^\s\"'<>)]+", html)
    assert set(urls) == {"http://www.w3.org/2000/svg"}
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "page-break-before: always" in html and "break-before: page" in html


def _md_html(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def _table_shapes(text: str) -> list[set[int]]:
    """For each Markdown table: the set of cell counts of its rows (one value when well formed)."""
    html = _md_html(text)
    shapes = []
    for table in re.findall(r"<table>(.*?)</table>", html, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        shapes.append({len(re.findall(r"<t[hd][ >]", row)) for row in rows})
    return shapes


def test_markdown_tables_render(examples: Path) -> None:
    text = render_report(telgte_document(examples), format="md")
    separators = [
        line for line in text.splitlines() if re.fullmatch(r"\|(-+:?\|)+|\|(-*:?-+:?\|)+", line)
    ]
    shapes = _table_shapes(text)
    assert len(shapes) == len(separators) > 10
    assert all(len(shape) == 1 for shape in shapes)


def test_json_carries_the_ranking_with_breakdown(examples: Path) -> None:
    data = json.loads(render_report(telgte_document(examples), format="json"))
    assert [(e["rank"], e["project"], e["score"]) for e in data["ranking"]] == [
        (1, "stadtportal", 77.5),
        (2, "infrastruktur-zukunft", 72.5),
        (3, "smarte-mobilitaet", 62.5),
        (4, "datenaustausch", 60.0),
    ]
    first = data["ranking"][0]
    assert [(b["criterion"], b["points"]) for b in first["breakdown"]] == [
        ("wirkung", 37.5),
        ("dringlichkeit", 25.0),
        ("aufwand", 5.0),
        ("foerderung", 10.0),
    ]
    assert first["priority"] == "high" and first["priority_derived"] is True
    assert first["quadrant"] == "major-project"
    assert data["method"]["votes"] == "tie-breaker"


# -- privacy ---------------------------------------------------------------------------

PRIVATE_DOC = """\
version: 1
municipality: {name: Gemeinde Musterhausen, state: Bayern}
workshop:
  title: Strategieworkshop
  organiser: Beratung Beispiel
  goal: Digital werden.
  facilitators: [hans-quastenflosser]
departments:
  - {id: fb1, name: Fachbereich Zentrales}
participants:
  - id: erika-xylophon
    role: Amtsleitung
    name: Erika Xylophon
    email: erika.xylophon@amt.example
    department: fb1
    functions: [department-head, data-protection-officer]
  - id: hans-quastenflosser
    role: Moderation
    name: Hans Quastenflosser
    email: quasten@beratung.example
    organisation: Beratung Beispiel
    functions: [facilitator]
  - id: lea-offen
    role: Digitallotsin
    name: Lea Offenherz
    email: lea.offenherz@amt.example
    department: fb1
    public: true
    functions: [digital-officer]
days:
  - date: 2024-05-02
    start: "09:00"
    end: "12:00"
    blocks:
      - id: b
        title: Block
        sessions:
          - {title: Vertrauliche Runde, duration: 30m, lead: erika-xylophon, internal: true}
          - {title: Plenum, duration: 1h, lead: hans-quastenflosser}
        results: [Ideen]
fields_of_action:
  - {id: verwaltung, title: Verwaltung, maturity: {current: 1, target: 3}}
criteria:
  - {id: wirkung, title: Wirkung}
  - {id: aufwand, title: Aufwand, direction: cost}
projects:
  - id: portal
    title: Portal
    fields: [verwaltung]
    lead: erika-xylophon
    status: prioritised
    scores: {wirkung: 4, aufwand: 2}
    indicators:
      - {title: Geheimindikator, internal: true}
      - {title: Online-Dienste}
    next_steps:
      - {action: Anforderungen sammeln, owner: hans-quastenflosser, due: 2024-06-01}
      - {action: Telefonkette intern, owner: erika-xylophon, internal: true}
      - {action: Lotsen einbinden, owner: lea-offen}
  - id: zeta
    title: Zetaprojekt
    fields: [verwaltung]
    lead: erika-xylophon
    status: prioritised
    internal: true
    scores: {wirkung: 5, aufwand: 1}
follow_ups:
  - {title: Hinterzimmerrunde, internal: true}
  - {title: Ratssitzung}
report: {impact: wirkung, effort: aufwand}
"""

SECRETS = (
    "Xylophon",
    "erika-xylophon",
    "erika.xylophon@amt.example",
    "Quastenflosser",
    "quasten@beratung.example",
    "Geheimindikator",
    "Telefonkette",
    "Zetaprojekt",
    "Hinterzimmerrunde",
    "Vertrauliche",
)


@pytest.fixture
def private_file(tmp_path: Path) -> Path:
    path = tmp_path / "privat.yaml"
    path.write_text(PRIVATE_DOC, encoding="utf-8")
    return path


def _document(path: Path) -> WorkshopDocument:
    result = load_document(path)
    assert result.document is not None, result.diagnostics
    return result.document


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_public_report_names_nobody_without_consent(
    private_file: Path, fmt: str, lang: str
) -> None:
    text = render_report(_document(private_file), format=fmt, lang=lang, public=True)  # type: ignore[arg-type]
    lowered = text.lower()
    for secret in SECRETS:
        assert secret.lower() not in lowered, secret
    if fmt != "json":
        # Named with consent where she owns a step; the list of participants is left out.
        assert "Lea Offenherz (Digitallotsin)" in text.replace("\\", "")
        assert "Amtsleitung" in text  # the role stands in for the name


def test_public_ranking_has_no_gap_where_an_internal_project_was(private_file: Path) -> None:
    document = _document(private_file)
    internal = json.loads(render_report(document, format="json"))
    public = json.loads(render_report(document, format="json", public=True))
    assert [(e["project"], e["rank"]) for e in internal["ranking"]] == [("zeta", 1), ("portal", 2)]
    assert [(e["project"], e["rank"]) for e in public["ranking"]] == [("portal", 1)]


def test_report_public_in_the_file_is_enough(private_file: Path, tmp_path: Path) -> None:
    marked = tmp_path / "marked.yaml"
    marked.write_text(PRIVATE_DOC.replace("report: {", "report: {public: true, "), encoding="utf-8")
    for fmt in FORMATS:
        text = render_report(_document(marked), format=fmt)  # type: ignore[arg-type]
        assert "Xylophon" not in text and "Zetaprojekt" not in text


def test_internal_report_keeps_names_and_internal_items(private_file: Path) -> None:
    text = render_report(_document(private_file), format="html")
    for secret in (
        "Erika Xylophon",
        "erika.xylophon@amt.example",
        "Zetaprojekt",
        "Telefonkette intern",
    ):
        assert secret in text
    assert "erika-xylophon" not in text  # ids never, only labels
    assert "Interne Fassung" in text
    assert "Eine Person kann mehrere Funktionen haben." in text
    assert "Öffentliche Fassung" in render_report(
        _document(private_file), format="html", public=True
    )


# -- hostile text ----------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script> | {{ 7*7 }} {% raw %} [click](javascript:alert(1)) **bold** "
    "[red]rich[/red]\nsecond line <img src=x onerror=alert(1)> & ' \""
)


def _hostile_data() -> dict[str, Any]:
    h = HOSTILE
    return {
        "version": 1,
        "municipality": {"name": h, "state": "Bayern"},
        "workshop": {"title": h, "organiser": h, "venue": h, "goal": h, "description": h},
        "departments": [{"id": "fb1", "name": h}],
        "participants": [
            {
                "id": "p1",
                "role": h,
                "name": h,
                "email": "a@b.example",
                "public": True,
                "department": "fb1",
                "organisation": h,
            },
            {"id": "p2", "role": h, "organisation": h},
        ],
        "days": [
            {
                "date": "2024-01-02",
                "start": "09:00",
                "end": "10:00",
                "title": h,
                "blocks": [
                    {
                        "id": "b",
                        "title": h,
                        "goal": h,
                        "results": [h, h],
                        "sessions": [
                            {"title": h, "duration": "30m", "method": h, "description": h}
                        ],
                    }
                ],
            }
        ],
        "fields_of_action": [
            {
                "id": "f",
                "title": h,
                "description": h,
                "goals": [h],
                "maturity": {"current": 1, "target": 4},
            }
        ],
        "criteria": [
            {"id": "c", "title": h, "description": h},
            {"id": "e", "title": h, "direction": "cost"},
            {"id": "k", "title": h, "knockout": True},
        ],
        "projects": [
            {
                "id": "a",
                "title": h,
                "fields": ["f"],
                "description": h,
                "goal": h,
                "lead": "p1",
                "stakeholders": [h, h],
                "status": "prioritised",
                "scores": {"c": 3, "e": 1, "k": 2},
                "funding": {
                    "budget": 5,
                    "sources": [{"kind": "grant", "name": h, "amount": 3}],
                    "note": h,
                },
                "indicators": [{"title": h, "unit": h, "baseline": 1, "target": 2}],
                "next_steps": [{"action": h, "owner": "p1"}],
            },
            {
                "id": "b",
                "title": h,
                "fields": ["f"],
                "status": "prioritised",
                "scores": {"c": 3, "k": 0},
            },
            {"id": "d", "title": h, "fields": ["f"], "status": "prioritised", "scores": {"c": 3}},
        ],
        "follow_ups": [{"title": h, "audience": h, "description": h}],
        "report": {"impact": "c", "effort": "e"},
    }


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def _assert_harmless_html(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags
    assert "img" not in parser.tags
    assert not [name for name, _ in parser.attrs if name.startswith("on")]
    links = {"href", "src", "action", "formaction", "xlink:href", "style"}
    assert not [v for k, v in parser.attrs if k in links and v and "javascript:" in v.lower()]
    assert "49" not in html  # {{ 7*7 }} is text, never evaluated


@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_text_is_harmless_in_html(lang: str) -> None:
    document = WorkshopDocument.model_validate(_hostile_data())
    html = render_report(document, format="html", lang=lang)
    _assert_harmless_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html


@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_text_is_harmless_in_markdown(lang: str) -> None:
    document = WorkshopDocument.model_validate(_hostile_data())
    text = render_report(document, format="md", lang=lang)
    rendered = _md_html(text)
    _assert_harmless_html(rendered)
    assert "<strong>bold" not in rendered
    assert all(len(shape) == 1 for shape in _table_shapes(text))
    assert "alert(1)" in rendered  # still there, as text


def test_hostile_text_is_harmless_in_json() -> None:
    document = WorkshopDocument.model_validate(_hostile_data())
    data = json.loads(render_report(document, format="json"))
    assert data["workshop"] == HOSTILE
    assert data["ranking"][0]["title"] == HOSTILE
    assert [e["project"] for e in data["knocked_out"]] == ["b"]
    assert data["incomplete"][0]["missing"] == ["e", "k"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_any_project_title_keeps_markdown_tables_whole(title: str) -> None:
    data = _hostile_data()
    for project in data["projects"]:
        project["title"] = title
    data["criteria"][0]["title"] = title
    text = render_report(WorkshopDocument.model_validate(data), format="md")
    rendered = _md_html(text)
    assert all(len(shape) == 1 for shape in _table_shapes(text))
    parser = _Tags()
    parser.feed(rendered)
    assert set(parser.tags) <= SAFE_MD_TAGS


SAFE_MD_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "hr",
    "br",
}


def test_context_holds_no_participant_ids(private_file: Path) -> None:
    context = build_context(_document(private_file), public=False)
    assert "erika-xylophon" not in json.dumps(context, default=str)


# -- templates -------------------------------------------------------------------------


def test_a_user_template_overrides_one_section(examples: Path, tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "cover.md.j2").write_text(
        "# BRANDED {{ cover.title | md }}\n", encoding="utf-8"
    )
    text = render_report(telgte_document(examples), format="md", templates=tmp_path, public=True)
    assert text.startswith("# BRANDED Auftaktworkshop")
    assert "## 7. Maßnahmensteckbriefe" in text


def test_a_typo_in_a_template_fails_loudly(examples: Path, tmp_path: Path) -> None:
    import jinja2

    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "cover.html.j2").write_text(
        "<h1>{{ cover.titel }}</h1>\n", encoding="utf-8"
    )
    with pytest.raises(jinja2.UndefinedError):
        render_report(telgte_document(examples), format="html", templates=tmp_path)


# -- sections --------------------------------------------------------------------------


def _headings(examples: Path, lang: str = "de") -> dict[str, list[str]]:
    """The chapter headings of the Markdown, HTML and (when python-docx is there) Word report."""
    document = telgte_document(examples)
    md = render_report(document, format="md", lang=lang)
    html = render_report(document, format="html", lang=lang)
    found = {
        "md": re.findall(r"^## (.+)$", md, flags=re.MULTILINE),
        "html": re.findall(r"<h2[^>]*>(.+?)</h2>", html),
    }
    docx = pytest.importorskip("docx")
    import io

    from strategy_kit.present.word import report_docx

    opened = docx.Document(io.BytesIO(report_docx(document, lang=lang)))
    found["docx"] = [p.text for p in opened.paragraphs if p.style.name == "Heading 1"]
    return found


def test_every_format_takes_its_chapters_from_the_view(examples: Path) -> None:
    context = build_context(telgte_document(examples))
    titles = [f"{s.number}. {s.title}" for s in context["sections"] if s.number]
    assert titles[0] == "1. Zielsetzung und Ablauf" and len(titles) == 8
    ids = [str(s) for s in context["sections"]]
    assert ids[:4] == ["cover", "contents", "summary", "goal"] and ids[-1] == "imprint"
    for fmt, found in _headings(examples).items():
        # Word has no printed contents: it gets a TOC field from its headings.
        frame = ["Das Wichtigste in Kürze"] if fmt == "docx" else ["Inhalt", "Das Wichtigste in Kürze"]
        assert found == [*frame, *titles, "Impressum"], fmt


def test_a_section_added_to_the_view_is_in_every_format(
    examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14, defect 5: a chapter added once used to be missing from Word."""
    from strategy_kit.present import labels, report

    monkeypatch.setitem(labels.LABELS, "report.sec_annex", {"de": "Anhang", "en": "Annex"})
    annex = report.SectionSpec("annex", "report.sec_annex", lambda _: ["Beschluss des Rates"])
    specs = list(report.SECTIONS)
    specs.insert(4, annex)  # after the goal: every later chapter moves one number up
    monkeypatch.setattr(report, "SECTIONS", tuple(specs))
    for lang, title in (("de", "Anhang"), ("en", "Annex")):
        for fmt, everything in _headings(examples, lang).items():
            found = [heading for heading in everything if heading[0].isdigit()]
            assert found[1] == f"2. {title}", (fmt, found)
            assert found[2] in ("3. Teilnehmende", "3. Participants"), (fmt, found)
            assert len(found) == 9, (fmt, found)
    md = render_report(telgte_document(examples), format="md")
    assert "## 2. Anhang\n\n- Beschluss des Rates\n" in md


def test_a_user_template_lays_out_a_new_section(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strategy_kit.present import labels, report

    monkeypatch.setitem(labels.LABELS, "report.sec_annex", {"de": "Anhang", "en": "Annex"})
    annex = report.SectionSpec("annex", "report.sec_annex", lambda _: "Beschluss")
    monkeypatch.setattr(report, "SECTIONS", (*report.SECTIONS, annex))
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "annex.md.j2").write_text(
        "## {{ section.number }}. {{ section.title }} (eigenes Layout)\n\n{{ annex }}\n",
        encoding="utf-8",
    )
    text = render_report(telgte_document(examples), format="md", templates=tmp_path)
    assert "## 9. Anhang (eigenes Layout)\n\nBeschluss\n" in text


def test_a_page_template_written_for_section_names_still_works(
    examples: Path, tmp_path: Path
) -> None:
    """Before the view held sections, ``sections`` was a list of names; ``str(section)`` still is."""
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "report.md.j2").write_text(
        '{% for section in sections %}{% include "report/" ~ section ~ ".md.j2" %}\n{% endfor %}',
        encoding="utf-8",
    )
    text = render_report(telgte_document(examples), format="md", templates=tmp_path)
    assert "## 1. Zielsetzung und Ablauf" in text and "## 8. Nächste Schritte" in text


def test_every_list_of_the_ranking_has_one_item_per_project(examples: Path, tmp_path: Path) -> None:
    """Issue 15: `- Erledigt (erledigt)- In Umsetzung (in Umsetzung)- …` on one line.

    A line ending in a block tag lost its line break to ``trim_blocks``; the lists of
    knocked-out, incompletely scored and set-apart projects are read back with a real
    Markdown parser.
    """
    text = (examples / "telgte.yaml").read_text(encoding="utf-8")
    scores = re.findall(r"(?m)^    scores: \{.*\}$", text)
    assert len(scores) == 4
    text = text.replace(scores[0], scores[0].replace("umsetzbar: 1", "umsetzbar: 0"))  # knocked out
    text = text.replace(scores[1], scores[1].replace("foerderung: 5, ", ""))  # incomplete
    parts = text.split("    status: prioritised\n")
    assert len(parts) == 5
    text = "    status: prioritised\n".join(parts[:3]) + "    status: done\n" + parts[3]
    text += "    status: dropped\n" + parts[4]
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    for lang in ("de", "en"):
        markdown = render_report(document, format="md", lang=lang)
        tokens = MarkdownIt("commonmark").parse(markdown)
        items = [
            tokens[i + 2].content
            for i, token in enumerate(tokens)
            if token.type == "list_item_open" and tokens[i + 2].type == "inline"
        ]
        titles = [p.title for p in document.projects]
        listed = {title for title in titles for item in items if item.startswith(title + ":")}
        assert len(listed) == 2, items  # one knocked out, one incompletely scored
        for title in titles:
            holding = [item for item in items if item.startswith(title)]
            assert all(sum(item.count(t) for t in titles) == 1 for item in holding), holding


# -- a missing value reads one way ------------------------------------------------------------

#: What a missing value must not look like: the forms report.none replaced.
OTHER_EMPTY_FORMS = frozenset({"", "-", "–", "—", "nicht festgelegt", "not set", "keine", "none"})


class _Cells(HTMLParser):
    """Each table's header cells and body cells, and each paragraph's text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[list[str], list[str]]] = []
        self.paragraphs: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(([], []))
        elif tag in ("th", "td", "p"):
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("th", "td", "p") or self._text is None:
            return
        text = "".join(self._text).strip()
        self._text = None
        if tag == "p":
            self.paragraphs.append(text)
        elif self.tables:
            self.tables[-1][0 if tag == "th" else 1].append(text)


def _other_empty_forms(html: str, lang: str) -> list[str]:
    """Cells and notes that show a missing value some other way than ``report.none``.

    The criteria table is left out: a knock-out criterion's key and weight do
    not apply to it, and a cell that does not apply stays empty.
    """
    from strategy_kit.present.labels import label

    page = _Cells()
    page.feed(html)
    criterion = label("report.criterion", lang)
    found = [
        f"cell {cell!r} in the table headed {header[:3]}"
        for header, cells in page.tables
        if criterion not in header
        for cell in cells
        if cell in OTHER_EMPTY_FORMS
    ]
    found += [f"paragraph {p!r}" for p in page.paragraphs if p and p in OTHER_EMPTY_FORMS]
    return found


def test_the_scan_finds_other_empty_forms() -> None:
    assert _other_empty_forms("<table><tr><th>Rang</th></tr><tr><td>–</td></tr></table>", "de")
    assert _other_empty_forms("<table><tr><td>Istwert</td><td></td></tr></table>", "de")
    assert _other_empty_forms('<p class="note">nicht festgelegt</p>', "de")
    criteria = "<table><tr><th></th><th>Kriterium</th><th>Gewicht</th></tr><tr><td></td><td>K.o.</td><td></td></tr></table>"
    assert not _other_empty_forms(criteria, "de")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("example", ["telgte", "executive-program-kickoff"])
def test_a_missing_value_reads_one_way_in_every_format(examples: Path, example: str, lang: str) -> None:
    """Where the examples leave a value out, HTML, Markdown and Word say "keine Angabe"."""
    from strategy_kit.present.labels import label

    document = _telgte(examples / f"{example}.yaml")
    none = label("report.none", lang)
    html = render_report(document, format="html", lang=lang)
    markdown = _md_html(render_report(document, format="md", lang=lang))
    for text in (html, markdown):
        assert _other_empty_forms(text, lang) == []
        assert f">{none}<" in text  # both examples leave values out: the one form is there
    docx = pytest.importorskip("docx")
    from strategy_kit.present.word import report_docx

    word = docx.Document(io.BytesIO(report_docx(document, lang=lang)))
    criterion = label("report.criterion", lang)
    cells = [
        cell.text.strip()
        for table in word.tables
        if criterion not in [c.text for c in table.rows[0].cells]
        for row in table.rows
        for cell in row.cells
    ]
    assert [c for c in cells if c in OTHER_EMPTY_FORMS] == []
    assert none in cells
    notes = [p.text.strip() for p in word.paragraphs]
    assert [p for p in notes if p and p in OTHER_EMPTY_FORMS] == []
# -- the report's frame: cover, contents, summary, imprint, internal mark ---------------

MINIMAL = """\
version: 1
municipality: {name: Gemeinde Musterhausen, state: Bayern}
workshop: {title: Auftakt, organiser: Gemeinde Musterhausen, goal: Eine Richtung finden.}
"""


def _workshop(tmp_path: Path, text: str) -> WorkshopDocument:
    path = tmp_path / "workshop.yaml"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return document


class _Outline(HTMLParser):
    """The page as a row of headings (their level) and content (0), in reading order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[int, str]] = []
        self.level = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title"):
            self.skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.level = int(tag[1])
            self.items.append((self.level, ""))
        elif tag in ("img", "table"):
            self.items.append((0, tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self.skip -= 1
        if re.fullmatch(r"h[1-6]", tag):
            self.level = 0

    def handle_data(self, data: str) -> None:
        if data.strip() and not self.skip and not self.level:
            self.items.append((0, data.strip()))


def _md_outline(text: str) -> list[tuple[int, str]]:
    items: list[tuple[int, str]] = []
    for token in MarkdownIt().enable("table").parse(text):
        if token.type == "heading_open":
            items.append((int(token.tag[1]), ""))
        elif token.type in ("paragraph_open", "table_open", "bullet_list_open", "blockquote_open"):
            items.append((0, token.type))
    return items


def _docx_outline(data: bytes) -> list[tuple[int, str]]:
    docx = pytest.importorskip("docx")
    import io

    from docx.table import Table

    items: list[tuple[int, str]] = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            items.append((0, "\n".join(cell.text for row in block.rows for cell in row.cells)))
            continue
        name = block.style.name if block.style is not None else ""
        if name.startswith("Heading"):
            items.append((int(name[-1]), block.text))
        elif name == "Title":
            items.append((1, block.text))
        elif block.text.strip() or block._p.xpath(".//w:drawing"):
            items.append((0, block.text))
    return items


def _empty_headings(items: list[tuple[int, str]]) -> list[int]:
    """Headings followed by a heading of their level or above, or by the end: empty chapters."""
    empty = []
    for index, (level, _) in enumerate(items):
        if not level:
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        if following is None or 0 < following[0] <= level:
            empty.append(index)
    return empty


def _unused_footnotes(text: str, lang: str) -> list[str]:
    """Footnotes that explain a marker the page does not use (``*``, ``K1``)."""
    from strategy_kit.present.labels import label

    wrong = []
    rule, columns = label("report.priority_rule", lang), label("report.columns_rule", lang)
    rest = text.replace(rule, "")
    if rule in text and not re.search(r"\w\*", rest):
        wrong.append(rule)
    if columns in text and rest.replace(columns, "").count(columns[:2]) < 1:
        wrong.append(columns)
    return wrong


#: Measures whose priority and time frame are set by hand: no ``*`` anywhere.
SET_BY_HAND = MINIMAL + (
    "fields_of_action: [{id: rathaus, title: Digitales Rathaus}]\n"
    "criteria:\n  - {id: nutzen, title: Nutzen, weight: 1, scale: {min: 0, max: 5}}\n"
    "projects:\n"
    "  - {id: a, title: Portal, fields: [rathaus], scores: {nutzen: 5}, status: prioritised,"
    " priority: high, horizon: short}\n"
)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    "source", ["minimal", "set-by-hand", "executive-program-kickoff", "telgte"]
)
def test_no_empty_chapter_and_no_unused_footnote(
    examples: Path, tmp_path: Path, source: str, lang: str
) -> None:
    from strategy_kit.present.word import report_docx

    if source in ("minimal", "set-by-hand"):
        document = _workshop(tmp_path, MINIMAL if source == "minimal" else SET_BY_HAND)
    else:
        document = load_document(examples / f"{source}.yaml").document
        assert document is not None
    html = render_report(document, format="html", lang=lang)
    md = render_report(document, format="md", lang=lang)
    outline = _Outline()
    outline.feed(html)
    assert _empty_headings(outline.items) == [], ("html", outline.items)
    md_items = _md_outline(md)
    assert _empty_headings(md_items) == [], ("md", md_items)
    docx_items = _docx_outline(report_docx(document, lang=lang))
    assert _empty_headings(docx_items) == [], ("docx", docx_items)
    for text in (html, md, "\n".join(text for _, text in docx_items)):
        assert _unused_footnotes(text, lang) == []
    for nothing in ("Keine Ergebnisse festgehalten", "No results recorded", "Keine offenen Schritte"):
        assert nothing not in html + md


def test_a_minimal_file_has_the_frame_and_no_empty_chapter(tmp_path: Path) -> None:
    context = build_context(_workshop(tmp_path, MINIMAL))
    assert [str(s) for s in context["sections"]] == [
        "cover", "contents", "summary", "goal", "imprint"
    ]
    assert [s.number for s in context["sections"]] == [None, None, None, 1, None]
    contents = context["sections"][1].content
    assert [(e["number"], e["title"]) for e in contents] == [
        ("", "Das Wichtigste in Kürze"),
        (1, "Zielsetzung und Ablauf"),
        ("", "Impressum"),
    ]


def test_the_cover_holds_date_version_and_status(examples: Path, tmp_path: Path) -> None:
    md = render_report(telgte_document(examples), format="md")
    assert "Stand: 29. März 2019 · Version 1.0 · Entwurf" in md
    assert "| Herausgeber | Stadt Telgte – Der Bürgermeister |" in md
    adopted = _workshop(
        tmp_path,
        MINIMAL
        + "report:\n  document: {version: '2.1', status: beschlossen, adopted: 2019-06-12,"
        " date: 2019-06-20}\n",
    )
    for fmt, stand in (("md", "Stand: 20. Juni 2019"), ("html", "Stand: 20. Juni 2019")):
        text = render_report(adopted, format=fmt)  # type: ignore[arg-type]
        assert f"{stand} · Version 2.1 · Beschlossen am 12. Juni 2019 (Ratsbeschluss)" in text
    english = render_report(adopted, format="md", lang="en")
    assert "As of: 20 June 2019 · Version 2.1 · Adopted on 12 June 2019 (council decision)" in english


def test_the_summary_comes_right_after_the_contents(examples: Path) -> None:
    context = build_context(telgte_document(examples))
    summary = context["summary"]
    assert [str(s) for s in context["sections"]][1:3] == ["contents", "summary"]
    assert [p["title"] for p in summary["projects"]] == [
        "Stadtportal mit Online-Services",
        "Zukunftsfähige Infrastruktur",
        "Smarte Mobilität",
        "Datenaustausch",
    ]
    assert summary["projects"][1]["lead"] == "IT-Koordination"
    assert summary["projects"][0]["start"] == "2. Quartal 2019"  # its start: 2019-Q2
    assert summary["follow_ups"][0] == {
        "title": "Workshop: Projekte konkretisieren",
        "date": "Dienstag, 14. Mai 2019",
    }
    assert len(summary["steps"]) <= 5 and all(not s["done"] for s in summary["steps"])


def test_a_measures_start_shows_in_the_summary(tmp_path: Path) -> None:
    text = MINIMAL + (
        "fields_of_action: [{id: rathaus, title: Digitales Rathaus}]\n"
        "criteria:\n  - {id: nutzen, title: Nutzen, weight: 1, scale: {min: 0, max: 5}}\n"
        "projects:\n"
        "  - {id: a, title: Portal, fields: [rathaus], scores: {nutzen: 5}, start: 2027-Q1}\n"
        "  - {id: b, title: WLAN, fields: [rathaus], scores: {nutzen: 4}, start: 2026-09-01}\n"
    )
    summary = build_context(_workshop(tmp_path, text))["summary"]
    assert [p["start"] for p in summary["projects"]] == ["1. Quartal 2027", "1. September 2026"]


def test_the_imprint_ends_the_report(examples: Path) -> None:
    md = render_report(telgte_document(examples), format="md")
    imprint = md[md.index("## Impressum") :]
    assert "- Kontakt: Stadt Telgte, IT-Koordination, Baßfeld 4–6, 48291 Telgte" in imprint
    assert "- Version: 1.0" in imprint and "- Status: Entwurf" in imprint
    assert imprint.rstrip().endswith("*Erstellt mit strategy-kit*")
    assert md.count("Erstellt mit strategy-kit") == 1


def test_the_internal_edition_says_so_and_the_public_one_does_not(examples: Path) -> None:
    document = telgte_document(examples)
    mark = "Interne Fassung – nicht zur Veröffentlichung"
    internal_md = render_report(document, format="md", public=False)
    assert internal_md.startswith(f"**{mark}**\n")
    internal_html = render_report(document, format="html", public=False)
    assert f'<header class="internal-mark">{mark}</header>' in internal_html
    assert f'@bottom-left {{ content: "{mark}"' in internal_html
    for fmt in ("md", "html"):
        assert mark not in render_report(document, format=fmt, public=True)  # type: ignore[arg-type]


def _photographed(tmp_path: Path) -> WorkshopDocument:
    return _workshop(
        tmp_path,
        MINIMAL
        + """\
days:
  - date: 2019-03-05
    start: "09:00"
    end: "12:00"
    blocks:
      - id: ag
        title: Arbeitsgruppen
        sessions:
          - title: Gruppe A
            duration: 1h
            results: [Chancen gesammelt]
            photos:
              - {file: a.png, caption: Flipchart A, alt: Drei Chancen mit Punkten}
              - {file: b.png, caption: Flipchart B, alt: Namen der Gruppe, internal: true}
        results: [Zwei Listen]
""",
    )


def test_photos_appear_under_their_session_with_alt_text(tmp_path: Path) -> None:
    from strategy_kit.present.assets import Frame, Image

    png = (Path(__file__).parents[2] / "examples" / "fotos" / "flipchart-digitale-verwaltung.png").read_bytes()
    frame = Frame(
        date=dt.date(2019, 3, 6),
        photos={"a.png": Image(png, "image/png"), "b.png": Image(png, "image/png")},
    )
    document = _photographed(tmp_path)
    internal = render_report(document, format="html", public=False, frame=frame)
    assert internal.count('<img src="data:image/png;base64,') == 2
    assert 'alt="Drei Chancen mit Punkten"' in internal
    assert "<figcaption>Flipchart A</figcaption>" in internal
    assert internal.index("Gruppe A") < internal.index("Chancen gesammelt") < internal.index("Flipchart A")
    public = render_report(document, format="html", public=True, frame=frame)
    assert public.count("<img ") == 1 and "Namen der Gruppe" not in public
    md = render_report(document, format="md", public=True, frame=frame)
    assert "*Foto: Flipchart A* (Drei Chancen mit Punkten)" in md and "data:" not in md
    # A photo the frame could not read is left out, not shown as a broken image.
    assert "<img " not in render_report(document, format="html", public=True)


# -- the process: what came out, not what was planned ------------------------------------

PLANNED_AND_DONE = """\
days:
  - date: 2019-03-05
    start: "09:00"
    end: "12:00"
    blocks:
      - id: ag
        title: Arbeitsgruppen
        sessions:
          - {title: Gruppe A, duration: 1h, outputs: [Chancenliste], results: [Zwölf Chancen]}
          - {title: Gruppe B, duration: 1h, outputs: [Hürdenliste, Prioritäten]}
          - {title: Gruppe C, duration: 30m}
"""


def _report_texts(document: WorkshopDocument, lang: str, *, public: bool = False) -> dict[str, str]:
    """The report's text in HTML (tags dropped), Markdown (bold marks dropped) and Word."""
    import docx

    from strategy_kit.present.word import report_docx

    word = docx.Document(io.BytesIO(report_docx(document, lang=lang, public=public)))
    html = render_report(document, format="html", lang=lang, public=public)
    return {
        "html": re.sub(r"<[^>]+>", "", html),
        "md": render_report(document, format="md", lang=lang, public=public).replace("**", ""),
        "docx": "\n".join(p.text for p in word.paragraphs),
    }


@pytest.mark.parametrize(
    ("lang", "purpose", "results", "planned"),
    [("de", "Ziel", "Ergebnisse", "Erwartete Ergebnisse"), ("en", "Purpose", "Results", "Expected outputs")],
)
def test_a_session_shows_its_results_else_its_purpose(
    tmp_path: Path, lang: str, purpose: str, results: str, planned: str
) -> None:
    """A report is written after the event: no "expected" outputs in it, in any format."""
    document = _workshop(tmp_path, MINIMAL + PLANNED_AND_DONE)
    for fmt, marked in _report_texts(document, lang).items():
        text = re.sub(r"</?strong>|\*\*", "", marked)  # the label is bold
        assert planned not in text, fmt
        assert "Chancenliste" not in text, fmt  # the plan of a session that has results
        assert f"{purpose}: Hürdenliste; Prioritäten" in text, fmt
        assert text.index("Gruppe A") < text.index(f"{results}:") < text.index("Zwölf Chancen"), fmt
        assert "Gruppe C" not in text, fmt  # nothing to say: not listed under the block
    session = build_context(document, lang=lang)["goal"]["days"][0]["blocks"][0]["sessions"]
    assert [(s["purpose"], s["results"]) for s in session] == [
        ("", ["Zwölf Chancen"]),
        ("Hürdenliste; Prioritäten", []),
    ]


# -- who facilitated ---------------------------------------------------------------------


def _facilitated(tmp_path: Path, people: str) -> WorkshopDocument:
    text = MINIMAL.replace("goal: Eine Richtung finden.}", "goal: Eine Richtung finden., facilitators: [m, c]}")
    return _workshop(
        tmp_path,
        text
        + "participants:\n"
        + people
        + "  - {id: x, role: Amtsleitung, functions: [department-head]}\n",
    )


ONE_FIRM = """\
  - {id: m, role: Moderation, name: Mia Moderata, email: mia@firma.example, organisation: City & Bits}
  - {id: c, role: Co-Moderation, name: Cem Comod, organisation: City & Bits}
"""


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_organisers_are_named_once(tmp_path: Path, lang: str) -> None:
    """"Moderation: Moderation (City & Bits), Co-Moderation (City & Bits)" says it twice."""
    document = _facilitated(tmp_path, ONE_FIRM)
    line = {"de": "Durchführung und Moderation: City & Bits", "en": "Facilitation: City & Bits"}[lang]
    for fmt, text in _report_texts(document, lang, public=True).items():
        text = text.replace("\\", "").replace("&amp;", "&")
        assert line in text, fmt
        assert "Moderation (City" not in text and "Mia" not in text and "mia@" not in text, fmt
    internal = build_context(document, lang=lang, public=False)["participants"]["facilitation"]
    assert internal == [
        {"role": "Moderation", "text": "Mia Moderata (City & Bits), mia@firma.example"},
        {"role": "Co-Moderation", "text": "Cem Comod (City & Bits)"},
    ]


def test_facilitators_from_two_houses_each_get_a_line(tmp_path: Path) -> None:
    document = _facilitated(
        tmp_path,
        "  - {id: m, role: Moderation, organisation: City & Bits}\n"
        "  - {id: c, role: Co-Moderation, name: Cem Comod, public: true}\n",
    )
    shown = build_context(document, lang="de", public=True)["participants"]["facilitation"]
    assert shown == [
        {"role": "Moderation", "text": "City & Bits"},
        {"role": "Co-Moderation", "text": "Cem Comod"},
    ]
    md = render_report(document, format="md", lang="de", public=True)
    assert "; Moderation: City & Bits; Co-Moderation: Cem Comod" in md.replace("\\", "")


#: Roles that only the list of participants names: each held by one person in Telgte.
ONLY_IN_THE_LIST = ("Mitglied des Personalrats", "Klimaschutzmanagement")


def _docx_text(data: bytes) -> str:
    import docx

    opened = docx.Document(io.BytesIO(data))
    cells = [c.text for t in opened.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in opened.paragraphs] + cells)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_public_edition_lists_no_participant(examples: Path, lang: str) -> None:
    from strategy_kit.present.labels import label
    from strategy_kit.present.word import report_docx

    document = telgte_document(examples)
    texts = {
        fmt: render_report(document, format=fmt, lang=lang, public=True)  # type: ignore[arg-type]
        for fmt in ("html", "md")
    }
    texts["docx"] = _docx_text(report_docx(document, lang=lang, public=True))
    internal = render_report(document, format="md", lang=lang, public=False)
    for role in ONLY_IN_THE_LIST:
        assert role in internal
    for fmt, text in texts.items():
        for role in ONLY_IN_THE_LIST:
            assert role not in text, (fmt, role)
        # The counts stay, total and by department; a count by function (one mayor, one data
        # protection officer) would name its holder, so that table goes too.
        for key in ("report.participants_total", "report.by_department"):
            assert label(key, lang) in text, (fmt, key)
        assert label("report.by_function", lang) not in text, fmt
        assert label("report.several_functions", lang) not in text, fmt
        assert label("report.public_participants_note", lang) in text, fmt
        assert label("report.unit", lang) not in text, fmt  # the list's second column


def test_the_list_of_participants_is_headed_by_role_unless_a_name_is_shown(
    examples: Path, private_file: Path
) -> None:
    roles_only = build_context(telgte_document(examples), public=False)["participants"]
    assert roles_only["who"] == "Rolle" and roles_only["people"]
    named = build_context(_document(private_file), public=False)["participants"]
    assert named["who"] == "Person"
    assert build_context(_document(private_file), public=True)["participants"]["people"] == []


def test_what_comes_next_is_one_list_in_date_order(examples: Path) -> None:
    from strategy_kit.present.word import report_docx

    document = telgte_document(examples)
    coming = build_context(document, public=True)["summary"]["coming"]
    assert [c["date"] for c in coming] == [
        "14. Mai 2019",
        "31. Mai 2019",
        "30. Juni 2019",
        "31. Juli 2019",
        "17. September 2019",
        "30. September 2019",
    ]
    assert coming[0]["text"] == "Workshop: Projekte konkretisieren"
    md = render_report(document, format="md", public=True).replace("\\", "")
    html = render_report(document, format="html", public=True)
    word = _docx_text(report_docx(document, public=True))
    for text in (md, html, word):
        assert text.index("14. Mai 2019") < text.index("31. Mai 2019") < text.index(
            "30. September 2019"
        )


#: A date or a quarter as the report writes it: "30. September 2019", "2. Quartal 2019".
WHOLE_DATE = re.compile(r"^\d{1,2}\.[ \u00a0]\w+[ \u00a0]\d{4}$")


def test_no_date_in_a_table_breaks_inside(examples: Path) -> None:
    from strategy_kit.present.word import report_docx

    document = telgte_document(examples)
    html = render_report(document, format="html", public=True)
    cells = re.findall(r"<td( class=\"date\")?>([^<]*)</td>", html)
    dated = [(marked, text) for marked, text in cells if WHOLE_DATE.match(text)]
    assert len(dated) > 20  # the summary, the roadmap, the sheets, chapter 8
    assert all(marked for marked, _ in dated), [text for marked, text in dated if not marked]
    assert ".date { white-space: nowrap; }" in html
    assert "77,5\u00a0von\u00a0100" in html
    word = _docx_text(report_docx(document, public=True))
    lines = [line for line in word.splitlines() if WHOLE_DATE.match(line)]
    assert len(lines) > 20
    assert all(" " not in line for line in lines), [line for line in lines if " " in line]
    assert "77,5\u00a0von\u00a0100" in word
    # A sheet's period is dates too: "2. Quartal 2019 – 4. Quartal 2020" on one line.
    assert '<th scope="row">Zeitraum</th><td class="date">2. Quartal 2019 – 4. Quartal 2020</td>' in html
    assert "2.\u00a0Quartal\u00a02019\u00a0–\u00a04.\u00a0Quartal\u00a02020" in word


LEAD_INS = ("report.goals", "report.projects", "report.block_goal", "report.purpose", "report.results")


def test_a_lead_in_is_bold_and_stays_with_what_follows(examples: Path) -> None:
    """"Maßnahmen:", "Ziele:", "Ziel:", "Ergebnisse:" never end a page alone, bold in every format."""
    from strategy_kit.present.labels import label
    from strategy_kit.present.word import report_docx

    document = telgte_document(examples)
    words = tuple(f"{label(key, 'de')}:" for key in LEAD_INS)
    html = render_report(document, format="html", public=True)
    paragraphs = re.findall(r"<p( class=\"lead-in\")?>(.*?)</p>", html)
    led = [(marked, text) for marked, text in paragraphs if re.sub("<[^>]+>", "", text).startswith(words)]
    assert len(led) > 15
    assert all(marked and text.startswith("<strong>") for marked, text in led), led
    assert ".lead-in { break-after: avoid; }" in html
    md = render_report(document, format="md", public=True)
    lines = [line for line in md.splitlines() if line.lstrip("*").startswith(words)]
    assert len(lines) > 15 and all(line.startswith("**") for line in lines), lines
    import docx

    opened = docx.Document(io.BytesIO(report_docx(document, public=True)))
    starting = [p for p in opened.paragraphs if p.text.startswith(words) and p.runs]
    assert len(starting) > 15
    assert all(p.runs[0].bold for p in starting)
    alone = [p for p in starting if p.text.strip() in words]
    assert alone and all(p.paragraph_format.keep_with_next for p in alone)
