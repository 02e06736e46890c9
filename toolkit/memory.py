"""Translation memory from PO files: exact and near (fuzzy) lookups of earlier translations."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import polib
from rapidfuzz import fuzz, process

from toolkit.catalog import po_files as catalog_po_files
from toolkit.catalog import read_po

FUZZY_THRESHOLD = 75.0
"""Lowest similarity (rapidfuzz ratio, 0–100) at which an earlier translation is offered as a fuzzy match."""

_LENGTH_SLACK = FUZZY_THRESHOLD / (200.0 - FUZZY_THRESHOLD)
"""ratio = 2·common/(a+b) ≥ t needs min(a,b)/max(a,b) ≥ t/(200−t): a length prefilter that loses no match."""


@dataclass(frozen=True)
class Unit:
    """One earlier translation: source sentence, English, whether a translator confirmed it, and its PO file."""

    source: str
    target: str
    confirmed: bool
    origin: str


@dataclass(frozen=True)
class MemoryMatch:
    """A memory unit found for a sentence, with its similarity (100 for the same text)."""

    unit: Unit
    score: float

    @property
    def exact(self) -> bool:
        """Same source text and confirmed by a translator: reusable as is."""
        return self.score >= 100.0 and self.unit.confirmed


class Memory:
    """Earlier translations indexed by source: a dict for exact lookups, length buckets for fuzzy ones."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._exact: dict[str, Unit] = {}
        for unit in units:
            known = self._exact.get(unit.source)
            if known is None or (unit.confirmed and not known.confirmed):
                self._exact[unit.source] = unit
        ordered = sorted(self._exact.values(), key=lambda unit: len(unit.source))
        self._lengths = [len(unit.source) for unit in ordered]
        self._units = ordered
        self._sources = [unit.source for unit in ordered]

    def __len__(self) -> int:
        return len(self._units)

    def lookup(self, source: str) -> MemoryMatch | None:
        """The best earlier translation of `source`: the same text, else the most similar (≥ FUZZY_THRESHOLD)."""
        unit = self._exact.get(source)
        if unit is not None:
            return MemoryMatch(unit, 100.0)
        low = bisect.bisect_left(self._lengths, len(source) * _LENGTH_SLACK)
        high = bisect.bisect_right(self._lengths, len(source) / _LENGTH_SLACK)
        best = process.extractOne(source, self._sources[low:high], scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if best is None:
            return None
        _, score, index = best
        return MemoryMatch(self._units[low + index], round(score, 1))


def units_from_catalog(catalog: polib.POFile, origin: str) -> list[Unit]:
    """Every translated entry of a catalogue (obsolete ones too) as memory units.

    A catalogue translated *into* Chinese (`Language: zh…`, e.g. a zh_CN software PO) is read in reverse:
    its Chinese msgstr is the source, its msgid the English.
    """
    reverse = catalog.metadata.get("Language", "").lower().startswith("zh")
    return [
        Unit(entry.msgstr, entry.msgid, "fuzzy" not in entry.flags, origin)
        if reverse
        else Unit(entry.msgid, entry.msgstr, "fuzzy" not in entry.flags, origin)
        for entry in catalog
        if entry.msgid and entry.msgstr
    ]


def po_files(path: str | Path) -> list[Path]:
    """The PO files under a memory path: the file itself, or every *.po below a directory (sorted)."""
    return catalog_po_files([path], missing="no such translation memory file or directory",
                            hint="pass a .po file or a directory of them", allow_empty=True)


def load_memory(paths: Iterable[str | Path]) -> Memory:
    """A memory from PO files and directories of PO files; CatalogError with file:line on a bad one."""
    units: list[Unit] = []
    for path in paths:
        if Path(path).suffix.lower() == ".tmx" and Path(path).is_file():
            from toolkit.tmx import read_tmx  # TMX memory (CAT tools, `toolkit align -o x.tmx`)

            units.extend(read_tmx(path))
            continue
        for po_path in po_files(path):
            units.extend(units_from_catalog(read_po(po_path), str(po_path)))
    return Memory(units)
