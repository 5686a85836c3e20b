"""The splice engine: changing one value of a YAML text without touching anything else.

ruamel.yaml's round trip keeps comments, but dumping the whole document can
still re-indent, re-flow or re-space parts the user never edited. So edits are
made as text splices instead: the node tree (``compose``) knows the exact
character span of every key and value, and each change replaces one value's
span, or inserts new lines after the last line of a mapping or list, with text
rendered by ruamel.yaml (so quoting is right) and indented like its
neighbours. The same change is applied to a plain copy of the data
(:attr:`Editor.expected`), which :mod:`strategy_kit.change.transaction` holds
the re-parsed text against before anything is written.

YAML's sharing (YAML 1.2, section 3.2.2.2 anchors and aliases; the merge key
of the YAML 1.1 type repository, ``<<``) is edited as the user means it: a
value merged in is overridden in the item's own mapping, a scalar alias is
replaced by the value, and a splice that would change what an anchor shares
elsewhere is refused at the alias or merge key (:func:`sharing_refusal`).
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.document.model import TOP_LEVEL_ORDER
from strategy_kit.files.source import Source
from strategy_kit.files.yamlio import PathSegment, locate, make_yaml

if TYPE_CHECKING:
    from strategy_kit.check.validate import Loaded

Path_ = tuple[PathSegment, ...]


class EditError(DiagnosticError):
    """An edit that was refused; the file is untouched."""


def refuse(
    source: Source | None,
    message: str,
    *,
    data: Any = None,
    at: Sequence[PathSegment] = (),
    path: str = "",
    exit_code: Exit = Exit.INVALID,
    key: bool = False,
) -> EditError:
    """An :class:`EditError` pointing at ``at`` in ``data`` (1:1 when unknown)."""
    line, column = locate(data, at, key=key) if data is not None else (1, 1)
    name = source.name if source is not None else ""
    return EditError([Diagnostic(name, line, column, "error", path, message)], exit_code)


# -- rendering YAML fragments --------------------------------------------------------------


def _plain_float(representer: Any, value: float) -> Any:
    """A float as a plain decimal (``0.000001``): ruamel's ``1e-06`` is text to a YAML 1.1 reader."""
    from strategy_kit.document.numbers import decimal_text

    # A whole float is written as the integer it equals (``3``), which reads back equal.
    tag = "int" if value.is_integer() else "float"
    return representer.represent_scalar(f"tag:yaml.org,2002:{tag}", decimal_text(value))


def _dumper() -> Any:
    yaml = make_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(float, _plain_float)
    return yaml


def dump_lines(value: Mapping[str, Any]) -> list[str]:
    """A mapping as block YAML lines at column 0, lists of scalars in flow style."""
    yaml = _dumper()
    stream = io.StringIO()
    yaml.dump(_styled(value, top=True), stream)
    return stream.getvalue().splitlines()


def _styled(value: Any, *, top: bool = False, flow: bool = False) -> Any:
    """ruamel containers: block mappings, flow lists of scalars and flow score maps."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        flow = not top and all(not isinstance(v, Mapping | list) for v in value.values())
        result = CommentedMap((k, _styled(v, flow=flow)) for k, v in value.items())
        if flow:
            result.fa.set_flow_style()
        return result
    if isinstance(value, list):
        flow = all(not isinstance(v, Mapping | list) for v in value)
        seq = CommentedSeq(_styled(v, flow=flow) for v in value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    return double_quoted(value, flow=flow)


_YAML11_SPECIAL = re.compile(
    r"[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?|(?i:y|n|yes|no|on|off|true|false|null|~)"
)


def double_quoted(value: Any, *, flow: bool = False) -> Any:
    """Text that needs quotes gets double quotes, as in the examples (ruamel picks single).

    ``flow``: the text goes into a one-line ``{...}`` or ``[...]``, where a
    ``,`` or bracket ends a plain scalar (YAML 1.2, 7.3.3), so ``3,5`` is quoted.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    if not isinstance(value, str) or isinstance(value, ScalarString) or "\n" in value:
        return value
    if flow and any(c in value for c in ",[]{}"):
        return DoubleQuotedScalarString(value)
    if _YAML11_SPECIAL.fullmatch(value):
        # YAML 1.1 readers (PyYAML) take 09:30 for a number and yes/no for booleans.
        return DoubleQuotedScalarString(value)
    yaml = make_yaml()
    stream = io.StringIO()
    yaml.dump({"k": value}, stream)
    if stream.getvalue()[3:4] in ("'", '"'):
        return DoubleQuotedScalarString(value)
    return value


def scalar_text(value: Any, old: str | None = None) -> str:
    """``value`` as a YAML scalar; keeps the quote style of the text it replaces."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        from strategy_kit.document.numbers import decimal_text

        return decimal_text(value)  # 0.000001, never 1e-06
    if isinstance(value, str) and old and "\n" not in value:
        if old.startswith('"'):
            return json.dumps(value, ensure_ascii=False)
        if old.startswith("'"):
            return "'" + value.replace("'", "''") + "'"
    line = dump_lines({"k": value})
    if len(line) != 1:
        raise ValueError(f"{value!r} does not fit on one line")
    return line[0][len("k: ") :]


# -- the node tree -------------------------------------------------------------------------


def _child(node: Any, segment: PathSegment) -> tuple[Any, Any] | None:
    """(key node or None, value node) of ``segment`` under ``node``."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == segment:
                return key, value
    elif isinstance(node, SequenceNode) and isinstance(segment, int) and 0 <= segment < len(node.value):
        return None, node.value[segment]
    return None


def node_at(root: Any, path: Sequence[PathSegment]) -> Any:
    node = root
    for segment in path:
        found = _child(node, segment)
        if found is None:
            raise KeyError(segment)
        node = found[1]
    return node


def content_end(node: Any, text: str) -> int:
    """Index just after the last character that belongs to ``node`` (not its trailing blanks)."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        end = int(node.end_mark.index)
        start = int(node.start_mark.index)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            header = text[start : _line_end(text, start)].split("#", 1)[0]
            if "+" in header:
                # Keep chomping: trailing blank lines are part of the value.
                return end
            while end > start and text[end - 1] in " \t\r\n":
                end -= 1
        return end
    if isinstance(node, MappingNode) and node.value:
        key, value = node.value[-1]
        return max(content_end(key, text), content_end(value, text))
    if isinstance(node, SequenceNode) and node.value:
        return content_end(node.value[-1], text)
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """Where the line containing ``index`` ends (before its ``\\r\\n`` or ``\\n``)."""
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


# -- anchors, aliases and merge keys --------------------------------------------------------


@dataclass
class Sharing:
    """Where a text's anchored nodes are used again: ``*alias`` and ``<<: *merge`` positions.

    ``at`` maps (parent node, key node or index) of an alias to its mark;
    ``uses`` maps each anchored node to the marks of all its aliases.
    """

    root: Any
    at: dict[tuple[int, Any], Any]
    uses: dict[int, list[Any]]


def _use_key(parent: Any, index: Any) -> tuple[int, Any]:
    return id(parent), index if isinstance(index, int) else ("key", id(index))


def compose_sharing(text: str) -> Sharing:
    """The node tree of ``text`` with the position of every alias (the plain tree forgets them)."""
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent

    at: dict[tuple[int, Any], Any] = {}
    uses: dict[int, list[Any]] = {}

    class Recording(Composer):
        def compose_node(self, parent: Any, index: Any) -> Any:
            mark = self.parser.peek_event().start_mark if self.parser.check_event(AliasEvent) else None
            node = super().compose_node(parent, index)
            if mark is not None:
                at[_use_key(parent, index)] = mark
                uses.setdefault(id(node), []).append(mark)
            return node

    yaml = make_yaml()
    yaml.Composer = Recording
    return Sharing(yaml.compose(text), at, uses)


def _position(mark: Any) -> str:
    return f"{mark.line + 1}:{mark.column + 1}"


def sharing_refusal(source: Source, data: Any, path: Sequence[PathSegment]) -> EditError | None:
    """Why an edit at ``path`` would change other places: the first shared node on the way.

    The refusal points at the alias or merge key that shares it (the one on
    ``path`` when the path goes through an alias, else the first other use of
    the anchor) and names the anchor's position. None when nothing on ``path``
    is shared.
    """
    from strategy_kit.files.yamlio import display_path

    sharing = compose_sharing(source.text)
    node = sharing.root
    for depth, segment in enumerate(path):
        found = _child(node, segment)
        if found is None:
            return None
        key, child = found
        marks = sharing.uses.get(id(child))
        if marks:
            index = segment if key is None else key
            here = sharing.at.get(_use_key(node, index))
            use = here if here is not None else marks[0]
            what = display_path(data, path[: depth + 1]) or "this value"
            anchor = f"'&{child.anchor}' at {_position(child.start_mark)}"
            if here is not None:
                message = (
                    f"{what} is shared through the anchor {anchor}; changing it here would change "
                    "every place that uses the anchor; nothing written, write the value out here by hand"
                )
            else:
                message = (
                    f"{what} is shared through the anchor {anchor} and used again here; changing it "
                    "would change this place too; nothing written, edit it by hand"
                )
            name = source.name
            return EditError([Diagnostic(name, use.line + 1, use.column + 1, "error", "", message)], Exit.INVALID)
        node = child
    return None


def _properties(old: str) -> tuple[str, str]:
    """(anchors to keep, bare value) of a scalar's text: ``&n !!str 3`` gives ``('&n ', '3')``.

    A scalar's span starts at its anchor; replacing the anchor would leave its
    aliases undefined. A tag goes with the old value (the new one is typed by itself).
    """
    prefix = re.match(r"(?:[&!]\S*\s+)*", old)
    head = prefix.group(0) if prefix else ""
    kept = "".join(token + " " for token in head.split() if token.startswith("&"))
    return kept, old[len(head) :]


def _data_at(data: Any, path: Sequence[PathSegment]) -> Any:
    """The round-trip value at ``path`` (merge keys resolved), None when there is none."""
    node = data
    for segment in path:
        try:
            node = node[segment]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _keep_quotes(value: Any, written: Any) -> Any:
    """``value`` with each text that ``written`` holds unchanged in its written quotes.

    A copy of a merged-in mapping is rendered anew; ``"3,5"`` stays
    ``"3,5"`` rather than becoming ruamel's ``'3,5'``.
    """
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(value, dict) and isinstance(written, Mapping):
        return {k: _keep_quotes(v, written.get(k)) for k, v in value.items()}
    if isinstance(value, list) and isinstance(written, list) and len(value) == len(written):
        return [_keep_quotes(v, w) for v, w in zip(value, written, strict=True)]
    if isinstance(value, str) and isinstance(written, ScalarString) and str(written) == value:
        return written
    return value


def _numbers(value: Any) -> bool:
    """A mapping of numbers (scores): what may be written into a one-line mapping."""
    return isinstance(value, Mapping) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
    )


def _flow_text(value: Mapping[str, Any]) -> str:
    """``{wirkung: 1, aufwand: 2.5}``: a mapping of numbers on one line."""
    return "{" + ", ".join(f"{scalar_text(k)}: {scalar_text(v)}" for k, v in value.items()) + "}"


def _order(parent: Sequence[PathSegment]) -> Sequence[str]:
    """The format's key order of the mapping at ``parent`` (top level, or an item of a section)."""
    from pydantic import BaseModel

    from strategy_kit.document import model

    if not parent:
        return TOP_LEVEL_ORDER
    items: dict[PathSegment, type[BaseModel]] = {
        "projects": model.Project,
        "participants": model.Participant,
        "criteria": model.Criterion,
    }
    if len(parent) == 2 and parent[0] in items:
        return tuple(items[parent[0]].model_fields)
    return ()


def _put(mapping: dict[str, Any], key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``key`` in a copied mapping; a new key goes after its predecessors in ``order``, as a splice puts it."""
    if key in mapping or key not in order:
        mapping[key] = value
        return
    earlier = set(order[: order.index(key)])
    items = list(mapping.items())
    at = max((i + 1 for i, (k, _) in enumerate(items) if k in earlier), default=len(items))
    mapping.clear()
    mapping.update([*items[:at], (key, value), *items[at:]])


# -- the editor ----------------------------------------------------------------------------


@dataclass
class Editor:
    """Text and expected data of a document being edited; each method is one splice."""

    source: Source
    text: str
    expected: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    data: Any = None
    #: The node tree of ``text``: composed on first use, dropped by each splice.
    tree: Any = None
    #: A workshop file's resolved view (None for a strategy file): which entries its strategy
    #: file defines, whose criteria count here and whose projects are edited there.
    loaded: Loaded | None = None
    #: The paths each splice wrote at, to explain a refusal (:meth:`refusal`).
    touched: list[Path_] = field(default_factory=list)

    @property
    def newline(self) -> str:
        return self.source.newline

    def root(self) -> Any:
        if self.tree is None:
            self.tree = make_yaml().compose(self.text)
        return self.tree

    def _insert_after(self, index: int, body: str) -> None:
        """Insert ``body`` (lines, each starting with a newline) after the line ending at ``index``."""
        if index > 0 and self.text[index - 1] == "\n":
            # The content ended with its line break (kept block text): insert at the line start.
            self._splice(index, index, body[len(self.newline) :] + self.newline)
        else:
            at = _line_end(self.text, index)
            self._splice(at, at, body)

    def _splice(self, start: int, end: int, replacement: str) -> None:
        self.text = self.text[:start] + replacement + self.text[end:]
        self.tree = None

    def _expected_parent(self, path: Sequence[PathSegment]) -> Any:
        node: Any = self.expected
        for segment in path:
            node = node[segment]
        return node

    def get(self, path: Sequence[PathSegment], default: Any = None) -> Any:
        """The current (plain) value at ``path``."""
        node: Any = self.expected
        for segment in path:
            if isinstance(node, dict) and segment in node:
                node = node[segment]
            elif isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
                node = node[segment]
            else:
                return default
        return node

    def refusal(self) -> EditError:
        """Why the edited text does not hold the intended data: a shared value, at its alias."""
        for path in self.touched:
            refused = sharing_refusal(self.source, self.data, path)
            if refused is not None:
                return refused
        return refuse(
            self.source,
            "the edit would change more than the edited value (is it shared through a YAML "
            "anchor or merge key?); nothing written, edit this value by hand",
            data=self.data,
            at=self.touched[0] if self.touched else (),
        )

    def _own_depth(self, path: Sequence[PathSegment]) -> int:
        """How many segments of ``path`` are written in the file's own nodes (not merged in)."""
        node = self.root()
        for depth, segment in enumerate(path):
            found = _child(node, segment)
            if found is None:
                return depth
            node = found[1]
        return len(path)

    def _inherit(self, path: Sequence[PathSegment], update: Any) -> bool:
        """Override a container that ``path`` reaches through a merge key (``<<: *base``).

        The deepest mapping written in the file along ``path`` gets the merged
        key as its own, holding a copy of the merged value with ``update``
        applied to the container at ``path``: the document then resolves to
        the merged value with exactly that change, and the anchor's other users
        keep theirs. False when ``path`` is the file's own all the way, or only
        its last key is missing (the caller adds it).
        """
        depth = self._own_depth(path)
        if depth >= len(path):
            return False
        parent, key = tuple(path[:depth]), path[depth]
        inherited = self.get(path[: depth + 1])
        if inherited is None and depth == len(path) - 1:
            return False  # missing, not merged: the caller adds it
        if not isinstance(key, str) or not isinstance(inherited, dict | list):
            raise refuse(self.source, "expected a mapping here", data=self.data, at=path[: depth + 1])
        value = _keep_quotes(copy.deepcopy(inherited), _data_at(self.data, path[: depth + 1]))
        container: Any = value
        for segment in path[depth + 1 :]:
            container = container[segment]
        update(container)
        self.insert_key(parent, key, value, order=_order(parent))
        return True

    def _alias_span(self, path: Sequence[PathSegment]) -> tuple[int, int] | None:
        """The span of the ``*alias`` written at ``path``; None when the value is written there."""
        sharing = compose_sharing(self.text)
        parent = node_at(sharing.root, path[:-1])
        found = _child(parent, path[-1])
        if found is None or found[0] is None:
            return None
        mark = sharing.at.get(_use_key(parent, found[0]))
        if mark is None:
            return None
        start = int(mark.index)
        return start, start + 1 + len(str(found[1].anchor))

    def set_scalar(self, path: Sequence[PathSegment], value: Any, *, order: Sequence[str] = ()) -> None:
        """Set a scalar at ``path``; the key is inserted (in ``order``) when it is missing.

        A value merged in from an anchor (``<<: *base``) is overridden in the
        item's own mapping (see :meth:`_inherit`), a scalar alias (``votes: *v``)
        is replaced by the value.
        """
        *parent, key = path
        if not isinstance(key, str):
            raise TypeError("set_scalar needs a mapping key")
        if self._inherit(parent, lambda container: _put(container, key, value, order)):
            return
        found = _child(node_at(self.root(), parent), key)
        if found is None:
            self.insert_key(tuple(parent), key, value, order=order)
            return
        node = found[1]
        from ruamel.yaml.nodes import ScalarNode

        if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
            raise refuse(
                self.source,
                f"{key!r} holds a list, a mapping or a block of text here; edit it by hand",
                data=self.data,
                at=path,
            )
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        old = self.text[start:end]
        anchors, bare = _properties(old)
        new = anchors + scalar_text(value, bare)
        alias = self._alias_span(path) if node.anchor is not None else None
        if alias is not None:
            # 'votes: *v': the alias gives way to the item's own value; the anchor stays as it is.
            (start, end), new = alias, scalar_text(value)
        if start == end and not self.text[:start].endswith(" "):
            new = " " + new
        self.touched.append(tuple(path))
        self._splice(start, end, new)
        self._expected_parent(parent)[key] = value

    def insert_key(
        self, parent: Sequence[PathSegment], key: str, value: Any, *, order: Sequence[str] = ()
    ) -> None:
        """Add ``key: value`` to the mapping at ``parent``, after its predecessor in ``order``."""
        from ruamel.yaml.nodes import MappingNode

        if self._inherit(parent, lambda container: container.__setitem__(key, copy.deepcopy(value))):
            return
        mapping = node_at(self.root(), parent)
        self.touched.append((*parent, key))
        if not isinstance(mapping, MappingNode):
            raise refuse(self.source, "expected a mapping here", data=self.data, at=parent)
        if mapping.flow_style:
            piece = f"{scalar_text(key)}: {_flow_text(value)}" if _numbers(value) else ""
            if not isinstance(value, Mapping | list):
                piece = f"{scalar_text(key)}: {scalar_text(value)}"
            elif not piece:
                raise refuse(self.source, f"cannot add {key!r} to a one-line mapping", data=self.data, at=parent)
            later = set(order[order.index(key) + 1 :]) if key in order else set()
            following = next((pair for pair in mapping.value if pair[0].value in later), None)
            if following is not None:
                # {year: 2020, source: own} gets spent before source, in the format's order.
                at = int(following[0].start_mark.index)
                self._splice(at, at, piece + ", ")
            elif mapping.value:
                at = content_end(mapping.value[-1][1], self.text)
                self._splice(at, at, ", " + piece)
            else:
                at = int(mapping.end_mark.index) - 1
                self._splice(at, at, piece)
        else:
            after = mapping.value[-1] if mapping.value else None
            if key in order:
                earlier = set(order[: order.index(key)])
                preceding = [pair for pair in mapping.value if pair[0].value in earlier]
                if preceding:
                    after = preceding[-1]
            if after is None:
                raise refuse(self.source, "cannot add to an empty mapping", data=self.data, at=parent)
            column = int(mapping.value[0][0].start_mark.column)
            lines = dump_lines({key: value})
            block = "".join(self.newline + " " * column + line for line in lines)
            self._insert_after(max(content_end(after[0], self.text), content_end(after[1], self.text)), block)
        target = self._expected_parent(parent)
        # Keep the expected key order irrelevant: plain dicts compare without order.
        target[key] = copy.deepcopy(value)

    def _replace_empty(self, key_node: Any, value: Any, lines: list[str]) -> None:
        """``section: []`` (or nothing) becomes a block list; a comment on the line stays there."""
        nl = self.newline
        body = "".join(nl + ("  - " if i == 0 else "    ") + line for i, line in enumerate(lines))
        at = _line_end(self.text, int(key_node.end_mark.index))
        self._splice(at, at, body)
        self._splice(int(key_node.end_mark.index), int(value.end_mark.index), ":")

    def append_item(self, section: str, item: Mapping[str, Any]) -> None:
        """Append ``item`` to the top-level list ``section``, creating the section if needed."""
        from ruamel.yaml.nodes import SequenceNode

        if self._inherit((section,), lambda items: items.append(copy.deepcopy(dict(item)))):
            return
        root = self.root()
        found = _child(root, section)
        self.touched.append((section,))
        lines = dump_lines(item)
        nl = self.newline
        if found is None:
            body = "".join(nl + ("  - " if i == 0 else "    ") + line for i, line in enumerate(lines))
            earlier = set(TOP_LEVEL_ORDER[: TOP_LEVEL_ORDER.index(section)])
            preceding = [pair for pair in root.value if pair[0].value in earlier]
            after = preceding[-1] if preceding else root.value[-1]
            end = max(content_end(after[0], self.text), content_end(after[1], self.text))
            self._insert_after(end, nl + nl + f"{section}:" + body)
            self.expected[section] = [copy.deepcopy(dict(item))]
            return
        key_node, seq = found
        if not isinstance(seq, SequenceNode):
            if getattr(seq, "tag", "").endswith(":null"):
                self._replace_empty(key_node, seq, lines)
                self.expected[section] = [copy.deepcopy(dict(item))]
                return
            raise refuse(self.source, f"{section!r} is not a list", data=self.data, at=(section,))
        if seq.flow_style:
            if seq.value:
                raise refuse(
                    self.source,
                    f"{section!r} is written on one line ([...]); write it as a block list to add to it",
                    data=self.data,
                    at=(section,),
                )
            self._replace_empty(key_node, seq, lines)
        else:
            # The sequence starts at its anchor, if it has one: the first item's dash is the column.
            start = int(seq.value[0].start_mark.index)
            line_start = self.text.rfind("\n", 0, start) + 1
            found_dash = self.text.rfind("-", line_start, start)
            dash = found_dash - line_start if found_dash >= 0 else int(seq.start_mark.column)
            offset = int(seq.value[0].start_mark.column) - dash
            if offset < 2:
                offset = 2
            first = " " * dash + "-" + " " * (offset - 1)
            rest = " " * (dash + offset)
            body = "".join(nl + (first if i == 0 else rest) + line for i, line in enumerate(lines))
            self._insert_after(content_end(seq, self.text), body)
        self.expected[section].append(copy.deepcopy(dict(item)))

    def append_to(self, path: Sequence[PathSegment], item: Mapping[str, Any], *, before: int | None = None) -> None:
        """Append ``item`` to the list at ``path`` below the top level, in its neighbours' style.

        A list of one-line mappings (``- {date: 2024-12-31, value: 18}``) gets
        one more line like them, a list of block mappings a block mapping; a
        one-line list (``[...]``) gets the item inside its brackets.
        ``before``: the index of the item the new one goes in front of (a
        budget year kept in year order); None or past the end appends.
        """
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        def put(items: list[Any]) -> None:
            items.insert(len(items) if before is None else before, copy.deepcopy(dict(item)))

        if self._inherit(path, put):
            return
        seq = node_at(self.root(), path)
        self.touched.append(tuple(path))
        if not isinstance(seq, SequenceNode):
            raise refuse(self.source, f"{path[-1]!r} is not a list", data=self.data, at=path)
        inside = before is not None and 0 <= before < len(seq.value)
        flow_line = dump_lines({"k": [dict(item)]})[1].split("- ", 1)[1]
        if seq.flow_style:
            if inside:
                at = int(seq.value[before].start_mark.index)
                self._splice(at, at, flow_line + ", ")
            elif seq.value:
                at = content_end(seq.value[-1], self.text)
                self._splice(at, at, ", " + flow_line)
            else:
                at = int(seq.end_mark.index) - 1
                self._splice(at, at, flow_line)
        else:
            first = seq.value[0]
            start = int(first.start_mark.index)
            line_start = self.text.rfind("\n", 0, start) + 1
            found_dash = self.text.rfind("-", line_start, start)
            dash = found_dash - line_start if found_dash >= 0 else int(seq.start_mark.column)
            offset = max(int(first.start_mark.column) - dash, 2)
            one_line = isinstance(first, MappingNode) and bool(first.flow_style)
            lines = [flow_line] if one_line else dump_lines(item)
            head, rest = " " * dash + "-" + " " * (offset - 1), " " * (dash + offset)
            if inside and before == 0:
                if self.text[line_start : line_start + dash].strip():
                    raise refuse(self.source, f"{path[-1]!r}: cannot add before its first item", data=self.data, at=path)
                body = "".join((head if i == 0 else rest) + line + self.newline for i, line in enumerate(lines))
                self._splice(line_start, line_start, body)
            else:
                body = "".join(self.newline + (head if i == 0 else rest) + line for i, line in enumerate(lines))
                after = seq.value[before - 1] if inside and before is not None else seq
                self._insert_after(content_end(after, self.text), body)
        put(self._expected_parent(path))
