"""What an Argos package is: its metadata.json (language pair, version), its model files and vocabulary."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ModelError

MODEL_FILES = ("model/model.bin", "sentencepiece.model")
"""What a package folder needs besides metadata.json: we drive CTranslate2 + SentencePiece packages only."""

VOCABULARY_FILE = "model/shared_vocabulary.json"
"""CTranslate2's vocabulary, when the package has one: a JSON list of token strings."""

MAX_METADATA_BYTES = 1 << 20
"""metadata.json is a few hundred bytes; anything above a megabyte is not a package's metadata."""


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


def parse_metadata(
    data: bytes, where: str, hint: str = "this is not an Argos package", failure: str = "is not valid JSON"
) -> object:
    """metadata.json parsed; ModelError for bytes that are not UTF-8 JSON, or nested too deeply to parse."""
    if len(data) > MAX_METADATA_BYTES:
        raise ModelError(f"metadata.json is {len(data)} bytes, not a package's metadata", where, hint)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"metadata.json {failure} ({error})", where, hint) from None
    except RecursionError:
        raise ModelError("metadata.json is nested too deeply to read", where, hint) from None


def package_info(metadata: object, where: str, name: str, path: Path | None) -> PackageInfo:
    """A PackageInfo from parsed metadata.json, or ModelError if the codes are missing."""
    if not isinstance(metadata, dict):
        raise ModelError("metadata.json is not a JSON object", where, "this is not an Argos package")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise ModelError(f"metadata.json has no {key}", where, "this is not an Argos translation package")
        if not metadata[key].isprintable():
            raise ModelError(
                f"metadata.json has an unusable {key}: {metadata[key]!r}", where, "this is not an Argos package"
            )
    version = metadata.get("package_version", "")
    if not isinstance(version, (str, int, float)) or not _VERSION.fullmatch(str(version)):
        raise ModelError(
            f"metadata.json has an unusable package_version: {version!r} (expected e.g. 1.9)",
            where,
            "this is not a usable Argos package; get it again from the Argos package index",
        )
    links = metadata.get("links") or ()
    return PackageInfo(
        name=name,
        from_code=metadata["from_code"],
        to_code=metadata["to_code"],
        from_name=str(metadata.get("from_name", "")),
        to_name=str(metadata.get("to_name", "")),
        version=str(version),
        path=path,
        links=tuple(str(link) for link in links) if isinstance(links, list) else (),
    )


def check_folder_name(name: str, where: str) -> None:
    """ModelError for a package folder name that one line of `models list` or a path in a message cannot hold."""
    if not name.isprintable() or "\t" in name:
        raise ModelError(
            f"package folder name {name!r} holds a control character (a newline?)",
            where,
            "rename or remove that folder" if where != name else "this is not a usable Argos package",
        )


def read_package_dir(path: str | Path) -> PackageInfo:
    """The PackageInfo of an unpacked package directory; ModelError if metadata.json is missing or bad."""
    path = Path(path)
    where = ascii(str(path)) if not str(path).isprintable() else str(path)
    check_folder_name(path.name, where)
    metadata_path = path / "metadata.json"
    if not metadata_path.is_file():
        raise ModelError("no metadata.json", where, "point to an unpacked Argos package or an .argosmodel file")
    try:
        with open(metadata_path, "rb") as stream:
            data = stream.read(MAX_METADATA_BYTES + 1)
    except OSError as error:
        raise ModelError(f"metadata.json cannot be read ({error.strerror})", where, "reinstall the package") from None
    metadata = parse_metadata(data, where, "reinstall the package", "cannot be read")
    return package_info(metadata, str(metadata_path), path.name, path)


def check_model_files(has: Callable[[str], bool], where: str) -> None:
    """ModelError naming the first of MODEL_FILES that `has` (a test on a path inside the package folder) denies."""
    for required in MODEL_FILES:
        if not has(required):
            raise ModelError(
                f"the package has no {required}", where, "only SentencePiece + CTranslate2 Argos packages are supported"
            )


def check_vocabulary(data: bytes, where: str) -> None:
    """ModelError unless `data` (model/shared_vocabulary.json) is a JSON list of token strings."""
    hint = "the package is damaged: download it again"
    try:
        tokens = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ModelError(f"{VOCABULARY_FILE} is not valid JSON", where, hint) from None
    if not isinstance(tokens, list) or not tokens or not all(isinstance(token, str) for token in tokens):
        raise ModelError(f"{VOCABULARY_FILE} is not a list of tokens", where, hint)


def check_package_dir(path: str | Path) -> PackageInfo:
    """The PackageInfo of an unpacked package directory that holds everything drafting needs; ModelError if not."""
    info = read_package_dir(path)
    path = Path(path)
    check_model_files(lambda required: (path / required).is_file(), str(path))
    vocabulary = path / VOCABULARY_FILE
    if vocabulary.is_file():
        try:
            data = vocabulary.read_bytes()
        except OSError as error:
            raise ModelError(
                f"{VOCABULARY_FILE} cannot be read ({error.strerror})", str(path), "reinstall the package"
            ) from None
        check_vocabulary(data, str(path))
    return info


_VERSION = re.compile(r"(?:[0-9]+(?:[._][0-9]+)*)?")
"""An Argos package_version: ASCII digits in dot- or underscore-separated parts ("1.9", "1_0"), or none."""


def version_key(version: str) -> tuple[int, ...]:
    """A sortable key for versions like "1.9" or "1_9"; anything but ASCII digits counts as 0."""
    return tuple(int(part) if part.isascii() and part.isdigit() else 0 for part in version.replace("_", ".").split("."))
