"""Fuzzing every command with hostile YAML: no traceback, no hang, exit 0, 1 or 2, no lost edits.

Three generators (YAML-ish token soup, mutated example documents, mutated
example bytes) feed :func:`tests.fuzz.harness.run_all`, which runs each input
through every row of :data:`tests.fuzz.harness.TARGETS`; two more (the
exported workbook's bytes mutated, its cells set to any value) feed
``import-scores`` through :func:`tests.fuzz.harness.run_workbook`. In the suite the run
is short and derandomised (the same inputs every time); ``STRATEGY_KIT_FUZZ=long``
hunts for a long time and saves each failing input to ``tests/fuzz/corpus/``,
which every run replays.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.fuzz import harness
from tests.fuzz.strategies import GENERATORS, WORKBOOK_GENERATORS

LONG = os.environ.get("STRATEGY_KIT_FUZZ") == "long"
_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    # No wall-clock deadline: the harness's CPU-time alarm turns a hang into a failure.
    "fuzz-ci", derandomize=True, database=None, deadline=None,
    suppress_health_check=_CHECKS, print_blob=True,
)
settings.register_profile(
    # Wall-clock deadlines mean nothing in a nice'd background run; the harness's
    # CPU-time alarm still turns a hang into a failure.
    "fuzz-long", derandomize=False, database=None, deadline=None,
    suppress_health_check=_CHECKS, print_blob=True,
)
PROFILE = settings.get_profile("fuzz-long" if LONG else "fuzz-ci")
#: Inputs per generator: the suite's share of a ~minute, or the long run's.
EXAMPLES = (
    {"text": 80, "document": 15, "bytes": 40, "marked": 15, "workbook bytes": 40, "workbook cells": 20}
    if not LONG
    else {
        "text": 2000, "document": 300, "bytes": 800, "marked": 300,
        "workbook bytes": 1500, "workbook cells": 500,
    }
)


def examples(generator: str) -> int:
    override = os.environ.get("STRATEGY_KIT_FUZZ_EXAMPLES")
    return int(override) if override else EXAMPLES[generator]


def record_figures() -> None:
    """With STRATEGY_KIT_FUZZ_STATS=FILE, keep how many inputs and runs each target got so far."""
    destination = os.environ.get("STRATEGY_KIT_FUZZ_STATS")
    if destination:
        figures = {"inputs": dict(harness.INPUTS), "runs": dict(harness.RUNS)}
        Path(destination).write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def fuzz(raw: bytes, directory: Path, generator: str) -> None:
    """Run one input; in the long run, keep the shrunk failing input (or any hang) in the corpus."""
    try:
        harness.run_all(raw, directory, generator)
        record_figures()
    except harness.Hang:
        harness.save_failure(raw, generator)
        raise
    except BaseException:
        if LONG and harness.is_final_example():
            harness.save_failure(raw, generator)
        raise


@pytest.mark.slow
@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_every_command_survives_fuzzed_input(generator: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    @settings(PROFILE, max_examples=examples(generator))
    @given(raw=GENERATORS[generator])
    def run(raw: bytes) -> None:
        fuzz(raw, tmp_path_factory.mktemp(generator), generator)

    run()


@pytest.mark.slow
def test_fmt_and_the_edits_survive_document_markers_and_merge_keys(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.fuzz.strategies import MARKED

    @settings(PROFILE, max_examples=examples("marked"))
    @given(raw=MARKED)
    def run(raw: bytes) -> None:
        directory = tmp_path_factory.mktemp("marked")
        try:
            harness.run_fmt_family(raw, directory)
            record_figures()
        except BaseException:
            if LONG and harness.is_final_example():
                harness.save_failure(raw, "marked")
            raise

    run()


@pytest.mark.slow
@pytest.mark.parametrize("generator", sorted(WORKBOOK_GENERATORS))
def test_import_scores_survives_mutated_workbooks(generator: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Damaged zips, damaged XML parts, any cell value: a positioned error or a clean import."""

    @settings(PROFILE, max_examples=examples(generator))
    @given(table=WORKBOOK_GENERATORS[generator])
    def run(table: bytes) -> None:
        harness.run_workbook(table, tmp_path_factory.mktemp("workbook"), generator)
        record_figures()

    run()


CORPUS = sorted(harness.CORPUS.glob("*.yaml"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_input_that_ever_failed_passes_now(path: Path, tmp_path: Path) -> None:
    harness.run_all(path.read_bytes(), tmp_path, "corpus")


def test_the_corpus_is_not_empty() -> None:
    """The replay above must not pass by finding no files (a moved directory, a bad glob)."""
    assert CORPUS, f"no corpus files in {harness.CORPUS}"


def test_the_harness_notices_a_crash_a_hang_and_a_lost_comment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks in run_all can fail: each failure mode is injected once."""
    import strategy_kit.cli.check as check_cli

    raw = (harness.EXAMPLES / "telgte.yaml").read_bytes()
    only = [t for t in harness.TARGETS if t.name == "check"]

    def crash(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(check_cli, "check_files", crash, raising=False)
        patch.setattr("strategy_kit.check.validate.check_source", crash)
        with pytest.raises((ZeroDivisionError, AssertionError)):
            harness.run_all(raw, tmp_path / "a", "selftest", only)

    def hang(*args: object, **kwargs: object) -> None:
        while True:  # a parser caught in a loop
            pass

    with monkeypatch.context() as patch:
        patch.setattr(harness, "HARD_SECONDS", 0.3)
        patch.setattr("strategy_kit.check.validate.check_source", hang)
        with pytest.raises(harness.Hang):
            harness.run_all(raw, tmp_path / "b", "selftest", only)

    def drop_comments(path: object, data: bytes, **kwargs: object) -> None:
        Path(str(path)).write_bytes(b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"#")))

    vote = [t for t in harness.TARGETS if t.name == "vote"]
    with monkeypatch.context() as patch:
        patch.setattr("strategy_kit.files.atomic.write_bytes_atomic", drop_comments)
        with pytest.raises(AssertionError, match="comments"):
            harness.run_all(raw, tmp_path / "c", "selftest", vote)


def test_save_failure_names_inputs_by_content(tmp_path: Path) -> None:
    first = harness.save_failure(b"a: [", "text", tmp_path)
    again = harness.save_failure(b"a: [", "text", tmp_path)
    other = harness.save_failure(b"a: {", "text", tmp_path)
    assert first == again != other
    assert first.read_bytes() == b"a: [" and first.name.startswith("text-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, other.name])
