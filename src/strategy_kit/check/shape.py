"""Shape errors: pydantic's validation errors as diagnostics at their place in the file.

pydantic knows what is wrong but not where, and says it in its own words. Each
error becomes a message for the person editing the YAML (near misses suggested,
allowed keys listed) at the line and column of the offending key or value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from strategy_kit.document.diagnostics import Diagnostic, suggest
from strategy_kit.document.model import QUOTE_ERROR, WorkshopDocument, colour_meant
from strategy_kit.files.yamlio import PathSegment, display_path, locate, written_scalar


def unwrap(annotation: Any) -> Any:
    """The model class inside ``list[X]``, ``X | None`` or ``dict[str, X]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = unwrap(arg)
        if found is not None:
            return found
    return None


def _model_at(
    loc: Sequence[PathSegment], root: type[BaseModel] = WorkshopDocument
) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for segment in loc:
        if model is None:
            return None
        if isinstance(segment, int):
            continue
        info = model.model_fields.get(segment)
        if info is None:
            return None
        nested = unwrap(info.annotation)
        if nested is None and get_origin(info.annotation) is None:
            return None
        model = nested
    return model


def _message(error: dict[str, Any], root: type[BaseModel] = WorkshopDocument) -> str:
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    if kind == "missing":
        return f"missing required key {loc[-1]!r}"
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1], root)
        allowed = list(parent.model_fields) if parent else []
        hint = suggest(loc[-1], allowed)
        if not hint and allowed:
            hint = f"; allowed keys: {', '.join(allowed)}"
        return f"unknown key {loc[-1]!r}{hint}"
    if loc == ("version",):
        return f"unsupported format version {value!r}; this strategy-kit reads version 1"
    message = str(error["msg"])
    message = re.sub(r"^(Value|Assertion) error, ", "", message)
    if kind in {"enum", "literal_error"}:
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        hint = suggest(value, expected)
        got = f"{value!r} is not allowed" if isinstance(value, str | int | float) else "not allowed"
        return f"{got}; expected one of {', '.join(expected)}{hint}"
    if kind in {"model_type", "dict_type"}:
        return f"expected a mapping of keys, got {_kind(value)}"
    if kind == "list_type":
        return f"expected a list, got {_kind(value)}"
    if kind == "string_type":
        return f"expected text, got {_kind(value)}"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        if isinstance(value, int) and not isinstance(value, bool):
            # Only a whole number too large for a float gets here; never print its digits.
            digits = int(value.bit_length() * 0.30103) + 1
            return f"expected a valid number, got one of about {digits} digits, too large to hold"
        if kind.startswith("int"):
            return f"expected a whole number, got {_kind(value)}"
        return f"expected a number written with digits only (no thousands separator, unit or currency), got {_kind(value)}"
    if kind == "int_from_float":
        return f"expected a whole number, got {_kind(value)}"
    if kind == "finite_number":
        if isinstance(value, float) and value != value:
            return "expected a finite number, got .nan (not a number)"
        return "expected a finite number, got one too large to hold (.inf, or more than about 1e308)"
    limits = error.get("ctx", {})
    if kind == "greater_than_equal":
        return f"must be {_plain(limits.get('ge'))} or more, got {_kind(value)}"
    if kind == "less_than_equal":
        return f"must be {_plain(limits.get('le'))} or less, got {_kind(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        # Every pattern of the format says in words how it is written
        # (document.model.written_as); pydantic's message would show the regex.
        return f"{value!r} is not written as this key expects" if isinstance(value, str) else "not allowed here"
    return message[:1].lower() + message[1:]


def _as_written(error: dict[str, Any], text: str, line: int, column: int) -> str | None:
    """The quoting hint with the value as the file writes it (``1.10``, not YAML's ``1.1``)."""
    written = written_scalar(text, line, column)
    key = error.get("ctx", {}).get("key")
    if not written or not isinstance(key, str):
        return None
    if error.get("ctx", {}).get("colour"):
        meant = colour_meant(written)
        shown = written if len(written) <= 40 else written[:37] + "..."
        if meant is None:
            return f'{shown} is a number to YAML; a colour is text, #RRGGBB in quotes: write {key}: "#1F5FA8"'
        return f'{shown} is a number to YAML; a colour is text, #RRGGBB in quotes: did you mean {key}: "{meant}"?'
    if len(written) > 40:
        return f"quote the {key} so YAML keeps it as written"
    quoted = written.replace("\\", "\\\\").replace('"', '\\"')
    return f'quote the {key} so YAML keeps it as written: {key}: "{quoted}"'


def _through_a_key_not_text(data: Any, loc: Sequence[PathSegment]) -> bool:
    """Whether ``loc`` passes a mapping key that is not text (``5`` of ``{wirkung: 3,5}``)."""
    node = data
    for segment in loc:
        if isinstance(node, dict):
            if not isinstance(segment, str) and segment in node:
                return True
            node = node.get(segment)
        elif isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
            node = node[segment]
        else:
            return False
    return False


def _plain(limit: object) -> str:
    """A bound as the file would write it: ``0``, not ``0.0``."""
    if isinstance(limit, float) and limit.is_integer():
        return str(int(limit))
    return str(limit)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}" if len(value) < 40 else "text"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"{type(value).__name__} {value!r}"


def from_validation_error(
    exc: ValidationError,
    data: Any,
    name: str,
    root: type[BaseModel] = WorkshopDocument,
    text: str | None = None,
) -> list[Diagnostic]:
    """Each of pydantic's errors as a diagnostic at its line and column in ``data``.

    ``text`` is the file's text ``data`` was read from: with it, a value YAML
    read as a number (``version: 1.10``) is quoted as the file writes it.
    """
    diagnostics = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        if str(error["msg"]) == "Keys should be strings" or (
            loc[-1:] == ("[key]",) and not isinstance(error.get("input"), str)
        ) or _through_a_key_not_text(data, loc):
            continue  # a key that is not text: the rules pass reports it at its place, once
        if kind == "missing":
            line, column = locate(data, loc[:-1])
        else:
            line, column = locate(data, loc, key=kind == "extra_forbidden")
        path = display_path(data, loc[:-1] if kind == "missing" else loc, keep_last=kind == "extra_forbidden")
        message = _message(dict(error), root)
        if kind == QUOTE_ERROR and text is not None:
            message = _as_written(dict(error), text, line, column) or message
        diagnostics.append(Diagnostic(name, line, column, "error", path, message))
    return diagnostics
