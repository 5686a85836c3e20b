"""Which funding source a budget year's ``source`` names: a kind, a German word for it, or a source's name.

A clerk types ``source: own``, ``source: Eigenmittel`` or the grant
programme's name (``source: Gigabitförderung``) as it stands under
``funding.sources``. :func:`source_key` answers with the pair the budget
sums by, ``(kind, name)``; ``check`` and ``compute/budget.py`` share it.
"""

from __future__ import annotations

from collections.abc import Sequence

from strategy_kit.document.model import FUNDING_KINDS

#: German words of a funding kind, as the measure sheet names them (Eigenmittel, Drittmittel,
#: Fördermittel, Personal); compared with case ignored.
KIND_WORDS: dict[str, str] = {
    "eigenmittel": "own",
    "drittmittel": "third-party",
    "fördermittel": "grant",
    "personal": "staff",
}

#: A source as the budget sums it: its kind and, for a named source, its name.
SourceKey = tuple[str, str | None]


def source_key(written: str, sources: Sequence[tuple[str, str | None]]) -> SourceKey | None:
    """The ``(kind, name)`` that ``written`` names among ``sources`` (each ``(kind, name)``), or None.

    A source's name (case ignored) names that source. A kind (``grant``) or
    its German word (``Fördermittel``) names the one listed source of that
    kind when there is exactly one, else the kind alone (``(kind, None)``).
    None: ``written`` names nothing (``check`` reports it).
    """
    wanted = written.strip().casefold()
    for kind, name in sources:
        if name is not None and name.strip().casefold() == wanted:
            return kind, name
    kind_named = KIND_WORDS.get(wanted, wanted)
    if kind_named not in FUNDING_KINDS:
        return None
    of_kind = [(k, n) for k, n in sources if k == kind_named]
    return of_kind[0] if len(of_kind) == 1 else (kind_named, None)


def choices(sources: Sequence[tuple[str, str | None]]) -> list[str]:
    """What a year's ``source`` may say here: the sources' names, then the kinds."""
    names = [name for _, name in sources if name is not None]
    return [*dict.fromkeys(names), *FUNDING_KINDS]
