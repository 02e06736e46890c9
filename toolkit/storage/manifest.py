"""The manifest of what a command wrote into a directory: `.toolkit-built`, the sha256 of each file.

    # toolkit build: ...
    3f1c...e9  000_53be3466f5beab3d.txt

One line per file, in the format of `sha256sum` (so `sha256sum -c .toolkit-built` in that directory checks
them). A command recognises its own earlier output by it (storage.output's `ours`): a file whose bytes are
listed under its name was written by the command and not changed since; any other file is someone's work.
A name may be listed twice while a write is under way (the old and the new bytes), so a run stopped half-way
still recognises every file it left.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import regex

from toolkit.errors import InputError
from toolkit.storage.output import Ours, write_output
from toolkit.textio import read_bytes

MANIFEST = ".toolkit-built"
"""The manifest's file name, in the directory of the files it lists."""

_HEADER = (
    "# toolkit build: the sha256 of each English document it wrote here (`sha256sum -c .toolkit-built` checks them).\n"
    "# A listed file is rebuilt without asking; any other file, or a listed one changed since, needs --force.\n"
)
_LINE = regex.compile(r"([0-9a-f]{64})  ([^/\n]+)")


@dataclass(frozen=True)
class Manifest:
    """The digests listed in one directory's manifest: file name -> the sha256 (hex) of each bytes written there."""

    path: Path
    digests: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def ours(self, name: str) -> Ours:
        """Whether bytes found in the file `name` are listed for it: for storage.output.check_output(ours=...)."""
        listed = self.digests.get(name, frozenset())
        return lambda data: digest(data) in listed

    def with_written(self, written: Mapping[str, bytes], *, keep_old: bool) -> Manifest:
        """The manifest once `written` (name -> bytes) is on disk; `keep_old` lists the old bytes too (for the write)."""
        digests = {name: set(hashes) for name, hashes in self.digests.items()}
        for name, data in written.items():
            digests[name] = (digests.get(name, set()) if keep_old else set()) | {digest(data)}
        return Manifest(self.path, {name: frozenset(hashes) for name, hashes in digests.items()})

    def render(self) -> str:
        lines = [f"{hash_}  {name}\n" for name in sorted(self.digests) for hash_ in sorted(self.digests[name])]
        return _HEADER + "".join(lines)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(directory: Path) -> Manifest:
    """The manifest in `directory` (empty when there is none); InputError for one that is not exactly a manifest."""
    path = directory / MANIFEST
    if not path.exists():
        return Manifest(path)
    raw = read_bytes(path, noun="manifest")
    digests: dict[str, set[str]] = {}
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        lines = ["\0"]
    for number, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if not match:
            raise InputError(
                f"line {number} is not '<sha256>  <file name>': not a build manifest",
                str(path),
                "restore it from version control, or delete it (build then asks --force before replacing its documents)",
            )
        digests.setdefault(match.group(2), set()).add(match.group(1))
    return Manifest(path, {name: frozenset(hashes) for name, hashes in digests.items()})


def write_manifest(manifest: Manifest) -> None:
    """Write the manifest (atomically; over a manifest only: read_manifest refused anything else)."""
    write_output(manifest.path, manifest.render(), ours=lambda data: True, force=False)
