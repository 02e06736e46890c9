"""Bad input for `toolkit align` and for TMX memory: one error line, exit 2, no traceback, nothing touched.

Same harness as tests/test_bad_input.py (a work directory with the translator's PO file and a glossary).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import Case, create, file_contents, mask, png, run_toolkit

PAIR = (("story.zh", "他走了。\n".encode()), ("story.en", b"He left.\n"))

CASES = [
    Case("align-chinese-file-missing", ("align", "missing.zh", "story.en"), PAIR,
         message="no such file", where="missing.zh"),
    Case("align-english-file-is-an-image", ("align", "story.zh", "picture.png"), (*PAIR, ("picture.png", png())),
         message="binary data", where="picture.png"),
    Case("align-output-under-a-regular-file", ("align", "story.zh", "story.en", "-o", "story.en/out.po"), PAIR,
         message="cannot write here: Not a directory", where="story.en"),
    Case("tmx-memory-not-well-formed", ("draft", "story.zh", "--engine", "none", "--tm", "memory.tmx"),
         (*PAIR, ("memory.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><body><tu>\n</tmx>\n')),
         message="not well-formed XML at line 3", where="memory.tmx"),
    Case("tmx-memory-is-not-tmx", ("draft", "story.zh", "--engine", "none", "--tm", "memory.tmx"),
         (*PAIR, ("memory.tmx", b"<html><body>hello</body></html>\n")),
         message="not a TMX file", where="memory.tmx"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_align(case: Case, tmp_path: Path, data_regression) -> None:
    work = tmp_path / "work"
    create(work, case.files)
    before = file_contents(work)
    run = run_toolkit(case.argv, work, {"XDG_CACHE_HOME": str(tmp_path / "cache")})
    stderr = mask(run.stderr, tmp_path)
    lines = stderr.splitlines()
    assert "Traceback" not in run.stderr
    assert run.returncode == case.exit_code, run.stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"toolkit: error: {case.where}"), stderr
    assert case.message in lines[0] and " — " in lines[0]
    assert {name: data for name, data in file_contents(work).items() if not name.endswith(".lock")} == before
    data_regression.check({"returncode": run.returncode, "stderr": stderr})
