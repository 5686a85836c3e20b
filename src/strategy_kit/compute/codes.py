"""One-time participant codes for the live room, and the group each one carries.

A code lets one person vote once (:class:`strategy_kit.compute.ballots.Room`
binds it to the first browser that used it) and lets the results be broken
down by group, never by person: a code carries the participant's
*department* (its title), or the role of a participant without one, and
nothing else. A breakdown shows a group only from three voters on
(:func:`strategy_kit.compute.ballots.shown_groups`); roles alone would never
reach three where each role is held by one person. A spare card (for a guest
or a late addition) carries no group (``None``) and counts among the hidden.

A code is :data:`LENGTH` characters from :data:`ALPHABET`, which leaves out
what reads or types alike (``0``/``O``, ``1``/``I``/``L``, and ``U``, read as
``V``): 30**9 codes, 44 bits. It is kept as those characters
(``K7MQ4PXR2``, a :data:`~strategy_kit.compute.ballots.KEY_PATTERN` key) and
printed in groups of three (``K7M-Q4P-XR2``); what a person types is read
back with :func:`normalise`. Pure but for :mod:`secrets`.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strategy_kit.document.model import WorkshopDocument

#: The characters of a code: digits 2-9 and the capitals without I, L, O and U.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Characters in a code (without the hyphens it is printed with).
LENGTH = 9
#: Characters between two hyphens of a printed code.
GROUP = 3
#: The bits of chance in one code (44.2).
ENTROPY_BITS = LENGTH * math.log2(len(ALPHABET))
#: What a person may type between the characters of a code and is dropped.
_SEPARATORS = str.maketrans("", "", "-\u2010\u2011\u2012\u2013\u2014\u2212 \t\u00a0\u202f")


def normalise(text: str) -> str | None:
    """The code a person typed or a QR code carried, as it is kept; None if it is none.

    ``" k7m-q4p xr2 "`` gives ``"K7MQ4PXR2"``: case does not matter, hyphens
    (also typographic ones) and spaces are dropped. Anything else (a look-alike
    such as ``0`` or ``I``, a wrong length) gives None, never a guess.
    """
    code = text.strip().upper().translate(_SEPARATORS)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def pretty(code: str) -> str:
    """A kept code as printed: ``"K7MQ4PXR2"`` gives ``"K7M-Q4P-XR2"``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def _fresh() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def issue(groups: Sequence[str | None], *, existing: Collection[str] = ()) -> dict[str, str | None]:
    """One fresh code per entry of ``groups``: ``{code: group}``, ordered by group, then by code.

    A group is a department's title, a role, or None (a spare card, last). No
    code is issued twice, nor one of ``existing`` (codes issued before, as kept
    or as printed), so a second sheet for the same room adds to the first.
    The order says nothing of the order of ``groups`` (the participants'
    order in the file): within a group it is the codes' own, which is chance,
    so neither the sheet nor the journal ties a code to a line of the file.
    """
    taken = {normalise(c) or c for c in existing}
    codes: dict[str, str | None] = {}
    for group in groups:
        code = _fresh()
        while code in taken or code in codes:  # 1 in 10**13 for a room of a hundred
            code = _fresh()
        codes[code] = group
    return dict(sorted(codes.items(), key=lambda item: (item[1] is None, item[1] or "", item[0])))


def groups_of(document: WorkshopDocument) -> list[str | None]:
    """The group of each participant who votes, in the file's order: a department's title, else the role.

    The workshop's facilitators (``workshop.facilitators``) run the room and get
    no code. A department id the file does not define (an invalid file) gives the role.
    A group of fewer than :data:`~strategy_kit.compute.ballots.MIN_GROUP` voters
    (the mayor, alone) is no group (None): its figures could never be shown, and
    neither the card nor the journal should say whose ballot a code carries.
    """
    from strategy_kit.compute.ballots import MIN_GROUP

    facilitators = set(document.workshop.facilitators)
    groups: list[str | None] = []
    for person in document.participants:
        if person.id in facilitators:
            continue
        department = document.department(person.department) if person.department else None
        groups.append(department.name if department is not None else person.role)
    return [group if groups.count(group) >= MIN_GROUP else None for group in groups]
