"""Argos model packages: validate, unpack, list and install (from a file or the Argos package index).

An Argos package is a zip (`.argosmodel`) of one top-level folder holding `metadata.json`
(`from_code`, `to_code`, ...), a CTranslate2 model in `model/` and a `sentencepiece.model`.
An archive is checked before anything is unpacked: a regular file, safe member names, a sane
unpacked size (MAX_UNPACKED_BYTES, MAX_EXPANSION, the free space), the metadata and MODEL_FILES.
Installed packages live where argostranslate keeps them (`ARGOS_PACKAGES_DIR`, or
`$XDG_DATA_HOME/argos-translate/packages`), so Argos's own tools see what we install.

`argostranslate.settings` creates directories when imported, so it is imported only inside the
functions that need the packages directory or the index address.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from toolkit.errors import ModelError

INDEX_TIMEOUT = 10.0
USER_AGENT = "toolkit (ArgosTranslate-compatible)"


@dataclass(frozen=True)
class PackageInfo:
    """One Argos package: installed (with `path`) or offered by the index (with `links`)."""

    name: str
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    path: Path | None = None
    links: tuple[str, ...] = ()

    @property
    def pair(self) -> str:
        """Language pair as `from→to`."""
        return f"{self.from_code}→{self.to_code}"


def _package_info(metadata: object, where: str, name: str, path: Path | None) -> PackageInfo:
    """A PackageInfo from parsed metadata.json, or ModelError if the codes are missing."""
    if not isinstance(metadata, dict):
        raise ModelError("metadata.json is not a JSON object", where, "this is not an Argos package")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise ModelError(f"metadata.json has no {key}", where, "this is not an Argos translation package")
    links = metadata.get("links") or ()
    return PackageInfo(
        name=name,
        from_code=metadata["from_code"],
        to_code=metadata["to_code"],
        from_name=str(metadata.get("from_name", "")),
        to_name=str(metadata.get("to_name", "")),
        version=str(metadata.get("package_version", "")),
        path=path,
        links=tuple(str(link) for link in links) if isinstance(links, list) else (),
    )


def read_package_dir(path: str | Path) -> PackageInfo:
    """The PackageInfo of an unpacked package directory; ModelError if metadata.json is missing or bad."""
    path = Path(path)
    metadata_path = path / "metadata.json"
    if not metadata_path.is_file():
        raise ModelError("no metadata.json", str(path), "point to an unpacked Argos package or an .argosmodel file")
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"metadata.json cannot be read ({error})", str(path), "reinstall the package") from None
    return _package_info(metadata, str(metadata_path), path.name, path)


MODEL_FILES = ("model/model.bin", "sentencepiece.model")
"""What a package folder needs besides metadata.json: we drive CTranslate2 + SentencePiece packages only."""


def _check_model_files(has: Callable[[str], bool], where: str) -> None:
    """ModelError naming the first of MODEL_FILES that `has` (a test on a path inside the package folder) denies."""
    for required in MODEL_FILES:
        if not has(required):
            raise ModelError(
                f"the package has no {required}", where, "only SentencePiece + CTranslate2 Argos packages are supported"
            )


def check_package_dir(path: str | Path) -> PackageInfo:
    """The PackageInfo of an unpacked package directory that holds everything drafting needs; ModelError if not."""
    info = read_package_dir(path)
    _check_model_files(lambda required: (Path(path) / required).is_file(), str(path))
    return info


MAX_UNPACKED_BYTES = 4 << 30
"""The most an archive may unpack to: the zh→en package is about 100 MB packed and hardly larger unpacked."""

MAX_EXPANSION = 100
"""The most an archive may grow when unpacked: model weights barely compress (about 1.1×), zip bombs grow 1000×."""


def check_archive(path: str | Path) -> PackageInfo:
    """Validates an .argosmodel without unpacking it: a zip of one folder with metadata.json and the model, safe paths,
    a sane unpacked size."""
    return _inspect_archive(Path(path))[0]


def _inspect_archive(path: Path) -> tuple[PackageInfo, int]:
    """The package an .argosmodel holds and the bytes it unpacks to; ModelError if it is unsafe or not a package."""
    where = str(path)
    _check_regular_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            unpacked = sum(member.file_size for member in archive.infolist())
            _check_unpacked_size(unpacked, path.stat().st_size, where)
            tops = set()
            for name in names:
                _check_member_name(name, where)
                tops.add(PurePosixPath(name).parts[0])
            if len(tops) != 1:
                found = ", ".join(sorted(tops)[:3]) or "nothing"
                raise ModelError(
                    f"an Argos package holds exactly one top-level folder, found {found}",
                    where,
                    "this is not an Argos package",
                )
            (top,) = tops
            try:
                metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
            except KeyError:
                raise ModelError(f"no {top}/metadata.json", where, "this is not an Argos package") from None
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise ModelError(f"metadata.json is not valid JSON ({error})", where, "this is not an Argos package") from None
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
        raise ModelError(f"not a zip archive or truncated ({error})", where, "download the .argosmodel again") from None
    except OSError as error:
        raise ModelError(f"cannot read file: {error.strerror}", where, "check its permissions") from None
    info = _package_info(metadata, where, top, None)
    members = set(names)
    _check_model_files(lambda required: f"{top}/{required}" in members, where)
    return info, unpacked


def _check_unpacked_size(unpacked: int, packed: int, where: str) -> None:
    """ModelError for an archive that would unpack to more than MAX_UNPACKED_BYTES or grow more than MAX_EXPANSION times.

    The sizes are those the zip declares; zipfile never writes more than declared (it fails the CRC check instead).
    """
    bomb = "refusing to unpack it; download the package again from the Argos index"
    if unpacked > MAX_UNPACKED_BYTES:
        raise ModelError(f"unpacks to {_size(unpacked)}, more than the {_size(MAX_UNPACKED_BYTES)} a package may take",
                         where, bomb)
    if unpacked > MAX_EXPANSION * max(packed, 1):
        raise ModelError(f"unpacks to {_size(unpacked)} from {_size(packed)}, more than {MAX_EXPANSION} times its size"
                         " (a zip bomb?)", where, bomb)


def _size(count: int) -> str:
    """A byte count for people: "512 B", "3.2 MiB", "4.0 GiB"."""
    units = ("B", "KiB", "MiB", "GiB")
    value, unit = float(count), 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    return f"{count} B" if unit == 0 else f"{value:.1f} {units[unit]}"


def _check_regular_file(path: Path) -> None:
    """ModelError unless `path` is a regular file (opening a named pipe would wait for a writer forever)."""
    where = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ModelError("no such file", where, "check the path of the .argosmodel file") from None
    except OSError as error:
        raise ModelError(f"cannot read file: {error.strerror}", where, "check the path of the .argosmodel file") from None
    if stat.S_ISDIR(mode):
        raise ModelError("is a directory, not an .argosmodel file", where,
                         "pass the .argosmodel file; an unpacked package goes to `toolkit draft --model DIR`")
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        raise ModelError(f"not a regular file ({kind})", where, "pass the downloaded .argosmodel file itself")


def _check_member_name(name: str, where: str) -> None:
    """ModelError for an archive member that would land outside its folder, or elsewhere on Windows."""
    unsafe = "refusing to unpack an unsafe archive"
    pure = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ModelError(f"archive member has an absolute path: {name}", where, unsafe)
    if ".." in pure.parts:
        raise ModelError(f"archive member leaves its folder: {name}", where, unsafe)
    if "\\" in name or not pure.parts:
        raise ModelError(f"archive member has an unusable name: {name!r}", where, unsafe)


def unpack_archive(
    path: str | Path, into: str | Path, *, staging: str | Path | None = None, replace: bool = True
) -> PackageInfo:
    """Validates and unpacks an .argosmodel into `into/<folder>`, replacing an older copy; all or nothing.

    The archive is extracted into a temporary folder in `staging` (default: the parent of `into`,
    so a crash never leaves a half package among the installed ones), then moved into place.
    With `replace=False` a folder already there (say, unpacked meanwhile by another run) is kept.
    """
    path, into = Path(path), Path(into)
    info, unpacked = _inspect_archive(path)
    staging = Path(staging) if staging is not None else into.parent
    try:
        into.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(staging).free
        if unpacked > free:
            raise ModelError(f"unpacking {path.name} needs {_size(unpacked)} but only {_size(free)} is free",
                             str(staging), "free some disk space there")
        work = Path(tempfile.mkdtemp(prefix=".toolkit-unpack-", dir=staging))
    except OSError as error:
        raise ModelError(f"cannot write there ({error.strerror})", str(into), "check permissions or disk space") from None
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(work)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise ModelError(f"cannot unpack ({error})", str(path), "download the .argosmodel again") from None
        target = into / info.name
        if replace or not target.exists():
            _move_into_place(work / info.name, target, work / ".replaced")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return read_package_dir(target)


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
        raise ModelError("no such file or directory", str(path), "give an .argosmodel file or an unpacked package directory")
    info = check_archive(path)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    slot = cache / _file_digest(path)
    if not (slot / info.name / "metadata.json").is_file():
        unpack_archive(path, slot, staging=cache, replace=False)
    check_package_dir(slot / info.name)
    return slot / info.name


def default_cache_dir() -> Path:
    """Where .argosmodel files given with --model are unpacked: $XDG_CACHE_HOME/toolkit/packages."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "toolkit" / "packages"


def _file_digest(path: Path) -> str:
    """Short SHA-256 of a file's content, to key the unpack cache."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


DRAFT_EXTRA_HINT = "install the drafting extra: pip install 'toolkit[draft]' (or run `make draft`)"


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
    read or lacks the language codes go to `broken`, so one damaged package does not hide the others.
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


def find_installed(from_codes: tuple[str, ...], to_code: str) -> PackageInfo | None:
    """The installed package for the first of `from_codes` that has one (highest version), or None.

    If none matches and a package is broken, that package's ModelError is raised instead: it may be the one wanted.
    """
    installed = installed_packages()
    for from_code in from_codes:
        matching = [p for p in installed.packages if p.from_code == from_code and p.to_code == to_code]
        if matching:
            return max(matching, key=lambda p: _version_key(p.version))
    if installed.broken:
        raise installed.broken[0]
    return None


def _version_key(version: str) -> tuple[int, ...]:
    """A sortable key for versions like "1.9" or "1_9"; non-numbers count as 0."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.replace("_", ".").split("."))


def index_url() -> str:
    """The Argos package index address (ARGOS_PACKAGE_INDEX, as argostranslate reads it)."""
    return argos_settings().remote_package_index


def fetch_index(url: str | None = None, *, timeout: float = INDEX_TIMEOUT) -> list[PackageInfo]:
    """The packages offered by the Argos package index; ModelError in one line if it cannot be reached."""
    url = url or index_url()
    data = _download(url, timeout=timeout, what="the Argos package index")
    try:
        entries = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"the package index is not valid JSON ({error})", url, "try again later") from None
    if not isinstance(entries, list):
        raise ModelError("the package index is not a JSON list", url, "check ARGOS_PACKAGE_INDEX")
    offered = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("from_code") and entry.get("to_code"):
            name = f"{entry.get('type', 'translate')}-{entry['from_code']}_{entry['to_code']}"
            offered.append(_package_info(entry, url, name, None))
    return offered


def _download(url: str, *, timeout: float, what: str) -> bytes:
    """The body at `url`; ModelError naming `what` for an HTTP error, a timeout or no network."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        raise ModelError(
            f"{what} answered HTTP {error.code} {error.reason}", url, "try again later, or install from a file"
        ) from None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ModelError(
            f"cannot reach {what} ({reason}; offline?)",
            url,
            "download the .argosmodel elsewhere and run `toolkit models install FILE.argosmodel`",
        ) from None


def install_from_file(path: str | Path) -> PackageInfo:
    """Validates an .argosmodel and installs it into argostranslate's package directory."""
    check_archive(path)
    return unpack_archive(path, packages_dir())


def install_from_index(
    from_code: str, to_code: str, *, url: str | None = None, timeout: float = INDEX_TIMEOUT
) -> PackageInfo:
    """Downloads the newest `from_code`→`to_code` package named by the index, validates and installs it."""
    url = url or index_url()
    offered = [p for p in fetch_index(url, timeout=timeout) if p.from_code == from_code and p.to_code == to_code]
    if not offered:
        raise ModelError(
            f"the package index has no {from_code}→{to_code} package", url, "run `toolkit models list --available`"
        )
    package = max(offered, key=lambda p: _version_key(p.version))
    if not package.links:
        raise ModelError(f"the index gives no download link for {package.name}", url, "install from a file")
    target = packages_dir()
    problem: ModelError | None = None
    for link in package.links:
        try:
            data = _download(link, timeout=timeout, what=f"the download of {package.name}")
        except ModelError as error:
            problem = error
            continue
        with tempfile.TemporaryDirectory(prefix=".toolkit-download-", dir=target.parent) as work:
            archive = Path(work) / f"{package.name}.argosmodel"
            archive.write_bytes(data)
            return unpack_archive(archive, target)
    assert problem is not None
    raise problem
