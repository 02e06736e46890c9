"""Where the alignment path runs in a long pair, found coarse to fine (as Vecalign does), in linear time and memory.

Each sentence's weighted feature bag is hashed into a small dense sketch (SKETCH numbers: feature -> one slot
and a sign, so that the dot product of two sketches estimates the dot product of the bags). Both sides are cut
into the same number of blocks (the Chinese in blocks of `size` sentences, the English in as many blocks of
proportional size) and a path through the grid of blocks, from the first pair of blocks to the last, is found
by dynamic time warping on 1 − cosine. The top level (at most TOP blocks a side) is searched whole; each level
below has blocks FACTOR times smaller and is searched only within RADIUS blocks of the path above. Nothing
depends on how often a word recurs: a document repeated a hundred times costs what a hundred documents cost.

The path at blocks of FINEST sentences is the centre of the band that `search.py` searches sentence by sentence.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Sequence

import numpy as np

SKETCH = 256
"""Numbers per sentence sketch."""
TOP = 256
"""The most blocks a side searched whole."""
FACTOR = 4
FINEST = 4
"""Sentences per Chinese block at the finest level."""
RADIUS = 6
"""Blocks either side of the path above that a level searches."""
STEP = 0.1
"""The extra cost of a step that advances one side only (a block whose translation is longer or shorter)."""


def sketches(bags: Sequence[dict[str, float]], slots: dict[str, tuple[int, float]] | None = None) -> np.ndarray:
    """The sketch of each weighted bag (float32, one row a sentence); `slots` caches each feature's slot and sign."""
    slots = {} if slots is None else slots
    sketch = np.zeros((len(bags), SKETCH), dtype=np.float32)
    for start in range(0, len(bags), 4096):  # a chunk at a time: the triples never take more than a few MB
        rows, columns, values = array("l"), array("l"), array("f")
        for row, bag in enumerate(bags[start : start + 4096], start):
            for feature, weight in bag.items():
                slot = slots.get(feature)
                if slot is None:
                    digest = zlib.crc32(feature.encode("utf-8"))
                    slot = slots[feature] = (digest % SKETCH, 1.0 if digest & (1 << 31) else -1.0)
                rows.append(row)
                columns.append(slot[0])
                values.append(slot[1] * weight)
        np.add.at(
            sketch,
            (np.frombuffer(rows, dtype=np.int_), np.frombuffer(columns, dtype=np.int_)),
            np.frombuffer(values, dtype=np.float32),
        )
    return sketch


def centre_path(
    zh: np.ndarray, en: np.ndarray, progress: Callable[[float], None] | None = None
) -> list[tuple[float, float]]:
    """Points (Chinese sentence position, English sentence position) the alignment passes near, in order.

    `progress` is told the share of the work done after each level.
    """
    n, m = len(zh), len(en)
    sizes = [FINEST]
    while n / sizes[-1] > TOP:
        sizes.append(sizes[-1] * FACTOR)
    zh_sums = _prefix(zh)
    en_sums = _prefix(en)
    finest = max(1, -(-n // FINEST))
    zh_fine = _unit(_blocks(zh_sums, np.minimum(np.arange(finest + 1) * FINEST, n)))
    en_fine = _unit(_blocks(en_sums, _cuts(m, finest)))
    cells: list[tuple[int, int]] | None = None
    previous = 0
    for level, size in enumerate(reversed(sizes), 1):
        blocks = max(1, -(-n // size))
        zh_cuts = np.minimum(np.arange(blocks + 1) * size, n)
        en_cuts = _cuts(m, blocks)
        if cells is None:
            lo, hi = np.zeros(blocks, dtype=np.int64), np.full(blocks, blocks - 1, dtype=np.int64)
        else:
            lo, hi = _widen(cells, previous, blocks)
        cost = _costs(
            _unit(_blocks(zh_sums, zh_cuts)), _unit(_blocks(en_sums, en_cuts)), zh_fine, en_fine, size // FINEST, lo, hi
        )
        cells = _warp(cost, lo, hi)
        previous = blocks
        if progress is not None:
            progress(level / len(sizes))
    rows: dict[int, list[float]] = {}
    for row, column in cells or ():
        rows.setdefault(row, []).append((en_cuts[column] + en_cuts[column + 1]) / 2.0)
    return [((zh_cuts[row] + zh_cuts[row + 1]) / 2.0, float(np.mean(columns))) for row, columns in sorted(rows.items())]


def _prefix(sketch: np.ndarray) -> np.ndarray:
    """Row 0 zeros, then the running sums of the sketches (float64: block sums are differences of these)."""
    sums = np.zeros((len(sketch) + 1, sketch.shape[1]))
    np.cumsum(sketch, axis=0, out=sums[1:])
    return sums


def _unit(blocks: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(blocks, axis=1, keepdims=True)
    return np.divide(blocks, norms, out=np.zeros_like(blocks), where=norms > 0).astype(np.float32)


def _widen(cells: list[tuple[int, int]], coarse: int, blocks: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns each row of a finer level searches: the path above, scaled, RADIUS blocks either side."""
    lo = np.full(blocks, blocks, dtype=np.int64)
    hi = np.full(blocks, -1, dtype=np.int64)
    scale = blocks / coarse
    for row, column in cells:
        first, last = row * FACTOR, min(blocks, (row + 1) * FACTOR)  # Chinese blocks split exactly in FACTOR
        low, high = int(column * scale), int(np.ceil((column + 1) * scale)) - 1
        lo[first:last] = np.minimum(lo[first:last], low)
        hi[first:last] = np.maximum(hi[first:last], high)
    lo = np.minimum.accumulate(np.clip(lo - RADIUS, 0, blocks - 1)[::-1])[::-1]
    hi = np.maximum.accumulate(np.clip(hi + RADIUS, 0, blocks - 1))
    lo[0], hi[-1] = 0, blocks - 1
    return lo, np.maximum(hi, lo)


def _cuts(m: int, blocks: int) -> np.ndarray:
    """The English block boundaries: `blocks` blocks of proportional size."""
    return np.round(np.arange(blocks + 1) * (m / blocks)).astype(np.int64)


def _blocks(sums: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    return sums[cuts[1:]] - sums[cuts[:-1]]


def _costs(
    zh: np.ndarray, en: np.ndarray, zh_fine: np.ndarray, en_fine: np.ndarray, parts: int, lo: np.ndarray, hi: np.ndarray
) -> np.ndarray:
    """cost[i, k] of block i against English block lo[i] + k (inf outside the band): the mean of 1 − the cosine of
    the two blocks, and 1 − the mean cosine of their finest blocks taken in order along the diagonal.

    The second half sees order: in a document repeated many times, every block of one copy has the words of a
    block of the next, but not in the same order.
    """
    rows, columns = len(zh), len(en)
    width = int((hi - lo).max()) + 1
    index = lo[:, None] + np.arange(width)[None, :]
    inside = index <= hi[:, None]
    index = np.minimum(index, columns - 1)
    cost = np.empty((rows, width))
    fine_rows = np.arange(rows) * parts
    for k in range(width):
        bag = np.einsum("ij,ij->i", zh, en[index[:, k]])
        order = np.zeros(rows)
        for t in range(parts):
            zh_at, en_at = (
                np.minimum(fine_rows + t, len(zh_fine) - 1),
                np.minimum(index[:, k] * parts + t, len(en_fine) - 1),
            )
            order += np.einsum("ij,ij->i", zh_fine[zh_at], en_fine[en_at])
        cost[:, k] = 1.0 - (bag + order / parts) / 2.0
    return np.where(inside, cost, np.inf)


def _warp(cost: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[tuple[int, int]]:
    """The cheapest monotone path of cells from (0, 0) to (last, last) within columns lo[i]..hi[i] of each row.

    Symmetric dynamic time warping: a diagonal step counts its cell twice, a step along one side once plus STEP,
    so that every path weighs the same number of blocks and a block of one side with no counterpart (an
    untranslated stretch) is crossed straight, not eaten into diagonally.
    """
    rows, width = cost.shape
    columns = int(hi[-1]) + 1
    came = np.zeros((rows, width), dtype=np.int8)  # 0 diagonal, 1 from above, 2 from the left
    total = np.full(width, np.inf)
    for i in range(rows):
        entered = np.full(width, np.inf)
        if i == 0:
            entered[0] = cost[0, 0]
        else:
            shift = int(lo[i] - lo[i - 1])  # column k of row i is column k + shift of row i − 1
            take = np.arange(width) + shift
            ok = (take >= 0) & (take < width)
            vertical = np.where(ok, total[np.clip(take, 0, width - 1)], np.inf) + STEP
            ok_diagonal = (take - 1 >= 0) & (take - 1 < width)
            diagonal = np.where(ok_diagonal, total[np.clip(take - 1, 0, width - 1)], np.inf)
            vertical = vertical + cost[i]
            diagonal = diagonal + 2.0 * cost[i]  # symmetric: every path weighs each side's blocks once
            came[i] = np.where(vertical < diagonal, 1, 0)
            entered = np.minimum(vertical, diagonal)
        running = np.cumsum(np.where(np.isfinite(cost[i]), cost[i] + STEP, np.inf))
        with np.errstate(invalid="ignore"):  # inf − inf outside the band: no path there either way
            best = np.minimum.accumulate(np.where(np.isfinite(entered), entered - running, np.inf)) + running
        left = np.isfinite(best) & (best < entered - 1e-9)
        came[i, left] = 2
        total = np.where(left, best, entered)
    return _trace(came, lo, rows, columns)


def _trace(came: np.ndarray, lo: np.ndarray, rows: int, columns: int) -> list[tuple[int, int]]:
    cells = []
    i, j = rows - 1, columns - 1
    while True:
        cells.append((i, j))
        if i == 0 and j == 0:
            break
        step = came[i, j - lo[i]]
        if step == 2:
            j -= 1
        elif step == 1:
            i -= 1
        else:
            i, j = i - 1, j - 1
    return cells[::-1]
