"""Sets of files: the PO files a path names, and writing several files as one change (all of them or none).

A single file is written with `toolkit.textio.atomic_write`; `write_all` extends that promise to many: each
file is staged beside its target, then all are renamed; a failed rename puts back the ones already renamed,
so an OutputError means nothing changed. A target that is a symbolic link is written through (the link stays).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from toolkit.errors import CatalogError, OutputError
from toolkit.textio import atomic_write


def po_files(
    paths: Sequence[str | Path],
    *,
    allow_empty: bool = False,
    missing: str = "no such file or directory",
    hint: str = "pass PO files or directories holding them",
) -> list[Path]:
    """The PO files named by `paths`: files as given (`-` is standard input), directories searched for *.po (hidden
    ones skipped), no repeats.

    A *.po that is not a regular file (a pipe, a device, a dangling link) is listed too, so that its reader
    refuses it by name instead of a run silently passing it over (and a draft replacing it). A directory
    without PO files is an error unless `allow_empty`: in CI a mistyped path must not pass as clean.
    """
    found: list[Path] = []
    for given in paths:
        if str(given) == "":  # pathlib would read it as the current directory
            raise CatalogError("an empty path", "''", hint)
        path = Path(given)
        if str(given) == "-":  # standard input, read by the reader
            found.append(path)
        elif path.is_dir():
            in_dir = sorted(
                p
                for p in path.rglob("*.po")
                if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not in_dir and not allow_empty:
                raise CatalogError(
                    "no PO files in this directory",
                    str(path),
                    "pass the directory that holds the translations, e.g. translations/",
                )
            found.extend(in_dir)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise CatalogError(missing, str(path), hint)
    return list(dict.fromkeys(found))


def write_all(files: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write every file or none (see the module). OutputError names the file that failed, never a temporary one."""
    staged: dict[Path, Path] = {}
    kept: dict[Path, Path | None] = {}
    renamed: list[Path] = []
    targets = [(_through_link(target), data) for target, data in files]
    target = targets[0][0] if targets else Path(".")
    try:
        for target, data in targets:
            staged[target] = target.with_name(f".{target.name}.staged.tmp")
            try:
                atomic_write(staged[target], data)
            except OutputError as error:  # name the translator's file, not our temporary one
                raise OutputError(error.what, str(target), error.hint) from None
            with suppress(OSError):
                os.chmod(staged[target], target.stat().st_mode & 0o7777)
        for target in staged:
            kept[target] = _keep_old(target)
        for target, staging in staged.items():
            os.replace(staging, target)
            renamed.append(target)
    except OSError as error:
        lost = _put_back(renamed, kept)
        where = str(error.filename or target)
        if lost:
            raise OutputError(
                f"cannot write file: {error.strerror}; {', '.join(map(str, lost))} could not be put back and hold the new version",
                where,
                "the other files are as they were; check the disk and run again",
            ) from None
        raise OutputError(
            f"cannot write file: {error.strerror}",
            where,
            "nothing was written (every file is as it was); check the disk and run again",
        ) from None
    finally:
        for path in [*staged.values(), *(old for old in kept.values() if old is not None)]:
            with suppress(OSError):
                path.unlink(missing_ok=True)


def stale_temporaries(directory: Path, pattern: str = ".*.po.*.tmp") -> list[Path]:
    """Temporary files a killed run left in `directory` (staged, kept and atomic-write temporaries)."""
    return sorted(directory.glob(pattern))


def _through_link(target: Path) -> Path:
    """The file a write to `target` replaces: the link's target for a symbolic link (OutputError for a broken one)."""
    if not target.is_symlink():
        return target
    try:
        return target.resolve(strict=True)
    except (OSError, RuntimeError):
        raise OutputError(
            "is a broken symbolic link (or a loop)", str(target), "point the link at a real file, or remove it"
        ) from None


def _keep_old(target: Path) -> Path | None:
    """A hard link (or copy) of the file about to be replaced, to put back if a later rename fails; None if new."""
    if not target.exists():
        return None
    old = target.with_name(f".{target.name}.old.tmp")
    old.unlink(missing_ok=True)
    try:
        os.link(target, old)
    except OSError:
        import shutil  # only here: it imports bz2 and lzma, 2 ms of every command's start

        shutil.copy2(target, old)
    return old


def _put_back(renamed: Sequence[Path], kept: dict[Path, Path | None]) -> list[Path]:
    """Undo the renames already done; the files that could not be restored."""
    lost = []
    for target in reversed(renamed):
        try:
            if kept[target] is None:
                target.unlink()
            else:
                os.replace(kept[target], target)
        except OSError:
            lost.append(target)
    return lost
