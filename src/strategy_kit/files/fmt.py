"""The canonical layout of a workshop file, keeping every comment.

Canonical means: top-level keys in the order of the format (version,
municipality, workshop, departments, ...), mappings indented by two spaces,
list items by two spaces with their content at four (as in the examples),
the file's own line endings and BOM.

Directives (``%YAML 1.2``), the document start ``---`` with everything
above it, and the document end ``...`` with everything below it are kept as
written; only the document between them is laid out.

Reordering is done on the text, a top-level key moving together with the
comment lines directly above it, because ruamel.yaml attaches such comments
to the *previous* key and would move them to the wrong section. Indentation
is then done by a ruamel.yaml round-trip dump. The result is verified before
anyone writes it: the same data, the same comments, and formatting it again
changes nothing.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.document.model import STRATEGY_TOP_LEVEL_ORDER, TOP_LEVEL_ORDER
from strategy_kit.files.source import Source, decode
from strategy_kit.files.yamlio import iter_comments, load_yaml, make_yaml, plain


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def canonical_keys(keys: list[str]) -> list[str]:
    """Top-level keys in the format's order; unknown keys last, in their order.

    A strategy file (it has ``kind``, which workshop files do not) follows the
    strategy format's order.
    """
    order = STRATEGY_TOP_LEVEL_ORDER if "kind" in keys else TOP_LEVEL_ORDER
    rank = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))


def reorder(text: str) -> str:
    """Top-level sections in canonical order; ``text`` unchanged when already in order.

    ``text`` uses ``\\n`` line endings. A section takes along the column-0
    comment lines directly above its key; the comments before the first key
    (the file's header) stay on top.
    """
    root = make_yaml().compose(text)
    if root is None or getattr(root, "flow_style", False) or not root.value:
        return text
    keys = [str(key.value) for key, _ in root.value]
    wanted = canonical_keys(keys)
    if wanted == keys:
        return text
    starts = []
    for position, (key, _) in enumerate(root.value):
        start = _line_start(text, int(key.start_mark.index))
        if position > 0:
            while start > 0:
                above = _line_start(text, start - 1)
                if not text[above:start].startswith("#"):
                    break
                start = above
        starts.append(start)
    preamble = text[: starts[0]]
    chunks = {}
    for position, key in enumerate(keys):
        end = starts[position + 1] if position + 1 < len(starts) else len(text)
        chunks[key] = text[starts[position] : end].rstrip("\n") + "\n"
    return preamble + "\n".join(chunks[key] for key in wanted)


_MARKERS = re.compile(r"^(?:%|---|\.\.\.)", re.MULTILINE)


def split_document(text: str) -> tuple[str, str, str]:
    """(head, body, tail) of a one-document text with ``\n`` line endings.

    The head runs to the end of the explicit document start line (``---``,
    with the directives and comments above it), the tail from the explicit
    document end line (``...``) to the end of the text. Both are empty
    without markers (YAML 1.2, section 9.1: a bare document). A ``---``
    followed by content on its line keeps the marker on a line of its own.
    """
    if not _MARKERS.search(text):
        return "", text, ""
    from ruamel.yaml.events import DocumentEndEvent, DocumentStartEvent

    start = end = None
    for event in make_yaml().parse(text):
        if isinstance(event, DocumentStartEvent) and event.explicit:
            start = int(event.end_mark.index)
        elif isinstance(event, DocumentEndEvent):
            if event.explicit:
                end = int(event.start_mark.index)
            break
    head, body_start = "", 0
    if start is not None:
        newline = text.find("\n", start)
        line_end = len(text) if newline < 0 else newline + 1
        rest = text[start:line_end].strip()
        if not rest or rest.startswith("#"):
            head, body_start = text[:line_end], line_end
        else:
            head, body_start = text[:start] + "\n", start
    tail, body_end = "", len(text)
    if end is not None:
        body_end = _line_start(text, end)
        tail = text[body_end:]
    if head and not head.endswith("\n"):
        head += "\n"
    return head, text[body_start:body_end].lstrip(" \t") if start is not None else text[:body_end], tail


def dump(data: Any) -> str:
    """``data`` as YAML in the canonical indentation (what ``fmt`` writes)."""
    yaml = make_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _keep_anchors(data: Any) -> None:
    """Mark every anchor for dumping: ruamel.yaml writes an unused ``&name`` only when told."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        anchor = getattr(node, "anchor", None)
        if anchor is not None and getattr(anchor, "value", None):
            anchor.always_dump = True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _reload(text: str, name: str, original: str = "") -> Any:
    """``text`` parsed again; a layout that no longer parses is refused, never a crash.

    Reordering sections can put an alias before its anchor (``workshop: {title: *tt}``
    after ``projects`` defined ``&tt``): YAML 1.2 (7.1) defines an alias only after its
    anchor, so the file is left as the user wrote it.
    """
    from ruamel.yaml.error import YAMLError

    try:
        return make_yaml().load(text)
    except YAMLError as error:
        problem = str(getattr(error, "problem", "") or error)
        alias = re.search(r"undefined alias '([^']*)'", problem)
        message = (
            f"cannot put the sections in order: '*{alias.group(1)}' would come before its "
            f"anchor '&{alias.group(1)}'; left as is"
            if alias
            else "cannot format this file without changing it; left as is"
        )
        line = column = 1
        used = re.search(r"\*" + re.escape(alias.group(1)) + r"(?![^\s,\]\}])", original) if alias else None
        if used:  # point at the alias as the user wrote it
            line = original.count("\n", 0, used.start()) + 1
            column = used.start() - (original.rfind("\n", 0, used.start()) + 1) + 1
        raise DiagnosticError([Diagnostic(name, line, column, "error", "", message)], Exit.INVALID) from None


def format_source(source: Source) -> str:
    """The canonical text of ``source`` (without BOM, with its line endings).

    Raises :class:`DiagnosticError` when the file does not parse, or, as a
    safety net, when the layout would lose data or a comment.
    """
    original = load_yaml(source)
    text = source.text.replace("\r\n", "\n")
    head, body, tail = split_document(text)
    keys = [str(k) for k in original]
    if canonical_keys(keys) == keys and "\r" not in source.text and not head and not tail:
        data = original
    else:
        data = _reload(reorder(body), source.name, text)
    _keep_anchors(data)
    result = head + dump(data) + tail
    again = _reload(result, source.name, text)
    if plain(again) != plain(original) or Counter(iter_comments(again)) != Counter(iter_comments(original)):
        raise DiagnosticError(
            [Diagnostic(source.name, 1, 1, "error", "", "cannot format this file without changing it; left as is")],
            Exit.INVALID,
        )
    if source.newline == "\r\n":
        result = result.replace("\n", "\r\n")
    return result


def format_text(text: str, name: str = "<text>") -> str:
    """:func:`format_source` for text in memory."""
    return format_source(decode(text.encode("utf-8"), name))
