"""Safe round-trip YAML: parse with positions, refuse what a workshop file never needs.

ruamel.yaml's round-trip loader keeps comments and gives every mapping and
sequence its line and column, which the validator turns into compiler-style
diagnostics and the editor needs to write the file back unchanged. Before the
loader constructs anything, a check of the composed node graph refuses
non-standard tags (``!!python/object`` and friends) and alias expansions that
would blow the document up ("billion laughs").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.files.source import Source

#: Values aliases may add to a document beyond those written in it; a real
#: workshop's few merge keys add a handful.
MAX_EXPANDED_NODES = 100_000
#: Nesting a document may have; a workshop nests about eight levels deep.
MAX_DEPTH = 64
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
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


def _error(source: Source, line: int, column: int, message: str, path: str = "") -> DiagnosticError:
    return DiagnosticError([Diagnostic(source.name, line + 1, column + 1, "error", path, message)])


class _Refused(Exception):
    """A node the loader will not build; carries the 0-based mark, the reason and, if known, its path."""

    def __init__(self, mark: Any, message: str, path: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.path = mark.line, mark.column, message, path


def thousands_written(value: Any) -> int | None:
    """The whole number a person meant by a decimal YAML read from ``40.000``, or ``None``.

    German writes thousands with a dot; YAML reads ``40.000`` as forty. A
    round-trip float remembers how it was written: one to three digits, a dot,
    exactly three digits, no sign or exponent is taken as thousands.
    """
    from ruamel.yaml.scalarfloat import ScalarFloat

    if not isinstance(value, ScalarFloat) or getattr(value, "_exp", None) or getattr(value, "_m_sign", False):
        return None
    width, point = getattr(value, "_width", None), getattr(value, "_prec", None)
    if not isinstance(width, int) or not isinstance(point, int) or getattr(value, "_m_lead0", None):
        return None
    if 1 <= point <= 3 and width - point - 1 == 3 and value >= 1:
        return round(float(value) * 1000)
    return None


def written_scalar(text: str, line: int, column: int) -> str | None:
    """The plain scalar the file's ``text`` holds at 1-based ``line`` and ``column``, as written.

    What a person typed (``1.10``) once YAML has made a number of it (``1.1``);
    ``None`` when the position holds no plain scalar (a quoted value, a collection).
    """
    import re

    lines = text.splitlines()
    if not 1 <= line <= len(lines) or column < 1:
        return None
    match = re.match(r"[^\s,\[\]{}#'\"][^\s,\[\]{}#]*(?:[ \t]+[^\s,\[\]{}#]+)*", lines[line - 1][column - 1 :])
    return match.group(0) if match else None


def _impossible_date(text: str) -> str:
    """What is wrong with a timestamp YAML matched that is no day (``2019-02-30``, ``0000-01-01``)."""
    import re

    from strategy_kit.document.periods import calendar_problem

    match = re.match(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    if match is None:  # pragma: no cover - YAML's timestamp pattern starts so
        return f"{text!r} is not a valid date"
    year, month, day = (int(part) for part in match.groups())
    return calendar_problem(text, year, month, day)


def _node_path(root: Any, target: Any) -> str:
    """``days[0].date``: where ``target`` sits in the composed tree, as :func:`display_path` names it."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack: list[tuple[Any, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path.lstrip(".")
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend((value, f"{path}.{key.value}") for key, value in node.value if isinstance(key, ScalarNode))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                pairs = item.value if isinstance(item, MappingNode) else []
                # Named by id as display_path names it: only an id that is text (``id: 1`` is a number).
                ids = [v.value for k, v in pairs if k.value == "id" and isinstance(v, ScalarNode) and v.value and _is_text(v)]
                stack.append((item, f"{path}[{ids[0] if ids else index}]"))
    return ""


def _is_text(node: Any) -> bool:
    """Whether a composed scalar is read as text (its tag resolved to ``str``)."""
    return str(getattr(node.tag, "value", node.tag)) == _CORE + "str"


def _children(node: Any) -> list[Any]:
    from ruamel.yaml.nodes import MappingNode

    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)


def _check_nodes(root: Any) -> None:
    """Refuse foreign tags, self-referencing aliases and alias bombs in a composed graph.

    The composer shares one node object between an anchor and all its aliases,
    so the size a document would expand to is its node count with shared nodes
    counted at every use; memoised, that takes time linear in the file. What
    counts is the growth over the nodes written: a large file is not a bomb.
    """
    from ruamel.yaml.nodes import CollectionNode

    weights: dict[int, int] = {}
    open_nodes: set[int] = set()
    # An explicit stack, so that checking cannot exhaust Python's recursion.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            weights[key] = 1 + sum(weights[id(child)] for child in _children(node))
            # Every node below this one is in ``weights`` by now, so without aliases
            # its weight never exceeds their count.
            if weights[key] > MAX_EXPANDED_NODES + len(weights):
                raise _Refused(
                    node.start_mark,
                    f"aliases expand this document beyond {MAX_EXPANDED_NODES} values; "
                    "a workshop file never needs that (alias bomb?)",
                )
        elif key in open_nodes:
            raise _Refused(node.start_mark, f"alias *{node.anchor} refers to itself")
        elif key not in weights:
            tag = str(getattr(node.tag, "value", node.tag))
            if tag not in ALLOWED_TAGS:
                raise _Refused(
                    node.start_mark,
                    f"tag {tag.replace(_CORE, '!!')!r} is not allowed in a workshop file; remove it",
                )
            if isinstance(node, CollectionNode):
                open_nodes.add(key)
                stack.append((node, True))
                stack.extend((child, False) for child in _children(node))
            else:
                weights[key] = 1


def _checked_yaml() -> Any:
    """A round-trip loader that limits nesting while scanning and checks the graph before building.

    ruamel's scanner looks back over every open flow level for each token, so a
    few kilobytes of ``[[[[...`` cost it seconds; stopping at :data:`MAX_DEPTH`
    keeps the refusal instant.
    """
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.scanner import RoundTripScanner

    too_deep = "the document is nested too deeply to be a workshop"

    class DepthLimitedScanner(RoundTripScanner):
        def fetch_flow_collection_start(self, token_class: Any, to_push: str) -> None:
            if self.flow_level >= MAX_DEPTH:
                raise _Refused(self.reader.get_mark(), too_deep)
            super().fetch_flow_collection_start(token_class, to_push)

        def add_indent(self, column: int) -> bool:
            if len(self.indents) >= MAX_DEPTH:
                raise _Refused(self.reader.get_mark(), too_deep)
            return bool(super().add_indent(column))

    class CheckedConstructor(RoundTripConstructor):
        composed: Any = None
        #: Where impossible dates are collected instead of refused (``None``: refused).
        impossible: list[_Refused] | None = None

        def construct_document(self, node: Any) -> Any:
            _check_nodes(node)
            self.composed = node
            return super().construct_document(node)

        def checked_timestamp(self, node: Any, values: Any = None) -> Any:
            # An impossible date such as 2019-13-05 matches YAML's timestamp
            # pattern and would fail deep inside datetime without a position.
            try:
                return RoundTripConstructor.construct_yaml_timestamp(self, node, values)
            except (ValueError, OverflowError):
                where = _node_path(self.composed, node) if self.composed is not None else ""
                refused = _Refused(node.start_mark, _impossible_date(node.value), where)
                if self.impossible is None:
                    raise refused from None
                # Collected: the text as written stands in, so the rest of the file is read.
                self.impossible.append(refused)
                return str(node.value)

        def checked_int(self, node: Any) -> Any:
            # Python refuses to convert more than 4300 digits (CVE-2020-10735).
            try:
                return RoundTripConstructor.construct_yaml_int(self, node)
            except ValueError:
                if len(node.value) > 4000:
                    raise _Refused(
                        node.start_mark, f"the number {node.value[:20]}... has too many digits"
                    ) from None
                raise _Refused(node.start_mark, f"{node.value!r} is not a number") from None
            except IndexError:  # '!!int' with nothing after it
                raise _Refused(node.start_mark, "!!int without a number") from None

        def checked_float(self, node: Any) -> Any:
            try:
                return RoundTripConstructor.construct_yaml_float(self, node)
            except (ValueError, IndexError):  # '!!float' with nothing after it
                raise _Refused(node.start_mark, f"{node.value[:20]!r} is not a number") from None

    CheckedConstructor.add_constructor(
        "tag:yaml.org,2002:timestamp", CheckedConstructor.checked_timestamp
    )
    CheckedConstructor.add_constructor("tag:yaml.org,2002:int", CheckedConstructor.checked_int)
    CheckedConstructor.add_constructor("tag:yaml.org,2002:float", CheckedConstructor.checked_float)

    yaml = make_yaml()
    yaml.Scanner = DepthLimitedScanner
    yaml.Constructor = CheckedConstructor
    return yaml


def _syntax_error(source: Source, exc: Exception) -> DiagnosticError:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    if "expected a single document" in str(getattr(exc, "context", "")):
        return _error(
            source,
            line,
            column,
            "several YAML documents in one file; a workshop file holds exactly one "
            "(remove the '---' separator or split the file)",
        )
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
    error = _error(source, line, column, message)
    opened = _opened_at(source.text, exc, line)
    if opened is not None:
        at_line, at_column, what = opened
        error.diagnostics.append(
            Diagnostic(source.name, at_line + 1, at_column + 1, "note", "", f"{what} starting here is never closed")
        )
    return error


def _opened_at(text: str, exc: Exception, line: int) -> tuple[int, int, str] | None:
    """Where the quote or bracket a syntax error on 0-based ``line`` follows was opened, if any.

    A quote left open runs on over the following lines until the next quote
    closes it, and the scanner gives up there, lines below the cause. The
    culprit is a quoted string that spans lines and ends on the error's line
    (or runs to the end of the file), else the innermost ``[`` or ``{`` opened
    on an earlier line and still open. The tokens are read again up to the
    error; this runs only for a file that does not parse.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.tokens import (
        FlowMappingEndToken,
        FlowMappingStartToken,
        FlowSequenceEndToken,
        FlowSequenceStartToken,
        ScalarToken,
    )

    quoted = "the quoted string"
    context_mark = getattr(exc, "context_mark", None)
    if getattr(exc, "context", None) == "while scanning a quoted scalar" and context_mark is not None:
        if context_mark.line < line:
            return context_mark.line, context_mark.column, quoted
        return None
    flows: list[tuple[int, int, str]] = []
    try:
        for token in _checked_yaml().scan(text):
            start, end = token.start_mark, token.end_mark
            if start.line > line:
                break
            if isinstance(token, FlowSequenceStartToken | FlowMappingStartToken):
                flows.append((start.line, start.column, "[" if isinstance(token, FlowSequenceStartToken) else "{"))
            elif isinstance(token, FlowSequenceEndToken | FlowMappingEndToken) and flows:
                flows.pop()
            elif isinstance(token, ScalarToken) and token.style in ("'", '"') and start.line < end.line == line:
                return start.line, start.column, quoted
    except (YAMLError, _Refused, RecursionError):
        pass
    if flows and flows[-1][0] < line:
        at_line, at_column, bracket = flows[-1]
        return at_line, at_column, f"the {bracket!r}"
    return None


def load_yaml(source: Source, *, dates: list[Diagnostic] | None = None) -> Any:
    """Parse ``source`` round-trip; raise :class:`DiagnosticError` for anything unusable.

    Impossible dates (``2021-02-30``) are refused all at once, unless a list
    ``dates`` is given: then each one is added to it as an error at its place,
    the value stays the text as written, and the document is returned, so that
    ``check`` reports every such date together with the file's other problems.
    """
    return load_yaml_nodes(source, dates=dates)[1]


def load_yaml_nodes(source: Source, *, dates: list[Diagnostic] | None = None) -> tuple[Any, Any]:
    """(composed node tree, round-trip data) from one checked parse; ``dates`` as for :func:`load_yaml`.

    The editor needs the node tree for exact character spans of values; parsing
    once for both keeps every edit as cheap as a check.
    """
    from ruamel.yaml.error import YAMLError

    if not source.text.strip():
        raise _error(source, 0, 0, "the file is empty; a workshop document starts with 'version: 1'")
    yaml = _checked_yaml()
    impossible: list[_Refused] = []
    yaml.constructor.impossible = impossible
    try:
        data = yaml.load(source.text)
    except _Refused as exc:
        raise _error(source, exc.line, exc.column, exc.message, exc.path) from None
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
                    f"the top level is {kind}; a workshop or strategy file is a mapping of keys "
                    "starting with 'version: 1'",
                )
            ],
            Exit.INVALID,
        )
    found = [_error(source, r.line, r.column, r.message, r.path).diagnostics[0] for r in impossible]
    if found and dates is None:
        raise DiagnosticError(found)  # every impossible date at once, for a command that needs none
    if dates is not None:
        dates.extend(found)
    return yaml.constructor.composed, data


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
    when pydantic marks a mapping key as the culprit (``[key]``), or when the
    value is empty (``accent:``), the position of the key is returned instead of its value.
    """
    node = root
    lc = getattr(root, "lc", None)
    line, column = (lc.line or 0, lc.col or 0) if lc is not None else (0, 0)
    segments = list(path)
    for index, segment in enumerate(segments):
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and lc is not None and segment in node:
            last = index == len(segments) - 1
            # A key with nothing after it (``accent:``) has no value of its own to point at.
            at_key = ((key or node[segment] is None) and last) or segments[index + 1 : index + 2] == ["[key]"]
            try:
                position = lc.key(segment) if at_key else lc.value(segment)
            except KeyError:  # merged in through '<<:': its own mapping has its place
                position = None
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


def display_path(data: Any, loc: Sequence[PathSegment], *, keep_last: bool = False) -> str:
    """``projects[portal].scores.impact``: list items named by id where they have one."""
    parts: list[str] = []
    node = data
    for index, segment in enumerate(loc):
        if isinstance(node, dict) and segment in node:
            parts.append(f".{segment}")
            node = node[segment]
        elif isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
            item = node[segment]
            ident = item.get("id") if isinstance(item, dict) else None
            label = ident if isinstance(ident, str) and ident else segment
            parts.append(f"[{label}]")
            node = item
        else:
            if keep_last and index == len(loc) - 1 and isinstance(segment, str):
                parts.append(f".{segment}")
            break
    return "".join(parts).lstrip(".")


def iter_comments(data: Any) -> Iterator[str]:
    """Every comment line in round-trip ``data`` (stripped), as the YAML scanner found them."""
    from ruamel.yaml.tokens import CommentToken

    def walk(obj: Any) -> Iterator[str]:
        if isinstance(obj, CommentToken):
            for line in obj.value.splitlines():
                if line.strip():
                    yield line.strip()
        elif isinstance(obj, list | tuple):
            for part in obj:
                yield from walk(part)

    ca = getattr(data, "ca", None)
    if ca is not None:
        yield from walk(ca.comment)
        for value in ca.items.values():
            yield from walk(value)
        yield from walk(getattr(ca, "end", None))
    if isinstance(data, dict):
        for value in data.values():
            yield from iter_comments(value)
    elif isinstance(data, list):
        for value in data:
            yield from iter_comments(value)
