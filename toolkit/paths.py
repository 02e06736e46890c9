"""Where things go: the source files a SOURCE argument names, and the PO file and English document of each.

seeds/article.txt  ->  translations/en/article.po   (toolkit draft)
                   ->  translations/en/article.txt  (toolkit build; .md for a Markdown source)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import InputError, OutputError
from toolkit.words import ENGLISH as LANGUAGE

DEFAULT_OUTPUT = "translations"
"""Output directory when -o is not given."""

SOURCE_SUFFIXES = (".txt", ".md")
"""Files taken from a SOURCE directory."""

CATALOG_SUFFIXES = (".po", ".pot", ".mo")
"""Files never taken as sources: drafting a PO file would write its own text over it."""


def user_cache_dir() -> Path:
    """The toolkit's cache directory: $XDG_CACHE_HOME/toolkit, else ~/.cache/toolkit (the one place it is looked up).

    The CLI resolves it once per run and hands its subdirectories down (opencc, packages, cedict, check).
    The one module that asks for itself is toolkit.patterns: it compiles at import, before any command runs.
    """
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "toolkit"


def source_files(sources: Sequence[str | Path]) -> list[Path]:
    """The files to draft: each SOURCE file as given, or the .txt/.md files directly in a SOURCE directory."""
    return find_sources(sources)[0]


def find_sources(sources: Sequence[str | Path]) -> tuple[list[Path], list[str]]:
    """`source_files`, and what a SOURCE directory held by a source's name but could not be read as one
    (`name.txt (a named pipe)`): passed over, and said so, never silently."""
    files: list[Path] = []
    skipped: list[str] = []
    for source in sources:
        if str(source) == "":
            raise InputError("an empty source path", "''", "name the files or the directory to translate")
        if str(source) == "-":
            raise InputError(
                "standard input has no name to call its PO file by",
                "-",
                "save the text to a file (OUTPUT/en/<name>.po is named after it), or use `toolkit segment -`",
            )
        path = Path(source)
        if path.is_dir():
            named = sorted(p for p in path.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES)
            found = [p for p in named if p.is_file()]
            skipped.extend(f"{p} ({_kind(p)})" for p in named if not p.is_file())
            if not found:
                raise InputError("no .txt or .md files in this directory", str(path), "pass the files to draft")
            files.extend(found)
        elif path.suffix.lower() in CATALOG_SUFFIXES:
            raise InputError(
                "a translation catalogue, not a source document",
                str(path),
                "pass the Chinese .txt or .md file it was drafted from",
            )
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError("not a regular file (a pipe or device?)", str(path), "pass a text file or a directory")
        else:
            raise InputError("no such source file or directory", str(path), "check the path")
    for path in files:
        check_file_name(path)
    return files, skipped


def _kind(path: Path) -> str:
    """What a directory entry is that is not a regular file."""
    if path.is_symlink() and not path.exists():
        return "a broken symbolic link or a link loop"
    if path.is_dir():
        return "a directory"
    if path.is_fifo():
        return "a named pipe"
    return "not a regular file"


def check_file_name(path: Path) -> None:
    """InputError for a name a PO reference cannot hold: bytes that are not UTF-8, or control characters (newlines)."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            "the file name is not UTF-8 (PO files name their sources in UTF-8)", ascii(name), "rename the file"
        ) from None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in name):
        raise InputError("the file name holds a control character (a newline?)", ascii(name), "rename the file")


def output_dir(output: str | Path) -> Path:
    """The -o directory as a Path; InputError for an empty one (it would mean the current directory)."""
    if str(output) == "":
        raise InputError("an empty output directory", "-o ''", "pass -o DIR, e.g. -o translations")
    path = Path(output)
    try:
        path.resolve()
    except RuntimeError:  # pathlib: "Symlink loop from ..."
        raise OutputError(
            "symbolic link loop", str(path), "point the link at a real directory, or pass another -o DIR"
        ) from None
    return path


def po_path_for(source: Path, output: Path) -> Path:
    """Where a source's PO file goes: <output>/en/<source stem>.po."""
    return output / LANGUAGE / f"{source.stem}.po"


def english_path_for(source: Path, output: Path, *, markdown: bool) -> Path:
    """Where a source's English document goes: next to its PO file, <stem>.md for Markdown, else <stem>.txt."""
    return po_path_for(source, output).with_suffix(".md" if markdown else ".txt")


def check_not_in_output(source: Path, output: Path) -> None:
    """InputError for a source inside <output>/en: an English document `toolkit build` wrote there, or would write over."""
    if source.resolve().parent == (output / LANGUAGE).resolve():
        raise InputError(
            "is in the output directory (an English document `toolkit build` wrote?)",
            str(source),
            "pass the Chinese sources, or another -o DIR",
        )


def check_distinct(sources: Sequence[Path], output: Path) -> list[Path]:
    """The PO file of each source; InputError when two sources would draft into one, or a source lies in the output."""
    seen: dict[Path, Path] = {}
    targets = []
    for source in sources:
        target = po_path_for(source, output)
        if target in seen and seen[target].resolve() != source.resolve():
            raise InputError(
                f"{seen[target]} and {source} would both draft into {target}",
                None,
                "rename one of them or draft them into different output directories (-o)",
            )
        seen[target] = source
        check_not_in_output(source, output)
        targets.append(target)
    return targets


def writable_dir(directory: Path) -> Path:
    """`directory`, created if missing; OutputError with one clear line, before any work, when it cannot be written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the output directory: {error.strerror}", str(directory), "pass a writable -o DIR"
        ) from None
    except RuntimeError:  # pathlib's "Symlink loop"
        raise OutputError(
            "symbolic link loop", str(directory), "point the link at a real directory, or pass another -o DIR"
        ) from None
    if not os.access(directory, os.W_OK | os.X_OK) or not os.access(directory.parent, os.W_OK | os.X_OK):
        raise OutputError(
            "output directory is not writable", str(directory), "fix its permissions or pass another -o DIR"
        )
    return directory
