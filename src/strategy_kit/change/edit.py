"""Editing a workshop file without touching anything but the edited value.

ruamel.yaml's round trip keeps comments, but dumping the whole document can
still re-indent, re-flow or re-space parts the user never edited. So edits are
made as text splices instead:

1. the file is parsed twice: ``load_yaml`` (safety checks, values) and
   ``compose`` (the node tree, which knows the exact character span of every
   key and value);
2. each change replaces one value's span, or inserts new lines after the last
   line of a mapping or list, with text rendered by ruamel.yaml (so quoting is
   right) and indented like its neighbours;
3. the same change is applied to a plain copy of the data; the spliced text is
   parsed again and must give exactly that data, otherwise nothing is written;
4. the new document is validated as ``check`` would (a strategy file as one, a
   workshop with its strategy file's ids); errors refuse the edit;
5. the file is re-read and must still be byte-identical to what was read,
   then written atomically with its BOM and line endings.

Everything outside the spliced spans is the original text by construction,
and step 3 proves the splice means what was intended.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from strategy_kit.document.diagnostics import Diagnostic, DiagnosticError, Exit
from strategy_kit.document.model import (
    TOP_LEVEL_ORDER,
    FieldOfAction,
    Participant,
    Project,
    StrategyDocument,
)
from strategy_kit.files.source import BOM, Source, read_source
from strategy_kit.files.yamlio import PathSegment, load_yaml_nodes, locate, make_yaml, plain

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


def _dumper() -> Any:
    yaml = make_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump_lines(value: Mapping[str, Any]) -> list[str]:
    """A mapping as block YAML lines at column 0, lists of scalars in flow style."""
    yaml = _dumper()
    stream = io.StringIO()
    yaml.dump(_styled(value, top=True), stream)
    return stream.getvalue().splitlines()


def _styled(value: Any, *, top: bool = False) -> Any:
    """ruamel containers: block mappings, flow lists of scalars and flow score maps."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        result = CommentedMap((k, _styled(v)) for k, v in value.items())
        if not top and all(not isinstance(v, Mapping | list) for v in value.values()):
            result.fa.set_flow_style()
        return result
    if isinstance(value, list):
        seq = CommentedSeq(_styled(v) for v in value)
        if all(not isinstance(v, Mapping | list) for v in value):
            seq.fa.set_flow_style()
        return seq
    return double_quoted(value)


_YAML11_SPECIAL = re.compile(
    r"[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?|(?i:y|n|yes|no|on|off|true|false|null|~)"
)


def double_quoted(value: Any) -> Any:
    """Text that needs quotes gets double quotes, as in the examples (ruamel picks single)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    if not isinstance(value, str) or isinstance(value, ScalarString) or "\n" in value:
        return value
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
        return str(int(value)) if value.is_integer() else repr(value)
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


# -- the editor ----------------------------------------------------------------------------


@dataclass
class Editor:
    """Text and expected data of a document being edited; each method is one splice."""

    source: Source
    text: str
    expected: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    data: Any = None
    _root: Any = None
    #: The strategy file a workshop file refers to: its criteria and projects count here.
    strategy: StrategyDocument | None = None

    @property
    def newline(self) -> str:
        return self.source.newline

    def root(self) -> Any:
        if self._root is None:
            self._root = make_yaml().compose(self.text)
        return self._root

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
        self._root = None

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

    def set_scalar(self, path: Sequence[PathSegment], value: Any, *, order: Sequence[str] = ()) -> None:
        """Set a scalar at ``path``; the key is inserted (in ``order``) when it is missing."""
        *parent, key = path
        if not isinstance(key, str):
            raise TypeError("set_scalar needs a mapping key")
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
        new = scalar_text(value, old)
        if start == end and not self.text[:start].endswith(" "):
            new = " " + new
        self._splice(start, end, new)
        self._expected_parent(parent)[key] = value

    def insert_key(
        self, parent: Sequence[PathSegment], key: str, value: Any, *, order: Sequence[str] = ()
    ) -> None:
        """Add ``key: value`` to the mapping at ``parent``, after its predecessor in ``order``."""
        from ruamel.yaml.nodes import MappingNode

        mapping = node_at(self.root(), parent)
        if not isinstance(mapping, MappingNode):
            raise refuse(self.source, "expected a mapping here", data=self.data, at=parent)
        if mapping.flow_style:
            if isinstance(value, Mapping | list):
                raise refuse(self.source, f"cannot add {key!r} to a one-line mapping", data=self.data, at=parent)
            piece = f"{scalar_text(key)}: {scalar_text(value)}"
            if mapping.value:
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

        root = self.root()
        found = _child(root, section)
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
            dash = int(seq.start_mark.column)
            offset = int(seq.value[0].start_mark.column) - dash
            if offset < 2:
                offset = 2
            first = " " * dash + "-" + " " * (offset - 1)
            rest = " " * (dash + offset)
            body = "".join(nl + (first if i == 0 else rest) + line for i, line in enumerate(lines))
            self._insert_after(content_end(seq, self.text), body)
        self.expected[section].append(copy.deepcopy(dict(item)))


# -- the cycle: read, edit, verify, validate, write ------------------------------------------


@dataclass
class EditResult:
    """What an edit did (or would do with ``--dry-run``)."""

    source: Source
    new_text: str
    notes: list[str]
    warnings: list[Diagnostic]
    written: bool

    @property
    def changed(self) -> bool:
        return self.new_text != self.source.text

    def diff(self) -> str:
        return unified_diff(self.source.text, self.new_text, self.source.name)


def unified_diff(old: str, new: str, name: str) -> str:
    """A ``diff -u`` style text; line endings are shown as plain newlines."""
    lines = difflib.unified_diff(
        old.replace("\r\n", "\n").splitlines(keepends=True),
        new.replace("\r\n", "\n").splitlines(keepends=True),
        fromfile=name if name.startswith("/") else f"a/{name}",
        tofile=name if name.startswith("/") else f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def parse(text: str) -> tuple[Any, Any]:
    """(node tree, round-trip data) from a single parse: composing once and building from it."""
    yaml = make_yaml()
    node = yaml.compose(text)
    return node, yaml.constructor.construct_document(node)


def _parse_source(source: Source) -> tuple[Any, Any]:
    """Node tree and data behind the same safety checks as ``check`` (one parse)."""
    from ruamel.yaml.comments import CommentedMap

    node, data = load_yaml_nodes(source)
    if not isinstance(data, CommentedMap):  # pragma: no cover - load_yaml_nodes refuses these
        raise refuse(source, "cannot read this file as a workshop document")
    return node, data


def open_editor(path: Path | str, name: str | None = None) -> Editor:
    """Read ``path`` for editing; a file with errors is refused (fix it first)."""
    from strategy_kit.check.strategy import is_strategy
    from strategy_kit.check.validate import check_loaded

    source = read_source(path, name)
    node, data = _parse_source(source)
    result = check_loaded(data, source)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        raise EditError(errors, Exit.INVALID)
    shared = None if is_strategy(data) else result.strategy
    return Editor(source, source.text, plain(data), data=data, _root=node, strategy=shared)


def verify(editor: Editor) -> tuple[Any, list[Diagnostic]]:
    """Re-parse the edited text: it must hold exactly the intended data and be valid.

    The splices add only scalars and mappings rendered by ruamel.yaml, never
    tags or aliases, so one plain parse suffices here.
    """
    from strategy_kit.check.validate import check_loaded

    source = editor.source
    try:
        _, data = parse(editor.text)
    except Exception as exc:  # pragma: no cover - a splice bug, never written
        raise refuse(source, f"internal: the edited text does not parse ({exc}); nothing written") from None
    if plain(data) != editor.expected:
        raise refuse(
            source,
            "the edit would change more than the edited value (is it shared through a YAML "
            "anchor or merge key?); nothing written, edit this value by hand",
        )
    diagnostics = check_loaded(data, source).diagnostics
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        refused = [
            Diagnostic(d.file, d.line, d.column, d.severity, d.path, f"{d.message} (edit refused, file unchanged)")
            for d in errors
        ]
        raise EditError(refused, Exit.INVALID)
    return data, diagnostics


def encode(source: Source, text: str) -> bytes:
    """Text back to bytes with the file's BOM (line endings are already in ``text``)."""
    return ((BOM if source.bom else "") + text).encode("utf-8")


def write_back(source: Source, text: str) -> None:
    """Write atomically, unless the file changed on disk since it was read."""
    from strategy_kit.files.atomic import write_bytes_atomic

    try:
        current = source.path.read_bytes()
    except OSError as exc:
        raise refuse(source, f"cannot read the file again: {exc.strerror or exc}", exit_code=Exit.USAGE) from None
    if current != source.raw:
        raise refuse(
            source,
            "the file changed on disk since it was read (another editor? a git checkout?); "
            "nothing written, run the command again",
            exit_code=Exit.USAGE,
        )
    try:
        write_bytes_atomic(source.path, encode(source, text))
    except OSError as exc:
        raise refuse(source, f"cannot write: {exc.strerror or exc}; the file is unchanged", exit_code=Exit.USAGE) from None


def edit_file(
    path: Path | str,
    change: Callable[[Editor], None],
    *,
    dry_run: bool = False,
    name: str | None = None,
) -> EditResult:
    """Apply ``change`` to the file at ``path`` with every guarantee of this module.

    The whole cycle holds the file's lock: two editors of one file (a ``vote``
    and a ``score`` run at the same time) take turns, and neither's change is lost.
    """
    with lock_or_refuse(Path(path), name):
        editor = open_editor(path, name)
        change(editor)
        if editor.text == editor.source.text:
            return EditResult(editor.source, editor.text, editor.notes, [], written=False)
        _, diagnostics = verify(editor)
        warnings = [d for d in diagnostics if d.severity == "warning"]
        if not dry_run:
            write_back(editor.source, editor.text)
        return EditResult(editor.source, editor.text, editor.notes, warnings, written=not dry_run)


@contextmanager
def lock_or_refuse(path: Path, name: str | None = None) -> Iterator[None]:
    """:func:`strategy_kit.files.atomic.locked`, a timeout refused like any failed edit (exit 2)."""
    from strategy_kit.files.atomic import LockTimeout, locked

    try:
        with locked(path):
            yield
    except LockTimeout as exc:
        raise EditError(
            [Diagnostic(name or str(path), 1, 1, "error", "", f"{exc.strerror}; nothing written")], Exit.USAGE
        ) from None


# -- the edits -----------------------------------------------------------------------------

PROJECT_ORDER = tuple(Project.model_fields)


def _index(editor: Editor, section: str, ident: str, label: str) -> int:
    from strategy_kit.document.diagnostics import suggest

    items = editor.get((section,), [])
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == ident:
            return index
    known = [i for i in ids if isinstance(i, str)]
    shared = getattr(editor.strategy, section, None) if editor.strategy is not None else None
    if shared and any(getattr(item, "id", None) == ident for item in shared):
        raise refuse(
            editor.source,
            f"{label} {ident!r} is defined in the strategy file {editor.get(('strategy',))!r}; edit it there",
            data=editor.data, at=("strategy",), exit_code=Exit.USAGE,
        )
    hint = suggest(ident, known) or (f"; known: {', '.join(known)}" if known else f"; the file has no {section}")
    raise refuse(
        editor.source, f"no {label} {ident!r}{hint}", data=editor.data, at=(section,), exit_code=Exit.USAGE, key=True
    )


@dataclass(frozen=True)
class VoteChange:
    """``N`` sets the count, ``+N``/``-N`` add to it."""

    amount: int
    relative: bool

    @classmethod
    def parse(cls, text: str) -> VoteChange:
        raw = text.strip()
        relative = raw[:1] in "+-" and raw[:1] != ""
        try:
            amount = int(raw)
        except ValueError:
            raise ValueError(f"{text!r} is not a number of votes (N, +N or -N)") from None
        return cls(amount, relative)


def set_votes(path: Path | str, changes: Mapping[str, VoteChange], *, dry_run: bool = False) -> EditResult:
    """Record dot votes per project: the room's count, or an addition to it."""

    def change(editor: Editor) -> None:
        for ident, vote in changes.items():
            index = _index(editor, "projects", ident, "project")
            old = editor.get(("projects", index, "votes"), 0)
            new = old + vote.amount if vote.relative else vote.amount
            if new < 0:
                raise refuse(
                    editor.source,
                    f"project {ident!r} has {old} votes; {vote.amount:+d} would make {new}",
                    data=editor.data,
                    at=("projects", index, "votes"),
                )
            if new != old or "votes" not in editor.get(("projects", index)):
                editor.set_scalar(("projects", index, "votes"), new, order=PROJECT_ORDER)
            editor.notes.append(f"{ident}: votes {old} -> {new}")

    return edit_file(path, change, dry_run=dry_run)


def parse_number(text: str) -> int | float:
    """``4``, ``3.5`` or the German ``3,5``."""
    raw = text.strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text!r} is not a number")
    return int(value) if value.is_integer() and "." not in raw and "e" not in raw.lower() else value


def set_scores(path: Path | str, project: str, scores: Mapping[str, int | float], *, dry_run: bool = False) -> EditResult:
    """Record scores of one project, each checked against its criterion's scale."""
    return edit_file(path, lambda editor: record_scores(editor, project, scores), dry_run=dry_run)


def set_many_scores(
    path: Path | str, changes: Mapping[str, Mapping[str, int | float]], *, dry_run: bool = False
) -> EditResult:
    """Scores of many projects in one edit: all of them are written, or none."""

    def change(editor: Editor) -> None:
        for project, scores in changes.items():
            record_scores(editor, project, scores)

    return edit_file(path, change, dry_run=dry_run)


def record_scores(editor: Editor, project: str, scores: Mapping[str, int | float]) -> None:
    """Splice ``scores`` into ``project``'s mapping; a score outside its scale is refused."""
    from strategy_kit.check.rules import scale
    from strategy_kit.document.diagnostics import suggest

    index = _index(editor, "projects", project, "project")
    criteria = {c["id"]: c for c in editor.get(("criteria",), []) if isinstance(c, dict)}
    # A workshop scores against its strategy file's criteria too (ids never clash).
    shared = {c.id: c.model_dump() for c in editor.strategy.criteria} if editor.strategy else {}
    for criterion, value in scores.items():
        if criterion not in criteria and criterion not in shared:
            known = [*shared, *criteria]
            hint = suggest(criterion, known) or (f"; known: {', '.join(known)}" if known else "; the file defines no criteria")
            raise refuse(
                editor.source, f"no criterion {criterion!r}{hint}", data=editor.data, at=("criteria",),
                exit_code=Exit.USAGE, key=True,
            )
        low, high = scale(criteria.get(criterion) or shared[criterion])
        if not low <= value <= high:
            where = ("criteria", list(criteria).index(criterion)) if criterion in criteria else ("projects", index)
            raise refuse(
                editor.source,
                f"score {value:g} for {criterion!r} lies outside its scale {low:g}-{high:g}",
                data=editor.data,
                at=where,
            )
        base = ("projects", index)
        existing = editor.get((*base, "scores"))
        old = existing.get(criterion) if isinstance(existing, dict) else None
        if existing is None:
            editor.insert_key(base, "scores", {criterion: value}, order=PROJECT_ORDER)
        elif old != value or isinstance(old, bool):
            editor.set_scalar((*base, "scores", criterion), value)
        was = "-" if old is None else f"{old:g}"
        editor.notes.append(f"{project}: {criterion} {was} -> {value:g}")


def set_status(
    path: Path | str, project: str, status: str, *, force: bool = False, dry_run: bool = False
) -> EditResult:
    """Move a project to ``status`` if the lifecycle allows it (``force`` skips that check)."""
    from strategy_kit.document.lifecycle import check_transition
    from strategy_kit.document.model import Status

    def change(editor: Editor) -> None:
        index = _index(editor, "projects", project, "project")
        old = editor.get(("projects", index, "status"), Status.IDEA.value)
        try:
            check_transition(old, status, force=force)
        except ValueError as exc:
            raise refuse(
                editor.source, f"project {project!r}: {exc}", data=editor.data, at=("projects", index, "status"),
            ) from None
        if old != status:
            editor.set_scalar(("projects", index, "status"), status, order=PROJECT_ORDER)
        editor.notes.append(f"{project}: status {old} -> {status}")

    return edit_file(path, change, dry_run=dry_run)


# -- adding entities -------------------------------------------------------------------------

SECTIONS = {"project": "projects", "participant": "participants", "field": "fields_of_action"}
_MODELS: dict[str, type[BaseModel]] = {"projects": Project, "participants": Participant, "fields_of_action": FieldOfAction}


def _taken(editor: Editor, section: str) -> dict[str, str]:
    """Ids already used in ``section`` (participants share their space with departments)."""
    sections = [section] + (["departments"] if section == "participants" else [])
    taken: dict[str, str] = {}
    for name in sections:
        for item in editor.get((name,), []) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                taken[item["id"]] = name
    return taken


def add_item(
    path: Path | str, kind: str, values: Mapping[str, Any], *, dry_run: bool = False
) -> EditResult:
    """Append a project, participant or field of action; the id is a slug of the title if absent."""
    from strategy_kit.document.slug import slugify, unique_slug

    section = SECTIONS[kind]
    label = "field of action" if kind == "field" else kind

    def change(editor: Editor) -> None:
        from strategy_kit.check.strategy import is_strategy

        if is_strategy(editor.data) and section not in StrategyDocument.model_fields:
            raise refuse(
                editor.source,
                f"a strategy file has no {section}; add the {label} to a workshop file",
                exit_code=Exit.USAGE,
            )
        item = {k: v for k, v in values.items() if v not in (None, [], "")}
        blank = [k for k, v in item.items() if isinstance(v, str) and not v.strip()]
        if blank:
            # Valid YAML, but a title of spaces is a slip of the shell, not a name.
            raise refuse(editor.source, f"--{blank[0]} is blank; give it some text", exit_code=Exit.USAGE)
        taken = _taken(editor, section)
        ident = item.get("id")
        if ident is None:
            basis = item.get("title") or item.get("role") or item.get("name") or kind
            # A title of emoji has no slug: number the kind instead ('project-2').
            ident = unique_slug(slugify(str(basis)) or kind, set(taken))
        elif ident in taken:
            where = _index(editor, taken[ident], ident, taken[ident])
            line, _ = locate(editor.data, (taken[ident], where, "id"))
            raise refuse(
                editor.source,
                f"id {ident!r} is already used on line {line}; choose another --id",
                data=editor.data,
                at=(taken[ident], where, "id"),
                exit_code=Exit.USAGE,
            )
        order = list(_MODELS[section].model_fields)
        item["id"] = ident
        item = dict(sorted(item.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)))
        editor.append_item(section, item)
        editor.notes.append(f"added {label} {ident!r}")

    return edit_file(path, change, dry_run=dry_run)
