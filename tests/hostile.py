"""Hostile strings for every text field, and the checks that prove an output keeps them inert.

One list for every output format: each new format (PDF, DOCX, CSV, ...) runs
:data:`HOSTILE` through its renderer and adds a checker here. The checkers use
real parsers (html5lib, markdown-it-py, icalendar, json), never string search
alone, so "inert" means what a browser, a Markdown renderer or a calendar
would make of the output.
"""

from __future__ import annotations

import json
import re
from typing import Any

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
