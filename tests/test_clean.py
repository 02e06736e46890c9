"""clean: every change to the source text is recorded; encoding damage is flagged, never repaired."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.clean import clean_text, find_damage
from toolkit.textio import read_source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def kinds(clean) -> list[tuple[int, str, str]]:
    return [(cleaning.line, cleaning.kind, cleaning.text) for cleaning in clean.cleanings]


def seed(prefix: str) -> str:
    return read_source(next(SEEDS.glob(f"{prefix}_*.txt"))).text


@pytest.mark.parametrize(
    ("source", "cleaned"),
    [
        ("探索商業(yè)可能性的營利性子公司", "探索商業可能性的營利性子公司"),
        ("探索商业(yè)可能性的营利性子公司", "探索商业可能性的营利性子公司"),
        ("互聯網(wǎng)是造福所有人的全球公共資源", "互聯網是造福所有人的全球公共資源"),
        ("在Facebook期間,F(xiàn)idji Simo曾歷任產品營銷", "在Facebook期間,Fidji Simo曾歷任產品營銷"),
    ],
)
def test_pinyin_annotations_are_removed_and_recorded(source, cleaned):
    clean = clean_text(source)
    assert clean.text == cleaned
    assert [cleaning.kind for cleaning in clean.cleanings] == ["pinyin-annotation"]


@pytest.mark.parametrize(
    "source", ["通用人工智能(AGI)", "“盈利上限”(capped-profit)", "容量高达10千兆瓦(GW)", "他说 (yes) 好"]
)
def test_parentheses_that_are_not_pinyin_stay(source):
    clean = clean_text(source)
    assert clean.text == source
    assert clean.cleanings == ()


def test_plain_documents_keep_one_paragraph_per_line():
    source = "深度学习是一个不断赠予的奇迹\n提问者:山姆,欢迎。从ChatGPT发布至今,\n世界发生了翻天覆地的变化。"
    clean = clean_text(source)
    assert clean.text == source
    assert clean.cleanings == ()


HARD_BREAKS = (
    "# 奥特曼回应一切\n"
    "\n"
    "文章作者: 机器之心\n"
    "发布地: 北京\n"
    "2022 年 11 月 30 日，OpenAI\n"
    "的网站访问量达到了一个从未有过的峰值。不过今天看来，那是最后一个「平静」的日子。  \n"
    "仅仅两个月后，大家都在尝试使用 ChatGPT 并惊叹于其能力。  \n"
    "> AlexNet 由 Alex Krizhevsky 共同创建，它利用了一种强大的新型计算机程序\n"
    "> —— 深度卷积神经网络（CNN）。\n"
)


def test_soft_wraps_are_joined_when_real_breaks_are_marked_by_two_spaces():
    clean = clean_text(HARD_BREAKS)
    assert clean.text.split("\n") == [
        "# 奥特曼回应一切",
        "",
        "文章作者: 机器之心",
        "发布地: 北京",
        "2022 年 11 月 30 日，OpenAI 的网站访问量达到了一个从未有过的峰值。不过今天看来，那是最后一个「平静」的日子。  ",
        "仅仅两个月后，大家都在尝试使用 ChatGPT 并惊叹于其能力。  ",
        "> AlexNet 由 Alex Krizhevsky 共同创建，它利用了一种强大的新型计算机程序 —— 深度卷积神经网络（CNN）。",
        "",
    ]
    assert kinds(clean) == [
        (6, "soft-wrap", "0 日，OpenAI⏎的网站访问量达到了一"),
        (9, "soft-wrap", "强大的新型计算机程序⏎—— 深度卷积神经网"),
    ]


def test_a_line_that_ends_a_sentence_is_never_joined():
    source = "第一段。  \n第二段。  \n第三段结束了。\n第四段也结束了！\n"
    assert clean_text(source).text == source


@pytest.mark.parametrize("end", ["‼", "⁉", "。〕", "！］"])
def test_every_sentence_end_and_closer_of_the_sentence_rules_stops_a_join(end):
    source = f"第一段。  \n第二段。  \n他喊道{end}\n我们都跑了。\n"
    assert clean_text(source).text == source


def test_a_paragraph_wrapped_over_thousands_of_lines_is_joined_into_one_line():
    marked = "".join(f"第{number}段。  \n" for number in range(400))
    wrapped = "".join(f"这是第{number}行没有结束的文字\n" for number in range(3000))
    clean = clean_text(marked + wrapped + "最后一行。\n")
    lines = clean.text.split("\n")
    assert len(lines) == 402 and lines[-1] == ""
    assert lines[400] == "".join(f"这是第{number}行没有结束的文字" for number in range(3000)) + "最后一行。"
    assert sum(cleaning.kind == "soft-wrap" for cleaning in clean.cleanings) == 3000
    assert clean.line_at(clean.text.index("这是第2999行")) == 3400


def test_joined_text_still_knows_its_source_lines():
    clean = clean_text(HARD_BREAKS)
    assert clean.line_at(clean.text.index("2022")) == 5
    assert clean.line_at(clean.text.index("的网站访问量")) == 6
    assert clean.line_at(clean.text.index("仅仅")) == 7
    assert clean.line_at(clean.text.index("—— 深度")) == 9


def test_wrap_between_two_han_characters_is_joined_without_a_space():
    clean = clean_text("第一行。  \n我预计在网络安全和生物\n方面有需要缓解的问题。  \n")
    assert clean.text == "第一行。  \n我预计在网络安全和生物方面有需要缓解的问题。  \n"


def test_bold_wrapping_a_whole_line_stays_and_stray_markers_go():
    clean = clean_text(
        "**Q：你现在感觉如何？**\n机器之心编译**来源：彭博社\n****机器之心编辑部**\n你们对 ChatGPT 有****了什么新的认识？"
    )
    assert (
        clean.text
        == "**Q：你现在感觉如何？**\n机器之心编译来源：彭博社\n机器之心编辑部\n你们对 ChatGPT 有了什么新的认识？"
    )
    assert [(line, kind) for line, kind, _ in kinds(clean)] == [
        (2, "bold-marker"),
        (3, "bold-marker"),
        (3, "bold-marker"),
        (4, "bold-marker"),
    ]


@pytest.mark.parametrize(
    ("source", "cleaned", "marker"),
    [
        ("他坦言,自己确实“很担心”1。在他看来", "他坦言,自己确实“很担心”。1在他看来", "1"),
        ("他坦言，自己確實「很擔心」2。在他看來", "他坦言，自己確實「很擔心」。2在他看來", "2"),
        ("收入增长了三倍[3]。下一句", "收入增长了三倍。[3]下一句", "[3]"),
    ],
)
def test_footnote_marker_before_the_sentence_end_moves_after_it(source, cleaned, marker):
    clean = clean_text(source)
    assert clean.text == cleaned
    assert [clean.text[start:end] for start, end in clean.footnotes] == [marker]
    assert kinds(clean)[0][1] == "footnote-moved"


def test_footnote_markers_after_a_sentence_and_back_links_are_found():
    clean = clean_text("他斩钉截铁地回答:“这行不通。”1\n检索日期2025/8/19 ↩︎ ↩︎\n他说:“好。”3月,我们")
    assert [clean.text[start:end] for start, end in clean.footnotes] == ["1", "↩︎", "↩︎"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_clean_seeds_have_no_encoding_damage(prefix):
    text = seed(prefix)
    assert clean_text(text, "zh_Hant" if prefix == "002" else "zh_Hans").damage == ()


def test_seed_003_damaged_passages_are_flagged_on_their_lines():
    clean = clean_text(seed("003"), "zh_Hant")
    damaged = {cleaning.line for cleaning in clean.cleanings if cleaning.kind == "encoding-damage"}
    assert damaged == {71, 131, 157, 177, 227}
    assert "規?涨暗拇笏懔Σ季謺r代" in clean.text  # flagged, not repaired


@pytest.mark.parametrize(
    "text",
    [
        "這是戰略性的重新定位?或者,OpenAI 是否承認了一個事實?",
        "这是战略性的重新定位?或者,OpenAI 是否承认了一个事实?",
        "山姆・奥特曼（Sam Altman）来说。",
        "趨之若鶩。已然飆升了百倍不止。",
    ],
)
def test_ordinary_text_is_not_damage(text):
    assert find_damage(text, "zh_Hans") == find_damage(text, "zh_Hant") == ()


@pytest.mark.parametrize(
    "text",
    [
        "緊鑼密鼓、規?涨暗拇笏懔Σ季謺r代。",
        "正悄然將對話界面,轉變?yōu)橐粋強大的服務",
        "文字裡有替換字元\ufffd了",
        "商業史上規?涨暗“豪賭”",
    ],
)
def test_mojibake_is_damage(text):
    assert find_damage(text, "zh_Hant") != ()


def test_damage_never_reaches_across_punctuation():
    text = "趨之若鶩。飆升了百倍"
    assert find_damage(text, "zh_Hant") == ()


@pytest.mark.parametrize(
    "script_lines",
    [
        ("訂閱", "糾錯", "關注", "暫無評論", "0條評論,0人參與"),
        ("订阅", "纠错", "关注", "暂无评论", "12条评论，3人参与"),
    ],
)
def test_site_chrome_lines_are_recorded(script_lines):
    source = "\n".join((*script_lines, "正文第一句。关注这个问题的人很多。"))
    clean = clean_text(source)
    assert clean.text == source
    assert kinds(clean) == [(number, "site-chrome", line) for number, line in enumerate(script_lines, 1)]
