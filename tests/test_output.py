"""The one rule of every writing command (toolkit.storage.output): not over an input, not over a stranger's file."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import OutputError
from toolkit.storage.output import check_output, write_output


def ours(data: bytes) -> bool:
    return data.startswith(b"OURS")


def test_a_new_file_is_written(tmp_path: Path) -> None:
    write_output(tmp_path / "new.txt", "OURS 1", ours=ours)
    assert (tmp_path / "new.txt").read_text() == "OURS 1"


def test_an_input_is_never_written_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    source.write_text("The translation.")
    for force in (False, True):
        with pytest.raises(OutputError, match="one of this command's inputs"):
            write_output(tmp_path / "." / "en.txt", "OURS", inputs=[source], ours=ours, force=force)
    assert source.read_text() == "The translation."


def test_an_input_reached_through_a_link_is_never_written(tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    source.write_text("The translation.")
    (tmp_path / "link.txt").symlink_to(source)
    with pytest.raises(OutputError, match="inputs"):
        write_output(tmp_path / "link.txt", "OURS", inputs=[source], force=True)
    assert source.read_text() == "The translation."


def test_a_file_of_another_kind_is_refused_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    target = tmp_path / "zh.po"
    target.write_text('msgid "今天"\nmsgstr "Today"\n')
    with pytest.raises(OutputError, match="not an earlier output") as refused:
        write_output(target, "OURS", ours=ours)
    assert "--force" in str(refused.value)
    assert target.read_text().startswith("msgid")
    write_output(target, "OURS", ours=ours, force=True)
    assert target.read_text() == "OURS"


def test_an_earlier_output_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "memory.tmx"
    target.write_text("OURS old")
    write_output(target, "OURS new", ours=ours)
    assert target.read_text() == "OURS new"


def test_a_file_that_would_not_change_passes_without_a_signature(tmp_path: Path) -> None:
    target = tmp_path / "article.txt"
    target.write_text("Same text.")
    write_output(target, "Same text.")
    assert target.read_text() == "Same text."


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.tmx").write_text("OURS old")
    (tmp_path / "link.tmx").symlink_to("real.tmx")
    write_output(tmp_path / "link.tmx", "OURS new", ours=ours)
    assert (tmp_path / "link.tmx").is_symlink()
    assert (tmp_path / "real.tmx").read_text() == "OURS new"


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_a_broken_link_is_refused(tmp_path: Path, kind: str) -> None:
    link = tmp_path / "out.tmx"
    link.symlink_to("nowhere.tmx" if kind == "dangling" else "out.tmx")
    with pytest.raises(OutputError, match="link"):
        check_output(link, force=True)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        check_output(tmp_path, force=True)


def test_dash_is_standard_output(tmp_path: Path, capfdbinary) -> None:
    assert check_output("-", inputs=["-"]) is None
    write_output("-", "中文 text\n")
    assert capfdbinary.readouterr().out == "中文 text\n".encode()
    assert not (tmp_path / "-").exists()
