"""The benchmark harness runs at smoke size (tiny model, small data), so it cannot rot. No timing asserts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DRAFT_ROWS = (
    "toolkit draft ",
    "argostranslate translate() ",
    "ctranslate2 translate_batch ",
    "toolkit draft, unchanged re-draft ",
)
MEASURED = {"command", "seconds", "peak_mb"}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict]:
    results = tmp_path_factory.mktemp("bench") / "results.json"
    completed = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke", "--json", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    return completed, json.loads(results.read_text(encoding="utf-8"))


def test_smoke_run_prints_every_draft_row_and_the_check_tables(smoke):
    completed, _ = smoke
    rows = completed.stdout.splitlines()
    for label in DRAFT_ROWS:
        assert any(row.startswith(label) for row in rows), label
    assert any(row.startswith("Check cold start: min ") for row in rows)
    assert any(row.startswith("10 x 100 ") for row in rows)
    assert any(row.startswith("100 x 300 ") for row in rows)


def test_every_draft_method_is_measured_with_its_command(smoke):
    _, results = smoke
    draft = results["draft"]
    for method in ("toolkit", "argos", "raw", "redraft"):
        assert MEASURED <= draft[method].keys(), method
    assert set(draft["ratios"]) == {"argos_over_toolkit", "toolkit_over_raw", "argos_over_raw", "first_over_redraft"}
    assert draft["raw"]["segments"] == draft["segments"] > 0


def test_argostranslate_baseline_runs_offline_with_the_bundled_splitter(smoke):
    _, results = smoke
    argos = results["draft"]["argos"]
    assert argos["sentence_splitter"] == "MiniSBDSentencizer"
    assert argos["argos_sentences"] >= argos["paragraphs"] > 0


def test_unchanged_redraft_makes_no_engine_call(smoke):
    _, results = smoke
    assert results["draft"]["toolkit"]["engine_calls"] == 1
    assert results["draft"]["redraft"]["engine_calls"] == 0


def test_check_cold_start_imports_no_engine(smoke):
    _, results = smoke
    cold = results["check"]["cold_start"]
    assert cold["heavy_imports"] == []
    assert cold["runs"] == 2


def test_check_grid_finds_what_the_naive_loop_finds(smoke):
    _, results = smoke
    grid = results["check"]["grid"]
    assert [(cell["terms"], cell["entries"]) for cell in grid] == [(10, 100), (100, 300)]
    for cell in grid:
        assert MEASURED <= cell["toolkit"].keys() and MEASURED <= cell["naive"].keys()
        assert cell["naive"]["findings_agree"] is True
        assert cell["naive"]["findings"] > 0
        assert cell["toolkit"]["entries"] == cell["entries"]
