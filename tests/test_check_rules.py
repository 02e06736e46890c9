"""The glossary-free review rules on a dev set of Chinese news: every planted error found, no correct entry flagged.

Run as `toolkit check --no-glossary` runs them (no glossary). Each row is a realistic sentence, simplified or
traditional, with its English; `rules` is what must be reported, [] for a correct translation that looks like
a trap (scaled numbers, dates in other formats, model names, percentages, Chinese numerals, parenthesised
originals). The findings' messages are snapshotted in tests/test_check_rules/.
"""

from __future__ import annotations

import pytest

from toolkit.check import DEFAULT_RULES, Translation, check_entries
from toolkit.check.numbers import chinese_value, source_dates, source_quantities, target_values

CORRECT = [
    (
        "美国总统特朗普宣布了一项5000亿美元的人工智能基础设施计划。",
        "President Trump announced a $500 billion AI infrastructure plan.",
    ),
    ("该园区的总装机容量将达到4.5千兆瓦。", "The campus will reach a total installed capacity of 4.5 gigawatts."),
    ("该园区一期的装机容量为1.2千兆瓦。", "The first phase of the campus has an installed capacity of 1.2 GW."),
    ("中国的数字经济规模已超过1.2万亿美元。", "China's digital economy has exceeded $1.2 trillion."),
    ("活动吸引了十多万名观众。", "The event drew more than 100,000 spectators."),
    ("该项目预计在三个月内完成。", "The project is expected to be completed within three months."),
    ("这是公司历史上第一次出现亏损。", "This is the first loss in the company's history."),
    ("营收同比增长50%。", "Revenue grew 50 percent year on year."),
    ("利润率提高了百分之十二。", "The profit margin rose by 12 per cent."),
    (
        "OpenAI于2022年11月30日发布了ChatGPT，其底层模型是GPT-3.5。",
        "OpenAI released ChatGPT on 30 November 2022; its underlying model was GPT-3.5.",
    ),
    ("2019年，OpenAI推出了GPT-2。", "In 2019, OpenAI launched GPT-2."),
    ("2025年8月19日，公司发布了第二季度财报。", "On 2025-08-19 the company released its second-quarter earnings."),
    ("英伟达H100芯片的售价约为3万美元。", "Nvidia's H100 chip sells for about $30,000."),
    ("公司计划在未来两年内招聘3000名员工。", "The company plans to hire 3,000 employees over the next two years."),
    ("该公司市值蒸发了约3亿美元。", "About $300 million of the company's market value evaporated."),
    (
        "報告顯示，全球數據中心耗電量在2024年增長了兩倍。",
        "The report shows that global data center power use grew twofold in 2024.",
    ),
    (
        "微軟將在未來五年投資800億美元建設數據中心。",
        "Microsoft will invest $80 billion in data centers over the next five years.",
    ),
    ("該模型擁有1750億個參數。", "The model has 175 billion parameters."),
    ("這款手機在香港售價為7999港元。", "The phone sells for HK$7,999 in Hong Kong."),
    ("会议将于3月15日至17日在北京举行。", "The conference will be held in Beijing from March 15 to 17."),
    ("他在20世纪90年代创办了这家公司。", "He founded the company in the 1990s."),
    ("特斯拉第三季度交付了43.5万辆汽车。", "Tesla delivered 435,000 vehicles in the third quarter."),
    (
        "截至6月底，该应用的月活跃用户达到2.5亿。",
        "As of the end of June, the app had 250 million monthly active users.",
    ),
    ("百度宣布将裁员数百人。", "Baidu announced it would lay off hundreds of people."),
    ("三星电子股价下跌了2.3%。", "Samsung Electronics shares fell 2.3%."),
    ("两国领导人在会上签署了协议。", "The leaders of both countries signed the agreement at the meeting."),
    ("这家初创公司成立于2015年，总部位于杭州。", "Founded in 2015, the start-up is headquartered in Hangzhou."),
    ("阿里巴巴计划在未来三年投入3800亿元。", "Alibaba plans to invest 380 billion yuan over the next three years."),
    ("研究团队由一百多名工程师组成。", "The research team is made up of more than 100 engineers."),
    ("详情请访问 https://www.example.com/report-2025 。", "For details, visit https://www.example.com/report-2025."),
    ("如有疑问，请发邮件至 press@example.cn。", "For questions, email press@example.cn."),
    (
        "温故智新AIGC实验室发布了最新报告。",
        "The Wengu Zhixin AIGC Lab (温故智新AIGC实验室) released its latest report.",
    ),
    (
        "《人民日报》评论称，AI监管势在必行。",
        "A commentary in the People's Daily (人民日报) said AI regulation is imperative.",
    ),
    (
        "奥特曼在2024年5月的采访中表示，GPT-4“有点糟糕”。",
        'In an interview in May 2024, Altman said GPT-4 "kind of sucks".',
    ),
    (
        "据估计，全球约有七成的企业正在试用生成式AI。",
        "An estimated 70 percent of companies worldwide are trying out generative AI.",
    ),
    ("这款芯片的功耗降低了一半。", "The chip's power consumption was cut in half."),
    ("马斯克称，xAI的Colossus集群拥有10万块GPU。", "Musk said xAI's Colossus cluster has 100,000 GPUs."),
    ("比赛将在下周三举行。", "The match will take place next Wednesday."),
    ("中国科学院有12万名研究人员。", "The Chinese Academy of Sciences has 120,000 researchers."),
    ("DeepSeek-R1的训练成本仅为OpenAI的十分之一。", "DeepSeek-R1 cost a tenth of what OpenAI spent on training."),
    ("该公司去年营收为人民币56.7亿元。", "The company's revenue last year was 5.67 billion yuan."),
    ("上海的人口超过2400万。", "Shanghai has a population of more than 24 million."),
    ("苹果公司于9月9日发布了iPhone 16。", "Apple released the iPhone 16 on September 9."),
    ("TL;DR:", "TL;DR:"),
    ("发布时间：2025/8/19", "Published: August 19, 2025"),
    ("该基金规模为50亿美元，约合360亿元人民币。", "The fund is worth $5 billion, or about 36 billion yuan."),
    ("第二天，股价反弹了5%。", "The next day, the share price rebounded 5%."),
    ("公司将在第四季度推出5G手机。", "The company will launch a 5G phone in the fourth quarter."),
    ("他们在72小时内修复了漏洞。", "They fixed the vulnerability within 72 hours."),
    ("該公司在台灣僱用了超過兩千名工程師。", "The company employs more than 2,000 engineers in Taiwan."),
    ("OpenAI计划在2030年前将算力扩大到250吉瓦。", "OpenAI plans to expand its computing capacity to 250 GW by 2030."),
    ("这家公司是全球第二大芯片制造商。", "The company is the world's second-largest chipmaker."),
    ("研发投入占营收的比重为百分之十二点五。", "R&D spending came to 12.5% of revenue."),
    ("公司营收达到三点五亿元。", "The company's revenue reached 350 million yuan."),
    ("北京时间15:30，苹果公司发布了新品。", "Apple unveiled its new products at 3:30 p.m. Beijing time."),
    ("发布会定于9：05开始。", "The launch is set to start at 09:05."),
    ("这件事一两个月内就会有结果。", "There will be a result within a month or two."),
    ("他们通常在50多岁时退休。", "They usually retire in their 50s."),
    ("OpenAI早已不是文中所提的“數十億美元”。", 'OpenAI is long past the "billions of dollars" the text mentions.'),
    ("三项发布构成了一组“战略三部曲”。", 'The three launches formed a "strategic trilogy."'),
    ("这简单二字背后是深刻的认知。", 'Behind that word "simple" lies a deep understanding.'),
]

PLANTED = [
    (
        "该公司已成为全球第二大智能手机厂商。",
        "The company has become the world's third-largest smartphone maker.",
        ["number-mismatch"],
    ),
    ("研发投入占营收的比重为百分之十二点五。", "R&D spending came to 12% of revenue.", ["number-mismatch"]),
    (
        "北京时间15:30，苹果公司发布了新品。",
        "Apple unveiled its new products at 4:30 p.m. Beijing time.",
        ["number-mismatch"],
    ),
    (
        "美国总统特朗普宣布了一项5000亿美元的人工智能基础设施计划。",
        "President Trump announced a $50 billion AI infrastructure plan.",
        ["number-mismatch"],
    ),
    (
        "该园区的总装机容量将达到4.5千兆瓦。",
        "The campus will reach a total installed capacity of 4.5 megawatts.",
        ["number-mismatch"],
    ),
    (
        "中国的数字经济规模已超过1.2万亿美元。",
        "China's digital economy has exceeded $1.2 billion.",
        ["number-mismatch"],
    ),
    ("活动吸引了十多万名观众。", "The event drew more than 10,000 spectators.", ["number-mismatch"]),
    ("该项目预计在三个月内完成。", "The project is expected to be completed within four months.", ["number-mismatch"]),
    (
        "2025年8月19日，公司发布了第二季度财报。",
        "On August 18, 2025, the company released its second-quarter earnings.",
        ["date-mismatch"],
    ),
    (
        "奥特曼在2024年5月的采访中表示，GPT-4“有点糟糕”。",
        'In an interview in May 2023, Altman said GPT-4 "kind of sucks".',
        ["date-mismatch"],
    ),
    (
        "会议将于3月15日至17日在北京举行。",
        "The conference will be held in Beijing from March 13 to 17.",
        ["date-mismatch"],
    ),
    ("营收同比增长50%。", "Revenue grew 15 percent year on year.", ["number-mismatch"]),
    ("公司在上海发布了年度报告。", "The company released its annual report in 上海.", ["chinese-left"]),
    ("英伟达发布了新一代芯片。", "Nvidia (辉达) released a new generation of chips.", ["chinese-left"]),
    ("营收增长了5%，超出预期。", "Revenue rose 5%，beating expectations。", ["fullwidth-punctuation"]),
    ("特朗普称之为“斯普特尼克时刻”。", "Trump called it a “Sputnik moment”.", ["fullwidth-punctuation"]),
    ("营收同比增长50%。", "Revenue grew ５０ percent year on year.", ["fullwidth-punctuation"]),
    ("详情见 https://openai.com/index/gpt-5/ 。", "See https://openai.com/gpt-5/ for details.", ["url-changed"]),
    ("原文链接：https://mp.weixin.qq.com/s/AbC123", "Original link: http://mp.weixin.qq.com/s/AbC123", ["url-changed"]),
    ("如有疑问，请发邮件至 press@example.cn。", "For questions, email press@example.com.", ["email-changed"]),
    ("人工智能正在改变世界。", "人工智能正在改变世界。", ["same-as-source"]),
    (
        "特斯拉第三季度交付了43.5万辆汽车。",
        "Tesla delivered 435,000 vehicles in the second quarter.",
        ["number-mismatch"],
    ),
    ("該模型擁有1750億個參數。", "The model has 17.5 billion parameters.", ["number-mismatch"]),
    ("這款手機在香港售價為7999港元。", "The phone sells for HK$7,899 in Hong Kong.", ["number-mismatch"]),
    ("2019年，OpenAI推出了GPT-2。", "In 2018, OpenAI launched GPT-2.", ["date-mismatch"]),
    (
        "截至6月底，该应用的月活跃用户达到2.5亿。",
        "As of the end of June, the app had 25 million monthly active users.",
        ["number-mismatch"],
    ),
    ("该公司市值蒸发了约3亿美元。", "About $3 billion of the company's market value evaporated.", ["number-mismatch"]),
    ("发布时间：2025/8/19", "Published: August 9, 2025", ["date-mismatch"]),
    (
        "马斯克称，xAI的Colossus集群拥有10万块GPU。",
        "Musk said xAI's Colossus cluster has 10,000 GPUs.",
        ["number-mismatch"],
    ),
    (
        "微軟將在未來五年投資800億美元建設數據中心。",
        "Microsoft will invest $8 billion in data centers over the next five years.",
        ["number-mismatch"],
    ),
    ("報導稱，該公司於2023年12月裁員。", "The company reportedly cut jobs in November 2023.", ["date-mismatch"]),
    (
        "截至6月底，该应用的月活跃用户达到2.5亿。",
        "As of the end of July, the app had 250 million monthly active users.",
        ["date-mismatch"],
    ),
    ("他们在72小时内修复了漏洞。", "They fixed the vulnerability within 24 hours.", ["number-mismatch"]),
]


def findings_for(msgid: str, msgstr: str) -> list:
    return check_entries([Translation("news.po", 1, msgid, msgstr)], None, DEFAULT_RULES)


def test_the_dev_set_is_large_and_mostly_traps():
    assert len(CORRECT) + len(PLANTED) >= 60
    assert len(CORRECT) >= 1.5 * len(PLANTED)


@pytest.mark.parametrize(("msgid", "msgstr"), CORRECT, ids=[f"correct-{n}" for n in range(len(CORRECT))])
def test_a_correct_translation_is_not_flagged(msgid: str, msgstr: str):
    assert [(f.rule, f.message) for f in findings_for(msgid, msgstr)] == []


@pytest.mark.parametrize(("msgid", "msgstr", "rules"), PLANTED, ids=[f"planted-{n}" for n in range(len(PLANTED))])
def test_a_planted_error_is_found_under_its_rule(msgid: str, msgstr: str, rules: list[str]):
    assert [f.rule for f in findings_for(msgid, msgstr)] == rules


def test_findings_on_the_dev_set(data_regression):
    data_regression.check(
        [f"{f.rule}: {f.message}" for msgid, msgstr, _ in PLANTED for f in findings_for(msgid, msgstr)]
    )


def test_a_fuzzy_copy_of_the_source_is_a_starting_point_left_alone():
    entry = Translation("news.po", 1, "人工智能正在改变世界。", "人工智能正在改变世界。", fuzzy=True)
    assert check_entries([entry], None, DEFAULT_RULES) == []


# --- numbers and dates as values


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十五", 25),
        ("一百", 100),
        ("三千五百万", 35_000_000),
        ("两亿", 200_000_000),
        ("一万亿", 10**12),
        ("一亿二千万", 120_000_000),
        ("二〇二五", 2025),
        ("二三十", None),
    ],
)
def test_chinese_numerals_are_read_as_values(numeral: str, value: int | None):
    assert chinese_value(numeral) == value


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("5000亿美元", [5e11]),
        ("4.5千兆瓦", [4.5e9]),
        ("1.2万亿", [1.2e12]),
        ("3亿", [3e8]),
        ("十多万人", [1e5]),
        ("三个月", [3]),
        ("第三", [3]),
        ("50%", [50]),
        ("百分之五十", [50]),
        ("100多万人", [1e6]),
        ("50万千瓦", [5e8]),
        ("GPT-3.5和GPT-2", []),
        ("H100芯片", []),
        ("5G网络", []),
        ("第一", []),
        ("一些人", []),
        ("数十万人", []),
        ("三星", []),
        ("十分之一", []),
        ("90年代", []),
        ("千万不要", []),
    ],
)
def test_source_quantities(source: str, values: list[float]):
    assert [value for quantity in source_quantities(source) for value in quantity.values] == values


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("$500 billion", 5e11),
        ("4.5 GW", 4.5e9),
        ("4.5 gigawatts", 4.5e9),
        ("1.2 trillion", 1.2e12),
        ("more than 100,000", 1e5),
        ("three months", 3),
        ("the third", 3),
        ("Q3", 3),
        ("50 per cent", 50),
        ("one hundred and twenty", 120),
        ("a million", 1e6),
        ("$5bn", 5e9),
        ("100k", 1e5),
        ("10x", 10),
    ],
)
def test_target_values(target: str, value: float):
    assert value in target_values(target)


def test_model_names_in_the_target_are_not_quantities():
    assert target_values("GPT-3.5, GPT-2, H100, COVID-19 and 5G") == []


@pytest.mark.parametrize(
    ("source", "date"),
    [
        ("2025年8月19日", (2025, 8, 19)),
        ("2025-08-19", (2025, 8, 19)),
        ("2025/8/19", (2025, 8, 19)),
        ("8月19日", (None, 8, 19)),
        ("2024年5月", (2024, 5, None)),
        ("2019年", (2019, None, None)),
        ("十二月份", (None, 12, None)),
        ("19号", (None, None, 19)),
    ],
)
def test_source_dates(source: str, date: tuple):
    dates, _ = source_dates(source)
    assert [(d.year, d.month, d.day) for d in dates] == [date]


@pytest.mark.parametrize(
    "target", ["August 19, 2025", "19 August 2025", "2025-08-19", "Aug. 19, 2025", "on the 19th of August 2025"]
)
def test_a_date_in_any_usual_english_format_matches(target: str):
    assert findings_for("2025年8月19日，公司发布了财报。", f"{target}: the company released its results.") == []


def test_chinese_the_glossary_approves_is_not_left_over():
    from types import SimpleNamespace

    from toolkit.check.rules import chinese_left

    concept = SimpleNamespace(en="Tsinghua University (清华大学)", variants=("清华",))
    entry = Translation(
        "news.po", 1, "清华大学发布了报告。", "Tsinghua University (清华大学) and 清华 released a report."
    )
    assert list(chinese_left(entry, [SimpleNamespace(concept=concept)])) == []
    assert len(list(chinese_left(entry, []))) == 1  # 清华 alone is not a parenthesised original


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("十一月，公司发布了新产品。", "In November, the company released a new product."),
        ("该公司2025财年营收增长。", "The company's FY2025 revenue grew."),
        ("约1/3的用户选择了付费版本。", "About a third of users chose the paid version."),
        ("三月份的销量创下新高。", "Sales in March hit a record high."),
    ],
)
def test_months_in_chinese_numerals_fiscal_years_and_fractions_are_not_flagged(msgid: str, msgstr: str):
    assert findings_for(msgid, msgstr) == []


def test_a_month_in_chinese_numerals_must_be_in_the_target():
    assert [
        f.rule for f in findings_for("十一月，公司发布了新产品。", "In October, the company released a new product.")
    ] == ["date-mismatch"]
