"""An `.argosmodel` archive checked before anything is unpacked: a regular file, a zip we can read
(no encryption, no compression method zipfile lacks), safe member names, a sane unpacked size
(MAX_UNPACKED_BYTES, MAX_EXPANSION), readable metadata, MODEL_FILES and a readable vocabulary."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from toolkit.errors import ModelError
from toolkit.packages.package import (
    VOCABULARY_FILE,
    PackageInfo,
    check_folder_name,
    check_model_files,
    check_vocabulary,
    package_info,
    parse_metadata,
)

MAX_UNPACKED_BYTES = 4 << 30
"""The most an archive may unpack to: the zh→en package is about 100 MB packed and hardly larger unpacked."""

MAX_EXPANSION = 100
"""The most an archive may grow when unpacked: model weights barely compress (about 1.1×), zip bombs grow 1000×."""

READABLE_METHODS = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
"""Compression methods Python's zipfile can unpack (not deflate64, method 9, which some Windows tools write)."""


def check_archive(path: str | Path) -> PackageInfo:
    """Validates an .argosmodel without unpacking it: a zip of one folder with metadata.json and the model, safe paths,
    a sane unpacked size."""
    return inspect_archive(Path(path))[0]


def inspect_archive(path: Path) -> tuple[PackageInfo, int]:
    """The package an .argosmodel holds and the bytes it unpacks to; ModelError if it is unsafe or not a package."""
    where = str(path)
    check_regular_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = [member.filename for member in members]
            unpacked = sum(member.file_size for member in members)
            check_unpacked_size(unpacked, path.stat().st_size, where)
            tops = set()
            for member in members:
                check_member(member, where)
                tops.add(PurePosixPath(member.filename).parts[0])
            if len(tops) != 1:
                found = ", ".join(sorted(tops)[:3]) or "nothing"
                raise ModelError(
                    f"an Argos package holds exactly one top-level folder, found {found}",
                    where,
                    "this is not an Argos package",
                )
            (top,) = tops
            check_folder_name(top, top)
            try:
                metadata = parse_metadata(archive.read(f"{top}/metadata.json"), where)
            except KeyError:
                raise ModelError(f"no {top}/metadata.json", where, "this is not an Argos package") from None
            vocabulary = f"{top}/{VOCABULARY_FILE}"
            if vocabulary in names:
                check_vocabulary(archive.read(vocabulary), where)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
        raise ModelError(f"not a zip archive or truncated ({error})", where, "download the .argosmodel again") from None
    except OSError as error:
        raise ModelError(f"cannot read file: {error.strerror}", where, "check its permissions") from None
    info = package_info(metadata, where, top, None)
    member_names = set(names)
    check_model_files(lambda required: f"{top}/{required}" in member_names, where)
    return info, unpacked


def check_unpacked_size(unpacked: int, packed: int, where: str) -> None:
    """ModelError for an archive that would unpack to more than MAX_UNPACKED_BYTES or grow more than MAX_EXPANSION times.

    The sizes are those the zip declares; zipfile never writes more than declared (it fails the CRC check instead).
    """
    bomb = "refusing to unpack it; download the package again from the Argos index"
    if unpacked > MAX_UNPACKED_BYTES:
        raise ModelError(
            f"unpacks to {size_text(unpacked)}, more than the {size_text(MAX_UNPACKED_BYTES)} a package may take",
            where,
            bomb,
        )
    if unpacked > MAX_EXPANSION * max(packed, 1):
        raise ModelError(
            f"unpacks to {size_text(unpacked)} from {size_text(packed)}, more than {MAX_EXPANSION} times its size"
            " (a zip bomb?)",
            where,
            bomb,
        )


def size_text(count: int) -> str:
    """A byte count for people: "512 B", "3.2 MiB", "4.0 GiB"."""
    units = ("B", "KiB", "MiB", "GiB")
    value, unit = float(count), 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    return f"{count} B" if unit == 0 else f"{value:.1f} {units[unit]}"


def check_regular_file(path: Path) -> None:
    """ModelError unless `path` is a regular file (opening a named pipe would wait for a writer forever)."""
    where = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ModelError("no such file", where, "check the path of the .argosmodel file") from None
    except OSError as error:
        raise ModelError(
            f"cannot read file: {error.strerror}", where, "check the path of the .argosmodel file"
        ) from None
    if stat.S_ISDIR(mode):
        raise ModelError(
            "is a directory, not an .argosmodel file",
            where,
            "pass the .argosmodel file; an unpacked package goes to `toolkit draft --model DIR`",
        )
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        raise ModelError(f"not a regular file ({kind})", where, "pass the downloaded .argosmodel file itself")


def check_member(member: zipfile.ZipInfo, where: str) -> None:
    """ModelError for a member that would land outside its folder, or that zipfile cannot unpack."""
    name = member.filename
    unsafe = "refusing to unpack an unsafe archive"
    pure = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ModelError(f"archive member has an absolute path: {name}", where, unsafe)
    if ".." in pure.parts:
        raise ModelError(f"archive member leaves its folder: {name}", where, unsafe)
    if "\\" in name or not pure.parts or not name.isprintable():
        raise ModelError(f"archive member has an unusable name: {name!r}", where, unsafe)
    if member.flag_bits & 0x1:
        raise ModelError(
            f"archive member is encrypted: {name}", where, "download the package again from the Argos index"
        )
    if member.compress_type not in READABLE_METHODS:
        raise ModelError(
            f"archive member uses compression method {member.compress_type} (only {', '.join(READABLE_METHODS.values())} can be read): {name}",
            where,
            "repack it as a plain zip (e.g. `zip -r`), or download it again from the Argos index",
        )
