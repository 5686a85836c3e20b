"""Hostile strings for every text field, and the checks that prove an output keeps them inert.

One list for every output format: each new format (PDF, DOCX, CSV, ...) runs
:data:`HOSTILE` through its renderer and adds a checker here. The checkers use
real parsers (html5lib, markdown-it-py, icalendar, json), never string search
alone, so "inert" means what a browser, a Markdown renderer or a calendar
would make of the output.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

_EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

#: Markup of every output format, injections, terminal control, bidi, oversize.
HOSTILE: list[str] = [
    # HTML and SVG
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)><foreignObject><body onload=alert(2)></body></foreignObject></svg>",
    "</style><script>alert(3)</script>",
    "</title></textarea><script>alert(4)</script>",
    "<a href=\"javascript:alert(5)\">klick</a>",
    "javascript:alert(6)",
    "<iframe src=\"data:text/html,<script>alert(7)</script>\"></iframe>",
    "' onmouseover='alert(8)",
    "<!-- --><![CDATA[<script>alert(9)</script>]]>",
    # Markdown
    "[klick](javascript:alert(10))",
    "![bild](https://evil.example/x.png)",
    "<https://evil.example/phish>",
    "<javascript:alert(11)>",
    "a | b | c",
    "| --- | --- |",
    "# Überschrift",
    "- Liste",
    "1. Nummer",
    "> Zitat",
    "```\ncode\n```",
    "&lt;script&gt;alert(12)&lt;/script&gt;",
    "&#x3C;script&#x3E;",
    "**fett** _kursiv_ ~~weg~~",
    "[ref]: javascript:alert(13)",
    # iCalendar
    "Titel\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:eingeschleust",
    "Zeile\nDESCRIPTION:falsch",
    "x;y,z\\n:ATTENDEE:mailto:a@b.c",
    "Ä" * 200,
    # Terminal
    "\x1b[31mrot\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\Link\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x9b31m C1-CSI",
    "bell\x07 backspace\x08 del\x7f",
    "\u202eevil\u202c \u2066isolate\u2069 \u200f",
    # Rich markup and templates
    "[bold red]rot[/bold red] [link=https://evil.example]x[/link]",
    "{{ 7 * 7 }} {% raw %} {# c #}",
    "%s %d {0} ${HOME} $(id)",
    # Formulas (CSV exports)
    "=HYPERLINK(\"https://evil.example\",\"x\")",
    "+1+1",
    "@SUM(A1)",
]

#: The same strings as a compact set of needles that must never reach output unescaped.
SCRIPT_MARKERS = ("alert(", "javascript:", "onerror", "onload", "onmouseover")

#: Inline HTML the Markdown templates write themselves (a line break in a table cell).
TEMPLATE_HTML = frozenset({"<br>", "<br/>", "<br />"})

_ESC = re.compile(r"[\x1b\x9b\x07\x08]|[\u202a-\u202e\u2066-\u2069]")


def html_problems(document: str) -> list[str]:
    """Active content a browser would find: script elements, event handlers, script URLs.

    Parsed with html5lib, which builds the tree exactly as a browser does, so
    markup that only looks harmless to a regular expression is caught too.
    """
    import html5lib

    tree = html5lib.parse(document, namespaceHTMLElements=False)
    problems = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1].lower()
        if local in {"script", "iframe", "object", "embed", "foreignobject", "base"}:
            problems.append(f"<{local}> element")
        if local == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            problems.append("meta refresh")
        for name, value in element.attrib.items():
            attribute = name.rsplit("}", 1)[-1].lower()
            if attribute.startswith("on"):
                problems.append(f"{attribute}= on <{local}>")
            if attribute in {"href", "src", "action", "formaction", "xlink:href", "data"} and re.match(
                r"\s*(javascript|vbscript|data):", value, re.IGNORECASE
            ):
                problems.append(f"{attribute}={value!r} on <{local}>")
    return problems


def markdown_problems(document: str) -> list[str]:
    """What GitHub-flavoured rendering of the Markdown would make active, checked as HTML.

    markdown-it-py renders with raw HTML allowed (as GitHub's renderer would
    pass it to its sanitiser), and every link and image target is inspected.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    rendered = md.render(document)
    problems = html_problems(rendered)
    problems += table_problems(document)
    for token in md.parse(document):
        for child in token.children or []:
            if child.type in {"link_open", "image"}:
                target = str(child.attrGet("href") or child.attrGet("src") or "")
                if "evil.example" in target or re.match(r"\s*javascript:", target, re.IGNORECASE):
                    problems.append(f"{child.type} to {target!r}")
            if child.type == "html_inline" and child.content.lower() not in TEMPLATE_HTML:
                problems.append(f"raw HTML {child.content!r}")
        if token.type == "html_block":
            problems.append(f"raw HTML block {token.content[:60]!r}")
    return problems


def table_problems(document: str) -> list[str]:
    """Markdown table rows whose cell count differs from their header's: a ``|`` in a cell broke out.

    Renderers silently drop surplus cells, so this reads the Markdown source:
    each run of lines starting with ``|`` is one table.
    """
    problems = []
    widths: list[int] = []
    for line in [*document.splitlines(), ""]:
        if line.startswith("|"):
            widths.append(len(re.findall(r"(?<!\\)\|", line)))
        elif widths:
            if any(w != widths[0] for w in widths):
                problems.append(f"table rows of {sorted(set(widths))} separators")
            widths = []
    return problems


def ics_events(data: bytes) -> list[Any]:
    """The VEVENTs a calendar reads from the file (icalendar, strict about structure)."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def ics_problems(data: bytes) -> list[str]:
    """Lines longer than RFC 5545's 75 octets, bare CR/LF, properties a title smuggled in."""
    problems = []
    if re.search(rb"\r(?!\n)|(?<!\r)\n", data):
        problems.append("a line break that is not CRLF")
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"unfolded line of {len(line)} octets")
        if line.startswith((b"SUMMARY:eingeschleust", b"DESCRIPTION:falsch", b"ATTENDEE")):
            problems.append(f"injected property {line[:40]!r}")
    return problems


def json_problems(text: str) -> list[str]:
    try:
        json.loads(text)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    return []


def terminal_problems(text: str) -> list[str]:
    """Escape and control sequences that would reach a terminal: ESC, CSI, BEL, BS, bidi."""
    return [f"{m.group()!r} at {m.start()}" for m in _ESC.finditer(text)]


#: PDF keys that run code, open other programs or files, or act on opening.
_PDF_ACTIVE = frozenset(
    {"/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA", "/EmbeddedFiles", "/EmbeddedFile",
     "/SubmitForm", "/ImportData", "/RichMedia", "/XFA", "/GoToR", "/GoToE"}
)


def pdf_problems(data: bytes) -> list[str]:
    """Active content anywhere in a PDF's object graph, as pypdf reads it (streams decoded)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(__import__("io").BytesIO(data))
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    pending: list[Any] = [reader.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in _PDF_ACTIVE:
                    problems.append(f"PDF key {name}")
                if name == "/URI" and str(value).lower().lstrip().startswith(("javascript:", "file:")):
                    problems.append(f"PDF link {value}")
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return problems


def docx_problems(data: bytes) -> list[str]:
    """Macros, embedded objects, external links and field codes that fetch or run things."""
    import io
    import zipfile

    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for name in names:
            lowered = name.lower()
            if lowered.endswith(("vbaproject.bin", ".bin")) or "activex" in lowered or "embeddings/" in lowered:
                problems.append(f"DOCX part {name}")
        types = archive.read("[Content_Types].xml").decode("utf-8")
        if "macroEnabled" in types:
            problems.append("DOCX content type: macro-enabled")
        for name in names:
            if not name.endswith((".xml", ".rels")):
                continue
            xml = archive.read(name).decode("utf-8", "replace")
            if name.endswith(".rels") and 'TargetMode="External"' in xml:
                problems.append(f"DOCX external relationship in {name}")
            for code in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>|w:instr=\"([^\"]*)\"", xml):
                field = "".join(code).strip().upper()
                if field.startswith(("INCLUDE", "DDE", "HYPERLINK", "LINK", "IMPORT", "MACROBUTTON")):
                    problems.append(f"DOCX field {field[:40]} in {name}")
    return problems


_NUMBER = re.compile(r"-?\d+(?:,\d+)?")


def csv_problems(text: str, delimiter: str) -> list[str]:
    """Cells a spreadsheet would read as a formula: starting with = + - @, a tab or a CR."""
    import csv
    import io

    problems: list[str] = []
    for row_number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter), 1):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell):
                problems.append(f"row {row_number}: formula cell {cell[:30]!r}")
    return problems


#: Keys whose values are free text a person typed (never ids, dates or enums).
TEXT_KEYS = {
    "name", "title", "role", "organiser", "venue", "goal", "description", "method", "outputs", "results",
    "audience", "stakeholders", "note", "action", "unit", "organisation", "track", "email",
}


def hostile_document(offset: int = 0) -> dict[str, Any]:
    """Telgte with every text value replaced by the next hostile string."""
    from strategy_kit.files.source import decode
    from strategy_kit.files.yamlio import load_yaml, plain

    data = plain(load_yaml(decode((_EXAMPLES / "telgte.yaml").read_bytes(), "telgte.yaml")))
    strings = itertools.cycle(HOSTILE[offset:] + HOSTILE[:offset])

    def walk(value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if key in TEXT_KEYS and isinstance(value, str):
            return next(strings) if key != "email" else "a@example.org"
        return value

    return walk(data)


def write(doc: dict[str, Any], path: Path) -> Path:
    # ASCII-only JSON is YAML whose escapes ruamel reads back exactly (C1 controls, bidi, ESC).
    path.write_text(json.dumps(doc, ensure_ascii=True, indent=1, default=str), encoding="utf-8")
    return path
