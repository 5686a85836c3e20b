"""Safe loading and position lookup, plus properties over arbitrary input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import check_source
from strategy_kit.document.diagnostics import DiagnosticError, Exit
from strategy_kit.files.source import decode
from strategy_kit.files.yamlio import load_yaml, locate, plain

DOC = "a: 1\nb:\n  - x\n  - y: 2\n    z: {q: 1}\n"


def test_locate_follows_keys_and_items() -> None:
    data = load_yaml(decode(DOC.encode(), "f"))
    assert locate(data, ["a"]) == (1, 4)
    assert locate(data, ["a"], key=True) == (1, 1)
    assert locate(data, ["b", 1, "y"]) == (4, 8)
    assert locate(data, ["b", 1, "z", "q"]) == (5, 12)
    assert locate(data, ["b", 1, "z", "q", "[key]"]) == (5, 9)


def test_locate_keeps_the_last_good_position_for_unknown_segments() -> None:
    data = load_yaml(decode(DOC.encode(), "f"))
    assert locate(data, ["b", 1, "nope", "deeper"]) == (4, 5)
    assert locate(data, ["b", 7]) == (3, 3)
    assert locate(data, []) == (1, 1)


def test_plain_strips_round_trip_types() -> None:
    data = load_yaml(decode(b'a: "quoted"\nb: 0x10\nc: 1.50\nd: 2019-03-05\ne: [yes, true]\n', "f"))
    value = plain(data)
    assert value == {"a": "quoted", "b": 16, "c": 1.5, "d": dt.date(2019, 3, 5), "e": ["yes", True]}
    assert type(value) is dict and type(value["a"]) is str and type(value["b"]) is int


def test_merge_keys_and_small_aliases_are_fine() -> None:
    data = load_yaml(decode(b"base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\nlist: &l [1, 2]\nagain: *l\n", "f"))
    assert plain(data)["use"] == {"x": 1, "y": 2}
    assert plain(data)["again"] == [1, 2]


def test_errors_carry_exit_status_1() -> None:
    with pytest.raises(DiagnosticError) as caught:
        load_yaml(decode(b"a: [", "f"))
    assert caught.value.exit_code == Exit.INVALID
    assert caught.value.diagnostics[0].file == "f"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_diagnostics_never_an_exception(text: str) -> None:
    result = check_source(decode(text.encode("utf-8"), "fuzz.yaml"))
    assert result.exit_code in (Exit.OK, Exit.INVALID)
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.dates()
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=30,
)
document_keys = st.sampled_from(
    ["version", "municipality", "workshop", "departments", "participants", "days", "fields_of_action", "criteria", "projects", "follow_ups", "report", "name", "id", "title", "fields", "scores", "sessions", "blocks"]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(document_keys, yaml_values, max_size=8))
def test_any_structure_gives_positioned_diagnostics(data: dict[str, object]) -> None:
    from io import StringIO

    from strategy_kit.files.yamlio import make_yaml

    buffer = StringIO()
    make_yaml().dump(data, buffer)
    result = check_source(decode(buffer.getvalue().encode("utf-8"), "fuzz.yaml"))
    assert result.exit_code in (Exit.OK, Exit.INVALID)
    line_count = buffer.getvalue().count("\n") + 1
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.line <= line_count


@pytest.mark.parametrize("text", ["x: !!int\n", "x: !!float\n", "x: !!int ''\n", "x: !!float ''\n", "x: !!int 1" + "0" * 5000 + "\n"])
def test_an_explicit_number_tag_without_a_number_is_a_diagnostic(text: str) -> None:
    """Found by fuzzing: ruamel raises IndexError for '!!int' with an empty value."""
    with pytest.raises(DiagnosticError) as caught:
        load_yaml(decode(("version: 1\n" + text).encode(), "f"))
    assert caught.value.exit_code == Exit.INVALID
    assert caught.value.diagnostics[0].line == 2


# -- where an unclosed quote or bracket was opened ------------------------------------

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml").read_text(encoding="utf-8")
QUOTED_LINE = '            title: "Erwartungen: Was bedeutet die digitale Stadt für Telgte?"\n'


def _errors_of(text: str) -> list[str]:
    with pytest.raises(DiagnosticError) as caught:
        load_yaml(decode(text.encode("utf-8"), "telgte.yaml"))
    return [str(d) for d in caught.value.diagnostics]


def test_an_unclosed_double_quote_is_pointed_at_where_it_was_opened() -> None:
    line = EXAMPLE.splitlines(keepends=True).index(QUOTED_LINE) + 1
    broken = EXAMPLE.replace(QUOTED_LINE, QUOTED_LINE.replace('?"', "?"))
    errors = _errors_of(broken)
    assert len(errors) == 2
    assert errors[0].startswith("telgte.yaml:") and ": error: YAML syntax" in errors[0]
    assert int(errors[0].split(":")[1]) > line  # the scanner gives up further down
    assert errors[1] == f"telgte.yaml:{line}:20: note: the quoted string starting here is never closed"


def test_mapping_values_after_a_runaway_quote_point_back_to_the_quote() -> None:
    text = 'version: 1\nworkshop:\n  title: "Auftakt\n  goal: Ziel\n  venue: "Rathaus: Saal"\n'
    errors = _errors_of(text)
    assert errors[0] == "telgte.yaml:5:18: error: YAML syntax: mapping values are not allowed here"
    assert errors[1] == "telgte.yaml:3:10: note: the quoted string starting here is never closed"


def test_an_unclosed_single_quote_at_the_end_of_the_file_is_pointed_at() -> None:
    text = "version: 1\nworkshop:\n  title: 'Auftakt\n  goal: Ziel\n"
    errors = _errors_of(text)
    assert errors[-1] == "telgte.yaml:3:10: note: the quoted string starting here is never closed"


@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ("{", "}")])
def test_an_unclosed_bracket_is_pointed_at(opener: str, closer: str) -> None:
    original = "            outputs: [Erwartungen und Befürchtungen der Teilnehmenden]\n"
    line = EXAMPLE.splitlines(keepends=True).index(original) + 1
    broken = EXAMPLE.replace(original, original.replace("[", opener).replace("]", ""))
    errors = _errors_of(broken)
    assert errors[1] == f"telgte.yaml:{line}:22: note: the {opener!r} starting here is never closed"
    assert closer not in errors[1]


def test_a_syntax_error_without_an_open_quote_has_no_note() -> None:
    errors = _errors_of("version: 1\nworkshop:\n  title: Auftakt\n goal: Ziel\n")
    assert len(errors) == 1


def test_a_quote_closed_on_its_own_line_gets_no_note() -> None:
    errors = _errors_of('version: 1\nworkshop:\n  title: "Auftakt"\n  goal: a: b\n')
    assert len(errors) == 1


def test_locate_goes_through_a_merge_key_to_where_the_value_is_written() -> None:
    data = load_yaml(decode(b"a: 1\n<<:\n  items:\n    - id: x\n", "m.yaml"))
    assert locate(data, ("items", 0, "id")) == (4, 11)
    assert locate(data, ("items",)) == (1, 1)
