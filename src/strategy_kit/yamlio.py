"""Safe round-trip YAML: parse with positions, refuse what a workshop file never needs.

ruamel.yaml's round-trip loader keeps comments and gives every mapping and
sequence its line and column, which the validator turns into compiler-style
diagnostics and the editor needs to write the file back unchanged. Before the
loader runs, one pass over the parser's events refuses several documents,
non-standard tags (``!!python/object`` and friends) and alias expansions that
would blow the document up ("billion laughs").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from strategy_kit.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.source import Source

#: Nodes a document may expand to through aliases; a real workshop has a few thousand.
MAX_EXPANDED_NODES = 100_000
#: Nesting a document may have; a workshop nests about eight levels deep.
MAX_DEPTH = 64
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
PathSegment = str | int


def make_yaml() -> Any:
    """A round-trip YAML instance configured the way strategy-kit reads and writes files."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _error(source: Source, line: int, column: int, message: str) -> DiagnosticError:
    return DiagnosticError([Diagnostic(source.name, line + 1, column + 1, "error", "", message)])


def _prescan(yaml: Any, source: Source) -> None:
    """Refuse multiple documents, foreign tags and alias bombs before building anything."""
    from ruamel.yaml import events as ev

    documents = 0
    weights: dict[str, int] = {}
    # Each open collection: [anchor, node count so far]
    stack: list[list[Any]] = []
    total = 0

    def finish(weight: int, anchor: str | None) -> None:
        nonlocal total
        if anchor is not None:
            weights[anchor] = weight
        if stack:
            stack[-1][1] += weight
        total += weight if not stack else 0

    for event in yaml.parse(source.text):
        mark = event.start_mark
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _error(
                    source,
                    mark.line,
                    mark.column,
                    "several YAML documents in one file; a workshop file holds exactly one "
                    "(remove the '---' separator or split the file)",
                )
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in ALLOWED_TAGS:
            raise _error(
                source,
                mark.line,
                mark.column,
                f"tag {str(tag).replace(_CORE, '!!')!r} is not allowed in a workshop file; "
                "remove it",
            )
        if isinstance(event, ev.ScalarEvent):
            finish(1, event.anchor)
        elif isinstance(event, ev.AliasEvent):
            weight = weights.get(event.anchor)
            if weight is None:
                raise _error(
                    source, mark.line, mark.column, f"alias *{event.anchor} refers to itself"
                )
            finish(weight, None)
        elif isinstance(event, ev.CollectionStartEvent):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_DEPTH:
                raise _error(
                    source, mark.line, mark.column, "the document is nested too deeply to be a workshop"
                )
        elif isinstance(event, ev.CollectionEndEvent):
            anchor, weight = stack.pop()
            finish(weight, anchor)
        if sum(entry[1] for entry in stack) + total > MAX_EXPANDED_NODES:
            raise _error(
                source,
                mark.line,
                mark.column,
                f"aliases expand this document beyond {MAX_EXPANDED_NODES} values; "
                "a workshop file never needs that (alias bomb?)",
            )


def _syntax_error(source: Source, exc: Exception) -> DiagnosticError:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    if isinstance(exc, DuplicateKeyError):
        key = problem.split("found duplicate key", 1)[-1].split("with value", 1)[0].strip()
        return _error(source, line, column, f"duplicate key {key}; each key may appear once")
    message = f"YAML syntax: {problem}"
    context = getattr(exc, "context", None)
    if context:
        message += f" ({context})"
    lines = source.text.splitlines()
    if 0 <= line < len(lines) and "\t" in lines[line]:
        message += "; hint: YAML indents with spaces, replace the tab characters"
    return _error(source, line, column, message)


def load_yaml(source: Source) -> Any:
    """Parse ``source`` round-trip; raise :class:`DiagnosticError` for anything unusable."""
    from ruamel.yaml.error import YAMLError

    if not source.text.strip():
        raise _error(source, 0, 0, "the file is empty; a workshop document starts with 'version: 1'")
    yaml = make_yaml()
    try:
        _prescan(yaml, source)
        data = yaml.load(source.text)
    except DiagnosticError:
        raise
    except YAMLError as exc:
        raise _syntax_error(source, exc) from None
    except RecursionError:
        raise _error(source, 0, 0, "the document is nested too deeply to be a workshop") from None
    if data is None:
        raise _error(source, 0, 0, "the file holds no data; a workshop document starts with 'version: 1'")
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(data, CommentedMap):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise DiagnosticError(
            [
                Diagnostic(
                    source.name,
                    1,
                    1,
                    "error",
                    "",
                    f"the top level is {kind}; a workshop document is a mapping of keys "
                    "starting with 'version: 1'",
                )
            ],
            Exit.INVALID,
        )
    return data


def plain(value: Any) -> Any:
    """Round-trip containers and scalar subclasses as plain Python values for validation."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(*value.timetuple()[:6], value.microsecond, value.tzinfo)
    return value


def locate(root: Any, path: Sequence[PathSegment], *, key: bool = False) -> tuple[int, int]:
    """The 1-based (line, column) of ``path`` in a round-trip document.

    Descends only through segments that really are keys or indexes, so extra
    segments (pydantic's union tags) keep the last good position. With ``key``,
    or when pydantic marks a mapping key as the culprit (``[key]``), the
    position of the key is returned instead of its value.
    """
    node = root
    lc = getattr(root, "lc", None)
    line, column = (lc.line or 0, lc.col or 0) if lc is not None else (0, 0)
    segments = list(path)
    for index, segment in enumerate(segments):
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and lc is not None and segment in node:
            at_key = (key and index == len(segments) - 1) or segments[index + 1 : index + 2] == ["[key]"]
            position = lc.key(segment) if at_key else lc.value(segment)
            node = node[segment]
        elif isinstance(node, list) and lc is not None and isinstance(segment, int) and 0 <= segment < len(node):
            position = lc.item(segment)
            node = node[segment]
        elif segment == "[key]":
            continue
        else:
            break
        if position is not None and position[0] is not None:
            line, column = position
    return line + 1, column + 1
