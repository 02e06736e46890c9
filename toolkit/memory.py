"""Translation memory from PO and TMX files: exact, other-script and near (fuzzy) lookups of earlier translations.

Lookups compare script-normalised text (OpenCC traditional → simplified, as the glossary matches both
scripts), so a traditional sentence finds its simplified twin. Near matches of a large memory go
through a character-bigram index that only skips units which provably score below the threshold,
so the index returns exactly what a full scan would (see docs/memory.md).

Import-light on purpose (the CLI reads FUZZY_THRESHOLD for its help): rapidfuzz, numpy, OpenCC and
the readers are imported where a lookup or a read needs them.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.storage.units import Catalog, Direction, Unit, direction

FUZZY_THRESHOLD = 75.0
"""Default lowest similarity (rapidfuzz ratio, 0–100) at which an earlier translation is offered as a fuzzy match."""

FUZZY_THRESHOLD_TEXT = f"≥ {FUZZY_THRESHOLD:g} %"
"""How help texts and docs write the default threshold."""

NEAR_THRESHOLD = 90.0
"""The index first looks for units scoring at least this (a changed character or two): few postings to read."""

INDEX_MIN_UNITS = 2_000
"""From this many units on, near matches go through the bigram index; below, a full scan is as fast."""

SCRIPT_NORMALISATION = "t2s"
"""OpenCC configuration every source is compared through (traditional → simplified)."""

Normaliser = Callable[[Sequence[str]], list[str]]


def to_simplified(texts: Sequence[str]) -> list[str]:
    """`texts` in simplified script, through the glossary's OpenCC conversion (the one place OpenCC is called)."""
    from toolkit.glossary.convert import convert

    return convert([SCRIPT_NORMALISATION], texts)[0]  # no cache: a large memory would only fill it


def length_slack(threshold: float) -> float:
    """ratio = 2·common/(a+b) ≥ t needs min(a,b)/max(a,b) ≥ t/(200−t): a length prefilter that loses no match."""
    return threshold / (200.0 - threshold)


@dataclass(frozen=True)
class MemoryMatch:
    """A memory unit found for a sentence, with its similarity (100 for the same text, in either script)."""

    unit: Unit
    score: float
    other_script: bool = False
    """The unit's source is the sentence in the other script (same after normalisation, different as written)."""

    @property
    def exact(self) -> bool:
        """Same source text (in either script) and confirmed by a translator: reusable as is."""
        return self.score >= 100.0 and self.unit.translated


class Memory:
    """Earlier translations: dicts for exact lookups (as written and script-normalised), an index for near ones.

    `threshold` is the lowest similarity (0–100) of a near match; a unit counts as confirmed when its state is
    TRANSLATED (a fuzzy or outside unit is offered as a suggestion only).
    """

    def __init__(
        self,
        units: Iterable[Unit],
        *,
        threshold: float = FUZZY_THRESHOLD,
        normalise: Normaliser = to_simplified,
        index_from: int = INDEX_MIN_UNITS,
    ) -> None:
        if not 0.0 < threshold <= 100.0:
            raise ValueError(f"a similarity threshold is in (0, 100], not {threshold}")
        self.threshold = threshold
        exact: dict[str, Unit] = {}
        self._by_source: dict[str, list[Unit]] = {}
        for unit in units:
            self._by_source.setdefault(unit.source, []).append(unit)
            known = exact.get(unit.source)
            if known is None or (unit.translated and not known.translated):
                exact[unit.source] = unit
        self._exact = exact
        self._normalise = normalise
        units = list(exact.values())
        forms = normalise([unit.source for unit in units]) if units else []
        self._twins: dict[str, Unit] = {}
        for unit, form in zip(units, forms):
            known = self._twins.get(form)
            if known is None or (unit.translated and not known.translated):
                self._twins[form] = unit
        # Near matches: ordered by normalised length (stable), so the length prefilter is a slice; ties in
        # score go to the shorter source, then to the unit met first.
        order = sorted(range(len(units)), key=lambda i: len(forms[i]))
        self._units = [units[i] for i in order]
        self._sources = [forms[i] for i in order]
        self._lengths = [len(form) for form in self._sources]
        self._index: _BigramIndex | None = None
        self._index_from = index_from

    def __len__(self) -> int:
        return len(self._units)

    def same_source(self, source: str) -> list[Unit]:
        """Every unit whose source is `source` as written, in the order they were given."""
        return list(self._by_source.get(source, ()))

    def lookup(self, source: str) -> MemoryMatch | None:
        """The best earlier translation of `source`: see `lookup_all`."""
        return self.lookup_all([source])[0]

    def lookup_all(self, sources: Sequence[str]) -> list[MemoryMatch | None]:
        """For each sentence: a confirmed unit with the same text (as written, else in the other script), else an
        unconfirmed one, else the most similar unit scoring ≥ the threshold on normalised text, else None."""
        if not self._units:
            return [None for _ in sources]
        forms = self._normalise(list(sources))
        return [self._lookup(source, form) for source, form in zip(sources, forms)]

    def _lookup(self, source: str, form: str) -> MemoryMatch | None:
        same = self._exact.get(source)
        twin = self._twins.get(form)
        for unit in (same, twin):
            if unit is not None and unit.translated:
                return MemoryMatch(unit, 100.0, unit.source != source)
        if same is not None or twin is not None:
            unit = same or twin
            return MemoryMatch(unit, 100.0, unit.source != source)
        found = self._nearest(form)
        if found is None:
            return None
        position, score = found
        return MemoryMatch(self._units[position], round(score, 1))

    def _nearest(self, form: str) -> tuple[int, float] | None:
        """(position, score) of the best unit scoring ≥ the threshold against `form`, first of equals; or None."""
        if len(self._units) < self._index_from:
            slack = length_slack(self.threshold)
            low = bisect.bisect_left(self._lengths, len(form) * slack)
            high = bisect.bisect_right(self._lengths, len(form) / slack)
            return self._best(form, range(low, high), self.threshold)
        if self._index is None:
            self._index = _BigramIndex(self._sources)
        # A first pass at a high threshold reads few postings; when it finds a unit there, every unit that could
        # score as well is among its candidates, so its best is the answer. Otherwise the full pass at the threshold.
        for threshold in (NEAR_THRESHOLD, self.threshold) if self.threshold < NEAR_THRESHOLD else (self.threshold,):
            best = self._best(form, self._index.candidates(form, threshold), threshold)
            if best is not None:
                return best
        return None

    def _best(self, form: str, positions: Sequence[int], threshold: float) -> tuple[int, float] | None:
        """The first of the best-scoring `positions` (ascending) at or above `threshold`."""
        from rapidfuzz import fuzz, process

        best = process.extractOne(
            form, [self._sources[p] for p in positions], scorer=fuzz.ratio, score_cutoff=threshold
        )
        if best is None:
            return None
        _, score, index = best
        return positions[index], score


def required_overlap(a: int, b: int, threshold: float) -> int:
    """Fewest bigrams (counted with repetition) two strings of lengths a and b share when their ratio ≥ threshold.

    ratio = 200·L/(a+b) with L the longest common subsequence, so L ≥ ⌈t·(a+b)/200⌉. Of a's a−1 bigrams, each
    character outside the common subsequence breaks at most two, and each character of b outside it separates
    at most one more pair of neighbours: at least 3·L − a − b − 1 bigrams of a occur in b as well.
    """
    common = math.ceil(threshold * (a + b) / 200.0 - 1e-9)
    return 3 * common - a - b - 1


class _BigramIndex:
    """Character bigrams → (unit position, count), sorted by bigram then unit.

    Per query, the units that share at least `required_overlap` bigrams are found without reading the long
    lists of frequent bigrams: leaving out query bigrams worth D shared occurrences lowers any unit's count by
    at most D, so a unit needs (required − D) of the rare ones; D is chosen so that this is at least one. The
    frequent bigrams are then counted for those candidates only, by binary search.
    """

    def __init__(self, sources: Sequence[str], dense_from: float = 8.0) -> None:
        import numpy as np

        self._np = np
        self._dense_from = (
            dense_from  # candidates are counted by bincount once postings × this reach the range, else sorted
        )
        lengths = np.fromiter((len(source) for source in sources), dtype=np.int64, count=len(sources))
        points = np.frombuffer("".join(sources).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(len(sources), dtype=np.int64), lengths)
        inside = owner[:-1] == owner[1:]
        grams = (points[:-1] * 0x110000 + points[1:])[inside]
        units = owner[:-1][inside]
        shift = max(1, (len(sources) - 1).bit_length())
        if shift + (0x110000 * 0x110000).bit_length() <= 63:  # one sorted key: bigram in the high bits, unit below
            keys = np.sort((grams << shift) | units)
            grams, units = keys >> shift, keys & ((1 << shift) - 1)
        else:
            order = np.lexsort((units, grams))
            grams, units = grams[order], units[order]
        change = np.ones(len(grams), dtype=bool)
        change[1:] = (grams[1:] != grams[:-1]) | (units[1:] != units[:-1])
        starts = np.flatnonzero(change)
        self._counts = np.diff(np.r_[starts, len(grams)])
        self._grams = grams[starts]
        self._units = units[starts]
        self._lengths = lengths
        self._sorted_lengths = [len(source) for source in sources]

    def candidates(self, form: str, threshold: float) -> list[int]:
        """Positions, ascending, of every unit that may score ≥ threshold against `form` (a superset of those that do)."""
        np = self._np
        a = len(form)
        slack = length_slack(threshold)
        low = bisect.bisect_left(self._sorted_lengths, a * slack)
        high = bisect.bisect_right(self._sorted_lengths, a / slack)
        if low >= high:
            return []
        shortest, longest = self._sorted_lengths[low], self._sorted_lengths[high - 1]
        # required_overlap for every unit length in the range, indexed by length − shortest.
        needed_of = np.array([required_overlap(a, b, threshold) for b in range(shortest, longest + 1)])
        # Units too short for the bigram bound (needed ≤ 0) are all candidates: rapidfuzz scores them.
        short = [b for b in range(shortest, longest + 1) if needed_of[b - shortest] <= 0]
        always = range(low, bisect.bisect_right(self._sorted_lengths, max(short))) if short else range(0)
        bounded = [int(needed) for needed in needed_of if needed > 0]
        if not bounded:
            return list(always)
        bigrams = Counter(form[i : i + 2] for i in range(a - 1))
        keys = np.fromiter((ord(g[0]) * 0x110000 + ord(g[1]) for g in bigrams), dtype=np.int64, count=len(bigrams))
        wanted = list(bigrams.values())
        firsts = np.searchsorted(self._grams, keys, side="left").tolist()
        lasts = np.searchsorted(self._grams, keys, side="right").tolist()
        # Most frequent bigrams first into the left-out tail, as long as it stays worth < the least overlap needed.
        spare = min(bounded) - 1
        rare, frequent = [], []
        for p in sorted(range(len(keys)), key=lambda p: lasts[p] - firsts[p], reverse=True):
            if wanted[p] <= spare:
                spare -= wanted[p]
                frequent.append(p)
            else:
                spare = -1
                rare.append(p)
        skipped = sum(wanted[p] for p in frequent)
        rare = [p for p in rare if lasts[p] > firsts[p]]
        if not rare:
            return list(always)
        units = np.concatenate([self._units[firsts[p] : lasts[p]] for p in rare])
        shared = np.concatenate([np.minimum(self._counts[firsts[p] : lasts[p]], wanted[p]) for p in rare])
        inside = (units >= low) & (units < high)
        units, shared = units[inside], shared[inside]
        if len(units) * self._dense_from < high - low:  # few postings in a wide range: sort them
            units = np.sort(np.repeat(units, shared))
            starts = np.flatnonzero(np.diff(units, prepend=-1))
            chosen, overlap = units[starts], np.diff(np.append(starts, len(units)))
        else:  # count them over the range
            overlap = np.bincount(units - low, weights=shared)
            chosen = np.flatnonzero(overlap)
            chosen, overlap = chosen + low, overlap[chosen]
        needed = needed_of[self._lengths[chosen] - shortest]
        # The frequent bigrams, rarest first: after each, drop the units that can no longer reach what they need.
        for p in [None, *reversed(frequent)]:
            if p is not None:
                skipped -= wanted[p]
                posting = self._units[firsts[p] : lasts[p]]
                if len(posting):
                    at = np.minimum(np.searchsorted(posting, chosen), len(posting) - 1)
                    found = posting[at] == chosen
                    overlap[found] += np.minimum(self._counts[firsts[p] + at[found]], wanted[p])
            keep = (overlap + skipped >= needed) & (needed > 0)
            chosen, overlap, needed = chosen[keep], overlap[keep], needed[keep]
            if not len(chosen):
                break
        found = chosen.tolist()
        return sorted(set(found).union(always)) if always else found


def units_of(catalog: Catalog) -> list[Unit]:
    """The translated units of a catalogue (obsolete ones too) as memory, whichever way the catalogue translates.

    A catalogue translated *into* Chinese (`Language: zh…`, e.g. a zh_CN software PO) is read in reverse: its
    Chinese target is the source, its source the English. Fuzzy units stay fuzzy either way; plural units are left out.
    """
    usable = [unit for unit in catalog.units if unit.source and unit.target and unit.source_plural is None]
    if direction(catalog.header, catalog.live()).direction is Direction.REVERSE:
        return [unit._replace(source=unit.target, target=unit.source) for unit in usable]
    return usable


def memory_files(path: str | Path) -> list[Path]:
    """The files of one memory path: the file itself (.po or .tmx), or every *.po below a directory (sorted)."""
    from toolkit.storage.files import po_files

    if str(path) == "":  # pathlib would read it as the current directory
        from toolkit.errors import CatalogError

        raise CatalogError(
            "an empty translation memory path", "--tm ''", "pass a .po or .tmx file, or a directory of PO files"
        )
    return po_files(
        [path],
        missing="no such translation memory file or directory",
        hint="pass a .po or .tmx file, or a directory of PO files",
        allow_empty=True,
    )


def read_units(path: str | Path, *, trusted: bool = False) -> list[Unit]:
    """The memory units of one TMX file (fuzzy unless `trusted`, see toolkit.storage.tmx) or of one PO file read
    strictly (its own fuzzy flags decide; CatalogError with file:line for anything GNU msgfmt -c refuses)."""
    if Path(path).suffix.lower() == ".tmx":  # TMX from CAT tools or `toolkit align -o x.tmx`
        from toolkit.storage.tmx import read_tmx

        return read_tmx(path, trusted=trusted)
    from toolkit.storage.po import read_catalog

    return units_of(read_catalog(path))
