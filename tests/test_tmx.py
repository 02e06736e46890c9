"""TMX (toolkit.storage.tmx): memory from CAT tools is a suggestion unless trusted, and is read whatever its codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.errors import CatalogError, ToolkitError
from toolkit.storage.tmx import read_tmx, render_tmx, written_by_toolkit
from toolkit.storage.units import State, Unit


def tmx(*units: str, header: str = '<header srclang="zh-CN" creationtool="Trados"/>', declaration: str = "") -> str:
    return f'{declaration}<tmx version="1.4">{header}<body>' + "".join(units) + "</body></tmx>"


def tu(
    zh: str, en: str, *, zh_lang: str = "zh-CN", en_lang: str = "en-US", props: str = "", attributes: str = ""
) -> str:
    return (
        f'<tu{attributes}>{props}<tuv xml:lang="{zh_lang}"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="{en_lang}"><seg>{en}</seg></tuv></tu>'
    )


def read(tmp_path: Path, text: str | bytes, **options) -> list[Unit]:
    path = tmp_path / "memory.tmx"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_tmx(path, **options)


def test_an_outside_tmx_without_a_review_marker_is_fuzzy_unless_trusted(tmp_path: Path) -> None:
    text = tmx(tu("天气很好。", "The weather is fine."))
    assert [unit.state for unit in read(tmp_path, text)] == [State.FUZZY]
    assert [unit.state for unit in read(tmp_path, text, trusted=True)] == [State.TRANSLATED]


@pytest.mark.parametrize(
    "prop",
    [
        '<prop type="x-toolkit-status">fuzzy</prop>',
        '<prop type="x-ConfirmationLevel">Draft</prop>',
        '<prop type="x-xtm-status">Not approved</prop>',
        '<prop type="x-Origin">MT</prop>',
        '<prop type="x-origin">NMT</prop>',
    ],
)
def test_a_unit_its_tool_marks_as_unreviewed_stays_fuzzy_even_in_a_trusted_file(tmp_path: Path, prop: str) -> None:
    units = read(tmp_path, tmx(tu("天气很好。", "The weather is fine.", props=prop)), trusted=True)
    assert [unit.state for unit in units] == [State.FUZZY]


def test_a_reviewed_status_keeps_a_trusted_unit_confirmed(tmp_path: Path) -> None:
    prop = '<prop type="x-ConfirmationLevel">ApprovedSignOff</prop>'
    units = read(tmp_path, tmx(tu("天气很好。", "The weather is fine.", props=prop)), trusted=True)
    assert [unit.state for unit in units] == [State.TRANSLATED]


@pytest.mark.parametrize(("zh", "en"), [("zh", "en"), ("zh-Hans-CN", "en-GB"), ("zh_TW", "EN"), ("ZH-HANT", "en-us")])
def test_regional_and_script_language_codes_are_read(tmp_path: Path, zh: str, en: str) -> None:
    units = read(tmp_path, tmx(tu("天气很好。", "The weather is fine.", zh_lang=zh, en_lang=en)))
    assert [(unit.source, unit.target) for unit in units] == [("天气很好。", "The weather is fine.")]


def test_a_language_that_only_begins_with_zh_is_not_chinese(tmp_path: Path) -> None:
    assert read(tmp_path, tmx(tu("Dieng.", "Dieng.", zh_lang="zha"))) == []


def test_either_direction_of_the_file_is_read(tmp_path: Path) -> None:
    reverse = '<tu><tuv xml:lang="en"><seg>Fine.</seg></tuv><tuv xml:lang="zh"><seg>很好。</seg></tuv></tu>'
    assert [(unit.source, unit.target) for unit in read(tmp_path, tmx(reverse))] == [("很好。", "Fine.")]


def test_the_newest_translation_of_a_source_comes_first_and_says_who_changed_it(tmp_path: Path) -> None:
    old = tu("天气很好。", "Nice weather.", attributes=' changedate="20200101T000000Z" changeid="ann"')
    new = tu("天气很好。", "The weather is fine.", attributes=' changedate="20240101T000000Z" changeid="bo"')
    units = read(tmp_path, tmx(old, new))
    assert [unit.target for unit in units] == ["The weather is fine.", "Nice weather."]
    assert units[0].notes == ("changed by: bo", "changed: 20240101T000000Z")


def test_a_tmx_in_gb2312_is_decoded_as_it_declares(tmp_path: Path) -> None:
    text = tmx(tu("天气很好。", "Fine."), declaration='<?xml version="1.0" encoding="GB2312"?>')
    assert [unit.source for unit in read(tmp_path, text.encode("gb2312"))] == ["天气很好。"]


def test_an_unknown_declared_encoding_is_refused_in_one_line(tmp_path: Path) -> None:
    text = tmx(tu("天气。", "Fine."), declaration='<?xml version="1.0" encoding="x-nonsense"?>')
    with pytest.raises(CatalogError, match="unknown encoding"):
        read(tmp_path, text)


def test_deeply_nested_highlighting_is_read_without_exhausting_the_stack(tmp_path: Path) -> None:
    seg = "<hi>" * 5000 + "天气很好。" + "</hi>" * 5000
    units = read(tmp_path, tmx(tu(seg, "Fine.")))
    assert [unit.source for unit in units] == ["天气很好。"]


def test_inline_codes_are_left_out_and_their_tails_kept(tmp_path: Path) -> None:
    seg = '天气<bpt i="1">&lt;b&gt;</bpt>很好<ept i="1">&lt;/b&gt;</ept>。<ph>{1}</ph>'
    assert [unit.source for unit in read(tmp_path, tmx(tu(seg, "Fine.")))] == ["天气很好。"]


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.tmx")
    with pytest.raises(ToolkitError) as refused:
        read_tmx(tmp_path / "pipe.tmx")
    assert "named pipe" in str(refused.value)


def test_what_the_toolkit_writes_says_whether_each_unit_is_confirmed(tmp_path: Path) -> None:
    text = render_tmx([Unit("一。", "One.", State.TRANSLATED), Unit("二。", "Two.", State.FUZZY)])
    assert written_by_toolkit(text.encode())
    assert not written_by_toolkit(tmx(tu("一。", "One.")).encode())
    assert [unit.state for unit in read(tmp_path, text, trusted=True)] == [State.TRANSLATED, State.FUZZY]
    assert [unit.state for unit in read(tmp_path, text)] == [State.FUZZY, State.FUZZY]
