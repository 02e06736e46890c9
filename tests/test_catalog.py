"""Catalogues: merge like msgmerge, header fields Poedit reads, atomic msgfmt-clean writes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.catalog import Entry, entry_from_po, merge, obsolete_count, read_po, render, same_entries, write_po
from toolkit.errors import CatalogError, OutputError
from helpers import ARTICLE, MALFORMED, PLURAL_FORMS, msgfmt_check, po

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc)


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


# --- strict reading: what GNU msgfmt -c refuses is refused with file:line, what it accepts is read exactly


ACCEPTED = {
    # name: (PO text, the (msgid, msgstr) pairs after the header as msgfmt reads them)
    "hash-todo-comment": (po('#TODO check the tense\n' + 'msgid "今天天气很好。"\nmsgstr "Fine."\n'), [("今天天气很好。", "Fine.")]),
    "two-strings-on-one-line": (po('msgid "今天" "天气很好。"\nmsgstr "The weather" " is fine."\n'),
                                [("今天天气很好。", "The weather is fine.")]),
    "string-continued-after-a-blank-line": (po('msgid "今天天气很好。"\nmsgstr "The weather"\n\n" is fine."\n'),
                                            [("今天天气很好。", "The weather is fine.")]),
    "octal-and-hex-escapes": (po('msgid "今天天气很好。"\nmsgstr "\\101BC \\x41 \\t\\"q\\""\n'), [("今天天气很好。", 'ABC A \t"q"')]),
    "keywords-without-spaces-and-indented": (po('  msgid"今天天气很好。"\n\tmsgstr"Fine."\n'), [("今天天气很好。", "Fine.")]),
    "crlf-line-endings": (po(ARTICLE).replace("\n", "\r\n"), [("今天天气很好。", "The weather is fine today.")]),
    "context-distinguishes-equal-msgids": (po('msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n\nmsgid "打开"\nmsgstr "Unlock"\n'),
                                           [("打开", "Open"), ("打开", "Unlock")]),
    "obsolete-with-previous": (po(ARTICLE + '\n#~| msgid "天气"\n#~ msgid "天气很好。"\n#~ msgstr "Fine."\n'),
                               [("今天天气很好。", "The weather is fine today."), ("天气很好。", "Fine.")]),
    "fuzzy-with-previous-msgid": (po('#, fuzzy\n#| msgid "天气很好。"\nmsgid "今天天气很好。"\nmsgstr "Fine."\n'),
                                  [("今天天气很好。", "Fine.")]),
    "newline-mismatch-in-a-fuzzy-entry": (po('#, fuzzy\nmsgid "今天天气很好。\\n"\nmsgstr "Fine."\n'), [("今天天气很好。\n", "Fine.")]),
    "context-line": (po('msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n'), [("打开", "Open")]),
    "plural-entry": (po('msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n', PLURAL_FORMS),
                     [("一个文件", "")]),
    "no-final-newline": (po(ARTICLE)[:-1], [("今天天气很好。", "The weather is fine today.")]),
}


def msgfmt_verdict(path: Path) -> subprocess.CompletedProcess:
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)


def test_the_catalogue_of_malformed_files_is_large_enough() -> None:
    assert len(MALFORMED) >= 20


@pytest.mark.parametrize("name", MALFORMED)
def test_a_file_msgfmt_refuses_is_refused_with_file_and_line(tmp_path: Path, name: str) -> None:
    text, line = MALFORMED[name]
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_po(path)
    assert caught.value.where == f"{path}:{line}", str(caught.value)
    assert "\n" not in str(caught.value)
    assert msgfmt_verdict(path).returncode != 0, "msgfmt -c accepts it"


@pytest.mark.parametrize("name", ACCEPTED)
def test_a_file_msgfmt_accepts_is_read_exactly(tmp_path: Path, name: str) -> None:
    text, pairs = ACCEPTED[name]
    path = tmp_path / "a.po"
    path.write_bytes(text.encode("utf-8"))
    catalog = read_po(path)
    assert [(entry.msgid, entry.msgstr) for entry in catalog] == pairs
    verdict = msgfmt_verdict(path)
    assert verdict.returncode == 0, verdict.stderr


def test_reading_does_not_need_gettext(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no msgfmt anywhere: the reader is our own
    path = tmp_path / "a.po"
    path.write_text(MALFORMED["duplicate-msgid"][0], encoding="utf-8")
    with pytest.raises(CatalogError, match="duplicate message definition"):
        read_po(path)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("byte-order-mark", "\ufeff" + po(ARTICLE)),
        ("no-header", ARTICLE),
        ("empty-header", 'msgid ""\nmsgstr ""\n\n' + ARTICLE),
        ("newline-mismatch", po('msgid "今天天气很好。"\nmsgstr "The weather is fine today.\\n"\n')),
    ],
)
def test_deliberate_differences_from_msgfmt_are_read(tmp_path: Path, name: str, text: str) -> None:
    """msgfmt -c refuses these; they lose nothing when read, and polib and editors write them (docs/check.md)."""
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    assert [(entry.msgid, entry.msgstr.rstrip("\n")) for entry in read_po(path)] == [("今天天气很好。", "The weather is fine today.")]


@pytest.mark.parametrize("escape", ["\\0", "\\000", "\\344", "\\x4e2d", "\\xff"])
def test_an_escape_for_a_nul_or_a_non_ascii_byte_is_refused(tmp_path: Path, escape: str) -> None:
    path = tmp_path / "a.po"
    path.write_text(po(f'msgid "今天天气很好。"\nmsgstr "Fine{escape}."\n'), encoding="utf-8")
    with pytest.raises(CatalogError, match="NUL or non-ASCII byte"):
        read_po(path)


def test_reader_keeps_comments_flags_references_and_previous_msgid(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(po('# translator\n#. Draft: fake\n#: a.txt:3 b.txt:9\n#, fuzzy, c-format\n#| msgid "天气。"\n'
                       'msgid "今天天气很好。"\nmsgstr "Fine."\n'), encoding="utf-8")
    entry = read_po(path)[0]
    assert (entry.tcomment, entry.comment, entry.occurrences, entry.flags, entry.previous_msgid, entry.linenum) == (
        "translator", "Draft: fake", [("a.txt", "3"), ("b.txt", "9")], ["fuzzy", "c-format"], "天气。", 11)


def test_plain_fast_path_and_line_parser_agree_on_the_real_files() -> None:
    from toolkit import po as po_module

    for path in sorted((Path(__file__).parent / "data").glob("*.po")):
        text = path.read_text(encoding="utf-8")
        plain, _, _ = po_module._plain_messages(text)
        assert plain, path
        assert po_module._Parser(text).messages() == po_module.parse(text, str(path)).messages


def test_written_file_is_what_msgcat_writes(tmp_path: Path) -> None:
    """No blank line at the end, no re-wrapping: `msgcat --no-wrap` leaves the file byte-identical."""
    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext (msgcat) is not installed")
    path = tmp_path / "a.po"
    write_po(path, build(None, Entry("你好。", "Hello.", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",), previous_msgid="你好"),
                         Entry("第一行\n第二行", "Line one\nline two", (("a b.txt", 2),)), Entry("长" * 300, "long " * 200, (("a.txt", 3),))))
    written = path.read_bytes()
    assert not written.endswith(b"\n\n")
    assert subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout == written


def test_a_catalogue_whose_only_translations_are_latin_is_mergeable(tmp_path: Path) -> None:
    from toolkit.catalog import check_mergeable

    path = tmp_path / "a.po"
    path.write_text(po('msgid "TL;DR:"\nmsgstr "TL;DR:"\n\nmsgid "今天天气很好。"\nmsgstr ""\n'), encoding="utf-8")
    check_mergeable(read_po(path), path)
    reverse = tmp_path / "b.po"
    reverse.write_text(po('msgid "Open file"\nmsgstr "打开文件"\n'), encoding="utf-8")
    with pytest.raises(CatalogError, match="translations are Chinese"):
        check_mergeable(read_po(reverse), reverse)


FUZZ_BASE = po('# note\n#. extracted\n#: a.txt:1\n#, fuzzy\n#| msgid "天气"\nmsgid "今天\\t天气"\nmsgstr "The \\"weather\\" \\\\ today"\n\n'
               'msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n\n'
               'msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n\n'
               '#~ msgid "旧"\n#~ msgstr "Old"\n', PLURAL_FORMS)
FUZZ_PIECES = ['"', "\\", "\n", "#", "#~ ", "#| ", " ", "msgid ", "msgstr ", "msgstr[1] ", "msgctxt ", "msgid_plural ",
               "x", "n", "[", "]", "0", ";"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, len(FUZZ_BASE)), st.integers(0, 3), st.sampled_from(FUZZ_PIECES)),
                      min_size=1, max_size=3))
def test_the_reader_and_msgfmt_agree_on_damaged_files(tmp_path: Path, edits) -> None:
    """Random damage (deleted characters, stray quotes, keywords, markers): we refuse exactly what msgfmt -c refuses."""
    text = FUZZ_BASE
    for position, deleted, inserted in edits:
        text = text[:position] + inserted + text[position + deleted:]
    assume("\\\n" not in text)  # msgfmt's lexer joins backslash-newline anywhere; we refuse it (docs/check.md)
    path = tmp_path / "fuzz.po"
    path.write_text(text, encoding="utf-8")
    try:
        read_po(path)
        ours = ""
    except CatalogError as error:
        ours = str(error)
    assume("NUL or non-ASCII byte" not in ours)  # a deliberate difference (docs/check.md)
    verdict = msgfmt_verdict(path)
    assume("do not both" not in verdict.stderr)  # a newline disagreement is read (docs/check.md)
    header_only = "found 1 fatal error" in verdict.stderr and "header missing or invalid" in verdict.stderr
    assert (verdict.returncode == 0 or header_only) == (ours == ""), (ours, verdict.stderr, text)
