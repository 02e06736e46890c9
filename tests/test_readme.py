"""Every example in README.md is run here, so the README cannot drift from what the toolkit does.

A fenced block marked ``console`` is a transcript: lines starting with ``$ `` are commands, the lines
after a command (up to the next ``$ `` or the end of the block) are what it prints, stdout and stderr
together. A line ``...`` stands for any number of lines. The commands of one block run one after the
other, in a fresh copy of the repository's seeds/, glossary/ and translations/, with the `toolkit` of
this test run on PATH. Blocks marked ``sh`` (set-up commands such as `make draft`) are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COPIED = ("seeds", "glossary", "translations", "pyproject.toml")
ELLIPSIS = "..."


@dataclass(frozen=True)
class Command:
    """One `$ command` of a transcript and the lines it is documented to print."""

    line: int
    command: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Transcript:
    """A ``console`` block of a Markdown file."""

    path: Path
    line: int
    commands: tuple[Command, ...]

    @property
    def id(self) -> str:
        return f"{self.path.name}:{self.line}"


def transcripts(path: Path) -> list[Transcript]:
    """The ``console`` blocks of a Markdown file, parsed into commands and expected output."""
    found: list[Transcript] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```console":
            index += 1
            continue
        start = index + 1
        end = start
        while lines[end].strip() != "```":
            end += 1
        found.append(Transcript(path, start, tuple(_commands(lines[start:end], start + 1))))
        index = end + 1
    return found


def _commands(block: list[str], first_line: int) -> list[Command]:
    commands: list[Command] = []
    for offset, text in enumerate(block):
        if text.startswith("$ "):
            commands.append(Command(first_line + offset, text[2:], ()))
        elif commands:
            last = commands[-1]
            commands[-1] = Command(last.line, last.command, (*last.expected, text))
        elif text.strip():
            raise ValueError(f"{first_line + offset}: output before the first '$ ' command")
    return commands


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Whether `actual` lines fit `expected`, where a line `...` stands for any number of lines."""
    expected = tuple(line.rstrip() for line in expected)
    while expected and not expected[-1]:
        expected = expected[:-1]
    pattern = "".join(r"(?:[^\n]*\n)*?" if line == ELLIPSIS else re.escape(line) + r"\n" for line in expected)
    return re.fullmatch(pattern, "".join(line.rstrip() + "\n" for line in actual)) is not None


ALL = transcripts(README)


def test_readme_has_examples() -> None:
    assert len(ALL) >= 5, "README.md has lost its console examples"


def test_ellipsis_matches_any_number_of_lines() -> None:
    assert matches(("a", "...", "d"), ["a", "d"])
    assert matches(("a", "...", "d"), ["a", "b", "c", "d"])
    assert not matches(("a", "...", "d"), ["a", "b"])
    assert not matches(("a",), ["a", "b"])


@pytest.mark.parametrize("transcript", ALL, ids=[t.id for t in ALL])
def test_example_output_is_what_the_toolkit_prints(transcript: Transcript, tmp_path: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy2(source, tmp_path / name)
    env = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", COLUMNS="100", NO_COLOR="1"
    )
    for command in transcript.commands:
        run = subprocess.run(
            ["bash", "-c", command.command],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        actual = run.stdout.splitlines()
        assert matches(command.expected, actual), (
            f"{transcript.path.name}:{command.line}: `{command.command}` printed:\n{run.stdout}"
        )
