"""Pipe conventions on the command line: `-` is standard input wherever a file is read, `-o -` standard output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from helpers import TRANSLATORS_PO, read_po

ROOT = Path(__file__).resolve().parents[1]


def toolkit(
    *argv: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from toolkit.cli import main; main()", *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_segment_reads_standard_input(tmp_path: Path) -> None:
    run = toolkit("segment", "-", cwd=tmp_path, stdin="今天天气很好。我们去北京。".encode())
    assert run.returncode == 0, run.stderr
    assert [line.count('"text"') for line in run.stdout.decode().splitlines()] == [1, 1]
    assert '"file": "-"' in run.stdout.decode()


def test_check_reads_a_po_file_from_standard_input(tmp_path: Path) -> None:
    run = toolkit("check", "--no-glossary", "-", cwd=tmp_path, stdin=TRANSLATORS_PO)
    assert (run.returncode, run.stdout) == (0, b"")
    assert "-: 1 translated, 0 fuzzy, 0 untranslated" in run.stderr.decode()


def test_draft_to_standard_output_writes_the_po_file_there_and_nothing_on_disk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("今天天气很好。", encoding="utf-8")
    run = toolkit("draft", "a.txt", "-o", "-", "--engine", "none", "--no-glossary", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (tmp_path / "out.po").write_bytes(run.stdout)
    assert [entry.msgid for entry in read_po(tmp_path / "out.po")] == ["今天天气很好。"]
    assert "1 left to translate" in run.stderr.decode()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "out.po"]


def test_draft_from_standard_input_is_refused_in_one_line(tmp_path: Path) -> None:
    run = toolkit("draft", "-", cwd=tmp_path, stdin="今天天气很好。".encode())
    assert run.returncode == 2
    assert run.stderr.decode().splitlines() == [
        "toolkit: error: -: standard input has no name to call its PO file by — save the text to a file "
        "(OUTPUT/en/<name>.po is named after it), or use `toolkit segment -`"
    ]


def test_shell_completion_is_generated_by_click(tmp_path: Path) -> None:
    run = subprocess.run(
        [str(Path(sys.executable).with_name("toolkit"))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "_TOOLKIT_COMPLETE": "bash_source"},
        timeout=60,
    )
    assert run.returncode == 0 and "_toolkit_completion" in run.stdout


def test_quiet_before_or_after_the_command_leaves_only_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("今天天气很好。", encoding="utf-8")
    for argv in (("-q", "draft", "a.txt"), ("draft", "a.txt", "--quiet")):
        run = toolkit(*argv, "--engine", "none", "--no-glossary", cwd=tmp_path)
        assert (run.returncode, run.stdout, run.stderr) == (0, b"", b"")
    run = toolkit("-q", "draft", "missing.txt", cwd=tmp_path)
    assert run.returncode == 2 and run.stderr.decode().startswith("toolkit: error: missing.txt")


def test_verbose_says_what_was_read_and_decided(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("今天天气很好。", encoding="utf-8")
    run = toolkit("draft", "-v", "a.txt", "--engine", "none", "--no-glossary", "--tm-trusted", "old.tmx", cwd=tmp_path)
    assert run.returncode == 2  # old.tmx does not exist: the verbose lines came first, then the one error
    lines = run.stderr.decode().splitlines()
    assert lines[:3] == [
        "toolkit: glossary: none",
        "toolkit: memory: OUTPUT/en/*.po, old.tmx (trusted); near matches from 75 %",
        "toolkit: engine: none",
    ]
    assert lines[3].startswith("toolkit: error: old.tmx: no such translation memory")


def leaf_commands() -> list[tuple[str, click.Command]]:
    from toolkit.cli import _register, cli

    _register()
    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(f"{prefix} {name}".strip(), sub)
        else:
            found.append((prefix, command))

    walk("", cli)
    return found


@pytest.mark.parametrize("name", [name for name, _ in leaf_commands()])
def test_every_command_takes_quiet_and_verbose(name: str) -> None:
    [command] = [command for path, command in leaf_commands() if path == name]
    options = {option for param in command.params for option in getattr(param, "opts", ())}
    assert {"-q", "--quiet", "-v", "--verbose"} <= options, f"toolkit {name}: add @verbosity (toolkit/cli/options.py)"
