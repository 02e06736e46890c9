"""Sentence alignment search: confident 1–1 anchors first, then dynamic programming in a band around them.

The cost of a bead (a block of Chinese sentences linked to a block of English ones) mixes
- lexical similarity: the cosine of the two blocks' feature bags (idf-weighted, `lexicon.py`); block
  bags are sums, so a block's dot product is the sum of its sentence pairs' (computed once, in the band);
- length: Gale–Church on the log of the English/Chinese length ratio, the ratio estimated from the pair;
- a penalty per bead type (1–1 is free; merges and skips cost).
Costs are per sentence covered, so that merging two good 1–1 links never looks cheaper than keeping them.
Time and memory grow with (sentences × band width), linear in the length of the pair.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1))
"""The link shapes searched: (Chinese sentences, English sentences)."""


@dataclass(frozen=True)
class Settings:
    """The weights of the alignment cost (tuned on the development pairs in bench/align_dev/)."""

    similarity: float = 1.0
    length: float = 0.35
    length_sigma: float = 0.45
    merge: float = 0.08
    double: float = 0.5
    triple: float = 0.3
    skip: float = 0.85
    band: int = 30
    anchor_df: int = 4


@dataclass(frozen=True)
class Bead:
    """One link found: Chinese sentence ids, English sentence ids (0-based), and its cost."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    cost: float
    similarity: float


def _weighted(bags: Sequence[dict[str, float]], shared: set[str], count: int) -> tuple[list[dict[str, float]], dict[str, int]]:
    df: dict[str, int] = {}
    for bag in bags:
        for feature in bag:
            if feature in shared:
                df[feature] = df.get(feature, 0) + 1
    vectors = []
    for bag in bags:
        vectors.append(
            {f: math.sqrt(w) * math.log(1.0 + count / df[f]) for f, w in bag.items() if f in shared}
        )
    return vectors, df


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[f] for f, w in a.items() if f in b)


def _cosine(zh: list[dict[str, float]], en: list[dict[str, float]]) -> float:
    """The cosine of two blocks' summed bags (0 when a side is empty)."""
    if not zh or not en:
        return 0.0
    left: dict[str, float] = {}
    right: dict[str, float] = {}
    for block, total in ((zh, left), (en, right)):
        for bag in block:
            for feature, weight in bag.items():
                total[feature] = total.get(feature, 0.0) + weight
    norm = math.sqrt(_dot(left, left) * _dot(right, right))
    return _dot(left, right) / norm if norm else 0.0


def anchors(zh: list[dict[str, float]], en: list[dict[str, float]], zh_df: dict[str, int], en_df: dict[str, int],
            max_df: int) -> list[tuple[int, int]]:
    """Confident 1–1 pairs sharing rare features, mutual best matches, as one monotone chain."""
    n, m = len(zh), len(en)
    postings: dict[str, list[int]] = {}
    for i, bag in enumerate(zh):
        for feature in bag:
            if zh_df[feature] <= max_df and en_df.get(feature, 0) <= max_df:
                postings.setdefault(feature, []).append(i)
    best_for_en: dict[int, tuple[float, int]] = {}
    best_for_zh: dict[int, tuple[float, int]] = {}
    for j, bag in enumerate(en):
        scores: dict[int, float] = {}
        for feature, weight in bag.items():
            for i in postings.get(feature, ()):
                if abs(i / n - j / m) <= 0.25:
                    scores[i] = scores.get(i, 0.0) + weight * zh[i][feature]
        for i, score in scores.items():
            if score > best_for_en.get(j, (0.0, -1))[0]:
                best_for_en[j] = (score, i)
            if score > best_for_zh.get(i, (0.0, -1))[0]:
                best_for_zh[i] = (score, j)
    pairs = sorted((i, j) for j, (_, i) in best_for_en.items() if best_for_zh[i][1] == j)
    return _longest_chain(pairs)


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (i, j) pairs (sorted by i) with j strictly increasing."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[at] = j
            tail_index[at] = k
        previous[k] = tail_index[at - 1] if at else -1
    chain = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def band_limits(n: int, m: int, points: list[tuple[int, int]], width: int) -> tuple[np.ndarray, np.ndarray]:
    """For each boundary row i (0..n), the English boundaries [lo, hi] searched: around the anchor path."""
    path = [(0.0, 0.0)] + [(i + 0.5, j + 0.5) for i, j in points] + [(float(n), float(m))]
    xs = np.array([p[0] for p in path])
    ys = np.array([p[1] for p in path])
    rows = np.arange(n + 1, dtype=float)
    centre = np.interp(rows, xs, ys)
    segment = np.clip(np.searchsorted(xs, rows, side="right") - 1, 0, len(xs) - 2)
    gap = np.maximum(xs[segment + 1] - xs[segment], ys[segment + 1] - ys[segment])
    half = width + 0.3 * gap
    lo = np.clip(np.floor(centre - half), 0, m).astype(np.int64)
    hi = np.clip(np.ceil(centre + half), 0, m).astype(np.int64)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m
    return lo, hi


def align(zh_bags: Sequence[dict[str, float]], en_bags: Sequence[dict[str, float]], zh_lengths: Sequence[int],
          en_lengths: Sequence[int], settings: Settings = Settings()) -> list[Bead]:
    """The cheapest sequence of beads covering both sides in order."""
    n, m = len(zh_bags), len(en_bags)
    if n == 0 or m == 0:
        return [Bead((i,), (), settings.skip, 0.0) for i in range(n)] + [Bead((), (j,), settings.skip, 0.0) for j in range(m)]
    shared = set().union(*zh_bags) & set().union(*en_bags)
    zh, zh_df = _weighted(zh_bags, shared, n)
    en, en_df = _weighted(en_bags, shared, m)
    lo, hi = band_limits(n, m, anchors(zh, en, zh_df, en_df, settings.anchor_df), settings.band)
    # Sentence-pair similarities in the band: zh sentence p against en sentences off[p] .. off[p]+width-1.
    off = np.maximum(lo[: n] - 3, 0)
    top = np.minimum(hi[1:] + 3, m)
    width = int((top - off).max())
    dots = np.zeros((n, width + 1))
    postings: dict[str, list[int]] = {}
    for q, bag in enumerate(en):
        for feature in bag:
            postings.setdefault(feature, []).append(q)
    for p, bag in enumerate(zh):
        start, stop, row = int(off[p]), int(top[p]), dots[p]
        for feature, weight in bag.items():
            posting = postings.get(feature)
            if not posting:
                continue
            for k in range(bisect_left(posting, start), bisect_right(posting, stop - 1)):
                q = posting[k]
                row[q - start] += weight * en[q][feature]
    zh_self = [_dot(v, v) for v in zh]
    zh_next = [[_dot(zh[p], zh[p + d]) if p + d < n else 0.0 for p in range(n)] for d in (1, 2)]
    en_self = np.array([_dot(v, v) for v in en])
    en_next = [np.array([_dot(en[q], en[q + d]) if q + d < m else 0.0 for q in range(m)]) for d in (1, 2)]
    # Squared norm of the English block ending at boundary j with b sentences, for every j.
    en_norm = {1: np.concatenate([[0.0], en_self])}
    en_norm[2] = np.concatenate([[0.0, 0.0], en_self[1:] + en_self[:-1] + 2 * en_next[0][:-1]]) if m > 1 else np.zeros(m + 1)
    en_norm[3] = (
        np.concatenate([[0.0] * 3, en_self[2:] + en_self[1:-1] + en_self[:-2] + 2 * (en_next[0][1:-1] + en_next[0][:-2] + en_next[1][:-2])])
        if m > 2 else np.zeros(m + 1)
    )
    zh_len = np.concatenate([[0], np.cumsum(zh_lengths)]).astype(float)
    en_len = np.concatenate([[0], np.cumsum(en_lengths)]).astype(float)
    ratio = (en_len[-1] + 1.0) / (zh_len[-1] + 1.0)
    weights = {bead: (bead[0] + bead[1]) / 2.0 for bead in BEADS}
    penalty = {(1, 1): 0.0, (1, 2): settings.merge, (2, 1): settings.merge, (2, 2): settings.double,
               (1, 3): settings.triple, (3, 1): settings.triple}
    inv_two_sigma2 = 1.0 / (2.0 * settings.length_sigma ** 2)

    cost_rows: list[np.ndarray] = []
    back_rows: list[np.ndarray] = []
    for i in range(n + 1):
        columns = np.arange(lo[i], hi[i] + 1)
        best = np.full(len(columns), np.inf)
        back = np.full(len(columns), -1, dtype=np.int8)
        if i == 0:
            best[columns == 0] = 0.0
        for kind, (a, b) in enumerate(BEADS):
            if a == 0 or a > i:
                continue
            previous = cost_rows[i - a]
            source = columns - b
            start = int(lo[i - a])
            inside = (source >= start) & (source <= hi[i - a])
            if not inside.any():
                continue
            before = np.full(len(columns), np.inf)
            before[inside] = previous[source[inside] - start]
            if b == 0:
                total = before + settings.skip
            else:
                dot = np.zeros(len(columns))
                for p in range(i - a, i):
                    row = dots[p]
                    for t in range(1, b + 1):
                        index = columns - t - off[p]
                        valid = (index >= 0) & (index <= width) & inside
                        dot[valid] += row[index[valid]]
                zh_norm = sum(zh_self[p] for p in range(i - a, i)) + 2 * sum(
                    zh_next[d - 1][p] for p in range(i - a, i) for d in (1, 2) if p + d < i
                )
                norm = np.sqrt(zh_norm * en_norm[b][np.clip(columns, 0, m)])
                cosine = np.divide(dot, norm, out=np.zeros(len(columns)), where=norm > 0)
                zh_chars = zh_len[i] - zh_len[i - a]
                en_chars = en_len[np.clip(columns, 0, m)] - en_len[np.clip(source, 0, m)]
                delta = np.log((en_chars + 10.0) / (ratio * zh_chars + 10.0))
                local = settings.similarity * (1.0 - cosine) + settings.length * delta * delta * inv_two_sigma2
                total = before + weights[(a, b)] * local + penalty[(a, b)]
            better = total < best
            best[better] = total[better]
            back[better] = kind
        # 0–1 beads (English skipped) run along the row: best[j] = min over k ≤ j of best[k] + skip·(j − k).
        steps = settings.skip * np.arange(len(columns))
        running = np.minimum.accumulate(best - steps) + steps
        from_left = running < best - 1e-12
        best = np.where(from_left, running, best)
        back[from_left] = BEADS.index((0, 1))
        cost_rows.append(best)
        back_rows.append(back)
    return _trace(cost_rows, back_rows, lo, n, m, zh, en)


def _trace(cost_rows, back_rows, lo, n: int, m: int, zh: list[dict[str, float]], en: list[dict[str, float]]) -> list[Bead]:
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        kind = int(back_rows[i][j - lo[i]])
        if kind < 0:
            raise RuntimeError("alignment search found no path (band too narrow)")
        a, b = BEADS[kind]
        here = cost_rows[i][j - lo[i]]
        there = cost_rows[i - a][j - b - lo[i - a]]
        zh_ids, en_ids = tuple(range(i - a, i)), tuple(range(j - b, j))
        beads.append(Bead(zh_ids, en_ids, float(here - there), _cosine([zh[p] for p in zh_ids], [en[q] for q in en_ids])))
        i, j = i - a, j - b
    return beads[::-1]
