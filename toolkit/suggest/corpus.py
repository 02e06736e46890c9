"""The evidence suggestions are mined from: the finished pairs of PO files and TMX memories.

A PO entry counts when a translator confirmed it (translated, not fuzzy, not obsolete); a catalogue that
translates English into Chinese is read the other way round, one that is neither is refused. A TMX file is
aligned or exchanged memory: every Chinese–English pair in it counts, and the file is one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import CatalogError
from toolkit.storage.files import po_files
from toolkit.storage.po import read_catalog
from toolkit.storage.tmx import read_tmx
from toolkit.storage.units import Catalog, Direction, direction
from toolkit.suggest.model import Evidence

HINT = "pass PO files, TMX files or directories holding them, e.g. translations/"


def input_files(paths: Sequence[str | Path]) -> list[Path]:
    """The PO and TMX files `paths` name: files as given, directories searched for *.po and *.tmx."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if str(given) != "" and path.is_dir():
            in_dir = po_files([path], allow_empty=True) + sorted(
                p
                for p in path.rglob("*.tmx")
                if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not in_dir:
                raise CatalogError("no PO or TMX files in this directory", str(path), HINT)
            found.extend(in_dir)
        else:
            found.extend(po_files([given], missing="no such file or directory", hint=HINT))
    return list(dict.fromkeys(found))


def read_evidence(paths: Sequence[str | Path]) -> list[Evidence]:
    """Every finished Chinese–English pair in the PO and TMX files `paths` name, in file order."""
    evidence: list[Evidence] = []
    for path in input_files(paths):
        if path.suffix.lower() == ".tmx":
            evidence += [Evidence(unit.source, unit.target, str(path), str(path)) for unit in read_tmx(path)]
        else:
            evidence += catalog_evidence(read_catalog(path))
    return evidence


def catalog_evidence(catalog: Catalog) -> list[Evidence]:
    """The confirmed pairs of one catalogue, Chinese first whichever way it translates."""
    verdict = direction(catalog.header, catalog.units)
    if verdict.direction is Direction.OTHER:
        raise CatalogError(f"not a Chinese–English catalogue: {verdict.reason}", catalog.path, HINT)
    reverse = verdict.direction is Direction.REVERSE
    pairs = []
    for unit in catalog.live():
        if not unit.translated or unit.source_plural is not None or not unit.target:
            continue
        source, target = (unit.target, unit.source) if reverse else (unit.source, unit.target)
        pairs.append(Evidence(source, target, catalog.path, f"{catalog.path}:{unit.line}"))
    return pairs
