"""Translation memory: exact reuse (in either script), fuzzy matches at ≥ 75 %, the index, the fast PO reader."""

from __future__ import annotations

import glob
import math
from pathlib import Path

import polib
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from toolkit.errors import CatalogError
from toolkit.memory import (
    FUZZY_THRESHOLD,
    Memory,
    _BigramIndex,
    memory_files,
    read_units,
    required_overlap,
    to_simplified,
    units_of,
)
from toolkit.storage.po import read_catalog
from toolkit.storage.units import Catalog, Direction, State, Unit, direction

ROOT = Path(__file__).resolve().parent.parent


def same(texts):
    """No script normalisation: the text as written."""
    return list(texts)


def unit(source: str, target: str = "x", confirmed: bool = True, origin: str = "a.po") -> Unit:
    return Unit(source, target, State.TRANSLATED if confirmed else State.FUZZY, origin=origin)


def pairs(units) -> list[tuple[str, str, bool]]:
    return [(u.source, u.target, u.translated) for u in units]


def polib_memory(path) -> list[tuple[str, str, bool]]:
    """The memory of a PO file as polib (the reference reader) reads it: translated, non-plural entries, obsolete too."""
    catalog = polib.pofile(str(path))
    units = [
        Unit(e.msgid, e.msgstr, State.FUZZY if "fuzzy" in e.flags else State.TRANSLATED, obsolete=e.obsolete)
        for e in catalog
        if e.msgid and e.msgstr and not e.msgid_plural
    ]
    live = [Unit(e.msgid, e.msgstr) for e in catalog if not e.obsolete and e.msgid]
    if direction(catalog.metadata, live).direction is Direction.REVERSE:
        units = [u._replace(source=u.target, target=u.source) for u in units]
    return pairs(units)


def test_exact_confirmed_translation_is_reused_as_is() -> None:
    match = Memory([unit("我们去北京。", "We go to Beijing.")]).lookup("我们去北京。")
    assert match is not None and match.exact and not match.other_script and match.unit.target == "We go to Beijing."


def test_fuzzy_entry_with_the_same_source_is_only_a_fuzzy_match() -> None:
    match = Memory([unit("我们去北京。", "We go to Beijing.", confirmed=False)]).lookup("我们去北京。")
    assert match is not None and match.score == 100.0 and not match.exact


def test_confirmed_translation_wins_over_a_fuzzy_one_for_the_same_source() -> None:
    memory = Memory(
        [unit("一。", "draft", confirmed=False), unit("一。", "human"), unit("一。", "draft 2", confirmed=False)]
    )
    assert memory.lookup("一。").unit.target == "human"


def test_traditional_sentence_finds_its_simplified_twin_as_an_exact_match() -> None:
    memory = Memory([unit("这个模型的训练数据来自网络。", "The model's training data comes from the web.")])
    match = memory.lookup("這個模型的訓練數據來自網絡。")
    assert match is not None and match.exact and match.other_script
    assert match.unit.target == "The model's training data comes from the web."


def test_simplified_sentence_finds_its_traditional_twin_as_an_exact_match() -> None:
    match = Memory([unit("這個模型的訓練數據來自網絡。", "From the web.")]).lookup("这个模型的训练数据来自网络。")
    assert match is not None and match.exact and match.other_script


def test_a_fuzzy_twin_in_the_other_script_stays_a_fuzzy_match() -> None:
    match = Memory([unit("這個模型。", "Draft.", confirmed=False)]).lookup("这个模型。")
    assert match is not None and match.score == 100.0 and not match.exact


def test_near_match_carries_its_score() -> None:
    match = Memory([unit("我们明天去北京开会。", "Tomorrow we go to Beijing for a meeting.")]).lookup(
        "我们明天去上海开会。"
    )
    assert match is not None and not match.exact
    assert match.score == pytest.approx(80.0)


def test_below_threshold_is_no_match() -> None:
    assert Memory([unit("我们明天去北京开会。")]).lookup("他们昨天在上海吃饭。") is None


@pytest.mark.parametrize("index_from", [0, 10**9], ids=["index", "scan"])
def test_the_threshold_is_exactly_75_percent(index_from: int) -> None:
    # ratio = 200·common/(a+b): 8 vs 8 characters with 6 in common scores exactly 75, with 5 in common 62.5;
    # 10 vs 10 with 9 in common scores 90.
    memory = Memory(
        [unit("甲乙丙丁戊己庚辛", "75"), unit("子丑寅卯辰巳午未申酉", "90")], normalise=same, index_from=index_from
    )
    assert memory.lookup("甲乙丙丁戊己一二").score == 75.0
    assert memory.lookup("甲乙丙丁戊一二三") is None
    assert memory.lookup("子丑寅卯辰巳午未申一").score == 90.0
    assert FUZZY_THRESHOLD == 75.0


@pytest.mark.parametrize("index_from", [10**9, 0], ids=["scan", "index"])
def test_a_match_just_under_the_threshold_is_not_offered_and_one_at_it_is(index_from: int) -> None:
    # 27 vs 27 characters: 20 in common scores 200·20/54 = 74.07 %, 21 in common 77.8 %; a threshold of 74.07 takes it.
    known = "".join(chr(0x4E00 + n) for n in range(27))
    under = known[:20] + "".join(chr(0x5000 + n) for n in range(7))
    over = known[:21] + "".join(chr(0x5000 + n) for n in range(6))
    memory = Memory([unit(known, "known")], normalise=same, index_from=index_from)
    assert round(fuzz.ratio(known, under), 2) == 74.07
    assert memory.lookup(under) is None
    assert memory.lookup(over).score == 77.8
    lowered = Memory([unit(known, "known")], threshold=74.0, normalise=same, index_from=index_from)
    assert lowered.lookup(under).score == 74.1


def test_a_threshold_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValueError):
        Memory([], threshold=0)


def test_empty_memory_finds_nothing() -> None:
    assert Memory([]).lookup("一。") is None


def test_units_come_from_translated_entries_including_obsolete_ones() -> None:
    catalog = Catalog(
        (
            Unit("一。", "One.", State.TRANSLATED),
            Unit("二。", "Two.", State.FUZZY),
            Unit("三。"),
            Unit("四。", "Four.", State.TRANSLATED, obsolete=True),
        )
    )
    units = units_of(catalog)
    assert [(u.source, u.translated) for u in units] == [("一。", True), ("二。", False), ("四。", True)]


def test_catalogue_translated_into_chinese_is_read_in_reverse_and_keeps_fuzzy_unconfirmed(tmp_path: Path) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Open file", msgstr="打开文件"))
    catalog.append(polib.POEntry(msgid="Close file", msgstr="关闭文件", flags=["fuzzy"]))
    catalog.save(str(tmp_path / "zh_CN.po"))
    for units in (units_of(read_catalog(tmp_path / "zh_CN.po")), read_units(tmp_path / "zh_CN.po")):
        assert [(u.source, u.target, u.translated) for u in units] == [
            ("打开文件", "Open file", True),
            ("关闭文件", "Close file", False),
        ]


def test_memory_of_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such translation memory"):
        memory_files(tmp_path / "missing.po")


def test_to_simplified_converts_traditional_script() -> None:
    assert to_simplified(["這個模型", "这个模型", "plain"]) == ["这个模型", "这个模型", "plain"]


# --- the index: every unit scoring ≥ the threshold is a candidate, so the index answers what a full scan answers


def brute_force(sources: list[str], query: str) -> tuple[str, float] | None:
    """The best unit by a scan of every unit: highest ratio ≥ threshold, then shortest, then first met."""
    scored = [(fuzz.ratio(query, source), -len(source), -n, source) for n, source in enumerate(dict.fromkeys(sources))]
    scored = [item for item in scored if item[0] >= FUZZY_THRESHOLD]
    if not scored:
        return None
    score, _, _, source = max(scored)
    return source, round(score, 1)


ALPHABETS = st.sampled_from(["ab", "abc", "我们去北京上海开会明天。的人"])


@st.composite
def memory_and_query(draw):
    alphabet = draw(ALPHABETS)
    text = st.text(alphabet=alphabet, min_size=1, max_size=30)
    sources = draw(st.lists(text, min_size=1, max_size=40))
    if draw(st.booleans()):  # one character of a unit changed: the near match an index must not miss
        base = draw(st.sampled_from(sources))
        at = draw(st.integers(0, len(base) - 1))
        query = base[:at] + draw(st.sampled_from(alphabet)) + base[at + 1 :]
    else:
        query = draw(text)
    return sources, query


@pytest.mark.parametrize("dense_from", [0.0, 8.0, 1e9], ids=["sorted", "mixed", "bincount"])
@settings(max_examples=300, deadline=None)
@given(case=memory_and_query())
def test_index_finds_what_a_full_scan_finds(dense_from: float, case) -> None:
    sources, query = case
    assume(query not in sources)
    memory = Memory([unit(source) for source in sources], normalise=same, index_from=0)
    memory._index = _BigramIndex(memory._sources, dense_from=dense_from)
    match = memory.lookup(query)
    found = (match.unit.source, match.score) if match is not None else None
    assert found == brute_force(sources, query)


@settings(max_examples=300, deadline=None)
@given(a=st.integers(1, 120), data=st.data())
def test_required_overlap_is_a_lower_bound(a: int, data) -> None:
    # Two strings whose only common characters are a common subsequence of `common` distinct characters, spread
    # at random among characters of their own: the fewest shared bigrams for that ratio.
    b = data.draw(st.integers(math.ceil(a * 0.6), math.floor(a / 0.6)))
    common = data.draw(st.integers(math.ceil(FUZZY_THRESHOLD * (a + b) / 200), min(a, b)))
    rng = data.draw(st.randoms(use_true_random=False))
    shared = [chr(0x4E00 + n) for n in range(common)]

    def spread(length: int, own: int) -> str:
        slots = sorted(rng.sample(range(length), common))
        chars = [chr(own + n) for n in range(length)]
        for slot, char in zip(slots, shared):
            chars[slot] = char
        return "".join(chars)

    left, right = spread(a, 0x5E00), spread(b, 0x6E00)
    assert fuzz.ratio(left, right) >= FUZZY_THRESHOLD
    bigrams = {left[i : i + 2] for i in range(a - 1)} & {right[i : i + 2] for i in range(b - 1)}
    assert len(bigrams) >= required_overlap(a, b, FUZZY_THRESHOLD)


def test_a_large_memory_finds_every_one_character_change() -> None:
    units = [unit(f"第{n}条新闻说我们明天去北京开会。", f"News {n}.") for n in range(5000)]
    memory = Memory(units, normalise=same)
    for n in (0, 17, 4321, 4999):
        match = memory.lookup(f"第{n}条新闻说我们明天去上海开会。")
        assert match is not None and match.unit.target == f"News {n}." and match.score < 100


# --- the memory's strict PO reader (toolkit.storage.po) reads what polib reads

REAL_PO = sorted({*glob.glob(str(ROOT / "tests/data/*.po")), *glob.glob(str(ROOT / "tests/**/*.po"), recursive=True)})


@pytest.mark.parametrize("path", REAL_PO, ids=[Path(p).name for p in REAL_PO])
def test_memory_reader_reads_real_po_files_as_polib_does(path: str) -> None:
    assert pairs(read_units(path)) == polib_memory(path)


po_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=12)


@settings(max_examples=100, deadline=None)
@given(
    entries=st.lists(
        st.tuples(po_text, po_text, st.booleans(), st.booleans(), st.sampled_from(["", "zh_CN", "en"])), max_size=6
    ),
    wrap=st.sampled_from([0, 20, 78]),
)
def test_memory_reader_reads_what_polib_wrote_as_polib_does(tmp_path_factory, entries, wrap) -> None:
    assume(entries)
    path = tmp_path_factory.mktemp("po") / "memory.po"
    catalog = polib.POFile(wrapwidth=wrap)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": entries[0][4]}
    seen = set()
    for msgid, msgstr, fuzzy, obsolete, _ in entries:
        assume(msgid and msgid not in seen)  # msgid "" would be a second header
        seen.add(msgid)
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], obsolete=obsolete))
    catalog.save(str(path))
    assert pairs(read_units(path)) == polib_memory(path)


def test_memory_reader_skips_plural_entries(tmp_path: Path) -> None:
    path = tmp_path / "plural.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n\n'
        'msgid "天气。"\nmsgstr "Weather."\n',
        encoding="utf-8",
    )
    assert pairs(read_units(path)) == [("天气。", "Weather.", True)]


@pytest.mark.parametrize(
    "body",
    [
        'msgid "天气。"\r\nmsgstr "Weather."\r\n',
        'msgid "天气。" \nmsgstr "Weather."\n',
        'msgid "天\\"气。"\nmsgstr "W\\\\e\\nx"\n',
        '#~ msgid "天气。"\n#~ msgstr "Weather."\n',
        '#, fuzzy, c-format\nmsgid "天气。"\nmsgstr "Weather."\n',
        'msgctxt "x"\nmsgid "天气。"\nmsgstr ""\n"Wea"\n"ther."\n',
    ],
    ids=["crlf", "trailing-space", "escapes", "obsolete", "flags", "context-and-continuation"],
)
def test_memory_reader_agrees_with_polib_on_layouts(tmp_path: Path, body: str) -> None:
    path = tmp_path / "memory.po"
    path.write_bytes(('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body).encode())
    assert pairs(read_units(path)) == polib_memory(path)
    assert read_units(path)
