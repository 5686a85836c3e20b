"""The workshop document (format version 1) as pydantic models.

The models check shape and types only. Everything that needs the whole
document (references, duplicate ids, scores against a criterion's scale) lives
in :mod:`strategy_kit.check.rules`, because pydantic's model validators do not run
when a field already failed and carry no position: a user must see every
problem at once, each at its place in the file.

Titles and descriptions are bilingual because they end up in the JSON Schema
that editors show while a German-speaking facilitator types.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from strategy_kit.document.durations import (
    CLOCK_PATTERN,
    DURATION_PATTERN,
    format_clock,
    format_duration,
    parse_clock,
    parse_duration,
)
from strategy_kit.document.numbers import (
    DECIMAL_PATTERN,
    MAX_VOTES,
    VOTES_PATTERN,
    measured_value,
    score_value,
    vote_count,
)
from strategy_kit.document.periods import (
    QUARTER_PATTERN,
    Quarter,
    parse_date,
    parse_period,
    period_text,
)

FORMAT_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: The official municipality key (Amtlicher Gemeindeschlüssel): eight digits.
AGS_PATTERN = r"^[0-9]{8}$"


def _t(en: str, de: str) -> str:
    """A bilingual title: English first, German after the slash."""
    return f"{en} / {de}"


def _d(en: str, de: str) -> str:
    """A bilingual description, English paragraph then German paragraph."""
    return f"{en}\n\n{de}"


def _check_slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value):
        from strategy_kit.document.slug import slugify

        hint = slugify(value)
        suggestion = f" such as {hint!r}" if hint and hint != value else ""
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens"
            f"{suggestion}"
        )
    return value


def _duration(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("a duration is text like '45m' or '1h30m'")
    if isinstance(value, int):
        raise ValueError(f"write the unit: '{value}m' for minutes or '{value}h' for hours")
    return parse_duration(value)


def _clock(value: Any, *, end: bool = False) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError("a time of day is text like '09:30'; quote it in YAML")
    return parse_clock(value, end=end)


def _end_clock(value: Any) -> dt.time:
    return _clock(value, end=True)


@cache
def time_zones() -> tuple[str, ...]:
    """The IANA time zones a file may name, sorted: those of the ``tzdata`` package.

    The same list on every machine (the system's zone files differ), so the
    JSON Schema's enum and the validator agree.
    """
    from importlib.resources import files

    return tuple(sorted(files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()))


def _timezone(value: str) -> str:
    if value not in time_zones():
        raise ValueError(f"unknown time zone {value!r}; for Germany use 'Europe/Berlin'")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - tzdata names only zones it has
        raise ValueError(f"unknown time zone {value!r}; for Germany use 'Europe/Berlin'") from None
    return value


def _ags(value: Any) -> Any:
    """An unquoted AGS is a number to YAML, which drops its leading zero: say to quote the value."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**8:
        raise ValueError(f'quote the value so YAML keeps every digit: ags: "{value:08d}"')
    return value


Date = Annotated[dt.date, BeforeValidator(parse_date)]
Score = Annotated[
    float,
    BeforeValidator(score_value),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": DECIMAL_PATTERN}]}),
]
#: A measured value: a number, or its text with a decimal comma (``"3,5"``), see :func:`measured_value`.
Measured = Annotated[
    float,
    BeforeValidator(measured_value),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": DECIMAL_PATTERN}]}),
]
#: Dot votes: a whole number from 0 to ``MAX_VOTES``, read by :func:`strategy_kit.document.numbers.vote_count`.
Votes = Annotated[
    int,
    BeforeValidator(vote_count),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_VOTES}, {"type": "string", "pattern": VOTES_PATTERN}]}
    ),
]
Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
]
Minutes = Annotated[
    int,
    BeforeValidator(_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["45m", "1h30m"]}),
]
Clock = Annotated[
    dt.time,
    BeforeValidator(_clock),
    PlainSerializer(format_clock, return_type=str),
    # The clock's grammar is one pattern; a start may be anything it reads but 24:00.
    WithJsonSchema(
        {"type": "string", "pattern": CLOCK_PATTERN, "not": {"const": "24:00"}, "examples": ["09:00"]}
    ),
]
#: An end of the day: also ``24:00`` (ISO 8601), held as ``durations.END_OF_DAY``.
EndClock = Annotated[
    dt.time,
    BeforeValidator(_end_clock),
    PlainSerializer(format_clock, return_type=str),
    WithJsonSchema({"type": "string", "pattern": CLOCK_PATTERN, "examples": ["17:00", "24:00"]}),
]
#: A start or end of a measure: a date or a quarter (``2027-Q1``), see :mod:`strategy_kit.document.periods`.
PeriodValue = Annotated[
    dt.date | Quarter,
    BeforeValidator(parse_period),
    PlainSerializer(period_text, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": QUARTER_PATTERN}],
            "examples": ["2027-03-01", "2027-Q1"],
        }
    ),
]
#: A colour as six hex digits (``#1d5fa8``): the only form every output (CSS, Word) takes as is.
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
#: A font family name: letters, digits, spaces and hyphens, so it is safe in CSS and Word.
FONT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 -]{0,62}$"
#: An e-mail address as far as a workshop file needs one: something @ a domain with a dot.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def written_as(pattern: str, refusal: str) -> Any:
    """A text that must match ``pattern``, else refused in words: ``refusal`` with ``{value}`` in it
    says what the value is not and how it is written, with an example.

    pydantic's own ``pattern=`` would show the regular expression to the person
    editing the file; the schema still carries it for editors.
    """
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if compiled.fullmatch(value) is None:
            shown = repr(value) if len(value) <= 40 else repr(value[:37] + "...")
            raise ValueError(refusal.format(value=shown))
        return value

    return AfterValidator(check)


def _colour_given(value: Any) -> Any:
    """``accent: #1F5FA8`` unquoted is a comment to YAML, which leaves the key empty: say to quote it.

    ``accent: 123456`` is a number to YAML (``000000`` is 0): the check answers
    it from the text as written (:mod:`strategy_kit.check.shape`), with ``colour`` set.
    """
    if value is None:
        raise ValueError(
            'the colour is empty; written without quotes, #1F5FA8 is a comment to YAML: write accent: "#1F5FA8"'
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(
            QUOTE_ERROR,
            'a colour is text, #RRGGBB in quotes: write accent: "#1F5FA8"',
            {"key": "accent", "colour": True},
        )
    return value


def _text_schema(pattern: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern})


#: CSS's sixteen basic colour keywords, each exactly one #RRGGBB (CSS Color Module Level 3, 4.1).
_CSS_BASIC_COLOURS = {
    "black": "#000000", "silver": "#C0C0C0", "gray": "#808080", "grey": "#808080", "white": "#FFFFFF",
    "maroon": "#800000", "red": "#FF0000", "purple": "#800080", "fuchsia": "#FF00FF", "green": "#008000",
    "lime": "#00FF00", "olive": "#808000", "yellow": "#FFFF00", "navy": "#000080", "blue": "#0000FF",
    "teal": "#008080", "aqua": "#00FFFF",
}  # fmt: skip


def colour_meant(written: str) -> str | None:
    """The #RRGGBB that ``written`` surely means, or ``None`` when it means no one colour.

    Sure are: six hex digits without ``#`` or after ``0x``, CSS's ``#abc`` for
    ``#aabbcc``, an opaque ``#rrggbbff``, ``rgb(29, 95, 168)``, a CSS basic
    colour keyword (``red``), and any of these with spaces or a ``;`` around.
    """
    text = written.strip().rstrip(";").strip()
    hexa = "[0-9a-fA-F]"
    if match := re.fullmatch(f"(?:#|0[xX])?({hexa}{{6}})", text):
        return "#" + match.group(1)
    if match := re.fullmatch(f"#({hexa})({hexa})({hexa})", text):
        return "#" + "".join(2 * digit for digit in match.groups())
    if match := re.fullmatch(f"#({hexa}{{6}})[fF]{{2}}", text):
        return "#" + match.group(1)
    if match := re.fullmatch(r"rgb\(\s*([0-9]{1,3})\s*,\s*([0-9]{1,3})\s*,\s*([0-9]{1,3})\s*\)", text, re.IGNORECASE):
        parts = [int(part) for part in match.groups()]
        return "#" + "".join(f"{part:02X}" for part in parts) if max(parts) <= 255 else None
    return _CSS_BASIC_COLOURS.get(text.lower())


def _colour(value: str) -> str:
    """A colour as #RRGGBB, else refused with what the written value means or lacks."""
    if re.fullmatch(COLOUR_PATTERN, value):
        return value
    shown = repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    meant = colour_meant(value)
    if meant is not None:
        raise ValueError(f'{shown}: write a colour as "#RRGGBB", in quotes; did you mean "{meant}"?')
    digits = value.strip()[1:]
    if value.strip().startswith("#") and re.fullmatch("[0-9a-fA-F]*", digits):
        raise ValueError(f"{shown} has {len(digits)} hex digits after the #; a colour has six: write #RRGGBB, e.g. #1F5FA8")
    wrong = sorted({char for char in digits if not re.fullmatch("[0-9a-fA-F]", char)})
    if value.strip().startswith("#") and len(digits) == 6 and len(wrong) <= 3:
        letters = ", ".join(repr(char) for char in wrong)
        raise ValueError(f"{shown}: {letters} {'is' if len(wrong) == 1 else 'are'} no hex digit (0-9, A-F); write #RRGGBB, e.g. #1F5FA8")
    raise ValueError(f"{shown} is not a colour; a colour is written #RRGGBB (six hex digits), e.g. #1F5FA8")


Colour = Annotated[
    str,
    AfterValidator(_colour),
    _text_schema(COLOUR_PATTERN),
]
FontName = Annotated[
    str,
    written_as(
        FONT_PATTERN,
        "{value} is not a font name; a font is named with letters, digits, spaces and hyphens "
        "(at most 63, starting with a letter or digit), e.g. Arial",
    ),
    _text_schema(FONT_PATTERN),
]
Email = Annotated[
    str,
    written_as(EMAIL_PATTERN, "{value} is not an e-mail address; write it as name@domain, e.g. info@telgte.de"),
    _text_schema(EMAIL_PATTERN),
]
Ags = Annotated[
    str,
    BeforeValidator(_ags),
    written_as(
        AGS_PATTERN, '{value} is not an official municipality key (AGS); it is eight digits, quoted, e.g. "05570044"'
    ),
    _text_schema(AGS_PATTERN),
]


#: The error type of a value YAML read as something other than text (``version: 1.10``):
#: the check answers it with the text as written in the file, which the value no longer holds.
QUOTE_ERROR = "quote_text"


def _version_text(value: Any) -> Any:
    """``version: 1.10`` is a number to YAML (it becomes ``1.1``): say to quote it.

    The message shows the value as read; the check shows what the file says
    instead (:mod:`strategy_kit.check.shape`).
    """
    if isinstance(value, int | float | dt.date):
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        example = f': version: "{shown}"' if len(shown) <= 40 else ""
        raise PydanticCustomError(
            QUOTE_ERROR, "quote the version so YAML keeps it as written{example}", {"key": "version", "example": example}
        )
    return value


class _TimeZoneSchema:
    """The schema of a time zone, the enum of :func:`time_zones`: built when a schema is, not on import."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "enum": list(time_zones()), "examples": ["Europe/Berlin"]}


TimeZone = Annotated[str, AfterValidator(_timezone), _TimeZoneSchema()]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently drop a value.

    ``.inf`` and ``.nan`` are valid YAML floats but no weight, score or budget:
    they would make every ranking undefined.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class FederalState(StrEnum):
    """The sixteen German Länder, spelled as in official statistics."""

    BW = "Baden-Württemberg"
    BY = "Bayern"
    BE = "Berlin"
    BB = "Brandenburg"
    HB = "Bremen"
    HH = "Hamburg"
    HE = "Hessen"
    MV = "Mecklenburg-Vorpommern"
    NI = "Niedersachsen"
    NW = "Nordrhein-Westfalen"
    RP = "Rheinland-Pfalz"
    SL = "Saarland"
    SN = "Sachsen"
    ST = "Sachsen-Anhalt"
    SH = "Schleswig-Holstein"
    TH = "Thüringen"


class Function(StrEnum):
    """Functions that matter to a strategy process (co-determination, privacy, equality)."""

    MAYOR = "mayor"
    DEPARTMENT_HEAD = "department-head"
    DATA_PROTECTION_OFFICER = "data-protection-officer"
    STAFF_COUNCIL = "staff-council"
    EQUALITY_OFFICER = "equality-officer"
    IT = "it"
    DIGITAL_OFFICER = "digital-officer"
    EXTERNAL_EXPERT = "external-expert"
    FACILITATOR = "facilitator"
    COUNCIL_MEMBER = "council-member"
    CITIZEN = "citizen"
    STAFF = "staff"


class SessionKind(StrEnum):
    """What happens in a session; the planner sums plenary and group time apart."""

    PLENARY = "plenary"
    KEYNOTE = "keynote"
    INPUT = "input"
    GROUP_WORK = "group-work"
    BREAK = "break"
    OTHER = "other"


class Status(StrEnum):
    """A project's place in its lifecycle, from idea pool to done or dropped."""

    IDEA = "idea"
    CANDIDATE = "candidate"
    PRIORITISED = "prioritised"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class Horizon(StrEnum):
    """When a project starts: now, within two years, within four years."""

    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class DocumentStatus(StrEnum):
    """Where a report stands on its way through the council: draft, proposed, adopted."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    ADOPTED = "adopted"


class Priority(StrEnum):
    """Measure-sheet priority: high starts now, medium within 2, low within 4 years."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: The common abbreviations of the Länder: the ISO 3166-2:DE codes (``NW``)
#: and the ones written in letters and letterheads (``NRW``, ``RLP``).
#: ``init --state`` and the ``state`` key share this table.
STATE_ABBREVIATIONS: dict[str, FederalState] = {
    **{state.name: state for state in FederalState},
    "BaWü": FederalState.BW,
    "BRB": FederalState.BB,
    "M-V": FederalState.MV,
    "NDS": FederalState.NI,
    "NRW": FederalState.NW,
    "RLP": FederalState.RP,
    "LSA": FederalState.ST,
}


def federal_state(text: str) -> FederalState:
    """The Land of a name or abbreviation, case ignored (``nrw``, ``NW``, ``Nordrhein-Westfalen``).

    Raises ``ValueError`` naming every accepted spelling.
    """
    wanted = text.strip().casefold()
    for spelling, state in (*STATE_ABBREVIATIONS.items(), *((s.value, s) for s in FederalState)):
        if wanted == spelling.casefold():
            return state
    names = ", ".join(f"{s.name} ({s.value})" for s in FederalState)
    raise ValueError(f"unknown federal state {text!r}; one of {names}")


def _spellings(words: dict[str, str]) -> dict[str, str]:
    """Each German word as typed in lower case and with a capital (``pause``, ``Pause``)."""
    table: dict[str, str] = {}
    for word, value in words.items():
        table[word] = value
        table[word[:1].upper() + word[1:]] = value
    return table


#: German words for session kinds, each naming exactly one kind.
SESSION_KIND_ALIASES: dict[str, str] = _spellings(
    {"plenum": "plenary", "impuls": "input", "gruppenarbeit": "group-work", "pause": "break", "sonstiges": "other"}
)
#: German words for project statuses, each naming exactly one status
#: (the words of the status column in a Digitale Agenda's measure table).
STATUS_ALIASES: dict[str, str] = _spellings(
    {
        "idee": "idea",
        "kandidat": "candidate",
        "priorisiert": "prioritised",
        "geplant": "planned",
        "in-umsetzung": "in-progress",
        "in Umsetzung": "in-progress",
        "erledigt": "done",
        "abgeschlossen": "done",
        "verworfen": "dropped",
    }
)
#: German words for a document's status, as written on the cover of a council paper.
DOCUMENT_STATUS_ALIASES: dict[str, str] = _spellings(
    {"entwurf": "draft", "zur Beschlussfassung": "proposed", "beschlossen": "adopted"}
)
#: The file's ``state`` key: a Land's name or one of its abbreviations, exactly as listed.
STATE_ALIASES: dict[str, str] = {spelling: state.value for spelling, state in STATE_ABBREVIATIONS.items()}


def canonical(value: Any, aliases: dict[str, str]) -> Any:
    """The canonical value an alias stands for; anything else unchanged (and judged by the enum)."""
    return aliases.get(value, value) if isinstance(value, str) else value


def resolve_alias(text: str, choices: type[StrEnum], aliases: dict[str, str]) -> str:
    """A value typed on the command line, case ignored: its canonical value, or ``ValueError``.

    ``erledigt``, ``Erledigt`` and ``done`` all give ``done``; the error lists
    the canonical values and the German words.
    """
    wanted = text.strip().casefold()
    for spelling, value in (*aliases.items(), *((c.value, c.value) for c in choices)):
        if wanted == str(spelling).casefold():
            return str(value)
    values = ", ".join(c.value for c in choices)
    raise ValueError(f"unknown value {text!r}; one of {values} ({_german(aliases)})")


def _enum_with_aliases(choices: type[StrEnum], aliases: dict[str, str]) -> dict[str, Any]:
    return {"type": "string", "enum": [*(c.value for c in choices), *aliases]}


def near_miss(value: str, spellings: dict[str, str]) -> str:
    """``; did you mean 'x'?`` for a word typed almost as accepted, or an empty string.

    ``spellings`` maps each accepted spelling to its canonical value. A word
    that differs only in case (``ERLEDIGT``) or by a slip (``Nordrhein
    Westfalen``) is answered with the accepted spelling; a compound holding an
    accepted word (``Mittagspause``) with that word's canonical value.
    """
    import difflib

    folded = value.strip().casefold()
    by_fold: dict[str, str] = {}
    for spelling in spellings:
        by_fold.setdefault(spelling.casefold(), spelling)
    if folded in by_fold:
        return f"; did you mean {by_fold[folded]!r}?"
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.75)
    if close:
        return f"; did you mean {by_fold[close[0]]!r}?"
    inside = [s for fold, s in by_fold.items() if len(fold) >= 4 and fold in folded]
    if inside:
        return f"; did you mean {spellings[max(inside, key=len)]!r}?"
    return ""


def _word(choices: type[StrEnum], aliases: dict[str, str], listing: str) -> Any:
    """The validator of a value or alias: the canonical value, or a message with the near miss."""
    values = [c.value for c in choices]
    spellings = {**{v: v for v in values}, **aliases}

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the enum says what it expected
        if value in spellings:
            return spellings[value]
        raise ValueError(
            f"{value!r} is not allowed; expected one of {', '.join(values)} ({listing}){near_miss(value, spellings)}"
        )

    return check


def _german(aliases: dict[str, str]) -> str:
    """``or in German: idee, ...``: each German word once, as written in lower case."""
    return "or in German: " + ", ".join(a for a in aliases if a[:1].islower())


State = Annotated[
    FederalState,
    BeforeValidator(_word(FederalState, STATE_ALIASES, "or an abbreviation: " + ", ".join(STATE_ABBREVIATIONS))),
    WithJsonSchema(_enum_with_aliases(FederalState, STATE_ALIASES)),
]
Kind = Annotated[
    SessionKind,
    BeforeValidator(_word(SessionKind, SESSION_KIND_ALIASES, _german(SESSION_KIND_ALIASES))),
    WithJsonSchema(_enum_with_aliases(SessionKind, SESSION_KIND_ALIASES)),
]
DocumentStatusValue = Annotated[
    DocumentStatus,
    BeforeValidator(_word(DocumentStatus, DOCUMENT_STATUS_ALIASES, _german(DOCUMENT_STATUS_ALIASES))),
    WithJsonSchema(_enum_with_aliases(DocumentStatus, DOCUMENT_STATUS_ALIASES)),
]
StatusValue = Annotated[
    Status,
    BeforeValidator(_word(Status, STATUS_ALIASES, _german(STATUS_ALIASES))),
    WithJsonSchema(_enum_with_aliases(Status, STATUS_ALIASES)),
]

class Municipality(Strict):
    name: Text = Field(
        title=_t("Name", "Name"),
        description=_d("Official name, e.g. 'Stadt Telgte'.", "Amtlicher Name, z. B. 'Stadt Telgte'."),
    )
    state: State = Field(
        title=_t("Federal state", "Bundesland"),
        description=_d("The Land the municipality belongs to.", "Das Bundesland der Kommune."),
    )
    ags: Ags | None = Field(
        None,
        title=_t("Official municipality key", "Amtlicher Gemeindeschlüssel (AGS)"),
        description=_d(
            "Eight digits; quote it so YAML keeps the leading zero.",
            "Acht Ziffern; in Anführungszeichen, damit die führende Null erhalten bleibt.",
        ),
    )


    logo: Text | None = Field(
        None,
        title=_t("Coat of arms or logo", "Wappen oder Logo"),
        description=_d(
            "A PNG, JPEG or SVG file next to the workshop file (a path relative to it, inside its folder); "
            "shown on the cover. Never fetched from the network.",
            "Eine PNG-, JPEG- oder SVG-Datei neben der Workshopdatei (Pfad relativ zu ihr, innerhalb ihres Ordners); "
            "erscheint auf dem Deckblatt. Wird nie aus dem Netz geladen.",
        ),
    )


class Photo(Strict):
    """A photo of a flipchart or pin board: a local image with what it shows, in words."""

    file: Text = Field(
        title=_t("File", "Datei"),
        description=_d(
            "A PNG or JPEG file, relative to the workshop file and inside its folder.",
            "Eine PNG- oder JPEG-Datei, relativ zur Workshopdatei und innerhalb ihres Ordners.",
        ),
    )
    caption: Text = Field(
        title=_t("Caption", "Bildunterschrift"), description=_d("Shown under the photo.", "Steht unter dem Foto.")
    )
    alt: Text = Field(
        title=_t("Alternative text", "Alternativtext"),
        description=_d(
            "What the photo shows, for readers who cannot see it (BITV 2.0).",
            "Was das Foto zeigt, für Menschen, die es nicht sehen (BITV 2.0).",
        ),
    )
    internal: bool = Field(False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten."))


class Workshop(Strict):
    title: Text = Field(title=_t("Title", "Titel"), description=_d("Workshop title.", "Titel des Workshops."))
    kind: Literal["kick-off", "design-sprint", "follow-up", "other"] = Field(
        "kick-off",
        title=_t("Kind", "Art"),
        description=_d(
            "Kick-off, design sprint, follow-up or other.",
            "Auftaktworkshop, Design-Sprint, Folgeworkshop oder sonstiges.",
        ),
    )
    organiser: Text = Field(
        title=_t("Organiser", "Veranstalter"),
        description=_d("The consultancy or unit running it.", "Beratung oder Stelle, die den Workshop durchführt."),
    )
    venue: Text | None = Field(None, title=_t("Venue", "Ort"), description=_d("Where it takes place.", "Veranstaltungsort."))
    timezone: TimeZone = Field(
        "Europe/Berlin",
        title=_t("Time zone", "Zeitzone"),
        description=_d("IANA time zone of all times.", "IANA-Zeitzone aller Uhrzeiten."),
    )
    language: Literal["de", "en"] = Field(
        "de",
        title=_t("Language", "Sprache"),
        description=_d("Language of agendas and reports.", "Sprache von Agenda und Bericht."),
    )
    goal: Text = Field(
        title=_t("Central goal", "Zielsetzung"),
        description=_d(
            "The anchor every field of action and project aligns with.",
            "Der Ankerpunkt, an dem sich Handlungsfelder und Projekte ausrichten.",
        ),
    )
    description: str | None = Field(
        None, title=_t("Description", "Beschreibung"), description=_d("Free text.", "Freitext.")
    )
    facilitators: list[Slug] = Field(
        default_factory=list,
        title=_t("Facilitators", "Moderation"),
        description=_d("Participant ids of the facilitators.", "Teilnehmer-IDs der Moderation."),
    )


class Department(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("Lowercase slug.", "Kleinbuchstaben-Kennung."))
    name: Text = Field(title=_t("Name", "Name"), description=_d("e.g. 'Fachbereich 1'.", "z. B. 'Fachbereich 1'."))


class Participant(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("Lowercase slug.", "Kleinbuchstaben-Kennung."))
    role: Text = Field(
        title=_t("Role", "Rolle"),
        description=_d(
            "What the person does; shown instead of a name in public documents.",
            "Funktion der Person; wird in öffentlichen Dokumenten statt des Namens gezeigt.",
        ),
    )
    name: Text | None = Field(
        None,
        title=_t("Name", "Name"),
        description=_d(
            "Optional. Only shown publicly when 'public' is true.",
            "Optional. Öffentlich nur sichtbar, wenn 'public' wahr ist.",
        ),
    )
    department: Slug | None = Field(
        None, title=_t("Department", "Fachbereich"), description=_d("A department id.", "Eine Fachbereichs-ID.")
    )
    organisation: Text | None = Field(
        None,
        title=_t("Organisation", "Organisation"),
        description=_d("For guests from outside the administration.", "Für Gäste außerhalb der Verwaltung."),
    )
    functions: list[Function] = Field(
        default_factory=list,
        title=_t("Functions", "Funktionen"),
        description=_d("Functions from the known set.", "Funktionen aus der bekannten Liste."),
    )
    public: bool = Field(
        False,
        title=_t("Consent to be named", "Einwilligung zur Namensnennung"),
        description=_d(
            "True only if the person agreed to be named in public documents (GDPR).",
            "Nur wahr, wenn die Person der Nennung in öffentlichen Dokumenten zugestimmt hat (DSGVO).",
        ),
    )
    email: Email | None = Field(
        None, title=_t("E-mail", "E-Mail"), description=_d("Optional contact.", "Optionaler Kontakt.")
    )
    attendance: list[Date] | None = Field(
        None,
        title=_t("Attendance", "Anwesenheit"),
        description=_d(
            "Dates the person attends; absent means every day.",
            "Tage, an denen die Person teilnimmt; fehlt die Angabe, alle Tage.",
        ),
    )


class ActualTimes(Strict):
    """When a session really ran, as the live room recorded it (``serve``): clock times of its day."""

    start: Clock = Field(title=_t("Actual start", "Tatsächlicher Beginn"), description=_d("Like '09:04'.", "Wie '09:04'."))
    end: EndClock = Field(
        title=_t("Actual end", "Tatsächliches Ende"), description=_d("Like '09:41'; after the start.", "Wie '09:41'; nach dem Beginn.")
    )


class Session(Strict):
    id: Slug | None = Field(
        None,
        title=_t("Id", "Kennung"),
        description=_d(
            "Optional; keeps calendar entries stable when titles change.",
            "Optional; hält Kalendereinträge stabil, wenn sich Titel ändern.",
        ),
    )
    title: Text = Field(title=_t("Title", "Titel"), description=_d("Session title.", "Titel der Einheit."))
    duration: Minutes = Field(
        title=_t("Duration", "Dauer"), description=_d("Like '45m' or '1h30m'.", "Wie '45m' oder '1h30m'.")
    )
    start: Clock | None = Field(
        None,
        title=_t("Fixed start", "Feste Startzeit"),
        description=_d("Locks the start, e.g. lunch at '12:30'.", "Fixiert den Beginn, z. B. Mittag um '12:30'."),
    )
    kind: Kind = Field(
        SessionKind.PLENARY,
        title=_t("Kind", "Art"),
        description=_d("plenary, keynote, input, group-work, break or other.", "Plenum, Keynote, Impuls, Gruppenarbeit, Pause oder sonstiges."),
    )
    method: Text | None = Field(None, title=_t("Method", "Methode"), description=_d("e.g. World Café.", "z. B. World Café."))
    lead: Slug | None = Field(
        None, title=_t("Lead", "Leitung"), description=_d("A participant id.", "Eine Teilnehmer-ID.")
    )
    track: Text | None = Field(
        None,
        title=_t("Parallel track", "Paralleler Strang"),
        description=_d(
            "Consecutive sessions with a track run side by side in one slot.",
            "Aufeinanderfolgende Einheiten mit Strang laufen parallel in einem Zeitfenster.",
        ),
    )
    outputs: list[Text] = Field(
        default_factory=list,
        title=_t("Expected outputs", "Erwartete Ergebnisse"),
        description=_d("What the session should produce.", "Was die Einheit hervorbringen soll."),
    )
    results: list[Text] = Field(
        default_factory=list,
        title=_t("Results", "Ergebnisse"),
        description=_d("What the session produced.", "Was die Einheit hervorgebracht hat."),
    )
    photos: list[Photo] = Field(
        default_factory=list,
        title=_t("Photos", "Fotos"),
        description=_d("Flipcharts and pin boards of the session.", "Flipcharts und Pinnwände der Einheit."),
    )
    actual: ActualTimes | None = Field(
        None,
        title=_t("Actual times", "Tatsächliche Zeiten"),
        description=_d(
            "When the session really started and ended; written by the live room.",
            "Wann die Einheit tatsächlich begann und endete; vom Live-Raum eingetragen.",
        ),
    )
    description: str | None = Field(None, title=_t("Description", "Beschreibung"), description=_d("Free text.", "Freitext."))
    internal: bool = Field(
        False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten.")
    )


class Block(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("Lowercase slug.", "Kleinbuchstaben-Kennung."))
    title: Text = Field(title=_t("Title", "Titel"), description=_d("Thematic block.", "Thematischer Block."))
    goal: Text | None = Field(None, title=_t("Goal", "Ziel"), description=_d("What the block is for.", "Wozu der Block dient."))
    sessions: list[Session] = Field(
        default_factory=list, title=_t("Sessions", "Einheiten"), description=_d("In running order.", "In zeitlicher Reihenfolge.")
    )
    results: list[Text] = Field(
        default_factory=list,
        title=_t("Results", "Ergebnisse"),
        description=_d("What the block produced.", "Was der Block hervorgebracht hat."),
    )
    photos: list[Photo] = Field(
        default_factory=list,
        title=_t("Photos", "Fotos"),
        description=_d("Flipcharts and pin boards of the block.", "Flipcharts und Pinnwände des Blocks."),
    )


class Day(Strict):
    date: Date = Field(title=_t("Date", "Datum"), description=_d("ISO date, e.g. 2019-03-05.", "ISO-Datum, z. B. 2019-03-05."))
    start: Clock = Field(title=_t("Start", "Beginn"), description=_d("Like '09:00'.", "Wie '09:00'."))
    end: EndClock = Field(
        title=_t("End", "Ende"),
        description=_d("Like '17:00'; '24:00' is midnight at the day's end.", "Wie '17:00'; '24:00' ist Mitternacht am Ende des Tages."),
    )
    title: Text | None = Field(None, title=_t("Title", "Titel"), description=_d("Optional day title.", "Optionaler Tagestitel."))
    blocks: list[Block] = Field(
        default_factory=list, title=_t("Blocks", "Blöcke"), description=_d("Thematic blocks.", "Thematische Blöcke.")
    )


class Maturity(Strict):
    current: Annotated[int, Field(ge=0, le=5, strict=True)] = Field(
        title=_t("Current", "Ist"), description=_d("Maturity today, 0-5.", "Reifegrad heute, 0-5.")
    )
    target: Annotated[int, Field(ge=0, le=5, strict=True)] = Field(
        title=_t("Target", "Soll"), description=_d("Maturity aimed for, 0-5.", "Angestrebter Reifegrad, 0-5.")
    )


class FieldOfAction(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("Lowercase slug.", "Kleinbuchstaben-Kennung."))
    title: Text = Field(title=_t("Title", "Titel"), description=_d("e.g. 'Digitales Rathaus'.", "z. B. 'Digitales Rathaus'."))
    description: str | None = Field(
        None, title=_t("Description", "Beschreibung"), description=_d("Target picture.", "Zielbild.")
    )
    goals: list[Text] = Field(default_factory=list, title=_t("Goals", "Ziele"), description=_d("Goals.", "Ziele."))
    maturity: Maturity | None = Field(
        None,
        title=_t("Baseline maturity", "Ausgangslage (Reifegrad)"),
        description=_d("Current and target on a 0-5 scale.", "Ist und Soll auf einer Skala von 0 bis 5."),
    )


class Scale(Strict):
    min: float = Field(0, title=_t("Minimum", "Minimum"), description=_d("Lowest score.", "Niedrigster Wert."))
    max: float = Field(5, title=_t("Maximum", "Maximum"), description=_d("Highest score.", "Höchster Wert."))


class Criterion(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("Lowercase slug.", "Kleinbuchstaben-Kennung."))
    title: Text = Field(title=_t("Title", "Titel"), description=_d("e.g. 'Wirkung'.", "z. B. 'Wirkung'."))
    description: str | None = Field(None, title=_t("Description", "Beschreibung"), description=_d("What is scored.", "Was bewertet wird."))
    weight: Annotated[float, Field(gt=0)] = Field(
        1, title=_t("Weight", "Gewicht"), description=_d("Relative weight.", "Relatives Gewicht.")
    )
    scale: Scale = Field(
        default_factory=Scale, title=_t("Scale", "Skala"), description=_d("Default 0 to 5.", "Standard 0 bis 5.")
    )
    direction: Literal["benefit", "cost"] = Field(
        "benefit",
        title=_t("Direction", "Richtung"),
        description=_d(
            "'cost' when a higher score is worse (effort, risk).",
            "'cost', wenn ein höherer Wert schlechter ist (Aufwand, Risiko).",
        ),
    )
    knockout: bool = Field(
        False,
        title=_t("Knock-out", "K.-o.-Kriterium"),
        description=_d(
            "A project scoring below the threshold is out, whatever its other scores.",
            "Ein Projekt unter der Schwelle scheidet aus, unabhängig von anderen Werten.",
        ),
    )
    threshold: float | None = Field(
        None,
        title=_t("Knock-out threshold", "K.-o.-Schwelle"),
        description=_d(
            "Lowest passing score; default: anything above the scale's minimum.",
            "Niedrigster bestehender Wert; Standard: alles über dem Skalenminimum.",
        ),
    )


class FundingSource(Strict):
    kind: Literal["own", "third-party", "grant", "staff"] = Field(
        title=_t("Kind", "Art"),
        description=_d("Own funds, third-party, grant (Fördermittel) or staff time.", "Eigenmittel, Drittmittel, Fördermittel oder Personal."),
    )
    name: Text | None = Field(None, title=_t("Name", "Bezeichnung"), description=_d("e.g. the programme.", "z. B. das Förderprogramm."))
    amount: Annotated[float, Field(ge=0, strict=True)] | None = Field(
        None, title=_t("Amount (EUR)", "Betrag (EUR)"), description=_d("In euros.", "In Euro.")
    )


#: The earliest and latest year a budget entry may name: a typo like 20211 is no plan.
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: The kinds of funding source, the words a budget year's ``source`` may name.
FUNDING_KINDS = ("own", "third-party", "grant", "staff")


class FundingYear(Strict):
    """Money planned and spent in one calendar year, from one source (one line of a budget table)."""

    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] = Field(
        title=_t("Year", "Jahr"), description=_d("The budget year, e.g. 2020.", "Das Haushaltsjahr, z. B. 2020.")
    )
    planned: Annotated[float, Field(ge=0, strict=True)] | None = Field(
        None, title=_t("Planned (EUR)", "Geplant (EUR)"), description=_d("Budgeted for the year.", "Für das Jahr veranschlagt.")
    )
    spent: Annotated[float, Field(ge=0, strict=True)] | None = Field(
        None, title=_t("Spent (EUR)", "Ausgegeben (EUR)"), description=_d("Spent in the year.", "Im Jahr ausgegeben.")
    )
    source: Text | None = Field(
        None,
        title=_t("Source", "Quelle"),
        description=_d(
            "own, third-party, grant or staff, or the name of one of the sources (a grant programme).",
            "own, third-party, grant oder staff, oder der Name einer der Quellen (ein Förderprogramm).",
        ),
    )
    note: str | None = Field(None, title=_t("Note", "Hinweis"), description=_d("Free text.", "Freitext."))


class Funding(Strict):
    budget: Annotated[float, Field(ge=0, strict=True)] | None = Field(
        None, title=_t("Budget (EUR)", "Budget (EUR)"), description=_d("Estimated cost.", "Geschätzte Kosten.")
    )
    sources: list[FundingSource] = Field(
        default_factory=list, title=_t("Sources", "Quellen"), description=_d("Where the money comes from.", "Woher das Geld kommt.")
    )
    years: list[FundingYear] = Field(
        default_factory=list,
        title=_t("Budget by year", "Haushalt nach Jahren"),
        description=_d(
            "Planned and spent amounts per year and source, one entry per year and source.",
            "Geplante und ausgegebene Beträge je Jahr und Quelle, ein Eintrag je Jahr und Quelle.",
        ),
    )
    note: str | None = Field(None, title=_t("Note", "Hinweis"), description=_d("Free text.", "Freitext."))


class Measurement(Strict):
    """One measured value of an indicator on a day: the dashboard's "Stand der Erhebung"."""

    date: Date = Field(title=_t("Date", "Datum"), description=_d("When it was measured.", "Wann gemessen wurde."))
    value: Measured = Field(title=_t("Value", "Wert"), description=_d('A number; "3,5" quoted.', 'Eine Zahl; "3,5" in Anführungszeichen.'))
    unit: str | None = Field(
        None, title=_t("Unit", "Einheit"), description=_d("Optional; the indicator's unit.", "Optional; die Einheit des Indikators.")
    )
    source: Text | None = Field(
        None, title=_t("Source", "Quelle"), description=_d("Where the value comes from.", "Woher der Wert stammt.")
    )
    note: str | None = Field(None, title=_t("Note", "Hinweis"), description=_d("Free text.", "Freitext."))


class Indicator(Strict):
    title: Text = Field(title=_t("Indicator", "Indikator"), description=_d("Measurable indicator.", "Messbarer Indikator."))
    unit: str | None = Field(None, title=_t("Unit", "Einheit"), description=_d("e.g. '%'.", "z. B. '%'."))
    baseline: float | None = Field(None, title=_t("Baseline", "Ausgangswert"), description=_d("Value today.", "Wert heute."))
    target: float | None = Field(None, title=_t("Target", "Zielwert"), description=_d("Value aimed for.", "Angestrebter Wert."))
    actual: float | None = Field(
        None,
        title=_t("Actual", "Istwert"),
        description=_d(
            "Latest measured value; with measurements, the latest one's value.",
            "Zuletzt gemessener Wert; bei Messungen der Wert der letzten.",
        ),
    )
    measurements: list[Measurement] = Field(
        default_factory=list,
        title=_t("Measurements", "Messungen"),
        description=_d("Measured values, oldest first.", "Gemessene Werte, älteste zuerst."),
    )
    due: Date | None = Field(None, title=_t("Due", "Stichtag"), description=_d("When the target should be met.", "Bis wann der Zielwert erreicht sein soll."))
    internal: bool = Field(False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten."))


class Milestone(Strict):
    date: Date = Field(title=_t("Date", "Datum"), description=_d("When it is due.", "Wann er erreicht sein soll."))
    title: Text = Field(title=_t("Milestone", "Meilenstein"), description=_d("What is reached.", "Was erreicht ist."))
    done: bool = Field(False, title=_t("Reached", "Erreicht"), description=_d("Whether it is reached.", "Ob er erreicht ist."))
    internal: bool = Field(False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten."))


class Costs(Strict):
    """What a measure costs, in euros: once and every year after (the measure sheet's Kosten)."""

    one_off: Annotated[float, Field(ge=0, strict=True)] | None = Field(
        None, title=_t("One-off costs (EUR)", "Einmalige Kosten (EUR)"), description=_d("Investment.", "Investition.")
    )
    yearly: Annotated[float, Field(ge=0, strict=True)] | None = Field(
        None,
        title=_t("Yearly costs (EUR)", "Jährliche Kosten (EUR)"),
        description=_d("Running costs per year: licences, operation, staff.", "Laufende Kosten je Jahr: Lizenzen, Betrieb, Personal."),
    )
    note: str | None = Field(None, title=_t("Note", "Hinweis"), description=_d("Free text.", "Freitext."))


class NextStep(Strict):
    action: Text = Field(title=_t("Action", "Schritt"), description=_d("What happens next.", "Was als Nächstes geschieht."))
    owner: Slug = Field(title=_t("Owner", "Verantwortlich"), description=_d("A department or participant id.", "Eine Fachbereichs- oder Teilnehmer-ID."))
    due: Date | None = Field(None, title=_t("Due", "Fällig"), description=_d("Due date.", "Fälligkeitsdatum."))
    done: bool = Field(False, title=_t("Done", "Erledigt"), description=_d("Whether it is done.", "Ob erledigt."))
    internal: bool = Field(False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten."))


class Project(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("Lowercase slug.", "Kleinbuchstaben-Kennung."))
    title: Text = Field(title=_t("Title", "Titel"), description=_d("Project or measure.", "Projekt oder Maßnahme."))
    fields: list[Slug] = Field(
        default_factory=list,
        title=_t("Fields of action", "Handlungsfelder"),
        description=_d("One or more field-of-action ids.", "Eine oder mehrere Handlungsfeld-IDs."),
    )
    description: str | None = Field(None, title=_t("Description", "Beschreibung"), description=_d("Free text.", "Freitext."))
    goal: str | None = Field(
        None,
        title=_t("Goal and expected effect", "Ziel und erwartete Wirkung"),
        description=_d("For the measure sheet.", "Für den Maßnahmensteckbrief."),
    )
    lead: Slug | None = Field(
        None,
        title=_t("Lead", "Federführung"),
        description=_d("A department or participant id.", "Eine Fachbereichs- oder Teilnehmer-ID."),
    )
    stakeholders: list[Text] = Field(
        default_factory=list,
        title=_t("Stakeholders", "Beteiligte"),
        description=_d("Inside and outside the administration.", "Innerhalb und außerhalb der Verwaltung."),
    )
    status: StatusValue = Field(
        Status.IDEA,
        title=_t("Status", "Status"),
        description=_d(
            "idea, candidate, prioritised, planned, in-progress, done or dropped.",
            "Idee, Kandidat, priorisiert, geplant, in Umsetzung, erledigt oder verworfen.",
        ),
    )
    horizon: Horizon | None = Field(
        None,
        title=_t("Horizon", "Zeithorizont"),
        description=_d(
            "short: start now; medium: within 2 years; long: within 4 years.",
            "short: sofort; medium: innerhalb von 2 Jahren; long: innerhalb von 4 Jahren.",
        ),
    )
    priority: Priority | None = Field(
        None,
        title=_t("Priority", "Priorität"),
        description=_d("Set by hand; otherwise derived from the ranking.", "Von Hand gesetzt; sonst aus der Rangfolge abgeleitet."),
    )
    scores: dict[Slug, Score] = Field(
        default_factory=dict,
        title=_t("Scores", "Bewertungen"),
        description=_d("Score per criterion id.", "Wert je Kriterium-ID."),
    )
    votes: Votes = Field(
        0, title=_t("Votes", "Stimmen"), description=_d("Dot votes of the room.", "Punkte aus der Bepunktung.")
    )
    start: PeriodValue | None = Field(
        None, title=_t("Start", "Beginn"), description=_d("A date or a quarter like 2027-Q1.", "Ein Datum oder ein Quartal wie 2027-Q1.")
    )
    end: PeriodValue | None = Field(
        None, title=_t("End", "Ende"), description=_d("A date or a quarter like 2028-Q4.", "Ein Datum oder ein Quartal wie 2028-Q4.")
    )
    milestones: list[Milestone] = Field(
        default_factory=list, title=_t("Milestones", "Meilensteine"), description=_d("Dated milestones.", "Meilensteine mit Datum.")
    )
    costs: Costs | None = Field(
        None, title=_t("Costs", "Kosten"), description=_d("One-off and yearly costs in EUR.", "Einmalige und jährliche Kosten in EUR.")
    )
    funding: Funding | None = Field(None, title=_t("Funding", "Finanzierung"), description=_d("Budget and sources.", "Budget und Quellen."))
    risks: list[Text] = Field(
        default_factory=list, title=_t("Risks", "Risiken"), description=_d("What could stop or delay it.", "Was sie aufhalten oder verzögern könnte.")
    )
    depends_on: list[Slug] = Field(
        default_factory=list,
        title=_t("Depends on", "Hängt ab von"),
        description=_d("Ids of projects that must come first.", "IDs der Projekte, die vorher kommen müssen."),
    )
    goals: list[Slug] = Field(
        default_factory=list,
        title=_t("Strategy goals", "Leitziele"),
        description=_d("Ids of the strategy's goals this measure serves.", "IDs der Leitziele der Strategie, denen die Maßnahme dient."),
    )
    indicators: list[Indicator] = Field(
        default_factory=list, title=_t("Indicators", "Indikatoren"), description=_d("Measurable indicators.", "Messbare Indikatoren.")
    )
    next_steps: list[NextStep] = Field(
        default_factory=list, title=_t("Next steps", "Nächste Schritte"), description=_d("With owner and due date.", "Mit Verantwortlichen und Termin.")
    )
    parent: Slug | None = Field(
        None, title=_t("Parent project", "Übergeordnetes Projekt"), description=_d("A project id.", "Eine Projekt-ID.")
    )
    progress: Annotated[int, Field(ge=0, le=100, strict=True)] | None = Field(
        None, title=_t("Progress", "Fortschritt"), description=_d("Percent done, 0-100.", "Prozent erledigt, 0-100.")
    )
    weight: Annotated[float, Field(gt=0)] = Field(
        1,
        title=_t("Weight in the parent's progress", "Gewicht im Fortschritt des übergeordneten Projekts"),
        description=_d(
            "How much this sub-project counts when its parent's progress is rolled up.",
            "Wie stark dieses Teilprojekt in den Fortschritt des übergeordneten Projekts eingeht.",
        ),
    )
    internal: bool = Field(False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten."))


class FollowUp(Strict):
    id: Slug | None = Field(None, title=_t("Id", "Kennung"), description=_d("Optional slug.", "Optionale Kennung."))
    title: Text = Field(title=_t("Title", "Titel"), description=_d("Workshop or meeting.", "Workshop oder Termin."))
    date: Date | None = Field(None, title=_t("Date", "Datum"), description=_d("When, if known.", "Wann, falls bekannt."))
    audience: Text | None = Field(
        None, title=_t("Audience", "Zielgruppe"), description=_d("e.g. politics and administration.", "z. B. Politik und Verwaltung.")
    )
    description: str | None = Field(None, title=_t("Description", "Beschreibung"), description=_d("Free text.", "Freitext."))
    internal: bool = Field(False, title=_t("Internal", "Intern"), description=_d("Left out of public documents.", "Nicht in öffentlichen Dokumenten."))


class DocumentInfo(Strict):
    """The report's frame as a council paper shows it: version, status, date, publisher."""

    version: Annotated[Text, BeforeValidator(_version_text)] | None = Field(
        None, title=_t("Version", "Version"), description=_d('e.g. "1.0"; quote it.', 'z. B. "1.0"; in Anführungszeichen.')
    )
    status: DocumentStatusValue | None = Field(
        None,
        title=_t("Status", "Status"),
        description=_d(
            "draft, proposed (for the council's decision) or adopted.",
            "Entwurf, zur Beschlussfassung oder beschlossen.",
        ),
    )
    adopted: Date | None = Field(
        None,
        title=_t("Adopted on", "Beschlossen am"),
        description=_d("The council's decision date; with status adopted.", "Datum des Ratsbeschlusses; mit Status beschlossen."),
    )
    date: Date | None = Field(
        None,
        title=_t("As of", "Stand"),
        description=_d(
            "The document's date; default: the file's last commit date, else today.",
            "Datum des Dokuments; sonst das Datum des letzten Commits der Datei, sonst heute.",
        ),
    )
    publisher: Text | None = Field(
        None, title=_t("Publisher", "Herausgeber"), description=_d("e.g. 'Stadt Telgte, Der Bürgermeister'.", "z. B. 'Stadt Telgte, Der Bürgermeister'.")
    )
    contact: Text | None = Field(
        None,
        title=_t("Contact", "Kontakt"),
        description=_d("An office's address, phone or mailbox; shown in the imprint.", "Anschrift, Telefon oder Funktionspostfach; steht im Impressum."),
    )


class Style(Strict):
    """A consultancy's or municipality's look in one place: accent colour and font."""

    accent: Annotated[Colour | None, BeforeValidator(_colour_given)] = Field(
        None, title=_t("Accent colour", "Akzentfarbe"), description=_d("Like '#1d5fa8'.", "Wie '#1d5fa8'.")
    )
    font: FontName | None = Field(
        None,
        title=_t("Font family", "Schriftart"),
        description=_d("An installed font, e.g. 'Arial'.", "Eine installierte Schrift, z. B. 'Arial'."),
    )


class ReportSettings(Strict):
    public: bool = Field(
        False,
        title=_t("Public by default", "Standardmäßig öffentlich"),
        description=_d(
            "Render reports as with --public: no names without consent, nothing internal.",
            "Berichte wie mit --public erzeugen: keine Namen ohne Einwilligung, nichts Internes.",
        ),
    )
    impact: Slug | None = Field(
        None, title=_t("Impact criterion", "Kriterium Wirkung"), description=_d("Criterion id for the matrix's impact axis.", "Kriterium-ID für die Wirkungsachse.")
    )
    effort: Slug | None = Field(
        None, title=_t("Effort criterion", "Kriterium Aufwand"), description=_d("Criterion id for the matrix's effort axis.", "Kriterium-ID für die Aufwandsachse.")
    )
    votes: Literal["tie-breaker", "criterion"] = Field(
        "tie-breaker",
        title=_t("Votes in the ranking", "Stimmen in der Rangfolge"),
        description=_d(
            "'tie-breaker': more votes rank first among equal scores; 'criterion': votes count as a weighted criterion.",
            "'tie-breaker': bei gleicher Punktzahl entscheiden die Stimmen; 'criterion': Stimmen zählen als gewichtetes Kriterium.",
        ),
    )
    votes_weight: Annotated[float, Field(gt=0)] = Field(
        1,
        title=_t("Weight of votes", "Gewicht der Stimmen"),
        description=_d("Weight when votes count as a criterion.", "Gewicht, wenn Stimmen als Kriterium zählen."),
    )
    document: DocumentInfo | None = Field(
        None,
        title=_t("Document", "Dokument"),
        description=_d("Version, status, date, publisher, contact.", "Version, Status, Stand, Herausgeber, Kontakt."),
    )
    style: Style | None = Field(
        None, title=_t("Style", "Gestaltung"), description=_d("Accent colour and font.", "Akzentfarbe und Schrift.")
    )


class LiveSettings(Strict):
    """How the live room (``serve``) turns the room's ballots into the file's values and how long it keeps them."""

    scores: Literal["mean", "median"] = Field(
        "mean",
        title=_t("Score of a scoring round", "Wert einer Bewertungsrunde"),
        description=_d(
            "The mean or the median of the room's scores of a project, written to its scores.",
            "Mittelwert oder Median der Bewertungen im Raum, eingetragen in die Bewertungen der Maßnahme.",
        ),
    )
    keep_ballots: bool = Field(
        True,
        title=_t("Keep the raw ballots", "Einzelstimmen aufbewahren"),
        description=_d(
            "false deletes a round's anonymous ballots from the journal once its totals are written.",
            "false löscht die anonymen Einzelstimmen einer Runde aus dem Journal, sobald ihre Summen eingetragen sind.",
        ),
    )


class StrategyReport(Strict):
    """The implementation report's frame, kept in the strategy file: the same keys as a workshop's ``report``."""

    document: DocumentInfo | None = Field(
        None,
        title=_t("Document", "Dokument"),
        description=_d(
            "The implementation report's version, status, date (default: the period's last day), publisher, contact.",
            "Version, Status, Stand (sonst der letzte Tag des Berichtszeitraums), Herausgeber und Kontakt des Umsetzungsberichts.",
        ),
    )
    style: Style | None = Field(
        None, title=_t("Style", "Gestaltung"), description=_d("Accent colour and font.", "Akzentfarbe und Schrift.")
    )


class WorkshopDocument(Strict):
    """One workshop: who, when, what was worked on, and what came out of it."""

    model_config = ConfigDict(
        title="strategy-kit workshop document / strategy-kit Workshop-Dokument",
    )

    version: Literal[1] = Field(
        title=_t("Format version", "Formatversion"), description=_d("Always 1.", "Immer 1.")
    )
    strategy: Text | None = Field(
        None,
        title=_t("Strategy file", "Strategiedatei"),
        description=_d(
            "Path of the shared strategy.yaml, relative to this file; its fields of action, "
            "criteria, departments and projects count as if written here.",
            "Pfad der gemeinsamen strategy.yaml, relativ zu dieser Datei; ihre Handlungsfelder, "
            "Kriterien, Fachbereiche und Projekte gelten, als stünden sie hier.",
        ),
    )
    municipality: Municipality = Field(title=_t("Municipality", "Kommune"), description=_d("Who the strategy is for.", "Für wen die Strategie ist."))
    workshop: Workshop = Field(title=_t("Workshop", "Workshop"), description=_d("Title, organiser, goal.", "Titel, Veranstalter, Zielsetzung."))
    departments: list[Department] = Field(
        default_factory=list, title=_t("Departments", "Fachbereiche"), description=_d("Organisational units.", "Organisationseinheiten.")
    )
    participants: list[Participant] = Field(
        default_factory=list, title=_t("Participants", "Teilnehmende"), description=_d("By role; names optional.", "Nach Rolle; Namen optional.")
    )
    days: list[Day] = Field(default_factory=list, title=_t("Days", "Tage"), description=_d("Workshop days.", "Workshoptage."))
    fields_of_action: list[FieldOfAction] = Field(
        default_factory=list, title=_t("Fields of action", "Handlungsfelder"), description=_d("Handlungsfelder.", "Handlungsfelder.")
    )
    criteria: list[Criterion] = Field(
        default_factory=list, title=_t("Criteria", "Kriterien"), description=_d("Prioritisation criteria.", "Priorisierungskriterien.")
    )
    projects: list[Project] = Field(
        default_factory=list, title=_t("Projects", "Projekte"), description=_d("Candidate projects and measures.", "Projektkandidaten und Maßnahmen.")
    )
    follow_ups: list[FollowUp] = Field(
        default_factory=list, title=_t("Follow-ups", "Folgetermine"), description=_d("Later workshops and meetings.", "Spätere Workshops und Termine.")
    )
    report: ReportSettings | None = Field(
        None, title=_t("Report settings", "Berichtseinstellungen"), description=_d("Defaults for reports.", "Vorgaben für Berichte.")
    )
    live: LiveSettings | None = Field(
        None,
        title=_t("Live room", "Live-Raum"),
        description=_d("How the room's votes and scores are counted and kept.", "Wie Stimmen und Bewertungen im Raum gezählt und aufbewahrt werden."),
    )

    def participant(self, pid: str) -> Participant | None:
        return next((p for p in self.participants if p.id == pid), None)

    def department(self, did: str) -> Department | None:
        return next((d for d in self.departments if d.id == did), None)


TOP_LEVEL_ORDER = tuple(WorkshopDocument.model_fields)


class StrategyGoal(Strict):
    id: Slug = Field(title=_t("Id", "Kennung"), description=_d("e.g. 'ziel-1'.", "z. B. 'ziel-1'."))
    title: Text = Field(
        title=_t("Goal", "Ziel"),
        description=_d("A numbered goal (Leitziel).", "Ein nummeriertes Leitziel."),
    )
    description: str | None = Field(
        None, title=_t("Description", "Beschreibung"), description=_d("Free text.", "Freitext.")
    )
    due: Date | None = Field(
        None,
        title=_t("Due", "Zieldatum"),
        description=_d("When it should be reached.", "Bis wann es erreicht sein soll."),
    )


class StrategyDocument(Strict):
    """A strategy shared by many workshop files: vision, goals, fields of action, portfolio.

    Workshop files point at it with ``strategy: ../strategy.yaml`` instead of
    repeating it; the project portfolio here carries each project's lifecycle.
    """

    model_config = ConfigDict(
        title="strategy-kit strategy document / strategy-kit Strategie-Dokument",
    )

    version: Literal[1] = Field(
        title=_t("Format version", "Formatversion"), description=_d("Always 1.", "Immer 1.")
    )
    kind: Literal["strategy"] = Field(
        title=_t("Document kind", "Dokumentart"),
        description=_d(
            "Always 'strategy'; tells it apart from a workshop file.",
            "Immer 'strategy'; unterscheidet sie von einer Workshopdatei.",
        ),
    )
    municipality: Municipality = Field(
        title=_t("Municipality", "Kommune"),
        description=_d("Who the strategy is for.", "Für wen die Strategie ist."),
    )
    title: Text = Field(
        title=_t("Title", "Titel"),
        description=_d("e.g. 'Digitale Agenda'.", "z. B. 'Digitale Agenda'."),
    )
    vision: Text = Field(
        title=_t("Vision", "Leitbild"), description=_d("The vision sentence.", "Der Leitbild-Satz.")
    )
    review: Date | None = Field(
        None,
        title=_t("Next review", "Nächste Überprüfung"),
        description=_d(
            "When the strategy is reviewed next.",
            "Wann die Strategie das nächste Mal überprüft wird.",
        ),
    )
    report: StrategyReport | None = Field(
        None,
        title=_t("Implementation report", "Umsetzungsbericht"),
        description=_d(
            "The implementation report's frame: document (version, status, publisher, contact) and style.",
            "Rahmen des Umsetzungsberichts: Dokument (Version, Status, Herausgeber, Kontakt) und Gestaltung.",
        ),
    )
    goals: list[StrategyGoal] = Field(
        default_factory=list,
        title=_t("Goals", "Leitziele"),
        description=_d("Numbered goals.", "Nummerierte Ziele."),
    )
    departments: list[Department] = Field(
        default_factory=list,
        title=_t("Departments", "Fachbereiche"),
        description=_d("Organisational units.", "Organisationseinheiten."),
    )
    fields_of_action: list[FieldOfAction] = Field(
        default_factory=list,
        title=_t("Fields of action", "Handlungsfelder"),
        description=_d("Handlungsfelder.", "Handlungsfelder."),
    )
    criteria: list[Criterion] = Field(
        default_factory=list,
        title=_t("Criteria", "Kriterien"),
        description=_d("Prioritisation criteria.", "Priorisierungskriterien."),
    )
    projects: list[Project] = Field(
        default_factory=list,
        title=_t("Project portfolio", "Projektportfolio"),
        description=_d(
            "Projects with their lifecycle status.", "Projekte mit ihrem Status im Lebenszyklus."
        ),
    )

STRATEGY_TOP_LEVEL_ORDER = tuple(StrategyDocument.model_fields)
