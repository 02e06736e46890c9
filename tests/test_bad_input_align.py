"""Bad input for `toolkit align` and for TMX memory: one error line, exit 2, no traceback, nothing touched.

Same harness as tests/test_bad_input.py (a work directory with the translator's PO file and a glossary).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Case, Link, create, file_contents, mask, png, run_toolkit

PAIR = (("story.zh", "他走了。\n".encode()), ("story.en", b"He left.\n"))
CONFIRMED_ALIGNMENT = """# Aligned by `toolkit align` from story.zh and story.en.
msgid ""
msgstr ""
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: toolkit 0.1.0 align\\n"

#. aligned 1-1, score 0.91; zh line 1, en line 1
msgid "他走了。"
msgstr "He went away."
""".encode()
"""An alignment PO in which a translator confirmed an entry (no longer fuzzy): their work now, not align's."""
OURS = "exists and is not an earlier output of this command"

CASES = [
    Case(
        "align-chinese-file-missing",
        ("align", "missing.zh", "story.en"),
        PAIR,
        message="no such file",
        where="missing.zh",
    ),
    Case(
        "align-english-file-is-an-image",
        ("align", "story.zh", "picture.png"),
        (*PAIR, ("picture.png", png())),
        message="binary data",
        where="picture.png",
    ),
    Case(
        "align-output-under-a-regular-file",
        ("align", "story.zh", "story.en", "-o", "story.en/out.po"),
        PAIR,
        message="cannot write here: Not a directory",
        where="story.en",
    ),
    # issue 19: align wrote over its own input, and over a translator's PO file
    Case(
        "align-output-is-its-english-input",
        ("align", "story.zh", "story.en", "-o", "story.en"),
        PAIR,
        message="is one of this command's inputs",
        where="story.en",
    ),
    Case(
        "align-output-is-its-chinese-input",
        ("align", "story.zh", "story.en", "--format", "tsv", "-o", "story.zh"),
        PAIR,
        message="is one of this command's inputs",
        where="story.zh",
    ),
    Case(
        "align-output-is-a-link-to-an-input",
        ("align", "story.zh", "story.en", "-o", "out.tsv"),
        (*PAIR, ("out.tsv", Link("story.en"))),
        message="is one of this command's inputs",
        where="out.tsv",
    ),
    Case(
        "align-output-is-a-translators-po",
        ("align", "story.zh", "story.en", "-o", "translations/en/article.po"),
        PAIR,
        message=OURS,
        where="translations/en/article.po",
    ),
    Case(
        "align-output-is-an-alignment-a-translator-confirmed",
        ("align", "story.zh", "story.en", "-o", "story.po"),
        (*PAIR, ("story.po", CONFIRMED_ALIGNMENT)),
        message=OURS,
        where="story.po",
    ),
    Case(
        "align-output-is-some-other-file",
        ("align", "story.zh", "story.en", "--format", "ids", "-o", "notes.txt"),
        (*PAIR, ("notes.txt", b"My notes on the story.\n")),
        message=OURS,
        where="notes.txt",
    ),
    Case(
        "align-output-is-a-directory",
        ("align", "story.zh", "story.en", "-o", "translations"),
        PAIR,
        message="is a directory",
        where="translations",
    ),
    Case(
        "tmx-memory-not-well-formed",
        ("draft", "story.zh", "--engine", "none", "--tm", "memory.tmx"),
        (*PAIR, ("memory.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><body><tu>\n</tmx>\n')),
        message="not well-formed XML at line 3",
        where="memory.tmx",
    ),
    Case(
        "tmx-memory-is-not-tmx",
        ("draft", "story.zh", "--engine", "none", "--tm", "memory.tmx"),
        (*PAIR, ("memory.tmx", b"<html><body>hello</body></html>\n")),
        message="not a TMX file",
        where="memory.tmx",
    ),
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
