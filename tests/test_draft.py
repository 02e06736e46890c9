"""The draft run: memory before engine, one engine call, msgmerge-style merge, locks, atomic writes, the CLI."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
import regex
from fakes import FakeEngine
from filelock import FileLock
from helpers import msgfmt_check, read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.draft import (
    LOCK_NAME,
    Article,
    GlossarySource,
    MemorySource,
    Report,
    draft_catalogs,
    draft_files,
    draft_stamp,
)
from toolkit.errors import CatalogError, InputError, LockError, ModelError, OutputError
from toolkit.memory import Memory
from toolkit.paths import po_path_for
from toolkit.segment import segment_text
from toolkit.storage.po import render
from toolkit.storage.units import State, Unit

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROOT = SEEDS.parent


def write_source(directory: Path, name: str, *paragraphs: str) -> Path:
    path = directory / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def draft(
    sources: list[Path],
    output: Path,
    engine: FakeEngine | None = None,
    *,
    glossary_path: Path | None = None,
    memory_paths=(),
    **options,
) -> Report:
    glossary = GlossarySource.at(glossary_path) if glossary_path is not None else None
    return draft_files(
        sources,
        output,
        (lambda: engine) if engine is not None else None,
        now=NOW,
        glossary=glossary,
        memory=[MemorySource(path) for path in memory_paths],
        **options,
    )


def as_polib(catalog) -> polib.POFile:
    """A catalogue the pure core made, as polib reads its PO text."""
    return polib.pofile(render(catalog), wrapwidth=0)


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in read_po(path) if not entry.obsolete}


def mask_stamp(text: str) -> str:
    """PO text with the X-Toolkit-Stamp value (it hashes the toolkit version) masked for snapshots."""
    return regex.sub(r"X-Toolkit-Stamp: [0-9a-f]+", "X-Toolkit-Stamp: <stamp>", text)


def translate_by_hand(path: Path, msgid: str, msgstr: str, comment: str = "") -> None:
    """What a translator does in Poedit: type a translation, confirm it (clears fuzzy), maybe add a comment."""
    catalog = read_po(path)
    entry = catalog.find(msgid)
    entry.msgstr = msgstr
    entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    entry.previous_msgid = None
    if comment:
        entry.tcomment = comment
    catalog.save(str(path))


def test_pure_core_drafts_documents_in_memory_without_touching_files() -> None:
    jobs = [Article(segment_text("天气很好。我们去北京。", file="a.txt"), "en/a.po")]
    engine = FakeEngine({"天气很好。": ["The weather is fine."]})
    drafted = draft_catalogs(
        jobs,
        Memory([Unit("我们去北京。", "We go to Beijing.", State.TRANSLATED, origin="old.po")]),
        lambda: engine,
        now=NOW,
    )
    [catalog] = map(as_polib, drafted.catalogs)
    assert [(entry.msgid, entry.msgstr, entry.flags) for entry in catalog] == [
        ("天气很好。", "The weather is fine.", ["fuzzy"]),
        ("我们去北京。", "We go to Beijing.", []),
    ]
    assert (drafted.report.drafted, drafted.report.from_memory_exact, drafted.report.engine_calls) == (1, 1, 1)


def test_po_file_goes_to_output_language_stem() -> None:
    assert po_path_for(Path("seeds/000_53be3466f5beab3d.txt"), Path("translations")) == Path(
        "translations/en/000_53be3466f5beab3d.po"
    )


def test_first_draft_sends_all_new_sentences_of_all_files_in_one_engine_call(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "我们去北京。他们去上海。")
    b = write_source(tmp_path, "b.txt", "他们去上海。天气很好。")
    engine = FakeEngine()
    report = draft([a, b], tmp_path / "out", engine)
    assert len(engine.calls) == 1
    assert engine.sentences == ["我们去北京。", "他们去上海。", "天气很好。"]
    assert report.files == 2 and report.drafted == 4 and report.engine_calls == 1 and report.written == 2
    drafted = entries(tmp_path / "out" / "en" / "b.po")
    assert drafted["天气很好。"].msgstr == "EN(天气很好。)"
    assert drafted["天气很好。"].flags == ["fuzzy"]
    assert drafted["天气很好。"].comment == "Draft: fake 1.0 beam=4"
    for name in ("a.po", "b.po"):
        msgfmt_check(tmp_path / "out" / "en" / name)


def test_repeated_sentence_is_one_entry_listing_every_reference(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "好。", "坏。", "好。")
    draft([a], tmp_path / "out", FakeEngine())
    catalog = entries(tmp_path / "out" / "en" / "a.po")
    assert list(catalog) == ["好。", "坏。"]
    assert catalog["好。"].occurrences == [(str(a), "1"), (str(a), "5")]


def test_redraft_of_unchanged_sources_calls_no_engine_and_rewrites_nothing(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "我们去北京。他们去上海。")
    draft([a], tmp_path / "out", FakeEngine())
    before = (tmp_path / "out" / "en" / "a.po").read_bytes()
    created = []
    report = draft_files([a], tmp_path / "out", lambda: created.append(1) or FakeEngine())
    assert created == [] and report.engine_calls == 0
    assert report.up_to_date == 1 and report.written == 0
    assert (tmp_path / "out" / "en" / "a.po").read_bytes() == before


def test_complete_draft_records_what_it_was_made_from(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    (tmp_path / "glossary.tsv").write_text(GLOSSARY_TSV, encoding="utf-8")
    draft([a], tmp_path / "out", FakeEngine(), glossary_path=tmp_path / "glossary.tsv")
    stamp = read_po(tmp_path / "out" / "en" / "a.po").metadata["X-Toolkit-Stamp"]
    glossary = (tmp_path / "glossary.tsv",)
    assert stamp == draft_stamp(a, None, glossary)
    assert stamp != draft_stamp(a, None, ()) != draft_stamp(a, "gb18030", glossary)


def test_translator_edits_keep_a_draft_up_to_date(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    draft([a], tmp_path / "out", FakeEngine())
    translate_by_hand(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    report = draft([a], tmp_path / "out", FakeEngine())
    assert report.up_to_date == 1
    assert entries(tmp_path / "out" / "en" / "a.po")["天气很好。"].msgstr == "The weather is fine."


def test_a_changed_glossary_redrafts_notes_without_the_engine(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "芯片很贵。")
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text(GLOSSARY_TSV.replace("芯片\tchip", "芯片\tmicrochip"), encoding="utf-8")
    draft([a], tmp_path / "out", FakeEngine({"芯片很贵。": ["Chips are expensive."]}), glossary_path=glossary)
    glossary.write_text(GLOSSARY_TSV, encoding="utf-8")
    engine = FakeEngine()
    report = draft([a], tmp_path / "out", engine, glossary_path=glossary)
    assert engine.calls == [] and report.up_to_date == 0 and report.unchanged == 1
    assert entries(tmp_path / "out" / "en" / "a.po")["芯片很贵。"].comment.splitlines()[1:] == ["Glossary: 芯片 → chip"]


def test_untranslated_entries_leave_the_draft_unstamped(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    draft([a], tmp_path / "out")
    assert "X-Toolkit-Stamp" not in read_po(tmp_path / "out" / "en" / "a.po").metadata
    assert draft([a], tmp_path / "out", FakeEngine()).drafted == 1


def test_translator_work_survives_a_source_edit_and_redraft(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "我们明天去北京开会。", "天气很好。")
    po = tmp_path / "out" / "en" / "a.po"
    draft([a], tmp_path / "out", FakeEngine())
    translate_by_hand(po, "我们明天去北京开会。", "Tomorrow we meet in Beijing.", comment="checked with the author")
    translate_by_hand(po, "天气很好。", "The weather is fine.")
    write_source(tmp_path, "a.txt", "我们明天去上海开会。", "天气很好。")
    engine = FakeEngine()
    report = draft([a], tmp_path / "out", engine)
    assert engine.calls == []
    catalog = read_po(po)
    changed = catalog.find("我们明天去上海开会。")
    assert changed.msgstr == "Tomorrow we meet in Beijing."
    assert changed.flags == ["fuzzy"]
    assert changed.previous_msgid == "我们明天去北京开会。"
    assert changed.tcomment == "checked with the author"
    assert changed.comment.startswith("Memory: 80% match from ")
    kept = catalog.find("天气很好。")
    assert (kept.msgstr, kept.flags) == ("The weather is fine.", [])
    gone = catalog.find("我们明天去北京开会。", include_obsolete_entries=True)
    assert gone.obsolete and gone.msgstr == "Tomorrow we meet in Beijing."
    assert (report.from_memory_fuzzy, report.kept_human, report.obsolete) == (1, 1, 1)
    msgfmt_check(po)


def test_sentence_that_comes_back_is_revived_from_its_obsolete_entry(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    po = tmp_path / "out" / "en" / "a.po"
    draft([a], tmp_path / "out", FakeEngine())
    translate_by_hand(po, "天气很好。", "The weather is fine.", comment="keep it short")
    write_source(tmp_path, "a.txt", "完全不同的一句话。")
    draft([a], tmp_path / "out", FakeEngine())
    write_source(tmp_path, "a.txt", "天气很好。")
    report = draft([a], tmp_path / "out", FakeEngine())
    revived = read_po(po).find("天气很好。")
    assert (revived.msgstr, revived.flags, revived.tcomment) == ("The weather is fine.", [], "keep it short")
    assert report.from_memory_exact == 1
    msgfmt_check(po)


def test_exact_memory_from_another_po_is_reused_without_the_engine(tmp_path: Path) -> None:
    memory = polib.POFile()
    memory.append(polib.POEntry(msgid="天气很好。", msgstr="The weather is fine."))
    memory.save(str(tmp_path / "old.po"))
    a = write_source(tmp_path, "a.txt", "天气很好。我们去北京。")
    engine = FakeEngine()
    report = draft([a], tmp_path / "out", engine, memory_paths=[tmp_path / "old.po"])
    assert engine.sentences == ["我们去北京。"]
    reused = entries(tmp_path / "out" / "en" / "a.po")["天气很好。"]
    assert (reused.msgstr, reused.flags) == ("The weather is fine.", [])
    assert reused.comment == f"Memory: exact match from {tmp_path / 'old.po'}"
    assert (report.from_memory_exact, report.drafted) == (1, 1)


def test_near_memory_match_is_prefilled_as_fuzzy_with_its_score_and_source(tmp_path: Path) -> None:
    memory = polib.POFile()
    memory.append(polib.POEntry(msgid="我们明天去北京开会。", msgstr="Tomorrow we meet in Beijing."))
    memory.save(str(tmp_path / "old.po"))
    a = write_source(tmp_path, "a.txt", "我们明天去上海开会。")
    engine = FakeEngine()
    draft([a], tmp_path / "out", engine, memory_paths=[tmp_path / "old.po"])
    assert engine.calls == []
    near = entries(tmp_path / "out" / "en" / "a.po")["我们明天去上海开会。"]
    assert (near.msgstr, near.flags, near.previous_msgid) == ("Tomorrow we meet in Beijing.", ["fuzzy"], None)
    assert near.comment == f"Memory: 80% match from {tmp_path / 'old.po'}: 我们明天去北京开会。"


def test_engine_none_leaves_entries_for_translators(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    report = draft([a], tmp_path / "out")
    entry = entries(tmp_path / "out" / "en" / "a.po")["天气很好。"]
    assert (entry.msgstr, entry.flags) == ("", [])
    assert (report.untranslated, report.engine_calls, report.signature) == (1, 0, "none")
    msgfmt_check(tmp_path / "out" / "en" / "a.po")


def test_empty_entry_is_drafted_once_an_engine_is_available(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    draft([a], tmp_path / "out")
    report = draft([a], tmp_path / "out", FakeEngine())
    assert report.drafted == 1
    assert entries(tmp_path / "out" / "en" / "a.po")["天气很好。"].msgstr == "EN(天气很好。)"


GLOSSARY_TSV = """zh\ten\ttype\tvariants\tnote
出口管制\texport controls\tpreferred\texport restrictions\t
出口管制\texport management\tforbidden\t\t
芯片\tchip\tpreferred\t\t
"""


def test_glossary_steers_the_draft_and_notes_every_term(tmp_path: Path) -> None:
    (tmp_path / "glossary.tsv").write_text(GLOSSARY_TSV, encoding="utf-8")
    a = write_source(tmp_path, "a.txt", "出口管制很严。", "芯片很贵。", "天气很好。")
    engine = FakeEngine(
        {
            "出口管制很严。": ["Export management is strict.", "Export restrictions are strict.", "Rules are strict."],
            "芯片很贵。": ["It is expensive.", "They are expensive."],
        }
    )
    report = draft([a], tmp_path / "out", engine, glossary_path=tmp_path / "glossary.tsv")
    assert engine.calls[0].num_hypotheses == 4 and engine.calls[0].suppress == ("export management",)
    catalog = entries(tmp_path / "out" / "en" / "a.po")
    controls = catalog["出口管制很严。"]
    assert controls.msgstr == "Export controls are strict."
    assert controls.comment.splitlines()[1:] == ["Glossary: 出口管制 → export controls (not: export management)"]
    assert catalog["芯片很贵。"].comment.splitlines()[1:] == ["Glossary: 芯片 → chip — not in draft"]
    assert catalog["芯片很贵。"].flags == ["fuzzy"]
    assert catalog["天气很好。"].comment.splitlines()[1:] == []
    assert (report.glossary.terms, report.glossary.replaced, report.glossary.violations, report.suppressed) == (
        2,
        1,
        1,
        1,
    )
    assert "glossary " in report.signature


def test_no_glossary_terms_ask_for_one_hypothesis(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    engine = FakeEngine()
    draft([a], tmp_path / "out", engine)
    assert (engine.calls[0].num_hypotheses, engine.calls[0].suppress) == (1, ())


def test_existing_po_that_does_not_parse_stops_the_run_before_writing(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    b = write_source(tmp_path, "b.txt", "我们去北京。")
    (tmp_path / "out" / "en").mkdir(parents=True)
    (tmp_path / "out" / "en" / "b.po").write_text('msgid "x"\nmsgstr "y"\nbroken\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        draft([a, b], tmp_path / "out", FakeEngine())
    assert str(caught.value).startswith(f"{tmp_path / 'out' / 'en' / 'b.po'}:")
    assert not (tmp_path / "out" / "en" / "a.po").exists()


def test_unwritable_output_is_one_clear_error_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    (tmp_path / "out" / "en").mkdir(parents=True)
    denied = str(tmp_path / "out" / "en")
    real_access = os.access
    # Permission bits do not stop root (CI runs as root): the directory is reported unwritable instead.
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: str(path) != denied and real_access(path, mode, **kw))
    engine = FakeEngine()
    with pytest.raises(OutputError, match="not writable"):
        draft([a], tmp_path / "out", engine)
    assert engine.calls == [] and list((tmp_path / "out" / "en").iterdir()) == []


def test_output_under_a_file_is_one_clear_error(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    (tmp_path / "out").write_text("not a directory", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot create the output directory"):
        draft([a], tmp_path / "out", FakeEngine())


def test_second_run_on_a_locked_output_is_refused(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    (tmp_path / "out").mkdir()
    with FileLock(str(tmp_path / "out" / LOCK_NAME)):
        with pytest.raises(LockError, match="another `toolkit draft`"):
            draft([a], tmp_path / "out", FakeEngine())
    assert not (tmp_path / "out" / "en" / "a.po").exists()


def test_two_sources_with_the_same_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    a = write_source(tmp_path / "x", "a.txt", "天气很好。")
    b = write_source(tmp_path / "y", "a.md", "天气很好。")
    with pytest.raises(InputError, match="would both draft into"):
        draft([a, b], tmp_path / "out", FakeEngine())


def test_source_directory_drafts_its_txt_and_md_files(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    write_source(tmp_path / "src", "a.txt", "天气很好。")
    write_source(tmp_path / "src", "b.md", "我们去北京。")
    write_source(tmp_path / "src", "c.csv", "不要。")
    report = draft([tmp_path / "src"], tmp_path / "out", FakeEngine())
    assert report.files == 2
    assert sorted(p.name for p in (tmp_path / "out" / "en").glob("*.po")) == ["a.po", "b.po"]


def test_seed_draft_snapshot(tmp_path: Path, file_regression) -> None:
    source = tmp_path / "000_53be3466f5beab3d.txt"
    shutil.copy(SEEDS / source.name, source)
    (tmp_path / "glossary.tsv").write_text(GLOSSARY_TSV, encoding="utf-8")
    draft([source], tmp_path / "out", FakeEngine(), glossary_path=tmp_path / "glossary.tsv")
    po = tmp_path / "out" / "en" / "000_53be3466f5beab3d.po"
    msgfmt_check(po)
    text = mask_stamp(po.read_text(encoding="utf-8").replace(str(tmp_path) + "/", ""))
    file_regression.check(text, extension=".po")


def test_every_seed_drafts_msgfmt_clean_and_redrafts_with_zero_engine_calls(tmp_path: Path) -> None:
    engine = FakeEngine()
    first = draft([SEEDS], tmp_path / "out", engine, glossary_path=ROOT / "glossary")
    assert first.files == 5 and len(engine.calls) == 1
    for po in (tmp_path / "out" / "en").glob("*.po"):
        msgfmt_check(po)
        assert read_po(po).metadata["X-Source-Language"] in ("zh_Hans", "zh_Hant")
    again = FakeEngine()
    second = draft([SEEDS], tmp_path / "out", again, glossary_path=ROOT / "glossary")
    assert again.calls == [] and second.written == 0 and second.up_to_date == 5
    third = draft([SEEDS], tmp_path / "out", again, glossary_path=ROOT / "glossary", encoding="utf-8")
    assert again.calls == [] and third.written == 5 and third.unchanged == first.drafted


# --- property: random human edits, source changes and re-drafts never lose a human translation

SENTENCES = [f"第{n}段说{topic}的事情。" for n in range(6) for topic in ("北京", "上海")]

operation = st.one_of(
    st.tuples(st.just("translate"), st.integers(0, 20)),
    st.tuples(st.just("change"), st.integers(0, 20), st.sampled_from(SENTENCES + ["完全不同。", "又一句。"])),
    st.tuples(st.just("reword"), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("add"), st.sampled_from(SENTENCES)),
    st.tuples(
        st.just("redraft"),
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    initial=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5), operations=st.lists(operation, max_size=12)
)
def test_human_translations_are_never_lost(
    tmp_path_factory: pytest.TempPathFactory, initial: list[str], operations: list
) -> None:
    directory = tmp_path_factory.mktemp("property")
    paragraphs = list(initial)
    source = write_source(directory, "a.txt", *paragraphs)
    po = directory / "out" / "en" / "a.po"
    draft([source], directory / "out", FakeEngine())
    human: dict[str, str] = {}
    counter = 0
    for op in operations:
        if op[0] == "translate":
            active = [entry for entry in read_po(po) if not entry.obsolete]
            entry = active[op[1] % len(active)] if active else None
            if entry is not None:
                counter += 1
                human = {key: value for key, value in human.items() if value != entry.msgstr}
                human[entry.msgid] = f"Human {counter}."
                translate_by_hand(po, entry.msgid, human[entry.msgid])
        elif op[0] == "change" and paragraphs:
            paragraphs[op[1] % len(paragraphs)] = op[2]
        elif op[0] == "reword" and paragraphs:
            index = op[1] % len(paragraphs)
            paragraphs[index] = paragraphs[index].replace("事情", "事儿")
        elif op[0] == "delete" and len(paragraphs) > 1:
            paragraphs.pop(op[1] % len(paragraphs))
        elif op[0] == "add":
            paragraphs.append(op[1])
        else:
            write_source(directory, "a.txt", *paragraphs)
            before = {
                entry.msgid: entry.msgstr
                for entry in read_po(po)
                if not entry.obsolete and entry.msgstr and "fuzzy" not in entry.flags
            }
            draft([source], directory / "out", FakeEngine())
            msgfmt_check(po)
            catalog = read_po(po)
            everywhere = {entry.msgstr for entry in catalog}
            assert set(human.values()) <= everywhere
            for msgid, msgstr in before.items():
                if msgid in paragraphs:
                    kept = catalog.find(msgid)
                    assert (kept.msgstr, "fuzzy" in kept.flags) == (msgstr, False)


# --- processes: the CLI, SIGKILL mid-run, the real Argos path


def run_toolkit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass(frozen=True)
class Case:
    """One `toolkit draft` command line, run as a subprocess after `runs - 1` identical runs."""

    name: str
    args: tuple[str, ...]
    sources: tuple[tuple[str, str], ...] = (
        ("article.txt", "萨姆·奥尔特曼警告说。出口管制没有用。\n\n出口管制没有用。\n"),
    )
    existing_po: str | None = None
    runs: int = 1


CLI_CASES = [
    Case("no-model-notice", ("draft", "article.txt")),
    Case("engine-none-output-dir", ("draft", "article.txt", "-o", "out", "--engine", "none")),
    Case("redraft-unchanged", ("draft", "article.txt", "--engine", "none"), runs=2),
    Case(
        "source-directory",
        ("draft", "src", "--engine", "none"),
        (("src/a.txt", "天气很好。\n"), ("src/b.md", "# 标题\n")),
    ),
    Case(
        "bad-existing-po", ("draft", "article.txt", "--engine", "none"), existing_po='msgid "x"\nmsgstr "y"\nbroken\n'
    ),
    Case("engine-argos-without-model", ("draft", "article.txt", "--engine", "argos")),
    Case("model-with-engine-none", ("draft", "article.txt", "--engine", "none", "--model", "article.txt")),
    Case("missing-source", ("draft", "nowhere.txt")),
    Case("undecodable-source", ("draft", "article.txt", "--encoding", "utf-8"), (("article.txt", "天气\udcff"),)),
    Case(
        "memory-in-the-other-script",
        ("draft", "traditional.txt", "--engine", "none", "--tm", "memory.po"),
        (
            ("traditional.txt", "這個模型的訓練數據來自網絡。\n"),
            (
                "memory.po",
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "这个模型的训练数据来自网络。"\nmsgstr "The model\'s training data comes from the web."\n',
            ),
        ),
    ),
]


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda case: case.name)
def test_draft_command(case: Case, tmp_path: Path, data_regression) -> None:
    for name, text in case.sources:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    if case.existing_po is not None:
        (tmp_path / "translations" / "en").mkdir(parents=True)
        (tmp_path / "translations" / "en" / "article.po").write_text(case.existing_po, encoding="utf-8")
    (tmp_path / "no-models").mkdir()
    environment = {"ARGOS_PACKAGES_DIR": str(tmp_path / "no-models")}
    for _ in range(case.runs):
        run = run_toolkit(*case.args, cwd=tmp_path, env=environment)
    outputs = {
        str(path.relative_to(tmp_path)): mask_stamp(
            regex.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d\+0000", "<date>", path.read_text(encoding="utf-8"))
        )
        for path in sorted(tmp_path.rglob("*.po"))
    }
    data_regression.check(
        {"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr, "outputs": outputs}
    )


SLOW_DRAFT = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from fakes import FakeEngine
    from toolkit.draft import draft_files

    real_replace = os.replace

    def slow_replace(source, target, *args, **kwargs):
        real_replace(source, target, *args, **kwargs)
        if str(target).endswith(".po"):  # the final renames, after every file was staged
            print("wrote", target, flush=True)
            if {pause!r} is None:
                sys.stdin.readline()  # held until the test writes a line
            else:
                time.sleep({pause})

    os.replace = slow_replace
    draft_files([{sources!r}], {output!r}, FakeEngine)
    """
)


def test_sigkill_mid_run_leaves_every_po_as_it_was_or_complete(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(8):
        write_source(sources, f"{n}.txt", f"第{n}篇文章。", "天气很好。")
    output = tmp_path / "out"
    draft([sources], output, FakeEngine())
    old = {po.name: po.read_bytes() for po in (output / "en").glob("*.po")}
    for n in range(8):
        write_source(sources, f"{n}.txt", f"第{n}篇文章。", "天气很好。", "新的一句。")
    script = SLOW_DRAFT.format(tests=str(Path(__file__).parent), sources=str(sources), output=str(output), pause=0.3)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("wrote")
    time.sleep(0.4)
    process.send_signal(signal.SIGKILL)
    process.wait()
    states = []
    for name, before in old.items():
        now = (output / "en" / name).read_bytes()
        complete = "新的一句。" in entries(output / "en" / name)
        assert now == before or complete
        states.append(complete)
    assert any(states) and not all(states)
    draft([sources], output, FakeEngine())
    assert sorted(p.name for p in (output / "en").iterdir()) == sorted(old)


def test_real_argos_path_drafts_a_seed_with_the_tiny_model(tmp_path: Path, tiny_model: Path) -> None:
    shutil.copy(SEEDS / "000_53be3466f5beab3d.txt", tmp_path / "article.txt")
    result = run_toolkit("draft", "article.txt", "--model", str(tiny_model), "--no-glossary", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "engine: argos " in result.stdout and "1 engine call" in result.stdout
    po = tmp_path / "translations" / "en" / "article.po"
    msgfmt_check(po)
    drafted = [entry for entry in read_po(po) if entry.msgstr]
    assert drafted and all(entry.flags == ["fuzzy"] for entry in drafted)
    assert all(entry.comment.startswith("Draft: argos ") for entry in drafted)
    again = run_toolkit("draft", "article.txt", "--model", str(tiny_model), "--no-glossary", cwd=tmp_path)
    assert "0 engine calls" in again.stdout


def test_traditional_seed_with_encoding_damage_is_labelled_and_warned(tmp_path: Path) -> None:
    source = tmp_path / "003_9a689e7dc9ad903a.txt"
    shutil.copy(SEEDS / source.name, source)
    draft([source], tmp_path / "out", FakeEngine())
    catalog = read_po(tmp_path / "out" / "en" / "003_9a689e7dc9ad903a.po")
    assert catalog.metadata["X-Source-Language"] == "zh_Hant"
    warned = [entry for entry in catalog if "Warning: encoding damage in the source: “" in entry.comment]
    assert warned and all(entry.flags == ["fuzzy"] for entry in warned)


def test_second_cli_run_is_refused_while_another_run_writes(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(4):
        write_source(sources, f"{n}.txt", f"第{n}篇文章。")
    output = tmp_path / "out"
    # The first run stops after its first rename, holding the lock, until the second run has finished (no sleep
    # to outlast: the second run meets the lock however busy the machine is).
    script = SLOW_DRAFT.format(tests=str(Path(__file__).parent), sources=str(sources), output=str(output), pause=None)
    first = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert first.stdout.readline().startswith("wrote")
    second = run_toolkit("draft", str(sources), "-o", str(output), "--engine", "none", cwd=tmp_path)
    first.communicate("\n" * 4)  # one line for each rename
    assert first.wait() == 0
    assert second.returncode == 2
    assert "another `toolkit draft` is writing to this output directory" in second.stderr
    for n in range(4):
        assert entries(output / "en" / f"{n}.po")[f"第{n}篇文章。"].msgstr == f"EN(第{n}篇文章。)"


def test_a_pipe_is_refused_as_a_source(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        draft([tmp_path / "pipe.txt"], tmp_path / "out", FakeEngine())


def test_an_engine_that_loses_sentences_stops_the_run_before_writing(tmp_path: Path) -> None:
    class LosingEngine(FakeEngine):
        def translate(self, sentences, **options):
            return super().translate(sentences, **options)[:-1]

    a = write_source(tmp_path, "a.txt", "天气很好。我们去北京。")
    with pytest.raises(ModelError, match="returned 1 results for 2 sentences"):
        draft([a], tmp_path / "out", LosingEngine())
    assert not (tmp_path / "out" / "en" / "a.po").exists()


# --- memory guarantees (issue 11, issue 14)


def test_reverse_memory_never_reuses_a_fuzzy_entry_as_confirmed(tmp_path: Path) -> None:
    (tmp_path / "zh_CN.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Open the file."\nmsgstr "打开文件。"\n\n'
        'msgid "Close the file."\nmsgstr "关闭文件。"\n',
        encoding="utf-8",
    )
    a = write_source(tmp_path, "a.txt", "打开文件。关闭文件。")
    report = draft([a], tmp_path / "out", memory_paths=[tmp_path / "zh_CN.po"])
    catalog = entries(tmp_path / "out" / "en" / "a.po")
    assert (catalog["打开文件。"].msgstr, catalog["打开文件。"].flags) == ("Open the file.", ["fuzzy"])
    assert (catalog["关闭文件。"].msgstr, catalog["关闭文件。"].flags) == ("Close the file.", [])
    assert (report.from_memory_exact, report.from_memory_fuzzy) == (1, 1)


def test_redraft_of_a_fuzzy_entry_keeps_its_previous_source(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "我们明天去北京开会。")
    po = tmp_path / "out" / "en" / "a.po"
    draft([a], tmp_path / "out", FakeEngine())
    translate_by_hand(po, "我们明天去北京开会。", "Tomorrow we meet in Beijing.")
    write_source(tmp_path, "a.txt", "我们明天去上海开会。")
    draft([a], tmp_path / "out", FakeEngine())
    assert read_po(po).find("我们明天去上海开会。").previous_msgid == "我们明天去北京开会。"
    write_source(tmp_path, "a.txt", "我们明天去上海开会。", "天气很好。")
    draft([a], tmp_path / "out", FakeEngine())
    again = read_po(po).find("我们明天去上海开会。")
    assert (again.previous_msgid, again.flags, again.msgstr) == (
        "我们明天去北京开会。",
        ["fuzzy"],
        "Tomorrow we meet in Beijing.",
    )
    msgfmt_check(po)


def test_a_seed_drafted_in_simplified_is_reused_in_traditional_script(tmp_path: Path) -> None:
    import opencc

    simplified = tmp_path / "seed.txt"
    shutil.copy(SEEDS / "000_53be3466f5beab3d.txt", simplified)
    draft([simplified], tmp_path / "out", FakeEngine())
    po = tmp_path / "out" / "en" / "seed.po"
    catalog = read_po(po)
    for number, entry in enumerate(entry for entry in catalog if not entry.obsolete):
        entry.msgstr, entry.flags = f"Translation {number}.", []
    catalog.save(str(po))
    traditional = tmp_path / "seed-traditional.txt"
    traditional.write_text(opencc.OpenCC("s2t").convert(simplified.read_text(encoding="utf-8")), encoding="utf-8")
    engine = FakeEngine()
    report = draft([traditional], tmp_path / "out", engine)
    assert engine.calls == [] and report.untranslated == 0 and report.drafted == 0
    assert report.from_memory_exact + report.from_memory_fuzzy == report.entries
    reused = [entry for entry in read_po(tmp_path / "out" / "en" / "seed-traditional.po") if not entry.obsolete]
    assert {entry.msgstr for entry in reused} <= {entry.msgstr for entry in catalog}
    other_script = [
        entry for entry in reused if entry.comment.startswith("Memory: exact match in the other script from ")
    ]
    assert len(other_script) >= report.entries * 0.9
    assert all("fuzzy" not in entry.flags for entry in other_script)


def test_a_translators_poedit_save_survives_a_redraft(tmp_path: Path) -> None:
    """Issue 12: edit a committed PO file the way Poedit 3 saves it, re-draft, and lose nothing the translator did."""
    name = "000_53be3466f5beab3d"
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / f"{name}.txt", tmp_path / "seeds" / f"{name}.txt")
    (tmp_path / "translations" / "en").mkdir(parents=True)
    po = tmp_path / "translations" / "en" / f"{name}.po"
    shutil.copy(ROOT / "translations" / "en" / f"{name}.po", po)

    catalog = polib.pofile(str(po), wrapwidth=79)  # Poedit wraps long lines at 79 columns
    edited = next(entry for entry in catalog if not entry.obsolete and entry.msgid)
    edited.msgstr = "Sam Altman: remaking the AI chessboard between anxiety and openness (edited in Poedit)"
    edited.flags = [flag for flag in edited.flags if flag != "fuzzy"]  # Poedit clears "Needs work" on an edited entry
    edited.previous_msgid = None
    edited.tcomment = "Title kept short on purpose."
    catalog.metadata["PO-Revision-Date"] = "2026-12-01 09:30+0100"
    catalog.metadata["Last-Translator"] = "Jane Doe <jane@example.com>"
    catalog.metadata["Language-Team"] = "English <en@example.com>"
    catalog.metadata["X-Generator"] = "Poedit 3.2"
    catalog.save(str(po))
    catalog.save_as_mofile(str(po.with_suffix(".mo")))  # Poedit compiles a .mo beside the PO on save
    mo_before = po.with_suffix(".mo").read_bytes()
    assert '\nmsgid ""\n"' in po.read_text(encoding="utf-8")  # long strings are now wrapped over several lines
    before = {
        entry.msgid: (entry.msgstr, "fuzzy" in entry.flags, entry.tcomment) for entry in catalog if not entry.obsolete
    }

    run = run_toolkit(
        "draft", f"seeds/{name}.txt", "--engine", "none", "--glossary", str(ROOT / "glossary"), cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    msgfmt_check(po)
    after = read_po(po)
    for msgid, (msgstr, fuzzy, comment) in before.items():
        entry = after.find(msgid)
        assert (entry.msgstr, "fuzzy" in entry.flags, entry.tcomment) == (msgstr, fuzzy, comment), msgid
    assert after.find(edited.msgid).msgstr.endswith("(edited in Poedit)")
    for field, value in (
        ("PO-Revision-Date", "2026-12-01 09:30+0100"),
        ("Last-Translator", "Jane Doe <jane@example.com>"),
        ("Language-Team", "English <en@example.com>"),
    ):
        assert after.metadata[field] == value
    assert po.with_suffix(".mo").read_bytes() == mo_before


# --- issue 19: a translator's text outranks memory; the stamp never skips reading; links stay links


def test_an_obsolete_translation_that_comes_back_outranks_memory_and_memory_is_noted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "en").mkdir(parents=True)
    (out / "en" / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Source-Language: zh_Hans\\n"\n\n'
        'msgid "今天天气很好。"\nmsgstr "Nice weather."\n\n#~ msgid "我们去北京。"\n#~ msgstr "Translator draft 3."\n',
        encoding="utf-8",
    )
    (tmp_path / "tm.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "我们去北京。"\nmsgstr "We go to Beijing."\n',
        encoding="utf-8",
    )
    a = write_source(tmp_path, "a.txt", "今天天气很好。我们去北京。")
    draft([a], out, memory_paths=[tmp_path / "tm.po"])
    revived = read_po(out / "en" / "a.po").find("我们去北京。")
    assert revived.msgstr == "Translator draft 3."
    assert "fuzzy" in revived.flags  # memory disagrees: the translator decides
    assert f"Memory: {tmp_path / 'tm.po'} differs: We go to Beijing." in revived.comment.split("\n")
    assert "We go to Beijing." not in [entry.msgstr for entry in read_po(out / "en" / "a.po")]


def test_an_up_to_date_draft_still_refuses_a_po_file_edited_into_a_malformed_one(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    po = tmp_path / "out" / "en" / "a.po"
    draft([a], tmp_path / "out", FakeEngine())
    translate_by_hand(po, "天气很好。", "The weather is fine.")
    assert draft([a], tmp_path / "out").up_to_date == 1  # every entry has a translation: the stamp vouches
    broken = po.read_text(encoding="utf-8") + '\nmsgid "天气很好。"\nmsgstr "A second copy."\n'
    po.write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogError, match="duplicate message definition"):
        draft([a], tmp_path / "out")
    assert po.read_text(encoding="utf-8") == broken


def test_a_po_file_that_is_a_symbolic_link_is_written_through_the_link(tmp_path: Path) -> None:
    a = write_source(tmp_path, "a.txt", "天气很好。")
    shared = tmp_path / "shared"
    draft([a], shared, FakeEngine())
    translate_by_hand(shared / "en" / "a.po", "天气很好。", "The weather is fine.")
    (tmp_path / "out" / "en").mkdir(parents=True)
    (tmp_path / "out" / "en" / "a.po").symlink_to(shared / "en" / "a.po")
    write_source(tmp_path, "a.txt", "天气很好。", "我们去北京。")
    draft([a], tmp_path / "out", FakeEngine())
    assert (tmp_path / "out" / "en" / "a.po").is_symlink()
    written = entries(shared / "en" / "a.po")
    assert written["天气很好。"].msgstr == "The weather is fine."
    assert written["我们去北京。"].msgstr == "EN(我们去北京。)"


def test_every_fate_is_a_field_of_the_report() -> None:
    from toolkit.draft import Fate

    fields = set(Report.__dataclass_fields__)
    assert {fate.value for fate in Fate if fate is not Fate.PENDING} <= fields
