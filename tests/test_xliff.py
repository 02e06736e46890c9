"""XLIFF 1.2 and 2.0 out and back (toolkit.storage.xliff, toolkit.xliff, `toolkit xliff`).

- PO -> XLIFF -> PO is byte-identical: the five real translations and generated catalogues (hypothesis), both
  versions; the XLIFF alone carries every field of every live entry (storage-level fidelity).
- What is written validates against the OASIS schemas (xmllint --schema; shipped by Debian's php-symfony-translation),
  is read unit for unit by translate-toolkit 3.19.x (Weblate's pin) and the current release, and has the 2.0 spec's
  required structure.
- A returned XLIFF with edited targets, states and comments changes the PO exactly there; a unit that does not
  match, or XML that reaches outside itself (entities, XXE), is refused in one line and touches nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import toolkit
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.errors import CatalogError, OutputError
from toolkit.storage.po import parse, read_catalog, render
from toolkit.storage.units import Catalog, State, Unit
from toolkit.storage.xliff import XLIFF_12, XLIFF_20, Part, read_xliff, render_xliff, unit_id, written_by_toolkit
from toolkit.xliff import export_xliff, import_xliff

ROOT = Path(__file__).resolve().parents[1]
REAL = sorted((ROOT / "translations" / "en").glob("*.po"))
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
"""The OASIS XLIFF 1.2 strict and 2.0 core schemas (and W3C xml.xsd), as Debian's php-symfony-translation ships them."""
TT_319 = ROOT / ".venv" / "tt319"  # `make tools` installs it there (Makefile: TT_TARGETS)
"""translate-toolkit 3.19.x (Weblate's pin), installed beside the venv by `make tools`."""
FIELDS = (
    "source",
    "target",
    "state",
    "notes",
    "comments",
    "locations",
    "previous_source",
    "context",
    "flags",
    "source_plural",
    "target_plurals",
    "previous_context",
    "previous_source_plural",
)
HEADER = {
    "Language": "en",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
    "X-Source-Language": "zh_Hans",
}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_five_real_translations_are_there() -> None:
    assert len(REAL) == 5


def copy_real(tmp_path: Path) -> Path:
    directory = tmp_path / "po"
    directory.mkdir(parents=True)
    for path in REAL:
        shutil.copy(path, directory / path.name)
    return directory


def catalog_of(*units: Unit, script: str = "zh_Hans") -> Catalog:
    return Catalog(tuple(units), {**HEADER, "X-Source-Language": script})


def write_po(directory: Path, name: str, catalog: Catalog) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(render(catalog), encoding="utf-8")
    return path


EVERYTHING = catalog_of(
    Unit(
        "今天天气很好。",
        "The weather is fine today.",
        State.TRANSLATED,
        ("Glossary: 天气 → weather",),
        ("checked", "  indented"),
        ("seeds/a.txt:3", "seeds/my file.txt:9", "noline"),
    ),
    Unit(
        "山姆说。",
        "Sam said.",
        State.FUZZY,
        ("Source: memory",),
        (),
        ("seeds/a.txt:4",),
        "山姆说了。",
        flags=("no-wrap",),
    ),
    Unit("未译。", locations=("seeds/a.txt:5",)),
    Unit("菜单", "Menu", State.TRANSLATED, context="导航"),
    Unit("菜单", "", State.FUZZY, context=""),
    Unit(
        "有 %d 个文件",
        "",
        State.TRANSLATED,
        ("plural",),
        ("a plural",),
        ("a.txt:1",),
        "有 %d 个",
        None,
        ("c-format",),
        "有 %d 个文件。",
        ("There is %d file", "There are %d files"),
        "旧",
        "有 %d 个。",
    ),
    Unit("部分", "", State.UNTRANSLATED, source_plural="部分们", target_plurals=("Part", "")),
    Unit('  空格 & <标记> "引号"\n第二行\t', '  spaces & <tags> "quotes"\nsecond line\t', State.TRANSLATED),
    Unit("换行\r\n", "line break\r\n", State.TRANSLATED),
    Unit("旧的", "old", State.TRANSLATED, obsolete=True),
)


def without_plurals(catalog: Catalog) -> Catalog:
    return Catalog(tuple(unit for unit in catalog.units if unit.source_plural is None), catalog.header)


def canonical(catalog: Catalog) -> tuple[str, Catalog]:
    """The PO text `write_catalog` writes for `catalog`, and that text as read (the strict reader's units)."""
    text = render(catalog)
    return text, parse(text, "generated.po")


# --- the round trip


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_real_translations_round_trip_byte_identical(tmp_path: Path, version: str) -> None:
    directory = copy_real(tmp_path)
    exported = export_xliff([str(directory)], str(tmp_path / "xliff"), version=version)
    assert len(exported) == 5
    reports = import_xliff([item.target for item in exported], directory)
    assert [report.written for report in reports] == [False] * 5
    for path in REAL:
        assert (directory / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_the_xliff_alone_carries_every_field_of_every_live_entry(version: str) -> None:
    """Storage fidelity: read_xliff(render_xliff(catalog)) gives back each live unit, field for field."""
    catalogs = [read_catalog(path) for path in REAL] + [canonical(EVERYTHING)[1]]
    for catalog in catalogs:
        if version == "2.0":
            catalog = without_plurals(catalog)
        units = read_units(render_xliff([Part(catalog, "x.po", "zh-CN")], version))
        live = [unit for unit in catalog.live()]
        assert [unit.id for unit in units] == [unit_id(unit) for unit in live]
        for returned, unit in zip(units, live):
            assert {name: getattr(returned.unit, name) for name in FIELDS} == {
                name: getattr(unit, name) for name in FIELDS
            }


def read_units(text: str, tmp: Path | None = None):
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"toolkit-xliff-{os.getpid()}.xlf"
    path.write_text(text, encoding="utf-8")
    try:
        return [unit for file in read_xliff(str(path)).files for unit in file.units]
    finally:
        path.unlink()


PIECES = list('天气好。山姆说 ab\t\n"\\&<>%d]\r') + ["]]>", "菜单"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
FILLED = st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join)
LINE = (
    st.lists(st.sampled_from(list("天气好。ab&<>:→") + ["Glossary: ", " "]), min_size=1, max_size=8)
    .map(lambda pieces: "".join(pieces).strip())
    .filter(bool)
)
LOCATION = st.sampled_from(["seeds/a.txt:1", "seeds/a.txt:12", "my file.txt:3", "noline", "a:b"])


@st.composite
def units(draw) -> Unit:
    source = draw(FILLED)
    plural = draw(st.booleans())
    state = draw(st.sampled_from(list(State)))
    if plural:
        forms = tuple(draw(TEXT) for _ in range(2))
        if state is State.TRANSLATED:
            forms = tuple(form or "x" for form in forms)
        elif state is State.UNTRANSLATED and all(forms):
            forms = (forms[0], "")
        target, plural_source = "", draw(FILLED)
    else:
        forms, plural_source = (), None
        target = {State.UNTRANSLATED: "", State.FUZZY: draw(TEXT), State.TRANSLATED: draw(FILLED)}[state]
    previous = draw(st.none() | FILLED)
    return Unit(
        source,
        target,
        state,
        tuple(draw(st.lists(LINE, max_size=2))),
        tuple(draw(st.lists(LINE, max_size=2))),
        tuple(draw(st.lists(LOCATION, max_size=2))),
        previous,
        draw(st.none() | TEXT),
        tuple(draw(st.lists(st.sampled_from(["c-format", "no-wrap", "python-format"]), max_size=2, unique=True))),
        plural_source,
        forms,
        draw(st.none() | TEXT) if previous is not None else None,
        draw(st.none() | FILLED) if previous is not None and plural else None,
        obsolete=draw(st.booleans()) and draw(st.booleans()),
    )


catalogues = st.lists(units(), min_size=1, max_size=6, unique_by=lambda unit: (unit.context, unit.source)).map(
    lambda found: catalog_of(*found)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(catalog=catalogues, version=st.sampled_from(["1.2", "2.0"]))
def test_generated_catalogues_round_trip_byte_identical(tmp_path_factory, catalog: Catalog, version: str) -> None:
    if version == "2.0":
        catalog = without_plurals(catalog)
    text, read = canonical(catalog)
    assume(render(read) == text)  # the PO writer's own fixed point; its tests are test_po.py's
    tmp_path = tmp_path_factory.mktemp("round")
    po = tmp_path / "po" / "generated.po"
    po.parent.mkdir()
    po.write_text(text, encoding="utf-8")
    xliff = tmp_path / "generated.xlf"
    export_xliff([str(po.parent)], str(xliff), version=version)
    reports = import_xliff([str(xliff)], po.parent)
    assert po.read_text(encoding="utf-8") == text
    assert not reports[0].written
    returned = [unit.unit for unit in read_xliff(str(xliff)).files[0].units]
    live = [unit for unit in read.live() if unit.source or unit.context is not None]
    assert [{name: getattr(unit, name) for name in FIELDS} for unit in returned] == [
        {name: getattr(unit, name) for name in FIELDS} for unit in live
    ]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(catalog=catalogues, version=st.sampled_from(["1.2", "2.0"]), data=st.data())
def test_generated_edits_change_exactly_the_edited_entries(
    tmp_path_factory, catalog: Catalog, version: str, data
) -> None:
    """A CAT tool's edits (a new target, a new state, or an emptied target) land in their entries and nowhere else."""
    catalog = without_plurals(catalog)
    text, read = canonical(catalog)
    assume(render(read) == text)
    live = [unit for unit in read.live() if unit.source or unit.context is not None]
    assume(live)
    edits = data.draw(
        st.dictionaries(
            st.sampled_from(range(len(live))),
            st.tuples(TEXT, st.sampled_from([State.FUZZY, State.TRANSLATED])),
            max_size=3,
        )
    )
    tmp_path = tmp_path_factory.mktemp("edits")
    po = write_po(tmp_path / "po", "generated.po", read)
    xliff = tmp_path / "generated.xlf"
    export_xliff([str(po)], str(xliff), version=version)
    names = {State.FUZZY: "needs-review-translation" if version == "1.2" else "initial", State.TRANSLATED: "translated"}
    edit(
        xliff,
        {unit_id(live[number]): (target, names[state]) for number, (target, state) in edits.items()},
        version=version,
    )
    import_xliff([str(xliff)], po.parent)
    expected = list(read.units)
    for number, (target, state) in edits.items():
        unit = live[number]
        if target:
            changed = unit._replace(target=target, state=state)
            if state is State.TRANSLATED and unit.state is not State.TRANSLATED:
                changed = changed._replace(previous_source=None, previous_context=None, previous_source_plural=None)
            expected[read.units.index(unit)] = changed
    after = read_catalog(po)
    assert [tuple(getattr(unit, name) for name in FIELDS) for unit in after.units] == [
        tuple(getattr(unit, name) for name in FIELDS) for unit in expected
    ]
    assert after.header == read.header


# --- schemas


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> Path:
    """The shipped schemas, copied with their xml.xsd import pointed at the shipped copy (no network)."""
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (Debian libxml2-utils; `make tools`)")
    if not (SCHEMAS / "xliff-core-1.2-strict.xsd").is_file():
        pytest.skip(f"the XLIFF schemas are absent: {SCHEMAS} (Debian php-symfony-translation; `make tools`)")
    directory = tmp_path_factory.mktemp("xsd")
    for path in SCHEMAS.glob("*.xsd"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'schemaLocation="[^"]*xml\.xsd"', 'schemaLocation="xml.xsd"', text)
        (directory / path.name).write_text(text, encoding="utf-8")
    return directory


def validate(schemas: Path, xliff: Path, version: str) -> subprocess.CompletedProcess:
    schema = schemas / ("xliff-core-1.2-strict.xsd" if version == "1.2" else "xliff-core-2.0.xsd")
    return subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", str(schema), str(xliff)], capture_output=True, text=True
    )


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_real_translations_validate_against_the_official_schema(tmp_path: Path, schemas: Path, version: str) -> None:
    exported = export_xliff([str(ROOT / "translations" / "en")], str(tmp_path / "x"), version=version)
    for item in exported:
        result = validate(schemas, Path(item.target), version)
        assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_every_feature_validates_against_the_official_schema(tmp_path: Path, schemas: Path, version: str) -> None:
    catalog = canonical(EVERYTHING)[1]
    catalog = without_plurals(catalog) if version == "2.0" else catalog
    if version == "2.0":  # a control character, which only 2.0 can hold (<cp>)
        catalog = Catalog(catalog.units + (Unit("铃\x07", "bell\x07", State.TRANSLATED),), catalog.header)
    two = Part(catalog, "a.po", "zh-CN")
    path = tmp_path / "all.xlf"
    path.write_text(render_xliff([two, two._replace(original="b.po")], version), encoding="utf-8")
    result = validate(schemas, path, version)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_schema_check_fails_on_an_invalid_state(tmp_path: Path, schemas: Path) -> None:
    """The validation really checks: a state the schema does not know is refused by it."""
    path = tmp_path / "bad.xlf"
    text = render_xliff([Part(read_catalog(REAL[0]), "a.po", "zh-CN")])
    path.write_text(text.replace('state="translated"', 'state="done"', 1), encoding="utf-8")
    assert validate(schemas, path, "1.2").returncode != 0


# --- translate-toolkit (what Weblate, Pootle and Virtaal read XLIFF 1.2 with)

READER = r"""
import json, sys
from translate.storage import poxliff
import translate.__version__ as version
store = poxliff.PoXliffFile.parsestring(open(sys.argv[1], "rb").read())
units = []
for unit in store.units:
    element = unit.xmlelement
    strings = lambda value: list(getattr(value, "strings", [value])) if value is not None else None
    # a plural group's own state: the strict schema gives <group> no approved=, where translate-toolkit looks
    # for it; its forms carry the state, read each
    forms = unit.units if unit.hasplural() else [unit]
    units.append({"id": element.get("id"), "source": strings(unit.source), "target": strings(unit.target),
                  "fuzzy": [form.isfuzzy() for form in forms], "translated": [form.istranslated() for form in forms],
                  "plural": unit.hasplural(),
                  "developer": unit.getnotes("developer"), "translator": unit.getnotes("translator"),
                  "locations": ["%s:%s" % (dict(group)["sourcefile"], dict(group).get("linenumber"))
                                for group in unit.getcontextgroupsbyattribute("purpose", "location")]})
print(json.dumps({"version": version.sver, "source": store.getsourcelanguage(),
                  "target": store.gettargetlanguage(), "units": units}, ensure_ascii=False))
"""


def translate_toolkit(path: Path, side: Path | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(side)} if side is not None else dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", READER, str(path)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout)


TT_VERSIONS = [pytest.param(None, id="current"), pytest.param(TT_319, id="3.19")]


def expected_tt(unit: Unit) -> dict:
    forms = unit.target_plurals if unit.source_plural is not None else (unit.target,)
    return {
        "id": unit_id(unit),
        "source": [unit.source, unit.source_plural] if unit.source_plural else [unit.source],
        "target": list(unit.target_plurals) if unit.source_plural else [unit.target],
        "fuzzy": [unit.state is not State.TRANSLATED and bool(form) for form in forms],  # text nobody confirmed
        "translated": [unit.state is State.TRANSLATED for _ in forms],
        "plural": unit.source_plural is not None,
        "developer": "\n".join(unit.notes),
        "translator": "\n".join(unit.comments),
        "locations": [
            f"{path}:{line}" if colon and line.isdigit() else f"{location}:None"
            for location in unit.locations
            for path, colon, line in [location.rpartition(":")]
        ],
    }


@pytest.mark.parametrize("side", TT_VERSIONS)
def test_translate_toolkit_reads_every_unit_state_and_note(tmp_path: Path, side: Path | None) -> None:
    if side is not None and not side.is_dir():
        pytest.skip(f"translate-toolkit 3.19 is not installed in {side} (`make tools`)")
    for path in [*REAL, None]:
        catalog = read_catalog(path) if path is not None else canonical(EVERYTHING)[1]
        xliff = tmp_path / "read.xlf"
        xliff.write_text(render_xliff([Part(catalog, "a.po", "zh-CN")]), encoding="utf-8")
        read = translate_toolkit(xliff, side)
        assert read["version"].startswith("3.19." if side is not None else "3.")
        assert (read["source"], read["target"]) == ("zh-CN", "en")
        live = [unit for unit in catalog.live()]
        assert read["units"] == [expected_tt(unit) for unit in live], path


EDITOR = r"""
import sys
from translate.storage import poxliff
store = poxliff.PoXliffFile.parsestring(open(sys.argv[1], "rb").read())
store.units[0].target = "A title edited in Weblate"
store.units[0].markfuzzy(False)
store.units[2].markfuzzy(True)
store.units[3].addnote("from the reviewer", origin="translator")
open(sys.argv[1], "wb").write(bytes(store))
"""


@pytest.mark.parametrize("side", TT_VERSIONS)
def test_an_xliff_edited_and_saved_by_translate_toolkit_comes_back_into_the_po(
    tmp_path: Path, side: Path | None
) -> None:
    """What Weblate does to the file (through translate-toolkit): a new target, a unit marked "needs editing", a
    translator comment; the PO changes in those three entries."""
    if side is not None and not side.is_dir():
        pytest.skip(f"translate-toolkit 3.19 is not installed in {side} (`make tools`)")
    directory = copy_real(tmp_path)
    po = directory / REAL[0].name
    catalog = read_catalog(po)
    xliff = tmp_path / "weblate.xlf"
    export_xliff([str(po)], str(xliff))
    env = {**os.environ, "PYTHONPATH": str(side)} if side is not None else dict(os.environ)
    subprocess.run([sys.executable, "-c", EDITOR, str(xliff)], env=env, check=True, capture_output=True)
    import_xliff([str(xliff)], directory)
    live, after = catalog.live(), read_catalog(po)
    expected = list(catalog.units)
    for unit, change in (
        (live[0], {"target": "A title edited in Weblate"}),
        (live[2], {"state": State.FUZZY}),
        (live[3], {"comments": ("from the reviewer",)}),
    ):
        expected[catalog.units.index(unit)] = unit._replace(**change)
    assert [tuple(getattr(unit, name) for name in FIELDS) for unit in after.units] == [
        tuple(getattr(unit, name) for name in FIELDS) for unit in expected
    ]


# --- the XLIFF 2.0 structure the spec requires


def test_xliff_20_has_the_structure_the_spec_requires() -> None:
    catalog = without_plurals(canonical(EVERYTHING)[1])
    root = ElementTree.fromstring(render_xliff([Part(catalog, "a.po", "zh-TW")], "2.0").encode())
    ns = {"x": XLIFF_20}
    assert root.tag == f"{{{XLIFF_20}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "zh-TW", "en")
    files = root.findall("x:file", ns)
    assert len(files) == 1 and files[0].get("id") and files[0].get("original") == "a.po"
    units = files[0].findall("x:unit", ns)
    live = catalog.live()
    assert [unit.get("id") for unit in units] == [unit_id(unit) for unit in live]
    assert len({unit.get("id") for unit in units}) == len(units)
    for element, unit in zip(units, live):
        children = [child.tag.rpartition("}")[2] for child in element]
        assert children[-1] == "segment" and children.count("segment") == 1
        if "notes" in children:  # notes come before the segment, each <note> in <notes>
            assert children.index("notes") < children.index("segment")
            assert [note.text for note in element.findall("x:notes/x:note", ns)] == [*unit.notes, *unit.comments]
        segment = element.find("x:segment", ns)
        assert segment.get("state") == {State.TRANSLATED: "translated"}.get(unit.state, "initial")
        assert segment.find("x:source", ns).text or "" == unit.source
        target = segment.find("x:target", ns)
        assert (target is None) == (unit.state is State.UNTRANSLATED and not unit.target)
        if target is not None:
            assert (target.text or "") == unit.target


def test_xliff_20_refuses_a_plural_entry_and_names_it() -> None:
    with pytest.raises(OutputError, match="XLIFF 2.0 has no plural forms") as caught:
        render_xliff([Part(canonical(EVERYTHING)[1], "a.po", "zh-CN")], "2.0")
    assert "--version 1.2" in str(caught.value) and "a.po:" in str(caught.value)


def test_a_control_character_is_refused_in_12_and_a_cp_in_20() -> None:
    catalog = catalog_of(Unit("铃\x07", "bell\x1b", State.TRANSLATED))
    with pytest.raises(OutputError, match="U\\+0007"):
        render_xliff([Part(catalog, "a.po", "zh-CN")], "1.2")
    text = render_xliff([Part(catalog, "a.po", "zh-CN")], "2.0")
    assert '<cp hex="0007"/>' in text and '<cp hex="001B"/>' in text
    assert [unit.unit.target for unit in read_units(text)] == ["bell\x1b"]


def test_a_control_character_in_a_20_note_is_refused_with_what_to_do() -> None:
    with pytest.raises(OutputError, match="no <cp>"):
        render_xliff([Part(catalog_of(Unit("铃", comments=("a\x07",))), "a.po", "zh-CN")], "2.0")


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    directory = copy_real(tmp_path)
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(directory / REAL[0].name)], str(xliff))
    xliff.write_text(
        xliff.read_text(encoding="utf-8").replace("TL;DR:</target>", "TL;DR.</target>", 1), encoding="utf-8"
    )
    result = toolkit("xliff", "import", "--dry-run", str(xliff), "--po", str(directory), cwd=tmp_path)
    assert result.returncode == 0 and "would change 1 entry (1 translation, 0 states, 0 comments)" in result.stderr
    assert (directory / REAL[0].name).read_bytes() == REAL[0].read_bytes()


def test_one_20_document_holds_one_source_language() -> None:
    simplified, traditional = catalog_of(Unit("天气")), catalog_of(Unit("天氣"), script="zh_Hant")
    with pytest.raises(OutputError, match="one source language"):
        render_xliff([Part(simplified, "a.po", "zh-CN"), Part(traditional, "b.po", "zh-TW")], "2.0")
    text = render_xliff([Part(simplified, "a.po", "zh-CN"), Part(traditional, "b.po", "zh-TW")], "1.2")
    assert 'source-language="zh-CN"' in text and 'source-language="zh-TW"' in text


# --- a returned XLIFF


def edit(
    path: Path,
    changes: dict[str, tuple[str | None, str | None]],
    *,
    version: str = "1.2",
    notes: dict[str, list[str]] | None = None,
    drop: set[str] = frozenset(),
) -> None:
    """Edit an exported XLIFF as a CAT tool would: per unit id a new target and/or state, translator notes; `drop`
    removes units. Written back by ElementTree (other prefixes, other layout: what a tool's save looks like)."""
    namespace = XLIFF_12 if version == "1.2" else XLIFF_20
    ElementTree.register_namespace("", namespace)
    ElementTree.register_namespace("mda", "urn:oasis:names:tc:xliff:metadata:2.0")
    tree = ElementTree.parse(path)
    tag = "trans-unit" if version == "1.2" else "unit"
    for parent in list(tree.getroot().iter()):
        for unit in list(parent):
            if unit.tag != f"{{{namespace}}}{tag}":
                continue
            identifier = unit.get("id")
            if identifier in drop:
                parent.remove(unit)
                continue
            holder = unit if version == "1.2" else unit.find(f"{{{namespace}}}segment")
            target = holder.find(f"{{{namespace}}}target")
            if identifier in changes:
                text, state = changes[identifier]
                if target is None:
                    target = ElementTree.SubElement(holder, f"{{{namespace}}}target")
                if text is not None:
                    target.text = text
                if state is not None:
                    (target if version == "1.2" else holder).set("state", state)
                    if version == "1.2":
                        unit.set("approved", "yes" if state in ("translated", "final", "signed-off") else "no")
            for text in (notes or {}).get(identifier, []):
                if version == "1.2":
                    ElementTree.SubElement(unit, f"{{{namespace}}}note", {"from": "translator"}).text = text
                else:
                    container = unit.find(f"{{{namespace}}}notes")
                    if container is None:
                        container = ElementTree.Element(f"{{{namespace}}}notes")
                        unit.insert(list(unit).index(holder), container)
                    ElementTree.SubElement(container, f"{{{namespace}}}note", {"category": "translator"}).text = text
    text = ElementTree.tostring(tree.getroot(), encoding="unicode")
    # ElementTree writes a carriage return in text raw, which any parser reads back as a newline: escape it,
    # as a careful tool does (&#13;)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + text.replace("\r", "&#13;"), encoding="utf-8")


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_edited_targets_states_and_comments_change_the_po_exactly_there(tmp_path: Path, version: str) -> None:
    directory = copy_real(tmp_path)
    po = directory / REAL[1].name
    before = po.read_text(encoding="utf-8")
    catalog = read_catalog(po)
    first, second, third, fourth = (catalog.live()[number] for number in (0, 3, 7, 9))
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(po)], str(xliff), version=version)
    review = "needs-review-translation" if version == "1.2" else "initial"
    edit(
        xliff,
        {
            unit_id(first): ("A new summary.", None),
            unit_id(second): (None, review),
            unit_id(third): ("Reviewed.", "final"),
        },
        version=version,
        notes={unit_id(fourth): ["check the name"]},
    )
    [report] = import_xliff([str(xliff)], directory)
    assert report.written and (report.translations, report.states, report.comments) == (2, 1, 1)
    after = read_catalog(po)
    expected = list(catalog.units)
    for unit, change in (
        (first, {"target": "A new summary."}),
        (second, {"state": State.FUZZY}),
        (third, {"target": "Reviewed."}),
        (fourth, {"comments": ("check the name",)}),
    ):
        expected[catalog.units.index(unit)] = unit._replace(**change)
    assert [tuple(getattr(unit, name) for name in FIELDS) for unit in after.units] == [
        tuple(getattr(unit, name) for name in FIELDS) for unit in expected
    ]
    assert after.header == catalog.header and after.header_comments == catalog.header_comments
    old, new = blocks(before), blocks(po.read_text(encoding="utf-8"))
    changed = [number for number, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(old) == len(new) and len(changed) == 4  # the four entries, nothing else (header included)


def test_a_translation_the_xliff_does_not_mention_is_never_lost(tmp_path: Path) -> None:
    directory = copy_real(tmp_path)
    po = directory / REAL[0].name
    before = po.read_bytes()
    live = read_catalog(po).live()
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(po)], str(xliff))
    edit(xliff, {unit_id(live[1]): ("", "needs-translation")}, drop={unit_id(live[0]), unit_id(live[2])})
    [report] = import_xliff([str(xliff)], directory)
    assert report.kept == 1 and not report.changed_lines
    assert po.read_bytes() == before


def test_a_tool_that_strips_notes_does_not_erase_translator_comments(tmp_path: Path) -> None:
    directory = tmp_path / "po"
    po = write_po(directory, "a.po", catalog_of(Unit("天气", "weather", State.TRANSLATED, ("Glossary",), ("mine",))))
    before = po.read_bytes()
    xliff = tmp_path / "a.xlf"
    export_xliff([str(po)], str(xliff))
    xliff.write_text(re.sub(r"\s*<note [^>]*>[^<]*</note>", "", xliff.read_text(encoding="utf-8")), encoding="utf-8")
    import_xliff([str(xliff)], directory)
    assert po.read_bytes() == before


def test_a_confirmed_translation_drops_the_previous_msgid(tmp_path: Path) -> None:
    directory = tmp_path / "po"
    po = write_po(
        directory, "a.po", catalog_of(Unit("山姆说。", "Sam said.", State.FUZZY, previous_source="山姆说了。"))
    )
    xliff = tmp_path / "a.xlf"
    export_xliff([str(po)], str(xliff))
    edit(xliff, {unit_id(Unit("山姆说。")): (None, "translated")})
    import_xliff([str(xliff)], directory)
    [unit] = read_catalog(po).units
    assert (unit.state, unit.previous_source, unit.target) == (State.TRANSLATED, None, "Sam said.")


def test_a_plural_entry_comes_back_with_every_form(tmp_path: Path) -> None:
    directory = tmp_path / "po"
    po = write_po(
        directory, "a.po", catalog_of(Unit("有 %d 个文件", source_plural="有 %d 个文件。", target_plurals=("", "")))
    )
    xliff = tmp_path / "a.xlf"
    export_xliff([str(po)], str(xliff))
    identifier = unit_id(Unit("有 %d 个文件"))
    edit(xliff, {f"{identifier}[0]": ("%d file", "translated"), f"{identifier}[1]": ("%d files", "translated")})
    import_xliff([str(xliff)], directory)
    [unit] = read_catalog(po).units
    assert (unit.target_plurals, unit.state) == (("%d file", "%d files"), State.TRANSLATED)


@pytest.mark.parametrize(
    "state, expected",
    [
        ("translated", State.TRANSLATED),
        ("final", State.TRANSLATED),
        ("signed-off", State.TRANSLATED),
        ("needs-review-translation", State.FUZZY),
        ("needs-translation", State.FUZZY),
        ("new", State.FUZZY),
        ("needs-l10n", State.FUZZY),
        (None, State.FUZZY),
    ],
)
def test_states_other_tools_write_map_to_the_po_state_that_means_the_same(tmp_path: Path, state, expected) -> None:
    directory = tmp_path / "po"
    po = write_po(directory, "a.po", catalog_of(Unit("天气")))
    xliff = tmp_path / "a.xlf"
    export_xliff([str(po)], str(xliff))
    text = xliff.read_text(encoding="utf-8")
    target = f'<target state="{state}">weather</target>' if state else "<target>weather</target>"
    xliff.write_text(re.sub(r"<target [^>]*></target>", target, text), encoding="utf-8")
    import_xliff([str(xliff)], directory)
    assert read_catalog(po).units[0].state is expected


def poedit_edit(po: Path, old: str, new: str) -> None:
    """A change made in Poedit while the XLIFF is out."""
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_po_change_made_while_the_xliff_was_out_is_kept(tmp_path: Path, version: str) -> None:
    """The XLIFF's units record what they were exported from: a unit the CAT tool left alone does not take back
    a translation or comment changed in Poedit meanwhile; a unit it changed does land."""
    directory = copy_real(tmp_path)
    po = directory / REAL[0].name
    live = read_catalog(po).live()
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(po)], str(xliff), version=version)
    poedit_edit(po, 'msgstr "TL;DR:"', 'msgstr "In short:"')
    poedit_edit(po, "#: seeds/000_53be3466f5beab3d.txt:3\n", "# ask the author\n#: seeds/000_53be3466f5beab3d.txt:3\n")
    edit(xliff, {unit_id(live[0]): ("A new title.", "translated")}, version=version)
    import_xliff([str(xliff)], directory)
    after = read_catalog(po).live()
    assert after[2].target == "In short:" and after[1].comments == ("ask the author",)
    assert after[0].target == "A new title."


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_entry_changed_in_both_differently_is_refused_unless_told(tmp_path: Path, version: str) -> None:
    directory = copy_real(tmp_path)
    po = directory / REAL[0].name
    live = read_catalog(po).live()
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(po)], str(xliff), version=version)
    poedit_edit(po, 'msgstr "TL;DR:"', 'msgstr "In short:"')
    before = po.read_bytes()
    edit(xliff, {unit_id(live[2]): ("Summary:", "translated")}, version=version)
    result = toolkit("xliff", "import", str(xliff), "--po", str(directory), cwd=tmp_path)
    assert result.returncode == 2 and "changed both in" in result.stderr and "--prefer-xliff" in result.stderr
    assert result.stderr.count("\n") == 1 and po.read_bytes() == before
    edit(xliff, {unit_id(live[2]): ("In short:", "translated")}, version=version)  # the same change: no conflict
    import_xliff([str(xliff)], directory)
    assert po.read_bytes() == before
    edit(xliff, {unit_id(live[2]): ("Summary:", "translated")}, version=version)
    result = toolkit("xliff", "import", "--prefer-xliff", str(xliff), "--po", str(directory), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert read_catalog(po).live()[2].target == "Summary:"


# --- refusals: one line, nothing touched


def returned_case(tmp_path: Path, change) -> tuple[Path, Path, bytes]:
    directory = copy_real(tmp_path)
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(directory / REAL[0].name)], str(xliff))
    xliff.write_text(change(xliff.read_text(encoding="utf-8")), encoding="utf-8")
    return directory, xliff, (directory / REAL[0].name).read_bytes()


REFUSED = {
    "unknown id": (lambda text: text.replace('id="u', 'id="x', 1), "has no entry in"),
    "changed source": (
        lambda text: text.replace("<source>TL;DR:</source>", "<source>TL;DR</source>", 1),
        "differs from its msgid",
    ),
    "another target language": (
        lambda text: text.replace('target-language="en"', 'target-language="fr"'),
        "not English",
    ),
    "another script": (
        lambda text: text.replace('source-language="zh-CN"', 'source-language="zh-TW"'),
        "translates zh-CN",
    ),
    "a path outside": (lambda text: text.replace('original="', 'original="../', 1), "does not name a PO file inside"),
    "an inline code": (
        lambda text: text.replace("TL;DR:</target>", 'TL;DR:<x id="1"/></target>', 1),
        "inline markup <x>",
    ),
    "a duplicate id": (
        lambda text: text.replace("</body>", re.search(r"<trans-unit.*?</trans-unit>", text, re.S).group() + "</body>"),
        "a second <trans-unit>",
    ),
    "not well-formed": (lambda text: text.replace("</body>", "<body>"), "not well-formed XML"),
    "entity expansion": (
        lambda text: text.replace(
            "<xliff ",
            '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<xliff ',
            1,
        ).replace("TL;DR:</target>", "&b;</target>", 1),
        "internal subset",
    ),
    "external entity": (
        lambda text: text.replace(
            "<xliff ", '<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff ', 1
        ).replace("TL;DR:</target>", "&e;</target>", 1),
        "internal subset",
    ),
    "undeclared entity": (lambda text: text.replace("TL;DR:</target>", "&e;</target>", 1), "undefined entity"),
    "not XLIFF": (lambda text: text.replace(XLIFF_12, "urn:example:other"), "not an XLIFF 1.2 or 2.0 file"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_returned_xliff_that_does_not_match_is_refused_in_one_line_touching_nothing(
    tmp_path: Path, name: str
) -> None:
    change, message = REFUSED[name]
    directory, xliff, before = returned_case(tmp_path, change)
    listing = sorted(path.name for path in directory.iterdir())
    result = toolkit("xliff", "import", str(xliff), "--po", str(directory), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("toolkit: error: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert (directory / REAL[0].name).read_bytes() == before
    assert sorted(path.name for path in directory.iterdir()) == listing


def test_one_bad_file_among_several_writes_none(tmp_path: Path) -> None:
    directory = copy_real(tmp_path)
    exported = export_xliff([str(directory)], str(tmp_path / "x"))
    good, bad = Path(exported[0].target), Path(exported[1].target)
    good.write_text(
        good.read_text(encoding="utf-8").replace("TL;DR:</target>", "Too long; didn't read:</target>"), encoding="utf-8"
    )
    bad.write_text(bad.read_text(encoding="utf-8").replace('id="u', 'id="x', 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="has no entry"):
        import_xliff([str(good), str(bad)], directory)
    for path in REAL:
        assert (directory / path.name).read_bytes() == path.read_bytes()


def test_deeply_nested_groups_are_read_without_recursion(tmp_path: Path) -> None:
    depth = 5000
    path = tmp_path / "deep.xlf"
    path.write_text(
        f'<xliff xmlns="{XLIFF_12}" version="1.2"><file original="a.po" source-language="zh-CN" '
        f'target-language="en" datatype="po"><body>'
        + "<group>" * depth
        + '<trans-unit id="a"><source>天气</source></trans-unit>'
        + "</group>" * depth
        + "</body></file></xliff>",
        encoding="utf-8",
    )
    [file] = read_xliff(str(path)).files
    assert [unit.unit.source for unit in file.units] == ["天气"]


# --- the export's output rules


def test_export_to_standard_output_writes_one_document(tmp_path: Path) -> None:
    result = toolkit("xliff", "export", str(ROOT / "translations" / "en"), "-o", "-", "--version", "1.2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("<file ") == 5 and result.stderr == "" and not list(tmp_path.iterdir())


def test_export_never_replaces_a_file_that_is_not_an_unchanged_earlier_export(tmp_path: Path) -> None:
    directory = copy_real(tmp_path)
    target = tmp_path / "out.xlf"
    target.write_text("a translator's file", encoding="utf-8")
    with pytest.raises(OutputError, match="not an earlier output"):
        export_xliff([str(directory)], str(target))
    assert target.read_text(encoding="utf-8") == "a translator's file"
    export_xliff([str(directory)], str(target), force=True)
    assert written_by_toolkit(target.read_bytes())
    export_xliff([str(directory / REAL[0].name)], str(target), version="2.0")  # our own, unchanged: replaced
    assert 'version="2.0"' in target.read_text(encoding="utf-8")
    edited = target.read_text(encoding="utf-8").replace("TL;DR:</target>", "TL;DR.</target>", 1)
    target.write_text(edited, encoding="utf-8")  # returned by a CAT tool: its work is never overwritten
    assert not written_by_toolkit(target.read_bytes())
    with pytest.raises(OutputError, match="not an earlier output"):
        export_xliff([str(directory)], str(target))
    po = directory / REAL[0].name
    with pytest.raises(OutputError, match="exists and is not a directory"):
        export_xliff([str(po)], str(po), force=True)
    po.rename(po.with_suffix(".xlf"))
    with pytest.raises(OutputError, match="one of this command's inputs"):
        export_xliff([str(po.with_suffix(".xlf"))], str(po.with_suffix(".xlf")), force=True)
    assert po.with_suffix(".xlf").read_bytes() == REAL[0].read_bytes()


def test_export_refuses_a_po_file_without_a_source_script(tmp_path: Path) -> None:
    po = write_po(tmp_path / "po", "a.po", Catalog((Unit("天气"),), {"Language": "en"}))
    result = toolkit("xliff", "export", str(po), "-o", "-", cwd=tmp_path)
    assert result.returncode == 2 and "X-Source-Language" in result.stderr and result.stdout == ""


def test_the_cli_round_trip_and_quiet(tmp_path: Path) -> None:
    directory = copy_real(tmp_path)
    result = toolkit("xliff", "export", str(directory), "-o", "x/", "--version", "2.0", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr.count("toolkit: wrote ") == 5, result.stderr
    returned = sorted(str(path) for path in (tmp_path / "x").glob("*.xlf"))
    result = toolkit("xliff", "import", "-q", *returned, "--po", str(directory), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    result = toolkit("xliff", "import", *returned, "--po", str(directory), cwd=tmp_path)
    assert result.stderr.count(": unchanged (") == 5


def test_import_reads_a_returned_xliff_from_standard_input(tmp_path: Path) -> None:
    directory = copy_real(tmp_path)
    xliff = tmp_path / "returned.xlf"
    export_xliff([str(directory / REAL[0].name)], str(xliff))
    data = xliff.read_text(encoding="utf-8").replace("TL;DR:</target>", "TL;DR.</target>", 1).encode()
    result = subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", "xliff", "import", "-", "--po", str(directory)],
        input=data,
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert 'msgstr "TL;DR."' in (directory / REAL[0].name).read_text(encoding="utf-8")


def test_one_document_never_holds_two_files_of_the_same_name(tmp_path: Path) -> None:
    first, second = copy_real(tmp_path / "a"), copy_real(tmp_path / "b")
    with pytest.raises(OutputError, match="two PO files named"):
        export_xliff([str(first / REAL[0].name), str(second / REAL[0].name)], str(tmp_path / "all.xlf"))
    assert not (tmp_path / "all.xlf").exists()


def test_a_po_file_in_another_layout_is_said_to_be_relaid_when_written(tmp_path: Path) -> None:
    directory = tmp_path / "po"
    long = "A long translation that Poedit wraps at seventy-nine columns, as its default setting does, word by word."
    po = write_po(
        directory, "a.po", catalog_of(Unit("天气", long, State.TRANSLATED), Unit("好", "good", State.TRANSLATED))
    )
    import polib

    wrapped = polib.pofile(str(po), wrapwidth=78)
    wrapped.wrapwidth = 78
    wrapped.save(str(po))
    assert '"A long translation' in po.read_text(encoding="utf-8")  # continued over lines now
    xliff = tmp_path / "a.xlf"
    export_xliff([str(po)], str(xliff))
    xliff.write_text(xliff.read_text(encoding="utf-8").replace(">good<", ">fine<"), encoding="utf-8")
    result = toolkit("xliff", "import", str(xliff), "--po", str(directory), cwd=tmp_path)
    assert result.returncode == 0 and "not in the toolkit's layout" in result.stderr
    assert [unit.target for unit in read_catalog(po).units] == [long, "fine"]
