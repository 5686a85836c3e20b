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

Without a template the look is the PDF's (:data:`~strategy_kit.present.theme.THEME`):
Arial, headings in the accent colour, tables with shaded header rows and light
rules, the municipality and the title in the running header, "Seite X von Y"
as Word fields in the footer (not on the report's cover), and a table of
contents that Word fills when it opens the report.

Every table column is at least as wide as its longest word
(:mod:`strategy_kit.present.metrics`), because Word and LibreOffice break a
word that does not fit anywhere, without a hyphen; the document's language is
set on its styles and automatic hyphenation is on, so Word hyphenates long
German words where a column is narrow.

The charts are pictures rendered from the same SVG as the HTML
(:mod:`strategy_kit.present.raster`), with their data as alt text and their
caption under them.
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
from strategy_kit.present.labels import label
from strategy_kit.present.metrics import column_widths, longest_line, longest_word
from strategy_kit.present.text import clean, one_line
from strategy_kit.present.theme import THEME, Theme

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph

    from strategy_kit.compute.implementation import Implementation
    from strategy_kit.compute.progress import Figures
    from strategy_kit.compute.rollup import Rollup
    from strategy_kit.compute.timing import Plan
    from strategy_kit.document.model import StrategyDocument, WorkshopDocument
    from strategy_kit.present.agenda import Options
    from strategy_kit.present.assets import Frame, Image
    from strategy_kit.present.report import Section

#: Document languages as Word writes them.
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


#: Font sizes (pt) of the heading styles added to a template that lacks them.
HEADING_SIZES = {1: 16, 2: 13, 3: 11}

#: A table cell's padding left plus right (Table Grid's 108 twips each side), and a
#: little air, in points: what a column needs besides its text.
CELL_PADDING = 2 * 5.4 + 2.0

#: A space no line breaks at: a date cell's "30. September 2019" stays one line.
NBSP = "\u00a0"


def _whole(text: str) -> str:
    """A date or quarter for a table cell, its spaces non-breaking (the HTML's ``.date``)."""
    return text.replace(" ", NBSP)

#: The table of contents: the chapters, headings of level 1 as the PDF's contents list
#: them (``\o``), as links (``\h``), no page numbers in web view (``\z``), outline
#: levels too (``\u``).
TOC_FIELD = 'TOC \\o "1-1" \\h \\z \\u'


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


def open_base(template: Path | None, theme: Theme = THEME) -> Document:
    """python-docx's default document styled with ``theme`` (``report.style``), or the user's template with an empty body."""
    docx = require("docx", "DOCX output")
    if template is None:
        from docx.shared import Mm

        document: Document = docx.Document()
        for section in document.sections:  # python-docx's own default is US Letter
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin = section.bottom_margin = Mm(20)
            section.header_distance = section.footer_distance = Mm(10)
        _apply_theme(document, theme)
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


def _child(parent: BaseOxmlElement, tag: str, *successors: str) -> BaseOxmlElement:
    """``parent``'s ``tag`` child, added before the first of ``successors`` if missing.

    The schema fixes the order of children (ECMA-376 part 1); a strict validator
    rejects a ``w:settings`` or ``w:rPr`` whose children are out of order.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


#: What follows ``w:rFonts``, ``w:color`` and ``w:sz`` in a ``w:rPr`` (ECMA-376 §17.3.2.28).
_RPR_AFTER_FONTS = ("w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
                    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
                    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
                    "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                    "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip
_RPR_AFTER_LANG = _RPR_AFTER_FONTS[_RPR_AFTER_FONTS.index("w:lang") + 1 :]


def _set_font(rpr: BaseOxmlElement, font: str) -> None:
    """``font`` for every script, replacing the theme's fonts (which would win over it)."""
    from docx.oxml.ns import qn

    fonts = _child(rpr, "w:rFonts", *_RPR_AFTER_FONTS)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)


def _set_lang(rpr: BaseOxmlElement, tag: str) -> None:
    from docx.oxml.ns import qn

    _child(rpr, "w:lang", *_RPR_AFTER_LANG).set(qn("w:val"), tag)


def _border(edge: str, colour: str, eighths: int, space: int = 0) -> BaseOxmlElement:
    """A ``w:top``/``w:bottom``/… border: a single line of ``eighths`` eighths of a point."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    line = OxmlElement(f"w:{edge}")
    for name, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space)),
                        ("color", colour)):  # fmt: skip
        line.set(qn(f"w:{name}"), value)
    return line


def _apply_theme(document: Document, theme: Theme = THEME) -> None:
    """python-docx's default styles made to look like the PDF (a user's template keeps its own).

    Arial for every script and style, ink-coloured text, headings in the accent
    colour (level 1 over a rule, as the HTML's chapter headings), Table Grid
    with light rules and a shaded header row.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    rpr = styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr")[0]
    _set_font(rpr, theme.font)
    for fonts in styles.element.iter(qn("w:rFonts")):  # Title, headings, table styles
        _set_font(fonts.getparent(), theme.font)  # name the theme's fonts, which would win
    normal = styles["Normal"]
    normal.font.size = Pt(theme.body_pt)
    normal.font.color.rgb = RGBColor.from_string(theme.hex(theme.ink))
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.2
    accent = RGBColor.from_string(theme.hex(theme.accent))
    muted = RGBColor.from_string(theme.hex(theme.muted))
    for level, size in enumerate(theme.heading_pt, start=1):
        heading = styles[f"Heading {level}"]
        heading.font.size = Pt(size)
        heading.font.color.rgb = accent
        heading.font.bold = True
        heading.paragraph_format.space_before = Pt(size * 1.1)
        heading.paragraph_format.space_after = Pt(size * 0.35)
    rule = styles["Heading 1"].element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_border("bottom", theme.hex(theme.accent), 12, space=1))
    rule.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing",
                               "w:ind", "w:jc", "w:outlineLvl")  # fmt: skip
    title = styles["Title"]
    title.font.size = Pt(theme.title_pt)
    title.font.color.rgb = accent
    for line in title.element.xpath("./w:pPr/w:pBdr/*"):
        line.set(qn("w:color"), theme.hex(theme.accent))
        for name in ("themeColor", "themeShade", "themeTint"):
            line.attrib.pop(qn(f"w:{name}"), None)
    caption = styles["Caption"]
    caption.font.bold = False
    caption.font.size = Pt(theme.small_pt)
    caption.font.color.rgb = muted
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(theme.margin_pt)
        styles[name].font.color.rgb = muted
        for tab in styles[name].element.xpath("./w:pPr/w:tabs"):
            tab.getparent().remove(tab)  # US Letter's tab stops; the paragraphs set their own
    grid = styles["Table Grid"].element
    for line in grid.xpath("./w:tblPr/w:tblBorders/*"):
        line.set(qn("w:color"), theme.hex(theme.line))
    header_row = OxmlElement("w:tblStylePr")
    header_row.set(qn("w:type"), "firstRow")
    tcpr = OxmlElement("w:tcPr")
    shading = OxmlElement("w:shd")
    for name, value in (("val", "clear"), ("color", "auto"), ("fill", theme.hex(theme.soft))):
        shading.set(qn(f"w:{name}"), value)
    tcpr.append(shading)
    header_row.append(tcpr)
    grid.append(header_row)


def _language_and_settings(document: Document, lang: str, *, update_fields: bool) -> None:
    """The language on the styles (spelling and Word's hyphenation), hyphenation on.

    ``w:updateFields`` makes Word fill the table of contents when it opens the file.
    """
    from docx.oxml.ns import qn

    tag = LANGUAGE_TAGS[lang]
    for rpr in document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr"):
        _set_lang(rpr, tag)
    for style in document.styles:
        rpr = style.element.find(qn("w:rPr"))
        if style.name == "Normal" or (rpr is not None and rpr.find(qn("w:lang")) is not None):
            _set_lang(style.element.get_or_add_rPr(), tag)
    settings = document.settings.element
    hyphenate = _child(settings, "w:autoHyphenation", *_SETTINGS_AFTER_HYPHENATION)
    hyphenate.attrib.pop(qn("w:val"), None)  # on: the valueless form, as Word writes it
    if update_fields:
        update = _child(settings, "w:updateFields", *_SETTINGS_AFTER_UPDATE)
        update.set(qn("w:val"), "true")
    for theme_lang in settings.findall(qn("w:themeFontLang")):
        theme_lang.set(qn("w:val"), tag)


#: What follows ``w:updateFields`` in ``w:settings`` (ECMA-376 §17.15.1.78).
_SETTINGS_AFTER_UPDATE = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
                          "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                          "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                          "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                          "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                          "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                          "w:listSeparator")  # fmt: skip
#: What follows ``w:autoHyphenation``.
_SETTINGS_AFTER_HYPHENATION = ("w:consecutiveHyphenLimit", "w:hyphenationZone",
                               "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
                               "w:clickAndTypeStyle", "w:defaultTableStyle",
                               "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
                               "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
                               "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
                               "w:displayHorizontalDrawingGridEvery",
                               "w:displayVerticalDrawingGridEvery",
                               "w:doNotUseMarginsForDrawingGridOrigin",
                               "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
                               "w:doNotShadeFormData", "w:noPunctuationKerning",
                               "w:characterSpacingControl", "w:printTwoOnOne",
                               "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
                               "w:noLineBreaksBefore", "w:savePreviewPicture",
                               "w:doNotValidateAgainstSchema", "w:saveInvalidXml",
                               "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
                               "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly",
                               "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
                               "w:alwaysMergeEmptyNamespace", "w:updateFields",
                               *_SETTINGS_AFTER_UPDATE)  # fmt: skip


def _field_runs(instruction: str, shown: str = "") -> list[BaseOxmlElement]:
    """The runs of a complex field: ``w:fldChar`` begin, ``w:instrText``, separate, result, end.

    Word recomputes such a field (``PAGE``, ``NUMPAGES``, ``PAGEREF``, ``TOC``);
    ``shown`` is its result until it does.
    """
    return [*_field_start(instruction), *_runs(shown), _field_mark("end")]


def _field_mark(kind: str) -> BaseOxmlElement:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run, mark = OxmlElement("w:r"), OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    run.append(mark)
    return run


def _field_start(instruction: str) -> list[BaseOxmlElement]:
    """A field's begin, instruction and separator: its result and end may follow later."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run, code = OxmlElement("w:r"), OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run.append(code)
    return [_field_mark("begin"), run, _field_mark("separate")]


def _runs(text: str) -> list[BaseOxmlElement]:
    """A plain run of ``text``; none if it is empty."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    runs = []
    if text:
        run, content = OxmlElement("w:r"), OxmlElement("w:t")
        content.set(qn("xml:space"), "preserve")
        content.text = _xml_text(text)
        run.append(content)
        runs.append(run)
    return runs


def _field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A complex field at the end of ``paragraph`` (see :func:`_field_runs`)."""
    for run in _field_runs(instruction, shown):
        paragraph._p.append(run)


def _running(
    document: Document, *, municipality: str, title: str, lang: str, cover: bool, mark: str = ""
) -> None:
    """Municipality and title in the header, "Seite X von Y" in the footer, as in the PDF.

    A header or footer a corporate template brings is kept. ``cover``: the first
    page (the report's cover) gets an empty header and footer. ``mark`` (the
    internal edition's "Interne Fassung – nicht zur Veröffentlichung") heads
    every page, the cover too, template or not.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

    section = document.sections[0]
    width = _text_width(document)
    header, footer = section.header, section.footer
    if cover:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
    if not _has_content(header):
        paragraph = header.paragraphs[0]
        if "Header" in document.styles:
            paragraph.style = document.styles["Header"]
        paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(_xml_text(one_line(municipality)))
        paragraph.add_run("\t" + _xml_text(one_line(title)))
    if not _has_content(footer):
        paragraph = footer.paragraphs[0]
        if "Footer" in document.styles:
            paragraph.style = document.styles["Footer"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(label("pdf.page", lang))
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(label("pdf.of", lang))
        _field(paragraph, "NUMPAGES", "1")
    if mark:
        for part in (header, section.first_page_header) if cover else (header,):
            stamp = part.add_paragraph()
            stamp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = stamp.add_run(_xml_text(mark))
            run.bold = True


def _has_content(part: Any) -> bool:
    """Whether a header or footer of a template shows anything (text, a field, a picture)."""
    if part.is_linked_to_previous:
        return False
    return any(
        p.text.strip() or p._p.xpath(".//w:fldChar|.//w:fldSimple|.//w:drawing")
        for p in part.paragraphs
    ) or bool(part.tables)


def _style_properties(style_id: str) -> BaseOxmlElement:
    """A ``w:pPr`` that sets the paragraph style ``style_id``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties, style = OxmlElement("w:pPr"), OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    properties.append(style)
    return properties


def _text_width(document: Document) -> int:
    """The width between the margins in EMU (A4 less 2 × 20 mm if a template sets none)."""
    from docx.shared import Mm

    section = document.sections[-1]
    if section.page_width and section.left_margin is not None and section.right_margin is not None:
        return int(section.page_width - section.left_margin - section.right_margin)
    return int(Mm(170))


@dataclass(frozen=True)
class Band:
    """A row across the whole table: a block of the agenda with its goal."""

    title: str
    note: str = ""


class _Writer:
    """Adds headings, paragraphs, lists and tables with the styles the base document has."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        #: The table of contents' paragraph, once written, and the headings it lists.
        self.toc: Paragraph | None = None
        self.entries: list[tuple[int, str, str]] = []
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
        """A Heading 1-3, kept with what follows; a chapter (level 1) after :meth:`contents` is bookmarked for its entry there.

        ``keep_with_next`` is set on the paragraph itself, not only in the
        style: a corporate template's heading style may lack it.
        """
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        paragraph = self.doc.add_paragraph(_xml_text(text), style=f"Heading {level}")
        paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        if self.toc is not None and level == 1:
            number = len(self.entries) + 1
            name = f"_Toc{number}"
            self.entries.append((level, one_line(text), name))
            begin, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
            begin.set(qn("w:id"), str(number))
            begin.set(qn("w:name"), name)
            end.set(qn("w:id"), str(number))
            runs = paragraph._p.r_lst
            if runs:
                runs[0].addprevious(begin)
            else:
                paragraph._p.append(begin)
            paragraph._p.append(end)

    def paragraph(
        self,
        text: str = "",
        *,
        label: str = "",
        italic: bool = False,
        small: bool = False,
        keep: bool = False,
    ) -> None:
        """A paragraph, its ``label`` bold in front; ``keep`` holds it on the next one's page."""
        from docx.shared import Pt

        paragraph = self.doc.add_paragraph()
        if label:
            paragraph.add_run(_xml_text(f"{label}: ")).bold = True
        if keep or (label and not text):  # "Ziele:" stays on the page of its list
            paragraph.paragraph_format.keep_with_next = True
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

    def caption(self, text: str) -> None:
        """A caption under a picture: Word's Caption style, or a small paragraph."""
        if self._has("Caption"):
            self.doc.add_paragraph(_xml_text(text), style="Caption")
        else:
            self.paragraph(text, small=True)

    def chart(self, svg: str, *, caption: str, description: str) -> None:
        """The chart as a PNG from the same SVG, as wide as in the HTML, its caption under it.

        ``description`` (what the chart shows, in words and numbers) becomes the
        picture's alt text (``wp:docPr/@descr``) for screen readers.
        """
        from docx.shared import Emu, Pt

        from strategy_kit.present.raster import svg_size, svg_to_png

        width_px, _ = svg_size(svg)
        width = min(_text_width(self.doc), int(Pt(width_px * 0.75)))  # a CSS pixel is 0.75 pt
        self.doc.add_picture(io.BytesIO(svg_to_png(svg)), width=Emu(width))
        picture = self.doc.paragraphs[-1]
        picture.paragraph_format.keep_with_next = True
        for properties in picture._p.xpath(".//wp:docPr"):
            properties.set("descr", one_line(description))
            properties.set("title", one_line(caption))
        self.caption(caption)

    def contents(self, heading: str) -> None:
        """A table of contents on a page of its own: a ``TOC`` field; see :meth:`finish`."""
        if not self._has("TOC Heading"):
            self._add_style("TOC Heading", size=HEADING_SIZES[1], outline=None)
        title = self.doc.add_paragraph(_xml_text(heading), style="TOC Heading")
        title.paragraph_format.page_break_before = True
        self.toc = self.doc.add_paragraph()

    def finish(self) -> None:
        """The table of contents' entries as the field's result until Word rebuilds it.

        Word rebuilds the field with page numbers when it opens the file
        (``w:updateFields``). LibreOffice shows the result as written (its
        "Update index" rebuilds it), so the entries are the headings, each a link
        to a bookmark on its heading, without page numbers: a ``PAGEREF`` inside
        the result would stay empty there.
        """
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if self.toc is None:
            return
        start = self.toc._p
        if not self.entries:
            for run in _field_runs(TOC_FIELD):
                start.append(run)
            return
        anchor = start
        for index, (level, text, name) in enumerate(self.entries):
            self._ensure_toc_style(level)
            paragraph = start if index == 0 else OxmlElement("w:p")
            if index:
                anchor.addnext(paragraph)
                anchor = paragraph
            paragraph.insert(0, _style_properties(f"TOC{level}"))
            if index == 0:
                for run in _field_start(TOC_FIELD):
                    paragraph.append(run)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            for run in _runs(text):
                link.append(run)
            paragraph.append(link)
        end = OxmlElement("w:p")
        end.append(_field_mark("end"))
        anchor.addnext(end)

    def _ensure_toc_style(self, level: int) -> None:
        """Word's built-in ``toc 1``..``toc 3``: indented by level, page numbers on dot leaders."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Pt

        name = f"toc {level}"
        if self._has(name):
            return
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", f"TOC{level}"
        )
        if self._has("Normal"):
            style.base_style = self.doc.styles["Normal"]
        style.paragraph_format.left_indent = Pt(12 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        style.font.bold = level == 1 or None
        style.paragraph_format.tab_stops.add_tab_stop(
            _text_width(self.doc), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str] | Band],
        *,
        numeric: frozenset[int] = frozenset(),
        key_column: bool = False,
        weights: list[float] | None = None,
        nowrap: frozenset[int] = frozenset(),
        upward: frozenset[int] = frozenset(),
        keep: bool = False,
        then: bool = False,
        total: bool = False,
    ) -> None:
        """A table whose header row repeats on every page; numbers aligned right.

        ``total``: the last row is a sum, bold as the HTML's ``tfoot``.

        ``keep`` holds the whole table on one page (every row's paragraphs kept
        with the next row; a row never splits anyway); ``then`` keeps its last
        row with the paragraph after the table too (a sheet's note).

        Every column is at least as wide as its longest word, a ``nowrap``
        column as its longest line (the HTML agenda's times)
        (:func:`~strategy_kit.present.metrics.column_widths`); ``weights`` share
        the rest of the text width, else the columns' longest lines do. Word
        and LibreOffice both honour cell widths; a :class:`Band` spans the table.
        The header of an ``upward`` column is to be written upwards by the
        caller, so its words do not widen the column.
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
        if header is None:  # no header row for the table style to shade
            for look in table._tbl.xpath("./w:tblPr/w:tblLook"):
                look.set(qn("w:firstRow"), "0")
                look.set(qn("w:val"), "0480")
        size = THEME.small_pt
        all_rows = [*([header] if header is not None else []), *rows]
        lines = [r for r in all_rows if not isinstance(r, Band)]

        def bold(row: int, column: int) -> bool:
            return (header is not None and row == 0) or (key_column and column == 0) or (total and row == len(lines) - 1)

        natural = [
            CELL_PADDING + max(longest_line(r[c], size, bold=bold(i, c)) for i, r in enumerate(lines))
            for c in range(columns)
        ]
        minimum = [
            natural[c] if c in nowrap else CELL_PADDING
            + max(
                longest_word(r[c], size, bold=bold(i, c))
                for i, r in enumerate(lines)
                if not (c in upward and header is not None and i == 0)
            )
            for c in range(columns)
        ]
        available = _text_width(self.doc) / Pt(1)
        widths = [
            Emu(int(Pt(w)))
            for w in column_widths(minimum, natural, available, weights)
        ]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid LibreOffice lays out by
        for index, values in enumerate(all_rows):
            cells = table.add_row().cells
            if isinstance(values, Band):
                merged = cells[0].merge(cells[-1])
                title = merged.paragraphs[0].add_run(_xml_text(values.title))
                title.bold = True
                title.font.size = Pt(size)
                if values.note:
                    note = merged.add_paragraph().add_run(_xml_text(values.note))
                    note.italic = True
                    note.font.size = Pt(size)
                for paragraph in merged.paragraphs:  # the band stays with its first session
                    paragraph.paragraph_format.space_after = Pt(0)
                    paragraph.paragraph_format.keep_with_next = True
                continue
            is_header = header is not None and index == 0
            # A row never splits across pages (the PDF's ``tr { break-inside: avoid }``).
            cells[0]._tc.getparent().get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            last = index == len(all_rows) - 1
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                cell.width = widths[column]
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                if (keep and not last) or then:
                    paragraph.paragraph_format.keep_with_next = True
                run = paragraph.add_run(_xml_text(value))
                run.font.size = Pt(size)
                if is_header or (key_column and column == 0) or (total and last):
                    run.bold = True
                if column in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if is_header:
                # Valueless, as Word writes it: strict validators reject w:val="true".
                table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        spacer = self.doc.add_paragraph()
        if then:
            spacer.paragraph_format.keep_with_next = True


def _properties(document: Document, *, title: str, lang: str, organisation: str) -> None:
    """Title and language; the municipality, never a person, as author (also over a template's)."""
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
    edition = f" · {labels['facilitator_edition']}" if ctx["edition"] == "facilitator" else ""
    w.paragraph(
        f"{workshop['municipality']} · {labels['organiser']}: {workshop['organiser']}"
        f"{venue}{edition}"
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
        if day["totals_line"]:
            w.paragraph(day["totals_line"], small=True)
    _properties(
        document, title=heading, lang=ctx["lang"], organisation=workshop["municipality"]
    )
    _language_and_settings(document, ctx["lang"], update_fields=False)
    _running(
        document,
        municipality=workshop["municipality"],
        title=workshop["title"],
        lang=ctx["lang"],
        cover=False,
    )
    return _save(document)


def _agenda_table(w: _Writer, day: dict[str, Any], labels: dict[str, str]) -> None:
    """A band per block (title, time, goal), then its sessions; the day's columns and
    widths are the HTML's (:func:`strategy_kit.present.agenda.widths`), so a column
    without content that day is left out and no name is broken.
    """
    keys = day["columns"]
    cells: list[list[str] | Band] = []
    for block in day["blocks"]:
        goal = f"{labels['goal']}: {block['goal']}" if block["goal"] else ""
        if not block["repeats_day"]:
            cells.append(Band(f"{block['title']} ({block['time']})", goal))
        elif goal:
            cells.append(Band(goal))
        for row in block["rows"]:
            session = row["title"]
            if row["outputs"]:
                session += f"\n{labels['outputs']}: " + "; ".join(row["outputs"])
            lead = row["lead"] + (f" ({labels['absent']})" if row["lead_absent"] else "")
            values = {"time": row["time"], "session": session, "method": row["method"]}
            values.update(lead=lead, track=row["track"])
            cells.append([values[key] for key in keys])
    w.table(
        [labels[key] for key in keys],
        cells,
        weights=[float(day["widths"][key]) for key in keys],
        nowrap=frozenset({keys.index("time")}) if "time" in keys else frozenset(),  # "10:00–10:15 Uhr"
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
    strategy: StrategyDocument | None = None,
    frame: Frame | None = None,
) -> bytes:
    """The results report with the same sections, numbers and privacy as the HTML report.

    ``progress``, ``include_started``, ``strategy`` and ``frame`` as in
    :func:`strategy_kit.present.report.build_context`.
    """
    from strategy_kit.present.report import build_context

    ctx = build_context(
        document,
        lang=lang,
        public=public,
        progress=progress,
        include_started=include_started,
        strategy=strategy,
        frame=frame,
    )
    t = ctx["t"]
    from strategy_kit.present.theme import theme_for

    base = open_base(template, theme_for(document.report.style if document.report else None))
    w = _Writer(base)
    for section in ctx["sections"]:
        REPORT_WRITERS.get(section.id, _generic)(w, ctx, section)
    w.finish()
    cover = ctx["cover"]
    title = f"{t['report']}: {cover['title']} – {cover['municipality']}"
    _properties(base, title=title, lang=ctx["lang"], organisation=cover["municipality"])
    _language_and_settings(base, ctx["lang"], update_fields=True)
    _running(
        base,
        municipality=cover["municipality"],
        title=cover["title"],
        lang=ctx["lang"],
        cover=True,
        mark="" if ctx["public"] else t["internal_mark"],
    )
    return _save(base)


def chart_description(svg: str) -> str:
    """A chart's alt text: the SVG's own ``<desc>``, which states the data (present/charts.py).

    The same words the HTML and the PDF's ``/Alt`` give; an SVG without one
    (never one of ours) falls back to its ``<title>``.
    """
    import re
    from html import unescape

    for tag in ("desc", "title"):
        found = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", svg, re.DOTALL)
        if found:
            return unescape(found.group(1)).strip()
    return ""


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

    An SVG (a logo) is placed as a PNG drawn from it, as the charts are.
    """
    data = image.data
    if image.mime == "image/svg+xml":
        from strategy_kit.present.raster import svg_to_png_within

        data = svg_to_png_within(image.data.decode("utf-8"), image.width, image.height)
    shape = w.doc.add_picture(io.BytesIO(data))
    limit = width or _text_width(w.doc)
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
    """A ``TOC`` field on a page of its own: Word fills in the page numbers (see ``_Writer.finish``)."""
    w.contents(section.title)


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
                *([_whole(p["start"])] if s["start"] else []),
            ]
            for p in s["projects"]
        ]
        start = frozenset({len(header) - 1}) if s["start"] else frozenset()
        w.table(header, rows, numeric=frozenset({0}), nowrap=start)
    if s["coming"]:
        w.heading(t["coming_up"], 2)
        w.bullets(
            [
                (f"{c['date']}: " if c["date"] else "")
                + c["text"]
                + (f" ({c['owner']})" if c["owner"] else "")
                for c in s["coming"]
            ]
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
                w.paragraph(block["goal"], label=t["block_goal"], keep=True)
            if block["results"]:
                w.paragraph(label=t["results"])
                w.bullets(block["results"])
            for session in block["sessions"]:
                _bold(w, session["title"])
                if session["purpose"]:
                    w.paragraph(session["purpose"], label=t["purpose"], keep=True)
                if session["results"]:
                    w.paragraph(label=t["results"])
                    w.bullets(session["results"])
                _photos(w, session["photos"])
            _photos(w, block["photos"])


def _participants(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, p = ctx["t"], section.content
    w.heading(_numbered(section), 1)
    line = str(p["total"])
    for f in p["facilitation"]:
        line += f"; {f['role']}: {f['text']}" if f["text"] else f"; {f['role']}"
    w.paragraph(line, label=t["participants_total"])
    w.heading(t["by_department"], 2)
    w.table(
        [t["department"], t["count"]],
        [[r["name"], str(r["count"])] for r in p["by_department"]],
        numeric=frozenset({1}),
    )
    if p["by_function"]:
        w.heading(t["by_function"], 2)
        w.table(
            [t["function"], t["count"]],
            [[r["name"], str(r["count"])] for r in p["by_function"]],
            numeric=frozenset({1}),
        )
    if p["several"]:
        w.paragraph(t["several_functions"], small=True)
    if not p["people"]:  # the public edition: counts only, no one listed
        if ctx["public"]:
            w.paragraph(t["public_participants_note"], small=True)
        return
    w.heading(t["list_of_participants"], 2)
    header = [p["who"], t["unit"]] + ([t["email"]] if p["emails"] else [])
    none = t["none"]
    rows = [
        [r["label"], r["unit"] or none] + ([r["email"] or none] if p["emails"] else [])
        for r in p["people"]
    ]
    w.table(header, rows)
    w.paragraph(t["privacy_note"], small=True)


def _situation(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, s = ctx["t"], section.content
    w.heading(_numbered(section), 1)
    if not s["rows"]:
        w.paragraph(t["no_maturity"], small=True)
        return
    if s["svg"]:
        w.chart(s["svg"], caption=t["maturity_title"], description=chart_description(s["svg"]))
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
    criteria = r["columns"] + r["knockout_criteria"]
    if criteria:
        w.heading(t["criteria"], 2)
        w.table(
            [t["criterion_key"], t["criterion"], t["weight"], t["scale"], t["direction"]],
            [[c["key"], c["title"], c["weight"], c["scale"], c["direction"]] for c in criteria],
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
        if matrix["svg"]:
            w.chart(
                matrix["svg"],
                caption=matrix["caption"],
                description=chart_description(matrix["svg"]),
            )
        w.table(
            [t["quadrant"], t["projects"]],
            [[q["name"], ", ".join(q["projects"]) or t["q_empty"]] for q in matrix["quadrants"]],
        )
    if r["serves"]:
        w.heading(t["serves"], 2)
        w.table(
            [t["priority"], t["fields_of_action"]],
            [[s["priority"], ", ".join(s["fields"])] for s in r["serves"]],
        )


@dataclass(frozen=True)
class _Part:
    """One table of a measure sheet: its heading (none for the rows), header, cells, layout."""

    heading: str | None
    header: list[str] | None
    cells: list[list[str]]
    weights: list[float] | None = None
    numeric: frozenset[int] = frozenset()
    nowrap: frozenset[int] = frozenset()


def _sheet_parts(t: dict[str, str], s: dict[str, Any]) -> list[_Part]:
    """A sheet's tables in the HTML's order, the rows from the list the HTML reads (``s["rows"]``)."""
    none = t["none"]
    parts = []
    rows = [[r["label"], "\n".join(line for line in r["lines"] if line)] for r in s["rows"]]
    # The period's dates, as the HTML's .date cell: "2. Quartal 2019 – 4. Quartal 2020" on one line.
    rows = [[key, _whole(value) if key == t["period"] else value] for key, value in rows]
    if rows:
        parts.append(_Part(None, None, rows, weights=[1.0, 2.4]))
    if s["milestones"]:
        reached = bool(s["reached"])
        parts.append(
            _Part(
                t["milestones"],
                [t["date"], t["milestone"], *([t["reached"]] if reached else [])],
                [[_whole(m["date"]), m["title"], *([m["state"]] if reached else [])] for m in s["milestones"]],
                weights=[1.0, 2.4, 0.6] if reached else [1.0, 3.0],
                nowrap=frozenset({0}),
            )
        )
    if s["indicators"]:
        # (key, label): the columns "Istwert" and "Fällig" only when one has a value.
        columns = [("baseline", "baseline"), ("target", "indicator_target")]
        columns += [("actual", "actual")] if s["measured"] else []
        columns += [("due", "due")] if s["dated"] else []
        parts.append(
            _Part(
                t["indicators"],
                [t["indicator"], *(t[name] for _, name in columns)],
                [
                    [i["title"] + (f" ({i['unit']})" if i["unit"] else "")]
                    + [_whole(i[key]) if key == "due" else i[key] for key, _ in columns]
                    for i in s["indicators"]
                ],
                numeric=frozenset(n for n, (key, _) in enumerate(columns, 1) if key != "due"),
                nowrap=frozenset(n for n, (key, _) in enumerate(columns, 1) if key == "due"),
            )
        )
    if s["next_steps"]:
        parts.append(
            _Part(
                t["next_steps"],
                [t["action"], t["owner"], t["due"], t["status"]],
                [[x["action"], x["owner"] or none, _whole(x["due"]) or none, x["state"]] for x in s["next_steps"]],
                nowrap=frozenset({2}),
            )
        )
    return parts


def _sheets(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    """Each sheet on a page of its own; each table kept on one page with its heading.

    The last table keeps with the priority's note under it, so a sheet too long
    for one page breaks between its parts, never inside one or after a heading.
    """
    t, sheets = ctx["t"], section.content
    w.heading(_numbered(section), 1, new_page=True)
    for index, s in enumerate(sheets):
        w.heading(f"{t['sheet']} {section.number}.{s['number']}: {s['title']}", 2, new_page=index > 0)
        parts = _sheet_parts(t, s)
        for number, part in enumerate(parts, start=1):
            if part.heading is not None:
                w.heading(part.heading, 3)
            w.table(
                part.header,
                part.cells,
                key_column=part.header is None,
                weights=part.weights,
                numeric=part.numeric,
                nowrap=part.nowrap,
                keep=True,
                then=s["derived"] and number == len(parts),
            )
        if s["derived"]:
            w.paragraph(f"* {t['priority_rule']}", small=True)


def _roadmap(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    """The plan as the HTML shows it: the same SVG as a picture, then the milestones' table.

    No table of the chart's bars: the PDF has none, and the picture's alt text states them.
    """
    t, roadmap = ctx["t"], section.content
    w.heading(_numbered(section), 1, new_page=True)
    if roadmap["svg"]:
        caption = t["roadmap_first_field"] if roadmap["several"] else section.title
        w.chart(str(roadmap["svg"]), caption=caption, description=chart_description(str(roadmap["svg"])))
    if roadmap["undated"]:
        w.paragraph(f"{t['roadmap_undated']}: {', '.join(roadmap['undated'])}", small=True)
    if roadmap["milestones"]:
        # The chart's diamonds by date, named: the same table as in HTML, PDF and Markdown.
        w.heading(t["milestones"], 2)
        reached = [t["reached"]] if roadmap["reached"] else []
        w.table(
            [t["date"], t["measure"], t["milestone"], *reached],
            [
                [_whole(m["date"]), m["measure"], m["title"], *([m["state"]] if reached else [])]
                for m in roadmap["milestones"]
            ],
            weights=[1.0, 2.1, 2.6, *([0.6] if reached else [])],
            nowrap=frozenset({0}),
        )


def _next_steps(w: _Writer, ctx: dict[str, Any], section: Section) -> None:
    t, n = ctx["t"], section.content
    none = t["none"]
    w.heading(_numbered(section), 1, new_page=True)
    if n["steps"]:
        w.heading(t["next_steps"], 2)
        w.table(
            [t["due"], t["action"], t["project"], t["owner"], t["status"]],
            [
                [_whole(s["due"]) or none, s["action"], s["project"], s["owner"] or none, s["state"]]
                for s in n["steps"]
            ],
            nowrap=frozenset({0}),
        )
    if n["follow_ups"]:
        w.heading(t["follow_ups"], 2)
        w.table(
            [t["date"], t["title"], t["audience"]],
            [
                [
                    _whole(f["date"]),
                    f["title"] + (f"\n{f['description']}" if f["description"] else ""),
                    f["audience"] or none,
                ]
                for f in n["follow_ups"]
            ],
            nowrap=frozenset({0}),
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
    "roadmap": _roadmap,
    "sheets": _sheets,
    "next_steps": _next_steps,
    "imprint": _imprint,
}


# -- status ------------------------------------------------------------------------------


def status_docx(result: Rollup, lang: str = "de", template: Path | None = None) -> bytes:
    """The status page as Word: the same view as the HTML (:func:`strategy_kit.present.rollup.context`).

    A traffic light is its symbol in its colour and its word, so it reads in
    black and white too.
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, RGBColor

    from strategy_kit.present.rollup import context

    ctx = context(result, lang)
    labels, lights = ctx["L"], ctx["T"]
    base = open_base(template)
    w = _Writer(base)
    title = ctx["strategy"] or labels("title")
    if ctx["municipality"]:
        w.paragraph(ctx["municipality"])
    w.title(title)
    w.paragraph(
        f"{labels('implementation')} · {labels('as_of')}: {ctx['today']} · "
        f"{labels('overall')}: {ctx['overall']}"
    )
    if ctx["vision"]:
        w.paragraph(ctx["vision"], label=labels("vision"))
    w.paragraph(ctx["overall_note"], small=True)
    w.heading(labels("by_field"), 1)
    mark = "¹" if ctx["sum_notes"] else ""
    w.table(
        [labels("field"), *ctx["statuses"], labels("total"), labels("counted"), labels("progress")],
        [
            *(
                [row["title"], *map(str, row["counts"]), str(row["total"]), str(row["counted"]), row["progress"]]
                for row in ctx["rows"]
            ),
            [
                labels("total") + mark,
                *map(str, ctx["status_counts"]),
                str(ctx["total"]),
                ctx["counted"],
                ctx["overall"],
            ],
        ],
        numeric=frozenset(range(1, len(ctx["statuses"]) + 4)),
        upward=frozenset(range(1, len(ctx["statuses"]) + 4)),
        key_column=True,
        weights=[4.6, *[1.0] * len(ctx["statuses"]), 1.0, 1.0, 2.6],
    )
    matrix = base.tables[-1]
    # Eleven columns on A4 portrait: upright headers and narrow cell margins, so no word breaks.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "45")  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    matrix._tbl.tblPr.append(margins)
    header = matrix.rows[0]
    header.height = Mm(22)  # status names written upwards, as council tables do
    header.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    for cell in header.cells[1:]:
        direction = OxmlElement("w:textDirection")
        direction.set(qn("w:val"), "btLr")
        cell._tc.get_or_add_tcPr().append(direction)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    for total_cell in matrix.rows[-1].cells:
        for run in total_cell.paragraphs[0].runs:
            run.bold = True
    if ctx["sum_notes"]:
        w.paragraph(f"¹ {' '.join(ctx['sum_notes'])}", small=True)
    w.heading(labels("portfolio"), 1)
    w.paragraph(f"{lights('summary')}: {ctx['lights_summary']}.")
    rows = []
    for p in result.projects:
        lamp = ctx["light"](p)
        shown = f"{lamp['symbol']} {lamp['word']}".strip()
        if lamp["note"]:
            shown += f"\n{lamp['note']}"
        rows.append(
            [
                ("↳ " if p.parent else "") + p.title,
                ctx["status_label"](p.status),
                shown,
                ctx["weight"](p),
                ctx["pct"](p.progress),
            ]
        )
    w.table(
        [labels("project"), labels("status"), lights("title"), labels("weight"), labels("progress")],
        rows,
        numeric=frozenset({3, 4}),
        weights=[4.2, 2.0, 3.6, 1.3, 1.8],
    )
    # Colour each light's symbol: the table's third column, below the header row.
    table = base.tables[-1]
    for row, p in zip(table.rows[1:], result.projects, strict=True):
        paragraph = row.cells[2].paragraphs[0]
        text_run = paragraph.runs[0]
        symbol, _, rest = text_run.text.partition(" ")
        text_run.text = f" {rest}" if rest else ""
        symbol_run = paragraph.add_run(symbol)
        symbol_run.font.color.rgb = RGBColor.from_string(ctx["light"](p)["colour"].lstrip("#"))
        symbol_run.font.size = text_run.font.size
        text_run._r.addprevious(symbol_run._r)  # the symbol first
    w.paragraph(f"{lights('title')}: {ctx['traffic_rule']}", small=True)
    w.heading(labels("overdue"), 1)
    if result.overdue:
        w.table(
            [labels("due"), labels("project"), labels("action"), labels("owner"), labels("days")],
            [[ctx["date"](o.due), o.title, o.action, o.owner, ctx["count"](o.days)] for o in result.overdue],
            numeric=frozenset({4}),
            weights=[2.2, 2.9, 3.2, 2.9, 1.9],
        )
    else:
        w.paragraph(labels("none_overdue"))
    w.heading(labels("workshops"), 1)
    w.bullets([f"{ctx['date'](when)}: {name}" for _, name, when in result.workshops])
    if result.since is not None:
        w.heading(f"{labels('changes')} {ctx['since']}", 1)
        if ctx["changes"]:
            w.bullets(ctx["changes"])
        else:
            w.paragraph(labels("no_changes"))
    heading = f"{labels('implementation')}: {title}"
    _properties(base, title=heading, lang=lang, organisation=ctx["municipality"])
    _language_and_settings(base, lang, update_fields=False)
    # Municipality and strategy in the header, "Seite X von Y" in the footer, like the report.
    _running(
        base,
        municipality=ctx["municipality"] or "",
        title=title,
        lang=lang,
        cover=False,
        mark=ctx["internal_mark"],
    )
    return _save(base)


def implementation_docx(result: Implementation, lang: str = "de", *, internal: bool = False) -> bytes:
    """The implementation report as Word: the chapters, numbers and charts of the HTML
    (:func:`strategy_kit.present.implementation.context`), a cover page and a contents field."""
    from strategy_kit.present.implementation import context
    from strategy_kit.present.theme import theme_for

    ctx = context(result, lang, internal=internal)
    t, cover = ctx["t"], ctx["cover"]
    strategy = result.strategy_file
    base = open_base(None, theme_for(strategy.report.style if strategy is not None and strategy.report else None))
    w = _Writer(base)
    if cover["logo"] is not None:
        from docx.shared import Mm

        _picture(w, cover["logo"], cover["logo_alt"], width=Mm(40))
    if cover["municipality"]:
        w.paragraph(cover["municipality"])
    w.title(cover["title"])
    w.paragraph(f"{t['period']} {cover['period']}", label="")
    base.paragraphs[-1].runs[0].bold = True
    line = cover["as_of"]
    line += f" · {t['version']} {cover['version']}" if cover["version"] else ""
    line += f" · {cover['status']}" if cover["status"] else ""
    w.paragraph(line, label=t["as_of"])
    if cover["publisher"]:
        w.paragraph(cover["publisher"], label=t["publisher"])
    if cover["contact"]:
        w.paragraph(cover["contact"], label=t["contact"])
    if cover["edition"]:
        w.paragraph(cover["edition"], italic=True)
    w.contents(t["contents"])
    for section in ctx["sections"]:
        if section["id"] == "sheets":  # the workshop report's sheets, each on a page of its own
            from strategy_kit.present.report import Section

            annex = Section("sheets", section["number"], section["title"], ctx["sheets"])
            _sheets(w, {"t": ctx["sheet_t"]}, annex)
            continue
        w.heading(f"{section['number']}. {section['title']}", 1, new_page=section["number"] == 1)
        _IMPLEMENTATION_WRITERS[section["id"]](w, ctx)
    w.finish()
    _properties(base, title=cover["title"], lang=lang, organisation=cover["municipality"])
    _language_and_settings(base, lang, update_fields=True)
    _running(
        base,
        municipality=cover["municipality"],
        title=cover["title"],
        lang=lang,
        cover=True,
        mark=ctx["internal_mark"],
    )
    return _save(base)


def _i_summary(w: _Writer, ctx: dict[str, Any]) -> None:
    t, s = ctx["t"], ctx["summary"]
    items = [
        f"{t['measures']}: {s['measures']}"
        + (f" ({s['lights']})" if s["lights"] else "")
        + (f", {s['sub_measures']}" if s["sub_measures"] else "")
    ]
    items.append(f"{t['overall']}: {s['progress']}")
    if s["budget"]:
        items.append(f"{s['budget_title']}: {s['budget']}")
    if s["changes"]:
        items.append(f"{t['changes']}: {s['changes']}")
    w.bullets(items)


def _i_goals(w: _Writer, ctx: dict[str, Any]) -> None:
    t, goals = ctx["t"], ctx["goals"]
    if goals["vision"]:
        w.paragraph(goals["vision"], label=t["vision"])
    if goals["rows"]:
        w.table(
            [t["goal"], t["due"], t["goal_measures"], t["progress"], t["state"]],
            [[g["title"], g["due"], g["measures"], g["progress"], g["state"]] for g in goals["rows"]],
            numeric=frozenset({2, 3}),
            nowrap=frozenset({1}),
            weights=[4.5, 2.2, 1.8, 1.5, 1.8],
        )


def _i_fields(w: _Writer, ctx: dict[str, Any]) -> None:
    from docx.shared import RGBColor

    t = ctx["t"]
    heads = [f"{h['symbol']} {h['word']}" for h in ctx["light_heads"]]
    w.table(
        [t["field"], *heads, t["progress"]],
        [[f["title"], *(str(light["n"]) for light in f["lights"]), f["progress"]] for f in ctx["fields"]],
        numeric=frozenset(range(1, len(heads) + 2)),
        key_column=True,
    )
    # Each column's symbol in its colour (the header cells hold "● im Plan" as one run).
    header = w.doc.tables[-1].rows[0]
    for cell, head in zip(header.cells[1 : len(heads) + 1], ctx["light_heads"], strict=True):
        run = cell.paragraphs[0].runs[0]
        run.text = _xml_text(f" {head['word']}")
        symbol = cell.paragraphs[0].add_run(head["symbol"])
        symbol.bold, symbol.font.size = True, run.font.size
        symbol.font.color.rgb = RGBColor.from_string(head["colour"].lstrip("#"))
        run._r.addprevious(symbol._r)
    w.paragraph(ctx["fields_note"], small=True)
    w.paragraph(f"{t['lights']}: {ctx['traffic_rule']}", small=True)


def _i_measures(w: _Writer, ctx: dict[str, Any]) -> None:
    from docx.shared import RGBColor

    t = ctx["t"]
    for m in ctx["measures"]:
        w.heading(("↳ " if m["sub"] else "") + m["title"], 2)
        # The light's symbol in its colour, as in the PDF: "■" alone would not read as red.
        paragraph = w.doc.add_paragraph()
        paragraph.add_run(_xml_text(f"{t['status']}: {m['status']} · {t['progress']}: {m['progress']} · {t['lights']}: "))
        symbol = paragraph.add_run(m["light"]["symbol"])
        symbol.font.color.rgb = RGBColor.from_string(m["light"]["colour"].lstrip("#"))
        rest = f" {m['light']['word']}" + (f" ({m['light']['reason']})" if m["light"]["reason"] else "")
        paragraph.add_run(_xml_text(rest))
        for key in ("reached", "missed"):
            if m[key]:
                w.paragraph(label=t[key])
                w.bullets([f"{r['date']}: {r['title']}" for r in m[key]])
        if m["indicators"]:  # after the milestones, as in the PDF
            w.heading(t["indicators"], 3)
        for i in m["indicators"]:
            if i["chart"]:
                w.chart(i["chart"], caption=f"{t['indicator']}: {i['title']}", description=chart_description(i["chart"]))
            w.table(
                [t["indicator"], t["baseline"], t["target"], t["actual"], t["due"]],
                [[i["title"], i["baseline"], i["target"], i["actual"], i["due"]]],
                numeric=frozenset({1, 2, 3}),
                nowrap=frozenset({4}),
            )
        if m["budget"]:
            w.paragraph(f"{ctx['summary']['budget_title']}: {m['budget']}")


def _i_finances(w: _Writer, ctx: dict[str, Any]) -> None:
    """The budget's tables as the HTML has them, the total under the measures."""
    t, f = ctx["t"], ctx["finances"]
    parts = [
        (t["by_measure"], t["measure"], f["measures"]),
        (t["by_field"], t["field"], f["fields"]),
        (t["by_year"], t["year"], f["years"]),
        (t["by_source"], t["source"], f["sources"]),
    ]
    for number, (title, head, rows) in enumerate(parts):
        if not rows:
            continue
        w.heading(title, 2)
        cells = [[r["title"], r["planned"], r["spent"], r["share"]] for r in rows]
        if number == 0:
            total = f["total"]
            cells.append([total["title"], total["planned"], total["spent"], total["share"]])
        w.table(
            [head, t["col_planned"], t["col_spent"], t["col_share"]],
            cells,
            numeric=frozenset({1, 2, 3}),
            nowrap=frozenset({1, 2, 3}),
            key_column=True,
            weights=[4.0, 1.8, 1.8, 1.5],
            keep=True,
            total=number == 0,
        )
    w.paragraph(f["note"], small=True)


def _i_changes(w: _Writer, ctx: dict[str, Any]) -> None:
    t = ctx["t"]
    if ctx["history"]:
        w.paragraph(ctx["history"])
    elif ctx["changes"]:
        w.table(
            [t["date"], t["measure"], t["change"]],
            [[c["day"], c["title"], c["text"]] for c in ctx["changes"]],
            nowrap=frozenset({0}),
            weights=[2.2, 3.5, 5.0],
        )
    else:
        w.paragraph(t["no_changes"])
    for line in ctx["skipped"]:
        w.paragraph(line, small=True)


def _i_overdue(w: _Writer, ctx: dict[str, Any]) -> None:
    t = ctx["t"]
    w.table(
        [t["due"], t["measure"], t["action"], t["owner"], t["days"]],
        [[o["due"], o["title"], o["action"], o["owner"], o["days"]] for o in ctx["overdue"]],
        numeric=frozenset({4}),
        nowrap=frozenset({0}),
        weights=[2.2, 2.9, 3.2, 2.9, 1.9],
    )


_IMPLEMENTATION_WRITERS = {
    "summary": _i_summary,
    "goals": _i_goals,
    "fields": _i_fields,
    "measures": _i_measures,
    "finances": _i_finances,
    "changes": _i_changes,
    "overdue": _i_overdue,
}
