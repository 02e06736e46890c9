"""Bad input to the exchange commands (issue 19's held-out round): xliff export/import, review, glossary
export/import, glossary suggest and build, with hostile XML, special files, wrong outputs and pipes.

Each case runs the real command line in a fresh directory holding a translator's PO file (article.po) and a
valid glossary (helpers.create) and asserts the exit code; for a refusal exactly one stderr line
`toolkit: error: WHERE: WHAT — WHAT TO DO` naming the place, exit 2 and every file byte-identical afterwards;
for a success that the translator's PO file still holds the translator's text. Each run has a 60 s timeout,
far above the fraction of a second it takes, far below a hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GLOSSARY, TRANSLATOR_MSGSTR, Case, Fifo, Link, create, file_contents, mask, run_toolkit

PO = "translations/en/article.po"
ARTICLE = (("article.txt", "今天天气很好。\n".encode()),)

RETURNED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="article.po" source-language="zh-CN" target-language="en" datatype="po">
    <body>
      <trans-unit id="u6daadb529920" xml:space="preserve" approved="yes">
        <source>今天天气很好。</source>
        <target state="translated">TARGET</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
"""A returned XLIFF 1.2 for article.po as a CAT tool writes it (no toolkit digest: the unit's translation wins)."""


def returned(
    target: str = "Fine weather today.", *, replace: tuple[str, str] = ("", ""), encoding: str = "utf-8"
) -> bytes:
    text = RETURNED.replace("TARGET", target)
    if replace[0]:
        text = text.replace(*replace)
    return text.encode(encoding)


RETURNED_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1" original="article.po">
    <unit id="u6daadb529920">
      <segment state="translated">
        <source>今天天气很好。</source>
        <target>TARGET</target>
      </segment>
    </unit>
  </file>
</xliff>
"""
"""The same in XLIFF 2.0, where a control character comes back as <cp hex="..."/>."""


def returned_20(target: str) -> bytes:
    return RETURNED_20.replace("TARGET", target).encode()


TBX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body><termEntry>'
    '<langSet xml:lang="zh"><tig><term>芯片</term></tig></langSet>'
    '<langSet xml:lang="en"><tig><term>chip</term></tig></langSet></termEntry></body></text></martif>\n'
)


def tbx(old: str = "", new: str = "", encoding: str = "utf-8") -> bytes:
    return (TBX.replace(old, new) if old else TBX).encode(encoding)


def imported(data: bytes) -> tuple[tuple[str, bytes], ...]:
    return (("returned.xlf", data),)


XLIFF_IMPORT = ("xliff", "import", "returned.xlf")
XLIFF_EXPORT = ("xliff", "export", PO)

CASES = [
    # --- xliff import: hostile XML is refused, never expanded, never a crash
    Case(
        "xliff-import-entity-declaration",
        XLIFF_IMPORT,
        imported(returned(replace=("<xliff ", '<!DOCTYPE xliff [<!ENTITY a "aaaa">]>\n<xliff '))),
        message="a DOCTYPE with an internal subset",
        where="returned.xlf",
    ),
    Case(
        "xliff-import-undefined-entity",
        XLIFF_IMPORT,
        imported(returned("&xxe; Fine")),
        message="undefined entity",
        where="returned.xlf",
    ),
    Case(
        "xliff-import-declared-gb2312",
        XLIFF_IMPORT,
        imported(returned("好天气", replace=('encoding="UTF-8"', 'encoding="GB2312"'), encoding="gb2312")),
        message="save the XLIFF as UTF-8",
        where="returned.xlf",
    ),
    Case(
        "xliff-import-utf16-declared-utf8",
        XLIFF_IMPORT,
        imported(returned(encoding="utf-16")),
        message="encoding specified in XML declaration is incorrect",
        where="returned.xlf",
    ),
    Case(
        "xliff-import-control-character",
        XLIFF_IMPORT,
        imported(returned("Fine&#1; weather")),
        message="reference to invalid character number",
        where="returned.xlf",
    ),
    Case(
        "xliff-import-wrong-namespace",
        XLIFF_IMPORT,
        imported(returned(replace=("document:1.2", "document:1.1"))),
        message="not an XLIFF 1.2 or 2.0 file",
        where="returned.xlf",
    ),
    Case("xliff-import-empty-file", XLIFF_IMPORT, imported(b""), message="no element found", where="returned.xlf"),
    Case(
        "xliff-import-deep-inline-nesting",
        XLIFF_IMPORT,
        imported(returned("<g id='1'>" * 50_000 + "Fine weather today." + "</g>" * 50_000)),
        exit_code=0,
        message="changed 1 entry",
    ),
    Case(
        "xliff-import-duplicate-unit",
        XLIFF_IMPORT,
        imported(
            returned(
                replace=(
                    "</body>",
                    '<trans-unit id="u6daadb529920"><source>今天天气很好。</source></trans-unit></body>',
                )
            )
        ),
        message="a second <trans-unit> with id",
        where="returned.xlf:9",
    ),
    Case(
        "xliff-import-for-the-wrong-po",
        XLIFF_IMPORT,
        imported(
            returned(replace=("<source>今天天气很好。", "<source>我们去北京。")).replace(
                b"u6daadb529920", b"u0123456789ab"
            )
        ),
        message="has no entry in translations/en/article.po",
        where="returned.xlf:5",
    ),
    Case(
        "xliff-import-changed-source",
        XLIFF_IMPORT,
        imported(returned(replace=("<source>今天天气很好。", "<source>今天天气不好。"))),
        message="differs from its msgid",
        where="returned.xlf:5",
    ),
    Case(
        "xliff-import-original-outside-the-po-directory",
        XLIFF_IMPORT,
        imported(returned(replace=('original="article.po"', 'original="../../article.po"'))),
        message="does not name a PO file inside",
        where="returned.xlf:3",
    ),
    Case(
        "xliff-import-a-fifo",
        XLIFF_IMPORT,
        (("returned.xlf", Fifo()),),
        message="not a regular file",
        where="returned.xlf",
    ),
    Case(
        "xliff-import-unreadable",
        XLIFF_IMPORT,
        imported(returned()),
        message="Permission denied",
        where="returned.xlf",
        locked="returned.xlf",
    ),
    Case(
        "xliff-import-po-directory-read-only",
        XLIFF_IMPORT,
        imported(returned()),
        message="",
        where="translations/en",
        locked="translations/en",
    ),
    Case(
        "xliff-import-cp-nul",
        XLIFF_IMPORT,
        imported(returned_20("Fi<cp hex='0'/>ne.")),
        message="<cp hex='0'> is a NUL or a surrogate",
        where="returned.xlf:7",
    ),
    Case(
        "xliff-import-cp-surrogate",
        XLIFF_IMPORT,
        imported(returned_20("Fi<cp hex='D800'/>ne.")),
        message="<cp hex='D800'> is a NUL or a surrogate",
        where="returned.xlf:7",
    ),
    Case(
        "xliff-import-cp-bell-is-read",
        XLIFF_IMPORT,
        imported(returned_20("Fine weather today.<cp hex='7'/>")),
        exit_code=0,
        message="changed 1 entry",
    ),
    # --- xliff export: outputs
    Case("xliff-export-to-an-empty-path", (*XLIFF_EXPORT, "-o", ""), message="an empty output path", where="-o ''"),
    Case("xliff-export-over-its-input", (*XLIFF_EXPORT, "-o", PO), message="exists and is not a directory", where=PO),
    Case(
        "xliff-export-through-a-link-to-the-po",
        (*XLIFF_EXPORT, "-o", "out.xlf"),
        (("out.xlf", Link(PO)),),
        message="is one of this command's inputs",
        where="out.xlf",
    ),
    Case(
        "xliff-export-through-a-link-to-the-glossary",
        (*XLIFF_EXPORT, "-o", "out.xlf"),
        (("out.xlf", Link("glossary/glossary.tsv")),),
        message="exists and is not an earlier output",
        where="out.xlf",
    ),
    Case(
        "xliff-export-over-someone-elses-xlf",
        (*XLIFF_EXPORT, "-o", "out"),
        (("out/article.xlf", b"<mine/>"),),
        message="exists and is not an earlier output",
        where="out/article.xlf",
    ),
    Case(
        "xliff-export-to-a-fifo",
        (*XLIFF_EXPORT, "-o", "out.xlf"),
        (("out.xlf", Fifo()),),
        message="not a regular file",
        where="out.xlf",
    ),
    Case(
        "xliff-export-to-a-dangling-link",
        (*XLIFF_EXPORT, "-o", "out.xlf"),
        (("out.xlf", Link("nowhere")),),
        message="a symbolic link to nothing",
        where="out.xlf",
    ),
    Case(
        "xliff-export-a-fifo",
        ("xliff", "export", "pipe.po", "-o", "-"),
        (("pipe.po", Fifo()),),
        message="not a regular file",
        where="pipe.po",
    ),
    Case(
        "xliff-export-an-empty-file",
        ("xliff", "export", "empty.po", "-o", "-"),
        (("empty.po", b""),),
        message="",
        where="empty.po",
    ),
    # --- review: outputs
    Case(
        "review-to-standard-output",
        ("review", "article.txt", "--format", "html", "-o", "-"),
        ARTICLE,
        message="not standard output",
        where="-o -",
    ),
    Case(
        "review-over-someone-elses-page",
        ("review", "article.txt", "--format", "html", "-o", "out"),
        (*ARTICLE, ("out/article.html", b"<p>my notes</p>")),
        message="exists and is not an earlier output",
        where="out/article.html",
    ),
    Case(
        "review-over-its-own-page-edited-by-hand",
        ("review", "article.txt", "--format", "html", "-o", "out"),
        ARTICLE,
        message="exists and is not an earlier output",
        where="out/article.html",
    ),
    Case(
        "review-through-a-link-to-the-po",
        ("review", "article.txt", "--format", "html", "-o", "out"),
        (*ARTICLE, ("out/article.html", Link(f"../{PO}"))),
        message="is one of this command's inputs",
        where="out/article.html",
    ),
    Case(
        "review-a-fifo",
        ("review", "article.txt", "--format", "html", "-o", "out"),
        (("article.txt", Fifo()),),
        message="not a regular file",
        where="article.txt",
    ),
    # --- a file name with a newline is named in one line, escaped (it split the error line in two)
    Case(
        "xliff-export-a-malformed-po-named-with-a-newline",
        ("xliff", "export", "translations/en", "-o", "-"),
        (
            (
                "translations/en/two\nlines.po",
                b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "x"\n',
            ),
        ),
        message="",
        where="translations/en/two\\nlines.po:",
    ),
    Case(
        "xliff-import-a-file-named-with-a-newline",
        ("xliff", "import", "two\nlines.xlf"),
        (("two\nlines.xlf", b"junk"),),
        message="not well-formed XML",
        where="two\\nlines.xlf",
    ),
    Case(
        "glossary-import-a-file-named-with-a-newline",
        ("glossary", "import", "two\nlines.tbx"),
        (("two\nlines.tbx", b"junk"),),
        message="not well-formed TBX",
        where="two\\nlines.tbx:1",
    ),
    Case(
        "glossary-export-over-a-file-named-with-a-newline",
        ("glossary", "export", "--format", "csv", "-o", "two\nlines.csv"),
        (("two\nlines.csv", b"mine"),),
        message="exists and is not an earlier output",
        where="two\\nlines.csv",
    ),
    Case(
        "build-into-a-file-named-with-a-newline",
        ("build", "article.txt", "-o", "two\nlines"),
        (*ARTICLE, ("two\nlines", b"a file")),
        message="is a file",
        where="Invalid value for '-o'",
    ),
    # --- glossary export: its own earlier TBX is replaced, one edited since is not
    Case(
        "glossary-export-over-its-own-tbx-edited-by-hand",
        ("glossary", "export", "--format", "tbx", "-o", "terms.tbx"),
        message="exists and is not an earlier output",
        where="terms.tbx",
    ),
    Case(
        "glossary-export-over-its-own-tbx",
        ("glossary", "export", "--format", "tbx", "-o", "terms.tbx"),
        exit_code=0,
        message="wrote terms.tbx",
    ),
    # --- glossary import: hostile TBX
    Case(
        "tbx-declared-gb2312",
        ("glossary", "import", "terms.tbx"),
        (("terms.tbx", tbx("UTF-8", "GB2312", encoding="gb2312")),),
        message="declares encoding 'GB2312'",
        where="terms.tbx:1",
    ),
    Case(
        "tbx-deeply-nested-term",
        ("glossary", "import", "terms.tbx"),
        (("terms.tbx", tbx("<term>芯片</term>", "<term>" + "<hi>" * 50_000 + "芯片" + "</hi>" * 50_000 + "</term>")),),
        exit_code=0,
        message="芯片\tchip\tpreferred",
    ),
    Case(
        "tbx-deeply-nested-body",
        ("glossary", "import", "terms.tbx"),
        (
            (
                "terms.tbx",
                tbx("<body>", "<body>" + "<div>" * 50_000).replace(b"</body>", b"</div>" * 50_000 + b"</body>"),
            ),
        ),
        exit_code=0,
        message="芯片\tchip\tpreferred",
    ),
    Case(
        "tbx-billion-laughs",
        ("glossary", "import", "terms.tbx"),
        (
            (
                "terms.tbx",
                tbx(
                    "<martif", '<!DOCTYPE martif [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<martif'
                ).replace("芯片".encode(), "芯片&b;".encode()),
            ),
        ),
        message="declares entities",
        where="terms.tbx:2",
    ),
]


def _own_page_edited(work: Path) -> None:
    """out/article.html as review wrote it, then a reviewer's note added by hand (before the digest line)."""
    run_toolkit(("review", "article.txt", "--format", "html", "-o", "out"), work, {}, timeout=60)
    page = work / "out" / "article.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", "<p>Reviewer: para 2 reads badly.</p></body>"),
        encoding="utf-8",
    )


def _own_tbx_edited(work: Path) -> None:
    """terms.tbx as glossary export wrote it, then a term corrected by hand in a terminology tool."""
    run_toolkit(("glossary", "export", "--format", "tbx", "-o", "terms.tbx"), work, {}, timeout=60)
    path = work / "terms.tbx"
    path.write_text(path.read_text(encoding="utf-8").replace(">weather<", ">weather conditions<"), encoding="utf-8")


def _own_tbx(work: Path) -> None:
    run_toolkit(("glossary", "export", "--format", "tbx", "-o", "terms.tbx"), work, {}, timeout=60)


PREPARE = {
    "review-over-its-own-page-edited-by-hand": _own_page_edited,
    "glossary-export-over-its-own-tbx-edited-by-hand": _own_tbx_edited,
    "glossary-export-over-its-own-tbx": _own_tbx,
}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_exchange_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    create(work, case.files)
    if case.name in PREPARE:
        PREPARE[case.name](work)
    before = file_contents(work)
    locked = [work / case.locked] if case.locked is not None else []
    for path in locked:
        path.chmod(0o500 if path.is_dir() else 0o000)
    try:
        run = run_toolkit(
            case.argv, work, {"XDG_CACHE_HOME": str(tmp_path / "cache")}, timeout=60, as_user=case.locked is not None
        )
    finally:
        for path in locked:
            path.chmod(0o700 if path.is_dir() else 0o600)
    after = file_contents(work)
    stderr = mask(run.stderr, tmp_path)

    assert "Traceback" not in run.stderr
    assert run.returncode == case.exit_code, run.stderr
    assert not [name for name in after if name.endswith(".tmp")], "a temporary file was left behind"
    assert (work / "glossary" / "glossary.tsv").read_bytes() == GLOSSARY
    if case.exit_code == 2:
        lines = stderr.splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith(f"toolkit: error: {case.where}"), stderr
        assert case.message in lines[0], stderr
        assert " — " in lines[0], "the line says what to do"
        assert after == before
    else:
        assert case.message in run.stdout + stderr
        assert TRANSLATOR_MSGSTR in after[PO].decode() or "Fine weather today." in after[PO].decode()


CLOSED = [
    # (name, argv, the descriptor the command starts without, message)
    ("xliff-import-stdin-closed", ("xliff", "import", "-"), 0, "-: standard input is closed"),
    (
        "glossary-import-stdin-closed",
        ("glossary", "import", "-", "--format", "deepl"),
        0,
        "-: standard input is closed",
    ),
    ("suggest-stdin-closed", ("glossary", "suggest", "-"), 0, "-: standard input is closed"),
    ("xliff-export-stdout-closed", (*XLIFF_EXPORT, "-o", "-"), 1, "-o -: standard output is closed"),
    (
        "glossary-export-stdout-closed",
        ("glossary", "export", "--format", "tbx", "-o", "-"),
        1,
        "-o -: standard output is closed",
    ),
    ("suggest-stdout-closed", ("glossary", "suggest", "translations"), 1, "-o -: standard output is closed"),
    ("build-stdout-closed", ("build", "article.txt", "-o", "-"), 1, "-o -: standard output is closed"),
]


@pytest.mark.parametrize(
    ("argv", "descriptor", "message"), [case[1:] for case in CLOSED], ids=[case[0] for case in CLOSED]
)
def test_a_closed_standard_stream_is_refused_in_one_line(
    argv: tuple[str, ...], descriptor: int, message: str, tmp_path: Path
) -> None:
    """`toolkit ... <&-` and `... >&-`: no standard stream at all (sys.stdin/stdout is None) is exit 2, not exit 3."""
    import os
    import subprocess
    import sys

    create(tmp_path, ARTICLE)
    before = file_contents(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", *argv],
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache")},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(descriptor),
    )
    assert (run.returncode, run.stderr.count("\n")) == (2, 1), run.stderr
    assert run.stderr.startswith(f"toolkit: error: {message} — "), run.stderr
    assert {name: data for name, data in file_contents(tmp_path).items() if not name.startswith(".cache")} == before


def test_an_import_into_a_po_file_another_import_holds_is_refused(tmp_path: Path) -> None:
    """Two imports into one PO file at once: the second is refused at once (it used to read the file, then write over
    the first's import, or report a success whose translation was not in the file)."""
    import fcntl
    import os

    create(tmp_path, imported(returned()))
    before = file_contents(tmp_path)
    descriptor = os.open(tmp_path / PO, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # what the first import holds while it runs
        run = run_toolkit(XLIFF_IMPORT, tmp_path, {}, timeout=60)
    finally:
        os.close(descriptor)
    assert (run.returncode, run.stderr) == (
        2,
        f"toolkit: error: {PO}: another `toolkit xliff import` is writing this "
        "PO file — wait for it to finish and run again\n",
    )
    assert file_contents(tmp_path) == before
    assert run_toolkit(XLIFF_IMPORT, tmp_path, {}, timeout=60).returncode == 0, "the lock goes with its holder"
    assert "Fine weather today." in (tmp_path / PO).read_text()


def test_a_unit_returned_with_only_the_toolkits_notes_keeps_the_translators_comment(tmp_path: Path) -> None:
    """A CAT tool that keeps the toolkit's (developer) note but drops the translator's: the translator's comment
    stays in the PO file (it was deleted: `noted` counted the developer note as the tool returning notes)."""
    po = tmp_path / PO
    create(tmp_path, ())
    po.write_bytes(po.read_bytes().replace(b"# Checked against", b"#. glossary: weather\n# Checked against"))
    xliff = returned(replace=("</target>", '</target>\n        <note from="developer">glossary: weather</note>'))
    (tmp_path / "returned.xlf").write_bytes(xliff)
    run = run_toolkit(XLIFF_IMPORT, tmp_path, {}, timeout=60)
    assert run.returncode == 0, run.stderr
    text = po.read_text(encoding="utf-8")
    assert "# Checked against the original report.\n" in text and 'msgstr "Fine weather today."' in text
