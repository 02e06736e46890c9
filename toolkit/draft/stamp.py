"""The stamp of a complete draft: a hash of everything it was made from, recorded in the PO header.

When every PO file of a run records the stamp its source would get now, re-drafting changes nothing and the
run stops early (no segmenting, no glossary, no engine). The stamp vouches for the inputs, not for the PO
file: an up-to-date file is still read strictly, so a malformed edit made since is refused, never passed over.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from toolkit.storage.po import read_catalog, recorded_stamp
from toolkit.textio import read_bytes
from toolkit.version import __version__


def draft_stamp(source: Path, encoding: str | None, glossary_files: Sequence[Path] = ()) -> str:
    """A hash of everything a complete draft depends on: toolkit version, source path and bytes, encoding, glossary files."""
    digest = hashlib.sha256(f"{__version__}\0{source}\0{encoding}\0".encode())
    digest.update(read_bytes(source))
    for path in glossary_files:
        digest.update(f"\0{path.name}\0".encode())
        digest.update(read_bytes(path))
    return digest.hexdigest()[:16]


def up_to_date(targets: Sequence[Path], stamps: Sequence[str]) -> bool:
    """Whether every target PO file records its stamp and still reads strictly (CatalogError if it does not)."""
    if not all(recorded_stamp(target) == stamp for target, stamp in zip(targets, stamps)):
        return False
    for target in targets:
        read_catalog(target)
    return True
