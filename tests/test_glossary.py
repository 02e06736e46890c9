"""The glossary: loading and validation, source matching in both scripts, target matching, import and export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import toolkit
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import GlossaryError
from toolkit.glossary import (
    EXPORT_FORMATS,
    Concept,
    Glossary,
    export_glossary,
    find_phrase,
    format_tsv,
    group_terms,
    import_glossary,
    load_glossary,
    parse_tsv,
)
from toolkit.glossary.formats import KEEPS_IGNORE_ROWS

REPO = Path(__file__).resolve().parents[1]

SMALL = """zh\ten\ttype\tvariants\tnote
AGI\tAGI\tdnt\t\tkeep the acronym
通用人工智能\tartificial general intelligence\tpreferred\tAGI\t
人工智能\tartificial intelligence\tpreferred\tAI\t
出口管制\texport controls\tpreferred\t\tlegal term
出口管制\texport management\tforbidden\t\tliteral
星际之门\tStargate\tpreferred\t\tOpenAI project
星际之门\tStar Gate\tforbidden\t\t
山姆·奥特曼\tSam Altman\tpreferred\t\t
奥特曼\tAltman\tpreferred\t\t
奥特曼\tUltraman\tforbidden\t\tthe Japanese hero
"""


def small_glossary(text: str = SMALL) -> Glossary:
    rows, problems = parse_tsv(text, "g.tsv")
    concepts, more = group_terms(rows)
    assert problems + more == []
    return Glossary(concepts)


def concept(glossary: Glossary, zh: str) -> Concept:
    return next(c for c in glossary.concepts if c.zh == zh)


# --- loading and validation


def test_curated_glossary_loads_with_at_least_80_concepts():
    glossary = load_glossary(REPO / "glossary")
    assert len(glossary.concepts) >= 80
    assert {
        "AGI",
        "出口管制",
        "星际之门",
        "开放权重模型",
        "英伟达",
        "甲骨文",
        "博通",
        "规模法则",
        "垂直整合",
        "斯普特尼克时刻",
        "萨姆·奥尔特曼",
        "山姆·奥特曼",
    } <= {c.zh for c in glossary.concepts}


def test_curated_glossary_forbids_star_gate_for_stargate():
    glossary = load_glossary(REPO / "glossary")
    assert "Star Gate" in concept(glossary, "星际之门").forbidden


def test_rows_group_into_concepts_with_variants_and_forbidden_renderings():
    stargate = concept(small_glossary(), "星际之门")
    assert (stargate.en, stargate.forbidden, stargate.dnt, stargate.note) == (
        "Stargate",
        ("Star Gate",),
        False,
        "OpenAI project",
    )


def test_bom_and_crlf_are_accepted():
    text = "\ufeff" + SMALL.replace("\n", "\r\n")
    rows, problems = parse_tsv(text, "g.tsv")
    assert problems == []
    assert [term.zh for _, term in rows][:2] == ["AGI", "通用人工智能"]
    assert rows[0][1].note == "keep the acronym"


def test_comment_and_blank_lines_are_skipped_but_line_numbers_kept():
    rows, _ = parse_tsv("zh\ten\ttype\tvariants\tnote\n# people\n\n马斯克\tMusk\tpreferred\t\t\n", "g.tsv")
    assert [(term.zh, term.line) for _, term in rows] == [("马斯克", 4)]


@pytest.mark.parametrize(
    ("tsv", "problem"),
    [
        ("zh\ten\ttype\n", "g.tsv:1: missing columns variants, note"),
        ("", "g.tsv:1: missing header row"),
        ("zh\ten\ttype\tvariants\tnote\n马斯克\t\tpreferred\t\t\n", "g.tsv:2: empty 'en' cell"),
        ("zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferd\t\t\n", "g.tsv:2: unknown type 'preferd'"),
        ("zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferred\t\t\tx\n", "g.tsv:2: 6 cells, the header has 5"),
        (
            "zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferred\t\t\n马斯克\tMusk\tpreferred\t\t\n",
            "g.tsv:3: duplicate row: 马斯克 is already at g.tsv:2",
        ),
        (
            "zh\ten\ttype\tvariants\tnote\n星际之门\tStargate\tpreferred\t\t\n星際之門\tStargate\tpreferred\t\t\n",
            "g.tsv:3: duplicate row: 星際之門 is already at g.tsv:2 (as 星际之门; one row serves both scripts)",
        ),
        (
            "zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferred\t\t\n马斯克\tMask\tpreferred\t\t\n",
            "g.tsv:3: conflicting row: 马斯克 → 'Mask' (preferred), but g.tsv:2 says 'Musk' (preferred)",
        ),
        (
            "zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferred\t\t\n马斯克\tmusk\tforbidden\t\t\n",
            "g.tsv:3: conflicting row: 'musk' is forbidden for 马斯克 but approved at g.tsv:2",
        ),
        (
            "zh\ten\ttype\tvariants\tnote\n马斯克\tMask\tforbidden\t\t\n",
            "g.tsv:2: 马斯克 has forbidden renderings but no preferred or dnt row",
        ),
        ("zh\ten\ttype\tvariants\tnote\n深度求索\t深度求索\tdnt\t\t\n", "g.tsv:2: 'en' '深度求索' contains Chinese"),
    ],
)
def test_validation_reports_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tsv: str, problem: str):
    monkeypatch.chdir(tmp_path)
    Path("g.tsv").write_text(tsv, encoding="utf-8")
    with pytest.raises(GlossaryError) as raised:
        load_glossary("g.tsv")
    assert any(p.startswith(problem) for p in raised.value.problems), raised.value.problems


def test_every_problem_is_reported_in_line_order(tmp_path: Path):
    path = tmp_path / "g.tsv"
    path.write_text(
        "zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferred\t\t\n马斯克\tMask\tpreferred\t\t\nx\t\tdnt\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as raised:
        load_glossary(path)
    assert [p.split(": ")[0] for p in raised.value.problems] == [f"{path}:3", f"{path}:4"]


def test_version_is_a_short_hash_that_changes_with_the_content():
    before = small_glossary()
    assert small_glossary().version == before.version
    assert small_glossary(SMALL.replace("legal term", "legal term (EAR)")).version != before.version
    assert len(before.version) == 12


# --- source side


def test_longest_match_wins():
    matches = small_glossary().find("通用人工智能不是人工智能")
    assert [(m.surface, m.start, m.end) for m in matches] == [("通用人工智能", 0, 6), ("人工智能", 8, 12)]


@pytest.mark.parametrize(
    ("source", "surface"),
    [
        ("星际之门项目", "星际之门"),
        ("星際之門項目", "星際之門"),
        ("台灣說人工智慧", "人工智慧"),
        ("山姆·奥特曼说", "山姆·奥特曼"),
        ("山姆・奥特曼说", "山姆・奥特曼"),
        ("山姆 · 奧特曼說", "山姆 · 奧特曼"),
        ("美國的出口管制", "出口管制"),
    ],
)
def test_one_row_matches_both_scripts_and_name_dot_spellings(source: str, surface: str):
    assert [m.surface for m in small_glossary().find(source)] == [surface]


def test_latin_terms_match_whole_words_only():
    glossary = small_glossary()
    assert [m.surface for m in glossary.find("他谈到AGI，不是MAGIC")] == ["AGI"]


def test_full_width_latin_matches_its_ascii_term():
    assert [m.surface for m in small_glossary().find("他谈到ＡＧＩ的未来")] == ["ＡＧＩ"]


def test_a_term_written_in_full_width_letters_matches_as_written_only():
    from toolkit.glossary.match import SourceMatcher

    matcher = SourceMatcher([("ＸＰ系统", "full"), ("AGI", "ascii")])
    assert [payload for _, _, payload in matcher.find("ＸＰ系统和ＡＧＩ，XP系统")] == ["full", "ascii"]


def test_a_glossary_read_back_from_its_pickle_finds_what_it_found():
    import pickle

    glossary = small_glossary()
    again = pickle.loads(pickle.dumps(glossary))
    for source in ("他谈到ＡＧＩ的未来", "星际之门与星際之門", "山姆·奥特曼说，AGI不是MAGIC"):
        assert [(m.concept.zh, m.start, m.end) for m in again.find(source)] == [
            (m.concept.zh, m.start, m.end) for m in glossary.find(source)
        ]


def test_finding_nothing_in_an_empty_glossary():
    assert Glossary([]).find("星际之门") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="星际之門門通用人工智能出口管制奥特曼山姆·AGI 的", max_size=40))
def test_matches_never_overlap_and_their_surface_is_the_source_span(source: str):
    matches = small_glossary_for_properties.find(source)
    spans = sorted((m.start, m.end) for m in matches)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert all(source[m.start : m.end] == m.surface for m in matches)


small_glossary_for_properties = small_glossary()


# --- target side


@pytest.mark.parametrize(
    ("phrase", "target"),
    [
        ("export controls", "new export control rules"),
        ("export controls", "export-controlled chips"),
        ("export controls", "EXPORT CONTROLS"),
        ("open-weight model", "two open weight models"),
        ("scaling laws", "a scaling law"),
        ("company", "companies"),
        ("integrate", "integrating"),
        ("Altman", "Altman's view"),
        ("GPU", "more GPUs"),
    ],
)
def test_target_matching_is_case_insensitive_and_inflection_tolerant(phrase: str, target: str):
    assert find_phrase(target, phrase)


@pytest.mark.parametrize(
    ("phrase", "target"),
    [("Stargate", "the Star Gate project"), ("Star Gate", "Stargate"), ("AI", "OpenAI"), ("model", "remodel")],
)
def test_target_matching_is_whole_words(phrase: str, target: str):
    assert find_phrase(target, phrase) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=4))
def test_a_phrase_is_always_found_in_itself(words: list[str]):
    phrase = " ".join(words)
    assert find_phrase(f"see {phrase}.", phrase)


def test_variants_are_accepted():
    assert concept(small_glossary(), "通用人工智能").accepted_in("the road to AGI")


def test_dnt_terms_must_stay_verbatim_but_may_take_a_plural():
    agi = concept(small_glossary(), "AGI")
    assert agi.accepted_in("AGI's arrival") and agi.accepted_in("many AGIs")
    assert not agi.accepted_in("agi") and not agi.accepted_in("artificial general intelligence")


def test_forbidden_renderings_are_reported_unless_inside_an_approved_form():
    altman = concept(small_glossary(), "奥特曼")
    assert altman.forbidden_in("Ultraman said") == ["Ultraman"]
    assert altman.forbidden_in("Altman said") == []
    text = SMALL + "规模法则\tscaling laws\tpreferred\t\t\n规模法则\tlaws\tforbidden\t\t\n"
    assert concept(small_glossary(text), "规模法则").forbidden_in("the scaling laws") == []


# --- import and export


@pytest.mark.parametrize("output_format", [f for f in EXPORT_FORMATS if f != "deepl"])
def test_export_then_import_gives_back_the_same_rows(output_format: str):
    rows, _ = parse_tsv(SMALL, "g.tsv")
    back = import_glossary(export_glossary(rows, output_format).text, output_format, f"g.{output_format}")
    assert format_tsv(back) == format_tsv(term for _, term in rows)


def test_deepl_round_trip_keeps_the_approved_forms():
    rows, _ = parse_tsv(SMALL, "g.tsv")
    back = import_glossary(export_glossary(rows, "deepl").text, "deepl", "g.tsv")
    assert [(t.zh, t.en, t.type) for t in back] == [(t.zh, t.en, t.type) for _, t in rows if t.type != "forbidden"]


def test_curated_glossary_survives_every_lossless_round_trip():
    rows, _ = parse_tsv((REPO / "glossary" / "glossary.tsv").read_text(encoding="utf-8"), "glossary.tsv")
    for output_format in ("tbx", "csv", "omegat"):
        back = import_glossary(export_glossary(rows, output_format).text, output_format, "x")
        kept = [term for _, term in rows if term.type != "ignore" or output_format in KEEPS_IGNORE_ROWS]
        assert format_tsv(back) == format_tsv(kept), output_format


def test_tbx_export_is_what_weblate_reads(file_regression):
    rows, _ = parse_tsv(SMALL, "g.tsv")
    tbx = export_glossary(rows, "tbx").text
    assert '<termEntry id="c5-s2-forbidden1" weblate-flags="forbidden">' in tbx  # 星際之門 ✗ Star Gate, its own entry
    assert ('<tig><term>Star Gate</term><termNote type="administrativeStatus">forbidden</termNote></tig>') in tbx
    assert '<descrip type="Translation needed">No</descrip>' in tbx and "deprecated" not in tbx
    file_regression.check(tbx, extension=".tbx")


def test_weblate_tbx_without_statuses_imports_first_term_as_approved_and_others_as_variants():
    tbx = """<?xml version="1.0" encoding="utf-8"?>
<martif type="TBX" xml:lang="zh"><text><body>
<termEntry><langSet xml:lang="zh_Hans"><tig><term>算力</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>compute</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="zh_Hans"><tig><term>算力</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>computing power</term></tig></langSet></termEntry>
<termEntry><termNote type="administrativeStatus">obsolete</termNote>
  <langSet xml:lang="zh_Hans"><tig><term>算力</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>calculation force</term></tig></langSet></termEntry>
</body></text></martif>"""
    terms = import_glossary(tbx, "tbx", "weblate.tbx")
    assert [(t.zh, t.en, t.type, t.variants) for t in terms] == [
        ("算力", "compute", "preferred", ("computing power",)),
        ("算力", "calculation force", "forbidden", ()),
    ]


def test_import_reports_a_broken_file_in_one_line():
    with pytest.raises(GlossaryError) as raised:
        import_glossary("<martif><text>", "tbx", "bad.tbx")
    assert raised.value.problems[0].startswith("bad.tbx:1: not well-formed TBX")


def test_omegat_rows_without_markers_become_terms_and_variants():
    terms = import_glossary(
        "# OmegaT glossary\n芯片\tchip\t\n芯片\tsemiconductor\t\nOpenAI\tOpenAI\t\n", "omegat", "o.txt"
    )
    assert [(t.zh, t.en, t.type, t.variants) for t in terms] == [
        ("芯片", "chip", "preferred", ("semiconductor",)),
        ("OpenAI", "OpenAI", "dnt", ()),
    ]


# --- the command


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    files: tuple[tuple[str, str], ...] = ()


CASES = [
    Case("validate-ok", ("glossary", "validate"), (("glossary/g.tsv", SMALL),)),
    Case(
        "validate-ignore-rows",
        ("glossary", "validate"),
        (
            (
                "glossary/g.tsv",
                SMALL + "扩大模型\t—\tignore\t\t扩大|模型, not the term 大模型\n大模型\tlarge model\tpreferred\t\t\n",
            ),
        ),
    ),
    Case(
        "validate-problems",
        ("glossary", "validate", "bad.tsv"),
        (
            (
                "bad.tsv",
                "zh\ten\ttype\tvariants\tnote\n马斯克\tMusk\tpreferred\t\t\n马斯克\tMask\tpreferred\t\t\n"
                "x\t\tdnt\t\t\n星際之門\tStar Gate\tforbidden\t\t\n",
            ),
        ),
    ),
    Case("validate-missing", ("glossary", "validate", "nowhere")),
    Case("export-deepl", ("glossary", "export", "--format", "deepl"), (("glossary/g.tsv", SMALL),)),
    Case(
        "export-omegat-to-a-file",
        ("glossary", "export", "--format", "omegat", "-o", "glossary.txt"),
        (("glossary/g.tsv", SMALL),),
    ),
    Case(
        "import-omegat",
        ("glossary", "import", "terms.txt", "-o", "glossary/terms.tsv"),
        (("terms.txt", "芯片\tchip\t\n芯片\tsemiconductor\tvariant\n"), ("glossary/.keep", "")),
    ),
    Case(
        "import-to-standard-output",
        ("glossary", "import", "terms.txt"),
        (("terms.txt", "芯片\tchip\t\n芯片\tsemiconductor\tvariant\n"), ("glossary/g.tsv", SMALL)),
    ),
    Case(
        "import-refuses-to-overwrite",
        ("glossary", "import", "terms.txt", "-o", "glossary/terms.tsv"),
        (("terms.txt", "芯片\tchip\t\n"), ("glossary/terms.tsv", "zh\ten\ttype\tvariants\tnote\n")),
    ),
    Case(
        "import-refuses-rows-that-clash-with-the-glossary",
        ("glossary", "import", "terms.txt", "-o", "glossary/t.tsv"),
        (("terms.txt", "芯片\tchip\t\n星際之門\tStar Gate\t\n人工智能\tAI\t\n"), ("glossary/g.tsv", SMALL)),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_glossary_command(case: Case, tmp_path: Path, data_regression):
    for name, text in case.files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    run = toolkit(*case.args, cwd=tmp_path)
    outputs = {
        p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(tmp_path.rglob("*"))
        if p.is_file() and p.relative_to(tmp_path).as_posix() not in before
    }
    data_regression.check(
        {"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr, "outputs": outputs}
    )


def test_curated_glossary_terms_found_in_each_seed(data_regression):
    from toolkit.textio import read_source

    glossary = load_glossary(REPO / "glossary")
    found = {}
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        text = read_source(seed).text
        surfaces = sorted({m.surface for line in text.splitlines() for m in glossary.find(line)})
        found[seed.name] = surfaces
    data_regression.check(found)
