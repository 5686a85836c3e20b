"""The rules of the workshop document, each pinned to its exact line and column."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import check_file, check_source, load_document
from strategy_kit.document.diagnostics import Diagnostic, Exit
from strategy_kit.files.source import decode

MINIMAL = """\
version: 1
municipality:
  name: Stadt Beispiel
  state: Nordrhein-Westfalen
workshop:
  title: Auftakt
  organiser: Beratung
  goal: Ein Ziel
departments:
  - id: fb1
    name: Fachbereich 1
participants:
  - id: dsb
    role: Datenschutzbeauftragte
    department: fb1
    functions: [data-protection-officer, staff-council, equality-officer]
days:
  - date: 2024-03-05
    start: "09:00"
    end: "12:00"
    blocks:
      - id: start
        title: Start
        goal: Ankommen
        sessions:
          - title: Begrüßung
            duration: 30m
            lead: dsb
fields_of_action:
  - id: rathaus
    title: Digitales Rathaus
criteria:
  - id: wirkung
    title: Wirkung
projects:
  - id: portal
    title: Portal
    fields: [rathaus]
    lead: fb1
    scores: {wirkung: 4}
"""


def check(text: str) -> list[Diagnostic]:
    return check_source(decode(text.encode(), "w.yaml")).diagnostics


def only(text: str) -> Diagnostic:
    """The single error in ``text`` (warnings a change provokes elsewhere are ignored)."""
    found = [d for d in check(text) if d.severity == "error"]
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_minimal_document_is_valid() -> None:
    result = check_source(decode(MINIMAL.encode(), "w.yaml"))
    assert result.diagnostics == []
    assert result.exit_code == Exit.OK
    assert result.document is not None
    assert result.document.days[0].blocks[0].sessions[0].duration == 30


def test_telgte_example_is_valid_without_warnings(examples: Path) -> None:
    result = check_file(examples / "telgte.yaml")
    assert result.diagnostics == []
    document = result.document
    assert document is not None
    staff = [p for p in document.participants if "facilitator" not in p.functions]
    assert len(staff) == 15
    assert {p.department for p in staff} - {None} == {"fb1", "fb2", "fb3", "fb4"}
    assert [f.title for f in document.fields_of_action] == [
        "Infrastruktur",
        "Digitales Rathaus",
        "Miteinander vernetzt",
        "Personal und Organisation",
        "Nachhaltigkeit",
        "Mobiles Arbeiten",
        "Mobilität",
    ]
    assert [p.title for p in document.projects] == [
        "Stadtportal mit Online-Services",
        "Smarte Mobilität",
        "Zukunftsfähige Infrastruktur",
        "Datenaustausch",
    ]
    assert all(p.name is None for p in document.participants)


def test_unknown_reference_points_at_the_value_with_a_suggestion() -> None:
    d = only(MINIMAL.replace("fields: [rathaus]", "fields: [rathuas]"))
    assert (d.line, d.column, d.severity) == (38, 14, "error")
    assert d.path == "projects[portal].fields[0]"
    assert d.message == "unknown field of action 'rathuas'; did you mean 'rathaus'?"
    assert str(d).startswith("w.yaml:38:14: error: projects[portal].fields[0]: ")


def test_unknown_key_points_at_the_key_with_a_suggestion() -> None:
    d = only(MINIMAL.replace("    goal: Ankommen", "    gaol: Ankommen"))
    assert (d.line, d.column) == (24, 9)
    assert d.path == "days[0].blocks[start].gaol"
    assert d.message == "unknown key 'gaol'; did you mean 'goal'?"


def test_wrong_type_points_at_the_value() -> None:
    d = only(MINIMAL.replace("duration: 30m", "duration: [30]"))
    assert (d.line, d.column) == (27, 23)
    assert "duration" in d.path
    d = only(MINIMAL.replace("    scores: {wirkung: 4}", "    scores: {wirkung: viel}"))
    assert (d.line, d.column) == (40, 23)
    assert d.path == "projects[portal].scores.wirkung"


def test_syntax_error_has_its_line_and_column() -> None:
    d = only(MINIMAL.replace("  title: Auftakt", "  title: [Auftakt"))
    assert d.line == 7 and d.column == 12
    assert d.message.startswith("YAML syntax:")


def test_missing_key_points_at_the_mapping_that_lacks_it() -> None:
    d = only(MINIMAL.replace("  goal: Ein Ziel\n", ""))
    assert (d.line, d.column) == (6, 3)
    assert d.path == "workshop"
    assert d.message == "missing required key 'goal'"


def test_wrong_enum_value_suggests_the_close_one() -> None:
    d = only(MINIMAL.replace("  state: Nordrhein-Westfalen", "  state: Nordrhein Westfalen"))
    assert d.message.endswith("did you mean 'Nordrhein-Westfalen'?")


def test_version_other_than_one_is_refused_clearly() -> None:
    d = only(MINIMAL.replace("version: 1", "version: 2"))
    assert d.message == "unsupported format version 2; this strategy-kit reads version 1"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - id: portal", "  - id: Portal!", "'Portal!' is not a valid id: use lowercase letters, digits and single hyphens such as 'portal'"),
        ("duration: 30m", "duration: 30", "write the unit: '30m' for minutes or '30h' for hours"),
        ("duration: 30m", "duration: 0m", "a duration must be longer than zero minutes"),
        ('start: "09:00"', 'start: "9 Uhr"', "not a time of day: '9 Uhr'; write it on the 24-hour clock like '09:30'"),
        ("  goal: Ein Ziel", "  goal: Ein Ziel\n  timezone: Europe/Bonn", "unknown time zone 'Europe/Bonn'; for Germany use 'Europe/Berlin'"),
    ],
)
def test_value_errors_read_as_sentences(old: str, new: str, message: str) -> None:
    assert only(MINIMAL.replace(old, new, 1)).message == message


def test_every_problem_is_reported_at_once() -> None:
    text = (
        MINIMAL.replace("fields: [rathaus]", "fields: [nope]")
        .replace("    goal: Ankommen", "    gaol: Ankommen")
        .replace("lead: fb1", "lead: fb9")
        .replace("  title: Auftakt", "  title: 42")
    )
    found = check(text)
    assert [d.line for d in found] == sorted(d.line for d in found)
    messages = " | ".join(d.message for d in found)
    for part in ("unknown field of action 'nope'", "unknown key 'gaol'", "unknown department or participant 'fb9'", "expected text"):
        assert part in messages


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("departments:\n", "departments:\n  - id: dsb\n    name: Stab\n", 15, "id 'dsb' names both a department and a participant"),
        ("    fields: [rathaus]", "    fields: []", 38, "a project needs at least one field of action"),
        ("    fields: [rathaus]\n", "", 36, "a project needs at least one field of action"),
        ("scores: {wirkung: 4}", "scores: {wirkng: 4}", 40, "score for unknown criterion 'wirkng'; did you mean 'wirkung'?"),
        ("scores: {wirkung: 4}", "scores: {wirkung: 7}", 40, "score 7 lies outside the scale 0-5 of criterion 'wirkung'"),
        ('end: "12:00"', 'end: "08:00"', 20, "the day ends at 08:00 before it starts at 09:00"),
        ("            lead: dsb", "            lead: dbs", 28, "unknown participant 'dbs'; did you mean 'dsb'?"),
        ("    department: fb1", "    department: fb2", 15, "unknown department 'fb2'; did you mean 'fb1'?"),
        ("    scores: {wirkung: 4}", "    scores: {wirkung: 4}\n    parent: portal", 41, "a project cannot be its own parent"),
        ("            duration: 30m", '            duration: 2h\n            start: "23:00"', 26, "the day runs past midnight (to 01:00 the next day)"),
    ],
)
def test_reference_and_domain_errors(old: str, new: str, line: int, message: str) -> None:
    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL
    errors = [d for d in check(text) if d.severity == "error"]
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert errors[0].line == line
    assert errors[0].message.startswith(message)


def test_duplicate_ids_name_the_first_use() -> None:
    text = MINIMAL.replace(
        "criteria:\n  - id: wirkung\n    title: Wirkung\n",
        "criteria:\n  - id: wirkung\n    title: Wirkung\n  - id: wirkung\n    title: Nochmal\n",
    )
    d = only(text)
    assert d.message == "duplicate criterion id 'wirkung'; first used on line 33"
    assert (d.line, d.column) == (35, 9)


def test_cycle_of_parents_is_an_error() -> None:
    text = MINIMAL + textwrap.indent(
        "- id: a\n  title: A\n  fields: [rathaus]\n  parent: b\n- id: b\n  title: B\n  fields: [rathaus]\n  parent: a\n",
        "  ",
    )
    d = only(text)
    assert d.message == "projects form a cycle of parents: a -> b -> a"


def test_attendance_must_name_a_workshop_day() -> None:
    d = only(MINIMAL.replace("    department: fb1\n", "    department: fb1\n    attendance: [2024-03-06]\n"))
    assert d.message == "2024-03-06 is not a workshop day"
    assert d.line == 16


def test_warnings_do_not_fail_but_strict_does() -> None:
    text = MINIMAL.replace(
        "departments:\n", "departments:\n  - id: fb2\n    name: Fachbereich 2\n"
    ).replace("[data-protection-officer, staff-council, equality-officer]", "[data-protection-officer]")
    text = text.replace("fields_of_action:\n", "fields_of_action:\n  - id: leer\n    title: Leer\n    maturity: {current: 3, target: 2}\n")
    result = check_source(decode(text.encode(), "w.yaml"))
    assert result.exit_code == Exit.OK
    assert [d.severity for d in result.diagnostics] == ["warning"] * 4
    messages = [d.message for d in result.diagnostics]
    assert "department 'fb2' has no participant" in messages
    assert messages[1].startswith("no participant with function staff-council, equality-officer")
    assert "field of action 'leer' has no project yet" in messages
    assert "target maturity 2 is below the current 3" in messages
    from strategy_kit.document.diagnostics import exit_status

    assert exit_status(result.diagnostics, strict=True) == Exit.INVALID


def test_odd_shapes_are_described_in_words() -> None:
    text = MINIMAL.replace("  - date: 2024-03-05", "  - 1\n  - date: 2024-03-05").replace(
        "    fields: [rathaus]", "    fields: rathaus"
    )
    messages = {d.path: d.message for d in check(text) if d.severity == "error"}
    assert messages["days[0]"] == "expected a mapping of keys, got the number 1"
    assert messages["projects[portal].fields"] == "expected a list, got text 'rathaus'"


def test_an_impossible_date_is_an_error_at_its_place() -> None:
    d = only(MINIMAL.replace("  - date: 2024-03-05", "  - date: 2024-13-05"))
    assert (d.line, d.column) == (18, 11)
    assert d.message == "'2024-13-05' is no date in the calendar (a month is 1 to 12); write a date as year-month-day"


def test_impossible_dates_are_each_reported_once_with_the_rest() -> None:
    text = MINIMAL.replace("  - date: 2024-03-05", "  - date: 2024-13-05").replace(
        "  - id: fb1\n    name: Fachbereich 1", "  - id: 1\n    name: 2024-02-30"
    )
    found = [(d.line, d.column, d.path, d.message[:39]) for d in check(text) if d.severity == "error"]
    assert [f for f in found if "unknown" not in f[3]] == [
        (10, 9, "departments[0].id", "expected text, got the number 1"),
        (11, 11, "departments[0].name", "'2024-02-30' is no date in the calendar"),
        (18, 11, "days[0].date", "'2024-13-05' is no date in the calendar"),
    ], found


def test_keys_that_are_not_text_are_reported_once_at_their_place() -> None:
    text = MINIMAL.replace("version: 1\n", "version: 1\n1: x\n? [a, b]\n: c\n~: d\n").replace(
        "scores: {wirkung: 4}", "scores: {wirkung: 4, 3: 1}"
    )
    found = [(d.line, d.column, d.message) for d in check(text) if d.severity == "error"]
    assert found == [
        (2, 1, "key 1 must be text"),
        (3, 3, "key a collection must be text"),
        (5, 1, "key null must be text"),
        (44, 26, "key 3 must be text"),
    ]


def test_many_files_are_checked_on_several_cores_with_the_same_results_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strategy_kit.check import validate

    telgte = (Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml").read_text(encoding="utf-8")
    files = []
    for index, text in enumerate([telgte, "version: 2\n", telgte.replace("lead: fb2", "lead: fb9"), "a: [\n", telgte, ""]):
        files.append(tmp_path / f"{index}.yaml")
        files[-1].write_text(text, encoding="utf-8")
    files.append(tmp_path / "missing.yaml")
    monkeypatch.setattr(validate, "PARALLEL_FILES", 4)

    def outcome(jobs: int) -> list[tuple[str, list[Any], int]]:
        return [(r.name, r.diagnostics, r.exit_code) for r in validate.check_files(files, jobs=jobs)]

    serial = outcome(1)
    assert [name for name, _, _ in serial] == [str(f) for f in files]
    assert [status for _, _, status in serial] == [0, 1, 1, 1, 0, 1, 2]
    assert outcome(2) == serial


@pytest.mark.parametrize(
    "extra",
    [
        "days:\n  - {date: [], start: '09:00', end: '10:00'}\n",
        "days:\n  - {date: {a: 1}, start: '09:00', end: '10:00'}\n",
        "departments: [{id: d, name: D}]\nparticipants:\n  - {id: p, role: R, department: [d]}\n",
        "participants:\n  - {id: p, role: R, department: {x: 1}, attendance: [2019-03-05]}\n",
    ],
)
def test_a_list_where_a_value_belongs_is_a_diagnostic_not_a_crash(extra: str) -> None:
    """Found by fuzzing: values used as set members crashed when they were lists or mappings."""
    head = "version: 1\nmunicipality: {name: T, state: Bayern}\nworkshop: {title: T, organiser: O, goal: G}\n"
    result = check_source(decode((head + extra).encode(), "x.yaml"))
    assert result.exit_code == Exit.INVALID
    assert any(d.severity == "error" for d in result.diagnostics)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_loader_returns_the_document_with_its_strategy_merged_in(strategy_repo: Path) -> None:
    loaded = load_document(strategy_repo / "workshops" / "2019-09-massnahmen.yaml")
    document = loaded.document
    assert [c.id for c in document.criteria] == ["wirkung", "dringlichkeit", "aufwand"]
    assert [d.id for d in document.departments] == ["fb1", "fb2", "fb3", "fb4"]
    maturity = {f.id: (f.maturity.current, f.maturity.target) for f in document.fields_of_action if f.maturity}
    assert maturity == {"infrastruktur": (2, 4), "digitales-rathaus": (1, 4)}
    ids = [p.id for p in document.projects]
    assert ids[0] == "stadtportal" and ids[-2:] == ["mobilitaetsdaten", "papierlose-verwaltung"]
    # The workshop file alone, as checked, holds only what is written in it.
    own = loaded.check.document
    assert own is not None and own.criteria == [] and own.departments == []
    assert [p.id for p in own.projects] == ["mobilitaetsdaten", "papierlose-verwaltung"]


def test_the_origin_of_an_entry_is_the_file_and_line_it_is_written_on(strategy_repo: Path) -> None:
    workshop = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    strategy = strategy_repo / "strategy.yaml"
    loaded = load_document(workshop)
    where = loaded.origin("projects", "online-antraege")
    assert where.file == str(strategy)
    assert where.position() == (line_of(strategy, "  - id: online-antraege"), 5)
    assert where.position("progress") == (line_of(strategy, "    progress: 40"), 15)
    here = loaded.origin("projects", "mobilitaetsdaten")
    assert here.file == str(workshop) and here.position()[0] == line_of(workshop, "  - id: mobilitaetsdaten")
    assert loaded.origin("criteria", "aufwand").position("direction")[0] == line_of(strategy, "    direction: cost")
    with pytest.raises(LookupError):
        loaded.origin("projects", "nirgends")


def test_a_workshop_without_strategy_resolves_to_itself(examples: Path) -> None:
    loaded = load_document(examples / "telgte.yaml")
    assert loaded.document == loaded.check.document
    assert loaded.origin("projects", "stadtportal").file == str(examples / "telgte.yaml")


@pytest.mark.parametrize(("votes", "warned"), [("", True), ("  votes: tie-breaker\n", True), ("  votes: criterion\n", False)])
def test_a_votes_weight_that_counts_for_nothing_is_warned_about(tmp_path: Path, votes: str, warned: bool) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "version: 1\nmunicipality: {name: T, state: Bayern}\nworkshop: {title: T, organiser: O, goal: G}\n"
        f"report:\n{votes}  votes_weight: 3\n",
        encoding="utf-8",
    )
    found = [d for d in check_file(path).diagnostics if "votes_weight" in d.message]
    assert bool(found) == warned, found
    if warned:
        assert (found[0].severity, found[0].line) == ("warning", 4 + bool(votes) + 1)


# -- the keys a new user types by hand take anything -------------------------------------

TELGTE = (Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml").read_text(encoding="utf-8")
#: A line of the example and the key on it: every date key, a period, the report's frame and style, money.
HAND_TYPED = {
    "start": "    start: 2019-Q2\n",
    "milestone": "      - date: 2019-09-30\n",
    "day": "  - date: 2019-03-05\n",
    "due": "        due: 2019-06-30\n",
    "follow-up": "    date: 2019-05-14\n",
    "version": '    version: "1.0"\n',
    "report date": "    date: 2019-03-29\n",
    "one_off": "      one_off: 40000\n",
    "accent": "  document:\n",
}
_SHAPE = re.compile(r"telgte\.yaml:[0-9]+:[0-9]+: (error|warning): \S.*")
_SCALAR = st.one_of(
    st.text(max_size=24),
    st.from_regex(r"[0-9]{1,6}[-./ ]?[0-9QqA-Z]{0,3}[-./ ]?[0-9]{0,6}", fullmatch=True),
    st.integers().map(str),
    st.floats().map(str),
    st.sampled_from(["", "[]", "{}", "[1, 2]", "~", "true", ".inf", "-.nan", "2019-02-30", "0000-01-01", "99999-01-01"]),
)


def _with(key: str, value: str, quoted: bool) -> str:
    line = HAND_TYPED[key]
    assert line in TELGTE
    written = json.dumps(value) if quoted else value
    if key == "accent":
        return TELGTE.replace(line, f"  style:\n    accent: {written}\n{line}", 1)
    name = line.split(":", 1)[0]
    return TELGTE.replace(line, f"{name}: {written}\n", 1)


@settings(max_examples=15)
@pytest.mark.parametrize("key", sorted(HAND_TYPED))
@given(value=_SCALAR, quoted=st.booleans())
def test_any_value_of_a_hand_typed_key_is_a_compiler_message(key: str, value: str, quoted: bool) -> None:
    result = check_source(decode(_with(key, value, quoted).encode("utf-8"), "telgte.yaml"))
    assert result.exit_code in (Exit.OK, Exit.INVALID)
    for diagnostic in result.diagnostics:
        assert _SHAPE.fullmatch(str(diagnostic).split("\n", 1)[0]), str(diagnostic)
        assert "Traceback" not in diagnostic.message and "pattern" not in diagnostic.message
    if result.exit_code is Exit.INVALID:
        assert any(d.severity == "error" for d in result.diagnostics)
