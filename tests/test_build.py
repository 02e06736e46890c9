"""Building the English document: translations in place of sentences, layout kept, nothing silently dropped."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest

from fakes import FakeEngine
from toolkit.build import build_document, build_files
from toolkit.storage.po import read_catalog
from toolkit.draft import draft_files
from toolkit.errors import CatalogError, InputError
from toolkit.segment import segment_file
from helpers import toolkit

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)


def drafted(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    draft_files([source], tmp_path / "out", FakeEngine, now=NOW)
    return source


def confirm(po: Path, msgid: str, msgstr: str) -> None:
    """What a translator does in Poedit (here through polib, the reference PO library)."""
    catalog = polib.pofile(str(po), wrapwidth=0)
    entry = catalog.find(msgid)
    entry.msgstr, entry.flags = msgstr, []
    catalog.save(str(po))


def test_sentences_are_replaced_and_the_layout_kept(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。我们去北京。\n\n他们去上海。\n")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    built = build_document(segment_file(source), read_catalog(tmp_path / "out" / "en" / "a.po"))
    assert built.text == "The weather is fine. EN(我们去北京。)\n\nEN(他们去上海。)\n"
    assert (built.confirmed, built.fuzzy, built.untranslated) == (1, 2, 0)


def test_confirmed_only_keeps_the_chinese_where_an_entry_needs_work(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。我们去北京。\n")
    confirm(tmp_path / "out" / "en" / "a.po", "天气很好。", "The weather is fine.")
    built = build_document(segment_file(source), read_catalog(tmp_path / "out" / "en" / "a.po"), confirmed_only=True)
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


def test_a_markdown_source_builds_a_markdown_document(tmp_path: Path) -> None:
    source = drafted(tmp_path, "# 标题\n\n天气很好。\n")
    [(path, _)] = build_files([source], tmp_path / "out")
    assert path == tmp_path / "out" / "en" / "a.md"
    assert path.read_text(encoding="utf-8") == "# EN(标题)\n\nEN(天气很好。)\n"


def test_build_refuses_a_source_in_the_output_directory_instead_of_writing_over_it(tmp_path: Path) -> None:
    source = drafted(tmp_path, "天气很好。\n")
    build_files([source], tmp_path / "out")
    english = tmp_path / "out" / "en" / "a.txt"
    before = english.read_bytes()
    with pytest.raises(InputError, match="is in the output directory"):
        build_files([english], tmp_path / "out")
    assert english.read_bytes() == before


CHROME_PAGE = "訂閱\n糾錯\n加入自媒體\n\nOpenAI的賭局\n\n2025-10-29 15:47\n關注\n\n正文第一句。第二句。\n\n發表評論\n暫無評論\nx\n"


def test_web_page_chrome_is_left_out_of_the_english_and_counted(tmp_path: Path) -> None:
    source = drafted(tmp_path, CHROME_PAGE)
    catalog = read_catalog(tmp_path / "out" / "en" / "a.po")
    built = build_document(segment_file(source), catalog)
    assert built.text == "EN(OpenAI的賭局)\n\n2025-10-29 15:47\n\nEN(正文第一句。) EN(第二句。)\n"
    assert built.chrome_dropped == 7
    kept = build_document(segment_file(source), catalog, keep_chrome=True)
    assert kept.chrome_dropped == 0
    assert kept.text.startswith("訂閱\n糾錯\n加入自媒體\n\nEN(OpenAI的賭局)") and kept.text.endswith("發表評論\n暫無評論\nx\n")


def test_the_command_says_how_many_chrome_lines_it_left_out(tmp_path: Path) -> None:

    source = drafted(tmp_path, CHROME_PAGE)
    run = toolkit("build", str(source), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == f"{tmp_path / 'out' / 'en' / 'a.txt'}: 0 confirmed, 3 needing work, 0 left in Chinese, 7 web-page lines left out\n"


def test_build_does_not_import_the_draft_stage() -> None:
    import subprocess
    import sys

    code = "import sys, toolkit.build; print(sorted(m for m in sys.modules if m in ('toolkit.draft', 'toolkit.memory', 'rapidfuzz')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
