"""Catalogues: merge like msgmerge, header fields Poedit reads, atomic msgfmt-clean writes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest

from toolkit.catalog import Entry, entry_from_po, merge, obsolete_count, read_po, render, same_entries, write_po
from toolkit.errors import CatalogError, OutputError

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc)


def msgfmt_check(path: Path) -> None:
    """Assert that GNU msgfmt -c accepts the file without a warning."""
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr


def build(previous: polib.POFile | None, *entries: Entry, now: datetime = NOW) -> polib.POFile:
    return merge(previous, entries, project="a.txt", source_language="zh_Hans", generator="toolkit test", now=now)


def write_and_read(tmp_path: Path, catalog: polib.POFile) -> polib.POFile:
    path = tmp_path / "en" / "a.po"
    path.parent.mkdir(exist_ok=True)
    write_po(path, catalog)
    return read_po(path)


def test_new_catalog_has_the_header_fields_poedit_and_msgfmt_need(tmp_path: Path) -> None:
    catalog = build(None, Entry("你好。", "Hello.", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",)))
    path = tmp_path / "a.po"
    write_po(path, catalog)
    metadata = read_po(path).metadata
    assert metadata["Language"] == "en"
    assert metadata["X-Source-Language"] == "zh_Hans"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Project-Id-Version"] == "a.txt"
    assert metadata["POT-Creation-Date"] == metadata["PO-Revision-Date"] == "2026-11-23 04:00+0000"
    assert metadata["X-Generator"] == "toolkit test"
    msgfmt_check(path)


def test_written_entry_shows_references_notes_and_fuzzy_flag(tmp_path: Path) -> None:
    entry = Entry("你好。", "Hello.", (("a.txt", 3), ("a.txt", 9)), ("Draft: fake 1.0", "Glossary: 你好 → hello"), ("fuzzy",))
    path = tmp_path / "a.po"
    write_po(path, build(None, entry))
    text = path.read_text(encoding="utf-8")
    assert "#. Draft: fake 1.0\n#. Glossary: 你好 → hello\n#: a.txt:3 a.txt:9\n#, fuzzy\nmsgid \"你好。\"\nmsgstr \"Hello.\"" in text
    msgfmt_check(path)


def test_translator_header_fields_survive_a_merge(tmp_path: Path) -> None:
    first = write_and_read(tmp_path, build(None, Entry("一。", "One.", (("a.txt", 1),))))
    first.metadata["Last-Translator"] = "Li Wei <li@example.org>"
    first.metadata["Language-Team"] = "English <en@example.org>"
    first.metadata["X-Poedit-Bookmarks"] = "1"
    merged = build(first, Entry("一。", "One.", (("a.txt", 1),)), now=LATER)
    assert merged.metadata["Last-Translator"] == "Li Wei <li@example.org>"
    assert merged.metadata["Language-Team"] == "English <en@example.org>"
    assert merged.metadata["X-Poedit-Bookmarks"] == "1"
    assert merged.metadata["PO-Revision-Date"] == "2026-11-23 04:00+0000"
    assert merged.metadata["POT-Creation-Date"] == "2026-11-24 09:30+0000"


def test_entries_that_disappear_become_obsolete_and_untranslated_ones_are_dropped(tmp_path: Path) -> None:
    first = write_and_read(
        tmp_path,
        build(
            None,
            Entry("一。", "One.", (("a.txt", 1),)),
            Entry("二。", "", (("a.txt", 2),)),
            Entry("三。", "", (("a.txt", 3),), comment="ask the author"),
        ),
    )
    merged = build(first, Entry("四。", "", (("a.txt", 1),)), now=LATER)
    obsolete = {entry.msgid: entry for entry in merged.obsolete_entries()}
    assert set(obsolete) == {"一。", "三。"}
    assert obsolete["一。"].msgstr == "One."
    assert obsolete["三。"].tcomment == "ask the author"
    assert obsolete_count(first, merged) == 2
    assert "#~ msgid \"一。\"\n#~ msgstr \"One.\"" in render(merged)


def test_obsolete_entry_is_not_duplicated_when_its_sentence_comes_back(tmp_path: Path) -> None:
    first = write_and_read(tmp_path, build(None, Entry("一。", "One.", (("a.txt", 1),))))
    second = write_and_read(tmp_path, build(first, Entry("二。", "", (("a.txt", 1),))))
    third = build(second, Entry("一。", "One.", (("a.txt", 1),)))
    assert [entry.msgid for entry in third] == ["一。"]
    path = tmp_path / "third.po"
    write_po(path, third)
    msgfmt_check(path)


def test_previous_msgid_is_written_for_a_changed_source(tmp_path: Path) -> None:
    entry = Entry("我们今天去北京。", "We go to Beijing.", (("a.txt", 1),), flags=("fuzzy",), previous_msgid="我们去北京。")
    path = tmp_path / "a.po"
    write_po(path, build(None, entry))
    assert '#, fuzzy\n#| msgid "我们去北京。"\nmsgid "我们今天去北京。"' in path.read_text(encoding="utf-8")
    msgfmt_check(path)


def test_entries_follow_the_given_order(tmp_path: Path) -> None:
    entries = [Entry(f"第{n}句。", "", (("a.txt", n),)) for n in (3, 1, 2)]
    catalog = write_and_read(tmp_path, build(None, *entries))
    assert [entry.msgid for entry in catalog] == ["第3句。", "第1句。", "第2句。"]


def test_same_entries_ignores_only_the_creation_date(tmp_path: Path) -> None:
    entry = Entry("一。", "One.", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",))
    first = write_and_read(tmp_path, build(None, entry))
    assert same_entries(first, build(first, entry, now=LATER))
    assert not same_entries(first, build(first, Entry("一。", "One!", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",))))
    assert not same_entries(None, build(None, entry))


def test_special_characters_round_trip_through_msgfmt(tmp_path: Path) -> None:
    entry = Entry('他说:"你好\\世界"\t!', 'He said: "hello\\world"\t!', (("a.txt", 1),))
    path = tmp_path / "a.po"
    write_po(path, build(None, entry))
    assert read_po(path)[0].msgstr == 'He said: "hello\\world"\t!'
    msgfmt_check(path)


def test_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_po(tmp_path / "a.po", build(None, Entry("一。", "One.", (("a.txt", 1),))))
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_write_into_a_missing_directory_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_po(tmp_path / "missing" / "a.po", build(None))


def test_read_po_reports_file_and_line_of_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense here\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_po(path)
    assert str(caught.value).startswith(f"{path}:")


def test_file_name_with_spaces_is_isolated_in_references_and_read_back(tmp_path: Path) -> None:
    entry = Entry("一。", "One.", (("my notes/a b.txt", 4),))
    path = tmp_path / "a.po"
    write_po(path, build(None, entry))
    assert "#: \u2068my notes/a b.txt\u2069:4\n" in path.read_text(encoding="utf-8")
    catalog = read_po(path)
    assert entry_from_po(catalog[0]).references == (("my notes/a b.txt", 4),)
    assert same_entries(catalog, build(catalog, entry, now=LATER))
    msgfmt_check(path)


def test_foreign_entries_with_context_or_plurals_are_kept_whole_as_obsolete(tmp_path: Path) -> None:
    path = tmp_path / "old.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n\n'
        'msgctxt "verb"\nmsgid "打开"\nmsgstr "Unlock"\n\n'
        'msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n',
        encoding="utf-8",
    )
    merged = build(read_po(path), Entry("新的。", "", (("a.txt", 1),)))
    kept = [(e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural) for e in merged.obsolete_entries()]
    assert kept == [
        ("menu", "打开", "Open", {}),
        ("verb", "打开", "Unlock", {}),
        (None, "一个文件", "", {0: "one file", 1: "%d files"}),
    ]
    write_po(tmp_path / "a.po", merged)
    msgfmt_check(tmp_path / "a.po")
