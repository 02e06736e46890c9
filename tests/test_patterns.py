"""toolkit.patterns: regular-expression programs kept between runs, and always the program re.compile makes."""

from __future__ import annotations

import _sre
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import patterns
from toolkit.check import numbers, rules, terms  # noqa: F401  (their patterns go through toolkit.patterns)
from toolkit.storage import po  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
REVIEW = REPO / "tests" / "eval" / "check_review.po"

PROBE = (
    "import sys\n"
    "from toolkit import patterns\n"
    "import toolkit.check.runner, toolkit.storage.po\n"
    "print(len(patterns._programs), patterns._added)\n"
)


def _python(code: str, cache: Path) -> str:
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def _check(cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "check", str(REVIEW)],
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
    )


def test_every_program_kept_builds_the_pattern_re_compile_builds():
    programs = patterns._load()
    assert len(programs) >= 40  # numbers, rules, terms and the PO reader
    for (pattern, flags), program in programs.items():
        expected = re.compile(pattern, flags)
        rebuilt = _sre.compile(pattern, *program)
        assert rebuilt == expected, pattern  # same flags, same code
        assert (rebuilt.groupindex, rebuilt.groups) == (expected.groupindex, expected.groups), pattern


def test_a_program_that_differs_from_re_compile_is_not_kept(monkeypatch):
    from re import _compiler

    expected, real = re.compile(r"\d+年"), _compiler._code

    def another_character(parsed, flags):  # a valid program, for \d+月
        return [ord("月") if op == ord("年") else op for op in real(parsed, flags)]

    monkeypatch.setattr(_compiler, "_code", another_character)
    assert patterns._program(r"\d+年", 0, expected) is None
    monkeypatch.setattr(_compiler, "_code", real)
    assert patterns._program(r"\d+年", 0, expected) is not None


def test_the_second_run_compiles_nothing_and_finds_the_same(tmp_path: Path):
    first = _check(tmp_path)
    [kept] = (tmp_path / "toolkit" / "patterns").iterdir()
    assert _python(PROBE, tmp_path).split() == [str(len(pickle.loads(kept.read_bytes()))), "False"]
    second = _check(tmp_path)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert first.returncode == 1 and len(first.stdout.splitlines()) == 37 and "37 findings in 1 file" in first.stderr


@pytest.mark.parametrize("content", [b"not a pickle", pickle.dumps({(r"\d", 0): "not a program"}), pickle.dumps([])])
def test_an_unreadable_cache_is_compiled_again(tmp_path: Path, content: bytes):
    reference = _check(tmp_path / "fresh")
    folder = tmp_path / "toolkit" / "patterns"
    folder.mkdir(parents=True)
    [name] = [p.name for p in (tmp_path / "fresh" / "toolkit" / "patterns").iterdir()]
    (folder / name).write_bytes(content)
    run = _check(tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (reference.returncode, reference.stdout, reference.stderr)
    assert isinstance(pickle.loads((folder / name).read_bytes()), dict)  # written again, whole


def test_a_refused_check_keeps_nothing(tmp_path: Path):
    broken = tmp_path / "broken.po"
    broken.write_bytes(REVIEW.read_bytes() + b'\nmsgid "unterminated\n')
    run = subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "check", str(broken)],
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1, run.stderr
    assert not (tmp_path / "cache" / "toolkit" / "patterns").exists()
