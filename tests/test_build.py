"""Building the English document: translations in place of sentences, layout kept, nothing silently dropped."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from fakes import FakeEngine
from toolkit.build import build_document, build_files
from toolkit.catalog import read_po
from toolkit.draft import draft_files
from toolkit.errors import CatalogError
from toolkit.segment import segment_file

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)


def drafted(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    draft_files([source], tmp_path / "out", FakeEngine, now=NOW)
    return source


def confirm(po: Path, msgid: str, msgstr: str) -> None:
    catalog = read_po(po)
    entry = catalog.find(msgid)
    entry.msgstr, entry.flags = msgstr, []
    catalog.save(str(po))


def test_sentences_are_replaced_and_the_layout_kept(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。我们去北京。\n\n他们去上海。\n")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    built = build_document(segment_file(source), read_po(tmp_path / "out" / "en" / "a.po"))
    assert built.text == "The weather is fine. EN(我们去北京。)\n\nEN(他们去上海。)\n"
    assert (built.confirmed, built.fuzzy, built.untranslated) == (1, 2, 0)


def test_confirmed_only_keeps_the_chinese_where_an_entry_needs_work(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。我们去北京。\n")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    built = build_document(segment_file(source), read_po(tmp_path / "out" / "en" / "a.po"), confirmed_only=True)
    assert built.text == "The weather is fine. 我们去北京。\n"
    assert built.untranslated == 1


def test_build_files_writes_next_to_the_po_file(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。\n")
    [(path, _)] = build_files([source], tmp_path / "out")
    assert path == tmp_path / "out" / "en" / "a.txt"
    assert path.read_text(encoding="utf-8") == "EN(天气很好。)\n"


def test_missing_po_file_says_to_draft_first(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("天气很好。\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="no PO file for this source"):
        build_files([source], tmp_path / "out")
