"""A translation lexicon learned from the pair itself: IBM Model 1 over the links of a first pass.

Hunalign bootstraps its dictionary from a first alignment; fast_align and IBM Model 1 learn t(e|f), the
probability that the Chinese word f is translated by the English word e, by expectation maximisation over
sentence pairs. Here the sentence pairs are the first pass's confident links, the EM starts from CC-CEDICT
(a gloss of f starts `seed` times as likely as another word of the linked English), and a NULL word on the
Chinese side takes the English words nothing translates. The pairs (f, e) kept are those that co-occur in a
confident link, so the table is bounded by the links (at most the product of their sentence lengths), never by
how often a word recurs in the book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

NULL = ""


def model1(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    seed: Callable[[str], Iterable[str]] = lambda word: (),
    boost: float = 4.0,
    iterations: int = 5,
) -> dict[str, dict[str, float]]:
    """t(e|f) for every Chinese word f and English word e that occur together in one of `pairs` (and NULL).

    `seed(f)`: the English words a dictionary gives for f; they start `boost` times as likely as the others.
    """
    table: dict[str, dict[str, float]] = {}
    for chinese, english in pairs:
        for f in (NULL, *chinese):
            row = table.setdefault(f, {})
            for e in english:
                row.setdefault(e, 1.0)
    for f, row in table.items():
        if f != NULL:
            for e in set(seed(f)) & row.keys():
                row[e] = 1.0 + boost
        total = sum(row.values())
        for e in row:
            row[e] /= total
    for _ in range(iterations):
        counts: dict[str, dict[str, float]] = {f: dict.fromkeys(row, 0.0) for f, row in table.items()}
        for chinese, english in pairs:
            sources = (NULL, *chinese)
            for e in english:
                total = sum(table[f][e] for f in sources)
                if total <= 0:
                    continue
                for f in sources:
                    counts[f][e] += table[f][e] / total
        for f, row in counts.items():
            total = sum(row.values())
            table[f] = {e: c / total for e, c in row.items()} if total > 0 else table[f]
    return table


def learned_lexicon(
    table: dict[str, dict[str, float]], occurrences: dict[str, int], least: float = 0.2, seen: int = 2
) -> dict[str, tuple[tuple[str, float], ...]]:
    """The translations worth adding to a Chinese bag: t(e|f) ≥ `least`, f seen in at least `seen` links
    (a word of one link gives its probability to every word of that link: no evidence)."""
    lexicon = {}
    for f, row in table.items():
        if f == NULL or occurrences.get(f, 0) < seen:
            continue
        kept = tuple(sorted(((e, p) for e, p in row.items() if p >= least), key=lambda item: -item[1]))
        if kept:
            lexicon[f] = kept
    return lexicon
