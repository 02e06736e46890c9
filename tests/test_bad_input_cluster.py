"""Bad input for `--cluster` and `--device` (issue 15), through the bad-input harness of test_bad_input.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from helpers import PACKAGE, TRANSLATOR_MSGSTR, Case, create, file_contents, mask, run_toolkit

NEW_SENTENCE = ("article.txt", "今天天气很好。明天会下雨。".encode())

CASES = [
    Case(
        "cluster-not-ray",
        ("draft", "article.txt", "--cluster", "dask"),
        (NEW_SENTENCE,),
        message="unknown cluster 'dask'",
    ),
    Case(
        "cluster-device-cuda-without-a-gpu",
        ("draft", "article.txt", "--model", "model.argosmodel", "--device", "cuda"),
        (NEW_SENTENCE, ("model.argosmodel", PACKAGE)),
        message="--device cuda, but CTranslate2 sees no CUDA device",
    ),
    Case(
        "cluster-unreachable",
        ("draft", "article.txt", "--model", "model.argosmodel", "--cluster", "ray:127.0.0.1:9"),
        (NEW_SENTENCE, ("model.argosmodel", PACKAGE)),
        message="cannot reach the Ray cluster (Connection refused)",
        where="127.0.0.1:<port>",
    ),
    Case(
        "cluster-device-unknown",
        ("draft", "article.txt", "--device", "tpu"),
        (NEW_SENTENCE,),
        message="Invalid value for '--device': 'tpu' is not one of 'auto', 'cpu', 'cuda'",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_cluster_input(case: Case, tmp_path: Path, data_regression) -> None:
    if case.name == "cluster-unreachable" and importlib.util.find_spec("ray") is None:
        pytest.skip("the cluster extra (Ray) is not installed")
    work = tmp_path / "work"
    create(work, case.files)
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    before = file_contents(work)
    run = run_toolkit(case.argv, work, env)
    after = file_contents(work)
    stderr = mask(run.stderr, tmp_path)
    lines = stderr.splitlines()
    assert run.returncode == case.exit_code and len(lines) == 1, stderr
    assert lines[0].startswith(f"toolkit: error: {case.where}") and case.message in lines[0] and " — " in lines[0]
    assert {name: data for name, data in after.items() if not name.endswith(".lock")} == before
    assert TRANSLATOR_MSGSTR.encode() in after["translations/en/article.po"]
    data_regression.check(
        {"returncode": run.returncode, "stderr": stderr, "stdout_head": mask(run.stdout, tmp_path).splitlines()[:3]}
    )
