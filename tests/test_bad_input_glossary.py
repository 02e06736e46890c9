"""Bad glossary input (issue 10): special files, cells that would split or hide, terms that are no terms, overwrites.

Each case runs the real command line in a fresh directory holding a translator's PO file and a valid glossary
(the fixtures of test_bad_input.py) and asserts the exit code, for errors exactly one stderr line naming the
place and what to do, and every file that was there before byte-identical afterwards. Special files must be
refused quickly: each run has a 60 s timeout, far above the fraction of a second it takes, far below a hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GLOSSARY, Case, Fifo, Link, create, file_contents, mask, toolkit

HEADER = "zh\ten\ttype\tvariants\tnote\n"
CLIENT_TBX = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX"><martifHeader><fileDesc><sourceDesc>'
    b"<p>memoQ</p></sourceDesc></fileDesc></martifHeader><text><body/></text></martif>\n"
)


def terms(*rows: str) -> tuple[tuple[str, bytes], ...]:
    return (("terms.tsv", (HEADER + "".join(row + "\n" for row in rows)).encode()),)


CASES = [
    # special files: refused at once, never read
    Case(
        "fifo-in-the-glossary-directory",
        ("check", "translations"),
        (("glossary/more.tsv", Fifo()),),
        message="not a regular file",
        where="glossary/more.tsv",
    ),
    Case(
        "symlink-to-dev-zero-in-the-glossary-directory",
        ("glossary", "validate"),
        (("glossary/zero.tsv", Link("/dev/zero")),),
        message="not a regular file",
        where="glossary/zero.tsv",
    ),
    Case(
        "symlink-to-dev-zero-as-draft-glossary",
        ("draft", "article.txt", "--engine", "none", "--glossary", "z.tsv"),
        (("article.txt", "今天天气很好。".encode()), ("z.tsv", Link("/dev/zero"))),
        message="not a regular file",
        where="z.tsv",
    ),
    Case("import-dev-zero", ("glossary", "import", "/dev/zero"), message="not a regular file", where="/dev/zero"),
    Case(
        "import-a-fifo",
        ("glossary", "import", "terms.tbx"),
        (("terms.tbx", Fifo()),),
        message="not a regular file",
        where="terms.tbx",
    ),
    # overwrites
    Case(
        "import-the-curated-glossary-onto-itself",
        ("glossary", "import", "glossary/glossary.tsv", "-o", "glossary/glossary.tsv"),
        message="is one of this command's inputs",
        where="glossary/glossary.tsv",
    ),
    Case(
        "import-the-curated-glossary-without-output",
        ("glossary", "import", "glossary/glossary.tsv"),
        exit_code=0,
        message="天气\tweather\tpreferred",
    ),
    # issue 19 item 3: every export and import write goes through toolkit.storage.output
    Case(
        "export-csv-over-a-translators-po",
        ("glossary", "export", "--format", "csv", "-o", "translations/en/article.po"),
        message="exists and is not an earlier output of this command",
        where="translations/en/article.po",
    ),
    Case(
        "export-tbx-over-someone-elses-tbx",
        ("glossary", "export", "--format", "tbx", "-o", "client.tbx"),
        (("client.tbx", CLIENT_TBX),),
        message="exists and is not an earlier output",
        where="client.tbx",
    ),
    Case(
        "export-omegat-over-an-existing-glossary",
        ("glossary", "export", "--format", "omegat", "-o", "omegat.txt"),
        (("omegat.txt", "天气\tweather\tthe translator's own line\n".encode()),),
        message="pass --force to replace it",
        where="omegat.txt",
    ),
    Case(
        "export-through-a-link-to-the-glossary",
        ("glossary", "export", "--format", "csv", "-o", "terms.csv"),
        (("terms.csv", Link("glossary/glossary.tsv")),),
        message="is one of this command's inputs",
        where="terms.csv",
    ),
    Case(
        "export-over-the-glossary-even-with-force",
        ("glossary", "export", "--format", "tbx", "--force", "-o", "glossary/glossary.tsv"),
        message="is one of this command's inputs",
        where="glossary/glossary.tsv",
    ),
    Case(
        "export-to-an-empty-path",
        ("glossary", "export", "--format", "csv", "-o", ""),
        message="an empty output path",
        where="-o ''",
    ),
    Case(
        "export-dash-is-standard-output",
        ("glossary", "export", "--format", "deepl", "-o", "-"),
        exit_code=0,
        message="天气\tweather",
    ),
    Case(
        "import-over-a-translators-po",
        ("glossary", "import", "terms.txt", "-o", "translations/en/article.po"),
        (("terms.txt", "芯片\tchip\t\n".encode()),),
        message="exists and is not an earlier output of this command",
        where="translations/en/article.po",
    ),
    Case(
        "import-onto-itself-even-with-force",
        ("glossary", "import", "glossary/glossary.tsv", "--force", "-o", "glossary/glossary.tsv"),
        message="is one of this command's inputs",
        where="glossary/glossary.tsv",
    ),
    Case(
        "import-dash-output-is-standard-output",
        ("glossary", "import", "terms.txt", "-o", "-"),
        (("terms.txt", "芯片\tchip\t\n".encode()),),
        exit_code=0,
        message="芯片\tchip\tpreferred",
    ),
    Case(
        "import-rows-the-glossary-already-has",
        ("glossary", "import", "terms.txt", "-o", "glossary/terms.tsv"),
        (("terms.txt", "天氣\tweather\t\n".encode()),),
        message="duplicate row",
        where="glossary/terms.tsv:2",
    ),
    # cells that would split a row or hide a character
    *(
        Case(
            f"cell-holding-{name}",
            ("glossary", "validate", "terms.tsv"),
            terms("模型\tmod" + char + "el\tpreferred\t\t", "数据\tdata\tpreferred\t\t"),
            message=f"the 'en' cell holds U+{ord(char):04X}",
            where="terms.tsv:2",
        )
        for name, char in [
            ("nul", "\x00"),
            ("vertical-tab", "\v"),
            ("file-separator", "\x1c"),
            ("line-separator", "\u2028"),
            ("carriage-return", "\r"),
        ]
    ),
    Case(
        "zero-width-space-in-a-term",
        ("glossary", "validate", "terms.tsv"),
        terms("模型\tmodel\tpreferred\t\t", "模\u200b型\tmodel\tpreferred\t\t"),
        message="U+200B (ZERO WIDTH SPACE)",
        where="terms.tsv:3",
    ),
    Case(
        "duplicate-header-column",
        ("glossary", "validate", "terms.tsv"),
        (("terms.tsv", "zh\ten\ttype\tvariants\tnote\ten\n模型\tmodel\tpreferred\t\t\t\n".encode()),),
        message="column en appears twice",
        where="terms.tsv:1",
    ),
    # terms that are no terms, and a term that looks like a comment
    Case(
        "punctuation-as-a-term",
        ("glossary", "validate", "terms.tsv"),
        terms("。\tfull stop\tpreferred\t\t"),
        message="only punctuation",
        where="terms.tsv:2",
    ),
    Case(
        "function-word-as-a-term",
        ("glossary", "validate", "terms.tsv"),
        terms("的\tof\tpreferred\t\t"),
        message="single function word",
        where="terms.tsv:2",
    ),
    Case(
        "hashtag-term-is-not-a-comment",
        ("glossary", "validate", "terms.tsv"),
        terms("# --- Movements", "#MeToo运动\t#MeToo movement\tpreferred\t\t"),
        exit_code=0,
        message="1 rows, 1 concepts",
    ),
    # ignore rows: they must shadow a term and translate nothing
    Case(
        "ignore-row-that-contains-no-term",
        ("glossary", "validate", "terms.tsv"),
        terms("大模型\tlarge model\tpreferred\t\t", "扩大规模\t—\tignore\t\t"),
        message="contains no term of the glossary",
        where="terms.tsv:3",
    ),
    Case(
        "ignore-row-with-an-english-rendering",
        ("glossary", "validate", "terms.tsv"),
        terms("大模型\tlarge model\tpreferred\t\t", "扩大模型\tscale up models\tignore\t\t"),
        message="ignore rows translate nothing",
        where="terms.tsv:3",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_glossary_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    create(work, case.files)
    before = file_contents(work)
    run = toolkit(*case.argv, cwd=work, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, timeout=60)
    stderr = mask(run.stderr, tmp_path)

    assert "Traceback" not in run.stderr
    assert run.returncode == case.exit_code, run.stderr
    assert {name: data for name, data in file_contents(work).items() if not name.endswith(".lock")} == before
    assert (work / "glossary" / "glossary.tsv").read_bytes() == GLOSSARY
    if case.exit_code == 2:
        lines = stderr.splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith(f"toolkit: error: {case.where}"), stderr
        assert case.message in lines[0], stderr
        assert " — " in lines[0], "the line says what to do"
    else:
        assert case.message in run.stdout + stderr
