"""Glossary exchange formats as the real clients read them: Translate Toolkit (which Weblate uses), OmegaT, DeepL."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from translate.storage.tbx import tbxfile

from toolkit.errors import GlossaryError, ToolkitError
from toolkit.glossary import Glossary, Term, export_glossary, group_terms, import_glossary, load_glossary, parse_tsv
from toolkit.glossary.formats import KEEPS_IGNORE_ROWS
from toolkit.glossary.formats.omegat import read as read_omegat
from toolkit.glossary.formats.rows import matched_forms
from toolkit.glossary.formats.tbx import looks_dnt
from toolkit.textio import read_source

REPO = Path(__file__).resolve().parents[1]
CURATED = REPO / "glossary" / "glossary.tsv"
SEED_002 = next((REPO / "seeds").glob("002_*.txt"))


def curated_rows():
    rows, problems = parse_tsv(CURATED.read_text(encoding="utf-8"), "glossary.tsv")
    assert problems == []
    return rows


def curated_basic() -> tbxfile:
    return tbxfile.parsestring(
        export_glossary(curated_rows(), "tbx-basic").text, sourcelanguage="zh", targetlanguage="en"
    )


# --- Weblate: the TBX and the CSV read as released Weblate reads them, with translate-toolkit as Weblate pins it
# (3.19.x) and with its current release, each from its own directory (Makefile `tools`), in a subprocess of its own.

TRANSLATE_TOOLKITS = {"3.19.x (Weblate's pin)": REPO / ".venv" / "tt319", "current": REPO / ".venv" / "tt-current"}

READ_AS_WEBLATE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from translate.__version__ import sver
from translate.storage.csvl10n import csvfile
from translate.storage.tbx import tbxfile
kind, data = sys.argv[2], open(sys.argv[3], "rb").read()
units = []
if kind == "tbx":
    store = tbxfile.parsestring(data, sourcelanguage=sys.argv[4], targetlanguage="en")
    for unit in store.units:
        element = unit.xmlelement
        statuses = [node.text.strip().lower() for node in element.iter()
                    if str(node.tag).endswith("termNote") and node.get("type") == "administrativeStatus"]
        flags = [flag.strip() for flag in (element.get("weblate-flags") or "").split(",") if flag.strip()]
        # weblate/formats/ttkit.py: TTKitFormat.all_store_units skips obsolete units, has_content blank ones;
        # the `forbidden` flag comes from weblate-flags (TTKitUnit.flags) or the status forbidden/obsolete.
        units.append({"source": unit.source, "target": unit.target, "context": element.get("id") or "",
                      "kept": not unit.isobsolete() and not unit.isheader() and not unit.isblank(),
                      "forbidden": "forbidden" in flags or bool({"forbidden", "obsolete"} & set(statuses)),
                      "read_only": not unit.istranslatable() or "read-only" in flags,
                      "explanation": unit.getnotes("translator")})
else:
    for unit in csvfile.parsestring(data).units:
        units.append({"source": unit.source, "target": unit.target, "context": unit.getcontext(),
                      "kept": not unit.isheader() and bool(unit.source), "forbidden": False, "read_only": False,
                      "translator": unit.getnotes("translator"), "developer": unit.getnotes("developer")})
print(json.dumps({"version": sver, "units": units}, ensure_ascii=False))
"""


def read_as_weblate(
    kind: str, text: str, toolkit_dir: Path, tmp_path: Path, source_language: str = "zh"
) -> tuple[str, list[dict]]:
    """The units Weblate gets from an exported file, read by the translate-toolkit in `toolkit_dir` (a TBX with
    the glossary's source language set as Weblate sets it)."""
    if not (toolkit_dir / "translate").is_dir():
        pytest.skip(f"translate-toolkit not installed in {toolkit_dir}: run `make tools`")
    path = tmp_path / f"glossary.{kind}"
    path.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", READ_AS_WEBLATE, str(toolkit_dir), kind, str(path), source_language],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(run.stdout)
    return data["version"], data["units"]


def curated_spellings() -> tuple[list, dict[str, tuple[str, ...]]]:
    """The curated concepts and, for each, every Chinese spelling the toolkit matches (as written first)."""
    concepts = [concept for concept in group_terms(curated_rows())[0] if not concept.ignore]
    forms = matched_forms([concept.zh for concept in concepts], None)
    return concepts, {concept.zh: (concept.zh, *other) for concept, other in zip(concepts, forms)}


@pytest.mark.parametrize("language", [None, "zh_Hans"])
@pytest.mark.parametrize("toolkit_dir", TRANSLATE_TOOLKITS.values(), ids=TRANSLATE_TOOLKITS.keys())
def test_weblate_imports_every_concept_spelling_and_forbidden_rendering(
    toolkit_dir: Path, language: str | None, tmp_path: Path
):
    tbx = export_glossary(curated_rows(), "tbx", source_language=language).text
    version, units = read_as_weblate("tbx", tbx, toolkit_dir, tmp_path, language or "zh")
    assert version.startswith("3.19.") or toolkit_dir.name != "tt319"
    concepts, spellings = curated_spellings()
    kept = [unit for unit in units if unit["kept"]]
    approved = {(unit["source"], unit["target"]) for unit in kept if not unit["forbidden"]}
    forbidden = {(unit["source"], unit["target"]) for unit in kept if unit["forbidden"]}
    expected_approved = {(zh, c.en) for c in concepts for zh in spellings[c.zh]}
    expected_forbidden = {(zh, en) for c in concepts for zh in spellings[c.zh] for en in c.forbidden}
    assert len(kept) == len(units)  # nothing obsolete, nothing blank: every entry is imported
    assert {zh for c in concepts for zh in spellings[c.zh] if (zh, c.en) in approved} == {
        zh for forms in spellings.values() for zh in forms
    }
    assert expected_approved <= approved and forbidden == expected_forbidden
    assert not approved & expected_forbidden and not forbidden & expected_approved
    assert ("星際之門", "Stargate") in approved and ("星際之門", "Star Gate") in forbidden
    dnt = {(zh, en) for c in concepts if c.dnt for zh in spellings[c.zh] for en in (c.en, *c.variants)}
    assert {(u["source"], u["target"]) for u in kept if u["read_only"]} == dnt
    assert len({unit["context"] for unit in units}) == len(units)  # Weblate keeps units of one source apart
    export_controls = next(u for u in kept if (u["source"], u["target"]) == ("出口管制", "export controls"))
    assert export_controls["explanation"].startswith("legal term")


@pytest.mark.parametrize("toolkit_dir", TRANSLATE_TOOLKITS.values(), ids=TRANSLATE_TOOLKITS.keys())
def test_weblate_csv_holds_no_forbidden_rendering_as_a_translation(toolkit_dir: Path, tmp_path: Path):
    text = export_glossary(curated_rows(), "csv").text
    assert text.splitlines()[0] == "source,target,context,translator_comments,developer_comments"
    _, units = read_as_weblate("csv", text, toolkit_dir, tmp_path)
    concepts, spellings = curated_spellings()
    pairs = {(unit["source"], unit["target"]) for unit in units}
    forbidden = {(zh, en) for c in concepts for zh in spellings[c.zh] for en in c.forbidden}
    assert {(zh, c.en) for c in concepts for zh in spellings[c.zh]} <= pairs
    assert not pairs & forbidden and ("星际之门", "Star Gate") not in pairs
    stargate = next(u for u in units if (u["source"], u["target"]) == ("星際之門", "Stargate"))
    assert "forbidden: Star Gate" in stargate["translator"].splitlines()
    assert stargate["developer"] == next(c.note for c in concepts if c.zh == "星际之门")
    openai = next(u for u in units if u["source"] == "OpenAI")
    assert "do not translate" in openai["translator"].splitlines()


@pytest.mark.parametrize("toolkit_dir", TRANSLATE_TOOLKITS.values(), ids=TRANSLATE_TOOLKITS.keys())
def test_a_weblate_source_language_other_than_the_tbx_tag_finds_nothing(toolkit_dir: Path, tmp_path: Path):
    # why --source-language exists: a glossary whose source language is zh_Hans reads no term of a zh TBX
    _, units = read_as_weblate("tbx", export_glossary(curated_rows(), "tbx").text, toolkit_dir, tmp_path, "zh_Hans")
    assert {unit["source"] for unit in units} == {None}


def test_source_language_is_a_chinese_tag_and_for_tbx_only():
    with pytest.raises(ToolkitError, match="not a Chinese language tag"):
        export_glossary(curated_rows(), "tbx", source_language='zh" evil="1')
    with pytest.raises(ToolkitError, match="for tbx and tbx-basic only"):
        export_glossary(curated_rows(), "csv", source_language="zh_Hans")
    basic = export_glossary(curated_rows(), "tbx-basic", source_language="zh-Hant").text
    assert '<langSet xml:lang="zh-Hant">' in basic


def test_the_weblate_tbx_never_says_deprecated():
    # translate-toolkit 3.19.x reads a concept holding a deprecatedTerm-admn-sts as obsolete; Weblate drops it
    assert "deprecated" not in export_glossary(curated_rows(), "tbx").text.lower()


def test_translate_toolkit_reads_every_tbx_basic_forbidden_rendering_as_deprecated():
    forbidden = {(term.zh, term.en) for _, term in curated_rows() if term.type == "forbidden"}
    read = {
        (unit.get_source_terms()[0].text, term.text)
        for unit in curated_basic().units
        for term in unit.get_target_terms()
        if term.deprecated
    }
    assert len(forbidden) >= 24  # the curated glossary's forbidden renderings (translators keep adding rows)
    assert read == forbidden


def test_translate_toolkit_sees_the_traditional_forms_as_chinese_terms_of_the_basic_concept():
    unit = next(u for u in curated_basic().units if u.get_source_terms()[0].text == "星际之门")
    assert [term.text for term in unit.get_source_terms()][:2] == ["星际之门", "星際之門"]
    assert [(t.text, t.administrative_status) for t in unit.get_target_terms()][:2] == [
        ("Stargate", "preferredTerm-admn-sts"),
        ("Star Gate", "deprecatedTerm-admn-sts"),
    ]


# TBX-Basic core structure (TBXBasiccoreStructV02 and its XCS): which element may hold which, and the data
# categories allowed as `type` (its picklist for administrativeStatus), and the attributes each element may carry.
TBX_BASIC_CHILDREN = {
    "martif": ["martifHeader", "text"],
    "martifHeader": ["fileDesc", "encodingDesc"],
    "fileDesc": ["sourceDesc"],
    "sourceDesc": ["p"],
    "encodingDesc": ["p"],
    "text": ["body"],
    "body": ["termEntry"],
    "termEntry": ["descrip", "descripGrp", "admin", "transacGrp", "note", "ref", "xref", "langSet"],
    "langSet": ["descrip", "descripGrp", "admin", "transacGrp", "note", "ref", "xref", "tig"],
    "tig": ["term", "termNote", "descrip", "descripGrp", "admin", "transacGrp", "note", "ref", "xref"],
}
TBX_BASIC_TYPES = {
    "termNote": {
        "administrativeStatus",
        "geographicalUsage",
        "grammaticalGender",
        "partOfSpeech",
        "termLocation",
        "termType",
    },
    "descrip": {"definition", "context", "subjectField"},
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_BASIC_ATTRIBUTES = {"martif": {"type", XML_LANG}, "termEntry": {"id"}, "langSet": {XML_LANG, "id"}}
"""Attributes beyond `id` and `xml:lang` (and `type` on the data-category elements): Weblate's `weblate-flags` or
`<note from=...>` are not TBX."""
ADMINISTRATIVE_STATUSES = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}


def tbx_basic_problems(tbx: str) -> list[str]:
    root = ElementTree.fromstring(tbx.encode("utf-8"))
    problems = [] if root.tag == "martif" and root.get("type") == "TBX-Basic" else ["root is not martif TBX-Basic"]
    for parent in root.iter():
        allowed = TBX_BASIC_CHILDREN.get(parent.tag, [])
        children = [child.tag for child in parent]
        if [tag for tag in children if tag not in allowed]:
            problems.append(f"{parent.tag} holds {children}")
        positions = [allowed.index(tag) for tag in children if tag in allowed]
        if parent.tag in ("martif", "text", "tig") and positions != sorted(positions):
            problems.append(f"{parent.tag} children out of order: {children}")
        if parent.tag == "tig" and children.count("term") != 1:
            problems.append(f"tig with {children.count('term')} terms")
        if parent.tag == "langSet" and not parent.get("{http://www.w3.org/XML/1998/namespace}lang"):
            problems.append("langSet without xml:lang")
        if parent.tag in TBX_BASIC_TYPES and parent.get("type") not in TBX_BASIC_TYPES[parent.tag]:
            problems.append(f"{parent.tag} type {parent.get('type')!r}")
        if parent.get("type") == "administrativeStatus" and parent.text not in ADMINISTRATIVE_STATUSES:
            problems.append(f"administrativeStatus {parent.text!r}")
        typed = {"type"} if parent.tag in ("termNote", "descrip", "admin", "p") else set()
        extra = set(parent.attrib) - TBX_BASIC_ATTRIBUTES.get(parent.tag, {"id", XML_LANG} | typed)
        if extra:
            problems.append(f"{parent.tag} attributes {sorted(extra)}")
    return problems


def test_tbx_basic_export_follows_the_tbx_basic_structure():
    assert tbx_basic_problems(export_glossary(curated_rows(), "tbx-basic").text) == []


def test_the_weblate_tbx_is_not_tbx_basic_and_the_check_says_why():
    problems = tbx_basic_problems(export_glossary(curated_rows(), "tbx").text)
    assert "root is not martif TBX-Basic" in problems and "administrativeStatus 'forbidden'" in problems
    assert "termEntry attributes ['weblate-flags']" in problems and "descrip type 'Translation needed'" in problems


def test_the_structure_check_catches_a_status_outside_its_tig():
    misplaced = export_glossary(curated_rows(), "tbx-basic").text.replace(
        '<langSet xml:lang="zh">',
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote><langSet xml:lang="zh">',
        1,
    )
    assert tbx_basic_problems(misplaced)


WEBLATE_TBX = """<?xml version="1.0" encoding="utf-8"?>
<martif type="TBX" xml:lang="zh">
<text><body>
<termEntry id="1">
  <langSet xml:lang="zh_Hans"><tig><term>星际之门</term></tig></langSet>
  <langSet xml:lang="en">
    <tig><term>Stargate</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Star Gate</term><termNote type="administrativeStatus">forbidden</termNote></tig>
  </langSet>
</termEntry>
<termEntry id="2">
  <langSet xml:lang="zh_Hans"><tig><term>奥特曼</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>Altman</term></tig><tig><term>Sam Altman</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_weblate_tbx_with_several_tigs_imports_completely():
    terms = import_glossary(WEBLATE_TBX, "tbx", "weblate.tbx")
    assert [(t.zh, t.en, t.type, t.variants, t.line) for t in terms] == [
        ("星际之门", "Stargate", "preferred", (), 7),
        ("星际之门", "Star Gate", "forbidden", (), 8),
        ("奥特曼", "Altman", "preferred", ("Sam Altman",), 13),
    ]


def test_tbx_import_errors_name_the_line():
    broken = WEBLATE_TBX.replace("<tig><term>Altman</term></tig><tig><term>Sam Altman</term></tig>", "")
    with pytest.raises(GlossaryError) as raised:
        import_glossary(broken, "tbx", "weblate.tbx")
    assert raised.value.problems == ["weblate.tbx:11: termEntry needs a Chinese (zh) and an English (en) term"]


def test_csv_import_reads_weblate_comments_back():
    text = (
        "source,target,context,translator_comments,developer_comments\n"
        '星际之门,Stargate,,"forbidden: Star Gate — film title\nask the editor",OpenAI project\n'
        "星际之门,Star-gate,,variant of: Stargate,\n"
        "GPU,GPU,,,\n"
    )
    terms = import_glossary(text, "csv", "weblate.csv")
    assert [(t.zh, t.en, t.type, t.variants, t.note) for t in terms] == [
        ("星际之门", "Stargate", "preferred", ("Star-gate",), "OpenAI project; ask the editor"),
        ("星际之门", "Star Gate", "forbidden", (), "film title"),
        ("GPU", "GPU", "dnt", (), ""),
    ]


@pytest.mark.parametrize("output_format", ["tbx", "tbx-basic", "csv", "omegat"])
def test_round_trip_drops_the_derived_forms_again(output_format: str):
    rows = curated_rows()
    back = import_glossary(export_glossary(rows, output_format).text, output_format, "x")
    assert [(t.zh, t.en, t.type, t.variants, t.note) for t in back] == [
        (t.zh, t.en, t.type, t.variants, t.note)
        for _, t in rows
        if t.type != "ignore" or output_format in KEEPS_IGNORE_ROWS
    ]


def test_every_traditional_hit_in_seed_002_is_in_the_omegat_source_column():
    glossary = load_glossary(REPO / "glossary")
    sources = {term.zh for _, term in read_omegat(export_glossary(curated_rows(), "omegat").text, "o.txt")[0]}
    hits = {
        m.surface
        for line in read_source(SEED_002).text.splitlines()
        for m in glossary.find(line)
        if m.surface.lower() != m.concept.zh.lower()
    }
    assert {"人工智能行動峰會", "星際之門", "人造衛星", "迪恩 • 鮑爾"} <= hits
    lines = read_source(SEED_002).text.splitlines()
    missing = [hit for hit in hits if not any(hit in line and hit in sources for line in lines)]
    assert missing == []


def test_hong_kong_forms_are_matched_and_exported():
    rows, _ = parse_tsv("zh\ten\ttype\tvariants\tnote\n人造卫星\tartificial satellite\tpreferred\t\t\n", "g.tsv")
    glossary = Glossary(group_terms(rows)[0])
    assert [m.surface for m in glossary.find("蘇聯發射了人造衞星")] == ["人造衞星"]  # s2hk only: s2t gives 人造衛星
    assert "人造衞星\tartificial satellite" in export_glossary(rows, "omegat").text
    assert (
        '<term>人造衞星</term><termNote type="geographicalUsage">zh-HK</termNote>' in export_glossary(rows, "tbx").text
    )


@pytest.mark.parametrize("output_format", ["tbx", "tbx-basic", "csv", "omegat", "deepl"])
def test_export_summary_counts_what_the_file_holds(output_format: str, tmp_path: Path):
    output = tmp_path / f"out.{output_format}"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from toolkit.cli import main; main()",
            "glossary",
            "export",
            "--format",
            output_format,
            "--glossary",
            str(REPO / "glossary"),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", **_pythonpath()},
    )
    assert run.returncode == 0, run.stderr
    text = output.read_text(encoding="utf-8")
    written = {
        "tbx": text.count("<termEntry "),
        "tbx-basic": text.count("<termEntry "),
        "csv": len(list(csv.reader(io.StringIO(text)))) - 1,
        "omegat": text.count("\n"),
        "deepl": text.count("\n"),
    }[output_format]
    assert f"({written} " in run.stderr


def _pythonpath() -> dict[str, str]:
    import os

    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}


NOTES = [
    "",
    "legal term, plural",
    "variant",
    "do not translate",
    "do not translate; really",
    "forbidden: do not use",
    "translate",
    "note: variant",
    "a; b",
    'AT&T <tags> "quoted"',
    "x,y",
    "#1 choice",
]
WORDS = ["chip", "AI", "export controls", "Star Gate", "open-weight model", "Altman's", "GPU", "5G"]
CHINESE = ["芯片", "AI", "出口管制", "星际之门", "开放权重模型", "奥特曼", "GPU", "5G网络", "#MeToo运动"]


@st.composite
def glossaries(draw) -> list:
    rows = []
    for zh in draw(st.lists(st.sampled_from(CHINESE), min_size=1, max_size=5, unique=True)):
        kind = draw(st.sampled_from(["preferred", "dnt"]))
        en = draw(st.sampled_from(WORDS if kind == "preferred" else [w for w in WORDS if w.isascii()] + [zh]))
        variants = tuple(draw(st.lists(st.sampled_from(WORDS), max_size=2, unique=True)))
        rows.append(Term(zh, en, kind, tuple(v for v in variants if v != en), draw(st.sampled_from(NOTES)), 0))
        accepted = {en.lower(), *(v.lower() for v in variants)}
        for forbidden in draw(st.lists(st.sampled_from(WORDS), max_size=2, unique=True)):
            if forbidden.lower() not in accepted:
                rows.append(Term(zh, forbidden, "forbidden", (), draw(st.sampled_from(NOTES)), 0))
    return [("g.tsv", term) for term in rows]


@settings(max_examples=40, deadline=None)
@given(glossaries())
@example([("g.tsv", Term("GPU", "GPU", "preferred", (), "", 0))])  # a Latin term translated as itself, not dnt
def test_every_valid_glossary_survives_tbx_csv_and_omegat_round_trips(rows: list):
    assume(group_terms(rows)[1] == [])
    expected = [(t.zh, t.en, t.type, t.variants, t.note) for _, t in rows]
    for output_format in ("tbx", "csv", "omegat"):
        back = import_glossary(export_glossary(rows, output_format).text, output_format, "x")
        assert [(t.zh, t.en, t.type, t.variants, t.note) for t in back] == expected, output_format
    # TBX-Basic has no do-not-translate category: a Latin source kept as its English reads as dnt, nothing else does
    basic = [
        (zh, en, kind if kind == "forbidden" else "dnt" if looks_dnt(zh, en) else "preferred", variants, note)
        for zh, en, kind, variants, note in expected
    ]
    back = import_glossary(export_glossary(rows, "tbx-basic").text, "tbx-basic", "x")
    assert [(t.zh, t.en, t.type, t.variants, t.note) for t in back] == basic


def _export(tmp_path: Path, *args: str, glossary: str = "glossary") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "glossary", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", **_pythonpath()},
    )


def test_a_tbx_export_replaces_its_earlier_export_and_only_that(tmp_path: Path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.tsv").write_text(
        "zh\ten\ttype\tvariants\tnote\n芯片\tchip\tpreferred\t\t\n", encoding="utf-8"
    )
    for output_format, name in (("tbx", "g.tbx"), ("tbx-basic", "basic.tbx"), ("csv", "g.csv")):
        assert _export(tmp_path, "export", "--format", output_format, "-o", name).returncode == 0
    with (tmp_path / "glossary" / "g.tsv").open("a", encoding="utf-8") as handle:
        handle.write("算力\tcompute\tpreferred\t\t\n")
    for output_format, name in (("tbx", "g.tbx"), ("tbx-basic", "basic.tbx")):
        run = _export(tmp_path, "-q", "export", "--format", output_format, "-o", name)
        assert (run.returncode, run.stderr) == (0, "") and "算力" in (tmp_path / name).read_text(encoding="utf-8")
    refused = _export(tmp_path, "export", "--format", "csv", "-o", "g.csv")  # a CSV carries no mark of its origin
    assert refused.returncode == 2 and "pass --force" in refused.stderr
    assert "算力" not in (tmp_path / "g.csv").read_text(encoding="utf-8")
    forced = _export(tmp_path, "export", "-v", "--format", "csv", "--force", "-o", "g.csv")
    assert forced.returncode == 0 and "toolkit: glossary: glossary/g.tsv" in forced.stderr
    assert "算力" in (tmp_path / "g.csv").read_text(encoding="utf-8")


def test_weblate_flags_on_an_entry_are_read_as_statuses():
    tbx = """<?xml version="1.0" encoding="utf-8"?>
<martif type="TBX" xml:lang="zh_Hans"><text><body>
<termEntry id="a" weblate-flags="read-only, terminology"><langSet xml:lang="zh_Hans"><tig><term>英伟达</term></tig>
  </langSet><langSet xml:lang="en"><tig><term>Nvidia</term></tig></langSet></termEntry>
<termEntry id="b" weblate-flags="forbidden"><note from="translator">a transliteration</note>
  <langSet xml:lang="zh_Hans"><tig><term>英伟达</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>Yingweida</term></tig></langSet></termEntry>
</body></text></martif>"""
    assert [(t.zh, t.en, t.type, t.note) for t in import_glossary(tbx, "tbx", "weblate.tbx")] == [
        ("英伟达", "Nvidia", "dnt", ""),
        ("英伟达", "Yingweida", "forbidden", "a transliteration"),
    ]
