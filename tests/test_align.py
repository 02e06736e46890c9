"""`toolkit align`: English sentence rules, lexical evidence, the search, the scorer, outputs and the round trip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.align import Settings, align_files, align_sentences, load_dictionary
from toolkit.align.english import RULES
from toolkit.align.lexicon import chinese_features, chinese_number, english_features
from toolkit.align.read import split_english
from toolkit.align.score import format_ids, parse_ids, score
from toolkit.align.write import render_alignment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from align_dev import DEV, SHORT, read_pair  # noqa: E402
from helpers import toolkit  # noqa: E402


def sentences(text: str) -> list[str]:
    return [text[low:high] for low, high in RULES.split(text)]


# --- English sentence rules


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("Mr. Zhao came in. Dr. Li did not.", ["Mr. Zhao came in.", "Dr. Li did not."]),
        ("J. K. Rowling wrote it. It sold well.", ["J. K. Rowling wrote it.", "It sold well."]),
        ("It cost 3.5 yuan. Too much.", ["It cost 3.5 yuan.", "Too much."]),
        ('"Stop!" she cried. Nobody stopped.', ['"Stop!" she cried.', "Nobody stopped."]),
        ('"Come here," he said. "Now!" She came.', ['"Come here," he said.', '"Now!"', "She came."]),
        ("He waited… Then he left.", ["He waited…", "Then he left."]),
        ("He waited... then he left.", ["He waited... then he left."]),
        ("Was it 1919? Yes. In the U.S. it was not.", ["Was it 1919?", "Yes.", "In the U.S. it was not."]),
        (
            "\u201cYou must have been stealing again!\u201d Kong Yiji flushed.",
            ["\u201cYou must have been stealing again!\u201d", "Kong Yiji flushed."],
        ),
    ],
)
def test_english_sentence_rules(paragraph: str, expected: list[str]) -> None:
    assert sentences(paragraph) == expected


def test_english_soft_wrapped_paragraphs_join_and_keep_their_first_line() -> None:
    text = "# Title\n\nThe first sentence is\nwrapped here. The second\nstarts on line three.\n\nA new paragraph.\n"
    assert [(s.text, s.line, s.paragraph) for s in split_english(text)] == [
        ("Title", 1, 1),
        ("The first sentence is wrapped here.", 3, 2),
        ("The second starts on line three.", 4, 2),
        ("A new paragraph.", 7, 3),
    ]


# --- lexical evidence


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.5万", 35_000),
        ("三千二百", 3200),
        ("一九九八", 1998),
        ("十五", 15),
        ("2亿", 200_000_000),
        ("两百", 200),
        ("一千零五", 1005),
    ],
)
def test_chinese_numbers_are_read_with_their_scale(text: str, value: float) -> None:
    assert chinese_number(text) == value


def test_numbers_percentages_names_and_dictionary_words_meet_their_english() -> None:
    dictionary = load_dictionary()
    zh = chinese_features("陈清扬说，1.5亿人里有百分之三十喝酒。", dictionary)
    en = english_features("Chen Qingyang said that 30% of the 150 million people drink.")
    shared = set(zh) & set(en)
    assert {"num:150000000", "num:30", "py:chen", "py:qingyang", "py:chenqingyang", "drink", "peopl"} <= shared


def test_glossary_terms_add_their_english_words() -> None:
    dictionary = load_dictionary()
    assert "widget" in chinese_features("这个零件坏了。", dictionary, [("widget",)])
    assert "widget" not in chinese_features("这个零件坏了。", dictionary)


# --- the scorer (Thompson & Koehn 2019, as Vecalign's score.py counts)


def test_scorer_counts_strict_and_lax_as_vecalign_does() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
    scores = score([gold], [test])
    # precision: [0]:[0] and [3]:[] exact; [1]:[1] overlaps gold [1,2]:[1] (lax); [2]:[] matches nothing.
    assert (scores.precision_strict, scores.precision_lax) == (2 / 4, 3 / 4)
    # recall leaves skips out: gold [0]:[0] found exactly, [1,2]:[1] only laxly.
    assert (scores.recall_strict, scores.recall_lax) == (1 / 2, 1.0)
    assert scores.f1_strict == pytest.approx(0.5)


def test_ids_format_round_trips() -> None:
    links = [((0, 1), (0,)), ((), (1,)), ((2,), ())]
    assert format_ids(links) == "[0,1]:[0]\n[]:[1]\n[2]:[]\n"
    assert parse_ids(format_ids(links)) == links


# --- the search


def test_development_pairs_align_with_strict_f1_above_0_9() -> None:
    golds, tests = [], []
    for name in SHORT:
        zh, en, gold = read_pair(DEV / name)
        golds.append(gold)
        tests.append([(link.zh, link.en) for link in align_sentences(zh, en)])
    assert score(golds, tests).f1_strict >= 0.9


def test_links_cover_every_sentence_once_in_order() -> None:
    zh, en, _ = read_pair(DEV / "kongyiji.tsv")
    links = align_sentences(zh, en)
    assert [i for link in links for i in link.zh] == list(range(len(zh)))
    assert [j for link in links for j in link.en] == list(range(len(en)))
    assert all(
        (len(link.zh), len(link.en)) in {(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1)}
        for link in links
    )


def test_a_narrow_band_far_from_the_anchors_still_finds_the_omitted_block() -> None:
    zh, en, gold = read_pair(DEV / "beiying.tsv")
    # Drop a run of ten English sentences: the translation skips a whole passage.
    kept = [j for j in range(len(en)) if not 10 <= j < 20]
    links = align_sentences(zh, [en[j] for j in kept], settings=Settings(band=4))
    found = {(link.zh, tuple(kept[j] for j in link.en)) for link in links if link.en}
    assert len(found & set(gold)) >= 0.8 * sum(1 for z, e in gold if e and all(j in kept for j in e))


_ZH_POOL, _EN_POOL, _ = read_pair(DEV / "wangjia.tsv")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(_ZH_POOL + ["", "“好。”"]), max_size=25),
    st.lists(st.sampled_from(_EN_POOL + ["", "Yes."]), max_size=25),
)
def test_any_two_lists_of_sentences_are_covered_once_in_order_by_allowed_shapes(zh: list[str], en: list[str]) -> None:
    links = align_sentences(zh, en)
    assert [i for link in links for i in link.zh] == list(range(len(zh)))
    assert [j for link in links for j in link.en] == list(range(len(en)))
    assert all(
        (len(link.zh), len(link.en)) in {(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1)}
        for link in links
    )
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_anchors_are_links_of_the_gold_and_the_band_follows_them() -> None:
    from toolkit.align import search

    zh, en, gold = read_pair(DEV / "beiying.tsv")
    kept = [j for j in range(len(en)) if not 10 <= j < 20]
    dictionary = load_dictionary()
    zh_bags = [chinese_features(text, dictionary) for text in zh]
    en_bags = [english_features(en[j]) for j in kept]
    shared = set().union(*zh_bags) & set().union(*en_bags)
    zh_vectors, zh_df = search._weighted(zh_bags, shared, len(zh))
    en_vectors, en_df = search._weighted(en_bags, shared, len(kept))
    found = search.anchors(zh_vectors, en_vectors, zh_df, en_df, max_df=4)
    linked = {(i, j) for zh_ids, en_ids in gold for i in zh_ids for j in en_ids}
    assert len(found) >= 8
    assert sum((i, kept[j]) in linked for i, j in found) >= 0.9 * len(found)  # 20 of 21: one next to the gap
    lo, hi = search.band_limits(len(zh), len(kept), found, 2)
    assert all(lo[i + 1] <= j + 1 <= hi[i + 1] for i, j in found)
    assert (hi - lo).mean() < 12


def test_empty_sides_align_to_skips() -> None:
    assert [(link.zh, link.en) for link in align_sentences(["一。", "二。"], [])] == [((0,), ()), ((1,), ())]
    assert [(link.zh, link.en) for link in align_sentences([], ["One."])] == [((), (0,))]


# --- files and outputs


@pytest.fixture(scope="module")
def kongyiji(tmp_path_factory) -> tuple[Path, Path, list]:
    folder = tmp_path_factory.mktemp("pair")
    zh, en, gold = read_pair(DEV / "kongyiji.tsv")
    (folder / "k.zh").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (folder / "k.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    return folder / "k.zh", folder / "k.en", gold


def test_presplit_ids_on_the_command_line_use_line_numbers_as_ids(kongyiji) -> None:
    zh, en, gold = kongyiji
    run = toolkit("align", "--presplit", "--format", "ids", str(zh), str(en), cwd=zh.parent)
    assert run.returncode == 0, run.stderr
    links = parse_ids(run.stdout)
    assert score([gold], [links]).f1_strict >= 0.9
    assert links[0] == ((0,), (0, 1))


def test_po_output_is_fuzzy_with_score_and_lines_and_passes_msgfmt(kongyiji, tmp_path: Path) -> None:
    zh, en, _ = kongyiji
    run = toolkit("align", "--presplit", str(zh), str(en), "-o", str(tmp_path / "k.po"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    catalog = polib.pofile(str(tmp_path / "k.po"))
    assert len(catalog) >= 40 and all("fuzzy" in entry.flags for entry in catalog)
    first = catalog[0]
    assert first.msgid.startswith("鲁镇的酒店的格局") and first.msgstr.startswith("The taverns of Luzhen")
    assert first.comment.startswith("aligned 1-2, score 0.") and first.comment.endswith("zh line 1, en line 1-2")
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(tmp_path / "k.po")], check=True)


def test_the_same_chinese_aligned_to_different_english_gets_a_context_msgfmt_accepts(tmp_path: Path) -> None:
    (tmp_path / "a.zh").write_text("好。\n他走了。\n好。\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("Good.\nHe left.\nVery good.\n", encoding="utf-8")
    alignment = align_files(tmp_path / "a.zh", tmp_path / "a.en", presplit=True)
    (tmp_path / "a.po").write_text(render_alignment(alignment, "po"), encoding="utf-8")
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(tmp_path / "a.po")], check=True)
    assert [(e.msgctxt, e.msgstr) for e in polib.pofile(str(tmp_path / "a.po")) if e.msgid == "好。"] == [
        (None, "Good."),
        (f"{tmp_path / 'a.zh'}:3", "Very good."),
    ]


def test_min_score_leaves_out_doubtful_pairs_but_ids_keeps_every_link(kongyiji) -> None:
    zh, en, _ = kongyiji
    alignment = align_files(zh, en, presplit=True)
    all_pairs = render_alignment(alignment, "tsv").splitlines()
    confident = render_alignment(alignment, "tsv", min_score=0.7).splitlines()
    assert 0 < len(confident) < len(all_pairs)
    assert all(float(line.split("\t")[2]) >= 0.7 for line in confident)
    assert render_alignment(alignment, "ids", min_score=0.99) == render_alignment(alignment, "ids")


TMX_DTD = """<!-- The part of TMX 1.4b (LISA OSCAR) that toolkit writes, after the content models of the specification. -->
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header (note|prop)*>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED adminlang CDATA #REQUIRED
  srclang CDATA #REQUIRED datatype CDATA #REQUIRED creationdate CDATA #IMPLIED>
<!ELEMENT body (tu*)>
<!ELEMENT note (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu tuid CDATA #IMPLIED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA)>
"""


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) is not installed")
def test_tmx_output_is_valid_and_translate_toolkit_reads_it(kongyiji, tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    zh, en, _ = kongyiji
    run = toolkit("align", "--presplit", str(zh), str(en), "-o", str(tmp_path / "k.tmx"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (tmp_path / "tmx14.dtd").write_text(TMX_DTD, encoding="utf-8")
    subprocess.run(["xmllint", "--noout", "--valid", str(tmp_path / "k.tmx")], check=True, cwd=tmp_path)
    store = tmxfile.parsefile(str(tmp_path / "k.tmx"))
    pairs = [(unit.source, unit.target) for unit in store.units]
    alignment = align_files(zh, en, presplit=True)
    assert pairs == [
        (alignment.zh_text(link), alignment.en_text(link)) for link in alignment.links if link.zh and link.en
    ]
    assert 'srclang="zh-CN"' in (tmp_path / "k.tmx").read_text(encoding="utf-8")


def test_traditional_chinese_is_written_as_zh_tw(tmp_path: Path) -> None:
    (tmp_path / "t.zh").write_text("這個國家的經濟發展很快。\n他們說話了。\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("The economy of this country grew fast.\nThey spoke.\n", encoding="utf-8")
    text = render_alignment(align_files(tmp_path / "t.zh", tmp_path / "t.en", presplit=True), "tmx")
    assert 'srclang="zh-TW"' in text and '<tuv xml:lang="zh-TW"><seg>這個國家的經濟發展很快。</seg></tuv>' in text


def test_tmx_memory_reuses_confirmed_pairs_exactly_and_alignment_pairs_as_fuzzy(tmp_path: Path) -> None:
    from toolkit.memory import Memory, read_units
    from toolkit.storage.tmx import render_tmx
    from toolkit.storage.units import State, Unit

    (tmp_path / "cat.tmx").write_text(render_tmx([Unit("他走了。", "He left.", State.TRANSLATED)]), encoding="utf-8")
    (tmp_path / "aligned.tmx").write_text(render_tmx([Unit("她来了。", "She came.", State.FUZZY)]), encoding="utf-8")
    memory = Memory([unit for name in ("cat.tmx", "aligned.tmx") for unit in read_units(tmp_path / name, trusted=True)])
    assert memory.lookup("他走了。").exact
    fuzzy = memory.lookup("她来了。")
    assert fuzzy is not None and fuzzy.unit.target == "She came." and not fuzzy.exact
    assert memory.lookup("他走了吗。").unit.target == "He left."


def test_draft_reads_a_tmx_as_suggestions_unless_it_is_trusted(tmp_path: Path) -> None:
    from toolkit.storage.tmx import render_tmx
    from toolkit.storage.units import State, Unit

    (tmp_path / "doc.txt").write_text("他走了。她来了。\n", encoding="utf-8")
    (tmp_path / "m.tmx").write_text(render_tmx([Unit("他走了。", "He left.", State.TRANSLATED)]), encoding="utf-8")
    run = toolkit("draft", "doc.txt", "-o", "out", "--engine", "none", "--no-glossary", "--tm", "m.tmx", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    entry = polib.pofile(str(tmp_path / "out" / "en" / "doc.po")).find("他走了。")
    assert entry.msgstr == "He left." and "fuzzy" in entry.flags  # a TMX from outside is a suggestion
    (tmp_path / "out" / "en" / "doc.po").unlink()
    run = toolkit(
        "draft", "doc.txt", "-o", "out", "--engine", "none", "--no-glossary", "--tm-trusted", "m.tmx", cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    entry = polib.pofile(str(tmp_path / "out" / "en" / "doc.po")).find("他走了。")
    assert entry.msgstr == "He left." and "fuzzy" not in entry.flags  # the user vouched for it


# --- round trip: a document, its PO file built by the toolkit, the English built from it, aligned again

SEED = """# 回乡

一九七三年的春天，王秀英第一次离开了杨柳村。她十七岁，背着一个蓝布包袱。

父亲把她送到镇上的汽车站，一路上没有说一句话。“到了省城，先去找你三舅。”父亲终于开口了。秀英点点头。

省城比她想象的大得多。她在东门外转了三个钟头，才找到那棵槐树。
"""

TRANSLATION = {
    "回乡": "Leaving Home",
    "一九七三年的春天，王秀英第一次离开了杨柳村。": "In the spring of 1973, Wang Xiuying left Willow Village for the first time.",
    "她十七岁，背着一个蓝布包袱。": "She was seventeen. On her back was a blue cloth bundle.",
    "父亲把她送到镇上的汽车站，一路上没有说一句话。": "Her father walked her to the bus station in town without saying a word.",
    "“到了省城，先去找你三舅。”": "\u201cWhen you get to the city, go and find your third uncle first.\u201d",
    "父亲终于开口了。": "At last her father spoke.",
    "秀英点点头。": "Xiuying nodded.",
    "省城比她想象的大得多。": "The city was far bigger than she had imagined.",
    "她在东门外转了三个钟头，才找到那棵槐树。": "She wandered outside the East Gate for three hours before she found the locust tree.",
}


def test_round_trip_aligning_a_document_with_its_built_english_gives_back_the_po_pairs(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SEED, encoding="utf-8")
    assert toolkit("draft", "doc.txt", "-o", "out", "--engine", "none", "--no-glossary", cwd=tmp_path).returncode == 0
    po_path = tmp_path / "out" / "en" / "doc.po"
    catalog = polib.pofile(str(po_path))
    for entry in catalog:
        entry.msgstr = TRANSLATION[entry.msgid]
    catalog.save(str(po_path))
    built = toolkit("build", "doc.txt", "-o", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    english = next(path for path in (tmp_path / "out" / "en").iterdir() if path.suffix in (".txt", ".md"))
    run = toolkit("align", "doc.txt", str(english), "--format", "tsv", "--no-glossary", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    pairs = {tuple(line.split("\t")[:2]) for line in run.stdout.splitlines()}
    assert pairs == {(entry.msgid, entry.msgstr) for entry in polib.pofile(str(po_path))}


def test_registering_the_align_command_imports_nothing_heavy() -> None:
    code = (
        "import sys; from toolkit.cli import _register; _register(); "
        "heavy = [m for m in ('numpy', 'pypinyin', 'toolkit.align', 'toolkit.storage.tmx') if m in sys.modules]; print(heavy)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


STORY_ZH = """一九七三年的春天，王秀英第一次离开了杨柳村。她十七岁，背着一个蓝布包袱，包袱里有两件衣服和母亲烙的六张饼。

“到了省城，先去找你三舅。”父亲终于开口了。
"""

STORY_EN = """In the spring of 1973, Wang Xiuying left Willow Village for the first time. She was seventeen.
On her back was a blue cloth bundle holding two changes of clothes and six flatbreads her mother had made.

At last her father spoke. "When you get to the city, go and find your third uncle first."
"""


def test_readme_example_aligns_a_short_story_with_ids_and_tsv(tmp_path: Path, data_regression) -> None:
    (tmp_path / "story.zh.txt").write_text(STORY_ZH, encoding="utf-8")
    (tmp_path / "story.en.txt").write_text(STORY_EN, encoding="utf-8")
    ids = toolkit("align", "story.zh.txt", "story.en.txt", "--format", "ids", "--no-glossary", cwd=tmp_path)
    tsv = toolkit("align", "story.zh.txt", "story.en.txt", "--no-glossary", cwd=tmp_path)
    assert ids.returncode == tsv.returncode == 0, ids.stderr + tsv.stderr
    assert parse_ids(ids.stdout) == [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3, 4))]
    data_regression.check({"ids": ids.stdout.splitlines(), "tsv": tsv.stdout.splitlines()})


# --- where align writes (issue 19): its own earlier output may be replaced, nothing else without --force


@pytest.mark.parametrize("suffix", ["po", "tmx", "tsv", "ids"])
def test_an_earlier_alignment_is_replaced_in_every_format(kongyiji, tmp_path: Path, suffix: str) -> None:
    zh, en, _ = kongyiji
    out = tmp_path / f"k.{suffix}"
    for _ in range(2):
        run = toolkit("align", "--presplit", str(zh), str(en), "-o", str(out), cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    assert run.stderr.startswith("toolkit: aligned 44 Chinese")


def test_written_by_align_knows_its_own_outputs_and_nothing_else(kongyiji) -> None:
    from toolkit.align.write import written_by_align

    zh, en, _ = kongyiji
    alignment = align_files(zh, en, presplit=True)
    for output_format in ("po", "tmx", "tsv", "ids"):
        assert written_by_align(render_alignment(alignment, output_format).encode()), output_format
    po = render_alignment(alignment, "po")
    assert not written_by_align(po.replace("#, fuzzy\n", "", 1).encode())  # a translator confirmed an entry
    assert not written_by_align(po.replace(" align\\n", "\\n", 1).encode())  # not generated by align
    translators = (ROOT / "translations" / "en" / "000_53be3466f5beab3d.po").read_bytes()
    assert not written_by_align(translators)
    assert not written_by_align(b"My notes.\n") and not written_by_align(b"\xff\xfe")


def test_force_replaces_another_file_and_dash_writes_standard_output(kongyiji, tmp_path: Path) -> None:
    zh, en, _ = kongyiji
    notes = tmp_path / "notes.ids"
    notes.write_text("My notes.\n", encoding="utf-8")
    refused = toolkit("align", "--presplit", str(zh), str(en), "-o", str(notes), cwd=tmp_path)
    assert refused.returncode == 2 and notes.read_text(encoding="utf-8") == "My notes.\n"
    forced = toolkit("align", "--presplit", "--force", str(zh), str(en), "-o", str(notes), cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert parse_ids(notes.read_text(encoding="utf-8"))[0] == ((0,), (0, 1))
    dash = toolkit("align", "--presplit", "--format", "ids", "-q", str(zh), str(en), "-o", "-", cwd=tmp_path)
    assert dash.returncode == 0 and dash.stderr == ""
    assert dash.stdout == notes.read_text(encoding="utf-8")
    own = toolkit("align", "--presplit", "--force", str(zh), str(en), "-o", str(en), cwd=tmp_path)
    assert own.returncode == 2 and "is one of this command's inputs" in own.stderr


# --- long pairs: the band follows a coarse-to-fine path, whatever the text repeats


def test_progress_is_told_every_stage_in_order(kongyiji) -> None:
    zh, en, _ = kongyiji
    seen: list[tuple[str, float]] = []
    align_files(zh, en, presplit=True, progress=lambda stage, done: seen.append((stage, done)))
    stages = [stage for stage, _ in seen]
    assert stages[0] == "reading" and "anchoring" in stages and stages[-1] == "banded search"
    assert stages == sorted(stages, key=["reading", "anchoring", "banded search"].index)
    assert all(0.0 <= done <= 1.0 for _, done in seen)


def test_no_progress_bar_when_standard_error_is_not_a_terminal(kongyiji, tmp_path: Path) -> None:
    zh, en, _ = kongyiji
    run = toolkit("align", "--presplit", str(zh), str(en), "-o", str(tmp_path / "k.tsv"), cwd=tmp_path)
    assert run.returncode == 0 and run.stderr.count("\n") == 1 and "reading" not in run.stderr


def test_a_document_repeated_many_times_keeps_a_narrow_band_and_aligns_its_copies() -> None:
    from toolkit.align import search

    zh, en, gold = read_pair(DEV / "kongyiji.tsv")
    copies = 30  # 1,320 sentences a side: a long pair
    widths: list[int] = []
    original = search._pair_similarities

    def spy(zh_vectors, en_vectors, lo, width):
        widths.append(width)
        return original(zh_vectors, en_vectors, lo, width)

    search._pair_similarities = spy
    try:
        links = align_sentences(zh * copies, en * copies)
    finally:
        search._pair_similarities = original
    assert len(zh) * copies > search.LONG and widths and widths[0] <= 3 * Settings().band
    texts = {("".join(zh[i] for i in a), " ".join(en[j] for j in b)) for a, b in gold}
    right = sum(
        ("".join((zh * copies)[i] for i in link.zh), " ".join((en * copies)[j] for j in link.en)) in texts
        for link in links
    )
    assert right / len(links) >= 0.9


def test_the_coarse_path_follows_a_block_the_english_inserted() -> None:
    import numpy as np

    from toolkit.align.coarse import centre_path

    rng = np.random.default_rng(3)
    zh = rng.normal(size=(2000, 64)).astype(np.float32)
    en = np.concatenate([zh[:1000], rng.normal(size=(300, 64)).astype(np.float32), zh[1000:]])
    points = dict(centre_path(zh, en))
    for x, y in points.items():
        expected = x if x < 1000 else x + 300
        assert abs(y - expected) <= 8 or 960 <= x <= 1060, (x, y)


def test_the_coarse_path_of_a_pair_that_matches_block_for_block_is_the_diagonal() -> None:
    import numpy as np

    from toolkit.align.coarse import centre_path

    zh = np.random.default_rng(5).normal(size=(1600, 64)).astype(np.float32)
    assert all(x == y for x, y in centre_path(zh, zh.copy()))


def test_a_long_pair_with_an_untranslated_stretch_skips_it() -> None:
    zh, en, gold = read_pair(DEV / "kongyiji.tsv")
    other_zh, other_en, _ = read_pair(DEV / "wangjia.tsv")
    copies = 12  # 528 + 528 Chinese sentences around 10 copies of another story's English (380 sentences)
    links = align_sentences(zh * copies + zh * copies, en * copies + other_en * 10 + en * copies)
    covered = [j for link in links for j in link.en]
    assert covered == list(range(len(en) * copies * 2 + len(other_en) * 10))
    inserted = range(len(en) * copies, len(en) * copies + len(other_en) * 10)
    skipped = {link.en[0] for link in links if not link.zh}
    assert len(skipped & set(inserted)) >= 0.9 * len(inserted)


def test_a_band_without_slack_stays_connected_across_a_jump() -> None:
    from toolkit.align.search import band_limits

    lo, hi = band_limits(100, 500, [(10.0, 10.0), (12.0, 400.0), (50.0, 440.0)], 5, slack=0.0)
    assert all(lo[i] <= hi[i - 1] for i in range(1, 101)) and lo[0] == 0 and hi[-1] == 500
    assert int((hi - lo).max()) < 400  # only the rows at the jump are wide


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (["他走了。"] * 1500, ["He left.", "She stayed."]),
        (["他走了。"] * 2, ["He left."] * 1500),
        (["。"] * 1200, ["."] * 1300),
    ],
)
def test_long_lopsided_or_featureless_pairs_are_covered_once_in_order(zh: list[str], en: list[str]) -> None:
    links = align_sentences(zh, en)
    assert [i for link in links for i in link.zh] == list(range(len(zh)))
    assert [j for link in links for j in link.en] == list(range(len(en)))
