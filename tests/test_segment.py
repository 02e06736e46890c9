"""segment: sentence rules (both scripts), document skeleton and rebuild, seeds, and `toolkit segment`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.clean import CLEANING_KINDS, clean_text
from toolkit.errors import InputError
from toolkit.segment import FLAGS, segment_file, segment_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def sentences(text: str) -> list[str]:
    return [segment.text for segment in segment_text(text).segments]


# ---------------------------------------------------------------- one test per rule, in both scripts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天天气很好。我们去公园吧！你想去吗？", ["今天天气很好。", "我们去公园吧！", "你想去吗？"]),
        ("今天天氣很好。我們去公園吧！你想去嗎？", ["今天天氣很好。", "我們去公園吧！", "你想去嗎？"]),
        ("这是战略调整?或者,这是一个错误!", ["这是战略调整?", "或者,这是一个错误!"]),
        ("這是戰略調整?或者,這是一個錯誤!", ["這是戰略調整?", "或者,這是一個錯誤!"]),
    ],
)
def test_split_after_full_width_and_ascii_sentence_ends(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("真的吗？！太好了！", ["真的吗？！", "太好了！"]),
        ("真的嗎?!太好了!", ["真的嗎?!", "太好了!"]),
    ],
)
def test_a_run_of_end_marks_is_one_boundary(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他问：“你来吗？”我说不来。", ["他问：“你来吗？”", "我说不来。"]),
        ("他問：「你來嗎？」我說不來。", ["他問：「你來嗎？」", "我說不來。"]),
        ("『你好。』『再見。』", ["『你好。』", "『再見。』"]),
        ("（这是括号里的句子。）接着是下一句。", ["（这是括号里的句子。）", "接着是下一句。"]),
        ("我读完了《百年孤独。》然后睡了。", ["我读完了《百年孤独。》", "然后睡了。"]),
        ('他说:"我们赢了。""真的吗?"她问。', ['他说:"我们赢了。"', '"真的吗?"', "她问。"]),
    ],
)
def test_closing_quotes_and_brackets_stay_with_the_sentence_they_close(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“我们赢了。你们输了。”然后走了。", ["他说：“我们赢了。", "你们输了。”", "然后走了。"]),
        ("他們說「是的，你會回來的。你會回來的。」", ["他們說「是的，你會回來的。", "你會回來的。」"]),
    ],
)
def test_sentences_inside_long_quotes_split_too(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "宣布将在美国本土开发容量高达4.5千兆瓦的数据中心。",
        "宣布將在美國本土開發容量高達4.5千兆瓦的數據中心。",
        "如果你回到ChatGPT刚发布时的GPT-3.5时代,你会简直不敢相信。",
        "美國(U.S.)政府表示將加強管制。",
        "这些公司（e.g. Google、Meta）都在投入。",
        "Dr. Smith 对此表示担忧。",
        "博客地址：https://blog.samaltman.com/the-days-are-long 很有意思。",
        "請發郵件至 liyazhou@jiqizhixin.com 聯繫我們。",
        "J. K. Rowling 写了这本书。",
        "那么能源.....会怎样？",
    ],
)
def test_ascii_period_does_not_split_numbers_abbreviations_urls_or_emails(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI 发布了 GPT-5. 它的表现非常好。", ["OpenAI 发布了 GPT-5.", "它的表现非常好。"]),
        ("OpenAI 發布了 GPT-5. 它的表現非常好。", ["OpenAI 發布了 GPT-5.", "它的表現非常好。"]),
        ("Hello world.你好世界。", ["Hello world.", "你好世界。"]),
        ("They signed it on Jan. 5. 它们都同意了。", ["They signed it on Jan. 5.", "它们都同意了。"]),
    ],
)
def test_ascii_period_splits_before_a_capital_or_a_han_character(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第一，提高效率；第二，降低成本：第三，扩大市场。",
        "第一，提高效率；第二，降低成本：第三，擴大市場。",
        "TL;DR: 这是一个摘要; 详情见下文: 请阅读。",
        "时间是 12:05 左右。",
    ],
)
def test_semicolons_and_colons_never_split(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深度学习是一个不断赠予的奇迹\n提问者:山姆,欢迎。", ["深度学习是一个不断赠予的奇迹", "提问者:山姆,欢迎。"]),
        ("深度學習是一個不斷贈予的奇蹟\n提問者:山姆,歡迎。", ["深度學習是一個不斷贈予的奇蹟", "提問者:山姆,歡迎。"]),
    ],
)
def test_a_short_line_without_end_punctuation_is_its_own_segment_and_a_heading(text, expected):
    document = segment_text(text)
    assert [segment.text for segment in document.segments] == expected
    assert [segment.flags for segment in document.segments] == [("heading",), ()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "奥特曼说：The model is great. It is fast! Is it cheap? 没人知道。",
            ["奥特曼说：The model is great.", "It is fast!", "Is it cheap?", "没人知道。"],
        ),
        (
            "奧特曼說：Mr. Altman said the U.S. government should act. 他說得沒錯。",
            ["奧特曼說：Mr. Altman said the U.S. government should act.", "他說得沒錯。"],
        ),
    ],
)
def test_english_inside_a_chinese_paragraph_is_split_by_english_rules(text, expected):
    assert sentences(text) == expected


def test_footnote_markers_stay_out_of_the_text_but_in_the_skeleton():
    document = segment_text("他坦言,自己确实“很担心”1。在他看来,这是竞赛。他回答:“这行不通。”2")
    assert [segment.text for segment in document.segments] == [
        "他坦言,自己确实“很担心”。",
        "在他看来,这是竞赛。",
        "他回答:“这行不通。”",
    ]
    assert document.skeleton == ("", "1", "", "2")


@pytest.mark.parametrize(
    ("text", "expected", "skeleton"),
    [
        # seed 000's English: the marker glued to the closing quote hid the boundary
        (
            'He was "very worried."1 As he sees it, no.',
            ['He was "very worried."', "As he sees it, no."],
            ("", "1 ", ""),
        ),
        (
            '他说：He was "very worried."1 As he sees it.',
            ['他说：He was "very worried."', "As he sees it."],
            ("", "1 ", ""),
        ),
        ("He said so![2] Then he left.", ["He said so!", "Then he left."], ("", "[2] ", "")),
        ('He shouted "Stop!"1 Then he left.', ['He shouted "Stop!"', "Then he left."], ("", "1 ", "")),
        ("He said so.[^3] Then he left.", ["He said so.", "Then he left."], ("", "[^3] ", "")),
        ("自己确实“很担心”。[1]在他看来,这是竞赛。", ["自己确实“很担心”。", "在他看来,这是竞赛。"], ("", "[1]", "")),
        ("他說“好！”2 然後走了。", ["他說“好！”", "然後走了。"], ("", "2 ", "")),
        ("他回答:“这行不通。”12\n\n下一段。", ["他回答:“这行不通。”", "下一段。"], ("", "12\n\n", "")),
    ],
)
def test_a_footnote_marker_after_the_sentence_end_stays_with_its_sentence_and_ends_it(text, expected, skeleton):
    document = segment_text(text)
    assert [segment.text for segment in document.segments] == expected
    assert document.skeleton == skeleton
    [marker] = document.footnotes
    assert (marker.kind, marker.piece) == ("marker", 1)
    assert document.skeleton[1][marker.start : marker.end].strip("[^]") == str(marker.number)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ('He was "very worried."1 As he sees it, no.', ['He was "very worried."1', "As he sees it, no."]),
        ("He said so.[^1] Then he left.", ["He said so.[^1]", "Then he left."]),
        ("He said so!”2 Then he left.", ["He said so!”2", "Then he left."]),
        ("It is 3.5 GW. Next.", ["It is 3.5 GW.", "Next."]),
        ("It grew by 3.5 Percent.", ["It grew by 3.5 Percent."]),
    ],
)
def test_the_english_splitter_of_align_keeps_a_footnote_marker_with_its_sentence(paragraph, expected):
    from toolkit.align.english import RULES as ENGLISH

    assert [paragraph[low:high] for low, high in ENGLISH.split(paragraph)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "It is 3.5 GW. Next.",  # a decimal point: the digits belong to the number
        "He was worried.1 As he said.",  # a bare period before digits: not a marker (a reviewer's case)
        "会议结束。1月1日再开。",  # a number before Han after a sentence end starts the next sentence (a date)
        '他说："1 in 10 people" 是真的。',  # an opening quote before a number
    ],
)
def test_numbers_that_are_not_footnote_markers_stay_in_the_text(text):
    document = segment_text(text)
    assert not [note for note in document.footnotes if note.kind == "marker"]
    assert "".join(segment.text for segment in document.segments).replace(" ", "") == text.replace(" ", "")


def test_the_notes_list_is_recorded_as_definitions_with_their_back_links():
    document = segment_text(
        "他说“很担心”1。在他看来。\n\n引用\n\n  1. 来源一·2025/8/19 ↩︎ ↩︎\n\n  2. 来源二 ↩︎\n\n3. 不是注释\n"
    )
    notes = [
        (note.kind, note.number, document.skeleton[note.piece][note.start : note.end]) for note in document.footnotes
    ]
    assert notes == [
        ("marker", 1, "1"),
        ("definition", 1, "  1. "),
        ("backlink", 1, "↩︎"),
        ("backlink", 1, "↩︎"),
        ("definition", 2, "  2. "),
        ("backlink", 2, "↩︎"),
    ]  # "3. 不是注释" has no back-link: a numbered list item, not a note
    assert [segment.text for segment in document.segments][-3:] == ["来源一·2025/8/19", "来源二", "不是注释"]


def test_a_markdown_footnote_definition_is_recorded_and_its_label_kept_out_of_the_text():
    document = segment_text("他说。[^1]然后走了。\n\n[^1]: 来源一。\n")
    assert [segment.text for segment in document.segments] == ["他说。", "然后走了。", "来源一。"]
    assert [(note.kind, note.number) for note in document.footnotes] == [("marker", 1), ("definition", 1)]
    assert document.skeleton[2] == "\n\n[^1]: "


def test_damaged_text_is_flagged_and_not_split_at_its_question_mark():
    document = segment_text(
        "隨著組織架構調整的塵埃落定，OpenAI旋即開啟了緊鑼密鼓、規?涨暗拇笏懔Σ季謺r代。下一句很正常。"
    )
    assert [(segment.text, segment.flags) for segment in document.segments] == [
        ("隨著組織架構調整的塵埃落定，OpenAI旋即開啟了緊鑼密鼓、規?涨暗拇笏懔Σ季謺r代。", ("encoding-damage",)),
        ("下一句很正常。", ()),
    ]
    assert [cleaning.kind for cleaning in document.cleanings] == ["encoding-damage"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：'好的。'然后走了。", ["他说：'好的。'", "然后走了。"]),
        ("他说完了。'Twas a fine day.", ["他说完了。", "'Twas a fine day."]),
        ("他说完了。'90年代很好。", ["他说完了。", "'90年代很好。"]),
    ],
)
def test_ascii_apostrophe_closes_the_sentence_unless_a_letter_or_digit_follows(text, expected):
    assert sentences(text) == expected


def test_the_sentence_rules_read_their_punctuation_from_toolkit_script():
    from toolkit import script
    from toolkit.segment import RULES

    assert (RULES.sentence_end, RULES.period, RULES.closers, RULES.never_end) == (
        script.SENTENCE_END,
        script.PERIOD,
        script.CLOSERS,
        script.NEVER_END,
    )


# ---------------------------------------------------------------- linear time, same boundaries as the plain rules


class PlainRules:
    """The sentence rules as first written (each rule searches the whole text before the candidate end): the oracle."""

    def __init__(self) -> None:
        import regex

        from toolkit.segment import RULES

        self.rules = RULES
        self.word_before = regex.compile(r"(?:[A-Za-z]+\.)*[A-Za-z]+$")

    def boundaries(self, text, protected=()):
        rules, cuts = self.rules, []
        for match in rules._end_run.finditer(text):
            start, end = match.span()
            if cuts and start < cuts[-1] or any(low <= start < high for low, high in protected):
                continue
            run = match.group()
            if run in rules.period and not self.period_ends(text, start):
                continue
            if rules._ascii_end.fullmatch(run) and rules._between_latin(text, start, end):
                continue
            cuts.append(self.sentence_end(text, end))
        return cuts

    def period_ends(self, text, at):
        rules = self.rules
        if at + 1 < len(text) and text[at + 1].isdigit():
            return False
        if rules._enumerator.search(text, 0, at):
            return False
        word = self.word_before.search(text, 0, at)
        if word and (
            word.group() in rules.abbreviations
            or (len(word.group()) == 1 and word.group().isupper())
            or rules._dotted_acronym.fullmatch(word.group())
        ):
            return False
        after = self.sentence_end(text, at + 1)
        return after == len(text) or bool(rules._after_period.match(text, after))

    def sentence_end(self, text, at):
        """After the closers, and after a footnote marker (after a period only with a closer between, or in brackets)."""
        import regex

        after = self.absorb_closers(text, at)
        marker = regex.compile(r"\[\^?[0-9]{1,3}\]|[0-9]{1,2}(?=[ \t\u3000\u00a0\[↩]|$)").match(text, after)
        if marker and (after > at or text[at - 1] not in ".．" or marker.group()[0] == "["):
            return marker.end()  # (the oracle spells out the period rule that _period_ends's digit check gives)
        return after

    def absorb_closers(self, text, at):
        run = self.rules._closer_run.match(text, at).group()
        for offset, char in enumerate(run):
            position = at + offset
            if char == '"' and text.count('"', 0, position) % 2 == 0:
                return position
            if char == "'" and self.rules._latin.match(text, position + 1):
                return position
        return at + len(run)


BOUNDARY_PIECES = [
    "。",
    ".",
    ". ",
    "．",
    "!",
    "?",
    "！？",
    "‼",
    "”",
    "’",
    "」",
    '"',
    "'",
    "）",
    "》",
    " ",
    "\t",
    "：",
    "，",
    "；",
    "、",
    "1",
    "12",
    "123",
    "4.5",
    "原因有三：1. 成本高",
    "Mr",
    "U.S",
    "A.I",
    "J",
    "a",
    "Ab",
    "Jan",
    "e.g",
    "x.y",
    "..",
    "中",
    "国",
    "Hello world",
    "GPT-3",
    "https://a.example/x.y",
    "Yahoo",
    "你好",
    "[1]",
    "[^2]",
    "↩︎",
    "\n",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=30).map("".join),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=3),
)
def test_linear_rules_cut_exactly_where_the_plain_rules_cut(text, spans):
    from toolkit.segment import RULES

    protected = [(start, start + length) for start, length in spans]
    assert RULES.boundaries(text, protected) == PlainRules().boundaries(text, protected)


def test_a_long_list_numbered_line_is_cut_like_a_short_one():
    from toolkit.segment import RULES

    line = "原因有三：1. 成本高。" * 2000
    cuts = RULES.boundaries(line)
    assert cuts == [len("原因有三：1. 成本高。") * number for number in range(1, 2001)]
    assert cuts == PlainRules().boundaries(line)


# ---------------------------------------------------------------- structure, skeleton and rebuild

MARKDOWN = """# 奥特曼回应一切：宫斗、马斯克

原文链接: http://mp.weixin.qq.com/s?__biz=MzA3&mid=2650

**Q：你现在感觉如何？**  
A：我明年就 40 岁了。在我 30
岁生日时，我写了一篇博客。  
> Sora 是 OpenAI 的视频生成模型。
· PBC：此部分将专注于股东回报。
1. 算力霸权：通过史无前例的资本投入。
![](https://mmbiz.qpic.cn/sz_mmbiz_png/640?wx_fmt=png)  
 _博客地址：https://blog.samaltman.com/the-days-are-long_  
"""


def test_structure_stays_out_of_the_text_and_becomes_flags():
    document = segment_text(MARKDOWN, "interview.md")
    assert [
        (segment.paragraph, segment.index, segment.line, segment.text, segment.flags) for segment in document.segments
    ] == [
        (1, 1, 1, "奥特曼回应一切：宫斗、马斯克", ("heading",)),
        (2, 1, 3, "原文链接:", ()),
        (3, 1, 5, "Q：你现在感觉如何？", ("bold",)),
        (4, 1, 6, "A：我明年就 40 岁了。", ()),
        (4, 2, 6, "在我 30 岁生日时，我写了一篇博客。", ()),
        (5, 1, 8, "Sora 是 OpenAI 的视频生成模型。", ("quote",)),
        (6, 1, 9, "PBC：此部分将专注于股东回报。", ("list-item",)),
        (7, 1, 10, "算力霸权：通过史无前例的资本投入。", ("list-item",)),
        (8, 1, 12, "博客地址：", ("italic",)),
    ]


def test_rebuild_with_the_source_text_gives_back_the_cleaned_text():
    document = segment_text(MARKDOWN)
    assert document.rebuild(lambda segment: segment.text) == clean_text(MARKDOWN).text


def test_rebuild_in_english_keeps_the_structure(file_regression):
    document = segment_text(MARKDOWN)
    english = {
        "奥特曼回应一切：宫斗、马斯克": "Altman answers everything: palace intrigue, Musk",
        "原文链接:": "Original link:",
        "Q：你现在感觉如何？": "Q: How do you feel now?",
        "A：我明年就 40 岁了。": "A: I turn 40 next year.",
        "在我 30 岁生日时，我写了一篇博客。": "On my 30th birthday I wrote a blog post.",
        "Sora 是 OpenAI 的视频生成模型。": "Sora is OpenAI's video generation model.",
        "PBC：此部分将专注于股东回报。": "PBC: this part will focus on shareholder returns.",
        "算力霸权：通过史无前例的资本投入。": "Compute hegemony: through unprecedented capital investment.",
        "博客地址：": "Blog address:",
    }
    file_regression.check(document.rebuild(lambda segment: english[segment.text], sentence_gap=" "), extension=".md")


# Characters and pieces of markup that exercise every rule, mixed with arbitrary Unicode.
PIECES = [*"中文。！？!?.．，：；“”「」()（）*#>·-_ \n\t\r\u3000aZ1[]^\"'?涨懔Σō"]
PIECES += [
    "**",
    "> ",
    "# ",
    "1. ",
    "  \n",
    "https://a.b/c?d",
    "![](x.png)",
    "(yè)",
    "“很担心”1。",
    "↩︎",
    '."1 ',
    "[^1]: ",
    "  1. ",
    "訂閱\n",
    "U.S. ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.characters(), max_size=40).map("".join))
def test_segmentation_is_lossless_for_any_text(text):
    document = segment_text(text)
    assert document.rebuild(lambda segment: segment.text) == clean_text(text, document.script).text
    assert len(document.skeleton) == len(document.segments) + 1
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for segment in document.segments:
        assert segment.text and segment.text == segment.text.strip()
        assert "**" not in segment.text
        assert 1 <= segment.line <= line_count
    for note in document.footnotes:  # every recorded footnote lies in the skeleton and is what its kind says
        piece = document.skeleton[note.piece][note.start : note.end]
        assert {
            "marker": str(note.number) in piece,
            "backlink": piece.startswith("↩"),
            "definition": str(note.number) in piece and piece[-1] in ". \t:)",
        }[note.kind], (note, piece)


def test_site_chrome_stays_out_of_the_segments_but_in_the_document():
    document = segment_text("訂閱\n糾錯\n加入自媒體\n\nOpenAI的弒神賭局\n\n關注\n正文。\n發表評論\nx")
    assert [segment.text for segment in document.segments] == ["OpenAI的弒神賭局", "正文。"]
    assert document.rebuild(lambda segment: segment.text).startswith("訂閱\n糾錯\n加入自媒體\n")


def test_an_empty_or_markup_only_text_has_no_segments():
    assert segment_text("").segments == ()
    assert segment_text("  \n\n![](https://a.example/x.png)\n01\n").segments == ()


# ---------------------------------------------------------------- boundary table: gold sentences, F1 >= 0.98

BOUNDARY_TABLE = {
    "simple-hans": "今天天气很好。‖我们去公园吧！‖你想去吗？",
    "simple-hant": "今天天氣很好。‖我們去公園吧！‖你想去嗎？",
    "question-in-quote-hans": "他问：“你来吗？”‖我说：“不来。”",
    "question-in-quote-hant": "他問：「你來嗎？」‖我說：「不來。」",
    "long-quote-hans": "他说：“我们赢了。‖你们输了。”‖然后走了。",
    "long-quote-hant": "他說：「我們贏了。‖你們輸了。」‖然後走了。",
    "run-of-ends": "真的吗？！‖太好了！",
    "ascii-run-of-ends": "這是真的嗎?!‖太好了!",
    "decimal-hans": "研究人员指出，模型在4.5千兆瓦的数据中心训练。‖GPT-3.5的表现也不错。",
    "decimal-hant": "研究人員指出，模型在4.5千兆瓦的數據中心訓練。‖GPT-3.5的表現也不錯。",
    "us-abbreviation": "美國(U.S.)政府表示將加強管制。‖Dr. Smith 對此表示擔憂。",
    "url-and-email": "請訪問 https://example.com/a.b?c=1 了解更多。‖或發郵件至 info@example.com 聯繫。",
    "colons-and-semicolons": "注意：以下内容；仅供参考：请勿转载。",
    "period-before-han": "OpenAI 发布了新模型. ‖它的表现非常好。",
    "english-then-chinese": "He said it works. ‖We agree. ‖然后他们开始合作。",
    "quote-then-sentence": "奥特曼说：“我的直觉是，这行不通。”‖他补充道，这只是开始。",
    "corner-question": "「這是什麼？」‖他問。",
    "double-corner": "『你好。』‖『再見。』",
    "bracketed-sentence": "（這是括號裡的句子。）‖接著是下一句。",
    "ellipsis": "他说……也许吧。‖我不知道。",
    "version-number": "版本号是 v1.2.3，发布于 2024 年。‖下一版本即将推出。",
    "eg-in-brackets": "这些公司（e.g. Google、Meta）都在投入。‖结果尚不可知。",
    "english-quote": "“Our mission is to ensure that AGI benefits all of humanity.”‖这是他们的使命。",
    "mr-and-us": "Mr. Altman said the U.S. government should act. ‖他说的没错。",
    "prices": "价格从 0 美元到 20 美元。‖是不是太贵了？‖不贵！",
    "enumeration": "第一，提高效率；第二，降低成本；第三，扩大市场。",
    "ascii-quotes-spaced": '報告中建議美國政府 " 打敗中國 "。‖這一轉變耐人尋味。',
    "ascii-quote-sentence": '研究員表示:" 你可以讓 [ 計算資源 ] 遠離中國,但你無法出口管制全世界的創意。"‖DeepSeek 的成就提出了重要問題。',
    "ascii-quote-pairs": '他说:"我们赢了。"‖"真的吗?"‖她问。',
    "ascii-question-han": "這是戰略性的重新定位?‖或者,OpenAI 是否承認了一個事實?",
    "ascii-question-latin": "是否還可持續?‖Nvidia 的業務前景是否被誇大了?",
    "model-names": "这是 GPT-4o 的能力。‖而 o1 则更强。",
    "decimals-and-units": "他在 3.5 小时内完成了任务。‖效率提高了 2.3 倍。",
    "trillions": "所涉資金總額已高達1.5萬億美元。‖與之相應,估值達到了5000億美元。",
    "tldr": "TL;DR: 这是一个摘要。‖详情见下文。",
    "clock-time": "时间是 12:05 左右。‖大家都到了。",
    "all-english": "The model is great. ‖It is fast! ‖Is it cheap? ‖No.",
    "month-abbreviation": "The U.S. and the U.K. signed the deal on Jan. 5. ‖它们都同意了。",
    "parenthetical-year": "Sam Altman (born 1985) is the CEO of OpenAI. ‖他出生于芝加哥。",
    "initials": "J. K. Rowling 写了《哈利·波特》。‖这本书很畅销。",
    "exclamation-in-quote": "他喊道：“快跑！”‖我们都跑了。",
    "single-quotes": "‘你确定吗？’‖她低声问。",
    "book-title": "我读了《百年孤独》。‖这是一本好书。",
    "acronym-in-brackets": "我们的使命是开发通用人工智能 (AGI)、超级智能以及之后的一切。‖在这个过程中，我们会遇到很多精彩的事物。",
    "long-hant": "當然，我仍然認為未來會出現一些非常奇怪甚至可怕的時刻。‖任何強大的技術，從火到電，都會帶來風險。",
    "questions-hant": "這只是開始嗎？‖還是結束？‖沒有人知道。",
    "quoted-repeat-hant": "他們會說「是的，你會回來的。‖你會回來的。」",
    "no-punctuation": "深度學習是一個不斷贈予的奇蹟",
    "percent": "上周五，我们宣布 o3 通过了这个基准。‖如果模型能得到 85% 的分数，就能被认为「通过」了。",
    "spaced-brackets": "使用高性能配置 (计算成本 172 万美元) 时得分 87.5%。‖这两个分数都创造了新的记录。",
    "english-phrase-inside": "这就是 Elon being Elon。‖问题是，他会不会滥用权力？",
    "url-at-end": "原文地址：https://www.bloomberg.com/features/2025-sam-altman-interview/ 。‖转载请联系。",
    "email-at-end": "转载请联系 liyazhou@jiqizhixin.com.",
    "apostrophe": "It costs $4.5 million. ‖That's a lot. ‖这很贵。",
    "period-hant": "OpenAI 發布了 GPT-5. ‖這個模型很強大.",
    "nested-question-quote": "他说：“这是我最喜欢的文章，我每年都会读。‖等你 40 岁时，你会写一篇更新吗？”‖我笑了。",
    "period-glued-han": "Hello world.‖你好世界。",
    "ascii-question-number": "问题是什么?‖答案是 42!",
    "ellipsis-question": "你……还好吗？‖我很好。",
    "big-number": "這是第 10000 個應用？‖那真的很難。",
    "saint": "St. Louis 是一座城市。‖它在美国中部。",
    "parenthesis-after-english": "心想：天哪，深度学习看来成了（Man, deep learning seems real.）。‖而且，它似乎具有扩展性。",
    "dash-and-bracket": "我丈夫（Altman 于 2024 年初结婚。‖他们预计在 2025 年 3 月迎来一个孩子。）‖会讲一些有趣的故事。",
    "inline-enumeration": "原因有三：1. 成本高；2. 效率低；3. 风险大。‖He was 25. ‖我们知道。",
    "dotted-acronym": "A.I. 技术正在改变世界，苹果、香蕉 etc. 都受影响。‖Ph.D. 学生也一样。",
    "fullwidth-period": "這是第一句．‖這是第二句，價格是３．５元．",
    "ascii-single-quotes": "他说'这是测试。'‖然后离开了。‖He said 'Go.' ‖Then he left.",
    "mixed-fullwidth-ascii": "美國總統剛剛入主白宮後就宣布了一系列措施。‖這是一個好消息!‖但並非所有人都同意?",
}


def boundary_offsets(sentences_: list[str]) -> set[int]:
    """Boundaries between sentences as offsets into the text with all whitespace removed."""
    offsets, position = set(), 0
    for sentence in sentences_[:-1]:
        position += len("".join(sentence.split()))
        offsets.add(position)
    return offsets


def test_boundary_f1_on_the_table_is_at_least_0_98(data_regression):
    true_positive = false_positive = false_negative = 0
    output = {}
    for name, case in BOUNDARY_TABLE.items():
        gold = case.split("‖")
        predicted = sentences(case.replace("‖", ""))
        output[name] = predicted
        gold_offsets, predicted_offsets = boundary_offsets(gold), boundary_offsets(predicted)
        true_positive += len(gold_offsets & predicted_offsets)
        false_positive += len(predicted_offsets - gold_offsets)
        false_negative += len(gold_offsets - predicted_offsets)
    f1 = 2 * true_positive / (2 * true_positive + false_positive + false_negative)
    assert len(BOUNDARY_TABLE) >= 50
    assert f1 >= 0.98, f"boundary F1 {f1:.3f}"
    data_regression.check(output)


# ---------------------------------------------------------------- seeds


@pytest.mark.parametrize("path", SEEDS, ids=[path.name[:3] for path in SEEDS])
def test_seed_segmentation_snapshot(path, data_regression):
    document = segment_file(path)
    data_regression.check(
        {
            "script": str(document.script),
            "encoding": document.encoding,
            "segments": [
                {"paragraph": s.paragraph, "index": s.index, "line": s.line, "text": s.text, "flags": list(s.flags)}
                for s in document.segments
            ],
            "cleanings": [{"line": c.line, "kind": c.kind, "text": c.text} for c in document.cleanings],
            "footnotes": [
                {
                    "kind": f.kind,
                    "number": f.number,
                    "after_segment": f.piece - 1,
                    "text": document.skeleton[f.piece][f.start : f.end],
                }
                for f in document.footnotes
            ],
        }
    )


@pytest.mark.parametrize("path", SEEDS, ids=[path.name[:3] for path in SEEDS])
def test_seed_segments_have_no_markup_and_real_lines(path):
    document = segment_file(path)
    source_lines = path.read_text(encoding="utf-8").split("\n")
    for segment in document.segments:
        assert "**" not in segment.text and not segment.text.startswith(("> ", "# ", "· "))
        assert segment.text[0] in source_lines[segment.line - 1]
    assert (
        document.rebuild(lambda segment: segment.text)
        == clean_text(path.read_text(encoding="utf-8"), document.script).text
    )


def test_only_seed_003_has_encoding_damage_flags():
    damaged = {
        path.name[:3]: {s.line for s in segment_file(path).segments if "encoding-damage" in s.flags} for path in SEEDS
    }
    assert damaged == {"000": set(), "001": set(), "002": set(), "003": {71, 131, 157, 177, 227}, "004": set()}


def test_every_flag_and_cleaning_kind_on_the_seeds_is_documented():
    documents = [segment_file(path) for path in SEEDS]
    flags = {flag for document in documents for segment in document.segments for flag in segment.flags}
    kinds = {cleaning.kind for document in documents for cleaning in document.cleanings}
    assert flags == set(FLAGS)
    assert kinds == set(CLEANING_KINDS)


def test_segment_file_reports_undecodable_input(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("今天天气很好。".encode() + b"\xff\xfe" + "我们去北京。".encode())
    with pytest.raises(InputError, match="invalid UTF-8 at byte offset 21"):
        segment_file(path)


# ---------------------------------------------------------------- the command


def run_toolkit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_prints_one_json_object_per_segment():
    result = run_toolkit("segment", str(SEEDS[0]))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and result.stderr == ""
    assert records[0] == {
        "file": str(SEEDS[0]),
        "paragraph": 1,
        "index": 1,
        "line": 1,
        "text": "萨姆·奥尔特曼:在焦虑与开放间重塑AI世界棋局",
        "flags": ["heading"],
    }
    assert len(records) == len(segment_file(SEEDS[0]).segments)


def test_command_reads_several_files_in_a_named_encoding(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes("第一篇。第二句！".encode("gb18030"))
    second.write_bytes("第二篇文章。".encode("gb18030"))
    result = run_toolkit("segment", "--encoding", "gb18030", str(first), str(second))
    assert result.returncode == 0
    assert [(record["file"], record["text"]) for record in map(json.loads, result.stdout.splitlines())] == [
        (str(first), "第一篇。"),
        (str(first), "第二句！"),
        (str(second), "第二篇文章。"),
    ]


def test_command_lists_cleaning_records():
    result = run_toolkit("segment", "--cleaning", str(SEEDS[3]))
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert result.returncode == 0 and kinds == {"pinyin-annotation", "encoding-damage", "site-chrome"}


def test_command_on_undecodable_file_prints_one_line_and_exits_2(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("好的".encode() + b"\xff\xfe\xfd")
    result = run_toolkit("segment", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert (
        result.stderr
        == f"toolkit: error: {path}: invalid UTF-8 at byte offset 6 — convert the file to UTF-8, or name its encoding with --encoding\n"
    )


def test_command_on_empty_file_says_so(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = run_toolkit("segment", str(path))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"toolkit: note: {path}: no text to translate (empty or only markup)\n"


def test_command_never_imports_the_translation_engine():
    code = (
        "import sys\nfrom toolkit.cli import _register, cli\n_register()\n"
        f"cli.main(['segment', {str(SEEDS[4])!r}], standalone_mode=False)\n"
        "print(sorted(m for m in ('argostranslate', 'ctranslate2', 'torch', 'sentencepiece') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "[]"
