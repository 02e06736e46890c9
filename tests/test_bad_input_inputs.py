"""The bad-input catalogue, inputs and models (issue 10): special files, misleading encodings, codecs that are
not text encodings, damaged model packages, a build over its own source.

Same contract as tests/test_bad_input.py: exit code, one stderr line `toolkit: error: <where>: <what> — <what to do>`,
every file byte-identical afterwards, no temporary file left. Special files must be refused at once: each run has
a 20-second timeout (a hang fails the test; the measured time is not asserted).
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PACKAGE, TRANSLATOR_MSGSTR, Case, Fifo, Link, create, file_contents, mask, run_toolkit, zip_of

from toolkit.storage.po import read_catalog

SPECIAL_FILE_TIMEOUT = 20.0
PO = "translations/en/article.po"
TEXT = "今天天气很好。我们去北京。\n"
METADATA = b'{"from_code": "zh", "to_code": "en", "package_version": "1.0"}'


def package(**members: bytes) -> bytes:
    """An .argosmodel with the usual members, some replaced or added (keys are paths inside translate-zh_en/)."""
    files = {
        "metadata.json": METADATA,
        "model/model.bin": bytes(range(256)) * 64,
        "sentencepiece.model": bytes(256) * 16,
    }
    files.update(members)
    return zip_of({f"translate-zh_en/{name}": data for name, data in files.items()})


def with_member_header(archive: bytes, *, flags: int | None = None, method: int | None = None) -> bytes:
    """`archive` with every member's general-purpose flags or compression method overwritten, in local and central headers."""
    data = bytearray(archive)
    for signature, flags_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = data.find(signature)
        while start != -1:
            if flags is not None:
                struct.pack_into("<H", data, start + flags_at, flags)
            if method is not None:
                struct.pack_into("<H", data, start + method_at, method)
            start = data.find(signature, start + 4)
    return bytes(data)


NOT_TEXT_CODECS = ("rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined")

CASES = [
    # --- special files: refused by what they are, at once
    Case(
        "check-a-named-pipe",
        ("check", "--glossary", "glossary", "waiting.po"),
        (("waiting.po", Fifo()),),
        message="not a regular file (a named pipe)",
        where="waiting.po",
    ),
    Case(
        "check-a-link-to-dev-zero",
        ("check", "--glossary", "glossary", "endless.po"),
        (("endless.po", Link("/dev/zero")),),
        message="not a regular file (a device)",
        where="endless.po",
    ),
    Case(
        "check-a-symlink-loop",
        ("check", "--glossary", "glossary", "loop.po"),
        (("loop.po", Link("loop.po")),),
        message="symbolic link loop",
        where="loop.po",
    ),
    Case(
        "segment-a-link-to-dev-zero",
        ("segment", "article.txt"),
        (("article.txt", Link("/dev/zero")),),
        message="not a regular file (a device)",
        where="article.txt",
    ),
    Case(
        "draft-a-link-to-dev-zero",
        ("draft", "article.txt"),
        (("article.txt", Link("/dev/zero")),),
        message="not a regular file",
        where="article.txt",
    ),
    Case(
        "draft-a-po-target-that-is-a-named-pipe",
        ("draft", "article.txt", "-o", "out"),
        (("article.txt", TEXT.encode()), ("out/en/article.po", Fifo())),
        message="not a regular file (a named pipe)",
        where="out/en/article.po",
    ),
    # --- encodings: what the bytes probably are, and the option that reads them
    Case(
        "source-utf16-le-without-bom",
        ("draft", "article.txt"),
        (("article.txt", TEXT.encode("utf-16-le")),),
        message="looks like UTF-16-LE text without a byte-order mark — pass --encoding utf-16-le",
        where="article.txt",
    ),
    Case(
        "source-utf32-be-without-bom",
        ("segment", "article.txt"),
        (("article.txt", TEXT.encode("utf-32-be")),),
        message="looks like UTF-32-BE text without a byte-order mark — pass --encoding utf-32-be",
        where="article.txt",
    ),
    Case(
        "source-utf16-le-named",
        ("segment", "--encoding", "utf-16-le", "article.txt"),
        (("article.txt", TEXT.encode("utf-16-le")),),
        exit_code=0,
        message='"text": "我们去北京。"',
    ),
    Case(
        "source-big5-hkscs",
        ("segment", "article.txt"),
        (("article.txt", "佢哋嘅公司喺香港。我哋都好鍾意。\n".encode("big5hkscs")),),
        exit_code=0,
        message='"text": "佢哋嘅公司喺香港。"',
    ),
    *[
        Case(
            f"encoding-{name}-is-not-a-text-encoding",
            ("draft", "article.txt", "--encoding", name, "-o", "fresh"),
            (("article.txt", TEXT.encode()),),
            message=f"'{name}' is not a text encoding",
            where="--encoding",
        )
        for name in NOT_TEXT_CODECS
    ],
    Case(
        "encoding-unicode-escape-making-half-a-character",
        ("draft", "article.txt", "--encoding", "unicode_escape"),
        (("article.txt", b"fine\nbroken \\ud800 here\n"),),
        message="decoded as unicode-escape, line 2 holds U+D800, half of a character",
        where="article.txt",
    ),
    # --- model packages
    Case(
        "model-encrypted",
        ("models", "install", "model.argosmodel"),
        (("model.argosmodel", with_member_header(PACKAGE, flags=0x1)),),
        message="archive member is encrypted: translate-zh_en/metadata.json",
        where="model.argosmodel",
    ),
    Case(
        "model-deflate64",
        ("models", "install", "model.argosmodel"),
        (("model.argosmodel", with_member_header(PACKAGE, method=9)),),
        message="archive member uses compression method 9",
        where="model.argosmodel",
    ),
    Case(
        "model-deflate64-given-to-draft",
        ("draft", "article.txt", "--model", "model.argosmodel"),
        (("article.txt", TEXT.encode()), ("model.argosmodel", with_member_header(PACKAGE, method=9))),
        message="archive member uses compression method 9",
        where="model.argosmodel",
    ),
    Case(
        "model-deeply-nested-metadata",
        ("models", "install", "model.argosmodel"),
        (("model.argosmodel", package(**{"metadata.json": b"[" * 200_000 + b"]" * 200_000})),),
        message="metadata.json is nested too deeply to read",
        where="model.argosmodel",
    ),
    Case(
        "model-garbage-vocabulary",
        ("models", "install", "model.argosmodel"),
        (("model.argosmodel", package(**{"model/shared_vocabulary.json": b"\x89PNG garbage"})),),
        message="model/shared_vocabulary.json is not valid JSON",
        where="model.argosmodel",
    ),
    Case(
        "model-vocabulary-not-a-list",
        ("draft", "article.txt", "--model", "model.argosmodel"),
        (
            ("article.txt", TEXT.encode()),
            ("model.argosmodel", package(**{"model/shared_vocabulary.json": b'{"a": 1}'})),
        ),
        message="model/shared_vocabulary.json is not a list of tokens",
        where="model.argosmodel",
    ),
    Case(
        "model-folder-name-with-a-newline",
        ("models", "install", "model.argosmodel"),
        (
            (
                "model.argosmodel",
                zip_of(
                    {
                        f"evil\nname/{name}": data
                        for name, data in (
                            ("metadata.json", METADATA),
                            ("model/model.bin", b"x" * 4096),
                            ("sentencepiece.model", b"x" * 4096),
                        )
                    }
                ),
            ),
        ),
        message="archive member has an unusable name",
        where="model.argosmodel",
    ),
    # --- paths
    Case(
        "build-over-its-own-source",
        ("build", "translations/en/article.txt", "-o", "translations"),
        (("translations/en/article.txt", "今天天气很好。\n".encode()),),
        message="is in the output directory",
        where="translations/en/article.txt",
    ),
    Case(
        "draft-an-empty-source-path",
        ("draft", ""),
        (("article.txt", TEXT.encode()),),
        message="an empty source path",
        where="''",
    ),
    Case(
        "draft-into-an-empty-output-path",
        ("draft", "article.txt", "-o", ""),
        (("article.txt", TEXT.encode()),),
        message="an empty output directory",
        where="-o ''",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    create(work, case.files)
    (tmp_path / "packages").mkdir()
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "packages"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    before = file_contents(work)
    run = run_toolkit(case.argv, work, env, timeout=SPECIAL_FILE_TIMEOUT)
    after = file_contents(work)
    stderr = mask(run.stderr, tmp_path)

    assert "Traceback" not in run.stderr
    assert run.returncode == case.exit_code, run.stderr
    assert not [name for name in after if name.endswith(".tmp")], "a temporary file was left behind"
    assert list((tmp_path / "packages").iterdir()) == []
    if case.exit_code == 2:
        lines = [line for line in stderr.splitlines() if not line.startswith("toolkit: note: ")]
        assert len(lines) == 1, stderr
        assert lines[0].startswith(f"toolkit: error: {case.where}: "), stderr
        assert case.message in lines[0], stderr
        assert " — " in lines[0], "the line says what to do"
        assert {name: data for name, data in after.items() if not name.endswith(".lock")} == before
        cache = tmp_path / "cache" / "toolkit" / "packages"
        assert not cache.exists() or list(cache.iterdir()) == [], "a failed unpack left something in the cache"
    else:
        assert case.message in run.stdout + stderr
        assert after == before


def test_models_list_names_a_folder_with_a_newline_on_one_line(tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    good, evil = packages / "translate-zh_en", packages / "evil\nname"
    for folder in (good, evil):
        (folder / "model").mkdir(parents=True)
        (folder / "metadata.json").write_bytes(METADATA)
    run = run_toolkit(("models", "list"), tmp_path, {"ARGOS_PACKAGES_DIR": str(packages)})
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"translate-zh_en\tzh→en\t1.0\t{good}\n"
    assert run.stderr == (
        f"toolkit: warning: {ascii(str(evil))}: package folder name 'evil\\nname' holds a control character (a newline?)"
        " — rename or remove that folder\n"
    )


def test_models_list_survives_an_installed_package_with_deeply_nested_metadata(tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    (packages / "deep").mkdir(parents=True)
    (packages / "deep" / "metadata.json").write_bytes(b"[" * 200_000)
    run = run_toolkit(("models", "list"), tmp_path, {"ARGOS_PACKAGES_DIR": str(packages)})
    assert run.returncode == 0, run.stderr
    assert (
        run.stderr
        == f"toolkit: warning: {packages / 'deep'}: metadata.json is nested too deeply to read — reinstall the package\n"
    )


def test_a_full_disk_is_named_and_the_translators_po_file_is_untouched(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(small)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs needs root (CI runs as root); tests/test_textio.py injects ENOSPC for everyone")
    try:
        create(small, ())
        sentences = "".join(f"这是第{number}句话，它和别的句子都不一样。\n" for number in range(400))
        (small / "article.txt").write_text("今天天气很好。\n" + sentences, encoding="utf-8")
        (small / "translations" / "en" / ".keep").write_bytes(b"")
        disk = os.statvfs(small)
        (small / "filler").write_bytes(b"\0" * (disk.f_bavail * disk.f_frsize - 12 * 1024))
        before = file_contents(small)
        run = run_toolkit(("draft", "article.txt", "--engine", "none"), small, {})
        assert run.returncode == 2, run.stderr
        [line] = run.stderr.splitlines()
        assert line.startswith(
            "toolkit: error: translations/en/article.po: cannot write file: No space left on device — the disk is full"
        ), line
        after = file_contents(small)
        assert {name: data for name, data in after.items() if not name.endswith(".lock")} == before
        assert TRANSLATOR_MSGSTR in read_catalog(small / PO).find("今天天气很好。").target
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_language_pair_reads_an_archive_or_a_folder_without_unpacking(tmp_path: Path) -> None:
    from toolkit.packages import language_pair, unpack_archive

    archive = tmp_path / "fr.argosmodel"
    archive.write_bytes(package(**{"metadata.json": json.dumps({"from_code": "zh", "to_code": "fr"}).encode()}))
    assert language_pair(archive) == ("zh", "fr")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fr.argosmodel"]
    folder = unpack_archive(archive, tmp_path / "packages").path
    assert language_pair(folder) == ("zh", "fr")


def test_a_killed_unpack_leaves_a_folder_the_next_unpack_removes(tmp_path: Path) -> None:
    from toolkit.packages import unpack_archive

    archive = tmp_path / "model.argosmodel"
    archive.write_bytes(PACKAGE)
    packages = tmp_path / "packages"
    packages.mkdir()
    code = (
        "import os, signal, sys, zipfile\n"
        "from toolkit.packages import unpack_archive\n"
        "zipfile.ZipFile.extractall = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)\n"
        "unpack_archive(sys.argv[1], sys.argv[2])\n"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(archive), str(packages)], timeout=120)
    assert killed.returncode == -9
    [leftover] = [path for path in tmp_path.iterdir() if path.name.startswith(".toolkit-unpack-")]
    unpack_archive(archive, packages)
    assert not leftover.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["model.argosmodel", "packages"]
    assert [path.name for path in packages.iterdir()] == ["translate-zh_en"]


def test_a_running_unpack_keeps_its_folder(tmp_path: Path) -> None:
    from toolkit.packages import remove_leftovers

    mine = tmp_path / f".toolkit-unpack-{os.getpid()}-abcd"
    gone = tmp_path / ".toolkit-unpack-999999999-abcd"
    for folder in (mine, gone):
        folder.mkdir()
    assert remove_leftovers(tmp_path) == [gone]
    assert mine.exists()
