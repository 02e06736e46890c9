"""Translation memory: exact reuse, fuzzy matches at ≥ 75 %, fuzzy entries only ever as fuzzy."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from toolkit.errors import CatalogError
from toolkit.memory import FUZZY_THRESHOLD, Memory, Unit, load_memory, units_from_catalog


def unit(source: str, target: str = "x", confirmed: bool = True, origin: str = "a.po") -> Unit:
    return Unit(source, target, confirmed, origin)


def test_exact_confirmed_translation_is_reused_as_is() -> None:
    match = Memory([unit("我们去北京。", "We go to Beijing.")]).lookup("我们去北京。")
    assert match is not None and match.exact and match.unit.target == "We go to Beijing."


def test_fuzzy_entry_with_the_same_source_is_only_a_fuzzy_match() -> None:
    match = Memory([unit("我们去北京。", "We go to Beijing.", confirmed=False)]).lookup("我们去北京。")
    assert match is not None and match.score == 100.0 and not match.exact


def test_confirmed_translation_wins_over_a_fuzzy_one_for_the_same_source() -> None:
    memory = Memory([unit("一。", "draft", confirmed=False), unit("一。", "human"), unit("一。", "draft 2", confirmed=False)])
    assert memory.lookup("一。").unit.target == "human"


def test_near_match_carries_its_score() -> None:
    match = Memory([unit("我们明天去北京开会。", "Tomorrow we go to Beijing for a meeting.")]).lookup("我们明天去上海开会。")
    assert match is not None and not match.exact
    assert match.score == pytest.approx(80.0)


def test_below_threshold_is_no_match() -> None:
    assert Memory([unit("我们明天去北京开会。")]).lookup("他们昨天在上海吃饭。") is None


def test_empty_memory_finds_nothing() -> None:
    assert Memory([]).lookup("一。") is None


def test_units_come_from_translated_entries_including_obsolete_ones() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="一。", msgstr="One."))
    catalog.append(polib.POEntry(msgid="二。", msgstr="Two.", flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid="三。", msgstr=""))
    catalog.append(polib.POEntry(msgid="四。", msgstr="Four.", obsolete=True))
    units = units_from_catalog(catalog, "a.po")
    assert [(u.source, u.confirmed) for u in units] == [("一。", True), ("二。", False), ("四。", True)]


def test_catalogue_translated_into_chinese_is_read_in_reverse() -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Language": "zh_CN"}
    catalog.append(polib.POEntry(msgid="Open file", msgstr="打开文件"))
    [reversed_unit] = units_from_catalog(catalog, "zh_CN.po")
    assert (reversed_unit.source, reversed_unit.target) == ("打开文件", "Open file")


def test_load_memory_reads_a_directory_of_po_files(tmp_path: Path) -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="一。", msgstr="One."))
    (tmp_path / "sub").mkdir()
    catalog.save(str(tmp_path / "sub" / "a.po"))
    match = load_memory([tmp_path]).lookup("一。")
    assert match is not None and match.unit.origin == str(tmp_path / "sub" / "a.po")


def test_load_memory_of_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such translation memory"):
        load_memory([tmp_path / "missing.po"])


@settings(max_examples=200, deadline=None)
@given(
    sources=st.lists(st.text(alphabet="我们去北京上海开会明天。", min_size=1, max_size=14), min_size=1, max_size=30),
    query=st.text(alphabet="我们去北京上海开会明天。", min_size=1, max_size=14),
)
def test_length_prefilter_finds_the_same_best_score_as_a_full_scan(sources: list[str], query: str) -> None:
    match = Memory([unit(source) for source in sources]).lookup(query)
    best = max(fuzz.ratio(query, source) for source in sources)
    if best < FUZZY_THRESHOLD:
        assert match is None
    else:
        assert match is not None and match.score == pytest.approx(round(best, 1))


def test_thousands_of_units_are_searched() -> None:
    units = [unit(f"第{n}条新闻说我们明天去北京开会。", f"News {n}.") for n in range(5000)]
    match = Memory(units).lookup("第4321条新闻说我们明天去上海开会。")
    assert match is not None and match.unit.target == "News 4321."
