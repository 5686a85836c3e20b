"""Random sequences of edits: every intermediate file is valid, every comment survives,
and the file holds exactly what the edits asked for (or is untouched when refused)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy_kit.change import edit
from strategy_kit.change.edit import VoteChange
from strategy_kit.change.splice import EditError
from strategy_kit.check.validate import CheckResult, check_file
from strategy_kit.document.lifecycle import TRANSITIONS
from strategy_kit.document.model import Status, WorkshopDocument
from strategy_kit.files.yamlio import iter_comments

ROOT = Path(__file__).resolve().parents[2]

SMALL = """\
# Kleines Beispiel mit Kommentaren an allen Stellen.
version: 1

municipality:
  name: Gemeinde Beispiel  # amtlich
  state: Bayern

workshop:
  title: "Folgeworkshop: Projekte"
  organiser: Verwaltung
  goal: Projekte konkretisieren.

participants:
  - id: moderation
    role: Moderation
  # Aufsicht
  - id: datenschutz
    role: Datenschutz
    functions: [data-protection-officer]

fields_of_action:
  - id: rathaus
    title: Digitales Rathaus  # Kernfeld

criteria:
  - id: wirkung
    title: Wirkung
  - id: machbar
    title: Machbar
    scale: {min: 0, max: 1}
    knockout: true

projects:
  # Zuerst das Portal.
  - id: portal
    title: Portal
    fields: [rathaus]
    status: 'candidate'
    scores: {wirkung: 3}
  - id: akte
    title: E-Akte
    fields: [rathaus]
    scores:
      machbar: 1  # geprüft
    votes: 4

# Ende der Datei.
"""

titles = st.text(alphabet="abcÄöüß -:#'\"&*!\n1.%@", min_size=1, max_size=12).filter(lambda t: t.strip())
operations = st.lists(
    st.one_of(
        st.tuples(st.just("vote"), st.integers(0, 5), st.integers(-6, 12), st.booleans()),
        st.tuples(st.just("score"), st.integers(0, 5), st.integers(0, 1), st.integers(-1, 12)),
        st.tuples(st.just("status"), st.integers(0, 5), st.sampled_from(list(Status))),
        st.tuples(st.just("add"), st.sampled_from(["project", "participant", "field"]), titles),
    ),
    min_size=1,
    max_size=4,
)


def apply(path: Path, document: WorkshopDocument, operation: tuple[Any, ...]) -> CheckResult | None:
    """Run one edit and check its outcome against an independent expectation.

    Returns the check of the edited file, or None when the edit was (rightly) refused.
    """
    before = path.read_bytes()
    projects = document.projects
    kind = operation[0]
    try:
        if kind == "vote":
            _, index, amount, relative = operation
            project = projects[index % len(projects)]
            expected = project.votes + amount if relative else amount
            refused = expected < 0
            edit.set_votes(path, {project.id: VoteChange(amount, relative)})
            check = lambda doc: next(p for p in doc.projects if p.id == project.id).votes == expected  # noqa: E731
        elif kind == "score":
            _, index, which, half_points = operation
            project = projects[index % len(projects)]
            criterion = document.criteria[which % len(document.criteria)]
            value = half_points / 2
            refused = not criterion.scale.min <= value <= criterion.scale.max
            edit.set_scores(path, project.id, {criterion.id: value})
            check = lambda doc: next(p for p in doc.projects if p.id == project.id).scores[criterion.id] == value  # noqa: E731
        elif kind == "status":
            _, index, status = operation
            project = projects[index % len(projects)]
            refused = status is not project.status and status not in TRANSITIONS[project.status]
            edit.set_status(path, project.id, status.value)
            check = lambda doc: next(p for p in doc.projects if p.id == project.id).status is status  # noqa: E731
        else:
            _, what, title = operation
            refused = False
            values: dict[str, Any] = {"role": title} if what == "participant" else {"title": title}
            if what == "project":
                values["fields"] = [document.fields_of_action[0].id]
            section = {"project": "projects", "participant": "participants", "field": "fields_of_action"}[what]
            count = len(getattr(document, section))
            edit.add_item(path, what, values)

            def check(doc: Any) -> bool:
                items = getattr(doc, section)
                label = items[-1].role if what == "participant" else items[-1].title
                return len(items) == count + 1 and label == title
    except EditError:
        assert refused, operation
        assert path.read_bytes() == before
        return None
    assert not refused, operation
    after = check_file(path)
    assert after.document is not None, [str(d) for d in after.diagnostics]
    assert check(after.document), operation
    return after


def run(path: Path, ops: list[tuple[Any, ...]]) -> None:
    raw = path.read_bytes()
    result = check_file(path)
    assert result.document is not None
    original = Counter(iter_comments(result.data))
    for operation in ops:
        after = apply(path, result.document, operation)
        if after is None:
            continue
        result = after
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
        assert (b"\r\n" in data) == (b"\r\n" in raw)
        if b"\r\n" in raw:
            assert data.count(b"\n") == data.count(b"\r\n")
        assert Counter(iter_comments(result.data)) == original


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, windows=st.booleans())
def test_random_edits_on_a_small_document(tmp_path_factory: Any, ops: list[tuple[Any, ...]], windows: bool) -> None:
    path = tmp_path_factory.mktemp("prop") / "w.yaml"
    text = ("\ufeff" + SMALL.replace("\n", "\r\n")) if windows else SMALL
    path.write_bytes(text.encode("utf-8"))
    run(path, ops)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_random_edits_on_the_telgte_example(tmp_path_factory: Any, ops: list[tuple[Any, ...]]) -> None:
    path = tmp_path_factory.mktemp("prop") / "telgte.yaml"
    path.write_bytes((ROOT / "examples" / "telgte.yaml").read_bytes())
    run(path, ops)
