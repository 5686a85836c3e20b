"""Messages a clerk can act on, and the German words and spellings the format accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy_kit.check.validate import check_source
from strategy_kit.document.model import (
    STATE_ABBREVIATIONS,
    STATUS_ALIASES,
    FederalState,
    SessionKind,
    Status,
    WorkshopDocument,
    federal_state,
    resolve_alias,
)
from strategy_kit.files.source import decode

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml").read_text(encoding="utf-8")


def checked(old: str, new: str) -> tuple[WorkshopDocument | None, list[str]]:
    assert old in EXAMPLE
    result = check_source(decode(EXAMPLE.replace(old, new, 1).encode("utf-8"), "telgte.yaml"))
    return result.document, [f"{d.line}:{d.column}: {d.path}: {d.message}" for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("05.03.2027", "write the date as year-month-day; did you mean 2027-03-05?"),
        ("5.3.2027", "write the date as year-month-day; did you mean 2027-03-05?"),
        (
            "31.02.2027",
            "'31.02.2027' is no date in the calendar (February 2027 has 28 days); write a date as year-month-day",
        ),
        ("05.03.27", "write the date as year-month-day with all four digits of the year, like 2027-03-05 (not 05.03.27)"),
    ],
)
def test_a_german_date_is_answered_with_its_iso_form(written: str, answer: str) -> None:
    document, errors = checked("date: 2019-03-05", f"date: {written}")
    assert document is None
    assert errors == [f"120:11: days[0].date: {answer}"]


@pytest.mark.parametrize(("written", "quoted"), [("05570028", "05570028"), ("12345678", "12345678")])
def test_an_unquoted_ags_is_answered_with_its_quoted_form(written: str, quoted: str) -> None:
    _, errors = checked('ags: "05570044"', f"ags: {written}")
    assert errors == [f'16:8: municipality.ags: quote the value so YAML keeps every digit: ags: "{quoted}"']


@pytest.mark.parametrize("written", ["NRW", "NW", "Nordrhein-Westfalen"])
def test_a_state_may_be_written_as_its_common_abbreviation(written: str) -> None:
    document, errors = checked("state: Nordrhein-Westfalen", f"state: {written}")
    assert errors == []
    assert document is not None and document.municipality.state is FederalState.NW


def test_one_table_of_abbreviations_serves_the_file_and_init() -> None:
    from strategy_kit.change.init import parse_state

    for spelling, state in STATE_ABBREVIATIONS.items():
        assert federal_state(spelling.lower()) is state
        assert parse_state(spelling) is state
    assert parse_state("rlp") is FederalState.RP
    with pytest.raises(ValueError, match="unknown federal state 'NRV'"):
        federal_state("NRV")


@pytest.mark.parametrize(("word", "kind"), [("pause", SessionKind.BREAK), ("Pause", SessionKind.BREAK), ("Gruppenarbeit", SessionKind.GROUP_WORK)])
def test_a_session_kind_may_be_a_german_word(word: str, kind: SessionKind) -> None:
    document, errors = checked("kind: break", f"kind: {word}")
    assert errors == []
    assert document is not None
    assert document.days[0].blocks[0].sessions[2].kind is kind


def test_a_wrong_kind_still_lists_the_kinds() -> None:
    _, errors = checked("kind: break", "kind: pausen")
    assert len(errors) == 1 and "expected one of plenary, keynote, input, group-work, break, other" in errors[0]


def test_a_status_may_be_a_german_word_and_resolves_to_its_value() -> None:
    document, errors = checked("status: prioritised", "status: erledigt")
    assert errors == []
    assert document is not None
    assert Status.DONE in {p.status for p in document.projects}


def test_the_command_line_resolves_status_words_case_ignored() -> None:
    assert resolve_alias("Erledigt", Status, STATUS_ALIASES) == "done"
    assert resolve_alias("in umsetzung", Status, STATUS_ALIASES) == "in-progress"
    assert resolve_alias("DONE", Status, STATUS_ALIASES) == "done"
    with pytest.raises(ValueError, match="in German: idee, kandidat"):
        resolve_alias("fertig", Status, STATUS_ALIASES)


@pytest.mark.parametrize("written", ['"1:30"', "1:30", '"1,5h"', "1.5h", "90min", "1h30m"])
def test_durations_as_clock_or_decimal_hours_are_accepted(written: str) -> None:
    # The day's last session: an hour more overruns the day (a warning), collides with nothing.
    last = "Rückblick und Ausblick auf den zweiten Tag\n            duration: 30m"
    document, errors = checked(last, last.replace("30m", written))
    assert errors == []
    assert document is not None and document.days[0].blocks[-1].sessions[-1].duration == 90


SCORES = "scores: {wirkung: 5, dringlichkeit: 5, aufwand: 4, foerderung: 4, umsetzbar: 1}"
BLOCK = "scores:\n      wirkung: {}\n      dringlichkeit: 5\n      aufwand: 4\n      foerderung: 4\n      umsetzbar: 1"


@pytest.mark.parametrize("written", ['"3,5"', "3,5", "3.5", '"3.5"'])
def test_a_score_with_a_decimal_comma_is_accepted(written: str) -> None:
    document, errors = checked(SCORES, BLOCK.format(written))
    assert errors == []
    assert document is not None and 3.5 in {p.scores.get("wirkung") for p in document.projects}


def test_a_score_with_a_decimal_comma_is_held_to_the_scale() -> None:
    _, errors = checked(SCORES, BLOCK.format("9,5"))
    assert len(errors) == 1 and "score 9.5 lies outside the scale 0-5" in errors[0]


def test_a_score_that_is_no_number_says_how_to_write_one() -> None:
    _, errors = checked(SCORES, BLOCK.format("viel"))
    assert len(errors) == 1 and errors[0].endswith("'viel' is not a number; write it like 3 or 3,5")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("true", "votes are a whole number like 12, not true or false"),
        ("10001", "10001 votes is more than 10 000; a room gives far fewer dots, is it a typo?"),
        ('"1,5"', "'1,5' is not a number of votes; write a whole number like 12"),
    ],
)
def test_votes_beyond_a_count_are_refused(written: str, message: str) -> None:
    _, errors = checked("    votes: 12\n", f"    votes: {written}\n")
    assert [e.split(": ", 2)[2] for e in errors] == [message]


def test_votes_written_as_text_count_as_check_reads_them() -> None:
    document, errors = checked("    votes: 12\n", '    votes: "12"\n')
    assert errors == [] and document is not None and document.projects[0].votes == 12


def test_an_impossible_date_is_named_by_its_path() -> None:
    document, errors = checked("date: 2019-03-05", "date: 2027-02-30")
    assert document is None
    assert errors == [
        "120:11: days[0].date: '2027-02-30' is no date in the calendar (February 2027 has 28 days); "
        "write a date as year-month-day"
    ]


NAMES = (
    "Baden-Württemberg, Bayern, Berlin, Brandenburg, Bremen, Hamburg, Hessen, Mecklenburg-Vorpommern, "
    "Niedersachsen, Nordrhein-Westfalen, Rheinland-Pfalz, Saarland, Sachsen, Sachsen-Anhalt, "
    "Schleswig-Holstein, Thüringen"
)
ABBREVIATIONS = "BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH, BaWü, BRB, M-V, NDS, NRW, RLP, LSA"


@pytest.mark.parametrize(
    ("old", "written", "message"),
    [
        (
            "status: prioritised",
            "ERLEDIGT",
            "'ERLEDIGT' is not allowed; expected one of idea, candidate, prioritised, planned, in-progress, done, "
            "dropped (or in German: idee, kandidat, priorisiert, geplant, in-umsetzung, in Umsetzung, erledigt, "
            "abgeschlossen, verworfen); did you mean 'erledigt'?",
        ),
        (
            "status: prioritised",
            "Done",
            "'Done' is not allowed; expected one of idea, candidate, prioritised, planned, in-progress, done, "
            "dropped (or in German: idee, kandidat, priorisiert, geplant, in-umsetzung, in Umsetzung, erledigt, "
            "abgeschlossen, verworfen); did you mean 'done'?",
        ),
        (
            "kind: break",
            "Mittagspause",
            "'Mittagspause' is not allowed; expected one of plenary, keynote, input, group-work, break, other "
            "(or in German: plenum, impuls, gruppenarbeit, pause, sonstiges); did you mean 'break'?",
        ),
        (
            "kind: break",
            "PAUSE",
            "'PAUSE' is not allowed; expected one of plenary, keynote, input, group-work, break, other "
            "(or in German: plenum, impuls, gruppenarbeit, pause, sonstiges); did you mean 'pause'?",
        ),
        (
            "state: Nordrhein-Westfalen",
            "nrw",
            f"'nrw' is not allowed; expected one of {NAMES} (or an abbreviation: {ABBREVIATIONS}); did you mean 'NRW'?",
        ),
        (
            "state: Nordrhein-Westfalen",
            "Nordrhein Westfalen",
            f"'Nordrhein Westfalen' is not allowed; expected one of {NAMES} (or an abbreviation: {ABBREVIATIONS}); "
            "did you mean 'Nordrhein-Westfalen'?",
        ),
    ],
)
def test_a_near_miss_of_a_word_is_answered_with_the_word(old: str, written: str, message: str) -> None:
    _, errors = checked(old, old.split(": ")[0] + ": " + written)
    assert [e.split(": ", 2)[2] for e in errors] == [message]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("  - date: 2019-03-05", "  - date: 01.04.2019", "days[0].date"),
        ("    start: 2019-Q2", "    start: 01.04.2019", "projects[stadtportal].start"),
        ("    start: 2019-Q2", "    start: 1.4.2019", "projects[stadtportal].start"),
        ("    end: 2020-Q4", "    end: 1.4.2019", "projects[stadtportal].end"),
        ("      - date: 2019-09-30", "      - date: 1.4.2019", "projects[stadtportal].milestones[0].date"),
        ("        due: 2019-06-30", "        due: 01.04.2019", "projects[stadtportal].next_steps[0].due"),
        ("        due: 2021-06-30", "        due: 1.4.2019", "projects[infrastruktur-zukunft].indicators[0].due"),
        ("    date: 2019-05-14", "    date: 1.4.2019", "follow_ups[konkretisierung-1].date"),
        ("    date: 2019-03-29", "    date: 01.04.2019", "report.document.date"),
        ("    status: entwurf\n", "    status: beschlossen\n    adopted: 1.4.2019\n", "report.document.adopted"),
    ],
)
def test_a_german_date_in_any_date_key_is_answered_with_its_iso_form(old: str, new: str, path: str) -> None:
    document, errors = checked(old, new)
    assert document is None
    assert [e.split(": ", 1)[1] for e in errors] == [f"{path}: write the date as year-month-day; did you mean 2019-04-01?"]


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("2019-q3", "write a quarter as year-Q-number; did you mean 2019-Q3?"),
        ("2019 Q3", "write a quarter as year-Q-number; did you mean 2019-Q3?"),
        ("Q3/2019", "write a quarter as year-Q-number; did you mean 2019-Q3?"),
        ("Q3 2019", "write a quarter as year-Q-number; did you mean 2019-Q3?"),
        ("q3-2019", "write a quarter as year-Q-number; did you mean 2019-Q3?"),
        ("2019-Q5", "'2019-Q5': a quarter is Q1 to Q4, like 2027-Q1"),
        ("Q0 2019", "'Q0 2019': a quarter is Q1 to Q4, like 2027-Q1"),
        ("2019-02-30", "'2019-02-30' is no date in the calendar (February 2019 has 28 days); write a date as year-month-day"),
        ("2020-02-30", "'2020-02-30' is no date in the calendar (February 2020 has 29 days); write a date as year-month-day"),
        ("0000-01-01", "'0000-01-01' is no date in the calendar (the calendar has no year 0); write a date as year-month-day"),
        ("99999-01-01", "'99999-01-01': a year has four digits here; write a date like 2027-03-05"),
        ("2019-4-1", "write the date as year-month-day with two-digit month and day; did you mean 2019-04-01?"),
        ('""', "'' is no date or quarter; write 2027-03-05 or 2027-Q1"),
        ("[2019-Q3]", "expected a date like 2027-03-05 or a quarter like 2027-Q1"),
        ("2019-07-01T10:00:00", "a date here has no time of day; did you mean 2019-07-01?"),
    ],
)
def test_a_start_in_another_spelling_is_answered_with_the_formats(written: str, answer: str) -> None:
    document, errors = checked("    start: 2019-Q2", f"    start: {written}")
    assert document is None
    assert [e.split(": ", 1)[1] for e in errors] == [f"projects[stadtportal].start: {answer}"]
