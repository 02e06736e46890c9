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
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

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
    double: float = 0.4
    triple: float = 0.3
    skip: float = 0.7
    skip_from_pair: float = 0.6
    """When > 0, the skip cost is this fraction of the median 1–1 bead cost in the band (Vecalign calibrates its
    deletion cost from the pair the same way): a pair whose unrelated sentences look alike makes skips cheaper."""
    paragraph: float = 0.6
    quote: float = 0.4
    """A link that ends inside a quotation on one side and outside on the other (a speech cut in two where the
    other side keeps it whole) costs this much more."""
    question: float = 0.0
    """A link with a question mark (？/?) on one side and none on the other costs this much more (a question merged
    with the answer on one side, or a speech re-cut so that the question falls in another link). Off: 0.2 gains
    on the development pairs but loses a link on the held-out pair (docs/align.md, "Questions and sentence-final
    punctuation")."""
    band: int = 30
    anchor_df: int = 4
    part: float = 0.2
    learn: bool = False
    """A second pass with a lexicon learned from the first pass's confident links (IBM Model 1, learn.py)."""
    learn_share: float = 0.5
    """Which first-pass links teach it: the cheapest `learn_share` of the 1–1 links."""
    learn_merges: bool = False
    """Whether merged links (1–2, 2–1, …) teach it too, their sides joined."""
    learn_least: float = 0.2
    """A learned translation is kept when t(e|f) is at least this."""
    learn_seen: int = 2
    """… and its Chinese word was in at least this many teaching links."""
    learn_boost: float = 4.0
    """A CC-CEDICT gloss starts the EM this many times more likely than another word of the link."""
    learn_weight: float = 1.0
    """The weight of a learned word in a Chinese bag, times t(e|f)."""


@dataclass(frozen=True)
class Bead:
    """One link found: Chinese sentence ids, English sentence ids (0-based), and its cost."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    cost: float
    similarity: float


def _weighted(
    bags: Sequence[dict[str, float]], shared: set[str], count: int
) -> tuple[list[dict[str, float]], dict[str, int]]:
    """Each bag restricted to the features both sides have, weighted sqrt(count) · idf; and the document frequencies."""
    kept = [[f for f in bag if f in shared] for bag in bags]
    df: dict[str, int] = {}
    for features in kept:
        for feature in features:
            df[feature] = df.get(feature, 0) + 1
    idf = {feature: math.log(1.0 + count / seen) for feature, seen in df.items()}
    vectors = [{f: math.sqrt(bag[f]) * idf[f] for f in features} for bag, features in zip(bags, kept)]
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


def anchors(
    zh: list[dict[str, float]], en: list[dict[str, float]], zh_df: dict[str, int], en_df: dict[str, int], max_df: int
) -> list[tuple[int, int]]:
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


def band_limits(
    n: int, m: int, points: Sequence[tuple[float, float]], width: int, slack: float = 0.3
) -> tuple[np.ndarray, np.ndarray]:
    """For each boundary row i (0..n), the English boundaries [lo, hi] searched: around the path through `points`.

    `points` are in boundary coordinates (sentence i spans i..i+1: an anchor (i, j) is the point (i + 0.5, j + 0.5)),
    with increasing Chinese positions strictly inside 0..n. Between two points `slack` × their distance is added
    to the half-width (anchors far apart say little about the path between them; a dense coarse path needs none).
    """
    path = [(0.0, 0.0), *points, (float(n), float(m))]
    xs = np.array([p[0] for p in path])
    ys = np.array([p[1] for p in path])
    rows = np.arange(n + 1, dtype=float)
    centre = np.interp(rows, xs, ys)
    segment = np.clip(np.searchsorted(xs, rows, side="right") - 1, 0, len(xs) - 2)
    gap = np.maximum(xs[segment + 1] - xs[segment], ys[segment + 1] - ys[segment])
    half = width + slack * gap
    lo = np.clip(np.floor(centre - half), 0, m).astype(np.int64)
    hi = np.clip(np.ceil(centre + half), 0, m).astype(np.int64)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi[:-1] = np.maximum(hi[:-1], lo[1:])  # each row reaches where the next starts: the band stays connected
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m
    return lo, hi


def align(
    zh_bags: Sequence[dict[str, float]],
    en_bags: Sequence[dict[str, float]],
    zh_lengths: Sequence[int],
    en_lengths: Sequence[int],
    settings: Settings = Settings(),
    zh_paragraphs: Sequence[int] | None = None,
    en_paragraphs: Sequence[int] | None = None,
    progress: Callable[[str, float], None] | None = None,
    quotes: tuple[Sequence[bool], Sequence[bool]] | None = None,
    questions: tuple[bytes, bytes] | None = None,
) -> list[Bead]:
    """The cheapest sequence of beads covering both sides in order.

    `zh_paragraphs`/`en_paragraphs` (the paragraph number of each sentence, when the documents have them):
    a block of sentences from two paragraphs costs `settings.paragraph` more. `progress` is told the stage
    ("anchoring", "banded search") and how far it is (0..1). `quotes`: whether a quotation is still open at the
    end of each Chinese and each English sentence (`lexicon.open_quotes`), for `settings.quote`. `questions`: one
    byte a sentence, 1 when it has a question mark (`lexicon.question_marks`), for `settings.question`.
    """
    report = progress or (lambda stage, done: None)
    n, m = len(zh_bags), len(en_bags)
    if n == 0 or m == 0:
        return [Bead((i,), (), settings.skip, 0.0) for i in range(n)] + [
            Bead((), (j,), settings.skip, 0.0) for j in range(m)
        ]
    shared = set().union(*zh_bags) & set().union(*en_bags)
    zh, zh_df = _weighted(zh_bags, shared, n)
    en, en_df = _weighted(en_bags, shared, m)
    report("anchoring", 0.0)
    points, slack = _centre(zh, en, zh_df, en_df, settings, report)
    lo, hi = band_limits(n, m, points, settings.band, slack)
    report("banded search", 0.0)
    width = int((hi - lo).max()) + 1
    # Row i of every band array holds English boundaries j = lo[i] + k, k < width.
    columns = lo[:, None] + np.arange(width)[None, :]
    outside = columns > hi[:, None]
    similarity = _pair_similarities(zh, en, lo, width)
    paragraphs = (
        np.asarray(zh_paragraphs if zh_paragraphs is not None else [0] * n),
        np.asarray(en_paragraphs if en_paragraphs is not None else [0] * m),
    )
    costs = _bead_costs(zh, en, zh_lengths, en_lengths, lo, columns, outside, similarity, settings, paragraphs)
    if quotes is not None and settings.quote:
        zh_open = np.concatenate([[False], np.asarray(quotes[0], dtype=bool)])
        en_open = np.concatenate([[False], np.asarray(quotes[1], dtype=bool)])
        mismatch = (zh_open[:, None] != en_open[np.clip(columns, 0, m)]).astype(np.float32) * settings.quote
        for bead, cost in costs.items():
            costs[bead] = cost + mismatch
    if questions is not None and settings.question:
        _add_question_cost(costs, questions, columns, settings.question)
    if settings.skip_from_pair > 0:
        one_to_one = costs[(1, 1)][np.isfinite(costs[(1, 1)])]
        if one_to_one.size:
            skip = settings.skip_from_pair * float(np.median(one_to_one))
            costs[(1, 0)] = np.where(np.isfinite(costs[(1, 0)]), skip, np.inf).astype(np.float32)
            settings = replace(settings, skip=skip)
    report("banded search", 0.3)
    return _trace(_search(lo, width, costs, settings, report), lo, n, m, zh, en, costs, settings.skip)


def _add_question_cost(
    costs: dict[tuple[int, int], np.ndarray], questions: tuple[bytes, bytes], columns: np.ndarray, weight: float
) -> None:
    """Add `weight` to each bead (a ≥ 1, b ≥ 1) whose Chinese block has a question mark and English block none, or
    the other way round. Whether the block of 1–3 sentences ending at a boundary has one: a difference of running
    counts, per side (arrays of sentences + 1), then one gather of the English ones into the band."""

    def has(side: bytes) -> dict[int, np.ndarray]:
        count = np.zeros(len(side) + 1, dtype=np.int32)
        np.cumsum(np.frombuffer(side, dtype=np.uint8), out=count[1:])
        return {size: count > count[np.maximum(np.arange(len(count)) - size, 0)] for size in (1, 2, 3)}

    zh_has, en_has = has(questions[0]), has(questions[1])
    clipped = np.clip(columns, 0, len(questions[1]))
    en_band = {b: en_has[b][clipped] for b in (1, 2, 3)}
    for (a, b), cost in costs.items():
        if b:
            cost += np.float32(weight) * (zh_has[a][:, None] != en_band[b])  # float32, in place; inf stays inf


LONG = 1000
"""Pairs with more sentences than this a side are banded around the coarse-to-fine path (coarse.py) unless
their anchors are close together everywhere (a band at most NARROW times `Settings.band` wide)."""
NARROW = 4


def _centre(
    zh: list[dict[str, float]],
    en: list[dict[str, float]],
    zh_df: dict[str, int],
    en_df: dict[str, int],
    settings: Settings,
    report: Callable[[str, float], None],
) -> tuple[list[tuple[float, float]], float]:
    """Points the band follows and its slack: rare-word anchors in a short pair, or in a long one where they are
    dense; else the coarse-to-fine path (a book that repeats its words has no rare ones: its anchor band would be
    wide), a point every 4 Chinese sentences, with no slack."""
    points = [(i + 0.5, j + 0.5) for i, j in anchors(zh, en, zh_df, en_df, settings.anchor_df)]
    if max(len(zh), len(en)) <= LONG:
        return points, 0.3
    lo, hi = band_limits(len(zh), len(en), points, settings.band)
    if int((hi - lo).max()) <= NARROW * settings.band:
        return points, 0.3
    from toolkit.align.coarse import centre_path, sketches

    slots: dict[str, tuple[int, float]] = {}
    zh_sketch = sketches(zh, slots)
    en_sketch = sketches(en, slots)
    report("anchoring", 0.3)
    return centre_path(zh_sketch, en_sketch, lambda done: report("anchoring", 0.3 + 0.7 * done)), 0.0


def _pair_similarities(
    zh: list[dict[str, float]], en: list[dict[str, float]], lo: np.ndarray, width: int
) -> np.ndarray:
    """dots[i, k]: the dot product of Chinese sentence i−1 and English sentence lo[i]+k−1 (row 0 unused)."""
    n, m = len(zh), len(en)
    dots = np.zeros((n + 1, width), dtype=np.float32)  # band arrays in float32: half the memory
    postings: dict[str, list[int]] = {}
    for p, bag in enumerate(zh):
        for feature in bag:
            postings.setdefault(feature, []).append(p)
    starts = lo[1:] - 1  # Chinese sentence p sees English sentences starts[p] .. starts[p] + width − 1
    # Features in many sentences (dialogue marks, common words) are added a whole column at a time; walking their
    # postings pair by pair would cost a Python step for nearly every cell of the band.
    dense = {feature for feature, posting in postings.items() if len(posting) > max(64, n // 20)}
    if dense:
        _add_dense(dots, zh, en, {feature: column for column, feature in enumerate(sorted(dense))}, starts, width)
    first_rows = np.searchsorted(starts + width - 1, np.arange(m), side="left")
    last_rows = np.searchsorted(starts, np.arange(m), side="right")
    flat = dots.reshape(-1)
    for q, bag in enumerate(en):
        low, high = int(first_rows[q]), int(last_rows[q])
        if low >= high:
            continue
        for feature, weight in bag.items():
            posting = postings.get(feature)
            if not posting or feature in dense:
                continue
            for p in posting[bisect_left(posting, low) : bisect_left(posting, high)]:
                flat[(p + 1) * width + q - int(starts[p])] += weight * zh[p][feature]
    return dots


def _add_dense(
    dots: np.ndarray,
    zh: list[dict[str, float]],
    en: list[dict[str, float]],
    dense: dict[str, int],
    starts: np.ndarray,
    width: int,
) -> None:
    """Add to `dots` the part of each pair's dot product that comes from the `dense` features (feature -> column):
    both sides' weights of those features as two small matrices (one pass over the bags), then a column of the band
    at a time."""

    def weights(bags: list[dict[str, float]]) -> np.ndarray:
        matrix = np.zeros((len(bags), len(dense)), dtype=np.float32)
        for row, bag in enumerate(bags):
            for feature, weight in bag.items():
                column = dense.get(feature)
                if column is not None:
                    matrix[row, column] = weight
        return matrix

    zh_weights, en_weights = weights(zh), weights(en)
    m = len(en)
    for k in range(width):
        q = starts + k
        valid = (q >= 0) & (q < m)
        dots[1:, k] += np.where(valid, np.einsum("ij,ij->i", zh_weights, en_weights[np.clip(q, 0, max(m - 1, 0))]), 0.0)


def _shift_right(array: np.ndarray, by: int) -> np.ndarray:
    """Columns moved right by `by` (zeros come in on the left)."""
    if by == 0:
        return array
    shifted = np.zeros_like(array)
    shifted[:, by:] = array[:, :-by]
    return shifted


def _bead_costs(
    zh,
    en,
    zh_lengths,
    en_lengths,
    lo,
    columns,
    outside,
    dots,
    settings: Settings,
    paragraphs: tuple[np.ndarray, np.ndarray],
) -> dict[tuple[int, int], np.ndarray]:
    """For each bead (a, b) with a ≥ 1, the cost of the bead ending at (i, lo[i]+k), inf where impossible.

    Block dot products are sums of the sentence-pair ones: the rows of `dots` are first aligned to row i's
    columns for the 1–3 Chinese sentences above (one gather each), then shifted by whole columns.
    """
    n, m = len(zh), len(en)
    width = columns.shape[1]
    rows = np.arange(n + 1)[:, None]
    clipped = np.clip(columns, 0, m)
    # aligned[d][i, k] = dot of Chinese sentence i−1−d with English sentence lo[i]+k−1.
    aligned = [dots]
    for d in (1, 2):
        source_rows = np.clip(np.arange(n + 1) - d, 0, n)
        index = np.arange(width)[None, :] + (lo - lo[source_rows])[:, None]
        valid = (index < width) & (np.arange(n + 1) - d >= 1)[:, None]
        aligned.append(np.where(valid, dots[source_rows[:, None], np.minimum(index, width - 1)], 0.0))
    zh_blocks = [aligned[0], aligned[0] + aligned[1], aligned[0] + aligned[1] + aligned[2]]

    zh_len = np.concatenate([[0.0], np.cumsum(zh_lengths, dtype=float)])
    en_len = np.concatenate([[0.0], np.cumsum(en_lengths, dtype=float)])
    ratio = (en_len[-1] + 1.0) / (zh_len[-1] + 1.0)
    zh_para, en_para = (np.concatenate([[paragraph[0]], paragraph]) for paragraph in paragraphs)
    penalty = {
        (1, 1): 0.0,
        (1, 2): settings.merge,
        (2, 1): settings.merge,
        (2, 2): settings.double,
        (1, 3): settings.triple,
        (3, 1): settings.triple,
    }
    inv_two_sigma2 = 1.0 / (2.0 * settings.length_sigma**2)
    zh_norms = {a: norm[:, None] for a, norm in _block_norms(zh).items()}
    zh_selfs = np.concatenate([[0.0], [_dot(v, v) for v in zh]])
    spans: dict[tuple[int, int], np.ndarray] = {}
    en_selfs = np.concatenate([[0.0], [_dot(v, v) for v in en]])
    en_norms = {b: norm[clipped].astype(np.float32) for b, norm in _block_norms(en).items()}
    boundaries = np.arange(m + 1)
    en_chars = {b: (en_len - en_len[np.maximum(boundaries - b, 0)])[clipped].astype(np.float32) for b in (1, 2, 3)}
    en_spans = {b: (en_para != en_para[np.maximum(boundaries - b + 1, 0)])[clipped] for b in (1, 2, 3)}
    zh_boundaries = np.arange(n + 1)
    costs = {}
    for a, b in BEADS:
        if a == 0:
            continue
        impossible = outside | (rows < a) | (columns < b) | (columns > m)
        if b == 0:
            costs[(a, b)] = np.where(impossible, np.inf, settings.skip).astype(np.float32)
            continue
        dot = zh_blocks[a - 1]
        if b > 1:
            dot = sum(_shift_right(dot, t) for t in range(b))
        norm = np.sqrt(zh_norms[a] * en_norms[b])
        cosine = np.divide(dot, norm, out=np.zeros(columns.shape, dtype=np.float32), where=norm > 0)
        zh_chars = (zh_len - zh_len[np.maximum(zh_boundaries - a, 0)])[:, None]
        delta = np.log((en_chars[b] + 10.0) / (ratio * zh_chars + 10.0))
        zh_span = (zh_para != zh_para[np.maximum(zh_boundaries - a + 1, 0)])[:, None]
        local = settings.similarity * (1.0 - cosine) + settings.length * delta * delta * inv_two_sigma2
        if settings.part and (a > 1 or b > 1):
            local = local + settings.part * _weakest_part(
                a, b, aligned, zh_blocks[a - 1], zh_selfs, en_selfs, zh_norms[a], en_norms[b], clipped, spans
            )
        total = (a + b) / 2.0 * local + penalty[(a, b)] + settings.paragraph * (zh_span.astype(float) + en_spans[b])
        costs[(a, b)] = np.where(impossible, np.inf, total).astype(np.float32)
    return costs


def _block_norms(vectors: list[dict[str, float]]) -> dict[int, np.ndarray]:
    """Squared norm of the block of 1, 2, 3 sentences ending at each boundary (0 where the block does not fit)."""
    selfs = np.array([_dot(v, v) for v in vectors])
    nexts = [np.array([_dot(vectors[p], vectors[p + d]) for p in range(len(vectors) - d)]) for d in (1, 2)]
    norms = {}
    for size in (1, 2, 3):
        total = np.zeros(len(vectors) + 1)
        for t in range(size):
            total[size:] += selfs[size - 1 - t : len(vectors) - t]
            for d in (1, 2):
                if t + d < size:
                    total[size:] += 2 * nexts[d - 1][size - 1 - t - d : len(vectors) - t - d]
        norms[size] = total
    return norms


def _weakest_part(a, b, aligned, zh_block, zh_selfs, en_selfs, zh_norm, en_norm, clipped, spans) -> np.ndarray:
    """(1 − the lowest cosine between one sentence of a merged side and the whole other side)², per cell.

    A sentence that shares no evidence with the other side is more likely an omission (1–0/0–1) than part of a merge;
    sentences without features of their own (no evidence either way) are not counted. `spans` caches, per
    (Chinese offset d, English block size b), the dot of Chinese sentence i−1−d with the English block.
    """
    shape = zh_block.shape
    lowest = np.ones(shape, dtype=np.float32)
    rows = np.arange(shape[0])

    def lower(dot: np.ndarray, own: np.ndarray, other: np.ndarray) -> None:
        norm = np.sqrt(own * other)
        np.minimum(lowest, np.divide(dot, norm, out=np.ones(shape, dtype=np.float32), where=norm > 0), out=lowest)

    if a > 1:
        for d in range(a):
            for size in range(1, b + 1):
                if (d, size) not in spans:
                    spans[(d, size)] = (
                        aligned[d] if size == 1 else spans[(d, size - 1)] + _shift_right(aligned[d], size - 1)
                    )
            lower(spans[(d, b)], zh_selfs[np.clip(rows - d, 0, None)][:, None], en_norm)
    if b > 1:
        for t in range(b):
            lower(_shift_right(zh_block, t), en_selfs[np.clip(clipped - t, 0, None)], zh_norm)
    lowest = np.clip(lowest, 0.0, 1.0, out=lowest)
    np.subtract(1.0, lowest, out=lowest)
    return np.square(lowest, out=lowest)


def _search(
    lo: np.ndarray,
    width: int,
    costs: dict[tuple[int, int], np.ndarray],
    settings: Settings,
    report: Callable[[str, float], None],
) -> np.ndarray:
    """Dynamic programming over the band, row by row; returns the back-pointers (bead index) of every cell."""
    rows = len(lo)
    kinds = [bead for bead in BEADS if bead[0]]
    kind_index = np.array([BEADS.index(bead) for bead in kinds], dtype=np.int8)
    skip_en = BEADS.index((0, 1))
    totals = np.full((rows, width), np.inf)
    back = np.full((rows, width), -1, dtype=np.int8)
    steps = settings.skip * np.arange(width)
    candidates = np.full((len(kinds), width), np.inf)
    totals[0, 0] = 0.0
    every = max(1, rows // 20)
    for i in range(rows):
        if i % every == 0:
            report("banded search", 0.3 + 0.7 * i / rows)
        if i:
            candidates.fill(np.inf)
            for row, (a, b) in enumerate(kinds):
                if a > i:
                    continue
                shift = int(lo[i] - lo[i - a]) - b  # cell k of row i comes from cell k + shift of row i − a
                first, last = max(0, -shift), min(width, width - shift)
                if first < last:
                    candidates[row, first:last] = (
                        totals[i - a, first + shift : last + shift] + costs[(a, b)][i, first:last]
                    )
            choice = candidates.argmin(axis=0)
            best = candidates[choice, np.arange(width)]
            back[i] = np.where(np.isfinite(best), kind_index[choice], -1)
        else:
            best = totals[0].copy()
        # 0–1 beads (English skipped) run along the row: best[k] = min over k' ≤ k of best[k'] + skip·(k − k').
        running = np.minimum.accumulate(best - steps) + steps
        from_left = running < best - 1e-12
        best = np.where(from_left, running, best)
        back[i, from_left] = skip_en
        totals[i] = best
    return back


def _trace(
    back: np.ndarray,
    lo: np.ndarray,
    n: int,
    m: int,
    zh: list[dict[str, float]],
    en: list[dict[str, float]],
    costs: dict[tuple[int, int], np.ndarray],
    skip: float,
) -> list[Bead]:
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        kind = int(back[i, j - lo[i]])
        if kind < 0:
            raise RuntimeError("alignment search found no path (band too narrow)")
        a, b = BEADS[kind]
        zh_ids, en_ids = tuple(range(i - a, i)), tuple(range(j - b, j))
        cost = float(costs[(a, b)][i, j - lo[i]]) if a else skip
        beads.append(Bead(zh_ids, en_ids, cost, _cosine([zh[p] for p in zh_ids], [en[q] for q in en_ids])))
        i, j = i - a, j - b
    return beads[::-1]
