"""The edit transaction: read, edit, verify, validate, write, all under the file's lock.

1. the file is parsed once (:func:`strategy_kit.files.yamlio.load_yaml_nodes`),
   behind ``check``'s safety checks, into both the values and the node tree,
   which knows the exact character span of every key and value;
2. each change is a splice (:mod:`strategy_kit.change.splice`): one value's
   span replaced, or new lines inserted, with text rendered by ruamel.yaml;
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

import difflib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy_kit.change.splice import EditError, Editor, refuse
from strategy_kit.document.diagnostics import Diagnostic, Exit
from strategy_kit.files.source import BOM, Source, read_source
from strategy_kit.files.yamlio import load_yaml_nodes, make_yaml, plain

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
    from strategy_kit.check.validate import check_loaded, resolve

    source = read_source(path, name)
    node, data = _parse_source(source)
    result = check_loaded(data, source)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        raise EditError(errors, Exit.INVALID)
    # The edit splices this file alone; the resolved view only says what its strategy file holds.
    loaded = None if is_strategy(data) else resolve(result)
    return Editor(source, source.text, plain(data), data=data, tree=node, loaded=loaded)


def verify(editor: Editor) -> tuple[Any, list[Diagnostic]]:
    """Re-parse the edited text: it must hold exactly the intended data and be valid.

    The splices add only scalars and mappings rendered by ruamel.yaml, never
    tags or aliases, so one plain parse suffices here. Data that differs
    elsewhere means a splice went into a value shared through an anchor; the
    refusal points at its alias or merge key (:meth:`Editor.refusal`).
    """
    from strategy_kit.check.validate import check_loaded

    source = editor.source
    try:
        _, data = parse(editor.text)
    except Exception as exc:  # pragma: no cover - a splice bug, never written
        raise refuse(source, f"internal: the edited text does not parse ({exc}); nothing written") from None
    if plain(data) != editor.expected:
        raise editor.refusal()
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
