"""What makes `toolkit check` fast must never change what it finds: the process pool, the compiled glossary
in the cache, the pre-pass that skips rules, and the shortcuts inside the number and date rules.

Each shortcut is compared with the plain way it replaces (a serial run, a fresh glossary load, calling every
rule, `finditer`, reading every value) on real files and on generated text.
"""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import pytest
from helpers import toolkit
from hypothesis import example, given, settings
from hypothesis import strategies as st

from toolkit.check import index, numbers
from toolkit.check.model import Translation
from toolkit.check.runner import check_catalogs, check_entries
from toolkit.check.sets import SourceGroups, inconsistent_translation
from toolkit.check.table import DEFAULT_RULES, RULE_NAMES, RULES
from toolkit.errors import CatalogError
from toolkit.glossary import load_glossary
from toolkit.glossary.match import _fold

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "tests" / "eval" / "check_review.po"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary")


def project(root: Path) -> Path:
    """Several PO files: the held-out review set split over three files, the translations, an en→zh catalogue,
    and one file translating the first file's sources differently (inconsistent-translation across files)."""
    lines = EVAL.read_text(encoding="utf-8").split("\n\n")
    header, entries = lines[0], lines[1:]
    third = len(entries) // 3
    for number, part in enumerate((entries[:third], entries[third : 2 * third], entries[2 * third :])):
        (root / f"review{number}.po").write_text("\n\n".join([header, *part]), encoding="utf-8")
    shutil.copytree(REPO / "translations", root / "translations")
    shutil.copy(REPO / "tests" / "data" / "debian-zh_CN-xdg-user-dirs.po", root / "reverse.po")
    (root / "zz-again.po").write_text(
        header + '\n\nmsgid "该公司计划在未来五年内投资5000亿美元建设人工智能基础设施。"\n'
        'msgstr "It plans to invest."\n',
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize("selected", [DEFAULT_RULES, frozenset(RULE_NAMES)], ids=["default", "all rules"])
def test_a_pool_run_gives_exactly_what_a_serial_run_gives(tmp_path: Path, glossary, selected):
    root = project(tmp_path)
    serial = check_catalogs([root], glossary, include_fuzzy=True, selected=selected, workers=1)
    pooled = check_catalogs([root], glossary, include_fuzzy=True, selected=selected, workers=2)
    assert (serial.workers, pooled.workers) == (1, 2)
    assert len(serial.summaries) == 10 and any(f.rule == "inconsistent-translation" for f in serial.findings)
    assert any(f.rule == "wrong-direction" for f in serial.findings)
    assert pooled.findings == serial.findings
    assert pooled.summaries == serial.summaries


def test_a_malformed_file_stops_a_pool_run_with_the_error_of_a_serial_run(tmp_path: Path):
    root = project(tmp_path)
    (root / "review1.po").write_text('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', encoding="utf-8")
    errors = []
    for workers in (1, 2):
        with pytest.raises(CatalogError) as raised:
            check_catalogs([root], workers=workers)
        errors.append(str(raised.value))
    assert errors[0] == errors[1] and "review1.po" in errors[0]


def test_standard_input_is_read_in_this_process(tmp_path: Path, monkeypatch, glossary):
    import io
    import sys

    root = project(tmp_path)
    data = (root / "review0.po").read_bytes()
    runs = []
    for workers in (1, 2):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        runs.append(check_catalogs(["-", root / "review1.po", root / "review2.po"], glossary, workers=workers))
    assert runs[1].findings == runs[0].findings and runs[1].summaries == runs[0].summaries
    assert runs[1].workers == 1 and any(f.file == "-" for f in runs[0].findings)


def test_one_file_and_a_small_set_stay_in_one_process(tmp_path: Path):
    assert check_catalogs([EVAL]).workers == 1
    assert check_catalogs([EVAL], workers=2).workers == 1  # one file: nothing to share out
    assert check_catalogs([project(tmp_path)]).workers == 1  # well under POOL_MIN_BYTES


# --- the compiled glossary in the cache


def test_the_compiled_glossary_is_read_back_instead_of_loaded(tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache"
    first = index.load_indexed(REPO / "glossary", cache)
    assert len(list(cache.glob("glossary-*.pickle"))) == 1

    def no_load(*args, **kwargs):
        raise AssertionError("loaded again although the compiled glossary is in the cache")

    monkeypatch.setattr(index, "load_glossary", no_load)
    again = index.load_indexed(REPO / "glossary", cache)
    assert again.version == first.version and len(again) == len(first)
    source = "OpenAI宣布了星際之門項目。"
    assert [(m.surface, m.concept.en) for m in again.find(source)] == [
        (m.surface, m.concept.en) for m in first.find(source)
    ]


def test_a_changed_glossary_is_compiled_again(tmp_path: Path):
    tsv = tmp_path / "glossary.tsv"
    tsv.write_text("zh\ten\ttype\tvariants\tnote\n出口管制\texport controls\tpreferred\t\t\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert index.load_indexed(tsv, cache).concepts[0].en == "export controls"
    tsv.write_text("zh\ten\ttype\tvariants\tnote\n出口管制\texport restrictions\tpreferred\t\t\n", encoding="utf-8")
    assert index.load_indexed(tsv, cache).concepts[0].en == "export restrictions"
    assert len(list(cache.glob("glossary-*.pickle"))) == 2


def test_a_damaged_compiled_glossary_is_rebuilt(tmp_path: Path):
    cache = tmp_path / "cache"
    index.load_indexed(REPO / "glossary", cache)
    (compiled,) = cache.glob("glossary-*.pickle")
    compiled.write_bytes(compiled.read_bytes()[:100])
    assert len(index.load_indexed(REPO / "glossary", cache)) == len(load_glossary(REPO / "glossary"))
    assert pickle.loads(compiled.read_bytes()).version == load_glossary(REPO / "glossary").version


def test_an_invalid_glossary_is_refused_and_nothing_is_cached(tmp_path: Path):
    tsv = tmp_path / "glossary.tsv"
    tsv.write_text("zh\ten\ttype\tvariants\tnote\n出口管制\t\tpreferred\t\t\n", encoding="utf-8")
    with pytest.raises(Exception, match="glossary.tsv:2"):
        index.load_indexed(tsv, tmp_path / "cache")
    assert not list(tmp_path.rglob("*.pickle"))


# --- -q and -v


def test_quiet_leaves_only_the_findings_and_verbose_says_what_was_read(tmp_path: Path):
    plain = toolkit("check", str(EVAL), cwd=REPO)
    quiet = toolkit("check", "-q", str(EVAL), cwd=REPO)
    verbose = toolkit("check", "-v", str(EVAL), cwd=REPO)
    assert plain.returncode == quiet.returncode == verbose.returncode == 1
    assert quiet.stdout == plain.stdout == verbose.stdout
    assert quiet.stderr == ""
    assert verbose.stderr.startswith("toolkit: glossary glossary: ")
    assert "toolkit: checked 1 file in 1 process\n" in verbose.stderr
    assert verbose.stderr.endswith(plain.stderr)


# --- the shortcuts inside the rules: each gives what the plain way gives

TEXT = st.text(
    alphabet="0123456789１２第零〇一二两三四五六七八九十百千万亿萬億兩个年月日号號分之点多余"
    " .,-/:%QHJanFebMarDecOctNovSepAugJuly"
    "abcdefghijklmnopqrstuvwxyz thousandmillionbillionfirstsecondthirdtwicehalfbothand",
    max_size=40,
)


def plain_target_values(target: str) -> list[float]:
    """numbers.target_values as it was before it was split into stages: every pattern over the whole text."""
    values: list[float] = []
    for match in numbers._ENGLISH_NUMBER.finditer(target):
        number = float(match.group("number").replace(",", ""))
        groups = match.groupdict()
        if groups["si"]:
            number *= numbers.SI_PREFIXES[groups["si"]]
        elif groups["scale"]:
            number *= numbers.LATIN_SUFFIXES[groups["scale"]]
        if groups["word"]:
            prefix = groups["prefix"]
            number *= numbers.SI_WORD_PREFIXES[prefix] if prefix else numbers.ENGLISH_SCALES[groups["word"]]
        values.append(number)
    values.extend(float(m.group(1)) for m in numbers._QUARTER.finditer(target))
    values.extend(float(year) for year in numbers._YEAR.findall(target))
    words = [match.group().lower() for match in re.finditer(r"[A-Za-z]+", target)]
    run: list[str] = []
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else ""
        if (
            word in numbers.ENGLISH_NUMBERS
            or word in numbers.ENGLISH_SCALES
            or (word in ("a", "an") and following in numbers.ENGLISH_SCALES)
            or (word == "and" and run and following in numbers.ENGLISH_NUMBERS)
        ):
            run.append(word)
            continue
        if run:
            values.extend(numbers._words_value(run))
            run = []
        if word in numbers.ENGLISH_ORDINALS:
            values.append(float(numbers.ENGLISH_ORDINALS[word]))
        elif word in numbers.ENGLISH_IDIOMS:
            values.extend(float(v) for v in numbers.ENGLISH_IDIOMS[word])
    if run:
        values.extend(numbers._words_value(run))
    return values


def plain_target_dates(target: str) -> tuple:
    """numbers.target_dates as it was before it read field by field: every pattern over the whole text."""
    years = {int(y) for y in numbers._YEAR.findall(target)}
    months = {numbers.MONTHS[m.group("month").lower()] for m in numbers._MONTH.finditer(target)}
    pairs = set()
    for match in numbers._MONTH_DAY.finditer(target):
        month, day = match.group("month") or match.group("month2"), match.group("day") or match.group("day2")
        pairs.add((numbers.MONTHS[month.lower()], int(day)))
    for match in numbers._ENGLISH_DATE.finditer(target):
        if match.group("y"):
            years.add(int(match.group("y")))
            months.add(int(match.group("m")))
            pairs.add((int(match.group("m")), int(match.group("d"))))
        else:
            first, second = int(match.group("a")), int(match.group("b"))
            years.add(int(match.group("y2")))
            months.update((first, second))
            pairs.update(((first, second), (second, first)))
    days = {int(d) for d in numbers._DAY.findall(target)}
    days |= {v for w, v in numbers.ENGLISH_ORDINALS.items() if w in target.lower()}
    return years, months, pairs, days


ENGLISH = st.lists(
    st.sampled_from(
        [
            "three",
            "a",
            "an",
            "and",
            "million",
            "hundred",
            "twenty",
            "Q3",
            "H1",
            "FY2025",
            "2025",
            "the",
            "third",
            "twice",
            "half",
            "1,000",
            "12",
            "5bn",
            "4.5",
            "GW",
            "gigawatts",
            "$500",
            "billion",
            "percent",
            "50%",
            "Aug.",
            "August",
            "May",
            "19",
            "19th",
            "2025-08-19",
            "8/19/2025",
            "2025.8.19",
            "of",
            "on",
            "İ",  # lowercases to two characters, one of them an ASCII letter: a word the plain way never sees
            "next",
            "decade",
            ",",
            ".",
            "-",
            "GPT-3.5",
            "H100",
            "December",
            "Dec",
            "Oct.",
            "Nov",
            "Sept",
            "Jan.",
            "Feb",
            "March",
            "June",
            "Third",
            "First",
            "Twice",
            "100K",
            "5k",
            "x",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=500)
@given(ENGLISH | TEXT)
def test_numbers_matches_finds_what_finditer_finds(text: str):
    for pattern in numbers.FIRST_CHARACTERS:
        assert [m.span() for m in numbers.matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=500)
@given(
    ENGLISH | TEXT,
    st.lists(
        st.sampled_from([0.5, 1.0, 2.0, 3.0, 12.0, 19.0, 120.0, 1000.0, 1e6, 2025.0, 4.5e9, 5e9, 5e11]),
        min_size=1,
        max_size=3,
    ),
)
@example("three hundred and twenty", [320.0])
@example("one İ hundred", [100.0])  # İ lowers to i + a dot: lowering the whole text first would split the run
def test_reading_target_values_in_stages_answers_as_reading_them_all(text: str, wanted: list[float]):
    assert numbers.target_values(text) == plain_target_values(text)
    values = numbers.TargetValues(text)
    assert values.contains(tuple(wanted)) == numbers.contains_value(plain_target_values(text), tuple(wanted))


@settings(max_examples=500)
@given(ENGLISH | TEXT)
def test_dates_read_field_by_field_are_the_dates_read_at_once(text: str):
    found = numbers.DatesIn(text)
    assert (found.years, found.months, found.month_days, found.days) == plain_target_dates(text)


SENTENCE = st.text(
    alphabet="0123456789第一二两三十百千万亿年月日号個年代后分之点%：:/.-@ wwW://htps人工智能模型公司ＡＩ，。（）"
    "abcABC上海",
    max_size=30,
)


@settings(max_examples=400)
@given(SENTENCE, SENTENCE)
def test_a_rule_the_pre_pass_skips_has_nothing_to_say(source: str, target: str):
    entry = Translation("a.po", 1, source, target)
    for rule in RULES:
        if rule.scope == "entry" and not rule.glossary and rule.applies is not None and not rule.applies(entry):
            assert list(rule.check(entry, [])) == [], rule.name


GLOSSED = st.lists(
    st.sampled_from(
        [
            "出口管制",
            "星际之门",
            "星際之門",
            "通用人工智能",
            "AGI",
            "DeepSeek-R1",
            "奥特曼",
            "（",
            "）",
            "(",
            ")",
            "的",
            "和",
            "GPT-4",
            "Sam Altman",
        ]
    ),
    max_size=6,
).map("".join)
RENDERED = st.lists(
    st.sampled_from(
        [
            "export controls",
            "export management",
            "Star Gate",
            "Stargate",
            "general AI",
            "artificial general intelligence",
            "AGI",
            "DeepSeek-R1",
            "Deep Seek",
            "Ultraman",
            "Altman",
            "GPT-4",
            "Sam Altman",
            "the",
            "and",
        ]
    ),
    max_size=6,
).map(" ".join)


@settings(max_examples=300)
@given(GLOSSED, RENDERED)
def test_a_glossary_rule_the_pre_pass_skips_has_nothing_to_say(glossary, source: str, target: str):
    entry = Translation("a.po", 1, source, target)
    matches = glossary.find(source)
    for rule in RULES:
        if rule.glossary and not rule.applies(entry, matches):
            assert list(rule.check(entry, matches)) == [], rule.name


def test_check_entries_agrees_with_the_catalogue_run(tmp_path: Path, glossary):
    from toolkit.check.runner import catalog_entries
    from toolkit.storage.po import read_catalog

    entries, _, _ = catalog_entries(read_catalog(EVAL), str(EVAL))
    checked = [e for e in entries if e.msgstr and not e.fuzzy]
    assert check_entries(checked, glossary) == check_catalogs([EVAL], glossary).findings
    assert re.search(r"number-mismatch", " ".join(f.rule for f in check_entries(checked, glossary)))


CHINESE_DATES = st.lists(
    st.sampled_from(
        [
            "2025",
            "1998",
            "8",
            "19",
            "十二",
            "三",
            "年",
            "月",
            "月份",
            "日",
            "号",
            "號",
            " ",
            "-",
            "/",
            ".",
            "4.5",
            "个",
            "第",
            "至",
            "的",
        ]
    ),
    max_size=10,
).map("".join)


@pytest.mark.parametrize(
    "source", ["2025.8.19发布", "于2025/8/19", "2025-08-19", "2025 年 8 月", "5 日", "十二月", "8月19日", "19號"]
)
def test_the_date_test_admits_every_way_of_writing_a_date(source: str):
    assert numbers.parsed_dates(source)[0] and numbers.DATEISH.search(source)


@settings(max_examples=500)
@given(CHINESE_DATES | SENTENCE)
def test_the_date_test_admits_every_source_with_a_date(source: str):
    if numbers.parsed_dates(source)[0] or numbers.parsed_dates(source)[1]:
        assert numbers.DATEISH.search(source)


@settings(max_examples=300)
@given(st.lists(st.tuples(SENTENCE, SENTENCE), max_size=12))
def test_the_markers_remembered_for_the_last_text_are_the_markers_of_each_text(pairs: list[tuple[str, str]]):
    # Alternating texts, equal texts that are other objects, the same object twice: always the pattern's answer.
    for source, other in pairs:
        for text in (source, other, source, "".join([other])):
            assert numbers.dateish(text) == (numbers.DATEISH.search(text) is not None)
            assert numbers.numberish(text) == (numbers.NUMBERISH.search(text) is not None)
        assert _fold(source) == plain_fold(source) and _fold(other) == plain_fold(other)


def plain_fold(text: str) -> str:
    lower = text.lower()
    return (lower if len(lower) == len(text) else text).replace("’", "'")


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["同一句。", " 同一句。", "另一句。", "第三句"]),
            st.sampled_from(["One.", "One. ", "Two.", "one"]),
        ),
        max_size=12,
    ),
    st.lists(st.integers(0, 12), max_size=4),
)
def test_sources_grouped_file_by_file_give_what_all_entries_at_once_give(pairs, cuts: list[int]):
    entries = [
        Translation(f"f{index % 3}.po", index + 1, source, target) for index, (source, target) in enumerate(pairs)
    ]
    groups = SourceGroups()
    previous = 0
    for cut in sorted(cuts) + [len(entries)]:
        groups.add(entries[previous : max(cut, previous)])
        previous = max(cut, previous)
    assert list(inconsistent_translation(groups)) == list(inconsistent_translation(entries))
    assert list(inconsistent_translation(entries)) == plain_inconsistent(entries)


def plain_inconsistent(entries: list[Translation]) -> list[tuple[Translation, str]]:
    """Every entry whose source (spaces around it aside) has another translation (spaces folded), in entry order."""
    found = []
    for entry in entries:
        others: dict[str, Translation] = {}
        for other in entries:
            text = " ".join(other.msgstr.split())
            if other.msgid.strip() == entry.msgid.strip() and text != " ".join(entry.msgstr.split()):
                others.setdefault(text, other)
        if others:
            found.append(
                (
                    entry,
                    "same source translated differently at "
                    + "; ".join(f"{e.file}:{e.line}: {e.msgstr!r}" for e in others.values()),
                )
            )
    return found
