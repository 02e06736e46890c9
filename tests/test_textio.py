"""textio: decoding source documents (UTF-8, GB18030, Big5, UTF-16) and atomic writes."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from toolkit.errors import InputError, OutputError
from toolkit.textio import atomic_write, read_source

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
    assert str(raised.value) == f"{path}: invalid UTF-8 at byte offset 15 — convert the file to UTF-8, or name its encoding with --encoding"


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

    assume("\x00" not in text and not any(0xD800 <= ord(char) <= 0xDFFF for char in text) and not text.startswith("\ufeff"))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "any.txt"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
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
    finally:
        os.umask(umask)
    assert (tmp_path / "fresh.po").stat().st_mode & 0o777 == 0o644


def test_atomic_write_to_a_missing_directory_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write here"):
        atomic_write(tmp_path / "missing" / "out.po", b"data")
