"""Privacy by default (DSGVO): who may be named where.

Names are optional in the file. Anything meant for the public shows a
participant's role (and organisation or department), never a name or an
e-mail, unless the participant consented (``public: true``).
"""

from __future__ import annotations

from strategy_kit.document.model import Participant


def may_name(participant: Participant, *, public: bool) -> bool:
    """Whether the document may name the participant: a name is written and the
    document is internal, or the participant consented (``public: true``).
    """
    return bool(participant.name) and (participant.public or not public)


def person_label(participant: Participant, *, public: bool) -> str:
    """How to refer to a participant: the name where allowed (:func:`may_name`), else the role.

    Internal documents use a name when the file has one. Public documents use
    it only with consent, and then together with the role.
    """
    if participant.name and may_name(participant, public=public):
        return f"{participant.name} ({participant.role})" if public else participant.name
    return participant.role


def may_show_contact(participant: Participant, *, public: bool) -> bool:
    """E-mail addresses appear in public documents only with consent."""
    return participant.email is not None and (participant.public or not public)
