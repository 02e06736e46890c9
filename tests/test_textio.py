"""textio: decoding source documents (UTF-8, GB18030, Big5, UTF-16) and atomic writes."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from toolkit.errors import InputError, OutputError
from toolkit.textio import atomic_write, read_bytes, read_source, text_encoding

SIMPLIFIED = "奥尔特曼的这种担忧，并非空穴来风的臆想，而是基于他对全球版图深刻洞察后的直觉。请记住前面的话。\n"
TRADITIONAL = "這種轉變首先震動了資本市場，導致美國主要公司的股價下跌。對於投資者來說，戰場顯然正在發生變化。\n"


def write(tmp_path: Path, data: bytes, name: str = "source.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_and_without_bom_decodes_to_the_same_text(tmp_path):
    plain = read_source(write(tmp_path, SIMPLIFIED.encode(), "plain.txt"))
    bom = read_source(write(tmp_path, codecs.BOM_UTF8 + SIMPLIFIED.encode(), "bom.txt"))
    assert plain.text == bom.text == SIMPLIFIED
    assert plain.encoding == bom.encoding == "utf-8"


def test_crlf_and_cr_newlines_become_lf(tmp_path):
    source = read_source(write(tmp_path, "第一行\r\n第二行\r第三行\n".encode()))
    assert source.text == "第一行\n第二行\n第三行\n"


def test_gb18030_file_is_detected(tmp_path):
    source = read_source(write(tmp_path, SIMPLIFIED.encode("gb18030")))
    assert (source.text, source.encoding) == (SIMPLIFIED, "gb18030")


def test_big5_file_is_detected(tmp_path):
    source = read_source(write(tmp_path, TRADITIONAL.encode("big5")))
    assert (source.text, source.encoding) == (TRADITIONAL, "big5")


def test_named_encoding_overrides_detection(tmp_path):
    source = read_source(write(tmp_path, TRADITIONAL.encode("big5")), encoding="big5")
    assert (source.text, source.encoding) == (TRADITIONAL, "big5")


def test_utf16_with_bom_is_decoded(tmp_path):
    source = read_source(write(tmp_path, TRADITIONAL.encode("utf-16")))
    assert (source.text, source.encoding) == (TRADITIONAL, "utf-16")


def test_damaged_utf8_gives_the_byte_offset_of_the_damage(tmp_path):
    path = write(tmp_path, "正常的文字".encode() + b"\x80\xff\x80")
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert (
        str(raised.value)
        == f"{path}: invalid UTF-8 at byte offset 15 — convert the file to UTF-8, or name its encoding with --encoding"
    )


def test_bytes_no_candidate_decodes_give_a_byte_offset(tmp_path):
    with pytest.raises(InputError, match=r"undecodable bytes at byte offset 2 \(not UTF-8, GB18030 or Big5\)"):
        read_source(write(tmp_path, b"ok\x80 and more"))


def test_bytes_invalid_in_the_named_encoding_give_the_byte_offset(tmp_path):
    with pytest.raises(InputError, match="cannot decode as utf-8: invalid bytes at byte offset 6"):
        read_source(write(tmp_path, "中文".encode() + "中文".encode("gb18030")), encoding="utf-8")


def test_unknown_encoding_name_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_source(write(tmp_path, b"text"), encoding="klingon")


def test_binary_file_is_rejected_with_the_nul_offset(tmp_path):
    with pytest.raises(InputError, match="binary data: NUL byte at byte offset 3"):
        read_source(write(tmp_path, b"PK\x03\x00\x14"))


def test_missing_file_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_empty_file_is_empty_text(tmp_path):
    assert read_source(write(tmp_path, b"")).text == ""


@given(st.text())
def test_any_utf8_text_reads_back_with_newlines_normalised(text):
    import tempfile

    assume(
        "\x00" not in text and not any(0xD800 <= ord(char) <= 0xDFFF for char in text) and not text.startswith("\ufeff")
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "any.txt"
        path.write_bytes(text.encode("utf-8"))
        assert read_source(path).text == text.replace("\r\n", "\n").replace("\r", "\n")


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.po"
    target.write_text("old")
    atomic_write(target, "新的内容\n")
    assert target.read_text(encoding="utf-8") == "新的内容\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.po"]


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces_and_uses_the_umask_for_new_files(tmp_path):
    existing = tmp_path / "existing.po"
    existing.write_text("old")
    existing.chmod(0o640)
    atomic_write(existing, "new")
    assert existing.stat().st_mode & 0o777 == 0o640
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "fresh.po", "new")
        os.umask(0o027)
        atomic_write(tmp_path / "private.po", "new")
    finally:
        os.umask(umask)
    assert (tmp_path / "fresh.po").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "private.po").stat().st_mode & 0o777 == 0o640


def test_atomic_write_never_changes_the_process_umask(tmp_path, monkeypatch):
    # os.umask is process-wide: toggling it to read it races with every thread creating files meanwhile.
    def forbidden(mask):
        raise AssertionError("atomic_write called os.umask")

    monkeypatch.setattr(os, "umask", forbidden)
    atomic_write(tmp_path / "fresh.po", "new")
    assert (tmp_path / "fresh.po").read_text() == "new"


def test_atomic_write_to_a_missing_directory_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write here"):
        atomic_write(tmp_path / "missing" / "out.po", b"data")


# ---------------------------------------------------------------- encodings: what detection must get exactly right


def test_gb18030_four_byte_sequences_decode_exactly(tmp_path):
    # Emoji and CJK Extension B exist only as GB18030's 4-byte sequences: GBK cannot decode them.
    text = "表情符号😀和扩展B区的字𠀀𪚥都要保留。这是简体中文的句子。\n"
    source = read_source(write(tmp_path, text.encode("gb18030")))
    assert (source.text, source.encoding) == (text, "gb18030")


def test_big5_hkscs_is_decoded_as_big5_hkscs_not_gb18030_mojibake(tmp_path):
    text = "佢哋嘅公司喺香港。我哋都好鍾意呢間餐廳。\n"
    source = read_source(write(tmp_path, text.encode("big5hkscs")))
    assert (source.text, source.encoding) == (text, "big5hkscs")


@pytest.mark.parametrize(
    ("encoding", "shown"),
    [("utf-16-le", "UTF-16-LE"), ("utf-16-be", "UTF-16-BE"), ("utf-32-le", "UTF-32-LE"), ("utf-32-be", "UTF-32-BE")],
)
def test_utf16_and_utf32_without_bom_are_named_with_the_option_that_reads_them(tmp_path, encoding, shown):
    path = write(tmp_path, SIMPLIFIED.encode(encoding))
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert str(raised.value) == (
        f"{path}: looks like {shown} text without a byte-order mark — pass --encoding {encoding}, or save the file as UTF-8"
    )
    assert read_source(path, encoding=encoding).text == SIMPLIFIED


@pytest.mark.parametrize("name", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined"])
def test_codecs_that_are_not_text_encodings_are_refused_before_reading(tmp_path, name):
    with pytest.raises(InputError, match="is not a text encoding"):
        text_encoding(name)
    with pytest.raises(InputError, match="is not a text encoding"):
        read_source(tmp_path / "not-even-read.txt", encoding=name)


def test_unicode_escape_text_with_a_lone_surrogate_is_refused_at_reading(tmp_path):
    path = write(tmp_path, b"fine\nbroken \\ud800 here\n")
    with pytest.raises(InputError, match=r"line 2 holds U\+D800, half of a character"):
        read_source(path, encoding="unicode_escape")


# ---------------------------------------------------------------- reading: regular files only, never a hang


def test_special_files_are_refused_by_what_they_are(tmp_path):
    import socket

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    listening = tmp_path / "socket.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(listening))
        for path, message in (
            (fifo, "not a regular file (a named pipe)"),
            (zero, "not a regular file (a device)"),
            (loop, "symbolic link loop"),
            (listening, "not a regular file (a socket)"),
        ):
            with pytest.raises(InputError) as raised:
                read_bytes(path, noun="PO file")
            assert str(raised.value).startswith(f"{path}: {message} — "), raised.value


def test_a_file_larger_than_the_limit_is_refused(tmp_path):
    path = write(tmp_path, b"x" * 101)
    assert read_bytes(path, limit=101) == b"x" * 101
    with pytest.raises(InputError, match="too large to read"):
        read_bytes(path, limit=100)


# ---------------------------------------------------------------- atomic writes: faults inside the write

OLD = "旧的译文，译者三周的工作。\n".encode() * 1000


def run_child(code: str, target: Path) -> int:
    """Run `code` in a fresh interpreter with `target` as sys.argv[1]; its exit status (negative: killed by that signal)."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code, str(target)], timeout=120).returncode


@pytest.mark.parametrize("fault", ["os.write", "os.fsync", "os.replace"])
def test_a_process_killed_inside_the_write_leaves_the_old_file_byte_identical(tmp_path, fault):
    # The child SIGKILLs itself from inside atomic_write: after part of a 64 MB payload is written, before the
    # data is synced, or as the rename starts. A plain truncate-and-write has already destroyed the old file by then.
    target = tmp_path / "article.po"
    target.write_bytes(OLD)
    code = f"""
import os, signal, sys
from toolkit import textio
real = {fault}
calls = []
def fault(*args):
    calls.append(args)
    if {fault == "os.write"} and len(calls) == 1:
        real(*args)  # part of the payload is on disk
    os.kill(os.getpid(), signal.SIGKILL)
{fault} = fault
textio.atomic_write(sys.argv[1], b"new text " * (64 << 20 // 9))
"""
    assert run_child(code, target) == -9
    assert target.read_bytes() == OLD


def test_a_full_disk_leaves_the_old_file_and_says_the_disk_is_full(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "article.po"
    target.write_bytes(OLD)
    real = os.write
    calls = []

    def disk_fills_up(descriptor, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(descriptor, data[: len(data) // 2])

    monkeypatch.setattr(os, "write", disk_fills_up)
    with pytest.raises(OutputError) as raised:
        atomic_write(target, b"new text " * 100_000)
    assert "the disk is full" in str(raised.value)
    assert target.read_bytes() == OLD
    assert [path.name for path in tmp_path.iterdir()] == ["article.po"]


def test_a_real_full_tmpfs_leaves_the_old_file_byte_identical(tmp_path):
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root); the injected ENOSPC test covers the rest")
    try:
        target = mount / "article.po"
        target.write_bytes(OLD[:30_000])
        with pytest.raises(OutputError, match="the disk is full"):
            atomic_write(target, OLD * 2)
        assert target.read_bytes() == OLD[:30_000]
        assert [path.name for path in mount.iterdir()] == ["article.po"]
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_ctrl_c_inside_the_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "article.po"
    target.write_bytes(OLD)

    def interrupted(descriptor, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == OLD
    assert [path.name for path in tmp_path.iterdir()] == ["article.po"]
