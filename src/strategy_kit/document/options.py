"""The two options every output shares, resolved once: its language and its audience.

Each rule is written here and nowhere else (issue 14): an explicit option on
the command line wins, else what the workshop file says, else the default
(German; internal). Commands and renderers call these two functions rather
than reading ``workshop.language`` or ``report.public`` themselves.
"""

from __future__ import annotations

from strategy_kit.document.model import WorkshopDocument


def resolve_lang(document: WorkshopDocument, lang: str | None) -> str:
    """The output's language, ``"de"`` or ``"en"``.

    ``--lang`` when given, else the file's ``workshop.language``, which the
    format defaults to ``de``.
    """
    return lang or document.workshop.language


def resolve_public(
    document: WorkshopDocument, public: bool | None, *, published: bool = False
) -> bool:
    """Whether the output is for the public (privacy applied, nothing internal).

    ``--public``/``--internal`` (``True``/``False``) when given; else ``True``
    for an output that is published by nature (``published``: Decidim's
    accountability import lands on a public platform, the agenda's handout and
    projector editions reach every participant); else the file's
    ``report.public``; else internal (``False``).
    """
    if public is not None:
        return public
    if published:
        return True
    return bool(document.report and document.report.public)
