"""One progress figure per project, the same in status, report, Excel CSV and Decidim."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from tests.gitrepo import EXAMPLES, Invoke

from strategy_kit.compute import progress as rule
from strategy_kit.compute.progress import (
    DECIDED,
    STATUS_PROGRESS,
    field_progress,
    portfolio_progress,
    project_progress,
)
from strategy_kit.document.model import Project, Status

#: Issue 14, defect 3: sub-projects in progress (60 %, weight 2), planned and an idea.
SUB_PROJECTS = """\
  - id: online-antraege
    title: Online-Anträge
    fields: [digitales-rathaus]
    parent: stadtportal
    status: in-progress
    progress: 60
    weight: 2
  - id: terminbuchung
    title: Terminbuchung
    fields: [digitales-rathaus]
    parent: stadtportal
    status: planned
  - id: chatbot
    title: Chatbot
    fields: [digitales-rathaus]
    parent: stadtportal
    status: idea
  - id: verworfen
    title: Verworfenes Teilprojekt
    fields: [digitales-rathaus]
    parent: stadtportal
    status: dropped
    progress: 0
    weight: 5
"""


def project(pid: str, **values: object) -> Project:
    return Project.model_validate({"id": pid, "title": pid.upper(), "fields": ["f"], **values})


def workshop(folder: Path, *, done_at_80: bool = False) -> Path:
    """Telgte with the sub-projects above under the Stadtportal; optionally Datenaustausch done."""
    text = (EXAMPLES / "telgte.yaml").read_text(encoding="utf-8")
    text = text.replace("\n# Folgeworkshops", "\n" + SUB_PROJECTS + "\n# Folgeworkshops", 1)
    if done_at_80:
        before = "    status: prioritised\n    horizon: medium\n    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3"
        assert text.count(before) == 1
        text = text.replace(
            before, before.replace("status: prioritised", "status: done\n    progress: 80")
        )
    folder.mkdir()
    path = folder / "telgte.yaml"
    path.write_text(text, encoding="utf-8")
    return path


#: The report JSON's lists of projects: ranked, or not, and why.
REPORT_LISTS = ("ranking", "knocked_out", "incomplete", "apart", "sub_projects")

def figures(cli: Invoke, path: Path, pid: str, title: str, repo: Path | None = None) -> dict[str, str]:
    """The project's progress as each output shows it, German number format.

    ``status`` rolls up ``repo`` (default: the workshop's folder).
    """
    repo = repo or path.parent
    shown: dict[str, str] = {}
    status = json.loads(cli("status", repo, "-f", "json").stdout)
    value = next(p["progress"] for p in status["projects"] if p["id"] == pid)
    shown["status json"] = f"{value:g}".replace(".", ",")
    for fmt in ("table", "md", "html"):
        out = cli("status", repo, "-f", fmt).stdout
        # The project's row; the note under the sums may name it too, without a figure.
        # The terminal table may wrap a long title: its first line starts the row.
        start = title if fmt != "table" else title[:15]
        row = next(line for line in out.splitlines() if start in line and "%" in line)
        shown[f"status {fmt}"] = re.findall(r"(\d[\d,]*) %", row)[-1]
    report = json.loads(cli("report", path, "-f", "json").stdout)
    entries = [e for part in REPORT_LISTS for e in report[part]]
    value = next(e["progress"] for e in entries if e["project"] == pid)
    shown["report json"] = f"{value:g}".replace(".", ",")
    markdown = cli("report", path, "-f", "md").stdout
    if f": {title}\n" in markdown:  # a measure sheet (prioritised, planned, in progress)
        sheet = markdown.split(f": {title}\n", 1)[1]
        row = next(line for line in sheet.splitlines() if line.startswith("| Stand |"))  # status · progress
        shown["report md"] = re.findall(r"(\d[\d,]*) %", row)[-1]
    rows = list(csv.reader(io.StringIO(cli("export", path).stdout_bytes.decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("Fortschritt")
    shown["csv"] = next(r[column] for r in rows if r[0] == pid)
    rows = list(csv.reader(io.StringIO(cli("export", path, "-f", "decidim").stdout), delimiter=";"))
    column = rows[0].index("progress")
    shown["decidim"] = next(r[column] for r in rows if r[2] == f"project:{pid}").replace(".", ",")
    return shown


def test_a_parent_shows_one_figure_everywhere(cli: Invoke, tmp_path: Path) -> None:
    """Issue 14, defect 3: status said 32.5 % (the idea as 0), Decidim 43.3 % (idea left out)."""
    path = workshop(tmp_path / "repo")
    shown = figures(cli, path, "stadtportal", "Stadtportal mit Online-Services")
    # (60·2 + 10) / 3: the idea waits in the pool, the dropped one counts nowhere.
    assert "report md" in shown and "status table" in shown
    assert shown == dict.fromkeys(shown, "43,3"), shown


def test_a_done_project_is_complete_everywhere(cli: Invoke, tmp_path: Path) -> None:
    """Issue 14, defect 3: moved to done with progress: 80 it showed "erledigt 80 %"."""
    path = workshop(tmp_path / "repo", done_at_80=True)
    shown = figures(cli, path, "datenaustausch", "Datenaustausch")
    assert shown == dict.fromkeys(shown, "100"), shown
    table = cli("status", path.parent).stdout
    assert "erledigt" in table and "80 %" not in table


def test_a_workshop_shows_the_figure_of_its_strategy_repository(cli: Invoke, strategy_repo: Path) -> None:
    """Issue 14, defect 3: the Stadtportal was 47.5 % in status, 60 % in the workshop's report.

    Its third sub-project (Online bezahlen, planned) is written in another
    workshop file; the report and the exports of 2019-09 saw only the strategy
    and their own file: (40·2 + 100) / 3 = 60 instead of (40·2 + 100 + 10) / 4.
    """
    repo = strategy_repo
    path = repo / "workshops" / "2019-09-massnahmen.yaml"
    shown = figures(cli, path, "stadtportal", "Stadtportal mit Online-Services", repo=repo)
    assert "report md" in shown and "decidim" in shown
    assert shown == dict.fromkeys(shown, "47,5"), shown


def test_an_invalid_sibling_is_named_and_left_out(cli: Invoke, strategy_repo: Path) -> None:
    """A workshop file of the same strategy with errors does not stop the report: a warning names it."""
    repo = strategy_repo
    broken = repo / "workshops" / "2019-05-konkretisierung.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("status: planned", "status: geplannt", 1), encoding="utf-8")
    result = cli("report", repo / "workshops" / "2019-09-massnahmen.yaml", "-f", "json")
    assert result.exit_code == 0
    assert "2019-05-konkretisierung.yaml" in result.stderr and "warning" in result.stderr
    data = json.loads(result.stdout)
    entries = [e for part in REPORT_LISTS for e in data[part]]
    # What can be read: the strategy's two sub-projects, (40·2 + 100) / 3.
    assert next(e["progress"] for e in entries if e["project"] == "stadtportal") == 60


def test_a_workshop_outside_the_strategy_repository_sees_only_its_own(cli: Invoke, tmp_path: Path) -> None:
    """Without a strategy file the document's own projects make the figures, as before."""
    path = workshop(tmp_path / "repo")
    (tmp_path / "repo" / "other.yaml").write_text("not: [a workshop", encoding="utf-8")
    result = cli("report", path, "-f", "json")
    assert result.exit_code == 0 and "other.yaml" not in result.stderr


#: Issue 14, defect 3: children of a dropped and of an idea parent, one field, no criteria.
FIELD_ROW = """\
version: 1
municipality: {name: Musterstadt, state: Nordrhein-Westfalen}
workshop: {title: Felder, goal: Ein Feld, organiser: Stadt, language: de}
fields_of_action:
  - {id: f, title: Feld}
projects:
  - {id: top, title: Top done, fields: [f], status: done}
  - {id: drop, title: Dropped parent, fields: [f], status: dropped}
  - {id: dchild, title: child of dropped, fields: [f], status: in-progress, parent: drop}
  - {id: ideap, title: idea parent, fields: [f], status: idea}
  - {id: ichild, title: child of idea, fields: [f], status: done, parent: ideap}
"""


def test_a_field_shows_one_figure_in_status_and_decidim(cli: Invoke, tmp_path: Path) -> None:
    """Issue 14, defect 3: status gave field f 100 %, Decidim's field row 83.3.

    Decidim attached the children of the dropped and of the idea parent
    straight to the field and averaged them in; the roll-up counts only
    top-level projects decided on.
    """
    (tmp_path / "repo").mkdir()
    path = tmp_path / "repo" / "felder.yaml"
    path.write_text(FIELD_ROW, encoding="utf-8")
    assert cli("check", path).exit_code == 0
    status = json.loads(cli("status", path.parent, "-f", "json").stdout)
    in_status = next(f["progress"] for f in status["fields"] if f["id"] == "f")
    rows = list(csv.reader(io.StringIO(cli("export", path, "-f", "decidim").stdout), delimiter=";"))
    column = rows[0].index("progress")
    in_decidim = next(r[column] for r in rows if r[2] == "field-of-action:f")
    assert (in_status, in_decidim) == (100, "100")
    # The projects below the field row keep their own figure, the same everywhere.
    below = [("top", "Top done", "100"), ("dchild", "child of dropped", "50"), ("ichild", "child of idea", "100")]
    for pid, title, figure in below:
        shown = figures(cli, path, pid, title)
        assert shown == dict.fromkeys(shown, figure), (pid, shown)


def test_a_field_counts_its_top_level_projects_decided_on() -> None:
    projects = [
        project("top", status="done", fields=["f", "g"], weight=3),
        project("drop", status="dropped"),
        project("dchild", parent="drop", status="in-progress"),
        project("ideap", status="idea"),
        project("ichild", parent="ideap", status="done"),
        project("planned", status="planned", fields=["g"]),
        project("orphan", parent="elsewhere", status="planned", fields=["h"]),
    ]
    progress = project_progress(projects)
    assert field_progress(projects, progress) == {"f": 100, "g": (100 * 3 + 10) / 4, "h": 10}
    assert portfolio_progress(projects, progress) == round((100 * 3 + 10 + 10) / 5, 1)
    assert rule.figures(projects).fields == field_progress(projects, progress)


def test_the_rule_project_by_project() -> None:
    projects = [
        project("a", status="in-progress", progress=90),
        project("b", parent="a", status="in-progress", progress=20, weight=3),
        project("c", parent="a", status="done", progress=80),
        project("d", parent="a", status="dropped", progress=0, weight=9),
        project("e", parent="a", status="candidate", progress=0, weight=9),
        project("f", parent="a", status="idea", weight=9),
        project("g", status="done", progress=30),
        project("h", parent="g", status="planned"),
        project("i", status="prioritised", progress=35),
        project("j", parent="i", status="idea", progress=90),
        project("k", status="planned"),
    ]
    progress = project_progress(projects)
    assert progress["a"] == (20 * 3 + 100) / 4  # decided sub-projects only, by weight
    assert progress["c"] == 100 and progress["g"] == 100  # done is done
    assert progress["d"] is None  # dropped: no figure, in no average
    assert progress["e"] == 0 and progress["f"] == 0  # the pool has its own figure
    assert progress["i"] == 35  # only ideas below: its own figure
    assert progress["k"] == STATUS_PROGRESS[Status.PLANNED]


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_its_place_in_the_rule(status: Status) -> None:
    figure = project_progress([project("p", status=status)])["p"]
    if status is Status.DROPPED:
        assert figure is None
    else:
        assert figure == STATUS_PROGRESS[status]
    assert (status in DECIDED) == (status not in (Status.IDEA, Status.CANDIDATE, Status.DROPPED))


def test_the_weights_are_those_the_figures_are_made_of() -> None:
    """What a page explains a figure with comes from the computation that made it."""
    projects = [
        project("a", status="in-progress", weight=2),
        project("b", parent="a", status="in-progress", progress=20, weight=3),
        project("c", parent="a", status="candidate", weight=9),  # in the pool: in no figure
        project("g", status="done"),
        project("h", parent="g", status="planned", weight=4),  # its parent is done: in no figure
        project("i", status="idea", weight=5),
        project("k", status="dropped", weight=6),
        project("l", status="planned"),
    ]
    computed = rule.figures(projects)
    assert computed.weights == {"a": 2, "b": 3, "g": 1, "l": 1}
    assert computed.counted == ("a", "g", "l")
    shares = [(computed.projects[pid], computed.weights[pid]) for pid in computed.counted]
    assert computed.overall == rule.mean(shares) == round((20 * 2 + 100 + 10) / 4, 1)
