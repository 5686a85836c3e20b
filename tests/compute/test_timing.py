"""The timing engine: computed times, parallel slots, totals and every finding with its position."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.check.validate import check_file, load_document
from strategy_kit.compute.timing import Limits, Plan, plan, workshop_scope
from strategy_kit.document.model import Session, WorkshopDocument
from strategy_kit.files.yamlio import plain

HEAD = """\
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern}
workshop: {title: Test, organiser: Beratung, goal: Ziel}
participants:
  - {id: mod, role: Moderation}
  - {id: gast, role: Gast, attendance: [2024-03-05]}
days:
"""


def make(tmp_path: Path, days: str, limits: Limits | None = None) -> Plan:
    """Plan a document whose ``days:`` section is ``days`` (indented as written)."""
    path = tmp_path / "w.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(days), "  "), encoding="utf-8")
    result = check_file(path, "w.yaml")
    if result.document is None:
        # check refuses what the timing engine finds impossible; plan it all the same.
        document = WorkshopDocument.model_validate(plain(result.data))
        planned = plan(document, data=result.data, name="w.yaml", limits=limits)
        assert [str(d) for d in result.diagnostics if d.severity == "error"] == [
            str(d) for d in planned.diagnostics if d.severity == "error"
        ]
        return planned
    return plan(result.document, data=result.data, name="w.yaml", limits=limits)


def times(p: Plan) -> list[tuple[str, str, str]]:
    return [(s.session.title, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in p.sessions]


def found(p: Plan) -> list[str]:
    return [str(d) for d in p.diagnostics]


DAY = """\
- date: 2024-03-05
  start: "09:00"
  end: "12:00"
  blocks:
    - id: b
      title: B
      goal: G
      sessions:
"""


def sessions(text: str, day: str = DAY) -> str:
    return day + textwrap.indent(textwrap.dedent(text), " " * 8)


def test_sessions_follow_one_another(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A, duration: 30m}
        - {title: B, duration: 1h15m}
        - {title: C, duration: 15m, kind: break}
    """),
    )
    assert times(p) == [("A", "09:00", "09:30"), ("B", "09:30", "10:45"), ("C", "10:45", "11:00")]
    assert p.diagnostics == []
    assert p.days[0].end == dt.datetime(2024, 3, 5, 11, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert p.days[0].overrun == 0


def test_fixed_start_exactly_on_time_is_clean(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A, duration: 1h}
        - {title: Mittag, duration: 30m, start: "10:00", kind: break}
    """),
    )
    assert times(p)[1] == ("Mittag", "10:00", "10:30")
    assert p.diagnostics == []


def test_gap_before_fixed_start_is_a_warning_with_position(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A, duration: 1h}
        - {title: Keynote, duration: 30m, start: "10:30"}
        - {title: C, duration: 15m}
    """),
    )
    assert times(p) == [
        ("A", "09:00", "10:00"),
        ("Keynote", "10:30", "11:00"),
        ("C", "11:00", "11:15"),
    ]
    assert found(p) == [
        "w.yaml:17:52: warning: days[0].blocks[b].sessions[1].start: 30m unplanned before the "
        "fixed start 10:30 (the previous session ends at 10:00); fill the gap or plan a break"
    ]
    assert p.days[0].totals.idle == 30


def test_overlap_before_fixed_start_is_an_error(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A, duration: 1h30m}
        - {title: Mittag, duration: 30m, start: "10:00", kind: break}
    """),
    )
    assert times(p)[1] == ("Mittag", "10:00", "10:30")
    [diag] = p.diagnostics
    assert diag.severity == "error"
    assert (diag.line, diag.column) == (17, 51)
    assert "lies before the previous session ends at 10:30: 30m overlap" in diag.message


def test_fixed_start_before_the_day_starts_is_an_error(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: Früh, duration: 30m, start: "08:30"}
    """),
    )
    [diag] = p.diagnostics
    assert diag.severity == "error"
    assert "before the day starts at 09:00" in diag.message


def test_overrun_reports_minutes_at_the_days_end(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A, duration: 1h30m}
        - {title: P, duration: 15m, kind: break}
        - {title: B, duration: 1h30m}
        - {title: C, duration: 20m}
    """),
    )
    assert p.days[0].overrun == 35
    [diag] = p.diagnostics
    assert diag.severity == "warning"
    assert diag.path == "days[0].end"
    assert (diag.line, diag.column) == (10, 10)
    assert diag.message == "the day overruns its end at 12:00 by 35m (last session ends at 12:35)"


def test_parallel_tracks_share_a_slot_that_ends_with_the_longest_track(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: Intro, duration: 15m}
        - {title: AG1, duration: 1h, kind: group-work, track: A}
        - {title: AG2, duration: 45m, kind: group-work, track: B}
        - {title: AG2b, duration: 30m, kind: group-work, track: B}
        - {title: Pause, duration: 15m, kind: break}
        - {title: Plenum, duration: 30m}
    """),
    )
    assert times(p) == [
        ("Intro", "09:00", "09:15"),
        ("AG1", "09:15", "10:15"),
        ("AG2", "09:15", "10:00"),
        ("AG2b", "10:00", "10:30"),
        ("Pause", "10:30", "10:45"),
        ("Plenum", "10:45", "11:15"),
    ]
    assert [s.slot for s in p.sessions] == [None, 1, 1, 1, None, None]
    totals = p.days[0].totals
    assert (totals.working, totals.plenary, totals.group, totals.breaks) == (120, 45, 75, 15)
    assert p.diagnostics == []


def test_a_session_without_track_ends_the_slot(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A1, duration: 30m, track: A}
        - {title: B1, duration: 30m, track: B}
        - {title: Mitte, duration: 15m}
        - {title: A2, duration: 30m, track: A}
        - {title: B2, duration: 20m, track: B}
    """),
    )
    assert [s.slot for s in p.sessions] == [1, 1, None, 2, 2]
    assert times(p)[3:] == [("A2", "09:45", "10:15"), ("B2", "09:45", "10:05")]


def test_fixed_start_of_a_slot_and_conflicting_track_start(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: A1, duration: 30m, track: A, start: "09:00"}
        - {title: B1, duration: 30m, track: B, start: "09:15"}
    """),
    )
    [diag] = p.diagnostics
    assert diag.severity == "error"
    assert "parallel tracks start together at 09:00" in diag.message


def test_missing_break_warns_once_per_stretch(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions(
            """\
        - {title: A, duration: 1h}
        - {title: B, duration: 1h}
        - {title: C, duration: 30m}
        - {title: D, duration: 30m}
    """,
            DAY.replace('"12:00"', '"13:00"'),
        ),
    )
    [diag] = p.diagnostics
    assert diag.path == "days[0].blocks[b].sessions[2]"
    assert diag.message.startswith("2h30m without a break (since 09:00)")


def test_break_resets_the_stretch_and_limit_is_configurable(tmp_path: Path) -> None:
    text = sessions("""\
        - {title: A, duration: 1h}
        - {title: P, duration: 10m, kind: break}
        - {title: B, duration: 1h30m}
    """)
    assert make(tmp_path, text).diagnostics == []
    strict = make(tmp_path, text, Limits(max_stretch=60))
    assert [d.message.split(" (")[0] for d in strict.diagnostics] == ["1h30m without a break"]


def test_overlong_session_warns_but_long_breaks_do_not(tmp_path: Path) -> None:
    p = make(
        tmp_path,
        sessions("""\
        - {title: Lang, duration: 1h45m}
        - {title: Mittag, duration: 1h15m, kind: break}
    """),
        Limits(max_stretch=300),
    )
    [diag] = p.diagnostics
    assert diag.path == "days[0].blocks[b].sessions[0].duration"
    assert "lasts 1h45m, longer than 1h30m" in diag.message


def test_block_without_goal_and_absent_lead(tmp_path: Path) -> None:
    days = """\
    - date: 2024-03-05
      start: "09:00"
      end: "17:00"
      blocks:
        - {id: a, title: A, goal: G, sessions: [{title: X, duration: 30m, lead: gast}]}
    - date: 2024-03-06
      start: "09:00"
      end: "17:00"
      blocks:
        - id: b
          title: B
          sessions:
            - {title: Y, duration: 30m, lead: gast}
            - {title: Z, duration: 30m, lead: mod}
    """
    p = make(tmp_path, days)
    messages = [(d.path, d.message) for d in p.diagnostics]
    assert messages == [
        ("days[1].blocks[b].title", "block 'b' has no goal; say what it is for (goal: ...)"),
        (
            "days[1].blocks[b].sessions[0].lead",
            "the lead 'gast' does not attend on 2024-03-06 (see their attendance)",
        ),
    ]
    assert [s.lead_present for s in p.sessions] == [True, False, True]


def test_multi_day_each_day_starts_at_its_own_start(tmp_path: Path) -> None:
    days = """\
    - date: 2024-03-05
      start: "13:00"
      end: "17:00"
      blocks: [{id: a, title: A, goal: G, sessions: [{title: X, duration: 45m}]}]
    - date: 2024-03-06
      start: "08:30"
      end: "12:00"
      blocks:
        - {id: b, title: B, goal: G, sessions: [{title: Y, duration: 30m}]}
        - {id: c, title: C, goal: G, sessions: [{title: Z, duration: 30m}]}
    """
    p = make(tmp_path, days)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in p.sessions] == [
        ("2024-03-05T13:00:00+01:00", "2024-03-05T13:45:00+01:00"),
        ("2024-03-06T08:30:00+01:00", "2024-03-06T09:00:00+01:00"),
        ("2024-03-06T09:00:00+01:00", "2024-03-06T09:30:00+01:00"),
    ]
    blocks = p.days[1].blocks
    assert [(f"{b.start:%H:%M}", f"{b.end:%H:%M}", b.totals.working) for b in blocks] == [
        ("08:30", "09:00", 30),
        ("09:00", "09:30", 30),
    ]
    assert [d.number for d in p.days] == [1, 2]


def test_running_past_midnight_is_an_error(tmp_path: Path) -> None:
    day = DAY.replace('"09:00"', '"22:00"').replace('"12:00"', '"23:30"')
    p = make(
        tmp_path,
        sessions(
            """\
        - {title: A, duration: 1h30m}
        - {title: B, duration: 1h}
    """,
            day,
        ),
        Limits(max_stretch=600, max_session=600),
    )
    errors = [d for d in p.diagnostics if d.severity == "error"]
    assert len(errors) == 1
    assert "past midnight" in errors[0].message


def test_uids_are_stable_and_have_a_fallback_for_sessions_without_id(tmp_path: Path) -> None:
    text = sessions("""\
        - {id: start, title: Start, duration: 15m}
        - {title: Kaffeepause, duration: 15m, kind: break}
        - {title: Kaffeepause, duration: 15m, kind: break}
    """)
    p = make(tmp_path, text)
    scope = workshop_scope(p.document)
    assert [s.uid for s in p.sessions] == [
        f"start-{scope}@strategy-kit",
        f"day-1-kaffeepause-{scope}@strategy-kit",
        f"day-1-kaffeepause-2-{scope}@strategy-kit",
    ]
    # Retimed, with a new session in front: every existing UID stays.
    moved_text = text.replace("09:00", "10:00").replace(
        "- {id: start", "- {id: neu, title: Neu, duration: 5m}\n        - {id: start"
    )
    moved = make(tmp_path, moved_text)
    assert [s.uid for s in moved.sessions][1:] == [s.uid for s in p.sessions]


def test_examples_plan_cleanly(examples: Path) -> None:
    for name, days in (("telgte.yaml", 2), ("executive-program-kickoff.yaml", 1)):
        result = load_document(examples / name)
        assert result.document is not None
        p = plan(result.document, data=result.data, name=name)
        assert p.diagnostics == [], name
        assert len(p.days) == days


def test_without_yaml_data_findings_point_at_the_start(tmp_path: Path) -> None:
    p = make(tmp_path, sessions("- {title: A, duration: 4h}\n"))
    bare = plan(p.document)
    assert {(d.file, d.line, d.column) for d in bare.diagnostics} == {("<document>", 1, 1)}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        # At most 12 x 75 min = 15 h from 08:00: the day may overrun its end (a warning)
        # but never midnight, which is an error and outside what this property is about.
        st.tuples(st.integers(1, 75), st.sampled_from([None, "A", "B"]), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_invariants_for_arbitrary_runs(items: list[tuple[int, str | None, bool]]) -> None:
    """Whatever the sessions: no session starts before the day, slots end with their longest
    track, and working plus break plus idle time covers the day exactly."""
    document = WorkshopDocument.model_validate(
        {
            "version": 1,
            "municipality": {"name": "M", "state": "Bayern"},
            "workshop": {"title": "T", "organiser": "O", "goal": "G"},
            "days": [
                {
                    "date": "2024-01-02",
                    "start": "08:00",
                    "end": "18:00",
                    "blocks": [
                        {
                            "id": "b",
                            "title": "B",
                            "goal": "G",
                            "sessions": [
                                {
                                    "title": f"S{i}",
                                    "duration": f"{minutes}m",
                                    "track": track,
                                    "kind": "break" if pause else "plenary",
                                }
                                for i, (minutes, track, pause) in enumerate(items)
                            ],
                        }
                    ],
                }
            ],
        }
    )
    p = plan(document)
    day = p.days[0]
    assert all(s.start >= day.start for s in day.sessions)
    assert all(s.end <= day.end for s in day.sessions)
    assert all(isinstance(s.session, Session) for s in day.sessions)
    t = day.totals
    assert t.working + t.breaks + t.idle == (day.end - day.start).total_seconds() // 60
    assert t.plenary + t.group == t.working
    assert not [d for d in p.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("minutes", [120, 121])
def test_stretch_limit_is_inclusive(tmp_path: Path, minutes: int) -> None:
    p = make(tmp_path, sessions(f"- {{title: A, duration: {minutes}m}}\n"), Limits(max_session=600))
    assert len(p.diagnostics) == (minutes > 120)


def test_a_document_without_days_says_so() -> None:
    document = WorkshopDocument.model_validate(
        {
            "version": 1,
            "municipality": {"name": "M", "state": "Bayern"},
            "workshop": {"title": "T", "organiser": "O", "goal": "G"},
        }
    )
    p = plan(document)
    assert [(d.severity, d.message) for d in p.diagnostics] == [("warning", "no days to plan")]


def test_fixed_start_later_in_a_track_is_checked_within_that_track(tmp_path: Path) -> None:
    p = make(tmp_path, sessions("""\
        - {title: A1, duration: 30m, track: A}
        - {title: A2, duration: 30m, track: A, start: "09:45"}
        - {title: B1, duration: 1h, track: B}
        - {title: B2, duration: 30m, track: B, start: "09:30"}
        - {title: Danach, duration: 15m}
    """))
    assert times(p) == [
        ("A1", "09:00", "09:30"),
        ("A2", "09:45", "10:15"),
        ("B1", "09:00", "10:00"),
        ("B2", "09:30", "10:00"),
        ("Danach", "10:15", "10:30"),
    ]
    assert [(d.severity, d.path) for d in p.diagnostics] == [
        ("warning", "days[0].blocks[b].sessions[1].start"),
        ("error", "days[0].blocks[b].sessions[3].start"),
    ]


BERLIN = ZoneInfo("Europe/Berlin")


def one_day(tmp_path: Path, date: str, start: str, end: str, sessions_yaml: str) -> Plan:
    """Plan one day in Europe/Berlin (line 10 is ``start``, sessions from line 17)."""
    text = (
        "version: 1\n"
        "municipality: {name: Stadt Musterhausen, state: Bayern}\n"
        "workshop: {title: Test, organiser: Beratung, goal: Ziel, timezone: Europe/Berlin}\n"
        "participants:\n"
        "  - {id: mod, role: Moderation, functions: [data-protection-officer]}\n"
        "  - {id: pr, role: Personalrat, functions: [staff-council]}\n"
        "  - {id: gb, role: Gleichstellung, functions: [equality-officer]}\n"
        "days:\n"
        f'  - date: {date}\n    start: "{start}"\n    end: "{end}"\n    blocks:\n'
        "      - id: b\n        title: B\n        goal: G\n        sessions:\n"
        + textwrap.indent(textwrap.dedent(sessions_yaml), "          ")
    )
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_document(path)
    assert result.document is not None, result
    return plan(result.document, data=result.data, name="w.yaml")


def test_a_day_booked_until_24_00_ends_at_midnight_without_overrun(tmp_path: Path) -> None:
    p = one_day(
        tmp_path,
        "2027-03-05",
        "22:00",
        "24:00",
        "- {title: Nachtschicht, duration: 1h30m}\n- {title: Ende, duration: 30m, kind: break}\n",
    )
    assert p.diagnostics == []
    day = p.days[0]
    assert day.end == dt.datetime(2027, 3, 6, 0, 0, tzinfo=BERLIN)
    assert day.planned_end == day.end
    assert day.overrun == 0


def test_23_59_was_the_workaround_and_is_a_one_minute_overrun(tmp_path: Path) -> None:
    p = one_day(tmp_path, "2027-03-05", "22:00", "23:59", "- {title: Nachtschicht, duration: 1h30m}\n- {title: Ende, duration: 30m, kind: break}\n")
    assert [d.message for d in p.diagnostics] == [
        "the day overruns its end at 23:59 by 1m (last session ends at 00:00)"
    ]


def test_a_session_lasts_its_duration_in_elapsed_time_across_the_spring_switch(tmp_path: Path) -> None:
    p = one_day(
        tmp_path,
        "2027-03-28",
        "01:30",
        "06:00",
        "- {title: Lang, duration: 1h30m}\n- {title: Pause, duration: 30m, kind: break}\n",
    )
    (lang, pause) = p.sessions
    assert (f"{lang.start:%H:%M}", f"{lang.end:%H:%M}") == ("01:30", "04:00")
    assert (lang.end.astimezone(dt.UTC) - lang.start.astimezone(dt.UTC)) == dt.timedelta(minutes=90)
    assert pause.end.isoformat() == "2027-03-28T04:30:00+02:00"
    assert p.diagnostics == []


def test_a_session_lasts_its_duration_in_elapsed_time_across_the_autumn_switch(tmp_path: Path) -> None:
    p = one_day(tmp_path, "2027-10-31", "01:30", "06:00", "- {title: Lang, duration: 1h30m}\n- {title: P, duration: 30m, kind: break}\n")
    (lang, pause) = p.sessions
    assert lang.start.isoformat() == "2027-10-31T01:30:00+02:00"
    assert lang.end.isoformat() == "2027-10-31T02:00:00+01:00"
    assert pause.end.isoformat() == "2027-10-31T02:30:00+01:00"
    assert (lang.end.astimezone(dt.UTC) - lang.start.astimezone(dt.UTC)) == dt.timedelta(minutes=90)
    assert p.days[0].totals.working == 90


def test_a_clock_time_the_spring_switch_skips_is_a_warning_at_its_position(tmp_path: Path) -> None:
    p = one_day(
        tmp_path,
        "2027-03-28",
        "01:00",
        "06:00",
        '- {title: A, duration: 1h}\n- {title: B, duration: 30m, start: "02:30"}\n',
    )
    assert found(p) == [
        "w.yaml:18:46: warning: days[0].blocks[b].sessions[1].start: 02:30 does not exist on "
        "2027-03-28 in Europe/Berlin: the clocks go forward; it is read as 03:30 CEST, as "
        "calendars do (RFC 5545, 3.3.5)",
        "w.yaml:18:46: warning: days[0].blocks[b].sessions[1].start: 30m unplanned before the "
        "fixed start 02:30 (the previous session ends at 03:00); fill the gap or plan a break",
    ]
    assert [f"{s.start:%H:%M}" for s in p.sessions] == ["01:00", "03:30"]


def test_a_clock_time_the_autumn_switch_repeats_is_a_warning_at_its_position(tmp_path: Path) -> None:
    p = one_day(tmp_path, "2027-10-31", "02:30", "06:00", "- {title: A, duration: 1h}\n")
    assert found(p) == [
        "w.yaml:10:12: warning: days[0].start: 02:30 occurs twice on 2027-10-31 in "
        "Europe/Berlin: the clocks go back; it is read as the first, 02:30 CEST, as calendars "
        "do (RFC 5545, 3.3.5)"
    ]
    assert p.sessions[0].start.isoformat() == "2027-10-31T02:30:00+02:00"
    assert p.sessions[0].end.isoformat() == "2027-10-31T02:30:00+01:00"
