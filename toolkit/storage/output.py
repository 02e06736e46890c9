"""Where a command writes, and the one rule every writing command obeys.

    never write over one of the command's own inputs (not even with --force);
    never replace an existing file that is not the command's own earlier output, unless --force;
    `-` is standard output.

"The command's own earlier output" is decided by the format that writes it (`ours`: a TMX whose
creationtool is toolkit, an alignment PO whose entries are all still fuzzy, ...): a PO file with a
translator's work, or a file of another kind, is never one. A file whose bytes would not change is
always fine to "replace". A symbolic link is written through (its target is replaced, the link stays),
so the shape of a tree never changes; a dangling link is refused.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from toolkit.errors import OutputError
from toolkit.textio import atomic_write

STDOUT = "-"
"""The output name that means standard output."""

FORCE_HINT = "pass --force to replace it, or -o another path"

Ours = Callable[[bytes], bool]
"""Whether the bytes of an existing file are an earlier output of the command about to write there."""


def is_stdout(target: str | Path | None) -> bool:
    """Whether `target` names standard output (`-`)."""
    return target is not None and str(target) == STDOUT


def check_output(
    target: str | Path,
    *,
    inputs: Sequence[str | Path] = (),
    ours: Ours | None = None,
    force: bool = False,
    data: bytes | None = None,
) -> Path | None:
    """The file to write for `target` (its link's target for a link), or None for standard output.

    OutputError when `target` is one of `inputs`, is not a regular file, or (without `force`) exists and
    `ours` does not recognise it. Call it before any work, so a refusal costs nothing; `data`, when known,
    lets a file that would not change pass.
    """
    if is_stdout(target):
        return None
    if str(target) == "":
        raise OutputError("an empty output path", "-o ''", "pass -o FILE, or -o - for standard output")
    path = Path(target)
    real = _real_path(path)
    for source in inputs:
        if str(source) != STDOUT and _same_file(real, Path(source)):
            raise OutputError(
                "is one of this command's inputs: writing it would destroy it", str(target), "pass -o a new file"
            )
    if not os.path.lexists(real):
        return real
    if real.is_dir():
        raise OutputError("is a directory", str(target), "pass -o a file path")
    if not real.is_file():
        raise OutputError("not a regular file (a pipe or device?)", str(target), "pass -o a regular file path")
    if force:
        return real
    existing = _read_head(real)
    if data is not None and existing == data:
        return real
    if ours is None or existing is None or not ours(existing):
        raise OutputError("exists and is not an earlier output of this command", str(target), FORCE_HINT)
    return real


def write_output(
    target: str | Path,
    data: str | bytes,
    *,
    inputs: Sequence[str | Path] = (),
    ours: Ours | None = None,
    force: bool = False,
) -> None:
    """Write `data` to `target` under the rule above: atomically to a file, or to standard output for `-`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = check_output(target, inputs=inputs, ours=ours, force=force, data=payload)
    if path is None:
        if sys.stdout is None:  # started with `>&-`
            raise OutputError("standard output is closed", "-o -", "pass -o FILE, or run it with standard output open")
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    atomic_write(path, payload)


def _real_path(path: Path) -> Path:
    """The file a write to `path` lands in: a link's final target (OutputError for a dangling link or a loop)."""
    if not path.is_symlink():
        return path
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise OutputError("is a symbolic link to nothing", str(path), "remove the link or point it at a file") from None
    except (RuntimeError, OSError):
        raise OutputError("symbolic link loop", str(path), "remove the link or point it at a file") from None
    return real


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


_HEAD = 64 << 20
"""How much of an existing file `ours` sees: enough for any output we write."""


def _read_head(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(_HEAD)
    except OSError:
        return None
