"""Glossary hits that are not real: a term inside a longer word (扩大|模型), a forbidden rendering that renders
another term, a plural the stemmer missed (start-ups). Each case comes from a seed translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.check import Translation, check_entries
from toolkit.draft import GlossarySource
from toolkit.errors import GlossaryError
from toolkit.glossary import (
    Glossary,
    export_glossary,
    find_phrase,
    group_terms,
    import_glossary,
    load_glossary,
    parse_tsv,
)

REPO = Path(__file__).resolve().parents[1]
HEADER = "zh\ten\ttype\tvariants\tnote\n"
MODELS = (
    HEADER
    + """大模型\tlarge model\tpreferred\tLLM\t
扩大模型\t—\tignore\t\t扩大|模型, not the term 大模型
"""
)
OPEN = (
    HEADER
    + """开放权重模型\topen-weight model\tpreferred\t\t
开放权重模型\topen-source model\tforbidden\t\tnot open source
开源\topen source\tpreferred\topen-source\t
"""
)


def glossary(text: str) -> Glossary:
    rows, problems = parse_tsv(text, "g.tsv")
    concepts, more = group_terms(rows)
    assert problems + more == []
    return Glossary(concepts)


def problems(text: str) -> list[str]:
    rows, found = parse_tsv(text, "g.tsv")
    return found + group_terms(rows)[1]


def findings(glossary: Glossary, msgid: str, msgstr: str) -> list[tuple[str, str]]:
    entry = Translation("t.po", 1, msgid, msgstr, False)
    return [(f.rule, f.message) for f in check_entries([entry], glossary)]


# --- 1. a term inside a longer string an ignore row declares not an occurrence


@pytest.mark.parametrize("source", ["在扩大模型的规模方面", "在擴大模型的規模方面"])
def test_a_term_inside_an_ignore_row_is_not_an_occurrence(source: str):
    assert glossary(MODELS).find(source) == []


def test_the_term_is_still_found_beside_an_ignore_row():
    found = glossary(MODELS).find("扩大大模型的规模，扩大模型")
    assert [(m.concept.zh, m.start, m.end) for m in found] == [("大模型", 2, 5)]


def test_ignore_rows_are_not_concepts_but_change_the_version():
    with_row, without = glossary(MODELS), glossary(MODELS.splitlines(keepends=True)[0] + MODELS.splitlines()[1] + "\n")
    assert [c.zh for c in with_row.concepts] == ["大模型"] and [c.zh for c in with_row.ignored] == ["扩大模型"]
    assert with_row.version != without.version


def test_seed_004_scaling_up_the_models_needs_no_large_model():
    curated = load_glossary(REPO / "glossary")
    assert (
        findings(
            curated,
            "在扩大模型的规模方面，我们在技术和安全性上都在持续取得进展。",
            "On scaling up the models, we keep making progress on both the technology and safety.",
        )
        == []
    )
    assert findings(curated, "大模型的规模在扩大。", "The scale of the models is growing.") == [
        (
            "term-missing",
            "大模型 should be translated as 'large model' (or 'large language model', 'LLM', "
            "'foundation model', 'big model', 'AI model')",
        )
    ]


@pytest.mark.parametrize(
    "row, problem",
    [
        ("扩大规模\t—\tignore\t\t", "g.tsv:4: ignore row 扩大规模 contains no term of the glossary"),
        ("扩大模型\tscale up models\tignore\t\t", "g.tsv:4: ignore rows translate nothing"),
        ("扩大模型\t—\tignore\tscaling\t", "g.tsv:4: ignore rows translate nothing"),
        ("扩大模型\t—\tignore\t\tagain", "g.tsv:4: duplicate row: 扩大模型 is already ignored at g.tsv:3"),
        (
            "擴大模型\tscale-up model\tpreferred\t\t",
            "g.tsv:4: conflicting row: 擴大模型 is a term here but ignored at g.tsv:3",
        ),
        ("大模型\t—\tignore\t\t", "g.tsv:4: conflicting row: 大模型 is ignored here but a term at g.tsv:2"),
    ],
)
def test_ignore_rows_are_validated(row: str, problem: str):
    assert [p for p in problems(MODELS + row + "\n") if p.startswith(problem)] != [], problems(MODELS + row + "\n")


def test_an_ignore_row_may_leave_en_empty():
    assert problems(HEADER + "大模型\tlarge model\tpreferred\t\t\n扩大模型\t\tignore\t\tnot 大模型\n") == []


@pytest.mark.parametrize(
    "output_format, kept", [("csv", False), ("tbx", False), ("tbx-basic", False), ("omegat", False), ("deepl", False)]
)
def test_no_export_holds_ignore_rows(output_format: str, kept: bool):
    rows, _ = parse_tsv(MODELS, "g.tsv")
    exported = export_glossary(rows, output_format).text
    assert ("扩大模型" in exported) is kept and ("擴大模型" in exported) is kept
    back = import_glossary(exported, output_format, "x")
    assert ("ignore" in {term.type for term in back}) is kept


# --- 2. a forbidden rendering that renders another term of the source


SEED_000 = "奥尔特曼直言,中国开源模型的崛起,是OpenAI决定发布自家开放权重模型的“一个因素”。"


def test_a_forbidden_stretch_that_renders_another_term_is_not_reported():
    assert (
        findings(
            glossary(OPEN),
            SEED_000,
            "the rise of Chinese open-source models was a factor in OpenAI's "
            "decision to release its own open-weight models",
        )
        == []
    )


def test_seed_000_natural_wording_passes_the_curated_glossary():
    assert (
        findings(
            load_glossary(REPO / "glossary"),
            SEED_000,
            'Altman said plainly that the rise of Chinese open-source models was "a factor" in OpenAI\'s '
            "decision to release its own open-weight models.",
        )
        == []
    )


def test_each_occurrence_of_the_other_term_accounts_for_one_forbidden_stretch():
    source = "开源模型很多，开放权重模型也很多，开放权重模型更多。"
    target = "open-source models abound, open-weight models too, and open-source models more"
    assert findings(glossary(OPEN), source, target) == [
        ("term-forbidden", "开放权重模型 must not be rendered as 'open-source model'; use 'open-weight model'")
    ]


def test_a_term_rendered_only_by_the_forbidden_form_is_still_reported():
    assert findings(glossary(OPEN), "中国开源的开放权重模型", "China's open-source model") == [
        ("term-missing", "开放权重模型 should be translated as 'open-weight model'")
    ]


def test_without_the_other_term_in_the_source_the_forbidden_rendering_is_reported():
    assert findings(glossary(OPEN), "发布开放权重模型", "release open-source models") == [
        ("term-forbidden", "开放权重模型 must not be rendered as 'open-source model'; use 'open-weight model'")
    ]


# --- 3. plurals of hyphenated compounds


@pytest.mark.parametrize(
    "phrase, target",
    [
        ("start-up", "AI-focused start-ups"),
        ("add-on", "two add-ons"),
        ("sit-in", "the sit-ins"),
        ("start-up company", "start-up companies"),
        ("start-up", "start-up's founders"),
    ],
)
def test_the_last_part_of_a_hyphenated_compound_takes_a_plural(phrase: str, target: str):
    assert find_phrase(target, phrase) != []


@pytest.mark.parametrize("phrase, target", [("bus", "bu"), ("up", "ups"), ("gas", "ga")])
def test_a_short_word_standing_alone_keeps_its_s(phrase: str, target: str):
    assert find_phrase(target, phrase) == []


def test_curated_start_up_rows_accept_start_ups_without_a_variant():
    curated = load_glossary(REPO / "glossary")
    for zh in ("初创公司", "初创企业", "创业公司"):
        [concept] = [c for c in curated.concepts if c.zh == zh]
        assert "start-ups" not in concept.variants and concept.accepted_in("AI-focused start-ups")


# --- the draft stamp hashes the files the glossary is read from


def test_a_draft_refuses_a_glossary_directory_without_tsv_files(tmp_path: Path):
    (tmp_path / "glossary").mkdir()
    with pytest.raises(GlossaryError, match="no \\*.tsv glossary files"):
        GlossarySource.at(tmp_path / "glossary")
