"""The rules for a measure's dependencies, goals and period, the report's frame, and local images.

Each rule with a file it refuses and one it passes, the diagnostic at its
``file:line:col``.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from tests.gitrepo import Invoke, Repo, needs_git

from strategy_kit.check.repository import load_revision
from strategy_kit.check.validate import check_file, check_source
from strategy_kit.document.diagnostics import Diagnostic
from strategy_kit.files.source import decode

TELGTE = (Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml").read_text(encoding="utf-8")

HEAD = """\
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern}
workshop: {title: Test, organiser: Beratung, goal: Ziel}
days:
  - date: 2027-03-05
    start: "09:00"
    end: "12:00"
fields_of_action:
  - {id: feld, title: Feld}
"""


def projects(*lines: str) -> str:
    """A workshop file with the projects given as one-line mappings (lines 11 on)."""
    return HEAD + "projects:\n" + "".join(f"  - {line}\n" for line in lines)


def found(text: str, name: str = "w.yaml") -> list[str]:
    """Errors and warnings of the rules this file tests, as ``check`` prints them."""
    return [str(d) for d in _diagnostics(text, name)]


def _diagnostics(text: str, name: str) -> list[Diagnostic]:
    ignored = ("has no participant", "no participant with function", "has no project yet")
    diagnostics = check_source(decode(text.encode(), name)).diagnostics
    return [d for d in diagnostics if not any(part in d.message for part in ignored)]


# -- depends_on -----------------------------------------------------------------------


def test_dependencies_on_known_projects_pass() -> None:
    text = projects(
        "{id: a, title: A, fields: [feld], depends_on: [b, c]}",
        "{id: b, title: B, fields: [feld], depends_on: [c]}",
        "{id: c, title: C, fields: [feld]}",
    )
    assert found(text) == []


def test_an_unknown_dependency_is_an_error_with_a_near_miss() -> None:
    text = projects(
        "{id: stadtportal, title: A, fields: [feld]}",
        "{id: b, title: B, fields: [feld], depends_on: [stadtportal, stadportal]}",
    )
    assert found(text) == [
        "w.yaml:12:65: error: projects[b].depends_on[1]: unknown project 'stadportal'; did you mean 'stadtportal'?"
    ]


def test_a_dependency_listed_twice_is_a_warning() -> None:
    text = projects(
        "{id: a, title: A, fields: [feld]}",
        "{id: b, title: B, fields: [feld], depends_on: [a, a]}",
    )
    (warning,) = found(text)
    assert warning.endswith("warning: projects[b].depends_on[1]: 'a' is listed twice; once is enough")


def test_a_project_cannot_depend_on_itself() -> None:
    assert found(projects("{id: a, title: A, fields: [feld], depends_on: [a]}")) == [
        "w.yaml:11:52: error: projects[a].depends_on[0]: a project cannot depend on itself"
    ]


def test_a_cycle_is_reported_once_at_its_first_members_entry() -> None:
    text = projects(
        "{id: x, title: X, fields: [feld]}",
        "{id: a, title: A, fields: [feld], depends_on: [x, b]}",
        "{id: b, title: B, fields: [feld], depends_on: [c]}",
        "{id: c, title: C, fields: [feld], depends_on: [a]}",
    )
    assert found(text) == [
        "w.yaml:12:55: error: projects[a].depends_on[1]: projects depend on each other in a cycle: "
        "a → b → c → a; one of them must be able to start first"
    ]


def test_a_cycle_entered_from_its_last_member_still_starts_at_the_first_written() -> None:
    text = projects(
        "{id: a, title: A, fields: [feld], depends_on: [b]}",
        "{id: b, title: B, fields: [feld], depends_on: [a]}",
        "{id: z, title: Z, fields: [feld], depends_on: [b]}",
    )
    (error,) = found(text)
    assert error.startswith("w.yaml:11:52: error: projects[a].depends_on[0]:")
    assert error.endswith("cycle: a → b → a; one of them must be able to start first")


def test_a_dependency_on_a_dropped_project_is_a_warning() -> None:
    text = projects(
        "{id: a, title: A, fields: [feld], status: verworfen}",
        "{id: b, title: B, fields: [feld], depends_on: [a]}",
        "{id: c, title: C, fields: [feld], depends_on: [a], status: dropped}",
    )
    assert found(text) == [
        "w.yaml:12:52: warning: projects[b].depends_on[0]: project 'a' is dropped; this one cannot wait "
        "for it: remove the dependency or plan it anew"
    ]


# -- depends_on and goals in a strategy repository ----------------------------------------


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def sprint(strategy_repo: Path) -> Path:
    return strategy_repo / "workshops" / "2019-05-konkretisierung.yaml"


def test_a_workshop_project_may_depend_on_the_strategys_and_serve_its_goals(sprint: Path) -> None:
    edit(sprint, "    parent: stadtportal\n", "    parent: stadtportal\n    depends_on: [stadtportal]\n    goals: [ziel-1]\n")
    assert check_file(sprint).diagnostics == []


def test_unknown_dependencies_and_goals_of_a_workshop_name_the_strategys_ids(sprint: Path) -> None:
    edit(sprint, "    parent: stadtportal\n", "    parent: stadtportal\n    depends_on: [stadtportl]\n    goals: [zeil-1]\n")
    errors = [str(d) for d in check_file(sprint).diagnostics]
    line = line_of(sprint, "depends_on: [stadtportl]")
    assert errors == [
        f"{sprint}:{line}:18: error: projects[{_id_before(sprint, line)}].depends_on[0]: unknown project "
        "'stadtportl'; did you mean 'stadtportal'?",
        f"{sprint}:{line + 1}:13: error: projects[{_id_before(sprint, line)}].goals[0]: unknown goal "
        "'zeil-1'; did you mean 'ziel-1'?",
    ]


def _id_before(path: Path, line: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()[:line]
    return next(text.split("id: ")[1] for text in reversed(lines) if text.strip().startswith("- id: "))


def test_a_dependency_on_a_dropped_strategy_project_is_a_warning(strategy_repo: Path, sprint: Path) -> None:
    edit(strategy_repo / "strategy.yaml", "    status: prioritised\n", "    status: dropped\n")
    dropped = "smarte-mobilitaet"
    edit(sprint, "    parent: stadtportal\n", f"    parent: stadtportal\n    depends_on: [{dropped}]\n")
    (warning,) = check_file(sprint).diagnostics
    assert (warning.severity, warning.line) == ("warning", line_of(sprint, "depends_on:"))
    assert f"project '{dropped}' is dropped" in warning.message


def test_a_strategy_projects_goals_are_the_strategys_own(strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    edit(strategy, "    weight: 2\n    goals: [ziel-1]\n", "    weight: 2\n    goals: [ziel-1, zeil-2]\n")
    (error,) = check_file(strategy).diagnostics
    assert str(error) == (
        f"{strategy}:{line_of(strategy, 'goals: [ziel-1, zeil-2]')}:21: error: projects[online-antraege].goals[1]: "
        "unknown goal 'zeil-2'; did you mean 'ziel-2'?"
    )


def test_a_strategys_goal_ids_are_unique(strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    edit(strategy, "  - id: ziel-3\n", "  - id: ziel-2\n")
    # The measure that served ziel-3 now names an unknown goal too; the duplicate is found first.
    error = check_file(strategy).diagnostics[0]
    assert (error.line, error.message) == (
        line_of(strategy, "id: ziel-2") + 3,
        f"duplicate goal id 'ziel-2'; first used on line {line_of(strategy, 'id: ziel-2')}",
    )


def test_goals_in_a_workshop_without_a_strategy_file_say_to_name_one() -> None:
    assert found(projects("{id: a, title: A, fields: [feld], goals: [ziel-1]}")) == [
        "w.yaml:11:39: error: projects[a].goals: goals are the ids of a strategy file's goals, and this file "
        "names no strategy file; add one (strategy: ../strategy.yaml) or remove goals"
    ]
    assert found(projects("{id: a, title: A, fields: [feld], goals: []}")) == []


# -- start, end and milestones --------------------------------------------------------


def test_a_period_in_order_with_its_milestones_inside_passes() -> None:
    text = projects(
        "{id: a, title: A, fields: [feld], start: 2027-Q1, end: 2027-Q1, "
        "milestones: [{date: 2027-01-01, title: M}, {date: 2027-03-31, title: N, done: true}]}",
        "{id: b, title: B, fields: [feld], start: 2027-02-15, end: 2028-Q4}",
        "{id: c, title: C, fields: [feld], milestones: [{date: 2099-01-01, title: M, done: true}]}",
    )
    assert found(text) == []


def test_an_end_before_the_start_is_an_error() -> None:
    assert found(projects("{id: a, title: A, fields: [feld], start: 2027-Q2, end: 2027-03-31}")) == [
        "w.yaml:11:60: error: projects[a].end: the measure ends (2027-03-31) before it starts (2027-Q2)"
    ]


def test_milestones_outside_the_period_are_warnings() -> None:
    text = projects(
        "{id: a, title: A, fields: [feld], start: 2027-Q2, end: 2027-Q3, milestones: "
        "[{date: 2027-03-31, title: M}, {date: 2027-07-01, title: N}, {date: 2027-10-01, title: O}]}"
    )
    assert found(text) == [
        "w.yaml:11:89: warning: projects[a].milestones[0].date: milestone 2027-03-31 lies before the measure "
        "starts (2027-Q2)",
        "w.yaml:11:149: warning: projects[a].milestones[2].date: milestone 2027-10-01 lies after the measure "
        "ends (2027-Q3)",
    ]


def test_a_quarter_of_the_year_zero_is_not_in_the_calendar() -> None:
    (error,) = found(projects("{id: a, title: A, fields: [feld], start: 0000-Q1}"))
    assert error == (
        "w.yaml:11:46: error: projects[a].start: '0000-Q1': the calendar has no year 0; write a quarter like 2027-Q1"
    )


# -- report.document ------------------------------------------------------------------


def frame(document: str) -> str:
    return HEAD + f"report:\n  document: {document}\n"


def test_an_adopted_report_with_its_date_passes() -> None:
    assert found(frame("{status: beschlossen, adopted: 2027-04-20}")) == []
    assert found(frame("{status: Entwurf}")) == []


def test_status_adopted_needs_the_decision_date() -> None:
    assert found(frame("{version: '1.0', status: adopted}")) == [
        "w.yaml:11:38: error: report.document.status: an adopted report needs the council's decision date "
        "(adopted: 2027-03-15)"
    ]


@pytest.mark.parametrize(
    ("document", "now"),
    [
        ("{status: zur Beschlussfassung, adopted: 2027-04-20}", "its status is proposed"),
        ("{adopted: 2027-04-20}", "it has no status"),
    ],
)
def test_a_decision_date_needs_status_adopted(document: str, now: str) -> None:
    (error,) = found(frame(document))
    assert error.startswith(f"w.yaml:11:{document.index('2027') + 13}: error: report.document.adopted: ")
    assert error.endswith(f"a decision date belongs to an adopted report (status: adopted), but {now}")


def test_a_decision_before_the_workshop_is_a_warning() -> None:
    assert found(frame("{status: adopted, adopted: 2027-03-04}")) == [
        "w.yaml:11:40: warning: report.document.adopted: adopted on 2027-03-04, before the workshop's first "
        "day 2027-03-05; is the date right?"
    ]


# -- local images ---------------------------------------------------------------------


def png(width: int = 2, height: int = 1) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


PHOTOS = """\
version: 1
municipality: {name: Stadt Musterhausen, state: Bayern, logo: %s}
workshop: {title: Test, organiser: Beratung, goal: Ziel}
days:
  - date: 2027-03-05
    start: "09:00"
    end: "12:00"
    blocks:
      - id: b
        title: B
        goal: G
        photos: [{file: %s, caption: Pinnwand, alt: Zettel}]
        sessions:
          - title: S
            duration: 1h
            photos:
              - {file: %s, caption: Flipchart, alt: Skizze, internal: true}
"""


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    (tmp_path / "fotos").mkdir()
    (tmp_path / "fotos" / "a.png").write_bytes(png())
    (tmp_path / "wappen.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', encoding="utf-8")
    return tmp_path / "w.yaml"


def image_errors(path: Path, logo: str, block: str, session: str) -> list[str]:
    path.write_text(PHOTOS % (logo, block, session), encoding="utf-8")
    return [str(d) for d in check_file(path, "w.yaml").diagnostics if d.severity == "error"]


def test_local_images_inside_the_folder_pass(workshop: Path) -> None:
    assert image_errors(workshop, "wappen.svg", "fotos/a.png", "./fotos/a.png") == []


def test_each_refused_image_is_reported_at_its_key(workshop: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "b.png"
    outside.write_bytes(png())
    (workshop.parent / "fotos" / "link.png").symlink_to(outside)
    (workshop.parent / "fotos" / "bomb.png").write_bytes(png(100_000, 100_000))
    errors = image_errors(workshop, "https://example.org/w.png", "fotos/link.png", "fotos/bomb.png")
    assert errors == [
        "w.yaml:2:63: error: municipality.logo: 'https://example.org/w.png' is a URL; images are never fetched: "
        "put the file in this file's folder and write its path relative to it",
        "w.yaml:12:25: error: days[0].blocks[b].photos[0].file: 'fotos/link.png' lies outside this "
        "file's folder (links followed); keep images in that folder or below it",
        "w.yaml:17:24: error: days[0].blocks[b].sessions[0].photos[0].file: the image declares 100000 x 100000 "
        "pixels; at most 40 megapixels are allowed: scale it down",
    ]


def test_a_missing_photo_is_a_warning_and_an_svg_photo_is_refused(workshop: Path) -> None:
    """A photo not there leaves the file valid (the report leaves it out); an SVG photo does not."""
    errors = image_errors(workshop, "fotos/a.png", "fotos/fehlt.jpg", "wappen.svg")
    assert [e.split(": error: ")[1] for e in errors] == [
        "days[0].blocks[b].sessions[0].photos[0].file: the file's content is no PNG or JPEG image "
        "(judged by its bytes, not its name)",
    ]
    warnings = [str(d) for d in check_file(workshop, "w.yaml").diagnostics if d.severity == "warning"]
    assert [w.split(": warning: ")[1] for w in warnings if "fehlt" in w] == [
        "days[0].blocks[b].photos[0].file: 'fotos/fehlt.jpg': no such file (the path is relative to this file);"
        " the report leaves it out",
    ]


def test_a_strategy_files_logo_is_read_beside_it(strategy_repo: Path) -> None:
    strategy = strategy_repo / "strategy.yaml"
    edit(strategy, '  ags: "05570044"\n', '  ags: "05570044"\n  logo: wappen.png\n')
    (error,) = check_file(strategy).diagnostics
    assert (error.line, error.path, error.message) == (
        line_of(strategy, "logo: wappen.png"),
        "municipality.logo",
        "'wappen.png': no such file (the path is relative to this file); the report leaves it out",
    )
    (strategy_repo / "wappen.png").write_bytes(png())
    assert check_file(strategy).diagnostics == []


@needs_git
def test_a_revision_from_git_is_checked_without_its_images(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An old revision's images are not in the working tree; the image rules skip it, as documented."""
    repo = Repo(tmp_path, monkeypatch)
    workshop = tmp_path / "w.yaml"
    workshop.write_text(PHOTOS % ("wappen.png", "fotos/a.png", "fotos/a.png"), encoding="utf-8")
    repo.commit("workshop", "2027-03-06")
    assert [d.path for d in check_file(workshop).diagnostics if "no such file" in d.message] == [
        "municipality.logo", "days[0].blocks[b].photos[0].file", "days[0].blocks[b].sessions[0].photos[0].file"
    ]
    monkeypatch.chdir(tmp_path)
    (result,) = load_revision("HEAD", [Path("w.yaml")])
    assert result.diagnostics == [] and result.document is not None


def test_every_example_stays_clean(cli: Invoke, examples: Path, tmp_path: Path) -> None:
    """``strategy-kit check`` on the examples: the one warning it had, nothing new."""
    copy = tmp_path / "examples"
    shutil.copytree(examples, copy)
    result = cli("check", copy)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "0 errors, 1 warning in 6 files"
    assert "no participant with function" in result.output


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("      one_off: 40.000", "40.000 is 40 to YAML, whose dot is a decimal point; for 40000 euros write 40000"),
        ("      yearly: 1.500", "1.500 is 1.5 to YAML, whose dot is a decimal point; for 1500 euros write 1500"),
    ],
)
def test_a_sum_in_euros_with_a_thousands_dot_is_an_error_not_forty_euros(fast: bool, written: str, message: str) -> None:
    key = written.strip().split(":")[0]
    old = {"one_off": "      one_off: 40000", "yearly": "      yearly: 10000"}[key]
    text = TELGTE.replace(old, written, 1)
    assert text != TELGTE
    result = check_source(decode(text.encode("utf-8"), "telgte.yaml"), fast=fast)
    assert [f"{d.path}: {d.message}" for d in result.diagnostics if d.severity == "error"] == [
        f"projects[stadtportal].costs.{key}: {message}"
    ]


@pytest.mark.parametrize("written", ["40.5", "0.125", "40000.000", "40.00", "40000"])
def test_an_amount_with_cents_or_none_is_no_thousands(written: str) -> None:
    text = TELGTE.replace("      one_off: 40000", f"      one_off: {written}", 1)
    result = check_source(decode(text.encode("utf-8"), "telgte.yaml"))
    assert not [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("fast", [True, False])
def test_a_budget_year_with_a_thousands_dot_is_an_error(fast: bool) -> None:
    old = "      budget: 60000\n"
    assert old in TELGTE
    years = old + "      years:\n        - {year: 2020, planned: 40.000, spent: 35000, source: own}\n"
    text = TELGTE.replace(old, years, 1)
    result = check_source(decode(text.encode("utf-8"), "telgte.yaml"), fast=fast)
    assert [f"{d.path}: {d.message}" for d in result.diagnostics if d.severity == "error"] == [
        "projects[stadtportal].funding.years[0].planned: "
        "40.000 is 40 to YAML, whose dot is a decimal point; for 40000 euros write 40000"
    ]
