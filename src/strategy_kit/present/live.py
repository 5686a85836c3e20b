"""The live room's words for a participant: why a ballot was not taken, in German or English."""

from __future__ import annotations

from collections.abc import Mapping

from strategy_kit.compute.ballots import Refusal


def refusal_text(refusal: Refusal, lang: str, titles: Mapping[str, str] | None = None) -> str:
    """``refusal`` as a sentence for the phone: ``Für „Bürgerportal“ sind höchstens 2 Stimmen erlaubt.``

    ``titles`` maps a project id to the title shown (else the id is shown);
    numbers are written as :func:`strategy_kit.present.i18n.format_number`
    writes them (``2,5``). Raises :class:`~strategy_kit.present.labels.UnknownLabel`
    for a reason without its wording, ``ValueError`` for a language other than de and en.
    """
    from strategy_kit.present.i18n import format_number
    from strategy_kit.present.labels import label

    values: dict[str, str] = {}
    for key, value in refusal.values.items():
        if key == "project" and isinstance(value, str):
            values[key] = (titles or {}).get(value, value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[key] = format_number(value, lang)
        else:
            values[key] = str(value)
    return label(f"live.refused.{refusal.reason}", lang).format_map(values)
