"""Alignment quality as Vecalign scores it (Thompson & Koehn 2019): strict and lax precision, recall, F1.

- Precision looks at every test link (skips too): strict when the exact link is in the gold; lax when some
  of its Chinese sentences are linked in the gold to some of its English sentences.
- Recall is the same count with gold and test swapped, skips (1–0, 0–1) left out of both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

Pair = tuple[tuple[int, ...], tuple[int, ...]]

_IDS_LINE = regex.compile(r"\[([0-9, ]*)\]:\[([0-9, ]*)\](?::\S+)?")


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def parse_ids(text: str) -> list[Pair]:
    """Links in the Vecalign format, one a line: `[0,1]:[2]` (an optional `:score` after is ignored)."""
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _IDS_LINE.fullmatch(line.strip())
        if not match:
            raise ValueError(f"line {number}: not an alignment link like [0,1]:[2]: {line!r}")
        pairs.append(tuple(tuple(int(x) for x in side.split(",") if x.strip()) for side in match.groups()))
    return pairs


def format_ids(pairs: Iterable[Pair]) -> str:
    """The Vecalign format, one link a line."""
    return "".join(f"[{','.join(map(str, zh))}]:[{','.join(map(str, en))}]\n" for zh, en in pairs)


def _counts(gold: Sequence[Pair], test: Sequence[Pair]) -> tuple[int, int, int, int]:
    """(true strict, false strict, true lax, false lax) for the test links against the gold."""
    gold_set = {(tuple(zh), tuple(en)) for zh, en in gold if zh or en}
    linked: dict[int, set[int]] = {}
    for zh, en in gold_set:
        for i in zh:
            linked.setdefault(i, set()).update(en)
    true_strict = false_strict = true_lax = false_lax = 0
    for zh, en in {(tuple(zh), tuple(en)) for zh, en in test if zh or en}:
        if (zh, en) in gold_set:
            true_strict += 1
            true_lax += 1
        elif set(en) & set().union(*(linked.get(i, set()) for i in zh)):
            false_strict += 1
            true_lax += 1
        else:
            false_strict += 1
            false_lax += 1
    return true_strict, false_strict, true_lax, false_lax


def score(golds: Sequence[Sequence[Pair]], tests: Sequence[Sequence[Pair]]) -> Scores:
    """Scores over several documents (counts added up first, as Vecalign's score_multiple does)."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests, strict=True):
        p = [a + b for a, b in zip(p, _counts(gold, test))]
        both = lambda pairs: [(zh, en) for zh, en in pairs if zh and en]  # noqa: E731
        r = [a + b for a, b in zip(r, _counts(both(test), both(gold)))]

    def ratio(good: int, bad: int) -> float:
        return good / (good + bad) if good + bad else 0.0

    def f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    ps, rs, pl, rl = ratio(p[0], p[1]), ratio(r[0], r[1]), ratio(p[2], p[3]), ratio(r[2], r[3])
    return Scores(ps, rs, f1(ps, rs), pl, rl, f1(pl, rl))
