"""The edit cycle's guarantees: only the edited value changes, invalid edits and
conflicts are refused, writes are atomic, CRLF and BOM survive."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.textdiff import changed

from strategy_kit.change import edit, splice, transaction
from strategy_kit.change.edit import VoteChange
from strategy_kit.check.validate import check_file
from strategy_kit.document.diagnostics import Exit

ROOT = Path(__file__).resolve().parents[2]


def test_vote_changes_only_the_votes_line(telgte: Path) -> None:
    before = telgte.read_bytes()
    result = edit.set_votes(telgte, {"stadtportal": VoteChange(3, relative=True)})
    assert result.written
    assert result.notes == ["stadtportal: votes 12 -> 15"]
    assert changed(before, telgte.read_bytes()) == ["-     votes: 12\n", "+     votes: 15\n"]


def test_several_votes_at_once_and_absolute(telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    edit.set_votes(telgte, {"smarte-mobilitaet": VoteChange(20, False), "datenaustausch": VoteChange(-7, True)})
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     votes: 8\n",
        "+     votes: 20\n",
        "-     votes: 7\n",
        "+     votes: 0\n",
    ]


def test_vote_inserts_missing_key_in_model_order(telgte: Path) -> None:
    edit.add_item(telgte, "project", {"title": "Digitale Schule", "fields": ["infrastruktur"]})
    before = telgte.read_text("utf-8")
    edit.set_votes(telgte, {"digitale-schule": VoteChange(4, False)})
    after = telgte.read_text("utf-8")
    assert changed(before, after) == ["+     votes: 4\n"]
    assert "    fields: [infrastruktur]\n    votes: 4\n\n# Folgeworkshops" in after


def test_negative_votes_refused_and_file_untouched(telgte: Path) -> None:
    before = telgte.read_bytes()
    with pytest.raises(splice.EditError) as caught:
        edit.set_votes(telgte, {"datenaustausch": VoteChange(-8, True)})
    assert "has 7 votes; -8 would make -1" in str(caught.value)
    assert telgte.read_bytes() == before


def test_unknown_project_suggests(telgte: Path) -> None:
    with pytest.raises(splice.EditError) as caught:
        edit.set_votes(telgte, {"stadportal": VoteChange(1, False)})
    assert caught.value.exit_code == Exit.USAGE
    assert "no project 'stadportal'; did you mean 'stadtportal'?" in str(caught.value)


def test_score_replaces_inside_flow_mapping(telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    edit.set_scores(telgte, "datenaustausch", {"foerderung": 3.5, "wirkung": 5})
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 2, umsetzbar: 1}\n",
        "+     scores: {wirkung: 5, dringlichkeit: 3, aufwand: 3, foerderung: 3.5, umsetzbar: 1}\n",
    ]


def test_score_outside_scale_is_refused(telgte: Path) -> None:
    before = telgte.read_bytes()
    with pytest.raises(splice.EditError) as caught:
        edit.set_scores(telgte, "stadtportal", {"umsetzbar": 2})
    assert "score 2 for 'umsetzbar' lies outside its scale 0-1" in str(caught.value)
    with pytest.raises(splice.EditError, match="no criterion 'wirkng'; did you mean 'wirkung'"):
        edit.set_scores(telgte, "stadtportal", {"wirkng": 2})
    assert telgte.read_bytes() == before


def test_score_creates_scores_and_adds_to_block_mapping(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = (ROOT / "examples" / "telgte.yaml").read_text("utf-8")
    text = text.replace(
        "    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 4, foerderung: 5, umsetzbar: 1}\n",
        "    scores:\n      wirkung: 4  # Konsens\n",
    ).replace("    scores: {wirkung: 4, dringlichkeit: 3, aufwand: 3, foerderung: 2, umsetzbar: 1}\n", "")
    path.write_text(text, "utf-8")
    edit.set_scores(path, "smarte-mobilitaet", {"aufwand": 2})
    edit.set_scores(path, "datenaustausch", {"aufwand": 1})
    assert changed(text, path.read_text("utf-8")) == [
        "+       aufwand: 2\n",
        "+     scores: {aufwand: 1}\n",
    ]
    assert "      wirkung: 4  # Konsens\n      aufwand: 2\n" in path.read_text("utf-8")


def test_status_follows_the_lifecycle(telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    edit.set_status(telgte, "stadtportal", "planned")
    assert changed(before, telgte.read_text("utf-8")) == [
        "-     status: prioritised\n",
        "+     status: planned\n",
    ]
    with pytest.raises(splice.EditError) as caught:
        edit.set_status(telgte, "stadtportal", "idea")
    message = str(caught.value)
    assert "cannot move from planned to idea" in message
    assert "may go to in-progress, prioritised, dropped" in message
    edit.set_status(telgte, "stadtportal", "idea", force=True)
    assert "    status: idea\n" in telgte.read_text("utf-8")


def test_status_keeps_quote_style(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = (ROOT / "examples" / "telgte.yaml").read_text("utf-8").replace(
        "    status: prioritised\n    horizon: short\n    scores: {wirkung: 5",
        "    status: 'prioritised'\n    horizon: short\n    scores: {wirkung: 5",
    )
    path.write_text(text, "utf-8")
    edit.set_status(path, "stadtportal", "dropped")
    assert changed(text, path.read_text("utf-8")) == [
        "-     status: 'prioritised'\n",
        "+     status: 'dropped'\n",
    ]


def test_add_project_appends_after_last_item_before_next_comment(telgte: Path) -> None:
    before = telgte.read_text("utf-8")
    result = edit.add_item(
        telgte,
        "project",
        {"title": "Offenes WLAN: Innenstadt", "fields": ["infrastruktur"], "lead": "fb4"},
    )
    assert result.notes == ["added project 'offenes-wlan-innenstadt'"]
    assert changed(before, telgte.read_text("utf-8")) == [
        "+   - id: offenes-wlan-innenstadt\n",
        '+     title: "Offenes WLAN: Innenstadt"\n',
        "+     fields: [infrastruktur]\n",
        "+     lead: fb4\n",
    ]
    assert "due: 2019-07-31\n  - id: offenes-wlan-innenstadt\n" in telgte.read_text("utf-8")


def test_add_generates_unique_ids_and_refuses_collisions(telgte: Path) -> None:
    edit.add_item(telgte, "field", {"title": "Mobilität"})
    assert "  - id: mobilitaet-2\n    title: Mobilität\n" in telgte.read_text("utf-8")
    before = telgte.read_bytes()
    with pytest.raises(splice.EditError) as caught:
        edit.add_item(telgte, "participant", {"id": "fb1", "role": "Kämmerer"})
    assert "id 'fb1' is already used on line" in str(caught.value)
    assert telgte.read_bytes() == before


def test_add_participant_with_bad_reference_is_refused(telgte: Path) -> None:
    before = telgte.read_bytes()
    with pytest.raises(splice.EditError) as caught:
        edit.add_item(telgte, "participant", {"role": "Kämmerei", "department": "fb9"})
    assert "unknown department 'fb9'" in str(caught.value)
    assert "edit refused, file unchanged" in str(caught.value)
    assert telgte.read_bytes() == before


def test_add_creates_a_missing_section_in_canonical_place(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = "version: 1\nmunicipality:\n  name: Stadt X\n  state: Bayern\nworkshop:\n  title: T\n  organiser: O\n  goal: G\n\n# Ende\n"
    path.write_text(text, "utf-8")
    edit.add_item(path, "field", {"title": "Digitales Rathaus"})
    assert path.read_text("utf-8") == text.replace(
        "  goal: G\n", "  goal: G\n\nfields_of_action:\n  - id: digitales-rathaus\n    title: Digitales Rathaus\n"
    )
    edit.add_item(path, "participant", {"role": "Moderation"})
    assert "  goal: G\n\nparticipants:\n  - id: moderation\n    role: Moderation\n\nfields_of_action:" in path.read_text(
        "utf-8"
    )


def test_add_to_empty_flow_list(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = "version: 1\nmunicipality: {name: X, state: Bayern}\nworkshop: {title: T, organiser: O, goal: G}\nfields_of_action: []  # noch keine\n"
    path.write_text(text, "utf-8")
    edit.add_item(path, "field", {"title": "Bildung"})
    assert path.read_text("utf-8").endswith(
        "fields_of_action:  # noch keine\n  - id: bildung\n    title: Bildung\n"
    )


def test_crlf_and_bom_survive_every_edit(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    original = "\ufeff" + (ROOT / "examples" / "telgte.yaml").read_text("utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    edit.set_votes(path, {"stadtportal": VoteChange(1, True)})
    edit.set_scores(path, "stadtportal", {"wirkung": 4})
    edit.set_status(path, "stadtportal", "planned")
    edit.add_item(path, "project", {"title": "Neu", "fields": ["infrastruktur"]})
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert changed(original, data.decode("utf-8")) == [
        "-     status: prioritised\r\n",
        "+     status: planned\r\n",
        "-     scores: {wirkung: 5, dringlichkeit: 5, aufwand: 4, foerderung: 4, umsetzbar: 1}\r\n",
        "+     scores: {wirkung: 4, dringlichkeit: 5, aufwand: 4, foerderung: 4, umsetzbar: 1}\r\n",
        "-     votes: 12\r\n",
        "+     votes: 13\r\n",
        "+   - id: neu\r\n",
        "+     title: Neu\r\n",
        "+     fields: [infrastruktur]\r\n",
    ]
    assert not check_file(path).exit_code


def test_dry_run_prints_diff_and_writes_nothing(telgte: Path) -> None:
    before = telgte.read_bytes()
    result = edit.set_votes(telgte, {"stadtportal": VoteChange(2, False)}, dry_run=True)
    assert not result.written
    assert telgte.read_bytes() == before
    diff = result.diff()
    assert "-    votes: 12\n+    votes: 2\n" in diff
    assert diff.startswith("--- ")


def test_no_change_writes_nothing(telgte: Path) -> None:
    stat = telgte.stat()
    result = edit.set_status(telgte, "stadtportal", "prioritised")
    assert not result.changed and not result.written
    assert telgte.stat().st_mtime_ns == stat.st_mtime_ns


def test_file_with_errors_is_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = (ROOT / "examples" / "telgte.yaml").read_text("utf-8").replace("lead: fb2\n", "lead: fb22\n")
    path.write_text(text, "utf-8")
    with pytest.raises(splice.EditError, match="unknown department or participant 'fb22'"):
        edit.set_votes(path, {"stadtportal": VoteChange(1, False)})
    assert path.read_text("utf-8") == text


def test_concurrent_change_on_disk_is_refused(telgte: Path) -> None:
    def meanwhile(editor: splice.Editor) -> None:
        editor.set_scalar(("projects", 0, "votes"), 1)
        # Someone else saves the file between our read and our write.
        telgte.write_text(telgte.read_text("utf-8").replace("votes: 8", "votes: 9"), "utf-8")

    with pytest.raises(splice.EditError) as caught:
        transaction.edit_file(telgte, meanwhile)
    assert caught.value.exit_code == Exit.USAGE
    assert "changed on disk since it was read" in str(caught.value)
    text = telgte.read_text("utf-8")
    assert "votes: 9" in text and "votes: 12" in text


def test_failed_rename_leaves_original_and_no_temp_file(telgte: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = telgte.read_bytes()

    def broken(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken)
    with pytest.raises(splice.EditError, match="cannot write: No space left on device; the file is unchanged"):
        edit.set_votes(telgte, {"stadtportal": VoteChange(1, False)})
    assert telgte.read_bytes() == before
    assert [p.name for p in telgte.parent.iterdir() if p.name != "fotos"] == ["telgte.yaml"]


def test_permissions_are_kept(telgte: Path) -> None:
    telgte.chmod(0o640)
    edit.set_votes(telgte, {"stadtportal": VoteChange(1, False)})
    assert telgte.stat().st_mode & 0o777 == 0o640


_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from strategy_kit.change import edit

    real_write = os.fdopen
    mode = sys.argv[2]

    class Half:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False
        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        def __getattr__(self, name):
            return getattr(self.handle, name)

    if mode == "half":
        os.fdopen = lambda fd, *a, **k: Half(real_write(fd, *a, **k))
    else:
        real_replace = Path.replace
        def replace(self, target):
            os.kill(os.getpid(), signal.SIGKILL)
        Path.replace = replace
    edit.set_votes(sys.argv[1], {"stadtportal": edit.VoteChange(99, False)})
    """
)


@pytest.mark.parametrize("moment", ["half", "before-rename"])
def test_killed_writer_leaves_the_original_intact(telgte: Path, moment: str) -> None:
    before = telgte.read_bytes()
    process = subprocess.run(
        [sys.executable, "-c", _KILLER, str(telgte), moment], capture_output=True, check=False, timeout=60
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    assert telgte.read_bytes() == before
    leftovers = [p for p in telgte.parent.iterdir() if p.name not in ("telgte.yaml", "fotos")]
    assert leftovers and all(p.name.startswith(".telgte.yaml.") for p in leftovers)
    # The next edit works and ignores the stale temporary file.
    edit.set_votes(telgte, {"stadtportal": VoteChange(1, False)})
    assert "votes: 1\n" in telgte.read_text("utf-8")


def test_every_comment_survives_a_round_of_edits(telgte: Path) -> None:
    from strategy_kit.change.transaction import parse
    from strategy_kit.files.yamlio import iter_comments

    comments = list(iter_comments(parse(telgte.read_text("utf-8"))[1]))
    edit.add_item(telgte, "participant", {"role": "Kämmerer", "department": "fb1"})
    edit.set_scores(telgte, "smarte-mobilitaet", {"wirkung": 1})
    after = telgte.read_text("utf-8")
    assert list(iter_comments(parse(after)[1])) == comments
    original_lines = (ROOT / "examples" / "telgte.yaml").read_text("utf-8").splitlines()
    comment_lines = [line for line in original_lines if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comment_lines


def test_scalar_text_quotes_what_needs_quoting() -> None:
    assert splice.scalar_text("planned") == "planned"
    assert splice.scalar_text("09:00") == '"09:00"'
    assert splice.scalar_text("yes") == '"yes"'
    assert splice.scalar_text("Bürgerbüro") == "Bürgerbüro"
    assert splice.scalar_text("a: b", old='"x"') == '"a: b"'
    assert splice.scalar_text("it's", old="'x'") == "'it''s'"
    assert splice.scalar_text(4.0) == "4"
    assert splice.scalar_text(2.5) == "2.5"


def test_vote_change_parse() -> None:
    assert VoteChange.parse("+3") == VoteChange(3, True)
    assert VoteChange.parse("-2") == VoteChange(-2, True)
    assert VoteChange.parse("7") == VoteChange(7, False)
    with pytest.raises(ValueError, match="not a number of votes"):
        VoteChange.parse("x")


def test_value_shared_through_an_anchor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    text = textwrap.dedent(
        """\
        version: 1
        municipality: {name: X, state: Bayern}
        workshop: {title: T, organiser: O, goal: G}
        fields_of_action:
          - id: a
            title: A
        criteria:
          - id: w
            title: W
        projects:
          - id: p
            title: P
            fields: [a]
            scores: &s {w: 3}
          - id: q
            title: Q
            fields: [a]
            scores: *s
        """
    )
    path.write_text(text, "utf-8")
    with pytest.raises(splice.EditError, match=r"projects\[p\].scores is shared through the anchor '&s' at 14:13"):
        edit.set_scores(path, "p", {"w": 4})
    assert path.read_text("utf-8") == text
    edit.set_votes(path, {"q": VoteChange(2, False)})
    assert changed(text, path.read_text("utf-8")) == ["+     votes: 2\n"]


BLOCKS = textwrap.dedent(
    """\
    version: 1
    municipality: {name: X, state: Bayern}
    workshop: {title: T, organiser: O, goal: G}
    fields_of_action:
      - id: a
        title: A
    criteria:
      - id: w
        title: W
    projects:
      - id: p
        title: P
        fields: [a]
        goal: >-
          Ein langes Ziel,
          zweite Zeile.

        # Kommentar danach
      - id: q
        title: Q
        fields: [a]
        description: |+
          behalte

    report: {impact: w}"""
)


def test_insertions_next_to_block_text_and_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(BLOCKS, "utf-8")
    edit.set_scores(path, "p", {"w": 2})
    edit.set_status(path, "q", "candidate")
    edit.add_item(path, "project", {"title": "R", "fields": ["a"]})
    after = path.read_text("utf-8")
    assert changed(BLOCKS, after) == [
        "+     scores: {w: 2}\n",
        "+     status: candidate\n",
        "+   - id: r\n",
        "+     title: R\n",
        "+     fields: [a]\n",
    ]
    assert "      zweite Zeile.\n    scores: {w: 2}\n\n    # Kommentar danach\n" in after
    assert "      behalte\n\n    status: candidate\n  - id: r\n" in after
    assert after.endswith("report: {impact: w}")


def test_the_strategy_file_is_edited_as_a_strategy(strategy_repo: Path) -> None:
    """Its project portfolio is what status moves are for; it used to be checked as a workshop."""
    strategy = strategy_repo / "strategy.yaml"
    before = strategy.read_text("utf-8")
    edit.set_status(strategy, "stadtportal", "done")
    edit.set_votes(strategy, {"stadtportal": VoteChange(3, relative=False)})
    edit.set_scores(strategy, "stadtportal", {"wirkung": 3})
    assert sorted(changed(before, strategy.read_text("utf-8"))) == [
        "+     scores: {wirkung: 3, dringlichkeit: 5, aufwand: 4}\n",
        "+     status: done\n",
        "+     votes: 3\n",
        "-     scores: {wirkung: 5, dringlichkeit: 5, aufwand: 4}\n",
        "-     status: in-progress\n",
        "-     votes: 12\n",
    ]
    assert check_file(strategy).exit_code == Exit.OK
    with pytest.raises(splice.EditError) as caught:
        edit.add_item(strategy, "participant", {"role": "IT"})
    assert "a strategy file has no participants" in caught.value.diagnostics[0].message
    assert caught.value.exit_code == Exit.USAGE


def test_a_workshop_is_edited_with_its_strategy_files_ids(strategy_repo: Path) -> None:
    workshop = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    before = workshop.read_text("utf-8")
    edit.set_votes(workshop, {"mobilitaetsdaten": VoteChange(1, relative=True)})
    edit.set_scores(workshop, "mobilitaetsdaten", {"wirkung": 4})
    after = workshop.read_text("utf-8")
    assert "+     votes: 6\n" in changed(before, after)
    assert "+     scores: {wirkung: 4}\n" in changed(before, after)
    with pytest.raises(splice.EditError) as caught:
        edit.set_scores(workshop, "mobilitaetsdaten", {"wirkung": 9})
    assert "outside its scale 0-5" in caught.value.diagnostics[0].message
    with pytest.raises(splice.EditError) as caught:
        edit.set_votes(workshop, {"stadtportal": VoteChange(1, relative=True)})
    problem = caught.value.diagnostics[0]
    line = (strategy_repo / "strategy.yaml").read_text("utf-8").splitlines().index("  - id: stadtportal") + 1
    assert problem.message == (
        f"project 'stadtportal' is defined in the strategy file {strategy_repo / 'strategy.yaml'}:{line}; edit it there"
    )
    assert (problem.line, caught.value.exit_code) == (5, Exit.USAGE)
    assert workshop.read_text("utf-8") == after


def test_add_refuses_blank_text_and_numbers_titles_without_a_slug(telgte: Path) -> None:
    before = telgte.read_bytes()
    with pytest.raises(splice.EditError) as caught:
        edit.add_item(telgte, "project", {"title": "   ", "fields": ["infrastruktur"]})
    assert (caught.value.diagnostics[0].message, caught.value.exit_code) == ("--title is blank; give it some text", Exit.USAGE)
    assert telgte.read_bytes() == before
    first = edit.add_item(telgte, "project", {"title": "🎉", "fields": ["infrastruktur"]})
    second = edit.add_item(telgte, "project", {"title": "🚀", "fields": ["infrastruktur"]})
    assert first.notes + second.notes == ["added project 'project'", "added project 'project-2'"]


def test_editing_through_a_symbolic_link_keeps_the_link(telgte: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(telgte)
    edit.set_votes(link, {"stadtportal": VoteChange(1, relative=True)})
    assert link.is_symlink()
    assert "    votes: 13\n" in telgte.read_text("utf-8")


def test_add_keeps_clear_of_the_strategy_files_ids(strategy_repo: Path) -> None:
    """A title whose slug the strategy file already uses gets the next free id, as in one file."""
    workshop = strategy_repo / "workshops" / "2019-09-massnahmen.yaml"
    strategy = (strategy_repo / "strategy.yaml").read_text("utf-8").splitlines()
    result = edit.add_item(workshop, "project", {"title": "Stadtportal", "fields": ["digitales-rathaus"]})
    assert "added project 'stadtportal-2'" in result.notes
    before = workshop.read_text("utf-8")
    with pytest.raises(splice.EditError) as caught:
        edit.add_item(workshop, "project", {"id": "stadtportal", "title": "X", "fields": ["digitales-rathaus"]})
    line = strategy.index("  - id: stadtportal") + 1
    assert caught.value.exit_code == Exit.USAGE
    assert caught.value.diagnostics[0].message == (
        f"id 'stadtportal' is already used in the strategy file {strategy_repo / 'strategy.yaml'}:{line}; "
        "choose another --id"
    )
    assert workshop.read_text("utf-8") == before


# -- numbers written as text in the file: read as check reads them ---------------------------

COMMA = textwrap.dedent(
    """\
    version: 1
    municipality: {name: Stadt Beispiel, state: NRW}
    workshop: {title: Auftakt, organiser: Beratung, goal: Ziele}
    fields_of_action:
      - {id: verwaltung, title: Verwaltung}
    criteria:
      - {id: wirkung, title: Wirkung, scale: {min: 1, max: 5}}
      - {id: aufwand, title: Aufwand, scale: {min: 1, max: 5}, direction: cost}
    projects:
      - &base
        id: portal
        title: Portal
        fields: [verwaltung]
        scores: {wirkung: "3,5", aufwand: 2}
        votes: "5"
      - <<: *base
        id: app
        title: App
      - id: web
        title: Web
        fields: [verwaltung]
        scores: {wirkung: "3,5", aufwand: 2}
    """
)


def test_a_score_written_with_a_decimal_comma_is_read_as_check_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(COMMA, encoding="utf-8")
    result = edit.set_scores(path, "web", {"wirkung": 2})
    assert result.notes == ["web: wirkung 3.5 -> 2"]
    assert changed(COMMA, path.read_text("utf-8")) == [
        '-     scores: {wirkung: "3,5", aufwand: 2}\n',
        "+     scores: {wirkung: 2, aufwand: 2}\n",
    ]


def test_a_score_merged_in_with_a_decimal_comma_is_read_as_check_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(COMMA, encoding="utf-8")
    result = edit.set_scores(path, "app", {"wirkung": 2})
    assert result.notes == ["app: wirkung 3.5 -> 2"]


def test_the_same_score_as_the_text_in_the_file_is_no_change(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(COMMA, encoding="utf-8")
    result = edit.set_scores(path, "portal", {"wirkung": 3.5})
    assert result.notes == ["portal: wirkung 3.5 -> 3.5"]
    assert path.read_text("utf-8") == COMMA


def test_an_edit_keeps_the_quoting_of_a_sibling_it_does_not_change(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(COMMA, encoding="utf-8")
    edit.set_scores(path, "app", {"aufwand": 3.5})
    assert changed(COMMA, path.read_text("utf-8")) == ['+     scores: {wirkung: "3,5", aufwand: 3.5}\n']


def test_votes_written_as_text_are_read_as_check_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(COMMA, encoding="utf-8")
    result = edit.set_votes(path, {"app": VoteChange(1, relative=True)})
    assert result.notes == ["app: votes 5 -> 6"]


def test_text_in_a_one_line_mapping_gets_double_quotes() -> None:
    assert splice.dump_lines({"scores": {"wirkung": "3,5"}, "fields": ["a,b"]}) == [
        'scores: {wirkung: "3,5"}',
        'fields: ["a,b"]',
    ]
