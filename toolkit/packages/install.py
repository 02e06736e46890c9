"""Unpacking and installing packages, and what is installed.

Installed packages live where argostranslate keeps them (`ARGOS_PACKAGES_DIR`, or
`$XDG_DATA_HOME/argos-translate/packages`), so Argos's own tools see what we install.
`argostranslate.settings` creates directories when imported, so it is imported only inside the
functions that need the packages directory or the index address.

An archive is unpacked into `.toolkit-unpack-<pid>-<random>` next to its destination, then renamed into
place; a folder like that whose process is gone (killed mid-unpack) is removed by the next unpack there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ModelError
from toolkit.packages.archive import check_archive, inspect_archive, size_text
from toolkit.packages.package import PackageInfo, check_package_dir, read_package_dir, version_key
from toolkit.paths import user_cache_dir

DRAFT_EXTRA_HINT = "install the drafting extra: pip install 'toolkit[draft]' (or run `make draft`)"

WORK_PREFIXES = (".toolkit-unpack-", ".toolkit-download-")
"""Temporary folders of an unpack or a download in progress: `<prefix><pid>-<random>`."""


def language_pair(path: str | Path) -> tuple[str, str]:
    """(from_code, to_code) of a package: an .argosmodel file or an unpacked package directory (nothing is unpacked)."""
    path = Path(path)
    info = read_package_dir(path) if path.is_dir() else check_archive(path)
    return info.from_code, info.to_code


def work_dir(prefix: str, parent: Path) -> Path:
    """A new temporary folder in `parent` named after this process, after removing those of processes that are gone."""
    remove_leftovers(parent)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def remove_leftovers(parent: Path) -> list[Path]:
    """Remove the unpack and download folders in `parent` whose process no longer runs; the folders removed."""
    removed = []
    try:
        children = list(parent.iterdir())
    except OSError:
        return removed
    for child in children:
        prefix = next((prefix for prefix in WORK_PREFIXES if child.name.startswith(prefix)), None)
        if prefix is None or not child.is_dir():
            continue
        pid = child.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and _running(int(pid)):
            continue
        shutil.rmtree(child, ignore_errors=True)
        removed.append(child)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def unpack_archive(
    path: str | Path, into: str | Path, *, staging: str | Path | None = None, replace: bool = True
) -> PackageInfo:
    """Validates and unpacks an .argosmodel into `into/<folder>`, replacing an older copy; all or nothing.

    The archive is extracted into a temporary folder in `staging` (default: the parent of `into`,
    so a crash never leaves a half package among the installed ones), then moved into place.
    With `replace=False` a folder already there (say, unpacked meanwhile by another run) is kept.
    If `into` did not exist and the unpack fails, it is removed again (no empty cache slot is left).
    """
    path, into = Path(path), Path(into)
    info, unpacked = inspect_archive(path)
    staging = Path(staging) if staging is not None else into.parent
    created = not into.exists()
    try:
        into.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(staging).free
        if unpacked > free:
            _remove_if_empty(into, created)
            raise ModelError(
                f"unpacking {path.name} needs {size_text(unpacked)} but only {size_text(free)} is free",
                str(staging),
                "free some disk space there",
            )
        work = work_dir(WORK_PREFIXES[0], staging)
    except OSError as error:
        _remove_if_empty(into, created)
        raise ModelError(
            f"cannot write there ({error.strerror})", str(into), "check permissions or disk space"
        ) from None
    target = into / info.name
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(work)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
            raise ModelError(f"cannot unpack ({error})", str(path), "download the .argosmodel again") from None
        if replace or not target.exists():
            _refuse_foreign(target)
            _move_into_place(work / info.name, target, work / ".replaced")
    except BaseException:
        _remove_if_empty(into, created)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return read_package_dir(target)


def _remove_if_empty(directory: Path, created: bool) -> None:
    """Remove `directory` if this run created it and it is still empty."""
    if created:
        try:
            directory.rmdir()
        except OSError:
            pass


def _refuse_foreign(target: Path) -> None:
    """ModelError when `target` exists and is not an installed package (an earlier install is replaced, nothing else)."""
    if not os.path.lexists(target):
        return
    if target.is_symlink() or not target.is_dir() or not (target / "metadata.json").is_file():
        raise ModelError(
            "exists and is not an installed Argos package: it is not replaced",
            str(target),
            "move it out of the packages folder, then install again",
        )


def _move_into_place(unpacked: Path, target: Path, aside: Path) -> None:
    """Renames `unpacked` to `target`; an older `target` is moved `aside` first and put back on failure."""
    replaced = target.exists()
    try:
        if replaced:
            os.replace(target, aside)
        os.replace(unpacked, target)
    except OSError as error:
        if replaced and aside.exists() and not target.exists():
            os.replace(aside, target)
        raise ModelError(
            f"cannot move the unpacked package into place ({error.strerror})",
            str(target),
            "the packages folder and its parent must be on one file system and writable",
        ) from None


def load_package(path: str | Path, cache_dir: str | Path | None = None) -> Path:
    """An .argosmodel file (validated, unpacked once into the cache) or an unpacked package dir -> complete package dir."""
    path = Path(path)
    if path.is_dir():
        check_package_dir(path)
        return path
    if not path.exists():
        raise ModelError(
            "no such file or directory", str(path), "give an .argosmodel file or an unpacked package directory"
        )
    info = check_archive(path)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    slot = cache / _file_digest(path)
    if not (slot / info.name / "metadata.json").is_file():
        unpack_archive(path, slot, staging=cache, replace=False)
    check_package_dir(slot / info.name)
    return slot / info.name


def default_cache_dir() -> Path:
    """Where .argosmodel files given with --model are unpacked unless the caller says: <user cache>/packages."""
    return user_cache_dir() / "packages"


def _file_digest(path: Path) -> str:
    """Short SHA-256 of a file's content, to key the unpack cache."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def argos_settings():
    """argostranslate's settings module (imported here, late: it creates directories on import)."""
    try:
        from argostranslate import settings
    except ImportError:
        raise ModelError("argostranslate is not installed", None, DRAFT_EXTRA_HINT) from None
    return settings


def packages_dir() -> Path:
    """The directory argostranslate installs packages into (honours ARGOS_PACKAGES_DIR)."""
    return Path(argos_settings().package_data_dir)


@dataclass(frozen=True)
class InstalledPackages:
    """What argostranslate's package directories hold: the usable packages, and one error per broken one."""

    packages: tuple[PackageInfo, ...]
    broken: tuple[ModelError, ...] = ()


def installed_packages() -> InstalledPackages:
    """Every package in argostranslate's package directories, sorted by name.

    Folders without metadata.json are skipped (not packages); folders whose metadata.json cannot be
    read or lacks the language codes, or whose name holds a control character, go to `broken`, so one
    damaged package does not hide the others.
    """
    packages, broken = [], []
    for directory in argos_settings().package_dirs:
        directory = Path(directory)
        if not directory.is_dir():
            continue
        for child in sorted(directory.iterdir()):
            if child.is_dir() and (child / "metadata.json").is_file():
                try:
                    packages.append(read_package_dir(child))
                except ModelError as error:
                    broken.append(error)
    return InstalledPackages(tuple(packages), tuple(broken))


def find_installed(
    from_codes: tuple[str, ...], to_code: str, *, also: Callable[[str], bool] | None = None
) -> PackageInfo | None:
    """The installed package for the first of `from_codes` that has one (highest version), or None.

    `also`: other source codes to accept after those (e.g. any code naming Chinese, such as zh-TW), least preferred.
    If none matches and a package is broken, that package's ModelError is raised instead: it may be the one wanted.
    """
    installed = installed_packages()
    for from_code in from_codes:
        matching = [p for p in installed.packages if p.from_code == from_code and p.to_code == to_code]
        if matching:
            return max(matching, key=lambda p: version_key(p.version))
    if also is not None:
        matching = [p for p in installed.packages if p.to_code == to_code and also(p.from_code)]
        if matching:
            return max(matching, key=lambda p: version_key(p.version))
    if installed.broken:
        raise installed.broken[0]
    return None


def install_from_file(path: str | Path) -> PackageInfo:
    """Validates an .argosmodel and installs it into argostranslate's package directory."""
    check_archive(path)
    return unpack_archive(path, packages_dir())
