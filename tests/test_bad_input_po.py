"""Malformed PO files given to every command that reads PO: one line with file:line, exit 2, nothing rewritten.

The variants are test_catalog.MALFORMED (each compared there with `msgfmt -c`). Here each one is the
translator's file in translations/en/ when `check` and a re-draft run, and a translation memory for
`draft --tm`; a few go through `build` too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MALFORMED, file_contents, run_toolkit

SOURCE = "今天天气很好。".encode()
PO = "translations/en/article.po"


def prepare(root: Path, name: str) -> str:
    text, line = MALFORMED[name]
    (root / "translations" / "en").mkdir(parents=True)
    (root / PO).write_text(text, encoding="utf-8")
    (root / "article.txt").write_bytes(SOURCE)
    return f"{PO}:{line}"


def assert_refused(run, where: str, before: dict[str, bytes], root: Path) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"toolkit: error: {where}: "), run.stderr
    assert {name: data for name, data in file_contents(root).items() if not name.endswith(".lock")} == before


@pytest.mark.parametrize("name", MALFORMED)
def test_check_refuses_a_malformed_po_file(tmp_path: Path, name: str) -> None:
    where = prepare(tmp_path, name)
    before = file_contents(tmp_path)
    assert_refused(run_toolkit(("check", "--no-glossary", "translations/"), tmp_path, {}), where, before, tmp_path)


@pytest.mark.parametrize("name", MALFORMED)
def test_a_redraft_refuses_a_malformed_po_file_and_leaves_it_as_it_was(tmp_path: Path, name: str) -> None:
    where = prepare(tmp_path, name)
    before = file_contents(tmp_path)
    run = run_toolkit(
        ("draft", "article.txt", "--engine", "none", "--no-glossary"),
        tmp_path,
        {"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert_refused(run, where, before, tmp_path)


@pytest.mark.parametrize(
    "name", ["duplicate-msgid", "truncated-inside-string", "escape-backslash-q", "garbage-plural-forms"]
)
def test_a_malformed_memory_is_refused(tmp_path: Path, name: str) -> None:
    text, line = MALFORMED[name]
    (tmp_path / "old.po").write_text(text, encoding="utf-8")
    (tmp_path / "article.txt").write_bytes(SOURCE)
    before = file_contents(tmp_path)
    run = run_toolkit(
        ("draft", "article.txt", "-o", "fresh", "--tm", "old.po", "--engine", "none", "--no-glossary"),
        tmp_path,
        {"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines()[-1].startswith(f"toolkit: error: old.po:{line}: "), run.stderr
    assert file_contents(tmp_path)["old.po"] == before["old.po"]


@pytest.mark.parametrize("name", ["duplicate-msgid", "unquoted-msgstr", "missing-msgstr"])
def test_build_refuses_a_malformed_po_file(tmp_path: Path, name: str) -> None:
    where = prepare(tmp_path, name)
    before = file_contents(tmp_path)
    assert_refused(run_toolkit(("build", "article.txt"), tmp_path, {}), where, before, tmp_path)
