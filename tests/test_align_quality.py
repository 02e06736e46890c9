"""`toolkit align` quality: quotation structure, question marks, the lexicon learned from the pair, the novel floors."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from toolkit.align import Settings, align_sentences
from toolkit.align.learn import NULL, learned_lexicon, model1
from toolkit.align.lexicon import open_quotes, question_marks
from toolkit.align.score import score
from toolkit.align.search import _add_question_cost

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from align_dev import DEV, NOVEL, evaluate, read_pair  # noqa: E402


def test_open_quotes_follow_a_speech_across_sentences_on_both_sides() -> None:
    assert open_quotes(["“不是。", "走路的人口渴了摘一个瓜吃。", "要管的是獾猪。”", "他走了。"]) == [
        True,
        True,
        False,
        False,
    ]
    assert open_quotes(['"No. If someone is thirsty,', 'it is not stealing."', "He left."]) == [True, False, False]
    # a new quotation forgets one left open before it (a speech that ran to the end of its paragraph)
    assert open_quotes(["“我说，", "“你来。”"]) == [True, False]
    assert open_quotes(["「好。」她說。", "『走吧』"]) == [False, False]


def test_a_speech_cut_in_two_on_one_side_only_costs_more() -> None:
    # 故乡: “管贼么？” / “不是。 / 走路的人……不算偷的。 / 要管的是獾猪……” — the English keeps 不是 with the next sentence
    zh, en, gold = read_pair(DEV / "guixiang.tsv")
    links = [link for link in gold if link[0] and 46 <= link[0][0] and link[0][-1] < 54]
    zh_first, en_first = links[0][0][0], links[0][1][0]
    expected = [(tuple(i - zh_first for i in a), tuple(j - en_first for j in b)) for a, b in links]
    zh_part = zh[zh_first : links[-1][0][-1] + 1]
    en_part = en[en_first : links[-1][1][-1] + 1]
    found = [(link.zh, link.en) for link in align_sentences(zh_part, en_part)]
    assert found == expected
    assert ((4, 5), (3,)) in expected  # the 2–1 whose Chinese boundary is inside the speech
    blind = [(link.zh, link.en) for link in align_sentences(zh_part, en_part, settings=replace(Settings(), quote=0.0))]
    assert ((4, 5), (3,)) not in blind


def test_question_marks_are_one_byte_a_sentence_wherever_the_mark_is() -> None:
    assert question_marks(["说：“这不是一样的吗？”", "他走了。", 'He asked, "Why?" and left.', "No.", ""]) == bytes(
        [1, 0, 1, 0, 0]
    )


def test_a_link_with_a_question_on_one_side_only_costs_the_weight_more() -> None:
    # Chinese: a question, then its answer; English the same. Cells (i, k): the bead ending after Chinese sentence i
    # and English sentence k (one band row of boundaries 0..2 for every i).
    zh, en = bytes([1, 0]), bytes([1, 0])
    columns = np.tile(np.arange(3), (3, 1))
    costs = {bead: np.zeros((3, 3), dtype=np.float32) for bead in ((1, 1), (2, 1), (1, 2), (1, 0))}
    costs[(1, 1)][0, :] = np.inf
    _add_question_cost(costs, (zh, en), columns, 0.2)
    assert costs[(1, 1)][1, 1] == 0.0  # question with question
    assert costs[(1, 1)][2, 2] == 0.0  # answer with answer
    assert costs[(1, 1)][2, 1] == np.float32(0.2)  # the Chinese answer against the English question
    assert costs[(2, 1)][2, 1] == 0.0  # question and answer merged against the question: both have one
    assert costs[(2, 1)][2, 2] == np.float32(0.2)  # question and answer merged against the English answer alone
    assert costs[(1, 2)][2, 2] == np.float32(0.2)  # the Chinese answer against the English question and answer
    assert np.isinf(costs[(1, 1)][0]).all() and not costs[(1, 0)].any()  # impossible stays so; skips untouched


def test_a_question_moved_into_the_next_link_on_one_side_only_costs_more() -> None:
    # 呼兰河传: 我跑到屋里……抛给祖父了。 / 说：“这不是一样的吗？” / 祖父慢慢地把我叫过去…… — the English keeps the
    # question with the throw ("… from a long way off. \"Isn't it the same?\""); without the cost the Chinese question
    # goes with the explanation after it, whose English has no question mark
    zh, en, gold = read_pair(DEV / "houhuayuan.tsv")
    zh_part, en_part = zh[27:32], en[20:24]
    expected = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,))]
    assert [link for link in gold if link[0] and 27 <= link[0][0] < 32] == [
        ((27,), (20,)),
        ((28,), (21,)),
        ((29, 30), (22,)),
        ((31,), (23,)),
    ]
    asking = replace(Settings(), question=0.2)
    assert [(link.zh, link.en) for link in align_sentences(zh_part, en_part, settings=asking)] == expected
    blind = align_sentences(zh_part, en_part)  # the default: no question cost
    assert ((3, 4), (3,)) in [(link.zh, link.en) for link in blind]


def test_question_marks_help_on_the_novel_pairs() -> None:
    without = evaluate(verbose=False, variant="hand", names=NOVEL)
    with_ = evaluate(replace(Settings(), question=0.2), verbose=False, variant="hand", names=NOVEL)
    assert with_.f1_strict > without.f1_strict + 0.005


def test_model1_learns_the_word_pair_its_links_share() -> None:
    pairs = [
        (["母亲", "来"], ["mother", "come"]),
        (["母亲", "走"], ["mother", "go"]),
        (["父亲", "走"], ["father", "go"]),
    ]
    table = model1(pairs)
    assert max(table["母亲"], key=table["母亲"].get) == "mother"
    assert max(table["走"], key=table["走"].get) == "go"
    assert table["母亲"]["mother"] > 0.5
    assert set(table[NULL]) == {"mother", "come", "go", "father"}
    lexicon = learned_lexicon(table, {"母亲": 2, "走": 2, "来": 1, "父亲": 1})
    assert lexicon["母亲"][0][0] == "mother"
    assert "来" not in lexicon and "父亲" not in lexicon  # seen in one link: its probability is no evidence


def test_the_dictionary_seed_breaks_a_tie_the_links_cannot() -> None:
    pairs = [(["母亲", "来"], ["mother", "come"])]
    assert max(model1(pairs)["来"].values()) == min(model1(pairs)["来"].values())
    seeded = model1(pairs, lambda word: {"来": ["come"]}.get(word, ()))
    assert seeded["来"]["come"] > seeded["来"]["mother"]


def test_the_table_holds_only_pairs_that_meet_in_a_link() -> None:
    pairs = [(["甲"] * 50, ["a"] * 50), (["乙"], ["b"])]
    table = model1(pairs)
    assert set(table["甲"]) == {"a"} and set(table["乙"]) == {"b"}


def test_the_second_pass_leaves_a_pair_without_confident_links_alone() -> None:
    zh = ["我们过了江，进了车站。"]
    en = ["We crossed the river.", "We entered the station."]
    learning = replace(Settings(), learn=True)
    first = [(link.zh, link.en) for link in align_sentences(zh, en)]
    assert first == [((0,), (0, 1))]
    assert [(link.zh, link.en) for link in align_sentences(zh, en, settings=learning)] == first


def test_novel_development_pairs_keep_their_floor() -> None:
    hand = evaluate(verbose=False, variant="hand", names=NOVEL)
    merged = evaluate(verbose=False, variant="merged", names=NOVEL)
    assert hand.f1_strict >= 0.95 and hand.f1_lax >= 0.99
    assert merged.f1_strict >= 0.92 and merged.f1_lax >= 0.98


def test_quotation_structure_helps_on_the_novel_pairs() -> None:
    without = evaluate(replace(Settings(), quote=0.0), verbose=False, variant="merged", names=NOVEL)
    with_ = evaluate(verbose=False, variant="merged", names=NOVEL)
    assert with_.f1_strict > without.f1_strict + 0.01


def test_the_second_pass_runs_on_a_chapter_and_still_covers_every_sentence_once_in_order() -> None:
    zh, en, gold = read_pair(DEV / "dazayuan.tsv")
    links = align_sentences(zh, en, settings=replace(Settings(), learn=True, learn_share=1.0))
    assert [i for link in links for i in link.zh] == list(range(len(zh)))
    assert [j for link in links for j in link.en] == list(range(len(en)))
    assert score([gold], [[(link.zh, link.en) for link in links]]).f1_strict >= 0.95
