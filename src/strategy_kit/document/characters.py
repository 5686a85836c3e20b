"""The character classes of the text policy, defined once for every stage.

Text from a workshop file may hold characters nobody sees: separators pasted
from Word or a PDF (vertical tab, form feed, U+2028, U+2029), terminal
escapes, C1 controls, and bidirectional overrides that make a line read
differently from what it holds. Documents keep a separator as a line break
(or a space where the format has none) and drop the rest
(:mod:`strategy_kit.present.text`); diagnostics show the rest escaped
(:func:`escaped`), so the user sees what is in the file. JSON, data for other
tools, keeps every value exactly and writes the same characters as ``\\u``
escapes (:func:`json_text`), so a file printed in a terminal drives nothing.
"""

from __future__ import annotations

import json
import re

#: Line ends: a line break in a multi-line field, a space in a one-line one.
LINE_ENDS = "\n\r\x85"
#: Separators that always mean "a new line": vertical tab, form feed, line and paragraph separator.
SEPARATORS = "\x0b\x0c\u2028\u2029"
#: Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). Right-to-left
#: letters themselves, and the marks U+200E/U+200F, stay.
BIDI = "\u202a-\u202e\u2066-\u2069"
#: Noncharacters (U+FDD0-U+FDEF and the last two code points of every plane): never text,
#: and a parse error in HTML.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
#: Characters no document shows: C0 controls but tab and the line ends and separators above,
#: DEL, C1 controls but NEL, bidi controls, lone surrogates and noncharacters (neither UTF-8,
#: XML nor HTML can hold the last two groups).
DROPPED = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{BIDI}\ud800-\udfff{NONCHARACTERS}]")
#: Every break: CR LF counts once, so a Windows line end is one break, not two.
BREAK = re.compile(f"\r\n|[{LINE_ENDS}{SEPARATORS}]")
#: What a diagnostic writes escaped: everything dropped, and every break but a newline, and tab.
_ESCAPED = re.compile(
    f"[\x00-\x09\x0b-\x1f\x7f-\x9f{SEPARATORS[2:]}{BIDI}\ud800-\udfff{NONCHARACTERS}]"
)


def escaped(text: str) -> str:
    """``text`` with control, separator and bidi characters written as escapes (``\\x1b``, ``\\u202e``).

    For diagnostics, which quote what the user wrote (an unknown key, an id):
    the user sees what is in the file and the terminal obeys none of it.
    """
    return _ESCAPED.sub(_escape, text)


#: What JSON may hold raw but :func:`json_text` escapes (json.dumps escapes C0 controls itself).
_JSON_RAW = re.compile(f"[\x7f-\x9f{SEPARATORS[2:]}{BIDI}\ud800-\udfff{NONCHARACTERS}]")


def json_text(data: object) -> str:
    """``data`` as indented JSON (UTF-8 text, no trailing newline), invisible characters escaped.

    Lossless: a JSON parser reads back exactly the values given, so tools get
    what the file holds. C1 controls, DEL, U+2028/U+2029, bidi controls, lone
    surrogates and noncharacters are written as ``\\u`` escapes (a surrogate
    pair beyond U+FFFF), so printing the file cannot recolour or reorder a terminal.
    """
    return _JSON_RAW.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=2))


def _json_escape(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # ASCII-only: \u escapes, surrogate pairs beyond the BMP


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
