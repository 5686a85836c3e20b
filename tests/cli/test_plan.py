"""``strategy-kit plan`` end to end: every format, its real reader, privacy and hostile titles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.browser import dump_dom, print_to_pdf
from typer.testing import Result

ROOT = Path(__file__).resolve().parents[2]
Invoke = Callable[..., Result]

Golden = Callable[[str, str | bytes], None]
EXAMPLES = ("telgte", "executive-program-kickoff")
HOSTILE = "<script>alert(1)</script> | A\\nB {{ 7*7 }} [bold]x[/bold] \\e[31m"
HOSTILE_VALUE = "<script>alert(1)</script> | A\nB {{ 7*7 }} [bold]x[/bold] \x1b[31m"


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative file names in diagnostics and a fixed DTSTAMP, so whole outputs can be compared."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("NO_COLOR", raising=False)


def example(name: str) -> str:
    return f"examples/{name}.yaml"


def hostile(tmp_path: Path) -> Path:
    """The Telgte example with a first session title that tries every kind of injection."""
    text = (ROOT / "examples/telgte.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Begrüßung und Einführung", f'title: "{HOSTILE}"', 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- goldens ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["text", "md", "html", "ics", "json"])
def test_golden_de(cli: Invoke, golden: Golden, name: str, fmt: str) -> None:
    result = cli("plan", example(name), "--format", fmt)
    assert result.exit_code == 0, result.output
    suffix = {"text": "txt"}.get(fmt, fmt)
    golden(f"plan/{name}.{suffix}", result.stdout)


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_golden_en(cli: Invoke, golden: Golden, name: str, fmt: str) -> None:
    result = cli("plan", example(name), "--format", fmt, "--lang", "en")
    assert result.exit_code == 0, result.output
    suffix = {"text": "txt"}.get(fmt, fmt)
    golden(f"plan/{name}.en.{suffix}", result.stdout)


def test_golden_ics_per_day(cli: Invoke, golden: Golden) -> None:
    result = cli("plan", example("telgte"), "-f", "ics", "--ics", "per-day")
    assert result.exit_code == 0
    golden("plan/telgte.per-day.ics", result.stdout)


# -- terminal --------------------------------------------------------------------------


def test_telgte_prints_both_days_with_computed_times(cli: Invoke) -> None:
    result = cli("plan", example("telgte"))
    assert result.exit_code == 0
    out = result.stdout
    assert "Dienstag, 5. März 2019 · Innovationsworkshop · 09:00–16:30 Uhr · Programmende 16:00 Uhr, 30 min Puffer" in out
    assert "Mittwoch, 6. März 2019 · Strategieentwicklung · 09:00–16:30 Uhr · Programmende 16:00 Uhr, 30 min Puffer" in out
    assert "12:30–13:15 Uhr" in out
    assert "\x1b" not in out
    assert result.stderr == ""


def test_warnings_come_after_the_table_on_stderr(cli: Invoke, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace('end: "16:30"', 'end: "15:30"', 1)
    telgte.write_text(text, encoding="utf-8")
    result = cli("plan", telgte)
    assert result.exit_code == 0
    assert "überzieht um 30 min (geplantes Ende 15:30)" in result.stdout
    assert result.stderr.count("warning:") == 1
    assert "the day overruns its end at 15:30 by 30m" in result.stderr
    strict = cli("plan", telgte, "--strict")
    assert strict.exit_code == 1


def test_rich_table_on_a_terminal_and_plain_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    plan_module = importlib.import_module("strategy_kit.cli.plan")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert plan_module._plain_terminal() is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert plan_module._plain_terminal() is True


def test_rich_output_escapes_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from strategy_kit.check.validate import load_document
    from strategy_kit.compute.timing import plan
    from strategy_kit.present.agenda import Options, print_rich

    result = load_document(hostile(tmp_path))
    assert result.document is not None
    print_rich(plan(result.document), Options())
    out = capsys.readouterr().out
    assert "[bold]x[/bold]" in out.replace("\n", "")
    assert "\x1b[31m" not in out


# -- options ---------------------------------------------------------------------------


def test_output_file_is_not_overwritten_without_force(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "agenda.md"
    assert cli("plan", example("telgte"), "-f", "md", "-o", target).exit_code == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# Agenda: Auftaktworkshop")
    target.write_text("mine", encoding="utf-8")
    refused = cli("plan", example("telgte"), "-f", "md", "-o", target)
    assert refused.exit_code == 2
    assert "exists; use --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert cli("plan", example("telgte"), "-f", "md", "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") == first


def test_impossible_timetable_exits_1_and_writes_nothing(cli: Invoke, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8").replace('start: "12:30"', 'start: "12:00"', 1)
    telgte.write_text(text, encoding="utf-8")
    target = telgte.parent / "out.ics"
    result = cli("plan", telgte, "-f", "ics", "-o", target)
    assert result.exit_code == 1
    assert not target.exists()
    assert "error: days[0].blocks[innovation].sessions[5].start: fixed start 12:00" in result.stderr
    assert "telgte.yaml:160:20: error:" in result.stderr
    assert cli("plan", telgte).exit_code == 1


def test_an_impossible_timetable_prints_only_the_errors_in_every_format(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autumn switch: 00:30 + 2h30m ends at 02:00 CET, after the fixed 02:30 CEST."""
    text = (ROOT / "examples/executive-program-kickoff.yaml").read_text(encoding="utf-8")
    path = tmp_path / "w.yaml"
    night = """\
  - date: 2027-10-31
    start: "00:30"
    end: "06:00"
    blocks:
      - id: nacht
        title: Nacht
        goal: Wach bleiben
        sessions:
          - {title: Eins, duration: 2h30m}
          - {title: Zwei, duration: 30m, start: "02:30"}
"""
    path.write_text(text.replace("\ndays:\n", "\ndays:\n" + night, 1), encoding="utf-8")
    refused = cli("plan", path, "-f", "text")
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "fixed start 02:30 lies before the previous session ends at 02:00" in refused.stderr
    # Were check to let it through, plan would still print nothing but its errors.
    import strategy_kit.document.timeline as timeline

    monkeypatch.setattr(timeline, "errors", lambda *_: [])
    for fmt in ("text", "json", "ics", "md"):
        result = cli("plan", path, "-f", fmt)
        assert result.exit_code == 1, fmt
        assert result.stdout == "", fmt
        assert "fixed start 02:30 lies before the previous session ends at 02:00" in result.stderr


def test_language_defaults_to_the_workshop_and_can_be_overridden(cli: Invoke, telgte: Path) -> None:
    english = telgte.read_text(encoding="utf-8").replace("language: de", "language: en")
    telgte.write_text(english, encoding="utf-8")
    out = cli("plan", telgte, "-f", "md").stdout
    assert "Tuesday, 5 March 2019" in out and "| Time |" in out
    out = cli("plan", telgte, "-f", "md", "--lang", "de").stdout
    assert "Dienstag, 5. März 2019" in out and "09:00–09:30 Uhr" in out


def test_public_mode_shows_roles_unless_consented(cli: Invoke, telgte: Path) -> None:
    text = telgte.read_text(encoding="utf-8")
    text = text.replace("role: Bürgermeister\n", "role: Bürgermeister\n    name: Erika Muster\n", 1)
    text = text.replace(
        "role: Moderation\n", "role: Moderation\n    name: Max Beispiel\n    public: true\n", 1
    )
    text = text.replace(
        "          - title: Kaffeepause\n",
        "          - title: Kaffeepause\n            internal: true\n",
        1,
    )
    telgte.write_text(text, encoding="utf-8")
    internal = cli("plan", telgte, "-f", "md").stdout
    assert "Erika Muster" in internal and "Max Beispiel" in internal
    assert internal.count("Kaffeepause") == 4
    for args in (["--public"], []):
        if not args:
            telgte.write_text(text + "  public: true\n", encoding="utf-8")
        public = cli("plan", telgte, "-f", "md", *args).stdout
        assert "Erika Muster" not in public
        assert "| Bürgermeister |" in public
        assert "Max Beispiel (Moderation)" in public
        assert public.count("Kaffeepause") == 3
    assert "Erika Muster" in cli("plan", telgte, "-f", "json", "--internal").stdout


def test_user_templates_come_first(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "agenda.md.j2").write_text(
        "Branded {{ workshop.title|md }}: {{ days|length }} days\n", encoding="utf-8"
    )
    result = cli("plan", example("telgte"), "-f", "md", "--templates", tmp_path)
    assert (
        result.stdout
        == "Branded Auftaktworkshop zur Erarbeitung einer digitalen Strategie: 2 days\n"
    )
    html = cli("plan", example("telgte"), "-f", "html", "--templates", tmp_path).stdout
    assert html.startswith("<!DOCTYPE html>")


def test_broken_user_template_is_a_clean_usage_error(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "agenda.md.j2").write_text("{% for %}\n", encoding="utf-8")
    result = cli("plan", example("telgte"), "-f", "md", "--templates", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("strategy-kit: error: template:")
    (tmp_path / "agenda.md.j2").write_text("{{ nothing.here }}\n", encoding="utf-8")
    assert cli("plan", example("telgte"), "-f", "md", "--templates", tmp_path).exit_code == 2


def test_user_template_not_in_utf8_is_a_clean_usage_error(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "agenda.md.j2").write_bytes("Tagesordnung für {{ workshop.title }}\n".encode("latin-1"))
    result = cli("plan", example("telgte"), "-f", "md", "--templates", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"strategy-kit: error: template: {tmp_path / 'agenda.md.j2'}: byte 0xfc is not UTF-8; "
        "save the template as UTF-8\n"
    )


def test_limits_are_configurable(cli: Invoke) -> None:
    result = cli("plan", example("telgte"), "--max-stretch", "1h", "--max-session", "1h")
    assert result.exit_code == 0
    assert "without a break" in result.stderr and "longer than 1h" in result.stderr
    bad = cli("plan", example("telgte"), "--max-stretch", "2 hours")
    assert bad.exit_code == 2
    assert "--max-stretch: not a duration" in bad.stderr


def test_invalid_file_reports_like_check(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    result = cli("plan", path)
    assert result.exit_code == 1
    assert "error:" in result.stderr
    assert cli("plan", tmp_path / "missing.yaml").exit_code == 2


# -- editions: the facilitator's, the handout, the projector -----------------------------


def _facilitator_notes(telgte: Path) -> Path:
    """Telgte with a day that overruns (booked until 15:30) and an internal session."""
    text = telgte.read_text(encoding="utf-8")
    text = text.replace('end: "16:30"', 'end: "15:30"', 1)
    text = text.replace(
        "          - id: ausblick-tag-2\n",
        "          - id: ausblick-tag-2\n            internal: true\n",
        1,
    )
    telgte.write_text(text, encoding="utf-8")
    return telgte


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_the_handout_leaves_out_what_only_the_facilitator_plans_with(
    cli: Invoke, telgte: Path, fmt: str
) -> None:
    path = _facilitator_notes(telgte)
    facilitator = cli("plan", path, "-f", fmt).stdout
    handout = cli("plan", path, "-f", fmt, "--handout")
    assert handout.exit_code == 0
    out = handout.stdout
    # The facilitator's edition has every note the handout must not have.
    for note in ("überzieht um 30 min", "Puffer", "Arbeitszeit", "Rückblick und Ausblick"):
        assert note in facilitator, note
        assert note not in out, note
    assert "Begrüßung und Einführung" in out
    assert "09:00–16:00 Uhr" in out  # the programme's own times, day 1
    assert "Mittwoch, 6. März 2019" in out
    if fmt == "html":
        assert "Fassung für die Moderation" in facilitator
        assert "Fassung für die Moderation" not in out


def test_the_handout_as_word_and_calendar(cli: Invoke, telgte: Path, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import docx
    import icalendar

    path = _facilitator_notes(telgte)
    target = tmp_path / "handout.docx"
    assert cli("plan", path, "--handout", "-o", target).exit_code == 0
    document = docx.Document(str(target))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    for note in ("überzieht", "Puffer", "Arbeitszeit", "Rückblick und Ausblick", "Moderation ·"):
        assert note not in text, note
    assert "Begrüßung und Einführung" in text
    events = icalendar.Calendar.from_ical(
        cli("plan", path, "-f", "ics", "--handout").stdout_bytes
    ).walk("VEVENT")
    titles = [str(e["SUMMARY"]) for e in events]
    assert "Begrüßung und Einführung" in titles
    assert "Rückblick und Ausblick auf den zweiten Tag" not in titles


def _rows(html: str) -> list[tuple[str, bool]]:
    """Every session row's title and whether it is marked as the current one."""
    import re

    found = []
    for match in re.finditer(r"<tr class=\"([^\"]*)\"([^>]*)>\s*<td class=\"time\">[^<]*</td>\s*"
                             r"<td class=\"session\">([^<]*)", html):
        found.append((match.group(3), 'aria-current="true"' in match.group(2)))
    return found


@pytest.mark.parametrize(
    ("now", "current"),
    [
        ("10:45", ["Praxisbeispiele aus Kommunalverwaltungen"]),
        ("10:15", ["Kaffeepause"]),  # a session's end is the next one's start
        ("13:15", ["Arbeitsgruppe: Digitale Verwaltung", "Arbeitsgruppe: Digitale Stadtgesellschaft"]),
        ("2019-03-06T10:45", ["Zielsetzung der Digitalisierungsstrategie"]),
        ("08:00", []),
        ("16:15", []),  # after the programme, in the booked buffer
    ],
)
def test_the_projector_marks_the_session_running_now(
    cli: Invoke, now: str, current: list[str]
) -> None:
    result = cli("plan", example("telgte"), "-f", "html", "--projector", "--now", now)
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout)
    assert len(rows) == 21
    assert [title for title, marked in rows if marked] == current
    body = result.stdout.split("<body>")[1]
    assert body.count('aria-current="true"') == len(current)
    assert body.count('<span class="now">jetzt</span>') == len(current)


def test_the_projector_without_now_marks_nothing_and_shows_the_handout(cli: Invoke) -> None:
    result = cli("plan", example("telgte"), "-f", "html", "--projector")
    assert result.exit_code == 0
    html = result.stdout
    assert _rows(html) and not any(marked for _, marked in _rows(html))
    assert "aria-current" not in html.split("<body>")[1]
    assert "<script" not in html and "default-src 'none'" in html
    assert "Puffer" not in html and "Arbeitszeit" not in html
    assert html.count('<section class="day"') == 2
    assert "Ergebnisse:" not in html  # the room reads the session, not the planned outputs


def test_a_time_alone_means_today_when_it_is_a_workshop_day(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    second_day = dt.datetime(2019, 3, 6, 8, 0, tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(second_day)))
    html = cli("plan", example("telgte"), "-f", "html", "--projector", "--now", "10:45").stdout
    assert [t for t, marked in _rows(html) if marked] == ["Zielsetzung der Digitalisierungsstrategie"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "pdf", "--projector"], "--projector: only with -f html, not with -f pdf"),
        (["-f", "md", "--projector"], "--projector: only with -f html, not with -f md"),
        (["-f", "html", "--now", "10:15"], "--now: only with --projector"),
        (["-f", "json", "--handout"], "--handout: not with -f json"),
        (["-f", "html", "--projector", "--now", "25:61"], "--now: not a time: '25:61'"),
        (["-f", "html", "--projector", "--now", "10.15"], "--now: not a time: '10.15'"),
        (["-f", "html", "--projector", "--now", "2019-13-05T10:15"], "--now: not a date: '2019-13-05'"),
        (
            ["-f", "html", "--projector", "--now", "2019-03-07T10:15"],
            "--now: 2019-03-07 is not a day of this workshop (days: 2019-03-05, 2019-03-06)",
        ),
    ],
)
def test_editions_without_meaning_are_usage_errors(
    cli: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "out"
    result = cli("plan", example("telgte"), *args, "-o", target)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"strategy-kit: error: {message}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not target.exists()


def test_a_malformed_now_is_refused_before_the_file_is_read(cli: Invoke, tmp_path: Path) -> None:
    """No file needed to see that 25:61 is no time (a missing or broken file is not reported first)."""
    result = cli("plan", tmp_path / "fehlt.yaml", "-f", "html", "--projector", "--now", "25:61")
    assert result.exit_code == 2
    assert result.stderr == "strategy-kit: error: --now: not a time: '25:61'; write '10:15' or '2019-03-05T10:15'\n"


def test_help_names_the_editions(cli: Invoke) -> None:
    out = " ".join(cli("plan", "--help").stdout.split())
    for option in ("--handout", "--projector", "--now"):
        assert option in out
    assert "1920x1080" in out


# -- the table: one grid per day, no empty column -------------------------------------------


def _day_tables(html: str) -> list[str]:
    return html.split('<section class="day"')[1:]


def test_every_day_is_one_table_whose_blocks_are_row_groups(cli: Invoke) -> None:
    html = cli("plan", example("executive-program-kickoff"), "-f", "html").stdout
    (day,) = _day_tables(html)
    assert day.count("<table>") == 1 and day.count("<colgroup>") == 1
    assert day.count('<tbody class="block"') == 3  # Eröffnung, Arbeitsgruppen, Zusammenfassung
    assert day.count('<th scope="rowgroup" colspan="5">') == 3
    import re

    widths = [int(w) for w in re.findall(r'<col class="\w+" style="width: (\d+)%">', day)]
    assert len(widths) == 5 and sum(widths) == 100


def test_headers_have_a_scope_and_the_page_a_main_landmark(cli: Invoke) -> None:
    import re

    for args in ([], ["--projector"]):
        html = cli("plan", example("telgte"), "-f", "html", *args).stdout
        assert html.count("<main>") == 1 and html.count("</main>") == 1
        headers = re.findall(r"<th\b[^>]*>", html)
        assert headers and all("scope=" in th for th in headers), headers


def test_a_block_that_repeats_its_day_gets_no_heading_of_its_own(cli: Invoke) -> None:
    html = cli("plan", example("telgte"), "-f", "html").stdout
    assert "<h3>" not in html  # Telgte's blocks are named like their days
    assert "<h2 id=\"day-1-title\">Dienstag, 5. März 2019: Innovationsworkshop</h2>" in html
    exec_html = cli("plan", example("executive-program-kickoff"), "-f", "html").stdout
    assert "<h3>Eröffnung</h3>" in exec_html


def test_a_column_without_content_that_day_is_left_out(cli: Invoke, telgte: Path) -> None:
    html = cli("plan", telgte, "-f", "html").stdout
    first, second = _day_tables(html)
    assert '<th scope="col">Parallel</th>' in first  # Gruppe A, Gruppe B
    assert '<th scope="col">Parallel</th>' not in second
    assert 'class="track"' not in second
    text = telgte.read_text(encoding="utf-8")
    text = text.replace("            track: Gruppe A\n", "").replace("            track: Gruppe B\n", "")
    text = "\n".join(line for line in text.splitlines() if "method:" not in line) + "\n"
    telgte.write_text(text, encoding="utf-8")
    for fmt in ("html", "md"):
        out = cli("plan", telgte, "-f", fmt).stdout
        assert "Parallel" not in out and "Methode" not in out, fmt
        assert "Leitung" in out
    assert "| Zeit | Einheit | Art | Leitung |" in cli("plan", telgte, "-f", "md").stdout


# -- real readers ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["per-session", "per-day"])
def test_ics_parses_with_icalendar_and_vobject(cli: Invoke, mode: str) -> None:
    import icalendar
    import vobject

    data = cli("plan", example("telgte"), "-f", "ics", "--ics", mode).stdout_bytes
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == (21 if mode == "per-session" else 2)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = events[0]
    assert first["DTSTART"].dt.isoformat() == "2019-03-05T09:00:00+01:00"
    assert str(first["LOCATION"]) == "Rathaus Telgte"

    parsed = vobject.readOne(data.decode("utf-8"))
    vevents = parsed.contents["vevent"]
    assert len(vevents) == len(events)
    assert vevents[0].dtstart.value.utcoffset().total_seconds() == 3600
    assert [v.uid.value for v in vevents] == [str(e["UID"]) for e in events]


def test_ics_uids_survive_a_retimed_file(cli: Invoke, telgte: Path) -> None:
    import icalendar

    before = icalendar.Calendar.from_ical(cli("plan", telgte, "-f", "ics").stdout_bytes)
    text = telgte.read_text(encoding="utf-8").replace("duration: 30m", "duration: 20m", 1)
    telgte.write_text(text, encoding="utf-8")
    after = icalendar.Calendar.from_ical(cli("plan", telgte, "-f", "ics").stdout_bytes)
    assert [e["UID"] for e in before.walk("VEVENT")] == [e["UID"] for e in after.walk("VEVENT")]
    assert before.walk("VEVENT")[1]["DTSTART"].dt != after.walk("VEVENT")[1]["DTSTART"].dt


def test_json_is_the_computed_timetable(cli: Invoke) -> None:
    data = json.loads(cli("plan", example("executive-program-kickoff"), "-f", "json").stdout)
    day = data["days"][0]
    assert day["start"] == "2018-07-11T10:00:00+02:00"
    assert day["totals"]["group_minutes"] == 90
    groups = [s for b in day["blocks"] for s in b["sessions"] if s["slot"] == 1]
    assert [(g["track"], g["start"], g["end"]) for g in groups] == [
        ("Arbeitsgruppe 1", "2018-07-11T13:30:00+02:00", "2018-07-11T15:00:00+02:00"),
        ("Arbeitsgruppe 2", "2018-07-11T13:30:00+02:00", "2018-07-11T15:00:00+02:00"),
    ]
    assert data["findings"] == []


# -- hostile titles in every format ------------------------------------------------------


def test_hostile_title_in_text_and_markdown(cli: Invoke, tmp_path: Path) -> None:
    path = hostile(tmp_path)
    text = cli("plan", path).stdout
    line = next(x for x in text.splitlines() if "alert(1)" in x)
    assert "A B {{ 7*7 }}" in line and "\x1b" not in text
    md = cli("plan", path, "-f", "md").stdout
    row = next(x for x in md.splitlines() if "alert" in x)
    assert "<script>" not in md
    assert "&lt;script>alert(1)&lt;/script> \\| A B {{ 7\\*7 }}" in row
    assert row.replace("\\|", "").count("|") == 7
    assert "49" not in row


def test_hostile_title_in_ics_and_json(cli: Invoke, tmp_path: Path) -> None:
    import icalendar
    import vobject

    path = hostile(tmp_path)
    data = cli("plan", path, "-f", "ics").stdout_bytes
    # The escape character is gone; what it introduced stays visible as harmless text.
    summary = "<script>alert(1)</script> | A B {{ 7*7 }} [bold]x[/bold] [31m"
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == summary
    assert vobject.readOne(data.decode()).vevent.summary.value == summary
    payload = json.loads(cli("plan", path, "-f", "json").stdout)
    assert payload["days"][0]["blocks"][0]["sessions"][0]["title"] == HOSTILE_VALUE


def test_hostile_title_in_html_is_escaped(cli: Invoke, tmp_path: Path) -> None:
    html = cli("plan", hostile(tmp_path), "-f", "html").stdout
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | A\nB {{ 7*7 }}" in html


# -- a real browser ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("name", "days"), [("telgte", 2), ("executive-program-kickoff", 1)])
def test_html_prints_one_a4_page_per_day(cli: Invoke, tmp_path: Path, name: str, days: int) -> None:
    import pypdf

    page = tmp_path / "agenda.html"
    assert cli("plan", example(name), "-f", "html", "-o", page).exit_code == 0
    pdf = tmp_path / "agenda.pdf"
    print_to_pdf(page, pdf, tmp_path)
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == days
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    dates = {
        "telgte": ["Dienstag, 5. März 2019", "Mittwoch, 6. März 2019"],
        "executive-program-kickoff": ["Mittwoch, 11. Juli 2018"],
    }[name]
    for page, date in zip(reader.pages, dates, strict=True):
        text = " ".join(page.extract_text().split())
        assert date in text
        assert [d for d in dates if d in text] == [date]


@pytest.mark.slow
def test_injected_script_does_not_become_an_element(cli: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    assert cli("plan", hostile(tmp_path), "-f", "html", "-o", page).exit_code == 0
    dom = dump_dom(page, tmp_path)
    assert "<table>" in dom
    assert "<script" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_help_and_check_do_not_import_jinja2() -> None:
    code = (
        "import sys; from strategy_kit.cli import app; import strategy_kit.cli.plan;"
        "print('jinja2' in sys.modules, 'icalendar' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False False"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_to_a_pipe_needs_no_force_and_a_link_is_refused(cli: Invoke, tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert cli("plan", example("telgte"), "-f", "json", "-o", fifo).exit_code == 0
    reader.join(timeout=10)
    assert json.loads(received[0])["days"]
    real = tmp_path / "real.md"
    real.write_text("old\n", "utf-8")
    (tmp_path / "link.md").symlink_to(real)
    assert cli("plan", example("telgte"), "-f", "md", "-o", tmp_path / "link.md").exit_code == 2
    # Not even with --force: an output never replaces what a link points to.
    assert cli("plan", example("telgte"), "-f", "md", "-o", tmp_path / "link.md", "--force").exit_code == 2
    assert (tmp_path / "link.md").is_symlink() and real.read_text("utf-8") == "old\n"


@pytest.mark.parametrize(
    ("name", "starts"),
    [("agenda.ics", "BEGIN:VCALENDAR"), ("agenda.md", "# "), ("agenda.html", "<!DOCTYPE html>"), ("agenda.json", "{")],
)
def test_output_suffix_chooses_the_format(cli: Invoke, tmp_path: Path, name: str, starts: str) -> None:
    target = tmp_path / name
    assert cli("plan", example("telgte"), "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(starts)
    # -f still wins over the suffix
    text = tmp_path / f"forced-{name}"
    assert cli("plan", example("telgte"), "-f", "text", "-o", text).exit_code == 0
    assert text.read_text(encoding="utf-8").startswith("Auftaktworkshop")


def test_the_agenda_wears_the_files_style(cli: Invoke, telgte: Path) -> None:
    """One look for every document: report.style's accent and font reach the agenda too."""
    text = telgte.read_text(encoding="utf-8")
    assert "\nreport:\n" in text
    telgte.write_text(
        text.replace("\nreport:\n", "\nreport:\n  style: {accent: '#7a1f5c', font: Verdana}\n", 1), encoding="utf-8"
    )
    for edition in ([], ["--projector"]):
        html = cli("plan", telgte, "-f", "html", *edition).stdout
        assert ':root{--accent:#7a1f5c;--ink:#1f2933;--muted:#52606d;--line:#c8cdd3;--soft:#eef3f9;--font:"Verdana"}' in html
        assert "font-family: var(--font)" in html


def test_the_handout_names_the_organiser_as_the_report_does(cli: Invoke, tmp_path: Path) -> None:
    """The same `organiser`, the same words: "Durchführung und Moderation", never "Veranstalter"."""
    pytest.importorskip("docx")
    import docx

    target = tmp_path / "handout.docx"
    assert cli("plan", example("telgte"), "--handout", "-o", target).exit_code == 0
    word = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    report = cli("report", example("telgte"), "--public", "-f", "md").stdout
    assert "Durchführung und Moderation | City & Bits" in report
    texts = {fmt: cli("plan", example("telgte"), "--handout", "-f", fmt).stdout for fmt in ("md", "html")}
    for fmt, text in {**texts, "docx": word}.items():
        assert "Durchführung und Moderation: City &" in text, fmt
        assert "Veranstalter" not in text, fmt
    english = cli("plan", example("telgte"), "--handout", "-f", "md", "--lang", "en").stdout
    assert "Facilitation: City & Bits" in english and "Organiser" not in english
