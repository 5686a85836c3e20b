"""A fast read of ordinary workshop files for ``check``: libyaml's events, plain data.

ruamel.yaml's round-trip loader is pure Python (several seconds per megabyte);
it keeps comments and positions, which only editing and diagnostics need. A
file that checks clean needs neither, so ``check`` first builds plain Python
data from the events of libyaml (PyYAML's C parser), resolving scalars by
ruamel's own YAML 1.2 rules so the data equals what the round-trip loader
would give.

This path only vouches for the ordinary: a tag, an anchor or alias, a merge
key, a directive, a duplicate or non-text key, deep nesting, a character the
two parsers might read differently, a scalar whose value could depend on the
parser, a top level that is not a mapping, and every parse error make it
return ``None``, and the caller reads the file with the round-trip loader of
:mod:`strategy_kit.files.yamlio`, which has every safety check and every position.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

#: Nesting the fast path follows; a workshop nests about eight levels deep, and
#: anything deeper is judged (and refused past ``yamlio.MAX_DEPTH``) by the round-trip loader.
MAX_DEPTH = 32
#: Text with any of these (tabs, control and format characters, a BOM past the
#: start, lone surrogates) is left to the round-trip loader, which reports it.
#: Written as the characters to refuse: the complement compiles 20 times slower.
_UNUSUAL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
#: At most 18 digits: longer numbers (Python refuses to convert more than 4300
#: digits) are the round-trip loader's to judge and report.
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\.[0-9]{1,18}")
# ``40.000``: German thousands, which the round-trip path answers (files.yamlio.thousands_written).
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CORE = "tag:yaml.org,2002:"


class _Unsure(Exception):
    """Something the round-trip loader should judge."""


@cache
def _resolvers() -> dict[str, list[tuple[str, Any]]]:
    """ruamel's implicit resolvers for YAML 1.2 by first character, in ruamel's order."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict[str, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            # The same pattern, compiled plainly: ruamel's lazy wrapper costs a call per match.
            compiled = re.compile(regexp.pattern, regexp.flags)
            for char in first:
                table.setdefault(char, []).append((tag, compiled))
    return table


def _plain_scalar(value: str) -> Any:
    """A plain scalar's value as ruamel resolves it (YAML 1.2), or :class:`_Unsure`."""
    tag = next((tag for tag, regexp in _resolvers().get(value[:1], ()) if regexp.match(value)), None)
    if tag is None:
        return value
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return value.lower() == "true"
    if tag == _CORE + "int" and _INT.fullmatch(value):
        return int(value)
    if tag == _CORE + "float" and _FLOAT.fullmatch(value) and not _THOUSANDS.fullmatch(value):
        return float(value)
    if tag == _CORE + "timestamp" and _DATE.fullmatch(value):
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            raise _Unsure from None  # an impossible date, reported with its place
    # Octal, hex, exponents, underscores, infinities, times of day, merge keys:
    # rare in a workshop file, and not worth a second implementation.
    raise _Unsure


def load_plain(text: str) -> dict[str, Any] | None:
    """The document as plain dicts, lists and scalars, or ``None`` when unsure."""
    try:
        import yaml

        loader_class = yaml.CSafeLoader
    except (ImportError, AttributeError):  # no PyYAML, or built without libyaml
        return None
    if _UNUSUAL.search(text):
        return None
    try:
        _resolvers()
    except (ImportError, ValueError, TypeError):  # a ruamel.yaml laid out differently
        return None
    parser = loader_class(text)
    try:
        return _build(parser.get_event)
    except (_Unsure, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _build(next_event: Callable[[], Any]) -> dict[str, Any]:
    from yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    no_key = object()
    next_event()  # the stream's start
    start = next_event()
    if type(start) is not DocumentStartEvent or start.version or start.tags:
        raise _Unsure
    # One frame per open collection: [container, pending key] (the key is for mappings).
    frames: list[list[Any]] = []
    root: Any = no_key
    # Keys and many values repeat throughout a file; each is resolved once.
    resolved: dict[str, Any] = {}
    while True:
        event = next_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unsure
            value = event.value
            if event.implicit[0]:
                if value in resolved:
                    value = resolved[value]
                else:
                    value = resolved[value] = _plain_scalar(value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(frames) >= MAX_DEPTH:
                raise _Unsure
            if frames and type(frames[-1][0]) is dict and frames[-1][1] is no_key:
                raise _Unsure  # a collection as a mapping key
            frames.append([{} if kind is MappingStartEvent else [], no_key])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = frames.pop()[0]
        elif kind is DocumentEndEvent:
            break
        else:  # an alias
            raise _Unsure
        if not frames:
            root = value
            continue
        frame = frames[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
        elif frame[1] is no_key:
            if type(value) is not str or value in container:
                raise _Unsure  # a key that is not text, or a duplicate key
            frame[1] = value
        else:
            container[frame[1]] = value
            frame[1] = no_key
    if type(next_event()) is not StreamEndEvent or type(root) is not dict:
        raise _Unsure  # several documents, or a top level that is not a mapping
    return root
