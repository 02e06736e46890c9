"""The bad-input catalogue (issue 6): what each command does with inputs a translator might really feed it.

Every case runs the real command line in a fresh directory that already holds a translator's PO file
(translations/en/article.po) and a valid glossary, then asserts the exit code and, for errors, one stderr
line `toolkit: error: <where>: <what> — <what to do>` without a traceback, every file that was there
before byte-identical, and no temporary file left behind. `returncode`, the stderr and the head of stdout
are snapshotted with the temporary directory and ports masked.

Tested elsewhere and not repeated here: SIGKILL in the middle of a multi-file draft and two draft runs on one
output (test_draft.py: test_sigkill_mid_run_leaves_every_po_as_it_was_or_complete,
test_second_cli_run_is_refused_while_another_run_writes), lossless segmentation of arbitrary Unicode
(test_segment.py), the library side of unsafe and truncated model archives (test_models.py).
"""

from __future__ import annotations

import codecs
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from helpers import (
    DATA,
    GLOSSARY,
    PACKAGE,
    TRANSLATOR_MSGSTR,
    TRANSLATORS_PO,
    Case,
    Fifo,
    Link,
    create,
    file_contents,
    mask,
    mo_file,
    png,
    po_text,
    run_toolkit,
    zip_of,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.draft import merge
from toolkit.errors import InputError
from toolkit.segment import segment_text
from toolkit.storage.po import read_catalog, write_catalog
from toolkit.storage.units import State, Unit
from toolkit.textio import read_source

TEN_MB_LINE = (
    "今天天气很好。" + "数据中心的建设规模还在不断扩大" * 233_000
).encode()  # one line, the last sentence ~10 MB


CASES = [
    # --- sources
    Case("source-missing", ("draft", "article.txt"), message="no such source file or directory", where="article.txt"),
    Case(
        "source-is-a-directory-without-text-files",
        ("draft", "sources"),
        (("sources/picture.png", png()),),
        message="no .txt or .md files in this directory",
        where="sources",
    ),
    Case(
        "source-directory-to-segment",
        ("segment", "sources"),
        (("sources/a.txt", "天气。".encode()),),
        message="is a directory, expected a text file",
        where="sources",
    ),
    Case(
        "source-unreadable-permissions",
        ("segment", "article.txt"),
        (("article.txt", "今天天气很好。".encode()),),
        message="cannot read file: Permission denied",
        where="article.txt",
        locked="article.txt",
    ),
    Case(
        "source-unreadable-io-error",
        ("draft", "article.txt"),
        (("article.txt", Link("/proc/self/mem")),),
        message="cannot read file: Input/output error",
        where="article.txt",
    ),
    Case(
        "source-symlink-loop",
        ("segment", "article.txt"),
        (("article.txt", Link("loop.txt")), ("loop.txt", Link("article.txt"))),
        message="symbolic link loop",
        where="article.txt",
    ),
    Case(
        "source-named-pipe",
        ("segment", "article.txt"),
        (("article.txt", Fifo()),),
        message="not a regular file",
        where="article.txt",
    ),
    Case(
        "source-empty",
        ("draft", "article.txt"),
        (("article.txt", b""),),
        message="no text to translate",
        where="article.txt",
    ),
    Case(
        "source-whitespace-only",
        ("draft", "article.txt"),
        (("article.txt", b" \n\t\n\r\n  "),),
        message="no text to translate",
        where="article.txt",
    ),
    Case(
        "source-is-an-image",
        ("draft", "article.txt"),
        (("article.txt", png()),),
        message="binary data: NUL byte at byte offset 8",
        where="article.txt",
    ),
    Case(
        "source-invalid-utf8-in-the-middle",
        ("draft", "article.txt"),
        (("article.txt", "今天天气很好。".encode() + b"\xff\xfe" + "我们去北京。".encode()),),
        message="invalid UTF-8 at byte offset 21",
        where="article.txt",
    ),
    Case(
        "source-nul-bytes",
        ("draft", "article.txt"),
        (("article.txt", "今天天气很好。\x00我们去北京。".encode()),),
        message="binary data: NUL byte at byte offset 21",
        where="article.txt",
    ),
    Case(
        "source-nul-in-utf16",
        ("draft", "article.txt"),
        (("article.txt", "今天天气很好。\n\x00".encode("utf-16")),),
        message="binary data: NUL character on line 2",
        where="article.txt",
    ),
    Case(
        "source-utf16-with-bom",
        ("draft", "article.txt"),
        (("article.txt", "今天天气很好。我们去北京。\r\n".encode("utf-16")),),
        exit_code=0,
        message="2 segments",
    ),
    Case(
        "source-gb18030",
        ("draft", "article.txt"),
        (("article.txt", "今天天气很好。我们去北京。\n".encode("gb18030")),),
        exit_code=0,
        message="2 segments",
    ),
    Case(
        "source-big5",
        ("segment", "article.txt"),
        (("article.txt", "今天天氣很好。我們去北京。\n".encode("big5")),),
        exit_code=0,
        message='"text": "我們去北京。"',
    ),
    Case(
        "source-cr-only-line-endings",
        ("segment", "article.txt"),
        (("article.txt", "# 标题\r\r今天天气很好。\r我们去北京。\r".encode()),),
        exit_code=0,
        message='"line": 4',
    ),
    Case(
        "source-single-10-mb-line",
        ("draft", "article.txt"),
        (("article.txt", TEN_MB_LINE),),
        exit_code=0,
        message="2 segments",
    ),
    Case(
        "source-name-with-spaces-and-chinese",
        ("draft", "新闻 稿.txt"),
        (("新闻 稿.txt", "今天天气很好。".encode()),),
        exit_code=0,
        message="1 segment",
    ),
    Case(
        "source-is-the-po-file",
        ("draft", "translations/en/article.po"),
        message="a translation catalogue, not a source document",
        where="translations/en/article.po",
    ),
    Case(
        "source-in-the-output-directory",
        ("draft", "translations/en"),
        (("translations/en/article.txt", b"The weather is fine today.\n"),),
        message="is in the output directory",
        where="translations/en/article.txt",
    ),
    Case(
        "source-name-not-utf8",
        ("draft", "\udce9t\udce9.txt"),
        (("\udce9t\udce9.txt", "今天天气很好。".encode()),),
        message="the file name is not UTF-8",
        where="'\\udce9t\\udce9.txt'",
    ),
    Case(
        "source-name-with-a-newline",
        ("draft", "a\nb.txt"),
        (("a\nb.txt", "今天天气很好。".encode()),),
        message="the file name holds a control character",
        where="'a\\nb.txt'",
    ),
    Case(
        "source-unknown-encoding-name",
        ("segment", "--encoding", "klingon", "article.txt"),
        (("article.txt", "今天天气很好。".encode()),),
        message="unknown encoding 'klingon'",
        where="--encoding",
    ),
    # --- PO files
    Case(
        "po-syntax-error",
        ("draft", "article.txt"),
        (
            ("article.txt", "今天天气很好。".encode()),
            (
                "translations/en/article.po",
                po_text(body='msgid "今天天气很好。"\nmsgstr "Fine."\n\nmsgid "坏"\nmsgstr\n').encode(),
            ),
        ),
        message="PO syntax error",
        where="translations/en/article.po:9",
    ),
    Case(
        "po-wrong-charset",
        ("draft", "article.txt"),
        (
            ("article.txt", "今天天气很好。".encode()),
            (
                "translations/en/article.po",
                po_text("ISO-8859-1", body='msgid "今天天气很好。"\nmsgstr "Fine."\n').encode(),
            ),
        ),
        message="declares charset=iso-8859-1 but its text is UTF-8",
        where="translations/en/article.po",
    ),
    Case(
        "po-missing-charset-gbk-bytes",
        ("check", "legacy.po"),
        (("legacy.po", ('msgid "今天天气很好。"\nmsgstr "Fine."\n').encode("gbk")),),
        message="invalid UTF-8 at byte 7",
        where="legacy.po",
    ),
    Case(
        "po-plural-entries-from-another-project",
        ("draft", "article.txt"),
        (
            ("article.txt", "今天天气很好。".encode()),
            (
                "translations/en/article.po",
                po_text(
                    extra='"Plural-Forms: nplurals=1; plural=0;\\n"',
                    body='#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 个文件"\n',
                ).encode(),
            ),
        ),
        message="an entry with plural forms (msgid_plural)",
        where="translations/en/article.po:5",
    ),
    Case(
        "po-context-entries-from-another-project",
        ("draft", "article.txt"),
        (
            ("article.txt", "今天天气很好。".encode()),
            ("translations/en/article.po", po_text(body='msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n').encode()),
        ),
        message="an entry with a context (msgctxt)",
        where="translations/en/article.po:5",
    ),
    Case(
        "po-source-language-not-chinese-as-draft-target",
        ("draft", "article.txt"),
        (
            ("article.txt", "今天天气很好。".encode()),
            (
                "translations/en/article.po",
                po_text(
                    extra='"Language: de\\n"', body='msgid "The weather is fine."\nmsgstr "Schönes Wetter."\n'
                ).encode(),
            ),
        ),
        message="translates into de (Language header), not into English",
        where="translations/en/article.po",
    ),
    Case(
        "po-source-language-not-chinese-checked",
        ("check", "de.po"),
        (
            (
                "de.po",
                po_text(
                    extra='"Language: de\\n"',
                    body='#, python-format\nmsgid "The weather is %(adj)s."\nmsgstr "Das Wetter ist %(adj)s."\n',
                ).encode(),
            ),
        ),
        exit_code=1,
        message="no msgid contains Chinese: not a Chinese→English catalogue",
    ),
    Case(
        "po-with-bom-and-crlf",
        ("draft", "article.txt", "--engine", "none"),
        (
            ("article.txt", "今天天气很好。".encode()),
            ("translations/en/article.po", codecs.BOM_UTF8 + TRANSLATORS_PO.replace(b"\n", b"\r\n")),
        ),
        exit_code=0,
        message="1 kept (translator's)",
    ),
    Case(
        "po-is-a-mo-file",
        ("check", "messages.po"),
        (("messages.po", mo_file()),),
        message="a compiled .mo file, not a PO file",
        where="messages.po",
    ),
    Case(
        "po-is-a-mo-file-as-memory",
        ("draft", "article.txt", "-o", "fresh", "--tm", "messages.po"),
        (("article.txt", "今天天气很好。".encode()), ("messages.po", mo_file())),
        message="a compiled .mo file, not a PO file",
        where="messages.po",
    ),
    Case(
        "po-directory-without-po-files-checked",
        ("check", "empty"),
        (("empty/notes.txt", b"x"),),
        message="no PO files in this directory",
        where="empty",
    ),
    Case(
        "po-memory-path-missing",
        ("draft", "article.txt", "--tm", "old-translations"),
        (("article.txt", "今天天气很好。".encode()),),
        message="no such translation memory file or directory",
        where="old-translations",
    ),
    # --- glossary
    Case(
        "glossary-missing-column",
        ("glossary", "validate", "terms.tsv"),
        (("terms.tsv", b"zh\ten\tvariants\tnote\n\xe6\xa8\xa1\xe5\x9e\x8b\tmodel\t\t\n"),),
        message="missing column type",
        where="terms.tsv:1",
    ),
    Case(
        "glossary-empty-cell",
        ("glossary", "validate", "terms.tsv"),
        (("terms.tsv", "zh\ten\ttype\tvariants\tnote\n模型\t\tpreferred\t\t\n".encode()),),
        message="empty 'en' cell",
        where="terms.tsv:2",
    ),
    Case(
        "glossary-unknown-type",
        ("glossary", "validate", "terms.tsv"),
        (("terms.tsv", "zh\ten\ttype\tvariants\tnote\n模型\tmodel\tpreffered\t\t\n".encode()),),
        message="unknown type 'preffered'",
        where="terms.tsv:2",
    ),
    Case(
        "glossary-duplicate-row",
        ("glossary", "validate", "terms.tsv"),
        (
            (
                "terms.tsv",
                "zh\ten\ttype\tvariants\tnote\n模型\tmodel\tpreferred\t\t\n模型\tmodel\tpreferred\t\t\n".encode(),
            ),
        ),
        message="duplicate row: 模型 is already at terms.tsv:2",
        where="terms.tsv:3",
    ),
    Case(
        "glossary-conflicting-row-in-draft",
        ("draft", "article.txt", "--glossary", "terms.tsv"),
        (
            ("article.txt", "今天天气很好。".encode()),
            (
                "terms.tsv",
                "zh\ten\ttype\tvariants\tnote\n模型\tmodel\tpreferred\t\t\n模型\tpattern\tpreferred\t\t\n".encode(),
            ),
        ),
        message="conflicting row: 模型 → 'pattern' (preferred)",
        where="terms.tsv:3",
    ),
    Case(
        "glossary-bom-and-crlf",
        ("glossary", "validate", "terms.tsv"),
        (("terms.tsv", codecs.BOM_UTF8 + "zh\ten\ttype\tvariants\tnote\r\n模型\tmodel\tpreferred\t\t\r\n".encode()),),
        exit_code=0,
        message="1 rows, 1 concepts",
    ),
    Case(
        "glossary-not-utf8",
        ("check", "--glossary", "terms.tsv", "translations"),
        (("terms.tsv", "zh\ten\ttype\tvariants\tnote\n模型\tmodel\tpreferred\t\t\n".encode("gbk")),),
        message="invalid UTF-8 at byte 27",
        where="terms.tsv",
    ),
    Case(
        "glossary-path-missing",
        ("glossary", "export", "--format", "tbx", "--glossary", "nowhere"),
        message="no such glossary file or directory",
        where="nowhere",
    ),
    Case(
        "glossary-export-unknown-format",
        ("glossary", "export", "--format", "xlsx"),
        message="Invalid value for '--format': 'xlsx' is not one of",
    ),
    Case(
        "glossary-import-binary",
        ("glossary", "import", "terms.tbx", "-o", "glossary/imported.tsv"),
        (("terms.tbx", png()),),
        message="invalid UTF-8 at byte 0",
        where="terms.tbx",
    ),
    Case(
        "glossary-import-broken-tbx",
        ("glossary", "import", "terms.tbx", "-o", "glossary/imported.tsv"),
        (("terms.tbx", b"<martif><text><body><termEntry>"),),
        message="not well-formed TBX",
        where="terms.tbx:1",
    ),
    # --- model packages
    Case(
        "model-zip-with-dotdot",
        ("models", "install", "evil.argosmodel"),
        (("evil.argosmodel", zip_of({"pkg/metadata.json": b"{}", "pkg/../../escaped.txt": b"x"})),),
        message="archive member leaves its folder: pkg/../../escaped.txt",
        where="evil.argosmodel",
    ),
    Case(
        "model-zip-with-absolute-path",
        ("models", "install", "evil.argosmodel"),
        (("evil.argosmodel", zip_of({"/tmp/escaped.txt": b"x"})),),
        message="archive member has an absolute path: /tmp/escaped.txt",
        where="evil.argosmodel",
    ),
    Case(
        "model-zip-not-an-argos-package",
        ("models", "install", "photos.argosmodel"),
        (("photos.argosmodel", zip_of({"holiday/beach.png": png()})),),
        message="no holiday/metadata.json",
        where="photos.argosmodel",
    ),
    Case(
        "model-zip-truncated",
        ("models", "install", "model.argosmodel"),
        (("model.argosmodel", PACKAGE[: len(PACKAGE) // 2]),),
        message="not a zip archive or truncated",
        where="model.argosmodel",
    ),
    Case(
        "model-zip-truncated-given-to-draft",
        ("draft", "article.txt", "--model", "model.argosmodel"),
        (("article.txt", "今天天气很好。".encode()), ("model.argosmodel", PACKAGE[:100])),
        message="not a zip archive or truncated",
        where="model.argosmodel",
    ),
    Case(
        "model-install-a-directory",
        ("models", "install", "downloads"),
        (("downloads/readme.txt", b"x"),),
        message="is a directory, not an .argosmodel file",
        where="downloads",
    ),
    Case(
        "model-install-a-named-pipe",
        ("models", "install", "model.argosmodel"),
        (("model.argosmodel", Fifo()),),
        message="not a regular file (a named pipe)",
        where="model.argosmodel",
    ),
    Case(
        "model-index-answers-500",
        ("models", "install", "zh", "en"),
        index="http-500",
        message="the Argos package index answered HTTP 500",
        where="http://127.0.0.1:<port>/index.json",
    ),
    Case(
        "model-index-times-out",
        ("models", "list", "--available", "--timeout", "0.5"),
        index="silent",
        message="cannot reach the Argos package index",
        where="http://127.0.0.1:<port>/index.json",
    ),
    # --- output
    Case(
        "output-under-a-regular-file",
        ("draft", "article.txt", "-o", "blocker/out"),
        (("article.txt", "今天天气很好。".encode()), ("blocker", b"a file, not a directory")),
        message="cannot create the output directory: Not a directory",
        where="blocker/out/en",
    ),
    Case(
        "output-not-writable",
        ("draft", "article.txt"),
        (("article.txt", "今天天气很好。".encode()),),
        message="output directory is not writable",
        where="translations/en",
        locked="translations/en",
    ),
    Case(
        "output-export-under-a-regular-file",
        ("glossary", "export", "--format", "tbx", "-o", "blocker/terms.tbx"),
        (("blocker", b"a file"),),
        message="cannot write here: Not a directory",
        where="blocker",
    ),
    Case(
        "output-export-over-the-glossary",
        ("glossary", "export", "--format", "csv", "-o", "glossary/glossary.tsv"),
        message="is one of this command's inputs",
        where="glossary/glossary.tsv",
    ),
    Case(
        "output-build-is-a-directory",
        ("build", "article.txt"),
        (("article.txt", "今天天气很好。".encode()), ("translations/en/article.txt/keep", b"")),
        message="is a directory, where build writes this source's English document",
        where="translations/en/article.txt",
    ),
    # --- issue 19: holes an adversarial round found (each failed before its fix)
    Case(
        "tm-named-pipe",
        ("draft", "article.txt", "--engine", "none", "--tm", "pipe.tmx"),
        (("article.txt", "今天天气很好。".encode()), ("pipe.tmx", Fifo())),
        message="not a regular file (a named pipe)",
        where="pipe.tmx",
    ),
    Case(
        "tm-tmx-in-gb2312",
        ("draft", "article.txt", "--engine", "none", "--tm", "gb.tmx"),
        (
            ("article.txt", "今天天气很好。我们去北京。".encode()),
            (
                "gb.tmx",
                (
                    '<?xml version="1.0" encoding="GB2312"?><tmx version="1.4"><header srclang="zh-CN"/><body>'
                    '<tu><tuv xml:lang="zh-CN"><seg>我们去北京。</seg></tuv><tuv xml:lang="en"><seg>We go to Beijing.</seg>'
                    "</tuv></tu></body></tmx>"
                ).encode("gb2312"),
            ),
        ),
        exit_code=0,
        message="1 from memory (fuzzy)",
    ),
    Case(
        "tm-tmx-nested-5000-deep",
        ("draft", "article.txt", "--engine", "none", "--tm", "deep.tmx"),
        (
            ("article.txt", "今天天气很好。我们去北京。".encode()),
            (
                "deep.tmx",
                (
                    '<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh"><seg>'
                    + "<hi>" * 5000
                    + "我们去北京。"
                    + "</hi>" * 5000
                    + '</seg></tuv><tuv xml:lang="en"><seg>We go.</seg></tuv></tu></body></tmx>'
                ).encode(),
            ),
        ),
        exit_code=0,
        message="1 from memory (fuzzy)",
    ),
    Case(
        "model-version-not-ascii-digits",
        ("models", "install", "bad.argosmodel"),
        (
            (
                "bad.argosmodel",
                zip_of(
                    {
                        "translate-zh_en/metadata.json": '{"from_code": "zh", "to_code": "en", "package_version": "1.²"}'.encode(),
                        "translate-zh_en/model/model.bin": bytes(range(256)) * 64,
                        "translate-zh_en/sentencepiece.model": bytes(256) * 16,
                    }
                ),
            ),
        ),
        message="unusable package_version",
        where="bad.argosmodel",
    ),
    Case(
        "output-symlink-loop",
        ("draft", "article.txt", "--engine", "none", "-o", "loop"),
        (("article.txt", "今天天气很好。".encode()), ("loop", Link("loop"))),
        message="symbolic link loop",
        where="loop",
    ),
    Case(
        "source-latin-only",
        ("draft", "english.txt", "--engine", "none"),
        (("english.txt", b"The weather is fine today. We go to Beijing."),),
        message="no Chinese text in this source",
        where="english.txt",
    ),
    Case(
        "source-directory-with-a-pipe-and-a-broken-link",
        ("draft", "sources", "--engine", "none"),
        (("sources/a.txt", "今天天气很好。".encode()), ("sources/b.txt", Fifo()), ("sources/c.md", Link("gone.md"))),
        exit_code=0,
        message="skipped sources/b.txt (a named pipe)",
    ),
]


@pytest.mark.parametrize(
    ("case", "index_server"),
    [(case, case.index) for case in CASES],
    ids=[case.name for case in CASES],
    indirect=["index_server"],
)
def test_bad_input(case: Case, index_server: str | None, tmp_path: Path, data_regression) -> None:
    work = tmp_path / "work"
    create(work, case.files)
    (tmp_path / "packages").mkdir()
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    if index_server is not None:
        env["ARGOS_PACKAGE_INDEX"] = index_server
    locked = [work / case.locked] if case.locked is not None else []
    before = file_contents(work)
    for path in locked:
        path.chmod(0o500 if path.is_dir() else 0o000)
    try:
        run = run_toolkit(case.argv, work, env, as_user=case.locked is not None)
    finally:
        for path in locked:
            path.chmod(0o700 if path.is_dir() else 0o600)
    after = file_contents(work)
    stderr = mask(run.stderr, tmp_path)

    assert "Traceback" not in run.stderr
    assert run.returncode == case.exit_code, run.stderr
    assert not [name for name in after if name.endswith(".tmp")], "a temporary file was left behind"
    if case.exit_code == 2:
        lines = stderr.splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith(f"toolkit: error: {case.where}"), stderr
        assert case.message in lines[0]
        assert " — " in lines[0], "the line says what to do"
        assert {name: data for name, data in after.items() if not name.endswith(".lock")} == before
    else:
        assert case.message in run.stdout + stderr
        assert (
            TRANSLATOR_MSGSTR in read_catalog(work / "translations" / "en" / "article.po").find("今天天气很好。").target
        )
    for name in after:
        if name.endswith(".po") and after[name] != before.get(name):
            read_catalog(work / name)
    data_regression.check(
        {
            "returncode": run.returncode,
            "stderr": stderr,
            "stdout_head": [line[:200] for line in mask(run.stdout, tmp_path).splitlines()[:3]],
        }
    )


def test_a_single_10_mb_line_drafts_with_the_model(tiny_model: Path, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_bytes(TEN_MB_LINE)
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = run_toolkit(("draft", "article.txt", "--model", str(tiny_model), "--no-glossary"), tmp_path, env)
    assert (run.returncode, run.stderr) == (0, "")
    assert "2 drafted" in run.stdout
    assert len(read_catalog(tmp_path / "translations" / "en" / "article.po").units) == 2


REAL_PO_FILES = sorted(DATA.glob("debian-zh_CN-*.po"))


@pytest.mark.parametrize("po", REAL_PO_FILES, ids=[po.stem for po in REAL_PO_FILES])
def test_real_english_to_chinese_po_files_are_reported_as_the_wrong_direction(po: Path, tmp_path: Path) -> None:
    (tmp_path / "glossary.tsv").write_bytes(GLOSSARY)
    run = run_toolkit(("check", "--glossary", "glossary.tsv", str(po)), tmp_path, {})
    catalog = polib.pofile(str(po))
    assert run.returncode == 1, run.stderr
    assert run.stdout == (
        f"{po}:1: wrong-direction: translates into Chinese (Language: zh_CN), not from it: entries not checked "
        "(toolkit check reads Chinese→English catalogues)\n"
    )
    assert (
        f"{po}: {len(catalog.translated_entries())} translated, 0 fuzzy, 0 untranslated (not checked: wrong direction)"
        in run.stderr
    )


def test_real_po_files_have_plurals_and_contexts() -> None:
    entries = [entry for po in REAL_PO_FILES for entry in polib.pofile(str(po))]
    assert sum(bool(entry.msgid_plural) for entry in entries) >= 5
    assert sum(entry.msgctxt is not None for entry in entries) >= 5


def test_real_po_file_in_the_output_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("今天天气很好。", encoding="utf-8")
    (tmp_path / "translations" / "en").mkdir(parents=True)
    original = (DATA / "debian-zh_CN-gdk-pixbuf.po").read_bytes()
    (tmp_path / "translations" / "en" / "article.po").write_bytes(original)
    run = run_toolkit(("draft", "article.txt", "--engine", "none"), tmp_path, {})
    assert (run.returncode, run.stderr.count("\n")) == (2, 1)
    assert (
        "article.po:157: an entry with plural forms (msgid_plural): not a catalogue `toolkit draft` wrote" in run.stderr
    )
    assert (tmp_path / "translations" / "en" / "article.po").read_bytes() == original


# --- PO round trip with arbitrary Unicode

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"), max_size=30)


def written_unit(
    msgid: str,
    msgstr: str,
    references: tuple[tuple[str, int], ...],
    notes: tuple[str, ...],
    flags: tuple[str, ...],
    comment: str,
) -> Unit:
    state = State.FUZZY if flags else State.TRANSLATED if msgstr else State.UNTRANSLATED
    return Unit(
        msgid,
        msgstr,
        state,
        notes,
        tuple(comment.split("\n")) if comment else (),
        tuple(f"{path}:{line}" for path, line in references),
    )


ENTRY = st.builds(
    written_unit,
    msgid=TEXT,
    msgstr=TEXT | st.just(""),
    references=st.lists(
        st.tuples(st.from_regex(r"[a-z0-9_.\-]{1,12}\.txt", fullmatch=True), st.integers(1, 10**6)), max_size=3
    ).map(tuple),
    notes=st.lists(LINE.map(str.strip).filter(bool), max_size=3).map(tuple),
    flags=st.sampled_from([(), ("fuzzy",)]),
    comment=st.lists(LINE.map(str.strip).filter(bool), max_size=2).map("\n".join),
)


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(ENTRY, min_size=1, max_size=5, unique_by=lambda unit: unit.source))
def test_writing_then_reading_a_po_file_gives_the_same_entries(tmp_path_factory, entries: list[Unit]) -> None:
    path = tmp_path_factory.mktemp("po") / "round-trip.po"
    catalog = merge(
        None,
        entries,
        project="p",
        source_language="zh_Hans",
        generator="test",
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    write_catalog(path, catalog)
    assert [unit._replace(line=0, first_line=0, origin="") for unit in read_catalog(path).units] == entries


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=64) | st.text(max_size=32).map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_or_give_one_input_error(tmp_path_factory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("source") / "article.txt"
    path.write_bytes(raw)
    try:
        source = read_source(path)
    except InputError as error:
        assert error.where == str(path) and error.hint
    else:
        assert "\x00" not in source.text and "\r" not in source.text


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60))
def test_every_segment_of_any_text_survives_a_po_file(tmp_path_factory, text: str) -> None:
    segments = segment_text(text).segments
    entries = list(
        {
            segment.text: Unit(segment.text, locations=(f"{segment.file}:{segment.line}",)) for segment in segments
        }.values()
    )
    path = tmp_path_factory.mktemp("po") / "article.po"
    write_catalog(
        path,
        merge(
            None,
            entries,
            project="p",
            source_language="zh_Hans",
            generator="test",
            now=datetime(2026, 1, 1, tzinfo=UTC),
        ),
    )
    assert [unit.source for unit in read_catalog(path).units] == [unit.source for unit in entries]
