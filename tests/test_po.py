"""PO files (toolkit.storage.po, toolkit.draft.merge): strict reading, msgcat-clean atomic writes, merging like msgmerge."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import ARTICLE, MALFORMED, PLURAL_FORMS, msgfmt_check, po
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.draft.merge import check_mergeable, merge, obsolete_count, same_units
from toolkit.errors import CatalogError, OutputError
from toolkit.storage.po import read_catalog, render, write_catalog
from toolkit.storage.units import Catalog, State, Unit

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def entry(
    source: str,
    target: str,
    references: tuple[tuple[str, int], ...],
    notes: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    comment: str = "",
    previous_msgid: str | None = None,
) -> Unit:
    """A unit as a draft makes it: fuzzy when flagged, references as `file:line`, a comment of several lines."""
    state = State.FUZZY if "fuzzy" in flags else State.TRANSLATED if target else State.UNTRANSLATED
    return Unit(
        source,
        target,
        state,
        notes,
        tuple(comment.split("\n")) if comment else (),
        tuple(f"{path}:{line}" for path, line in references),
        previous_msgid,
        flags=tuple(flag for flag in flags if flag != "fuzzy"),
    )


def build(previous: Catalog | None, *units: Unit, now: datetime = NOW) -> Catalog:
    return merge(previous, units, project="a.txt", source_language="zh_Hans", generator="toolkit test", now=now)


def obsolete(catalog: Catalog) -> list[Unit]:
    return [unit for unit in catalog.units if unit.obsolete]


def write_and_read(tmp_path: Path, catalog: Catalog) -> Catalog:
    path = tmp_path / "en" / "a.po"
    path.parent.mkdir(exist_ok=True)
    write_catalog(path, catalog)
    return read_catalog(path)


def test_new_catalog_has_the_header_fields_poedit_and_msgfmt_need(tmp_path: Path) -> None:
    catalog = build(None, entry("你好。", "Hello.", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",)))
    path = tmp_path / "a.po"
    write_catalog(path, catalog)
    metadata = read_catalog(path).header
    assert metadata["Language"] == "en"
    assert metadata["X-Source-Language"] == "zh_Hans"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Project-Id-Version"] == "a.txt"
    assert metadata["POT-Creation-Date"] == metadata["PO-Revision-Date"] == "2026-11-23 04:00+0000"
    assert metadata["X-Generator"] == "toolkit test"
    msgfmt_check(path)


def test_written_entry_shows_references_notes_and_fuzzy_flag(tmp_path: Path) -> None:
    unit = entry(
        "你好。", "Hello.", (("a.txt", 3), ("a.txt", 9)), ("Draft: fake 1.0", "Glossary: 你好 → hello"), ("fuzzy",)
    )
    path = tmp_path / "a.po"
    write_catalog(path, build(None, unit))
    text = path.read_text(encoding="utf-8")
    assert (
        '#. Draft: fake 1.0\n#. Glossary: 你好 → hello\n#: a.txt:3 a.txt:9\n#, fuzzy\nmsgid "你好。"\nmsgstr "Hello."'
        in text
    )
    msgfmt_check(path)


def test_translator_header_fields_survive_a_merge(tmp_path: Path) -> None:
    first = write_and_read(tmp_path, build(None, entry("一。", "One.", (("a.txt", 1),))))
    first.header["Last-Translator"] = "Li Wei <li@example.org>"
    first.header["Language-Team"] = "English <en@example.org>"
    first.header["X-Poedit-Bookmarks"] = "1"
    merged = build(first, entry("一。", "One.", (("a.txt", 1),)), now=LATER)
    assert merged.header["Last-Translator"] == "Li Wei <li@example.org>"
    assert merged.header["Language-Team"] == "English <en@example.org>"
    assert merged.header["X-Poedit-Bookmarks"] == "1"
    assert merged.header["PO-Revision-Date"] == "2026-11-23 04:00+0000"
    assert merged.header["POT-Creation-Date"] == "2026-11-24 09:30+0000"


def test_entries_that_disappear_become_obsolete_and_untranslated_ones_are_dropped(tmp_path: Path) -> None:
    first = write_and_read(
        tmp_path,
        build(
            None,
            entry("一。", "One.", (("a.txt", 1),)),
            entry("二。", "", (("a.txt", 2),)),
            entry("三。", "", (("a.txt", 3),), comment="ask the author"),
        ),
    )
    merged = build(first, entry("四。", "", (("a.txt", 1),)), now=LATER)
    gone = {unit.source: unit for unit in obsolete(merged)}
    assert set(gone) == {"一。", "三。"}
    assert gone["一。"].target == "One."
    assert gone["三。"].comments == ("ask the author",)
    assert obsolete_count(first, merged) == 2
    assert '#~ msgid "一。"\n#~ msgstr "One."' in render(merged)


def test_obsolete_entry_is_not_duplicated_when_its_sentence_comes_back(tmp_path: Path) -> None:
    first = write_and_read(tmp_path, build(None, entry("一。", "One.", (("a.txt", 1),))))
    second = write_and_read(tmp_path, build(first, entry("二。", "", (("a.txt", 1),))))
    third = build(second, entry("一。", "One.", (("a.txt", 1),)))
    assert [unit.source for unit in third.units] == ["一。"]
    path = tmp_path / "third.po"
    write_catalog(path, third)
    msgfmt_check(path)


def test_previous_msgid_is_written_for_a_changed_source(tmp_path: Path) -> None:
    unit = entry(
        "我们今天去北京。", "We go to Beijing.", (("a.txt", 1),), flags=("fuzzy",), previous_msgid="我们去北京。"
    )
    path = tmp_path / "a.po"
    write_catalog(path, build(None, unit))
    assert '#, fuzzy\n#| msgid "我们去北京。"\nmsgid "我们今天去北京。"' in path.read_text(encoding="utf-8")
    msgfmt_check(path)


def test_entries_follow_the_given_order(tmp_path: Path) -> None:
    entries = [entry(f"第{n}句。", "", (("a.txt", n),)) for n in (3, 1, 2)]
    catalog = write_and_read(tmp_path, build(None, *entries))
    assert [unit.source for unit in catalog.units] == ["第3句。", "第1句。", "第2句。"]


def test_same_entries_ignores_only_the_creation_date(tmp_path: Path) -> None:
    unit = entry("一。", "One.", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",))
    first = write_and_read(tmp_path, build(None, unit))
    assert same_units(first, build(first, unit, now=LATER))
    assert not same_units(first, build(first, entry("一。", "One!", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",))))
    assert not same_units(None, build(None, unit))


def test_special_characters_round_trip_through_msgfmt(tmp_path: Path) -> None:
    unit = entry('他说:"你好\\世界"\t!', 'He said: "hello\\world"\t!', (("a.txt", 1),))
    path = tmp_path / "a.po"
    write_catalog(path, build(None, unit))
    assert read_catalog(path).units[0].target == 'He said: "hello\\world"\t!'
    msgfmt_check(path)


def test_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_catalog(tmp_path / "a.po", build(None, entry("一。", "One.", (("a.txt", 1),))))
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_write_into_a_missing_directory_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_catalog(tmp_path / "missing" / "a.po", build(None))


def test_read_po_reports_file_and_line_of_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense here\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert str(caught.value).startswith(f"{path}:")


def test_file_name_with_spaces_is_isolated_in_references_and_read_back(tmp_path: Path) -> None:
    unit = entry("一。", "One.", (("my notes/a b.txt", 4),))
    path = tmp_path / "a.po"
    write_catalog(path, build(None, unit))
    assert "#: \u2068my notes/a b.txt\u2069:4\n" in path.read_text(encoding="utf-8")
    catalog = read_catalog(path)
    assert catalog.units[0].locations == ("my notes/a b.txt:4",)
    assert same_units(catalog, build(catalog, unit, now=LATER))
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
    merged = build(read_catalog(path), entry("新的。", "", (("a.txt", 1),)))
    kept = [(unit.context, unit.source, unit.target, unit.target_plurals) for unit in obsolete(merged)]
    assert kept == [
        ("menu", "打开", "Open", ()),
        ("verb", "打开", "Unlock", ()),
        (None, "一个文件", "", ("one file", "%d files")),
    ]
    write_catalog(tmp_path / "a.po", merged)
    msgfmt_check(tmp_path / "a.po")


# --- strict reading: what GNU msgfmt -c refuses is refused with file:line, what it accepts is read exactly


ACCEPTED = {
    # name: (PO text, the (msgid, msgstr) pairs after the header as msgfmt reads them)
    "hash-todo-comment": (
        po("#TODO check the tense\n" + 'msgid "今天天气很好。"\nmsgstr "Fine."\n'),
        [("今天天气很好。", "Fine.")],
    ),
    "two-strings-on-one-line": (
        po('msgid "今天" "天气很好。"\nmsgstr "The weather" " is fine."\n'),
        [("今天天气很好。", "The weather is fine.")],
    ),
    "string-continued-after-a-blank-line": (
        po('msgid "今天天气很好。"\nmsgstr "The weather"\n\n" is fine."\n'),
        [("今天天气很好。", "The weather is fine.")],
    ),
    "octal-and-hex-escapes": (
        po('msgid "今天天气很好。"\nmsgstr "\\101BC \\x41 \\t\\"q\\""\n'),
        [("今天天气很好。", 'ABC A \t"q"')],
    ),
    "keywords-without-spaces-and-indented": (
        po('  msgid"今天天气很好。"\n\tmsgstr"Fine."\n'),
        [("今天天气很好。", "Fine.")],
    ),
    "crlf-line-endings": (po(ARTICLE).replace("\n", "\r\n"), [("今天天气很好。", "The weather is fine today.")]),
    "context-distinguishes-equal-msgids": (
        po('msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n\nmsgid "打开"\nmsgstr "Unlock"\n'),
        [("打开", "Open"), ("打开", "Unlock")],
    ),
    "obsolete-with-previous": (
        po(ARTICLE + '\n#~| msgid "天气"\n#~ msgid "天气很好。"\n#~ msgstr "Fine."\n'),
        [("今天天气很好。", "The weather is fine today."), ("天气很好。", "Fine.")],
    ),
    "fuzzy-with-previous-msgid": (
        po('#, fuzzy\n#| msgid "天气很好。"\nmsgid "今天天气很好。"\nmsgstr "Fine."\n'),
        [("今天天气很好。", "Fine.")],
    ),
    "newline-mismatch-in-a-fuzzy-entry": (
        po('#, fuzzy\nmsgid "今天天气很好。\\n"\nmsgstr "Fine."\n'),
        [("今天天气很好。\n", "Fine.")],
    ),
    "context-line": (po('msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n'), [("打开", "Open")]),
    "plural-entry": (
        po('msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n', PLURAL_FORMS),
        [("一个文件", "")],
    ),
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
        read_catalog(path)
    assert caught.value.where == f"{path}:{line}", str(caught.value)
    assert "\n" not in str(caught.value)
    assert msgfmt_verdict(path).returncode != 0, "msgfmt -c accepts it"


@pytest.mark.parametrize("name", ACCEPTED)
def test_a_file_msgfmt_accepts_is_read_exactly(tmp_path: Path, name: str) -> None:
    text, pairs = ACCEPTED[name]
    path = tmp_path / "a.po"
    path.write_bytes(text.encode("utf-8"))
    catalog = read_catalog(path)
    assert [(unit.source, unit.target) for unit in catalog.units] == pairs
    verdict = msgfmt_verdict(path)
    assert verdict.returncode == 0, verdict.stderr


def test_reading_does_not_need_gettext(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no msgfmt anywhere: the reader is our own
    path = tmp_path / "a.po"
    path.write_text(MALFORMED["duplicate-msgid"][0], encoding="utf-8")
    with pytest.raises(CatalogError, match="duplicate message definition"):
        read_catalog(path)


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
    assert [(unit.source, unit.target.rstrip("\n")) for unit in read_catalog(path).units] == [
        ("今天天气很好。", "The weather is fine today.")
    ]


@pytest.mark.parametrize("escape", ["\\0", "\\000", "\\344", "\\x4e2d", "\\xff"])
def test_an_escape_for_a_nul_or_a_non_ascii_byte_is_refused(tmp_path: Path, escape: str) -> None:
    path = tmp_path / "a.po"
    path.write_text(po(f'msgid "今天天气很好。"\nmsgstr "Fine{escape}."\n'), encoding="utf-8")
    with pytest.raises(CatalogError, match="NUL or non-ASCII byte"):
        read_catalog(path)


def test_reader_keeps_comments_flags_references_and_previous_msgid(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(
        po(
            '# translator\n#. Draft: fake\n#: a.txt:3 b.txt:9\n#, fuzzy, c-format\n#| msgid "天气。"\n'
            'msgid "今天天气很好。"\nmsgstr "Fine."\n'
        ),
        encoding="utf-8",
    )
    unit = read_catalog(path).units[0]
    assert (
        unit.comments,
        unit.notes,
        unit.locations,
        unit.state,
        unit.flags,
        unit.previous_source,
        unit.first_line,
    ) == (("translator",), ("Draft: fake",), ("a.txt:3", "b.txt:9"), State.FUZZY, ("c-format",), "天气。", 11)


def test_plain_fast_path_and_line_parser_agree_on_the_real_files() -> None:
    from toolkit.storage import po as po_module

    for path in sorted((Path(__file__).parent / "data").glob("*.po")):
        text = path.read_text(encoding="utf-8")
        plain, _, _ = po_module._plain_units(text, str(path))
        assert plain, path
        parsed = [unit for unit in po_module._Parser(text, 0, str(path)).units() if unit.source or unit.context]
        assert parsed == list(po_module.parse(text, str(path)).units)


def test_written_file_is_what_msgcat_writes(tmp_path: Path) -> None:
    """No blank line at the end, no re-wrapping: `msgcat --no-wrap` leaves the file byte-identical."""
    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext (msgcat) is not installed")
    path = tmp_path / "a.po"
    write_catalog(
        path,
        build(
            None,
            entry("你好。", "Hello.", (("a.txt", 1),), ("Draft: fake",), ("fuzzy",), previous_msgid="你好"),
            entry("第一行\n第二行", "Line one\nline two", (("a b.txt", 2),)),
            entry("长" * 300, "long " * 200, (("a.txt", 3),)),
        ),
    )
    written = path.read_bytes()
    assert not written.endswith(b"\n\n")
    assert subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout == written


def test_a_catalogue_whose_only_translations_are_latin_is_mergeable(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(po('msgid "TL;DR:"\nmsgstr "TL;DR:"\n\nmsgid "今天天气很好。"\nmsgstr ""\n'), encoding="utf-8")
    check_mergeable(read_catalog(path), path)
    reverse = tmp_path / "b.po"
    reverse.write_text(po('msgid "Open file"\nmsgstr "打开文件"\n'), encoding="utf-8")
    with pytest.raises(CatalogError, match="translations are Chinese"):
        check_mergeable(read_catalog(reverse), reverse)


FUZZ_BASE = po(
    '# note\n#. extracted\n#: a.txt:1\n#, fuzzy\n#| msgid "天气"\nmsgid "今天\\t天气"\nmsgstr "The \\"weather\\" \\\\ today"\n\n'
    'msgctxt "menu"\nmsgid "打开"\nmsgstr "Open"\n\n'
    'msgid "一个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "one file"\nmsgstr[1] "%d files"\n\n'
    '#~ msgid "旧"\n#~ msgstr "Old"\n',
    PLURAL_FORMS,
)
FUZZ_PIECES = [
    '"',
    "\\",
    "\n",
    "#",
    "#~ ",
    "#| ",
    " ",
    "msgid ",
    "msgstr ",
    "msgstr[1] ",
    "msgctxt ",
    "msgid_plural ",
    "x",
    "n",
    "[",
    "]",
    "0",
    ";",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(FUZZ_BASE)), st.integers(0, 3), st.sampled_from(FUZZ_PIECES)),
        min_size=1,
        max_size=3,
    )
)
def test_the_reader_and_msgfmt_agree_on_damaged_files(tmp_path: Path, edits) -> None:
    """Random damage (deleted characters, stray quotes, keywords, markers): we refuse exactly what msgfmt -c refuses."""
    text = FUZZ_BASE
    for position, deleted, inserted in edits:
        text = text[:position] + inserted + text[position + deleted :]
    assume("\\\n" not in text)  # msgfmt's lexer joins backslash-newline anywhere; we refuse it (docs/check.md)
    path = tmp_path / "fuzz.po"
    path.write_text(text, encoding="utf-8")
    try:
        read_catalog(path)
        ours = ""
    except CatalogError as error:
        ours = str(error)
    assume("NUL or non-ASCII byte" not in ours)  # a deliberate difference (docs/check.md)
    verdict = msgfmt_verdict(path)
    assume("do not both" not in verdict.stderr)  # a newline disagreement is read (docs/check.md)
    header_only = "found 1 fatal error" in verdict.stderr and "header missing or invalid" in verdict.stderr
    assert (verdict.returncode == 0 or header_only) == (ours == ""), (ours, verdict.stderr, text)
