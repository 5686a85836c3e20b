"""Word documents (DOCX) of the agenda and the report, for administrations that edit in Word.

The text comes from the same prepared views as the HTML templates
(:func:`strategy_kit.present.agenda.context`, :func:`strategy_kit.present.report.build_context`),
so privacy, labels and formatting are decided once. This module only lays the
view out with python-docx: real Heading styles (Word's navigation pane and
table of contents use them), real tables, and document properties that never
name a person.

A municipality's corporate template (``.docx`` or ``.dotx``) becomes the base
document: its body is cleared, its styles, headers and footers stay. A style
the template lacks is added plainly (a heading keeps its outline level), so
any Word file works as a template.

Charts are not embedded: the tables next to them in the HTML (maturity per
field, the quadrants of the matrix) carry the same numbers and stay editable.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy_kit.present.agenda import build_time
from strategy_kit.present.extras import require
from strategy_kit.present.text import clean, one_line

if TYPE_CHECKING:
    from docx.document import Document

    from strategy_kit.compute.progress import Figures
    from strategy_kit.compute.timing import Plan
    from strategy_kit.document.model import WorkshopDocument
    from strategy_kit.present.agenda import Options
    from strategy_kit.present.assets import Frame, Image
    from strategy_kit.present.report import Section

#: Document languages as Word writes them.
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


#: Font sizes (pt) of the heading styles added to a template that lacks them.
HEADING_SIZES = {1: 16, 2: 13, 3: 11}


def _xml_text(text: str) -> str:
    """Text as a Word run holds it: the text policy's :func:`~strategy_kit.present.text.clean`.

    A separator becomes a ``\\n``, which python-docx writes as a line break
    (``<w:br/>``); what XML 1.0 cannot hold (C0 and C1 controls, lone
    surrogates, U+FFFE/U+FFFF) is among what the policy drops.
    """
    return clean(text)


class DocxTemplateError(Exception):
    """The ``--docx-template`` file cannot be used as a Word template."""


def _as_document(data: bytes) -> bytes:
    """A ``.dotx`` differs from a ``.docx`` only in its main part's content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "[Content_Types].xml":
                    content = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                target.writestr(item, content)
    return out.getvalue()


def open_base(template: Path | None) -> Document:
    """python-docx's default document, or the user's template with an empty body."""
    docx = require("docx", "DOCX output")
    if template is None:
        from docx.shared import Mm

        document: Document = docx.Document()
        for section in document.sections:  # python-docx's own default is US Letter
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin = section.bottom_margin = Mm(20)
        return document
    try:
        data = template.read_bytes()
    except OSError as exc:
        raise DocxTemplateError(f"{template}: cannot read: {exc.strerror or exc}") from None
    try:
        document = docx.Document(io.BytesIO(_as_document(data)))
    except Exception:  # a foreign file can fail in zipfile, lxml or python-docx alike
        raise DocxTemplateError(
            f"{template}: not a Word document or template (.docx or .dotx)"
        ) from None
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section holds headers, footers, margins
            body.remove(child)
    return document


@dataclass(frozen=True)
class Band:
    """A row across the whole table: a block of the agenda with its goal."""

    title: str
    note: str = ""


class _Writer:
    """Adds headings, paragraphs, lists and tables with the styles the base document has."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.table_style = "Table Grid" if self._has("Table Grid") else None
        self.bullet_style = "List Bullet" if self._has("List Bullet") else None
        for level in HEADING_SIZES:
            self._ensure_heading(level)
        if not self._has("Title"):
            self._add_style("Title", size=24, outline=None)

    def _has(self, name: str) -> bool:
        return name in self.doc.styles

    def _add_style(self, name: str, *, size: int, outline: int | None) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if self._has("Normal"):
            style.base_style = self.doc.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(size)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(size * 0.75)
        if outline is not None:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(outline))
            style.element.get_or_add_pPr().append(level)

    def _ensure_heading(self, level: int) -> None:
        name = f"Heading {level}"
        if not self._has(name):
            self._add_style(name, size=HEADING_SIZES[level], outline=level - 1)

    def title(self, text: str) -> None:
        self.doc.add_paragraph(_xml_text(text), style="Title")

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        paragraph = self.doc.add_paragraph(_xml_text(text), style=f"Heading {level}")
        if new_page:
            paragraph.paragraph_format.page_break_before = True

    def paragraph(
        self, text: str = "", *, label: str = "", italic: bool = False, small: bool = False
    ) -> None:
        from docx.shared import Pt

        paragraph = self.doc.add_paragraph()
        if label:
            paragraph.add_run(_xml_text(f"{label}: ")).bold = True
        run = paragraph.add_run(_xml_text(text))
        run.italic = italic or None
        if small:
            run.font.size = Pt(9)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            if self.bullet_style:
                self.doc.add_paragraph(_xml_text(item), style=self.bullet_style)
            else:
                self.doc.add_paragraph(_xml_text(f"– {item}"))

    def _text_width(self) -> int | None:
        section = self.doc.sections[-1]
        if not (section.page_width and section.left_margin and section.right_margin):
            return None
        return int(section.page_width - section.left_margin - section.right_margin)

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str] | Band],
        *,
        numeric: frozenset[int] = frozenset(),
        key_column: bool = False,
        weights: list[float] | None = None,
    ) -> None:
        """A table whose header row repeats on every page; numbers aligned right.

        ``weights`` share the text width between the columns (Word and
        LibreOffice both honour cell widths); a :class:`Band` spans the table.
        """
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Emu, Pt

        first = header if header is not None else rows[0]
        assert not isinstance(first, Band)
        columns = len(first)
        table = self.doc.add_table(rows=0, cols=columns)
        if self.table_style:
            table.style = self.table_style
        text_width = self._text_width()
        widths = None
        if weights is not None and text_width is not None:
            widths = [Emu(int(text_width * w / sum(weights))) for w in weights]
        if widths is not None:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width  # the grid LibreOffice lays out by
        all_rows = [*([header] if header is not None else []), *rows]
        for index, values in enumerate(all_rows):
            cells = table.add_row().cells
            if isinstance(values, Band):
                merged = cells[0].merge(cells[-1])
                title = merged.paragraphs[0].add_run(_xml_text(values.title))
                title.bold = True
                title.font.size = Pt(9)
                if values.note:
                    note = merged.add_paragraph().add_run(_xml_text(values.note))
                    note.italic = True
                    note.font.size = Pt(9)
                continue
            is_header = header is not None and index == 0
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                if widths is not None:
                    cell.width = widths[column]
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(_xml_text(value))
                run.font.size = Pt(9)
                if is_header or (key_column and column == 0):
                    run.bold = True
                if column in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if is_header:
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                table.rows[0]._tr.get_or_add_trPr().append(repeat)
        self.doc.add_paragraph()


def _properties(document: Document, *, title: str, lang: str, organisation: str) -> None:
    """Title and language; the municipality, never a person, as author (also over a template's)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = document.core_properties
    props.title = one_line(title)
    props.language = LANGUAGE_TAGS[lang]
    props.author = one_line(organisation)
    props.last_modified_by = one_line(organisation)
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    created = build_time().replace(tzinfo=None)
    props.created = created
    props.modified = created
    # The proofing language of all text, so Word checks German spelling in a German report.
    for rpr in document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr"):
        found = rpr.find(qn("w:lang"))
        if found is None:
            found = OxmlElement("w:lang")
            rpr.append(found)
        found.set(qn("w:val"), LANGUAGE_TAGS[lang])


def _save(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- agenda ------------------------------------------------------------------------------


def agenda_docx(plan: Plan, options: Options, template: Path | None = None) -> bytes:
    """The agenda: a heading and one table per day, each day on a page of its own."""
    from strategy_kit.present.agenda import context

    ctx = context(plan, options)
    labels = ctx["labels"]
    workshop = ctx["workshop"]
    document = open_base(template)
    w = _Writer(document)
    heading = f"{labels['agenda']}: {workshop['title']}"
    w.title(heading)
    venue = f" · {labels['venue']}: {workshop['venue']}" if workshop["venue"] else ""
    w.paragraph(
        f"{workshop['municipality']} · {labels['organiser']}: {workshop['organiser']}{venue}"
    )
    for index, day in enumerate(ctx["days"]):
        title = f"{day['date']}: {day['title']}" if day["title"] else day["date"]
        w.heading(title, 1, new_page=index > 0)
        meta = day["time"]
        if day["programme"]:
            meta += f" · {day['programme']}"
        if day["overrun"]:
            meta += (
                f" · {labels['overrun']} {day['overrun']} "
                f"({labels['planned_end']} {day['planned_end']})"
            )
        w.paragraph(meta)
        _agenda_table(w, day, labels)
        w.paragraph(day["totals_line"], small=True)
    _properties(
        document, title=heading, lang=ctx["lang"], organisation=workshop["municipality"]
    )
    return _save(document)


#: The agenda's columns (as in the HTML) and their share of the page width.
AGENDA_COLUMNS = {"time": 3.0, "session": 5.5, "method": 2.5, "lead": 2.4, "track": 1.8}


def _agenda_table(w: _Writer, day: dict[str, Any], labels: dict[str, str]) -> None:
    """A band per block (title, time, goal), then its sessions; unused columns are left out."""
    keys = list(AGENDA_COLUMNS)
    cells: list[list[str] | Band] = []
    for block in day["blocks"]:
        goal = f"{labels['goal']}: {block['goal']}" if block["goal"] else ""
        cells.append(Band(f"{block['title']} ({block['time']})", goal))
        for row in block["rows"]:
            session = row["title"]
            if row["outputs"]:
                session += f"\n{labels['outputs']}: " + "; ".join(row["outputs"])
            lead = row["lead"] + (f" ({labels['absent']})" if row["lead_absent"] else "")
            cells.append([row["time"], session, row["method"], lead, row["track"]])
    sessions = [r for r in cells if not isinstance(r, Band)]
    keep = [i for i, key in enumerate(keys) if key in ("time", "session") or any(r[i] for r in sessions)]
    w.table(
        [labels[keys[i]] for i in keep],
        [r if isinstance(r, Band) else [r[i] for i in keep] for r in cells],
        weights=[AGENDA_COLUMNS[keys[i]] for i in keep],
    )


# -- report ------------------------------------------------------------------------------


def report_docx(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    template: Path | None = None,
    progress: Figures | None = None,
    include_started: bool = False,
    frame: Frame | None = None,
) -> bytes:
    """The results report with the same sections, numbers and privacy as the HTML report.

    ``progress``, ``include_started`` and ``frame`` as in
    :func:`strategy_kit.present.report.build_context`.
    """
    from strategy_kit.present.report import build_context

    ctx = build_context(
        document,
        lang=lang,
        public=public,
        progress=progress,
        include_started=include_started,
        frame=frame,
    )
    t = ctx["t"]
    base = open_base(template)
    w = _Writer(base)
    for section in ctx["sections"]:
        REPORT_WRITERS.get(section.id, _generic)(w, ctx, section)
    cover = ctx["cover"]
    title = f"{t['report']}: {cover['title']} – {cover['municipality']}"
    _properties(base, title=title, lang=ctx["lang"], organisation=cover["municipality"])
    return _save(base)


def _numbered(section: Section) -> str:
    """``1. Zielsetzung und Ablauf``: a chapter's heading as HTML and Markdown show it."""
    return f"{section.number}. {section.title}" if section.number else section.title


def _generic(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    """A chapter without a writer of its own: its heading, then its text or list of texts."""
    w.heading(_numbered(section), 1)
    content = section.content
    if isinstance(content, str):
        w.paragraph(content)
    elif content:
        w.bullets([str(item) for item in content])


def _picture(w: _Writer, image: Image, alt: str, *, width: int | None = None) -> None:
    """An image as its own paragraph, ``width`` EMU wide (the text width by default), with alt text.

    SVG cannot be placed by python-docx; such an image is left out of the Word file.
    """
    if image.mime == "image/svg+xml":
        return
    shape = w.doc.add_picture(io.BytesIO(image.data))
    limit = width or w._text_width()
    if limit is not None and shape.width > limit:
        shape.height = int(shape.height * limit / shape.width)
        shape.width = limit
    shape._inline.docPr.set("descr", _xml_text(alt))
    w.doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _bold(w: _Writer, text: str) -> None:
    """A line in bold that names what follows (a session, a block without content)."""
    w.doc.add_paragraph().add_run(_xml_text(text)).bold = True


def _photos(w: _Writer, photos: list[dict[str, Any]]) -> None:
    for photo in photos:
        _picture(w, photo["image"], photo["alt"])
        w.paragraph(photo["caption"], italic=True, small=True)


def _cover(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    from docx.shared import Mm

    t, cover = ctx["t"], section.content
    if cover["logo"] is not None:
        _picture(w, cover["logo"], cover["logo_alt"], width=Mm(40))
    w.paragraph(f"{t['report']} · {cover['kind']}")
    w.title(cover["title"])
    line = f"{t['as_of']}: {cover['as_of']}"
    line += f" · {t['version']} {cover['version']}" if cover["version"] else ""
    line += f" · {cover['status']}" if cover["status"] else ""
    w.paragraph(line)
    w.paragraph(f"{cover['municipality']} ({cover['state']})", label=t["municipality"])
    if cover["dates"]:
        w.paragraph(cover["dates"], label=t["dates"])
    if cover["venue"]:
        w.paragraph(cover["venue"], label=t["venue"])
    if cover["publisher"]:
        w.paragraph(cover["publisher"], label=t["publisher"])
    w.paragraph(cover["organiser"], label=t["facilitation"])
    if ctx["public"] or ctx["restricted"]:
        w.paragraph(t["public_edition"] if ctx["public"] else t["internal_edition"], italic=True)


def _contents(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    """Nothing: Word builds its table of contents from the headings (a TOC field)."""


def _summary(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, s = ctx["t"], section.content
    w.heading(section.title, 1, new_page=True)  # the cover stands alone
    w.paragraph(s["goal"], italic=True)
    if s["fields"]:
        w.heading(t["fields_of_action"], 2)
        w.paragraph(" · ".join(s["fields"]))
    if s["projects"]:
        w.heading(t["top_projects"], 2)
        header = [t["rank"], t["project"]]
        header += [t["lead"]] if s["lead"] else []
        header += [t["start"]] if s["start"] else []
        rows = [
            [
                str(p["rank"]),
                p["title"],
                *([p["lead"]] if s["lead"] else []),
                *([p["start"]] if s["start"] else []),
            ]
            for p in s["projects"]
        ]
        w.table(header, rows, numeric=frozenset({0}))
    if s["steps"] or s["follow_ups"]:
        w.heading(t["coming_up"], 2)
        w.bullets(
            [
                step["action"]
                + (f" ({step['owner']})" if step["owner"] else "")
                + (f": {step['due']}" if step["due"] else "")
                for step in s["steps"]
            ]
            + [f"{f['date']}: {f['title']}" for f in s["follow_ups"]]
        )


def _imprint(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, i = ctx["t"], section.content
    w.heading(section.title, 1)
    for key, value in (
        ("publisher", i["publisher"]),
        ("contact", i["contact"]),
        ("as_of", i["as_of"]),
        ("version", i["version"]),
        ("doc_status", i["status"]),
        ("facilitation", i["organiser"]),
    ):
        if value:
            w.paragraph(value, label=t[key])
    w.paragraph(i["made_with"], small=True)


def _goal(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, goal = ctx["t"], section.content
    w.heading(_numbered(section), 1, new_page=True)
    w.heading(t["goal"], 2)
    w.paragraph(goal["goal"], italic=True)
    if goal["description"]:
        w.paragraph(goal["description"])
    if goal["days"]:
        w.heading(t["process"], 2)
    for day in goal["days"]:
        for block in day["blocks"]:
            title = f"{day['date']}: {block['title']}" if block["title"] else day["date"]
            if not block["content"]:
                _bold(w, title)
                continue
            w.heading(title, 3)
            if block["goal"]:
                w.paragraph(block["goal"], label=t["block_goal"])
            if block["results"]:
                w.paragraph(label=t["results"])
                w.bullets(block["results"])
            for session in block["sessions"]:
                _bold(w, session["title"])
                if session["outputs"]:
                    w.paragraph("; ".join(session["outputs"]), label=t["outputs"])
                w.bullets(session["results"])
                _photos(w, session["photos"])
            _photos(w, block["photos"])


def _participants(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, p = ctx["t"], section.content
    w.heading(_numbered(section), 1)
    line = str(p["total"])
    if p["facilitators"]:
        people = []
        for f in p["facilitators"]:
            text = f["label"] + (f" ({f['unit']})" if f["unit"] else "")
            people.append(text + (f", {f['email']}" if f["email"] else ""))
        line += f"; {t['fn_facilitator']}: " + ", ".join(people)
    w.paragraph(line, label=t["participants_total"])
    w.heading(t["by_department"], 2)
    w.table(
        [t["department"], t["count"]],
        [[r["name"], str(r["count"])] for r in p["by_department"]],
        numeric=frozenset({1}),
    )
    w.heading(t["by_function"], 2)
    w.table(
        [t["function"], t["count"]],
        [[r["name"], str(r["count"])] for r in p["by_function"]],
        numeric=frozenset({1}),
    )
    if p["several"]:
        w.paragraph(t["several_functions"], small=True)
    w.heading(t["list_of_participants"], 2)
    header = [t["person"], t["unit"]] + ([t["email"]] if p["emails"] else [])
    rows = [
        [r["label"], r["unit"]] + ([r["email"]] if p["emails"] else []) for r in p["people"]
    ]
    if rows:
        w.table(header, rows)
    w.paragraph(t["privacy_note"], small=True)


def _situation(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, s = ctx["t"], section.content
    w.heading(_numbered(section), 1)
    if not s["rows"]:
        w.paragraph(t["no_maturity"], small=True)
        return
    w.paragraph(t["maturity_title"], small=True)
    w.table(
        [t["field"], t["current"], t["target"], t["gap"]],
        [[r["title"], str(r["current"]), str(r["target"]), str(r["gap"])] for r in s["rows"]],
        numeric=frozenset({1, 2, 3}),
    )


def _fields(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, fields = ctx["t"], section.content
    w.heading(_numbered(section), 1)
    for number, field in enumerate(fields, start=1):
        w.heading(f"{section.number}.{number} {field['title']}", 2)
        if field["description"]:
            w.paragraph(field["description"])
        if field["goals"]:
            w.paragraph(label=t["goals"])
            w.bullets(field["goals"])
        if not field["projects"]:
            if not (field["description"] or field["goals"]):
                w.paragraph(t["no_projects"], label=t["projects"])
            continue
        w.paragraph(label=t["projects"])
        w.bullets(
            [
                p["title"] + (f" ({t['rank_short']} {p['rank']})" if p["rank"] else "")
                for p in field["projects"]
            ]
        )


def _parts(t: dict[str, str], parts: list[str], before: str = "") -> str:
    """`` (Teilprojekte: a, b)`` after a project, or ``; Teilprojekte: a, b`` after a reason."""
    if not parts:
        return ""
    text = f"{t['sub_projects']}: {', '.join(parts)}"
    return f"{before} {text}" if before else f" ({text})"


def _ranking(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, r = ctx["t"], section.content
    w.heading(_numbered(section), 1)
    w.paragraph(f"{t['method']} {r['votes_rule']}")
    w.heading(t["criteria"], 2)
    w.table(
        ["", t["criterion"], t["weight"], t["scale"], t["direction"]],
        [
            [c["key"], c["title"], c["weight"], c["scale"], c["direction"]]
            for c in r["columns"] + r["knockout_criteria"]
        ],
        numeric=frozenset({2}),
    )
    w.heading(t["ranking"], 2)
    if r["rows"]:
        keys = [c["key"] for c in r["columns"]]
        rows = [
            [
                str(row["rank"]) + (f" ({t['tie']})" if row["tied"] else ""),
                row["title"] + _parts(t, row["parts"]),
                *(cell["points"] for cell in row["cells"]),
                row["score"],
                *([str(row["votes"])] if r["votes_column"] else []),
                row["priority"],
            ]
            for row in r["rows"]
        ]
        votes = [t["votes"]] if r["votes_column"] else []
        numbers = frozenset({0, *range(2, len(keys) + 3 + len(votes))})
        w.table(
            [t["rank"], t["project"], *keys, t["points"], *votes, t["priority"]],
            rows,
            numeric=numbers,
            weights=[1.3, 4.5, *([1.0] * len(keys)), 1.4, *([1.4] * len(votes)), 1.8],
        )
        notes = [t["columns_rule"]] if r["columns"] else []
        notes += [t["priority_rule"]] if r["derived"] else []
        notes += [r["scope_rule"]] if r["scope_rule"] else []
        if notes:
            w.paragraph(" ".join(notes), small=True)
    else:
        w.paragraph(r["empty"], small=True)
    if r["knocked_out"]:
        w.heading(t["knocked_out"], 2)
        w.bullets(
            [
                f"{k['title']}: " + "; ".join(k["reasons"]) + _parts(t, k["parts"], ";")
                for k in r["knocked_out"]
            ]
        )
    if r["incomplete"]:
        w.heading(t["incomplete"], 2)
        w.bullets(
            [
                f"{k['title']}: {t['missing']} " + ", ".join(k["missing"]) + _parts(t, k["parts"], ";")
                for k in r["incomplete"]
            ]
        )
    if r["apart"]:
        w.heading(t["apart"], 2)
        w.bullets([f"{a['title']} ({a['status']})" + _parts(t, a["parts"], ";") for a in r["apart"]])
    matrix = r["matrix"]
    if matrix:
        w.heading(t["matrix"], 2)
        w.paragraph(
            f"{t['matrix_impact']}: {matrix['impact']}; {t['matrix_effort']}: "
            f"{matrix['effort']}. {t['matrix_rule']}",
            small=True,
        )
        w.table(
            [t["quadrant"], t["projects"]],
            [[q["name"], ", ".join(q["projects"]) or "–"] for q in matrix["quadrants"]],
        )
    if r["serves"]:
        w.heading(t["serves"], 2)
        w.table(
            [t["priority"], t["fields_of_action"]],
            [[s["priority"], ", ".join(s["fields"])] for s in r["serves"]],
        )


def _sheets(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, sheets = ctx["t"], section.content
    w.heading(_numbered(section), 1, new_page=True)
    for index, s in enumerate(sheets):
        w.heading(f"{t['sheet']} {section.number}.{s['number']}: {s['title']}", 2, new_page=index > 0)
        rows: list[list[str]] = []
        if s["rank"]:
            rows.append([t["rank"], f"{s['rank']} ({s['score']} {t['points_unit']})"])
        rows.append([t["fields_of_action"], ", ".join(s["fields"])])
        if s["description"]:
            rows.append([t["description"], s["description"]])
        rows.append([t["sheet_goal"], s["goal"] or t["not_set"]])
        rows.append([t["lead"], s["lead"] or t["not_set"]])
        rows.append([t["stakeholders"], ", ".join(s["stakeholders"]) or t["none"]])
        funding = [f"{t['budget']}: {s['budget']}"] if s["budget"] else []
        funding += ["; ".join(s["sources"])] if s["sources"] else []
        funding += [s["funding_note"]] if s["funding_note"] else []
        rows.append([t["funding"], "\n".join(funding) or t["not_set"]])
        rows.append([t["priority"], s["priority"]])
        rows.append([t["time_frame"], s["time_frame"]])
        rows.append([t["status"], s["status"]])
        w.table(None, rows, key_column=True, weights=[1.0, 2.4])
        w.heading(t["indicators"], 3)
        if s["indicators"]:
            w.table(
                [t["indicator"], t["baseline"], t["indicator_target"], t["actual"], t["due"]],
                [
                    [
                        i["title"] + (f" ({i['unit']})" if i["unit"] else ""),
                        i["baseline"],
                        i["target"],
                        i["actual"],
                        i["due"],
                    ]
                    for i in s["indicators"]
                ],
                numeric=frozenset({1, 2, 3}),
            )
        else:
            w.paragraph(t["not_set"], small=True)
        w.heading(t["next_steps"], 3)
        if s["next_steps"]:
            w.table(
                [t["action"], t["owner"], t["due"], t["status"]],
                [[x["action"], x["owner"], x["due"], x["state"]] for x in s["next_steps"]],
            )
        else:
            w.paragraph(t["not_set"], small=True)
        if s["derived"]:
            w.paragraph(f"* {t['priority_rule']}", small=True)


def _next_steps(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, n = ctx["t"], section.content
    w.heading(_numbered(section), 1, new_page=True)
    if n["steps"]:
        w.heading(t["next_steps"], 2)
        w.table(
            [t["due"], t["action"], t["project"], t["owner"], t["status"]],
            [[s["due"], s["action"], s["project"], s["owner"], s["state"]] for s in n["steps"]],
        )
    if n["follow_ups"]:
        w.heading(t["follow_ups"], 2)
        w.table(
            [t["date"], t["title"], t["audience"]],
            [
                [
                    f["date"],
                    f["title"] + (f"\n{f['description']}" if f["description"] else ""),
                    f["audience"],
                ]
                for f in n["follow_ups"]
            ],
        )


#: The Word layout of each chapter the report has; any other chapter is written generically.
REPORT_WRITERS: dict[str, Callable[[_Writer, dict[str, Any], Section], None]] = {
    "cover": _cover,
    "contents": _contents,
    "summary": _summary,
    "goal": _goal,
    "participants": _participants,
    "situation": _situation,
    "fields": _fields,
    "ranking": _ranking,
    "sheets": _sheets,
    "next_steps": _next_steps,
    "imprint": _imprint,
}
