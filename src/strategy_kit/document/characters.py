"""The character classes of the text policy, defined once for every stage.

Text from a workshop file may hold characters nobody sees: separators pasted
from Word or a PDF (vertical tab, form feed, U+2028, U+2029), terminal
escapes, C1 controls, and bidirectional overrides that make a line read
differently from what it holds. Documents keep a separator as a line break
(or a space where the format has none) and drop the rest
(:mod:`strategy_kit.present.text`); diagnostics show the rest escaped
(:func:`escaped`), so the user sees what is in the file.
"""

from __future__ import annotations

import re

#: Line ends: a line break in a multi-line field, a space in a one-line one.
LINE_ENDS = "\n\r\x85"
#: Separators that always mean "a new line": vertical tab, form feed, line and paragraph separator.
SEPARATORS = "\x0b\x0c\u2028\u2029"
#: Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). Right-to-left
#: letters themselves, and the marks U+200E/U+200F, stay.
BIDI = "\u202a-\u202e\u2066-\u2069"
#: Characters no document shows: C0 controls but tab and the line ends and separators above,
#: DEL, C1 controls but NEL, bidi controls, lone surrogates and the noncharacters U+FFFE/U+FFFF
#: (neither UTF-8 nor XML can hold the last two groups).
DROPPED = re.compile(
    f"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{BIDI}\ud800-\udfff\ufffe\uffff]"
)
#: Every break: CR LF counts once, so a Windows line end is one break, not two.
BREAK = re.compile(f"\r\n|[{LINE_ENDS}{SEPARATORS}]")
#: What a diagnostic writes escaped: everything dropped, and every break but a newline, and tab.
_ESCAPED = re.compile(
    f"[\x00-\x09\x0b-\x1f\x7f-\x9f{SEPARATORS[2:]}{BIDI}\ud800-\udfff\ufffe\uffff]"
)


def escaped(text: str) -> str:
    """``text`` with control, separator and bidi characters written as escapes (``\\x1b``, ``\\u202e``).

    For diagnostics, which quote what the user wrote (an unknown key, an id):
    the user sees what is in the file and the terminal obeys none of it.
    """
    return _ESCAPED.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
