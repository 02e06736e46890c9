"""`toolkit check`: rules on PO entries, the per-file summary, reporters, and the command's exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from helpers import toolkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.check import (
    Finding,
    Translation,
    check_catalogs,
    check_entries,
    format_github,
    format_json,
    format_text,
    latin_names,
)
from toolkit.glossary import load_glossary

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary")


def write_po(path: Path, pairs, metadata=None, fuzzy: tuple[int, ...] = ()) -> Path:
    """A PO file with the given (msgid, msgstr) pairs; entries at `fuzzy` positions flagged fuzzy."""
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = (
        metadata
        if metadata is not None
        else {"Content-Type": "text/plain; charset=UTF-8", "Language": "en", "X-Source-Language": "zh_Hans"}
    )
    for number, (msgid, msgstr) in enumerate(pairs):
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if number in fuzzy else []))
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def rules(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


def check_one(glossary, msgid: str, msgstr: str) -> list[Finding]:
    return check_entries([Translation("a.po", 1, msgid, msgstr)], glossary)


# --- planted violations of the three glossary terms the acceptance set uses


@pytest.mark.parametrize(
    ("msgid", "msgstr", "rule"),
    [
        ("美国的出口管制没有用。", "America's export restrictions are useless.", "term-missing"),
        ("美国的出口管制没有用。", "America's export management is useless.", "term-forbidden"),
        ("OpenAI宣布了星际之门项目。", "OpenAI announced the Star Gate project.", "term-forbidden"),
        ("OpenAI宣布了星際之門項目。", "OpenAI announced the Interstellar Gate project.", "term-forbidden"),
        ("OpenAI宣布了星際之門項目。", "OpenAI announced the Starship project.", "term-missing"),
        ("他描绘了AGI的蓝图。", "He sketched a blueprint for general AI.", "dnt-changed"),
        ("他描绘了AGI的蓝图。", "He sketched a blueprint for Agi.", "dnt-changed"),
        ("通用人工智能会到来。", "General AI will come.", "term-missing"),
        ("DeepSeek-R1的训练成本很低。", "Deep Search R1 was cheap to train.", "dnt-changed"),
        ("奥特曼回应一切。", "Ultraman responds to everything.", "term-forbidden"),
        ("开发通用人工智能 (AGI)。", "Develop general AI.", "term-missing"),
    ],
)
def test_planted_violation_is_found_under_its_rule_only(glossary, msgid: str, msgstr: str, rule: str):
    assert rules(check_one(glossary, msgid, msgstr)) == [rule]


CORRECT = [
    (
        "他警示美国低估了中国AI实力，质疑出口管制的有效性，并出人意料地推动OpenAI发布开放权重模型。",
        "He warned that the US underestimates China's AI strength, questioned whether export controls work, "
        "and unexpectedly pushed OpenAI to release an open-weight model.",
    ),
    (
        "他不再只是那个描绘AGI（通用人工智能）宏伟蓝图的未来主义者。",
        "He is no longer just the futurist sketching a grand blueprint of AGI (artificial general intelligence).",
    ),
    (
        "“你可以对某个环节实施出口管制，但或许未必精准……也许人们会建立晶圆厂。”",
        '"You can export-control one part of the chain, but maybe not precisely... maybe people build fabs."',
    ),
    (
        "2025年1月21日：OpenAI正式对外宣布了名为“星际之门”（Stargate）的超级计算项目。",
        "January 21, 2025: OpenAI officially announced a supercomputing project called Stargate.",
    ),
    (
        '歐盟和法國此舉，類似于美國特朗普總統斥資 5000 億美元的 " 星際之門 "AI 數據中心項目。',
        "The moves by the EU and France resemble President Trump's $500 billion Stargate AI data center project.",
    ),
    ("7月22日：Stargate与Oracle（甲骨文）达成合作。", "July 22: Stargate reached a partnership with Oracle."),
    ("OpenAI与NVIDIA（英伟达）宣布建立战略合作伙伴关系。", "OpenAI and Nvidia announced a strategic partnership."),
    ("这些针对语言模型的规模法则（scaling laws）。", "These scaling laws for language models."),
    (
        '特朗普表示 DeepSeek 可能爲美國科技公司敲響了警鍾，并稱之爲 " 斯普特尼克時刻 "。',
        'Trump said DeepSeek may be a wake-up call for US tech companies, calling it a "Sputnik moment".',
    ),
    (
        "中國 AI 初創公司 DeepSeek 推出了其大規模語言模型 DeepSeek-R1，訓練成本僅爲 OpenAI 的十分之一。",
        "Chinese AI start-up DeepSeek launched its large language model DeepSeek-R1 at a tenth of OpenAI's cost.",
    ),
    (
        '研究員迪恩 • 鮑爾 ( Dean Ball ) 表示：" 你無法出口管制全世界都在追尋的創意。"',
        'Researcher Dean Ball said: "You can\'t export-control the ideas the whole world is pursuing."',
    ),
    (
        "在硅谷一间素净的会议室里，山姆·奥特曼（Sam Altman）的语调平静。",
        "In a plain meeting room in Silicon Valley, Sam Altman spoke calmly.",
    ),
    (
        "全球領先的人工智能芯片供應商英偉達被迫向中國提供降級版本的 GPU。",
        "Nvidia, the world's leading AI chip supplier, was forced to offer China downgraded GPUs.",
    ),
    ("天哪，深度学习看来成了（Man, deep learning seems real.）。", "Wow, deep learning seemed to work."),
    (
        "2024年5月，OpenAI聘请了时任Instacart首席执行官的Fidji Simo。",
        "In May 2024, OpenAI hired Fidji Simo, then CEO of Instacart.",
    ),
    (
        "原文链接: http://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==",
        "Original link: http://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==",
    ),
    ("在 2014 年，AGI 是多么非主流的目标。", "In 2014, AGI was a very fringe goal."),
    ("我们的使命是开发通用人工智能 (AGI)。", "Our mission is to develop artificial general intelligence."),
    ("他描绘了AGI（通用人工智能）的蓝图。", "He sketched a blueprint for AGI."),
]


@pytest.mark.parametrize(("msgid", "msgstr"), CORRECT, ids=range(len(CORRECT)))
def test_correct_translations_give_no_findings(glossary, msgid: str, msgstr: str):
    assert check_one(glossary, msgid, msgstr) == []


# --- Latin names in the Chinese source


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("DeepSeek-R1的成本", ["DeepSeek-R1"]),
        ("OpenAI CEO Sam Altman表示", ["OpenAI", "CEO", "Sam", "Altman"]),
        ("英伟达H100芯片和GPT-4", ["H100", "GPT-4"]),
        ("规模法则（scaling laws）和千兆瓦（GW）", []),
        ("他说“a miracle that keeps on giving”", []),
        ("见 https://blog.samaltman.com/The-Days", []),
        ("Q：你好", []),
        ("Our mission is to ensure AGI benefits all", []),
    ],
)
def test_latin_names_are_names_not_glosses_prose_or_addresses(source: str, names: list[str]):
    assert latin_names(source) == names


def test_a_dnt_term_kept_as_the_source_spells_it_is_kept_verbatim(glossary):
    assert check_one(glossary, "Deepseek 的颠覆性", "Deepseek's disruptive power") == []
    assert rules(check_one(glossary, "Deepseek 的颠覆性", "Deep Seek's disruptive power")) == ["dnt-changed"]


def test_latin_name_check_tolerates_case_and_plural(glossary):
    assert check_one(glossary, "减少对华GPU供应", "cutting the supply of gpus to China") == []


# --- sets of files


def test_same_source_translated_differently_across_files(tmp_path: Path):
    write_po(tmp_path / "a.po", [("他笑了。", "He laughed.")])
    write_po(tmp_path / "b.po", [("他笑了。", "He smiled."), ("她笑了。", "She laughed.")])
    result = check_catalogs([tmp_path])
    assert [(Path(f.file).name, f.rule, f.message) for f in result.findings] == [
        (
            "a.po",
            "inconsistent-translation",
            f"same source translated differently at {tmp_path / 'b.po'}:8: 'He smiled.'",
        ),
        (
            "b.po",
            "inconsistent-translation",
            f"same source translated differently at {tmp_path / 'a.po'}:8: 'He laughed.'",
        ),
    ]


def test_whitespace_alone_is_not_an_inconsistency():
    entries = [Translation("a.po", 1, "他笑了。", "He laughed."), Translation("a.po", 9, "他笑了。", "He  laughed. ")]
    assert check_entries(entries) == []


def test_fuzzy_entries_are_checked_only_on_request(tmp_path: Path, glossary):
    write_po(tmp_path / "a.po", [("美国的出口管制", "US export management")], fuzzy=(0,))
    assert check_catalogs([tmp_path], glossary).findings == []
    assert rules(check_catalogs([tmp_path], glossary, include_fuzzy=True).findings) == ["term-forbidden"]


def test_summary_counts_translated_fuzzy_and_untranslated(tmp_path: Path):
    write_po(tmp_path / "a.po", [("一。", "One."), ("二。", "Two."), ("三。", "")], fuzzy=(1,))
    summary = check_catalogs([tmp_path]).summaries[0]
    assert (summary.translated, summary.fuzzy, summary.untranslated, summary.checked) == (1, 1, 1, True)


def test_line_is_the_line_of_the_msgid(tmp_path: Path, glossary):
    path = write_po(tmp_path / "a.po", [("一。", "One."), ("出口管制", "export management")])
    finding = check_catalogs([path], glossary).findings[0]
    assert path.read_text(encoding="utf-8").splitlines()[finding.line - 1] == 'msgid "出口管制"'


ENGLISH_TO_CHINESE = """# A real-world catalogue: English source, Chinese target, plurals, format flags, an obsolete entry.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#, python-format
msgid "%(count)s file"
msgid_plural "%(count)s files"
msgstr[0] "%(count)s 个文件"

msgid "Export controls"
msgstr "出口管制"

#~ msgid "Old"
#~ msgstr "旧"
"""


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        (None, "translates into Chinese (Language: zh_CN), not from it"),
        ({"Language": "fr", "X-Source-Language": "en"}, "source language is 'en' (X-Source-Language), not Chinese"),
        ({}, "no msgid contains Chinese"),
    ],
)
def test_wrong_direction_is_one_finding_per_file(tmp_path: Path, glossary, metadata, message: str):
    path = tmp_path / "a.po"
    if metadata is None:
        path.write_text(ENGLISH_TO_CHINESE, encoding="utf-8")
    else:
        write_po(path, [("Export controls", "Contrôles à l'exportation")], metadata=metadata)
    result = check_catalogs([path], glossary)
    assert [(f.rule, f.severity, f.line) for f in result.findings] == [("wrong-direction", "warning", 1)]
    assert message in result.findings[0].message
    assert not result.summaries[0].checked


def test_entries_that_plainly_read_chinese_to_english_outweigh_a_wrong_header(tmp_path: Path, glossary):
    path = write_po(
        tmp_path / "a.po",
        [("美国的出口管制没有用。", "US export management is useless.")],
        metadata={"Language": "zh_CN"},
    )
    assert rules(check_catalogs([path], glossary).findings) == ["term-forbidden"]


def test_directories_are_searched_for_po_files_skipping_hidden_ones(tmp_path: Path):
    write_po(tmp_path / "en" / "a.po", [("一。", "One.")])
    write_po(tmp_path / ".cache" / "b.po", [("二。", "Two.")])
    (tmp_path / "notes.txt").write_text("not a catalogue", encoding="utf-8")
    assert [Path(s.file).name for s in check_catalogs([tmp_path]).summaries] == ["a.po"]


# --- reporters


FINDING = Finding(
    "po/a.po",
    12,
    "term-forbidden",
    "error",
    "星际之门 must not be rendered as 'Star Gate'; use 'Stargate'",
    "星际之门",
    "Star Gate, 100%",
)


def test_text_report_is_file_line_rule_message():
    assert format_text(FINDING) == (
        "po/a.po:12: term-forbidden: 星际之门 must not be rendered as 'Star Gate'; use 'Stargate'"
    )


def test_json_report_is_one_object_a_line_with_the_agreed_keys():
    line = format_json(FINDING)
    assert "\n" not in line
    assert json.loads(line) == {
        "file": "po/a.po",
        "line": 12,
        "rule": "term-forbidden",
        "severity": "error",
        "msgid": "星际之门",
        "msgstr": "Star Gate, 100%",
        "message": FINDING.message,
    }


def test_github_report_is_an_escaped_workflow_annotation():
    finding = Finding("po/a,b.po", 3, "dnt-changed", "error", "100% wrong\nsecond line")
    assert format_github(finding) == "::error file=po/a%2Cb.po,line=3,title=dnt-changed::100%25 wrong%0Asecond line"


# --- the command


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...] = ()
    glossary: str | None = None
    settings: tuple[tuple[str, str], ...] = ()  # (file name, text) written next to po/
    fuzzy: tuple[int, ...] = ()


PLANTED = (
    ("美国的出口管制没有用。", "America's export restrictions are useless."),
    ("OpenAI宣布了星際之門項目。", "OpenAI announced the Star Gate project."),
    ("他描绘了AGI的蓝图。", "He sketched a blueprint for general AI."),
    ("星际之门是数据中心项目。", "Stargate is a data center project."),
    ("该项目耗资5000亿美元。", "The project costs $50 billion."),
    ("2025年1月21日，项目公布。", "The project was announced on January 12, 2025."),
)
ELSEWHERE = (("他描绘了AGI的蓝图。", "He sketched a blueprint for AGI."), ("他笑了。", ""))
"""po/b.po: the same source translated differently in another file, and an untranslated entry."""
GLOSSARY = (
    "zh\ten\ttype\tvariants\tnote\nAGI\tAGI\tdnt\t\t\n出口管制\texport controls\tpreferred\t\t\n"
    "星际之门\tStargate\tpreferred\t\t\n星际之门\tStar Gate\tforbidden\t\t\n"
)
PYPROJECT = '[project]\nname = "news"\n\n[tool.toolkit.check]\ndisable = ["number-mismatch", "date-mismatch"]\n'
CASES = [
    Case("text", ("check", "po"), PLANTED, GLOSSARY),
    Case("json", ("check", "--format", "json", "po"), PLANTED, GLOSSARY),
    Case("github", ("check", "--format", "github", "po"), PLANTED, GLOSSARY),
    Case("clean", ("check", "po/b.po"), PLANTED[3:4], GLOSSARY),
    Case("no-glossary-directory", ("check", "po"), PLANTED),
    Case("no-glossary-option", ("check", "--no-glossary", "po"), PLANTED, GLOSSARY),
    Case(
        "disable-and-enable",
        ("check", "--disable", "number-mismatch", "--disable", "term-missing", "--enable", "untranslated", "po"),
        PLANTED,
        GLOSSARY,
    ),
    Case("unknown-rule", ("check", "--disable", "numbers", "po"), PLANTED, GLOSSARY),
    Case("pyproject-settings", ("check", "po"), PLANTED, GLOSSARY, (("pyproject.toml", PYPROJECT),)),
    Case(
        "toolkit-toml-settings",
        ("check", "--enable", "date-mismatch", "po"),
        PLANTED,
        GLOSSARY,
        (("toolkit.toml", '[check]\ndisable = ["date-mismatch", "term-forbidden"]\n'),),
    ),
    Case(
        "settings-with-an-unknown-rule",
        ("check", "po"),
        PLANTED,
        GLOSSARY,
        (("toolkit.toml", '[check]\ndisable = ["numbers"]\n'),),
    ),
    Case(
        "settings-with-an-unknown-key",
        ("check", "po"),
        PLANTED,
        GLOSSARY,
        (("pyproject.toml", '[tool.toolkit.check]\nignore = ["numbers"]\n'),),
    ),
    Case("strict", ("check", "--strict", "po"), PLANTED[3:4], GLOSSARY, fuzzy=(0,)),
    Case("invalid-glossary", ("check", "po"), PLANTED, GLOSSARY + "AGI\tAGI\tdnt\t\t\nx\t\tpreferred\t\t\n"),
    Case("missing-path", ("check", "nowhere.po"), (), GLOSSARY),
    Case("bad-format", ("check", "--format", "xml", "po"), PLANTED, GLOSSARY),
    Case("list-rules", ("check", "--list-rules")),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_check_command(case: Case, tmp_path: Path, data_regression):
    if case.pairs:
        write_po(tmp_path / "po" / "a.po", case.pairs, fuzzy=case.fuzzy)
        write_po(tmp_path / "po" / "b.po", ELSEWHERE)
    for name, text in case.settings:
        (tmp_path / name).write_text(text, encoding="utf-8")
    if case.glossary is not None:
        (tmp_path / "glossary").mkdir()
        (tmp_path / "glossary" / "glossary.tsv").write_text(case.glossary, encoding="utf-8")
    run = toolkit(*case.args, cwd=tmp_path)
    data_regression.check({"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr})


def test_check_never_imports_the_translation_engine(tmp_path: Path):
    write_po(tmp_path / "a.po", PLANTED)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "glossary.tsv").write_text(GLOSSARY, encoding="utf-8")
    probe = (
        "import sys\nfrom toolkit.cli import main\nsys.argv = ['toolkit', 'check', 'a.po']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print('exit', code)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'argostranslate', 'ctranslate2', 'torch', "
        "'sentencepiece', 'stanza', 'rapidfuzz'}))\n"
        "print(sorted(m for m in sys.modules if m.startswith('toolkit.cli.') or m == 'toolkit.memory'))\n"
        "print(sorted({'_hashlib', 'shutil', 'json', 'difflib', 'tomllib', 'toolkit.glossary.convert'} & set(sys.modules)))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first, second = (
        subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env)
        for _ in range(2)
    )
    assert first.stdout.splitlines()[-1] != "[]"  # the first run compiles the glossary (OpenCC, its hash)
    *findings, exit_line, heavy, commands, start_up = second.stdout.strip().splitlines()
    assert (exit_line, heavy) == ("exit 1", "[]"), second.stderr
    # Nor, once the glossary is compiled, what only some runs need: OpenSSL for hashes, OpenCC's conversion,
    # shutil's compressors, JSON output, a settings file (there is none in tmp_path).
    assert start_up == "[]"
    # Only the check command's own module is imported (toolkit.cli.LazyGroup), not draft's memory or the others.
    assert commands == "['toolkit.cli.check', 'toolkit.cli.options']"
    assert "a.po:20: number-mismatch: number 5000亿 (500,000,000,000) from the source is not in the target" in findings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_approved_english_for_every_term_gives_no_glossary_findings(glossary, data):
    concepts = data.draw(st.lists(st.sampled_from(glossary.concepts), min_size=1, max_size=4, unique=True))
    source = "，".join(f"他们谈到{concept.zh}" for concept in concepts) + "。"
    target = ", ".join(f"they talked about {concept.en}" for concept in concepts) + "."
    assert check_one(glossary, source, target) == []


def test_every_curated_forbidden_rendering_is_caught(glossary):
    for concept in glossary.concepts:
        for rendering in concept.forbidden:
            found = check_one(glossary, f"他们谈到{concept.zh}。", f"They talked about {rendering}.")
            assert rules(found) == ["term-forbidden"], (concept.zh, rendering, found)


@pytest.mark.parametrize(
    ("metadata", "pairs", "message"),
    [
        (
            {"Language": "fr", "X-Source-Language": "en"},
            [("Hello", "Bonjour")],
            "source language is 'en' (X-Source-Language), not Chinese: entries not checked",
        ),
        (
            {"Language": "zh_CN"},
            [("Hello", "你好")],
            "translates into Chinese (Language: zh_CN), not from it: entries not checked "
            "(toolkit check reads Chinese→English catalogues)",
        ),
        (
            {"Language": "en"},
            [("Hello", "你好")],
            "its translations are Chinese and its msgids are not: entries not checked "
            "(toolkit check reads Chinese→English catalogues)",
        ),
        (
            {"Language": "en"},
            [("Hello", "")],
            "no msgid contains Chinese: not a Chinese→English catalogue; entries not checked",
        ),
    ],
    ids=["other source language", "into Chinese", "Chinese targets", "no Chinese"],
)
def test_wrong_direction_says_why_in_full(tmp_path: Path, metadata, pairs, message: str):
    write_po(tmp_path / "a.po", pairs, metadata={"Content-Type": "text/plain; charset=UTF-8", **metadata})
    result = check_catalogs([tmp_path])
    assert [(f.rule, f.line, f.message) for f in result.findings] == [("wrong-direction", 1, message)]
    assert result.summaries[0].checked is False
