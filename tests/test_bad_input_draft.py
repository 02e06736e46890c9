"""Bad input for `toolkit draft` (issue 10): empty paths, the wrong model, a broken lock, a write that fails half-way.

Each case runs the real command in a fresh directory holding a translator's PO file and a glossary (the helpers of
tests/test_bad_input.py) and asserts exit 2, one stderr line that says what to do, and every file byte-identical.
Faults that no input can cause (no inodes left for the lock, the 2nd of 3 renames failing) are injected inside the
operation by a wrapper script around the same command line.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import Case, create, file_contents, mask, run_toolkit, zip_of

ARTICLE = ("article.txt", "今天天气很好。".encode())


def package(from_code: str, to_code: str) -> bytes:
    """An .argosmodel like the valid test package, translating from_code→to_code."""
    metadata = json.dumps({"from_code": from_code, "to_code": to_code, "package_version": "1.0"}).encode()
    return zip_of(
        {
            "translate/metadata.json": metadata,
            "translate/model/model.bin": bytes(range(256)) * 64,
            "translate/sentencepiece.model": bytes(256) * 16,
        }
    )


CASES = [
    Case("draft-empty-source", ("draft", ""), (ARTICLE,), message="an empty source path"),
    Case("draft-empty-output", ("draft", "article.txt", "-o", ""), (ARTICLE,), message="an empty output directory"),
    Case(
        "draft-empty-memory",
        ("draft", "article.txt", "--tm", ""),
        (ARTICLE,),
        message="an empty translation memory path",
    ),
    Case(
        "model-zh-to-french",
        ("draft", "article.txt", "--model", "zh_fr.argosmodel"),
        (ARTICLE, ("zh_fr.argosmodel", package("zh", "fr"))),
        message="translates zh→fr, not Chinese→English",
        where="zh_fr.argosmodel",
    ),
    Case(
        "model-english-to-german",
        ("draft", "article.txt", "--model", "en_de.argosmodel"),
        (ARTICLE, ("en_de.argosmodel", package("en", "de"))),
        message="translates en→de, not Chinese→English",
        where="en_de.argosmodel",
    ),
    Case(
        "model-unpacked-english-to-german",
        ("draft", "article.txt", "--model", "en_de"),
        (
            ARTICLE,
            ("en_de/metadata.json", b'{"from_code": "en", "to_code": "de"}'),
            ("en_de/model/model.bin", b"weights"),
            ("en_de/sentencepiece.model", b"pieces"),
        ),
        message="translates en→de, not Chinese→English",
        where="en_de",
    ),
    Case(
        "lock-path-is-a-directory",
        ("draft", "article.txt", "--engine", "none"),
        (ARTICLE, ("translations/.toolkit-draft.lock/keep", b"")),
        message="the lock file is a directory",
        where="translations/.toolkit-draft.lock",
    ),
]


def check_refused(run, before: dict[str, bytes], after: dict[str, bytes], case: Case) -> None:
    """Exit 2, one line naming `where` and saying what to do, no traceback, no temporary file, nothing changed."""
    assert "Traceback" not in run.stderr
    assert run.returncode == 2, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"toolkit: error: {case.where}"), run.stderr
    assert case.message in lines[0] and " — " in lines[0]
    assert not [name for name in after if name.endswith(".tmp")], "a temporary file was left behind"
    unlocked = {name: data for name, data in before.items() if not name.endswith(".lock")}
    assert {name: data for name, data in after.items() if not name.endswith(".lock")} == unlocked


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_draft(case: Case, tmp_path: Path, data_regression) -> None:
    work = tmp_path / "work"
    create(work, case.files)
    (tmp_path / "packages").mkdir()
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    before = file_contents(work)
    run = run_toolkit(case.argv, work, env)
    check_refused(run, before, file_contents(work), case)
    assert not (work / "en").exists() and not (tmp_path / "cache" / "toolkit").exists()
    data_regression.check({"returncode": run.returncode, "stderr": mask(run.stderr, tmp_path)})


FAULT = textwrap.dedent(
    """
    import errno, os, sys
    real_open, real_replace = os.open, os.replace
    renames = []

    def no_inodes(path, *args, **kwargs):
        if str(path).endswith(".toolkit-draft.lock") and {fault!r} == "lock":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, *args, **kwargs)

    def second_rename_fails(source, target, *args, **kwargs):
        if str(target).endswith(".po") and not str(source).endswith(".old.tmp") and {fault!r} == "rename":
            renames.append(target)
            if len(renames) == 2:
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(target))
        return real_replace(source, target, *args, **kwargs)

    os.open, os.replace = no_inodes, second_rename_fails
    from toolkit.cli import main
    main(sys.argv[1:])
    """
)


def run_with_fault(fault: str, argv: tuple[str, ...], cwd: Path):
    import os
    import subprocess

    return subprocess.run(
        [sys.executable, "-c", FAULT.format(fault=fault), *argv],
        cwd=cwd,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_no_inodes_for_the_lock_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    create(tmp_path, (ARTICLE,))
    before = file_contents(tmp_path)
    run = run_with_fault("lock", ("draft", "article.txt", "--engine", "none"), tmp_path)
    case = Case(
        "lock-no-inodes",
        (),
        message="cannot create the lock file: No space left on device",
        where="translations/.toolkit-draft.lock",
    )
    check_refused(run, before, file_contents(tmp_path), case)
    assert "free some space or inodes" in run.stderr


def test_a_rename_failing_inside_the_write_puts_every_po_file_back(tmp_path: Path) -> None:
    sources = [(f"{name}.txt", f"{text}天气很好。".encode()) for name, text in (("a", "一"), ("b", "二"), ("c", "三"))]
    create(tmp_path, tuple(sources))
    first = run_toolkit(("draft", "a.txt", "b.txt", "c.txt", "--engine", "none"), tmp_path, {})
    assert first.returncode == 0, first.stderr
    for name, text in sources:  # every source changes, so every PO file is rewritten
        (tmp_path / name).write_bytes(text + "我们去北京。".encode())
    before = file_contents(tmp_path)
    run = run_with_fault("rename", ("draft", "a.txt", "b.txt", "c.txt", "--engine", "none"), tmp_path)
    case = Case("rename-fails", (), message="cannot write file: Input/output error", where="translations/en/b.po")
    check_refused(run, before, file_contents(tmp_path), case)
    assert "nothing was written (every file is as it was)" in run.stderr
    again = run_toolkit(("draft", "a.txt", "b.txt", "c.txt", "--engine", "none"), tmp_path, {})
    assert again.returncode == 0 and "3 files (3 written)" in again.stdout
